#!/usr/bin/env python3
"""The house's include rules, checked over src/ (ctest: structure.includes).

Each room of src/ may include only the rooms listed for it (the data's path:
io -> model -> measure -> plan -> report, with api over them and cli on top), and
third-party libraries stay in their adapters: GDAL/OGR only in src/io, GEOS only in
src/geom, CBC only in the solver's MIP adapter. Prints every breach as
file:line: what, and exits 1 if there is any.

Usage: check_includes.py [SOURCE_DIR]
"""
import pathlib
import re
import sys

# Which project rooms each room may include ("stationplan" is the public API).
ALLOWED = {
    "io": {"io", "stationplan"},
    "geom": {"geom", "stationplan"},
    "solve": {"solve", "stationplan"},
    "model": {"model", "io", "geom", "stationplan"},
    "measure": {"measure", "model", "geom", "stationplan"},
    "plan": {"plan", "solve", "measure", "model", "geom", "stationplan"},
    "report": {"report", "plan", "measure", "model", "io", "geom", "stationplan"},
    "api": {"api", "report", "plan", "solve", "measure", "model", "io", "geom", "stationplan"},
    # The command line: the public API and its own files only.
    "cli": {"cli", "stationplan"},
}
# Third-party headers and the rooms that alone may include them.
LIBRARIES = [
    (re.compile(r"^(gdal|ogr|cpl_|ogrsf_frmts)"), {"io"}, "GDAL/OGR"),
    (re.compile(r"^geos"), {"geom"}, "GEOS"),
    (re.compile(r"^(Cbc|Osi|Clp|Coin|coin/)"), {"solve", "plan"}, "COIN-OR CBC"),
]
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
    src = root / "src"
    problems = []
    files = sorted(p for p in src.rglob("*") if p.suffix in {".cpp", ".hpp", ".h"})
    for path in files:
        room = path.relative_to(src).parts[0]
        if room not in ALLOWED:
            problems.append(f"{path.relative_to(root)}: room src/{room}/ has no include rule in scripts/check_includes.py")
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            quote, header = m.groups()
            where = f"{path.relative_to(root)}:{number}"
            if quote == '"':
                target = header.split("/")[0] if "/" in header else room
                if target not in ALLOWED[room]:
                    problems.append(f'{where}: src/{room}/ may not include "{header}" (room {target})')
            else:
                for pattern, rooms, name in LIBRARIES:
                    if pattern.match(header) and room not in rooms:
                        problems.append(f"{where}: {name} header <{header}> outside src/{'|'.join(sorted(rooms))}/")
    # The public headers: only the public API and the standard library.
    for path in sorted((root / "include" / "stationplan").glob("*.hpp")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = INCLUDE.match(line)
            if m and m.group(1) == '"' and not m.group(2).startswith("stationplan/"):
                problems.append(f'{path.relative_to(root)}:{number}: a public header includes "{m.group(2)}"')
    for p in problems:
        print(p)
    print(f"check_includes: {len(files)} files under src/, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

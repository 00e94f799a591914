#!/usr/bin/env bash
# The output GeoPackages open styled in QGIS: check (plain and --redact) and suggest on
# the sample, then every layer opened headless in QGIS (tests/qgis/open_styled.py).
#   qgis_styles.sh STATIONPLAN SOURCE_DIR WORK_DIR
set -euo pipefail
cli=$1 src=$2 work=$3
. "$src/tests/support/skip.sh"
/usr/bin/python3 -c 'import qgis.core' 2>/dev/null || skip "needs QGIS's Python bindings (packages python3-qgis, qgis-providers)"
rm -rf "$work" && mkdir -p "$work"
scenario=$src/analysis/jinshui-baseline.toml
run() { "$cli" "$@" -q || [ $? -eq 1 ]; }  # 1: some rule fails, outputs written
run check "$scenario" --out "$work/check"
run check "$scenario" --redact --out "$work/redacted"
run suggest "$scenario" --out "$work/suggest"
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$work/xdg
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
status=0
for out in check redacted suggest; do
  echo "== $out"
  /usr/bin/python3 "$src/tests/qgis/open_styled.py" "$work/$out/coverage.gpkg" "$src/reports/styles" "$work/$out.png" || status=1
done
# The suggestions layer is styled too.
/usr/bin/python3 - "$work/suggest/coverage.gpkg" <<'PY' || status=1
import sys
from osgeo import ogr
ds = ogr.Open(sys.argv[1])
names = [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]
assert "suggestions" in names, names
PY
exit $status

#!/usr/bin/env bash
# The main job: install, build, then run `stationplan report` on the bundled Jinshui
# sample, which checks it (rules R1-R7), suggests where to add stations (LSCP),
# regroups deputies, and writes all their outputs plus report.html, report.pdf and
# PNG maps into out/jinshui-baseline/. Prints the path of report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# Only the binary: a new build tree is configured without the tests and benchmarks
# (whose GoogleTest, benchmark and PROJ the main job does not install); an existing
# one keeps its own choices.
options=()
[ -f build/CMakeCache.txt ] || options=(-DSTATIONPLAN_BUILD_TESTS=OFF -DSTATIONPLAN_BUILD_BENCH=OFF)
# The compiler's output goes to a log, shown only when the build fails.
mkdir -p build
log=build/sample-build.log
echo "sample: building stationplan (log: $(pwd)/$log)"
build_status=0
bash scripts/build.sh --target stationplan ${options[@]+"${options[@]}"} >"$log" 2>&1 || build_status=$?
if [ "$build_status" -ne 0 ]; then
  tail -n 40 "$log" >&2
  echo "sample: the build failed (status $build_status); its whole output is in $(pwd)/$log" >&2
  exit "$build_status"
fi
out=out/jinshui-baseline
status=0
./build/src/stationplan report analysis/jinshui-baseline.toml --out "$out" || status=$?
if [ "$status" -ge 2 ]; then exit "$status"; fi
echo "sample: outputs in $(pwd)/$out (exit status $status: 0 all rules hold, 1 some rule fails)"
echo "sample: report $(pwd)/$out/report.html"

#!/usr/bin/env bash
# The main job: install, build, and check the bundled Jinshui sample.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh --target stationplan >/dev/null
status=0
./build/src/stationplan check analysis/jinshui-baseline.toml --out out/jinshui-baseline || status=$?
if [ "$status" -ge 2 ]; then exit "$status"; fi
echo "sample: outputs in $(pwd)/out/jinshui-baseline (exit status $status: 0 all rules hold, 1 some rule fails)"

#!/usr/bin/env bash
# Install (the main job's packages and the test tools), build everything (warnings are errors) and run every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --tests
bash scripts/build.sh -DSTATIONPLAN_BUILD_TESTS=ON -DSTATIONPLAN_BUILD_BENCH=ON
jobs=$(nproc 2>/dev/null || echo 2)
cd build && ctest --output-on-failure -j"$jobs"

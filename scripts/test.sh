#!/usr/bin/env bash
# Install (the main job's packages and the test tools), build everything (warnings
# are errors) and run every test with ctest.
#   test.sh              the whole suite, in ./build
#   test.sh --sanitize   the whole suite built with AddressSanitizer and
#                        UndefinedBehaviorSanitizer, in ./build-asan
#   test.sh --tsan       the threaded cases (ctest label "threads") built with
#                        ThreadSanitizer, in ./build-tsan
# Further arguments go to ctest (e.g. -LE reference to leave the OR-Library
# reference runs out, -L unit for the unit tier). Where STATIONPLAN_NO_SKIP=1 (CI),
# a test that would skip for a missing tool or input fails instead.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=plain
case "${1:-}" in
  --sanitize) mode=asan; shift ;;
  --tsan) mode=tsan; shift ;;
esac
bash scripts/install-deps.sh --tests
jobs=$(nproc 2>/dev/null || echo 2)
case "$mode" in
  plain)
    bash scripts/build.sh -DSTATIONPLAN_BUILD_TESTS=ON -DSTATIONPLAN_BUILD_BENCH=ON
    cd build && exec ctest --output-on-failure -j"$jobs" "$@" ;;
  asan)
    # GCC's extra warnings under instrumentation are not the code's: not errors here.
    bash scripts/build.sh --build-dir build-asan -DSTATIONPLAN_WERROR=OFF -DSTATIONPLAN_SANITIZE=address,undefined \
      -DSTATIONPLAN_BUILD_TESTS=ON -DSTATIONPLAN_BUILD_BENCH=ON
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    export LSAN_OPTIONS=suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0
    cd build-asan && exec ctest --output-on-failure -j"$jobs" "$@" ;;
  tsan)
    bash scripts/build.sh --build-dir build-tsan -DSTATIONPLAN_WERROR=OFF -DSTATIONPLAN_SANITIZE=thread \
      -DSTATIONPLAN_BUILD_TESTS=ON -DSTATIONPLAN_BUILD_BENCH=OFF \
      --target stationplan --target stationplan_unit_tests --target stationplan_cli_tests
    export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/sanitizers/tsan.supp
    cd build-tsan && exec ctest --output-on-failure -j"$jobs" -L threads "$@" ;;
esac

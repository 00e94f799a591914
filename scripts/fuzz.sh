#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/) with clang into ./build-fuzz and runs each in
# turn, printing its executions, time and crashes.
# Usage: fuzz.sh [--runs N | --seconds S] [--max-len L] [--jobs J] [--leaks] [harness ...]
#   --runs N      executions per harness (default 1000000)
#   --seconds S   run each harness for S seconds instead
#   --max-len L   longest input in bytes (default 4096)
#   --jobs J      build jobs (default 2)
#   --leaks       leak checks for deputies_xlsx too (slow: see below)
#   harness       scenario deputies_csv deputies_xlsx address orlib_pmed orlib_scp
#                 orlib_capmed sjc csv_instance (default: all)
# Each harness starts from fuzz/corpus/<name> and fuzz/regressions/<name>; new inputs
# go to build-fuzz/corpus/<name>, crashes to build-fuzz/artifacts/<name>/, the log to
# build-fuzz/logs/<name>.log. Exit status 1 when a harness found a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=1000000
seconds=""
max_len=4096
jobs=2
leaks=0
harnesses=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; seconds=""; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --max-len) max_len="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --leaks) leaks=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) harnesses+=("$1"); shift ;;
  esac
done
[ ${#harnesses[@]} -gt 0 ] || harnesses=(scenario deputies_csv deputies_xlsx address orlib_pmed orlib_scp orlib_capmed sjc csv_instance)
for h in "${harnesses[@]}"; do
  [ -f "fuzz/${h}_fuzz.cpp" ] || { echo "fuzz.sh: no harness fuzz/${h}_fuzz.cpp" >&2; exit 2; }
done

# The report's Leaflet from the normal build when it is there (no second npm ci).
web=()
[ -f build/web/node_modules/leaflet/dist/leaflet.js ] && web=(-DSTATIONPLAN_WEB_MODULES="$PWD/build/web/node_modules")
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTATIONPLAN_FUZZ=ON \
  -DSTATIONPLAN_BUILD_TESTS=OFF -DSTATIONPLAN_BUILD_BENCH=OFF ${web[@]+"${web[@]}"} >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=(--target "${h}_fuzz"); done
nice -n 10 cmake --build build-fuzz -j"$jobs" "${targets[@]}"

found=0
printf '%-14s %12s %9s %9s %8s %8s\n' harness executions seconds exec/s corpus crashes
for h in "${harnesses[@]}"; do
  work=build-fuzz/corpus/$h artifacts=build-fuzz/artifacts/$h log=build-fuzz/logs/$h.log
  mkdir -p "$work" "$artifacts" build-fuzz/logs
  seeds=(fuzz/corpus/"$h")
  [ -d fuzz/regressions/"$h" ] && seeds+=(fuzz/regressions/"$h")
  extra=()
  # GDAL keeps a listing of every archive it opened (/vsizip/, cached by name): the
  # workbooks' listings make most inputs end with more allocations than frees, and
  # libFuzzer then runs a full leak scan after each (55 instead of 950 exec/s). The
  # long run goes without; `fuzz.sh --leaks deputies_xlsx` checks leaks on a short one.
  [ "$h" = deputies_xlsx ] && [ "$leaks" -eq 0 ] && extra=(-detect_leaks=0)
  limit=(-runs="$runs")
  [ -n "$seconds" ] && limit=(-max_total_time="$seconds")
  before=$(find "$artifacts" -type f | wc -l)
  start=$(date +%s.%N)
  status=0
  nice -n 10 build-fuzz/fuzz/"${h}_fuzz" "${limit[@]}" ${extra[@]+"${extra[@]}"} -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "${seeds[@]}" >"$log" 2>&1 || status=$?
  end=$(date +%s.%N)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  crashes=$(( $(find "$artifacts" -type f | wc -l) - before ))
  [ "$status" -eq 0 ] || [ "$crashes" -gt 0 ] || crashes=1
  [ "$crashes" -eq 0 ] || found=1
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
  rate=$(awk -v n="${execs:-0}" -v s="$secs" 'BEGIN { print n / s }')
  printf '%-14s %12s %9.0f %9.0f %8s %8s\n' "$h" "${execs:-?}" "$secs" "$rate" "$(find "$work" -type f | wc -l)" "$crashes"
  [ "$status" -eq 0 ] || echo "  $h: exit status $status; see $log" >&2
done
exit "$found"

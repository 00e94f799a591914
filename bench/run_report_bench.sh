#!/usr/bin/env bash
# Report benchmark: `stationplan report` on a whole synthetic city (about 3,500
# stations, 7,000 grids, 50,000 deputies); measures report.html's size and how long
# headless Chromium takes to render it. Builds nothing: pass the build dir.
#
#   bench/run_report_bench.sh            # build dir ./build
#   bench/run_report_bench.sh build-rel  # another build dir
#   BENCH_RUNS=5 bench/run_report_bench.sh
#   BENCH_OUT=/tmp/city bench/run_report_bench.sh   # data and logs elsewhere
#
# Generates bench/out-city/ (gitignored) when bench/out-city/bench.toml is missing,
# runs the report once (--no-pdf --no-rebalance --time-limit 20, see bench/README.md),
# renders report.html BENCH_RUNS times (default 3) with bench/report_render.cjs and
# prints a markdown block for bench/RESULTS.md. Logs stay in bench/out-city/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-./build}" && pwd) || { echo "run_report_bench.sh: no build dir '${1:-./build}'" >&2; exit 2; }
runs=${BENCH_RUNS:-3}
out=${BENCH_OUT:-$root/bench/out-city}
time_limit=${BENCH_TIME_LIMIT:-20}
cli=$build/src/stationplan
gen=$build/bench/stationplan-make-bench-district
modules=$build/web/node_modules
city=(--deputies 50000 --stations 3500 --side-km 40 --streets-per-side 12 --communities-per-street-side 4
  --grids-per-street-side 7)

for exe in "$cli" "$gen"; do
  if [[ ! -x $exe ]]; then
    echo "run_report_bench.sh: $exe is missing; build it first:" >&2
    echo "  cmake --build $build -j2 --target stationplan stationplan-make-bench-district" >&2
    exit 2
  fi
done
if [[ ! -d $modules/playwright-core ]]; then
  echo "run_report_bench.sh: $modules/playwright-core is missing (the build installs it with the web assets)" >&2
  exit 2
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
if [[ -n $build_type && $build_type != Release && $build_type != RelWithDebInfo ]]; then
  echo "run_report_bench.sh: warning: $build is a '$build_type' build; numbers will not be representative" >&2
fi

mkdir -p "$out"
if [[ ! -f $out/bench.toml ]]; then
  echo "generating the synthetic city into $out ..." >&2
  "$gen" --out "$out" "${city[@]}" >&2
fi

rm -rf "$out/result"
load_report=$(cut -d' ' -f1 /proc/loadavg)
echo "stationplan report ..." >&2
t0=$(date +%s.%N)
rc=0
"$cli" report "$out/bench.toml" --no-pdf --no-rebalance --time-limit "$time_limit" --out "$out/result" --timings \
  >"$out/report.stdout" 2>"$out/report.stderr" || rc=$?
t1=$(date +%s.%N)
if ((rc != 0 && rc != 1)); then  # 1: some rule fails, outputs written
  echo "run_report_bench.sh: the report failed with exit status $rc:" >&2
  cat "$out/report.stderr" >&2
  exit 1
fi
report_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
html=$out/result/report.html
bytes=$(stat -c %s "$html")
mib=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1048576 }')
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1000000 }')

loads=()
lines=()
for ((i = 1; i <= runs; i++)); do
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  echo "render run $i of $runs ..." >&2
  line=$(NODE_PATH=$modules node "$root/bench/report_render.cjs" "$html" 1 | head -1)
  lines+=("$line")
done
printf '%s\n' "${lines[@]}" >"$out/render.jsonl"

field() { printf '%s\n' "${lines[@]}" | sed -n "s/.*\"$1\":\\([0-9.]*\\).*/\\1/p"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
med_painted=$(field painted_ms | median)
med_s=$(awk -v m="$med_painted" 'BEGIN { printf "%.2f", m / 1000 }')
renderer=$(printf '%s\n' "${lines[0]}" | sed -n 's/.*"renderer":"\([a-z]*\)".*/\1/p')
grids=$(printf '%s\n' "${lines[0]}" | sed -n 's/.*"grids":\([0-9]*\).*/\1/p')
stations=$(printf '%s\n' "${lines[0]}" | sed -n 's/.*"stations":\([0-9]*\).*/\1/p')
deputies=$(($(wc -l <"$out/deputies.csv") - 1))
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v < t ? "met" : "MISSED") }'; }
mem_gib=$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
chromium_version=$(${STATIONPLAN_CHROMIUM:-/usr/bin/chromium} --version 2>/dev/null | head -1 || echo '?')
gen_line=$(sed -n 's/^#   \(--seed .*\)/\1/p' "$out/bench.toml")
rel=${out#"$root"/}

cat <<EOF

### stationplan report benchmark, $(date -u +%Y-%m-%d)

- Machine: $(nproc) cores, ${cpu:-unknown CPU}, ${mem_gib} GiB RAM; $(uname -sr); ${chromium_version}
- Build: ${build_type:-unknown} ($build)
- Data: $deputies deputies, $stations stations, $grids grids (stationplan-make-bench-district $gen_line)
- Command: \`stationplan report $rel/bench.toml --no-pdf --no-rebalance --time-limit $time_limit --out $rel/result\`: ${report_s} s wall, load average (1 min) before: $load_report
- Render: bench/report_render.cjs, a fresh headless Chromium per run, viewport 1400 x 1000; time = the page's performance.now() (ms since navigation start) once the first frame after report.js sets \`body[data-ready]\` (page built, every map layer added and drawn) has been laid out and painted, checked to hold $grids drawn grids and $stations station markers; renderer: ${renderer}
- Load average (1 min) before each render run: ${loads[*]}

| run | ready ms | painted ms | load event ms | wall ms (goto to painted, seen from node) |
|----:|---------:|-----------:|--------------:|-----------------------------------------:|
EOF
n=0
for l in "${lines[@]}"; do
  g() { printf '%s\n' "$l" | sed -n "s/.*\"$1\":\\([0-9.]*\\).*/\\1/p"; }
  printf '| %s | %s | %s | %s | %s |\n' "$((++n))" "$(g ready_ms)" "$(g painted_ms)" "$(g load_event_ms)" "$(g wall_ms)"
done
cat <<EOF
| **median** | $(field ready_ms | median) | **$med_painted** | $(field load_event_ms | median) | $(field wall_ms | median) |

- report.html: $bytes bytes ($mb MB, $mib MiB); target < 25 MB: $(verdict "$mb" 25)
- Chromium render, median: $med_s s; target < 5 s: $(verdict "$med_s" 5)
EOF

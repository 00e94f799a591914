#!/usr/bin/env bash
# Whole-run benchmark of `stationplan check` on the synthetic 1M-deputy / 20k-station
# city, plus the nearest-station micro-benchmark. Builds nothing: pass the build dir.
#
#   bench/run_check_bench.sh            # build dir ./build
#   bench/run_check_bench.sh build-rel  # another build dir
#   BENCH_RUNS=5 bench/run_check_bench.sh
#   BENCH_OUT=/tmp/city bench/run_check_bench.sh   # data and logs elsewhere
#
# Generates bench/out/ (gitignored) when bench/out/bench.toml is missing, runs the
# check BENCH_RUNS times (default 3) measuring wall time and peak RSS, runs the
# nearest benchmark with 5 repetitions, and prints a markdown block for
# bench/RESULTS.md. Logs of every run stay in bench/out/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-./build}" && pwd) || { echo "run_check_bench.sh: no build dir '${1:-./build}'" >&2; exit 2; }
runs=${BENCH_RUNS:-3}
out=${BENCH_OUT:-$root/bench/out}
cli=$build/src/stationplan
gen=$build/bench/stationplan-make-bench-district
nearest=$build/bench/stationplan_bench_nearest

for exe in "$cli" "$gen" "$nearest"; do
  if [[ ! -x $exe ]]; then
    echo "run_check_bench.sh: $exe is missing; build it first:" >&2
    echo "  cmake --build $build -j2 --target stationplan stationplan-make-bench-district stationplan_bench_nearest" >&2
    exit 2
  fi
done
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
if [[ -n $build_type && $build_type != Release && $build_type != RelWithDebInfo ]]; then
  echo "run_check_bench.sh: warning: $build is a '$build_type' build; numbers will not be representative" >&2
fi

mkdir -p "$out"
if [[ ! -f $out/bench.toml ]]; then
  echo "generating the synthetic city into $out ..." >&2
  "$gen" --out "$out" >&2
fi

# Runs a command, writing "wall_s max_rss_kib" to $1; the command's stdout and stderr
# go to $2 and $3. Returns the command's exit status.
measure() {
  local result=$1 stdout=$2 stderr=$3
  shift 3
  if [[ -x /usr/bin/time ]]; then
    local tv=$result.time rc=0
    /usr/bin/time -v -o "$tv" "$@" >"$stdout" 2>"$stderr" || rc=$?
    # Elapsed is h:mm:ss or m:ss(.ss); RSS in KiB.
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
                /Maximum resident set size/ { rss = $2 }
                END { printf "%.3f %d\n", wall, rss }' "$tv" >"$result"
    return $rc
  fi
  python3 - "$result" "$stdout" "$stderr" "$@" <<'EOF'
import resource, subprocess, sys, time
result, out, err, cmd = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
with open(out, "wb") as o, open(err, "wb") as e:
    t = time.monotonic()
    rc = subprocess.run(cmd, stdout=o, stderr=e).returncode
    wall = time.monotonic() - t
with open(result, "w") as f:
    f.write("%.3f %d\n" % (wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(rc)
EOF
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
stage() { awk -v s="$1" '$1 == "timing" && $2 == s { print $3 }' "$2"; }

rows=()
loads=()
for ((i = 1; i <= runs; i++)); do
  rm -rf "$out/result"
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  echo "check run $i of $runs ..." >&2
  rc=0
  measure "$out/run$i.measure" "$out/run$i.stdout" "$out/run$i.stderr" \
    "$cli" check "$out/bench.toml" --out "$out/result" --timings || rc=$?
  if ((rc != 0 && rc != 1)); then  # 1: some rule fails, outputs written
    echo "run_check_bench.sh: the check failed with exit status $rc:" >&2
    cat "$out/run$i.stderr" >&2
    exit 1
  fi
  read -r wall rss <"$out/run$i.measure"
  rows+=("$i $wall $rss $(stage load "$out/run$i.stderr") $(stage measure "$out/run$i.stderr") $(stage write "$out/run$i.stderr") $(stage total "$out/run$i.stderr")")
done

col() { printf '%s\n' "${rows[@]}" | awk -v c="$1" '{ print $c }' | median; }
med_wall=$(col 2)
med_rss_mib=$(awk -v k="$(col 3)" 'BEGIN { printf "%.0f", k / 1024 }')

echo "nearest-station benchmark (5 repetitions) ..." >&2
"$nearest" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true --benchmark_color=false \
  --benchmark_out="$out/nearest.json" --benchmark_out_format=json >"$out/nearest.txt" 2>"$out/nearest.stderr"
# Console lines: "BM_LibraryNearest/iterations:3_median  612 ms  611 ms  5 ..."
# Field 2 is the real (wall) time, field 4 the CPU time.
nearest_ms() { awk -v b="$1" -v f="${2:-2}" '$1 ~ "^" b "/" && $1 ~ /_median$/ { print $f }' "$out/nearest.txt"; }
lib_ms=$(nearest_ms BM_LibraryNearest)
bare_ms=$(nearest_ms BM_BareRtreeNearest)
bare2_ms=$(nearest_ms BM_BareRtreeNearest2)
lib_build=$(nearest_ms BM_LibraryBuild)
bare_build=$(nearest_ms BM_BareRtreeBuild)
ratio=$(awk -v a="$lib_ms" -v b="$bare_ms" 'BEGIN { printf "%.2f", a / b }')
cpu_ratio=$(awk -v a="$(nearest_ms BM_LibraryNearest 4)" -v b="$(nearest_ms BM_BareRtreeNearest 4)" 'BEGIN { printf "%.2f", a / b }')

verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t ? "met" : "MISSED") }'; }
mem_gib=$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
deputies=$(($(wc -l <"$out/deputies.csv") - 1))
seed=$(sed -n 's/^#   --seed \([0-9]*\).*/\1/p' "$out/bench.toml")
stations=$(sed -n 's/^#   --seed [0-9]* --stations \([0-9]*\).*/\1/p' "$out/bench.toml")

cat <<EOF

### stationplan check benchmark, $(date -u +%Y-%m-%d)

- Machine: $(nproc) cores, ${cpu:-unknown CPU}, ${mem_gib} GiB RAM; $(uname -sr)
- Build: ${build_type:-unknown} ($build); GDAL $(gdal-config --version 2>/dev/null || echo '?')
- Data: $deputies deputies, $stations stations, seed $seed (${out#"$root"/}, stationplan-make-bench-district)
- Command: \`stationplan check ${out#"$root"/}/bench.toml --out ${out#"$root"/}/result --timings\`, $runs runs
- Load average (1 min) before each run: ${loads[*]}

| run | wall s | peak RSS MiB | load s | measure s | write s | total s (--timings) |
|----:|-------:|-------------:|-------:|----------:|--------:|--------------------:|
EOF
for r in "${rows[@]}"; do
  read -r i wall rss l m w t <<<"$r"
  printf '| %s | %s | %.0f | %s | %s | %s | %s |\n' "$i" "$wall" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$l" "$m" "$w" "$t"
done
cat <<EOF
| **median** | **$med_wall** | **$med_rss_mib** | $(col 4) | $(col 5) | $(col 6) | $(col 7) |

Nearest-station search (\`stationplan_bench_nearest\`, median of 5 repetitions of 3 iterations; one iteration = 1,000,000 queries over 20,000 stations):

| benchmark | median |
|-----------|-------:|
| PointIndex build (library) | $lib_build ms |
| bare rtree build | $bare_build ms |
| PointIndex::nearest (library), per 1M queries | $lib_ms ms |
| bare rtree nearest k=1, per 1M queries | $bare_ms ms |
| bare rtree nearest k=2 (diagnostic), per 1M queries | $bare2_ms ms |

- Whole check run, median wall: $med_wall s; target < 10 s: $(verdict "$med_wall" 10)
- Nearest search, library / bare rtree: $ratio (CPU time: $cpu_ratio); target <= 1.5: $(verdict "$ratio" 1.5)
EOF

#!/usr/bin/env bash
# Planning benchmark: `stationplan optimize` on a seeded 5,000 x 1,000 coverage
# instance (LSCP and MCLP, radius 1 km) and on the public instances with known
# optima in shared/bench (beside the project) (OR-Library pmed1-40, scp41-scpd5, pmedcap1 1-20,
# Lorena-Senne SJC1-SJC4b). Builds nothing: pass the build dir.
#
#   bench/optimize_bench.sh build                       # everything
#   BENCH_SETS="cover scp" bench/optimize_bench.sh build # some of: cover scp pmed capmed sjc
#   BENCH_ONLY="pmed1 pmed2" BENCH_SETS=pmed bench/optimize_bench.sh build
#
# Environment (defaults in brackets):
#   BENCH_DATA          the public instances [shared/bench beside the project]
#   BENCH_OUT           data and logs [bench/out/optimize]
#   BENCH_RUNS          runs per coverage configuration, the median is reported [3]
#   BENCH_SETS          which groups to run [cover scp pmed capmed sjc]; also "scale"
#   BENCH_ONLY          run only these instance names (space-separated) [all]
#   BENCH_COVER_LIMIT   --time-limit for LSCP/MCLP on the generated instance [2, the target]
#   BENCH_COVER_CONFIGS the coverage runs, "lscp" or "mclp:K" [lscp mclp:5 mclp:10 mclp:20 mclp:47]
#                       (47: the best cover known, a K at the LSCP optimum)
#   BENCH_SCALE_SIDES   set "scale": LSCP on squares of these sides (km) at the same
#                       density (50 demand points and 10 sites per km2) [3 4 5 6 7 8 10]
#   BENCH_SCALE_LIMIT   --time-limit for each of them [60]
#   BENCH_SCP_LIMIT     ... for each scp instance [60]
#   BENCH_PMED_LIMIT    ... for each pmed instance [30]
#   BENCH_CAPMED_LIMIT  ... for each pmedcap1 instance [60]
#   BENCH_SJC_LIMIT     ... for each SJC instance [60]
#   BENCH_REPORT_ONLY   set: reprint the tables from the logs of earlier runs, run
#                       only what has no log yet
#
# Prints markdown tables (paste into the Planning section of bench/RESULTS.md) and
# keeps every run's JSON and stderr in BENCH_OUT/logs/. "seconds" is the solve as
# the JSON reports it; "wall" is the whole process (reading the files included).
# Needs python3 (to read the JSON and the optimal.csv files). The 1-minute load
# average is printed before each group: the numbers mean little if other jobs
# share the cores.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-./build}" && pwd) || { echo "optimize_bench.sh: no build dir '${1:-./build}'" >&2; exit 2; }
data=${BENCH_DATA:-$(cd "$(dirname "$0")/../.." && pwd)/shared/bench}
out=${BENCH_OUT:-$root/bench/out/optimize}
runs=${BENCH_RUNS:-3}
sets=${BENCH_SETS:-cover scp pmed capmed sjc}
only=${BENCH_ONLY:-}
cover_limit=${BENCH_COVER_LIMIT:-2}
cover_configs=${BENCH_COVER_CONFIGS:-lscp mclp:5 mclp:10 mclp:20 mclp:47}
scale_sides=${BENCH_SCALE_SIDES:-3 4 5 6 7 8 10}
scale_limit=${BENCH_SCALE_LIMIT:-60}
scp_limit=${BENCH_SCP_LIMIT:-60}
pmed_limit=${BENCH_PMED_LIMIT:-30}
capmed_limit=${BENCH_CAPMED_LIMIT:-60}
sjc_limit=${BENCH_SJC_LIMIT:-60}
cli=$build/src/stationplan
gen=$build/bench/stationplan-make-cover-instance

for exe in "$cli" "$gen"; do
  if [[ ! -x $exe ]]; then
    echo "optimize_bench.sh: $exe is missing; build it first:" >&2
    echo "  cmake --build $build -j2 --target stationplan stationplan-make-cover-instance" >&2
    exit 2
  fi
done
command -v python3 >/dev/null || { echo "optimize_bench.sh: needs python3" >&2; exit 2; }
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
if [[ -n $build_type && $build_type != Release && $build_type != RelWithDebInfo ]]; then
  echo "optimize_bench.sh: warning: $build is a '$build_type' build; numbers will not be representative" >&2
fi
mkdir -p "$out/logs"

load() { if [[ -n ${BENCH_REPORT_ONLY:-} ]]; then echo "n/a, reprinted from earlier logs"; else cut -d' ' -f1 /proc/loadavg; fi; }
wanted() { [[ -z $only ]] || [[ " $only " == *" $1 "* ]]; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run NAME ARGS...: runs optimize, keeping NAME.json, NAME.err and NAME.rc (exit
# status and wall seconds) in the logs folder.
run() {
  local name=$1
  shift
  local log=$out/logs/$name rc=0 t0 t1
  if [[ -n ${BENCH_REPORT_ONLY:-} && -f $log.rc ]]; then return 0; fi
  t0=$(date +%s.%N)
  "$cli" optimize "$@" >"$log.json" 2>"$log.err" || rc=$?
  t1=$(date +%s.%N)
  echo "$rc $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')" >"$log.rc"
}

# row NAME KNOWN KIND: one markdown row from a run's logs. KIND: exact (integer
# optimum: reached when equal), or pct:X (reached when within X percent).
row() {
  python3 - "$out/logs/$1" "$1" "$2" "$3" <<'EOF'
import json, sys
log, name, known, kind = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
rc, wall = open(log + ".rc").read().split()
def fmt(v, digits=2):
    if v is None: return "n/a"
    return str(int(v)) if float(v).is_integer() and abs(v) < 1e15 else f"{v:.{digits}f}"
if rc != "0":
    err = open(log + ".err").read().strip().splitlines()
    msg = (err[0] if err else "no message").replace("|", "/")[:90]
    print(f"| {name} | {known} | error (exit {rc}) | - | - | - | {float(wall):.2f} | no: {msg} |")
    sys.exit(0)
j = json.load(open(log + ".json"))
obj, status, gap, secs = j.get("objective"), j.get("status"), j.get("gap"), j.get("seconds")
k = float(known)
if obj is None:
    reached = "no solution"
elif kind == "exact":
    reached = "yes" if abs(obj - k) < 0.5 else ("BETTER?" if obj < k else "no")
else:
    pct = float(kind.split(":")[1])
    dev = 100.0 * (obj - k) / k
    reached = (f"within {dev:+.2f}%" if dev <= pct else f"no ({dev:+.2f}%)")
if obj is not None and status == "optimal" and reached.startswith(("yes", "within")):
    reached += ", proven"
gap_s = "n/a" if gap is None else f"{100 * gap:.2f}%"
print(f"| {name} | {known} | {fmt(obj)} | {status} | {gap_s} | {secs:.2f} | {float(wall):.2f} | {reached} |")
EOF
}

# known FAMILY: "instance value" lines from the optimal.csv files.
known() {
  python3 - "$data" "$1" <<'EOF'
import csv, sys
data, family = sys.argv[1], sys.argv[2]
files = {"pmed": "orlib/optimal.csv", "scp-weighted": "orlib/optimal.csv", "pmedcap1": "capmed/optimal.csv", "sjc": "capmed/optimal.csv"}
with open(f"{data}/{files[family]}", newline="") as f:
    for r in csv.DictReader(f):
        if r["family"] == family:
            print(r["instance"], r["optimal_or_bestknown"])
EOF
}

header() {
  echo
  echo "$1 (load average before: $(load))"
  echo
  echo "| instance | known | objective | status | gap | seconds | wall s | known value reached |"
  echo "|---|---|---|---|---|---|---|---|"
}

echo "# stationplan optimize benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "- machine: $(uname -srm); $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "- build: $build ($build_type); data: $data"

if [[ " $sets " == *" cover "* ]]; then
  cover=$out/cover
  if [[ ! -f $cover/sites.csv ]]; then
    echo "generating the coverage instance into $cover ..." >&2
    "$gen" --out "$cover" >&2
  fi
  n_demand=$(($(wc -l <"$cover/demand.csv") - 1))
  n_sites=$(($(wc -l <"$cover/sites.csv") - 1))
  echo
  echo "LSCP and MCLP on the generated instance in $cover: $n_demand demand points x $n_sites sites"
  echo "(stationplan-make-cover-instance defaults: 5,000 x 1,000 uniform in a 10 km square, seed"
  echo "20240612), radius 1,000 m, --time-limit $cover_limit; median of $runs runs (load average before: $(load))."
  echo
  echo "| model | objective | status | bound | gap | seconds (median) | wall s (median) | runs agree | proven in < 2 s |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for cfg in $cover_configs; do
    model=${cfg%%:*}
    k=
    [[ $cfg == *:* ]] && k=${cfg#*:}
    name=${model}${k:+-k$k}
    args=(--model "$model" --demand "$cover/demand.csv" --sites "$cover/sites.csv" --radius 1000 --time-limit "$cover_limit")
    [[ -n ${k:-} ]] && args+=(--k "$k")
    for ((i = 1; i <= runs; i++)); do
      echo "$name run $i of $runs ..." >&2
      run "cover-$name-$i" "${args[@]}"
    done
    python3 - "$out/logs" "cover-$name" "$runs" "${model}${k:+ K=$k}" <<'EOF'
import json, statistics, sys
logs, name, runs, label = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
rows = []
for i in range(1, runs + 1):
    rc, wall = open(f"{logs}/{name}-{i}.rc").read().split()
    if rc != "0":
        print(f"| {label} | error (exit {rc}) | | | | | | | |")
        sys.exit(0)
    j = json.load(open(f"{logs}/{name}-{i}.json"))
    rows.append((j, float(wall)))
j = rows[0][0]
secs = statistics.median(r[0]["seconds"] for r in rows)
wall = statistics.median(r[1] for r in rows)
agree = "yes" if all(r[0]["objective"] == j["objective"] and r[0]["selected"] == j["selected"] for r in rows) else "NO"
proven = "yes" if all(r[0]["status"] == "optimal" for r in rows) and wall < 2.0 else "no"
g = j["gap"]
print(f"| {label} | {j['objective']:g} | {j['status']} | {j['bound']:g} | {'n/a' if g is None else f'{100 * g:.2f}%'} "
      f"| {secs:.2f} | {wall:.2f} | {agree} | {proven} |")
EOF
  done
fi

if [[ " $sets " == *" scale "* ]]; then
  echo
  echo "LSCP against the size of the square, same density as the instance above (50 demand points and"
  echo "10 sites per km2, seeds as stationplan-make-cover-instance), radius 1,000 m, --time-limit $scale_limit,"
  echo "one run each (load average before: $(load))."
  echo
  echo "| side km | demand x sites | objective | status | bound | seconds | wall s | reduced to |"
  echo "|---|---|---|---|---|---|---|---|"
  for side in $scale_sides; do
    nd=$((side * side * 50)) ns=$((side * side * 10))
    dir=$out/scale-$side
    [[ -f $dir/sites.csv ]] || "$gen" --out "$dir" --demand "$nd" --sites "$ns" --side "$((side * 1000))" >&2
    echo "scale $side km ..." >&2
    run "scale-$side" --model lscp --demand "$dir/demand.csv" --sites "$dir/sites.csv" --radius 1000 --time-limit "$scale_limit"
    python3 - "$out/logs/scale-$side" "$side" "$nd x $ns" <<'EOF'
import json, sys
log, side, size = sys.argv[1], sys.argv[2], sys.argv[3]
rc, wall = open(log + ".rc").read().split()
if rc != "0":
    print(f"| {side} | {size} | error (exit {rc}) | | | | {float(wall):.2f} | |")
    sys.exit(0)
j = json.load(open(log + ".json"))
red = next((n.split(",")[0].replace("reduced to ", "") for n in j["notes"] if n.startswith("reduced to")), "")
print(f"| {side} | {size} | {j['objective']:g} | {j['status']} | {j['bound']:g} | {j['seconds']:.2f} | {float(wall):.2f} | {red} |")
EOF
  done
fi

if [[ " $sets " == *" scp "* ]]; then
  header "Weighted set covering, OR-Library scp41-scpd5 (--model scp, --time-limit $scp_limit)"
  while read -r inst value; do
    wanted "$inst" || continue
    echo "$inst ..." >&2
    run "$inst" --model scp --orlib-scp "$data/orlib/scp/$inst.txt" --time-limit "$scp_limit"
    row "$inst" "$value" exact
  done < <(known scp-weighted)
fi

if [[ " $sets " == *" pmed "* ]]; then
  header "Uncapacitated p-median, OR-Library pmed1-pmed40 (--model pmedian, --time-limit $pmed_limit)"
  while read -r inst value; do
    wanted "$inst" || continue
    echo "$inst ..." >&2
    run "$inst" --model pmedian --orlib-pmed "$data/orlib/pmed/$inst.txt" --time-limit "$pmed_limit"
    row "$inst" "$value" exact
  done < <(known pmed)
fi

if [[ " $sets " == *" capmed "* ]]; then
  header "Capacitated p-median, OR-Library pmedcap1 instances 1-20 (--model capmed, --time-limit $capmed_limit)"
  while read -r inst value; do
    wanted "$inst" || continue
    n=$((10#${inst##*-}))
    echo "$inst ..." >&2
    run "$inst" --model capmed --orlib-capmed "$data/capmed/pmedcap1.txt" --instance "$n" --time-limit "$capmed_limit"
    row "$inst" "$value" exact
  done < <(known pmedcap1)
fi

if [[ " $sets " == *" sjc "* ]]; then
  header "Capacitated p-median, Lorena-Senne SJC1-SJC4b (--model capmed, --time-limit $sjc_limit; target within 0.5 %)"
  while read -r inst value; do
    wanted "$inst" || continue
    echo "$inst ..." >&2
    run "$inst" --model capmed --sjc "$data/capmed/sjc/$inst.dat" --time-limit "$sjc_limit"
    row "$inst" "$value" pct:0.5
  done < <(known sjc)
fi

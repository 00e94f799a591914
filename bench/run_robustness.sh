#!/usr/bin/env bash
# Robustness benchmark: seeded synthetic cities that are valid but hard (Voronoi
# slivers, holes, multipolygons, strip grids metres wide, near-coincident edges,
# points on vertices, mixed formats and CRSs) through every command; counts exit
# codes. Not a timing: the bar is no exit 3 (internal error), no exit 2 (a valid city
# is not bad input), no crash and no command stopped by the time limit.
#
#   bench/run_robustness.sh build                       # the 20 cities of the default list
#   ROBUST_CITIES=3 bench/run_robustness.sh build       # the first 3 (the smallest)
#   ROBUST_ONLY="c05 c20" bench/run_robustness.sh build # some cities by name
#   ROBUST_CITIES=24 bench/run_robustness.sh build      # the whole list (two more medium, a second whole city)
#   ROBUST_CITIES=40 bench/run_robustness.sh build      # the list, then seeds 25.. (small, styles from the seed)
#
# Environment: ROBUST_OUT (default bench/out-robust, gitignored), ROBUST_TIME_LIMIT
# (seconds per planning solve, `--time-limit`, default 5), ROBUST_CMD_TIMEOUT (seconds
# of wall time per command before it is killed, default 90), ROBUST_MCLP_ADD (K of
# `suggest --model mclp --add K`, default 5).
#
# Per city it runs, each with its own --out and its stderr kept in
# OUT/<city>/<command>.stderr:
#   check; suggest --model lscp; suggest --model mclp --add K; suggest --model capacitated;
#   rebalance; report --no-pdf
# and prints a markdown table of exit codes per command, totals of exit 0/1/2/3/other,
# and the first line of every message of a command that exited 2, 3 or worse.
# Exit status: 0 when every command exited 0 or 1; 1 otherwise; 2 usage.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-./build}" 2>/dev/null && pwd) || { echo "run_robustness.sh: no build dir '${1:-./build}'" >&2; exit 2; }
out=${ROBUST_OUT:-$root/bench/out-robust}
time_limit=${ROBUST_TIME_LIMIT:-5}
cmd_timeout=${ROBUST_CMD_TIMEOUT:-90}
mclp_add=${ROBUST_MCLP_ADD:-5}
cli=$build/src/stationplan
gen=$build/bench/stationplan-make-robust-city
for exe in "$cli" "$gen"; do
  if [[ ! -x $exe ]]; then
    echo "run_robustness.sh: $exe is missing; build it first:" >&2
    echo "  cmake --build $build -j2 --target stationplan stationplan-make-robust-city" >&2
    exit 2
  fi
done

# The cities: name, then the generator's options. Smallest first, so that
# ROBUST_CITIES=3 is a quick run; every shape, CRS style, format and naming appears
# at several sizes.
cities=(
  "c01 --seed 1 --size tiny --shape star --crs projected --formats gpkg --deputies-format csv --naming zh"
  "c02 --seed 2 --size tiny --shape staircase --crs wgs84 --formats mixed --deputies-format xlsx --naming pinyin"
  "c03 --seed 13 --size tiny --shape staircase --crs cgcs2000 --formats gpkg --deputies-format csv --naming pinyin"
  "c04 --seed 4 --size tiny --shape strips --crs mixed --formats mixed --deputies-format csv --naming zh"
  "c05 --seed 5 --size tiny --shape islands --crs mixed --formats mixed --deputies-format xlsx --naming en --no-district"
  "c06 --seed 3 --size tiny --shape islands --crs cgcs2000 --formats gpkg --deputies-format gpkg --naming en"
  "c07 --seed 24 --size tiny --shape star --crs projected --formats mixed --deputies-format csv --naming zh"
  "c08 --seed 7 --size small --shape star --crs mixed --formats gpkg --deputies-format csv --naming pinyin"
  "c09 --seed 8 --size small --shape staircase --crs projected --formats mixed --deputies-format xlsx --naming zh"
  "c10 --seed 9 --size small --shape islands --crs wgs84 --formats gpkg --deputies-format csv --naming en --no-district"
  "c11 --seed 10 --size small --shape strips --crs cgcs2000 --formats gpkg --deputies-format csv --naming zh"
  "c12 --seed 11 --size small --shape star --crs cgcs2000 --formats mixed --deputies-format gpkg --naming pinyin"
  "c13 --seed 12 --size small --shape islands --crs mixed --formats mixed --deputies-format csv --naming zh"
  "c14 --seed 14 --size small --shape staircase --crs wgs84 --formats gpkg --deputies-format xlsx --naming en"
  "c15 --seed 15 --size small --shape strips --crs projected --formats mixed --deputies-format csv --naming pinyin"
  "c16 --seed 16 --size small --shape star --crs wgs84 --formats gpkg --deputies-format csv --naming zh --no-district"
  "c17 --seed 17 --size small --shape islands --crs projected --formats gpkg --deputies-format csv --naming pinyin"
  "c18 --seed 18 --size medium --shape star --crs mixed --formats gpkg --deputies-format csv --naming zh"
  "c19 --seed 19 --size medium --shape islands --crs cgcs2000 --formats mixed --deputies-format xlsx --naming pinyin"
  "c20 --seed 20 --size large --shape staircase --crs mixed --formats gpkg --deputies-format csv --naming zh"
  # Beyond the default 20 (ROBUST_CITIES=24): two more medium, a second whole city, a small one.
  "c21 --seed 21 --size medium --shape strips --crs mixed --formats gpkg --deputies-format gpkg --naming zh"
  "c22 --seed 22 --size medium --shape staircase --crs wgs84 --formats mixed --deputies-format csv --naming en"
  "c23 --seed 23 --size large --shape islands --crs wgs84 --formats mixed --deputies-format csv --naming pinyin"
  "c24 --seed 6 --size small --shape staircase --crs mixed --formats gpkg --deputies-format csv --naming en"
)
wanted=${ROBUST_CITIES:-20}
for ((s = ${#cities[@]} + 1; s <= wanted; s++)); do
  cities+=("$(printf 'c%02d' "$s") --seed $s --size small")
done
selected=()
if [[ -n ${ROBUST_ONLY:-} ]]; then
  for line in "${cities[@]}"; do
    for name in $ROBUST_ONLY; do [[ ${line%% *} == "$name" ]] && selected+=("$line"); done
  done
else
  selected=("${cities[@]:0:$wanted}")
fi
if ((${#selected[@]} == 0)); then
  echo "run_robustness.sh: no city selected (ROBUST_CITIES=${ROBUST_CITIES:-} ROBUST_ONLY=${ROBUST_ONLY:-})" >&2
  exit 2
fi

commands=(check lscp mclp capacitated rebalance report)
args_of() {
  case $1 in
    check) echo "check" ;;
    lscp) echo "suggest --model lscp --time-limit $time_limit" ;;
    mclp) echo "suggest --model mclp --add $mclp_add --time-limit $time_limit" ;;
    capacitated) echo "suggest --model capacitated --time-limit $time_limit" ;;
    rebalance) echo "rebalance --time-limit $time_limit" ;;
    report) echo "report --no-pdf --time-limit $time_limit" ;;
  esac
}

# The first line of a failed command's message: its first error line, else its
# first line; a command killed by a signal says so.
first_message() {
  local file=$1 rc=$2 line
  if ((rc == 124 || rc == 137)); then echo "stopped after ${cmd_timeout} s (ROBUST_CMD_TIMEOUT)"; return; fi
  line=$(grep -m1 -iE 'error|exception|abort|fault' "$file" 2>/dev/null || true)
  [[ -z $line ]] && line=$(grep -m1 -v '^[[:space:]]*$' "$file" 2>/dev/null || true)
  ((rc > 128)) && line="killed by signal $((rc - 128)); ${line:-no message}"
  echo "${line:-no message}"
}

mkdir -p "$out"
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null | head -1)
started=$(date +%s)
echo "robustness benchmark: ${#selected[@]} cities, commit $commit${dirty:+ (with local changes)}, $(date -u +%Y-%m-%dT%H:%MZ)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg), --time-limit $time_limit, per-command limit ${cmd_timeout} s" >&2

declare -A total=([0]=0 [1]=0 [2]=0 [3]=0 [other]=0)
rows=()
messages=()
failed=0
for line in "${selected[@]}"; do
  read -r name gen_args <<<"$line"
  dir=$out/$name
  rm -rf "$dir"
  mkdir -p "$dir"
  # shellcheck disable=SC2086  # the options are words
  if ! "$gen" $gen_args --time-limit "$time_limit" --out "$dir/city" >"$dir/generate.stdout" 2>"$dir/generate.stderr"; then
    rows+=("| $name | generator failed: $(head -1 "$dir/generate.stderr") |")
    messages+=("- $name: the generator failed: $(head -1 "$dir/generate.stderr") (options: $gen_args)")
    failed=1
    continue
  fi
  summary=$(python3 - "$dir/city/city.json" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
o, c = m["options"], m["counts"]
print(f'{o["seed"]} | {o["size"]} | {o["shape"]} | {o["crs"]} | {o["formats"]}/{o["deputies_format"]} | '
      f'{c["streets"]}/{c["communities"]}/{c["grids"]} | {c["deputies"]:,}')
EOF
)
  row="| $name | $summary |"
  city_start=$(date +%s.%N)
  for cmd in "${commands[@]}"; do
    # shellcheck disable=SC2046  # the arguments are words
    t0=$(date +%s.%N)
    timeout -k 10 "$cmd_timeout" "$cli" $(args_of "$cmd") "$dir/city/city.toml" --out "$dir/$cmd" \
      >"$dir/$cmd.stdout" 2>"$dir/$cmd.stderr"
    rc=$?
    t1=$(date +%s.%N)
    echo "$rc" >"$dir/$cmd.rc"
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
    echo "$secs" >"$dir/$cmd.seconds"
    case $rc in
      0 | 1) ((total[$rc]++)); cell=$rc ;;
      2 | 3) ((total[$rc]++)); cell="**$rc**"; failed=1 ;;
      *) ((total[other]++)); cell="**$rc**"; failed=1 ;;
    esac
    if ((rc != 0 && rc != 1)); then
      messages+=("- $name $cmd: exit $rc after $secs s: $(first_message "$dir/$cmd.stderr" "$rc")")
    fi
    row+=" $cell |"
    echo "  $name $cmd: exit $rc ($secs s)" >&2
  done
  city_secs=$(awk -v a="$city_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
  rows+=("$row $city_secs |")
done

elapsed=$(($(date +%s) - started))
{
  echo
  echo "| city | seed | size | shape | crs | formats | streets/communities/grids | deputies | check | lscp | mclp | capacitated | rebalance | report | s |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "exit 0: ${total[0]}, exit 1: ${total[1]}, exit 2: ${total[2]}, exit 3: ${total[3]}, other (timeout, signal): ${total[other]};" \
    "${#selected[@]} cities in ${elapsed} s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  if ((${#messages[@]})); then
    echo
    printf '%s\n' "${messages[@]}"
  fi
} | tee "$out/results.md"
exit $failed

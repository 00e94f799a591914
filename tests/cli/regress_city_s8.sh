#!/usr/bin/env bash
# Regression: the whole synthetic city ../shared/regress/city-s8 (373 streets, 6,117
# communities, 7,377 grids, 3,470 stations, 50,000 deputies), on which suggest and
# report once stopped with exit 3 (GEOS "side location conflict" on valid polygons).
# Every command must exit 0 or 1 and write every output; the capacitated plan must
# hold its time limit. Usage: regress_city_s8.sh STATIONPLAN_BIN SOURCE_DIR
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
city=${STATIONPLAN_REGRESS_DIR:-$src/../shared/regress}/city-s8
. "$src/tests/support/skip.sh"
[[ -f $city/city.toml ]] || skip "no $city (the shared regression inputs); set STATIONPLAN_REGRESS_DIR"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$city"/city.toml "$city"/city.gpkg "$city"/deputies.csv "$work"/  # the shared folder is read-only
cd "$work"
fail=0
run() {  # name expected-files... -- command...
  local name=$1; shift
  local files=()
  while [[ $1 != -- ]]; do files+=("$1"); shift; done
  shift
  local start=$SECONDS
  "$bin" "$@" city.toml --out "out-$name" -q >"$name.log" 2>&1
  local rc=$?
  local took=$((SECONDS - start))
  if [[ $rc -ne 0 && $rc -ne 1 ]]; then
    echo "FAIL $name: exit $rc"; sed -n 1,5p "$name.log"; fail=1; return
  fi
  for f in "${files[@]}"; do
    [[ -s out-$name/$f ]] || { echo "FAIL $name: no $f"; fail=1; }
  done
  echo "ok   $name: exit $rc in ${took} s"
}
run check summary.json deputies.csv grids.csv coverage.gpkg -- check
run lscp suggestions.json suggestions.csv coverage.gpkg -- suggest --model lscp --time-limit 10
run mclp suggestions.json suggestions.csv -- suggest --model mclp --add 10 --time-limit 10
run capacitated suggestions.json suggestions.csv -- suggest --model capacitated --time-limit 10
run rebalance rebalance.json assignment.csv changes.csv -- rebalance --time-limit 10
run report report.html summary.json suggestions.json rebalance.json maps/overview.png -- report --no-pdf

# What the outputs say, against what is known of the city.
python3 - <<'PY' || fail=1
import json, sys
s = json.load(open("out-check/summary.json"))
assert s["deputies"]["total"] == 50000 and s["deputies"]["used"] == 50000, s["deputies"]
assert (s["streets"], s["communities"], s["grids"], s["stations"]) == (373, 6117, 7377, 3470), s
lscp = json.load(open("out-lscp/suggestions.json"))
# Every deputy can be reached by some candidate site: the LSCP plan covers all of them.
assert lscp["uncoverable"] == [] and lscp["covered_after"] == 50000, (lscp["covered_after"], len(lscp["uncoverable"]))
assert lscp["covered_before"] == s["deputies"]["covered"], (lscp["covered_before"], s["deputies"]["covered"])
cap = json.load(open("out-capacitated/suggestions.json"))
assert cap["covered_before"] == s["deputies"]["covered"]
assert cap["covered_after"] >= cap["covered_before"]
# The limit holds on the wall clock (the solve's share of 10 s, plus the model's build).
assert cap["solve"]["seconds"] < 30, cap["solve"]["seconds"]
print("ok   figures: %d covered of 50000; lscp adds %d stations; capacitated %s in %.1f s" %
      (s["deputies"]["covered"], lscp["stations_added"], cap["solve"]["status"], cap["solve"]["seconds"]))
PY
exit $fail

#!/usr/bin/env bash
# The river district's roads (tests/data/network) as users bring them -- GeoJSON in
# EPSG:4326, a GBK Shapefile with Chinese field names and values, a GeoPackage in
# CGCS2000 (EPSG:4490) -- must give the same walking results as the CSV/WKT original.
# Usage: roads_formats.sh STATIONPLAN_BIN SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
. "$src/tests/support/skip.sh"
need_tool ogr2ogr "package gdal-bin"
data=$(cd "$src" && pwd)/tests/data/network
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# Walking results to 0.01 m (a round trip through geographic coordinates moves
# points by micrometres).
summarise() {
  python3 - "$1" <<'PY'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    for r in sorted(csv.DictReader(f), key=lambda r: r['deputy_id']):
        walk = '%.2f' % float(r['nearest_walk_m']) if r['nearest_walk_m'] else '-'
        print(r['deputy_id'], r['nearest_walk_station_id'] or '-', walk, r['walk_status'], r['covered'],
              r['measures_disagree'])
PY
}

# The scenario with its [layers.roads] table replaced (the last table of the file).
scenario() {  # name roads-table-text
  mkdir -p "$work/$1"
  sed -n '/^\[layers.roads\]/q;p' "$data/scenario.toml" | sed "s#file = \"#file = \"$data/#" >"$work/$1/scenario.toml"
  printf '%s\n' "$2" >>"$work/$1/scenario.toml"
}

run_and_compare() {  # name
  local code=0
  "$bin" check "$work/$1/scenario.toml" --out "$work/$1/out" -q 2>"$work/$1/err" || code=$?
  if [ "$code" -ne 1 ]; then
    echo "FAIL $1: exit $code"; cat "$work/$1/err"; failed=$((failed + 1)); return
  fi
  if diff <(summarise "$work/ref/deputies.csv") <(summarise "$work/$1/out/deputies.csv"); then
    echo "ok   $1"
  else
    echo "FAIL $1: walking results differ"; failed=$((failed + 1))
  fi
}

"$bin" check "$data/scenario.toml" --out "$work/ref" -q || [ $? -eq 1 ]
summarise "$work/ref/deputies.csv" >"$work/ref.txt"
grep -q '^d1 SE 640.00 reached false true$' "$work/ref.txt"

csv_in=(-oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO)

ogr2ogr -f GeoJSON "$work/roads.geojson" "$data/roads.csv" "${csv_in[@]}" -s_srs EPSG:4547 -t_srs EPSG:4326 -nln roads
scenario geojson '[layers.roads]
file = "'"$work"'/roads.geojson"
fields = { walkable = "highway" }'
run_and_compare geojson

ogr2ogr -f "ESRI Shapefile" "$work/roads_gbk.shp" "$data/roads.csv" "${csv_in[@]}" -a_srs EPSG:4547 -lco ENCODING=GBK -nln roads_gbk \
  -dialect SQLite -sql "SELECT id AS 编号, name AS 名称,
    CASE WHEN highway = 'motorway' THEN '高速' ELSE '步行' END AS 可步行, GEOMETRY FROM roads"
scenario shapefile '[layers.roads]
file = "'"$work"'/roads_gbk.shp"
fields = { id = "编号", name = "名称", walkable = "可步行" }'
sed -i 's/^skip = \["motorway"\]/skip = ["高速"]/' "$work/shapefile/scenario.toml"
run_and_compare shapefile

ogr2ogr -f GPKG "$work/roads.gpkg" "$data/roads.csv" "${csv_in[@]}" -s_srs EPSG:4547 -t_srs EPSG:4490 -nln 道路
scenario gpkg '[layers.roads]
file = "'"$work"'/roads.gpkg"
layer = "道路"
fields = { walkable = "highway" }'
run_and_compare gpkg

[ "$failed" -eq 0 ]

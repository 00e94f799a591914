#!/usr/bin/env bash
# The same hand-built district (tests/data/small) in every format users bring --
# GeoPackage, GeoJSON (EPSG:4326), FlatGeobuf, Shapefile, and the deputies as an
# XLSX spreadsheet with x/y columns -- must give the same per-deputy results as the
# CSV/WKT original. Usage: formats_matrix.sh STATIONPLAN_BIN SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
. "$src/tests/support/skip.sh"
need_tool ogr2ogr "package gdal-bin"
data=$src/tests/data/small
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# Results that must not depend on the input format (distances to 0.01 m: a
# reprojection round trip through EPSG:4326 moves points by micrometres).
# d8 lies exactly on the district's outer boundary: after a round trip through
# EPSG:4326 it may land a micrometre outside, so its areas are compared only where
# no reprojection happened (EXEMPT names such deputies).
summarise() {
  EXEMPT=${EXEMPT:-} python3 - "$1" <<'PY'
import csv, os, sys
exempt = set(os.environ['EXEMPT'].split())
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    for r in sorted(csv.DictReader(f), key=lambda r: r['deputy_id']):
        areas = ['-'] * 3 if r['deputy_id'] in exempt else [r['street_id'], r['community_id'], r['grid_id']]
        print(r['deputy_id'], r['level'], r['sector'] or '-', *areas, r['station_id'],
              r['nearest_station_id'], r['covered'], '%.2f' % float(r['nearest_distance_m']))
PY
}

"$bin" check "$data/scenario.toml" --out "$work/ref" -q || [ $? -eq 1 ]

# Converts every layer of the fixture with ogr2ogr into one format.
convert() {  # driver extension [extra ogr2ogr args...]
  local driver=$1 ext=$2; shift 2
  mkdir -p "$work/$ext"
  for layer in district streets communities grids stations deputies; do
    ogr2ogr -f "$driver" "$work/$ext/$layer.$ext" "$data/$layer.csv" \
      -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO -nln "$layer" "$@" 2>"$work/ogr2ogr.err" || { cat "$work/ogr2ogr.err"; exit 1; }
  done
}

scenario_for() {  # ext layer-crs-line
  local ext=$1
  {
    echo 'name = "small-'"$ext"'"'
    echo '[crs]'; echo 'working = "EPSG:4547"'
    echo '[check]'; echo 'circle_segments = 256'
    for layer in district streets communities grids stations deputies; do
      echo "[layers.$layer]"; echo "file = \"$layer.$ext\""
    done
  } > "$work/$ext/scenario.toml"
}

run_case() {  # name scenario
  local name=$1 scenario=$2
  local status=0
  "$bin" check "$scenario" --out "$work/out-$name" -q 2>"$work/$name.err" || status=$?
  if [ "$status" -ne 1 ]; then
    echo "FAIL $name: exit $status (expected 1)"; cat "$work/$name.err"; failed=$((failed + 1)); return
  fi
  summarise "$work/out-$name/deputies.csv" > "$work/$name.txt"
  summarise "$work/ref/deputies.csv" > "$work/ref.txt"
  if diff -u "$work/ref.txt" "$work/$name.txt"; then
    echo "ok   $name"; passed=$((passed + 1))
  else
    echo "FAIL $name: per-deputy results differ"; failed=$((failed + 1))
  fi
}

convert GPKG gpkg -a_srs EPSG:4547;                 scenario_for gpkg;    run_case gpkg "$work/gpkg/scenario.toml"
convert FlatGeobuf fgb -a_srs EPSG:4547;            scenario_for fgb;     run_case flatgeobuf "$work/fgb/scenario.toml"
convert GeoJSON geojson -s_srs EPSG:4547 -t_srs EPSG:4326 -lco COORDINATE_PRECISION=9; scenario_for geojson
EXEMPT=d8 run_case geojson "$work/geojson/scenario.toml"
convert "ESRI Shapefile" shp -a_srs EPSG:4547 -lco ENCODING=GBK;      scenario_for shp;     run_case shapefile "$work/shp/scenario.toml"

# Deputies as a spreadsheet: x/y columns, no geometry, the CRS stated in the scenario.
mkdir -p "$work/xlsx"
python3 - "$data/deputies.csv" "$work/xlsx/deputies_xy.csv" <<'PY'
import csv, re, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f, open(sys.argv[2], 'w', newline='', encoding='utf-8') as g:
    w = csv.writer(g, lineterminator='\n')
    w.writerow(['编号', '级别', '行业', '站点', '行业站点', '横坐标', '纵坐标'])
    for r in csv.DictReader(f):
        m = re.match(r'POINT \(([-\d.]+) ([-\d.]+)\)', r['WKT'])
        w.writerow([r['id'], r['level'], r['sector'], r['station'], r['industry_station'],
                    m.group(1) if m else '', m.group(2) if m else ''])
PY
ogr2ogr -f XLSX "$work/xlsx/deputies.xlsx" "$work/xlsx/deputies_xy.csv" -nln deputies -oo AUTODETECT_TYPE=YES 2>/dev/null
sed -e 's|file = "deputies.gpkg"|file = "deputies.xlsx"\nx = "横坐标"\ny = "纵坐标"\ncrs = "EPSG:4547"\nfields = { id = "编号", level = "级别", sector = "行业", station = "站点", industry_station = "行业站点" }|' \
    -e 's|file = "\([a-z]*\).gpkg"|file = "../gpkg/\1.gpkg"|' "$work/gpkg/scenario.toml" > "$work/xlsx/scenario.toml"
run_case xlsx "$work/xlsx/scenario.toml"

echo "formats_matrix: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

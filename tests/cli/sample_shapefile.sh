#!/usr/bin/env bash
# Acceptance: the bundled sample converted to GBK-encoded Shapefiles with renamed
# fields (as district GIS offices deliver them), the deputies spreadsheet with other
# headers, plus a scenario mapping those names, gives the same results as the
# GeoPackage original. Usage: sample_shapefile.sh STATIONPLAN_BIN SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
. "$src/tests/support/skip.sh"
need_tool ogr2ogr "package gdal-bin"
gpkg=$src/geodata/jinshui.gpkg
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/shp"

shp() {  # layer sql
  ogr2ogr -f "ESRI Shapefile" "$work/shp/$1.shp" "$gpkg" -sql "$2" -nln "$1" -lco ENCODING=GBK
}
shp jiedao   "SELECT street_id AS JDDM, name AS JDMC, geom FROM streets"
shp shequ    "SELECT community_id AS SQDM, name AS SQMC, street_id AS SSJD, geom FROM communities"
shp wangge   "SELECT grid_id AS WGBM, name AS WGMC, street_id AS SSJD, liaison AS LLY, geom FROM grids"
shp zhandian "SELECT station_id AS ZDBM, name AS ZDMC, kind AS LX, street_id AS JD, community_id AS SQ, sector AS HY, capacity_min AS RLXX, capacity_max AS RLSX, geom FROM stations"
shp quyu     "SELECT code AS QHDM, name AS QHMC, geom FROM district"
# The .cpg says GBK: GDAL decodes it without any scenario option.
grep -qi "GBK\|936" "$work/shp/jiedao.cpg"

# Deputies: other headers, GBK text, as an export from an older spreadsheet program.
python3 - "$src/geodata/jinshui_deputies.csv" "$work/daibiao.csv" <<'PY'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f, open(sys.argv[2], 'w', newline='', encoding='gbk') as g:
    r = csv.reader(f); w = csv.writer(g, lineterminator='\r\n')
    next(r)
    w.writerow(['编号', '代表姓名', '级别', '所属行业', '社区联络站', '行业联络站', '住址', 'lng', 'lat'])
    for row in r: w.writerow(row)
PY

cat > "$work/scenario.toml" <<TOML
name = "jinshui-shapefile"
[layers.district]
file = "shp/quyu.shp"
fields = { id = "QHDM", name = "QHMC" }
[layers.streets]
file = "shp/jiedao.shp"
fields = { id = "JDDM", name = "JDMC" }
[layers.communities]
file = "shp/shequ.shp"
fields = { id = "SQDM", name = "SQMC", street = "SSJD" }
[layers.grids]
file = "shp/wangge.shp"
fields = { id = "WGBM", name = "WGMC", street = "SSJD", liaison = "LLY" }
[layers.stations]
file = "shp/zhandian.shp"
fields = { id = "ZDBM", name = "ZDMC", kind = "LX", street = "JD", community = "SQ", sector = "HY", capacity_min = "RLXX", capacity_max = "RLSX" }
[layers.deputies]
file = "daibiao.csv"
encoding = "GBK"
crs = "EPSG:4326"
x = "lng"
y = "lat"
fields = { id = "编号", name = "代表姓名", level = "级别", sector = "所属行业", station = "社区联络站", industry_station = "行业联络站", address = "住址" }
TOML

status=0
"$bin" check "$src/analysis/jinshui-baseline.toml" --out "$work/ref" -q || status=$?
[ "$status" -eq 1 ] || { echo "baseline run: exit $status"; exit 1; }
status=0
"$bin" check "$work/scenario.toml" --out "$work/shp-out" -q 2>"$work/err" || status=$?
[ "$status" -eq 1 ] || { echo "shapefile run: exit $status"; cat "$work/err"; exit 1; }

passed=0; failed=0
for f in deputies.csv stations.csv communities.csv grids.csv streets.csv; do
  if cmp -s "$work/ref/$f" "$work/shp-out/$f"; then passed=$((passed + 1)); echo "ok   $f identical"
  else failed=$((failed + 1)); echo "FAIL $f differs"; diff "$work/ref/$f" "$work/shp-out/$f" | head -5; fi
done
# Everything in summary.json but the scenario's own name and title.
python3 - "$work/ref/summary.json" "$work/shp-out/summary.json" <<'PY' && passed=$((passed + 1)) || failed=$((failed + 1))
import json, sys
a, b = (json.load(open(p, encoding='utf-8')) for p in sys.argv[1:])
for j in (a, b):
    j.pop('scenario'); j.pop('title')
if a != b:
    print('FAIL summary.json differs'); sys.exit(1)
print('ok   summary.json identical (rules, counts, coverage)')
PY
# Rejects: the same records for the same reasons (file, layer and column names differ).
python3 - "$work/ref/rejects.csv" "$work/shp-out/rejects.csv" <<'PY' && passed=$((passed + 1)) || failed=$((failed + 1))
import csv, sys
names = {'经度': 'lng', '纬度': 'lat'}
def rows(path):
    out = []
    for r in csv.DictReader(open(path, encoding='utf-8')):
        reason = r['reason']
        for k, v in names.items(): reason = reason.replace("'%s'" % k, "'%s'" % v)
        out.append((r['record'], reason))
    return out
a, b = rows(sys.argv[1]), rows(sys.argv[2])
if a != b:
    print('FAIL rejects differ', a, b); sys.exit(1)
print('ok   rejects.csv: same records and reasons')
PY
echo "sample_shapefile: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# End to end: the small fixture (tests/data/small, CSV + WKT in EPSG:4547) converted
# with GDAL's own tools into the formats planners actually receive, with renamed
# fields, and checked again. The answers must not change.
#
#   district, streets, communities, grids  ESRI Shapefiles, short renamed fields
#                                          (JD_DM, SQ_MC ...), text in GBK with a .cpg
#   stations                               GeoJSON in EPSG:4326 (reprojected)
#   deputies                               GBK-encoded CSV, lon/lat in EPSG:4326 under
#                                          Chinese headers (经度, 纬度, 代表编号 ...)
#
# Compared with the run on the original fixture:
#   deputies.csv    deputy_id, sector, street_id, community_id, grid_id, station_id,
#                   nearest_station_id, covered identical; nearest_distance_m within 0.01 m
#   summary.json    deputy counts; per rule id, holds, violation_count
#   stations.csv    station_id, kind, load
#   communities.csv, grids.csv, streets.csv  ids and names (GBK decoded) and counts
#
# Deputy coordinates are written with 17 significant digits (jq): ogr2ogr's CSV
# writer keeps 15 (about 1e-7 m), enough to move d8, which the fixture places
# exactly on the radius and on the district edge, to the other side of both.
#
# Usage: shapefile_roundtrip.sh <stationplan binary> <project source dir>
set -euo pipefail

bin=${1:?usage: shapefile_roundtrip.sh <stationplan binary> <project source dir>}
src=${2:?usage: shapefile_roundtrip.sh <stationplan binary> <project source dir>}
fixture="$src/tests/data/small"
name=shapefile_roundtrip

. "$src/tests/support/skip.sh"
for tool in ogr2ogr jq iconv; do
    need_tool "$tool" "packages gdal-bin, jq, libc-bin"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sp-roundtrip.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
conv="$tmp/converted"
mkdir "$conv"

# --- convert -------------------------------------------------------------------
csv_in=(-oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO -oo EMPTY_STRING_AS_NULL=YES)

to_shapefile() {  # layer, SELECT list
    ogr2ogr -f "ESRI Shapefile" "$conv/$1.shp" "$fixture/$1.csv" "${csv_in[@]}" -a_srs EPSG:4547 \
        -lco ENCODING=GBK -nln "$1" -sql "SELECT $2 FROM $1"
}
to_shapefile district "id AS QX_DM, name AS QX_MC"
to_shapefile streets "id AS JD_DM, name AS JD_MC"
to_shapefile communities "id AS SQ_DM, name AS SQ_MC, street AS SS_JD"
to_shapefile grids "id AS WG_DM, name AS WG_MC, street AS SS_JD, liaison AS LLR"

ogr2ogr -f GeoJSON "$conv/stations.geojson" "$fixture/stations.csv" "${csv_in[@]}" \
    -s_srs EPSG:4547 -t_srs EPSG:4326 -nln stations \
    -sql "SELECT id AS station_code, name AS station_name, kind AS type, street AS street_code,
                 community AS community_code, sector AS industry, capacity_min AS cap_lo,
                 capacity_max AS cap_hi FROM stations"

ogr2ogr -f GeoJSON "$tmp/deputies.geojson" "$fixture/deputies.csv" "${csv_in[@]}" \
    -s_srs EPSG:4547 -t_srs EPSG:4326 -lco SIGNIFICANT_FIGURES=17 -lco COORDINATE_PRECISION=17
jq -r '"代表编号,级别,行业,联络站,行业站,经度,纬度",
       (.features[] | [.properties.id, .properties.level, .properties.sector, .properties.station,
                       .properties.industry_station, .geometry.coordinates[0]?, .geometry.coordinates[1]?]
                    | @csv)' "$tmp/deputies.geojson" | iconv -f UTF-8 -t GBK >"$conv/deputies.csv"

cat >"$conv/scenario.toml" <<'EOF'
# tests/data/small converted by tests/cli/shapefile_roundtrip.sh
name = "small"

[crs]
working = "EPSG:4547"

[check]
circle_segments = 256

[layers.district]
file = "district.shp"
fields = { id = "QX_DM", name = "QX_MC" }

[layers.streets]             # GBK from the .cpg
file = "streets.shp"
fields = { id = "JD_DM", name = "JD_MC" }

[layers.communities]         # GBK stated
file = "communities.shp"
encoding = "GBK"
fields = { id = "SQ_DM", name = "SQ_MC", street = "SS_JD" }

[layers.grids]
file = "grids.shp"
fields = { id = "WG_DM", name = "WG_MC", street = "SS_JD", liaison = "LLR" }

[layers.stations]
file = "stations.geojson"
fields = { id = "station_code", name = "station_name", kind = "type", street = "street_code", community = "community_code", sector = "industry", capacity_min = "cap_lo", capacity_max = "cap_hi" }

[layers.deputies]
file = "deputies.csv"
encoding = "GBK"
crs = "EPSG:4326"
x = "经度"
y = "纬度"
fields = { id = "代表编号", level = "级别", sector = "行业", station = "联络站", industry_station = "行业站" }
EOF

# --- run -----------------------------------------------------------------------
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
    failed=$((failed + 1))
    echo "$name: FAIL: $*" >&2
}
finish() {
    echo "$name: $passed passed, $failed failed"
    if [ "$failed" -eq 0 ]; then exit 0; fi
    exit 1
}

# The conversion really stored GBK: 甲街道 in GBK bytes in the .dbf, a GBK .cpg, and
# a deputies file that is not valid UTF-8.
gbk_hex=$(printf '甲街道' | iconv -f UTF-8 -t GBK | od -An -tx1 | tr -d ' \n')
if [ "$(cat "$conv/streets.cpg")" = GBK ] && od -An -tx1 -v "$conv/streets.dbf" | tr -d ' \n' | grep -q "$gbk_hex" &&
    ! iconv -f UTF-8 -t UTF-8 "$conv/deputies.csv" >/dev/null 2>&1; then
    pass
else
    fail "the converted fixture is not GBK-encoded (streets.cpg: $(cat "$conv/streets.cpg" 2>/dev/null || echo none))"
fi

run_check() {  # scenario, out dir, stderr file -> exit status in $status
    status=0
    "$bin" -q check "$1" --out "$2" 2>"$3" || status=$?
}
run_check "$fixture/scenario.toml" "$tmp/original" "$tmp/original.err"
original_status=$status
run_check "$conv/scenario.toml" "$tmp/converted-out" "$tmp/converted.err"
converted_status=$status

if [ "$original_status" -ne 1 ] || [ -s "$tmp/original.err" ]; then
    fail "the original fixture: exit $original_status (expected 1), stderr: $(cat "$tmp/original.err")"
    finish
fi
if [ "$converted_status" -ne "$original_status" ] || [ -s "$tmp/converted.err" ]; then
    fail "the converted fixture: exit $converted_status (expected $original_status), stderr: $(cat "$tmp/converted.err")"
    finish
fi
pass

a="$tmp/original"
b="$tmp/converted-out"

# Named columns of an output CSV, re-read by GDAL so quoting never matters.
columns() {  # file, column list
    local layer
    layer=$(basename "$1" .csv)
    ogr2ogr -f CSV /vsistdout/ "$1" -sql "SELECT $2 FROM \"$layer\""
}
same_columns() {  # file, column list
    local diffs
    if diffs=$(diff <(columns "$a/$1" "$2") <(columns "$b/$1" "$2")); then
        pass
    else
        fail "$1 differs in ($2):"$'\n'"$diffs"
    fi
}

same_columns deputies.csv "deputy_id, sector, street_id, community_id, grid_id, station_id, nearest_station_id, covered"
same_columns stations.csv "station_id, kind, load"
same_columns communities.csv "community_id, name, street_id, deputies, stations"
same_columns grids.csv "grid_id, name, street_id, liaison_present, covered, deputies"
same_columns streets.csv "street_id, name, communities, grids, deputies, covered_deputies"

# nearest_distance_m within 0.01 m (printed to 0.01: a rounding step apart at most).
if diffs=$(paste -d, <(columns "$a/deputies.csv" "deputy_id, nearest_distance_m") \
                    <(columns "$b/deputies.csv" "deputy_id, nearest_distance_m") |
           awk -F, '{ gsub(/"/, "") }
                    NR > 1 && ($1 != $3 || $2 == "" || $4 == "" || $2 - $4 > 0.0100001 || $4 - $2 > 0.0100001)'
       ); [ -z "$diffs" ]; then
    pass
else
    fail "deputies.csv nearest_distance_m differs by more than 0.01 m (original,converted):"$'\n'"$diffs"
fi

summary_key='{deputies, rules: [.rules[] | {id, holds, violation_count}]}'
if diffs=$(diff <(jq -S "$summary_key" "$a/summary.json") <(jq -S "$summary_key" "$b/summary.json")); then
    pass
else
    fail "summary.json deputy counts or rules differ:"$'\n'"$diffs"
fi

finish

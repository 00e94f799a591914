#!/usr/bin/env bash
# Makes the input files of the two example reorganisations of the Jinshui sample
# from the bundled sample itself (geodata/jinshui.gpkg, geodata/jinshui_deputies.csv)
# with GDAL's ogr2ogr. The output is the same, byte for byte, on every run
# (tests/cli/examples_reproducible.sh checks it).
#
#   bash analysis/make-examples.sh [OUTDIR]     # default: analysis/data
#
# jinshui-add-stations: four new community stations at candidate sites that a
#   `stationplan suggest` run picks for deputies beyond 1 km, each taking the
#   deputy it was added for:
#     C-N01 at P0160 (鸿山街实验小学) takes D0206    C-N02 at P0113 takes D0273
#     C-N03 at P0189 takes D0310                    C-N04 at P0292 takes D0357
# jinshui-reorganise: closes, merges and moves stations and reassigns deputies:
#     merge C410105016207 into C410105016001 (its deputies D0270 and D0384 go there)
#     close C410105012012 (D0167 to C410105001012, D0283 to C410105013007)
#     move  C410105018205 to candidate site P0112 (周庄村党群服务中心)
#     D0380 from the overloaded C410105007001 to C410105007004
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/data}"
gpkg="$here/../geodata/jinshui.gpkg"
deputies="$here/../geodata/jinshui_deputies.csv"
mkdir -p "$out"
csv_options=(-f CSV -lco LINEFORMAT=LF -lco STRING_QUOTING=IF_NEEDED -dialect SQLite)

station_columns="station_id, name, kind, street_id, community_id, sector, capacity_min, capacity_max,
  printf('%.7f', ST_X(geom)) AS lon, printf('%.7f', ST_Y(geom)) AS lat"
new_station() {  # id, candidate site
  echo "SELECT '$1' AS station_id, name || '人大代表联络站' AS name, 'community' AS kind, street_id,
    NULL AS community_id, NULL AS sector, 3 AS capacity_min, 5 AS capacity_max,
    printf('%.7f', ST_X(geom)) AS lon, printf('%.7f', ST_Y(geom)) AS lat FROM candidate_sites WHERE site_id = '$2'"
}
deputies_with() {  # CASE arms for the station column
  echo "SELECT 代表编号, 姓名, 层级, 行业, CASE 代表编号 $1 ELSE 联络站编号 END AS 联络站编号,
    行业联络站编号, 地址, 经度, 纬度 FROM jinshui_deputies"
}
make() {  # file, source, sql
  rm -f "$out/$1"
  ogr2ogr "${csv_options[@]}" -sql "$3" -nln "${1%.csv}" "$out/$1" "$2"
}

make jinshui-add-stations.stations.csv "$gpkg" "SELECT $station_columns FROM stations
  UNION ALL $(new_station C-N01 P0160) UNION ALL $(new_station C-N02 P0113)
  UNION ALL $(new_station C-N03 P0189) UNION ALL $(new_station C-N04 P0292)"
make jinshui-add-stations.deputies.csv "$deputies" "$(deputies_with \
  "WHEN 'D0206' THEN 'C-N01' WHEN 'D0273' THEN 'C-N02' WHEN 'D0310' THEN 'C-N03' WHEN 'D0357' THEN 'C-N04'")"

make jinshui-reorganise.stations.csv "$gpkg" "SELECT station_id, name, kind, street_id, community_id, sector,
  capacity_min, capacity_max,
  CASE station_id WHEN 'C410105018205' THEN (SELECT printf('%.7f', ST_X(geom)) FROM candidate_sites WHERE site_id = 'P0112')
    ELSE printf('%.7f', ST_X(geom)) END AS lon,
  CASE station_id WHEN 'C410105018205' THEN (SELECT printf('%.7f', ST_Y(geom)) FROM candidate_sites WHERE site_id = 'P0112')
    ELSE printf('%.7f', ST_Y(geom)) END AS lat
  FROM stations WHERE station_id NOT IN ('C410105016207', 'C410105012012')"
make jinshui-reorganise.deputies.csv "$deputies" "$(deputies_with \
  "WHEN 'D0270' THEN 'C410105016001' WHEN 'D0384' THEN 'C410105016001' WHEN 'D0167' THEN 'C410105001012'
   WHEN 'D0283' THEN 'C410105013007' WHEN 'D0380' THEN 'C410105007004'")"

// Publishes a finished output folder to a PostGIS schema through GDAL's PostgreSQL
// driver, whole or not at all.
//
//   io::publish_to_postgis(staging_dir, "PG:host=127.0.0.1 port=55432 dbname=gis", "jinshui_baseline");
//
// Every layer of every GeoPackage in the folder becomes a table (geometry column
// `geom`, its CRS kept), every CSV file becomes an attribute table of text columns
// named as in the file (the same rows in the same order: `fid` counts them from 1),
// and summary.json becomes the one-row table `summary` (column `json`). GeoPackage
// layers whose name a CSV table already takes get the prefix `map_` (map_deputies).
//
// All tables are written into a staging schema (`<schema>__staging`), which replaces
// `<schema>` in one transaction at the end: readers see the old results or the new
// ones, never a mixture. An existing schema is replaced only when it is an earlier
// output (it has a `summary` table); otherwise nothing is written (InputError).
#pragma once

#include <filesystem>
#include <string>

namespace stationplan::io {

// Throws InputError (bad connection, foreign schema) or std::runtime_error (a failed
// write; the staging schema is dropped and the target left as it was).
void publish_to_postgis(const std::filesystem::path& dir, const std::string& connection, const std::string& schema);

// A schema name PostgreSQL takes unquoted: lower-case letters, digits and _ (at most
// 50 bytes, not starting with a digit).
bool is_plain_schema_name(const std::string& name);

}  // namespace stationplan::io

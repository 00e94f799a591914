// One self-contained HTML page: Leaflet and the report's JS/CSS inlined, the data as
// JSON in a <script type="application/json"> block, and a Content-Security-Policy
// that allows no request of any kind (scripts and styles inline only, images from
// data: URLs). Shared by report.html and the comparison view.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace stationplan::report {

// lang: "zh" or "en"; title: plain text (escaped here).
std::string html_page(const std::string& lang, const std::string& title, const nlohmann::ordered_json& data);

// The map layers of a check output's coverage.gpkg as GeoJSON FeatureCollections in
// EPSG:4326 (simplified to 2 m): district, streets, communities, grids (covered share,
// deputies) and stations (kind, load, capacity). Read through GDAL (io::read_web_layer).
nlohmann::ordered_json map_layers(const std::filesystem::path& gpkg);

void write_text_file(const std::filesystem::path& file, const std::string& text);

}  // namespace stationplan::report

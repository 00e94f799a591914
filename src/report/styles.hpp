// QGIS styles for the layers of coverage.gpkg. The .qml and .sld files in
// reports/styles/ are the source of truth; the build compiles them into the binary
// (cmake/embed_styles.cmake), and every GeoPackage stationplan writes carries them in
// its layer_styles table, the table QGIS reads, so that the layers open styled.
//
//   io::VectorWriter out(dir / "coverage.gpkg");
//   ... create layers ...
//   report::add_layer_styles(out, {"district", "grids", "stations"});
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/vector_writer.hpp"

namespace stationplan::report {

struct EmbeddedStyle {
    std::string_view file;  // "grids.qml"
    std::string_view text;
};

// Every file of reports/styles/, sorted by name.
const std::vector<EmbeddedStyle>& embedded_styles();

// The QML or SLD text of a layer's style; empty when there is none.
std::string_view style_qml(std::string_view layer);
std::string_view style_sld(std::string_view layer);

// Adds each layer's style as its default to the GeoPackage's layer_styles table,
// creating the table (registered as attributes in gpkg_contents) when missing.
// update_time is fixed so that two runs write identical files. Throws when a layer
// has no style.
void add_layer_styles(io::VectorWriter& gpkg, const std::vector<std::string>& layers);

}  // namespace stationplan::report

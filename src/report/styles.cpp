#include "report/styles.hpp"

#include <stdexcept>

namespace stationplan::report {
namespace {

std::string_view find(std::string_view layer, std::string_view extension) {
    for (const auto& s : embedded_styles())
        if (s.file.size() == layer.size() + extension.size() && s.file.substr(0, layer.size()) == layer &&
            s.file.substr(layer.size()) == extension)
            return s.text;
    return {};
}

std::string sql_text(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

// The time stamp of every GeoPackage row stationplan writes (as OGR_CURRENT_DATE).
constexpr const char* kFixedTime = "2000-01-01T00:00:00.000Z";

}  // namespace

std::string_view style_qml(std::string_view layer) { return find(layer, ".qml"); }
std::string_view style_sld(std::string_view layer) { return find(layer, ".sld"); }

void add_layer_styles(io::VectorWriter& gpkg, const std::vector<std::string>& layers) {
    // The columns QGIS creates and reads (QgsOgrProviderUtils, saveStyle/loadStyle).
    gpkg.execute_sql(
        "CREATE TABLE IF NOT EXISTS layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
        "f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), "
        "styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), "
        "ui TEXT(30), update_time DATETIME)");
    gpkg.execute_sql(std::string("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
                                 "SELECT 'layer_styles', 'attributes', 'layer_styles', '', '") +
                     kFixedTime + "' WHERE NOT EXISTS (SELECT 1 FROM gpkg_contents WHERE table_name = 'layer_styles')");
    for (const auto& layer : layers) {
        const std::string_view qml = style_qml(layer), sld = style_sld(layer);
        if (qml.empty() || sld.empty()) throw std::logic_error("no style for layer " + layer);
        gpkg.execute_sql("DELETE FROM layer_styles WHERE f_table_name = " + sql_text(layer));
        gpkg.execute_sql(
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
            "styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) VALUES ('', '', " +
            sql_text(layer) + ", 'geom', " + sql_text(layer) + ", " + sql_text(qml) + ", " + sql_text(sld) + ", 1, " +
            sql_text("stationplan style for " + layer) + ", '', NULL, '" + kFixedTime + "')");
    }
}

}  // namespace stationplan::report

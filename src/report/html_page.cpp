#include "report/html_page.hpp"

#include <stdexcept>

#include "io/output_file.hpp"
#include "io/web_layer.hpp"
#include "report/web_assets.hpp"

namespace stationplan::report {
namespace {

// Polygons reach the browser simplified to 2 m: invisible at any zoom the district
// is read at, and it keeps a city's report small.
constexpr double kSimplify_m = 2.0;

std::string escape_html(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

// JSON inside <script>: "</" would end the block early.
std::string script_safe(std::string json) {
    for (std::size_t i = 0; (i = json.find("</", i)) != std::string::npos; i += 3) json.replace(i, 2, "<\\/");
    return json;
}

nlohmann::ordered_json value_json(const io::FieldValue& v) {
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return nullptr;
}

// properties: output names for the layer's fields, in order.
nlohmann::ordered_json collection(const std::filesystem::path& gpkg, const std::string& layer,
                                  const std::vector<std::string>& fields, const std::vector<std::string>& properties) {
    const io::WebLayer l = io::read_web_layer(gpkg, layer, fields, kSimplify_m);
    nlohmann::ordered_json features = nlohmann::json::array();
    for (const auto& f : l.features) {
        nlohmann::ordered_json props = nlohmann::json::object();
        for (std::size_t i = 0; i < properties.size(); ++i) props[properties[i]] = value_json(f.values[i]);
        features.push_back({{"type", "Feature"},
                            {"properties", std::move(props)},
                            {"geometry", nlohmann::ordered_json::parse(f.geometry_json)}});
    }
    return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

}  // namespace

std::string html_page(const std::string& lang, const std::string& title, const nlohmann::ordered_json& data) {
    std::string out;
    out += "<!DOCTYPE html>\n<html lang=\"";
    out += lang == "zh" ? "zh-CN" : "en";
    out += "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
    out += escape_html(title);
    out += "</title>\n<style>\n";
    out += web::leaflet_css();
    out += "\n</style>\n<style>\n";
    out += web::report_css();
    out += "\n</style>\n</head>\n<body>\n<div id=\"app\"></div>\n<script type=\"application/json\" id=\"sp-data\">";
    out += script_safe(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    out += "</script>\n<script>\n";
    out += web::leaflet_js();
    out += "\n</script>\n<script>\n";
    out += web::report_js();
    out += "\n</script>\n</body>\n</html>\n";
    return out;
}

nlohmann::ordered_json map_layers(const std::filesystem::path& gpkg) {
    nlohmann::ordered_json j;
    j["district"] = collection(gpkg, "district", {"id", "name"}, {"id", "name"});
    j["streets"] = collection(gpkg, "streets", {"id", "name"}, {"id", "name"});
    j["communities"] = collection(gpkg, "communities", {"id", "name", "street_id"}, {"id", "name", "street_id"});
    j["grids"] = collection(gpkg, "grids", {"grid_id", "name", "street_id", "covered_ratio", "covered", "deputies", "liaison_present"},
                           {"id", "name", "street_id", "covered_ratio", "covered", "deputies", "liaison"});
    j["stations"] = collection(gpkg, "stations",
                               {"station_id", "name", "kind", "street_id", "load", "capacity_min", "capacity_max",
                                "within_capacity", "counted"},
                               {"id", "name", "kind", "street_id", "load", "capacity_min", "capacity_max", "within_capacity",
                                "counted"});
    return j;
}

void write_text_file(const std::filesystem::path& file, const std::string& text) {
    io::write_file(file, text);
}

}  // namespace stationplan::report

// The comparison view (stationplan::write_compare_html): compare.json plus the two
// check output folders it compares, rendered by the report's page script.
#include <fstream>

#include <nlohmann/json.hpp>

#include "report/html_page.hpp"
#include "stationplan/error.hpp"
#include "stationplan/report.hpp"

namespace stationplan {
namespace {

using json = nlohmann::ordered_json;

json read_json(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError({file.string(), {}, {}, {}}, "cannot open");
    try {
        return json::parse(in);
    } catch (const json::parse_error& e) {
        throw InputError({file.string(), {}, {}, {}}, std::string("not valid JSON: ") + e.what());
    }
}

// Reads compare.json's parts with errors naming the key.
class Reader {
public:
    explicit Reader(std::filesystem::path file) : m_file(std::move(file)) {}

    const json& at(const json& j, const std::string& key, const std::string& path) const {
        if (!j.is_object() || !j.contains(key)) throw InputError({m_file.string(), {}, path, key}, "missing");
        return j.at(key);
    }
    const json& array(const json& j, const std::string& key, const std::string& path) const {
        const json& v = at(j, key, path);
        if (!v.is_array()) throw InputError({m_file.string(), {}, path, key}, "expected an array");
        return v;
    }
    // Copies the listed keys of every element of an array (and nothing else).
    json pick(const json& j, const std::string& key, const std::string& path, const std::vector<std::string>& keys) const {
        json out = json::array();
        std::size_t i = 0;
        for (const auto& e : array(j, key, path)) {
            const std::string where = path + "." + key + "[" + std::to_string(i++) + "]";
            json o = json::object();
            for (const auto& k : keys) o[k] = at(e, k, where);
            out.push_back(std::move(o));
        }
        return out;
    }

private:
    std::filesystem::path m_file;
};

json side(const Reader& r, const json& c, const std::string& which, const std::filesystem::path& dir) {
    const json& s = r.at(c, which, "");
    json out;
    out["label"] = r.at(s, "label", which);
    const json summary = read_json(dir / "summary.json");
    json rules = json::array();
    if (summary.contains("rules"))
        for (const auto& rule : summary["rules"])
            rules.push_back({{"id", rule.value("id", "")}, {"title", rule.value("title", "")}, {"holds", rule.value("holds", true)},
                             {"violation_count", rule.value("violation_count", 0)}});
    out["summary"] = {{"scenario", summary.value("scenario", "")},
                      {"title", summary.value("title", "")},
                      {"radius_m", summary.value("radius_m", 0.0)},
                      {"rules", rules}};
    out["layers"] = report::map_layers(dir / "coverage.gpkg");
    return out;
}

}  // namespace

void write_compare_html(const std::filesystem::path& before_dir, const std::filesystem::path& after_dir,
                        const std::filesystem::path& comparison_json, ReportLang lang, bool redact,
                        const std::filesystem::path& out_file) {
    const json c = read_json(comparison_json);
    const Reader r(comparison_json);
    json d;
    d["kind"] = "compare";
    d["lang"] = to_string(lang);
    d["redact"] = redact;
    d["title"] = r.at(r.at(c, "before", ""), "label", "before").get<std::string>() + " → " +
                 r.at(r.at(c, "after", ""), "label", "after").get<std::string>();
    d["figures"] = r.pick(c, "figures", "", {"key", "before", "after", "change"});
    const json& st = r.at(c, "stations", "");
    const std::vector<std::string> station_keys{"station_id", "name", "kind", "lon", "lat"};
    d["stations"] = {{"added", r.pick(st, "added", "stations", station_keys)},
                     {"closed", r.pick(st, "closed", "stations", station_keys)},
                     {"moved", r.pick(st, "moved", "stations", {"station_id", "name", "from", "to", "distance_m"})},
                     {"merged", r.pick(st, "merged", "stations", {"into", "from"})}};
    d["deputies_changing_station"] = r.pick(c, "deputies_changing_station", "",
                                            {"deputy_id", "old_station_id", "new_station_id", "old_distance_m", "new_distance_m"});
    const json& cm = r.at(c, "communities", "");
    d["communities"] = {{"gaining", r.pick(cm, "gaining", "communities", {"community_id", "name"})},
                        {"losing", r.pick(cm, "losing", "communities", {"community_id", "name"})}};
    const json& gr = r.at(c, "grids", "");
    const std::vector<std::string> grid_keys{"grid_id", "before_covered_ratio", "after_covered_ratio"};
    d["grids"] = {{"gaining", r.pick(gr, "gaining", "grids", grid_keys)}, {"losing", r.pick(gr, "losing", "grids", grid_keys)}};
    d["rules"] = r.pick(c, "rules", "", {"id", "before_holds", "after_holds", "before_count", "after_count"});
    // The output folders are read only once compare.json is known to be whole.
    d["before"] = side(r, c, "before", before_dir);
    d["after"] = side(r, c, "after", after_dir);
    report::write_text_file(out_file, report::html_page(d["lang"].get<std::string>(), d["title"].get<std::string>(), d));
}

}  // namespace stationplan

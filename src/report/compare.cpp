#include "report/compare.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "io/crs.hpp"
#include "io/output_file.hpp"
#include "report/csv_reader.hpp"
#include "report/csv_writer.hpp"
#include "stationplan/error.hpp"

namespace stationplan::report {
namespace fs = std::filesystem;
namespace {

using Json = nlohmann::ordered_json;

Json read_json(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError({file.string(), "", "", ""}, "cannot read the file (not a check output folder?)");
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return Json::parse(text.str());
    } catch (const nlohmann::json::exception& e) {
        throw InputError({file.string(), "", "", ""}, std::string("not valid JSON: ") + e.what());
    }
}

double round_to(double v, double unit) { return std::isnan(v) ? v : std::round(v / unit) * unit; }

struct StationRow {
    std::string id, name, kind;
    XY position;
    LonLat lonlat;
};

// One side of the comparison, read from a check output folder.
struct Side {
    Json summary;
    std::string label;
    std::string crs;
    std::vector<StationRow> stations;
    std::map<std::string, std::size_t> station_index;
    struct DeputyRow {
        std::string id, station_id, community_id;
        double station_distance_m;
        bool covered;
    };
    std::vector<DeputyRow> deputies;
    std::map<std::string, std::size_t> deputy_index;
    struct CommunityRow {
        std::string id, name;
        bool covered;  // reached and every deputy in it covered
    };
    std::vector<CommunityRow> communities;
    std::map<std::string, std::size_t> community_index;
    std::vector<std::pair<std::string, double>> grids;  // id, covered ratio
    std::size_t grids_covered = 0;
};

bool truth(const CsvTable& t, std::size_t row, const std::string& column) { return t.at(row, column) == "true"; }

Side read_side(const fs::path& dir) {
    Side s;
    s.summary = read_json(dir / "summary.json");
    const std::string title = s.summary.value("title", std::string{});
    s.label = title.empty() ? s.summary.value("scenario", dir.filename().string()) : title;
    s.crs = s.summary.value("crs", std::string{});
    if (s.crs.empty()) throw InputError({(dir / "summary.json").string(), "", "", "crs"}, "missing");

    const io::Crs working = io::Crs::from_user_input(s.crs);
    const io::Transform to_lonlat(working, io::Crs::from_user_input("EPSG:4326"));
    {
        const auto t = CsvTable::read(dir / "stations.csv", {"station_id", "name", "kind", "x_m", "y_m"});
        for (std::size_t i = 0; i < t.size(); ++i) {
            StationRow r{t.at(i, "station_id"), t.at(i, "name"), t.at(i, "kind"), {t.number(i, "x_m"), t.number(i, "y_m")}, {}};
            double x = r.position.x_m, y = r.position.y_m;
            if (to_lonlat.apply(x, y)) r.lonlat = {round_to(x, 1e-7), round_to(y, 1e-7)};
            else r.lonlat = {std::nan(""), std::nan("")};
            s.station_index.emplace(r.id, s.stations.size());
            s.stations.push_back(std::move(r));
        }
    }
    std::map<std::string, bool> all_covered;  // community id -> every deputy in it covered
    {
        const auto t = CsvTable::read(dir / "deputies.csv",
                                      {"deputy_id", "station_id", "station_distance_m", "community_id", "covered"});
        for (std::size_t i = 0; i < t.size(); ++i) {
            Side::DeputyRow r{t.at(i, "deputy_id"), t.at(i, "station_id"), t.at(i, "community_id"),
                              t.number(i, "station_distance_m"), truth(t, i, "covered")};
            if (!r.community_id.empty() && !r.covered) all_covered[r.community_id] = false;
            s.deputy_index.emplace(r.id, s.deputies.size());
            s.deputies.push_back(std::move(r));
        }
    }
    {
        const auto t = CsvTable::read(dir / "communities.csv", {"community_id", "name", "reached"});
        for (std::size_t i = 0; i < t.size(); ++i) {
            const std::string id = t.at(i, "community_id");
            const auto it = all_covered.find(id);
            s.community_index.emplace(id, s.communities.size());
            s.communities.push_back({id, t.at(i, "name"), truth(t, i, "reached") && it == all_covered.end()});
        }
    }
    {
        const auto t = CsvTable::read(dir / "grids.csv", {"grid_id", "covered_ratio", "covered"});
        for (std::size_t i = 0; i < t.size(); ++i) {
            s.grids.emplace_back(t.at(i, "grid_id"), t.number(i, "covered_ratio"));
            s.grids_covered += truth(t, i, "covered") ? 1 : 0;
        }
    }
    return s;
}

// Every number in the summary, flattened to dotted keys in the file's order
// (booleans and lists are left to `rules`).
void flatten(const Json& j, const std::string& prefix, std::vector<std::pair<std::string, double>>& out) {
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
        if (it->is_object()) flatten(*it, key, out);
        else if (it->is_number()) out.emplace_back(key, it->get<double>());
    }
}

std::vector<std::pair<std::string, double>> figures_of(const Side& s) {
    std::vector<std::pair<std::string, double>> out;
    flatten(s.summary, "", out);
    std::size_t covered = 0;
    for (const auto& c : s.communities) covered += c.covered ? 1 : 0;
    out.emplace_back("communities.covered", static_cast<double>(covered));
    out.emplace_back("grids.covered", static_cast<double>(s.grids_covered));
    std::size_t holding = 0;
    if (s.summary.contains("rules"))
        for (const auto& r : s.summary["rules"]) holding += r.value("holds", false) ? 1 : 0;
    out.emplace_back("rules.holding", static_cast<double>(holding));
    return out;
}

Json number(double v) {
    if (std::isnan(v)) return nullptr;
    if (v == std::floor(v) && std::fabs(v) < 9e15) return static_cast<std::int64_t>(v);
    return v;
}

Json lonlat(const LonLat& p) { return {{"lon", number(p.lon_deg)}, {"lat", number(p.lat_deg)}}; }

Json station_json(const StationRef& s) {
    return {{"station_id", s.station_id}, {"name", s.name}, {"kind", s.kind}, {"lon", number(s.position.lon_deg)},
            {"lat", number(s.position.lat_deg)}};
}

void write_json(const Json& j, const fs::path& file) {
    io::write_file(file, j.dump(2) + '\n');
}

std::string yes_no(bool b) { return b ? "true" : "false"; }

std::string num_text(double v) {
    if (std::isnan(v)) return {};
    if (v == std::floor(v) && std::fabs(v) < 9e15) return std::to_string(static_cast<std::int64_t>(v));
    return fixed(v, 6);
}

}  // namespace

CompareOutcome compare_folders(const fs::path& before_dir, const fs::path& after_dir) {
    const Side before = read_side(before_dir);
    const Side after = read_side(after_dir);
    CompareOutcome c;
    c.before_label = before.label;
    c.after_label = after.label;

    // Figures present on both sides, in the before side's order.
    {
        const auto fb = figures_of(before);
        const auto fa = figures_of(after);
        std::map<std::string, double> a(fa.begin(), fa.end());
        for (const auto& [key, vb] : fb) {
            const auto it = a.find(key);
            if (it == a.end()) continue;
            c.figures.push_back({key, vb, it->second, round_to(it->second - vb, 1e-9)});
        }
    }

    // Positions are compared in the before side's CRS.
    std::vector<XY> after_in_before(after.stations.size());
    {
        std::unique_ptr<io::Transform> t;
        if (after.crs != before.crs)
            t = std::make_unique<io::Transform>(io::Crs::from_user_input(after.crs), io::Crs::from_user_input(before.crs));
        for (std::size_t i = 0; i < after.stations.size(); ++i) {
            XY p = after.stations[i].position;
            if (t && !t->apply(p.x_m, p.y_m)) p = {std::nan(""), std::nan("")};
            after_in_before[i] = p;
        }
    }
    for (std::size_t i = 0; i < after.stations.size(); ++i) {
        const auto& s = after.stations[i];
        const auto it = before.station_index.find(s.id);
        if (it == before.station_index.end()) {
            c.stations.added.push_back({s.id, s.name, s.kind, s.lonlat});
            continue;
        }
        const auto& b = before.stations[it->second];
        const double d = distance_m(b.position, after_in_before[i]);
        if (d >= kMovedMinM || std::isnan(d))
            c.stations.moved.push_back({s.id, s.name, b.lonlat, s.lonlat, round_to(d, 0.01)});
    }
    // Gone stations: merged when all their deputies went to one remaining station.
    std::map<std::string, std::vector<std::string>> merged;  // into -> from
    std::vector<std::string> merge_order;
    for (const auto& s : before.stations) {
        if (after.station_index.count(s.id)) continue;
        std::set<std::string> targets;
        for (const auto& d : before.deputies) {
            if (d.station_id != s.id) continue;
            const auto it = after.deputy_index.find(d.id);
            if (it != after.deputy_index.end()) targets.insert(after.deputies[it->second].station_id);
        }
        const bool is_merge = targets.size() == 1 && !targets.begin()->empty() &&
                              before.station_index.count(*targets.begin()) && after.station_index.count(*targets.begin());
        if (!is_merge) {
            c.stations.closed.push_back({s.id, s.name, s.kind, s.lonlat});
            continue;
        }
        const std::string& into = *targets.begin();
        if (!merged.count(into)) merge_order.push_back(into);
        merged[into].push_back(s.id);
    }
    for (const auto& into : merge_order) {
        auto from = merged[into];
        std::sort(from.begin(), from.end());
        c.stations.merged.push_back({into, from});
    }

    for (const auto& d : before.deputies) {
        const auto it = after.deputy_index.find(d.id);
        if (it == after.deputy_index.end()) continue;
        const auto& a = after.deputies[it->second];
        if (a.station_id == d.station_id) continue;
        c.deputies_changing_station.push_back({d.id, d.station_id, a.station_id, d.station_distance_m, a.station_distance_m});
    }

    for (const auto& cb : before.communities) {
        const auto it = after.community_index.find(cb.id);
        if (it == after.community_index.end()) continue;
        const auto& ca = after.communities[it->second];
        if (!cb.covered && ca.covered) c.communities_gaining.push_back({ca.id, ca.name});
        if (cb.covered && !ca.covered) c.communities_losing.push_back({ca.id, ca.name});
    }

    {
        std::map<std::string, double> after_ratio(after.grids.begin(), after.grids.end());
        for (const auto& [id, rb] : before.grids) {
            const auto it = after_ratio.find(id);
            if (it == after_ratio.end()) continue;
            const double ra = it->second;
            // covered_ratio is written with 6 decimals: a change is a change in those.
            if (ra > rb + 5e-7) c.grids_gaining.push_back({id, rb, ra});
            if (ra < rb - 5e-7) c.grids_losing.push_back({id, rb, ra});
        }
    }

    if (before.summary.contains("rules") && after.summary.contains("rules")) {
        for (const auto& rb : before.summary["rules"]) {
            for (const auto& ra : after.summary["rules"]) {
                if (ra.value("id", "") != rb.value("id", "")) continue;
                c.rules.push_back({rb.value("id", ""), rb.value("holds", false), ra.value("holds", false),
                                   rb.value("violation_count", std::size_t{0}), ra.value("violation_count", std::size_t{0})});
            }
        }
    }
    return c;
}

void write_comparison(const CompareOutcome& c, const fs::path& before_dir, const fs::path& after_dir, const fs::path& dir) {
    Json j;
    j["before"] = {{"label", c.before_label}, {"summary", read_json(before_dir / "summary.json")}};
    j["after"] = {{"label", c.after_label}, {"summary", read_json(after_dir / "summary.json")}};
    j["figures"] = Json::array();
    for (const auto& f : c.figures)
        j["figures"].push_back({{"key", f.key}, {"before", number(f.before)}, {"after", number(f.after)}, {"change", number(f.change)}});
    Json st;
    st["added"] = Json::array();
    for (const auto& s : c.stations.added) st["added"].push_back(station_json(s));
    st["closed"] = Json::array();
    for (const auto& s : c.stations.closed) st["closed"].push_back(station_json(s));
    st["moved"] = Json::array();
    for (const auto& m : c.stations.moved)
        st["moved"].push_back({{"station_id", m.station_id}, {"name", m.name}, {"from", lonlat(m.from)}, {"to", lonlat(m.to)},
                               {"distance_m", number(m.distance_m)}});
    st["merged"] = Json::array();
    for (const auto& m : c.stations.merged) st["merged"].push_back({{"into", m.into}, {"from", m.from}});
    j["stations"] = st;
    j["deputies_changing_station"] = Json::array();
    for (const auto& d : c.deputies_changing_station)
        j["deputies_changing_station"].push_back({{"deputy_id", d.deputy_id},
                                                  {"old_station_id", d.old_station_id},
                                                  {"new_station_id", d.new_station_id},
                                                  {"old_distance_m", number(d.old_distance_m)},
                                                  {"new_distance_m", number(d.new_distance_m)}});
    auto areas = [](const std::vector<AreaRef>& list) {
        Json a = Json::array();
        for (const auto& x : list) a.push_back({{"community_id", x.id}, {"name", x.name}});
        return a;
    };
    j["communities"] = {{"gaining", areas(c.communities_gaining)}, {"losing", areas(c.communities_losing)}};
    auto grids = [](const std::vector<GridChange>& list) {
        Json a = Json::array();
        for (const auto& g : list)
            a.push_back({{"grid_id", g.grid_id},
                         {"before_covered_ratio", number(g.before_covered_ratio)},
                         {"after_covered_ratio", number(g.after_covered_ratio)}});
        return a;
    };
    j["grids"] = {{"gaining", grids(c.grids_gaining)}, {"losing", grids(c.grids_losing)}};
    j["rules"] = Json::array();
    for (const auto& r : c.rules)
        j["rules"].push_back({{"id", r.id},
                              {"before_holds", r.before_holds},
                              {"after_holds", r.after_holds},
                              {"before_count", r.before_count},
                              {"after_count", r.after_count}});
    write_json(j, dir / "compare.json");

    {
        CsvWriter w(dir / "compare_figures.csv", {"key", "before", "after", "change"});
        for (const auto& f : c.figures) w.row({f.key, num_text(f.before), num_text(f.after), num_text(f.change)});
        w.close();
    }
    {
        // Names, kinds and places of merged and moved stations come from the before side.
        std::map<std::string, StationRef> before_stations;
        for (const auto& s : read_side(before_dir).stations) before_stations[s.id] = {s.id, s.name, s.kind, s.lonlat};
        CsvWriter w(dir / "compare_stations.csv", {"change", "station_id", "name", "kind", "lon", "lat", "to_lon", "to_lat",
                                                   "distance_m", "into"});
        auto deg = [](double v) { return fixed(v, 7); };
        for (const auto& s : c.stations.added)
            w.row({"added", s.station_id, s.name, s.kind, "", "", deg(s.position.lon_deg), deg(s.position.lat_deg), "", ""});
        for (const auto& s : c.stations.closed)
            w.row({"closed", s.station_id, s.name, s.kind, deg(s.position.lon_deg), deg(s.position.lat_deg), "", "", "", ""});
        for (const auto& m : c.stations.moved)
            w.row({"moved", m.station_id, m.name, before_stations[m.station_id].kind, deg(m.from.lon_deg), deg(m.from.lat_deg),
                   deg(m.to.lon_deg), deg(m.to.lat_deg), fixed(m.distance_m, 2), ""});
        for (const auto& m : c.stations.merged)
            for (const auto& from : m.from) {
                const auto& s = before_stations[from];
                w.row({"merged", from, s.name, s.kind, deg(s.position.lon_deg), deg(s.position.lat_deg), "", "", "",
                       m.into});
            }
        w.close();
    }
    {
        CsvWriter w(dir / "compare_deputies.csv",
                    {"deputy_id", "old_station_id", "new_station_id", "old_distance_m", "new_distance_m"});
        for (const auto& d : c.deputies_changing_station)
            w.row({d.deputy_id, d.old_station_id, d.new_station_id, fixed(d.old_distance_m, 2), fixed(d.new_distance_m, 2)});
        w.close();
    }
    {
        CsvWriter w(dir / "compare_communities.csv", {"change", "community_id", "name"});
        for (const auto& x : c.communities_gaining) w.row({"gaining", x.id, x.name});
        for (const auto& x : c.communities_losing) w.row({"losing", x.id, x.name});
        w.close();
    }
    {
        CsvWriter w(dir / "compare_grids.csv", {"change", "grid_id", "before_covered_ratio", "after_covered_ratio"});
        for (const auto& g : c.grids_gaining) w.row({"gaining", g.grid_id, fixed(g.before_covered_ratio, 6), fixed(g.after_covered_ratio, 6)});
        for (const auto& g : c.grids_losing) w.row({"losing", g.grid_id, fixed(g.before_covered_ratio, 6), fixed(g.after_covered_ratio, 6)});
        w.close();
    }
    {
        CsvWriter w(dir / "compare_rules.csv", {"id", "before_holds", "after_holds", "before_count", "after_count"});
        for (const auto& r : c.rules)
            w.row({r.id, yes_no(r.before_holds), yes_no(r.after_holds), std::to_string(r.before_count),
                   std::to_string(r.after_count)});
        w.close();
    }
}

}  // namespace stationplan::report

#include "report/html_report.hpp"

#include <cmath>
#include <map>

#include "io/web_layer.hpp"
#include "report/html_page.hpp"

namespace stationplan::report {
namespace {

using json = nlohmann::ordered_json;

// How many violation lines per rule go into the page (the CSVs hold them all).
constexpr std::size_t kViolationLinesMax = 200;

json number_or_null(double v) { return std::isnan(v) ? json(nullptr) : json(std::round(v * 100.0) / 100.0); }

template <typename T>
std::string id_of(const std::vector<T>& items, const std::optional<std::size_t>& i) {
    return i ? items[*i].id : std::string{};
}

json lonlat(const io::LonLatProjector& to_lonlat, const XY& p) {
    const LonLat ll = to_lonlat(p);
    return json::array({std::round(ll.lon_deg * 1e6) / 1e6, std::round(ll.lat_deg * 1e6) / 1e6});
}

}  // namespace

json report_figures(const CheckOutcome& o, const model::District& d) {
    std::size_t by_kind[3] = {0, 0, 0};
    for (const auto& s : d.stations) ++by_kind[static_cast<int>(s.kind)];
    const double ratio = o.deputies_used ? static_cast<double>(o.deputies_covered) / static_cast<double>(o.deputies_used) : 0.0;
    json f = json::array();
    auto add = [&](const char* key, json value) { f.push_back({{"key", key}, {"value", std::move(value)}}); };
    add("deputies.total", o.deputies_total);
    add("deputies.used", o.deputies_used);
    add("deputies.covered", o.deputies_covered);
    add("deputies.rejected", o.deputies_rejected);
    add("coverage_ratio", std::round(ratio * 1e6) / 1e6);
    add("streets", d.streets.size());
    add("communities", d.communities.size());
    add("grids", d.grids.size());
    add("stations", d.stations.size());
    add("stations_by_kind.street", by_kind[0]);
    add("stations_by_kind.community", by_kind[1]);
    add("stations_by_kind.industry", by_kind[2]);
    add("rejects", o.rejects_total);
    return f;
}

json report_data(const ReportContent& c, const std::filesystem::path& gpkg) {
    const model::District& d = c.district;
    const measure::Measurement& m = c.measurement;
    const io::LonLatProjector to_lonlat(d.crs);
    json j;
    j["kind"] = "report";
    j["lang"] = to_string(c.lang);
    j["redact"] = c.redact;
    j["scenario"] = c.check.scenario;
    j["title"] = c.scenario.title.empty() ? c.check.scenario : c.scenario.title;
    j["crs"] = c.check.crs;
    j["radius_m"] = c.scenario.radius_m;
    j["figures"] = report_figures(c.check, d);
    j["all_rules_hold"] = c.check.all_hold();
    json rules = json::array();
    for (const auto& r : c.check.rules) {
        std::vector<std::string> lines(r.violations.begin(),
                                       r.violations.begin() + static_cast<std::ptrdiff_t>(std::min(r.violations.size(), kViolationLinesMax)));
        rules.push_back({{"id", to_string(r.id)}, {"title", r.title}, {"holds", r.holds}, {"violation_count", r.violation_count},
                         {"violations", lines}});
    }
    j["rules"] = rules;

    // Map layers: areas and stations from the GeoPackage; deputies from the model.
    json layers = map_layers(gpkg);
    std::map<std::string, std::vector<std::size_t>> deputies_of;  // station id -> deputy indexes
    for (std::size_t i = 0; i < d.deputies.size(); ++i)
        if (!d.deputies[i].station_id.empty()) deputies_of[d.deputies[i].station_id].push_back(i);
    std::vector<std::size_t> uncovered_in_grid(d.grids.size(), 0);
    for (std::size_t i = 0; i < d.deputies.size(); ++i)
        if (!m.deputies[i].covered && m.deputies[i].grid) ++uncovered_in_grid[*m.deputies[i].grid];
    for (std::size_t i = 0; i < layers["grids"]["features"].size() && i < d.grids.size(); ++i)
        layers["grids"]["features"][i]["properties"]["uncovered"] = uncovered_in_grid[i];
    for (auto& f : layers["stations"]["features"]) {
        json list = json::array();
        // [id, distance_m] or [id, distance_m, name]: a whole city lists tens of
        // thousands of deputies here, and the keys would be most of the bytes.
        for (std::size_t i : deputies_of[f["properties"]["id"].get<std::string>()]) {
            json e = json::array({d.deputies[i].id, number_or_null(m.deputies[i].station_distance_m)});
            if (!c.redact && !d.deputies[i].name.empty()) e.push_back(d.deputies[i].name);
            list.push_back(std::move(e));
        }
        f["properties"]["deputies"] = std::move(list);
    }
    json uncovered = json::array();
    for (std::size_t i = 0; i < d.deputies.size(); ++i) {
        const auto& p = d.deputies[i];
        const auto& dm = m.deputies[i];
        if (dm.covered) continue;
        json e = {{"id", p.id}};
        if (!c.redact) {
            e["name"] = p.name;
            e["address"] = p.address;
            e["lonlat"] = lonlat(to_lonlat, p.position);
        }
        e["street_id"] = id_of(d.streets, dm.street);
        e["community_id"] = id_of(d.communities, dm.community);
        e["grid_id"] = id_of(d.grids, dm.grid);
        e["nearest_station_id"] = id_of(d.stations, dm.nearest);
        e["nearest_distance_m"] = number_or_null(dm.nearest_distance_m);
        uncovered.push_back(std::move(e));
    }
    // Network distance: the deputies for whom walking and the straight line disagree
    // about the radius (covered one way, not the other).
    json disagree = json::array();
    if (m.network) {
        for (std::size_t i = 0; i < d.deputies.size(); ++i) {
            const auto& dm = m.deputies[i];
            if (!dm.measures_disagree) continue;
            json e = {{"id", d.deputies[i].id}};
            if (!c.redact) e["name"] = d.deputies[i].name;
            e["street_id"] = id_of(d.streets, dm.street);
            e["community_id"] = id_of(d.communities, dm.community);
            e["nearest_station_id"] = id_of(d.stations, dm.nearest);
            e["nearest_distance_m"] = number_or_null(dm.nearest_distance_m);
            e["nearest_walk_station_id"] = id_of(d.stations, dm.nearest_walk);
            e["nearest_walk_m"] = number_or_null(dm.nearest_walk_m);
            e["covered_straight"] = dm.covered_straight;
            e["covered_walking"] = dm.covered;
            disagree.push_back(std::move(e));
        }
        j["walking_disagree"] = std::move(disagree);
    }
    json suggestions = json::array();
    if (c.suggest) {
        std::size_t rank = 0;
        for (const auto& s : c.suggest->get().sites)
            suggestions.push_back({{"rank", ++rank},
                                   {"site_id", s.site_id},
                                   {"name", s.name},
                                   {"origin", s.origin},
                                   {"street_id", s.street_id},
                                   {"community_id", s.community_id},
                                   {"lonlat", lonlat(to_lonlat, s.position)},
                                   {"new_deputies", s.new_deputies.size()},
                                   {"only_here", s.only_here.size()},
                                   {"grid_area_m2", std::round(s.grid_area_m2)},
                                   {"runner_up_id", s.runner_up_id},
                                   {"lost_by", s.lost_by},
                                   {"new_deputies_at_0_9", s.new_deputies_at_0_9},
                                   {"new_deputies_at_1_1", s.new_deputies_at_1_1}});
    }
    j["layers"] = std::move(layers);
    j["uncovered"] = std::move(uncovered);
    j["suggestions"] = std::move(suggestions);
    if (c.suggest) {
        const SuggestOutcome& sg = *c.suggest;
        j["suggest"] = {{"model", to_string(sg.model)},
                        {"status", to_string(sg.solve.status)},
                        {"candidate_sites", sg.candidate_sites},
                        {"covered_before", sg.covered_before},
                        {"covered_after", sg.covered_after},
                        {"uncoverable", sg.uncoverable.size()},
                        {"stations_needed_at_0_9", sg.stations_needed_at_0_9},
                        {"stations_needed_at_1_1", sg.stations_needed_at_1_1}};
    }

    // Tables.
    json streets = json::array();
    for (std::size_t i = 0; i < d.streets.size(); ++i) {
        const auto& sm = m.streets[i];
        streets.push_back({{"id", d.streets[i].id},
                           {"name", d.streets[i].name},
                           {"communities", sm.communities},
                           {"grids", sm.grids},
                           {"street_stations", sm.street_stations},
                           {"community_stations", sm.community_stations},
                           {"industry_stations", sm.industry_stations},
                           {"deputies", sm.deputies},
                           {"covered_deputies", sm.covered_deputies}});
    }
    j["streets"] = std::move(streets);
    json loads = json::array();
    for (std::size_t i = 0; i < d.stations.size(); ++i) {
        const auto& s = d.stations[i];
        if (s.kind != StationKind::Community) continue;
        const auto& sm = m.stations[i];
        loads.push_back({{"id", s.id},
                         {"name", s.name},
                         {"street_id", s.street_id},
                         {"community_id", s.community_id},
                         {"load", sm.load},
                         {"capacity_min", s.capacity_min ? json(*s.capacity_min) : json(nullptr)},
                         {"capacity_max", s.capacity_max ? json(*s.capacity_max) : json(nullptr)},
                         {"within_capacity", sm.within_capacity ? json(*sm.within_capacity) : json(nullptr)}});
    }
    j["community_stations"] = std::move(loads);
    json grids = json::array();
    for (std::size_t i = 0; i < d.grids.size(); ++i) {
        const auto& gm = m.grids[i];
        if (gm.covered) continue;
        grids.push_back({{"id", d.grids[i].id},
                         {"name", d.grids[i].name},
                         {"street_id", d.grids[i].street_id},
                         {"covered_ratio", std::round(gm.covered_ratio * 1e4) / 1e4},
                         {"uncovered_area_m2", std::round(gm.area_m2 - gm.covered_area_m2)},
                         {"deputies", gm.deputies},
                         {"liaison", !d.grids[i].liaison.empty()}});
    }
    j["grids_below"] = std::move(grids);
    json moves = json::array();
    json changes = json::array();
    if (c.rebalance) {
        const RebalanceOutcome& rb = *c.rebalance;
        for (const auto& r : rb.assignment) {
            if (r.old_station_id == r.new_station_id) continue;
            moves.push_back({{"deputy_id", r.deputy_id},
                             {"old_station_id", r.old_station_id},
                             {"new_station_id", r.new_station_id},
                             {"old_distance_m", number_or_null(r.old_distance_m)},
                             {"new_distance_m", number_or_null(r.new_distance_m)},
                             {"within_radius", r.within_radius}});
        }
        for (const auto& ch : rb.changes)
            changes.push_back({{"kind", to_string(ch.kind)}, {"station_id", ch.station_id}, {"to_site_id", ch.to_site_id},
                               {"load_before", ch.load_before}, {"load_after", ch.load_after}, {"reason", ch.reason}});
        j["rebalance"] = {{"status", to_string(rb.solve.status)},
                          {"violations_before", rb.violations_before},
                          {"violations_after", rb.violations_after},
                          {"remaining", rb.remaining}};
    }
    j["reassignments"] = std::move(moves);
    j["station_changes"] = std::move(changes);
    return j;
}

void write_report_html(const ReportContent& c, const std::filesystem::path& gpkg, const std::filesystem::path& file) {
    const json data = report_data(c, gpkg);
    write_text_file(file, html_page(to_string(c.lang), data["title"].get<std::string>(), data));
}

}  // namespace stationplan::report

#include "report/plan_outputs.hpp"

#include <nlohmann/json.hpp>

#include "io/output_file.hpp"
#include "io/vector_writer.hpp"
#include "report/csv_writer.hpp"
#include "report/styles.hpp"

namespace stationplan::report {
namespace {

std::string join(const std::vector<std::string>& items, const char* sep = ";") {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
    return out;
}

std::string grid_list(const std::vector<std::pair<std::string, double>>& grids) {
    std::vector<std::string> parts;
    for (const auto& [id, area] : grids) parts.push_back(id + ":" + fixed(area, 0));
    return join(parts);
}

nlohmann::ordered_json solve_json(const SolveSummary& s) {
    return {{"status", to_string(s.status)}, {"objective", s.objective}, {"bound", s.bound}, {"gap", s.gap},
            {"seconds", std::round(s.seconds * 1000.0) / 1000.0}};
}

void write_json(const nlohmann::ordered_json& j, const std::filesystem::path& file) {
    io::write_file(file, j.dump(2) + '\n');
}

}  // namespace

void write_suggestions(const SuggestOutcome& o, const io::Crs& crs, double radius_m, const std::filesystem::path& dir) {
    CsvWriter w(dir / "suggestions.csv",
                {"rank", "site_id", "name", "origin", "street_id", "community_id", "x_m", "y_m", "new_deputies",
                 "only_here", "new_deputy_ids", "grid_area_m2", "new_grid_area_m2", "runner_up_id", "runner_up_covers", "lost_by",
                 "runner_up_grid_area_m2",
                 "new_deputies_at_0.9r", "new_deputies_at_1.1r", "load", "assigned_deputy_ids"});
    std::size_t rank = 0;
    for (const auto& s : o.sites)
        w.row({std::to_string(++rank), s.site_id, s.name, s.origin, s.street_id, s.community_id, fixed(s.position.x_m, 2),
               fixed(s.position.y_m, 2), std::to_string(s.new_deputies.size()), std::to_string(s.only_here.size()),
               join(s.new_deputies), fixed(s.grid_area_m2, 0), grid_list(s.new_grid_area_m2), s.runner_up_id,
               std::to_string(s.runner_up_covers), std::to_string(s.lost_by), fixed(s.runner_up_grid_area_m2, 0), std::to_string(s.new_deputies_at_0_9), std::to_string(s.new_deputies_at_1_1),
               std::to_string(s.load), join(s.assigned)});
    w.close();

    nlohmann::ordered_json j;
    j["model"] = to_string(o.model);
    j["solve"] = solve_json(o.solve);
    j["radius_m"] = radius_m;
    j["candidate_sites"] = o.candidate_sites;
    j["deputies"] = o.deputies;
    j["covered_before"] = o.covered_before;
    j["covered_after"] = o.covered_after;
    j["stations_added"] = o.sites.size();
    j["uncoverable"] = o.uncoverable;
    j["out_of_reach"] = o.out_of_reach;
    j["stations_out_of_range"] = o.stations_out_of_range;
    j["meets_rule"] = o.meets_rule();
    j["stations_needed_at_0.9r"] = o.stations_needed_at_0_9;
    j["stations_needed_at_1.1r"] = o.stations_needed_at_1_1;
    j["sites"] = nlohmann::json::array();
    for (const auto& s : o.sites) {
        nlohmann::ordered_json grids = nlohmann::json::array();
        for (const auto& [id, a] : s.new_grid_area_m2) grids.push_back({{"grid_id", id}, {"area_m2", a}});
        j["sites"].push_back({{"site_id", s.site_id},
                              {"name", s.name},
                              {"origin", s.origin},
                              {"street_id", s.street_id},
                              {"community_id", s.community_id},
                              {"x_m", std::round(s.position.x_m * 100) / 100},
                              {"y_m", std::round(s.position.y_m * 100) / 100},
                              {"new_deputies", s.new_deputies},
                              {"only_here", s.only_here},
                              {"new_grid_area", grids},
                              {"grid_area_m2", s.grid_area_m2},
                              {"runner_up",
                               {{"site_id", s.runner_up_id},
                                {"covers", s.runner_up_covers},
                                {"lost_by", s.lost_by},
                                {"grid_area_m2", s.runner_up_grid_area_m2}}},
                              {"new_deputies_at_0.9r", s.new_deputies_at_0_9},
                              {"new_deputies_at_1.1r", s.new_deputies_at_1_1},
                              {"load", s.load},
                              {"assigned", s.assigned}});
    }
    j["notes"] = o.notes;
    write_json(j, dir / "suggestions.json");

    io::VectorWriter gpkg(dir / "coverage.gpkg", "GPKG", io::VectorWriter::Mode::Append);
    auto& layer = gpkg.create_layer("suggestions", io::LayerGeometry::Point, crs,
                                    {{"rank", io::FieldType::Integer},
                                     {"site_id", io::FieldType::Text},
                                     {"name", io::FieldType::Text},
                                     {"origin", io::FieldType::Text},
                                     {"new_deputies", io::FieldType::Integer},
                                     {"runner_up_id", io::FieldType::Text},
                                     {"lost_by", io::FieldType::Integer},
                                     {"load", io::FieldType::Integer}});
    rank = 0;
    for (const auto& s : o.sites)
        layer.add({static_cast<std::int64_t>(++rank), s.site_id, s.name, s.origin,
                   static_cast<std::int64_t>(s.new_deputies.size()), s.runner_up_id, static_cast<std::int64_t>(s.lost_by),
                   static_cast<std::int64_t>(s.load)},
                  s.position);
    add_layer_styles(gpkg, {"suggestions"});
    gpkg.close();
}

void write_rebalance(const RebalanceOutcome& o, const std::filesystem::path& dir) {
    {
        CsvWriter w(dir / "assignment.csv",
                    {"deputy_id", "old_station_id", "new_station_id", "old_distance_m", "new_distance_m", "changed",
                     "within_radius", "old_station_load_before", "old_station_load_after", "new_station_load_before",
                     "new_station_load_after"});
        for (const auto& r : o.assignment)
            w.row({r.deputy_id, r.old_station_id, r.new_station_id, fixed(r.old_distance_m, 2), fixed(r.new_distance_m, 2),
                   r.old_station_id != r.new_station_id ? "true" : "false", r.within_radius ? "true" : "false",
                   std::to_string(r.old_load_before), std::to_string(r.old_load_after), std::to_string(r.new_load_before),
                   std::to_string(r.new_load_after)});
        w.close();
    }
    {
        CsvWriter w(dir / "changes.csv", {"kind", "station_id", "to_site_id", "load_before", "load_after", "reason"});
        for (const auto& c : o.changes)
            w.row({to_string(c.kind), c.station_id, c.to_site_id, std::to_string(c.load_before), std::to_string(c.load_after), c.reason});
        w.close();
    }
    nlohmann::ordered_json j;
    j["solve"] = solve_json(o.solve);
    j["deputies"] = o.deputies;
    std::size_t changed = 0;
    for (const auto& r : o.assignment) changed += r.old_station_id != r.new_station_id ? 1 : 0;
    j["deputies_reassigned"] = changed;
    j["station_changes"] = o.changes.size();
    j["violations_before"] = o.violations_before;
    j["violations_after"] = o.violations_after;
    j["remaining"] = o.remaining;
    write_json(j, dir / "rebalance.json");
}

}  // namespace stationplan::report

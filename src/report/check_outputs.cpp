#include "report/check_outputs.hpp"

#include <fmt/format.h>

#include <exception>
#include <thread>
#include <nlohmann/json.hpp>

#include "io/output_file.hpp"
#include "io/vector_writer.hpp"
#include "report/csv_writer.hpp"
#include "report/styles.hpp"

namespace stationplan::report {
namespace {

using io::FieldType;

// Above this many deputies their GeoPackage layer has no spatial index: GDAL 3.6
// fills it row by row (about 20 s per million points); QGIS can add one on demand.
constexpr std::size_t kIndexedDeputiesMax = 200000;
using io::FieldValue;

std::string yes_no(bool b) { return b ? "true" : "false"; }

// A published (redacted) output leaves personal cells empty.
std::string unless_redacted(bool redact, std::string value) { return redact ? std::string{} : std::move(value); }

template <typename T>
std::string id_of(const std::vector<T>& items, const std::optional<std::size_t>& i) {
    return i ? items[*i].id : std::string{};
}

FieldValue text(const std::string& s) { return s.empty() ? FieldValue{} : FieldValue{s}; }
FieldValue real(double v) { return std::isnan(v) ? FieldValue{} : FieldValue{std::round(v * 100.0) / 100.0}; }
FieldValue integer(std::size_t v) { return static_cast<std::int64_t>(v); }

void write_summary(const CheckOutcome& o, const model::District& d, const Scenario& sc, bool redact,
                   const std::filesystem::path& file) {
    nlohmann::ordered_json j;
    j["scenario"] = o.scenario;
    j["title"] = sc.title;
    j["crs"] = o.crs;
    j["radius_m"] = o.radius_m;
    j["counted_kinds"] = nlohmann::json::array();
    for (auto k : sc.counted_kinds) j["counted_kinds"].push_back(to_string(k));
    j["deputies"] = {{"total", o.deputies_total},
                     {"used", o.deputies_used},
                     {"rejected", o.deputies_rejected},
                     {"review", o.deputies_review},
                     {"by_address", o.deputies_by_address},
                     {"covered", o.deputies_covered}};
    const double ratio = o.deputies_used ? static_cast<double>(o.deputies_covered) / static_cast<double>(o.deputies_used) : 0.0;
    j["coverage_ratio"] = std::round(ratio * 1e6) / 1e6;
    j["streets"] = d.streets.size();
    j["communities"] = d.communities.size();
    j["grids"] = d.grids.size();
    std::size_t by_kind[3] = {0, 0, 0};
    for (const auto& s : d.stations) ++by_kind[static_cast<int>(s.kind)];
    j["stations"] = d.stations.size();
    j["stations_by_kind"] = {{"street", by_kind[0]}, {"community", by_kind[1]}, {"industry", by_kind[2]}};
    j["rejects"] = o.rejects_total;
    if (o.distance == DistanceMode::Network)
        j["network"] = {{"distance", to_string(o.distance)},
                        {"measures_disagree", o.deputies_measures_disagree},
                        {"unreachable", o.deputies_unreachable}};
    j["all_rules_hold"] = o.all_hold();
    j["rules"] = nlohmann::json::array();
    for (const auto& r : o.rules)
        j["rules"].push_back({{"id", to_string(r.id)},
                              {"title", r.title},
                              {"holds", r.holds},
                              {"violation_count", r.violation_count},
                              {"violations", r.violations}});
    j["warnings"] = o.warnings;
    j["redacted"] = redact;
    // Input text is decoded and validated when read (io::VectorSource); a path given on
    // the command line is the one thing that can still hold bytes that are not UTF-8.
    io::write_file(file, j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + '\n');
}

// A reject's reason may quote the record's text (a name or an address in a coordinate
// column) or give its coordinates: published outputs keep only what went wrong.
std::string redact_reason(const std::string& reason) {
    std::string out = reason;
    // "... 'x' '<the cell>' is not a number", "... is out of range", "the WKT in 'WKT'
    // has '<token>', which ...": the cell goes, the field name stays.
    for (const char* tail_text : {"' is not a number", "' is out of range", "', which "}) {
        if (const auto tail = out.find(tail_text); tail != std::string::npos) {
            const auto open = out.rfind(" '", tail);
            if (open != std::string::npos) out.replace(open + 2, tail - open - 2, "…");
        }
    }
    if (const auto at = out.find("coordinates ("); at != std::string::npos) {
        const auto end = out.find(')', at);
        out.replace(at, end == std::string::npos ? std::string::npos : end + 1 - at, "coordinates (…)");
    }
    return out;
}

void write_tables(const model::District& d, const measure::Measurement& m, bool redact, const std::filesystem::path& dir) {
    {
        std::vector<std::string> header{"deputy_id", "name", "level", "sector", "street_id", "community_id", "grid_id",
                                        "station_id", "station_distance_m", "nearest_station_id", "nearest_distance_m",
                                        "covered", "inside_district", "industry_station_id", "x_m", "y_m",
                                        "match_method", "match_confidence", "gazetteer_id"};
        // Network distance: the walking columns follow (covered is then by walking).
        if (m.network)
            for (const char* c : {"nearest_walk_station_id", "nearest_walk_m", "walk_status", "access_m", "covered_straight",
                                  "measures_disagree"})
                header.push_back(c);
        CsvWriter w(dir / "deputies.csv", header);
        for (std::size_t i = 0; i < d.deputies.size(); ++i) {
            const auto& p = d.deputies[i];
            const auto& dm = m.deputies[i];
            std::vector<std::string> row{p.id, unless_redacted(redact, p.name), model::to_string(p.level), p.sector,
                   id_of(d.streets, dm.street), id_of(d.communities, dm.community), id_of(d.grids, dm.grid), p.station_id,
                   fixed(dm.station_distance_m, 2), id_of(d.stations, dm.nearest), fixed(dm.nearest_distance_m, 2),
                   yes_no(dm.covered), yes_no(dm.inside_district), p.industry_station_id,
                   unless_redacted(redact, fixed(p.position.x_m, 2)), unless_redacted(redact, fixed(p.position.y_m, 2)),
                   p.match_method, p.match_confidence < 0 ? std::string() : fixed(p.match_confidence, 3),
                   unless_redacted(redact, p.gazetteer_id)};
            if (m.network) {
                static const char* status[] = {"reached", "beyond_cutoff", "unreachable"};
                for (std::string v : {id_of(d.stations, dm.nearest_walk), fixed(dm.nearest_walk_m, 2),
                                      std::string(status[static_cast<int>(dm.walk_status)]), fixed(dm.access_m, 2),
                                      std::string(yes_no(dm.covered_straight)), std::string(yes_no(dm.measures_disagree))})
                    row.push_back(std::move(v));
            }
            w.row(row);
        }
        w.close();
    }
    {
        CsvWriter w(dir / "stations.csv",
                    {"station_id", "name", "kind", "street_id", "community_id", "sector", "capacity_min", "capacity_max",
                     "load", "within_capacity", "counted", "located_street_id", "located_community_id", "inside_district",
                     "x_m", "y_m"});
        for (std::size_t i = 0; i < d.stations.size(); ++i) {
            const auto& s = d.stations[i];
            const auto& sm = m.stations[i];
            w.row({s.id, s.name, to_string(s.kind), s.street_id, s.community_id, s.sector,
                   s.capacity_min ? std::to_string(*s.capacity_min) : "", s.capacity_max ? std::to_string(*s.capacity_max) : "",
                   std::to_string(sm.load), sm.within_capacity ? yes_no(*sm.within_capacity) : "", yes_no(sm.counted),
                   id_of(d.streets, sm.street), id_of(d.communities, sm.community), yes_no(sm.inside_district),
                   fixed(s.position.x_m, 2), fixed(s.position.y_m, 2)});
        }
        w.close();
    }
    {
        CsvWriter w(dir / "communities.csv", {"community_id", "name", "street_id", "deputies", "stations", "reached"});
        for (std::size_t i = 0; i < d.communities.size(); ++i) {
            const auto& c = d.communities[i];
            const auto& cm = m.communities[i];
            w.row({c.id, c.name, c.street_id, std::to_string(cm.deputies), std::to_string(cm.stations),
                   yes_no(cm.deputies + cm.stations > 0)});
        }
        w.close();
    }
    {
        CsvWriter w(dir / "grids.csv", {"grid_id", "name", "street_id", "liaison_present", "area_m2", "covered_area_m2",
                                        "covered_ratio", "covered", "deputies"});
        for (std::size_t i = 0; i < d.grids.size(); ++i) {
            const auto& g = d.grids[i];
            const auto& gm = m.grids[i];
            w.row({g.id, g.name, g.street_id, yes_no(!g.liaison.empty()), fixed(gm.area_m2, 1), fixed(gm.covered_area_m2, 1),
                   fixed(gm.covered_ratio, 6), yes_no(gm.covered), std::to_string(gm.deputies)});
        }
        w.close();
    }
    {
        CsvWriter w(dir / "streets.csv", {"street_id", "name", "communities", "grids", "street_stations", "community_stations",
                                          "industry_stations", "deputies", "covered_deputies", "coverage_ratio"});
        for (std::size_t i = 0; i < d.streets.size(); ++i) {
            const auto& s = d.streets[i];
            const auto& sm = m.streets[i];
            const double ratio = sm.deputies ? static_cast<double>(sm.covered_deputies) / static_cast<double>(sm.deputies) : 0.0;
            w.row({s.id, s.name, std::to_string(sm.communities), std::to_string(sm.grids), std::to_string(sm.street_stations),
                   std::to_string(sm.community_stations), std::to_string(sm.industry_stations), std::to_string(sm.deputies),
                   std::to_string(sm.covered_deputies), fixed(ratio, 6)});
        }
        w.close();
    }
    {
        CsvWriter w(dir / "rejects.csv", {"source", "layer", "record", "reason"});
        for (const auto& r : d.rejects) w.row({r.source, r.layer, r.record, redact ? redact_reason(r.reason) : r.reason});
        w.close();
    }
    if (d.gazetteer_entries > 0) {  // a gazetteer was given (it has at least one entry)
        // Deputies whose address needs a person's decision, with the best three candidates.
        std::vector<std::string> header{"deputy_id", "name", "record", "address", "normalised", "reason"};
        for (int k = 1; k <= 3; ++k)
            for (const char* f : {"_id", "_address", "_score"}) header.push_back("candidate" + std::to_string(k) + f);
        CsvWriter w(dir / "review.csv", header);
        // Redacted: the deputy's address (and the candidates', which would give it away) stay out.
        for (const auto& r : d.review) {
            std::vector<std::string> row{r.deputy_id, unless_redacted(redact, r.name), r.source,
                                         unless_redacted(redact, r.address), unless_redacted(redact, r.normalised), r.reason};
            for (std::size_t k = 0; k < 3; ++k) {
                if (k < r.candidates.size()) {
                    row.insert(row.end(), {unless_redacted(redact, r.candidates[k].id),
                                           unless_redacted(redact, r.candidates[k].address), fixed(r.candidates[k].score, 3)});
                } else {
                    row.insert(row.end(), {"", "", ""});
                }
            }
            w.row(row);
        }
        w.close();
    }
}

void write_areas(io::VectorWriter& out, const std::string& name, const std::vector<const model::Area*>& areas,
                 const io::Crs& crs, bool with_street) {
    std::vector<io::FieldDef> fields{{"id", FieldType::Text}, {"name", FieldType::Text}};
    if (with_street) fields.push_back({"street_id", FieldType::Text});
    auto& layer = out.create_layer(name, io::LayerGeometry::MultiPolygon, crs, fields);
    for (const auto* a : areas) {
        std::vector<FieldValue> v{a->id, text(a->name)};
        if (with_street) v.push_back(a->street_id);
        layer.add(v, a->geometry.to_wkb());
    }
}

std::vector<const model::Area*> pointers(const std::vector<model::Area>& areas) {
    std::vector<const model::Area*> out;
    for (const auto& a : areas) out.push_back(&a);
    return out;
}

// Published maps show deputies only as counts per grid.
void write_deputy_counts(io::VectorWriter& out, const model::District& d, const measure::Measurement& m) {
    std::vector<std::int64_t> total(d.grids.size(), 0), covered(d.grids.size(), 0);
    for (const auto& dm : m.deputies) {
        if (!dm.grid) continue;
        ++total[*dm.grid];
        covered[*dm.grid] += dm.covered ? 1 : 0;
    }
    auto& layer = out.create_layer("deputy_counts", io::LayerGeometry::MultiPolygon, d.crs,
                                   {{"grid_id", FieldType::Text}, {"street_id", FieldType::Text},
                                    {"deputies", FieldType::Integer}, {"covered", FieldType::Integer},
                                    {"uncovered", FieldType::Integer}});
    for (std::size_t i = 0; i < d.grids.size(); ++i)
        layer.add({d.grids[i].id, d.grids[i].street_id, total[i], covered[i], total[i] - covered[i]},
                  d.grids[i].geometry.to_wkb());
}

void write_geopackage(const model::District& d, const measure::Measurement& m, const Scenario& sc, bool redact,
                      const std::filesystem::path& file) {
    io::VectorWriter out(file);
    const io::Crs& crs = d.crs;
    write_areas(out, "district", {&*d.outline}, crs, false);
    write_areas(out, "streets", pointers(d.streets), crs, false);
    write_areas(out, "communities", pointers(d.communities), crs, true);
    {
        auto& layer = out.create_layer("grids", io::LayerGeometry::MultiPolygon, crs,
                                       {{"grid_id", FieldType::Text}, {"name", FieldType::Text}, {"street_id", FieldType::Text},
                                        {"liaison_present", FieldType::Integer}, {"area_m2", FieldType::Real},
                                        {"covered_area_m2", FieldType::Real}, {"covered_ratio", FieldType::Real},
                                        {"covered", FieldType::Integer}, {"deputies", FieldType::Integer}});
        for (std::size_t i = 0; i < d.grids.size(); ++i) {
            const auto& g = d.grids[i];
            const auto& gm = m.grids[i];
            layer.add({g.id, text(g.name), g.street_id, std::int64_t{!g.liaison.empty()}, real(gm.area_m2),
                       real(gm.covered_area_m2), std::round(gm.covered_ratio * 1e6) / 1e6, std::int64_t{gm.covered},
                       integer(gm.deputies)},
                      g.geometry.to_wkb());
        }
    }
    {
        auto& layer = out.create_layer("grid_uncovered", io::LayerGeometry::MultiPolygon, crs,
                                       {{"grid_id", FieldType::Text}, {"street_id", FieldType::Text},
                                        {"uncovered_area_m2", FieldType::Real}});
        for (std::size_t i = 0; i < d.grids.size(); ++i) {
            const auto& gm = m.grids[i];
            if (gm.uncovered_part.is_null() || gm.uncovered_part.is_empty() || !gm.uncovered_part.is_polygonal()) continue;
            layer.add({d.grids[i].id, d.grids[i].street_id, real(gm.uncovered_part.area_m2())}, gm.uncovered_part.to_wkb());
        }
    }
    {
        auto& layer = out.create_layer("station_radius", io::LayerGeometry::MultiPolygon, crs,
                                       {{"station_id", FieldType::Text}, {"kind", FieldType::Text}, {"radius_m", FieldType::Real}});
        for (std::size_t i = 0; i < d.stations.size(); ++i)
            if (!m.station_circles[i].is_null())
                layer.add({d.stations[i].id, std::string(to_string(d.stations[i].kind)), sc.radius_m},
                          m.station_circles[i].to_wkb());
    }
    if (m.network) {
        auto& layer = out.create_layer("walk_service_area", io::LayerGeometry::MultiPolygon, crs,
                                       {{"station_id", FieldType::Text}, {"kind", FieldType::Text}, {"radius_m", FieldType::Real},
                                        {"area_m2", FieldType::Real}});
        for (std::size_t i = 0; i < d.stations.size(); ++i) {
            const auto& a = m.walk_service_areas[i];
            if (a.is_null() || a.is_empty() || !a.is_polygonal()) continue;
            layer.add({d.stations[i].id, std::string(to_string(d.stations[i].kind)), sc.radius_m, real(a.area_m2())}, a.to_wkb());
        }
    }
    {
        auto& layer = out.create_layer("stations", io::LayerGeometry::Point, crs,
                                       {{"station_id", FieldType::Text}, {"name", FieldType::Text}, {"kind", FieldType::Text},
                                        {"street_id", FieldType::Text}, {"sector", FieldType::Text},
                                        {"capacity_min", FieldType::Integer}, {"capacity_max", FieldType::Integer},
                                        {"load", FieldType::Integer}, {"within_capacity", FieldType::Integer},
                                        {"counted", FieldType::Integer}});
        for (std::size_t i = 0; i < d.stations.size(); ++i) {
            const auto& s = d.stations[i];
            const auto& sm = m.stations[i];
            layer.add({s.id, text(s.name), std::string(to_string(s.kind)), text(s.street_id), text(s.sector),
                       s.capacity_min ? FieldValue{std::int64_t{*s.capacity_min}} : FieldValue{},
                       s.capacity_max ? FieldValue{std::int64_t{*s.capacity_max}} : FieldValue{}, integer(sm.load),
                       sm.within_capacity ? FieldValue{std::int64_t{*sm.within_capacity}} : FieldValue{},
                       std::int64_t{sm.counted}},
                      s.position);
        }
    }
    if (redact) {
        write_deputy_counts(out, d, m);
    } else {
        std::vector<io::FieldDef> fields{{"deputy_id", FieldType::Text}, {"level", FieldType::Text}, {"station_id", FieldType::Text},
                                          {"station_distance_m", FieldType::Real}, {"nearest_station_id", FieldType::Text},
                                          {"nearest_distance_m", FieldType::Real}, {"covered", FieldType::Integer}};
        // Network distance: where walking and the straight line disagree, for maps.
        if (m.network)
            for (io::FieldDef f : {io::FieldDef{"nearest_walk_station_id", FieldType::Text},
                                    io::FieldDef{"nearest_walk_m", FieldType::Real},
                                    io::FieldDef{"measures_disagree", FieldType::Integer}})
                fields.push_back(f);
        auto& layer = out.create_layer("deputies", io::LayerGeometry::Point, crs, fields,
                                       d.deputies.size() <= kIndexedDeputiesMax);
        for (std::size_t i = 0; i < d.deputies.size(); ++i) {
            const auto& p = d.deputies[i];
            const auto& dm = m.deputies[i];
            std::vector<FieldValue> values{p.id, std::string(model::to_string(p.level)), text(p.station_id),
                                           real(dm.station_distance_m), text(id_of(d.stations, dm.nearest)),
                                           real(dm.nearest_distance_m), std::int64_t{dm.covered}};
            if (m.network) {
                values.push_back(text(id_of(d.stations, dm.nearest_walk)));
                values.push_back(real(dm.nearest_walk_m));
                values.push_back(std::int64_t{dm.measures_disagree});
            }
            layer.add(values, p.position);
        }
    }
    add_layer_styles(out, {"district", "streets", "communities", "grids", "grid_uncovered", "station_radius", "stations",
                           redact ? "deputy_counts" : "deputies"});
    out.close();
}

}  // namespace

void write_check_outputs(const model::District& d, const measure::Measurement& m, const Scenario& sc,
                         const CheckOutcome& outcome, const std::filesystem::path& dir, bool redact) {
    // The GeoPackage (GDAL, SQLite) and the text files share nothing: write them on
    // two cores. Each side's exception is rethrown here.
    std::exception_ptr gpkg_error;
    std::thread gpkg([&] {
        try {
            write_geopackage(d, m, sc, redact, dir / "coverage.gpkg");
        } catch (...) {
            gpkg_error = std::current_exception();
        }
    });
    std::exception_ptr text_error;
    try {
        write_summary(outcome, d, sc, redact, dir / "summary.json");
        write_tables(d, m, redact, dir);
    } catch (...) {
        text_error = std::current_exception();
    }
    gpkg.join();
    if (text_error) std::rethrow_exception(text_error);
    if (gpkg_error) std::rethrow_exception(gpkg_error);
}

}  // namespace stationplan::report

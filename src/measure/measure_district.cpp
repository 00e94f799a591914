// The measures of a loaded district (per deputy, station, community, grid and
// street), then the scenario's rules from the table in rules/. Distances are planar,
// in the working (projected) CRS; a distance exactly equal to the radius is covered.
#include <algorithm>
#include <cmath>
#include <exception>
#include <functional>
#include <thread>
#include <unordered_map>

#include "measure/measurement.hpp"
#include "measure/rules/rule.hpp"
#include "measure/spatial_index.hpp"

namespace stationplan::measure {
namespace {

std::vector<const geom::Geometry*> geometries(const std::vector<model::Area>& areas) {
    std::vector<const geom::Geometry*> out;
    out.reserve(areas.size());
    for (const auto& a : areas) out.push_back(&a.geometry);
    return out;
}

// Runs work(begin, end) over [0, n) in contiguous chunks, one per core (up to 8),
// and rethrows the first exception. Small inputs run on the calling thread.
void run_in_parallel(std::size_t n, const std::function<void(std::size_t, std::size_t)>& work) {
    const std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    if (threads == 1 || n < 10000) return work(0, n);
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> errors(threads);
    const std::size_t chunk = (n + threads - 1) / threads;
    for (std::size_t t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            try {
                work(std::min(n, t * chunk), std::min(n, (t + 1) * chunk));
            } catch (...) {
                errors[t] = std::current_exception();
            }
        });
    for (auto& th : pool) th.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace

Measurement measure_district(const model::District& d, const Scenario& sc) {
    Measurement m;
    m.deputies.resize(d.deputies.size());
    m.stations.resize(d.stations.size());
    m.communities.resize(d.communities.size());
    m.grids.resize(d.grids.size());
    m.streets.resize(d.streets.size());

    const AreaLocator streets(geometries(d.streets), kCoordinateTolerance_m);
    const AreaLocator communities(geometries(d.communities), kCoordinateTolerance_m);
    const AreaLocator grids(geometries(d.grids), kCoordinateTolerance_m);
    const AreaLocator outline({&d.outline->geometry}, kCoordinateTolerance_m);

    std::unordered_map<std::string, std::size_t> station_by_id;
    std::vector<XY> counted_points;
    std::vector<std::size_t> counted_station;  // counted index -> station index
    for (std::size_t i = 0; i < d.stations.size(); ++i) {
        const auto& s = d.stations[i];
        station_by_id.emplace(s.id, i);
        StationMeasure& sm = m.stations[i];
        sm.street = streets.locate(s.position);
        sm.community = communities.locate(s.position);
        sm.inside_district = outline.locate(s.position).has_value();
        sm.counted = sc.counted_kinds.count(s.kind) > 0;
        if (sm.counted) {
            counted_points.push_back(s.position);
            counted_station.push_back(i);
        }
        if (sm.street) {
            StreetMeasure& st = m.streets[*sm.street];
            if (s.kind == StationKind::Street) ++st.street_stations;
            if (s.kind == StationKind::Community) ++st.community_stations;
            if (s.kind == StationKind::Industry) ++st.industry_stations;
        }
        if (sm.community) ++m.communities[*sm.community].stations;
    }
    const PointIndex counted(counted_points);
    const CoverageRule radius_rule = sc.coverage();

    // Per deputy: containing areas, assigned and nearest counted station. Each
    // deputy is independent: split them over the cores, then count sequentially.
    auto measure_deputies = [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const auto& p = d.deputies[i];
            DeputyMeasure& dm = m.deputies[i];
            dm.street = streets.locate(p.position);
            dm.community = communities.locate(p.position);
            dm.grid = grids.locate(p.position);
            dm.inside_district = outline.locate(p.position).has_value();
            if (auto it = station_by_id.find(p.station_id); !p.station_id.empty() && it != station_by_id.end()) {
                dm.station = it->second;
                dm.station_distance_m = distance_m(p.position, d.stations[it->second].position);
            }
            if (auto hit = counted.nearest(p.position)) {
                dm.nearest = counted_station[hit->index];
                dm.nearest_distance_m = hit->distance_m;
                dm.covered = radius_rule.covers(hit->distance_m);
            }
        }
    };
    // Grid coverage (GEOS overlays) reads only areas and stations: it runs beside
    // the deputies and is joined before anything reads its results.
    std::exception_ptr coverage_error;
    std::thread coverage([&] {
        try {
            measure_grid_coverage(d, sc, m);
        } catch (...) {
            coverage_error = std::current_exception();
        }
    });
    try {
        run_in_parallel(d.deputies.size(), measure_deputies);
    } catch (...) {
        coverage.join();
        throw;
    }
    coverage.join();
    if (coverage_error) std::rethrow_exception(coverage_error);
    if (sc.distance == DistanceMode::Network) measure_walking(d, sc, m);
    for (std::size_t i = 0; i < d.deputies.size(); ++i) {
        const DeputyMeasure& dm = m.deputies[i];
        if (dm.station) ++m.stations[*dm.station].load;
        if (dm.covered) ++m.covered_deputies;
        if (dm.community) ++m.communities[*dm.community].deputies;
        if (dm.grid) ++m.grids[*dm.grid].deputies;
        if (dm.street) {
            ++m.streets[*dm.street].deputies;
            if (dm.covered) ++m.streets[*dm.street].covered_deputies;
        }
    }
    for (std::size_t i = 0; i < d.stations.size(); ++i) {
        const auto& s = d.stations[i];
        if (s.kind == StationKind::Community)
            m.stations[i].within_capacity = m.stations[i].load >= static_cast<std::size_t>(*s.capacity_min) &&
                                            m.stations[i].load <= static_cast<std::size_t>(*s.capacity_max);
    }
    std::unordered_map<std::string, std::size_t> street_by_id;
    for (std::size_t i = 0; i < d.streets.size(); ++i) street_by_id.emplace(d.streets[i].id, i);
    for (const auto& c : d.communities) ++m.streets[street_by_id.at(c.street_id)].communities;
    for (const auto& g : d.grids) ++m.streets[street_by_id.at(g.street_id)].grids;


    // The rules, from the table (rules/), in the scenario's order.
    const RuleInputs inputs(d, sc, m);
    for (RuleId rule : sc.rules) m.rules.push_back(run_rule(rule, inputs));
    return m;
}

}  // namespace stationplan::measure

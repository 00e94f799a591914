// The rule check R1..R7 over a loaded district. Distances are planar, in the
// working (projected) CRS; a distance exactly equal to the radius is covered.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <functional>
#include <thread>
#include <map>
#include <unordered_map>

#include "measure/measurement.hpp"
#include "measure/spatial_index.hpp"

namespace stationplan::measure {
namespace {

// summary.json lists at most this many violation lines per rule; the count is exact
// and the per-record CSVs hold every case.
constexpr std::size_t kListedViolations = 1000;

class RuleBuilder {
public:
    RuleBuilder(RuleId id, std::string title) {
        m_rule.id = id;
        m_rule.title = std::move(title);
    }
    // Formats the line only while it will be listed.
    template <typename... Args>
    void violation(fmt::format_string<Args...> f, Args&&... args) {
        ++m_rule.violation_count;
        if (m_rule.violations.size() < kListedViolations) m_rule.violations.push_back(fmt::format(f, std::forward<Args>(args)...));
    }
    void add_lines(const std::vector<std::string>& lines) {
        for (const auto& l : lines) violation("{}", l);
    }
    RuleOutcome finish() {
        m_rule.holds = m_rule.violation_count == 0;
        return std::move(m_rule);
    }

private:
    RuleOutcome m_rule;
};

std::vector<const geom::Geometry*> geometries(const std::vector<model::Area>& areas) {
    std::vector<const geom::Geometry*> out;
    out.reserve(areas.size());
    for (const auto& a : areas) out.push_back(&a.geometry);
    return out;
}

std::string name_or_id(const model::Area& a) { return a.name.empty() ? a.id : a.name + " (" + a.id + ")"; }

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
                dm.covered = hit->distance_m <= sc.radius_m + kCoordinateTolerance_m;
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
    std::map<std::string, std::size_t> street_by_id, community_by_id;
    for (std::size_t i = 0; i < d.streets.size(); ++i) street_by_id[d.streets[i].id] = i;
    for (std::size_t i = 0; i < d.communities.size(); ++i) community_by_id[d.communities[i].id] = i;
    for (const auto& c : d.communities) ++m.streets[street_by_id.at(c.street_id)].communities;
    for (const auto& g : d.grids) ++m.streets[street_by_id.at(g.street_id)].grids;


    const std::string radius = fmt::format("{:g}", sc.radius_m);
    for (RuleId rule : sc.rules) {
        switch (rule) {
            case RuleId::R1: {
                RuleBuilder r(rule, "Every deputy within " + radius + " m of a counted station (驻区人大代表不出千米找到站点)");
                for (std::size_t i = 0; i < d.deputies.size(); ++i) {
                    const auto& dm = m.deputies[i];
                    if (dm.covered) continue;
                    if (m.network) {
                        const std::string straight =
                            dm.nearest ? fmt::format(" (straight line {:.1f} m to {})", dm.nearest_distance_m, d.stations[*dm.nearest].id)
                                       : std::string();
                        if (dm.nearest_walk)
                            r.violation("deputy {}: nearest counted station on foot {} is {:.1f} m away{}", d.deputies[i].id,
                                        d.stations[*dm.nearest_walk].id, dm.nearest_walk_m, straight);
                        else if (dm.walk_status == WalkStatus::BeyondCutoff)
                            r.violation("deputy {}: no counted station within {:.0f} m on foot{}", d.deputies[i].id,
                                        m.walk_cutoff_m, straight);
                        else
                            r.violation("deputy {}: no road path to any counted station{}", d.deputies[i].id, straight);
                        continue;
                    }
                    if (!dm.nearest) r.violation("deputy {}: no counted station at all", d.deputies[i].id);
                    else r.violation("deputy {}: nearest counted station {} is {:.1f} m away", d.deputies[i].id,
                                     d.stations[*dm.nearest].id, dm.nearest_distance_m);
                }
                m.rules.push_back(r.finish());
                break;
            }
            case RuleId::R2: {
                RuleBuilder r(rule, "Every community contains a deputy's address or a station (选民不出社区找到代表)");
                for (std::size_t i = 0; i < d.communities.size(); ++i)
                    if (m.communities[i].deputies == 0 && m.communities[i].stations == 0)
                        r.violation("community {}: no deputy lives or works there and no station is there",
                                    name_or_id(d.communities[i]));
                m.rules.push_back(r.finish());
                break;
            }
            case RuleId::R3: {
                RuleBuilder r(rule, "Every community station serves capacity_min to capacity_max deputies (每个社区联络站服务3—5名人大代表)");
                for (std::size_t i = 0; i < d.stations.size(); ++i) {
                    const auto& s = d.stations[i];
                    if (s.kind != StationKind::Community || *m.stations[i].within_capacity) continue;
                    r.violation("station {}: serves {} deputies, outside {}..{}", s.id, m.stations[i].load, *s.capacity_min,
                                *s.capacity_max);
                }
                for (std::size_t i = 0; i < d.deputies.size(); ++i) {
                    const auto& p = d.deputies[i];
                    if (p.station_id.empty()) r.violation("deputy {}: not assigned to any community station", p.id);
                    else if (m.deputies[i].station && d.stations[*m.deputies[i].station].kind != StationKind::Community)
                        r.violation("deputy {}: assigned to {}, which is a {} station, not a community station", p.id,
                                    p.station_id, to_string(d.stations[*m.deputies[i].station].kind));
                }
                m.rules.push_back(r.finish());
                break;
            }
            case RuleId::R4: {
                RuleBuilder r(rule, "Every grid lies within " + radius + " m of a counted station and has a liaison person");
                for (std::size_t i = 0; i < d.grids.size(); ++i) {
                    const auto& g = d.grids[i];
                    const auto& gm = m.grids[i];
                    if (!gm.coverage_problem.empty())
                        r.violation("grid {}: covered area not computed ({})", name_or_id(g), gm.coverage_problem);
                    else if (!gm.covered)
                        r.violation("grid {}: {:.1f}% covered, {:.0f} m2 beyond {} m of any counted station", name_or_id(g),
                                    100.0 * gm.covered_ratio, gm.area_m2 - gm.covered_area_m2, radius);
                    if (g.liaison.empty()) r.violation("grid {}: no liaison person", name_or_id(g));
                }
                m.rules.push_back(r.finish());
                break;
            }
            case RuleId::R5: {
                RuleBuilder r(rule, "Every street has exactly one street station, inside the street");
                std::vector<std::size_t> per_street(d.streets.size(), 0);
                for (std::size_t i = 0; i < d.stations.size(); ++i) {
                    const auto& s = d.stations[i];
                    if (s.kind != StationKind::Street) continue;
                    auto it = street_by_id.find(s.street_id);
                    if (it == street_by_id.end()) {
                        r.violation("street station {}: names street '{}', which is not in the streets layer", s.id, s.street_id);
                        continue;
                    }
                    ++per_street[it->second];
                    const auto& located = m.stations[i].street;
                    if (located != it->second)
                        r.violation("street station {}: lies outside its street {}{}", s.id, name_or_id(d.streets[it->second]),
                                    located ? ", in " + name_or_id(d.streets[*located]) : std::string(", in no street"));
                }
                for (std::size_t i = 0; i < d.streets.size(); ++i)
                    if (per_street[i] != 1)
                        r.violation("street {}: has {} street stations", name_or_id(d.streets[i]), per_street[i]);
                m.rules.push_back(r.finish());
                break;
            }
            case RuleId::R6: {
                RuleBuilder r(rule, "Every deputy with a sector is assigned to that sector's industry station");
                std::map<std::string, std::vector<std::string>> by_sector;
                for (const auto& s : d.stations)
                    if (s.kind == StationKind::Industry) by_sector[s.sector].push_back(s.id);
                for (const auto& p : d.deputies) {
                    if (p.sector.empty()) continue;
                    auto it = by_sector.find(p.sector);
                    if (it == by_sector.end()) {
                        r.violation("deputy {}: no industry station serves sector {}", p.id, p.sector);
                    } else if (p.industry_station_id.empty()) {
                        r.violation("deputy {}: sector {} but no industry station assigned (expected {})", p.id, p.sector,
                                    it->second.front());
                    } else if (std::find(it->second.begin(), it->second.end(), p.industry_station_id) == it->second.end()) {
                        r.violation("deputy {}: sector {} but assigned to {} (expected {})", p.id, p.sector,
                                    p.industry_station_id, it->second.front());
                    }
                }
                m.rules.push_back(r.finish());
                break;
            }
            case RuleId::R7: {
                RuleBuilder r(rule, "Hierarchy integrity: areas inside their street, no gaps or overlaps, all inside the district");
                std::vector<std::string> lines;
                check_topology(d, sc, lines);
                r.add_lines(lines);
                for (std::size_t i = 0; i < d.stations.size(); ++i) {
                    const auto& s = d.stations[i];
                    if (!m.stations[i].inside_district) r.violation("station {}: outside the district", s.id);
                    if (!s.street_id.empty() && !street_by_id.count(s.street_id))
                        r.violation("station {}: names unknown street '{}'", s.id, s.street_id);
                    if (!s.community_id.empty() && !community_by_id.count(s.community_id))
                        r.violation("station {}: names unknown community '{}'", s.id, s.community_id);
                }
                for (std::size_t i = 0; i < d.deputies.size(); ++i) {
                    const auto& p = d.deputies[i];
                    if (!m.deputies[i].inside_district) r.violation("deputy {}: located outside the district", p.id);
                    if (!p.station_id.empty() && !m.deputies[i].station)
                        r.violation("deputy {}: assigned to unknown station '{}'", p.id, p.station_id);
                    if (!p.industry_station_id.empty() && !station_by_id.count(p.industry_station_id))
                        r.violation("deputy {}: assigned to unknown industry station '{}'", p.id, p.industry_station_id);
                }
                m.rules.push_back(r.finish());
                break;
            }
        }
    }
    return m;
}

}  // namespace stationplan::measure

#include "plan/district_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <set>

#include "measure/spatial_index.hpp"
#include "plan/assignment_models.hpp"
#include "plan/evaluate.hpp"
#include "plan/site_reach.hpp"
#include "plan/solvers.hpp"

namespace stationplan::plan {
namespace {


SolveSummary summary_of(const Solution& s) {
    SolveSummary out;
    out.status = s.status;
    // No bound (a solve stopped before it had one) stays unknown: NaN, written as
    // null, never the objective (which would claim a proof with gap 0).
    const double nan = std::numeric_limits<double>::quiet_NaN();
    out.objective = std::isfinite(s.objective) ? s.objective : nan;
    out.bound = std::isfinite(s.bound) ? s.bound : nan;
    out.gap = std::isfinite(s.gap) ? s.gap : nan;
    out.seconds = s.seconds;
    return out;
}

double level_weight(const model::Deputy& p, const PlanSettings& ps) {
    switch (p.level) {
        case model::DeputyLevel::National: return ps.level_weight[0];
        case model::DeputyLevel::Provincial: return ps.level_weight[1];
        case model::DeputyLevel::Municipal: return ps.level_weight[2];
        case model::DeputyLevel::District: return ps.level_weight[3];
        case model::DeputyLevel::Township: return ps.level_weight[4];
        case model::DeputyLevel::Unknown: return 1.0;
    }
    return 1.0;
}

// The sites of a coverage model: existing counted stations first (fixed, open),
// then candidate sites.
struct CoverSites {
    std::vector<XY> position;
    std::size_t existing = 0;  // sites [0, existing) are stations
    std::vector<std::size_t> station;  // per existing site: station index
};

CoverSites cover_sites(const model::District& d, const measure::Measurement& m, const std::vector<Site>& candidates) {
    CoverSites cs;
    for (std::size_t j = 0; j < d.stations.size(); ++j)
        if (m.stations[j].counted) {
            cs.position.push_back(d.stations[j].position);
            cs.station.push_back(j);
        }
    cs.existing = cs.position.size();
    for (const auto& c : candidates) cs.position.push_back(c.position);
    return cs;
}

// The road network when the scenario measures on foot, else nothing.
std::optional<measure::RoadNetwork> road_network(const model::District& d, const Scenario& sc) {
    if (sc.distance != DistanceMode::Network) return std::nullopt;
    return measure::build_road_network(d, sc);
}

measure::RoadNetwork* pointer(std::optional<measure::RoadNetwork>& net) { return net ? &*net : nullptr; }

CoverInstance cover_instance(const model::District& d, const Scenario& sc, const CoverSites& cs,
                             const std::vector<Site>& candidates, double radius, measure::RoadNetwork* network) {
    CoverInstance inst;
    inst.site_count = cs.position.size();
    inst.fixed_open.assign(inst.site_count, 0);
    for (std::size_t j = 0; j < cs.existing; ++j) inst.fixed_open[j] = 1;
    inst.cost.assign(inst.site_count, 1.0);
    for (std::size_t k = 0; k < candidates.size(); ++k) inst.cost[cs.existing + k] = candidates[k].cost;
    const SiteReach reach(d.deputies, cs.position, radius, network);
    for (std::size_t i = 0; i < d.deputies.size(); ++i) {
        std::vector<std::uint32_t> row;
        for (const auto& [j, metres] : reach.within(i)) row.push_back(j);
        inst.covers.push_back(std::move(row));
        inst.weight.push_back(level_weight(d.deputies[i], sc.plan));
    }
    return inst;
}

// Uncovered grid area (m2) a station at a point would bring within the radius.
class GridGain {
public:
    GridGain(const model::District& d, const measure::Measurement& m, const Scenario& sc) : m_d(d), m_sc(sc) {
        for (std::size_t g = 0; g < d.grids.size(); ++g) {
            const auto& part = m.grids[g].uncovered_part;
            if (part.is_null() || part.is_empty()) continue;
            m_parts.push_back(&part);
            m_grid.push_back(g);
        }
        m_index.emplace(m_parts);
    }

    // Per grid when per_grid is given (grid id, m2, only above the tolerance). A grid
    // part GEOS cannot intersect with the circle counts as no gain and is named in
    // problems() (a tie-break and an explanation, never worth stopping the plan).
    double area(const XY& p, std::vector<std::pair<std::string, double>>* per_grid = nullptr) const {
        const geom::Geometry circle = geom::buffer_point(p, m_sc.radius_m, m_sc.circle_segments);
        const geom::PreparedGeometry prepared(circle);
        double total = 0.0;
        for (std::size_t k : m_index->candidates(circle.envelope())) {
            try {
                if (!prepared.intersects(*m_parts[k])) continue;
                const double a = geom::intersection(*m_parts[k], circle).area_m2();
                if (a <= m_sc.topology_tolerance_m2) continue;
                total += a;
                if (per_grid) per_grid->push_back({m_d.grids[m_grid[k]].id, std::round(a)});
            } catch (const geom::GeometryError& e) {
                m_problems.insert(fmt::format("grid {}: uncovered area near ({:.0f}, {:.0f}) not computed ({})",
                                              m_d.grids[m_grid[k]].id, p.x_m, p.y_m, e.what()));
            }
        }
        return total;
    }
    const std::set<std::string>& problems() const { return m_problems; }

private:
    const model::District& m_d;
    const Scenario& m_sc;
    std::vector<const geom::Geometry*> m_parts;
    std::vector<std::size_t> m_grid;
    std::optional<measure::AreaLocator> m_index;
    mutable std::set<std::string> m_problems;
};

bool covered_by(const CoverInstance& inst, std::size_t i, const std::vector<char>& open) {
    for (auto j : inst.covers[i])
        if (open[j]) return true;
    return false;
}

// The transpose of a cover instance: per site, the demands it covers, ascending.
std::vector<std::vector<std::size_t>> demands_by_site(const CoverInstance& inst) {
    std::vector<std::vector<std::size_t>> out(inst.site_count);
    for (std::size_t i = 0; i < inst.demand_count(); ++i)
        for (auto j : inst.covers[i]) out[j].push_back(i);
    return out;
}

using Clock = std::chrono::steady_clock;

// The share of suggest's time limit its main solve may use; the rest is for the
// explanations' two set covers at 0.9 and 1.1 times the radius, so that the whole
// suggest holds the user's limit.
constexpr double kMainSolveShare = 0.7;

double seconds_until(Clock::time_point deadline) {
    return std::chrono::duration<double>(deadline - Clock::now()).count();
}

// Why each chosen site (`selected`: cover-site indices of candidates): what it
// brings, who else could have, and how it holds up when the radius changes by
// 10 %. `existing_open`: the existing stations that stay (per cover site). The two
// set covers of the sensitivity share the time left until `deadline`.
void explain(const model::District& d, const Scenario& sc, const GridGain& gain, const CoverSites& cs,
             const std::vector<Site>& candidates, const CoverInstance& inst, const std::vector<std::size_t>& selected,
             const std::vector<char>& existing_open, SuggestOutcome& out, measure::RoadNetwork* network,
             Clock::time_point deadline) {
    std::vector<char> all_open = existing_open;
    for (auto j : selected) all_open[j] = 1;
    const CoverInstance narrow = cover_instance(d, sc, cs, candidates, 0.9 * sc.radius_m, network);
    const CoverInstance wide = cover_instance(d, sc, cs, candidates, 1.1 * sc.radius_m, network);
    // Per site, the demands it covers (ascending): each explanation reads only its
    // own site's deputies, not every deputy (thousands of sites on a whole city).
    const auto by_site = demands_by_site(inst), narrow_by_site = demands_by_site(narrow), wide_by_site = demands_by_site(wide);
    const measure::AreaLocator streets([&] {
        std::vector<const geom::Geometry*> g;
        for (const auto& s : d.streets) g.push_back(&s.geometry);
        return g;
    }());
    const measure::AreaLocator communities([&] {
        std::vector<const geom::Geometry*> g;
        for (const auto& c : d.communities) g.push_back(&c.geometry);
        return g;
    }());

    for (std::size_t j : selected) {
        const Site& site = candidates[j - cs.existing];
        SuggestedSite s;
        s.site_id = site.id;
        s.name = site.name;
        s.origin = site.origin;
        s.position = site.position;
        if (auto k = streets.locate(site.position)) s.street_id = d.streets[*k].id;
        if (auto k = communities.locate(site.position)) s.community_id = d.communities[*k].id;
        std::vector<std::size_t> only;
        for (std::size_t i : by_site[j]) {
            const auto& row = inst.covers[i];
            if (covered_by(inst, i, existing_open)) continue;
            s.new_deputies.push_back(d.deputies[i].id);
            const bool elsewhere = std::any_of(row.begin(), row.end(), [&](auto k) { return k != j && all_open[k]; });
            if (!elsewhere) {
                s.only_here.push_back(d.deputies[i].id);
                only.push_back(i);
            }
        }
        // Grids: the area this site brings within the radius.
        const double site_area = gain.area(site.position, &s.new_grid_area_m2);
        // Runner-up: the unchosen candidate covering most of what only this site
        // covers; among equals, the one bringing the most uncovered grid area.
        std::map<std::uint32_t, std::size_t> score;
        for (auto i : only)
            for (auto k : inst.covers[i])
                if (k >= cs.existing && !all_open[k]) ++score[k];
        std::size_t best_score = 0;
        for (auto [k, c] : score) best_score = std::max(best_score, c);
        double best_area = -1.0;
        for (auto [k, c] : score) {
            if (c != best_score || best_score == 0) continue;
            // The preference of a candidate is its uncovered grid area (suggest_sites).
            const double a = inst.preference.empty() ? gain.area(candidates[k - cs.existing].position) : inst.preference[k];
            if (a > best_area) {
                best_area = a;
                s.runner_up_id = candidates[k - cs.existing].id;
            }
        }
        s.runner_up_covers = best_score;
        s.lost_by = only.size() - s.runner_up_covers;
        s.grid_area_m2 = std::round(site_area);
        s.runner_up_grid_area_m2 = best_area < 0 ? 0.0 : std::round(best_area);
        for (std::size_t i : narrow_by_site[j]) s.new_deputies_at_0_9 += covered_by(narrow, i, existing_open) ? 0 : 1;
        for (std::size_t i : wide_by_site[j]) s.new_deputies_at_1_1 += covered_by(wide, i, existing_open) ? 0 : 1;
        out.sites.push_back(std::move(s));
    }
    std::stable_sort(out.sites.begin(), out.sites.end(),
                     [](const auto& a, const auto& b) { return a.new_deputies.size() > b.new_deputies.size(); });
    SolveOptions quick;
    // A cover stopped by the clock is an upper bound: say so, with its lower bound.
    auto needed = [&](const CoverInstance& at, const char* label) {
        const Solution cover = solve_set_cover(at, quick);
        if (cover.status != SolveStatus::Optimal && cover.status != SolveStatus::Infeasible)
            out.notes.push_back(fmt::format("stations needed at {} times the radius: {} found, not proven the fewest within "
                                            "the time limit (at least {:.0f})",
                                            label, cover.selected.size(), std::isfinite(cover.bound) ? std::ceil(cover.bound - 1e-6) : 0.0));
        return cover.selected.size();
    };
    quick.time_limit_s = std::max(0.05, seconds_until(deadline) / 2);
    out.stations_needed_at_0_9 = needed(narrow, "0.9");
    quick.time_limit_s = std::max(0.05, seconds_until(deadline));
    out.stations_needed_at_1_1 = needed(wide, "1.1");
}

std::size_t count_covered(const CoverInstance& inst, const std::vector<char>& open) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < inst.demand_count(); ++i) n += covered_by(inst, i, open) ? 1 : 0;
    return n;
}

// The deputies' options for a capacitated model: every site within the radius;
// and when no existing station (sites [0, existing)) is within it, the three
// nearest existing ones beyond it, so that a deputy a new station cannot serve
// (too few neighbours to fill it) still has a station, named as a violation.
// On foot, the options within the radius carry walking distances; the fallback
// options beyond it are ranked and weighed by straight-line distance.
std::vector<std::vector<AssignmentOption>> deputy_options(const model::District& d, const std::vector<XY>& sites,
                                                          std::size_t existing, double radius,
                                                          measure::RoadNetwork* network) {
    const SiteReach reach(d.deputies, sites, radius, network);
    std::vector<std::vector<AssignmentOption>> options(d.deputies.size());
    for (std::size_t i = 0; i < d.deputies.size(); ++i) {
        const XY& p = d.deputies[i].position;
        bool existing_within = false;
        for (const auto& [j, metres] : reach.within(i)) {
            options[i].push_back({j, metres, true});
            existing_within = existing_within || j < existing;
        }
        if (existing_within || existing == 0) continue;
        std::vector<std::size_t> order(existing);
        std::iota(order.begin(), order.end(), 0);
        const std::size_t k = std::min<std::size_t>(3, existing);
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(), [&](auto a, auto b) {
            return std::make_pair(distance_m(p, sites[a]), a) < std::make_pair(distance_m(p, sites[b]), b);
        });
        for (std::size_t q = 0; q < k; ++q) {
            const bool known = std::any_of(options[i].begin(), options[i].end(), [&](const auto& o) { return o.site == order[q]; });
            if (!known) options[i].push_back({static_cast<std::uint32_t>(order[q]), distance_m(p, sites[order[q]]), false});
        }
        std::sort(options[i].begin(), options[i].end(), [](const auto& a, const auto& b) { return a.site < b.site; });
    }
    return options;
}

// The capacitated plan over the community stations (sites [0, existing)) and the
// candidate sites (existing + k for candidate k).
struct CapacitatedPlan {
    AssignmentPlan plan;
    std::size_t existing = 0;
    std::vector<std::size_t> station_of;  // per existing site: station index
    std::vector<std::size_t> load;        // per site
    std::vector<int> min_load, max_load;  // per site
};

CapacitatedPlan plan_capacitated(const model::District& d, const Scenario& sc, const std::vector<Site>& candidates,
                                 double time_limit, measure::RoadNetwork* network) {
    CapacitatedPlan cp;
    std::vector<XY> sites;
    AssignmentInstance inst;
    std::map<std::string, std::size_t> site_of_station;
    for (std::size_t j = 0; j < d.stations.size(); ++j) {
        const auto& s = d.stations[j];
        if (s.kind != StationKind::Community) continue;
        site_of_station[s.id] = sites.size();
        sites.push_back(s.position);
        cp.station_of.push_back(j);
        inst.role.push_back(s.status == StationStatus::Closable ? SiteRole::Closable : SiteRole::Fixed);
        inst.min_load.push_back(*s.capacity_min);
        inst.max_load.push_back(*s.capacity_max);
    }
    cp.existing = sites.size();
    for (const auto& c : candidates) {
        sites.push_back(c.position);
        inst.role.push_back(SiteRole::Candidate);
        inst.min_load.push_back(sc.plan.new_capacity_min);
        inst.max_load.push_back(sc.plan.new_capacity_max);
    }
    inst.options = deputy_options(d, sites, cp.existing, sc.radius_m, network);
    for (const auto& p : d.deputies) {
        auto it = site_of_station.find(p.station_id);
        inst.current.push_back(it == site_of_station.end() ? -1 : static_cast<std::ptrdiff_t>(it->second));
    }
    SolveOptions so;
    so.time_limit_s = time_limit;
    cp.plan = solve_assignment_plan(inst, so);
    cp.load.assign(sites.size(), 0);
    for (auto a : cp.plan.solution.assignment)
        if (a >= 0) ++cp.load[static_cast<std::size_t>(a)];
    cp.min_load = inst.min_load;
    cp.max_load = inst.max_load;
    return cp;
}

// The capacitated plan told in the terms of lscp and mclp (coverage by counted
// stations, the same explanation per site), plus loads and what stays unmet.
void suggest_capacitated(const model::District& d, const Scenario& sc, const GridGain& gain, const CoverSites& cs,
                         const std::vector<Site>& candidates, const CoverInstance& inst, double time_limit,
                         SuggestOutcome& out, measure::RoadNetwork* network) {
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(time_limit));
    const CapacitatedPlan cp = plan_capacitated(d, sc, candidates, kMainSolveShare * time_limit, network);
    const AssignmentPlan& plan = cp.plan;
    out.solve = summary_of(plan.solution);
    out.notes.insert(out.notes.end(), plan.solution.notes.begin(), plan.solution.notes.end());
    auto site_name = [&](std::size_t j) {
        return j < cp.existing ? d.stations[cp.station_of[j]].id : "new station at " + candidates[j - cp.existing].id;
    };

    // Counted stations that stay (closed community stations no longer count), and
    // the opened sites, as cover sites.
    std::vector<char> closed_station(d.stations.size(), 0);
    for (auto j : plan.closed) closed_station[cp.station_of[j]] = 1;
    std::vector<char> staying(inst.site_count, 0);
    for (std::size_t j = 0; j < cs.existing; ++j) staying[j] = closed_station[cs.station[j]] ? 0 : 1;
    std::vector<std::size_t> selected;
    for (auto j : plan.opened) selected.push_back(cs.existing + (j - cp.existing));
    std::sort(selected.begin(), selected.end());
    explain(d, sc, gain, cs, candidates, inst, selected, staying, out, network, deadline);
    std::vector<char> open = staying;
    for (auto j : selected) open[j] = 1;
    out.covered_after = count_covered(inst, open);

    std::map<std::string, std::size_t> opened_site;  // candidate id -> plan site
    for (auto j : plan.opened) opened_site[candidates[j - cp.existing].id] = j;
    for (auto& s : out.sites) {
        const std::size_t j = opened_site.at(s.site_id);
        s.load = cp.load[j];
        for (std::size_t i = 0; i < d.deputies.size(); ++i)
            if (plan.solution.assignment[i] == static_cast<std::ptrdiff_t>(j)) s.assigned.push_back(d.deputies[i].id);
    }

    std::vector<std::size_t> unmet(plan.unassigned.begin(), plan.unassigned.end());
    unmet.insert(unmet.end(), plan.beyond_radius.begin(), plan.beyond_radius.end());
    std::sort(unmet.begin(), unmet.end());
    for (auto i : unmet) out.out_of_reach.push_back(d.deputies[i].id);
    for (auto i : plan.unassigned) out.notes.push_back("deputy " + d.deputies[i].id + ": no community station at all");
    for (auto i : plan.beyond_radius) {
        const auto a = static_cast<std::size_t>(plan.solution.assignment[i]);
        out.notes.push_back(fmt::format("deputy {}: no community station with room within the radius; assigned beyond it, "
                                        "to {}",
                                        d.deputies[i].id, site_name(a)));
    }
    for (auto j : plan.under_loaded)
        out.stations_out_of_range.push_back(
            fmt::format("{}: serves {} deputies, below its minimum {}", site_name(j), cp.load[j], cp.min_load[j]));
    for (auto j : plan.over_loaded)
        out.stations_out_of_range.push_back(
            fmt::format("{}: serves {} deputies, above its maximum {}", site_name(j), cp.load[j], cp.max_load[j]));
    for (auto j : plan.closed)
        out.notes.push_back("station " + d.stations[cp.station_of[j]].id + ": closed (closable, its deputies merge elsewhere)");
}

}  // namespace

SuggestResult suggest_sites(const model::District& d, const measure::Measurement& m, const Scenario& sc,
                            const SuggestOptions& opt) {
    SuggestResult result;
    SuggestOutcome& out = result.outcome;
    CandidateReport report;
    result.sites = candidate_sites(d, sc.plan, report);
    out.candidate_sites = result.sites.size();
    out.deputies = d.deputies.size();
    out.notes.push_back(fmt::format("{} candidate sites: {} from the candidates layer, {} community and {} grid interior "
                                    "points, {} lattice points; {} outside the district, {} in exclusion zones, {} "
                                    "duplicates dropped",
                                    result.sites.size(), report.from_layer, report.from_communities, report.from_grids,
                                    report.from_lattice, report.outside_district, report.excluded, report.duplicates));
    const double time_limit = opt.time_limit_s > 0 ? opt.time_limit_s : sc.plan.time_limit_s;
    const CoverSites cs = cover_sites(d, m, result.sites);
    std::optional<measure::RoadNetwork> net = road_network(d, sc);
    measure::RoadNetwork* network = pointer(net);
    CoverInstance inst = cover_instance(d, sc, cs, result.sites, sc.radius_m, network);
    // Among equally good plans, prefer the sites that bring the most uncovered grid area.
    const GridGain gain(d, m, sc);
    inst.preference.assign(inst.site_count, 0.0);
    for (std::size_t k = 0; k < result.sites.size(); ++k) inst.preference[cs.existing + k] = gain.area(result.sites[k].position);
    std::vector<char> open(inst.site_count, 0);
    for (std::size_t j = 0; j < cs.existing; ++j) open[j] = 1;
    out.covered_before = count_covered(inst, open);
    for (std::size_t i = 0; i < inst.demand_count(); ++i)
        if (inst.covers[i].empty()) out.uncoverable.push_back(d.deputies[i].id);

    SolveOptions so;
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(time_limit));
    so.time_limit_s = kMainSolveShare * time_limit;
    if (opt.model == SuggestModel::Capacitated) {
        out.model = SuggestModel::Capacitated;
        suggest_capacitated(d, sc, gain, cs, result.sites, inst, time_limit, out, network);
        for (const auto& p : gain.problems()) out.notes.push_back(p);
        return result;
    }
    Solution sol;
    if (opt.model == SuggestModel::Lscp) {
        out.model = SuggestModel::Lscp;
        sol = solve_set_cover(inst, so);
        const Evaluation e = evaluate_set_cover(inst, sol.selected);
        if (!e.feasible || std::abs(e.objective - sol.objective) > 1e-6)
            throw std::logic_error("LSCP objective recomputation failed: " + e.problem);
    } else {
        out.model = SuggestModel::Mclp;
        sol = solve_mclp(inst, opt.add, so);
        const Evaluation e = evaluate_mclp(inst, sol.selected, opt.add);
        if (!e.feasible || std::abs(e.objective - sol.objective) > 1e-6 * std::max(1.0, e.objective))
            throw std::logic_error("MCLP objective recomputation failed: " + e.problem);
    }
    out.solve = summary_of(sol);
    const std::vector<char> existing_open = open;
    for (auto j : sol.selected) open[j] = 1;
    out.covered_after = count_covered(inst, open);
    for (std::size_t i = 0; i < inst.demand_count(); ++i)
        if (!covered_by(inst, i, open)) out.out_of_reach.push_back(d.deputies[i].id);
    explain(d, sc, gain, cs, result.sites, inst, sol.selected, existing_open, out, network, deadline);
    for (const auto& p : gain.problems()) out.notes.push_back(p);
    return result;
}

RebalanceOutcome rebalance_stations(const model::District& d, const measure::Measurement& m, const Scenario& sc,
                                    const RebalanceOptions& opt) {
    RebalanceOutcome out;
    out.deputies = d.deputies.size();
    std::optional<measure::RoadNetwork> net = road_network(d, sc);
    measure::RoadNetwork* network = pointer(net);
    std::vector<XY> sites;
    std::vector<std::string> site_id;
    std::vector<std::ptrdiff_t> station_of;  // per site: station index, -1 for move targets
    AssignmentInstance inst;
    std::map<std::string, std::size_t> site_of_station;
    std::vector<std::size_t> movable;
    for (std::size_t j = 0; j < d.stations.size(); ++j) {
        const auto& s = d.stations[j];
        if (s.kind != StationKind::Community) continue;
        site_of_station[s.id] = sites.size();
        const bool closable = opt.allow_close || s.status == StationStatus::Closable;
        const bool can_move = opt.allow_move || s.status == StationStatus::Movable;
        if (can_move) movable.push_back(sites.size());
        sites.push_back(s.position);
        site_id.push_back(s.id);
        station_of.push_back(static_cast<std::ptrdiff_t>(j));
        inst.role.push_back(closable ? SiteRole::Closable : SiteRole::Fixed);
        inst.min_load.push_back(*s.capacity_min);
        inst.max_load.push_back(*s.capacity_max);
    }
    const std::size_t existing = sites.size();
    if (!movable.empty()) {
        CandidateReport report;
        const auto candidates = candidate_sites(d, sc.plan, report);
        const double within = opt.move_within_m > 0 ? opt.move_within_m : sc.radius_m / 2;
        std::vector<XY> cpos;
        for (const auto& c : candidates) cpos.push_back(c.position);
        const measure::PointIndex index(cpos);
        std::map<std::size_t, std::size_t> target_site;  // candidate -> site
        for (auto j : movable) {
            std::vector<std::uint32_t> group{static_cast<std::uint32_t>(j)};
            for (auto k : index.within(sites[j], within)) {
                auto [it, fresh] = target_site.emplace(k, sites.size());
                if (fresh) {
                    sites.push_back(candidates[k].position);
                    site_id.push_back(candidates[k].id);
                    station_of.push_back(-1);
                    inst.role.push_back(SiteRole::Candidate);
                    inst.min_load.push_back(inst.min_load[j]);
                    inst.max_load.push_back(inst.max_load[j]);
                }
                group.push_back(static_cast<std::uint32_t>(it->second));
            }
            if (group.size() > 1) inst.move_groups.push_back(std::move(group));
        }
    }
    inst.options = deputy_options(d, sites, existing, sc.radius_m, network);
    // A move target is only for its own station's move group; but deputies may go to it.
    for (const auto& p : d.deputies) {
        auto it = site_of_station.find(p.station_id);
        inst.current.push_back(it == site_of_station.end() ? -1 : static_cast<std::ptrdiff_t>(it->second));
    }
    // Candidates outside every move group must not open as new stations here.
    std::vector<char> grouped(sites.size(), 0);
    for (const auto& g : inst.move_groups)
        for (auto s : g) grouped[s] = 1;
    for (std::size_t j = existing; j < sites.size(); ++j)
        if (!grouped[j]) inst.max_load[j] = 0;

    // Violations now: deputies beyond the radius of their station, stations out of range.
    std::vector<std::size_t> load_before(sites.size(), 0);
    for (std::size_t i = 0; i < d.deputies.size(); ++i)
        if (inst.current[i] >= 0) {
            ++load_before[static_cast<std::size_t>(inst.current[i])];
            const auto& opts = inst.options[i];
            const bool within = network ? std::any_of(opts.begin(), opts.end(), [&](const AssignmentOption& o) {
                return o.within_radius && static_cast<std::ptrdiff_t>(o.site) == inst.current[i];
            })
                                        : sc.coverage().covers(m.deputies[i].station_distance_m);
            if (!within) ++out.violations_before;
        }
    for (std::size_t j = 0; j < existing; ++j)
        if (load_before[j] < static_cast<std::size_t>(inst.min_load[j]) || load_before[j] > static_cast<std::size_t>(inst.max_load[j]))
            ++out.violations_before;

    SolveOptions so;
    so.time_limit_s = opt.time_limit_s > 0 ? opt.time_limit_s : sc.plan.time_limit_s;
    const AssignmentPlan plan = solve_assignment_plan(inst, so);
    out.solve = summary_of(plan.solution);
    std::vector<std::size_t> load_after(sites.size(), 0);
    for (auto a : plan.solution.assignment)
        if (a >= 0) ++load_after[static_cast<std::size_t>(a)];
    std::vector<char> open(sites.size(), 0);
    for (auto j : plan.solution.selected) open[j] = 1;

    // On foot: the walking distance when the site is within the radius on foot,
    // else the straight line (beyond the radius either way).
    auto distance_to = [&](std::size_t i, std::ptrdiff_t site) {
        if (site < 0) return std::numeric_limits<double>::quiet_NaN();
        if (network)
            for (const auto& o : inst.options[i])
                if (o.within_radius && static_cast<std::ptrdiff_t>(o.site) == site) return o.distance_m;
        return distance_m(d.deputies[i].position, sites[static_cast<std::size_t>(site)]);
    };
    auto within_radius = [&](std::size_t i, std::ptrdiff_t site) {
        if (site < 0) return false;
        if (!network) return sc.coverage().covers(distance_to(i, site));
        return std::any_of(inst.options[i].begin(), inst.options[i].end(), [&](const AssignmentOption& o) {
            return o.within_radius && static_cast<std::ptrdiff_t>(o.site) == site;
        });
    };
    for (std::size_t i = 0; i < d.deputies.size(); ++i) {
        const std::ptrdiff_t before = inst.current[i], after = plan.solution.assignment[i];
        if (before < 0 && after < 0) continue;
        Reassignment r;
        r.deputy_id = d.deputies[i].id;
        r.old_station_id = before >= 0 ? site_id[static_cast<std::size_t>(before)] : d.deputies[i].station_id;
        r.new_station_id = after >= 0 ? site_id[static_cast<std::size_t>(after)] : "";
        r.old_distance_m = distance_to(i, before);
        r.new_distance_m = distance_to(i, after);
        if (before >= 0) {
            r.old_load_before = load_before[static_cast<std::size_t>(before)];
            r.old_load_after = load_after[static_cast<std::size_t>(before)];
        }
        if (after >= 0) {
            r.new_load_before = load_before[static_cast<std::size_t>(after)];
            r.new_load_after = load_after[static_cast<std::size_t>(after)];
        }
        r.within_radius = within_radius(i, after);
        out.assignment.push_back(std::move(r));
    }
    for (auto j : plan.closed)
        out.changes.push_back({StationChangeKind::Close, site_id[j], "", load_before[j], 0,
                               fmt::format("serves {} deputies, below its minimum {}; they are merged into nearby stations",
                                           load_before[j], inst.min_load[j])});
    for (auto [from, to] : plan.moved)
        out.changes.push_back({StationChangeKind::Move, site_id[from], site_id[to], load_before[from], load_after[to],
                               fmt::format("moving {:.0f} m lets it serve {} deputies within the radius",
                                           distance_m(sites[from], sites[to]), load_after[to])});
    for (auto i : plan.unassigned) out.remaining.push_back("deputy " + d.deputies[i].id + ": no community station at all");
    for (auto i : plan.beyond_radius)
        out.remaining.push_back(fmt::format("deputy {}: no community station with room within {:g} m (assigned at {:.0f} m)",
                                            d.deputies[i].id, sc.radius_m,
                                            distance_to(i, plan.solution.assignment[i])));
    for (auto j : plan.under_loaded)
        out.remaining.push_back(fmt::format("station {}: {} deputies within reach, below its minimum {}", site_id[j],
                                            load_after[j], inst.min_load[j]));
    for (auto j : plan.over_loaded)
        out.remaining.push_back(fmt::format("station {}: {} deputies, above its maximum {}", site_id[j], load_after[j],
                                            inst.max_load[j]));
    out.violations_after = plan.beyond_radius.size() + plan.under_loaded.size() + plan.over_loaded.size();
    return out;
}

}  // namespace stationplan::plan

// Planning on a district: where to add stations (suggest) and how to regroup
// deputies so every community station serves 3 to 5 of them (rebalance). Both run
// the coverage check first and write its outputs too, so one folder holds the
// whole picture.
//
//   auto sc = stationplan::load_scenario("analysis/jinshui-baseline.toml");
//   stationplan::SuggestOptions opt;
//   opt.model = stationplan::SuggestModel::Lscp;
//   opt.out_dir = "out/jinshui-baseline";
//   auto s = stationplan::suggest(sc, opt);   // s.sites: where, and why
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "stationplan/check.hpp"
#include "stationplan/geometry.hpp"
#include "stationplan/scenario.hpp"

namespace stationplan {

// How the solve ended. objective, bound and gap are NaN (null in JSON) when not
// known: no solution, or a solve stopped at its time limit before it had a bound.
struct SolveSummary {
    SolveStatus status = SolveStatus::Infeasible;
    double objective = 0.0;
    double bound = 0.0;
    double gap = 0.0;
    double seconds = 0.0;
};

struct SuggestOptions {
    SuggestModel model = SuggestModel::Lscp;
    std::size_t add = 0;                  // MCLP: how many stations to add
    double time_limit_s = 0.0;            // 0: the scenario's plan.time_limit_s
    std::filesystem::path out_dir;        // empty: nothing written
    bool redact = false;                  // see CheckOptions::redact
    std::function<void(const std::string&)> on_stage;
    std::function<void(double)> on_progress;  // see CheckOptions::on_progress
    std::function<void(const std::string&)> on_notice;  // see CheckOptions::on_notice
};

struct SuggestedSite {
    std::string site_id;
    std::string name;
    std::string origin;                   // layer, community, grid, lattice
    XY position;
    std::string street_id, community_id;  // where it lies
    std::vector<std::string> new_deputies;      // covered by it and by no existing station
    std::vector<std::string> only_here;         // of those, covered by no other suggested site
    std::vector<std::pair<std::string, double>> new_grid_area_m2;  // grid id, area it brings within the radius
    std::string runner_up_id;             // the best site not chosen to cover the same deputies
    std::size_t runner_up_covers = 0;     // of only_here, how many the runner-up covers
    std::size_t lost_by = 0;              // only_here.size() - runner_up_covers
    double grid_area_m2 = 0.0;            // uncovered grid area this site brings within the radius
    double runner_up_grid_area_m2 = 0.0;  // the same for the runner-up
    std::size_t new_deputies_at_0_9 = 0;  // new deputies at 0.9 and 1.1 times the radius
    std::size_t new_deputies_at_1_1 = 0;
    std::size_t load = 0;                 // capacitated model: deputies assigned to it
    std::vector<std::string> assigned;    // capacitated model: those deputies
};

// The same fields mean the same for every model. Per site, new_deputies, only_here,
// grids, runner-up and the 0.9/1.1 figures are about coverage (within the radius of
// a counted station), as in LSCP; the capacitated model adds load and assigned.
struct SuggestOutcome {
    SuggestModel model = SuggestModel::Lscp;
    SolveSummary solve;
    std::size_t candidate_sites = 0;
    std::size_t deputies = 0;
    // Deputies within the radius of a counted station now, and with the suggested
    // stations added (capacitated: and the stations it closes gone).
    std::size_t covered_before = 0;
    std::size_t covered_after = 0;
    std::vector<std::string> uncoverable;  // deputies no station or candidate site can bring within the radius
    // Deputies the plan leaves without what its model promises, named: lscp and
    // mclp: beyond the radius of every counted station once the suggested stations
    // are added; capacitated: not served within the radius by a community station
    // with room. Includes the uncoverable ones.
    std::vector<std::string> out_of_reach;
    // Capacitated: community stations whose load stays outside their range, one line each.
    std::vector<std::string> stations_out_of_range;
    std::vector<SuggestedSite> sites;
    // LSCP at 0.9 and 1.1 times the radius (for every model): how many new stations
    // would bring every coverable deputy within that distance of a counted station.
    std::size_t stations_needed_at_0_9 = 0;
    std::size_t stations_needed_at_1_1 = 0;
    std::vector<std::string> notes;
    CheckOutcome check;

    // The plan keeps its model's promise for every deputy and station: a plan was
    // found and out_of_reach and stations_out_of_range are empty (`suggest` exits
    // 0; otherwise 1).
    bool meets_rule() const {
        return solve.status != SolveStatus::Infeasible && out_of_reach.empty() && stations_out_of_range.empty();
    }
};

SuggestOutcome suggest(const Scenario& scenario, const SuggestOptions& options);

struct RebalanceOptions {
    bool allow_close = false;   // community stations may close (their deputies merge elsewhere)
    bool allow_move = false;    // community stations may move to a candidate site nearby
    double move_within_m = 0.0; // how far a station may move; 0: half the radius
    double time_limit_s = 0.0;  // 0: the scenario's plan.time_limit_s
    std::filesystem::path out_dir;
    bool redact = false;                  // see CheckOptions::redact
    std::function<void(const std::string&)> on_stage;
    std::function<void(double)> on_progress;  // see CheckOptions::on_progress
    std::function<void(const std::string&)> on_notice;  // see CheckOptions::on_notice
};

struct Reassignment {
    std::string deputy_id;
    std::string old_station_id, new_station_id;
    double old_distance_m = 0.0, new_distance_m = 0.0;  // NaN where there is no station
    std::size_t old_load_before = 0, old_load_after = 0;
    std::size_t new_load_before = 0, new_load_after = 0;
    bool within_radius = true;
};

struct StationChange {
    StationChangeKind kind = StationChangeKind::Close;
    std::string station_id;
    std::string to_site_id;    // move: where to
    std::size_t load_before = 0, load_after = 0;
    std::string reason;
};

struct RebalanceOutcome {
    SolveSummary solve;
    std::size_t deputies = 0;
    std::size_t violations_before = 0;   // deputies beyond the radius of their station + stations outside their range
    std::size_t violations_after = 0;
    std::vector<Reassignment> assignment;   // every deputy with a community station before or after
    std::vector<StationChange> changes;
    std::vector<std::string> remaining;     // what no regrouping can fix, one line each
    CheckOutcome check;
};

RebalanceOutcome rebalance(const Scenario& scenario, const RebalanceOptions& options);

}  // namespace stationplan

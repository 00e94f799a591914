// What the commands return: plain value types, apart from the facade functions
// that produce them (check.hpp, plan.hpp, report.hpp, compare.hpp), so that code
// holding results (a report, a comparison, a review session) needs no facade.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "stationplan/enums.hpp"
#include "stationplan/geometry.hpp"

namespace stationplan {

// --- check ---------------------------------------------------------------------

struct RuleOutcome {
    RuleId id = RuleId::R1;
    std::string title;
    bool holds = true;
    std::size_t violation_count = 0;
    std::vector<std::string> violations;  // one human-readable line each
};

struct CheckOutcome {
    std::string scenario;
    std::string crs;                      // e.g. "EPSG:4547"
    double radius_m = 0.0;
    std::size_t deputies_total = 0;       // records read
    std::size_t deputies_used = 0;
    std::size_t deputies_rejected = 0;    // total = used + rejected + review
    std::size_t deputies_review = 0;      // address matched no gazetteer entry well enough (review.csv)
    std::size_t deputies_by_address = 0;  // used deputies placed by their address (of deputies_used)
    std::size_t deputies_covered = 0;     // covered <= used
    std::size_t rejects_total = 0;        // rejected records over all layers
    DistanceMode distance = DistanceMode::Euclidean;  // how R1 measured: straight line or on foot
    // Network distance only: deputies within the radius in a straight line but not on
    // foot, and deputies with no road path to any counted station.
    std::size_t deputies_measures_disagree = 0;
    std::size_t deputies_unreachable = 0;
    std::vector<RuleOutcome> rules;       // the rules the scenario asked for, in order
    std::vector<std::string> warnings;    // repaired geometries and similar
    std::filesystem::path out_dir;        // where outputs went (empty if none)

    bool all_hold() const;
};

// --- suggest and rebalance -------------------------------------------------------

// How the solve ended. objective, bound and gap are NaN (null in JSON) when not
// known: no solution, or a solve stopped at its time limit before it had a bound.
struct SolveSummary {
    SolveStatus status = SolveStatus::Infeasible;
    double objective = 0.0;
    double bound = 0.0;
    double gap = 0.0;
    double seconds = 0.0;
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

// --- report --------------------------------------------------------------------

struct ReportOutcome {
    CheckOutcome check;
    SuggestOutcome suggest;               // LSCP with the scenario's [plan] settings
    bool rebalanced = false;
    RebalanceOutcome rebalance;           // when rebalanced
    std::filesystem::path html, pdf;      // pdf empty when not written
    std::vector<std::filesystem::path> maps;  // overview first, then one per street
};

// --- compare -------------------------------------------------------------------

struct FigureChange {
    std::string key;   // "deputies.covered", "coverage_ratio", "grids.covered" ...
    double before = 0.0, after = 0.0, change = 0.0;
};

struct StationRef {
    std::string station_id, name, kind;
    LonLat position;
};

struct StationMove {
    std::string station_id, name;
    LonLat from, to;
    double distance_m = 0.0;
};

struct StationMerge {
    std::string into;
    std::vector<std::string> from;  // sorted
};

struct DeputyChange {
    std::string deputy_id, old_station_id, new_station_id;
    double old_distance_m = 0.0, new_distance_m = 0.0;  // NaN: no (known) station
};

struct AreaRef {
    std::string id, name;
};

struct GridChange {
    std::string grid_id;
    double before_covered_ratio = 0.0, after_covered_ratio = 0.0;
};

struct RuleChange {
    std::string id;
    bool before_holds = true, after_holds = true;
    std::size_t before_count = 0, after_count = 0;
};

struct CompareOutcome {
    std::string before_label, after_label;
    std::vector<FigureChange> figures;   // every figure, changed or not
    struct {
        std::vector<StationRef> added, closed;
        std::vector<StationMove> moved;
        std::vector<StationMerge> merged;
    } stations;
    std::vector<DeputyChange> deputies_changing_station;
    // A community is covered when it holds a deputy or a station (R2) and every
    // deputy in it is within the radius (R1).
    std::vector<AreaRef> communities_gaining, communities_losing;
    std::vector<GridChange> grids_gaining, grids_losing;  // covered share up / down
    std::vector<RuleChange> rules;
    std::filesystem::path out_dir;

    // True when nothing but labels differs.
    bool no_difference() const;
};

}  // namespace stationplan

// Capacitated assignment and the capacitated plan: deputies to stations within the
// radius, each station's load within min..max, stations opened, closed or moved.
//
// One weighted MIP (CBC) whose weights make the goals lexicographic:
//   1. fewest violations (a deputy beyond the radius although a station within it
//      could take it; a station's load outside min..max),
//   2. fewest new stations,
//   3. fewest changes (deputies moved to another station; stations closed or moved),
//   4. least total distance.
// Each goal's weight exceeds the largest possible total of the goals below it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "plan/instance.hpp"

namespace stationplan::plan {

enum class SiteRole {
    Fixed,      // an existing station that stays
    Closable,   // an existing station that may close (its deputies merge elsewhere)
    Candidate,  // a place where a new station may open
};

struct AssignmentOption {
    std::uint32_t site = 0;
    double distance_m = 0.0;
    bool within_radius = true;
};

struct AssignmentInstance {
    std::vector<std::vector<AssignmentOption>> options;  // per demand: the sites it may go to
    std::vector<SiteRole> role;                          // per site
    std::vector<int> min_load, max_load;                 // per site
    // Groups of sites of which exactly one must be open: a movable station and the
    // places it may move to (the station itself first).
    std::vector<std::vector<std::uint32_t>> move_groups;
    std::vector<std::ptrdiff_t> current;                 // per demand: its site now, -1 none

    std::size_t demand_count() const { return options.size(); }
    std::size_t site_count() const { return role.size(); }
};

struct AssignmentPlan {
    Solution solution;                          // selected: every open site; assignment per demand
    std::vector<std::uint32_t> opened;          // candidate sites opened (not move targets)
    std::vector<std::uint32_t> closed;          // closable sites closed
    std::vector<std::pair<std::uint32_t, std::uint32_t>> moved;  // (from, to)
    std::vector<std::size_t> beyond_radius;     // demands assigned beyond the radius
    std::vector<std::size_t> unassigned;        // demands with no option at all
    std::vector<std::uint32_t> under_loaded, over_loaded;  // open sites outside min..max
    std::size_t changes = 0;                    // demands whose site changed
    double total_distance_m = 0.0;
};

AssignmentPlan solve_assignment_plan(const AssignmentInstance& inst, const SolveOptions& opt);

// The weighted objective of a plan, recomputed from its assignment alone (tests
// compare it with the solver's).
double assignment_objective(const AssignmentInstance& inst, const std::vector<std::ptrdiff_t>& assignment,
                            const std::vector<char>& open);

}  // namespace stationplan::plan

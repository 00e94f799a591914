// Planning instances: what the optimisation models read. Built from the district
// model (suggest, rebalance) or from files (OR-Library, Lorena-Senne, CSV) by the
// optimize command. Indexes are 0-based everywhere.
#pragma once

#include <Eigen/Dense>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "stationplan/enums.hpp"

namespace stationplan::plan {

// The public enumeration (stationplan/enums.hpp, with its text form).
using stationplan::SolveStatus;

struct SolveOptions {
    double time_limit_s = 60.0;  // the whole solve, heuristics and CBC together
    int log_level = 0;           // CBC's log level (0: silent)
};

// What every model returns. objective and bound follow the model's sense
// (minimise: bound <= objective; maximise: bound >= objective); gap is
// |objective - bound| / max(1e-9, |objective|), 0 when proven optimal.
struct Solution {
    SolveStatus status = SolveStatus::Infeasible;
    double objective = std::numeric_limits<double>::quiet_NaN();
    double bound = std::numeric_limits<double>::quiet_NaN();
    double gap = std::numeric_limits<double>::quiet_NaN();
    double seconds = 0.0;
    std::vector<std::size_t> selected;        // chosen sites (new ones for cover models), ascending
    std::vector<std::ptrdiff_t> assignment;   // per demand: its site, -1 none (models that assign)
    std::vector<std::string> notes;           // why infeasible, what was reduced, ...
};

// Coverage models (LSCP, MCLP, weighted set cover): which sites cover which demand.
struct CoverInstance {
    std::size_t site_count = 0;
    std::vector<double> weight;                       // per demand (MCLP objective); 1 by default
    std::vector<double> cost;                         // per site (LSCP/SCP objective); 1 by default
    std::vector<std::vector<std::uint32_t>> covers;   // per demand: the sites covering it, ascending
    std::vector<char> fixed_open;                     // per site: 1 = already open, free (may be empty)
    // Per site, >= 0 (may be empty): among solutions equally good by the model's own
    // objective, the one with the largest total preference is chosen (e.g. the
    // uncovered grid area a site brings). Never changes the model's optimum.
    std::vector<double> preference;

    std::size_t demand_count() const { return covers.size(); }
    bool is_fixed(std::size_t site) const { return !fixed_open.empty() && fixed_open[site]; }
};

// Distance models (p-median, p-center): a dense demand x site distance matrix.
struct DistanceInstance {
    Eigen::MatrixXd distance;    // rows: demands, columns: candidate sites
    Eigen::VectorXd weight;      // per demand; all ones when empty

    std::size_t demand_count() const { return static_cast<std::size_t>(distance.rows()); }
    std::size_t site_count() const { return static_cast<std::size_t>(distance.cols()); }
    double w(std::size_t i) const { return weight.size() ? weight[static_cast<Eigen::Index>(i)] : 1.0; }
};

// Capacitated p-median: each demand has a size; an open site serves a total size
// between min_load (optional) and capacity.
struct CapacitatedInstance {
    DistanceInstance base;
    std::vector<double> size;       // per demand
    std::vector<double> capacity;   // per site
    std::vector<double> min_load;   // per site; empty: no lower bound
};

}  // namespace stationplan::plan

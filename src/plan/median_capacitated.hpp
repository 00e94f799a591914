// Private to capacitated_median.cpp: the Lagrangian bound of the capacitated
// p-median (pmedian_capacitated_bound.cpp).
#pragma once

#include <Eigen/Dense>

#include <cstddef>
#include <functional>
#include <vector>

#include "plan/median_internal.hpp"

namespace stationplan::plan::median {

// The data the bound reads: c_ij (demand x site), sizes, capacities, p.
struct CapacitatedData {
    const Eigen::MatrixXd& cost;
    const std::vector<double>& size;
    const std::vector<double>& capacity;
    std::size_t p;
    bool integral;  // every objective is an integer
};

// Lagrangian relaxation of the assignment rows sum_j x_ij = 1 (multipliers
// lambda_i), keeping x_ij <= y_j, the capacities and sum_j y_j = p: for each site a
// 0-1 knapsack over the demands with negative reduced cost c_ij - lambda_i,
// rho_j = -(its best value), L = sum_i lambda_i + the p smallest rho_j
// (Mulvey & Beck 1984; Lorena & Senne 2004 use the same subproblem). The knapsacks
// are solved exactly by dynamic programming over integer sizes; other sizes and
// capacities are scaled to at most 2000 units and rounded in the relaxation's
// favour (sizes down, capacities down after the sizes), which keeps the bound valid.
// Subgradient steps as in the p-median (Held-Karp, pi halved after 30 stalls).
//
// At the best multipliers, reduced costs fix sites (closed in every solution
// better than the incumbent) and demand-site pairs: forcing x_ij = 1 costs at
// least c_ij - lambda_i - K_j(capacity_j - size_i) in site j's knapsack.
struct CapacitatedBound {
    double bound = -kUnbounded;      // valid lower bound (at most the incumbent)
    std::vector<char> site_closed;   // per site
    std::vector<char> pair_allowed;  // demand-major: i * sites + j
    std::size_t pairs_allowed = 0;
    std::vector<std::size_t> relaxed_open;  // the relaxed solution's sites at the best multipliers
    Eigen::VectorXd lambda;                 // the best multipliers (to restart from)
    int iterations = 0;
};

// lambda: starting multipliers (e.g. the incumbent's assignment costs). Every 20th
// distinct relaxed solution is handed to `heuristic` (Lagrangian heuristic), which
// returns the incumbent's objective afterwards.
using SitesHeuristic = std::function<double(const std::vector<std::size_t>&)>;
CapacitatedBound capacitated_bound(const CapacitatedData& data, Eigen::VectorXd lambda, double incumbent,
                                   const SitesHeuristic& heuristic, const Deadline& deadline);

}  // namespace stationplan::plan::median

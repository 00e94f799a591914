// Set covering by Lagrangian relaxation (internal to plan/cover_models.cpp).
//
// Beasley (1990), "A Lagrangian heuristic for set-covering problems", Naval
// Research Logistics 37: relax every cover row with a multiplier u_i >= 0; then
//   L(u) = sum_i u_i + sum_j min(0, c_j - sum_{i covered by j} u_i)
// is a lower bound on the optimum for every u, maximised by subgradient steps. Each
// few steps a cover is built from the relaxed solution (greedy on the rest, then
// redundant columns dropped) and the best one is improved by local search. The
// reduced costs of the best multipliers fix columns: one whose forced use lifts the
// bound to the incumbent cannot be in any better cover.
//
// Everything runs a fixed number of iterations (the time limit only cuts it
// short): the same input gives the same result.
#pragma once

#include <Eigen/Dense>

#include <chrono>
#include <cstdint>
#include <limits>
#include <vector>

namespace stationplan::plan::cover {

// A set-covering problem: rows (demands) over columns (sites), every row non-empty,
// column positions ascending in each row; every cost > 0.
struct Problem {
    std::vector<std::vector<std::uint32_t>> rows;
    std::vector<double> cost;

    std::size_t row_count() const { return rows.size(); }
    std::size_t column_count() const { return cost.size(); }
    std::vector<std::vector<std::uint32_t>> columns() const;  // per column: its rows, ascending
};

// A cover's cost; infinite when some row is left uncovered.
double cover_cost(const Problem& p, const std::vector<char>& open);

// Chvatal's greedy (least cost per newly covered row; ties to the lower index), then
// redundant columns dropped, dearest first.
std::vector<char> greedy(const Problem& p);

// Drops redundant columns (dearest first, then highest index) and applies improving
// exchanges until none is left: one open column for a cheaper closed one, or two
// open columns for one closed column dearer than neither's sum. `open` must cover
// every row.
void local_search(const Problem& p, std::vector<char>& open);

struct LagrangianOptions {
    int max_iterations = 3000;
    int heuristic_every = 5;    // build a cover from the relaxed solution this often
    bool integral = true;       // integer costs: a bound of L proves ceil(L - 1e-6)
    double stop_above = std::numeric_limits<double>::infinity();  // stop once the bound exceeds this
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

struct LagrangianResult {
    double lower_bound = 0.0;      // best L(u) (not rounded)
    Eigen::VectorXd multipliers;   // the u giving it
    Eigen::VectorXd reduced_cost;  // c_j - sum of u over column j, at those multipliers
    std::vector<char> cover;       // the best cover found (local search applied)
    double cover_cost = 0.0;
    int iterations = 0;
};

// Subgradient optimisation of L(u) starting from the cover `start` (which must be
// feasible); stops when the bound proves the best cover optimal, when the step
// has shrunk below use, or after max_iterations.
LagrangianResult lagrangian(const Problem& p, const std::vector<char>& start, const LagrangianOptions& opt);

// Maximal covering: at most k columns, the most row weight covered. Relaxing each
// row's "covered only if some chosen column covers it" with a multiplier
// 0 <= l_i <= w_i gives, for every l, the upper bound
//   U(l) = sum_i (w_i - l_i) + (sum of the k largest column scores sum_{i in j} l_i)
// (Galvao and ReVelle's relaxation; its best value equals the LP bound). Minimised
// by subgradient steps towards `incumbent` (the weight of a known solution).
struct MclpBoundOptions {
    int max_iterations = 2000;
    bool integral = true;  // integer weights: a bound of U proves floor(U + 1e-6)
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

struct MclpBound {
    double upper_bound = std::numeric_limits<double>::infinity();  // best U(l) (not rounded)
    Eigen::VectorXd multipliers;  // the l giving it (empty when no iteration ran)
    int iterations = 0;
    // The best of the relaxed solutions' k columns, as a solution: its weight.
    std::vector<char> best_open;
    double best_weight = 0.0;
};

// Lagrangian fixing for maximal covering: with the multipliers of `b`, every
// choice of k columns that opens column j (fix[j] = 0) or leaves it closed
// (fix[j] = 1) covers less than `threshold`; -1 where neither is proven. Pass the
// weight a better solution must reach (integer weights: the incumbent's plus 1).
std::vector<signed char> mclp_fixing(const std::vector<std::vector<std::uint32_t>>& rows, std::size_t column_count,
                                     const std::vector<double>& weight, std::size_t k, const MclpBound& b,
                                     double threshold);

// `rows` as in Problem (costs unused), `weight` per row (> 0).
MclpBound mclp_upper_bound(const std::vector<std::vector<std::uint32_t>>& rows, std::size_t column_count,
                           const std::vector<double>& weight, std::size_t k, double incumbent,
                           const MclpBoundOptions& opt);

}  // namespace stationplan::plan::cover

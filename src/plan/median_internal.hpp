// Private to the median models (median_models.cpp, pmedian_*.cpp,
// capacitated_median.cpp): the clock, the p-median local search and the
// Lagrangian bound that the p-median, p-center and capacitated solvers share.
//
// Costs are a dense demand x site matrix c(i,j) = weight_i x distance_ij (Eigen,
// column-major, so one site's column is contiguous).
#pragma once

#include <Eigen/Dense>

#include <chrono>
#include <cstddef>
#include <limits>
#include <vector>

#include "plan/instance.hpp"

namespace stationplan::plan::median {

using Clock = std::chrono::steady_clock;

// The time left of one solve (SolveOptions::time_limit_s covers everything).
class Deadline {
public:
    explicit Deadline(double limit_s) : m_start(Clock::now()), m_limit_s(limit_s) {}
    double elapsed_s() const { return std::chrono::duration<double>(Clock::now() - m_start).count(); }
    double left_s() const { return m_limit_s - elapsed_s(); }
    bool passed() const { return left_s() <= 0.0; }

private:
    Clock::time_point m_start;
    double m_limit_s;
};

// Throws std::invalid_argument naming the model and the cell unless every distance
// and weight is finite and >= 0 and there is one weight per demand (or none).
void check_distances(const DistanceInstance& inst, const char* model);

// True when every entry is an integer small enough to be added exactly in a double:
// then every objective is an integer and "better" means "at least 1 better".
bool all_integral(const Eigen::MatrixXd& cost);

// A lower bound above this value proves that nothing beats the incumbent: for
// integral costs incumbent - 1 (plus 1e-6 for the round-off of Lagrangian sums),
// otherwise incumbent less a relative 1e-9 (the optimality tolerance).
double prune_above(bool integral, double incumbent);

// Open sites with the demands' nearest and second-nearest open site: the state of
// Whitaker's fast interchange. Ties go to the lower site index (deterministic).
class OpenSet {
public:
    OpenSet(const Eigen::MatrixXd& cost, std::vector<std::size_t> open);

    double objective() const { return m_objective; }
    std::vector<std::size_t> sites() const;  // ascending
    const std::vector<std::size_t>& nearest() const { return m_phi1; }

    // Whitaker (1983) fast interchange, as described by Resende & Werneck (2003,
    // "On the implementation of a swap-based local search procedure for the
    // p-median problem"): for each closed site f in turn, the best site r to close
    // in exchange is found in O(n + p); the first improving (f, r) is applied. Ends
    // at a swap local optimum or at the deadline.
    void local_search(const Deadline& deadline);

private:
    void swap(std::size_t insert, std::size_t remove);
    void rescan(std::size_t i);  // nearest and second nearest of demand i
    void recompute_objective();

    const Eigen::MatrixXd& m_cost;
    std::vector<std::size_t> m_open;  // unordered
    std::vector<char> m_is_open;
    std::vector<std::size_t> m_phi1, m_phi2;
    std::vector<double> m_d1, m_d2;
    double m_objective = 0.0;
};

// The greedy "add" heuristic (Kuehn & Hamburger 1963): p times the site that lowers
// the total cost most; ties to the lower index.
std::vector<std::size_t> greedy_add(const Eigen::MatrixXd& cost, std::size_t p);

// Site states after Lagrangian reduced-cost fixing.
enum class SiteFix : char { Free, Open, Closed };

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

// The Lagrangian relaxation of the p-median's assignment constraints at one
// multiplier vector (Beasley 1993, "Lagrangean heuristics for location problems",
// EJOR 65): L(lambda) = sum_i lambda_i + the p smallest
// rho_j = sum_i min(0, c_ij - lambda_i) over the sites, with fixed-open sites always
// and fixed-closed sites never among them.
struct LagrangianPoint {
    double value = 0.0;         // L(lambda)
    Eigen::RowVectorXd rho;     // per site
    std::vector<char> in_p;     // per site: in the relaxed solution
    double last_in = 0.0;       // the largest rho of a free site in it (-inf: none)
    double first_out = 0.0;     // the smallest rho of a free site not in it (+inf: none)
    std::size_t free_needed = 0;  // free sites in it
};
LagrangianPoint lagrangian_point(const Eigen::MatrixXd& cost, const Eigen::VectorXd& lambda, std::size_t p,
                                 const std::vector<SiteFix>& fix);

// The best solution known: improved by the Lagrangian heuristic and the tree.
struct Incumbent {
    std::vector<std::size_t> open;  // ascending
    double objective = 0.0;
    void offer(const OpenSet& candidate);
};

// L(lambda) maximised by subgradient optimisation with the Held-Karp step
// t = pi (UB - L) / |g|^2 (pi halved after `stall` iterations without progress).
// Every iteration fixes sites whose forced opening (closing) lifts the bound past
// the incumbent; every `heuristic_every`-th relaxed solution seeds the local
// search (Beasley's Lagrangian heuristic; 0: never).
struct AscentLimits {
    double pi_start = 2.0;
    double pi_end = 1e-3;
    int stall = 30;
    int heuristic_every = 10;
};
struct Ascent {
    double bound = -kUnbounded;  // best L(lambda) under the fixings; may exceed the incumbent
    Eigen::VectorXd lambda;      // the multipliers that gave it
    bool solved = false;         // the relaxed solution was feasible: bound is this subproblem's optimum
    int iterations = 0;
};
Ascent lagrangian_ascent(const Eigen::MatrixXd& cost, std::size_t p, Eigen::VectorXd lambda, std::vector<SiteFix>& fix,
                         Incumbent& incumbent, bool integral, const AscentLimits& limits, const Deadline& deadline);

// Multipliers to start from: each demand's cost at its nearest site of `open`
// (then L <= the cost of `open` at once).
Eigen::VectorXd start_multipliers(const Eigen::MatrixXd& cost, const std::vector<std::size_t>& open);

// Depth-first branch and bound on the sites with the Lagrangian bound at every node
// (Beasley 1985, "A note on solving large p-median problems", EJOR 21): a node
// re-ascends from its parent's multipliers, fixes sites by reduced cost, and
// branches on the free site of its relaxed solution with the smallest rho (closed
// first). Only sites the root left free take part. Returns the proven lower bound
// (the incumbent's objective when the tree finished).
struct TreeSearch {
    double bound = 0.0;
    bool finished = false;
    long nodes = 0;
};
TreeSearch pmedian_tree_search(const Eigen::MatrixXd& cost, std::size_t p, const Eigen::VectorXd& root_lambda,
                               const std::vector<SiteFix>& root_fix, Incumbent& incumbent, bool integral,
                               const Deadline& deadline);

}  // namespace stationplan::plan::median

// Capacitated p-median: feasibility screening, heuristics, a Lagrangian bound,
// then CBC on what the bound leaves.
//
//  1. Screening: a demand above every capacity, a total size above the p largest
//     capacities, or minimum loads above the total size are reported at once.
//  2. Heuristic (deterministic): the uncapacitated p-median local optimum on the
//     same costs gives medians; Martello & Toth's regret heuristic assigns the
//     demands, shift and swap moves improve the assignment, and each median moves
//     to the site serving its cluster cheapest (the location-allocation step of
//     Mulvey & Beck 1984); then median swaps with neighbouring sites.
//  3. Bound: Lagrangian relaxation of the assignment rows with one knapsack per
//     site (median_capacitated.hpp), reduced-cost fixing of sites and pairs, and
//     the Lagrangian heuristic.
//  4. Iterated local search from the incumbent and from the relaxed solution's
//     sites, then the best assignment to the incumbent's medians (CBC); a better
//     incumbent re-runs the bound from its multipliers, which fixes far more.
//  5. Exact: y_j, x_ij binary over the pairs the bound left; sum_j x_ij = 1;
//     min_load_j y_j <= sum_i size_i x_ij <= capacity_j y_j; sum_j y_j = p;
//     x_ij <= y_j (the strong linking rows); cutoff at the incumbent, so
//     "infeasible" proves it optimal. Skipped when more than kMaxExactPairs pairs
//     are left (CBC does not finish those): the result is then the incumbent with
//     the Lagrangian bound.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>

#include "plan/median_capacitated.hpp"
#include "plan/median_internal.hpp"
#include "plan/mip.hpp"
#include "plan/solvers.hpp"

namespace stationplan::plan {
namespace {

using median::Deadline;
constexpr std::ptrdiff_t kUnassigned = -1;

Eigen::Index ix(std::size_t k) { return static_cast<Eigen::Index>(k); }

// The problem in solver terms: c_ij = a_i d_ij with a_i the demand's objective
// weight (base.weight when given, else its size).
struct Problem {
    const CapacitatedInstance& inst;
    std::size_t p;
    Eigen::MatrixXd cost;
    bool integral;

    std::size_t demands() const { return static_cast<std::size_t>(cost.rows()); }
    std::size_t sites() const { return static_cast<std::size_t>(cost.cols()); }
    double c(std::size_t i, std::size_t j) const { return cost(ix(i), ix(j)); }
    double size(std::size_t i) const { return inst.size[i]; }
    double capacity(std::size_t j) const { return inst.capacity[j]; }
    double min_load(std::size_t j) const { return inst.min_load.empty() ? 0.0 : inst.min_load[j]; }
};

Eigen::MatrixXd objective_cost(const CapacitatedInstance& inst) {
    Eigen::VectorXd a(inst.base.distance.rows());
    for (Eigen::Index i = 0; i < a.size(); ++i)
        a[i] = inst.base.weight.size() ? inst.base.weight[i] : inst.size[static_cast<std::size_t>(i)];
    return (inst.base.distance.array().colwise() * a.array()).matrix();
}

// A capacitated solution: open sites, the assignment and the loads.
struct Plan {
    std::vector<std::size_t> open;
    std::vector<std::ptrdiff_t> assign;
    std::vector<double> load;  // per site
    double cost = kInf;
    bool feasible = false;

    std::size_t site_of(std::size_t i) const { return static_cast<std::size_t>(assign[i]); }
};

constexpr double kRoom = 1e-9;  // capacity round-off guard
// Closed sites tried against each median: all of them on small instances (up to
// kAllSwapsPairs demand-site pairs), else the nearest few.
constexpr std::size_t kAllSwapsPairs = 20000, kSwapNeighbours = 20;
// Iterated local search rounds (time permitting): fewer when an exact MIP follows.
constexpr int kSearchRounds = 300, kSearchRoundsBeforeMip = 100;
constexpr std::uint64_t kSearchSeed = 20240601;  // its perturbations' generator
constexpr std::size_t kMaxExactPairs = 15000;  // more x_ij columns than this: no exact MIP (CBC too slow)

bool fits(const Problem& pr, const Plan& plan, std::size_t i, std::size_t j) {
    return plan.load[j] + pr.size(i) <= pr.capacity(j) + kRoom;
}

void recompute(const Problem& pr, Plan& plan) {
    plan.cost = 0.0;
    plan.feasible = true;
    std::fill(plan.load.begin(), plan.load.end(), 0.0);
    for (std::size_t i = 0; i < pr.demands(); ++i) {
        if (plan.assign[i] == kUnassigned) {
            plan.feasible = false;
            plan.cost = kInf;
            continue;
        }
        plan.load[plan.site_of(i)] += pr.size(i);
        plan.cost += pr.c(i, plan.site_of(i));
    }
    for (std::size_t j : plan.open)
        if (plan.load[j] < pr.min_load(j) - kRoom || plan.load[j] > pr.capacity(j) + kRoom) plan.feasible = false;
    if (!plan.feasible) plan.cost = kInf;
}

// Martello & Toth (1981) regret heuristic for the assignment to fixed medians:
// repeatedly the demand with the largest regret (second-cheapest minus cheapest
// median with room; ties: the larger demand) goes to its cheapest. Each demand
// keeps its medians sorted by cost and a pointer past those already full for it
// (loads only grow), so a round costs O(n) plus the pointer moves.
Plan assign_by_regret(const Problem& pr, std::vector<std::size_t> open) {
    const std::size_t n = pr.demands(), p = open.size();
    Plan plan;
    plan.open = std::move(open);
    std::sort(plan.open.begin(), plan.open.end());
    plan.assign.assign(n, kUnassigned);
    plan.load.assign(pr.sites(), 0.0);
    std::vector<std::size_t> ranked(n * p);  // per demand: medians by cost, then index
    std::vector<std::size_t> first(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const auto row = ranked.begin() + static_cast<std::ptrdiff_t>(i * p);
        std::copy(plan.open.begin(), plan.open.end(), row);
        std::stable_sort(row, row + static_cast<std::ptrdiff_t>(p), [&](std::size_t a, std::size_t b) { return pr.c(i, a) < pr.c(i, b); });
    }
    std::vector<std::size_t> left(n);
    std::iota(left.begin(), left.end(), 0);
    while (!left.empty()) {
        std::size_t pick = left.size(), pick_site = 0;
        double pick_regret = -1.0;
        for (std::size_t k = 0; k < left.size(); ++k) {
            const std::size_t i = left[k];
            const std::size_t* row = ranked.data() + i * p;
            while (first[i] < p && !fits(pr, plan, i, row[first[i]])) ++first[i];
            if (first[i] == p) continue;  // no room anywhere: stays unassigned
            std::size_t second = first[i] + 1;
            while (second < p && !fits(pr, plan, i, row[second])) ++second;
            const double c1 = pr.c(i, row[first[i]]);
            const double regret = second < p ? pr.c(i, row[second]) - c1 : kInf;
            if (regret > pick_regret || (regret == pick_regret && pr.size(i) > pr.size(left[pick])))
                pick = k, pick_site = row[first[i]], pick_regret = regret;
        }
        if (pick == left.size()) break;
        plan.assign[left[pick]] = static_cast<std::ptrdiff_t>(pick_site);
        plan.load[pick_site] += pr.size(left[pick]);
        left.erase(left.begin() + static_cast<std::ptrdiff_t>(pick));
    }
    recompute(pr, plan);
    return plan;
}

// Shift (one demand to another median with room) and swap (two demands of
// different medians) moves, first improvement, until neither improves.
void improve_assignment(const Problem& pr, Plan& plan) {
    if (!plan.feasible) return;
    const std::size_t n = pr.demands();
    const double min_gain = 1e-9 * std::max(1.0, plan.cost);
    auto keeps_min = [&](std::size_t j, double out, double in) {
        return plan.load[j] - out + in >= pr.min_load(j) - kRoom;
    };
    for (bool improved = true; improved;) {
        improved = false;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t from = plan.site_of(i);
            for (std::size_t to : plan.open) {
                if (to == from || pr.c(i, to) >= pr.c(i, from) - min_gain) continue;
                if (!fits(pr, plan, i, to) || !keeps_min(from, pr.size(i), 0.0)) continue;
                plan.load[from] -= pr.size(i);
                plan.load[to] += pr.size(i);
                plan.assign[i] = static_cast<std::ptrdiff_t>(to);
                improved = true;
                break;
            }
        }
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t k = i + 1; k < n; ++k) {
                const std::size_t a = plan.site_of(i), b = plan.site_of(k);
                if (a == b) continue;
                const double delta = pr.c(i, b) + pr.c(k, a) - pr.c(i, a) - pr.c(k, b);
                if (delta >= -min_gain) continue;
                const double si = pr.size(i), sk = pr.size(k);
                if (plan.load[b] - sk + si > pr.capacity(b) + kRoom || plan.load[a] - si + sk > pr.capacity(a) + kRoom)
                    continue;
                if (!keeps_min(a, si, sk) || !keeps_min(b, sk, si)) continue;
                plan.load[a] += sk - si;
                plan.load[b] += si - sk;
                plan.assign[i] = static_cast<std::ptrdiff_t>(b);
                plan.assign[k] = static_cast<std::ptrdiff_t>(a);
                improved = true;
            }
    }
    recompute(pr, plan);
}

// Moves each median to the closed site that serves its cluster cheapest and has
// room for it (the cluster stays as it is). Returns whether anything moved.
bool relocate_medians(const Problem& pr, Plan& plan) {
    const std::size_t n = pr.demands(), m = pr.sites();
    std::vector<char> is_open(m, 0);
    for (std::size_t j : plan.open) is_open[j] = 1;
    std::vector<std::vector<std::size_t>> cluster(m);
    for (std::size_t i = 0; i < n; ++i) cluster[plan.site_of(i)].push_back(i);
    bool moved = false;
    for (std::size_t& j : plan.open) {
        const auto& members = cluster[j];
        auto serve = [&](std::size_t k) {
            double total = 0.0;
            for (std::size_t i : members) total += pr.c(i, k);
            return total;
        };
        std::size_t best = j;
        double best_cost = serve(j);
        for (std::size_t k = 0; k < m; ++k) {
            if (is_open[k] || plan.load[j] > pr.capacity(k) + kRoom || plan.load[j] < pr.min_load(k) - kRoom) continue;
            const double total = serve(k);
            if (total < best_cost - 1e-9 * std::max(1.0, best_cost)) best = k, best_cost = total;
        }
        if (best == j) continue;
        for (std::size_t i : members) plan.assign[i] = static_cast<std::ptrdiff_t>(best);
        cluster[best] = cluster[j];
        cluster[j].clear();
        is_open[j] = 0;
        is_open[best] = 1;
        j = best;
        moved = true;
    }
    std::sort(plan.open.begin(), plan.open.end());
    recompute(pr, plan);
    return moved;
}

// Assignment, its local search and relocation until the medians stay put.
Plan settle(const Problem& pr, std::vector<std::size_t> open) {
    Plan plan = assign_by_regret(pr, std::move(open));
    improve_assignment(pr, plan);
    while (plan.feasible) {
        Plan moved = plan;
        if (!relocate_medians(pr, moved)) break;
        improve_assignment(pr, moved);
        if (moved.cost >= plan.cost - 1e-9 * std::max(1.0, plan.cost)) break;
        plan = std::move(moved);
    }
    return plan;
}

// Each site's `count` nearest other sites by their distance profiles
// (sum_i |d_ij - d_ik|: sites need not be demands, so no site-to-site distance is
// given), nearest first, ties to the lower index.
std::vector<std::vector<std::size_t>> site_neighbours(const Problem& pr, std::size_t count) {
    const std::size_t m = pr.sites();
    const Eigen::MatrixXd& d = pr.inst.base.distance;
    std::vector<std::vector<std::size_t>> out(m);
    std::vector<double> gap(m);
    for (std::size_t r = 0; r < m; ++r) {
        std::vector<std::size_t> cand;
        for (std::size_t k = 0; k < m; ++k)
            if (k != r) cand.push_back(k), gap[k] = (d.col(ix(k)) - d.col(ix(r))).cwiseAbs().sum();
        const std::size_t keep = std::min(count, cand.size());
        std::partial_sort(cand.begin(), cand.begin() + static_cast<std::ptrdiff_t>(keep), cand.end(),
                          [&](std::size_t a, std::size_t b) { return gap[a] < gap[b] || (gap[a] == gap[b] && a < b); });
        cand.resize(keep);
        out[r] = std::move(cand);
    }
    return out;
}

bool better(const Plan& a, const Plan& b) {
    return a.feasible && (!b.feasible || a.cost < b.cost - 1e-9 * std::max(1.0, b.cost));
}

// Median swaps: each median (of `slots`, positions in best.open; empty: all)
// against its neighbouring closed sites, first improvement, until a full round
// finds nothing or the deadline passes.
void swap_medians(const Problem& pr, Plan& best, const std::vector<std::vector<std::size_t>>& neighbours,
                  const Deadline& deadline, std::vector<std::size_t> slots = {}) {
    const bool all = slots.empty();
    if (all)
        for (std::size_t k = 0; k < best.open.size(); ++k) slots.push_back(k);
    for (bool improved = true; improved && !deadline.passed();) {
        improved = false;
        for (std::size_t k = 0; k < slots.size() && !improved && !deadline.passed(); ++k) {
            const std::size_t median = best.open[slots[k]];
            for (std::size_t f : neighbours[median]) {
                if (std::find(best.open.begin(), best.open.end(), f) != best.open.end()) continue;
                if (deadline.passed()) break;
                std::vector<std::size_t> open = best.open;
                open[slots[k]] = f;
                Plan trial = settle(pr, open);
                if (better(trial, best)) {
                    best = std::move(trial);
                    improved = true;
                    if (all) break;
                    // settle() sorts (and may relocate) the sites: follow the swapped-in one.
                    const auto pos = std::find(best.open.begin(), best.open.end(), f);
                    if (pos == best.open.end())
                        slots.erase(slots.begin() + static_cast<std::ptrdiff_t>(k));
                    else
                        slots[k] = static_cast<std::size_t>(pos - best.open.begin());
                    break;
                }
            }
        }
    }
}

// Iterated local search (Lourenco, Martin & Stuetzle 2003) over the medians: up to
// `rounds` times, move two or three medians to random neighbouring closed sites
// (a fixed-seed generator: the same input gives the same output), repair with
// swaps of the moved medians only, and when that beats the incumbent, swap all
// medians and keep the result.
void iterated_swaps(const Problem& pr, Plan& best, const std::vector<std::vector<std::size_t>>& neighbours,
                    int rounds, const Deadline& deadline) {
    std::mt19937_64 rng(kSearchSeed);
    for (int round = 0; round < rounds && !deadline.passed(); ++round) {
        std::vector<std::size_t> open = best.open, moved;
        const int kicks = 2 + round % 2;
        for (int k = 0; k < kicks; ++k) {
            const std::size_t slot = rng() % open.size();
            std::vector<std::size_t> closed;
            for (std::size_t f : neighbours[open[slot]])
                if (std::find(open.begin(), open.end(), f) == open.end()) closed.push_back(f);
            if (!closed.empty()) open[slot] = closed[rng() % closed.size()], moved.push_back(open[slot]);
        }
        Plan trial = settle(pr, open);
        if (!trial.feasible) continue;
        std::vector<std::size_t> slots;
        for (std::size_t f : moved) {
            const auto at_slot = std::find(trial.open.begin(), trial.open.end(), f);
            if (at_slot != trial.open.end()) slots.push_back(static_cast<std::size_t>(at_slot - trial.open.begin()));
        }
        if (slots.empty()) continue;
        swap_medians(pr, trial, neighbours, deadline, slots);
        if (!better(trial, best)) continue;
        swap_medians(pr, trial, neighbours, deadline);
        best = std::move(trial);
    }
}

// Reasons no assignment can exist, found without search; empty when none.
std::string screen_infeasible(const Problem& pr) {
    const std::size_t n = pr.demands(), m = pr.sites();
    const double largest = m ? *std::max_element(pr.inst.capacity.begin(), pr.inst.capacity.end()) : 0.0;
    for (std::size_t i = 0; i < n; ++i)
        if (pr.size(i) > largest + kRoom)
            return "demand " + std::to_string(i) + " has size " + std::to_string(pr.size(i)) +
                   ", more than the largest capacity " + std::to_string(largest);
    std::vector<double> caps = pr.inst.capacity;
    std::sort(caps.rbegin(), caps.rend());
    const double total = std::accumulate(pr.inst.size.begin(), pr.inst.size.end(), 0.0);
    const double room = std::accumulate(caps.begin(), caps.begin() + static_cast<std::ptrdiff_t>(std::min(pr.p, m)), 0.0);
    if (total > room + kRoom)
        return "total size " + std::to_string(total) + " exceeds the " + std::to_string(pr.p) +
               " largest capacities together (" + std::to_string(room) + ")";
    if (!pr.inst.min_load.empty()) {
        std::vector<double> mins = pr.inst.min_load;
        std::sort(mins.begin(), mins.end());
        const double need = std::accumulate(mins.begin(), mins.begin() + static_cast<std::ptrdiff_t>(std::min(pr.p, m)), 0.0);
        if (need > total + kRoom)
            return "the " + std::to_string(pr.p) + " smallest minimum loads add up to " + std::to_string(need) +
                   ", more than the total size " + std::to_string(total);
    }
    return {};
}

// What the MIP phase returns.
struct MipPhase {
    Plan plan;
    SolveStatus status = SolveStatus::TimeLimit;
    double bound = -kInf;  // valid for the model solved
    std::size_t pairs = 0;
};

// The classical formulation over the allowed pairs (i, j) (demand-major mask).
// Only solutions below `cutoff` are sought, so "infeasible" means none exists in
// the model.
MipPhase solve_capacitated_mip(const Problem& pr, const std::vector<char>& site_closed, const std::vector<char>& allowed,
                               double cutoff, double time_limit_s, int log_level) {
    const std::size_t n = pr.demands(), m = pr.sites();
    MipModel model;
    MipOptions mo;
    std::vector<int> y(m, -1);
    std::vector<std::vector<std::pair<std::size_t, int>>> by_site(m);  // (demand, x column)
    std::vector<std::vector<std::pair<std::size_t, int>>> by_demand(n);
    MipPhase out;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j) {
            if (!allowed[i * m + j] || pr.size(i) > pr.capacity(j) + kRoom) continue;
            if (y[j] < 0) y[j] = model.add_column(0, 1, 0.0, true);
            const int x = model.add_column(0, 1, pr.c(i, j), true);
            by_site[j].push_back({i, x});
            by_demand[i].push_back({j, x});
            ++out.pairs;
        }
    std::vector<int> cols;
    std::vector<double> coef;
    for (std::size_t i = 0; i < n; ++i) {
        cols.clear();
        for (auto [j, x] : by_demand[i]) cols.push_back(x);
        model.add_row(1, 1, cols, std::vector<double>(cols.size(), 1.0));
    }
    // With minimum loads an idle site is not free to open: every usable site gets a
    // column and exactly p open. Without them, at most p, and idle sites fill up later.
    const bool exact_count = std::any_of(pr.inst.min_load.begin(), pr.inst.min_load.end(), [](double v) { return v > 0; });
    std::vector<int> site_columns;
    for (std::size_t j = 0; j < m; ++j) {
        if (exact_count && y[j] < 0 && !site_closed[j]) y[j] = model.add_column(0, 1, 0.0, true);
        if (y[j] < 0) continue;
        site_columns.push_back(y[j]);
        cols.clear();
        coef.clear();
        for (auto [i, x] : by_site[j]) {
            cols.push_back(x), coef.push_back(pr.size(i));
            model.add_row(-kInf, 0, {x, y[j]}, {1.0, -1.0});
        }
        cols.push_back(y[j]);
        coef.push_back(-pr.capacity(j));
        model.add_row(-kInf, 0, cols, coef);
        if (pr.min_load(j) > 0) {
            coef.back() = -pr.min_load(j);
            model.add_row(0, kInf, cols, coef);
        }
    }
    model.add_row(exact_count ? static_cast<double>(pr.p) : -kInf, static_cast<double>(pr.p), site_columns,
                  std::vector<double>(site_columns.size(), 1.0));
    mo.cutoff = cutoff;
    mo.time_limit_s = time_limit_s;
    mo.wall_clock = true;  // the caller's deadline is wall time
    mo.absolute_gap = pr.integral ? 1.0 - 1e-6 : 1e-6;
    mo.relative_gap = pr.integral ? 0.0 : 1e-9;
    mo.log_level = log_level;
    const MipResult res = solve_mip(model, mo);
    out.status = res.status;
    out.bound = res.bound;
    out.plan.assign.assign(n, kUnassigned);
    out.plan.load.assign(m, 0.0);
    if (res.x.empty()) return out;
    for (std::size_t j = 0; j < m; ++j)
        if (y[j] >= 0 && res.x[static_cast<std::size_t>(y[j])] > 0.5) out.plan.open.push_back(j);
    for (std::size_t i = 0; i < n; ++i)
        for (auto [j, x] : by_demand[i])
            if (res.x[static_cast<std::size_t>(x)] > 0.5) out.plan.assign[i] = static_cast<std::ptrdiff_t>(j);
    // Fewer than p used (no minimum loads): idle sites, lowest indexes first, open too.
    std::vector<char> is_open(m, 0);
    for (std::size_t j : out.plan.open) is_open[j] = 1;
    for (std::size_t j = 0; j < m && out.plan.open.size() < pr.p; ++j)
        if (!is_open[j]) out.plan.open.push_back(j);
    std::sort(out.plan.open.begin(), out.plan.open.end());
    recompute(pr, out.plan);
    return out;
}

// " (at 1.23 s)": when a phase ended, for the notes.
std::string at(const Deadline& deadline) {
    char text[32];
    std::snprintf(text, sizeof text, " (at %.2f s)", deadline.elapsed_s());
    return text;
}

// Throws std::invalid_argument unless sizes, capacities and minimum loads are one
// per demand / site, finite and >= 0 (distances and weights: check_distances).
void check_capacitated(const CapacitatedInstance& inst) {
    median::check_distances(inst.base, "capacitated p-median");
    auto check = [](const std::vector<double>& v, std::size_t count, const char* what, const char* per) {
        if (v.size() != count)
            throw std::invalid_argument(std::string("capacitated p-median: ") + std::to_string(v.size()) + " " + what +
                                        " for " + std::to_string(count) + " " + per);
        for (std::size_t k = 0; k < v.size(); ++k)
            if (!std::isfinite(v[k]) || v[k] < 0)
                throw std::invalid_argument(std::string("capacitated p-median: ") + what + " of " + per + " " +
                                            std::to_string(k) + " is " + std::to_string(v[k]) +
                                            ", expected a finite value >= 0");
    };
    check(inst.size, inst.base.demand_count(), "sizes", "demands");
    check(inst.capacity, inst.base.site_count(), "capacities", "sites");
    if (!inst.min_load.empty()) check(inst.min_load, inst.base.site_count(), "minimum loads", "sites");
}

}  // namespace

Solution solve_capacitated_pmedian(const CapacitatedInstance& inst, std::size_t p, const SolveOptions& opt) {
    const Deadline deadline(opt.time_limit_s);
    check_capacitated(inst);
    Solution s;
    const std::size_t n = inst.base.demand_count(), m = inst.base.site_count();
    if (p > m) {
        s.notes.push_back("p = " + std::to_string(p) + " exceeds the " + std::to_string(m) +
                          " candidate sites: all of them may open");
        p = m;
    }
    Problem pr{inst, p, objective_cost(inst), false};
    pr.integral = median::all_integral(pr.cost);
    if (n == 0) {
        for (std::size_t j = 0; j < p; ++j) s.selected.push_back(j);
        s.status = SolveStatus::Optimal;
        s.objective = s.bound = s.gap = 0.0;
        return s;
    }
    if (p == 0) {
        s.status = SolveStatus::Infeasible;
        s.notes.push_back(m == 0 ? "no candidate sites" : "p = 0: no site may open");
        return s;
    }
    if (const std::string why = screen_infeasible(pr); !why.empty()) {
        s.status = SolveStatus::Infeasible;
        s.notes.push_back(why);
        return s;
    }

    // 1. Heuristic: p-median medians, assignment and relocation, median swaps
    //    (at most a quarter of the time).
    const auto neighbours = site_neighbours(pr, n * m <= kAllSwapsPairs ? m : kSwapNeighbours);
    median::OpenSet medians(pr.cost, median::greedy_add(pr.cost, p));
    medians.local_search(deadline);
    Plan best = settle(pr, medians.sites());
    const double settled = best.cost;
    swap_medians(pr, best, neighbours, Deadline(deadline.left_s() / 4.0));
    s.notes.push_back("heuristic: " + std::to_string(settled) + " after assignment and relocation, " +
                      std::to_string(best.cost) + " after median swaps" + at(deadline));

    // 2. The Lagrangian bound (at most a third of what is left), with reduced-cost
    //    fixing and the Lagrangian heuristic.
    std::vector<char> site_closed(m, 0), allowed(n * m, 1);
    double bound = -kInf;
    bool proven = false;
    median::CapacitatedBound lr;
    const median::SitesHeuristic try_sites = [&](const std::vector<std::size_t>& sites) {
        Plan trial = settle(pr, sites);
        if (better(trial, best)) best = std::move(trial);
        return best.cost;
    };
    // Runs the bound from `lambda` against the incumbent and takes its fixings.
    auto run_bound = [&](Eigen::VectorXd lambda, double share) {
        lr = median::capacitated_bound({pr.cost, inst.size, inst.capacity, p, pr.integral}, std::move(lambda), best.cost,
                                       try_sites, Deadline(deadline.left_s() * share));
        bound = std::max(bound, lr.bound);
        proven = bound > median::prune_above(pr.integral, best.cost);
        site_closed = lr.site_closed;
        allowed = lr.pair_allowed;
        s.notes.push_back("Lagrangian bound " + std::to_string(lr.bound) + " after " + std::to_string(lr.iterations) +
                          " iterations; " + std::to_string(std::count(site_closed.begin(), site_closed.end(), 1)) +
                          " sites closed, " + std::to_string(lr.pairs_allowed) + " demand-site pairs left" + at(deadline));
    };
    if (best.feasible) {
        Eigen::VectorXd lambda(static_cast<Eigen::Index>(n));
        for (std::size_t i = 0; i < n; ++i) lambda[ix(i)] = pr.c(i, best.site_of(i));
        run_bound(lambda, 1.0 / 3.0);
    }
    auto pairs_left = [&] { return static_cast<std::size_t>(std::count(allowed.begin(), allowed.end(), 1)); };
    bool exact_mip = pairs_left() <= kMaxExactPairs || !best.feasible;  // without an incumbent CBC is all there is

    // 3. Iterated local search from the incumbent and from the relaxed solution's
    //    sites (15% of the time when an exact MIP follows, else half), then the
    //    best assignment to the incumbent's medians. A better incumbent tightens
    //    the reduced-cost fixing: the bound runs again from its multipliers.
    bool out_of_time = false;
    if (!proven && best.feasible) {
        const double before = best.cost;
        const Deadline search_deadline(deadline.left_s() * (exact_mip ? 0.15 : 0.5));
        if (!lr.relaxed_open.empty()) {
            Plan seeded = settle(pr, lr.relaxed_open);
            swap_medians(pr, seeded, neighbours, search_deadline);
            if (better(seeded, best)) best = std::move(seeded);
        }
        iterated_swaps(pr, best, neighbours, exact_mip ? kSearchRoundsBeforeMip : kSearchRounds, search_deadline);
        out_of_time = search_deadline.passed();
        std::vector<char> to_open(n * m, 0);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j : best.open) to_open[i * m + j] = 1;
        const MipPhase gap = solve_capacitated_mip(pr, std::vector<char>(m, 0), to_open, best.cost,
                                                   std::max(0.01, deadline.left_s() * (exact_mip ? 0.1 : 0.2)), opt.log_level);
        if (better(gap.plan, best)) best = gap.plan;
        s.notes.push_back("iterated local search and best assignment: " + std::to_string(best.cost) + at(deadline));
        proven = bound > median::prune_above(pr.integral, best.cost);
        if (!proven && best.cost < before) {
            run_bound(lr.lambda, 0.1);
            exact_mip = pairs_left() <= kMaxExactPairs;
        }
    }

    // 4. The exact MIP over the pairs the bound left, when they are few enough.
    SolveStatus status = proven ? SolveStatus::Optimal : SolveStatus::TimeLimit;
    if (!proven && exact_mip) {
        const double cutoff = best.feasible ? best.cost - (pr.integral ? 0.5 : 1e-9 * std::max(1.0, best.cost)) : kInf;
        const MipPhase mip =
            solve_capacitated_mip(pr, site_closed, allowed, cutoff, std::max(0.01, deadline.left_s()), opt.log_level);
        s.notes.push_back("MIP over " + std::to_string(mip.pairs) + " demand-site pairs: " +
                          (mip.status == SolveStatus::Infeasible ? "nothing better" : to_string(mip.status)) + at(deadline));
        if (better(mip.plan, best)) best = mip.plan;
        if (mip.status == SolveStatus::Optimal || mip.status == SolveStatus::Infeasible)
            status = SolveStatus::Optimal;
        else if (std::isfinite(mip.bound))
            bound = std::max(bound, std::min(best.cost, mip.bound));
    } else if (!proven) {
        s.notes.push_back(std::to_string(pairs_left()) + " demand-site pairs left: too many for the exact MIP");
        if (!out_of_time) status = SolveStatus::Feasible;  // every search round ran: not cut by time
    }
    if (!best.feasible) {
        s.status = status == SolveStatus::Optimal ? SolveStatus::Infeasible : SolveStatus::TimeLimit;
        s.notes.push_back(status == SolveStatus::Optimal ? "no assignment respects the capacities (proven by the MIP)"
                                                         : "no feasible assignment found in the time limit");
        s.seconds = deadline.elapsed_s();
        return s;
    }
    s.selected = best.open;
    s.assignment = best.assign;
    s.objective = best.cost;
    s.status = status;
    s.bound = std::min(s.objective, pr.integral ? std::ceil(bound - 1e-6) : bound);
    if (s.bound > median::prune_above(pr.integral, s.objective)) s.status = SolveStatus::Optimal;
    finish_gap(s);
    s.seconds = deadline.elapsed_s();
    return s;
}

}  // namespace stationplan::plan

// p-median and p-center.
//
// p-median: greedy add + fast interchange give the incumbent; the Lagrangian bound
// with reduced-cost site fixing and the Lagrangian heuristic follow (Beasley 1993);
// if the bound has not closed the gap, a depth-first branch and bound on the sites
// with the Lagrangian bound at every node finishes the proof (Beasley 1985). The
// tree replaced an exact CBC phase (Elloumi's 2010 formulation over the pairs the
// reduced costs leave open): on OR-Library pmed16, 22, 26, 31, 35, 36, 38 and 39
// (p = 5 or 10, LP gap 0.5-1%) CBC did not finish in 30 s; the tree proves every
// pmed instance optimal in seconds.
//
// p-center: binary search over the distinct distances; radius r is feasible when a
// minimum set cover with radius r needs at most p sites (Minieka 1970).
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "plan/median_internal.hpp"
#include "plan/mip.hpp"
#include "plan/solvers.hpp"

namespace stationplan::plan {

namespace median {

void check_distances(const DistanceInstance& inst, const char* model) {
    const std::string where = std::string(model) + ": ";
    if (inst.weight.size() != 0 && inst.weight.size() != inst.distance.rows())
        throw std::invalid_argument(where + std::to_string(inst.weight.size()) + " weights for " +
                                    std::to_string(inst.distance.rows()) + " demands");
    for (Eigen::Index j = 0; j < inst.distance.cols(); ++j)
        for (Eigen::Index i = 0; i < inst.distance.rows(); ++i) {
            const double d = inst.distance(i, j);
            if (!std::isfinite(d) || d < 0)
                throw std::invalid_argument(where + "distance from demand " + std::to_string(i) + " to site " +
                                            std::to_string(j) + " is " + std::to_string(d) +
                                            ", expected a finite value >= 0");
        }
    for (Eigen::Index i = 0; i < inst.weight.size(); ++i)
        if (!std::isfinite(inst.weight[i]) || inst.weight[i] < 0)
            throw std::invalid_argument(where + "weight of demand " + std::to_string(i) + " is " +
                                        std::to_string(inst.weight[i]) + ", expected a finite value >= 0");
}

}  // namespace median

namespace {

using median::Deadline;
using median::SiteFix;

Eigen::Index ix(std::size_t k) { return static_cast<Eigen::Index>(k); }

Eigen::MatrixXd weighted_cost(const DistanceInstance& inst) {
    if (inst.weight.size() == 0) return inst.distance;
    return (inst.distance.array().colwise() * inst.weight.array()).matrix();
}

// Each demand's nearest selected site (lowest index on ties).
std::vector<std::ptrdiff_t> nearest_assignment(const Eigen::MatrixXd& dist, const std::vector<std::size_t>& selected) {
    std::vector<std::ptrdiff_t> a(static_cast<std::size_t>(dist.rows()), -1);
    for (std::size_t i = 0; i < a.size(); ++i) {
        double best = kInf;
        for (std::size_t j : selected)
            if (dist(ix(i), ix(j)) < best) best = dist(ix(i), ix(j)), a[i] = static_cast<std::ptrdiff_t>(j);
    }
    return a;
}

// Adds the lowest-index closed sites until there are p: opening more sites never
// raises a p-median or p-center objective.
std::vector<std::size_t> fill_to(std::vector<std::size_t> selected, std::size_t p, std::size_t site_count) {
    std::vector<char> in(site_count, 0);
    for (std::size_t j : selected) in[j] = 1;
    for (std::size_t j = 0; j < site_count && selected.size() < p; ++j)
        if (!in[j]) selected.push_back(j), in[j] = 1;
    std::sort(selected.begin(), selected.end());
    return selected;
}

// The trivial cases every distance model shares; returns true when `s` is final.
bool solve_trivial(const DistanceInstance& inst, std::size_t p, Solution& s) {
    const std::size_t n = inst.demand_count(), m = inst.site_count();
    if (n > 0 && (p == 0 || m == 0)) {
        s.status = SolveStatus::Infeasible;
        s.notes.push_back(m == 0 ? "no candidate sites: the demands cannot be served"
                                 : "p = 0: no site may open, the demands cannot be served");
        return true;
    }
    if (n > 0 && p < m) return false;
    if (p > m)
        s.notes.push_back("p = " + std::to_string(p) + " exceeds the " + std::to_string(m) +
                          " candidate sites: all of them are opened");
    s.selected = fill_to({}, std::min(p, m), m);
    s.status = SolveStatus::Optimal;
    return true;
}

}  // namespace

Solution solve_pmedian(const DistanceInstance& inst, std::size_t p, const SolveOptions& opt) {
    const Deadline deadline(opt.time_limit_s);
    median::check_distances(inst, "p-median");
    Solution s;
    if (!solve_trivial(inst, p, s)) {
        const Eigen::MatrixXd cost = weighted_cost(inst);
        const bool integral = median::all_integral(cost);
        median::OpenSet start(cost, median::greedy_add(cost, p));
        start.local_search(deadline);
        median::Incumbent incumbent{start.sites(), start.objective()};
        std::vector<SiteFix> fix(inst.site_count(), SiteFix::Free);
        // The root ascent gets at most half the time: the exact phase needs the rest.
        const Deadline root_deadline(std::max(0.0, deadline.left_s()) / 2.0);
        const median::Ascent root = median::lagrangian_ascent(cost, p, median::start_multipliers(cost, incumbent.open), fix,
                                                              incumbent, integral, {}, root_deadline);
        const auto closed = std::count(fix.begin(), fix.end(), SiteFix::Closed);
        const auto opened = std::count(fix.begin(), fix.end(), SiteFix::Open);
        s.notes.push_back("greedy + interchange: " + std::to_string(start.objective()) + "; Lagrangian bound " +
                          std::to_string(root.bound) + " after " + std::to_string(root.iterations) +
                          " iterations; sites fixed: " + std::to_string(closed) + " closed, " + std::to_string(opened) +
                          " open");
        // Each demand at its nearest site bounds every solution, even before any ascent.
        const double nearest_sum = cost.rowwise().minCoeff().sum();
        s.bound = std::min(std::max(root.bound, nearest_sum), incumbent.objective);
        if (root.solved || root.bound > median::prune_above(integral, incumbent.objective)) {
            s.status = SolveStatus::Optimal;
        } else {
            const median::TreeSearch tree =
                median::pmedian_tree_search(cost, p, root.lambda, fix, incumbent, integral, deadline);
            s.notes.push_back("tree search: " + std::to_string(tree.nodes) + " nodes");
            s.status = tree.finished ? SolveStatus::Optimal : SolveStatus::TimeLimit;
            s.bound = std::max(s.bound, tree.bound);
        }
        s.selected = incumbent.open;
    }
    if (s.status != SolveStatus::Infeasible) {
        s.assignment = nearest_assignment(inst.distance, s.selected);
        s.objective = 0.0;
        for (std::size_t i = 0; i < s.assignment.size(); ++i)
            s.objective += inst.w(i) * inst.distance(ix(i), s.assignment[i]);
        if (s.status != SolveStatus::Optimal) s.bound = std::min(s.bound, s.objective);
        finish_gap(s);
    }
    s.seconds = deadline.elapsed_s();
    return s;
}

namespace {

// Greedy p-center: p times the site that lowers the largest distance most (ties:
// the smaller sum, then the lower index). An upper bound for the binary search.
std::vector<std::size_t> greedy_center(const Eigen::MatrixXd& dist, std::size_t p) {
    const auto n = static_cast<std::size_t>(dist.rows());
    const auto m = static_cast<std::size_t>(dist.cols());
    std::vector<double> nearest(n, kInf);
    std::vector<char> chosen(m, 0);
    std::vector<std::size_t> open;
    for (std::size_t step = 0; step < p; ++step) {
        std::size_t best = m;
        double best_max = kInf, best_sum = kInf;
        for (std::size_t j = 0; j < m; ++j) {
            if (chosen[j]) continue;
            double worst = 0.0, sum = 0.0;
            for (std::size_t i = 0; i < n; ++i) {
                const double d = std::min(nearest[i], dist(ix(i), ix(j)));
                worst = std::max(worst, d);
                sum += d;
            }
            if (best == m || worst < best_max || (worst == best_max && sum < best_sum)) best = j, best_max = worst, best_sum = sum;
        }
        chosen[best] = 1;
        open.push_back(best);
        for (std::size_t i = 0; i < n; ++i) nearest[i] = std::min(nearest[i], dist(ix(i), ix(best)));
    }
    return open;
}

double largest_nearest(const Eigen::MatrixXd& dist, const std::vector<std::size_t>& open) {
    double worst = 0.0;
    for (Eigen::Index i = 0; i < dist.rows(); ++i) {
        double d = kInf;
        for (std::size_t j : open) d = std::min(d, dist(i, ix(j)));
        worst = std::max(worst, d);
    }
    return worst;
}

// The decision test of the p-center search at one of the distances themselves: an
// exact comparison, not the radius rule (CoverageRule's tolerance would merge
// distances less than a millimetre apart and misstate the optimal radius).
CoverInstance cover_within(const Eigen::MatrixXd& dist, double radius) {
    CoverInstance c;
    c.site_count = static_cast<std::size_t>(dist.cols());
    c.covers.resize(static_cast<std::size_t>(dist.rows()));
    for (std::size_t i = 0; i < c.covers.size(); ++i)
        for (std::size_t j = 0; j < c.site_count; ++j)
            if (dist(ix(i), ix(j)) <= radius) c.covers[i].push_back(static_cast<std::uint32_t>(j));
    return c;
}

}  // namespace

Solution solve_pcenter(const DistanceInstance& inst, std::size_t p, const SolveOptions& opt) {
    const Deadline deadline(opt.time_limit_s);
    median::check_distances(inst, "p-center");
    Solution s;
    if (!solve_trivial(inst, p, s)) {
        const Eigen::MatrixXd& dist = inst.distance;
        // Every demand needs a site: the largest nearest-site distance is a lower bound.
        double lower = 0.0;
        for (Eigen::Index i = 0; i < dist.rows(); ++i) lower = std::max(lower, dist.row(i).minCoeff());
        s.selected = greedy_center(dist, p);
        const double upper = largest_nearest(dist, s.selected);
        std::vector<double> radii;
        for (Eigen::Index k = 0; k < dist.size(); ++k)
            if (dist.data()[k] >= lower && dist.data()[k] <= upper) radii.push_back(dist.data()[k]);
        std::sort(radii.begin(), radii.end());
        radii.erase(std::unique(radii.begin(), radii.end()), radii.end());
        // radii[lo] is the smallest radius not proven too small; radii[hi] is achieved.
        std::size_t lo = 0, hi = radii.size() - 1;
        int checks = 0;
        bool undecided = false;
        while (lo < hi && !undecided) {
            const std::size_t mid = lo + (hi - lo) / 2;
            const Solution cover =
                solve_set_cover(cover_within(dist, radii[mid]), {.time_limit_s = std::max(0.01, deadline.left_s())});
            ++checks;
            if (cover.objective <= static_cast<double>(p)) {
                hi = mid;
                s.selected = cover.selected;
            } else if (cover.status == SolveStatus::Optimal || cover.bound > static_cast<double>(p)) {
                lo = mid + 1;
            } else {
                undecided = true;  // out of time between radii[lo] and radii[hi]
            }
        }
        s.selected = fill_to(s.selected, p, inst.site_count());
        s.status = lo == hi ? SolveStatus::Optimal : SolveStatus::TimeLimit;
        s.bound = radii[lo];
        s.notes.push_back("radius in [" + std::to_string(lower) + ", " + std::to_string(upper) + "] (" +
                          std::to_string(radii.size()) + " distinct distances); " + std::to_string(checks) +
                          " set-cover checks");
    }
    if (s.status != SolveStatus::Infeasible) {
        s.assignment = nearest_assignment(inst.distance, s.selected);
        s.objective = 0.0;
        for (std::size_t i = 0; i < s.assignment.size(); ++i)
            s.objective = std::max(s.objective, inst.distance(ix(i), s.assignment[i]));
        if (s.status != SolveStatus::Optimal) s.bound = std::min(s.bound, s.objective);
        finish_gap(s);
    }
    s.seconds = deadline.elapsed_s();
    return s;
}

}  // namespace stationplan::plan

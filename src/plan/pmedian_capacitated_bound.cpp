// The capacitated p-median's Lagrangian bound with knapsack subproblems (see
// median_capacitated.hpp).
#include <algorithm>
#include <cmath>
#include <set>

#include "plan/median_capacitated.hpp"

namespace stationplan::plan::median {
namespace {

constexpr double kMaxUnits = 2000.0;  // knapsack capacity units when sizes must be scaled

// Sizes and capacities in knapsack units: exact for integers up to kMaxUnits x 50,
// otherwise scaled so the largest capacity is kMaxUnits; sizes round down (then
// every feasible load stays feasible) and capacities round down afterwards (a sum
// of integers below a bound stays below its floor).
struct Units {
    std::vector<int> size, capacity;
};

Units knapsack_units(const CapacitatedData& data) {
    const double largest = *std::max_element(data.capacity.begin(), data.capacity.end());
    auto integer = [](double v) { return v == std::floor(v); };
    const bool exact = std::all_of(data.size.begin(), data.size.end(), integer) &&
                       std::all_of(data.capacity.begin(), data.capacity.end(), integer) && largest <= 50 * kMaxUnits;
    const double scale = exact ? 1.0 : kMaxUnits / std::max(largest, 1e-12);
    Units u;
    for (double s : data.size) u.size.push_back(static_cast<int>(std::floor(s * scale)));
    for (double c : data.capacity) u.capacity.push_back(static_cast<int>(std::floor(c * scale + 1e-9)));
    return u;
}

// One site's 0-1 knapsack: best[w] = the largest total profit of items with total
// units <= w; `take` lists the items of the best[capacity] solution when asked.
struct Knapsack {
    std::vector<double> best;
    std::vector<std::size_t> take;
};

Knapsack solve_knapsack(const std::vector<std::size_t>& items, const std::vector<double>& profit,
                        const std::vector<int>& units, int capacity, bool want_items) {
    Knapsack k;
    k.best.assign(static_cast<std::size_t>(capacity) + 1, 0.0);
    const auto width = static_cast<std::size_t>(capacity) + 1;
    std::vector<char> keep(want_items ? items.size() * width : 0, 0);
    for (std::size_t t = 0; t < items.size(); ++t) {
        const int u = units[items[t]];
        const double v = profit[t];
        for (int w = capacity; w >= u; --w) {
            const double with = k.best[static_cast<std::size_t>(w - u)] + v;
            if (with > k.best[static_cast<std::size_t>(w)]) {
                k.best[static_cast<std::size_t>(w)] = with;
                if (want_items) keep[t * width + static_cast<std::size_t>(w)] = 1;
            }
        }
    }
    if (want_items) {
        int w = capacity;
        for (std::size_t t = items.size(); t-- > 0;)
            if (keep[t * width + static_cast<std::size_t>(w)]) {
                k.take.push_back(items[t]);
                w -= units[items[t]];
            }
    }
    return k;
}

// The site's items at these multipliers: demands with negative reduced cost that fit.
void site_items(const CapacitatedData& data, const Units& u, const Eigen::VectorXd& lambda, std::size_t j,
                std::vector<std::size_t>& items, std::vector<double>& profit) {
    items.clear();
    profit.clear();
    const double* column = data.cost.col(static_cast<Eigen::Index>(j)).data();
    for (std::size_t i = 0; i < data.size.size(); ++i) {
        const double gain = lambda[static_cast<Eigen::Index>(i)] - column[i];
        if (gain > 0 && u.size[i] <= u.capacity[j]) {
            items.push_back(i);
            profit.push_back(gain);
        }
    }
}

}  // namespace

CapacitatedBound capacitated_bound(const CapacitatedData& data, Eigen::VectorXd lambda, double incumbent,
                                   const SitesHeuristic& heuristic, const Deadline& deadline) {
    constexpr int kStall = 30, kHeuristicEvery = 20;
    constexpr double kPiEnd = 5e-3;
    const auto n = static_cast<std::size_t>(data.cost.rows());
    const auto m = static_cast<std::size_t>(data.cost.cols());
    const std::size_t p = std::min(data.p, m);
    const Units u = knapsack_units(data);
    CapacitatedBound out;
    out.site_closed.assign(m, 0);
    Eigen::VectorXd best_lambda = lambda;
    std::vector<double> rho(m, 0.0);
    std::vector<std::size_t> items, order;
    std::vector<double> profit;
    std::set<std::vector<std::size_t>> tried;
    Eigen::VectorXd g(static_cast<Eigen::Index>(n));
    double pi = 2.0;
    int stall = 0;
    // The p cheapest open sites by rho (ties: lower index), and the bound.
    auto choose = [&](std::vector<std::size_t>& chosen) {
        order.clear();
        for (std::size_t j = 0; j < m; ++j)
            if (!out.site_closed[j]) order.push_back(j);
        const std::size_t k = std::min(p, order.size());
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                          [&](std::size_t a, std::size_t b) { return rho[a] < rho[b] || (rho[a] == rho[b] && a < b); });
        chosen.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k));
        double value = lambda.sum();
        for (std::size_t j : chosen) value += rho[j];
        return value;
    };
    std::vector<std::size_t> chosen;
    while (pi > kPiEnd && !deadline.passed()) {
        ++out.iterations;
        for (std::size_t j = 0; j < m; ++j) {
            if (out.site_closed[j]) continue;
            site_items(data, u, lambda, j, items, profit);
            rho[j] = -solve_knapsack(items, profit, u.size, u.capacity[j], false).best.back();
        }
        const double value = choose(chosen);
        if (chosen.size() < p) break;  // too few sites left: nothing better exists
        if (out.iterations == 1 || value > out.bound + 1e-9 * std::max(1.0, std::abs(out.bound))) {
            out.bound = value;
            best_lambda = lambda;
            stall = 0;
        } else if (++stall >= kStall) {
            pi /= 2.0;
            stall = 0;
        }
        const double prune = prune_above(data.integral, incumbent);
        if (out.bound > prune) break;
        const double last_in = rho[chosen.back()];
        for (std::size_t j = 0; j < m; ++j)
            if (!out.site_closed[j] && std::find(chosen.begin(), chosen.end(), j) == chosen.end() &&
                value + rho[j] - last_in > prune)
                out.site_closed[j] = 1;

        std::vector<std::size_t> sorted = chosen;
        std::sort(sorted.begin(), sorted.end());
        if (out.iterations % kHeuristicEvery == 1 && tried.insert(sorted).second) incumbent = heuristic(sorted);

        g.setOnes();
        for (std::size_t j : chosen) {
            site_items(data, u, lambda, j, items, profit);
            for (std::size_t i : solve_knapsack(items, profit, u.size, u.capacity[j], true).take)
                g[static_cast<Eigen::Index>(i)] -= 1.0;
        }
        const double norm2 = g.squaredNorm();
        if (norm2 == 0.0) {
            // Every demand served once: a zero subgradient, L cannot rise further. The
            // sites go to the heuristic (with exact knapsacks they hold a solution of cost L).
            incumbent = heuristic(sorted);
            break;
        }
        lambda += (pi * std::max(incumbent - value, 1e-6 * std::abs(incumbent)) / norm2) * g;
    }

    // Reduced-cost fixing of pairs at the best multipliers.
    lambda = best_lambda;
    for (std::size_t j = 0; j < m; ++j) {
        if (out.site_closed[j]) continue;
        site_items(data, u, lambda, j, items, profit);
        rho[j] = -solve_knapsack(items, profit, u.size, u.capacity[j], false).best.back();
    }
    const double value = choose(chosen);
    out.bound = std::min(std::max(out.bound, value), incumbent);
    out.relaxed_open = chosen;
    out.lambda = lambda;
    std::sort(out.relaxed_open.begin(), out.relaxed_open.end());
    out.pair_allowed.assign(n * m, 0);
    if (chosen.size() < p) return out;  // no better solution: nothing allowed
    const double prune = prune_above(data.integral, incumbent);
    const double last_in = rho[chosen.back()];
    std::vector<char> in_p(m, 0);
    for (std::size_t j : chosen) in_p[j] = 1;
    for (std::size_t j = 0; j < m; ++j) {
        if (out.site_closed[j]) continue;
        site_items(data, u, lambda, j, items, profit);
        const Knapsack k = solve_knapsack(items, profit, u.size, u.capacity[j], false);
        const double base = value - (in_p[j] ? rho[j] : last_in);
        if (base + rho[j] > prune) {
            out.site_closed[j] = 1;
            continue;
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (u.size[i] > u.capacity[j]) continue;
            const double forced = data.cost(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) -
                                  lambda[static_cast<Eigen::Index>(i)] -
                                  k.best[static_cast<std::size_t>(u.capacity[j] - u.size[i])];
            if (base + forced <= prune) {
                out.pair_allowed[i * m + j] = 1;
                ++out.pairs_allowed;
            }
        }
    }
    return out;
}

}  // namespace stationplan::plan::median

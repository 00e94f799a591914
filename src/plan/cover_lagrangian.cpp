#include "plan/cover_lagrangian.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace stationplan::plan::cover {

namespace {

// The subgradient step factor: halved after 30 steps without a better bound; the
// search ends once it is below 0.005.
struct StepFactor {
    double value = 2.0;
    int since_better = 0;
    void record(bool better) {
        if (better) {
            since_better = 0;
        } else if (++since_better >= 30) {
            value /= 2.0;
            since_better = 0;
        }
    }
    bool exhausted() const { return value < 0.005; }
};

}  // namespace

std::vector<std::vector<std::uint32_t>> Problem::columns() const {
    std::vector<std::vector<std::uint32_t>> col(column_count());
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (auto j : rows[i]) col[j].push_back(static_cast<std::uint32_t>(i));
    return col;
}

double cover_cost(const Problem& p, const std::vector<char>& open) {
    for (const auto& row : p.rows)
        if (std::none_of(row.begin(), row.end(), [&](std::uint32_t j) { return open[j] != 0; }))
            return std::numeric_limits<double>::infinity();
    double total = 0.0;
    for (std::size_t j = 0; j < open.size(); ++j)
        if (open[j]) total += p.cost[j];
    return total;
}

namespace {

using Columns = std::vector<std::vector<std::uint32_t>>;

// Greedy completion: among the columns covering a still uncovered row, the one with
// the least score (score(value, newly covered rows)), ties to the lower index, until
// every row is covered; then redundant columns are dropped, the largest `drop_key`
// first.
template <class Score>
std::vector<char> greedy_with(const Problem& p, const Columns& col, Score score, const std::vector<double>& drop_key) {
    const std::size_t n = p.row_count(), m = p.column_count();
    std::vector<char> covered(n, 0), open(m, 0);
    std::vector<std::size_t> gain(m);
    for (std::size_t j = 0; j < m; ++j) gain[j] = col[j].size();
    std::size_t left = n;
    while (left > 0) {
        std::size_t best = m;
        double best_score = 0.0;
        for (std::size_t j = 0; j < m; ++j) {
            if (open[j] || gain[j] == 0) continue;
            const double s = score(j, gain[j]);
            if (best == m || s < best_score) best = j, best_score = s;
        }
        open[best] = 1;
        for (auto i : col[best]) {
            if (covered[i]) continue;
            covered[i] = 1;
            --left;
            for (auto k : p.rows[i]) --gain[k];
        }
    }
    std::vector<std::size_t> cover_count(n, 0);
    for (std::size_t j = 0; j < m; ++j)
        if (open[j])
            for (auto i : col[j]) ++cover_count[i];
    std::vector<std::size_t> order;
    for (std::size_t j = 0; j < m; ++j)
        if (open[j]) order.push_back(j);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return drop_key[a] > drop_key[b]; });
    for (auto j : order)
        if (std::all_of(col[j].begin(), col[j].end(), [&](auto i) { return cover_count[i] > 1; })) {
            open[j] = 0;
            for (auto i : col[j]) --cover_count[i];
        }
    return open;
}

bool covers_all(const Problem& p, std::uint32_t c, const std::vector<std::uint32_t>& rows) {
    return std::all_of(rows.begin(), rows.end(),
                       [&](std::uint32_t i) { return std::binary_search(p.rows[i].begin(), p.rows[i].end(), c); });
}

void local_search_with(const Problem& p, const Columns& col, std::vector<char>& open) {
    const std::size_t n = p.row_count(), m = p.column_count();
    std::vector<int> count(n, 0);
    for (std::size_t j = 0; j < m; ++j)
        if (open[j])
            for (auto i : col[j]) ++count[i];
    auto set_open = [&](std::size_t j, bool value) {
        open[j] = value ? 1 : 0;
        for (auto i : col[j]) count[i] += value ? 1 : -1;
    };
    std::vector<std::uint32_t> need;
    for (bool changed = true; changed;) {
        changed = false;
        std::vector<std::uint32_t> opened;
        for (std::size_t j = 0; j < m; ++j)
            if (open[j]) opened.push_back(static_cast<std::uint32_t>(j));
        // Redundant columns, dearest first.
        std::vector<std::uint32_t> order = opened;
        std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return p.cost[a] > p.cost[b]; });
        for (auto j : order)
            if (std::all_of(col[j].begin(), col[j].end(), [&](auto i) { return count[i] > 1; })) set_open(j, false);
        opened.clear();
        for (std::size_t j = 0; j < m; ++j)
            if (open[j]) opened.push_back(static_cast<std::uint32_t>(j));
        // One for a cheaper one.
        for (auto a : opened) {
            need.clear();
            for (auto i : col[a])
                if (count[i] == 1) need.push_back(i);
            std::uint32_t best = static_cast<std::uint32_t>(m);
            for (auto c : p.rows[need.front()])
                if (!open[c] && p.cost[c] < p.cost[a] && (best == m || p.cost[c] < p.cost[best]) && covers_all(p, c, need))
                    best = c;
            if (best != m) {
                set_open(best, true);
                set_open(a, false);
                changed = true;
                break;
            }
        }
        if (changed) continue;
        // Two for one.
        for (std::size_t x = 0; x < opened.size() && !changed; ++x) {
            const auto a = opened[x];
            for (std::size_t y = x + 1; y < opened.size() && !changed; ++y) {
                const auto b = opened[y];
                need.clear();
                for (auto i : col[a])
                    if (count[i] == 1 || (count[i] == 2 && std::binary_search(p.rows[i].begin(), p.rows[i].end(), b)))
                        need.push_back(i);
                for (auto i : col[b])
                    if (count[i] == 1) need.push_back(i);
                if (need.empty()) continue;  // cannot happen after the redundancy pass
                std::uint32_t best = static_cast<std::uint32_t>(m);
                for (auto c : p.rows[need.front()])
                    if (!open[c] && p.cost[c] < p.cost[a] + p.cost[b] && (best == m || p.cost[c] < p.cost[best]) &&
                        covers_all(p, c, need))
                        best = c;
                if (best != m) {
                    set_open(best, true);
                    set_open(a, false);
                    set_open(b, false);
                    changed = true;
                }
            }
        }
    }
}

}  // namespace

std::vector<char> greedy(const Problem& p) {
    const Columns col = p.columns();
    return greedy_with(
        p, col, [&](std::size_t j, std::size_t g) { return p.cost[j] / static_cast<double>(g); }, p.cost);
}

void local_search(const Problem& p, std::vector<char>& open) { local_search_with(p, p.columns(), open); }

LagrangianResult lagrangian(const Problem& p, const std::vector<char>& start, const LagrangianOptions& opt) {
    const std::size_t n = p.row_count(), m = p.column_count();
    const Columns col = p.columns();
    LagrangianResult res;
    res.cover = start;
    local_search_with(p, col, res.cover);
    res.cover_cost = cover_cost(p, res.cover);
    const Eigen::Map<const Eigen::VectorXd> c(p.cost.data(), static_cast<Eigen::Index>(m));

    auto proven = [&](double bound) {
        return opt.integral ? std::ceil(bound - 1e-6) >= res.cover_cost - 1e-9
                            : bound >= res.cover_cost - 1e-9 * std::max(1.0, std::abs(res.cover_cost));
    };
    // Beasley's start: each row's cheapest cost per row covered.
    Eigen::VectorXd u(static_cast<Eigen::Index>(n));
    for (std::size_t i = 0; i < n; ++i) {
        double v = std::numeric_limits<double>::infinity();
        for (auto j : p.rows[i]) v = std::min(v, p.cost[j] / static_cast<double>(col[j].size()));
        u[static_cast<Eigen::Index>(i)] = v;
    }
    Eigen::VectorXd rc = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(m)), g(static_cast<Eigen::Index>(n));
    res.lower_bound = -std::numeric_limits<double>::infinity();
    StepFactor step;
    std::vector<double> rc_std(m);
    const double min_cost = m == 0 ? 0.0 : *std::min_element(p.cost.begin(), p.cost.end());
    for (int it = 0; it < opt.max_iterations; ++it) {
        if ((it & 15) == 0 && std::chrono::steady_clock::now() >= opt.deadline) break;
        res.iterations = it + 1;
        for (std::size_t j = 0; j < m; ++j) {
            double s = 0.0;
            for (auto i : col[j]) s += u[i];
            rc[static_cast<Eigen::Index>(j)] = c[static_cast<Eigen::Index>(j)] - s;
        }
        const double bound = u.sum() + rc.cwiseMin(0.0).sum();
        const bool better = bound > res.lower_bound + 1e-9;
        if (better) {
            res.lower_bound = bound;
            res.multipliers = u;
            res.reduced_cost = rc;
        }
        step.record(better);
        if (proven(res.lower_bound) || step.exhausted()) break;
        if ((opt.integral ? std::ceil(res.lower_bound - 1e-6) : res.lower_bound) > opt.stop_above) break;
        if (it % opt.heuristic_every == 0) {
            // Caprara, Fischetti & Toth's score: reduced cost per newly covered row
            // when positive, times it when not.
            for (std::size_t j = 0; j < m; ++j) rc_std[j] = rc[static_cast<Eigen::Index>(j)];
            auto cover = greedy_with(
                p, col,
                [&](std::size_t j, std::size_t gain) {
                    const double r = rc_std[j];
                    return r > 0 ? r / static_cast<double>(gain) : r * static_cast<double>(gain);
                },
                rc_std);
            // Exchanges for the covers that could still beat the best one with them.
            double cost = cover_cost(p, cover);
            if (cost < res.cover_cost + 2.0 * min_cost - 1e-9) {
                local_search_with(p, col, cover);
                cost = cover_cost(p, cover);
            }
            if (cost < res.cover_cost - 1e-9) {
                res.cover = std::move(cover);
                res.cover_cost = cost;
                if (proven(res.lower_bound)) break;
            }
        }
        // Subgradient of the relaxed rows; a row with u = 0 that is over-covered
        // cannot lower u further.
        for (std::size_t i = 0; i < n; ++i) {
            int covered = 0;
            for (auto j : p.rows[i]) covered += rc[j] < 0.0 ? 1 : 0;
            g[static_cast<Eigen::Index>(i)] = covered == 0 ? 1.0 : (u[static_cast<Eigen::Index>(i)] > 0.0 ? 1.0 - covered : 0.0);
        }
        const double norm = g.squaredNorm();
        if (norm == 0.0) break;  // the relaxed solution covers each row exactly once: L(u) is its cost
        const double t = step.value * (1.05 * res.cover_cost - bound) / norm;
        u = (u + t * g).cwiseMax(0.0);
    }
    if (res.multipliers.size() == 0) {
        res.multipliers = u;
        res.reduced_cost = rc;
    }
    return res;
}

MclpBound mclp_upper_bound(const std::vector<std::vector<std::uint32_t>>& rows, std::size_t column_count,
                           const std::vector<double>& weight, std::size_t k, double incumbent,
                           const MclpBoundOptions& opt) {
    const std::size_t n = rows.size(), m = column_count;
    MclpBound res;
    double total = 0.0;
    for (double w : weight) total += w;
    res.upper_bound = total;
    if (n == 0 || k == 0 || k >= m) {
        // k = 0 covers nothing; k >= m opens every column (every row here has one).
        res.upper_bound = k == 0 ? 0.0 : total;
        return res;
    }
    std::vector<std::vector<std::uint32_t>> col(m);
    for (std::size_t i = 0; i < n; ++i)
        for (auto j : rows[i]) col[j].push_back(static_cast<std::uint32_t>(i));
    const Eigen::Map<const Eigen::VectorXd> w(weight.data(), static_cast<Eigen::Index>(n));
    Eigen::VectorXd l = 0.5 * w, g(static_cast<Eigen::Index>(n));
    std::vector<double> score(m);
    std::vector<std::uint32_t> order(m);
    std::vector<int> chosen_cover(n);
    auto proven = [&](double bound) {
        return opt.integral ? std::floor(bound + 1e-6) <= incumbent + 1e-9 : bound <= incumbent + 1e-9 * std::max(1.0, incumbent);
    };
    StepFactor step;
    // Progress is judged against the best U(l) seen, even above the total weight
    // (the trivial bound): for large k the first multipliers give more than it.
    double best = std::numeric_limits<double>::infinity();
    for (int it = 0; it < opt.max_iterations; ++it) {
        if ((it & 15) == 0 && std::chrono::steady_clock::now() >= opt.deadline) break;
        res.iterations = it + 1;
        for (std::size_t j = 0; j < m; ++j) {
            double v = 0.0;
            for (auto i : col[j]) v += l[i];
            score[j] = v;
        }
        // The k best columns (ties to the lower index: the same input, the same steps).
        std::iota(order.begin(), order.end(), 0u);
        std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k - 1), order.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return score[a] != score[b] ? score[a] > score[b] : a < b; });
        double bound = (w - l).sum();
        std::fill(chosen_cover.begin(), chosen_cover.end(), 0);
        for (std::size_t t = 0; t < k; ++t) {
            bound += score[order[t]];
            for (auto i : col[order[t]]) ++chosen_cover[i];
        }
        // The relaxed choice is a solution too (a Lagrangian heuristic).
        double primal = 0.0;
        for (std::size_t i = 0; i < n; ++i)
            if (chosen_cover[i] > 0) primal += weight[i];
        if (primal > res.best_weight + 1e-9) {
            res.best_weight = primal;
            res.best_open.assign(m, 0);
            for (std::size_t t = 0; t < k; ++t) res.best_open[order[t]] = 1;
        }
        // And a greedy on the multipliers: k times the site adding the most l over
        // rows not yet covered (the relaxation's prices instead of the weights);
        // every 50 steps (each costs k passes over the columns).
        if (it % 50 == 0) {
            std::vector<char> pick(m, 0), cov(n, 0);
            for (std::size_t t = 0; t < k; ++t) {
                std::size_t best_j = m;
                double best_gain = -1.0;
                for (std::size_t j = 0; j < m; ++j) {
                    if (pick[j]) continue;
                    double gain = 0.0;
                    for (auto i : col[j])
                        if (!cov[i]) gain += l[static_cast<Eigen::Index>(i)] + 1e-9 * weight[i];
                    if (gain > best_gain) best_gain = gain, best_j = j;
                }
                pick[best_j] = 1;
                for (auto i : col[best_j]) cov[i] = 1;
            }
            double v = 0.0;
            for (std::size_t i = 0; i < n; ++i)
                if (cov[i]) v += weight[i];
            if (v > res.best_weight + 1e-9) res.best_weight = v, res.best_open = pick;
        }
        const bool better = bound < best - 1e-9;
        if (better) {
            best = bound;
            if (bound < res.upper_bound) {
                res.upper_bound = bound;
                res.multipliers = l;
            }
        }
        step.record(better);
        if (proven(res.upper_bound) || step.exhausted()) break;
        // dU/dl_i = (chosen columns covering i) - 1; projected onto [0, w_i].
        for (std::size_t i = 0; i < n; ++i) {
            double gi = static_cast<double>(chosen_cover[i]) - 1.0;
            const auto e = static_cast<Eigen::Index>(i);
            if ((gi > 0 && l[e] <= 0.0) || (gi < 0 && l[e] >= w[e])) gi = 0.0;
            g[e] = gi;
        }
        const double norm = g.squaredNorm();
        if (norm == 0.0) break;  // the relaxed choice covers each row once: U(l) is attained
        const double gap = std::max(bound - incumbent, 1e-6 * std::max(1.0, incumbent));
        l = (l - (step.value * gap / norm) * g).cwiseMax(0.0).cwiseMin(w);
    }
    return res;
}

std::vector<signed char> mclp_fixing(const std::vector<std::vector<std::uint32_t>>& rows, std::size_t m,
                                     const std::vector<double>& weight, std::size_t k, const MclpBound& b,
                                     double threshold) {
    std::vector<signed char> fix(m, -1);
    const auto& l = b.multipliers;
    if (l.size() != static_cast<Eigen::Index>(rows.size()) || k == 0 || k >= m) return fix;
    // U(l) again from the multipliers (the same sum as mclp_upper_bound).
    std::vector<double> score(m, 0.0);
    double base = 0.0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        base += weight[i] - l[static_cast<Eigen::Index>(i)];
        for (auto j : rows[i]) score[j] += l[static_cast<Eigen::Index>(i)];
    }
    std::vector<std::uint32_t> order(m);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t c) { return score[a] != score[c] ? score[a] > score[c] : a < c; });
    double top = 0.0;
    for (std::size_t t = 0; t < k; ++t) top += score[order[t]];
    const double u = base + top;
    const double kth = score[order[k - 1]], next = score[order[k]];
    for (std::size_t t = 0; t < m; ++t) {
        const std::uint32_t j = order[t];
        // Opening j: j and the best k - 1 others; closing it: the best k others.
        const double with_j = t < k ? u : u - kth + score[j];
        const double without_j = t < k ? u - score[j] + next : u;
        if (with_j < threshold) fix[j] = 0;
        else if (without_j < threshold) fix[j] = 1;
    }
    return fix;
}

}  // namespace stationplan::plan::cover

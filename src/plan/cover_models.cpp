// LSCP / weighted set cover and MCLP: reduction, a greedy start, then CBC.
//
// Reductions (each keeps the optimum): demands nobody covers are set aside (and
// reported), demands a fixed site covers are dropped, demands with the same site
// set are merged (weights add), a demand whose site set contains another's is
// implied by it (set cover only), and a site whose demands are a subset of a
// no-dearer site's is dominated.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>

#include "plan/mip.hpp"
#include "plan/solvers.hpp"

namespace stationplan::plan {
namespace {

using Clock = std::chrono::steady_clock;
using Rows = std::vector<std::vector<std::uint32_t>>;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

bool is_subset(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

// The reduced problem: rows over a subset of sites (indexes into `sites`).
struct Reduced {
    Rows rows;                    // per kept demand: kept-site positions, ascending
    std::vector<double> weight;   // per kept demand
    std::vector<std::size_t> sites;  // kept non-fixed sites (original indexes)
    std::vector<double> cost;     // per kept site
    std::vector<double> tie;      // per kept site: preference scaled so all of them together stay below half a unit
    double fixed_weight = 0.0;    // weight already covered by fixed sites
    std::vector<std::size_t> uncoverable;  // original demand indexes
};

Reduced reduce(const CoverInstance& inst, bool drop_implied_rows) {
    Reduced r;
    const std::size_t m = inst.site_count;
    auto cost = [&](std::size_t j) { return inst.cost.empty() ? 1.0 : inst.cost[j]; };
    auto weight = [&](std::size_t i) { return inst.weight.empty() ? 1.0 : inst.weight[i]; };
    auto pref = [&](std::size_t j) { return inst.preference.empty() ? 0.0 : inst.preference[j]; };

    // Rows over non-fixed sites; merge identical ones.
    std::map<std::vector<std::uint32_t>, double> merged;
    for (std::size_t i = 0; i < inst.demand_count(); ++i) {
        const auto& c = inst.covers[i];
        if (c.empty()) {
            r.uncoverable.push_back(i);
            continue;
        }
        if (std::any_of(c.begin(), c.end(), [&](std::uint32_t j) { return inst.is_fixed(j); })) {
            r.fixed_weight += weight(i);
            continue;
        }
        merged[c] += weight(i);
    }
    Rows rows;
    std::vector<double> weights;
    for (auto& [c, w] : merged) {
        rows.push_back(c);
        weights.push_back(w);
    }

    // Column dominance and (for set cover) implied rows, until nothing changes.
    std::vector<char> site_alive(m, 0);
    for (const auto& row : rows)
        for (auto j : row) site_alive[j] = 1;
    std::vector<char> row_alive(rows.size(), 1);
    for (bool changed = true; changed;) {
        changed = false;
        std::vector<std::vector<std::uint32_t>> col(m);
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (row_alive[i])
                for (auto j : rows[i])
                    if (site_alive[j]) col[j].push_back(static_cast<std::uint32_t>(i));
        for (std::size_t j = 0; j < m; ++j) {
            if (!site_alive[j]) continue;
            if (col[j].empty()) {
                site_alive[j] = 0;
                changed = true;
                continue;
            }
            // Candidates: sites covering the first row of j.
            for (auto k : rows[col[j].front()]) {
                if (k == j || !site_alive[k]) continue;
                const bool k_better = (cost(k) < cost(j) || (cost(k) == cost(j) && (col[k].size() > col[j].size() || k < j))) &&
                                      pref(k) >= pref(j);
                if (k_better && is_subset(col[j], col[k])) {
                    site_alive[j] = 0;
                    changed = true;
                    break;
                }
            }
        }
        for (auto& row : rows) {
            const auto before = row.size();
            row.erase(std::remove_if(row.begin(), row.end(), [&](std::uint32_t j) { return !site_alive[j]; }), row.end());
            changed = changed || row.size() != before;
        }
        if (drop_implied_rows) {
            // Row b is implied by row a when sites(a) is a subset of sites(b).
            std::vector<std::vector<std::uint32_t>> rows_of(m);
            for (std::size_t i = 0; i < rows.size(); ++i)
                if (row_alive[i])
                    for (auto j : rows[i]) rows_of[j].push_back(static_cast<std::uint32_t>(i));
            for (std::size_t a = 0; a < rows.size(); ++a) {
                if (!row_alive[a]) continue;
                auto rarest = *std::min_element(rows[a].begin(), rows[a].end(),
                                                [&](auto x, auto y) { return rows_of[x].size() < rows_of[y].size(); });
                for (auto b : rows_of[rarest]) {
                    if (b == a || !row_alive[b] || rows[b].size() < rows[a].size()) continue;
                    if (rows[b].size() == rows[a].size() && b < a) continue;
                    if (is_subset(rows[a], rows[b])) {
                        row_alive[b] = 0;
                        changed = true;
                    }
                }
            }
        }
    }
    std::vector<int> position(m, -1);
    double pref_total = 0.0;
    for (std::size_t j = 0; j < m; ++j)
        if (site_alive[j]) {
            position[j] = static_cast<int>(r.sites.size());
            r.sites.push_back(j);
            r.cost.push_back(cost(j));
            pref_total += pref(j);
        }
    // The tie-break must never outweigh the smallest step of the true objective
    // (the cheapest site, or the lightest demand): scale it below half of that.
    double step = 1.0;
    if (!r.cost.empty()) step = *std::min_element(r.cost.begin(), r.cost.end());
    if (!drop_implied_rows) {
        step = 1.0;
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (row_alive[i]) step = std::min(step, weights[i]);
    }
    for (std::size_t j : r.sites) r.tie.push_back(pref_total > 0 ? 0.49 * step * pref(j) / pref_total : 0.0);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!row_alive[i]) continue;
        std::vector<std::uint32_t> row;
        for (auto j : rows[i]) row.push_back(static_cast<std::uint32_t>(position[j]));
        r.rows.push_back(std::move(row));
        r.weight.push_back(weights[i]);
    }
    return r;
}

bool all_integer(const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return x == std::floor(x); });
}

// Chvatal's greedy (best cost per newly covered row), then drop redundant sites,
// dearest first. Ties go to the lowest index: deterministic.
std::vector<char> greedy_cover(const Reduced& r) {
    const std::size_t n = r.rows.size(), m = r.sites.size();
    std::vector<std::vector<std::uint32_t>> col(m);
    for (std::size_t i = 0; i < n; ++i)
        for (auto j : r.rows[i]) col[j].push_back(static_cast<std::uint32_t>(i));
    std::vector<char> covered(n, 0), open(m, 0);
    std::vector<std::size_t> gain(m);
    for (std::size_t j = 0; j < m; ++j) gain[j] = col[j].size();
    std::size_t left = n;
    while (left > 0) {
        std::size_t best = m;
        for (std::size_t j = 0; j < m; ++j)
            if (!open[j] && gain[j] > 0 &&
                (best == m || r.cost[j] * static_cast<double>(gain[best]) < r.cost[best] * static_cast<double>(gain[j])))
                best = j;
        open[best] = 1;
        for (auto i : col[best]) {
            if (covered[i]) continue;
            covered[i] = 1;
            --left;
            for (auto k : r.rows[i]) --gain[k];
        }
    }
    std::vector<std::size_t> cover_count(n, 0);
    for (std::size_t j = 0; j < m; ++j)
        if (open[j])
            for (auto i : col[j]) ++cover_count[i];
    std::vector<std::size_t> order(m);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return r.cost[a] > r.cost[b]; });
    for (auto j : order) {
        if (!open[j]) continue;
        if (std::all_of(col[j].begin(), col[j].end(), [&](auto i) { return cover_count[i] > 1; })) {
            open[j] = 0;
            for (auto i : col[j]) --cover_count[i];
        }
    }
    return open;
}

std::vector<std::size_t> selected_sites(const Reduced& r, const std::vector<char>& open) {
    std::vector<std::size_t> out;
    for (std::size_t j = 0; j < open.size(); ++j)
        if (open[j]) out.push_back(r.sites[j]);
    std::sort(out.begin(), out.end());
    return out;
}

void note_uncoverable(const Reduced& r, Solution& s) {
    if (r.uncoverable.empty()) return;
    std::string ids;
    for (std::size_t k = 0; k < r.uncoverable.size() && k < 50; ++k) ids += (k ? ", " : "") + std::to_string(r.uncoverable[k]);
    if (r.uncoverable.size() > 50) ids += ", ...";
    s.notes.push_back(std::to_string(r.uncoverable.size()) + " demand(s) no site can cover: " + ids);
}

}  // namespace

Solution solve_set_cover(const CoverInstance& inst, const SolveOptions& opt) {
    const auto start = Clock::now();
    const Reduced r = reduce(inst, true);
    Solution s;
    s.notes.push_back("reduced to " + std::to_string(r.rows.size()) + " demands x " + std::to_string(r.sites.size()) +
                      " sites");
    note_uncoverable(r, s);
    std::vector<char> open(r.sites.size(), 0);
    if (!r.rows.empty()) {
        open = greedy_cover(r);
        MipModel m;
        MipOptions mo;
        for (std::size_t j = 0; j < r.sites.size(); ++j) {
            m.add_column(0, 1, r.cost[j] - r.tie[j], true);
            mo.start.push_back(open[j]);
        }
        for (const auto& row : r.rows) {
            std::vector<int> cols(row.begin(), row.end());
            m.add_row(1, kInf, cols, std::vector<double>(cols.size(), 1.0));
        }
        const bool integral = all_integer(r.cost);
        const bool tie_break = std::any_of(r.tie.begin(), r.tie.end(), [](double t) { return t > 0; });
        mo.time_limit_s = std::max(0.01, opt.time_limit_s - seconds_since(start));
        mo.wall_clock = true;  // a user's time limit is in seconds on the clock
        // Integer costs: within 1 is proven -- unless a tie-break rides on the objective.
        mo.absolute_gap = integral && !tie_break ? 1.0 - 1e-6 : 1e-6;
        mo.log_level = opt.log_level;
        const MipResult res = solve_mip(m, mo);
        if (!res.x.empty())
            for (std::size_t j = 0; j < r.sites.size(); ++j) open[j] = res.x[j] > 0.5;
        s.status = res.status == SolveStatus::Infeasible ? SolveStatus::TimeLimit : res.status;
        // The tie-break lowers the objective by less than half the cheapest cost.
        s.bound = integral ? std::ceil(res.bound - 1e-6) : res.bound;
    } else {
        s.status = SolveStatus::Optimal;
        s.bound = 0.0;
    }
    s.selected = selected_sites(r, open);
    s.objective = 0.0;
    for (std::size_t j = 0; j < open.size(); ++j)
        if (open[j]) s.objective += r.cost[j];
    if (s.status != SolveStatus::Optimal && s.objective <= s.bound + 1e-9) s.status = SolveStatus::Optimal;
    if (!r.uncoverable.empty()) s.status = SolveStatus::Infeasible;  // least-violating solution
    finish_gap(s);
    s.seconds = seconds_since(start);
    return s;
}

Solution solve_mclp(const CoverInstance& inst, std::size_t k, const SolveOptions& opt) {
    const auto start = Clock::now();
    const Reduced r = reduce(inst, false);
    Solution s;
    s.notes.push_back("reduced to " + std::to_string(r.rows.size()) + " demands x " + std::to_string(r.sites.size()) +
                      " sites");
    note_uncoverable(r, s);
    const std::size_t n = r.rows.size(), m = r.sites.size();
    std::vector<std::vector<std::uint32_t>> col(m);
    for (std::size_t i = 0; i < n; ++i)
        for (auto j : r.rows[i]) col[j].push_back(static_cast<std::uint32_t>(i));
    // Greedy start: k times the site adding the most uncovered weight.
    std::vector<char> open(m, 0), covered(n, 0);
    for (std::size_t step = 0; step < std::min(k, m); ++step) {
        std::size_t best = m;
        double best_gain = 0.0;
        for (std::size_t j = 0; j < m; ++j) {
            if (open[j]) continue;
            double g = 0.0;
            for (auto i : col[j]) g += covered[i] ? 0.0 : r.weight[i];
            if (g > best_gain) best = j, best_gain = g;
        }
        if (best == m) break;
        open[best] = 1;
        for (auto i : col[best]) covered[i] = 1;
    }
    double bound = kInf;
    if (n > 0 && k > 0) {
        MipModel mm;
        mm.set_maximize(true);
        MipOptions mo;
        for (std::size_t j = 0; j < m; ++j) {
            mm.add_column(0, 1, r.tie[j], true);
            mo.start.push_back(open[j]);
        }
        for (std::size_t i = 0; i < n; ++i) {
            const int z = mm.add_column(0, 1, r.weight[i], false);
            bool c = false;
            for (auto j : r.rows[i]) c = c || open[j];
            mo.start.push_back(c ? 1.0 : 0.0);
            std::vector<int> cols{z};
            std::vector<double> coef{1.0};
            for (auto j : r.rows[i]) cols.push_back(static_cast<int>(j)), coef.push_back(-1.0);
            mm.add_row(-kInf, 0.0, cols, coef);  // z_i <= sum of y_j covering i
        }
        std::vector<int> all(m);
        std::iota(all.begin(), all.end(), 0);
        mm.add_row(-kInf, static_cast<double>(k), all, std::vector<double>(m, 1.0));
        mo.time_limit_s = std::max(0.01, opt.time_limit_s - seconds_since(start));
        mo.wall_clock = true;  // a user's time limit is in seconds on the clock
        const bool tie_break = std::any_of(r.tie.begin(), r.tie.end(), [](double t) { return t > 0; });
        mo.absolute_gap = all_integer(r.weight) && !tie_break ? 1.0 - 1e-6 : 1e-6;
        mo.log_level = opt.log_level;
        const MipResult res = solve_mip(mm, mo);
        if (!res.x.empty())
            for (std::size_t j = 0; j < m; ++j) open[j] = res.x[j] > 0.5;
        s.status = res.status == SolveStatus::Infeasible ? SolveStatus::TimeLimit : res.status;
        bound = all_integer(r.weight) ? std::floor(res.bound + 1e-6) + r.fixed_weight : res.bound + r.fixed_weight;
    } else {
        s.status = SolveStatus::Optimal;
    }
    s.selected = selected_sites(r, open);
    s.objective = r.fixed_weight;
    for (std::size_t i = 0; i < n; ++i) {
        bool c = false;
        for (auto j : r.rows[i]) c = c || open[j];
        if (c) s.objective += r.weight[i];
    }
    s.bound = std::isfinite(bound) ? bound : s.objective;
    if (s.status != SolveStatus::Optimal && s.objective >= s.bound - 1e-9) s.status = SolveStatus::Optimal;
    finish_gap(s);
    s.seconds = seconds_since(start);
    return s;
}

}  // namespace stationplan::plan

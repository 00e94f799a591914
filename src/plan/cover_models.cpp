// LSCP / weighted set cover and MCLP: reduction, a Lagrangian stage
// (plan/cover_lagrangian.*), then CBC.
//
// Reductions (each keeps the optimum), repeated until nothing changes: demands
// nobody covers are set aside (and reported), demands a fixed site covers are
// dropped, demands with the same site set are merged (weights add), a demand whose
// site set contains another's is implied by it (set cover only), a site whose
// demands are a subset of a no-dearer site's is dominated, and a site that is some
// demand's only choice is forced open (set cover only).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <map>
#include <numeric>

#include "plan/cover_lagrangian.hpp"
#include "plan/cover_search.hpp"
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
    std::vector<std::size_t> forced;  // sites some demand has as its only choice (set cover only), original indexes
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
            // Essential columns: a demand with one site left forces that site; the
            // demands it covers go.
            std::vector<char> forced(m, 0);
            bool any = false;
            for (std::size_t i = 0; i < rows.size(); ++i)
                if (row_alive[i] && rows[i].size() == 1) forced[rows[i].front()] = 1, any = true;
            if (any) {
                for (std::size_t i = 0; i < rows.size(); ++i)
                    if (row_alive[i] && std::any_of(rows[i].begin(), rows[i].end(), [&](std::uint32_t j) { return forced[j] != 0; }))
                        row_alive[i] = 0;
                for (std::size_t j = 0; j < m; ++j)
                    if (forced[j]) {
                        r.forced.push_back(j);
                        site_alive[j] = 0;
                    }
                changed = true;
            }
        }
    }
    std::sort(r.forced.begin(), r.forced.end());
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

bool any_positive(const std::vector<double>& v) {
    return std::any_of(v.begin(), v.end(), [](double x) { return x > 0; });
}

// Original indexes of r's open positions and of its forced sites, ascending.
std::vector<std::size_t> selected_sites(const Reduced& r, const std::vector<char>& open) {
    std::vector<std::size_t> out = r.forced;
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

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

Clock::time_point deadline_after(Clock::time_point start, double limit_s) {
    const double s = std::clamp(limit_s, 0.0, 1e7);
    return start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

double seconds_until(Clock::time_point t) { return std::chrono::duration<double>(t - Clock::now()).count(); }

constexpr double kMinMipSeconds = 0.05;

// The weight of the rows some open site covers.
double covered_weight(const Rows& rows, const std::vector<double>& weight, const std::vector<char>& open) {
    double v = 0.0;
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (std::any_of(rows[i].begin(), rows[i].end(), [&](std::uint32_t j) { return open[j] != 0; })) v += weight[i];
    return v;
}

// One line on a neighbourhood search: what it did and the value before and after
// (`what`: "cover" or "covered"; `offset`: weight outside the reduced problem).
std::string search_note(const cover::SearchStats& st, const char* what, double offset) {
    return "neighbourhood search: " + std::to_string(st.neighbourhoods) + " neighbourhoods (up to " +
           std::to_string(st.last_size) + " sites), " + std::to_string(st.improvements) + " improvements, " + what +
           " " + number(st.start_cost + offset) + " -> " + number(st.end_cost + offset);
}

// Neighbourhood search budgets: a share of the user's time limit turned into work
// (nonzeros of the sub-problems solved: measured on the benchmark machine, about
// 4e5 a second for set covers and 2e5 for maximal covers), so the same input and limit give the same cover on any
// machine that is not much slower; the clock cuts in only beyond `clock_share` of
// the time left (and the time limit always holds).
constexpr double kCoverSearchWorkPerSecond = 4.0e5;
constexpr double kMclpSearchWorkPerSecond = 2.0e5;
constexpr double kSwapWorkPerSecond = 1.0e8;  // rows looked at by the MCLP swaps

double limit_seconds(const SolveOptions& opt) { return std::clamp(opt.time_limit_s, 0.0, 1e7); }

void set_search_budget(cover::SearchOptions& so, const SolveOptions& opt, Clock::time_point deadline, double share,
                       double clock_share, double work_per_second = kCoverSearchWorkPerSecond) {
    so.work_limit = work_per_second * share * limit_seconds(opt);
    so.deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>((deadline - Clock::now()) * clock_share);
}

// The set cover over r's positions: open, status and bound (r's costs only).
struct CoverOutcome {
    std::vector<char> open;
    SolveStatus status = SolveStatus::TimeLimit;
    double bound = 0.0;
};

// Lagrangian bound and heuristic, reduced-cost fixing, the fixed core reduced
// again, then CBC on that core, started from the incumbent. Without a tie-break
// and with integer costs only a cover cheaper by at least 1 is worth looking for:
// columns are fixed when every cover using them (or missing them) costs more than
// the incumbent less 1, and CBC stops at an absolute gap below 1. With a tie-break
// (or fractional costs), only when every such cover is dearer than the incumbent.
CoverOutcome solve_reduced_cover(const Reduced& r, Clock::time_point deadline, const SolveOptions& opt, Solution& s) {
    const std::size_t m = r.sites.size();
    const bool integral = all_integer(r.cost);
    const bool tie_break = any_positive(r.tie);
    const bool strictly_better = integral && !tie_break;
    const cover::Problem p{r.rows, r.cost};
    cover::LagrangianOptions lo;
    lo.integral = integral;
    lo.deadline = deadline;
    const cover::LagrangianResult lr = cover::lagrangian(p, cover::greedy(p), lo);
    CoverOutcome out;
    out.open = lr.cover;
    double ub = lr.cover_cost;
    const double lb = lr.iterations == 0 ? 0.0 : integral ? std::ceil(lr.lower_bound - 1e-6) : lr.lower_bound;
    s.notes.push_back(lr.iterations > 0 ? "Lagrangian bound " + number(lr.lower_bound) + " after " +
                                              std::to_string(lr.iterations) + " iterations; heuristic cover " + number(ub)
                                        : "no time for the Lagrangian bound; heuristic cover " + number(ub));
    out.bound = lb;
    if (lb >= ub - 1e-9 && !tie_break) {
        out.status = SolveStatus::Optimal;
        out.bound = ub;
        return out;
    }
    // With a tie-break the search runs too where costs are integers: it only takes
    // covers cheaper by at least 1, which no preference can outweigh (CBC then
    // settles the ties).
    if (!tie_break || integral) {
        cover::SearchOptions so;
        so.integral = integral;
        // A third of the time, so that CBC still gets its share with a better start.
        set_search_budget(so, opt, deadline, 0.3, 0.6);
        so.stop_at = lb;
        // Larger neighbourhoods only where the gap is wide (geometric covers with
        // a weak LP); elsewhere CBC closes a narrow gap sooner than they would.
        if (ub - lb < 0.05 * ub) so.max_free_columns = so.free_columns;
        const auto st = cover::neighbourhood_search(p, out.open, so);
        s.notes.push_back(search_note(st, "cover", 0.0));
        ub = st.end_cost;
        if (lb >= ub - 1e-9 && !tie_break) {
            out.status = SolveStatus::Optimal;
            out.bound = ub;
            return out;
        }
    }

    // Reduced-cost fixing: L(u) + rc_j bounds every cover using j (rc_j > 0), and
    // L(u) - rc_j every cover missing j (rc_j < 0).
    const double threshold = strictly_better ? ub - 1.0 + 1e-6 : ub + 1e-9 * std::max(1.0, std::abs(ub));
    CoverInstance sub;
    sub.site_count = m;
    sub.cost = r.cost;
    sub.fixed_open.assign(m, 0);
    if (tie_break) sub.preference = r.tie;
    std::vector<char> fix0(m, 0);
    std::size_t fixed0 = 0, fixed1 = 0;
    for (std::size_t j = 0; j < m; ++j) {
        const double rc = lr.reduced_cost[static_cast<Eigen::Index>(j)];
        if (rc > 0 && lr.lower_bound + rc > threshold) fix0[j] = 1, ++fixed0;
        else if (rc < 0 && lr.lower_bound - rc > threshold) sub.fixed_open[j] = 1, ++fixed1;
    }
    for (const auto& row : r.rows) {
        std::vector<std::uint32_t> kept;
        for (auto j : row)
            if (!fix0[j]) kept.push_back(j);
        sub.covers.push_back(std::move(kept));
    }
    const Reduced core = reduce(sub, true);
    s.notes.push_back("reduced-cost fixing: " + std::to_string(fixed0) + " sites out, " + std::to_string(fixed1) +
                      " in; core " + std::to_string(core.rows.size()) + " demands x " + std::to_string(core.sites.size()) +
                      " sites");
    if (!core.uncoverable.empty()) {
        // Some demand has no site left that a cover better than the incumbent may use.
        out.status = SolveStatus::Optimal;
        out.bound = ub;
        return out;
    }
    // Every cover at least as good as the incumbent opens these.
    std::vector<char> base(m, 0);
    for (std::size_t j = 0; j < m; ++j) base[j] = sub.fixed_open[j];
    for (auto j : core.forced) base[j] = 1;
    double offset = 0.0;
    for (std::size_t j = 0; j < m; ++j)
        if (base[j]) offset += r.cost[j];
    auto tie_objective = [&](const std::vector<char>& open) {
        double v = 0.0;
        for (std::size_t j = 0; j < m; ++j)
            if (open[j]) v += r.cost[j] - r.tie[j];
        return v;
    };
    if (core.rows.empty()) {
        if (cover::cover_cost(p, base) <= ub + 1e-9) out.open = base;
        out.status = SolveStatus::Optimal;
        out.bound = cover::cover_cost(p, out.open);
        return out;
    }

    MipModel mm;
    MipOptions mo;
    for (std::size_t k = 0; k < core.sites.size(); ++k) mm.add_column(0, 1, core.cost[k] - core.tie[k], true);
    for (const auto& row : core.rows) {
        std::vector<int> cols(row.begin(), row.end());
        mm.add_row(1, kInf, cols, std::vector<double>(cols.size(), 1.0));
    }
    bool start_fits = true;
    for (std::size_t j = 0; j < m; ++j) start_fits = start_fits && (!base[j] || out.open[j]);
    // The incumbent as CBC's start, not as a cutoff: on scpb2 CBC proves it optimal
    // with the start and fails to with the cutoff alone (cutoff ub - 1 + 1e-3).
    if (strictly_better) mo.absolute_gap = 1.0 - 1e-6;
    if (start_fits) {
        for (std::size_t k = 0; k < core.sites.size(); ++k) mo.start.push_back(out.open[core.sites[k]]);
    }
    // CBC checks its clock only after the root node: with (almost) no time left it
    // is not started at all.
    if (seconds_until(deadline) < kMinMipSeconds) {
        out.status = SolveStatus::TimeLimit;
        out.bound = std::min(ub, lb);
        s.notes.push_back("time limit reached before CBC");
        return out;
    }
    mo.time_limit_s = std::max(0.01, seconds_until(deadline));
    mo.wall_clock = true;  // a user's time limit is in seconds on the clock
    mo.hard_stop = true;   // the incumbent stands if CBC is stopped inside its root node
    mo.log_level = opt.log_level;
    const MipResult res = solve_mip(mm, mo);
    if (res.stopped) s.notes.push_back("CBC stopped at the time limit inside its root node");
    if (!res.x.empty()) {
        std::vector<char> cand = base;
        for (std::size_t k = 0; k < core.sites.size(); ++k)
            if (res.x[k] > 0.5) cand[core.sites[k]] = 1;
        const double cost = cover::cover_cost(p, cand);
        if (cost < ub - 1e-9 || (!strictly_better && std::isfinite(cost) && tie_objective(cand) <= tie_objective(out.open) + 1e-12)) {
            out.open = std::move(cand);
            ub = cost;
        }
    }
    const double mip_bound = std::isfinite(res.bound) ? (integral ? std::ceil(res.bound + offset - 1e-6) : res.bound + offset)
                                                      : -kInf;
    if (strictly_better && res.status == SolveStatus::Infeasible) {
        out.status = SolveStatus::Optimal;  // no cover is cheaper than the incumbent
        out.bound = ub;
    } else {
        out.status = res.status == SolveStatus::Infeasible ? SolveStatus::TimeLimit : res.status;
        out.bound = std::min(ub, std::max(lb, mip_bound));
    }
    return out;
}

// Swap local search for MCLP: the best exchange of an open for a closed site,
// while it adds covered weight; ties to the lowest (closed, open) pair.
void mclp_swaps(const Rows& rows, const std::vector<double>& weight, const Rows& col, std::vector<char>& open,
                Clock::time_point deadline, double work_limit) {
    double work = 0.0;  // rows looked at: the budget that makes the result the same on every machine
    const std::size_t n = rows.size(), m = col.size();
    std::vector<int> count(n, 0);
    for (std::size_t j = 0; j < m; ++j)
        if (open[j])
            for (auto i : col[j]) ++count[i];
    for (int pass = 0; pass < 1000 && Clock::now() < deadline && work < work_limit; ++pass) {
        double best_delta = 1e-9;
        std::size_t best_in = m, best_out = m;
        for (std::size_t a = 0; a < m; ++a) {
            if (!open[a]) continue;
            double loss = 0.0;
            for (auto i : col[a])
                if (count[i] == 1) loss += weight[i];
            for (std::size_t c = 0; c < m; ++c) {
                if (open[c]) continue;
                work += static_cast<double>(col[c].size());
                double gain = 0.0;
                for (auto i : col[c])
                    if (count[i] == 0 || (count[i] == 1 && std::binary_search(rows[i].begin(), rows[i].end(), a)))
                        gain += weight[i];
                if (gain - loss > best_delta) best_delta = gain - loss, best_in = c, best_out = a;
            }
        }
        if (best_in == m) break;
        open[best_in] = 1;
        open[best_out] = 0;
        for (auto i : col[best_in]) ++count[i];
        for (auto i : col[best_out]) --count[i];
    }
}

}  // namespace

Solution solve_set_cover(const CoverInstance& inst, const SolveOptions& opt) {
    const auto start = Clock::now();
    const auto deadline = deadline_after(start, opt.time_limit_s);
    const Reduced r = reduce(inst, true);
    Solution s;
    s.notes.push_back("reduced to " + std::to_string(r.rows.size()) + " demands x " + std::to_string(r.sites.size()) +
                      " sites, " + std::to_string(r.forced.size()) + " sites forced");
    note_uncoverable(r, s);
    std::vector<char> open(r.sites.size(), 0);
    double forced_cost = 0.0;
    for (auto j : r.forced) forced_cost += inst.cost.empty() ? 1.0 : inst.cost[j];
    if (!r.rows.empty()) {
        const CoverOutcome c = solve_reduced_cover(r, deadline, opt, s);
        open = c.open;
        s.status = c.status;
        s.bound = c.bound + forced_cost;
    } else {
        s.status = SolveStatus::Optimal;
        s.bound = forced_cost;
    }
    s.selected = selected_sites(r, open);
    s.objective = forced_cost;
    for (std::size_t j = 0; j < open.size(); ++j)
        if (open[j]) s.objective += r.cost[j];
    const bool tie_break = any_positive(r.tie);
    if (!tie_break && s.status != SolveStatus::Optimal && s.objective <= s.bound + 1e-9) s.status = SolveStatus::Optimal;
    if (!r.uncoverable.empty()) s.status = SolveStatus::Infeasible;  // least-violating solution
    finish_gap(s);
    s.seconds = seconds_since(start);
    return s;
}

Solution solve_mclp(const CoverInstance& inst, std::size_t k, const SolveOptions& opt) {
    const auto start = Clock::now();
    const auto deadline = deadline_after(start, opt.time_limit_s);
    const Reduced r = reduce(inst, false);
    Solution s;
    s.notes.push_back("reduced to " + std::to_string(r.rows.size()) + " demands x " + std::to_string(r.sites.size()) +
                      " sites");
    note_uncoverable(r, s);
    const std::size_t n = r.rows.size(), m = r.sites.size();
    std::vector<std::vector<std::uint32_t>> col(m);
    for (std::size_t i = 0; i < n; ++i)
        for (auto j : r.rows[i]) col[j].push_back(static_cast<std::uint32_t>(i));
    const bool tie_break = any_positive(r.tie);
    double total_weight = 0.0;
    for (double w : r.weight) total_weight += w;
    const std::size_t k_eff = std::min(k, m);

    // A set cover within k sites covers every coverable demand: optimal at once.
    // Otherwise its Lagrangian bound says how many sites full coverage needs.
    std::vector<char> open(m, 0);
    bool proven_by_cover = false;
    if (n > 0 && k_eff > 0) {
        CoverInstance all;
        all.site_count = m;
        all.covers = r.rows;
        const Reduced rc = reduce(all, true);
        std::vector<char> cover_open(rc.sites.size(), 0);
        if (rc.forced.size() <= k_eff && !rc.rows.empty()) {
            const cover::Problem p{rc.rows, rc.cost};
            cover::LagrangianOptions lo;
            lo.deadline = deadline;
            lo.stop_above = static_cast<double>(k_eff - rc.forced.size());
            const auto lr = cover::lagrangian(p, cover::greedy(p), lo);
            cover_open = lr.cover;
            const double budget = static_cast<double>(k_eff - rc.forced.size());
            double cost = lr.cover_cost;
            if (cost > budget && std::ceil(lr.lower_bound - 1e-6) <= budget) {
                // A cover within k sites may exist: look for one with part of the time.
                cover::SearchOptions so;
                so.stop_at = budget;
                set_search_budget(so, opt, deadline, 0.1, 0.4);
                cost = cover::neighbourhood_search(p, cover_open, so).end_cost;
            }
            s.notes.push_back("full coverage needs at least " +
                              number(std::ceil(lr.lower_bound - 1e-6) + static_cast<double>(rc.forced.size())) +
                              " sites; best cover found " + number(cost + static_cast<double>(rc.forced.size())));
        }
        const auto cover_sites = selected_sites(rc, cover_open);  // positions in r
        if (cover_sites.size() <= k_eff) {
            for (auto j : cover_sites) open[j] = 1;
            proven_by_cover = true;
        }
    }
    if (!proven_by_cover) {
        // Greedy start: k times the site adding the most uncovered weight, then swaps.
        std::vector<char> covered(n, 0);
        for (std::size_t step = 0; step < k_eff; ++step) {
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
        mclp_swaps(r.rows, r.weight, col, open, deadline, kSwapWorkPerSecond * 0.1 * limit_seconds(opt));
    }
    double bound = kInf;
    // The Lagrangian bound: proves the start optimal where it meets it, and stands
    // as the bound if CBC is stopped before it has one.
    double lagrangian_bound = total_weight;
    cover::MclpBound mb;
    if (!proven_by_cover && n > 0 && k_eff > 0) {
        double start_weight = covered_weight(r.rows, r.weight, open);
        cover::MclpBoundOptions bo;
        bo.integral = all_integer(r.weight);
        bo.deadline = deadline;
        mb = cover::mclp_upper_bound(r.rows, m, r.weight, k_eff, start_weight, bo);
        lagrangian_bound = bo.integral ? std::floor(mb.upper_bound + 1e-6) : mb.upper_bound;
        lagrangian_bound = std::min(lagrangian_bound, total_weight);
        s.notes.push_back("Lagrangian bound " + number(mb.upper_bound + r.fixed_weight) + " after " +
                          std::to_string(mb.iterations) + " iterations; start covers " +
                          number(start_weight + r.fixed_weight) + ", the best relaxed choice " +
                          number(mb.best_weight + r.fixed_weight));
        if (!tie_break && mb.best_weight > start_weight + 1e-9) {
            open = mb.best_open;
            mclp_swaps(r.rows, r.weight, col, open, deadline, kSwapWorkPerSecond * 0.05 * limit_seconds(opt));
            start_weight = covered_weight(r.rows, r.weight, open);
            s.notes.push_back("the relaxed choice and swaps cover " + number(start_weight + r.fixed_weight));
        }
        if (!tie_break && start_weight >= lagrangian_bound - 1e-9) proven_by_cover = true;
    }
    if (!proven_by_cover && n > 0 && k_eff > 0) {
        // Larger moves than one swap, with part of the time (up to the bound).
        cover::SearchOptions so;
        so.integral = all_integer(r.weight) && !tie_break;
        so.free_columns = 2;
        so.max_free_columns = 4;
        so.grow = 1;
        so.stop_at = lagrangian_bound;
        set_search_budget(so, opt, deadline, 0.15, 0.6, kMclpSearchWorkPerSecond);
        const auto st = cover::mclp_neighbourhood_search(r.rows, m, r.weight, open, so);
        s.notes.push_back(search_note(st, "covered", r.fixed_weight));
        if (!tie_break && st.end_cost >= lagrangian_bound - 1e-9) proven_by_cover = true;
    }
    if (proven_by_cover && !tie_break) {
        s.status = SolveStatus::Optimal;
        s.notes.push_back(lagrangian_bound < total_weight ? "the Lagrangian bound proves the start optimal"
                                                          : "a cover within k sites: every coverable demand is covered");
    } else if (n > 0 && k > 0 && seconds_until(deadline) < kMinMipSeconds) {
        s.status = SolveStatus::TimeLimit;  // CBC would overrun: see solve_reduced_cover
        bound = lagrangian_bound + r.fixed_weight;
        s.notes.push_back("time limit reached before CBC");
    } else if (n > 0 && k > 0) {
        const bool integral_weight = all_integer(r.weight);
        auto covered_by = [&](const std::vector<char>& o) { return covered_weight(r.rows, r.weight, o); };
        const double incumbent = covered_by(open);
        // Lagrangian fixing: sites that every better choice leaves closed (0) or opens (1).
        std::vector<signed char> fix(m, -1);
        if (!tie_break && mb.multipliers.size() > 0) {
            const double threshold = integral_weight ? incumbent + 1.0 - 1e-6 : incumbent + 1e-9 * std::max(1.0, incumbent);
            fix = cover::mclp_fixing(r.rows, m, r.weight, k_eff, mb, threshold);
        }
        std::vector<int> place(m, -1);  // a free site's column in the core
        std::vector<std::size_t> free_sites;
        std::vector<char> base(m, 0);   // the sites every better choice opens
        std::size_t fixed0 = 0, fixed1 = 0;
        for (std::size_t j = 0; j < m; ++j) {
            if (fix[j] == 0) ++fixed0;
            else if (fix[j] == 1) ++fixed1, base[j] = 1;
            else place[j] = static_cast<int>(free_sites.size()), free_sites.push_back(j);
        }
        if (fixed0 + fixed1 > 0)
            s.notes.push_back("Lagrangian fixing: " + std::to_string(fixed0) + " sites out, " + std::to_string(fixed1) +
                              " in; core of " + std::to_string(free_sites.size()) + " sites");
        if (fixed1 > k_eff) {
            // Every better choice would need more than k sites: there is none.
            s.status = SolveStatus::Optimal;
            bound = incumbent + r.fixed_weight;
        } else {
            // The core: free sites, and the demands the fixed-open sites leave that a
            // free site covers; at most k - (fixed open) sites.
            MipModel mm;
            mm.set_maximize(true);
            MipOptions mo;
            bool start_fits = true;
            for (std::size_t j = 0; j < m; ++j)
                start_fits = start_fits && (fix[j] < 0 || (fix[j] == 1) == (open[j] != 0));
            for (std::size_t j : free_sites) {
                mm.add_column(0, 1, r.tie[j], true);
                mo.start.push_back(open[j]);
            }
            const double base_weight = covered_by(base);
            for (std::size_t i = 0; i < n; ++i) {
                bool fixed_covers = false, c = false;
                std::vector<int> cols;
                std::vector<double> coef;
                for (auto j : r.rows[i]) {
                    fixed_covers = fixed_covers || base[j];
                    if (place[j] >= 0) cols.push_back(place[j]), coef.push_back(-1.0), c = c || open[j];
                }
                if (fixed_covers || cols.empty()) continue;
                const int z = mm.add_column(0, 1, r.weight[i], false);
                mo.start.push_back(c ? 1.0 : 0.0);
                cols.insert(cols.begin(), z);
                coef.insert(coef.begin(), 1.0);
                mm.add_row(-kInf, 0.0, cols, coef);  // z_i <= sum of y_j covering i
            }
            std::vector<int> all(free_sites.size());
            std::iota(all.begin(), all.end(), 0);
            mm.add_row(-kInf, static_cast<double>(k_eff - fixed1), all, std::vector<double>(all.size(), 1.0));
            if (!start_fits) mo.start.clear();
            mo.time_limit_s = std::max(0.01, seconds_until(deadline));
            mo.wall_clock = true;  // a user's time limit is in seconds on the clock
            mo.absolute_gap = integral_weight && !tie_break ? 1.0 - 1e-6 : 1e-6;
            mo.log_level = opt.log_level;
            mo.hard_stop = true;  // the start stands if CBC is stopped inside its root node
            const MipResult res = solve_mip(mm, mo);
            if (res.stopped) s.notes.push_back("CBC stopped at the time limit inside its root node");
            if (!res.x.empty()) {
                std::vector<char> cand = base;
                for (std::size_t q = 0; q < free_sites.size(); ++q)
                    if (res.x[q] > 0.5) cand[free_sites[q]] = 1;
                const double w = covered_by(cand);
                if (w > incumbent + 1e-9 || (tie_break && w >= incumbent - 1e-9)) open = std::move(cand);
            }
            s.status = res.status == SolveStatus::Infeasible ? SolveStatus::TimeLimit : res.status;
            bound = lagrangian_bound + r.fixed_weight;
            if (std::isfinite(res.bound)) {
                // Outside the core nothing beats the incumbent.
                const double core = integral_weight ? std::floor(res.bound + 1e-6) : res.bound;
                bound = std::min(bound, std::max(incumbent, core + base_weight) + r.fixed_weight);
            }
        }
    } else {
        s.status = SolveStatus::Optimal;
    }
    s.selected = selected_sites(r, open);
    s.objective = r.fixed_weight + covered_weight(r.rows, r.weight, open);
    s.bound = std::isfinite(bound) ? bound : s.objective;
    if (s.status != SolveStatus::Optimal && s.objective >= s.bound - 1e-9) s.status = SolveStatus::Optimal;
    finish_gap(s);
    s.seconds = seconds_since(start);
    return s;
}

}  // namespace stationplan::plan

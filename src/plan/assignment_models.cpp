#include "plan/assignment_models.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "plan/mip.hpp"

namespace stationplan::plan {
namespace {

// Distances enter in kilometres. A change outweighs any distance one deputy can
// save (options are a few kilometres at most); a new station outweighs every change
// together; a violation outweighs every new station together.
struct Weights {
    double distance_per_m = 1e-3;
    double change;
    double open;
    double violation;
    explicit Weights(const AssignmentInstance& inst) {
        double longest = 0.0;
        for (const auto& opts : inst.options)
            for (const auto& o : opts) longest = std::max(longest, o.distance_m);
        const double n = static_cast<double>(inst.demand_count()), m = static_cast<double>(inst.site_count());
        change = std::ceil(longest * distance_per_m) + 1.0;
        open = change * (n + m + 1.0);
        violation = open * (m + 1.0);
    }
};

bool is_open_by_default(SiteRole r) { return r != SiteRole::Candidate; }

}  // namespace

double assignment_objective(const AssignmentInstance& inst, const std::vector<std::ptrdiff_t>& assignment,
                            const std::vector<char>& open) {
    const Weights w(inst);
    double obj = 0.0;
    std::vector<int> load(inst.site_count(), 0);
    std::vector<char> in_move_group(inst.site_count(), 0);
    for (const auto& g : inst.move_groups)
        for (auto s : g) in_move_group[s] = 1;
    for (std::size_t i = 0; i < inst.demand_count(); ++i) {
        if (assignment[i] < 0) continue;
        const auto site = static_cast<std::uint32_t>(assignment[i]);
        ++load[site];
        for (const auto& o : inst.options[i]) {
            if (o.site != site) continue;
            obj += w.distance_per_m * o.distance_m;
            const bool could_be_within =
                std::any_of(inst.options[i].begin(), inst.options[i].end(), [](const auto& x) { return x.within_radius; });
            if (!o.within_radius && could_be_within) obj += w.violation;
        }
        if (!inst.current.empty() && inst.current[i] != assignment[i]) obj += w.change;
    }
    for (std::size_t j = 0; j < inst.site_count(); ++j) {
        const bool was_open = is_open_by_default(inst.role[j]);
        if (open[j] && inst.role[j] == SiteRole::Candidate && !in_move_group[j]) obj += w.open;
        if (!open[j] && was_open) obj += w.change;  // closed, or moved away
        if (!open[j]) continue;
        if (load[j] < inst.min_load[j]) obj += w.violation * (inst.min_load[j] - load[j]);
        if (load[j] > inst.max_load[j]) obj += w.violation * (load[j] - inst.max_load[j]);
    }
    return obj;
}

AssignmentPlan solve_assignment_plan(const AssignmentInstance& inst, const SolveOptions& opt) {
    const auto start = std::chrono::steady_clock::now();
    const Weights w(inst);
    const std::size_t n = inst.demand_count(), m = inst.site_count();
    AssignmentPlan plan;
    MipModel mip;

    std::vector<char> in_move_group(m, 0);
    for (const auto& g : inst.move_groups)
        for (auto s : g) in_move_group[s] = 1;
    // y_j: site open. Fixed sites are open (bounds 1..1) unless they can move.
    std::vector<int> y(m);
    double constant = 0.0;  // the objective's constant part (see the closing cost below)
    for (std::size_t j = 0; j < m; ++j) {
        const SiteRole r = inst.role[j];
        const double lower = (r == SiteRole::Fixed && !in_move_group[j]) ? 1.0 : 0.0;
        double cost = 0.0;
        if (r == SiteRole::Candidate && !in_move_group[j]) cost = w.open;
        // Closing or moving away an existing station is a change: pay it when y = 0,
        // i.e. a constant plus -change * y.
        if (is_open_by_default(r) && lower == 0.0) {
            cost = -w.change;
            constant += w.change;
        }
        y[j] = mip.add_column(lower, 1.0, cost, true);
    }

    // x_ij: demand i goes to option k.
    std::vector<std::vector<int>> x(n);
    std::vector<std::vector<std::pair<int, double>>> site_rows(m);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& opts = inst.options[i];
        const bool could_be_within = std::any_of(opts.begin(), opts.end(), [](const auto& o) { return o.within_radius; });
        for (const auto& o : opts) {
            double cost = w.distance_per_m * o.distance_m;
            if (!o.within_radius && could_be_within) cost += w.violation;
            if (!inst.current.empty() && inst.current[i] != static_cast<std::ptrdiff_t>(o.site)) cost += w.change;
            const int col = mip.add_column(0, 1, cost, true);
            x[i].push_back(col);
            site_rows[o.site].push_back({col, 1.0});
            // x_ij <= y_j: a deputy only goes to an open station.
            mip.add_row(-kInf, 0.0, {col, y[o.site]}, {1.0, -1.0});
        }
        if (!opts.empty()) mip.add_row(1.0, 1.0, x[i], std::vector<double>(x[i].size(), 1.0));
    }
    // Loads: min*y - under <= load <= max*y + over (slack only for existing stations;
    // a new station must respect its range).
    for (std::size_t j = 0; j < m; ++j) {
        std::vector<int> cols;
        std::vector<double> coef;
        for (auto [c, v] : site_rows[j]) cols.push_back(c), coef.push_back(v);
        const bool soft = inst.role[j] != SiteRole::Candidate;
        // load - max*y - over <= 0
        std::vector<int> upper_cols = cols;
        std::vector<double> upper_coef = coef;
        upper_cols.push_back(y[j]);
        upper_coef.push_back(-inst.max_load[j]);
        if (soft) {
            upper_cols.push_back(mip.add_column(0, kInf, w.violation, true));
            upper_coef.push_back(-1.0);
        }
        mip.add_row(-kInf, 0.0, upper_cols, upper_coef);
        // load - min*y + under >= 0
        std::vector<int> lower_cols = cols;
        std::vector<double> lower_coef = coef;
        lower_cols.push_back(y[j]);
        lower_coef.push_back(-inst.min_load[j]);
        if (soft) {
            lower_cols.push_back(mip.add_column(0, kInf, w.violation, true));
            lower_coef.push_back(1.0);
        }
        mip.add_row(0.0, kInf, lower_cols, lower_coef);
    }
    for (const auto& g : inst.move_groups) {
        std::vector<int> cols;
        for (auto s : g) cols.push_back(y[s]);
        mip.add_row(1.0, 1.0, cols, std::vector<double>(cols.size(), 1.0));
    }

    MipOptions mo;
    mo.time_limit_s = opt.time_limit_s;
    mo.wall_clock = true;
    mo.log_level = opt.log_level;
    mo.relative_gap = 0.0;
    mo.absolute_gap = w.distance_per_m * 0.01;  // centimetres
    const MipResult res = solve_mip(mip, mo);

    Solution& s = plan.solution;
    s.status = res.status;
    s.assignment.assign(n, -1);
    std::vector<char> open(m, 0);
    if (!res.x.empty()) {
        for (std::size_t j = 0; j < m; ++j) open[j] = res.x[static_cast<std::size_t>(y[j])] > 0.5;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t k = 0; k < x[i].size(); ++k)
                if (res.x[static_cast<std::size_t>(x[i][k])] > 0.5) s.assignment[i] = inst.options[i][k].site;
    }
    if (res.x.empty()) {
        s.notes.push_back("no plan found within the time limit");
    } else {
        s.objective = assignment_objective(inst, s.assignment, open);
        s.bound = std::min(s.objective, res.bound + constant);
        if (std::abs(s.objective - (res.objective + constant)) > 1e-6 * std::max(1.0, std::abs(s.objective)))
            s.notes.push_back("objective recomputation differs from the solver's: " + std::to_string(s.objective) +
                              " vs " + std::to_string(res.objective + constant));
    }
    for (std::size_t j = 0; j < m; ++j)
        if (open[j]) s.selected.push_back(j);

    // Describe the plan.
    std::vector<int> load(m, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (inst.options[i].empty()) {
            plan.unassigned.push_back(i);
            continue;
        }
        const auto site = s.assignment[i];
        if (site < 0) continue;
        ++load[static_cast<std::size_t>(site)];
        for (const auto& o : inst.options[i])
            if (o.site == site) {
                plan.total_distance_m += o.distance_m;
                if (!o.within_radius) plan.beyond_radius.push_back(i);
            }
        if (!inst.current.empty() && inst.current[i] != site) ++plan.changes;
    }
    std::vector<char> moved_target(m, 0);
    for (const auto& g : inst.move_groups) {
        if (open[g.front()]) continue;
        for (std::size_t k = 1; k < g.size(); ++k)
            if (open[g[k]]) {
                plan.moved.push_back({g.front(), g[k]});
                moved_target[g[k]] = 1;
            }
    }
    for (std::size_t j = 0; j < m; ++j) {
        const auto sj = static_cast<std::uint32_t>(j);
        if (inst.role[j] == SiteRole::Candidate && open[j] && !moved_target[j]) plan.opened.push_back(sj);
        if (inst.role[j] == SiteRole::Closable && !open[j] && !in_move_group[j]) plan.closed.push_back(sj);
        if (!open[j]) continue;
        if (load[j] < inst.min_load[j]) plan.under_loaded.push_back(sj);
        if (load[j] > inst.max_load[j]) plan.over_loaded.push_back(sj);
    }
    finish_gap(s);
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return plan;
}

}  // namespace stationplan::plan

#include "plan/assignment_models.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <queue>

#include <fmt/format.h>

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

// Parts with more columns than this run CBC in a child process killed at the limit
// (MipOptions::hard_stop), from a greedy start: CBC cannot stop inside its root
// node, whose LP alone can take minutes on a whole city.
constexpr std::size_t kHardStopColumns = 20000;

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

namespace {

// The parts of an instance that share no site: the demands of one part have no
// option in another, and a move group lies in one part. Parts are solved apart;
// since every goal of the weighted objective is a sum over deputies and sites, the
// best plan of each part together make the best plan of the whole.
struct Part {
    std::vector<std::size_t> demands;    // ascending
    std::vector<std::uint32_t> sites;    // ascending
    std::size_t options = 0;             // assignment columns
};

std::vector<Part> independent_parts(const AssignmentInstance& inst) {
    const std::size_t m = inst.site_count();
    std::vector<std::uint32_t> parent(m);
    std::iota(parent.begin(), parent.end(), 0u);
    auto find = [&](std::uint32_t v) {
        while (parent[v] != v) v = parent[v] = parent[parent[v]];
        return v;
    };
    auto join = [&](std::uint32_t a, std::uint32_t b) {
        a = find(a), b = find(b);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    };
    for (const auto& opts : inst.options)
        for (std::size_t k = 1; k < opts.size(); ++k) join(opts[0].site, opts[k].site);
    for (const auto& g : inst.move_groups)
        for (std::size_t k = 1; k < g.size(); ++k) join(g[0], g[k]);
    std::vector<std::ptrdiff_t> part_of_root(m, -1);
    std::vector<Part> parts;
    for (std::uint32_t j = 0; j < m; ++j) {
        const std::uint32_t r = find(j);
        if (part_of_root[r] < 0) {
            part_of_root[r] = static_cast<std::ptrdiff_t>(parts.size());
            parts.emplace_back();
        }
        parts[static_cast<std::size_t>(part_of_root[r])].sites.push_back(j);
    }
    for (std::size_t i = 0; i < inst.demand_count(); ++i) {
        if (inst.options[i].empty()) continue;
        Part& p = parts[static_cast<std::size_t>(part_of_root[find(inst.options[i][0].site)])];
        p.demands.push_back(i);
        p.options += inst.options[i].size();
    }
    return parts;
}

// One part's answer, in the whole instance's indexes.
struct PartAnswer {
    SolveStatus status = SolveStatus::Optimal;
    double objective = 0.0;   // the solver's value of this part's share of the objective; NaN: none
    double bound = 0.0;       // its bound; NaN: none
    bool has_plan = true;     // every demand of the part is assigned
    bool stopped = false;     // the solver was stopped at the limit: the answer is the start, if any
};

// A site alone, with no demand and no move group, needs no solver: an existing
// station stays open unless it may close and would be under its minimum; a
// candidate stays closed.
bool lone_site_open(const AssignmentInstance& inst, std::uint32_t j) {
    switch (inst.role[j]) {
        case SiteRole::Fixed: return true;
        case SiteRole::Closable: return inst.min_load[j] <= 0;
        case SiteRole::Candidate: return false;
    }
    return false;
}

// A feasible plan to start from, for parts too large to be sure CBC finishes: every
// demand at an existing station (its own when within the radius, else the nearest
// existing one within it, else its own, else the nearest), then new stations opened
// greedily where at least their minimum of deputies are beyond the radius (or have
// no existing option at all) and could be served within it. Empty when some demand
// has only candidate options that no greedy opening serves.
struct Start {
    std::vector<std::ptrdiff_t> site;  // per part demand (index into inst sites)
    std::vector<char> open;            // per instance site (only the part's sites are read)
};

std::optional<Start> greedy_start(const AssignmentInstance& inst, const Part& part) {
    Start st;
    st.site.assign(part.demands.size(), -1);
    st.open.assign(inst.site_count(), 0);
    std::vector<char> grouped_target(inst.site_count(), 0);
    for (const auto& g : inst.move_groups)
        for (std::size_t k = 1; k < g.size(); ++k) grouped_target[g[k]] = 1;
    for (auto j : part.sites) st.open[j] = is_open_by_default(inst.role[j]) && !grouped_target[j];
    std::vector<int> load(inst.site_count(), 0);
    // Most constrained first: demands with the fewest open stations within the radius.
    auto within_count = [&](std::size_t q) {
        std::size_t c = 0;
        for (const auto& o : inst.options[part.demands[q]]) c += (st.open[o.site] && o.within_radius) ? 1 : 0;
        return c;
    };
    std::vector<std::pair<std::size_t, std::size_t>> order;
    for (std::size_t q = 0; q < part.demands.size(); ++q) order.push_back({within_count(q), q});
    std::sort(order.begin(), order.end());
    std::vector<char> wants(part.demands.size(), 0);  // beyond the radius, over a maximum, or unplaced
    for (const auto& [count, q] : order) {
        const std::size_t i = part.demands[q];
        const AssignmentOption *own = nullptr, *near_room = nullptr, *near = nullptr, *any = nullptr;
        for (const auto& o : inst.options[i]) {
            if (!st.open[o.site]) continue;
            if (!inst.current.empty() && inst.current[i] == static_cast<std::ptrdiff_t>(o.site)) own = &o;
            if (o.within_radius && load[o.site] < inst.max_load[o.site] && (!near_room || o.distance_m < near_room->distance_m))
                near_room = &o;
            if (o.within_radius && (!near || o.distance_m < near->distance_m)) near = &o;
            if (!any || o.distance_m < any->distance_m) any = &o;
        }
        const bool own_fits = own && own->within_radius && load[own->site] < inst.max_load[own->site];
        const AssignmentOption* pick = own_fits ? own : near_room ? near_room : (own && own->within_radius) ? own
                                                                      : near ? near : own ? own : any;
        if (pick) {
            st.site[q] = pick->site;
            ++load[pick->site];
        }
        wants[q] = !pick || !pick->within_radius || load[pick->site] > inst.max_load[pick->site];
    }
    // Greedy openings: the candidate with the most wanting demands within the
    // radius, while that is at least its minimum; it takes up to its maximum, nearest
    // first. Counts only fall as demands are served, so a lazy max-heap holds them:
    // a popped count is recomputed and pushed back when it has fallen.
    std::map<std::uint32_t, std::vector<std::pair<double, std::size_t>>> reach;  // candidate -> (distance, demand)
    for (std::size_t q = 0; q < part.demands.size(); ++q) {
        if (!wants[q]) continue;
        for (const auto& o : inst.options[part.demands[q]])
            if (inst.role[o.site] == SiteRole::Candidate && !grouped_target[o.site] && o.within_radius)
                reach[o.site].push_back({o.distance_m, q});
    }
    auto wanting = [&](const std::vector<std::pair<double, std::size_t>>& list) {
        std::size_t c = 0;
        for (const auto& e : list) c += wants[e.second] ? 1 : 0;
        return c;
    };
    std::priority_queue<std::pair<std::size_t, std::int64_t>> heap;  // (count, -site): most, then lowest index
    for (auto& [j, list] : reach) {
        std::sort(list.begin(), list.end());
        heap.push({list.size(), -static_cast<std::int64_t>(j)});
    }
    while (!heap.empty()) {
        const auto [count, neg] = heap.top();
        heap.pop();
        const auto j = static_cast<std::uint32_t>(-neg);
        const auto& list = reach[j];
        const std::size_t now = wanting(list);
        if (now < count) {
            if (now > 0) heap.push({now, neg});
            continue;
        }
        if (now < static_cast<std::size_t>(std::max(1, inst.min_load[j]))) continue;  // never grows again
        const std::size_t take = std::min(now, static_cast<std::size_t>(std::max(0, inst.max_load[j])));
        if (take < static_cast<std::size_t>(inst.min_load[j])) continue;
        st.open[j] = 1;
        std::size_t taken = 0;
        for (const auto& [metres, q] : list) {
            if (taken == take) break;
            if (!wants[q]) continue;
            if (st.site[q] >= 0) --load[static_cast<std::size_t>(st.site[q])];
            st.site[q] = j;
            ++load[j];
            wants[q] = 0;
            ++taken;
        }
    }
    for (auto s : st.site)
        if (s < 0) return std::nullopt;
    return st;
}

using Clock = std::chrono::steady_clock;

// deadline: when this part's share of the time limit ends (building the model and
// the start count against it).
PartAnswer solve_part(const AssignmentInstance& inst, const Part& part, const Weights& w, Clock::time_point deadline,
                      int log_level, std::vector<std::ptrdiff_t>& assignment, std::vector<char>& open) {
    PartAnswer answer;
    if (part.demands.empty() && part.sites.size() == 1) {
        const auto j = part.sites.front();
        open[j] = lone_site_open(inst, j);
        // Its share of the objective: an open station below its minimum, or a change.
        if (open[j]) answer.objective = w.violation * std::max(0, inst.min_load[j]);
        else if (is_open_by_default(inst.role[j])) answer.objective = w.change;
        answer.bound = answer.objective;
        return answer;
    }
    std::vector<char> in_move_group(inst.site_count(), 0);
    for (const auto& g : inst.move_groups)
        for (auto s : g) in_move_group[s] = 1;
    MipModel mip;
    // y_j: site open. Fixed sites are open (bounds 1..1) unless they can move.
    std::map<std::uint32_t, int> y;
    double constant = 0.0;  // the objective's constant part (see the closing cost below)
    for (auto j : part.sites) {
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
    // x_ik: demand i goes to its option k.
    std::vector<std::vector<int>> x(part.demands.size());
    std::map<std::uint32_t, std::vector<int>> site_cols;
    for (std::size_t q = 0; q < part.demands.size(); ++q) {
        const std::size_t i = part.demands[q];
        const auto& opts = inst.options[i];
        const bool could_be_within = std::any_of(opts.begin(), opts.end(), [](const auto& o) { return o.within_radius; });
        for (const auto& o : opts) {
            double cost = w.distance_per_m * o.distance_m;
            if (!o.within_radius && could_be_within) cost += w.violation;
            if (!inst.current.empty() && inst.current[i] != static_cast<std::ptrdiff_t>(o.site)) cost += w.change;
            const int col = mip.add_column(0, 1, cost, true);
            x[q].push_back(col);
            site_cols[o.site].push_back(col);
            // x_ik <= y_j: a deputy only goes to an open station (nothing to say
            // for a station that is always open).
            if (inst.role[o.site] != SiteRole::Fixed || in_move_group[o.site])
                mip.add_row(-kInf, 0.0, {col, y[o.site]}, {1.0, -1.0});
        }
        mip.add_row(1.0, 1.0, x[q], std::vector<double>(x[q].size(), 1.0));
    }
    // Loads: min*y - under <= load <= max*y + over (slack only for existing stations;
    // a new station must respect its range).
    std::map<std::uint32_t, std::pair<int, int>> slack;  // site -> (over, under) columns
    for (auto j : part.sites) {
        std::vector<int> cols = site_cols[j];
        std::vector<double> coef(cols.size(), 1.0);
        const bool soft = inst.role[j] != SiteRole::Candidate;
        std::vector<int> upper_cols = cols;
        std::vector<double> upper_coef = coef;
        upper_cols.push_back(y[j]);
        upper_coef.push_back(-inst.max_load[j]);
        int over = -1, under = -1;
        if (soft) {
            over = mip.add_column(0, kInf, w.violation, true);
            upper_cols.push_back(over);
            upper_coef.push_back(-1.0);
        }
        mip.add_row(-kInf, 0.0, upper_cols, upper_coef);
        std::vector<int> lower_cols = cols;
        std::vector<double> lower_coef = coef;
        lower_cols.push_back(y[j]);
        lower_coef.push_back(-inst.min_load[j]);
        if (soft) {
            under = mip.add_column(0, kInf, w.violation, true);
            lower_cols.push_back(under);
            lower_coef.push_back(1.0);
        }
        mip.add_row(0.0, kInf, lower_cols, lower_coef);
        slack[j] = {over, under};
    }
    for (const auto& g : inst.move_groups) {
        if (!std::binary_search(part.sites.begin(), part.sites.end(), g.front())) continue;
        std::vector<int> cols;
        for (auto s : g) cols.push_back(y[s]);
        mip.add_row(1.0, 1.0, cols, std::vector<double>(cols.size(), 1.0));
    }

    MipOptions mo;
    mo.wall_clock = true;
    mo.log_level = log_level;
    mo.relative_gap = 0.0;
    mo.absolute_gap = w.distance_per_m * 0.01;  // centimetres
    // A part too large for CBC's root node to end surely within the limit runs in a
    // child process killed at the limit, from a greedy start that then stands.
    std::optional<Start> start;
    if (static_cast<std::size_t>(mip.column_count()) > kHardStopColumns) {
        mo.hard_stop = true;
        start = greedy_start(inst, part);
        if (start) {
            mo.start.assign(static_cast<std::size_t>(mip.column_count()), 0.0);
            std::map<std::uint32_t, int> load;
            for (auto j : part.sites) mo.start[static_cast<std::size_t>(y[j])] = start->open[j] ? 1.0 : 0.0;
            for (std::size_t q = 0; q < part.demands.size(); ++q) {
                const auto& opts = inst.options[part.demands[q]];
                for (std::size_t k = 0; k < opts.size(); ++k)
                    if (static_cast<std::ptrdiff_t>(opts[k].site) == start->site[q]) mo.start[static_cast<std::size_t>(x[q][k])] = 1.0;
                ++load[static_cast<std::uint32_t>(start->site[q])];
            }
            for (auto j : part.sites) {
                const auto [over, under] = slack[j];
                const int l = load[j], open_j = start->open[j];
                if (over >= 0) mo.start[static_cast<std::size_t>(over)] = std::max(0, l - inst.max_load[j] * open_j);
                if (under >= 0) mo.start[static_cast<std::size_t>(under)] = std::max(0, inst.min_load[j] * open_j - l);
            }
        }
    }
    mo.time_limit_s = std::max(0.05, std::chrono::duration<double>(deadline - Clock::now()).count());
    const MipResult res = solve_mip(mip, mo);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    answer.status = res.status;
    answer.stopped = res.stopped;
    answer.objective = res.x.empty() ? nan : res.objective + constant;
    answer.bound = std::isfinite(res.bound) ? res.bound + constant : nan;
    if (!res.x.empty()) {
        for (auto j : part.sites) open[j] = res.x[static_cast<std::size_t>(y[j])] > 0.5;
        for (std::size_t q = 0; q < part.demands.size(); ++q) {
            const auto& opts = inst.options[part.demands[q]];
            for (std::size_t k = 0; k < opts.size(); ++k)
                if (res.x[static_cast<std::size_t>(x[q][k])] > 0.5) assignment[part.demands[q]] = opts[k].site;
        }
    } else if (start) {
        for (auto j : part.sites) open[j] = start->open[j];
        for (std::size_t q = 0; q < part.demands.size(); ++q) assignment[part.demands[q]] = start->site[q];
        answer.status = SolveStatus::TimeLimit;
    } else {
        answer.status = SolveStatus::TimeLimit;
        answer.has_plan = part.demands.empty();
    }
    return answer;
}

}  // namespace

AssignmentPlan solve_assignment_plan(const AssignmentInstance& inst, const SolveOptions& opt) {
    const auto start = Clock::now();
    const Weights w(inst);
    const std::size_t n = inst.demand_count(), m = inst.site_count();
    AssignmentPlan plan;
    Solution& s = plan.solution;
    s.assignment.assign(n, -1);
    std::vector<char> open(m, 0);

    // The parts, smallest first: each gets its share of the time left by size, and
    // what a small part does not use passes to the larger ones.
    std::vector<char> in_move_group(m, 0);
    for (const auto& g : inst.move_groups)
        for (auto site : g) in_move_group[site] = 1;
    std::vector<Part> parts = independent_parts(inst);
    std::stable_sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.options < b.options; });
    double work_left = 0.0;
    for (const auto& p : parts) work_left += static_cast<double>(p.options + p.sites.size());
    const double limit = std::max(0.01, opt.time_limit_s);
    bool all_optimal = true, no_plan = false;
    double objective = 0.0, bound = 0.0;  // the solver's, summed over the parts (NaN when one has none)
    std::size_t stopped = 0, largest = 0, solved = 0;
    for (const auto& part : parts) {
        const double work = static_cast<double>(part.options + part.sites.size());
        const double left = limit - std::chrono::duration<double>(Clock::now() - start).count();
        const double share = std::max(0.05, left * work / std::max(1.0, work_left));
        work_left -= work;
        const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(share));
        const PartAnswer a = solve_part(inst, part, w, deadline, opt.log_level, s.assignment, open);
        if (!part.demands.empty()) ++solved;
        largest = std::max(largest, part.demands.size());
        all_optimal = all_optimal && a.status == SolveStatus::Optimal;
        no_plan = no_plan || !a.has_plan;
        stopped += a.stopped ? 1 : 0;
        objective += a.objective;
        bound += a.bound;
    }
    if (solved > 1)
        s.notes.push_back(fmt::format("solved in {} independent parts (deputies with no station or site in common); the "
                                      "largest has {} deputies",
                                      solved, largest));
    if (stopped > 0)
        s.notes.push_back(fmt::format("{} part(s) stopped at the time limit; their plan is the greedy start", stopped));

    if (no_plan) {
        s.status = SolveStatus::TimeLimit;
        s.notes.push_back("no plan found within the time limit");
    } else {
        s.objective = assignment_objective(inst, s.assignment, open);
        s.status = all_optimal ? SolveStatus::Optimal : SolveStatus::TimeLimit;
        s.bound = std::isfinite(bound) ? std::min(s.objective, bound) : std::numeric_limits<double>::quiet_NaN();
        if (std::isfinite(objective) && std::abs(s.objective - objective) > 1e-6 * std::max(1.0, std::abs(s.objective)))
            s.notes.push_back("objective recomputation differs from the solver's: " + std::to_string(s.objective) + " vs " +
                              std::to_string(objective));
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

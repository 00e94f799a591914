// The capacitated assignment/plan MIP against exhaustive enumeration of open sets
// and assignments on small seeded instances.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "plan/assignment_models.hpp"

namespace stationplan::plan {
namespace {

AssignmentInstance random_instance(unsigned seed) {
    std::mt19937_64 rng(seed);
    AssignmentInstance inst;
    const std::size_t n = 5 + seed % 2, m = 4;
    inst.role = {SiteRole::Fixed, seed % 2 ? SiteRole::Closable : SiteRole::Fixed, SiteRole::Candidate, SiteRole::Candidate};
    inst.min_load = {2, 2, 2, 1};
    inst.max_load = {3, 3, 3, 2};
    if (seed % 3 == 0) inst.move_groups = {{0, 3}};  // station 0 may move to site 3
    inst.options.resize(n);
    inst.current.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::uint32_t j = 0; j < m; ++j) {
            if (rng() % 5 == 0) continue;  // not an option
            const double d = static_cast<double>(100 + rng() % 1500);
            inst.options[i].push_back({j, d, d <= 1000.0});
        }
        inst.current[i] = static_cast<std::ptrdiff_t>(rng() % 2);
    }
    return inst;
}

double brute_force(const AssignmentInstance& inst) {
    const std::size_t n = inst.demand_count(), m = inst.site_count();
    double best = 1e300;
    for (std::uint32_t mask = 0; mask < (1u << m); ++mask) {
        std::vector<char> open(m);
        bool ok = true;
        for (std::size_t j = 0; j < m; ++j) open[j] = mask >> j & 1;
        std::vector<char> grouped(m, 0);
        for (const auto& g : inst.move_groups) {
            int count = 0;
            for (auto s : g) count += open[s], grouped[s] = 1;
            ok = ok && count == 1;
        }
        for (std::size_t j = 0; j < m; ++j)
            if (inst.role[j] == SiteRole::Fixed && !grouped[j] && !open[j]) ok = false;
        if (!ok) continue;
        // Every assignment of demands to their open options.
        std::vector<std::size_t> pick(n, 0);
        while (true) {
            std::vector<std::ptrdiff_t> a(n, -1);
            bool valid = true;
            for (std::size_t i = 0; i < n && valid; ++i) {
                if (inst.options[i].empty()) continue;
                const auto site = inst.options[i][pick[i]].site;
                valid = open[site];
                a[i] = site;
            }
            if (valid) {
                // New stations must respect their load range (hard constraint).
                std::vector<int> load(m, 0);
                for (auto s : a)
                    if (s >= 0) ++load[static_cast<std::size_t>(s)];
                for (std::size_t j = 0; j < m; ++j)
                    if (open[j] && inst.role[j] == SiteRole::Candidate &&
                        (load[j] < inst.min_load[j] || load[j] > inst.max_load[j]))
                        valid = false;
            }
            if (valid) best = std::min(best, assignment_objective(inst, a, open));
            std::size_t i = 0;
            while (i < n && (inst.options[i].empty() || ++pick[i] == inst.options[i].size())) {
                pick[i] = 0;
                ++i;
            }
            if (i == n) break;
        }
    }
    return best;
}

class AssignmentVsBruteForce : public ::testing::TestWithParam<unsigned> {};

TEST_P(AssignmentVsBruteForce, SameOptimum) {
    const AssignmentInstance inst = random_instance(GetParam());
    const AssignmentPlan plan = solve_assignment_plan(inst, {});
    ASSERT_EQ(plan.solution.status, SolveStatus::Optimal);
    for (const auto& note : plan.solution.notes) ADD_FAILURE() << note;  // e.g. a recomputation mismatch
    const double expected = brute_force(inst);
    EXPECT_NEAR(plan.solution.objective, expected, 1e-6 * std::max(1.0, expected));
}

INSTANTIATE_TEST_SUITE_P(Seeds, AssignmentVsBruteForce, ::testing::Range(1u, 13u));

TEST(AssignmentPlan, NamesWhatCannotBeHelped) {
    // Three deputies, one station with room for 5 but needing 3: one deputy has no
    // option at all, another only a station beyond the radius.
    AssignmentInstance inst;
    inst.role = {SiteRole::Fixed};
    inst.min_load = {3};
    inst.max_load = {5};
    inst.options = {{{0, 500, true}}, {{0, 1500, false}}, {}};
    inst.current = {0, 0, -1};
    const AssignmentPlan plan = solve_assignment_plan(inst, {});
    EXPECT_EQ(plan.solution.status, SolveStatus::Optimal);
    EXPECT_EQ(plan.unassigned, std::vector<std::size_t>{2});
    EXPECT_EQ(plan.beyond_radius, std::vector<std::size_t>{1});
    EXPECT_EQ(plan.under_loaded, std::vector<std::uint32_t>{0});  // 2 deputies, minimum 3
    EXPECT_EQ(plan.changes, 0u);
}

TEST(AssignmentPlan, OpensTheFewestNewStations) {
    // Six deputies near two candidate places; one existing station far from all.
    AssignmentInstance inst;
    inst.role = {SiteRole::Closable, SiteRole::Candidate, SiteRole::Candidate};
    inst.min_load = {3, 3, 3};
    inst.max_load = {5, 5, 5};
    for (int i = 0; i < 6; ++i) inst.options.push_back({{1, 300.0 + i, true}, {2, 400.0 + i, true}});
    inst.current.assign(6, -1);
    const AssignmentPlan plan = solve_assignment_plan(inst, {});
    ASSERT_EQ(plan.solution.status, SolveStatus::Optimal);
    // Five fit in one, but six need two: both candidates open, the idle station closes.
    EXPECT_EQ(plan.opened, (std::vector<std::uint32_t>{1, 2}));
    EXPECT_EQ(plan.closed, std::vector<std::uint32_t>{0});
    EXPECT_TRUE(plan.under_loaded.empty());
}

// Two instances side by side: sites renumbered, no option in common.
AssignmentInstance side_by_side(const AssignmentInstance& a, const AssignmentInstance& b) {
    AssignmentInstance out = a;
    const auto offset = static_cast<std::uint32_t>(a.site_count());
    out.role.insert(out.role.end(), b.role.begin(), b.role.end());
    out.min_load.insert(out.min_load.end(), b.min_load.begin(), b.min_load.end());
    out.max_load.insert(out.max_load.end(), b.max_load.begin(), b.max_load.end());
    for (auto g : b.move_groups) {
        for (auto& s : g) s += offset;
        out.move_groups.push_back(g);
    }
    for (std::size_t i = 0; i < b.demand_count(); ++i) {
        auto opts = b.options[i];
        for (auto& o : opts) o.site += offset;
        out.options.push_back(opts);
        out.current.push_back(b.current[i] < 0 ? -1 : b.current[i] + offset);
    }
    return out;
}

// The goals in their order: violations, new stations, changes, distance.
struct Goals {
    std::size_t violations, opened, changes;
    double distance_m;
};
Goals goals(const AssignmentPlan& p) {
    return {p.beyond_radius.size() + p.under_loaded.size() + p.over_loaded.size(), p.opened.size(), p.changes,
            p.total_distance_m};
}

TEST_P(AssignmentVsBruteForce, IndependentPartsSolvedApartMakeTheBestWhole) {
    const AssignmentInstance a = random_instance(GetParam()), b = random_instance(GetParam() + 100);
    const AssignmentPlan whole = solve_assignment_plan(side_by_side(a, b), {});
    const AssignmentPlan pa = solve_assignment_plan(a, {}), pb = solve_assignment_plan(b, {});
    ASSERT_EQ(whole.solution.status, SolveStatus::Optimal);
    for (const auto& note : whole.solution.notes)
        if (note.find("recomputation") != std::string::npos) ADD_FAILURE() << note;
    // The lexicographic optimum is unique in its goals: the whole's are the parts' sums.
    const Goals gw = goals(whole), ga = goals(pa), gb = goals(pb);
    EXPECT_EQ(gw.violations, ga.violations + gb.violations);
    EXPECT_EQ(gw.opened, ga.opened + gb.opened);
    EXPECT_EQ(gw.changes, ga.changes + gb.changes);
    EXPECT_NEAR(gw.distance_m, ga.distance_m + gb.distance_m, 1e-6);
    // And the whole's objective is the optimum of the whole by enumeration of each
    // part (the objective is a sum over deputies and sites).
    const bool split = std::any_of(whole.solution.notes.begin(), whole.solution.notes.end(),
                                   [](const std::string& n) { return n.find("independent parts") != std::string::npos; });
    EXPECT_TRUE(split);
}

// A part too large for CBC to be sure of finishing runs from a greedy start: when
// CBC is stopped at once, the start is the plan, and it is a valid one.
TEST(AssignmentPlan, AStoppedLargePartKeepsAValidGreedyPlan) {
    std::mt19937_64 rng(7);
    AssignmentInstance inst;
    const std::size_t stations = 200, candidates = 400, deputies = 3000;
    for (std::size_t j = 0; j < stations + candidates; ++j) {
        inst.role.push_back(j < stations ? SiteRole::Fixed : SiteRole::Candidate);
        inst.min_load.push_back(3);
        inst.max_load.push_back(5);
    }
    for (std::size_t i = 0; i < deputies; ++i) {
        std::vector<AssignmentOption> opts;
        // As in the district plans, every deputy has an existing station among its
        // options (there, the nearest ones beyond the radius when none is within).
        std::vector<std::uint32_t> picked{static_cast<std::uint32_t>(rng() % stations)};
        while (picked.size() < 8) {
            const auto j = static_cast<std::uint32_t>(rng() % (stations + candidates));
            if (std::find(picked.begin(), picked.end(), j) == picked.end()) picked.push_back(j);
        }
        std::sort(picked.begin(), picked.end());
        for (auto j : picked) {
            const double d = static_cast<double>(100 + rng() % 1500);
            opts.push_back({j, d, d <= 1000.0});
        }
        inst.options.push_back(opts);
        inst.current.push_back(static_cast<std::ptrdiff_t>(rng() % stations));
    }
    SolveOptions so;
    so.time_limit_s = 0.01;
    const AssignmentPlan plan = solve_assignment_plan(inst, so);
    EXPECT_EQ(plan.solution.status, SolveStatus::TimeLimit);
    ASSERT_EQ(plan.solution.assignment.size(), deputies);
    std::vector<char> open(inst.site_count(), 0);
    for (auto j : plan.solution.selected) open[j] = 1;
    std::vector<int> load(inst.site_count(), 0);
    for (std::size_t i = 0; i < deputies; ++i) {
        const auto a = plan.solution.assignment[i];
        ASSERT_GE(a, 0) << "deputy " << i;
        const bool option = std::any_of(inst.options[i].begin(), inst.options[i].end(),
                                        [&](const AssignmentOption& o) { return static_cast<std::ptrdiff_t>(o.site) == a; });
        EXPECT_TRUE(option) << "deputy " << i;
        EXPECT_TRUE(open[static_cast<std::size_t>(a)]) << "deputy " << i;
        ++load[static_cast<std::size_t>(a)];
    }
    for (std::size_t j = stations; j < inst.site_count(); ++j)
        if (open[j]) {
            EXPECT_GE(load[j], 3) << "new site " << j;
            EXPECT_LE(load[j], 5) << "new site " << j;
        }
    for (std::size_t j = 0; j < stations; ++j) EXPECT_TRUE(open[j]);
    // The objective is recomputed from that plan; no bound is claimed.
    EXPECT_DOUBLE_EQ(plan.solution.objective, assignment_objective(inst, plan.solution.assignment, open));
    EXPECT_TRUE(std::isnan(plan.solution.bound));
    EXPECT_FALSE(plan.opened.empty());  // the greedy opened new stations for deputies beyond the radius
}

}  // namespace
}  // namespace stationplan::plan

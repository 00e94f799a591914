// The capacitated assignment/plan MIP against exhaustive enumeration of open sets
// and assignments on small seeded instances.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace stationplan::plan

// Set cover (LSCP) and MCLP against exhaustive search on small seeded instances;
// every reported objective is recomputed by plan/evaluate (separate code).
#include <gtest/gtest.h>

#include <random>

#include "plan/evaluate.hpp"
#include "brute_force.hpp"
#include "plan/solvers.hpp"

namespace stationplan::plan {
namespace {

CoverInstance random_instance(unsigned seed, std::size_t n, std::size_t m, bool weighted_costs, bool with_fixed) {
    std::mt19937_64 rng(seed);
    CoverInstance inst;
    inst.site_count = m;
    inst.covers.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < m; ++j)
            if (rng() % 4 == 0) inst.covers[i].push_back(static_cast<std::uint32_t>(j));
        inst.weight.push_back(static_cast<double>(1 + rng() % 5));
    }
    for (std::size_t j = 0; j < m; ++j) inst.cost.push_back(weighted_costs ? static_cast<double>(1 + rng() % 9) : 1.0);
    if (with_fixed) {
        inst.fixed_open.assign(m, 0);
        inst.fixed_open[rng() % m] = 1;
    }
    return inst;
}

using test::brute_force_cover;

double brute_force_mclp(const CoverInstance& inst, std::size_t k) {
    double best = -1;
    for (std::uint32_t mask = 0; mask < (1u << inst.site_count); ++mask) {
        std::vector<std::size_t> sel;
        for (std::size_t j = 0; j < inst.site_count; ++j)
            if (mask >> j & 1 && !inst.is_fixed(j)) sel.push_back(j);
        if (sel.size() > k) continue;
        best = std::max(best, evaluate_mclp(inst, sel, k).objective);
    }
    return best;
}

class CoverVsBruteForce : public ::testing::TestWithParam<unsigned> {};

TEST_P(CoverVsBruteForce, SetCoverOptimum) {
    const unsigned seed = GetParam();
    const CoverInstance inst = random_instance(seed, 12 + seed % 7, 10 + seed % 5, seed % 2 == 0, seed % 3 == 0);
    const Solution s = solve_set_cover(inst, {});
    const Evaluation e = evaluate_set_cover(inst, s.selected);
    ASSERT_TRUE(e.feasible) << e.problem;
    EXPECT_DOUBLE_EQ(e.objective, s.objective);  // reported = recomputed
    bool any_uncoverable = false;
    for (const auto& c : inst.covers) any_uncoverable = any_uncoverable || c.empty();
    EXPECT_EQ(s.status, any_uncoverable ? SolveStatus::Infeasible : SolveStatus::Optimal);
    EXPECT_DOUBLE_EQ(s.objective, brute_force_cover(inst));
    if (!any_uncoverable) {
        EXPECT_EQ(s.gap, 0.0);
    }
}

TEST_P(CoverVsBruteForce, MclpOptimum) {
    const unsigned seed = GetParam();
    const CoverInstance inst = random_instance(seed + 100, 15, 11, false, seed % 2 == 0);
    for (std::size_t k : {1u, 2u, 3u}) {
        const Solution s = solve_mclp(inst, k, {});
        const Evaluation e = evaluate_mclp(inst, s.selected, k);
        ASSERT_TRUE(e.feasible) << e.problem;
        EXPECT_DOUBLE_EQ(e.objective, s.objective) << "k=" << k;
        EXPECT_DOUBLE_EQ(s.objective, brute_force_mclp(inst, k)) << "k=" << k;
        EXPECT_EQ(s.status, SolveStatus::Optimal);
        EXPECT_GE(s.bound, s.objective - 1e-9);
    }
}

INSTANTIATE_TEST_SUITE_P(Seeds, CoverVsBruteForce, ::testing::Range(1u, 9u));

TEST(SetCover, UncoverableDemandIsNamedAndTheRestCovered) {
    CoverInstance inst;
    inst.site_count = 3;
    inst.covers = {{0}, {}, {1, 2}, {2}};
    const Solution s = solve_set_cover(inst, {});
    EXPECT_EQ(s.status, SolveStatus::Infeasible);
    EXPECT_EQ(s.selected, (std::vector<std::size_t>{0, 2}));
    bool named = false;
    for (const auto& n : s.notes) named = named || n.find("no site can cover: 1") != std::string::npos;
    EXPECT_TRUE(named);
}

TEST(SetCover, FixedSitesAreFree) {
    CoverInstance inst;
    inst.site_count = 3;
    inst.covers = {{0, 1}, {1, 2}, {2}};
    inst.fixed_open = {0, 0, 1};
    const Solution s = solve_set_cover(inst, {});
    EXPECT_EQ(s.status, SolveStatus::Optimal);
    EXPECT_EQ(s.selected, (std::vector<std::size_t>{0}));  // or 1; the lowest index on ties
    EXPECT_DOUBLE_EQ(s.objective, 1.0);
}

}  // namespace
}  // namespace stationplan::plan

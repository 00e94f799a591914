// The set-covering Lagrangian bound, heuristics and local search, and the reductions
// and fixing they feed in solve_set_cover / solve_mclp, against exhaustive search.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "plan/cover_lagrangian.hpp"
#include "plan/evaluate.hpp"
#include "plan/solvers.hpp"

namespace stationplan::plan {
namespace {

// Rows over m columns, each column in a row with probability 1/density (at least one).
cover::Problem random_problem(unsigned seed, std::size_t n, std::size_t m, int density, bool unit_costs) {
    std::mt19937_64 rng(seed);
    cover::Problem p;
    p.rows.resize(n);
    for (auto& row : p.rows) {
        for (std::size_t j = 0; j < m; ++j)
            if (rng() % static_cast<unsigned>(density) == 0) row.push_back(static_cast<std::uint32_t>(j));
        if (row.empty()) row.push_back(static_cast<std::uint32_t>(rng() % m));
    }
    for (std::size_t j = 0; j < m; ++j) p.cost.push_back(unit_costs ? 1.0 : static_cast<double>(1 + rng() % 9));
    return p;
}

// Vertex cover as set cover (rows: the edges of a random graph, columns: its
// vertices): the LP bound is weak (all 1/2 is feasible), so the Lagrangian bound
// rarely closes the gap and the fixing and the CBC core have work to do.
cover::Problem random_vertex_cover(unsigned seed, std::size_t vertices, int one_in, bool unit_costs) {
    std::mt19937_64 rng(seed);
    cover::Problem p;
    for (std::uint32_t a = 0; a < vertices; ++a)
        for (std::uint32_t b = a + 1; b < vertices; ++b)
            if (rng() % static_cast<unsigned>(one_in) == 0) p.rows.push_back({a, b});
    for (std::size_t j = 0; j < vertices; ++j) p.cost.push_back(unit_costs ? 1.0 : static_cast<double>(1 + rng() % 9));
    return p;
}

double brute_force(const cover::Problem& p) {
    double best = 1e18;
    const std::size_t m = p.column_count();
    std::vector<char> open(m);
    for (std::uint32_t mask = 0; mask < (1u << m); ++mask) {
        for (std::size_t j = 0; j < m; ++j) open[j] = (mask >> j) & 1;
        best = std::min(best, cover::cover_cost(p, open));
    }
    return best;
}

CoverInstance instance_of(const cover::Problem& p) {
    CoverInstance inst;
    inst.site_count = p.column_count();
    inst.covers = p.rows;
    inst.cost = p.cost;
    return inst;
}

bool has_redundant_column(const cover::Problem& p, const std::vector<char>& open) {
    for (std::size_t j = 0; j < open.size(); ++j) {
        if (!open[j]) continue;
        auto without = open;
        without[j] = 0;
        if (std::isfinite(cover::cover_cost(p, without))) return true;
    }
    return false;
}

class LagrangianVsBruteForce : public ::testing::TestWithParam<unsigned> {};

TEST_P(LagrangianVsBruteForce, BoundBelowOptimumCoverAboveIt) {
    const unsigned seed = GetParam();
    const cover::Problem p = random_problem(seed, 30, 14, 5, seed % 2 == 0);
    const double optimum = brute_force(p);
    const auto start = cover::greedy(p);
    ASSERT_TRUE(std::isfinite(cover::cover_cost(p, start)));
    EXPECT_FALSE(has_redundant_column(p, start));
    const auto r = cover::lagrangian(p, start, {});
    EXPECT_LE(r.lower_bound, optimum + 1e-9);
    EXPECT_GT(r.lower_bound, 0.0);
    EXPECT_DOUBLE_EQ(r.cover_cost, cover::cover_cost(p, r.cover));
    EXPECT_GE(r.cover_cost, optimum);
    EXPECT_LE(r.cover_cost, cover::cover_cost(p, start));
    EXPECT_FALSE(has_redundant_column(p, r.cover));
    // L(u) is the bound of the multipliers reported; the reduced costs are theirs.
    ASSERT_EQ(r.multipliers.size(), static_cast<Eigen::Index>(p.row_count()));
    double l = r.multipliers.sum();
    const auto col = p.columns();
    for (std::size_t j = 0; j < p.column_count(); ++j) {
        double s = 0.0;
        for (auto i : col[j]) s += r.multipliers[i];
        EXPECT_NEAR(r.reduced_cost[static_cast<Eigen::Index>(j)], p.cost[j] - s, 1e-9);
        l += std::min(0.0, p.cost[j] - s);
    }
    EXPECT_NEAR(l, r.lower_bound, 1e-9);
}

// Vertex covers: the Lagrangian fixing and the CBC core have work to do.
TEST_P(LagrangianVsBruteForce, SetCoverOptimumThroughFixingAndCore) {
    const unsigned seed = GetParam();
    const cover::Problem p = random_vertex_cover(seed + 50, 17, 3, seed % 3 != 0);
    const CoverInstance inst = instance_of(p);
    const Solution s = solve_set_cover(inst, {});
    const Evaluation e = evaluate_set_cover(inst, s.selected);
    ASSERT_TRUE(e.feasible) << e.problem;
    EXPECT_DOUBLE_EQ(e.objective, s.objective);
    EXPECT_DOUBLE_EQ(s.objective, brute_force(p));
    EXPECT_EQ(s.status, SolveStatus::Optimal);
    EXPECT_EQ(s.gap, 0.0);
    EXPECT_DOUBLE_EQ(s.bound, s.objective);
}

INSTANTIATE_TEST_SUITE_P(Seeds, LagrangianVsBruteForce, ::testing::Range(1u, 11u));

// The instances above do reach the fixing and the CBC core (the bound alone does not
// close them), so the test above checks those stages too.
TEST(SetCover, SomeSeedsReachTheFixedCore) {
    int reached = 0;
    for (unsigned seed = 1; seed < 11; ++seed) {
        const Solution s = solve_set_cover(instance_of(random_vertex_cover(seed + 50, 17, 3, seed % 3 != 0)), {});
        for (const auto& n : s.notes) reached += n.rfind("reduced-cost fixing", 0) == 0 ? 1 : 0;
    }
    EXPECT_GT(reached, 0);
}

TEST(CoverLocalSearch, TwoColumnsForOne) {
    cover::Problem p;
    p.rows = {{0, 2}, {0, 2}, {1, 2}, {1, 2}};
    p.cost = {1, 1, 1};
    std::vector<char> open{1, 1, 0};
    cover::local_search(p, open);
    EXPECT_EQ(open, (std::vector<char>{0, 0, 1}));
}

TEST(CoverLocalSearch, OneColumnForACheaperOne) {
    cover::Problem p;
    p.rows = {{0, 1}, {0, 1, 2}, {2}};
    p.cost = {5, 3, 1};
    std::vector<char> open{1, 0, 1};
    cover::local_search(p, open);
    EXPECT_EQ(open, (std::vector<char>{0, 1, 1}));
    EXPECT_DOUBLE_EQ(cover::cover_cost(p, open), 4.0);
}

TEST(CoverLocalSearch, RedundantColumnsGoDearestFirst) {
    cover::Problem p;
    p.rows = {{0, 1}, {0, 1}};
    p.cost = {1, 2};
    std::vector<char> open{1, 1};
    cover::local_search(p, open);
    EXPECT_EQ(open, (std::vector<char>{1, 0}));
}

TEST(CoverLagrangian, ProvesAnIntegralOptimumAndStops) {
    // Disjoint rows, one column each and a dear column covering all: the optimum
    // (3) equals the LP bound, so the subgradient stops at once.
    cover::Problem p;
    p.rows = {{0, 3}, {1, 3}, {2, 3}};
    p.cost = {1, 1, 1, 5};
    const auto r = cover::lagrangian(p, std::vector<char>{0, 0, 0, 1}, {});
    EXPECT_DOUBLE_EQ(r.cover_cost, 3.0);
    EXPECT_GE(std::ceil(r.lower_bound - 1e-6), 3.0);
    EXPECT_LT(r.iterations, 3000);
}

TEST(SetCover, EssentialSitesAreForced) {
    CoverInstance inst;
    inst.site_count = 4;
    inst.covers = {{2}, {0, 1}, {1, 3}, {2, 3}, {0}};
    const Solution s = solve_set_cover(inst, {});
    EXPECT_EQ(s.status, SolveStatus::Optimal);
    // 2 and 0 are the only choice of demands 0 and 4; then demand 2 is left with 1
    // and 3, which cover the same, and the lower index stays, forced in turn.
    EXPECT_EQ(s.selected, (std::vector<std::size_t>{0, 1, 2}));
    EXPECT_DOUBLE_EQ(s.objective, 3.0);
    EXPECT_TRUE(evaluate_set_cover(inst, s.selected).feasible);
    bool noted = false;
    for (const auto& n : s.notes) noted = noted || n.find("3 sites forced") != std::string::npos;
    EXPECT_TRUE(noted);
}

// Among the cheapest covers, the one with the most preference.
class PreferenceVsBruteForce : public ::testing::TestWithParam<unsigned> {};

TEST_P(PreferenceVsBruteForce, CheapestThenMostPreferred) {
    const unsigned seed = GetParam();
    const cover::Problem p = random_problem(seed + 200, 25, 13, 4, true);
    CoverInstance inst = instance_of(p);
    std::mt19937_64 rng(seed);
    for (std::size_t j = 0; j < inst.site_count; ++j) inst.preference.push_back(static_cast<double>(rng() % 100));
    double best_cost = 1e18, best_pref = -1;
    std::vector<char> open(inst.site_count);
    for (std::uint32_t mask = 0; mask < (1u << inst.site_count); ++mask) {
        double pref = 0;
        for (std::size_t j = 0; j < inst.site_count; ++j) {
            open[j] = (mask >> j) & 1;
            if (open[j]) pref += inst.preference[j];
        }
        const double cost = cover::cover_cost(p, open);
        if (cost < best_cost || (cost == best_cost && pref > best_pref)) best_cost = cost, best_pref = pref;
    }
    const Solution s = solve_set_cover(inst, {});
    EXPECT_DOUBLE_EQ(s.objective, best_cost);
    double pref = 0;
    for (auto j : s.selected) pref += inst.preference[j];
    EXPECT_DOUBLE_EQ(pref, best_pref);
    EXPECT_EQ(s.status, SolveStatus::Optimal);
}

INSTANTIATE_TEST_SUITE_P(Seeds, PreferenceVsBruteForce, ::testing::Range(1u, 7u));

TEST(Mclp, ACoverWithinKIsOptimalAtOnce) {
    // Two sites cover everything; k = 3 leaves one to spare.
    CoverInstance inst;
    inst.site_count = 4;
    inst.covers = {{0, 2}, {0}, {1, 3}, {1}, {0, 1}};
    inst.weight = {1, 2, 3, 4, 5};
    const Solution s = solve_mclp(inst, 3, {});
    EXPECT_EQ(s.status, SolveStatus::Optimal);
    EXPECT_DOUBLE_EQ(s.objective, 15.0);
    EXPECT_DOUBLE_EQ(s.bound, 15.0);
    EXPECT_EQ(s.selected, (std::vector<std::size_t>{0, 1}));
    const Evaluation e = evaluate_mclp(inst, s.selected, 3);
    EXPECT_TRUE(e.feasible);
    EXPECT_DOUBLE_EQ(e.objective, 15.0);
}

// MCLP for every k from 1 to past full coverage, against exhaustive search.
TEST(Mclp, EveryKAgainstBruteForce) {
    const cover::Problem p = random_problem(77, 30, 12, 6, true);
    CoverInstance inst = instance_of(p);
    inst.cost.clear();
    std::mt19937_64 rng(5);
    for (std::size_t i = 0; i < inst.demand_count(); ++i) inst.weight.push_back(static_cast<double>(1 + rng() % 4));
    for (std::size_t k = 1; k <= 8; ++k) {
        double best = 0;
        for (std::uint32_t mask = 0; mask < (1u << inst.site_count); ++mask) {
            std::vector<std::size_t> sel;
            for (std::size_t j = 0; j < inst.site_count; ++j)
                if ((mask >> j) & 1) sel.push_back(j);
            if (sel.size() <= k) best = std::max(best, evaluate_mclp(inst, sel, k).objective);
        }
        const Solution s = solve_mclp(inst, k, {});
        EXPECT_DOUBLE_EQ(s.objective, best) << "k=" << k;
        EXPECT_EQ(s.status, SolveStatus::Optimal) << "k=" << k;
        EXPECT_DOUBLE_EQ(evaluate_mclp(inst, s.selected, k).objective, s.objective) << "k=" << k;
    }
}

}  // namespace
}  // namespace stationplan::plan

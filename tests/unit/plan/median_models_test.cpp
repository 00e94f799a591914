// p-median, p-center and capacitated p-median against exhaustive search on small
// seeded instances; every reported objective is recomputed by plan/evaluate
// (separate code). Degenerate inputs: p >= sites, everything on one spot, p = 0,
// no demands, capacitated instances that cannot be served.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>

#include "plan/evaluate.hpp"
#include "plan/solvers.hpp"

namespace stationplan::plan {
namespace {

// Points in a 100 x 100 square; demands first, then sites. Integer distances
// (rounded) when `integer`, otherwise real Euclidean; weights 1..5 or none.
DistanceInstance random_instance(unsigned seed, std::size_t n, std::size_t m, bool integer, bool weighted) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> coord(0.0, 100.0);
    std::vector<std::pair<double, double>> demand(n), site(m);
    for (auto& q : demand) q = {coord(rng), coord(rng)};
    for (auto& q : site) q = {coord(rng), coord(rng)};
    DistanceInstance inst;
    inst.distance.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(m));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j) {
            const double d = std::hypot(demand[i].first - site[j].first, demand[i].second - site[j].second);
            inst.distance(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = integer ? std::round(d) : d;
        }
    if (weighted) {
        inst.weight.resize(static_cast<Eigen::Index>(n));
        for (std::size_t i = 0; i < n; ++i) inst.weight[static_cast<Eigen::Index>(i)] = static_cast<double>(1 + rng() % 5);
    }
    return inst;
}

// Calls visit for every p-subset of {0..m-1}, ascending.
void for_each_subset(std::size_t m, std::size_t p, const std::function<void(const std::vector<std::size_t>&)>& visit) {
    std::vector<std::size_t> pick(p);
    std::function<void(std::size_t, std::size_t)> rec = [&](std::size_t depth, std::size_t from) {
        if (depth == p) {
            visit(pick);
            return;
        }
        for (std::size_t j = from; j + (p - depth) <= m; ++j) {
            pick[depth] = j;
            rec(depth + 1, j + 1);
        }
    };
    rec(0, 0);
}

double brute_force(const DistanceInstance& inst, std::size_t p, bool center) {
    double best = 1e300;
    for_each_subset(inst.site_count(), p, [&](const std::vector<std::size_t>& sel) {
        const Evaluation e = center ? evaluate_pcenter(inst, sel, p) : evaluate_pmedian(inst, sel, p);
        best = std::min(best, e.objective);
    });
    return best;
}

void expect_nearest_assignment(const DistanceInstance& inst, const Solution& s) {
    ASSERT_EQ(s.assignment.size(), inst.demand_count());
    for (std::size_t i = 0; i < inst.demand_count(); ++i) {
        const auto a = s.assignment[i];
        ASSERT_TRUE(std::find(s.selected.begin(), s.selected.end(), static_cast<std::size_t>(a)) != s.selected.end());
        for (std::size_t j : s.selected)
            EXPECT_LE(inst.distance(static_cast<Eigen::Index>(i), a), inst.distance(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
    }
}

class MedianVsBruteForce : public ::testing::TestWithParam<unsigned> {};

TEST_P(MedianVsBruteForce, PMedianOptimum) {
    const unsigned seed = GetParam();
    const std::size_t n = 10 + seed % 5, m = 8 + seed % 5, p = 2 + seed % 3;
    const DistanceInstance inst = random_instance(seed, n, m, seed % 2 == 0, seed % 3 != 0);
    const Solution s = solve_pmedian(inst, p, {});
    const Evaluation e = evaluate_pmedian(inst, s.selected, p);
    ASSERT_TRUE(e.feasible) << e.problem;
    EXPECT_EQ(s.status, SolveStatus::Optimal);
    EXPECT_NEAR(s.objective, e.objective, 1e-9 * e.objective);  // reported = recomputed
    EXPECT_NEAR(s.objective, brute_force(inst, p, false), 1e-9 * s.objective);
    EXPECT_EQ(s.gap, 0.0);
    EXPECT_EQ(s.bound, s.objective);
    expect_nearest_assignment(inst, s);
}

TEST_P(MedianVsBruteForce, PCenterOptimum) {
    const unsigned seed = GetParam();
    const std::size_t n = 10 + seed % 5, m = 8 + seed % 5, p = 2 + seed % 3;
    const DistanceInstance inst = random_instance(seed + 50, n, m, seed % 2 == 0, false);
    const Solution s = solve_pcenter(inst, p, {});
    const Evaluation e = evaluate_pcenter(inst, s.selected, p);
    ASSERT_TRUE(e.feasible) << e.problem;
    EXPECT_EQ(s.status, SolveStatus::Optimal);
    EXPECT_EQ(s.objective, e.objective);
    EXPECT_EQ(s.objective, brute_force(inst, p, true));
    EXPECT_EQ(s.bound, s.objective);
    expect_nearest_assignment(inst, s);
}

INSTANTIATE_TEST_SUITE_P(Seeds, MedianVsBruteForce, ::testing::Range(1u, 13u));

// Bigger than the brute-force cases above: seeds where the Lagrangian bound alone
// leaves a gap, so the branch and bound has to finish the proof.
TEST(PMedian, TreeSearchMatchesExhaustiveSearch) {
    struct Case { unsigned seed; std::size_t n, m, p; };
    bool tree_used = false;
    for (const Case c : {Case{8, 40, 24, 4}, Case{23, 50, 30, 4}, Case{28, 50, 30, 4}}) {
        const DistanceInstance inst = random_instance(c.seed * 97, c.n, c.m, c.seed % 2 == 1, false);
        const Solution s = solve_pmedian(inst, c.p, {});
        EXPECT_EQ(s.status, SolveStatus::Optimal) << "seed " << c.seed;
        EXPECT_NEAR(s.objective, brute_force(inst, c.p, false), 1e-9 * s.objective) << "seed " << c.seed;
        EXPECT_NEAR(s.objective, evaluate_pmedian(inst, s.selected, c.p).objective, 1e-9 * s.objective);
        for (const auto& note : s.notes) tree_used = tree_used || note.find("tree search") != std::string::npos;
    }
    EXPECT_TRUE(tree_used) << "no case needed the tree: pick other seeds";
}

TEST(PMedian, SameInputSameOutput) {
    const DistanceInstance inst = random_instance(42, 60, 60, false, true);
    const Solution a = solve_pmedian(inst, 6, {});
    const Solution b = solve_pmedian(inst, 6, {});
    EXPECT_EQ(a.selected, b.selected);
    EXPECT_EQ(a.assignment, b.assignment);
    EXPECT_EQ(a.objective, b.objective);
    EXPECT_EQ(a.status, SolveStatus::Optimal);
}

TEST(PMedian, PAtLeastTheSiteCountOpensEverySite) {
    const DistanceInstance inst = random_instance(5, 9, 4, true, false);
    const Solution equal = solve_pmedian(inst, 4, {});
    EXPECT_EQ(equal.status, SolveStatus::Optimal);
    EXPECT_EQ(equal.selected, (std::vector<std::size_t>{0, 1, 2, 3}));
    EXPECT_EQ(equal.objective, evaluate_pmedian(inst, equal.selected, 4).objective);
    const Solution more = solve_pmedian(inst, 7, {});
    EXPECT_EQ(more.status, SolveStatus::Optimal);
    EXPECT_EQ(more.selected, equal.selected);
    EXPECT_EQ(more.objective, equal.objective);
    ASSERT_FALSE(more.notes.empty());
    EXPECT_NE(more.notes.back().find("exceeds the 4 candidate sites"), std::string::npos);
}

TEST(PMedian, EverythingOnOneSpot) {
    DistanceInstance inst;
    inst.distance = Eigen::MatrixXd::Zero(12, 7);
    for (auto solve : {solve_pmedian, solve_pcenter}) {
        const Solution s = solve(inst, 3, {});
        EXPECT_EQ(s.status, SolveStatus::Optimal);
        EXPECT_EQ(s.objective, 0.0);
        EXPECT_EQ(s.selected.size(), 3u);
    }
}

TEST(PMedian, NoSiteToOpenIsInfeasible) {
    const DistanceInstance inst = random_instance(9, 5, 3, true, false);
    for (auto solve : {solve_pmedian, solve_pcenter}) {
        const Solution s = solve(inst, 0, {});
        EXPECT_EQ(s.status, SolveStatus::Infeasible);
        ASSERT_FALSE(s.notes.empty());
        EXPECT_NE(s.notes.front().find("p = 0"), std::string::npos);
    }
}

TEST(PMedian, NoDemandsCostNothing) {
    DistanceInstance inst;
    inst.distance.resize(0, 5);
    const Solution s = solve_pmedian(inst, 2, {});
    EXPECT_EQ(s.status, SolveStatus::Optimal);
    EXPECT_EQ(s.objective, 0.0);
    EXPECT_EQ(s.selected.size(), 2u);
}

TEST(PMedian, NegativeOrInfiniteDistancesAreRejected) {
    DistanceInstance inst;
    inst.distance = Eigen::MatrixXd::Ones(3, 3);
    inst.distance(1, 2) = -1.0;
    EXPECT_THROW(solve_pmedian(inst, 1, {}), std::invalid_argument);
    inst.distance(1, 2) = std::numeric_limits<double>::infinity();
    EXPECT_THROW(solve_pcenter(inst, 1, {}), std::invalid_argument);
}

// ---- capacitated ----

CapacitatedInstance random_capacitated(unsigned seed, std::size_t n, std::size_t m, bool with_min_load) {
    std::mt19937_64 rng(seed);
    CapacitatedInstance inst;
    inst.base = random_instance(seed, n, m, seed % 2 == 0, false);
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        inst.size.push_back(static_cast<double>(1 + rng() % 6));
        total += inst.size.back();
    }
    for (std::size_t j = 0; j < m; ++j) inst.capacity.push_back(std::ceil(total / 2.5) + static_cast<double>(rng() % 4));
    if (with_min_load)
        for (std::size_t j = 0; j < m; ++j) inst.min_load.push_back(static_cast<double>(rng() % 6));
    return inst;
}

// Every p-subset of sites and every assignment of the demands to it; +inf when no
// assignment fits. Objective: sum of size x distance (evaluate_capacitated).
double brute_force_capacitated(const CapacitatedInstance& inst, std::size_t p) {
    const std::size_t n = inst.base.demand_count();
    double best = std::numeric_limits<double>::infinity();
    for_each_subset(inst.base.site_count(), p, [&](const std::vector<std::size_t>& sel) {
        std::vector<std::ptrdiff_t> a(n, static_cast<std::ptrdiff_t>(sel[0]));
        std::vector<std::size_t> digit(n, 0);
        while (true) {
            const Evaluation e = evaluate_capacitated(inst, sel, a, p);
            if (e.feasible) best = std::min(best, e.objective);
            std::size_t k = 0;
            while (k < n && ++digit[k] == p) digit[k] = 0, a[k] = static_cast<std::ptrdiff_t>(sel[0]), ++k;
            if (k == n) break;
            a[k] = static_cast<std::ptrdiff_t>(sel[digit[k]]);
        }
    });
    return best;
}

class CapacitatedVsBruteForce : public ::testing::TestWithParam<unsigned> {};

TEST_P(CapacitatedVsBruteForce, Optimum) {
    const unsigned seed = GetParam();
    const std::size_t n = 6 + seed % 3, m = 4 + seed % 3, p = 2 + seed % 2;
    const CapacitatedInstance inst = random_capacitated(seed, n, m, seed % 3 == 0);
    const double expected = brute_force_capacitated(inst, p);
    const Solution s = solve_capacitated_pmedian(inst, p, {});
    if (std::isinf(expected)) {
        EXPECT_EQ(s.status, SolveStatus::Infeasible);
        EXPECT_FALSE(s.notes.empty());
        return;
    }
    const Evaluation e = evaluate_capacitated(inst, s.selected, s.assignment, p);
    ASSERT_TRUE(e.feasible) << e.problem;
    EXPECT_EQ(s.status, SolveStatus::Optimal);
    EXPECT_NEAR(s.objective, e.objective, 1e-9 * e.objective);
    EXPECT_NEAR(s.objective, expected, 1e-9 * expected);
    EXPECT_EQ(s.gap, 0.0);
}

INSTANTIATE_TEST_SUITE_P(Seeds, CapacitatedVsBruteForce, ::testing::Range(1u, 13u));

// Demands and sites on a line at 0, 1, ..., n-1 (every point both).
CapacitatedInstance line(const std::vector<double>& size, const std::vector<double>& capacity) {
    CapacitatedInstance inst;
    const auto n = static_cast<Eigen::Index>(size.size());
    inst.base.distance.resize(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) inst.base.distance(i, j) = std::abs(static_cast<double>(i - j));
    inst.size = size;
    inst.capacity = capacity;
    return inst;
}

bool has_note(const Solution& s, const std::string& text) {
    return std::any_of(s.notes.begin(), s.notes.end(), [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

TEST(Capacitated, DemandLargerThanEveryCapacityIsInfeasible) {
    const Solution s = solve_capacitated_pmedian(line({2, 9, 1}, {5, 5, 5}), 2, {});
    EXPECT_EQ(s.status, SolveStatus::Infeasible);
    EXPECT_TRUE(has_note(s, "demand 1 has size 9")) << (s.notes.empty() ? "" : s.notes.front());
}

TEST(Capacitated, TotalSizeAboveThePLargestCapacitiesIsInfeasible) {
    const Solution s = solve_capacitated_pmedian(line({4, 4, 4, 4}, {5, 6, 7, 5}), 2, {});
    EXPECT_EQ(s.status, SolveStatus::Infeasible);
    EXPECT_TRUE(has_note(s, "exceeds the 2 largest capacities")) << (s.notes.empty() ? "" : s.notes.front());
}

TEST(Capacitated, PackingThatCannotFitIsProvenInfeasible) {
    // 18 units fit in 2 x 10 by volume, but three demands of 6 cannot share two sites.
    const Solution s = solve_capacitated_pmedian(line({6, 6, 6}, {10, 10, 10}), 2, {});
    EXPECT_EQ(s.status, SolveStatus::Infeasible);
    EXPECT_TRUE(has_note(s, "no assignment respects the capacities"));
}

TEST(Capacitated, MinimumLoadsAreRespected) {
    CapacitatedInstance inst = line({1, 1, 1, 1, 1, 1}, {6, 6, 6, 6, 6, 6});
    inst.min_load.assign(6, 0.0);
    // Unconstrained, {1, 4} costs 1 + 0 + 1 + 1 + 0 + 1 = 4 with site 1 serving three;
    // site 1 needing four demands makes 5 the best ({1, 4}, {1, 5}, {2, 4}, ...).
    inst.min_load[1] = 4;
    const Solution s = solve_capacitated_pmedian(inst, 2, {});
    const Evaluation e = evaluate_capacitated(inst, s.selected, s.assignment, 2);
    ASSERT_TRUE(e.feasible) << e.problem;
    EXPECT_EQ(s.status, SolveStatus::Optimal);
    EXPECT_EQ(s.objective, 5.0);
}

TEST(Capacitated, WeightsReplaceSizesInTheObjective) {
    // With weights given, the objective is sum of weight x distance (the OR-Library
    // convention: every customer weighs 1); capacities still count sizes.
    CapacitatedInstance inst = line({5, 1, 1, 5}, {6, 6, 6, 6});
    inst.base.weight = Eigen::VectorXd::Ones(4);
    const Solution s = solve_capacitated_pmedian(inst, 2, {});
    ASSERT_TRUE(evaluate_capacitated(inst, s.selected, s.assignment, 2).feasible);
    EXPECT_EQ(s.status, SolveStatus::Optimal);
    EXPECT_EQ(s.objective, 2.0);
}

TEST(Capacitated, MalformedInstancesAreRejected) {
    CapacitatedInstance inst = line({1, 2, 3}, {5, 5, 5});
    inst.size.pop_back();
    EXPECT_THROW(solve_capacitated_pmedian(inst, 1, {}), std::invalid_argument);
    inst = line({1, 2, 3}, {5, -5, 5});
    EXPECT_THROW(solve_capacitated_pmedian(inst, 1, {}), std::invalid_argument);
}

TEST(Capacitated, SameInputSameOutput) {
    const CapacitatedInstance inst = random_capacitated(77, 30, 30, false);
    const Solution a = solve_capacitated_pmedian(inst, 4, {});
    const Solution b = solve_capacitated_pmedian(inst, 4, {});
    EXPECT_EQ(a.selected, b.selected);
    EXPECT_EQ(a.assignment, b.assignment);
    EXPECT_EQ(a.objective, b.objective);
}

}  // namespace
}  // namespace stationplan::plan

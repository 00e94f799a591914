// Neighbourhood search (set cover and MCLP), the MCLP Lagrangian bound and CBC's
// hard stop, against exhaustive search and hand-made cases.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <random>

#include "plan/cover_lagrangian.hpp"
#include "plan/cover_search.hpp"
#include "plan/mip.hpp"
#include "plan/solvers.hpp"

namespace stationplan::plan {
namespace {

using Rows = std::vector<std::vector<std::uint32_t>>;

// Demand points and sites uniform in a square; a row per demand point with a site
// within `radius` (the coverage instances of the benchmark, small).
cover::Problem geometric(unsigned seed, std::size_t demands, std::size_t sites, double side, double radius) {
    std::mt19937_64 rng(seed);
    auto u = [&] { return static_cast<double>(rng() >> 11) * 0x1.0p-53 * side; };
    std::vector<std::pair<double, double>> d(demands), s(sites);
    for (auto& q : d) q = {u(), u()};
    for (auto& q : s) q = {u(), u()};
    cover::Problem p;
    p.cost.assign(sites, 1.0);
    for (const auto& q : d) {
        std::vector<std::uint32_t> row;
        for (std::uint32_t j = 0; j < sites; ++j)
            if (std::hypot(q.first - s[j].first, q.second - s[j].second) <= radius) row.push_back(j);
        if (!row.empty()) p.rows.push_back(std::move(row));
    }
    return p;
}

std::size_t open_count(const std::vector<char>& open) {
    std::size_t k = 0;
    for (char c : open) k += c ? 1 : 0;
    return k;
}

// The set cover as an integer program, written out here (not through the solvers).
MipModel cover_model(const cover::Problem& p) {
    MipModel mm;
    for (double c : p.cost) mm.add_column(0, 1, c, true);
    for (const auto& row : p.rows) {
        std::vector<int> cols(row.begin(), row.end());
        mm.add_row(1, kInf, cols, std::vector<double>(cols.size(), 1.0));
    }
    return mm;
}

// Exact optimum of a set cover by CBC on the whole problem.
double exact_cover(const cover::Problem& p) {
    const MipResult r = solve_mip(cover_model(p), {});
    EXPECT_EQ(r.status, SolveStatus::Optimal);
    return r.objective;
}

double covered(const Rows& rows, const std::vector<double>& w, const std::vector<char>& open) {
    double v = 0.0;
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (auto j : rows[i])
            if (open[j]) {
                v += w[i];
                break;
            }
    return v;
}

// --- set cover ------------------------------------------------------------------

// Three open columns with no row in common and two closed ones covering all their
// rows: no 1-1 or 2-1 exchange helps (local_search keeps 3), the search frees the
// three (reached through the closed columns) and finds the two.
TEST(CoverSearch, ThreeForTwoThatExchangesMiss) {
    cover::Problem p;
    // columns: a=0, b=1, c=2 (open), d=3, e=4
    p.rows = {{0, 3}, {0, 3}, {1, 3}, {1, 4}, {2, 4}, {2, 4}};
    p.cost = {1, 1, 1, 1, 1};
    std::vector<char> open{1, 1, 1, 0, 0};
    auto kept = open;
    cover::local_search(p, kept);
    EXPECT_EQ(kept, open);
    cover::SearchOptions so;
    so.free_columns = 3;
    so.max_free_columns = 3;
    const auto st = cover::neighbourhood_search(p, open, so);
    EXPECT_EQ(open, (std::vector<char>{0, 0, 0, 1, 1}));
    EXPECT_DOUBLE_EQ(st.start_cost, 3.0);
    EXPECT_DOUBLE_EQ(st.end_cost, 2.0);
    EXPECT_EQ(st.improvements, 1u);
}

// A neighbourhood as large as the cover re-solves the whole problem: the optimum.
// Smaller ones never make the cover dearer, and the cost reported is the cover's.
class CoverSearchGeometric : public ::testing::TestWithParam<unsigned> {};

TEST_P(CoverSearchGeometric, NeverWorseAndExactWhenEverythingIsFreed) {
    const cover::Problem p = geometric(GetParam(), 300, 70, 4000.0, 1000.0);
    const double optimum = exact_cover(p);
    const auto start = cover::greedy(p);
    const double start_cost = cover::cover_cost(p, start);
    ASSERT_TRUE(std::isfinite(start_cost));

    auto small = start;
    cover::SearchOptions so;
    so.free_columns = 3;
    so.max_free_columns = 4;
    const auto st = cover::neighbourhood_search(p, small, so);
    EXPECT_DOUBLE_EQ(st.start_cost, start_cost);
    EXPECT_DOUBLE_EQ(st.end_cost, cover::cover_cost(p, small));
    EXPECT_LE(st.end_cost, start_cost);
    EXPECT_GE(st.end_cost, optimum);

    auto whole = start;
    so.free_columns = so.max_free_columns = open_count(start);
    const auto all = cover::neighbourhood_search(p, whole, so);
    EXPECT_DOUBLE_EQ(all.end_cost, optimum);
    EXPECT_DOUBLE_EQ(cover::cover_cost(p, whole), optimum);
}

INSTANTIATE_TEST_SUITE_P(Seeds, CoverSearchGeometric, ::testing::Range(1u, 7u));

// The seeds above are not all solved by the greedy start (so the search has work),
// and the small neighbourhoods improve some of them.
TEST(CoverSearch, GreedyIsAboveTheOptimumOnSomeSeedsAndTheSearchHelps) {
    int above = 0, improved = 0;
    for (unsigned seed = 1; seed < 7; ++seed) {
        const cover::Problem p = geometric(seed, 300, 70, 4000.0, 1000.0);
        auto open = cover::greedy(p);
        above += cover::cover_cost(p, open) > exact_cover(p) + 0.5 ? 1 : 0;
        cover::SearchOptions so;
        so.free_columns = 3;
        so.max_free_columns = 4;
        improved += cover::neighbourhood_search(p, open, so).improvements > 0 ? 1 : 0;
    }
    EXPECT_GT(above, 0);
    EXPECT_GT(improved, 0);
}

TEST(CoverSearch, StopsAtTheTargetAndAtTheDeadline) {
    const cover::Problem p = geometric(11, 400, 90, 5000.0, 1000.0);
    auto open = cover::greedy(p);
    const double start_cost = cover::cover_cost(p, open);
    cover::SearchOptions so;
    so.stop_at = start_cost;  // already there: nothing is solved
    auto st = cover::neighbourhood_search(p, open, so);
    EXPECT_EQ(st.neighbourhoods, 0u);
    so.stop_at = -1.0;
    so.deadline = std::chrono::steady_clock::now();  // passed
    st = cover::neighbourhood_search(p, open, so);
    EXPECT_EQ(st.neighbourhoods, 0u);
    EXPECT_DOUBLE_EQ(st.end_cost, start_cost);
}

// --- maximal covering -------------------------------------------------------------

double brute_force_mclp(const Rows& rows, std::size_t m, const std::vector<double>& w, std::size_t k) {
    double best = 0.0;
    std::vector<char> open(m);
    for (std::uint32_t mask = 0; mask < (1u << m); ++mask) {
        if (static_cast<std::size_t>(__builtin_popcount(mask)) > k) continue;
        for (std::size_t j = 0; j < m; ++j) open[j] = (mask >> j) & 1;
        best = std::max(best, covered(rows, w, open));
    }
    return best;
}

struct Mclp {
    Rows rows;
    std::vector<double> weight;
    std::size_t m = 0;
};

Mclp random_mclp(unsigned seed, std::size_t n, std::size_t m) {
    const cover::Problem p = geometric(seed, n, m, 3000.0, 700.0);
    Mclp out{p.rows, {}, m};
    std::mt19937_64 rng(seed + 99);
    for (std::size_t i = 0; i < out.rows.size(); ++i) out.weight.push_back(static_cast<double>(1 + rng() % 5));
    return out;
}

class MclpVsBruteForce : public ::testing::TestWithParam<unsigned> {};

// The Lagrangian bound is at least the optimum and at most the total weight.
TEST_P(MclpVsBruteForce, LagrangianBoundAboveTheOptimum) {
    const Mclp inst = random_mclp(GetParam(), 60, 16);
    double total = 0.0;
    for (double w : inst.weight) total += w;
    for (std::size_t k : {1u, 2u, 3u, 5u}) {
        const double optimum = brute_force_mclp(inst.rows, inst.m, inst.weight, k);
        const auto b = cover::mclp_upper_bound(inst.rows, inst.m, inst.weight, k, 0.0, {});
        EXPECT_GE(b.upper_bound, optimum - 1e-9) << "k = " << k;
        EXPECT_LE(b.upper_bound, total + 1e-9) << "k = " << k;
        EXPECT_GT(b.iterations, 0) << "k = " << k;
    }
    EXPECT_DOUBLE_EQ(cover::mclp_upper_bound(inst.rows, inst.m, inst.weight, 0, 0.0, {}).upper_bound, 0.0);
    EXPECT_DOUBLE_EQ(cover::mclp_upper_bound(inst.rows, inst.m, inst.weight, inst.m, 0.0, {}).upper_bound, total);
}

// The search never covers less, never opens more than it frees, and reports what
// its sites cover.
TEST_P(MclpVsBruteForce, SearchNeverWorseNeverMoreSites) {
    const Mclp inst = random_mclp(GetParam() + 40, 60, 16);
    for (std::size_t k : {2u, 3u, 4u}) {
        std::vector<char> open(inst.m, 0);
        for (std::size_t j = 0; j < k; ++j) open[j] = 1;  // a poor start: the first k sites
        const double start = covered(inst.rows, inst.weight, open);
        cover::SearchOptions so;
        so.free_columns = 1;
        so.max_free_columns = k;
        so.grow = 1;
        const auto st = cover::mclp_neighbourhood_search(inst.rows, inst.m, inst.weight, open, so);
        EXPECT_DOUBLE_EQ(st.start_cost, start);
        EXPECT_DOUBLE_EQ(st.end_cost, covered(inst.rows, inst.weight, open));
        EXPECT_GE(st.end_cost, start);
        EXPECT_LE(open_count(open), k);
        EXPECT_LE(st.end_cost, brute_force_mclp(inst.rows, inst.m, inst.weight, k) + 1e-9);
    }
}

// Lagrangian fixing never excludes a choice that reaches the threshold: every such
// choice of at most k sites leaves the sites fixed at 0 closed and opens those at 1.
TEST_P(MclpVsBruteForce, FixingKeepsEveryBetterChoice) {
    const Mclp inst = random_mclp(GetParam() + 80, 60, 16);
    std::size_t fixed = 0;
    for (std::size_t k : {2u, 3u, 4u}) {
        const double optimum = brute_force_mclp(inst.rows, inst.m, inst.weight, k);
        const auto b = cover::mclp_upper_bound(inst.rows, inst.m, inst.weight, k, optimum - 3.0, {});
        ASSERT_GT(b.multipliers.size(), 0);
        EXPECT_LE(b.best_weight, optimum + 1e-9);
        for (double threshold : {optimum - 2.0 + 1e-6, optimum + 1e-6, optimum + 1.0 - 1e-6}) {
            const auto fix = cover::mclp_fixing(inst.rows, inst.m, inst.weight, k, b, threshold);
            std::vector<char> open(inst.m);
            for (std::uint32_t mask = 0; mask < (1u << inst.m); ++mask) {
                if (static_cast<std::size_t>(__builtin_popcount(mask)) > k) continue;
                for (std::size_t j = 0; j < inst.m; ++j) open[j] = (mask >> j) & 1;
                if (covered(inst.rows, inst.weight, open) < threshold) continue;
                // Fixed open: every better choice of exactly k sites opens it (fewer
                // sites can always be topped up to k without covering less).
                const bool full = static_cast<std::size_t>(__builtin_popcount(mask)) == k;
                for (std::size_t j = 0; j < inst.m; ++j) {
                    if (fix[j] == 0) {
                        EXPECT_FALSE(open[j]) << "k " << k << " site " << j;
                    }
                    if (fix[j] == 1 && full) {
                        EXPECT_TRUE(open[j]) << "k " << k << " site " << j;
                    }
                }
            }
            for (auto f : fix) fixed += f >= 0 ? 1 : 0;
        }
    }
    EXPECT_GT(fixed, 0u);  // the test has something to check
}

INSTANTIATE_TEST_SUITE_P(Seeds, MclpVsBruteForce, ::testing::Range(1u, 6u));

// solve_mclp end to end on instances large enough for the relaxed choice, the
// search, the fixing and the CBC core to play a part: the optimum by enumeration,
// the objective recomputed from the sites.
TEST(MclpSolve, FixedCoreOptimumEqualsEnumeration) {
    int fixing_used = 0;
    for (unsigned seed : {3u, 7u, 11u}) {
        const Mclp inst = random_mclp(seed, 400, 18);
        CoverInstance ci;
        ci.site_count = inst.m;
        ci.covers = inst.rows;
        ci.weight = inst.weight;
        for (std::size_t k : {3u, 5u}) {
            const Solution s = solve_mclp(ci, k, {});
            std::vector<char> open(inst.m, 0);
            for (auto j : s.selected) open[j] = 1;
            EXPECT_LE(s.selected.size(), k);
            EXPECT_DOUBLE_EQ(s.objective, covered(inst.rows, inst.weight, open)) << "seed " << seed << " k " << k;
            EXPECT_DOUBLE_EQ(s.objective, brute_force_mclp(inst.rows, inst.m, inst.weight, k)) << "seed " << seed << " k " << k;
            EXPECT_EQ(s.status, SolveStatus::Optimal);
            for (const auto& n : s.notes) fixing_used += n.rfind("Lagrangian fixing", 0) == 0 ? 1 : 0;
        }
    }
    EXPECT_GT(fixing_used, 0);  // the fixing and its core are exercised
}

// k = 2, sites 0 and 1 open (6 rows covered). Sites 2 and 3 together cover all 8
// rows, but no single swap gains: 0->2 and 1->3 keep 6, 0->3 and 1->2 drop to 5.
// Freeing both sites finds the pair.
TEST(MclpSearch, MovesTwoSitesWhereNoSingleSwapGains) {
    const Rows rows = {{0, 2}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {1, 3}, {2}, {3}};
    const std::vector<double> w(rows.size(), 1.0);
    for (auto [out, in] : {std::pair{0, 2}, {0, 3}, {1, 2}, {1, 3}}) {
        std::vector<char> swapped{1, 1, 0, 0};
        swapped[static_cast<std::size_t>(out)] = 0;
        swapped[static_cast<std::size_t>(in)] = 1;
        EXPECT_LE(covered(rows, w, swapped), 6.0);
    }
    std::vector<char> open{1, 1, 0, 0};
    cover::SearchOptions so;
    so.free_columns = 2;
    so.max_free_columns = 2;
    const auto st = cover::mclp_neighbourhood_search(rows, 4, w, open, so);
    EXPECT_DOUBLE_EQ(st.start_cost, 6.0);
    EXPECT_DOUBLE_EQ(st.end_cost, 8.0);
    EXPECT_EQ(open, (std::vector<char>{0, 0, 1, 1}));
}

// --- CBC in a child process -----------------------------------------------------

TEST(MipHardStop, SameResultAsInProcess) {
    const MipModel mm = cover_model(geometric(5, 200, 40, 3000.0, 900.0));
    MipOptions here, child;
    child.hard_stop = true;
    child.time_limit_s = here.time_limit_s = 60.0;
    const MipResult a = solve_mip(mm, here), b = solve_mip(mm, child);
    EXPECT_EQ(a.status, SolveStatus::Optimal);
    EXPECT_EQ(b.status, a.status);
    EXPECT_DOUBLE_EQ(b.objective, a.objective);
    EXPECT_DOUBLE_EQ(b.bound, a.bound);
    EXPECT_EQ(b.x, a.x);
    EXPECT_FALSE(b.stopped);
}

TEST(MipHardStop, InfeasibleIsReportedFromTheChild) {
    MipModel mm;
    const int x = mm.add_column(0, 1, 1.0, true);
    mm.add_row(2, kInf, {x}, {1.0});  // x >= 2 with x <= 1
    MipOptions o;
    o.hard_stop = true;
    o.time_limit_s = 10.0;
    const MipResult r = solve_mip(mm, o);
    EXPECT_EQ(r.status, SolveStatus::Infeasible);
    EXPECT_TRUE(r.x.empty());
}

// A covering problem whose root node alone takes CBC far longer than the limit:
// stopped at it, with no solution and no bound (the caller keeps its own). How
// soon it comes back is measured in bench/solver_limits_bench.cpp, not here.
TEST(MipHardStop, StopsInsideTheRootNode) {
    const MipModel mm = cover_model(geometric(20240612, 3000, 600, 7750.0, 1000.0));
    MipOptions o;
    o.hard_stop = true;
    o.wall_clock = true;
    o.time_limit_s = 0.05;
    const MipResult r = solve_mip(mm, o);
    EXPECT_TRUE(r.stopped);
    EXPECT_EQ(r.status, SolveStatus::TimeLimit);
    EXPECT_TRUE(r.x.empty());
    EXPECT_TRUE(std::isnan(r.bound));
}

// CBC stopped by its own clock (here in its root node or preprocessing) claims no
// proof: CBC 2.10 can report "infeasible" when its clock runs out in preprocessing,
// and callers read infeasible-with-a-start as "nothing beats the start".
TEST(MipStatus, AStopAtTheTimeLimitIsNoProof) {
    const cover::Problem p = geometric(20240612, 3000, 600, 7750.0, 1000.0);
    const MipModel mm = cover_model(p);
    auto start = cover::greedy(p);
    for (double limit : {0.005, 0.05}) {
        MipOptions o;
        o.wall_clock = true;
        o.time_limit_s = limit;
        o.absolute_gap = 1.0 - 1e-6;
        o.start.assign(start.begin(), start.end());
        const MipResult r = solve_mip(mm, o);
        EXPECT_EQ(r.status, SolveStatus::TimeLimit) << "limit " << limit;
    }
}

}  // namespace
}  // namespace stationplan::plan

// The evaluator is the oracle every solver test and `optimize` check against, so it
// is checked here on its own against values worked out by hand, never against a
// solver. Instances are small enough to verify on paper.
#include <gtest/gtest.h>

#include "plan/evaluate.hpp"

namespace stationplan::plan {
namespace {

// Four demands, three sites:
//   demand 0: sites 0, 1    weight 2
//   demand 1: site 1        weight 3
//   demand 2: sites 1, 2    weight 5
//   demand 3: none          weight 7 (nobody can cover it)
// site costs 4, 1, 2.
CoverInstance cover() {
    CoverInstance c;
    c.site_count = 3;
    c.weight = {2, 3, 5, 7};
    c.cost = {4, 1, 2};
    c.covers = {{0, 1}, {1}, {1, 2}, {}};
    return c;
}

TEST(EvaluateSetCover, CostOfTheSelectedSites) {
    const Evaluation e = evaluate_set_cover(cover(), {1});  // site 1 covers 0, 1, 2
    EXPECT_TRUE(e.feasible) << e.problem;
    EXPECT_EQ(e.objective, 1.0);
    const Evaluation all = evaluate_set_cover(cover(), {0, 1, 2});
    EXPECT_TRUE(all.feasible);
    EXPECT_EQ(all.objective, 7.0);  // 4 + 1 + 2
}

TEST(EvaluateSetCover, AnUncoveredDemandIsNamed) {
    const Evaluation e = evaluate_set_cover(cover(), {0, 2});  // demand 1 only by site 1
    EXPECT_FALSE(e.feasible);
    EXPECT_EQ(e.problem, "demand 1 is not covered");
    EXPECT_EQ(e.objective, 6.0);
}

TEST(EvaluateSetCover, FixedSitesAreFreeAndCover) {
    CoverInstance c = cover();
    c.fixed_open = {0, 1, 0};
    const Evaluation none = evaluate_set_cover(c, {});
    EXPECT_TRUE(none.feasible) << none.problem;
    EXPECT_EQ(none.objective, 0.0);
    const Evaluation with_fixed = evaluate_set_cover(c, {1, 2});  // 1 is fixed: only 2 costs
    EXPECT_EQ(with_fixed.objective, 2.0);
}

TEST(EvaluateSetCover, MissingCostsCountOnePerSite) {
    CoverInstance c = cover();
    c.cost.clear();
    EXPECT_EQ(evaluate_set_cover(c, {0, 2}).objective, 2.0);
}

TEST(EvaluateSites, UnknownAndRepeatedSitesAreRefused) {
    const Evaluation unknown = evaluate_set_cover(cover(), {3});
    EXPECT_FALSE(unknown.feasible);
    EXPECT_EQ(unknown.problem, "site 3 does not exist");
    const Evaluation twice = evaluate_mclp(cover(), {2, 2}, 5);
    EXPECT_FALSE(twice.feasible);
    EXPECT_EQ(twice.problem, "site 2 selected twice");
}

TEST(EvaluateMclp, CoveredWeight) {
    EXPECT_EQ(evaluate_mclp(cover(), {}, 1).objective, 0.0);
    EXPECT_EQ(evaluate_mclp(cover(), {0}, 1).objective, 2.0);
    EXPECT_EQ(evaluate_mclp(cover(), {2}, 1).objective, 5.0);
    EXPECT_EQ(evaluate_mclp(cover(), {1}, 1).objective, 10.0);  // 2 + 3 + 5; demand 3 never
    const Evaluation e = evaluate_mclp(cover(), {0, 2}, 2);
    EXPECT_TRUE(e.feasible);
    EXPECT_EQ(e.objective, 7.0);
}

TEST(EvaluateMclp, MoreSitesThanAllowed) {
    const Evaluation e = evaluate_mclp(cover(), {0, 2}, 1);
    EXPECT_FALSE(e.feasible);
    EXPECT_EQ(e.problem, "2 sites opened, more than 1");
    EXPECT_EQ(e.objective, 7.0);
    CoverInstance c = cover();
    c.fixed_open = {1, 0, 0};  // a fixed site does not count against k and covers demand 0
    const Evaluation f = evaluate_mclp(c, {2}, 1);
    EXPECT_TRUE(f.feasible) << f.problem;
    EXPECT_EQ(f.objective, 7.0);
    EXPECT_EQ(evaluate_mclp(c, {}, 0).objective, 2.0);
}

// Three demands on a line at 0, 4, 10; sites at 1, 6, 10. Distances |a - b|:
//            s0(1) s1(6) s2(10)
//   d0 (0)     1     6    10
//   d1 (4)     3     2     6
//   d2 (10)    9     4     0
DistanceInstance line() {
    DistanceInstance d;
    d.distance.resize(3, 3);
    d.distance << 1, 6, 10, 3, 2, 6, 9, 4, 0;
    return d;
}

TEST(EvaluatePMedian, WeightedSumOfNearestDistances) {
    EXPECT_EQ(evaluate_pmedian(line(), {0}, 1).objective, 13.0);      // 1 + 3 + 9
    EXPECT_EQ(evaluate_pmedian(line(), {1}, 1).objective, 12.0);      // 6 + 2 + 4
    EXPECT_EQ(evaluate_pmedian(line(), {0, 2}, 2).objective, 4.0);    // 1 + 3 + 0
    EXPECT_EQ(evaluate_pmedian(line(), {2, 1, 0}, 3).objective, 3.0); // 1 + 2 + 0
    DistanceInstance w = line();
    w.weight.resize(3);
    w.weight << 2, 1, 3;
    EXPECT_EQ(evaluate_pmedian(w, {1}, 1).objective, 26.0);  // 2*6 + 1*2 + 3*4
}

TEST(EvaluatePMedian, WrongNumberOfSites) {
    const Evaluation e = evaluate_pmedian(line(), {0}, 2);
    EXPECT_FALSE(e.feasible);
    EXPECT_EQ(e.problem, "1 sites selected, expected 2");
    EXPECT_EQ(e.objective, 13.0);
    const Evaluation none = evaluate_pmedian(line(), {}, 0);
    EXPECT_FALSE(none.feasible);
}

TEST(EvaluatePCenter, LargestNearestDistance) {
    EXPECT_EQ(evaluate_pcenter(line(), {0}, 1).objective, 9.0);
    EXPECT_EQ(evaluate_pcenter(line(), {1}, 1).objective, 6.0);
    EXPECT_EQ(evaluate_pcenter(line(), {0, 2}, 2).objective, 3.0);
    EXPECT_EQ(evaluate_pcenter(line(), {0, 1}, 2).objective, 4.0);
    DistanceInstance w = line();
    w.weight.resize(3);
    w.weight << 100, 100, 100;  // p-center ignores weights
    EXPECT_EQ(evaluate_pcenter(w, {1}, 1).objective, 6.0);
}

// The line with sizes 2, 1, 3 and capacities 3, 4, 3.
CapacitatedInstance capacitated() {
    CapacitatedInstance c;
    c.base = line();
    c.size = {2, 1, 3};
    c.capacity = {3, 4, 3};
    return c;
}

TEST(EvaluateCapacitated, CostIsSizeTimesDistanceWithoutWeights) {
    const Evaluation e = evaluate_capacitated(capacitated(), {0, 2}, {0, 0, 2}, 2);
    EXPECT_TRUE(e.feasible) << e.problem;
    EXPECT_EQ(e.objective, 5.0);  // 2*1 + 1*3 + 3*0; loads 3 <= 3, 3 <= 3
    CapacitatedInstance w = capacitated();
    w.base.weight.resize(3);
    w.base.weight << 1, 1, 1;  // with weights, the weight multiplies, not the size
    EXPECT_EQ(evaluate_capacitated(w, {0, 2}, {0, 0, 2}, 2).objective, 4.0);
}

TEST(EvaluateCapacitated, OverCapacityIsNamed) {
    const Evaluation e = evaluate_capacitated(capacitated(), {0, 2}, {0, 2, 2}, 2);  // site 2 gets 1 + 3
    EXPECT_FALSE(e.feasible);
    EXPECT_EQ(e.problem, "site 2 serves 4.000000, above its capacity 3.000000");
    EXPECT_EQ(e.objective, 2.0 + 6.0 + 0.0);
}

TEST(EvaluateCapacitated, BelowTheMinimumIsNamed) {
    CapacitatedInstance c = capacitated();
    c.min_load = {0, 2, 0};
    const Evaluation e = evaluate_capacitated(c, {0, 1}, {0, 0, 1}, 2);  // site 1 gets 3: fine
    EXPECT_TRUE(e.feasible) << e.problem;
    EXPECT_EQ(e.objective, 2.0 + 3.0 + 12.0);
    c.min_load = {0, 4, 0};
    const Evaluation low = evaluate_capacitated(c, {0, 1}, {0, 0, 1}, 2);
    EXPECT_FALSE(low.feasible);
    EXPECT_EQ(low.problem, "site 1 serves 3.000000, below its minimum 4.000000");
}

TEST(EvaluateCapacitated, AssignmentToAClosedSiteOrNone) {
    const Evaluation closed = evaluate_capacitated(capacitated(), {0, 2}, {0, 1, 2}, 2);
    EXPECT_FALSE(closed.feasible);
    EXPECT_EQ(closed.problem, "demand 1 is not assigned to an open site");
    const Evaluation none = evaluate_capacitated(capacitated(), {0, 2}, {0, -1, 2}, 2);
    EXPECT_FALSE(none.feasible);
    EXPECT_EQ(none.problem, "demand 1 is not assigned to an open site");
    const Evaluation short_list = evaluate_capacitated(capacitated(), {0, 2}, {0, 0}, 2);
    EXPECT_FALSE(short_list.feasible);
    EXPECT_EQ(short_list.problem, "assignment has 2 entries, expected 3");
    const Evaluation count = evaluate_capacitated(capacitated(), {1}, {1, 1, 1}, 2);
    EXPECT_FALSE(count.feasible);
    EXPECT_EQ(count.problem, "1 sites selected, expected 2");  // the first problem is kept
}

}  // namespace
}  // namespace stationplan::plan

// Planning on walking distance: the network matrix (SiteReach: straight-line
// prefilter, one Dijkstra per site with the radius as cutoff) against every pair
// walked by the slow reference, and set cover on it against exhaustive search.
#include "plan/site_reach.hpp"

#include <gtest/gtest.h>

#include <random>

#include "plan/evaluate.hpp"
#include "brute_force.hpp"
#include "plan/solvers.hpp"

namespace stationplan::plan {
namespace {

XY at(double x, double y) { return {470000.0 + x, 3850000.0 + y}; }

std::vector<model::Deputy> deputies_at(const std::vector<XY>& points) {
    std::vector<model::Deputy> out;
    for (std::size_t i = 0; i < points.size(); ++i) {
        model::Deputy d;
        d.id = "d" + std::to_string(i + 1);
        d.position = points[i];
        out.push_back(d);
    }
    return out;
}

// Every (deputy, site) pair walked by the slow reference, kept within the radius.
std::vector<std::vector<std::pair<std::uint32_t, double>>> brute_force_reach(measure::RoadNetwork& net,
                                                                             const std::vector<XY>& deputies,
                                                                             const std::vector<XY>& sites, double radius) {
    std::vector<std::vector<std::pair<std::uint32_t, double>>> out(deputies.size());
    for (std::size_t i = 0; i < deputies.size(); ++i)
        for (std::size_t j = 0; j < sites.size(); ++j) {
            const double w = measure::walk_distance_brute_force(net, *net.snap(sites[j]), *net.snap(deputies[i]));
            if (w <= radius + 1e-3) out[i].emplace_back(static_cast<std::uint32_t>(j), w);
        }
    return out;
}

CoverInstance cover_of(const SiteReach& reach, std::size_t deputies, std::size_t sites) {
    CoverInstance inst;
    inst.site_count = sites;
    inst.cost.assign(sites, 1.0);
    for (std::size_t i = 0; i < deputies; ++i) {
        std::vector<std::uint32_t> row;
        for (const auto& [j, m] : reach.within(i)) row.push_back(j);
        inst.covers.push_back(row);
        inst.weight.push_back(1.0);
    }
    return inst;
}

using test::brute_force_cover;

class NetworkMatrixVsBruteForce : public ::testing::TestWithParam<unsigned> {};

TEST_P(NetworkMatrixVsBruteForce, SameReachAndSameOptimalCover) {
    std::mt19937_64 rng(GetParam());
    auto uniform = [&](double lo, double hi) { return lo + (hi - lo) * static_cast<double>(rng() >> 11) * 0x1.0p-53; };
    std::vector<geom::Polyline> lines;
    for (int k = 0; k <= 6; ++k) {
        const double v = 120.0 * k;
        if (rng() % 4 != 0) lines.push_back({at(0, v), at(720, v + uniform(-8, 8))});
        if (rng() % 4 != 0) lines.push_back({at(v, uniform(0, 200)), at(v + uniform(-8, 8), uniform(500, 720))});
    }
    measure::RoadNetwork net(lines);
    std::vector<XY> dpts(24), spts(8);
    for (auto& p : dpts) p = at(uniform(0, 720), uniform(0, 720));
    for (auto& p : spts) p = at(uniform(0, 720), uniform(0, 720));
    const double radius = 350.0;
    const SiteReach reach(deputies_at(dpts), spts, radius, &net);
    ASSERT_TRUE(reach.on_foot());
    const auto expected = brute_force_reach(net, dpts, spts, radius);
    for (std::size_t i = 0; i < dpts.size(); ++i) {
        const auto& got = reach.within(i);
        ASSERT_EQ(got.size(), expected[i].size()) << "deputy " << i;
        for (std::size_t k = 0; k < got.size(); ++k) {
            EXPECT_EQ(got[k].first, expected[i][k].first);
            EXPECT_NEAR(got[k].second, expected[i][k].second, 1e-6);
            EXPECT_GE(got[k].second + 1e-9, distance_m(dpts[i], spts[got[k].first]));
        }
    }
    // Set cover on the walking matrix: the solver's optimum is the exhaustive one.
    const CoverInstance inst = cover_of(reach, dpts.size(), spts.size());
    const Solution s = solve_set_cover(inst, {});
    const Evaluation e = evaluate_set_cover(inst, s.selected);
    EXPECT_EQ(e.objective, brute_force_cover(inst));
}

INSTANTIATE_TEST_SUITE_P(Seeds, NetworkMatrixVsBruteForce, ::testing::Range(1u, 9u));

// The river district of tests/data/network: in a straight line the site by the east
// street covers all four deputies; on foot the river and the compound's wall make
// every site necessary.
TEST(NetworkMatrix, RiverDistrictNeedsMoreSitesOnFootThanInAStraightLine) {
    measure::RoadNetwork net({
        {at(0, 500), at(950, 500)}, {at(1050, 500), at(2000, 500)}, {at(950, 0), at(950, 1000)},
        {at(1050, 0), at(1050, 1000)}, {at(950, 900), at(1050, 900)}, {at(1450, 800), at(1750, 800)},
        {at(1750, 800), at(1750, 500)}, {at(200, 500.4), at(200, 900)}, {at(1850, 200), at(1950, 200)},
    });
    const auto deputies = deputies_at({at(1100, 520), at(1460, 820), at(1600, 520), at(940, 300)});   // d1 d2 d5 d6
    const std::vector<XY> sites{at(900, 520), at(1100, 480), at(1460, 780)};   // S1, by the east street, in the compound
    const SiteReach walk(deputies, sites, 600.0, &net);
    const SiteReach straight(deputies, sites, 600.0, nullptr);
    // d2 in the compound: on foot only the compound site (20 + 20 m); in a straight
    // line also the east street site, 495 m away.
    ASSERT_EQ(walk.within(1).size(), 1u);
    EXPECT_EQ(walk.within(1)[0].first, 2u);
    EXPECT_NEAR(walk.within(1)[0].second, 40.0, 1e-6);
    EXPECT_EQ(straight.within(1).size(), 2u);
    // d5 from the east street site: 20 + 500 + 20 on foot.
    EXPECT_NEAR(walk.within(2)[0].second, 540.0, 1e-6);
    const Solution on_foot = solve_set_cover(cover_of(walk, 4, 3), {});
    const Solution direct = solve_set_cover(cover_of(straight, 4, 3), {});
    EXPECT_EQ(on_foot.selected, (std::vector<std::size_t>{0, 1, 2}));
    EXPECT_EQ(direct.selected, (std::vector<std::size_t>{1}));
}

}  // namespace
}  // namespace stationplan::plan

#include "measure/road_network.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "measure/measurement.hpp"
#include "model/district.hpp"
#include "stationplan/scenario.hpp"
#include "support/test_support.hpp"

namespace stationplan::measure {
namespace {

// The hand-made river district of tests/data/network (its scenario.toml has the
// drawing and the hand computation). Offsets from (470000, 3850000), EPSG:4547.
XY at(double x, double y) { return {470000.0 + x, 3850000.0 + y}; }

std::vector<geom::Polyline> river_roads(bool with_motorway = false) {
    std::vector<geom::Polyline> roads{
        {at(0, 500), at(950, 500)},          // r1 west street
        {at(1050, 500), at(2000, 500)},      // r2 east street
        {at(950, 0), at(950, 1000)},         // r3 west bank road
        {at(1050, 0), at(1050, 1000)},       // r4 east bank road
        {at(950, 900), at(1050, 900)},       // r5 the bridge
        {at(1450, 800), at(1750, 800)},      // r6 compound lane
        {at(1750, 800), at(1750, 500)},      // r7 compound gate
        {at(200, 500.4), at(200, 900)},      // r8 local street, 0.4 m short of r1
        {at(1850, 200), at(1950, 200)},      // r10 isolated footpath
    };
    if (with_motorway) roads.push_back({at(0, 450), at(2000, 450)});  // r9, not walkable
    return roads;
}

struct RiverCase {
    std::vector<SnapPoint> stations, deputies;
};

RiverCase snap_river(const RoadNetwork& net) {
    RiverCase c;
    for (XY s : {at(900, 520), at(1700, 480)}) c.stations.push_back(*net.snap(s));   // S1, SE
    for (XY d : {at(1100, 520), at(1460, 820), at(300, 700), at(1900, 210), at(1600, 520), at(940, 300)})
        c.deputies.push_back(*net.snap(d));
    return c;
}

constexpr double kExact = 1e-6;

TEST(RoadNetwork, RiverWithOneBridgeAndWalledCompoundGiveHandComputedDistances) {
    RoadNetwork net(river_roads());
    RiverCase c = snap_river(net);
    const auto hits = net.nearest_sources(c.stations, c.deputies, 1800.0);
    ASSERT_EQ(hits.size(), 6u);
    const struct {
        double walk;
        std::size_t station;
    } expected[] = {{640, 1}, {680, 1}, {1020, 0}, {0, 0}, {140, 1}, {280, 0}};
    for (std::size_t i = 0; i < 6; ++i) {
        if (i == 3) {
            EXPECT_EQ(hits[i].status, WalkStatus::Unreachable);
            EXPECT_FALSE(hits[i].source);
            continue;
        }
        EXPECT_EQ(hits[i].status, WalkStatus::Reached) << "d" << i + 1;
        EXPECT_NEAR(hits[i].distance_m, expected[i].walk, kExact) << "d" << i + 1;
        ASSERT_TRUE(hits[i].source) << "d" << i + 1;
        EXPECT_EQ(*hits[i].source, expected[i].station) << "d" << i + 1;
    }
    // d1 to S1 goes round by the bridge: 20 + 50 + 400 + 100 + 400 + 50 + 20.
    EXPECT_NEAR(net.distances_from(c.stations[0], c.deputies, {0}, 5000.0)[0], 1040.0, kExact);
    // Access legs as drawn.
    EXPECT_NEAR(c.deputies[2].access_m, 100.0, kExact);
    EXPECT_NEAR(c.deputies[3].access_m, 10.0, kExact);
}

TEST(RoadNetwork, AWalkableMotorwayWouldCrossTheRiver) {
    RoadNetwork net(river_roads(true));
    RiverCase c = snap_river(net);
    // d1 to S1 now crosses on the motorway: 20 + 50 + 50 + 100 + 50 + 50 + 20.
    EXPECT_NEAR(net.distances_from(c.stations[0], c.deputies, {0}, 5000.0)[0], 340.0, kExact);
}

TEST(RoadNetwork, NodesCrossingsAndTouchesAndCountsComponents) {
    // An X: two lines crossing in their interiors become four edges at one node.
    RoadNetwork x({{at(0, 0), at(100, 100)}, {at(0, 100), at(100, 0)}});
    EXPECT_EQ(x.edge_count(), 4u);
    EXPECT_EQ(x.node_count(), 5u);
    EXPECT_EQ(x.component_count(), 1u);
    EXPECT_NEAR(x.total_length_m(), 2 * std::sqrt(2.0) * 100.0, kExact);
    // Already noded data keeps its nodes; a T touch is noded.
    RoadNetwork t({{at(0, 0), at(100, 0)}, {at(100, 0), at(200, 0)}, {at(50, 0), at(50, 80)}});
    EXPECT_EQ(t.edge_count(), 4u);
    EXPECT_EQ(t.node_count(), 5u);
    // Two separate lines are two components.
    RoadNetwork two({{at(0, 0), at(100, 0)}, {at(0, 50), at(100, 50)}});
    EXPECT_EQ(two.component_count(), 2u);
    RoadNetwork river(river_roads());
    EXPECT_EQ(river.component_count(), 2u);   // the main network and the isolated footpath
}

TEST(RoadNetwork, DuplicateAndOverlappingWaysAreLaidOnce) {
    RoadNetwork dup({{at(0, 0), at(100, 0)}, {at(0, 0), at(100, 0)}, {at(100, 0), at(0, 0)}});
    EXPECT_EQ(dup.edge_count(), 1u);
    EXPECT_NEAR(dup.total_length_m(), 100.0, kExact);
    RoadNetwork overlap({{at(0, 0), at(100, 0)}, {at(50, 0), at(150, 0)}});
    EXPECT_EQ(overlap.edge_count(), 3u);
    EXPECT_NEAR(overlap.total_length_m(), 150.0, kExact);
    // Degenerate input: repeated vertices and single points are ignored.
    RoadNetwork degenerate({{at(0, 0), at(0, 0), at(10, 0)}, {at(5, 5)}});
    EXPECT_EQ(degenerate.edge_count(), 1u);
}

TEST(RoadNetwork, PointsOnTheRoadHaveNoAccessLegAndOnePointIsZeroAway) {
    RoadNetwork net({{at(0, 0), at(100, 0)}, {at(100, 0), at(100, 100)}});
    const auto a = *net.snap(at(100, 0));   // on the node
    EXPECT_EQ(a.access_m, 0.0);
    const auto b = *net.snap(at(100, 60));
    EXPECT_EQ(net.nearest_sources({a}, {a}, 10.0)[0].distance_m, 0.0);
    EXPECT_NEAR(net.nearest_sources({a}, {b}, 100.0)[0].distance_m, 60.0, kExact);
    // Several sources: the nearer wins; here, at equal distances, the one on the target's own edge.
    const auto c = *net.snap(at(100, 100));
    const auto hit = net.nearest_sources({c, a}, {b}, 1000.0)[0];
    EXPECT_EQ(*hit.source, 0u);
    EXPECT_NEAR(hit.distance_m, 40.0, kExact);
    const auto mid = *net.snap(at(100, 50));
    EXPECT_EQ(*net.nearest_sources({c, a}, {mid}, 1000.0)[0].source, 0u);
    EXPECT_NEAR(net.nearest_sources({a, c}, {mid}, 1000.0)[0].distance_m, 50.0, kExact);
}

TEST(RoadNetwork, NearMissesJoinWithinTheToleranceOnly) {
    RoadNetwork loose(river_roads(), {.snap_tolerance_m = 1.0});
    RoadNetwork strict(river_roads(), {.snap_tolerance_m = 0.3});
    RiverCase a = snap_river(loose), b = snap_river(strict);
    EXPECT_EQ(loose.nearest_sources(a.stations, {a.deputies[2]}, 5000.0)[0].status, WalkStatus::Reached);
    // 0.4 m is beyond a 0.3 m tolerance: the local street stays cut off.
    EXPECT_EQ(strict.nearest_sources(b.stations, {b.deputies[2]}, 5000.0)[0].status, WalkStatus::Unreachable);
    // An end 0.5 m from another line's end joins at that end exactly.
    RoadNetwork ends({{at(0, 0), at(100, 0)}, {at(100.5, 0), at(200, 0)}}, {.snap_tolerance_m = 1.0});
    EXPECT_EQ(ends.component_count(), 1u);
    EXPECT_NEAR(ends.total_length_m(), 200.0, kExact);
}

TEST(RoadNetwork, CutoffStopsTheSearchAndIsInclusive) {
    RoadNetwork net(river_roads());
    RiverCase c = snap_river(net);
    const auto short_run = net.nearest_sources(c.stations, c.deputies, 1000.0);
    EXPECT_EQ(short_run[2].status, WalkStatus::BeyondCutoff);   // d3 walks 1020 m
    EXPECT_EQ(short_run[5].status, WalkStatus::Reached);        // d6 walks 280 m
    EXPECT_EQ(short_run[3].status, WalkStatus::Unreachable);    // d4: no path at all
    // Pieces of 280 m exactly (d6, on a round grid) are reached at cutoff 280.
    const auto exact = net.nearest_sources({c.stations[0]}, {c.deputies[5]}, 280.0);
    EXPECT_EQ(exact[0].status, WalkStatus::Reached);
    EXPECT_EQ(net.distances_from(c.stations[0], c.deputies, {2}, 1000.0)[0], kUnreached);
}

TEST(RoadNetwork, SnapsToTheNearestEdgeWithTiesToTheLowestEdge) {
    RoadNetwork net({{at(0, 0), at(100, 0)}, {at(0, 20), at(100, 20)}});
    const auto s = net.snap(at(30, 10));   // equally far from both lines
    ASSERT_TRUE(s);
    EXPECT_EQ(s->edge, 0u);
    EXPECT_NEAR(s->access_m, 10.0, kExact);
    EXPECT_NEAR(s->offset_m, 30.0, kExact);
    // Beyond a line's end: the access leg goes to the end point.
    const auto e = net.snap(at(130, 40));
    ASSERT_TRUE(e);
    EXPECT_EQ(e->edge, 1u);
    EXPECT_NEAR(e->access_m, std::sqrt(30.0 * 30.0 + 20.0 * 20.0), kExact);
    EXPECT_NEAR(e->offset_m, 100.0, kExact);
    EXPECT_FALSE(RoadNetwork({}).snap(at(0, 0)));
}

TEST(RoadNetwork, ServiceAreaHoldsWhatIsWithinTheRadiusOnFootOnly) {
    RoadNetwork net(river_roads());
    RiverCase c = snap_river(net);
    const geom::Geometry area = walk_service_area(net, c.stations[0], 600.0, 8, 100.0);
    ASSERT_FALSE(area.is_empty());
    const geom::PreparedGeometry prepared(area);
    EXPECT_TRUE(prepared.covers(at(940, 300)));    // d6: 280 m on foot
    EXPECT_FALSE(prepared.covers(at(1100, 520)));  // d1: 200 m straight, 1040 m on foot, 150 m from the west bank
    EXPECT_FALSE(prepared.covers(at(300, 700)));   // d3: 1020 m on foot
    // Never larger than the straight-line circle.
    const geom::Geometry circle = geom::buffer_point(at(900, 520), 600.0, 64);
    EXPECT_LT(geom::difference(area, circle).area_m2(), 1.0);
}

// Seeded random street grids with gaps: the Dijkstra answers equal the slow
// relaxation, and walking is never shorter than the straight line.
class WalkVsBruteForce : public ::testing::TestWithParam<unsigned> {};

TEST_P(WalkVsBruteForce, SameDistancesAndNeverShorterThanStraight) {
    std::mt19937_64 rng(GetParam());
    auto uniform = [&](double lo, double hi) { return lo + (hi - lo) * static_cast<double>(rng() >> 11) * 0x1.0p-53; };
    std::vector<geom::Polyline> lines;
    for (int k = 0; k <= 8; ++k) {
        const double v = 100.0 * k;
        if (rng() % 5 != 0) lines.push_back({at(0, v + uniform(-5, 5)), at(800, v + uniform(-5, 5))});
        if (rng() % 5 != 0) lines.push_back({at(v, uniform(0, 300)), at(v, uniform(500, 800))});
    }
    RoadNetwork net(lines);
    std::vector<XY> spts(1 + rng() % 4), dpts(40);
    for (auto& p : spts) p = at(uniform(0, 800), uniform(0, 800));
    for (auto& p : dpts) p = at(uniform(-50, 850), uniform(-50, 850));
    std::vector<SnapPoint> s, d;
    for (auto& p : spts) s.push_back(*net.snap(p));
    for (auto& p : dpts) d.push_back(*net.snap(p));
    const auto hits = net.nearest_sources(s, d, 1e9);
    for (std::size_t i = 0; i < d.size(); ++i) {
        double best = kUnreached;
        for (std::size_t k = 0; k < s.size(); ++k) {
            const double w = walk_distance_brute_force(net, s[k], d[i]);
            best = std::min(best, w);
            if (w < kUnreached) {
                EXPECT_GE(w + 1e-9, distance_m(spts[k], dpts[i])) << "deputy " << i << " station " << k;
            }
        }
        if (best == kUnreached) {
            EXPECT_EQ(hits[i].status, WalkStatus::Unreachable);
        } else {
            EXPECT_NEAR(hits[i].distance_m, best, 1e-6) << "deputy " << i;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Seeds, WalkVsBruteForce, ::testing::Range(1u, 13u));

// The roads layer as loaded from the fixture: the motorway is skipped, the record
// without geometry is rejected, each with its reason.
TEST(RoadsLayer, NonWalkableWaysAndBrokenRecordsAreListedInRejects) {
    const Scenario sc = load_scenario(test::test_data() / "network" / "scenario.toml");
    const model::District d = model::load_district(sc);
    EXPECT_EQ(d.road_records, 11u);
    EXPECT_EQ(d.roads.size(), 9u);
    std::vector<std::string> reasons;
    for (const auto& r : d.rejects) reasons.push_back(r.record + ": " + r.reason);
    ASSERT_EQ(reasons.size(), 2u);
    EXPECT_NE(reasons[0].find("road 'r9': not walkable (highway = motorway)"), std::string::npos) << reasons[0];
    EXPECT_NE(reasons[1].find("road 'r11'"), std::string::npos) << reasons[1];
}

TEST(RoadsLayer, CheckMeasuresByWalkingAndFlagsDisagreements) {
    const Scenario sc = load_scenario(test::test_data() / "network" / "scenario.toml");
    const model::District d = model::load_district(sc);
    const Measurement m = measure_district(d, sc);
    ASSERT_TRUE(m.network);
    EXPECT_EQ(m.covered_deputies, 2u);   // d5, d6
    EXPECT_EQ(m.walk_disagree, 3u);      // d1, d2, d4
    EXPECT_EQ(m.walk_unreachable, 1u);   // d4
    const double walk[] = {640, 680, 1020, 0, 140, 280};
    for (std::size_t i = 0; i < 6; ++i) {
        if (i == 3) continue;
        EXPECT_NEAR(m.deputies[i].nearest_walk_m, walk[i], kExact) << d.deputies[i].id;
        EXPECT_GE(m.deputies[i].nearest_walk_m, m.deputies[i].nearest_distance_m) << d.deputies[i].id;
    }
}

}  // namespace
}  // namespace stationplan::measure

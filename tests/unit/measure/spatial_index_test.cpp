#include "measure/spatial_index.hpp"

#include <gtest/gtest.h>

#include <random>

namespace stationplan::measure {
namespace {

// Seeded random cases: the indexed search must agree with the brute-force scan on
// index and distance, including ties (points on a coarse lattice, duplicates).
class NearestVsBruteForce : public ::testing::TestWithParam<unsigned> {};

TEST_P(NearestVsBruteForce, SameIndexAndDistance) {
    std::mt19937_64 rng(GetParam());
    const bool lattice = GetParam() % 2 == 0;  // lattice coordinates make exact ties common
    auto coord = [&](double extent) {
        const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
        return lattice ? std::floor(u * 20.0) * (extent / 20.0) : u * extent;
    };
    std::vector<XY> stations(1 + rng() % 300);
    for (auto& s : stations) s = {470000.0 + coord(10000.0), 3850000.0 + coord(10000.0)};
    if (stations.size() > 3) stations[1] = stations[2];  // a duplicate station
    const PointIndex index(stations);
    for (int q = 0; q < 2000; ++q) {
        const XY p{470000.0 + coord(12000.0) - 1000.0, 3850000.0 + coord(12000.0) - 1000.0};
        const auto fast = index.nearest(p);
        const auto slow = nearest_brute_force(stations, p);
        ASSERT_TRUE(fast && slow);
        ASSERT_EQ(fast->index, slow->index) << "query " << q;
        ASSERT_EQ(fast->distance_m, slow->distance_m);

        const double r = coord(2000.0);
        std::vector<std::size_t> expected;
        for (std::size_t i = 0; i < stations.size(); ++i)
            if (distance_m(stations[i], p) <= r) expected.push_back(i);
        ASSERT_EQ(index.within(p, r), expected);
    }
}

INSTANTIATE_TEST_SUITE_P(Seeds, NearestVsBruteForce, ::testing::Range(1u, 13u));

TEST(PointIndex, EmptyIndexFindsNothing) {
    const PointIndex index(std::vector<XY>{});
    EXPECT_TRUE(index.empty());
    EXPECT_FALSE(index.nearest({0, 0}));
    EXPECT_TRUE(index.within({0, 0}, 100).empty());
}

TEST(PointIndex, AllPointsOnOneSpotGoToTheLowestIndex) {
    const std::vector<XY> same(50, XY{5.0, 5.0});
    const PointIndex index(same);
    const auto hit = index.nearest({8.0, 9.0});
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->index, 0u);
    EXPECT_DOUBLE_EQ(hit->distance_m, 5.0);
    EXPECT_EQ(index.within({5.0, 5.0}, 0.0).size(), 50u);
}

TEST(PointIndex, EquidistantPointsTieToTheLowestIndex) {
    // Four stations at the same distance from the origin, inserted in reverse order.
    const std::vector<XY> ring{{0, -3}, {-3, 0}, {0, 3}, {3, 0}};
    const PointIndex index(ring);
    EXPECT_EQ(index.nearest({0, 0})->index, 0u);
}

TEST(AreaLocator, SharedBoundaryGoesToTheLowestIndex) {
    const auto west = geom::Geometry::from_wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
    const auto east = geom::Geometry::from_wkt("POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))");
    const AreaLocator locator({&east, &west});
    EXPECT_EQ(locator.locate({10.0, 5.0}), 0u);   // on the shared edge
    EXPECT_EQ(locator.locate({5.0, 5.0}), 1u);
    EXPECT_EQ(locator.locate({15.0, 0.0}), 0u);   // on the outer boundary: still inside
    EXPECT_FALSE(locator.locate({25.0, 5.0}));
}

}  // namespace
}  // namespace stationplan::measure

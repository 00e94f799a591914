#include "geom/geos.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace stationplan::geom {
namespace {

const double kPi = std::acos(-1.0);

TEST(Geometry, AreaAndEnvelopeOfASquare) {
    const auto g = Geometry::from_wkt("POLYGON ((0 0, 30 0, 30 20, 0 20, 0 0))");
    EXPECT_DOUBLE_EQ(g.area_m2(), 600.0);
    const auto e = g.envelope();
    EXPECT_EQ(e.min_x, 0.0);
    EXPECT_EQ(e.max_x, 30.0);
    EXPECT_EQ(e.max_y, 20.0);
    EXPECT_TRUE(g.is_polygonal());
    EXPECT_TRUE(g.invalid_reason().empty());
}

TEST(Geometry, WkbRoundTrip) {
    const auto g = Geometry::from_wkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))");
    const auto back = Geometry::from_wkb(g.to_wkb());
    EXPECT_EQ(back.to_wkt(), g.to_wkt());
    EXPECT_EQ(back.num_parts(), 2u);
}

TEST(Buffer, PolygonAreaOfACircleWithinTheStatedError) {
    // n segments per quarter: the polygon is a regular 4n-gon inscribed in the circle,
    // area (4n / 2) r^2 sin(2 pi / 4n).
    for (int n : {4, 16, 64}) {
        const auto c = buffer_point({1000.0, 2000.0}, 1000.0, n);
        const double sides = 4.0 * n;
        EXPECT_NEAR(c.area_m2(), sides / 2.0 * 1e6 * std::sin(2.0 * kPi / sides), 1e-3) << n;
        EXPECT_LT(c.area_m2(), kPi * 1e6);
    }
}

TEST(MakeValid, RepairsABowTieIntoTwoTriangles) {
    const auto bowtie = Geometry::from_wkt("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))");
    EXPECT_NE(bowtie.invalid_reason().find("Self-intersection"), std::string::npos) << bowtie.invalid_reason();
    const auto fixed = make_valid_polygonal(bowtie);
    EXPECT_TRUE(fixed.invalid_reason().empty());
    EXPECT_TRUE(fixed.is_polygonal());
    EXPECT_DOUBLE_EQ(fixed.area_m2(), 50.0);  // two triangles of 25 m2
}

TEST(Overlay, IntersectionDifferenceAndUnionAreas) {
    const auto a = Geometry::from_wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
    const auto b = Geometry::from_wkt("POLYGON ((5 0, 15 0, 15 10, 5 10, 5 0))");
    EXPECT_DOUBLE_EQ(intersection(a, b).area_m2(), 50.0);
    EXPECT_DOUBLE_EQ(difference(a, b).area_m2(), 50.0);
    std::vector<Geometry> parts;
    parts.push_back(a.clone());
    parts.push_back(b.clone());
    EXPECT_DOUBLE_EQ(unary_union(std::move(parts)).area_m2(), 150.0);
    EXPECT_TRUE(unary_union({}).is_empty());
    EXPECT_TRUE(intersects(a, b));
    EXPECT_DOUBLE_EQ(distance_m(a, {13.0, 14.0}), 5.0);
}

TEST(PreparedGeometry, CoversInteriorAndBoundaryOnly) {
    const auto g = Geometry::from_wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))");
    const PreparedGeometry p(g);
    EXPECT_TRUE(p.covers({1.0, 1.0}));
    EXPECT_TRUE(p.covers({10.0, 5.0}));   // boundary
    EXPECT_FALSE(p.covers({5.0, 5.0}));   // in the hole
    EXPECT_FALSE(p.covers({11.0, 5.0}));
}

}  // namespace
}  // namespace stationplan::geom

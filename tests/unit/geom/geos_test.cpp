#include "geom/geos.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <utility>

#include "support/test_support.hpp"

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

namespace stationplan::geom {
namespace {

// The two geometries of tests/data/geom/side_location_conflict.wkt (comment lines
// start with '#').
std::pair<Geometry, Geometry> side_location_conflict_pair() {
    std::istringstream in(test::read_text(test::test_data() / "geom" / "side_location_conflict.wkt"));
    std::vector<Geometry> out;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#') out.push_back(Geometry::from_wkt(line));
    if (out.size() != 2) throw std::runtime_error("expected two geometries");
    return {std::move(out[0]), std::move(out[1])};
}

TEST(Robustness, IntersectsDecidesWhereTheGeneralPredicateThrows) {
    const auto [part, circle] = side_location_conflict_pair();
    ASSERT_TRUE(part.invalid_reason().empty());
    ASSERT_TRUE(circle.invalid_reason().empty());
    // The hole of `part` is bounded by segments of this very circle: they share a
    // stretch of boundary, and the circle reaches into the part's shell.
    EXPECT_TRUE(intersects(part, circle));
    EXPECT_TRUE(intersects(circle, part));
    EXPECT_TRUE(PreparedGeometry(circle).intersects(part));
    EXPECT_TRUE(PreparedGeometry(part).intersects(circle));
}

TEST(Robustness, OverlaysOfNearlyCoincidentEdgesAreValidAndAddUp) {
    const auto [part, circle] = side_location_conflict_pair();
    const Geometry in = intersection(part, circle);
    const Geometry out = difference(part, circle);
    EXPECT_TRUE(in.invalid_reason().empty()) << in.invalid_reason();
    EXPECT_TRUE(out.invalid_reason().empty()) << out.invalid_reason();
    // The circle's interior lies in the part's hole: they touch along the hole's
    // boundary and share no area, so the part lies wholly outside the circle.
    EXPECT_LT(in.area_m2(), 1e-3);
    EXPECT_NEAR(out.area_m2(), part.area_m2(), 1e-3);
    std::vector<Geometry> both;
    both.push_back(in.clone());
    both.push_back(out.clone());
    const Geometry whole = unary_union(std::move(both));
    EXPECT_TRUE(whole.invalid_reason().empty());
    EXPECT_NEAR(whole.area_m2(), part.area_m2(), 1e-3);
}

TEST(Robustness, PreparedCoversAGeometry) {
    const auto square = Geometry::from_wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
    const PreparedGeometry p(square);
    EXPECT_TRUE(p.covers(Geometry::from_wkt("POLYGON ((0 0, 10 0, 10 5, 0 5, 0 0))")));  // shares the boundary
    EXPECT_FALSE(p.covers(Geometry::from_wkt("POLYGON ((5 5, 15 5, 15 6, 5 6, 5 5))")));
    EXPECT_TRUE(p.intersects(Geometry::from_wkt("POINT (10 10)")));
    EXPECT_FALSE(p.intersects(Geometry::from_wkt("POINT (10 10.001)")));
}

TEST(Robustness, AFailedOverlayNamesItsOperation) {
    // A collection of overlapping polygons (valid as a collection, not as an area):
    // neither the floating nor the snap-rounding overlay can node it.
    const auto mixed = Geometry::from_wkt(
        "GEOMETRYCOLLECTION (POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0)), POLYGON ((1 1, 11 1, 11 11, 1 11, 1 1)))");
    const auto square = Geometry::from_wkt("POLYGON ((5 5, 15 5, 15 15, 5 15, 5 5))");
    try {
        (void)intersection(mixed, square);
        FAIL() << "expected a GeometryError";
    } catch (const GeometryError& e) {
        EXPECT_EQ(e.operation(), "intersection");
        EXPECT_NE(std::string(e.what()).find("GEOS intersection failed"), std::string::npos) << e.what();
    }
}

TEST(Robustness, EnsureValidRepairsOnlyWhatIsInvalid) {
    const auto square = Geometry::from_wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
    EXPECT_EQ(ensure_valid_polygonal(square.clone()).to_wkt(), square.to_wkt());
    const auto bowtie = Geometry::from_wkt("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))");
    const auto fixed = ensure_valid_polygonal(bowtie.clone());
    EXPECT_TRUE(fixed.invalid_reason().empty());
    EXPECT_DOUBLE_EQ(fixed.area_m2(), 50.0);
}

}  // namespace
}  // namespace stationplan::geom

#include "io/china_coords.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>

#include "io/vector_source.hpp"
#include "stationplan/error.hpp"
#include "support/test_support.hpp"

namespace stationplan::io {
namespace {

// Ground distance in metres between two lon/lat points (haversine on the mean
// Earth radius: well within 0.1 % of the ellipsoidal distance at these ranges).
double ground_m(const LonLat& a, const LonLat& b) {
    constexpr double kR = 6371008.8, kRad = 3.14159265358979323846 / 180.0;
    const double dlat = (b.lat_deg - a.lat_deg) * kRad, dlon = (b.lon_deg - a.lon_deg) * kRad;
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(a.lat_deg * kRad) * std::cos(b.lat_deg * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * kR * std::asin(std::sqrt(h));
}

struct ReferencePair {
    const char* source;
    LonLat in;
    LonLat expected;
};

// Published reference pairs for the forward transforms.
TEST(ChinaCoords, Wgs84ToGcj02MatchesPublishedPairs) {
    const ReferencePair pairs[] = {
        // github.com/wandergis/coordtransform, test/app.js: wgs84togcj02(116.404, 39.915)
        {"wandergis/coordtransform", {116.404, 39.915}, {116.41024449916938, 39.91640428150164}},
        // github.com/wandergis/coordtransform README example reused by hutool's CoordinateUtilTest
        // (cn.hutool.core.util): the same pair.
        // geoToolbox test_wgs84_to_gcj02: (lat 40.0, lng 116.0) -> (40.001213650174, 116.006141221789)
        {"geoToolbox", {116.0, 40.0}, {116.006141221789, 40.001213650174}},
    };
    for (const auto& p : pairs) {
        const LonLat got = wgs84_to_gcj02(p.in);
        EXPECT_LT(ground_m(got, p.expected), 1.0) << p.source;
    }
}

TEST(ChinaCoords, Gcj02ToBd09MatchesPublishedPairs) {
    const ReferencePair pairs[] = {
        // wandergis/coordtransform test/app.js: gcj02tobd09(116.404, 39.915)
        {"wandergis/coordtransform", {116.404, 39.915}, {116.41036949371029, 39.92133699351021}},
        // github.com/hujiulong/gcoord, test/unit/crs/GCJ02.spec.js: GCJ02 -> BD09 of (123, 45)
        {"hujiulong/gcoord", {123.0, 45.0}, {123.00636499, 45.00636899}},
    };
    for (const auto& p : pairs) {
        EXPECT_LT(ground_m(gcj02_to_bd09(p.in), p.expected), 1.0) << p.source;
    }
}

TEST(ChinaCoords, InversesMatchPublishedPairs) {
    // wandergis/coordtransform test/app.js: gcj02towgs84(116.404, 39.915) and
    // bd09togcj02(116.404, 39.915), both published as one-step approximations.
    EXPECT_LT(ground_m(gcj02_to_wgs84({116.404, 39.915}), {116.39775550083061, 39.91359571849836}), 1.0);
    EXPECT_LT(ground_m(bd09_to_gcj02({116.404, 39.915}), {116.39762729119315, 39.90865673957631}), 1.0);
    // hujiulong/gcoord test/unit/crs/GCJ02.spec.js: GCJ02 -> WGS84 of (123, 45).
    EXPECT_LT(ground_m(gcj02_to_wgs84({123.0, 45.0}), {122.99395597, 44.99804071}), 1.0);
}

TEST(ChinaCoords, Gcj02LeavesPointsOutsideChinaUnchanged) {
    // hujiulong/gcoord: (183, 45) is "not in China" and comes back as it went in.
    for (const LonLat p : {LonLat{183.0, 45.0}, LonLat{2.35, 48.85}, LonLat{113.7, 56.0}, LonLat{71.9, 35.0}}) {
        const LonLat f = wgs84_to_gcj02(p);
        const LonLat b = gcj02_to_wgs84(p);
        EXPECT_EQ(f.lon_deg, p.lon_deg);
        EXPECT_EQ(f.lat_deg, p.lat_deg);
        EXPECT_EQ(b.lon_deg, p.lon_deg);
        EXPECT_EQ(b.lat_deg, p.lat_deg);
    }
}

TEST(ChinaCoords, OffsetInZhengzhouIsHundredsOfMetres) {
    // The reason the conversion matters: GCJ-02 and BD-09 move Zhengzhou by
    // 300-600 m and about 1 km, enough to flip a one-kilometre rule.
    const LonLat wgs{113.70, 34.80};
    const double gcj_m = ground_m(wgs, wgs84_to_gcj02(wgs));
    const double bd_m = ground_m(wgs, wgs84_to_bd09(wgs));
    EXPECT_GT(gcj_m, 300.0);
    EXPECT_LT(gcj_m, 700.0);
    EXPECT_GT(bd_m, gcj_m);
}

TEST(ChinaCoords, RoundTripsWithinOneCentimetreOverChina) {
    // A grid over China's box, 0.5 degree steps: forward then inverse, both ways.
    double worst_gcj = 0, worst_bd = 0;
    int points = 0;
    for (double lon = 73.0; lon <= 135.0; lon += 0.5) {
        for (double lat = 18.0; lat <= 53.5; lat += 0.5) {
            const LonLat w{lon, lat};
            worst_gcj = std::max(worst_gcj, ground_m(w, gcj02_to_wgs84(wgs84_to_gcj02(w))));
            worst_bd = std::max(worst_bd, ground_m(w, bd09_to_wgs84(wgs84_to_bd09(w))));
            const LonLat g{lon, lat};  // the same grid read as GCJ-02 input
            worst_gcj = std::max(worst_gcj, ground_m(g, wgs84_to_gcj02(gcj02_to_wgs84(g))));
            ++points;
        }
    }
    EXPECT_EQ(points, 125 * 72);
    EXPECT_LT(worst_gcj, 0.01);
    EXPECT_LT(worst_bd, 0.01);
}

TEST(ChinaCoords, ParsesScenarioNames) {
    EXPECT_EQ(parse_map_coords("GCJ02"), MapCoords::Gcj02);
    EXPECT_EQ(parse_map_coords("gcj-02"), MapCoords::Gcj02);
    EXPECT_EQ(parse_map_coords("bd09"), MapCoords::Bd09);
    EXPECT_EQ(parse_map_coords("wgs84"), MapCoords::Wgs84);
    EXPECT_FALSE(parse_map_coords("mars").has_value());
    EXPECT_EQ(to_wgs84(MapCoords::Wgs84, {113.7, 34.8}).lon_deg, 113.7);
}

}  // namespace
}  // namespace stationplan::io

namespace stationplan::io {
namespace {

// Through the reader: points (x/y columns) and polygon vertices (WKT) given in
// GCJ-02 come out as the iterated inverse says, before reprojection.
TEST(ChinaCoordsReader, PointsAndPolygonVerticesAreConvertedBeforeReprojection) {
    test::ScratchDir dir("gcj");
    const LonLat p = wgs84_to_gcj02({113.70, 34.80});
    char csv[512];
    std::snprintf(csv, sizeof csv,
                  "id,lon,lat,wkt\nP,%.12f,%.12f,\"POLYGON ((%.12f %.12f,%.12f %.12f,%.12f %.12f,%.12f %.12f))\"\n", p.lon_deg,
                  p.lat_deg, p.lon_deg, p.lat_deg, p.lon_deg + 0.01, p.lat_deg, p.lon_deg, p.lat_deg + 0.01, p.lon_deg,
                  p.lat_deg);
    test::write_text(dir.path() / "gcj.csv", csv);

    LayerSource points;
    points.file = dir.path() / "gcj.csv";
    points.coords = "gcj02";  // no crs: longitude/latitude are implied
    points.x_field = "lon";
    points.y_field = "lat";
    points.key = "layers.deputies";
    VectorSource src(points, "deputies");
    src.set_target_crs(Crs::from_user_input("EPSG:4326"));
    std::vector<XY> got;
    src.for_each({{"id", true}}, [&](const SourceRecord& r) { got.push_back(r.point); });
    ASSERT_EQ(got.size(), 1u);
    EXPECT_NEAR(got[0].x_m, 113.70, 1e-9);
    EXPECT_NEAR(got[0].y_m, 34.80, 1e-9);

    LayerSource polygons = points;
    polygons.x_field.clear();
    polygons.y_field.clear();
    polygons.wkt_field = "wkt";
    polygons.coords = "gcj02";
    polygons.crs = "EPSG:4326";
    VectorSource poly(polygons, "communities");
    poly.set_target_crs(Crs::from_user_input("EPSG:4326"));
    std::size_t n = 0;
    poly.for_each({{"id", true}}, [&](const SourceRecord& r) {
        ASSERT_EQ(r.kind, GeometryKind::Other) << r.problem;
        // Little-endian ISO WKB polygon: 1 + 4 + 4 (rings) + 4 (points) bytes, then x, y doubles.
        ASSERT_GE(r.wkb.size(), 13u + 16u);
        double x = 0, y = 0;
        std::memcpy(&x, r.wkb.data() + 13, 8);
        std::memcpy(&y, r.wkb.data() + 21, 8);
        EXPECT_NEAR(x, 113.70, 1e-9);
        EXPECT_NEAR(y, 34.80, 1e-9);
        const LonLat second = gcj02_to_wgs84({p.lon_deg + 0.01, p.lat_deg});
        std::memcpy(&x, r.wkb.data() + 29, 8);
        std::memcpy(&y, r.wkb.data() + 37, 8);
        EXPECT_NEAR(x, second.lon_deg, 1e-12);
        EXPECT_NEAR(y, second.lat_deg, 1e-12);
        ++n;
    });
    EXPECT_EQ(n, 1u);
}

TEST(ChinaCoordsReader, RefusesAProjectedCrs) {
    test::ScratchDir dir("gcj");
    test::write_text(dir.path() / "p.csv", "id,x,y\nA,470000,3850000\n");
    LayerSource s;
    s.file = dir.path() / "p.csv";
    s.crs = "EPSG:4547";
    s.coords = "bd09";
    s.x_field = "x";
    s.y_field = "y";
    s.key = "layers.deputies";
    try {
        VectorSource src(s, "deputies");
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("needs longitude/latitude"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace stationplan::io

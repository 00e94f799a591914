#include "io/crs.hpp"

#include <gtest/gtest.h>
#include <proj.h>
#include <ogr_spatialref.h>
#include <cpl_conv.h>
#include <cpl_vsi.h>

#include <map>

#include "stationplan/error.hpp"
#include "support/test_support.hpp"

namespace stationplan::io {
namespace {
TEST(AutoWorkingCrs, ChoosesTheCgcs2000GaussKruegerZone) {
    EXPECT_EQ(auto_working_crs({113.73, 34.80}), "EPSG:4547");  // Zhengzhou: CM 114E
    EXPECT_EQ(auto_working_crs({116.40, 39.90}), "EPSG:4548");  // Beijing: CM 117E
    EXPECT_EQ(auto_working_crs({121.47, 31.23}), "EPSG:4549");  // Shanghai: CM 120E
    EXPECT_EQ(auto_working_crs({75.99, 39.47}), "EPSG:4534");   // Kashgar: CM 75E
}

TEST(AutoWorkingCrs, FallsBackToUtmOutsideChina) {
    EXPECT_EQ(auto_working_crs({2.35, 48.85}), "EPSG:32631");    // Paris
    EXPECT_EQ(auto_working_crs({-43.2, -22.9}), "EPSG:32723");   // Rio de Janeiro
}

TEST(Transform, MatchesProjDirectly) {
    // Independent path: the PROJ C API, without OGR.
    PJ_CONTEXT* ctx = proj_context_create();
    PJ* raw = proj_create_crs_to_crs(ctx, "EPSG:4326", "EPSG:4547", nullptr);
    PJ* pj = proj_normalize_for_visualization(ctx, raw);
    const PJ_COORD in = proj_coord(113.7, 34.8, 0, 0);
    const PJ_COORD out = proj_trans(pj, PJ_FWD, in);
    proj_destroy(pj);
    proj_destroy(raw);
    proj_context_destroy(ctx);

    const Transform t(Crs::from_user_input("EPSG:4326"), Crs::from_user_input("EPSG:4547"));
    double x = 113.7, y = 34.8;
    ASSERT_TRUE(t.apply(x, y));
    EXPECT_NEAR(x, out.xy.x, 1e-6);
    EXPECT_NEAR(y, out.xy.y, 1e-6);
    EXPECT_GT(x, 400000.0);  // easting near the 500 km false easting, lon/lat order respected
    EXPECT_LT(x, 500000.0);
}

TEST(Crs, LabelsAndErrors) {
    EXPECT_EQ(Crs::from_user_input("EPSG:4547").label(), "EPSG:4547");
    EXPECT_TRUE(Crs::from_user_input("EPSG:4547").is_projected());
    EXPECT_TRUE(Crs::from_user_input("EPSG:4490").is_geographic());
    EXPECT_THROW(Crs::from_user_input("EPSG:999999"), std::invalid_argument);
    EXPECT_THROW(Crs::from_user_input(""), std::invalid_argument);
}

TEST(Crs, PlausibleAreaIsTheAreaOfUseWidened) {
    const auto gk = Crs::from_user_input("EPSG:4547").plausible_area(2.0);
    ASSERT_TRUE(gk);
    EXPECT_TRUE(gk->box.contains(471000, 3851600));       // Zhengzhou
    EXPECT_FALSE(gk->box.contains(38471000, 3851600));    // the same easting with zone 38 in front
    EXPECT_FALSE(gk->box.contains(3851600, 471000));      // easting and northing swapped
    EXPECT_FALSE(gk->box.contains(1e300, 3851600));
    EXPECT_EQ(gk->text, "EPSG:4547 (China - onshore between 112°30'E and 115°30'E: longitude 112.5..115.5, latitude "
                        "21.52..45.45, with 2 degrees to spare)");
    const auto world = Crs::from_user_input("EPSG:4326").plausible_area(2.0);
    ASSERT_TRUE(world);
    EXPECT_TRUE(world->box.contains(180, -90));
    EXPECT_FALSE(world->box.contains(34.8, 113.7));
    EXPECT_EQ(world->text, "EPSG:4326 (World: longitude -180..180, latitude -90..90)");
    // A CRS read from a .prj (ESRI WKT, no authority) is identified to find its area.
    OGRSpatialReference esri;
    esri.importFromEPSG(4547);
    esri.morphToESRI();
    char* wkt = nullptr;
    esri.exportToWkt(&wkt);
    const std::string text = wkt;
    CPLFree(wkt);
    EXPECT_TRUE(Crs::from_user_input(text).plausible_area(2.0));
    // Looked up once: asked again, the same answer.
    const auto again = Crs::from_user_input("EPSG:4547").plausible_area(2.0);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->text, gk->text);
    EXPECT_EQ(again->box.min_x, gk->box.min_x);
    EXPECT_EQ(again->box.max_y, gk->box.max_y);
    EXPECT_NE(Crs::from_user_input("EPSG:4547").plausible_area(0.0)->text, gk->text);  // another margin
    EXPECT_THROW(Crs::from_user_input("EPSG:99999999"), std::invalid_argument);
    EXPECT_THROW(Crs::from_user_input("EPSG:99999999"), std::invalid_argument);  // errors are not kept
    // A PROJ string has no area of use.
    EXPECT_FALSE(Crs::from_user_input("+proj=tmerc +lon_0=114 +x_0=500000 +ellps=GRS80").plausible_area(2.0));
}

}  // namespace
}  // namespace stationplan::io

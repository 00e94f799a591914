// model::load_district on the hand-built fixture tests/data/small (see its
// scenario.toml): every layer read into the model, fields mapped, the record without
// a location rejected with its line, counts adding up; and the district's integrity
// errors a loader must refuse (a duplicate id) as InputErrors naming file and record.
#include "model/district.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "stationplan/error.hpp"
#include "stationplan/scenario.hpp"
#include "support/test_support.hpp"

namespace stationplan::model {
namespace {

namespace fs = std::filesystem;

TEST(LoadDistrict, ReadsTheSmallFixture) {
    const District d = load_district(load_scenario(test::test_data() / "small" / "scenario.toml"));
    EXPECT_EQ(d.crs.label(), "EPSG:4547");
    ASSERT_EQ(d.streets.size(), 2u);
    EXPECT_EQ(d.streets[0].id, "A");
    EXPECT_EQ(d.streets[0].name, "甲街道");
    EXPECT_DOUBLE_EQ(d.streets[0].geometry.area_m2(), 4e6);
    ASSERT_EQ(d.communities.size(), 3u);
    EXPECT_EQ(d.communities[2].id, "B2");
    EXPECT_EQ(d.communities[2].street_id, "B");
    ASSERT_EQ(d.grids.size(), 2u);
    EXPECT_EQ(d.grids[0].liaison, "张三");
    EXPECT_EQ(d.grids[1].liaison, "");  // G2 has none (an R4 finding, not a load error)
    ASSERT_EQ(d.stations.size(), 5u);
    const Station& c1 = d.stations[2];
    EXPECT_EQ(c1.id, "C1");
    EXPECT_EQ(c1.kind, StationKind::Community);
    EXPECT_EQ(c1.community_id, "B1");
    EXPECT_EQ(c1.capacity_min, std::optional<int>(3));
    EXPECT_EQ(c1.capacity_max, std::optional<int>(5));
    EXPECT_EQ(c1.position.x_m, 473000.0);
    EXPECT_EQ(c1.position.y_m, 3850500.0);
    EXPECT_EQ(d.stations[4].kind, StationKind::Industry);
    EXPECT_EQ(d.stations[4].sector, "法律");

    // Ten deputies with a location, d11 without one: rejected with its CSV line.
    ASSERT_EQ(d.deputies.size(), 10u);
    EXPECT_EQ(d.deputy_records, 11u);
    EXPECT_EQ(d.deputies[0].id, "d1");
    EXPECT_EQ(d.deputies[0].station_id, "C2");
    EXPECT_EQ(d.deputies[0].industry_station_id, "I1");
    EXPECT_EQ(d.deputies[0].sector, "法律");
    EXPECT_EQ(d.deputies[0].level, DeputyLevel::District);
    EXPECT_EQ(d.deputies[0].source, "line 2");
    EXPECT_EQ(d.deputies[7].position.y_m, 3852000.0);  // d8 on the district's edge
    ASSERT_EQ(d.rejects.size(), 1u);
    EXPECT_EQ(d.rejects[0].layer, "deputies");
    EXPECT_EQ(d.rejects[0].record, "line 12");
    EXPECT_EQ(d.rejects[0].reason, "deputy 'd11': no geometry");
    EXPECT_EQ(d.deputy_records, d.deputies.size() + d.rejects.size() + d.review.size());
    EXPECT_TRUE(d.warnings.empty());
}

TEST(LoadDistrict, ADuplicateStationIdNamesFileAndRecord) {
    test::ScratchDir dir("load-district-duplicate");
    for (const auto& e : fs::directory_iterator(test::test_data() / "small")) fs::copy_file(e.path(), dir.path() / e.path().filename());
    std::string stations = test::read_text(dir.path() / "stations.csv");
    stations += "C1,again,community,B,B2,,3,5,\"POINT (473500 3851500)\"\n";
    test::write_text(dir.path() / "stations.csv", stations);
    try {
        load_district(load_scenario(dir.path() / "scenario.toml"));
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("stations.csv"), std::string::npos) << what;
        EXPECT_NE(what.find("C1"), std::string::npos) << what;
        EXPECT_NE(what.find("line 7"), std::string::npos) << what;
    }
}

}  // namespace
}  // namespace stationplan::model

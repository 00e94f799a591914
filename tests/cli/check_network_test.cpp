// End to end, walking distance: the real binary on the hand-made river district of
// tests/data/network (its scenario.toml has the drawing and the hand computation),
// and on the bundled sample with its synthetic roads.
#include <gtest/gtest.h>
#include <ogr_api.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

namespace fs = std::filesystem;

struct ExpectedWalk {
    const char* id;
    const char* straight_station;
    const char* straight_m;
    const char* walk_station;   // empty: unreachable
    const char* walk_m;
    const char* status;
    const char* covered;
    const char* disagree;
};

const ExpectedWalk kRiver[] = {
    {"d1", "S1", "200.00", "SE", "640.00", "reached", "false", "true"},    // the river: 1040 m by the bridge to S1
    {"d2", "SE", "416.17", "SE", "680.00", "reached", "false", "true"},    // out through the compound's gate
    {"d3", "S1", "626.42", "S1", "1020.00", "reached", "false", "false"},  // joined across the 0.4 m near-miss
    {"d4", "SE", "336.01", "", "", "unreachable", "false", "true"},        // on the isolated footpath
    {"d5", "SE", "107.70", "SE", "140.00", "reached", "true", "false"},
    {"d6", "S1", "223.61", "S1", "280.00", "reached", "true", "false"},
};

class CheckNetwork : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new ScratchDir("network");
        s_run = new RunResult(run_stationplan({"check", (test_data() / "network" / "scenario.toml").string(), "--out",
                                               (s_dir->path() / "out").string()}));
    }
    static void TearDownTestSuite() {
        delete s_run;
        delete s_dir;
    }
    static fs::path out() { return s_dir->path() / "out"; }
    static ScratchDir* s_dir;
    static RunResult* s_run;
};
ScratchDir* CheckNetwork::s_dir = nullptr;
RunResult* CheckNetwork::s_run = nullptr;

TEST_F(CheckNetwork, WalkingDistancesMatchTheHandComputation) {
    ASSERT_EQ(s_run->exit_code, 1) << s_run->err;
    const CsvTable t = read_csv(out() / "deputies.csv");
    ASSERT_EQ(t.rows.size(), std::size(kRiver));
    for (const auto& e : kRiver) {
        SCOPED_TRACE(e.id);
        const auto& r = t.row_where("deputy_id", e.id);
        EXPECT_EQ(r.at("nearest_station_id"), e.straight_station);
        EXPECT_EQ(r.at("nearest_distance_m"), e.straight_m);
        EXPECT_EQ(r.at("nearest_walk_station_id"), e.walk_station);
        EXPECT_EQ(r.at("nearest_walk_m"), e.walk_m);
        EXPECT_EQ(r.at("walk_status"), e.status);
        EXPECT_EQ(r.at("covered"), e.covered);
        EXPECT_EQ(r.at("measures_disagree"), e.disagree);
    }
}

TEST_F(CheckNetwork, SummaryCountsTheDisagreementsAndR1NamesEveryDeputy) {
    const auto j = nlohmann::json::parse(read_text(out() / "summary.json"));
    EXPECT_EQ(j["network"]["distance"], "network");
    EXPECT_EQ(j["network"]["measures_disagree"], 3);
    EXPECT_EQ(j["network"]["unreachable"], 1);
    EXPECT_EQ(j["deputies"]["covered"], 2);
    const auto& r1 = j["rules"][0];
    EXPECT_EQ(r1["id"], "R1");
    EXPECT_EQ(r1["violation_count"], 4);
    const std::string lines = r1["violations"].dump();
    EXPECT_NE(lines.find("deputy d1: nearest counted station on foot SE is 640.0 m away (straight line 200.0 m to S1)"),
              std::string::npos)
        << lines;
    EXPECT_NE(lines.find("deputy d4: no road path to any counted station (straight line 336.0 m to SE)"), std::string::npos)
        << lines;
    EXPECT_NE(s_run->out.find("walking distance: 3 deputies within the radius in a straight line but not on foot, 1 with "
                              "no road path"),
              std::string::npos)
        << s_run->out;
}

TEST_F(CheckNetwork, RoadsNotWalkableOrWithoutGeometryAreRejectsWithTheirReason) {
    const CsvTable t = read_csv(out() / "rejects.csv");
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].at("record"), "line 10");
    EXPECT_EQ(t.rows[0].at("reason"), "road 'r9': not walkable (highway = motorway)");
    EXPECT_EQ(t.rows[1].at("record"), "line 12");
    EXPECT_NE(t.rows[1].at("reason").find("road 'r11'"), std::string::npos);
}

TEST_F(CheckNetwork, ServiceAreasAndTheWalkingMeasureGoToTheGeoPackage) {
    OGRRegisterAll();
    OGRDataSourceH ds = OGROpen((out() / "coverage.gpkg").c_str(), FALSE, nullptr);
    ASSERT_NE(ds, nullptr);
    OGRLayerH layer = OGR_DS_GetLayerByName(ds, "walk_service_area");
    ASSERT_NE(layer, nullptr);
    EXPECT_EQ(OGR_L_GetFeatureCount(layer, TRUE), 2);   // S1 and SE
    // The deputies layer carries the walking measure for maps of the disagreements.
    OGRLayerH deputies = OGR_DS_GetLayerByName(ds, "deputies");
    ASSERT_NE(deputies, nullptr);
    ASSERT_EQ(OGR_L_SetAttributeFilter(deputies, "measures_disagree = 1"), OGRERR_NONE);
    EXPECT_EQ(OGR_L_GetFeatureCount(deputies, TRUE), 3);   // d1, d2, d4
    OGR_DS_Destroy(ds);
}

TEST(CheckNetworkOptions, DistanceEuclideanOnTheCommandLineMeasuresStraightLines) {
    ScratchDir dir("network-euclid");
    const RunResult r = run_stationplan({"check", (test_data() / "network" / "scenario.toml").string(), "--distance",
                                         "euclidean", "--out", (dir.path() / "out").string()});
    ASSERT_EQ(r.exit_code, 1) << r.err;
    const CsvTable t = read_csv(dir.path() / "out" / "deputies.csv");
    EXPECT_EQ(std::count(t.header.begin(), t.header.end(), "nearest_walk_m"), 0);
    const auto j = nlohmann::json::parse(read_text(dir.path() / "out" / "summary.json"));
    EXPECT_EQ(j["deputies"]["covered"], 5);   // d1, d2, d4, d5, d6 in a straight line
    EXPECT_FALSE(j.contains("network"));
}

TEST(CheckNetworkOptions, NetworkWithoutARoadsLayerIsABadInput) {
    ScratchDir dir("network-noroads");
    const RunResult r = run_stationplan({"check", (test_data() / "small" / "scenario.toml").string(), "--distance",
                                         "network", "--out", (dir.path() / "out").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("network distance needs a roads layer ([layers.roads])"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

// The sample's synthetic roads: every deputy's walking distance is at least its
// straight-line distance, and the two measures disagree somewhere.
TEST(CheckNetworkSample, WalkingIsNeverShorterThanTheStraightLine) {
    ScratchDir dir("network-sample");
    const RunResult r = run_stationplan({"check", (source_dir() / "analysis" / "jinshui-walking.toml").string(), "--out",
                                         (dir.path() / "out").string()});
    ASSERT_EQ(r.exit_code, 1) << r.err;
    const CsvTable t = read_csv(dir.path() / "out" / "deputies.csv");
    ASSERT_EQ(t.rows.size(), 398u);
    std::size_t disagree = 0;
    for (const auto& row : t.rows) {
        SCOPED_TRACE(row.at("deputy_id"));
        ASSERT_EQ(row.at("walk_status"), "reached");
        // Both printed with two decimals: compare the printed values.
        EXPECT_GE(std::stod(row.at("nearest_walk_m")), std::stod(row.at("nearest_distance_m")));
        if (row.at("measures_disagree") == "true") {
            ++disagree;
            EXPECT_EQ(row.at("covered_straight"), "true");   // walking can only lose coverage
            EXPECT_EQ(row.at("covered"), "false");
        }
    }
    const auto j = nlohmann::json::parse(read_text(dir.path() / "out" / "summary.json"));
    EXPECT_EQ(j["network"]["measures_disagree"], disagree);
    EXPECT_GT(disagree, 0u);
}

}  // namespace
}  // namespace stationplan::test

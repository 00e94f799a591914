// End to end: the real binary on the hand-built district in tests/data/small.
// Every expected value below was computed by hand (see the fixture's scenario.toml):
// stations SA (1000,1000), SB (3000,1500), C1 (3000,500), C2 (500,500) relative to
// (470000, 3850000) in EPSG:4547; radius 1000 m.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

struct ExpectedDeputy {
    const char* id;
    const char* nearest;
    const char* nearest_m;
    const char* covered;
    const char* station_m;
    const char* community;
    const char* grid;
};

// d8 sits exactly 1000 m from SA: a distance equal to the radius is covered.
const ExpectedDeputy kDeputies[] = {
    {"d1", "SA", "600.00", "true", "1208.30", "A1", "G1"},   // 500-1100 to C2: sqrt(1.46e6)
    {"d2", "SA", "800.00", "true", "1392.84", "A1", "G1"},
    {"d3", "SB", "300.00", "true", "700.00", "B2", "G2"},
    {"d4", "C1", "721.11", "true", "721.11", "B1", "G2"},    // sqrt(600^2 + 400^2)
    {"d5", "C1", "1170.47", "false", "1170.47", "A1", "G1"}, // sqrt(1100^2 + 400^2)
    {"d6", "SB", "984.89", "true", "1664.33", "B2", "G2"},   // sqrt(900^2 + 400^2)
    {"d7", "C1", "0.00", "true", "0.00", "B1", "G2"},
    {"d8", "SA", "1000.00", "true", "1581.14", "A1", "G1"},
    {"d9", "SB", "500.00", "true", "1118.03", "B2", "G2"},
    {"d10", "SA", "1204.16", "false", "1431.78", "A1", "G1"}, // sqrt(800^2 + 900^2)
};

class CheckSmall : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new ScratchDir("small");
        s_run = new RunResult(run_stationplan(
            {"check", (test_data() / "small" / "scenario.toml").string(), "--out", (s_dir->path() / "out").string()}));
    }
    static void TearDownTestSuite() {
        delete s_run;
        delete s_dir;
    }
    static std::filesystem::path out() { return s_dir->path() / "out"; }
    static ScratchDir* s_dir;
    static RunResult* s_run;
};
ScratchDir* CheckSmall::s_dir = nullptr;
RunResult* CheckSmall::s_run = nullptr;

TEST_F(CheckSmall, ExitsOneBecauseRulesFailAndWritesEveryFile) {
    EXPECT_EQ(s_run->exit_code, 1) << s_run->err;
    EXPECT_EQ(list_dir(out()), (std::vector<std::string>{"communities.csv", "coverage.gpkg", "deputies.csv", "grids.csv",
                                                         "rejects.csv", "stations.csv", "streets.csv", "summary.json"}));
    // Nothing but the outputs: no staging folder left beside them.
    EXPECT_EQ(list_dir(s_dir->path()), std::vector<std::string>{"out"});
}

TEST_F(CheckSmall, PerDeputyValuesMatchTheHandComputation) {
    const CsvTable t = read_csv(out() / "deputies.csv");
    ASSERT_EQ(t.rows.size(), std::size(kDeputies));
    for (const auto& e : kDeputies) {
        SCOPED_TRACE(e.id);
        const auto& r = t.row_where("deputy_id", e.id);
        EXPECT_EQ(r.at("nearest_station_id"), e.nearest);
        EXPECT_EQ(r.at("nearest_distance_m"), e.nearest_m);
        EXPECT_EQ(r.at("covered"), e.covered);
        EXPECT_EQ(r.at("station_distance_m"), e.station_m);
        EXPECT_EQ(r.at("community_id"), e.community);
        EXPECT_EQ(r.at("grid_id"), e.grid);
        EXPECT_EQ(r.at("street_id"), std::string(e.grid) == "G1" ? "A" : "B");
        EXPECT_EQ(r.at("inside_district"), "true");  // d8 lies on the boundary: inside
    }
}

TEST_F(CheckSmall, SummaryCountsAddUpAndRulesAreAsComputed) {
    const auto j = nlohmann::json::parse(read_text(out() / "summary.json"));
    EXPECT_EQ(j["scenario"], "small");
    EXPECT_EQ(j["crs"], "EPSG:4547");
    EXPECT_EQ(j["radius_m"], 1000.0);
    EXPECT_EQ(j["deputies"]["total"], 11);
    EXPECT_EQ(j["deputies"]["used"], 10);
    EXPECT_EQ(j["deputies"]["rejected"], 1);
    EXPECT_EQ(j["deputies"]["covered"], 8);
    EXPECT_DOUBLE_EQ(j["coverage_ratio"].get<double>(), 0.8);
    EXPECT_EQ(j["streets"], 2);
    EXPECT_EQ(j["communities"], 3);
    EXPECT_EQ(j["grids"], 2);
    EXPECT_EQ(j["stations"], 5);
    const std::map<std::string, std::pair<bool, int>> expected{
        {"R1", {false, 2}},  // d5, d10
        {"R2", {true, 0}},
        {"R3", {false, 1}},  // C1 serves 6
        {"R4", {false, 3}},  // G1 and G2 partly uncovered, G2 without liaison
        {"R5", {true, 0}},
        {"R6", {false, 1}},  // d2: no industry station for 教育
        {"R7", {true, 0}},
    };
    ASSERT_EQ(j["rules"].size(), expected.size());
    for (const auto& r : j["rules"]) {
        const auto& [holds, count] = expected.at(r["id"].get<std::string>());
        EXPECT_EQ(r["holds"], holds) << r["id"];
        EXPECT_EQ(r["violation_count"], count) << r["id"];
        EXPECT_EQ(r["violations"].size(), static_cast<std::size_t>(count)) << r["id"];
    }
}

TEST_F(CheckSmall, StationLoadsAndCapacity) {
    const CsvTable t = read_csv(out() / "stations.csv");
    EXPECT_EQ(t.row_where("station_id", "C1").at("load"), "6");
    EXPECT_EQ(t.row_where("station_id", "C1").at("within_capacity"), "false");
    EXPECT_EQ(t.row_where("station_id", "C2").at("load"), "4");
    EXPECT_EQ(t.row_where("station_id", "C2").at("within_capacity"), "true");
    EXPECT_EQ(t.row_where("station_id", "I1").at("counted"), "false");
    EXPECT_EQ(t.row_where("station_id", "SA").at("located_street_id"), "A");
}

TEST_F(CheckSmall, GridCoverageMatchesTheAnalyticArea) {
    // G2 = [2000,4000] x [0,2000]; circles of C1 (3000,500) and SB (3000,1500), r = 1000.
    // Each circle loses a segment at distance 500 outside the grid, and they overlap in
    // a lens of centre distance 1000:
    const double pi = std::acos(-1.0);
    const double segment = 1e6 * std::acos(0.5) - 500.0 * std::sqrt(750000.0);
    const double lens = 2e6 * std::acos(0.5) - 500.0 * std::sqrt(3e6);
    const double covered = 2.0 * (pi * 1e6 - segment) - lens;  // 3,826,445.9 m2
    const CsvTable t = read_csv(out() / "grids.csv");
    const auto& g2 = t.row_where("grid_id", "G2");
    EXPECT_EQ(g2.at("area_m2"), "4000000.0");
    // 256 segments per quarter circle: the polygon misses < 0.001 % of each circle.
    EXPECT_NEAR(std::stod(g2.at("covered_area_m2")), covered, 60.0);
    EXPECT_EQ(g2.at("covered"), "false");
    EXPECT_EQ(g2.at("liaison_present"), "false");
    EXPECT_EQ(t.row_where("grid_id", "G1").at("liaison_present"), "true");
}

TEST_F(CheckSmall, RejectsNameTheRecordAndReason) {
    const CsvTable t = read_csv(out() / "rejects.csv");
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].at("layer"), "deputies");
    EXPECT_EQ(t.rows[0].at("record"), "line 12");
    EXPECT_NE(t.rows[0].at("reason").find("d11"), std::string::npos);
    EXPECT_NE(t.rows[0].at("source").find("deputies.csv"), std::string::npos);
}

TEST_F(CheckSmall, CommunitiesAndStreetsTables) {
    const CsvTable c = read_csv(out() / "communities.csv");
    EXPECT_EQ(c.row_where("community_id", "A1").at("deputies"), "5");
    EXPECT_EQ(c.row_where("community_id", "B1").at("stations"), "1");
    EXPECT_EQ(c.row_where("community_id", "B2").at("reached"), "true");
    const CsvTable s = read_csv(out() / "streets.csv");
    EXPECT_EQ(s.row_where("street_id", "A").at("deputies"), "5");
    EXPECT_EQ(s.row_where("street_id", "A").at("covered_deputies"), "3");
    EXPECT_EQ(s.row_where("street_id", "B").at("covered_deputies"), "5");
}

}  // namespace
}  // namespace stationplan::test

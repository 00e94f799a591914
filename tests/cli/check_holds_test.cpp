// End to end: a district where every rule holds (tests/data/holds). A check that
// reported a violation on every input would pass the other fixtures' tests; this
// one exits 0 only when nothing fails. Distances computed by hand: stations SA
// (500,500), C1 (600,500), I1 (400,500) relative to (470000, 3850000), industry
// stations not counted for the radius.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

TEST(CheckHolds, EveryRuleHoldsAndTheExitIsZero) {
    ScratchDir dir("holds");
    const auto out = dir.path() / "out";
    const RunResult r = run_stationplan({"check", (test_data() / "holds" / "scenario.toml").string(), "--out", out.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;  // no warning either
    const auto s = nlohmann::json::parse(read_text(out / "summary.json"));
    EXPECT_EQ(s["all_rules_hold"], true);
    ASSERT_EQ(s["rules"].size(), 7u);
    for (const auto& rule : s["rules"]) {
        EXPECT_EQ(rule["holds"], true) << rule.dump();
        EXPECT_EQ(rule["violation_count"], 0) << rule.dump();
    }
    EXPECT_EQ(s["warnings"].size(), 0u);
    EXPECT_EQ(s["coverage_ratio"], 1.0);
    for (const char* rule : {"R1", "R2", "R3", "R4", "R5", "R6", "R7"})
        EXPECT_NE(r.out.find(std::string(rule) + " holds"), std::string::npos) << r.out;

    const CsvTable deputies = read_csv(out / "deputies.csv");
    ASSERT_EQ(deputies.rows.size(), 4u);
    struct Expected {
        const char *id, *nearest, *nearest_m, *station_m;
    };
    for (const Expected& e : {Expected{"d1", "SA", "565.69", "640.31"},  // sqrt(400^2+400^2), sqrt(500^2+400^2)
                              Expected{"d2", "C1", "500.00", "500.00"},  // sqrt(300^2+400^2)
                              Expected{"d3", "C1", "500.00", "500.00"},
                              Expected{"d4", "SA", "565.69", "640.31"}}) {
        const auto& row = deputies.row_where("deputy_id", e.id);
        EXPECT_EQ(row.at("nearest_station_id"), e.nearest) << e.id;
        EXPECT_EQ(row.at("nearest_distance_m"), e.nearest_m) << e.id;
        EXPECT_EQ(row.at("station_id"), "C1") << e.id;
        EXPECT_EQ(row.at("station_distance_m"), e.station_m) << e.id;
        EXPECT_EQ(row.at("covered"), "true") << e.id;
    }
    EXPECT_EQ(deputies.row_where("deputy_id", "d1").at("industry_station_id"), "I1");
    EXPECT_EQ(read_csv(out / "rejects.csv").rows.size(), 0u);
}

}  // namespace
}  // namespace stationplan::test

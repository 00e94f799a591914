// suggest and rebalance on the hand-built district (tests/data/small). Expected
// values computed by hand: the uncovered deputies are d5 (1900,100) and d10
// (200,1900), 2418 m apart, so LSCP needs exactly two new stations; at 900 m d6
// and d8 fall out too, d8 and d10 (806 m apart) can share one, d5 and d6 cannot:
// three. Rebalance: C1 serves 6 (max 5); moving d5 to C2 (1170.47 -> 1456.02 m)
// is the cheapest single change that fixes it.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

using nlohmann::json;

std::string scenario() { return (test_data() / "small" / "scenario.toml").string(); }

TEST(SuggestSmall, LscpAddsTwoStationsAndExplainsThem) {
    ScratchDir dir("suggest");
    const auto out = dir.path() / "out";
    const RunResult r = run_stationplan({"suggest", scenario(), "--out", out.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(read_text(out / "suggestions.json"));
    EXPECT_EQ(j["model"], "lscp");
    EXPECT_EQ(j["solve"]["status"], "optimal");
    EXPECT_EQ(j["stations_added"], 2);
    EXPECT_EQ(j["covered_before"], 8);
    EXPECT_EQ(j["covered_after"], 10);
    EXPECT_EQ(j["stations_needed_at_0.9r"], 3);
    EXPECT_EQ(j["stations_needed_at_1.1r"], 2);
    std::set<std::string> newly;
    for (const auto& s : j["sites"]) {
        ASSERT_EQ(s["new_deputies"].size(), 1u);
        newly.insert(s["new_deputies"][0].get<std::string>());
        // The new station is within the radius of the deputy it brings in.
        const double x = s["x_m"], y = s["y_m"];
        const bool d5 = s["new_deputies"][0] == "d5";
        const double dx = x - (d5 ? 471900.0 : 470200.0), dy = y - (d5 ? 3850100.0 : 3851900.0);
        EXPECT_LE(std::hypot(dx, dy), 1000.0) << s["site_id"];
        EXPECT_GE(s["grid_area_m2"].get<double>(), s["runner_up"]["grid_area_m2"].get<double>()) << s["site_id"];
    }
    EXPECT_EQ(newly, (std::set<std::string>{"d5", "d10"}));
    // The check's outputs are there too, and the GeoPackage has the suggestions layer.
    EXPECT_TRUE(std::filesystem::exists(out / "summary.json"));
    EXPECT_EQ(read_csv(out / "suggestions.csv").rows.size(), 2u);
}

TEST(SuggestSmall, MclpWithOneStationCoversNine) {
    ScratchDir dir("mclp");
    const auto out = dir.path() / "out";
    const RunResult r = run_stationplan({"suggest", scenario(), "--model", "mclp", "--add", "1", "--out", out.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(read_text(out / "suggestions.json"));
    EXPECT_EQ(j["solve"]["status"], "optimal");
    EXPECT_EQ(j["stations_added"], 1);
    EXPECT_EQ(j["covered_after"], 9);
    EXPECT_DOUBLE_EQ(j["solve"]["objective"].get<double>(), 9.0);  // weights: all district deputies, 1 each
}

TEST(SuggestSmall, BadOptionsFailBeforeLoading) {
    EXPECT_EQ(run_stationplan({"suggest", scenario(), "--model", "mclp"}).exit_code, 2);
    EXPECT_EQ(run_stationplan({"suggest", scenario(), "--model", "nearest"}).exit_code, 2);
    EXPECT_EQ(run_stationplan({"suggest", scenario(), "--add", "2"}).exit_code, 2);
}

TEST(RebalanceSmall, MovesOneDeputyToFixTheOverloadedStation) {
    ScratchDir dir("rebalance");
    const auto out = dir.path() / "out";
    const RunResult r = run_stationplan({"rebalance", scenario(), "--out", out.string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;  // deputies beyond every station's radius remain
    const json j = json::parse(read_text(out / "rebalance.json"));
    EXPECT_EQ(j["solve"]["status"], "optimal");
    EXPECT_EQ(j["deputies_reassigned"], 1);
    EXPECT_EQ(j["violations_before"], 8);  // 7 deputies beyond 1 km of their station + C1 over
    EXPECT_EQ(j["violations_after"], 7);   // those 7 have no community station within 1 km at all
    const CsvTable t = read_csv(out / "assignment.csv");
    const auto& d5 = t.row_where("deputy_id", "d5");
    EXPECT_EQ(d5.at("old_station_id"), "C1");
    EXPECT_EQ(d5.at("new_station_id"), "C2");
    EXPECT_EQ(d5.at("old_distance_m"), "1170.47");
    EXPECT_EQ(d5.at("new_distance_m"), "1456.02");
    EXPECT_EQ(d5.at("old_station_load_before"), "6");
    EXPECT_EQ(d5.at("old_station_load_after"), "5");
    EXPECT_EQ(d5.at("new_station_load_before"), "4");
    EXPECT_EQ(d5.at("new_station_load_after"), "5");
    for (const auto& row : t.rows) {
        if (row.at("deputy_id") != "d5") {
            EXPECT_EQ(row.at("changed"), "false") << row.at("deputy_id");
        }
    }
    EXPECT_EQ(read_csv(out / "changes.csv").rows.size(), 0u);
}

}  // namespace
}  // namespace stationplan::test

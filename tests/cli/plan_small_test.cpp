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

// tests/data/plan/capacitated: one community station C1 (3..5), candidate sites K1,
// K2, K3 and nine deputies on the line y = 1000 m, distances (from scenario.toml):
//            C1     K1     K2     K3
//   d1-d3   200   2300+  3850+  1150+
//   d4-d6  2517+   300   1250+  1188+
//   d7     1550    950   2500    200
//   d8     3550   1050    500   2200
//   d9     7000   4500   2950   5650
// Radius 1000 m, counted stations: C1 only (no street station).
//   covered before: d1-d3 = 3 of 9. d9 is within no site's reach: uncoverable.
//   LSCP: d4-d6 only K1 reaches, d8 only K2: {K1, K2}, covering d4-d8: 8 after.
//     At 900 m d7 (950 from K1) needs K3 as well: 3; at 1100 m K1 reaches d8 too: 1.
//   MCLP, 1 station: K1 brings 4 (d4-d7), K2 and K3 one each: K1, 7 after; d8, d9
//     stay out of reach.
//   Capacitated (new stations 3..5, a range a new station must keep): K1 opens with
//     d4-d7 (4). K2 cannot open: only d8 is within its reach. d8 goes to C1 beyond
//     the radius, as does d9 (no station within it); C1 serves d1-d3, d8, d9 = 5, its
//     maximum. Covered after (C1, K1): 7; out of reach: d8, d9.
//   Per site (as in LSCP): K1 lies in street A, community A2 (x 2500-4000); it brings
//     d4-d7 (4, all only it), runner-up K3 covers d7 of them (lost by 3); at 900 m
//     it brings d4-d6 (3), at 1100 m d4-d8 (5).
std::string capacitated_fixture(const char* file = "scenario.toml") {
    return (test_data() / "plan" / "capacitated" / file).string();
}

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
    EXPECT_EQ(r.exit_code, 1) << r.err;  // d10 stays out of reach (suggest --help: exit 1, named)
    const json j = json::parse(read_text(out / "suggestions.json"));
    EXPECT_EQ(j["solve"]["status"], "optimal");
    EXPECT_EQ(j["stations_added"], 1);
    EXPECT_EQ(j["covered_after"], 9);
    EXPECT_DOUBLE_EQ(j["solve"]["objective"].get<double>(), 9.0);  // weights: all district deputies, 1 each
    // d5 and d10 are 2418 m apart: one station brings in one of them. Among equals
    // the site bringing the most uncovered grid area wins: the one near d5.
    EXPECT_EQ(j.at("out_of_reach"), json::array({"d10"}));
    EXPECT_EQ(j.at("uncoverable"), json::array());
    EXPECT_NE(r.out.find("1 deputies stay out of reach: d10\n"), std::string::npos) << r.out;
}

TEST(SuggestSmall, MclpWithTwoStationsBringsEveryoneIn) {
    ScratchDir dir("mclp2");
    const auto out = dir.path() / "out";
    const RunResult r = run_stationplan({"suggest", scenario(), "--model", "mclp", "--add", "2", "--out", out.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(read_text(out / "suggestions.json"));
    EXPECT_EQ(j.at("covered_after"), 10);
    EXPECT_EQ(j.at("out_of_reach"), json::array());
    EXPECT_EQ(j.at("meets_rule"), true);
}

json suggest_on_fixture(const std::vector<std::string>& model, int expected_exit, const std::string& scenario_file) {
    ScratchDir dir("plan-fixture");
    const auto out = dir.path() / "out";
    std::vector<std::string> args{"suggest", scenario_file};
    args.insert(args.end(), model.begin(), model.end());
    args.insert(args.end(), {"--out", out.string()});
    const RunResult r = run_stationplan(args);
    EXPECT_EQ(r.exit_code, expected_exit) << model[1] << "\n" << r.out << r.err;
    EXPECT_EQ(r.err, "") << model[1];
    return json::parse(read_text(out / "suggestions.json"));
}

void expect_k1_explained(const json& k1) {
    EXPECT_EQ(k1.at("site_id"), "K1");
    EXPECT_EQ(k1.at("street_id"), "A");
    EXPECT_EQ(k1.at("community_id"), "A2");
    EXPECT_EQ(k1.at("new_deputies"), json::array({"d4", "d5", "d6", "d7"}));
    EXPECT_EQ(k1.at("only_here"), json::array({"d4", "d5", "d6", "d7"}));
    EXPECT_EQ(k1.at("runner_up").at("site_id"), "K3");
    EXPECT_EQ(k1.at("runner_up").at("covers"), 1);
    EXPECT_EQ(k1.at("runner_up").at("lost_by"), 3);
    EXPECT_EQ(k1.at("new_deputies_at_0.9r"), 3);
    EXPECT_EQ(k1.at("new_deputies_at_1.1r"), 5);
}

void expect_common_figures(const json& j) {
    EXPECT_EQ(j.at("deputies"), 9);
    EXPECT_EQ(j.at("covered_before"), 3);
    EXPECT_EQ(j.at("uncoverable"), json::array({"d9"}));
    EXPECT_EQ(j.at("stations_needed_at_0.9r"), 3);
    EXPECT_EQ(j.at("stations_needed_at_1.1r"), 1);
}

TEST(SuggestFixture, LscpAddsK1AndK2AndNamesTheUncoverable) {
    const json j = suggest_on_fixture({"--model", "lscp"}, 1, capacitated_fixture());  // d9 stays out of reach
    expect_common_figures(j);
    EXPECT_EQ(j.at("covered_after"), 8);
    EXPECT_EQ(j.at("out_of_reach"), json::array({"d9"}));
    ASSERT_EQ(j.at("sites").size(), 2u);
    expect_k1_explained(j.at("sites")[0]);
    EXPECT_EQ(j.at("sites")[1].at("site_id"), "K2");
    EXPECT_EQ(j.at("sites")[1].at("street_id"), "B");
    EXPECT_EQ(j.at("sites")[1].at("community_id"), "B1");
    EXPECT_EQ(j.at("sites")[1].at("new_deputies"), json::array({"d8"}));
}

TEST(SuggestFixture, MclpWithOneStationLeavesTwoOutOfReach) {
    const json j = suggest_on_fixture({"--model", "mclp", "--add", "1"}, 1, capacitated_fixture());
    expect_common_figures(j);
    EXPECT_EQ(j.at("covered_after"), 7);
    EXPECT_EQ(j.at("out_of_reach"), json::array({"d8", "d9"}));
    ASSERT_EQ(j.at("sites").size(), 1u);
    expect_k1_explained(j.at("sites")[0]);
}

TEST(SuggestFixture, CapacitatedCarriesTheSameFiguresAsLscp) {
    const json j = suggest_on_fixture({"--model", "capacitated"}, 1, capacitated_fixture());
    EXPECT_EQ(j.at("model"), "capacitated");
    EXPECT_EQ(j.at("solve").at("status"), "optimal");
    expect_common_figures(j);
    EXPECT_EQ(j.at("covered_after"), 7);
    EXPECT_EQ(j.at("out_of_reach"), json::array({"d8", "d9"}));
    EXPECT_EQ(j.at("stations_out_of_range"), json::array());
    EXPECT_EQ(j.at("meets_rule"), false);
    ASSERT_EQ(j.at("sites").size(), 1u);
    const json& k1 = j.at("sites")[0];
    expect_k1_explained(k1);
    EXPECT_EQ(k1.at("load"), 4);
    EXPECT_EQ(k1.at("assigned"), json::array({"d4", "d5", "d6", "d7"}));
}

// Without d8 and d9 every deputy can be served: exit 0 for every model. C1 keeps
// d1-d3 (3), K1 takes d4-d7 (4); at 900 m K1 and K3 are needed, at 1100 m K1.
TEST(SuggestFixture, EveryModelExitsZeroWhenEveryoneIsServed) {
    for (const auto& model : std::vector<std::vector<std::string>>{
             {"--model", "lscp"}, {"--model", "mclp", "--add", "1"}, {"--model", "capacitated"}}) {
        const json j = suggest_on_fixture(model, 0, capacitated_fixture("scenario_reachable.toml"));
        EXPECT_EQ(j.at("covered_before"), 3) << model[1];
        EXPECT_EQ(j.at("covered_after"), 7) << model[1];
        EXPECT_EQ(j.at("out_of_reach"), json::array()) << model[1];
        EXPECT_EQ(j.at("stations_needed_at_0.9r"), 2) << model[1];
        EXPECT_EQ(j.at("stations_needed_at_1.1r"), 1) << model[1];
        ASSERT_EQ(j.at("sites").size(), 1u) << model[1];
        EXPECT_EQ(j.at("sites")[0].at("site_id"), "K1") << model[1];
        EXPECT_EQ(j.at("meets_rule"), true) << model[1];
    }
}

// New stations of 5..5 on the seven reachable deputies: no site reaches five (K1
// reaches d4-d7), so none opens and all seven go to C1, d4-d7 beyond the radius, and
// C1 serves 7, two above its maximum: both are named.
TEST(SuggestFixture, CapacitatedNamesAStationOutOfRange) {
    ScratchDir dir("plan-range");
    std::string toml = read_text(capacitated_fixture("scenario_reachable.toml"));
    const std::string plan = "[plan]\n";
    toml.replace(toml.find(plan), plan.size(), plan + "new_capacity_min = 5\n");
    const std::string folder = (test_data() / "plan" / "capacitated").string() + "/";
    for (std::size_t at = toml.find("file = \""); at != std::string::npos; at = toml.find("file = \"", at + 1))
        toml.insert(at + 8, folder);
    write_text(dir.path() / "range.toml", toml);
    const json j = suggest_on_fixture({"--model", "capacitated"}, 1, (dir.path() / "range.toml").string());
    EXPECT_EQ(j.at("sites").size(), 0u);
    EXPECT_EQ(j.at("covered_after"), 3);
    EXPECT_EQ(j.at("out_of_reach"), json::array({"d4", "d5", "d6", "d7"}));
    EXPECT_EQ(j.at("stations_out_of_range"), json::array({"C1: serves 7 deputies, above its maximum 5"}));
    EXPECT_EQ(j.at("meets_rule"), false);
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

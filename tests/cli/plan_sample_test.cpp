// suggest and rebalance on the bundled sample, checked for rule compliance by the
// test itself (not by the planner's own reports).
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

using nlohmann::json;

std::set<std::string> planted_far() {
    const json p = json::parse(read_text(source_dir() / "geodata" / "planted.json"));
    std::set<std::string> out;
    for (const auto& id : p["far_deputies"]) out.insert(id.get<std::string>());
    return out;
}

TEST(SuggestSample, LscpAddsTheMinimumNumberOfStations) {
    ScratchDir dir("sample-suggest");
    const auto out = dir.path() / "out";
    const RunResult r = run_stationplan({"suggest", "--out", out.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(read_text(out / "suggestions.json"));
    EXPECT_EQ(j["solve"]["status"], "optimal");
    EXPECT_EQ(j["covered_after"], j["deputies"]);

    // Independent lower bound: uncovered deputies pairwise more than two radii apart
    // cannot share a station, so at least that many are needed.
    const CsvTable deputies = read_csv(out / "deputies.csv");
    std::vector<std::pair<double, double>> uncovered;
    for (const auto& d : deputies.rows)
        if (d.at("covered") == "false") uncovered.push_back({std::stod(d.at("x_m")), std::stod(d.at("y_m"))});
    double closest = 1e18;
    for (std::size_t a = 0; a < uncovered.size(); ++a)
        for (std::size_t b = a + 1; b < uncovered.size(); ++b)
            closest = std::min(closest, std::hypot(uncovered[a].first - uncovered[b].first,
                                                   uncovered[a].second - uncovered[b].second));
    ASSERT_GT(closest, 2000.0);
    EXPECT_EQ(j["stations_added"].get<std::size_t>(), uncovered.size());

    // Each suggested station lies within 1000 m of the deputies it is said to bring in.
    std::map<std::string, std::pair<double, double>> where;
    for (const auto& d : deputies.rows) where[d.at("deputy_id")] = {std::stod(d.at("x_m")), std::stod(d.at("y_m"))};
    std::set<std::string> brought;
    for (const auto& s : j["sites"])
        for (const auto& id : s["new_deputies"]) {
            const auto [x, y] = where.at(id.get<std::string>());
            EXPECT_LE(std::hypot(x - s["x_m"].get<double>(), y - s["y_m"].get<double>()), 1000.0 + 0.01) << id;
            brought.insert(id.get<std::string>());
        }
    EXPECT_EQ(brought, planted_far());
}

TEST(RebalanceSample, RespectsLoadsAndRadiusWhereverFeasibleAndNamesTheRest) {
    ScratchDir dir("sample-rebalance");
    const auto out = dir.path() / "out";
    const RunResult r = run_stationplan({"rebalance", "--out", out.string()});
    ASSERT_EQ(r.exit_code, 1) << r.err;  // the far deputies have no community station within 1 km
    const json j = json::parse(read_text(out / "rebalance.json"));
    EXPECT_EQ(j["solve"]["status"], "optimal");
    EXPECT_LT(j["violations_after"].get<int>(), j["violations_before"].get<int>());

    const CsvTable t = read_csv(out / "assignment.csv");
    std::map<std::string, int> load;
    std::set<std::string> beyond;
    for (const auto& row : t.rows) {
        ++load[row.at("new_station_id")];
        if (std::stod(row.at("new_distance_m")) > 1000.0) beyond.insert(row.at("deputy_id"));
    }
    for (const auto& [station, n] : load) {
        EXPECT_GE(n, 3) << station;
        EXPECT_LE(n, 5) << station;
    }
    // Every station of the sample, including those with nobody before, is in range.
    const CsvTable stations = read_csv(out / "stations.csv");
    for (const auto& s : stations.rows) {
        if (s.at("kind") == "community") {
            EXPECT_TRUE(load.count(s.at("station_id"))) << s.at("station_id");
        }
    }
    // Only the planted far deputies stay beyond the radius, and each is named.
    EXPECT_EQ(beyond, planted_far());
    for (const auto& id : beyond) {
        bool named = false;
        for (const auto& line : j["remaining"]) named = named || line.get<std::string>().find(id) != std::string::npos;
        EXPECT_TRUE(named) << id;
    }
}

}  // namespace
}  // namespace stationplan::test

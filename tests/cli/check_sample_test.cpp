// End to end on the bundled Jinshui sample: every output is written, counts add up,
// distances agree with an independent geodesic computation (PROJ's geodesic
// routines on the raw lon/lat, no projection), and the rules find exactly the
// imperfections the generator planted (geodata/planted.json).
#include <gtest/gtest.h>
#include <geodesic.h>
#include <ogr_api.h>

#include <cmath>
#include <optional>
#include <nlohmann/json.hpp>
#include <set>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct LonLatPoint {
    double lon = 0, lat = 0;
};

class CheckSample : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new ScratchDir("sample");
        s_run = new RunResult(run_stationplan({"check", "--out", (s_dir->path() / "out").string()}));
        s_planted = new json(json::parse(read_text(source_dir() / "geodata" / "planted.json")));
    }
    static void TearDownTestSuite() {
        delete s_planted;
        delete s_run;
        delete s_dir;
    }
    static fs::path out() { return s_dir->path() / "out"; }
    static json summary() { return json::parse(read_text(out() / "summary.json")); }
    static const json& rule(const json& s, const std::string& id) {
        for (const auto& r : s["rules"])
            if (r["id"] == id) return r;
        throw std::runtime_error("no rule " + id);
    }
    static std::set<std::string> ids_where(const CsvTable& t, const std::string& key, const std::string& column,
                                           const std::string& value) {
        std::set<std::string> out;
        for (const auto& r : t.rows)
            if (r.at(column) == value) out.insert(r.at(key));
        return out;
    }
    static ScratchDir* s_dir;
    static RunResult* s_run;
    static json* s_planted;
};
ScratchDir* CheckSample::s_dir = nullptr;
RunResult* CheckSample::s_run = nullptr;
json* CheckSample::s_planted = nullptr;

TEST_F(CheckSample, WritesEveryOutputAndFailsRules) {
    EXPECT_EQ(s_run->exit_code, 1) << s_run->err;
    EXPECT_TRUE(s_run->err.empty()) << s_run->err;  // no warning on the sample
    for (const char* f : {"summary.json", "deputies.csv", "stations.csv", "communities.csv", "grids.csv", "streets.csv",
                          "rejects.csv", "coverage.gpkg"})
        EXPECT_TRUE(fs::is_regular_file(out() / f)) << f;
    EXPECT_NE(s_run->out.find("outputs: "), std::string::npos);
}

TEST_F(CheckSample, CountsAddUp) {
    const json s = summary();
    const json& c = (*s_planted)["counts"];
    EXPECT_EQ(s["crs"], "EPSG:4547");  // chosen automatically from the district's longitude
    EXPECT_EQ(s["streets"], c["streets"]);
    EXPECT_EQ(s["communities"], c["communities"]);
    EXPECT_EQ(s["grids"], c["grids"]);
    EXPECT_EQ(s["stations"], c["stations"]["total"]);
    EXPECT_EQ(s["stations_by_kind"]["community"], c["stations"]["community"]);
    const auto& d = s["deputies"];
    EXPECT_EQ(d["total"], c["deputy_rows"]);
    EXPECT_EQ(d["used"], c["valid_deputies"]);
    EXPECT_EQ(d["total"].get<int>(), d["used"].get<int>() + d["rejected"].get<int>());
    EXPECT_LE(d["covered"].get<int>(), d["used"].get<int>());
    EXPECT_EQ(read_csv(out() / "deputies.csv").rows.size(), d["used"].get<std::size_t>());
    EXPECT_EQ(read_csv(out() / "rejects.csv").rows.size(), d["rejected"].get<std::size_t>());
    std::size_t covered = 0;
    for (const auto& r : read_csv(out() / "deputies.csv").rows) covered += r.at("covered") == "true";
    EXPECT_EQ(covered, d["covered"].get<std::size_t>());
}

// The reference: geodesic distances on the GRS 80 ellipsoid (CGCS2000) from the raw
// longitude/latitude in the inputs, computed without any projection.
TEST_F(CheckSample, DistancesAgreeWithGeodesicsWithinHalfAMetre) {
    std::map<std::string, LonLatPoint> deputies;
    for (const auto& r : read_csv(source_dir() / "geodata" / "jinshui_deputies.csv").rows) {
        // Strict parsing: the planted bad rows (blank, "113.7O8608") are left out.
        auto number = [](const std::string& text) -> std::optional<double> {
            std::size_t used = 0;
            try {
                const double v = std::stod(text, &used);
                if (used == text.size()) return v;
            } catch (const std::exception&) {
            }
            return std::nullopt;
        };
        const auto lon = number(r.at("经度")), lat = number(r.at("纬度"));
        if (lon && lat) deputies[r.at("代表编号")] = {*lon, *lat};
    }
    std::map<std::string, LonLatPoint> stations;
    std::set<std::string> counted;
    OGRRegisterAll();
    OGRDataSourceH ds = OGROpen((source_dir() / "geodata" / "jinshui.gpkg").c_str(), FALSE, nullptr);
    ASSERT_NE(ds, nullptr);
    OGRLayerH layer = OGR_DS_GetLayerByName(ds, "stations");
    ASSERT_NE(layer, nullptr);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(layer)) != nullptr) {
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        const std::string id = OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "station_id"));
        const std::string kind = OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "kind"));
        stations[id] = {OGR_G_GetX(g, 0), OGR_G_GetY(g, 0)};
        if (kind == "street" || kind == "community") counted.insert(id);
        OGR_F_Destroy(f);
    }
    OGR_DS_Destroy(ds);

    geod_geodesic geod;
    geod_init(&geod, 6378137.0, 1.0 / 298.257222101);
    auto geodesic = [&](const LonLatPoint& a, const LonLatPoint& b) {
        double s12 = 0, azi1 = 0, azi2 = 0;
        geod_inverse(&geod, a.lat, a.lon, b.lat, b.lon, &s12, &azi1, &azi2);
        return s12;
    };
    const CsvTable t = read_csv(out() / "deputies.csv");
    ASSERT_EQ(t.rows.size(), deputies.size());
    double worst = 0.0;
    for (const auto& r : t.rows) {
        const std::string id = r.at("deputy_id");
        const LonLatPoint& p = deputies.at(id);
        const double nearest = std::stod(r.at("nearest_distance_m"));
        const double ref = geodesic(p, stations.at(r.at("nearest_station_id")));
        EXPECT_NEAR(nearest, ref, 0.5) << id;
        worst = std::max(worst, std::abs(nearest - ref));
        double best = 1e18;
        for (const auto& s : counted) best = std::min(best, geodesic(p, stations.at(s)));
        EXPECT_NEAR(nearest, best, 0.5) << id << ": a counted station is nearer";
        if (!r.at("station_id").empty() && stations.count(r.at("station_id"))) {
            const double assigned = std::stod(r.at("station_distance_m"));
            EXPECT_NEAR(assigned, geodesic(p, stations.at(r.at("station_id"))), 0.5) << id;
        }
        EXPECT_EQ(r.at("covered") == "true", best <= 1000.0 + 0.5) << id;
    }
    RecordProperty("worst_difference_m", std::to_string(worst));
    EXPECT_LT(worst, 0.1);  // Gauss-Krueger scale error inside the district is ~2e-5
}

TEST_F(CheckSample, R1FindsExactlyThePlantedFarDeputies) {
    std::set<std::string> far;
    for (const auto& id : (*s_planted)["far_deputies"]) far.insert(id.get<std::string>());
    EXPECT_EQ(ids_where(read_csv(out() / "deputies.csv"), "deputy_id", "covered", "false"), far);
    const json s = summary();
    EXPECT_FALSE(rule(s, "R1")["holds"]);
    EXPECT_EQ(rule(s, "R1")["violation_count"], far.size());
}

TEST_F(CheckSample, R2FindsTheEmptyCommunity) {
    const std::string empty = (*s_planted)["empty_community"]["community_id"];
    EXPECT_EQ(ids_where(read_csv(out() / "communities.csv"), "community_id", "reached", "false"),
              std::set<std::string>{empty});
    EXPECT_EQ(rule(summary(), "R2")["violation_count"], 1);
}

TEST_F(CheckSample, R3FindsTheOverAndUnderloadedStationsAndUnassignedDeputies) {
    std::set<std::string> off;
    std::map<std::string, int> loads;
    for (const char* key : {"overloaded_stations", "underloaded_stations"})
        for (const auto& s : (*s_planted)[key]) {
            off.insert(s["station_id"].get<std::string>());
            loads[s["station_id"]] = s["deputies"];
        }
    const CsvTable st = read_csv(out() / "stations.csv");
    EXPECT_EQ(ids_where(st, "station_id", "within_capacity", "false"), off);
    for (const auto& [id, load] : loads) EXPECT_EQ(st.row_where("station_id", id).at("load"), std::to_string(load)) << id;
    const json s = summary();
    const json& r3 = rule(s, "R3");
    EXPECT_EQ(r3["violation_count"], off.size() + (*s_planted)["unassigned_deputies"].size());
    for (const auto& d : (*s_planted)["unassigned_deputies"]) {
        const std::string line = "deputy " + d.get<std::string>() + ": not assigned to any community station";
        EXPECT_NE(std::find(r3["violations"].begin(), r3["violations"].end(), line), r3["violations"].end()) << line;
    }
}

TEST_F(CheckSample, R4FindsTheGridsWithoutLiaison) {
    std::set<std::string> missing;
    for (const auto& g : (*s_planted)["missing_liaison_grids"]) missing.insert(g.get<std::string>());
    const CsvTable grids = read_csv(out() / "grids.csv");
    EXPECT_EQ(ids_where(grids, "grid_id", "liaison_present", "false"), missing);
    // Every grid not fully covered is a violation, plus one per missing liaison.
    const std::size_t uncovered = ids_where(grids, "grid_id", "covered", "false").size();
    EXPECT_EQ(rule(summary(), "R4")["violation_count"], uncovered + missing.size());
    for (const auto& g : grids.rows) {
        const double area = std::stod(g.at("area_m2")), covered = std::stod(g.at("covered_area_m2"));
        EXPECT_LE(covered, area + 0.1) << g.at("grid_id");
        EXPECT_NEAR(std::stod(g.at("covered_ratio")), covered / area, 1e-6) << g.at("grid_id");
    }
}

TEST_F(CheckSample, R5FindsTheMisplacedStreetStation) {
    const json& p = (*s_planted)["misplaced_street_station"];
    const json s = summary();
    const json& r5 = rule(s, "R5");
    ASSERT_EQ(r5["violation_count"], 1);
    EXPECT_NE(r5["violations"][0].get<std::string>().find(p["station_id"].get<std::string>()), std::string::npos);
    const CsvTable stations = read_csv(out() / "stations.csv");
    const auto& row = stations.row_where("station_id", p["station_id"]);
    EXPECT_EQ(row.at("located_street_id"), p["located_in_street_id"]);
    EXPECT_EQ(row.at("street_id"), p["street_id"]);
}

TEST_F(CheckSample, R6FindsTheSectorMismatches) {
    const json s = summary();
    const json& r6 = rule(s, "R6");
    ASSERT_EQ(r6["violation_count"], (*s_planted)["sector_mismatch"].size());
    std::set<std::string> named, planted;
    for (const auto& v : r6["violations"]) named.insert(v.get<std::string>().substr(7, 5));  // "deputy D0149: ..."
    for (const auto& m : (*s_planted)["sector_mismatch"]) planted.insert(m["deputy_id"].get<std::string>());
    EXPECT_EQ(named, planted);
}

TEST_F(CheckSample, R7ListsTheDeputyOutsideTheDistrictWithoutDroppingIt) {
    const std::string outside = (*s_planted)["outside_district"]["deputy_id"];
    EXPECT_EQ(ids_where(read_csv(out() / "deputies.csv"), "deputy_id", "inside_district", "false"),
              std::set<std::string>{outside});
    const json s = summary();
    const json& r7 = rule(s, "R7");
    ASSERT_EQ(r7["violation_count"], 1);  // no topology problem in the generated partitions
    EXPECT_EQ(r7["violations"][0], "deputy " + outside + ": located outside the district");
}

TEST_F(CheckSample, RejectsAreThePlantedBadRows) {
    const CsvTable t = read_csv(out() / "rejects.csv");
    ASSERT_EQ(t.rows.size(), (*s_planted)["bad_rows"].size());
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const std::string id = (*s_planted)["bad_rows"][i]["deputy_id"];
        EXPECT_NE(t.rows[i].at("reason").find(id), std::string::npos) << t.rows[i].at("reason");
        EXPECT_EQ(t.rows[i].at("layer"), "jinshui_deputies");
        EXPECT_EQ(t.rows[i].at("record").rfind("line ", 0), 0u);
    }
}

}  // namespace
}  // namespace stationplan::test

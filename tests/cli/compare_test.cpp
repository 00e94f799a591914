// `compare` end to end. The hand-made pair (tests/data/small before,
// tests/data/compare/after.toml after) has differences known by hand; the two
// example reorganisations of the sample are checked against differences worked out
// here from their input files, independently of the comparison code: stations by id
// and position (projected with OGR), deputies by their assigned station column.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

fs::path small_before() { return test_data() / "small" / "scenario.toml"; }
fs::path small_after() { return test_data() / "compare" / "after.toml"; }
fs::path analysis(const std::string& name) { return source_dir() / "analysis" / (name + ".toml"); }

json run_compare(const fs::path& out, const std::vector<std::string>& sides) {
    std::vector<std::string> args{"compare"};
    args.insert(args.end(), sides.begin(), sides.end());
    args.push_back("--out");
    args.push_back(out.string());
    const RunResult r = run_stationplan(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return json::parse(read_text(out / "compare.json"));
}

std::vector<std::string> ids(const json& list, const char* key) {
    std::vector<std::string> out;
    for (const auto& x : list) out.push_back(x[key].get<std::string>());
    return out;
}

// Projects lon/lat (EPSG:4326) to EPSG:4547 metres with OGR, as the check does.
class Projector {
public:
    Projector() {
        m_from.importFromEPSG(4326);
        m_to.importFromEPSG(4547);
        m_from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        m_to.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        m_forward.reset(OGRCreateCoordinateTransformation(&m_from, &m_to));
        m_back.reset(OGRCreateCoordinateTransformation(&m_to, &m_from));
    }
    std::pair<double, double> to_metres(double lon, double lat) const {
        EXPECT_TRUE(m_forward->Transform(1, &lon, &lat));
        return {lon, lat};
    }
    std::pair<double, double> to_lonlat(double x, double y) const {
        EXPECT_TRUE(m_back->Transform(1, &x, &y));
        return {x, y};
    }

private:
    OGRSpatialReference m_from, m_to;
    std::unique_ptr<OGRCoordinateTransformation> m_forward, m_back;
};

struct StationIn {
    std::string id;
    double lon = 0, lat = 0;
};

// The baseline stations, read from the sample GeoPackage (in its order).
std::vector<StationIn> baseline_stations() {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open((source_dir() / "geodata" / "jinshui.gpkg").c_str(), GDAL_OF_VECTOR));
    EXPECT_TRUE(ds);
    std::vector<StationIn> out;
    OGRLayer* layer = ds->GetLayerByName("stations");
    for (auto& f : *layer) {
        const auto* p = f->GetGeometryRef()->toPoint();
        out.push_back({f->GetFieldAsString("station_id"), p->getX(), p->getY()});
    }
    return out;
}

std::vector<StationIn> example_stations(const std::string& name) {
    std::vector<StationIn> out;
    for (const auto& r : read_csv(source_dir() / "analysis" / "data" / (name + ".stations.csv")).rows)
        out.push_back({r.at("station_id"), std::stod(r.at("lon")), std::stod(r.at("lat"))});
    return out;
}

struct DeputyIn {
    std::string id, station;
    double lon = NAN, lat = NAN;
};

std::vector<DeputyIn> deputies_in(const fs::path& file) {
    std::vector<DeputyIn> out;
    for (const auto& r : read_csv(file).rows) {
        if (r.at("经度").empty() || r.at("纬度").empty()) continue;  // rejected by the check
        out.push_back({r.at("代表编号"), r.at("联络站编号"), std::stod(r.at("经度")), std::stod(r.at("纬度"))});
    }
    return out;
}

// The differences the definitions give (stationplan/compare.hpp), from the inputs.
struct Expected {
    std::vector<std::string> added, closed, moved;
    std::map<std::string, std::set<std::string>> merged;  // into -> from
    std::vector<std::string> deputies;                    // changing station, in file order
};

Expected expected_from_inputs(const std::string& name) {
    Expected e;
    const auto before = baseline_stations();
    const auto after = example_stations(name);
    const auto deps_before = deputies_in(source_dir() / "geodata" / "jinshui_deputies.csv");
    const auto deps_after = deputies_in(source_dir() / "analysis" / "data" / (name + ".deputies.csv"));
    std::map<std::string, StationIn> b, a;
    for (const auto& s : before) b[s.id] = s;
    for (const auto& s : after) a[s.id] = s;
    const Projector proj;
    for (const auto& s : after) {
        if (!b.count(s.id)) {
            e.added.push_back(s.id);
            continue;
        }
        const auto p = proj.to_metres(b[s.id].lon, b[s.id].lat);
        const auto q = proj.to_metres(s.lon, s.lat);
        if (std::hypot(p.first - q.first, p.second - q.second) >= 1.0) e.moved.push_back(s.id);
    }
    std::map<std::string, std::string> new_station;
    for (const auto& d : deps_after) new_station[d.id] = d.station;
    for (const auto& s : before) {
        if (a.count(s.id)) continue;
        std::set<std::string> targets;
        for (const auto& d : deps_before)
            if (d.station == s.id && new_station.count(d.id)) targets.insert(new_station[d.id]);
        if (targets.size() == 1 && a.count(*targets.begin()) && b.count(*targets.begin()))
            e.merged[*targets.begin()].insert(s.id);
        else
            e.closed.push_back(s.id);
    }
    for (const auto& d : deps_before)
        if (new_station.count(d.id) && new_station[d.id] != d.station) e.deputies.push_back(d.id);
    return e;
}

void expect_matches_inputs(const json& j, const std::string& name, const fs::path& out) {
    const Expected e = expected_from_inputs(name);
    EXPECT_EQ(ids(j["stations"]["added"], "station_id"), e.added);
    EXPECT_EQ(ids(j["stations"]["closed"], "station_id"), e.closed);
    EXPECT_EQ(ids(j["stations"]["moved"], "station_id"), e.moved);
    std::map<std::string, std::set<std::string>> merged;
    for (const auto& m : j["stations"]["merged"])
        for (const auto& f : m["from"]) merged[m["into"].get<std::string>()].insert(f.get<std::string>());
    EXPECT_EQ(merged, e.merged);
    EXPECT_EQ(ids(j["deputies_changing_station"], "deputy_id"), e.deputies);

    // Added stations sit where the input puts them.
    const auto after = example_stations(name);
    for (const auto& s : j["stations"]["added"]) {
        for (const auto& in : after) {
            if (in.id != s["station_id"]) continue;
            EXPECT_NEAR(s["lon"].get<double>(), in.lon, 1e-7) << in.id;
            EXPECT_NEAR(s["lat"].get<double>(), in.lat, 1e-7) << in.id;
        }
    }
    // Old and new distances: deputy to station, both projected here.
    const Projector proj;
    std::map<std::string, StationIn> sb, sa;
    for (const auto& s : baseline_stations()) sb[s.id] = s;
    for (const auto& s : after) sa[s.id] = s;
    std::map<std::string, DeputyIn> db;
    for (const auto& d : deputies_in(source_dir() / "geodata" / "jinshui_deputies.csv")) db[d.id] = d;
    for (const auto& d : j["deputies_changing_station"]) {
        const auto& dep = db.at(d["deputy_id"].get<std::string>());
        const auto p = proj.to_metres(dep.lon, dep.lat);
        for (const auto& [stations, key] : {std::pair{&sb, "old"}, std::pair{&sa, "new"}}) {
            const auto& st = stations->at(d[std::string(key) + "_station_id"].get<std::string>());
            const auto q = proj.to_metres(st.lon, st.lat);
            EXPECT_NEAR(d[std::string(key) + "_distance_m"].get<double>(), std::hypot(p.first - q.first, p.second - q.second),
                        0.006)
                << d["deputy_id"] << " " << key;
        }
    }
    // Rule outcomes are those of two separate checks.
    for (const auto& [side, scenario] : {std::pair{"before", std::string("jinshui-baseline")}, std::pair{"after", name}}) {
        const auto check_out = out.parent_path() / (std::string("check-") + side);
        const RunResult r = run_stationplan({"check", analysis(scenario).string(), "--out", check_out.string()});
        EXPECT_EQ(r.exit_code, 1) << r.err;
        const json summary = json::parse(read_text(check_out / "summary.json"));
        ASSERT_EQ(j["rules"].size(), summary["rules"].size());
        for (std::size_t i = 0; i < summary["rules"].size(); ++i) {
            EXPECT_EQ(j["rules"][i]["id"], summary["rules"][i]["id"]);
            EXPECT_EQ(j["rules"][i][std::string(side) + "_holds"], summary["rules"][i]["holds"]);
            EXPECT_EQ(j["rules"][i][std::string(side) + "_count"], summary["rules"][i]["violation_count"]);
        }
        EXPECT_EQ(j[side]["summary"], summary);
    }
}

TEST(CompareSmall, HandMadePairGivesHandKnownDifferences) {
    ScratchDir dir("compare-small");
    const auto out = dir.path() / "cmp";
    const json j = run_compare(out, {small_before().string(), small_after().string()});
    EXPECT_EQ(j["before"]["label"], "small");
    EXPECT_EQ(j["after"]["label"], "small-after");
    EXPECT_EQ(ids(j["stations"]["added"], "station_id"), std::vector<std::string>{"C3"});
    EXPECT_EQ(j["stations"]["added"][0]["kind"], "community");
    EXPECT_EQ(ids(j["stations"]["closed"], "station_id"), std::vector<std::string>{"I1"});
    ASSERT_EQ(j["stations"]["moved"].size(), 1u);
    EXPECT_EQ(j["stations"]["moved"][0]["station_id"], "SB");
    EXPECT_DOUBLE_EQ(j["stations"]["moved"][0]["distance_m"].get<double>(), 300.0);
    EXPECT_EQ(j["stations"]["merged"], json::parse(R"([{"into": "C1", "from": ["C2"]}])"));
    // C3 at (471900, 3850100) in EPSG:4547, as lon/lat.
    const auto ll = Projector().to_lonlat(471900.0, 3850100.0);
    EXPECT_NEAR(j["stations"]["added"][0]["lon"].get<double>(), ll.first, 1e-7);
    EXPECT_NEAR(j["stations"]["added"][0]["lat"].get<double>(), ll.second, 1e-7);

    // d11 has no location and is in neither side's deputies; the others by hand:
    // d1 (1000,1600) to C1 (3000,500): sqrt(2000^2 + 1100^2); d2 (1800,1000): 1300;
    // d5 onto C3: 0; d8 (1000,2000): 2500; d10 (200,1900): sqrt(2800^2 + 1400^2).
    const json deputies = json::parse(R"([
      {"deputy_id": "d1", "old_station_id": "C2", "new_station_id": "C1", "old_distance_m": 1208.3, "new_distance_m": 2282.54},
      {"deputy_id": "d2", "old_station_id": "C2", "new_station_id": "C1", "old_distance_m": 1392.84, "new_distance_m": 1300},
      {"deputy_id": "d5", "old_station_id": "C1", "new_station_id": "C3", "old_distance_m": 1170.47, "new_distance_m": 0},
      {"deputy_id": "d8", "old_station_id": "C2", "new_station_id": "C1", "old_distance_m": 1581.14, "new_distance_m": 2500},
      {"deputy_id": "d10", "old_station_id": "C2", "new_station_id": "C1", "old_distance_m": 1431.78, "new_distance_m": 3130.5}])");
    EXPECT_EQ(j["deputies_changing_station"], deputies);

    // A1 keeps d10 beyond reach, B1 and B2 stay covered: no community changes.
    EXPECT_EQ(j["communities"]["gaining"].size(), 0u);
    EXPECT_EQ(j["communities"]["losing"].size(), 0u);
    // Both grids lose: G1 trades C2's circle for C3's, which the grid's edge cuts
    // more; in G2 SB's circle reaches further beyond the northern edge.
    EXPECT_EQ(j["grids"]["gaining"].size(), 0u);
    ASSERT_EQ(ids(j["grids"]["losing"], "grid_id"), (std::vector<std::string>{"G1", "G2"}));
    // G2 before: two circles cut by y = 0 and y = 2000 (segment areas), minus their lens:
    // 2 (pi - 1.047198 + 0.433013) 1e6 - (2.094395 - 0.866025) 1e6 = 3826448 m2 of 4e6.
    EXPECT_NEAR(j["grids"]["losing"][1]["before_covered_ratio"].get<double>(), 3826448.0 / 4e6, 60.0 / 4e6);
    const auto before_grids = read_csv(out / "before" / "grids.csv");
    const auto after_grids = read_csv(out / "after" / "grids.csv");
    for (const auto& g : j["grids"]["losing"]) {
        const std::string id = g["grid_id"];
        EXPECT_EQ(g["before_covered_ratio"].get<double>(), std::stod(before_grids.row_where("grid_id", id).at("covered_ratio")));
        EXPECT_EQ(g["after_covered_ratio"].get<double>(), std::stod(after_grids.row_where("grid_id", id).at("covered_ratio")));
        EXPECT_LT(g["after_covered_ratio"].get<double>(), g["before_covered_ratio"].get<double>());
    }

    // Rules by hand: R1 d5 now covered, d10 not; R3 C1 serves 9 and C3 only 1; R6 d1's
    // sector 法律 has no industry station any more, d2 as before.
    const json rules = json::parse(R"([
      {"id": "R1", "before_holds": false, "after_holds": false, "before_count": 2, "after_count": 1},
      {"id": "R2", "before_holds": true, "after_holds": true, "before_count": 0, "after_count": 0},
      {"id": "R3", "before_holds": false, "after_holds": false, "before_count": 1, "after_count": 2},
      {"id": "R4", "before_holds": false, "after_holds": false, "before_count": 3, "after_count": 3},
      {"id": "R5", "before_holds": true, "after_holds": true, "before_count": 0, "after_count": 0},
      {"id": "R6", "before_holds": false, "after_holds": false, "before_count": 1, "after_count": 2},
      {"id": "R7", "before_holds": true, "after_holds": true, "before_count": 0, "after_count": 0}])");
    EXPECT_EQ(j["rules"], rules);

    std::map<std::string, json> figures;
    for (const auto& f : j["figures"]) figures[f["key"].get<std::string>()] = f;
    EXPECT_EQ(figures.at("deputies.covered"), json::parse(R"({"key": "deputies.covered", "before": 8, "after": 9, "change": 1})"));
    EXPECT_EQ(figures.at("stations").at("change"), -1);
    EXPECT_EQ(figures.at("stations_by_kind.industry").at("after"), 0);
    EXPECT_DOUBLE_EQ(figures.at("coverage_ratio").at("change").get<double>(), 0.1);
    EXPECT_EQ(figures.at("deputies.total").at("change"), 0);

    // The CSV tables say the same; both sides' outputs are there for maps.
    const auto stations = read_csv(out / "compare_stations.csv");
    ASSERT_EQ(stations.rows.size(), 4u);
    EXPECT_EQ(stations.row_where("station_id", "C2").at("change"), "merged");
    EXPECT_EQ(stations.row_where("station_id", "C2").at("into"), "C1");
    // C2 at (470500, 3850500), where it was.
    const auto c2 = Projector().to_lonlat(470500.0, 3850500.0);
    EXPECT_NEAR(std::stod(stations.row_where("station_id", "C2").at("lon")), c2.first, 1e-7);
    EXPECT_NEAR(std::stod(stations.row_where("station_id", "C2").at("lat")), c2.second, 1e-7);
    EXPECT_EQ(stations.row_where("station_id", "SB").at("distance_m"), "300.00");
    EXPECT_EQ(read_csv(out / "compare_deputies.csv").row_where("deputy_id", "d10").at("new_distance_m"), "3130.50");
    EXPECT_EQ(read_csv(out / "compare_rules.csv").row_where("id", "R3").at("after_count"), "2");
    EXPECT_EQ(read_csv(out / "compare_grids.csv").rows.size(), 2u);
    EXPECT_EQ(read_csv(out / "compare_figures.csv").row_where("key", "deputies.covered").at("change"), "1");
    EXPECT_TRUE(fs::exists(out / "before" / "coverage.gpkg"));
    EXPECT_TRUE(fs::exists(out / "after" / "coverage.gpkg"));
}

TEST(CompareSmall, IdenticalInputsGiveAnEmptyComparison) {
    ScratchDir dir("compare-same");
    // A scenario against itself, and against its own earlier check output.
    const auto check_out = dir.path() / "check";
    ASSERT_EQ(run_stationplan({"check", small_before().string(), "--out", check_out.string()}).exit_code, 1);
    for (const auto& other : {small_before().string(), check_out.string()}) {
        const auto out = dir.path() / "cmp";
        const RunResult r = run_stationplan({"compare", small_before().string(), other, "--out", out.string()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_NE(r.out.find("no difference"), std::string::npos) << r.out;
        const json j = json::parse(read_text(out / "compare.json"));
        for (const char* key : {"added", "closed", "moved", "merged"}) EXPECT_EQ(j["stations"][key].size(), 0u) << key;
        EXPECT_EQ(j["deputies_changing_station"].size(), 0u);
        for (const char* key : {"communities", "grids"}) {
            EXPECT_EQ(j[key]["gaining"].size(), 0u) << key;
            EXPECT_EQ(j[key]["losing"].size(), 0u) << key;
        }
        EXPECT_EQ(j["figures"].size(), 19u);  // summary.json's numbers (deputies.review and .by_address too) + 3
        for (const auto& f : j["figures"]) {
            EXPECT_EQ(f["change"], 0) << f["key"];
            EXPECT_EQ(f["before"], f["after"]) << f["key"];
        }
        EXPECT_EQ(j["rules"].size(), 7u);
        for (const auto& rule : j["rules"]) {
            EXPECT_EQ(rule["before_holds"], rule["after_holds"]) << rule["id"];
            EXPECT_EQ(rule["before_count"], rule["after_count"]) << rule["id"];
        }
        EXPECT_EQ(j["before"]["summary"], j["after"]["summary"]);
        EXPECT_EQ(read_csv(out / "compare_stations.csv").rows.size(), 0u);
        EXPECT_EQ(read_csv(out / "compare_deputies.csv").rows.size(), 0u);
    }
}

// The same district in another working CRS (UTM 49N instead of the Gauss-Krueger
// zone): positions are compared in one CRS, so no station moves and nobody changes
// station; areas and distances differ by the two projections' scale only. That is
// enough for d8, exactly 1000 m from SA in EPSG:4547: 2.67 degrees east of UTM 49N's
// central meridian (111 E) at 34.8 N the scale is 0.9996 (1 + (0.0466 cos 34.8)^2 / 2)
// = 1.00033, against 1.00001 in the Gauss-Krueger zone (114 E), so d8 is 1000.32 m
// from SA there and R1 gains one violation.
TEST(CompareSmall, AnotherWorkingCrsMovesNothing) {
    ScratchDir dir("compare-crs");
    std::string text = read_text(small_before());
    const auto replace = [&](const std::string& from, const std::string& to) {
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
    };
    replace("file = \"", "file = \"" + (test_data() / "small").string() + "/");
    replace("name = \"small\"", "name = \"small-utm\"");
    replace("working = \"EPSG:4547\"", "working = \"EPSG:32649\"");
    write_text(dir.path() / "utm.toml", text);
    const json j = run_compare(dir.path() / "cmp", {small_before().string(), (dir.path() / "utm.toml").string()});
    EXPECT_EQ(j["after"]["summary"]["crs"], "EPSG:32649");
    for (const char* key : {"added", "closed", "moved", "merged"}) EXPECT_EQ(j["stations"][key].size(), 0u) << key;
    EXPECT_EQ(j["deputies_changing_station"].size(), 0u);
    for (const auto& r : j["rules"]) {
        EXPECT_EQ(r["after_count"].get<int>(), r["before_count"].get<int>() + (r["id"] == "R1" ? 1 : 0)) << r["id"];
    }
    const auto deputies = read_csv(dir.path() / "cmp" / "after" / "deputies.csv");
    EXPECT_EQ(deputies.row_where("deputy_id", "d8").at("covered"), "false");
    EXPECT_NEAR(std::stod(deputies.row_where("deputy_id", "d8").at("nearest_distance_m")), 1000.32, 0.02);
}

TEST(CompareSmall, SameInputsGiveIdenticalFiles) {
    ScratchDir dir("compare-determinism");
    run_compare(dir.path() / "a", {small_before().string(), small_after().string()});
    run_compare(dir.path() / "b", {small_before().string(), small_after().string()});
    for (const char* f : {"compare.json", "compare_stations.csv", "compare_deputies.csv", "compare_figures.csv",
                          "compare_grids.csv", "compare_rules.csv", "compare_communities.csv"})
        EXPECT_EQ(read_text(dir.path() / "a" / f), read_text(dir.path() / "b" / f)) << f;
}

TEST(CompareBadInput, NamesTheSideAndWritesNothing) {
    ScratchDir dir("compare-bad");
    const auto out = dir.path() / "cmp";
    RunResult r = run_stationplan({"compare", small_before().string(), (dir.path() / "nope.toml").string(), "--out", out.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("AFTER"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("nope.toml"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
    // A folder that is not a check output.
    fs::create_directories(dir.path() / "empty");
    r = run_stationplan({"compare", (dir.path() / "empty").string(), small_before().string(), "--out", out.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("summary.json"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
    // A check output with a broken table names the file and the column.
    const auto check_out = dir.path() / "check";
    ASSERT_EQ(run_stationplan({"check", small_before().string(), "--out", check_out.string()}).exit_code, 1);
    write_text(check_out / "stations.csv", "station_id,name,kind,x_m,y_m\nSA,SA站,street,abc,1\n");
    r = run_stationplan({"compare", check_out.string(), small_before().string(), "--out", out.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("stations.csv"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("x_m"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
    EXPECT_EQ(r.out, "");
    // An output folder inside a compared folder.
    ASSERT_EQ(run_stationplan({"check", small_before().string(), "--out", check_out.string()}).exit_code, 1);
    r = run_stationplan({"compare", check_out.string(), small_before().string(), "--out", (check_out / "cmp").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("inside the compared folder"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(check_out / "cmp"));
}

TEST(CompareSample, AddStationsGivesTheDifferencesOfItsInputs) {
    ScratchDir dir("compare-add");
    const auto out = dir.path() / "cmp";
    const json j = run_compare(out, {analysis("jinshui-baseline").string(), analysis("jinshui-add-stations").string()});
    expect_matches_inputs(j, "jinshui-add-stations", out);
    // By hand (analysis/make-examples.sh): four stations, each within 1 km of the
    // deputy it takes, so R1 loses four of its ten violations.
    EXPECT_EQ(ids(j["stations"]["added"], "station_id"), (std::vector<std::string>{"C-N01", "C-N02", "C-N03", "C-N04"}));
    EXPECT_EQ(ids(j["deputies_changing_station"], "deputy_id"), (std::vector<std::string>{"D0206", "D0273", "D0310", "D0357"}));
    for (const auto& d : j["deputies_changing_station"]) EXPECT_LE(d["new_distance_m"].get<double>(), 1000.0) << d["deputy_id"];
    EXPECT_EQ(j["rules"][0]["before_count"], 10);
    EXPECT_EQ(j["rules"][0]["after_count"], 6);
    EXPECT_EQ(j["grids"]["losing"].size(), 0u);  // adding stations never reduces coverage
    EXPECT_EQ(j["communities"]["losing"].size(), 0u);
}

TEST(CompareSample, ReorganiseGivesTheDifferencesOfItsInputs) {
    ScratchDir dir("compare-reorganise");
    const auto out = dir.path() / "cmp";
    const json j = run_compare(out, {analysis("jinshui-baseline").string(), analysis("jinshui-reorganise").string()});
    expect_matches_inputs(j, "jinshui-reorganise", out);
    // By hand (analysis/make-examples.sh).
    EXPECT_EQ(j["stations"]["merged"], json::parse(R"([{"into": "C410105016001", "from": ["C410105016207"]}])"));
    EXPECT_EQ(ids(j["stations"]["closed"], "station_id"), std::vector<std::string>{"C410105012012"});
    EXPECT_EQ(ids(j["stations"]["moved"], "station_id"), std::vector<std::string>{"C410105018205"});
    EXPECT_EQ(j["stations"]["added"].size(), 0u);
    EXPECT_EQ(ids(j["deputies_changing_station"], "deputy_id"),
              (std::vector<std::string>{"D0167", "D0270", "D0283", "D0380", "D0384"}));
}

}  // namespace
}  // namespace stationplan::test

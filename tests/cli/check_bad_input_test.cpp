// End to end: `stationplan check` on damaged copies of tests/data/small. Each case
// copies the fixture into a scratch folder, breaks one thing and runs the real binary
// with --out <scratch>/out.
//
// Bad input must fail cleanly: exit 2, one "stationplan: error:" line on stderr that
// names the file, layer, record and field and says what is wrong, and nothing
// written: no output folder and no hidden staging folder (.out.tmp-PID) beside it.
// Problems of a single deputy record are not bad input: the record goes to
// rejects.csv and the check goes on.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kOutputs{"communities.csv", "coverage.gpkg", "deputies.csv", "grids.csv",
                                        "rejects.csv",     "stations.csv",  "streets.csv",  "summary.json"};

// The fixture's deputies layer as written in scenario.toml.
const char* const kDeputiesLayer =
    "[layers.deputies]\n"
    "file = \"deputies.csv\"\n"
    "crs = \"EPSG:4547\"\n"
    "wkt = \"WKT\"\n";

// A byte string that may hold NULs.
template <std::size_t N>
std::string bytes(const char (&s)[N]) {
    return std::string(s, N - 1);
}

// Replaces the one occurrence of `from` in `file`. Throws (failing the test) when
// `from` is missing or ambiguous, so a changed fixture cannot make a case vacuous.
void replace_once(const fs::path& file, const std::string& from, const std::string& to) {
    std::string text = read_text(file);
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error(file.string() + " does not contain: " + from);
    if (text.find(from, at + 1) != std::string::npos) throw std::runtime_error(file.string() + " contains twice: " + from);
    text.replace(at, from.size(), to);
    write_text(file, text);
}

// Inserts `line` after the line that reads exactly `anchor`; returns the 1-based
// number of the inserted line (what an error message should cite).
int insert_after(const fs::path& file, const std::string& anchor, const std::string& line) {
    std::string text = read_text(file);
    const std::string needle = anchor + "\n";
    const auto at = text.find(needle);
    if (at == std::string::npos || (at > 0 && text[at - 1] != '\n'))
        throw std::runtime_error(file.string() + " has no line: " + anchor);
    const auto end = at + needle.size();
    text.insert(end, line + "\n");
    write_text(file, text);
    int number = 1;
    for (std::size_t i = 0; i < end; ++i) number += text[i] == '\n';
    return number;
}

class DamagedFixture : public ::testing::Test {
protected:
    void SetUp() override { fs::copy(test_data() / "small", data(), fs::copy_options::recursive); }

    fs::path data() const { return m_scratch.path() / "small"; }
    fs::path file(const std::string& name) const { return data() / name; }
    fs::path scenario() const { return file("scenario.toml"); }
    fs::path out() const { return m_scratch.path() / "out"; }
    const fs::path& scratch() const { return m_scratch.path(); }

    RunResult run() const { return run_stationplan({"check", scenario().string(), "--out", out().string()}); }

    // Exit 2, one error line on stderr mentioning every part, and nothing written.
    void expect_rejected(const RunResult& r, const std::vector<std::string>& parts) const {
        EXPECT_EQ(r.exit_code, 2) << r.err;
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(r.err.rfind("stationplan: error: ", 0), 0u) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "expected one line:\n" << r.err;
        for (const auto& part : parts) EXPECT_NE(r.err.find(part), std::string::npos) << "missing '" << part << "' in:\n" << r.err;
        EXPECT_FALSE(fs::exists(out()));
        // Only the input copy: no .out.tmp-PID staging folder, no .out.old-PID.
        EXPECT_EQ(list_dir(scratch()), std::vector<std::string>{"small"});
    }

    ScratchDir m_scratch{"bad-input"};
};

nlohmann::json summary(const fs::path& out) { return nlohmann::json::parse(read_text(out / "summary.json")); }

const nlohmann::json& rule(const nlohmann::json& j, const std::string& id) {
    for (const auto& r : j["rules"])
        if (r["id"] == id) return r;
    throw std::runtime_error("summary.json has no rule " + id);
}

// (a) A layer without a CRS of its own (CSV) and none in the scenario.
TEST_F(DamagedFixture, LayerWithoutCrs) {
    replace_once(scenario(), kDeputiesLayer, "[layers.deputies]\nfile = \"deputies.csv\"\nwkt = \"WKT\"\n");
    expect_rejected(run(), {file("deputies.csv").string(), "layer deputies", "has no CRS", "layers.deputies.crs"});
}

// (b) A field mapping that names a column the layer lacks.
TEST_F(DamagedFixture, MappedFieldMissing) {
    insert_after(scenario(), "[layers.streets]", "fields = { id = \"nope\" }");
    expect_rejected(run(), {file("streets.csv").string(), "layer streets", "field nope", "layers.streets.fields.id",
                            "the streets layer has: id, name, WKT"});
}

// (b) A required field neither mapped nor present under its model name.
TEST_F(DamagedFixture, RequiredFieldMissing) {
    replace_once(file("communities.csv"), "id,name,street,WKT\n", "id,name,parent,WKT\n");
    expect_rejected(run(), {file("communities.csv").string(), "layer communities", "field street",
                            "map it with layers.communities.fields.street", "the layer has: id, name, parent, WKT"});
}

// (c) Capacities are whole numbers.
TEST_F(DamagedFixture, NonNumericCapacity) {
    replace_once(file("stations.csv"), "C1,C1站,community,B,B1,,3,5,", "C1,C1站,community,B,B1,,3,five,");
    expect_rejected(run(), {file("stations.csv").string(), "layer stations", "line 4", "field capacity_max", "'five'",
                            "whole number"});
}

// (d)
TEST_F(DamagedFixture, DuplicateStationId) {
    replace_once(file("stations.csv"), "C2,C2站,", "C1,C2站,");
    expect_rejected(run(), {file("stations.csv").string(), "layer stations", "line 5", "field id", "duplicate id 'C1'",
                            "also at line 4"});
}

// (e) A duplicate deputy id is structural (which record is meant?), not a reject.
TEST_F(DamagedFixture, DuplicateDeputyId) {
    replace_once(file("deputies.csv"), "d4,区,", "d3,区,");
    expect_rejected(run(), {file("deputies.csv").string(), "layer deputies", "line 5", "field id",
                            "duplicate deputy id 'd3'", "also at line 4"});
}

// (f)
TEST_F(DamagedFixture, EmptyStreetsLayer) {
    write_text(file("streets.csv"), "id,name,WKT\n");
    expect_rejected(run(), {file("streets.csv").string(), "layer streets", "the streets layer has no features"});
}

TEST_F(DamagedFixture, EmptyDeputiesLayer) {
    write_text(file("deputies.csv"), "id,level,sector,station,industry_station,WKT\n");
    expect_rejected(run(), {file("deputies.csv").string(), "layer deputies", "the deputies layer has no records"});
}

// (g) G2 as a bow-tie: its edges cross at (473000, 3851000).
const char* const kG2 = "\"POLYGON ((472000 3850000,474000 3850000,474000 3852000,472000 3852000,472000 3850000))\"";
const char* const kG2BowTie = "\"POLYGON ((472000 3850000,474000 3852000,474000 3850000,472000 3852000,472000 3850000))\"";

TEST_F(DamagedFixture, SelfIntersectingPolygonWithoutRepair) {
    replace_once(file("grids.csv"), kG2, kG2BowTie);
    insert_after(scenario(), "[check]", "repair_invalid = false");
    expect_rejected(run(), {file("grids.csv").string(), "layer grids", "line 3", "invalid polygon",
                            "Self-intersection[473000 3851000]", "check.repair_invalid"});
}

TEST_F(DamagedFixture, SelfIntersectingPolygonRepairedWithWarning) {
    replace_once(file("grids.csv"), kG2, kG2BowTie);
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err, "warning: " + file("grids.csv").string() +
                         ", layer grids, line 3 (grids 'G2'): invalid polygon (Self-intersection[473000 3851000]) "
                         "repaired with make-valid\n");
    ASSERT_EQ(list_dir(out()), kOutputs);
    const auto j = summary(out());
    ASSERT_EQ(j["warnings"].size(), 1u);
    EXPECT_NE(j["warnings"][0].get<std::string>().find("'G2'"), std::string::npos);
    // make-valid keeps the two triangles of the bow-tie: half the square.
    EXPECT_EQ(read_csv(out() / "grids.csv").row_where("grid_id", "G2").at("area_m2"), "2000000.0");
    const auto& r7 = rule(j, "R7");
    EXPECT_EQ(r7["holds"], false);
    ASSERT_EQ(r7["violation_count"], 1);
    EXPECT_EQ(r7["violations"][0], "street 乙街道 (B): 2000000 m2 not covered by any grid");
}

// (h)
TEST_F(DamagedFixture, LayerFileNotFound) {
    replace_once(scenario(), "file = \"streets.csv\"", "file = \"nosuch.csv\"");
    expect_rejected(run(), {file("nosuch.csv").string(), "file not found", "layers.streets.file"});
}

TEST_F(DamagedFixture, LayerFileOfGarbageBytes) {
    write_text(file("streets.csv"), bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe"));
    expect_rejected(run(), {file("streets.csv").string(), "GDAL cannot read this file as vector data"});
}

TEST_F(DamagedFixture, GeoPackageOfGarbageBytes) {
    write_text(file("streets.gpkg"), bytes("SQLite format 3\0garbage\x01\x02\x03\xff"));
    replace_once(scenario(), "file = \"streets.csv\"", "file = \"streets.gpkg\"");
    expect_rejected(run(), {file("streets.gpkg").string(), "GDAL cannot read this file as vector data"});
}

TEST_F(DamagedFixture, LayerPathIsAFolder) {
    fs::create_directory(file("streets.d"));
    replace_once(scenario(), "file = \"streets.csv\"", "file = \"streets.d\"");
    expect_rejected(run(), {file("streets.d").string(), "GDAL cannot read this file as vector data"});
}

// (i) Scenario keys: a typo never falls back to a default silently.
TEST_F(DamagedFixture, UnknownTopLevelScenarioKey) {
    const int line = insert_after(scenario(), "name = \"small\"", "radius = 1000");
    expect_rejected(run(), {scenario().string(), "radius (line " + std::to_string(line) + ")", "unknown key",
                            "expected one of: address, check, crs, layers, name, network, plan, title, vocab"});
}

TEST_F(DamagedFixture, MisspelledCheckKey) {
    const int line = insert_after(scenario(), "[check]", "radiuss_m = 900");
    expect_rejected(run(), {scenario().string(), "check.radiuss_m (line " + std::to_string(line) + ")", "unknown key",
                            "radius_m"});
}

TEST_F(DamagedFixture, UnknownLayerKey) {
    const int line = insert_after(scenario(), "[layers.deputies]", "wtk = \"WKT\"");
    expect_rejected(run(), {scenario().string(), "layers.deputies.wtk (line " + std::to_string(line) + ")",
                            "unknown key"});
}

TEST_F(DamagedFixture, WrongTypeForRadius) {
    const int line = insert_after(scenario(), "[check]", "radius_m = \"far\"");
    expect_rejected(run(), {scenario().string(), "check.radius_m (line " + std::to_string(line) + ")",
                            "expected a number"});
}

// (j)
TEST_F(DamagedFixture, CommunityNamesUnknownStreet) {
    replace_once(file("communities.csv"), "B2,乙二社区,B,", "B2,乙二社区,Z,");
    expect_rejected(run(), {file("communities.csv").string(), "line 4", "field street", "'B2' names street 'Z'",
                            "not in the streets layer"});
}

// Every other InputError names the layer; this one must too.
TEST_F(DamagedFixture, CommunityNamesUnknownStreetNamesTheLayer) {
    replace_once(file("communities.csv"), "B2,乙二社区,B,", "B2,乙二社区,Z,");
    expect_rejected(run(), {"communities.csv, layer communities, line 4, field street"});
}

// (k) deputies_xy.csv holds the fixture's deputies as lon/lat columns (EPSG:4547
// metres), with d4's easting padded by blanks (accepted), d8's written "471000.0",
// d11 without coordinates and d12's northing typed with letters O for zeros.
TEST_F(DamagedFixture, NonNumericCoordinateIsRejectedAndTheRestChecked) {
    replace_once(scenario(), kDeputiesLayer,
                 "[layers.deputies]\nfile = \"deputies_xy.csv\"\ncrs = \"EPSG:4547\"\nx = \"lon\"\ny = \"lat\"\n");
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err, "");
    ASSERT_EQ(list_dir(out()), kOutputs);

    const CsvTable rejects = read_csv(out() / "rejects.csv");
    ASSERT_EQ(rejects.rows.size(), 2u);
    const std::string source = file("deputies_xy.csv").string();
    EXPECT_EQ(rejects.rows[0], (std::map<std::string, std::string>{{"source", source},
                                                                   {"layer", "deputies_xy"},
                                                                   {"record", "line 12"},
                                                                   {"reason", "deputy 'd11': no 'lon' value"}}));
    EXPECT_EQ(rejects.rows[1],
              (std::map<std::string, std::string>{{"source", source},
                                                  {"layer", "deputies_xy"},
                                                  {"record", "line 13"},
                                                  {"reason", "deputy 'd12': 'lat' '3851OOO' is not a number"}}));

    const auto j = summary(out());
    EXPECT_EQ(j["deputies"]["total"], 12);
    EXPECT_EQ(j["deputies"]["used"], 10);
    EXPECT_EQ(j["deputies"]["rejected"], 2);
    EXPECT_EQ(j["deputies"]["covered"], 8);
    EXPECT_EQ(j["deputies"]["total"], j["deputies"]["used"].get<int>() + j["deputies"]["rejected"].get<int>());
    EXPECT_EQ(j["rejects"], 2);

    // The ten located deputies come out exactly as from the WKT original.
    ScratchDir base("bad-input-base");
    const RunResult b = run_stationplan({"check", (test_data() / "small" / "scenario.toml").string(), "--out",
                                         (base.path() / "out").string()});
    ASSERT_EQ(b.exit_code, 1) << b.err;
    EXPECT_EQ(read_text(out() / "deputies.csv"), read_text(base.path() / "out" / "deputies.csv"));
}

// (l) A deputy outside the district is kept, measured and reported under R7.
TEST_F(DamagedFixture, DeputyOutsideTheDistrictIsKeptAndReported) {
    replace_once(file("deputies.csv"), "\"POINT (470200 3851900)\"", "\"POINT (469500 3851900)\"");
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err, "");
    const CsvTable t = read_csv(out() / "deputies.csv");
    ASSERT_EQ(t.rows.size(), 10u);
    const auto& d10 = t.row_where("deputy_id", "d10");
    EXPECT_EQ(d10.at("inside_district"), "false");
    EXPECT_EQ(d10.at("street_id"), "");
    EXPECT_EQ(d10.at("community_id"), "");
    EXPECT_EQ(d10.at("grid_id"), "");
    EXPECT_EQ(d10.at("nearest_station_id"), "C2");
    EXPECT_EQ(d10.at("nearest_distance_m"), "1720.47");  // sqrt(1000^2 + 1400^2)
    EXPECT_EQ(d10.at("covered"), "false");
    EXPECT_EQ(d10.at("x_m"), "469500.00");
    for (const auto& row : t.rows) {
        if (row.at("deputy_id") != "d10") {
            EXPECT_EQ(row.at("inside_district"), "true") << row.at("deputy_id");
        }
    }

    const auto j = summary(out());
    EXPECT_EQ(j["deputies"]["total"], 11);
    EXPECT_EQ(j["deputies"]["used"], 10);
    EXPECT_EQ(j["deputies"]["rejected"], 1);
    const auto& r7 = rule(j, "R7");
    EXPECT_EQ(r7["holds"], false);
    ASSERT_EQ(r7["violation_count"], 1);
    EXPECT_EQ(r7["violations"][0], "deputy d10: located outside the district");
    EXPECT_EQ(rule(j, "R1")["violation_count"], 2);  // d5 and d10
}

// (m) A failing run leaves an earlier output folder alone; a good run replaces it whole.
// (An earlier output is recognised by its summary.json; other folders are refused.)
TEST_F(DamagedFixture, ExistingOutputSurvivesAFailedRunAndIsReplacedByAGoodOne) {
    fs::create_directories(out());
    write_text(out() / "summary.json", "{\"from\": \"an earlier run\"}\n");
    const std::string stations = read_text(file("stations.csv"));
    replace_once(file("stations.csv"), "C1,C1站,community,B,B1,,3,5,", "C1,C1站,community,B,B1,,3,five,");

    const RunResult bad = run();
    EXPECT_EQ(bad.exit_code, 2) << bad.err;
    EXPECT_EQ(list_dir(out()), std::vector<std::string>{"summary.json"});
    EXPECT_EQ(read_text(out() / "summary.json"), "{\"from\": \"an earlier run\"}\n");
    EXPECT_EQ(list_dir(scratch()), (std::vector<std::string>{"out", "small"}));

    write_text(file("stations.csv"), stations);
    const RunResult good = run();
    EXPECT_EQ(good.exit_code, 1) << good.err;
    EXPECT_EQ(list_dir(out()), kOutputs);
    EXPECT_EQ(list_dir(scratch()), (std::vector<std::string>{"out", "small"}));
}

// Replacing the output folder whole must never destroy inputs ("Inputs are never
// modified", check.hpp): --out naming the folder that holds the scenario and its
// layers is a usage error, checked before anything is loaded.
TEST_F(DamagedFixture, OutputFolderHoldingTheInputsIsRefused) {
    const std::vector<std::string> inputs = list_dir(data());
    const std::string scenario_text = read_text(scenario());
    const RunResult r = run_stationplan({"check", scenario().string(), "--out", data().string()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(data().string()), std::string::npos) << r.err;
    EXPECT_EQ(list_dir(data()), inputs);
    EXPECT_TRUE(fs::exists(scenario()) && read_text(scenario()) == scenario_text);
    EXPECT_EQ(list_dir(scratch()), std::vector<std::string>{"small"});
}

// --out naming a folder of other files (no summary.json of an earlier run) is refused.
TEST_F(DamagedFixture, OutputFolderOfOtherFilesIsRefused) {
    fs::create_directories(out());
    write_text(out() / "thesis.docx", "precious\n");
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("refusing to replace"), std::string::npos) << r.err;
    EXPECT_EQ(read_text(out() / "thesis.docx"), "precious\n");
    EXPECT_EQ(list_dir(scratch()), (std::vector<std::string>{"out", "small"}));
}

// --out naming an existing regular file is a usage error; the file is kept.
TEST_F(DamagedFixture, OutputPathThatIsAFileIsRefused) {
    write_text(out(), "not an output folder\n");
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(out().string()), std::string::npos) << r.err;
    ASSERT_TRUE(fs::is_regular_file(out()));
    EXPECT_EQ(read_text(out()), "not an output folder\n");
    EXPECT_EQ(list_dir(scratch()), (std::vector<std::string>{"out", "small"}));
}

}  // namespace
}  // namespace stationplan::test

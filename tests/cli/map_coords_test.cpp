// End to end: the sample's deputies written in GCJ-02 (Amap, Tencent) and BD-09
// (Baidu) coordinates and read with coords = "gcj02" / "bd09" give the same check
// as the WGS84 roster: the same rule outcomes and violations, the same streets,
// communities, grids and nearest stations per deputy, distances within 0.01 m.
// Without the coords key the offset GCJ-02 roster gives a different answer (the
// offset of 300-600 m in Zhengzhou matters).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/china_coords.hpp"
#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The roster with its last two columns (longitude, latitude) converted from WGS84;
// cells that are not numbers (the planted bad rows) are kept as they are.
std::string convert_roster(const std::string& csv, io::MapCoords to) {
    std::istringstream in(csv);
    std::string out, line;
    std::getline(in, line);
    out += line + "\n";
    while (std::getline(in, line)) {
        const auto lat_comma = line.rfind(',');
        const auto lon_comma = line.rfind(',', lat_comma - 1);
        const std::string lon = line.substr(lon_comma + 1, lat_comma - lon_comma - 1);
        const std::string lat = line.substr(lat_comma + 1);
        char* e1 = nullptr;
        char* e2 = nullptr;
        const double x = std::strtod(lon.c_str(), &e1), y = std::strtod(lat.c_str(), &e2);
        if (lon.empty() || lat.empty() || *e1 || *e2) {
            out += line + "\n";
            continue;
        }
        const LonLat c = io::from_wgs84(to, {x, y});
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.10f,%.10f", c.lon_deg, c.lat_deg);
        out += line.substr(0, lon_comma + 1) + buf + "\n";
    }
    return out;
}

// The baseline scenario with absolute paths, the deputies read from `roster`.
std::string scenario_for(const fs::path& roster, const std::string& coords_line) {
    std::string text = read_text(source_dir() / "analysis" / "jinshui-baseline.toml");
    const std::string geodata = (source_dir() / "geodata").string() + "/";
    const std::string old_deputies = "file = \"../geodata/jinshui_deputies.csv\"";
    const auto at = text.find(old_deputies);
    if (at == std::string::npos) throw std::runtime_error("baseline scenario: no deputies file line");
    text.replace(at, old_deputies.size(), "file = \"" + roster.string() + "\"\n" + coords_line);
    for (std::size_t p; (p = text.find("\"../geodata/")) != std::string::npos;) text.replace(p + 1, 11, geodata);
    return text;
}

class MapCoordsSample : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new ScratchDir("mapcoords");
        const fs::path d = s_dir->path();
        const std::string roster = read_text(source_dir() / "geodata" / "jinshui_deputies.csv");
        write_text(d / "gcj02.csv", convert_roster(roster, io::MapCoords::Gcj02));
        write_text(d / "bd09.csv", convert_roster(roster, io::MapCoords::Bd09));
        write_text(d / "wgs84.toml", scenario_for(source_dir() / "geodata" / "jinshui_deputies.csv", ""));
        write_text(d / "gcj02.toml", scenario_for(d / "gcj02.csv", "coords = \"gcj02\""));
        write_text(d / "bd09.toml", scenario_for(d / "bd09.csv", "coords = \"BD-09\""));
        write_text(d / "gcj02-as-wgs84.toml", scenario_for(d / "gcj02.csv", ""));
        for (const char* name : {"wgs84", "gcj02", "bd09", "gcj02-as-wgs84"}) {
            const RunResult r = run_stationplan({"check", (d / (std::string(name) + ".toml")).string(), "--out",
                                                 (d / (std::string("out-") + name)).string(), "-q"});
            s_exit[name] = r.exit_code;
            s_err[name] = r.err;
        }
    }
    static void TearDownTestSuite() { delete s_dir; }
    static fs::path out(const std::string& name) { return s_dir->path() / ("out-" + name); }

    static void expect_same_check(const std::string& name) {
        EXPECT_EQ(s_exit[name], 1) << s_err[name];
        EXPECT_TRUE(s_err[name].empty()) << s_err[name];
        const json a = json::parse(read_text(out("wgs84") / "summary.json"));
        const json b = json::parse(read_text(out(name) / "summary.json"));
        EXPECT_EQ(a["deputies"], b["deputies"]) << name;
        EXPECT_EQ(a["rules"], b["rules"]) << name;  // holds, counts and every violation line
        const CsvTable ta = read_csv(out("wgs84") / "deputies.csv");
        const CsvTable tb = read_csv(out(name) / "deputies.csv");
        ASSERT_EQ(ta.rows.size(), tb.rows.size());
        double worst = 0;
        for (std::size_t i = 0; i < ta.rows.size(); ++i) {
            for (const char* col : {"deputy_id", "street_id", "community_id", "grid_id", "nearest_station_id", "covered",
                                    "inside_district"}) {
                EXPECT_EQ(ta.rows[i].at(col), tb.rows[i].at(col)) << name << " row " << i << " " << col;
            }
            for (const char* col : {"nearest_distance_m", "station_distance_m", "x_m", "y_m"}) {
                const std::string& va = ta.rows[i].at(col);
                const std::string& vb = tb.rows[i].at(col);
                if (va.empty() || vb.empty()) {
                    EXPECT_EQ(va, vb) << name << " row " << i << " " << col;
                } else {
                    worst = std::max(worst, std::fabs(std::stod(va) - std::stod(vb)));
                }
            }
        }
        EXPECT_LE(worst, 0.0100001) << name;  // printed to 0.01 m; the conversion itself is exact to 0.1 mm
    }

    static ScratchDir* s_dir;
    static std::map<std::string, int> s_exit;
    static std::map<std::string, std::string> s_err;
};
ScratchDir* MapCoordsSample::s_dir = nullptr;
std::map<std::string, int> MapCoordsSample::s_exit;
std::map<std::string, std::string> MapCoordsSample::s_err;

TEST_F(MapCoordsSample, Gcj02RosterGivesTheWgs84Check) { expect_same_check("gcj02"); }

TEST_F(MapCoordsSample, Bd09RosterGivesTheWgs84Check) { expect_same_check("bd09"); }

TEST_F(MapCoordsSample, Gcj02ReadAsWgs84MovesDeputiesHundredsOfMetres) {
    const CsvTable ta = read_csv(out("wgs84") / "deputies.csv");
    const CsvTable tb = read_csv(out("gcj02-as-wgs84") / "deputies.csv");
    ASSERT_EQ(ta.rows.size(), tb.rows.size());
    std::size_t moved = 0, differ = 0;
    for (std::size_t i = 0; i < ta.rows.size(); ++i) {
        if (ta.rows[i].at("x_m").empty()) continue;
        const double dx = std::stod(ta.rows[i].at("x_m")) - std::stod(tb.rows[i].at("x_m"));
        const double dy = std::stod(ta.rows[i].at("y_m")) - std::stod(tb.rows[i].at("y_m"));
        const double shift = std::hypot(dx, dy);
        moved += shift > 300 && shift < 700 ? 1 : 0;
        differ += ta.rows[i].at("nearest_station_id") != tb.rows[i].at("nearest_station_id") ||
                          ta.rows[i].at("covered") != tb.rows[i].at("covered")
                      ? 1
                      : 0;
    }
    EXPECT_EQ(moved, 398u);  // every deputy with coordinates (400 rows, 2 planted bad rows)
    EXPECT_GT(differ, 0u);   // the offset changes someone's nearest station or coverage
}

TEST_F(MapCoordsSample, BadCoordsValueNamesTheKey) {
    const fs::path d = s_dir->path();
    write_text(d / "bad.toml", scenario_for(d / "gcj02.csv", "coords = \"mars\""));
    const RunResult r = run_stationplan({"check", (d / "bad.toml").string(), "--out", (d / "out-bad").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("layers.deputies.coords"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(d / "out-bad"));
}

}  // namespace
}  // namespace stationplan::test

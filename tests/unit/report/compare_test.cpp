// The comparison's definitions on check output folders written here by hand: what
// is added, moved, merged or closed at the edges of each definition, and the CSV
// reader it uses.
#include <gtest/gtest.h>

#include <cmath>

#include "report/compare.hpp"
#include "report/csv_reader.hpp"
#include "stationplan/error.hpp"
#include "support/test_support.hpp"

namespace stationplan::report {
namespace {

namespace fs = std::filesystem;

struct Station {
    std::string id, kind;
    double x, y;
};
struct Deputy {
    std::string id, station, community;
    double distance;
    bool covered;
};

// A check output folder with just what compare reads.
void write_side(const fs::path& dir, const std::vector<Station>& stations, const std::vector<Deputy>& deputies,
                const std::vector<std::pair<std::string, double>>& grids, int covered, bool r1_holds) {
    fs::create_directories(dir);
    test::write_text(dir / "summary.json",
                     "{\"scenario\": \"s\", \"title\": \"" + dir.filename().string() +
                         "\", \"crs\": \"EPSG:4547\", \"deputies\": {\"covered\": " + std::to_string(covered) +
                         "}, \"coverage_ratio\": 0.5, \"rules\": [{\"id\": \"R1\", \"holds\": " +
                         (r1_holds ? "true" : "false") + ", \"violation_count\": " + (r1_holds ? "0" : "2") + "}]}\n");
    std::string s = "station_id,name,kind,x_m,y_m\n";
    for (const auto& st : stations) s += st.id + "," + st.id + " name," + st.kind + "," + std::to_string(st.x) + "," + std::to_string(st.y) + "\n";
    test::write_text(dir / "stations.csv", s);
    std::string d = "deputy_id,station_id,station_distance_m,community_id,covered\n";
    for (const auto& p : deputies)
        d += p.id + "," + p.station + "," + (std::isnan(p.distance) ? std::string{} : std::to_string(p.distance)) + "," +
             p.community + "," + (p.covered ? "true" : "false") + "\n";
    test::write_text(dir / "deputies.csv", d);
    test::write_text(dir / "communities.csv", "community_id,name,reached\nA,甲,true\nB,\"乙, 二\",false\n");
    std::string g = "grid_id,covered_ratio,covered\n";
    for (const auto& [id, r] : grids) g += id + "," + std::to_string(r) + "," + (r >= 1.0 ? "true" : "false") + "\n";
    test::write_text(dir / "grids.csv", g);
}

std::vector<std::string> ids(const std::vector<StationRef>& list) {
    std::vector<std::string> out;
    for (const auto& s : list) out.push_back(s.station_id);
    return out;
}

TEST(CompareFolders, DefinitionsAtTheirEdges) {
    test::ScratchDir dir("compare-unit");
    const double x0 = 470000, y0 = 3850000;
    // Before: M1 (0.99 m from its after place: not moved), M2 (exactly 1 m: moved),
    // G1 (deputies p1, p2 both go to K: merged), G2 (p3 to K, p4 to L: closed),
    // G3 (no deputies: closed), G4 (p5 to the new N: closed, N exists only after),
    // K and L kept.
    write_side(dir.path() / "before",
               {{"M1", "community", x0, y0}, {"M2", "community", x0 + 100, y0}, {"G1", "community", x0 + 200, y0},
                {"G2", "community", x0 + 300, y0}, {"G3", "street", x0 + 400, y0}, {"G4", "community", x0 + 500, y0},
                {"K", "community", x0 + 600, y0}, {"L", "community", x0 + 700, y0}},
               {{"p1", "G1", "A", 10, true}, {"p2", "G1", "A", 20, true}, {"p3", "G2", "A", 30, true},
                {"p4", "G2", "B", 40, false}, {"p5", "G4", "B", 50, true}, {"p6", "K", "A", 60, true}},
               {{"g1", 0.5}, {"g2", 0.25}, {"g3", 1.0}}, 5, false);
    write_side(dir.path() / "after",
               {{"N", "community", x0 + 800, y0}, {"M1", "community", x0 + 0.99, y0}, {"M2", "community", x0 + 100, y0 + 1.0},
                {"K", "community", x0 + 600, y0}, {"L", "community", x0 + 700, y0}},
               {{"p1", "K", "A", 11, true}, {"p2", "K", "A", 21, true}, {"p3", "K", "A", 31, true},
                {"p4", "L", "B", 41, true}, {"p5", "N", "B", std::nan(""), true}, {"p6", "K", "A", 60, true}},
               {{"g1", 0.5000004}, {"g2", 0.2}, {"g3", 1.0}, {"g4", 1.0}}, 6, true);
    const CompareOutcome c = compare_folders(dir.path() / "before", dir.path() / "after");
    EXPECT_EQ(c.before_label, "before");
    EXPECT_EQ(c.after_label, "after");
    EXPECT_EQ(ids(c.stations.added), std::vector<std::string>{"N"});
    EXPECT_EQ(ids(c.stations.closed), (std::vector<std::string>{"G2", "G3", "G4"}));
    ASSERT_EQ(c.stations.moved.size(), 1u);
    EXPECT_EQ(c.stations.moved[0].station_id, "M2");
    EXPECT_DOUBLE_EQ(c.stations.moved[0].distance_m, 1.0);
    ASSERT_EQ(c.stations.merged.size(), 1u);
    EXPECT_EQ(c.stations.merged[0].into, "K");
    EXPECT_EQ(c.stations.merged[0].from, std::vector<std::string>{"G1"});
    ASSERT_EQ(c.deputies_changing_station.size(), 5u);  // p6 stays with K
    EXPECT_EQ(c.deputies_changing_station[4].deputy_id, "p5");
    EXPECT_TRUE(std::isnan(c.deputies_changing_station[4].new_distance_m));
    EXPECT_DOUBLE_EQ(c.deputies_changing_station[0].old_distance_m, 10.0);
    // Community B: not reached in both; A: covered in both (p4 was B's). No change.
    EXPECT_TRUE(c.communities_gaining.empty());
    EXPECT_TRUE(c.communities_losing.empty());
    // g1 changes below the written precision; g2 loses; g4 exists only after.
    EXPECT_TRUE(c.grids_gaining.empty());
    ASSERT_EQ(c.grids_losing.size(), 1u);
    EXPECT_EQ(c.grids_losing[0].grid_id, "g2");
    ASSERT_EQ(c.rules.size(), 1u);
    EXPECT_FALSE(c.rules[0].before_holds);
    EXPECT_TRUE(c.rules[0].after_holds);
    EXPECT_EQ(c.rules[0].before_count, 2u);
    // Figures: the summary's numbers, then the computed ones.
    std::vector<std::string> keys;
    for (const auto& f : c.figures) keys.push_back(f.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"deputies.covered", "coverage_ratio", "communities.covered", "grids.covered",
                                              "rules.holding"}));
    EXPECT_DOUBLE_EQ(c.figures[0].change, 1.0);
    EXPECT_DOUBLE_EQ(c.figures[3].before, 1.0);
    EXPECT_DOUBLE_EQ(c.figures[3].after, 2.0);
    EXPECT_DOUBLE_EQ(c.figures[4].change, 1.0);
    EXPECT_FALSE(c.no_difference());
}

TEST(CompareFolders, AFolderAgainstItselfHasNoDifference) {
    test::ScratchDir dir("compare-self");
    write_side(dir.path() / "x", {{"K", "community", 470000, 3850000}}, {{"p1", "K", "A", 5, true}}, {{"g1", 0.5}}, 1, true);
    const CompareOutcome c = compare_folders(dir.path() / "x", dir.path() / "x");
    EXPECT_TRUE(c.no_difference());
    EXPECT_EQ(c.figures.size(), 5u);
}

TEST(CompareFolders, MissingColumnIsNamed) {
    test::ScratchDir dir("compare-missing");
    write_side(dir.path() / "x", {{"K", "community", 470000, 3850000}}, {}, {}, 0, true);
    test::write_text(dir.path() / "x" / "grids.csv", "grid_id,covered\n");
    try {
        compare_folders(dir.path() / "x", dir.path() / "x");
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().field, "covered_ratio");
        EXPECT_NE(e.where().file.find("grids.csv"), std::string::npos);
    }
}

TEST(CsvTable, ReadsQuotesByteOrderMarkAndCrLf) {
    test::ScratchDir dir("csv-read");
    test::write_text(dir.path() / "t.csv", "\xEF\xBB\xBF" "a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\r\n,3.5\r\n");
    const CsvTable t = CsvTable::read(dir.path() / "t.csv", {"a", "b"});
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t.at(0, "a"), "x, \"y\"");
    EXPECT_EQ(t.at(0, "b"), "two\nlines");
    EXPECT_EQ(t.at(1, "a"), "");
    EXPECT_DOUBLE_EQ(t.number(1, "b"), 3.5);
    EXPECT_TRUE(std::isnan(t.number(1, "a")));
    EXPECT_THROW(t.number(0, "a"), InputError);
}

TEST(CsvTable, WrongCellCountNamesTheRecord) {
    test::ScratchDir dir("csv-bad");
    test::write_text(dir.path() / "t.csv", "a,b\n1,2\n3\n");
    try {
        CsvTable::read(dir.path() / "t.csv", {"a"});
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().record, "record 2");
    }
}

}  // namespace
}  // namespace stationplan::report

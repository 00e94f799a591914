// The pipelined reader (io/vector_source.cpp hands records on in batches of 4,096
// to a second thread) and the parallel deputy loop, end to end: the small fixture
// with 10,000 generated deputies, two of them bad at lines past the first batches.
// Every record must come out in file order, the bad ones in rejects.csv with their
// CSV lines, and the counts must add up. Named "Threaded*": ctest label "threads",
// run under ThreadSanitizer by scripts/test.sh --tsan.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

namespace fs = std::filesystem;

TEST(ThreadedReader, TenThousandDeputiesInFileOrder) {
    ScratchDir dir("threaded-reader");
    for (const char* f : {"scenario.toml", "district.csv", "streets.csv", "communities.csv", "grids.csv", "stations.csv"})
        fs::copy_file(test_data() / "small" / f, dir.path() / f);
    constexpr int kRecords = 10000;
    const int bad_wkt_line = 4100 + 1, no_point_line = 8200 + 1;  // line 1 is the header
    {
        std::ofstream out(dir.path() / "deputies.csv", std::ios::binary);
        out << "id,level,sector,station,industry_station,WKT\n";
        for (int i = 0; i < kRecords; ++i) {
            const int line = i + 2;
            out << "d" << i << ",区,,C1,,";
            if (line == bad_wkt_line) out << "\"POINT (471000\"";
            else if (line == no_point_line) out << "";
            else out << "\"POINT (" << 470010 + (i * 37) % 3980 << " " << 3850010 + (i * 53) % 1980 << ")\"";
            out << "\n";
        }
    }
    const RunResult r = run_stationplan({"check", (dir.path() / "scenario.toml").string(), "--out", (dir.path() / "out").string(), "-q"});
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;

    const CsvTable deputies = read_csv(dir.path() / "out" / "deputies.csv");
    ASSERT_EQ(deputies.rows.size(), static_cast<std::size_t>(kRecords - 2));
    // File order, across every batch boundary.
    std::size_t row = 0;
    for (int i = 0; i < kRecords; ++i) {
        const int line = i + 2;
        if (line == bad_wkt_line || line == no_point_line) continue;
        ASSERT_EQ(deputies.rows[row].at("deputy_id"), "d" + std::to_string(i)) << "row " << row;
        ASSERT_EQ(deputies.rows[row].at("x_m"), std::to_string(470010 + (i * 37) % 3980) + ".00") << "d" << i;
        ASSERT_EQ(deputies.rows[row].at("y_m"), std::to_string(3850010 + (i * 53) % 1980) + ".00") << "d" << i;
        ++row;
    }
    const CsvTable rejects = read_csv(dir.path() / "out" / "rejects.csv");
    ASSERT_EQ(rejects.rows.size(), 2u);
    EXPECT_EQ(rejects.rows[0].at("record"), "line " + std::to_string(bad_wkt_line));
    EXPECT_EQ(rejects.rows[1].at("record"), "line " + std::to_string(no_point_line));
    EXPECT_EQ(rejects.rows[1].at("reason"), "deputy 'd8199': no geometry");

    const auto s = nlohmann::json::parse(read_text(dir.path() / "out" / "summary.json"));
    EXPECT_EQ(s["deputies"]["total"], kRecords);
    EXPECT_EQ(s["deputies"]["used"], kRecords - 2);
    EXPECT_EQ(s["deputies"]["rejected"], 2);
}

}  // namespace
}  // namespace stationplan::test

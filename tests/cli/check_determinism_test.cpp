// End to end: two runs of `stationplan check` on the same input write identical
// files, byte for byte, coverage.gpkg included (fixed GeoPackage timestamps, fixed
// tie-breaks, no wall-clock or PID in any output).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

namespace fs = std::filesystem;

// Empty when equal; otherwise where the first difference is.
std::string first_difference(const std::string& a, const std::string& b) {
    if (a == b) return {};
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    return "sizes " + std::to_string(a.size()) + " and " + std::to_string(b.size()) + ", first difference at byte " +
           std::to_string(i);
}

TEST(CheckDeterminism, TwoRunsWriteIdenticalFiles) {
    ScratchDir dir("determinism");
    const std::string scenario = (test_data() / "small" / "scenario.toml").string();
    const fs::path a = dir.path() / "a", b = dir.path() / "b";
    const RunResult ra = run_stationplan({"check", scenario, "--out", a.string()});
    const RunResult rb = run_stationplan({"check", scenario, "--out", b.string()});
    ASSERT_EQ(ra.exit_code, 1) << ra.err;
    ASSERT_EQ(rb.exit_code, 1) << rb.err;
    EXPECT_EQ(ra.err, "");
    EXPECT_EQ(rb.err, "");
    // stdout differs only in the "outputs:" line.
    EXPECT_EQ(ra.out.substr(0, ra.out.find("outputs: ")), rb.out.substr(0, rb.out.find("outputs: ")));

    const std::vector<std::string> files = list_dir(a);
    EXPECT_EQ(files, (std::vector<std::string>{"communities.csv", "coverage.gpkg", "deputies.csv", "grids.csv",
                                               "rejects.csv", "stations.csv", "streets.csv", "summary.json"}));
    EXPECT_EQ(list_dir(b), files);
    for (const auto& f : files) EXPECT_EQ(first_difference(read_text(a / f), read_text(b / f)), "") << f;

    // A third run replacing the first folder gives the same bytes again.
    const RunResult rc = run_stationplan({"check", scenario, "--out", a.string()});
    ASSERT_EQ(rc.exit_code, 1) << rc.err;
    EXPECT_EQ(list_dir(a), files);
    for (const auto& f : files) EXPECT_EQ(first_difference(read_text(a / f), read_text(b / f)), "") << f << " (rerun)";
    EXPECT_EQ(list_dir(dir.path()), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace stationplan::test

#include <gtest/gtest.h>

#include <limits>

#include "report/csv_writer.hpp"
#include "report/staging_dir.hpp"
#include "support/test_support.hpp"

namespace stationplan::report {
namespace {

TEST(CsvWriter, QuotesOnlyWhereNeeded) {
    test::ScratchDir dir("csv");
    CsvWriter w(dir.path() / "t.csv", {"a", "b"});
    w.row({"plain", "with,comma"});
    w.row({"say \"hi\"", "two\nlines"});
    w.close();
    EXPECT_EQ(test::read_text(dir.path() / "t.csv"), "a,b\nplain,\"with,comma\"\n\"say \"\"hi\"\"\",\"two\nlines\"\n");
}

TEST(CsvWriter, FixedFormatsAndLeavesNanEmpty) {
    EXPECT_EQ(fixed(1000.0, 2), "1000.00");
    EXPECT_EQ(fixed(2.0 / 3.0, 3), "0.667");
    EXPECT_EQ(fixed(std::numeric_limits<double>::quiet_NaN(), 2), "");
}

TEST(StagingDir, CommitReplacesTheTargetWhole) {
    test::ScratchDir dir("stage");
    const auto target = dir.path() / "out";
    std::filesystem::create_directories(target);
    test::write_text(target / "old.txt", "old");
    {
        StagingDir s(target);
        test::write_text(s.path() / "new.txt", "new");
        EXPECT_EQ(test::list_dir(target), std::vector<std::string>{"old.txt"});  // untouched until commit
        s.commit();
    }
    EXPECT_EQ(test::list_dir(target), std::vector<std::string>{"new.txt"});
    EXPECT_EQ(test::list_dir(dir.path()), std::vector<std::string>{"out"});
}

TEST(StagingDir, WithoutCommitNothingChanges) {
    test::ScratchDir dir("stage");
    const auto target = dir.path() / "out";
    {
        StagingDir s(target);
        test::write_text(s.path() / "half.txt", "half");
    }
    EXPECT_TRUE(test::list_dir(dir.path()).empty());
}

}  // namespace
}  // namespace stationplan::report

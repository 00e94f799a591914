// Every command's --help is tested (docs/STYLE.md, practice 9), and so is the
// usage-error path: an unknown subcommand or option exits 2 without running anything.
#include <gtest/gtest.h>

#include <string>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

void expect_mentions(const std::string& text, const std::vector<std::string>& parts) {
    for (const auto& p : parts) EXPECT_NE(text.find(p), std::string::npos) << "missing '" << p << "' in:\n" << text;
}

TEST(Help, TopLevelListsCommandsAndExitStatuses) {
    const RunResult r = run_stationplan({"--help"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    expect_mentions(r.out, {"Subcommands:", "check", "--quiet", "--verbose", "Exit status: 0 every rule holds",
                            "1 some rule fails", "2 bad input or usage", "3 internal"});
}

TEST(Help, CheckShowsOptionsAndExamples) {
    const RunResult r = run_stationplan({"check", "--help"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    expect_mentions(r.out, {"scenario", "--out", "--timings", "Examples:", "stationplan check ", "summary.json",
                            "Exit status:"});
}

TEST(Help, UnknownSubcommandIsAUsageError) {
    const RunResult r = run_stationplan({"frobnicate"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    expect_mentions(r.err, {"--help"});
}

// The message should name the word it did not understand.
TEST(Help, UnknownSubcommandIsNamed) {
    const RunResult r = run_stationplan({"frobnicate"});
    EXPECT_EQ(r.exit_code, 2);
    expect_mentions(r.err, {"frobnicate"});
}

TEST(Help, UnknownOptionIsAUsageError) {
    for (const auto& args : {std::vector<std::string>{"check", "--bogus"}, std::vector<std::string>{"--bogus", "check"}}) {
        const RunResult r = run_stationplan(args);
        EXPECT_EQ(r.exit_code, 2) << args[0];
        EXPECT_EQ(r.out, "");
        expect_mentions(r.err, {"--bogus"});
    }
}

TEST(Help, MissingSubcommandIsAUsageError) {
    const RunResult r = run_stationplan({});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    expect_mentions(r.err, {"subcommand", "--help"});
}

TEST(Help, ExtraPositionalIsAUsageError) {
    const RunResult r = run_stationplan({"check", "a.toml", "b.toml"});
    EXPECT_EQ(r.exit_code, 2);
    expect_mentions(r.err, {"b.toml"});
}

}  // namespace
}  // namespace stationplan::test

// Progress and messages: stage names and percentages go to stderr only when stderr
// is a terminal; --quiet prints nothing but errors; --verbose names every stage and
// violation; every command's --help has examples.
#include <gtest/gtest.h>

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

namespace fs = std::filesystem;

std::string small() { return (test_data() / "small" / "scenario.toml").string(); }
std::string sample() { return (source_dir() / "analysis" / "jinshui-baseline.toml").string(); }

// Runs the binary with stdout and stderr on a pseudo-terminal; returns what it printed.
std::string run_on_terminal(const std::vector<std::string>& args, int* exit_code) {
    std::vector<std::string> store{STATIONPLAN_BIN};
    store.insert(store.end(), args.begin(), args.end());
    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    if (pid < 0) {  // no pseudo-terminal here (no /dev/ptmx, or none left)
        *exit_code = -2;
        return {};
    }
    if (pid == 0) {
        std::vector<char*> argv;
        for (auto& a : store) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        _exit(127);
    }
    std::string out;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(master, buffer, sizeof buffer);
        if (n <= 0) break;  // EIO once the child has closed the terminal
        out.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(master);
    int status = 0;
    ::waitpid(pid, &status, 0);
    *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

TEST(Progress, TerminalShowsStagesAndPercentages) {
    ScratchDir dir("progress-tty");
    int code = -1;
    const std::string text = run_on_terminal({"check", sample(), "--out", (dir.path() / "out").string()}, &code);
    if (code == -2) STATIONPLAN_SKIP("no pseudo-terminal can be opened here (forkpty)");
    EXPECT_EQ(code, 1) << text;
    for (const char* part : {"\r\033[Kstationplan: load ...", "stationplan: load ... 50%", "stationplan: measure ...",
                             "stationplan: write ..."})
        EXPECT_NE(text.find(part), std::string::npos) << "missing '" << part << "'";
    // The summary follows a cleared line.
    EXPECT_NE(text.find("\r\033[Kscenario jinshui-baseline"), std::string::npos);
}

TEST(Progress, QuietTerminalShowsNothing) {
    ScratchDir dir("progress-quiet-tty");
    int code = -1;
    const std::string text = run_on_terminal({"check", sample(), "-q", "--out", (dir.path() / "out").string()}, &code);
    if (code == -2) STATIONPLAN_SKIP("no pseudo-terminal can be opened here (forkpty)");
    EXPECT_EQ(code, 1);
    EXPECT_EQ(text, "");
}

TEST(Progress, NoProgressNoiseWhenStderrIsNotATerminal) {
    ScratchDir dir("progress-file");
    const std::vector<std::vector<std::string>> runs{
        {"check", sample()},
        {"suggest", small()},
        {"rebalance", small()},
        {"compare", small(), (test_data() / "compare" / "after.toml").string()},
    };
    int i = 0;
    for (const auto& args : runs) {
        auto full = args;
        full.insert(full.end(), {"--out", (dir.path() / std::to_string(i++)).string()});
        const RunResult r = run_stationplan(full);
        EXPECT_LE(r.exit_code, 1) << args[0] << r.err;
        EXPECT_EQ(r.err, "") << args[0];
        EXPECT_NE(r.out.find("outputs: "), std::string::npos) << args[0];
        EXPECT_EQ(r.out.find('\r'), std::string::npos) << args[0];
    }
}

TEST(Progress, QuietPrintsNothingOnEveryCommand) {
    ScratchDir dir("quiet");
    const std::vector<std::vector<std::string>> runs{
        {"check", small()},
        {"suggest", small()},
        {"rebalance", small()},
        {"compare", small(), (test_data() / "compare" / "after.toml").string()},
        {"optimize", "--model", "pmedian", "--orlib-pmed", (test_data() / "plan" / "tiny_pmed.txt").string()},
    };
    int i = 0;
    for (const auto& args : runs) {
        for (const char* flag : {"-q", "--quiet"}) {
            auto full = args;
            if (args[0] != "optimize") full.insert(full.end(), {"--out", (dir.path() / std::to_string(i++)).string()});
            // Before and after the command word.
            auto before = full;
            before.insert(before.begin(), flag);
            full.push_back(flag);
            for (const auto& run : {full, before}) {
                const RunResult r = run_stationplan(run);
                EXPECT_LE(r.exit_code, 1) << args[0] << " " << flag << ": " << r.err;
                EXPECT_EQ(r.out, "") << args[0] << " " << flag;
                EXPECT_EQ(r.err, "") << args[0] << " " << flag;
            }
        }
    }
    // Errors still show.
    const RunResult r = run_stationplan({"check", "-q", (dir.path() / "missing.toml").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("missing.toml"), std::string::npos) << r.err;
}

TEST(Progress, VerboseNamesStagesAndViolations) {
    ScratchDir dir("verbose");
    RunResult r = run_stationplan({"check", small(), "--verbose", "--out", (dir.path() / "a").string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "stationplan: load ...\nstationplan: measure ...\nstationplan: write ...\n");
    EXPECT_NE(r.out.find("      deputy d5: nearest counted station C1 is 1170.5 m away\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("      station C1: serves 6 deputies, outside 3..5\n"), std::string::npos) << r.out;
    // Without it, no violation lines.
    r = run_stationplan({"check", small(), "--out", (dir.path() / "b").string()});
    EXPECT_EQ(r.out.find("deputy d5:"), std::string::npos) << r.out;

    r = run_stationplan({"-v", "compare", small(), (test_data() / "compare" / "after.toml").string(), "--out",
                         (dir.path() / "c").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err,
              "stationplan: before: load ...\nstationplan: before: measure ...\nstationplan: before: write ...\n"
              "stationplan: after: load ...\nstationplan: after: measure ...\nstationplan: after: write ...\n"
              "stationplan: compare ...\nstationplan: write ...\n");
    EXPECT_NE(r.out.find("  merged C2 into C1\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  moved  SB SB站 by 300 m\n"), std::string::npos) << r.out;
}

TEST(Help, EveryCommandHasExamples) {
    for (const char* command : {"check", "suggest", "rebalance", "compare", "optimize"}) {
        const RunResult r = run_stationplan({command, "--help"});
        EXPECT_EQ(r.exit_code, 0) << command;
        EXPECT_EQ(r.err, "") << command;
        EXPECT_NE(r.out.find("Examples:\n  stationplan " + std::string(command)), std::string::npos) << command << ":\n" << r.out;
        EXPECT_NE(r.out.find("Exit status:"), std::string::npos) << command;
    }
    for (const char* command : {"check", "suggest", "rebalance", "compare"}) {
        const RunResult r = run_stationplan({command, "--help"});
        EXPECT_NE(r.out.find("--redact"), std::string::npos) << command;
        EXPECT_NE(r.out.find("--out"), std::string::npos) << command;
    }
    const RunResult top = run_stationplan({"--help"});
    EXPECT_NE(top.out.find("compare"), std::string::npos) << top.out;
}

TEST(Help, CompareNeedsTwoSides) {
    const RunResult r = run_stationplan({"compare", small()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("after"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace stationplan::test

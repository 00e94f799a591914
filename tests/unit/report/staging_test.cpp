// The output folder: failures to write it are OutputErrors naming the folder and
// the reason; signals remove the staging folder (in forked children, so that this
// test process keeps its own signal dispositions); leftovers of killed runs are
// found and removed by the next run.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "io/output_file.hpp"
#include "report/csv_writer.hpp"
#include "report/interrupt.hpp"
#include "report/staging_dir.hpp"
#include "stationplan/error.hpp"
#include "support/test_support.hpp"

namespace stationplan::report {
namespace {
namespace fs = std::filesystem;

// A PID that belonged to a process that has ended (a child, reaped).
pid_t dead_pid() {
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return pid;
}

// Runs `body` in a forked child; returns its wait status.
template <class Body>
int in_child(Body body) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        body();
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

// Field 22 of /proc/PID/stat.
std::string start_ticks(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(stat.substr(stat.rfind(')') + 1));
    std::string f;
    for (int n = 3; fields >> f; ++n)
        if (n == 22) return f;
    return "";
}

void make_leftover(const fs::path& folder, const std::string& owner) {
    fs::create_directories(folder);
    test::write_text(folder / "deputies.csv", "id,name\nd1,张三\n");
    if (!owner.empty()) test::write_text(folder / ".stationplan-staging", owner);
}

TEST(OutputFile, DiskFullIsAWriteErrorWithTheSystemsReason) {
    try {
        io::write_file("/dev/full", "text");
        FAIL() << "no error";
    } catch (const io::WriteError& e) {
        EXPECT_EQ(e.file(), "/dev/full");
        EXPECT_EQ(e.reason(), "No space left on device");
    }
    try {
        CsvWriter w("/dev/full", {"a", "b"});
        w.row({"1", "2"});
        w.close();
        FAIL() << "no error";
    } catch (const io::WriteError& e) {
        EXPECT_EQ(e.reason(), "No space left on device");
    }
    EXPECT_EQ(io::probe_writable("/proc"), ENOENT);
    test::ScratchDir dir("probe");
    EXPECT_EQ(io::probe_writable(dir.path()), 0);
    EXPECT_TRUE(test::list_dir(dir.path()).empty());
}

TEST(OutputTarget, UnderAFileOrInProcIsAnOutputError) {
    test::ScratchDir dir("target");
    test::write_text(dir.path() / "file.txt", "x");
    try {
        check_output_target(dir.path() / "file.txt" / "a" / "out", {});
        FAIL() << "no error";
    } catch (const OutputError& e) {
        EXPECT_EQ(std::string(e.what()), "cannot write the output folder " + (dir.path() / "file.txt/a/out").string() +
                                             ": " + (dir.path() / "file.txt").string() + " is a file, not a folder");
    }
    try {
        check_output_target("/proc/stationplan-out", {});
        FAIL() << "no error";
    } catch (const OutputError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "cannot write the output folder /proc/stationplan-out: cannot create a folder in /proc: No such file or "
                  "directory");
    }
    // A folder that can be made leaves nothing behind from the probe.
    check_output_target(dir.path() / "new" / "out", {});
    EXPECT_EQ(test::list_dir(dir.path()), std::vector<std::string>{"file.txt"});
}

TEST(StagingDir, AFileThatCannotBeWrittenNamesTheOutputFolder) {
    test::ScratchDir dir("stage");
    const fs::path target = dir.path() / "out";
    try {
        StagingDir s(target);
        s.write([](const fs::path& d) { throw io::WriteError(d / "maps" / "overview.png", "No space left on device"); });
        FAIL() << "no error";
    } catch (const OutputError& e) {
        EXPECT_EQ(e.folder(), target);
        EXPECT_EQ(std::string(e.what()),
                  "cannot write the output folder " + target.string() + ": maps/overview.png: No space left on device");
    }
    EXPECT_TRUE(test::list_dir(dir.path()).empty());  // the staging folder is gone
}

TEST(StagingDir, HoldsAnOwnerFileUntilItIsCommitted) {
    test::ScratchDir dir("stage");
    const fs::path target = dir.path() / "out";
    StagingDir s(target);
    EXPECT_EQ(s.path().filename().string(), fmt::format(".out.tmp-{}", ::getpid()));
    EXPECT_EQ(test::read_text(s.path() / ".stationplan-staging"), fmt::format("{} {}\n", ::getpid(), start_ticks(::getpid())));
    test::write_text(s.path() / "summary.json", "{}");
    s.commit();
    EXPECT_EQ(test::list_dir(target), std::vector<std::string>{"summary.json"});
}

TEST(StaleOutputs, ADeadRunsStagingFolderIsRemovedAndNamed) {
    test::ScratchDir dir("stale");
    const pid_t dead = dead_pid();
    const std::string name = fmt::format(".jinshui.tmp-{}", dead);
    make_leftover(dir.path() / name, fmt::format("{} 12345\n", dead));
    // Not ours: no owner file and not empty.
    const std::string foreign = fmt::format(".notes.tmp-{}", dead);
    make_leftover(dir.path() / foreign, "");
    // Empty: a run killed between making the folder and its owner file.
    const std::string empty = fmt::format(".x.tmp-{}", dead);
    fs::create_directories(dir.path() / empty);
    const auto said = remove_stale_outputs(dir.path() / "out");
    ASSERT_EQ(said.size(), 2u);
    EXPECT_EQ(said[0], fmt::format("removed {}, the unfinished output of an interrupted run (process {} has ended)",
                                   (dir.path() / name).string(), dead));
    EXPECT_EQ(said[1], fmt::format("removed {}, the unfinished output of an interrupted run (process {} has ended)",
                                   (dir.path() / empty).string(), dead));
    EXPECT_EQ(test::list_dir(dir.path()), std::vector<std::string>{foreign});
}

TEST(StaleOutputs, AReusedPidDoesNotProtectAStagingFolder) {
    test::ScratchDir dir("stale");
    const pid_t alive = ::getppid();  // runs, but did not make these folders
    const std::string reused = fmt::format(".a.tmp-{}", alive);
    make_leftover(dir.path() / reused, fmt::format("{} 1\n", alive));  // another start time
    const std::string running = fmt::format(".b.tmp-{}", alive);
    make_leftover(dir.path() / running, fmt::format("{} {}\n", alive, start_ticks(alive)));  // its own
    const std::string mine = fmt::format(".c.tmp-{}", ::getpid());
    make_leftover(dir.path() / mine, fmt::format("{} 1\n", ::getpid()));  // this process: never touched
    const auto said = remove_stale_outputs(dir.path() / "b");
    ASSERT_EQ(said.size(), 1u);
    EXPECT_EQ(said[0], fmt::format("removed {}, the unfinished output of an interrupted run (process {} has ended; the "
                                   "PID now belongs to another process)",
                                   (dir.path() / reused).string(), alive));
    EXPECT_EQ(test::list_dir(dir.path()), (std::vector<std::string>{running, mine}));
}

TEST(StaleOutputs, AnInterruptedCommitGetsItsEarlierOutputBack) {
    test::ScratchDir dir("stale");
    const pid_t dead = dead_pid();
    // Killed between moving the earlier output aside and moving the new one in.
    fs::create_directories(dir.path() / fmt::format(".a.old-{}", dead));
    test::write_text(dir.path() / fmt::format(".a.old-{}", dead) / "summary.json", "{\"earlier\": true}");
    make_leftover(dir.path() / fmt::format(".a.tmp-{}", dead), fmt::format("{} 7\n", dead));
    // Killed after the new output arrived, while removing the earlier one.
    fs::create_directories(dir.path() / "b");
    test::write_text(dir.path() / "b" / "summary.json", "{\"new\": true}");
    fs::create_directories(dir.path() / fmt::format(".b.old-{}", dead));
    test::write_text(dir.path() / fmt::format(".b.old-{}", dead) / "summary.json", "{}");
    const auto said = remove_stale_outputs(dir.path() / "a");
    ASSERT_EQ(said.size(), 3u);
    EXPECT_EQ(said[0], fmt::format("put back {} from {}: an interrupted run (process {} has ended) had moved this earlier "
                                   "output aside",
                                   (dir.path() / "a").string(), (dir.path() / fmt::format(".a.old-{}", dead)).string(), dead));
    EXPECT_EQ(said[2], fmt::format("removed {}, an earlier output an interrupted run had already replaced (process {} has "
                                   "ended)",
                                   (dir.path() / fmt::format(".b.old-{}", dead)).string(), dead));
    EXPECT_EQ(test::list_dir(dir.path()), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(test::read_text(dir.path() / "a" / "summary.json"), "{\"earlier\": true}");
    EXPECT_EQ(test::read_text(dir.path() / "b" / "summary.json"), "{\"new\": true}");
}

TEST(InterruptGuard, SigtermRemovesTheStagingFolderAndEndsWithTheSignal) {
    for (int sig : {SIGTERM, SIGINT, SIGHUP}) {
        test::ScratchDir dir("signal");
        const fs::path target = dir.path() / "out";
        const int status = in_child([&] {
            for (int s : {SIGTERM, SIGINT, SIGHUP}) ::signal(s, SIG_DFL);
            StagingDir staging(target);
            test::write_text(staging.path() / "deputies.csv", "id,name\nd1,张三\n");
            ::raise(sig);
            ::_exit(99);  // not reached
        });
        EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig) << "signal " << sig << ", status " << status;
        EXPECT_TRUE(test::list_dir(dir.path()).empty()) << "signal " << sig;
    }
}

TEST(InterruptGuard, AForkedChildLeavesItsParentsFolderAlone) {
    test::ScratchDir dir("signal");
    const fs::path target = dir.path() / "out";
    const int status = in_child([&] {
        for (int s : {SIGTERM, SIGINT, SIGHUP}) ::signal(s, SIG_DFL);
        StagingDir staging(target);
        // A child inheriting the handler (as CBC's solver process would) dies of the
        // signal and removes nothing.
        const int child = in_child([] { ::raise(SIGTERM); });
        if (!WIFSIGNALED(child) || WTERMSIG(child) != SIGTERM) ::_exit(10);
        if (!fs::exists(staging.path())) ::_exit(11);
        ::raise(SIGTERM);
    });
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << "status " << status;
    EXPECT_TRUE(test::list_dir(dir.path()).empty());
}

TEST(InterruptGuard, ASignalDuringTheCommitLeavesOneWholeOutput) {
    test::ScratchDir dir("signal");
    // The earlier output was moved aside, the new one not yet moved in: it comes back.
    const fs::path staging = dir.path() / ".a.tmp-1", target = dir.path() / "a", old = dir.path() / ".a.old-1";
    fs::create_directories(staging);
    fs::create_directories(old);
    test::write_text(old / "summary.json", "earlier");
    int status = in_child([&] {
        for (int s : {SIGTERM, SIGINT, SIGHUP}) ::signal(s, SIG_DFL);
        InterruptGuard guard(staging, target);
        guard.committing(target, old);
        ::raise(SIGTERM);
    });
    EXPECT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(test::list_dir(dir.path()), std::vector<std::string>{"a"});
    EXPECT_EQ(test::read_text(target / "summary.json"), "earlier");
    // The new output is in place, the earlier one not yet removed: it goes.
    fs::create_directories(old);
    status = in_child([&] {
        for (int s : {SIGTERM, SIGINT, SIGHUP}) ::signal(s, SIG_DFL);
        InterruptGuard guard(staging, target);
        guard.committing(target, old);
        ::raise(SIGTERM);
    });
    EXPECT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(test::list_dir(dir.path()), std::vector<std::string>{"a"});
}

TEST(InterruptGuard, RemoveTreeTakesNestedFoldersAndNoLinkTarget) {
    test::ScratchDir dir("tree");
    const fs::path keep = dir.path() / "keep";
    fs::create_directories(keep);
    test::write_text(keep / "precious.txt", "x");
    const fs::path tree = dir.path() / "tree";
    fs::create_directories(tree / "maps" / "deep");
    test::write_text(tree / "maps" / "deep" / "a.png", "png");
    test::write_text(tree / "summary.json", "{}");
    fs::create_directory_symlink(keep, tree / "link");
    EXPECT_TRUE(remove_tree(tree.c_str()));
    EXPECT_EQ(test::list_dir(dir.path()), std::vector<std::string>{"keep"});
    EXPECT_EQ(test::list_dir(keep), std::vector<std::string>{"precious.txt"});
}

}  // namespace
}  // namespace stationplan::report

// Outputs are written whole or not at all: files go into a temporary sibling of the
// output folder, `.NAME.tmp-PID`, which replaces the output folder only on
// commit(). Destroyed without commit(), it removes the temporary folder and leaves
// any earlier output untouched.
//
//   report::check_output_target(out, inputs);          // before reading anything
//   for (auto& line : report::remove_stale_outputs(out)) tell_user(line);
//   report::StagingDir staging(out);
//   staging.write([&](const fs::path& dir) { write_files(dir); });
//   staging.commit();
//
// Failures to create, write or move the folder are stationplan::OutputError
// ("cannot write the output folder X: <reason>"). SIGINT, SIGTERM and SIGHUP remove
// the staging folder before the process ends (report/interrupt.hpp). A run killed
// outright (SIGKILL, power loss) leaves it behind; the next run into the same parent
// folder removes it (remove_stale_outputs).
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "report/interrupt.hpp"

namespace stationplan::report {

// Refuses (UsageError) an output target that would lose data when replaced whole:
// an existing file, the current folder or one of its parents, a folder holding any
// of the inputs, or a non-empty folder that is not an earlier output (no `marker`
// file: summary.json for a check, compare.json for a comparison). Refuses
// (OutputError) a target that cannot be created: under a file, on a read-only
// disk, where this user may not write. Called before any input is read.
void check_output_target(const std::filesystem::path& target, const std::vector<std::filesystem::path>& inputs,
                         const char* marker = "summary.json");

// Removes what interrupted runs left beside `target` (in its parent folder, for any
// output name): staging folders `.NAME.tmp-PID` (those holding this program's owner
// file, or empty) and earlier outputs moved aside during a commit, `.NAME.old-PID`
// (holding summary.json or compare.json), whose process has ended or whose PID now
// belongs to a process started later. An earlier output whose folder NAME is
// missing is put back instead. Returns one line per folder, for the user.
std::vector<std::string> remove_stale_outputs(const std::filesystem::path& target);

class StagingDir {
public:
    explicit StagingDir(std::filesystem::path target);
    ~StagingDir();
    StagingDir(const StagingDir&) = delete;
    StagingDir& operator=(const StagingDir&) = delete;

    const std::filesystem::path& path() const { return m_staging; }
    // Runs write(path()); a file that cannot be written there (io::WriteError)
    // becomes an OutputError naming the output folder and the file.
    void write(const std::function<void(const std::filesystem::path&)>& write) const;
    void commit();

private:
    std::filesystem::path m_target;
    std::filesystem::path m_staging;
    bool m_committed = false;
    std::optional<InterruptGuard> m_guard;
};

}  // namespace stationplan::report

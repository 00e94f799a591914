// Outputs are written whole or not at all: files go into a temporary sibling of the
// output folder, which replaces the output folder only on commit(). Destroyed
// without commit(), it removes the temporary folder and leaves any earlier output
// untouched.
#pragma once

#include <filesystem>
#include <vector>

namespace stationplan::report {

// Refuses (UsageError) an output target that would lose data when replaced whole:
// an existing file, the current folder or one of its parents, a folder holding any
// of the inputs, or a non-empty folder that is not an earlier output (no `marker`
// file: summary.json for a check, compare.json for a comparison). Called before any
// input is read.
void check_output_target(const std::filesystem::path& target, const std::vector<std::filesystem::path>& inputs,
                         const char* marker = "summary.json");

class StagingDir {
public:
    explicit StagingDir(std::filesystem::path target);
    ~StagingDir();
    StagingDir(const StagingDir&) = delete;
    StagingDir& operator=(const StagingDir&) = delete;

    const std::filesystem::path& path() const { return m_staging; }
    void commit();

private:
    std::filesystem::path m_target;
    std::filesystem::path m_staging;
    bool m_committed = false;
};

}  // namespace stationplan::report

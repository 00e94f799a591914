// Outputs are written whole or not at all: files go into a temporary sibling of the
// output folder, which replaces the output folder only on commit(). Destroyed
// without commit(), it removes the temporary folder and leaves any earlier output
// untouched.
#pragma once

#include <filesystem>

namespace stationplan::report {

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

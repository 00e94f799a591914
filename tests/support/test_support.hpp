// Helpers shared by the test suites: run the real binary, read CSV outputs, make
// scratch folders.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace stationplan::test {

struct RunResult {
    int exit_code = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};

// Runs the stationplan binary with the given arguments (no shell quoting needed).
RunResult run_stationplan(const std::vector<std::string>& args);

// A CSV file read as rows of named cells (RFC 4180 quoting understood).
struct CsvTable {
    std::vector<std::string> header;
    std::vector<std::map<std::string, std::string>> rows;
    const std::map<std::string, std::string>& row_where(const std::string& column, const std::string& value) const;
};
CsvTable read_csv(const std::filesystem::path& file);

std::string read_text(const std::filesystem::path& file);
void write_text(const std::filesystem::path& file, const std::string& text);

// A fresh empty folder under the system temp dir, removed at destruction.
class ScratchDir {
public:
    explicit ScratchDir(const std::string& tag);
    ~ScratchDir();
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// Entries of a folder (names only), to assert that nothing was left behind.
std::vector<std::string> list_dir(const std::filesystem::path& dir);

std::filesystem::path source_dir();

// True where the suite may not skip: CI sets STATIONPLAN_NO_SKIP=1 (.ci/run), so a
// missing tool or input fails there, while a developer's machine skips with the
// reason. Use STATIONPLAN_SKIP(reason << ...) instead of GTEST_SKIP().
bool skips_forbidden();
std::filesystem::path test_data();

}  // namespace stationplan::test

#define STATIONPLAN_SKIP(reason)                                                    \
    do {                                                                            \
        if (::stationplan::test::skips_forbidden()) {                               \
            FAIL() << "skipped tests are not allowed here (STATIONPLAN_NO_SKIP): " << reason; \
        } else {                                                                    \
            GTEST_SKIP() << reason;                                                 \
        }                                                                           \
    } while (0)

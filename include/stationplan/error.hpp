// Errors that reach the user. One catch site in the CLI maps them to exit codes:
//   InputError, UsageError, OutputError -> 2 (bad input or usage, or an output folder
//   that cannot be written; nothing is written).
//
//   throw InputError({.file = path, .layer = "stations", .record = "feature 12",
//                     .field = "capacity_max"}, "expected an integer, got 'five'");
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace stationplan {

// Where a bad value sits. Empty parts are left out of the message.
struct InputLocation {
    std::string file;
    std::string layer;
    std::string record;  // "feature 12", "line 14", or a key path in a scenario file
    std::string field;
};

std::string describe(const InputLocation& where);

// Bad input data or scenario: names the file, layer, record and field.
class InputError : public std::runtime_error {
public:
    InputError(InputLocation where, const std::string& what);
    const InputLocation& where() const noexcept { return m_where; }
    const std::string& reason() const noexcept { return m_reason; }

private:
    InputLocation m_where;
    std::string m_reason;
};

// Bad command line (unknown option value, out-of-range radius, ...).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The output folder cannot be created, written or moved into place: it lies under a
// file, on a read-only or full disk, or where the user may not write. what():
// "cannot write the output folder <folder>: <reason>". Nothing is left behind.
class OutputError : public std::runtime_error {
public:
    OutputError(const std::filesystem::path& folder, const std::string& reason);
    const std::filesystem::path& folder() const noexcept { return m_folder; }
    const std::string& reason() const noexcept { return m_reason; }

private:
    std::filesystem::path m_folder;
    std::string m_reason;
};

}  // namespace stationplan

// Writing output files: a failure names the file and the system's reason (errno, or
// GDAL's message), so that the caller can tell the user which output folder cannot
// be written and why (disk full, read-only, not allowed).
//
//   io::write_file(dir / "summary.json", text);   // throws io::WriteError
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace stationplan::io {

// An output file could not be created, written or closed. Not an InputError: the
// input was fine, the place it goes to is not. report::StagingDir::write() turns it
// into a stationplan::OutputError naming the output folder.
class WriteError : public std::runtime_error {
public:
    WriteError(std::filesystem::path file, std::string reason);
    const std::filesystem::path& file() const noexcept { return m_file; }
    const std::string& reason() const noexcept { return m_reason; }

private:
    std::filesystem::path m_file;
    std::string m_reason;
};

// A WriteError for `file` with errno's text ("No space left on device").
[[noreturn]] void throw_write_error(const std::filesystem::path& file, int errnum);

// Creates (or truncates) `file` and writes `text` to it whole, checking every
// write and the close.
void write_file(const std::filesystem::path& file, std::string_view text);

// Tries to create and write a small file in `dir` (and removes it): 0 when that
// works, else the errno of the failure. For writers that run another program
// (Chromium) and get no reason back.
int probe_writable(const std::filesystem::path& dir);

// The reason to give for a file a library failed to write (GDAL: "libpng: Write
// Error"): the system's reason first when the file's folder takes no file now
// ("No space left on device (libpng: Write Error)"), else the library's words.
std::string write_failure_reason(const std::filesystem::path& file, const std::string& detail);

}  // namespace stationplan::io

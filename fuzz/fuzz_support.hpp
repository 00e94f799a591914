// Shared pieces of the fuzz harnesses (fuzz/*_fuzz.cpp).
//
// Each harness defines LLVMFuzzerTestOneInput. Built with clang and
// -fsanitize=fuzzer it is a libFuzzer binary (scripts/fuzz.sh); built with the
// normal compiler and fuzz/replay_main.cpp it replays the seed corpus and the
// regression inputs as a test (ctest -L fuzz).
//
// The readers' documented errors (stationplan::InputError, UsageError) are the
// expected answer to bad input; every other exception escapes the harness and
// aborts: a finding, as are crashes, sanitizer reports and hangs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "stationplan/error.hpp"

namespace stationplan::fuzz {

// Runs f(); the project's documented input and usage errors are fine.
template <class F>
void expect_input_errors(F&& f) {
    try {
        f();
    } catch (const InputError&) {
    } catch (const UsageError&) {
    }
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// A file of this process under /dev/shm (or the temporary folder) holding the
// bytes; overwritten by the next call with the same name.
std::filesystem::path write_temp_file(std::string_view bytes, const std::string& name);

// The bytes as a GDAL in-memory file (/vsimem/...); removed by the destructor.
class MemFile {
public:
    MemFile(std::string path, std::string_view bytes);
    ~MemFile();
    MemFile(const MemFile&) = delete;
    MemFile& operator=(const MemFile&) = delete;
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

}  // namespace stationplan::fuzz

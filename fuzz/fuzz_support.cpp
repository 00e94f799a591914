#include "fuzz_support.hpp"

#include <cpl_vsi.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <system_error>

namespace stationplan::fuzz {

namespace {

// This process's folder of input files, removed at exit.
class TempDir {
public:
    TempDir() {
        std::error_code ec;
        m_path = std::filesystem::is_directory("/dev/shm", ec) ? std::filesystem::path("/dev/shm")
                                                               : std::filesystem::temp_directory_path();
        m_path /= "stationplan-fuzz-" + std::to_string(::getpid());
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

}  // namespace

std::filesystem::path write_temp_file(std::string_view bytes, const std::string& name) {
    static const TempDir dir;
    const std::filesystem::path path = dir.path() / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
    return path;
}

MemFile::MemFile(std::string path, std::string_view bytes) : m_path(std::move(path)) {
    // GDAL owns (and frees) the copy.
    auto* copy = static_cast<GByte*>(VSIMalloc(bytes.empty() ? 1 : bytes.size()));
    if (!copy) throw std::bad_alloc();
    if (!bytes.empty()) std::copy(bytes.begin(), bytes.end(), copy);
    VSILFILE* f = VSIFileFromMemBuffer(m_path.c_str(), copy, bytes.size(), TRUE);
    if (!f) {
        VSIFree(copy);
        throw std::runtime_error("cannot create " + m_path);
    }
    VSIFCloseL(f);
}

MemFile::~MemFile() { VSIUnlink(m_path.c_str()); }

}  // namespace stationplan::fuzz

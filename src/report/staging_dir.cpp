#include "report/staging_dir.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

namespace stationplan::report {
namespace fs = std::filesystem;
namespace {

// A hidden sibling such as ".jinshui.tmp-1234" (fmt: GCC 12 warns falsely on the
// equivalent string concatenation).
std::string sibling_name(const fs::path& target, const char* tag) {
    return fmt::format(".{}{}{}", target.filename().string(), tag, ::getpid());
}

}  // namespace

StagingDir::StagingDir(fs::path target) : m_target(std::move(target)) {
    if (m_target.filename().empty()) m_target = m_target.parent_path();
    const fs::path parent = m_target.has_parent_path() ? m_target.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) throw std::runtime_error("cannot create " + parent.string() + ": " + ec.message());
    m_staging = parent / sibling_name(m_target, ".tmp-");
    fs::remove_all(m_staging, ec);
    if (!fs::create_directory(m_staging, ec) || ec)
        throw std::runtime_error("cannot create " + m_staging.string() + ": " + ec.message());
}

StagingDir::~StagingDir() {
    if (m_committed) return;
    std::error_code ec;
    fs::remove_all(m_staging, ec);
}

void StagingDir::commit() {
    std::error_code ec;
    fs::path old;
    if (fs::exists(m_target, ec)) {
        // Rename the old output aside first: rename() cannot replace a non-empty folder.
        old = m_target.parent_path() / sibling_name(m_target, ".old-");
        fs::remove_all(old, ec);
        fs::rename(m_target, old, ec);
        if (ec) throw std::runtime_error("cannot replace " + m_target.string() + ": " + ec.message());
    }
    fs::rename(m_staging, m_target, ec);
    if (ec) {
        if (!old.empty()) fs::rename(old, m_target, ec);
        throw std::runtime_error("cannot move outputs into " + m_target.string() + ": " + ec.message());
    }
    m_committed = true;
    if (!old.empty()) fs::remove_all(old, ec);
}

}  // namespace stationplan::report

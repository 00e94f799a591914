#include "report/staging_dir.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <stdexcept>

#include "stationplan/error.hpp"
#include <string>

namespace stationplan::report {
namespace fs = std::filesystem;
namespace {

// A hidden sibling such as ".jinshui.tmp-1234" (fmt: GCC 12 warns falsely on the
// equivalent string concatenation).
std::string sibling_name(const fs::path& target, const char* tag) {
    return fmt::format(".{}{}{}", target.filename().string(), tag, ::getpid());
}

// True when `inner` is `outer` or lies below it (both made absolute, symlinks resolved
// where they exist).
bool is_within(const fs::path& inner, const fs::path& outer) {
    const fs::path a = fs::weakly_canonical(inner);
    const fs::path b = fs::weakly_canonical(outer);
    auto ai = a.begin();
    for (auto bi = b.begin(); bi != b.end(); ++bi, ++ai) {
        if (bi->empty()) continue;  // trailing separator
        if (ai == a.end() || *ai != *bi) return false;
    }
    return true;
}

}  // namespace

void check_output_target(const fs::path& target, const std::vector<fs::path>& inputs, const char* marker) {
    std::error_code ec;
    const std::string shown = target.string();
    if (fs::exists(target, ec) && !fs::is_directory(target, ec))
        throw UsageError("--out " + shown + " is an existing file, not a folder; choose another output folder");
    if (is_within(fs::current_path(), target))
        throw UsageError("--out " + shown + " is the current folder or one of its parents; choose a folder of its own");
    for (const auto& input : inputs)
        if (!input.empty() && input.string().rfind("PG:", 0) != 0 && is_within(input, target))
            throw UsageError("--out " + shown + " holds the input " + input.string() +
                             "; outputs replace their folder whole, so choose another output folder");
    if (fs::is_directory(target, ec) && !fs::is_empty(target, ec) && !fs::exists(target / marker, ec))
        throw UsageError("--out " + shown + " is a folder with other files in it (no " + marker +
                         " of an earlier run); refusing to replace it");
}

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

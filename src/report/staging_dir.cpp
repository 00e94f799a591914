#include "report/staging_dir.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "io/output_file.hpp"
#include "stationplan/error.hpp"

namespace stationplan::report {
namespace fs = std::filesystem;
namespace {

// Inside a staging folder while it is written: "PID START" (START: the process's
// start time in clock ticks after boot, /proc/PID/stat field 22), so that a later
// run can tell the folder's owner from a process that got the same PID later. It
// is removed from the output folder right after the commit.
constexpr const char* kOwnerFile = ".stationplan-staging";

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

fs::path without_trailing_separator(fs::path p) {
    if (p.filename().empty() && p.has_parent_path()) p = p.parent_path();
    return p;
}

fs::path parent_of(const fs::path& target) { return target.has_parent_path() ? target.parent_path() : fs::path("."); }

// The output folder, or the folders leading to it, will be made in the nearest
// folder on its path that exists: make (and remove) an empty folder there, as the
// staging folder will be made. Refuses a path under a file, a read-only disk, a
// folder this user may not write.
void probe_creatable(const fs::path& target) {
    std::error_code ec;
    fs::path at = fs::absolute(target, ec).lexically_normal();
    if (ec) throw OutputError(target, ec.message());
    at = without_trailing_separator(at).parent_path();
    while (at.has_relative_path() && !fs::exists(at, ec)) at = at.parent_path();
    if (!fs::is_directory(at, ec)) throw OutputError(target, at.string() + " is a file, not a folder");
    const fs::path probe = at / sibling_name(without_trailing_separator(target), ".tmp-");
    if (::mkdir(probe.c_str(), 0700) != 0) {
        if (errno == EEXIST) return;
        throw OutputError(target, "cannot create a folder in " + at.string() + ": " + std::strerror(errno));
    }
    ::rmdir(probe.c_str());
}

std::string read_small(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Field 22 of /proc/PID/stat: when the process started, in clock ticks after boot.
std::optional<unsigned long long> start_ticks(pid_t pid) {
    const std::string stat = read_small(fs::path("/proc") / std::to_string(pid) / "stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos) return std::nullopt;
    std::istringstream fields(stat.substr(close + 1));
    std::string field;
    for (int n = 3; fields >> field; ++n)
        if (n == 22) {
            unsigned long long v = 0;
            const auto [p, e] = std::from_chars(field.data(), field.data() + field.size(), v);
            if (e != std::errc{} || p != field.data() + field.size()) return std::nullopt;
            return v;
        }
    return std::nullopt;
}

// The process's start time in seconds since the epoch (boot time + start ticks).
std::optional<double> start_time(pid_t pid) {
    const auto ticks = start_ticks(pid);
    if (!ticks) return std::nullopt;
    std::istringstream stat(read_small("/proc/stat"));
    std::string key;
    long long boot = -1;
    while (stat >> key)
        if (key == "btime") stat >> boot;
    const long hz = ::sysconf(_SC_CLK_TCK);
    if (boot < 0 || hz <= 0) return std::nullopt;
    return static_cast<double>(boot) + static_cast<double>(*ticks) / static_cast<double>(hz);
}

// Last change of a folder (the later of mtime and ctime: a rename sets ctime), in
// seconds since the epoch.
std::optional<double> changed_time(const fs::path& p) {
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0) return std::nullopt;
    const auto secs = [](const timespec& t) { return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec); };
    return std::max(secs(st.st_mtim), secs(st.st_ctim));
}

// Why the run that made a folder is over, or nothing while it may still run.
// `token`: the start ticks its owner file records, when it has one.
std::optional<std::string> ended(pid_t pid, std::optional<unsigned long long> token, const fs::path& folder) {
    if (pid <= 0) return std::nullopt;
    if (::kill(pid, 0) != 0 && errno == ESRCH) return fmt::format("process {} has ended", pid);
    if (token) {
        const auto now = start_ticks(pid);
        if (now && *now != *token) return fmt::format("process {} has ended; the PID now belongs to another process", pid);
        return std::nullopt;
    }
    // No token: a process started after the folder last changed cannot have made
    // it. Boot time has whole seconds: a margin of two.
    const auto started = start_time(pid), changed = changed_time(folder);
    if (started && changed && *started > *changed + 2.0)
        return fmt::format("process {} has ended; the PID now belongs to a process started later", pid);
    return std::nullopt;
}

struct Leftover {
    std::string name;  // NAME of .NAME.tmp-PID
    bool staging = false;
    pid_t pid = 0;
};

// ".NAME.tmp-PID" or ".NAME.old-PID".
std::optional<Leftover> parse_leftover(const std::string& entry) {
    if (entry.size() < 8 || entry[0] != '.') return std::nullopt;
    const auto dash = entry.rfind('-');
    if (dash == std::string::npos || dash < 5 || dash + 1 == entry.size()) return std::nullopt;
    const std::string tag = entry.substr(dash - 4, 4);
    if (tag != ".tmp" && tag != ".old") return std::nullopt;
    long long pid = 0;
    const char* first = entry.data() + dash + 1;
    const char* last = entry.data() + entry.size();
    const auto [p, e] = std::from_chars(first, last, pid);
    if (e != std::errc{} || p != last || pid <= 0 || pid > 0x3fffffff) return std::nullopt;
    Leftover l;
    l.name = entry.substr(1, dash - 5);
    if (l.name.empty()) return std::nullopt;
    l.staging = tag == ".tmp";
    l.pid = static_cast<pid_t>(pid);
    return l;
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
    probe_creatable(target);
}

std::vector<std::string> remove_stale_outputs(const fs::path& target_in) {
    const fs::path target = without_trailing_separator(target_in);
    const fs::path parent = parent_of(target);
    std::vector<std::string> said;
    std::error_code ec;
    fs::directory_iterator it(parent, ec), end;
    if (ec) return said;
    std::vector<fs::path> entries;
    for (; it != end; it.increment(ec)) {
        if (ec) break;
        entries.push_back(it->path());
    }
    std::sort(entries.begin(), entries.end());
    for (const fs::path& folder : entries) {
        const auto l = parse_leftover(folder.filename().string());
        if (!l || l->pid == ::getpid()) continue;
        if (!fs::is_directory(fs::symlink_status(folder, ec))) continue;
        std::optional<unsigned long long> token;
        if (l->staging) {
            // Ours only when it holds our owner file, or nothing at all.
            const std::string owner = read_small(folder / kOwnerFile);
            if (!owner.empty()) {
                std::istringstream in(owner);
                long long pid = 0;
                unsigned long long ticks = 0;
                if (!(in >> pid >> ticks) || pid != l->pid) continue;
                if (ticks > 0) token = ticks;  // 0: the owner could not read its own start
            } else if (!fs::is_empty(folder, ec) || ec) {
                continue;
            }
        } else if (!fs::exists(folder / "summary.json", ec) && !fs::exists(folder / "compare.json", ec)) {
            continue;
        }
        const auto why = ended(l->pid, token, folder);
        if (!why) continue;
        const fs::path shown = parent_of(target_in) / folder.filename();
        const fs::path output = parent_of(target_in) / l->name;
        if (!l->staging && !fs::exists(fs::symlink_status(parent / l->name, ec))) {
            fs::rename(folder, parent / l->name, ec);
            said.push_back(ec ? fmt::format("cannot put back {} from {}, the earlier output an interrupted run ({}) had "
                                            "moved aside: {}",
                                            output.string(), shown.string(), *why, ec.message())
                              : fmt::format("put back {} from {}: an interrupted run ({}) had moved this earlier output "
                                            "aside",
                                            output.string(), shown.string(), *why));
            continue;
        }
        fs::remove_all(folder, ec);
        const char* what = l->staging ? "the unfinished output of an interrupted run"
                                      : "an earlier output an interrupted run had already replaced";
        said.push_back(ec ? fmt::format("cannot remove {}, {} ({}): {}", shown.string(), what, *why, ec.message())
                          : fmt::format("removed {}, {} ({})", shown.string(), what, *why));
    }
    return said;
}

StagingDir::StagingDir(fs::path target) : m_target(without_trailing_separator(std::move(target))) {
    const fs::path parent = parent_of(m_target);
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) throw OutputError(m_target, "cannot create " + parent.string() + ": " + ec.message());
    m_staging = parent / sibling_name(m_target, ".tmp-");
    // From here a signal removes the staging folder.
    m_guard.emplace(m_staging, m_target);
    fs::remove_all(m_staging, ec);
    if (!fs::create_directory(m_staging, ec) || ec)
        throw OutputError(m_target, "cannot create " + m_staging.string() + ": " + ec.message());
    try {
        const auto ticks = start_ticks(::getpid());
        io::write_file(m_staging / kOwnerFile, fmt::format("{} {}\n", ::getpid(), ticks ? *ticks : 0ULL));
    } catch (const io::WriteError& e) {
        fs::remove_all(m_staging, ec);
        throw OutputError(m_target, e.reason());
    }
}

StagingDir::~StagingDir() {
    if (m_committed) return;
    std::error_code ec;
    fs::remove_all(m_staging, ec);
}

void StagingDir::write(const std::function<void(const fs::path&)>& write) const {
    try {
        write(m_staging);
    } catch (const io::WriteError& e) {
        // Name the file as it will be in the output folder: "maps/overview.png".
        fs::path file = e.file().lexically_relative(m_staging);
        if (file.empty() || *file.begin() == "..") file = e.file();
        throw OutputError(m_target, file.string() + ": " + e.reason());
    }
}

void StagingDir::commit() {
    std::error_code ec;
    fs::path old;
    if (fs::exists(fs::symlink_status(m_target, ec))) old = parent_of(m_target) / sibling_name(m_target, ".old-");
    if (m_guard) m_guard->committing(m_target, old);
    if (!old.empty()) {
        // Rename the old output aside first: rename() cannot replace a non-empty folder.
        fs::remove_all(old, ec);
        fs::rename(m_target, old, ec);
        if (ec) throw OutputError(m_target, "cannot move the earlier output aside: " + ec.message());
    }
    fs::rename(m_staging, m_target, ec);
    if (ec) {
        std::error_code back;
        if (!old.empty()) fs::rename(old, m_target, back);
        throw OutputError(m_target, "cannot move the new outputs into place: " + ec.message());
    }
    m_committed = true;
    fs::remove(m_target / kOwnerFile, ec);
    if (!old.empty()) fs::remove_all(old, ec);
    if (m_guard) m_guard->release();
}

}  // namespace stationplan::report

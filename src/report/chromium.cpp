#include "report/chromium.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "io/output_file.hpp"
#include "report/interrupt.hpp"

extern char** environ;

namespace stationplan::report {
namespace {

// A temporary profile folder, removed on scope exit.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "stationplan-chromium-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder for Chromium");
        m_path = pattern;
        m_guard.emplace(m_path);
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
    std::optional<InterruptGuard> m_guard;  // removed on SIGINT/SIGTERM/SIGHUP too
};

std::string file_url(const std::filesystem::path& file) {
    const std::string p = std::filesystem::absolute(file).lexically_normal().string();
    std::string out = "file://";
    for (unsigned char c : p) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-' ||
            c == '_' || c == '.' || c == '~')
            out += static_cast<char>(c);
        else {
            static const char* hex = "0123456789ABCDEF";
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// Chromium writes the wall-clock time into the PDF's info dictionary; the same
// report should give the same file, so both dates become the epoch (same length,
// so the cross-reference offsets stay right).
void fix_pdf_dates(const std::filesystem::path& pdf) {
    std::ifstream in(pdf, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    for (const char* key : {"/CreationDate (D:", "/ModDate (D:"}) {
        const std::string k = key;
        for (std::size_t i = bytes.find(k); i != std::string::npos; i = bytes.find(k, i + 1)) {
            // D:YYYYMMDDHHmmSS+HH'mm' -> D:19700101000000+00'00'
            static const std::string epoch = "19700101000000";
            std::size_t digit = 0;
            for (std::size_t p = i + k.size(); p < bytes.size() && bytes[p] != ')'; ++p)
                if (bytes[p] >= '0' && bytes[p] <= '9') bytes[p] = digit < epoch.size() ? epoch[digit++] : '0';
        }
    }
    io::write_file(pdf, bytes);
}

}  // namespace

std::filesystem::path find_chromium(const std::filesystem::path& configured) {
    std::filesystem::path p = configured;
    if (p.empty()) {
        const char* env = std::getenv("STATIONPLAN_CHROMIUM");
        p = env && *env ? std::filesystem::path(env) : std::filesystem::path("/usr/bin/chromium");
    }
    if (access(p.c_str(), X_OK) != 0)
        throw std::runtime_error("no Chromium at " + p.string() +
                                 " for report.pdf: install it (scripts/install-deps.sh installs Debian's chromium), "
                                 "set STATIONPLAN_CHROMIUM, or pass --no-pdf");
    return p;
}

void print_to_pdf(const std::filesystem::path& chromium, const std::filesystem::path& html,
                  const std::filesystem::path& pdf, double timeout_s) {
    const TempDir profile;
    const std::vector<std::string> args{chromium.string(),
                                        "--headless",
                                        "--no-sandbox",
                                        "--disable-gpu",
                                        "--disable-quic",
                                        "--no-first-run",
                                        "--disable-background-networking",
                                        "--disable-component-update",
                                        "--disable-sync",
                                        "--disable-extensions",
                                        "--disable-dev-shm-usage",
                                        "--user-data-dir=" + profile.path().string(),
                                        "--virtual-time-budget=10000",
                                        "--run-all-compositor-stages-before-draw",
                                        "--no-pdf-header-footer",
                                        "--print-to-pdf=" + std::filesystem::absolute(pdf).string(),
                                        file_url(html)};
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Its own process group, so that a timeout ends Chromium's helper processes too.
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) throw std::runtime_error("cannot start " + chromium.string());
    const InterruptGuard kill_on_signal(pid);  // its process group

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
    int status = 0;
    for (;;) {
        const pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (done < 0) throw std::runtime_error("lost track of Chromium");
        if (std::chrono::steady_clock::now() > deadline) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            throw std::runtime_error("Chromium did not print " + html.string() + " within " +
                                     std::to_string(static_cast<int>(timeout_s)) + " s");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    // Helper processes of the group that outlived the browser.
    kill(-pid, SIGKILL);
    std::error_code ec;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !std::filesystem::exists(pdf, ec) ||
        std::filesystem::file_size(pdf, ec) == 0) {
        // Chromium says nothing of why; a folder that takes no file is the likely reason.
        if (const int e = io::probe_writable(pdf.parent_path().empty() ? "." : pdf.parent_path())) io::throw_write_error(pdf, e);
        throw std::runtime_error("Chromium could not print " + html.string() + " to PDF (status " +
                                 std::to_string(status) + ")");
    }
    fix_pdf_dates(pdf);
}

}  // namespace stationplan::report

#include "report/interrupt.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

namespace stationplan::report {
namespace {

// Slots for what the handler must undo. A slot is filled while its state is
// kFilling (the handler skips it) and published with a release store; the handler
// reads the state with acquire and then only the buffers that state covers.
enum SlotState : int { kFree = 0, kFilling, kRemove, kKill, kCommit };

constexpr int kSlots = 16;
constexpr std::size_t kPathMax = 4096;

struct Slot {
    std::atomic<int> state{kFree};
    pid_t owner = 0;      // the process that made the guard
    pid_t pgid = 0;       // kKill
    char path[kPathMax];  // kRemove, kCommit: the folder to remove (the staging folder)
    char label[kPathMax]; // kRemove, kCommit: the output folder named in the message ("" : none)
    char target[kPathMax];  // kCommit: the output folder the staging folder replaces
    char old[kPathMax];   // kCommit: where the earlier output was moved aside ("" : none)
};

Slot g_slots[kSlots];
// Set by the first handler to run; later signals (other threads) wait for it, and
// no slot is freed or filled any more.
std::atomic<int> g_handling{0};

bool copy_path(char* to, const std::string& from) {
    if (from.size() >= kPathMax) return false;
    std::memcpy(to, from.c_str(), from.size() + 1);
    return true;
}

// --- async-signal-safe helpers (used by the handler) ---

bool exists(const char* path) {
    struct stat st;
    return ::lstat(path, &st) == 0;
}

void say(const char* text) {
    std::size_t n = 0;
    while (text[n]) ++n;
    while (n > 0) {
        const ssize_t w = ::write(STDERR_FILENO, text, n);
        if (w <= 0) return;
        text += w;
        n -= static_cast<std::size_t>(w);
    }
}

const char* signal_name(int sig) {
    switch (sig) {
        case SIGINT: return "SIGINT";
        case SIGTERM: return "SIGTERM";
        case SIGHUP: return "SIGHUP";
    }
    return "a signal";
}

// The entry `name` in the folder `dirfd`, a file or a whole tree (symbolic links
// are removed, never followed). Other threads of the process may still be adding
// files while this runs, so a folder that is not empty at the end is gone over again.
bool remove_entry(int dirfd, const char* name, int depth) {
    if (::unlinkat(dirfd, name, 0) == 0 || errno == ENOENT) return true;
    if (errno != EISDIR && errno != EPERM) return false;
    if (depth > 32) return false;
    for (int pass = 0; pass < 200; ++pass) {
        const int fd = ::openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) return errno == ENOENT;
        alignas(struct dirent64) char buf[2048];
        for (;;) {
            const ssize_t n = ::getdents64(fd, buf, sizeof buf);
            if (n <= 0) break;
            for (ssize_t off = 0; off < n;) {
                const auto* e = reinterpret_cast<const struct dirent64*>(buf + off);
                off += e->d_reclen;
                const char* d = e->d_name;
                if (d[0] == '.' && (d[1] == 0 || (d[1] == '.' && d[2] == 0))) continue;
                remove_entry(fd, d, depth + 1);
            }
        }
        ::close(fd);
        if (::unlinkat(dirfd, name, AT_REMOVEDIR) == 0 || errno == ENOENT) return true;
        if (errno != ENOTEMPTY && errno != EEXIST) return false;
        const struct timespec pause_1ms{0, 1000000};
        ::nanosleep(&pause_1ms, nullptr);
    }
    return false;
}

void announce(int sig, const char* label, const char* what) {
    if (!label[0]) return;
    say("stationplan: stopped by ");
    say(signal_name(sig));
    say(": ");
    say(label);
    say(what);
}

void undo(Slot& s, int sig) {
    const int state = s.state.load(std::memory_order_acquire);
    if (state == kRemove) {
        remove_entry(AT_FDCWD, s.path, 0);
        announce(sig, s.label, " not written (its unfinished files were removed)\n");
    } else if (state == kCommit) {
        // The staging folder is still there: the new output never arrived. Put the
        // earlier one back if it was moved aside. Otherwise the new output is in
        // place and only the earlier one is left to remove.
        if (exists(s.path)) {
            remove_entry(AT_FDCWD, s.path, 0);
            if (s.old[0] && !exists(s.target) && exists(s.old)) ::rename(s.old, s.target);
            announce(sig, s.label, s.old[0] ? " not replaced (the earlier output is kept)\n"
                                            : " not written (its unfinished files were removed)\n");
        } else if (s.old[0]) {
            remove_entry(AT_FDCWD, s.old, 0);
        }
    }
}

// Ends the process the way the signal would have: the parent sees it.
[[noreturn]] void end_with(int sig) {
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    ::sigaction(sig, &dfl, nullptr);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    ::pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    ::raise(sig);
    ::_exit(128 + sig);
}

extern "C" void on_signal(int sig) {
    if (g_handling.exchange(1) != 0)
        for (;;) ::pause();  // another thread is cleaning up and ends the process
    const pid_t self = ::getpid();
    // Children first: Chromium may still be writing into the staging folder.
    for (auto& s : g_slots)
        if (s.owner == self && s.state.load(std::memory_order_acquire) == kKill) ::kill(-s.pgid, SIGKILL);
    for (auto& s : g_slots)
        if (s.owner == self) undo(s, sig);
    end_with(sig);
}

void install() {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&sa.sa_mask, sig);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction old {};
        if (::sigaction(sig, nullptr, &old) != 0) continue;
        // Ignored (nohup) stays ignored; a handler of the embedding program stays its own.
        if ((old.sa_flags & SA_SIGINFO) == 0 && old.sa_handler == SIG_DFL) ::sigaction(sig, &sa, nullptr);
    }
}

int claim() {
    // Every time: a forked child may have reset the dispositions, and one that is
    // still the default is ours to take.
    install();
    if (g_handling.load()) return -1;
    for (int i = 0; i < kSlots; ++i) {
        int expected = kFree;
        if (g_slots[i].state.compare_exchange_strong(expected, kFilling)) {
            g_slots[i].owner = ::getpid();
            return i;
        }
    }
    return -1;
}

std::string absolute_text(const std::filesystem::path& p) {
    std::error_code ec;
    const std::filesystem::path a = std::filesystem::absolute(p, ec);
    return (ec ? p : a).lexically_normal().string();
}

}  // namespace

InterruptGuard::InterruptGuard(const std::filesystem::path& folder, const std::filesystem::path& label) {
    const int slot = claim();
    if (slot < 0) return;
    Slot& s = g_slots[slot];
    s.old[0] = 0;
    if (!copy_path(s.path, absolute_text(folder)) || !copy_path(s.label, label.empty() ? std::string() : label.string())) {
        s.state.store(kFree, std::memory_order_release);
        return;
    }
    m_slot = slot;
    s.state.store(kRemove, std::memory_order_release);
}

InterruptGuard::InterruptGuard(pid_t pgid) {
    const int slot = claim();
    if (slot < 0) return;
    g_slots[slot].pgid = pgid;
    m_slot = slot;
    g_slots[slot].state.store(kKill, std::memory_order_release);
}

InterruptGuard::~InterruptGuard() { release(); }

void InterruptGuard::committing(const std::filesystem::path& target, const std::filesystem::path& old) {
    if (m_slot < 0) return;
    Slot& s = g_slots[m_slot];
    // The handler reads target and old only in kCommit; while they change it sees kRemove.
    if (!copy_path(s.target, absolute_text(target)) || !copy_path(s.old, old.empty() ? std::string() : absolute_text(old))) {
        s.old[0] = 0;
        return;
    }
    s.state.store(kCommit, std::memory_order_release);
}

void InterruptGuard::release() {
    if (m_slot < 0) return;
    // Once a handler runs, slots stay as they are until the process ends.
    if (!g_handling.load()) g_slots[m_slot].state.store(kFree, std::memory_order_release);
    m_slot = -1;
}

bool remove_tree(const char* path) { return remove_entry(AT_FDCWD, path, 0); }

}  // namespace stationplan::report

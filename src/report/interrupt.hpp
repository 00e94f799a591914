// What an interrupted run must not leave behind. While a guard lives, SIGINT,
// SIGTERM and SIGHUP (each unless the process ignores it, as under nohup) remove
// its folder, kill its child process group, and then end the process with the
// signal's default action, so the parent sees the signal (a shell: exit 128+signo).
//
//   report::InterruptGuard guard(staging_folder);   // removed if a signal comes now
//   ... write ...
//   guard.release();                                // or let it go out of scope
//
// The handler runs only async-signal-safe calls (openat, getdents64, unlinkat,
// rename, kill, write): the paths are copied into fixed buffers when a guard is
// made. A forked child (CBC in plan/mip.cpp) that inherits the handler removes
// nothing: every guard records the process that made it.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>

namespace stationplan::report {

class InterruptGuard {
public:
    // Removes `folder` on a signal; a non-empty `label` (the output folder as the
    // user named it) is named on stderr then.
    explicit InterruptGuard(const std::filesystem::path& folder, const std::filesystem::path& label = {});
    // Kills the process group `pgid` on a signal (a program this process started).
    explicit InterruptGuard(pid_t pgid);
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    // A staging folder about to replace `target`, with the earlier output renamed
    // aside to `old` first: from now on a signal leaves `target` whole, either the
    // earlier output (put back from `old`) or the new one (and `old` removed).
    void committing(const std::filesystem::path& target, const std::filesystem::path& old);
    // Nothing to do on a signal any more.
    void release();

private:
    int m_slot = -1;  // -1: nothing registered (no free slot or a path too long)
};

// Removes a folder tree without following symbolic links, with the same
// async-signal-safe code the handler uses. True when it is gone.
bool remove_tree(const char* path);

}  // namespace stationplan::report

#include "io/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace stationplan::io {
namespace {

// Writes all of `size` bytes; false with errno set on failure.
bool write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t w = ::write(fd, data, size);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            if (w == 0) errno = ENOSPC;
            return false;
        }
        data += w;
        size -= static_cast<std::size_t>(w);
    }
    return true;
}

}  // namespace

WriteError::WriteError(std::filesystem::path file, std::string reason)
    : std::runtime_error("cannot write " + file.string() + ": " + reason), m_file(std::move(file)), m_reason(std::move(reason)) {}

void throw_write_error(const std::filesystem::path& file, int errnum) { throw WriteError(file, std::strerror(errnum)); }

void write_file(const std::filesystem::path& file, std::string_view text) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) throw_write_error(file, errno);
    if (!write_all(fd, text.data(), text.size())) {
        const int e = errno;
        ::close(fd);
        throw_write_error(file, e);
    }
    if (::close(fd) != 0 && errno != EINTR) throw_write_error(file, errno);
}

int probe_writable(const std::filesystem::path& dir) {
    const std::filesystem::path file = dir / (".stationplan-probe-" + std::to_string(::getpid()));
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return errno;
    const std::vector<char> block(64 * 1024, 0);
    int e = write_all(fd, block.data(), block.size()) ? 0 : errno;
    if (::close(fd) != 0 && e == 0 && errno != EINTR) e = errno;
    ::unlink(file.c_str());
    return e;
}

std::string write_failure_reason(const std::filesystem::path& file, const std::string& detail) {
    const std::filesystem::path dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    const int e = probe_writable(dir);
    if (e == 0) return detail;
    return detail.empty() ? std::string(std::strerror(e)) : std::string(std::strerror(e)) + " (" + detail + ")";
}

}  // namespace stationplan::io

#include "core/capture/capture_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace vigil::capture {

CaptureFile::~CaptureFile()
{
    if (m_fd >= 0) ::close(m_fd);
}

CaptureFile::CaptureFile(CaptureFile &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_offset(other.m_offset), m_path(std::move(other.m_path))
{
}

CaptureFile &CaptureFile::operator=(CaptureFile &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_offset = other.m_offset;
        m_path = std::move(other.m_path);
    }
    return *this;
}

std::string CaptureFile::reason(int err)
{
    const std::string text = std::strerror(err);
    switch (err) {
    case ENOSPC:
        return "disk full: " + text;
    case EDQUOT:
        return "disk quota exceeded: " + text;
    case EFBIG:
        return "file too large: " + text;
    case EIO:
        return "I/O error: " + text;
    case EROFS:
        return "read-only file system: " + text;
    default:
        return text;
    }
}

Result<CaptureFile> CaptureFile::create(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        const int err = errno;
        if (err == EEXIST)
            return Error{"cannot create " + path + ": the file exists (captures are never overwritten)"};
        return Error{"cannot create " + path + ": " + reason(err)};
    }
    CaptureFile f;
    f.m_fd = fd;
    f.m_path = path;
    return f;
}

Result<void> CaptureFile::write(const char *data, std::size_t size)
{
    if (m_fd < 0) return Error{"write to a closed capture file"};
    const std::uint64_t start = m_offset;
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(m_fd, data + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : ENOSPC; // write() returning 0 for a regular file: no room
            // Cut the partial frame off so the file ends on a frame boundary.
            if (done > 0 && ::ftruncate(m_fd, static_cast<off_t>(start)) == 0)
                ::lseek(m_fd, static_cast<off_t>(start), SEEK_SET);
            else if (done > 0)
                m_offset = start + done;
            return Error{reason(err) + " at offset " + std::to_string(start + done)};
        }
        done += static_cast<std::size_t>(n);
    }
    m_offset = start + size;
    return {};
}

Result<void> CaptureFile::sync()
{
    if (m_fd < 0) return {};
    while (::fdatasync(m_fd) != 0) {
        if (errno == EINTR) continue;
        return Error{"sync failed: " + reason(errno) + " (" + m_path + ")"};
    }
    return {};
}

Result<void> CaptureFile::close()
{
    if (m_fd < 0) return {};
    const int fd = std::exchange(m_fd, -1);
    if (::close(fd) != 0 && errno != EINTR)
        return Error{"close failed: " + reason(errno) + " (" + m_path + ")"};
    return {};
}

} // namespace vigil::capture

#include "core/stream/fd_read_source.h"

#include "core/stream/mapped_file.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil {

namespace {

std::int64_t steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

FdReadSource::FdReadSource(std::string url, const StreamUrl &parsed, EventSink &sink,
                           StreamSourceOptions options)
    : StreamSourceBase(std::move(url), parsed, sink, options)
{
}

FdReadSource::~FdReadSource()
{
    stop();
}

void FdReadSource::start()
{
    if (m_thread.joinable() || stopRequested()) return;
    m_thread = std::thread([this] { run(); });
}

void FdReadSource::stop()
{
    m_stop.store(true, std::memory_order_release);
    m_poller.wake();
    if (m_thread.joinable()) m_thread.join();
}

void FdReadSource::run()
{
    const bool isStdin = m_parsed.kind == StreamKind::Stdin;
    const int fd = isStdin ? 0 : ::open(m_parsed.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        ended("cannot open " + m_parsed.path + ": " + std::strerror(errno), true);
        return;
    }
    LineFramer framer = makeFramer();
    std::int64_t flushDeadline = 0; // steady ms; 0 = no pending batch
    std::string endReason;
    bool atEnd = false;

    // A regular file is mapped (its size at open) and framed in place: no read() copies,
    // no copies into batch buffers. What it grows by afterwards is read() below. It is
    // mapped a window at a time: a window is unmapped as soon as no event points into it
    // any more (while the engine works), so the end of a run does not unmap a whole file.
    struct stat st
    {
    };
    if (!isStdin && m_options.mapFiles && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        const auto fileSize = static_cast<std::uint64_t>(st.st_size);
        // About one batch at a time, so stop() is seen between batches as with read().
        const std::size_t chunkBytes = std::max<std::size_t>(m_options.batchBytes, 64u << 10);
        const long page = ::sysconf(_SC_PAGESIZE);
        const std::size_t pageBytes = page > 0 ? static_cast<std::size_t>(page) : 4096;
        const std::size_t window = std::max(pageBytes, m_options.mapWindowBytes / pageBytes * pageBytes);
        std::uint64_t mapped = 0; // file bytes framed from mappings
        while (mapped < fileSize && !atEnd && !stopRequested()) {
            const std::size_t size = static_cast<std::size_t>(std::min<std::uint64_t>(window, fileSize - mapped));
            std::string error;
            const auto map = MappedFile::map(fd, mapped, size, error);
            if (!map)
                break; // read() the rest
            const std::shared_ptr<const void> backing = map;
            const char *data = map->data();
            std::size_t pos = 0;
            while (pos < size && !stopRequested()) {
                // Chunks end at a line end, so only a line across windows (or a last line
                // without '\n') is copied.
                std::size_t end = std::min(size, pos + chunkBytes);
                if (end < size) {
                    const void *nl = std::memchr(data + end - 1, '\n', size - end + 1);
                    end = nl ? static_cast<std::size_t>(static_cast<const char *>(nl) - data) + 1 : size;
                }
                if (!map->truncated())
                    framer.feedShared(backing, std::string_view(data + pos, end - pos), map->readable() - end, nowNs());
                if (map->truncated()) {
                    endReason = m_parsed.path + " was truncated while being read";
                    atEnd = true;
                    break;
                }
                pos = end;
            }
            mapped += pos;
        }
        if (!atEnd && mapped > 0 && ::lseek(fd, static_cast<off_t>(mapped), SEEK_SET) < 0) {
            endReason = std::string("seek failed: ") + std::strerror(errno);
            atEnd = true;
        }
    }
    std::vector<char> buf(std::max<std::size_t>(m_options.readChunkBytes, 4096));

    while (!atEnd && !stopRequested()) {
        int timeout = -1;
        if (framer.hasPendingBatch()) {
            const std::int64_t left = flushDeadline - steadyMs();
            if (left <= 0) {
                framer.flush();
                flushDeadline = 0;
                continue;
            }
            timeout = static_cast<int>(left);
        }
        const auto w = m_poller.wait(fd, timeout);
        if (w == WakeablePoller::Wait::Woken) break;
        if (w == WakeablePoller::Wait::Timeout) continue;
        if (w == WakeablePoller::Wait::Error) {
            endReason = std::string("poll failed: ") + std::strerror(errno);
            atEnd = true;
            break;
        }
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            endReason = std::string("read failed: ") + std::strerror(errno);
            atEnd = true;
            break;
        }
        if (n == 0) {
            framer.completePartialLine(nowNs());
            endReason = "end of input";
            atEnd = true;
            break;
        }
        framer.feed(std::string_view(buf.data(), static_cast<std::size_t>(n)), nowNs());
        if (!framer.hasPendingBatch())
            flushDeadline = 0;
        else if (flushDeadline == 0)
            flushDeadline = steadyMs() + m_options.flushIntervalMs;
    }
    // Stopped: complete lines still go out; a partial line is dropped without a report.
    framer.flush();
    if (!isStdin) ::close(fd);
    if (atEnd)
        ended(endReason, true);
    else
        ended("stopped", false);
}

} // namespace vigil

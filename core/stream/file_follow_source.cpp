#include "core/stream/file_follow_source.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil {

FileFollowSource::FileFollowSource(std::string url, const StreamUrl &parsed, EventSink &sink,
                                   StreamSourceOptions options)
    : StreamSourceBase(std::move(url), parsed, sink, options)
{
}

FileFollowSource::~FileFollowSource()
{
    stop();
}

void FileFollowSource::start()
{
    if (m_thread.joinable() || stopRequested()) return;
    m_thread = std::thread([this] { run(); });
}

void FileFollowSource::stop()
{
    m_stop.store(true, std::memory_order_release);
    m_poller.wake();
    if (m_thread.joinable()) m_thread.join();
}

void FileFollowSource::run()
{
    const std::string &path = m_parsed.path;
    LineFramer framer = makeFramer();
    std::vector<char> buf(std::max<std::size_t>(m_options.readChunkBytes, 4096));
    int fd = -1;
    dev_t dev = 0;
    ino_t ino = 0;
    std::uint64_t pos = 0;
    bool rotated = false;
    std::string lastState;
    const auto setState = [&](const std::string &state) {
        if (state != lastState) {
            notifyState(state);
            lastState = state;
        }
    };
    // Reads what the file holds now; false if a read failed (the file is reopened).
    const auto drain = [&]() -> bool {
        while (!stopRequested()) {
            const ssize_t n = ::read(fd, buf.data(), buf.size());
            if (n == 0) return true;
            if (n < 0) {
                if (errno == EINTR) continue;
                setState("read failed on " + path + ": " + std::strerror(errno));
                return false;
            }
            pos += static_cast<std::uint64_t>(n);
            framer.feed(std::string_view(buf.data(), static_cast<std::size_t>(n)), nowNs());
        }
        return true;
    };
    const auto closeFile = [&] {
        ::close(fd);
        fd = -1;
    };

    while (!stopRequested()) {
        if (fd < 0) {
            fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            struct stat st
            {
            };
            if (fd >= 0 && ::fstat(fd, &st) != 0) closeFile();
            if (fd < 0) {
                setState("waiting for " + path + ": " + std::strerror(errno));
                if (m_poller.wait(-1, m_options.filePollIntervalMs) == WakeablePoller::Wait::Woken) break;
                continue;
            }
            dev = st.st_dev;
            ino = st.st_ino;
            pos = 0;
            framer.restart();
            setState(rotated ? path + " rotated; following the new file" : "following " + path);
        }
        if (!drain()) {
            framer.flush();
            closeFile();
            continue;
        }
        framer.flush();

        struct stat cur
        {
        };
        if (::fstat(fd, &cur) == 0 && static_cast<std::uint64_t>(cur.st_size) < pos) {
            // copytruncate: the writer starts over; so do we (a partial line is dropped).
            ::lseek(fd, 0, SEEK_SET);
            pos = 0;
            framer.restart();
            setState(path + " truncated; reading from the start");
            continue;
        }
        struct stat named
        {
        };
        if (::stat(path.c_str(), &named) == 0 && (named.st_dev != dev || named.st_ino != ino)) {
            // Rotated: whatever the old file still holds comes first, then the new file.
            drain();
            framer.completePartialLine(nowNs());
            framer.flush();
            closeFile();
            rotated = true;
            continue;
        }
        if (m_poller.wait(-1, m_options.filePollIntervalMs) == WakeablePoller::Wait::Woken) break;
    }
    framer.flush();
    if (fd >= 0) ::close(fd);
    ended("stopped", false);
}

} // namespace vigil

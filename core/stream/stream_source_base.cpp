#include "core/stream/stream_source_base.h"

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace vigil {

StreamSourceBase::StreamSourceBase(std::string url, const StreamUrl &parsed, EventSink &sink,
                                   StreamSourceOptions options)
    : m_url(std::move(url)), m_parsed(parsed), m_sink(sink), m_options(options),
      m_id(sink.registerSource(SourceInfo{m_url, defaultLanePolicy(parsed.kind)}))
{
}

std::int64_t StreamSourceBase::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void StreamSourceBase::ended(const std::string &reason, bool finishedForGood)
{
    if (finishedForGood) m_finished.store(true, std::memory_order_release);
    if (!m_ended.exchange(true)) m_sink.sourceEnded(m_id, reason);
}

WakeablePoller::WakeablePoller()
{
    if (::pipe2(m_pipe, O_CLOEXEC | O_NONBLOCK) != 0) m_pipe[0] = m_pipe[1] = -1;
}

WakeablePoller::~WakeablePoller()
{
    for (int fd : m_pipe)
        if (fd >= 0) ::close(fd);
}

WakeablePoller::Wait WakeablePoller::wait(int fd, int timeoutMs)
{
    pollfd fds[2];
    int n = 0;
    fds[n++] = pollfd{m_pipe[0], POLLIN, 0};
    if (fd >= 0) fds[n++] = pollfd{fd, POLLIN, 0};
    for (;;) {
        const int r = ::poll(fds, static_cast<nfds_t>(n), timeoutMs);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return Wait::Error;
        if (r == 0) return Wait::Timeout;
        if (fds[0].revents) return Wait::Woken;
        // POLLHUP/POLLERR: let read() report EOF or the error.
        return Wait::Readable;
    }
}

void WakeablePoller::wake()
{
    if (m_pipe[1] >= 0) {
        const char c = 1;
        [[maybe_unused]] const auto r = ::write(m_pipe[1], &c, 1);
    }
}

std::string lowerFirst(std::string text)
{
    if (text.size() > 1 && std::isupper(static_cast<unsigned char>(text[0])) &&
        !std::isupper(static_cast<unsigned char>(text[1])))
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

std::string formatSeconds(double seconds)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", seconds);
    return buf;
}

std::string peerString(const QHostAddress &address, quint16 port)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    const QString host = isV4 ? QHostAddress(v4).toString() : address.toString();
    if (!isV4 && address.protocol() == QAbstractSocket::IPv6Protocol)
        return "[" + host.toStdString() + "]:" + std::to_string(port);
    return host.toStdString() + ":" + std::to_string(port);
}

std::optional<QHostAddress> bindAddress(const std::string &host)
{
    if (host.empty()) return QHostAddress(QHostAddress::Any);
    if (host == "localhost") return QHostAddress(QHostAddress::LocalHost);
    QHostAddress address;
    if (!address.setAddress(QString::fromStdString(host))) return std::nullopt;
    return address;
}

SocketSource::SocketSource(std::string url, const StreamUrl &parsed, EventSink &sink, StreamSourceOptions options,
                           const QString &threadName, bool waitForBind)
    : StreamSourceBase(std::move(url), parsed, sink, options), m_waitForBind(waitForBind)
{
    m_thread.setObjectName(threadName);
    m_thread.setup = [this] {
        const bool ok = beginWorker();
        m_bound.set_value();
        return ok;
    };
    m_thread.teardown = [this] { endWorker(); };
}

void SocketSource::start()
{
    if (m_started || stopRequested())
        return;
    m_started = true;
    m_thread.start();
    if (m_waitForBind)
        m_bound.get_future().wait();
}

void SocketSource::stop()
{
    m_stop.store(true, std::memory_order_release);
    if (!m_started)
        return;
    m_thread.quit();
    m_thread.wait();
}

} // namespace vigil

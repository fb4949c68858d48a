// StreamSourceBase: what every stream source shares — its URL, options, sink and source
// id, the finished flag, sink notifications that happen once (sourceEnded) — plus the
// two worker-thread shapes the sources use:
// - EventLoopThread: a QThread whose run() builds the socket objects (so they live on
//   that thread), runs the event loop, and tears them down on the same thread.
// - WakeablePoller: poll(2) on a descriptor that stop() can interrupt at once (a pipe),
//   for the blocking-read sources (files, stdin).
//
// Threads: the constructor, start(), stop() and the destructor run on the owning
// thread; notify*/ended() run on the worker thread. Internal to core/stream.
#pragma once

#include "core/stream/line_framer.h"
#include "core/stream/stream_source.h"
#include "core/stream/stream_url.h"

#include <QHostAddress>
#include <QThread>

#include <atomic>
#include <functional>
#include <future>
#include <optional>
#include <string>

namespace vigil {

class StreamSourceBase : public StreamSource
{
public:
    StreamSourceBase(std::string url, const StreamUrl &parsed, EventSink &sink, StreamSourceOptions options);

    std::string url() const override { return m_url; }
    std::uint32_t sourceId() const override { return m_id; }
    bool finished() const override { return m_finished.load(std::memory_order_acquire); }
    std::uint16_t localPort() const override { return m_localPort.load(std::memory_order_acquire); }

    static std::int64_t nowNs();

protected:
    LineFramer makeFramer() { return LineFramer(m_sink, m_id, m_options.maxLineBytes, m_options.batchBytes); }
    void notifyState(const std::string &state) { m_sink.sourceState(m_id, state); }
    // Calls sink.sourceEnded once; finishedForGood sets finished() (end of input, fatal error).
    void ended(const std::string &reason, bool finishedForGood);
    bool stopRequested() const { return m_stop.load(std::memory_order_acquire); }

    const std::string m_url;
    const StreamUrl m_parsed;
    EventSink &m_sink;
    const StreamSourceOptions m_options;
    const std::uint32_t m_id;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_finished{false};
    std::atomic<bool> m_ended{false};
    std::atomic<std::uint16_t> m_localPort{0};
};

class EventLoopThread : public QThread
{
public:
    // setup returns false to skip the event loop (e.g. bind failed).
    std::function<bool()> setup;
    std::function<void()> teardown;

protected:
    void run() override
    {
        if (!setup || setup()) exec();
        if (teardown) teardown();
    }
};

// A source whose sockets live on its own EventLoopThread: the shared start/stop and
// thread lifecycle of tcp://, tcp-listen:// and udp://. Derived classes create their
// worker in beginWorker() and destroy it in endWorker() (both on the source's thread),
// and call stop() in their destructor so the thread is gone before their members.
class SocketSource : public StreamSourceBase
{
public:
    // Starts the thread; with waitForBind, returns once beginWorker() has run (so
    // localPort() is known and a bind failure already shows in finished()).
    void start() override;
    void stop() override; // idempotent; joins the thread

protected:
    SocketSource(std::string url, const StreamUrl &parsed, EventSink &sink, StreamSourceOptions options,
                 const QString &threadName, bool waitForBind);
    // On the source's thread: false skips the event loop (e.g. bind failed).
    virtual bool beginWorker() = 0;
    // On the source's thread, after the event loop.
    virtual void endWorker() = 0;

private:
    EventLoopThread m_thread;
    std::promise<void> m_bound;
    bool m_started = false;
    const bool m_waitForBind;
};

class WakeablePoller
{
public:
    enum class Wait { Readable, Timeout, Woken, Error };

    WakeablePoller();
    ~WakeablePoller();
    WakeablePoller(const WakeablePoller &) = delete;
    WakeablePoller &operator=(const WakeablePoller &) = delete;

    bool ok() const { return m_pipe[0] >= 0; }
    // Waits until fd is readable (fd < 0: only sleeps), timeoutMs passed, or wake().
    Wait wait(int fd, int timeoutMs);
    void wake(); // any thread; stays signalled

private:
    int m_pipe[2] = {-1, -1};
};

// "connection refused" from "Connection refused": messages read as one sentence.
std::string lowerFirst(std::string text);
std::string formatSeconds(double seconds); // "2.0 s"
// "127.0.0.1:53412", "[::1]:7000" (IPv4-mapped IPv6 shown as IPv4).
std::string peerString(const QHostAddress &address, quint16 port);
// Address to bind for tcp-listen:// and udp://: empty = all interfaces, "localhost" =
// loopback, otherwise a literal IPv4/IPv6 address (nullopt if it is not one).
std::optional<QHostAddress> bindAddress(const std::string &host);

} // namespace vigil

// EventIngest: owns the app's one EventEngine and its stream sources (--listen URLs and
// the demo cluster's NDJSON stream), and is the EventFeed the Events and Engine views
// read. The engine is created with the first source (EngineOptions defaults, series
// published into the hub when one is given), so a run without event sources runs no
// engine threads. Sources push through a CaptureTapSink in front of the engine, so a
// recording started later (setCaptureWriter) gets every line from then on.
// stop() stops every source first, then the engine; the engine object stays readable
// afterwards (the views may still ask for a snapshot while the window closes).
//
// Offline (a capture replay): replaySink() is the engine itself (the replay registers
// its own "capture:" sources), and replaceEngine() — called by the replay's onRewind on
// the replay thread — swaps in a fresh engine and bumps epoch(); the old one is stopped
// and destroyed on the calling thread. Offline ingests get no hub (null): the capture
// already holds the recorded vigil_engine_* series, a second copy would collide.
//
// Threads: GUI thread for construct, addSource, setCaptureWriter, stop, destroy; the
// EventFeed calls from the GUI thread; replaySink()/replaceEngine() from the replay
// thread. The engine pointer is swapped under a mutex and readers hold a reference
// while they read, so a swap never pulls an engine out from under a reader.
#pragma once

#include "core/engine/event_types.h"
#include "models/event_feed.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace vigil {

class CaptureTapSink;
class EventEngine;
class EventSink;
class IngestHub;
class StreamSource;
namespace capture {
class CaptureWriter;
}

class EventIngest : public EventFeed
{
public:
    // hub may be null (no engine series published).
    explicit EventIngest(IngestHub *hub, EngineOptions options = {});
    ~EventIngest() override;

    EventIngest(const EventIngest &) = delete;
    EventIngest &operator=(const EventIngest &) = delete;

    // Creates and starts a source for `url` (tcp-listen://:7000, tcp://host:port,
    // udp://:port, file:PATH, PATH, -). Returns the error text, empty on success.
    QString addSource(const QString &url);
    // Sources stop (and join), then the engine stops. Idempotent.
    void stop();

    // Every line the sources deliver from now on also goes to `writer` (null: stop).
    void setCaptureWriter(std::shared_ptr<capture::CaptureWriter> writer);

    // Offline: the engine as the replay's event sink (created on first use).
    EventSink &replaySink();
    // Offline: a fresh engine (old one stopped and destroyed), epoch() bumps.
    EventSink &replaceEngine();

    bool hasEngine() const;
    QStringList sourceUrls() const;

    // EventFeed: empty until the first source was added.
    std::vector<EventRecord> recentSince(std::uint64_t afterSeq, std::size_t max) const override;
    EngineSnapshot snapshot() const override;
    std::uint64_t epoch() const override { return m_epoch.load(std::memory_order_acquire); }

private:
    std::shared_ptr<EventEngine> engine() const;
    std::shared_ptr<EventEngine> ensureEngine();

    IngestHub *m_hub;
    EngineOptions m_options;
    mutable std::mutex m_engineMutex; // guards m_engine (swap vs. readers)
    // Declared before the tap and sources: they hold references to the engine, so they
    // are destroyed first.
    std::shared_ptr<EventEngine> m_engine;
    std::unique_ptr<CaptureTapSink> m_tap;
    std::shared_ptr<capture::CaptureWriter> m_writer;
    std::vector<std::unique_ptr<StreamSource>> m_sources;
    std::atomic<std::uint64_t> m_epoch{0};
    bool m_stopped = false;
};

} // namespace vigil

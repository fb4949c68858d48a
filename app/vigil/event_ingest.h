// EventIngest: owns the app's one EventEngine and its stream sources (--listen URLs and
// the demo cluster's NDJSON stream), and is the EventFeed the Events and Engine views
// read. The engine is created with the first source (EngineOptions defaults, series
// published into the hub), so a run without event sources runs no engine threads.
// stop() stops every source first, then the engine; the engine object stays readable
// afterwards (the views may still ask for a snapshot while the window closes).
//
// Threads: GUI thread only (construct, addSource, stop, destroy, and the EventFeed calls).
#pragma once

#include "core/engine/event_types.h"
#include "models/event_feed.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace vigil {

class EventEngine;
class IngestHub;
class StreamSource;

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

    bool hasEngine() const { return m_engine != nullptr; }
    QStringList sourceUrls() const;

    // EventFeed: empty until the first source was added.
    std::vector<EventRecord> recentSince(std::uint64_t afterSeq, std::size_t max) const override;
    EngineSnapshot snapshot() const override;

private:
    IngestHub *m_hub;
    EngineOptions m_options;
    // Declared before the sources: the sources hold a reference to the engine as their
    // sink, so they are destroyed first.
    std::unique_ptr<EventEngine> m_engine;
    std::vector<std::unique_ptr<StreamSource>> m_sources;
    bool m_stopped = false;
};

} // namespace vigil

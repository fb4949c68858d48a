// EventEngine: parses NDJSON lines from stream sources on worker threads (simdjson),
// maps fields, deduplicates in a time window, queues events in four bounded priority
// lanes drained critical-first, records latency histograms, and keeps a ring of recent
// events for the GUI. Publishes its own state as vigil_engine_* series into the hub.
//
// Threads: push()/report*() from source threads (may block under the `block` policy);
// snapshot()/recentSince() from any thread, cheap, never waiting on a busy worker for
// long; start()/stop()/waitIdle() from the owning thread.
#pragma once

#include "core/engine/event_sink.h"
#include "core/engine/event_types.h"

#include <chrono>
#include <memory>
#include <vector>

namespace vigil {

class IngestHub;

class EventEngine : public EventSink
{
public:
    // hub may be null (no series published), e.g. in unit tests.
    explicit EventEngine(EngineOptions options, IngestHub *hub = nullptr);
    ~EventEngine() override;

    void start();
    // Stops accepting, processes what is in flight, joins the workers.
    void stop();
    // Blocks until everything pushed so far is processed, dropped or counted malformed.
    void waitIdle();

    // Blocks until every registered source has called sourceEnded(), or the timeout.
    // Returns true when all have ended (also when none is registered).
    bool waitSourcesEnded(std::chrono::milliseconds timeout);

    // Test hooks (any thread): the processing worker stops draining the lanes until
    // resumed, so tests can fill lanes and observe blocking and drop policies.
    void pauseProcessing();
    void resumeProcessing();
    // Publishes the vigil_engine_* series to the hub now (no-op without a hub). The
    // processing worker also does this about once per second while running.
    void publishNow();

    EngineSnapshot snapshot() const;
    // Up to `max` most recent events with seq > afterSeq, oldest first.
    std::vector<EventRecord> recentSince(std::uint64_t afterSeq, std::size_t max) const;
    const EngineOptions &options() const;

    // EventSink
    std::uint32_t registerSource(const SourceInfo &info) override;
    void push(LineBatch &&batch) override;
    void reportFramingError(FramingError &&error) override;
    void sourceEnded(std::uint32_t sourceId, const std::string &reason) override;
    void sourceState(std::uint32_t sourceId, const std::string &state) override;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace vigil

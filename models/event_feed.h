// EventFeed: what the Events and Engine views read from the event engine — the tail of
// recent events and the statistics snapshot. The app implements it over EventEngine
// (app/vigil/event_ingest.h); tests implement it with a fake. Keeping the models behind
// this interface lets them build and test without the engine's implementation.
//
// Threads: the models call it from the GUI thread only; implementations must make both
// calls cheap and must never block for long on a busy engine worker.
#pragma once

#include "core/engine/event_types.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vigil {

class EventFeed
{
public:
    virtual ~EventFeed() = default;
    // Up to `max` of the most recent events with seq > afterSeq, oldest first.
    virtual std::vector<EventRecord> recentSince(std::uint64_t afterSeq, std::size_t max) const = 0;
    virtual EngineSnapshot snapshot() const = 0;
    // Bumps when the engine behind the feed was replaced by a fresh one (a capture
    // replay rewinding): seq numbers and counts start over, so views that remember a
    // position (the Events tail) start over too.
    virtual std::uint64_t epoch() const { return 0; }
};

// "critical", "high", "medium", "low" (kept here so models need no engine symbols).
inline const char *priorityText(Priority p)
{
    switch (p) {
    case Priority::Critical: return "critical";
    case Priority::High: return "high";
    case Priority::Medium: return "medium";
    case Priority::Low: return "low";
    }
    return "?";
}

} // namespace vigil

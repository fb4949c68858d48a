// Plain types of the in-process event engine: priorities, field mapping, options,
// the statistics snapshot and the event records the GUI tails. Any thread.
#pragma once

#include "core/engine/event_sink.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace vigil {

enum class Priority : std::uint8_t { Critical = 0, High = 1, Medium = 2, Low = 3 };
inline constexpr int kLaneCount = 4;
const char *priorityName(Priority p); // "critical", "high", "medium", "low"

enum class TimeUnit : std::uint8_t { Auto, Nanoseconds, Microseconds, Milliseconds, Seconds, Rfc3339 };

// Which JSON field means what. Defaults match the simulator's stream.
struct FieldMapping
{
    std::string id = "id";
    std::string timestamp = "ts";
    std::string priority = "priority"; // "critical|high|medium|low" or 0..7 (0-1 critical, 2-3 high, 4-5 medium, 6-7 low)
    std::string queue = "queue";
    std::string latency = "latency_ns";
    std::string node = "node";
    std::string message = "message";
    std::string severity = "severity";
    TimeUnit timestampUnit = TimeUnit::Auto;   // Auto: RFC 3339 strings, numbers by magnitude
    TimeUnit latencyUnit = TimeUnit::Nanoseconds;
    std::string dedupKey;                      // empty: the id field
};

struct EngineOptions
{
    FieldMapping mapping;
    std::size_t laneCapacity = 65536;          // events per lane
    bool policyOverridden = false;             // true: `policy` applies to every source
    LanePolicy policy = LanePolicy::Block;
    double dedupWindowSeconds = 60;
    std::size_t dedupMaxKeys = 1u << 22;       // memory bound of the dedup set
    std::size_t maxLineBytes = 1u << 20;
    std::size_t recentEvents = 100'000;        // ring the GUI tails
    double latencyWindowSeconds = 60;          // sliding window for percentiles
    std::string instance = "vigil";            // label on the engine's own series
};

struct LatencySummary
{
    std::uint64_t count = 0;
    double p50 = 0, p90 = 0, p99 = 0, p999 = 0, max = 0; // nanoseconds
};

struct LaneStats
{
    std::uint64_t received = 0, processed = 0, dropped = 0;
    std::size_t depth = 0, capacity = 0;
    std::uint64_t deduplicated = 0;     // received = processed + deduplicated + dropped + in flight
};

struct SourceStats
{
    std::uint32_t id = 0;
    std::string url;
    std::string state;                  // "connected", "listening", "ended: EOF", ...
    bool ended = false;
    std::string endReason;              // as given to sourceEnded() ("end of input", "cannot open ...")
    std::uint64_t lines = 0, bytes = 0, malformed = 0, dropped = 0;
    double eventsPerSecond = 0;
    FramingError lastError;             // message empty when none
    std::array<std::uint64_t, 4> droppedByLane{}; // sums to `dropped`
    std::uint64_t processed = 0;        // events of this source processed (not deduplicated)
};

struct QueueLatency
{
    std::string queue;
    LatencySummary endToEnd, field, windowEndToEnd;
    std::uint64_t processed = 0;
};

// Counters obey, at every snapshot:
// received = processed + deduplicated + dropped + malformed + inFlight
struct EngineSnapshot
{
    std::int64_t takenNs = 0;
    std::uint64_t received = 0, processed = 0, deduplicated = 0, dropped = 0, malformed = 0, inFlight = 0;
    double eventsPerSecond = 0;         // processed, over the last second or so
    std::array<LaneStats, kLaneCount> lanes{};
    std::array<LatencySummary, kLaneCount> endToEndByPriority{}, fieldByPriority{};
    LatencySummary endToEnd, field, windowEndToEnd, windowField;
    std::vector<QueueLatency> queues;
    std::uint64_t dedupHits = 0, dedupMisses = 0;
    std::size_t dedupMemoryBytes = 0;
    std::vector<SourceStats> sources;
    std::size_t blockedProducers = 0;   // push() calls waiting for lane space (block policy)
    bool paused = false;                // processing paused (test hook)
};

// One processed event as the Events view shows it. Text fields are raw (untrusted).
struct EventRecord
{
    std::uint64_t seq = 0;              // engine-wide, increasing
    std::uint32_t sourceId = 0;
    Priority priority = Priority::Medium;
    std::int64_t timestampNs = 0;       // event time (0 if absent)
    std::int64_t arrivalNs = 0;
    std::int64_t latencyNs = -1;        // mapped latency field, -1 if absent
    std::string id, queue, node, message, severity;
    std::string json;                   // the original line, capped at 64 KiB
};

} // namespace vigil

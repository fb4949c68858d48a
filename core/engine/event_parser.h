// EventParser: turns one LineBatch of NDJSON into mapped events (simdjson On-Demand,
// one document per line over the batch buffer or mapped file, zero-copy) sorted into
// per-lane vectors, and counts malformed lines with the last error. Field helpers
// (timestamps, priority) are exposed for tests.
//
// Threads: an EventParser is immutable after construction and may be used from any
// number of threads at once (each thread parses with its own thread-local simdjson
// parser). ParsedEvent and EventBlock are moved between threads, never shared mutable;
// ranges of one block parsed at once write only their own arena.
#pragma once

#include "core/engine/event_types.h"
#include "core/stream/line_batch.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace vigil {

// The bytes of one LineBatch (owned, or a range of a mapped file kept alive by
// `backing`) plus unescaped copies of the few strings that had JSON escapes. Events point
// into it by offset; whoever holds events holds a reference to their block (the
// ParsedBatch, the engine's lanes and its recent-events ring), never one per event.
struct EventBlock
{
    // Ranges of one block may be parsed on several threads at once, each with its own
    // arena (TextSpan::store - 1).
    static constexpr unsigned kMaxRanges = 16;

    std::string bytes;
    std::array<std::string, kMaxRanges> arenas;
    // Mapped input: data()/size() are view/viewSize, `bytes` stays empty.
    std::shared_ptr<const void> backing;
    const char *view = nullptr;
    std::size_t viewSize = 0;
    std::size_t viewReadable = 0; // bytes readable from view (>= viewSize + kLinePadding)

    const char *data() const { return view ? view : bytes.data(); }
    std::size_t size() const { return view ? viewSize : bytes.size(); }
    // Bytes readable from data(): simdjson reads up to kLinePadding past size().
    std::size_t readable() const { return view ? viewReadable : bytes.capacity(); }
};

// 8 bytes: events are copied through the lanes, so their size counts. Text longer than
// kMaxLength (16 MiB - 1; lines are capped at EngineOptions::maxLineBytes, 1 MiB by
// default, by the sources) is cut to it.
struct TextSpan
{
    static constexpr std::uint32_t kMaxLength = (1u << 24) - 1;
    std::uint32_t offset = 0;
    std::uint32_t length : 24 = 0;
    std::uint32_t store : 8 = 0; // 0: bytes, k > 0: arenas[k - 1] (1: first range, 2: second, ...)
};

// Trivially copyable: moved through lanes and the ring by plain copies. `block` does not
// own: the container that holds the event holds the block (see EventBlock).
struct ParsedEvent
{
    const EventBlock *block = nullptr;
    TextSpan line, id, queue, node, message, severity;
    std::int64_t timestampNs = 0;   // 0: absent or unparseable
    std::int64_t arrivalNs = 0;
    std::int64_t latencyNs = -1;    // -1: absent
    std::uint64_t keyHash = 0;      // dedup key hash (valid when hasKey)
    // DedupWindow::hashKey of the queue text (0 when queue is empty): the processing
    // worker finds the queue's statistics by it without touching the block's bytes,
    // which the parsing thread left in another core's cache.
    std::uint64_t queueHash = 0;
    std::uint64_t seq = 0;          // assigned when processed
    std::uint32_t sourceId = 0;
    Priority priority = Priority::Medium;
    bool hasKey = false;

    std::string_view text(const TextSpan &s) const
    {
        if (!block || s.length == 0)
            return {};
        if (s.store == 0)
            return std::string_view(block->data() + s.offset, s.length);
        return std::string_view(block->arenas[s.store - 1u]).substr(s.offset, s.length);
    }
};

static_assert(std::is_trivially_copyable_v<ParsedEvent>);

struct ParsedBatch
{
    std::array<std::vector<ParsedEvent>, kLaneCount> lanes;
    // The blocks the events point into (one per parse() / parseRange() call that added
    // events, in order): the events are valid while the batch holds them.
    std::vector<std::shared_ptr<const EventBlock>> blocks;
    std::uint64_t lines = 0;       // non-blank lines seen (events + malformed)
    std::uint64_t malformed = 0;
    FramingError lastError;        // message empty when the batch had no malformed line
    void clear();
};

class EventParser
{
public:
    explicit EventParser(FieldMapping mapping);

    // Parses every line of `batch` (blank lines are ignored). Appends to `out`.
    void parse(LineBatch &&batch, ParsedBatch &out) const;

    // The same in ranges (chunks) that may be parsed on several threads at once (the
    // engine cuts large batches): adopt() takes the batch's bytes or mapped view (padding
    // ensured) and clears them; parseChunk() parses the lines in [begin, end) (line
    // boundaries of block->data()), numbering them from `firstLine`, unescaped strings
    // going to the block's arena `range` (< EventBlock::kMaxRanges; ranges parsed at once
    // need different arenas). Returns the number of the line after the range.
    // parseRange() is parseChunk() with arena 0, or 1 with `tail`.
    struct BatchInfo
    {
        std::uint32_t sourceId = 0;
        std::uint64_t firstOffset = 0; // stream offset of block->data()[0]
        std::int64_t arrivalNs = 0;
    };
    static std::shared_ptr<EventBlock> adopt(LineBatch &batch);
    std::uint64_t parseRange(const std::shared_ptr<EventBlock> &block, std::size_t begin, std::size_t end,
                             std::uint64_t firstLine, const BatchInfo &info, bool tail, ParsedBatch &out) const
    {
        return parseChunk(block, begin, end, firstLine, info, tail ? 1u : 0u, out);
    }
    std::uint64_t parseChunk(const std::shared_ptr<EventBlock> &block, std::size_t begin, std::size_t end,
                             std::uint64_t firstLine, const BatchInfo &info, unsigned range, ParsedBatch &out) const;

    const FieldMapping &mapping() const { return m_mapping; }

private:
    FieldMapping m_mapping;
    bool m_separateKey = false; // dedup key is a field other than id
};

// Helpers, exposed for tests and for the CLI's --map parsing.
// RFC 3339 / ISO 8601 date-time ("2024-05-01T12:00:00.123456789+02:00", 'Z', 't', ' ')
// to ns since the epoch.
std::optional<std::int64_t> parseRfc3339(std::string_view text);
// A numeric timestamp in `unit` (Auto: by magnitude, >=1e17 ns, >=1e14 us, >=1e11 ms,
// else s) to ns since the epoch.
std::int64_t timestampToNs(double value, TimeUnit unit);
std::int64_t integerTimestampToNs(std::int64_t value, TimeUnit unit);
// "critical|high|medium|low" (any case) or a number 0..7 (0-1 critical, 2-3 high,
// 4-5 medium, 6-7 low); anything else is not a priority (the event gets Medium).
std::optional<Priority> priorityFromName(std::string_view name);
std::optional<Priority> priorityFromNumber(std::int64_t n);
std::optional<TimeUnit> timeUnitFromName(std::string_view name); // ns|us|ms|s|rfc3339|auto
// Plain-text excerpt: at most 120 bytes, bytes outside printable ASCII become '.'.
std::string plainExcerpt(std::string_view raw);

} // namespace vigil

// LineBatch: what a stream source hands to the event engine — many complete
// newline-delimited lines in one buffer (never one hand-off per event).
// Built on a source's thread, moved to the engine, never shared mutable.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace vigil {

// simdjson reads up to this many bytes past the end of its input; every LineBatch
// buffer keeps at least this much slack after size() (capacity) for zero-copy parsing.
inline constexpr std::size_t kLinePadding = 64;

struct LineBatch
{
    std::uint32_t sourceId = 0;
    // Complete lines, each ending in '\n' (the framer adds one to a last line that
    // ended with end-of-stream). Capacity >= size() + kLinePadding.
    std::string bytes;
    // Or, from a mapped file (then `bytes` is empty): the lines are view[0, viewSize),
    // readable up to viewReadable (>= viewSize + kLinePadding), kept alive by `backing`.
    std::shared_ptr<const void> backing;
    const char *view = nullptr;
    std::size_t viewSize = 0;
    std::size_t viewReadable = 0;
    std::uint32_t lineCount = 0;
    std::uint64_t firstLine = 1;    // 1-based line number of the first line in its source
    std::uint64_t firstOffset = 0;  // byte offset of the first line in its source
    std::int64_t arrivalNs = 0;     // wall clock (ns since epoch) when the bytes were read

    bool mapped() const { return view != nullptr; }
    std::string_view text() const { return view ? std::string_view(view, viewSize) : std::string_view(bytes); }
    // Bytes readable from text().data() (simdjson reads past the end).
    std::size_t readable() const { return view ? viewReadable : bytes.capacity(); }
};

// Per-source framing problems found before JSON parsing (line too long, connection
// closed mid-line, ...). Reported with the batch that follows them or on their own.
struct FramingError
{
    std::uint32_t sourceId = 0;
    std::uint64_t line = 0;
    std::uint64_t offset = 0;
    std::string message;   // "line exceeds 1 MiB limit", "connection closed mid-line"
    std::string excerpt;   // first bytes of the offending line, raw (render as plain text)
};

} // namespace vigil

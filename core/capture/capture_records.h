// The records of a .vcap capture (docs/capture-format.md) as plain structs, with their
// encoders (append to a payload buffer) and a bounds-checked decoder. No I/O here.
//
// Threads: any; no shared state.
#pragma once

#include "core/common/labels.h"
#include "core/common/result.h"
#include "core/expo/expo_types.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::capture {

// Format limits (docs/capture-format.md, "Limits"): a reader rejects more.
inline constexpr std::uint32_t kMaxStoredPayload = 16u << 20;
inline constexpr std::uint32_t kMaxRawPayload = 64u << 20;
inline constexpr std::size_t kMaxEventLineBytes = 1u << 20;
inline constexpr std::size_t kMaxStringBytes = 64u << 10; // every string but event lines
inline constexpr std::size_t kMaxLabels = 256;
// Not a format limit: decodePayload() refuses a frame whose decoded records would take
// more memory than this (only a hostile frame of tiny records can get there).
inline constexpr std::size_t kMaxDecodedBytes = 512u << 20;

enum class FrameType : std::uint8_t {
    Series = 1,
    Samples = 2,
    Targets = 3,
    Events = 4,
    Cluster = 5,
    Alerts = 6,
    Notes = 7,
    Index = 8,
    Trailer = 9
};
const char *frameTypeName(FrameType type); // "series", "samples", ... ; "unknown"

struct SeriesDef
{
    std::uint32_t id = 0;
    expo::MetricType type = expo::MetricType::Untyped;
    std::string name;
    Labels labels; // sorted by key
};

struct SamplePoint
{
    std::int64_t timestampMs = 0;
    double value = 0; // bits kept exactly (stale-marker NaN survives)
};

struct SampleRun
{
    std::uint32_t seriesId = 0;
    std::vector<SamplePoint> points; // >= 1
};

struct ScrapeRecord
{
    std::int64_t timestampMs = 0;
    std::string targetUrl; // never with credentials
    std::string job, instance;
    double durationSeconds = 0;
    bool up = false;
    std::string error;
    std::uint64_t samples = 0, bodyBytes = 0;
    std::uint32_t consecutiveFailures = 0;
    double nextRetrySeconds = 0;
    expo::Format format = expo::Format::Prometheus;
    Labels targetLabels;
};

struct EventSourceDef
{
    std::uint32_t sourceId = 0;
    std::string url; // without credentials
};

struct EventLine
{
    std::uint32_t sourceId = 0;
    std::int64_t arrivalNs = 0;
    std::string line; // without its newline
};

struct JsonRecord // cluster states and (reserved) alert transitions
{
    std::int64_t timestampMs = 0;
    std::string json;
};

struct Note
{
    std::int64_t timestampMs = 0; // the moment the note is about
    std::int64_t writtenMs = 0;
    std::string author;
    std::string text; // plain text, <= 64 KiB
};

// One frame as listed by index and trailer frames. firstMs/lastMs are the earliest and
// latest record times in the frame (0/0 when it has none); the sizes, record count and
// flags repeat the frame header so a reader of the trailer need not read every header.
struct IndexEntry
{
    std::uint64_t offset = 0;
    std::uint64_t sequence = 0;
    FrameType type = FrameType::Samples;
    std::int64_t firstMs = 0, lastMs = 0;
    std::uint32_t storedBytes = 0, rawBytes = 0, records = 0;
    std::uint8_t flags = 0; // the frame header's flags (bit 0: zstd)
    bool operator==(const IndexEntry &) const = default;
};

// Encoders: append one record (kind, size, body) to `out`. `frameFirstMs` is the
// frame's first-record time (deltas are relative to it; see the format document).
// The caller keeps strings and label counts within the limits above (the writer checks
// before encoding); time deltas wrap, so any int64 times round-trip.
void encode(std::string &out, const SeriesDef &r);
void encode(std::string &out, const SampleRun &r, std::int64_t frameFirstMs);
void encode(std::string &out, const ScrapeRecord &r);
void encode(std::string &out, const EventSourceDef &r);
// Event lines: `previousArrivalNs` is the previous line's arrival in the same frame, or
// frameFirstMs * 1'000'000 for the first one.
void encode(std::string &out, const EventLine &r, std::int64_t previousArrivalNs);
// The same record from a view (the writer encodes lines straight from a LineBatch).
void encodeEventLine(std::string &out, std::uint32_t sourceId, std::int64_t arrivalNs, std::string_view line,
                     std::int64_t previousArrivalNs);
void encode(std::string &out, const JsonRecord &r);
void encode(std::string &out, const Note &r);
void encode(std::string &out, const IndexEntry &r);

// All records of one decoded frame payload (only the vector of the frame's type is
// filled). Unknown record kinds are skipped and counted.
struct FrameRecords
{
    std::vector<SeriesDef> series;
    std::vector<SampleRun> samples;
    std::vector<ScrapeRecord> scrapes;
    std::vector<EventSourceDef> eventSources;
    std::vector<EventLine> events;
    std::vector<JsonRecord> cluster, alerts;
    std::vector<Note> notes;
    std::vector<IndexEntry> index;
    std::uint32_t unknownRecords = 0;
};

// Decodes a raw (decompressed) payload. Errors name the record (0-based), the payload
// offset of the field and what was wrong ("record 12 at payload offset 4711: string of
// 9000000 bytes exceeds 1 MiB"). The number of records must equal `recordCount`.
// Allocations are bounded by the payload: counts are checked against the bytes left
// before anything is reserved, and the total against kMaxDecodedBytes. Bytes left in a
// known record's body after its fields are ignored (room for later additions).
Result<FrameRecords> decodePayload(FrameType type, std::span<const char> payload, std::int64_t frameFirstMs,
                                   std::uint32_t recordCount);

} // namespace vigil::capture

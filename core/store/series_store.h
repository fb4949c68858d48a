// SeriesStore: the in-memory time-series database behind every plot and dashboard.
// Label sets are interned to SeriesId; each series keeps compressed, chunked
// (timestamp, value) columns. Retention by time window and by a memory budget;
// evictions are counted. Stale markers (Prometheus' staleness NaN) end a series.
//
// Threads: exactly one writer at a time (the IngestHub thread); any number of
// readers on other threads (the GUI). Readers take a shared lock only for the
// duration of one read call; the writer takes the exclusive lock per append
// slice, never across I/O.
#pragma once

#include "core/common/labels.h"
#include "core/expo/expo_types.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

class Selector;

using SeriesId = std::uint32_t;
inline constexpr SeriesId kInvalidSeries = std::numeric_limits<SeriesId>::max();

struct Sample
{
    std::int64_t timestampMs = 0;
    double value = 0;
};

// Prometheus' staleness marker: a NaN with a specific payload.
bool isStaleMarker(double v);
double staleMarker();

struct SeriesMeta
{
    SeriesId id = kInvalidSeries;
    std::string metric;   // __name__
    Labels labels;        // without __name__, sorted by name
    expo::MetricType type = expo::MetricType::Untyped;
    std::string help;
    std::string unit;
};

struct SeriesStatus
{
    std::int64_t lastTimestampMs = 0;
    double lastValue = 0;
    bool stale = true;        // last thing written was a stale marker (or nothing)
    std::uint64_t samples = 0; // samples currently held
};

class SeriesStore
{
public:
    struct Options
    {
        std::int64_t retentionMs = 6LL * 3600 * 1000;
        std::size_t memoryBudgetBytes = 512ull << 20;
    };
    struct Stats
    {
        std::size_t series = 0;
        std::uint64_t samples = 0;
        std::size_t bytes = 0;              // all memory the store accounts for
        std::size_t sampleBytes = 0;        // chunk payload only
        std::uint64_t evictedSamples = 0;   // by retention or budget
        std::uint64_t evictedByBudget = 0;  // samples evicted because of the memory budget
        std::uint64_t outOfOrderDropped = 0;
        std::uint64_t generation = 0;       // bumps whenever the set of series changes
    };

    SeriesStore();
    explicit SeriesStore(Options options);
    ~SeriesStore();
    SeriesStore(const SeriesStore &) = delete;
    SeriesStore &operator=(const SeriesStore &) = delete;

    // ---- writer side (one thread at a time) ----
    // Interns metric + labels (+ extraLabels, which lose to nothing: callers resolve
    // conflicts first). Label order in the input does not matter.
    SeriesId intern(std::string_view metric, std::span<const LabelView> labels,
                    std::span<const LabelView> extraLabels = {});
    void setMetadata(SeriesId id, expo::MetricType type, std::string_view help, std::string_view unit);
    // Appends one sample; a timestamp not after the series' last one is dropped and counted.
    void append(SeriesId id, std::int64_t timestampMs, double value);
    void markStale(SeriesId id, std::int64_t timestampMs);
    // Drops samples older than now - retention and then oldest chunks while over budget.
    void enforceRetention(std::int64_t nowMs);

    // ---- readers (any thread) ----
    Stats stats() const;
    std::uint64_t generation() const;
    std::size_t seriesCount() const;
    std::optional<SeriesMeta> meta(SeriesId id) const;
    // Metadata of every series with id >= fromId (ids only grow), for incremental catalogs.
    std::vector<SeriesMeta> catalog(SeriesId fromId = 0) const;
    std::vector<SeriesId> select(const Selector &selector) const;
    std::optional<SeriesId> find(std::string_view metric, std::span<const LabelView> labels) const;
    SeriesStatus status(SeriesId id) const;
    // Samples with from <= t <= to, in time order, stale markers included as NaN markers.
    std::vector<Sample> range(SeriesId id, std::int64_t fromMs, std::int64_t toMs) const;
    // Latest sample at or before `atMs` within `lookbackMs`; nullopt if none or stale.
    std::optional<Sample> instant(SeriesId id, std::int64_t atMs, std::int64_t lookbackMs = 5 * 60 * 1000) const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace vigil

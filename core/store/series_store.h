// SeriesStore: the in-memory time-series database behind every plot and dashboard.
// Label sets are interned to SeriesId; each series keeps compressed, chunked
// (timestamp, value) columns. Retention by time window and by a memory budget;
// evictions are counted. Stale markers (Prometheus' staleness NaN) end a series.
//
// Threads: exactly one writer at a time (the IngestHub thread); any number of
// readers on other threads (the GUI). Readers take a shared lock only for the
// duration of one read call; the writer takes the exclusive lock per append
// slice, never across I/O. Lookups of existing series in intern() take no lock at
// all (only the writer mutates the index); appendBatch()/Appender take the lock once
// per slice of kWriteSlice operations.
//
// Retention: enforceRetention() first drops chunks that ended before now - retentionMs,
// then, while the accounted bytes exceed memoryBudgetBytes, the globally oldest chunk
// (series are kept in a min-heap keyed by their oldest chunk's end time). A series
// left with no samples is removed: its id is never reused, alive() turns false,
// catalog() skips it and generation() bumps. Appends to a removed id are dropped and
// counted (Stats::droppedUnknown); intern() the labels again for a new id.
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

// One sample for appendBatch(); a staleMarker() value marks the series stale.
struct AppendItem
{
    SeriesId id = kInvalidSeries;
    std::int64_t timestampMs = 0;
    double value = 0;
};

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
        // A head chunk is sealed at this many samples or bytes, whichever comes first.
        std::uint32_t chunkMaxSamples = 120;
        std::uint32_t chunkMaxBytes = 1024;
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
        std::uint64_t droppedUnknown = 0;   // appends to unknown or removed ids
        std::uint64_t removedSeries = 0;    // series removed because no samples were left
        std::size_t symbols = 0;            // distinct interned strings
    };

    // Operations per exclusive-lock hold in appendBatch()/Appender/enforceRetention().
    static constexpr std::size_t kWriteSlice = 4096;

    // Writer-side batch helper (writer thread only): holds the exclusive lock across
    // up to kWriteSlice operations, then lets readers in and takes it again. Release
    // it (or destroy it) before blocking on anything and before calling the store's own
    // writer functions (append(), enforceRetention(), ...) on the same thread.
    class Appender
    {
    public:
        explicit Appender(SeriesStore &store);
        ~Appender();
        Appender(const Appender &) = delete;
        Appender &operator=(const Appender &) = delete;

        SeriesId intern(std::string_view metric, std::span<const LabelView> labels,
                        std::span<const LabelView> extraLabels = {});
        void append(SeriesId id, std::int64_t timestampMs, double value);
        void markStale(SeriesId id, std::int64_t timestampMs);
        void release();

    private:
        void lock();
        SeriesStore &m_store;
        std::size_t m_ops = 0;
        bool m_locked = false;
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
    // Same as append() for each item, taking the lock once per kWriteSlice items.
    void appendBatch(std::span<const AppendItem> items);
    // Drops samples older than now - retention and then oldest chunks while over budget.
    void enforceRetention(std::int64_t nowMs);
    // Removes every series and its samples (a capture replay rewinding to an earlier
    // time). Ids are never reused: intern() gives new ids afterwards; alive() turns false
    // for the old ones and generation() bumps. Not counted as evictions. Takes the lock
    // per slice like enforceRetention().
    void removeAll();

    // ---- readers (any thread) ----
    Stats stats() const;
    std::uint64_t generation() const;
    std::size_t seriesCount() const; // alive series
    // False for ids never issued and for removed series.
    bool alive(SeriesId id) const;
    // One past the highest id issued so far.
    SeriesId idLimit() const;
    std::optional<SeriesMeta> meta(SeriesId id) const;
    // Metadata of every alive series with id >= fromId (ids only grow), for incremental
    // catalogs; removed series are skipped (watch generation()).
    std::vector<SeriesMeta> catalog(SeriesId fromId = 0) const;
    std::vector<SeriesId> select(const Selector &selector) const;
    std::optional<SeriesId> find(std::string_view metric, std::span<const LabelView> labels) const;
    SeriesStatus status(SeriesId id) const;
    // status() of many series at once (out[i] for ids[i]), taking the lock once per slice.
    void statuses(std::span<const SeriesId> ids, std::span<SeriesStatus> out) const;
    // Samples with from <= t <= to, in time order, stale markers included as NaN markers.
    std::vector<Sample> range(SeriesId id, std::int64_t fromMs, std::int64_t toMs) const;
    // Latest sample with atMs - lookbackMs < t <= atMs (Prometheus' lookback); nullopt
    // if none or if that sample is a stale marker.
    std::optional<Sample> instant(SeriesId id, std::int64_t atMs, std::int64_t lookbackMs = 5 * 60 * 1000) const;

private:
    friend class Appender;
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace vigil

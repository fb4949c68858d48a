// Private to the series store: one series' interned key and compressed columns, and
// the store's shared state (SeriesStore::Impl). Included only by series_store*.cpp.
// Locking as in SeriesStore: writer exclusive, readers shared.
#pragma once

#include "core/store/series_store.h"
#include "core/store/symbol_table.h"
#include "core/store/xor_chunk.h"

#include <atomic>
#include <limits>
#include <memory>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

namespace vigil {

namespace store {

struct SymPair
{
    std::uint32_t name = 0;
    std::uint32_t value = 0;
};

// A full chunk: exact-size bit stream; its first timestamp is minT.
struct SealedChunk
{
    std::unique_ptr<std::uint8_t[]> data;
    std::int64_t minT = 0;
    std::int64_t maxT = 0;
    std::uint32_t bytes = 0;
    std::uint32_t count = 0;
};

struct Series
{
    std::uint64_t hash = 0;
    std::uint32_t metric = 0;
    std::vector<SymPair> labels; // sorted by name string
    expo::MetricType type = expo::MetricType::Untyped;
    std::uint32_t help = 0;
    std::uint32_t unit = 0;

    std::vector<SealedChunk> chunks; // oldest first
    std::vector<std::uint8_t> head;  // the chunk being appended to
    XorEncoder enc;                  // enc.count() == 0: no head chunk
    std::int64_t headMinT = 0;

    std::int64_t lastT = std::numeric_limits<std::int64_t>::min();
    double lastV = 0;
    std::uint64_t samples = 0;
    std::size_t bytes = 0; // accounted footprint of this series
    bool hasLast = false;
    bool stale = true;
    bool inHeap = false;

    std::int64_t oldestEnd() const
    {
        if (!chunks.empty())
            return chunks.front().maxT;
        return enc.count() ? enc.lastTimestamp() : std::numeric_limits<std::int64_t>::max();
    }
};

// Min-heap entry: key <= the series' oldestEnd() (raised lazily when it reaches the top).
struct HeapEntry
{
    std::int64_t key = 0;
    SeriesId id = kInvalidSeries;
};

} // namespace store

struct SeriesStore::Impl
{
    Options opt;
    mutable std::shared_mutex mutex;

    store::SymbolTable symbols;
    store::HashIndex seriesIndex;
    std::vector<std::unique_ptr<store::Series>> series; // by id; null once removed
    std::unordered_map<std::uint32_t, std::vector<SeriesId>> byName;
    std::vector<store::HeapEntry> heap;

    std::size_t seriesBytes = 0;    // sum of Series::bytes
    std::size_t structBytes = 0;    // indexes, symbols, heap
    std::size_t byNameBytes = 0;
    std::size_t sampleBytes = 0;
    std::uint64_t samples = 0;
    std::uint64_t evicted = 0;
    std::uint64_t evictedByBudget = 0;
    std::uint64_t outOfOrder = 0;
    std::uint64_t droppedUnknown = 0;
    std::uint64_t removed = 0;
    std::size_t aliveCount = 0;
    std::atomic<std::uint64_t> generation{0};

    std::size_t totalBytes() const { return seriesBytes + structBytes; }
    const store::Series *get(SeriesId id) const { return id < series.size() ? series[id].get() : nullptr; }
    store::Series *get(SeriesId id) { return id < series.size() ? series[id].get() : nullptr; }

    // Writer side; the caller holds the exclusive lock unless noted.
    SeriesId lookup(std::string_view metric, std::span<const LabelView> sorted, std::uint64_t hash) const;
    SeriesId create(std::string_view metric, std::span<const LabelView> sorted, std::uint64_t hash);
    void appendLocked(SeriesId id, std::int64_t t, double v);
    void markStaleLocked(SeriesId id, std::int64_t t);
    void write(store::Series &s, SeriesId id, std::int64_t t, double v);
    void seal(store::Series &s);
    std::uint64_t evictOldest(store::Series &s);
    void remove(SeriesId id);
    void heapPush(store::HeapEntry e);
    void heapPop();
    void heapRaiseTop(std::int64_t key);
    void refreshStructBytes();
};

// Sorts label views by name into `out` (capacity >= labels + extra), dropping
// __name__, empty values and later duplicates; returns the count. Hashes the key.
std::size_t canonicalLabels(std::string_view metric, std::span<const LabelView> labels,
                            std::span<const LabelView> extra, LabelView *out, std::uint64_t &hash);

} // namespace vigil

// LatencyHistogram: log-linear (HdrHistogram-style) histogram of latencies in
// nanoseconds, 0 .. 1 h, percentiles within 1% of the exact value of the recorded data.
// WindowedHistogram: the same over a sliding time window (N rotating sub-histograms).
//
// Threads: NOT thread-safe. The engine keeps one histogram per writer (worker) thread
// and merges them on read under its own lock (merge()/mergeLiveInto() into a scratch
// histogram owned by the reader). Plain std types only; no Qt.
//
// Layout: values < 256 have exact buckets; above, every power-of-two range [2^k, 2^k+1)
// is split into 128 equal sub-buckets, so a bucket is at most 1/128 (0.78%) of its
// lowest value wide. 4562 buckets (padded to 4608) x 8 bytes = 36 KiB per histogram,
// allocated once.
// Percentiles report the bucket's highest equivalent value clamped to [min(), max()]
// (HdrHistogram convention: "at most this"), hence relative error <= 0.78%.
#pragma once

#include "core/engine/event_types.h"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace vigil {

class LatencyHistogram
{
public:
    static constexpr std::int64_t kMaxValue = 3'600'000'000'000; // 1 h in ns
    static constexpr int kSubBucketBits = 7;                     // 128 sub-buckets per octave
    static constexpr std::uint64_t kLinearMask = (std::uint64_t{1} << (kSubBucketBits + 1)) - 1; // 255

    // Bucket of a value already clamped to [0, kMaxValue]. Branch-free.
    static constexpr std::size_t bucketIndex(std::int64_t value)
    {
        const auto u = static_cast<std::uint64_t>(value);
        const int shift = 64 - std::countl_zero(u | kLinearMask) - (kSubBucketBits + 1);
        return (static_cast<std::size_t>(shift) << kSubBucketBits) + static_cast<std::size_t>(u >> shift);
    }
    static constexpr std::int64_t bucketLowest(std::size_t index)
    {
        const int shift = std::max(0, static_cast<int>(index >> kSubBucketBits) - 1);
        const std::uint64_t sub = index - (static_cast<std::uint64_t>(shift) << kSubBucketBits);
        return static_cast<std::int64_t>(sub << shift);
    }
    static constexpr std::int64_t bucketHighest(std::size_t index)
    {
        const int shift = std::max(0, static_cast<int>(index >> kSubBucketBits) - 1);
        return bucketLowest(index) + (std::int64_t{1} << shift) - 1;
    }
    // bucketIndex(kMaxValue) + 1 (checked in the .cpp; the class is incomplete here).
    static constexpr std::size_t kBucketCount = 4562;

    // 1-based rank of the p-th percentile among `total` values: ceil(p/100 * total),
    // at least 1, tolerant of floating-point noise (99.9% of 1000 is rank 999).
    static std::uint64_t rankAtPercentile(double p, std::uint64_t total);

    LatencyHistogram();

    // Hot path. Negative values count as 0; values above kMaxValue count as kMaxValue
    // and in overflowCount().
    void record(std::int64_t value)
    {
        const std::int64_t nonNegative = std::max<std::int64_t>(value, 0);
        m_overflow += static_cast<std::uint64_t>(nonNegative > kMaxValue);
        const std::int64_t v = std::min(nonNegative, kMaxValue);
        ++m_counts[bucketIndex(v)];
        ++m_total;
        m_min = std::min(m_min, v);
        m_max = std::max(m_max, v);
    }
    void recordN(std::int64_t value, std::uint64_t n);

    void merge(const LatencyHistogram &other);
    void reset();

    std::uint64_t count() const { return m_total; }
    std::uint64_t overflowCount() const { return m_overflow; }
    // Of the clamped values; 0 when empty.
    std::int64_t max() const { return m_total ? m_max : 0; }
    std::int64_t min() const { return m_total ? m_min : 0; }
    std::uint64_t countAtBucket(std::size_t index) const { return m_counts[index]; }

    // p in [0, 100]; 0 when empty. p = 0 gives min(), p = 100 gives max().
    double valueAtPercentile(double p) const;
    // count, p50, p90, p99, p999 and max in one pass over the occupied buckets.
    LatencySummary summary() const;

    std::size_t memoryBytes() const { return sizeof(*this) + m_counts.capacity() * sizeof(std::uint64_t); }

private:
    // Counts are scanned in blocks of this many buckets; m_counts is padded to a whole
    // number of blocks (the padding stays 0).
    static constexpr std::size_t kBlock = 64;
    static constexpr std::size_t kPaddedCount = (kBucketCount + kBlock - 1) / kBlock * kBlock;

    std::int64_t representative(std::size_t index) const;
    // Values at ascending ranks (1-based, each <= count()), one pass.
    void valuesAtRanks(const std::uint64_t *ranks, int n, double *out) const;

    std::vector<std::uint64_t> m_counts;
    std::uint64_t m_total = 0;
    std::uint64_t m_overflow = 0;
    std::int64_t m_min = std::numeric_limits<std::int64_t>::max();
    std::int64_t m_max = 0;
};

// Sliding-window percentiles: `slots` sub-histograms of windowSeconds/slots each,
// rotated by the caller's clock (nowNs, any monotonic ns clock; no timers, no sleeps).
// A value recorded at t is included in summaries at `now` while
// floor(now/slotNs) - floor(t/slotNs) < slots, i.e. the window covers the last
// (slots-1)..slots slot lengths (50..60 s for 60 s and 6 slots).
// A clock going backwards records into the current slot. Not thread-safe (see above).
class WindowedHistogram
{
public:
    explicit WindowedHistogram(double windowSeconds, std::size_t slots = 6);

    void record(std::int64_t value, std::int64_t nowNs)
    {
        if (nowNs >= m_currentEndNs) [[unlikely]]
            advance(nowNs);
        m_slots[m_current].record(value);
    }
    // Rotates slots up to nowNs (record() does it itself).
    void advance(std::int64_t nowNs);

    // Adds the slots live at nowNs into `out` (which the caller may reuse).
    void mergeLiveInto(LatencyHistogram &out, std::int64_t nowNs) const;
    LatencySummary summary(std::int64_t nowNs) const;
    void reset();

    std::int64_t slotNs() const { return m_slotNs; }
    std::size_t slotCount() const { return m_slots.size(); }
    std::size_t memoryBytes() const;

private:
    bool isLive(std::size_t slot, std::int64_t nowEpoch) const;

    std::vector<LatencyHistogram> m_slots;
    std::vector<std::int64_t> m_epochs; // epoch (floor(t/slotNs)) each slot holds
    std::int64_t m_slotNs = 1;
    std::size_t m_current = 0;
    std::int64_t m_currentEpoch;
    std::int64_t m_currentEndNs;        // first ns of the epoch after the current one
};

} // namespace vigil

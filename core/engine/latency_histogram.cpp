// LatencyHistogram and WindowedHistogram (see the header for layout and thread rules).
#include "core/engine/latency_histogram.h"

#include <cmath>
#include <cstring>

namespace vigil {

namespace {

constexpr std::int64_t kNoEpoch = std::numeric_limits<std::int64_t>::min() / 4;

// Two counts per operation (GCC/Clang vector extension: SSE2 on plain x86-64).
typedef std::uint64_t U64x2 __attribute__((vector_size(16)));

inline U64x2 load2(const std::uint64_t *p)
{
    U64x2 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

// Sum of n counts, n a multiple of 8.
inline std::uint64_t sumCounts(const std::uint64_t *p, std::size_t n)
{
    U64x2 a = {0, 0}, b = {0, 0}, c = {0, 0}, d = {0, 0};
    for (std::size_t i = 0; i < n; i += 8) {
        a += load2(p + i);
        b += load2(p + i + 2);
        c += load2(p + i + 4);
        d += load2(p + i + 6);
    }
    a += b + c + d;
    return a[0] + a[1];
}

// dst[i] += src[i] for n counts, n even.
inline void addCounts(std::uint64_t *dst, const std::uint64_t *src, std::size_t n)
{
    for (std::size_t i = 0; i < n; i += 2) {
        const U64x2 v = load2(dst + i) + load2(src + i);
        std::memcpy(dst + i, &v, sizeof v);
    }
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

} // namespace

static_assert(LatencyHistogram::bucketIndex(0) == 0);
static_assert(LatencyHistogram::bucketIndex(255) == 255);
static_assert(LatencyHistogram::bucketIndex(256) == 256);
static_assert(LatencyHistogram::bucketLowest(LatencyHistogram::bucketIndex(1000)) <= 1000);
static_assert(LatencyHistogram::bucketHighest(LatencyHistogram::bucketIndex(1000)) >= 1000);
static_assert(LatencyHistogram::kBucketCount == LatencyHistogram::bucketIndex(LatencyHistogram::kMaxValue) + 1);

std::uint64_t LatencyHistogram::rankAtPercentile(double p, std::uint64_t total)
{
    if (total == 0)
        return 0;
    p = std::clamp(std::isnan(p) ? 0.0 : p, 0.0, 100.0);
    const double r = p * static_cast<double>(total) / 100.0;
    const double nearest = std::round(r);
    // 99.9 is not exact in binary: 99.9% of 1000 must still be rank 999, not 1000.
    const double rank = std::abs(r - nearest) <= 1e-9 * std::max(1.0, r) ? nearest : std::ceil(r);
    return std::clamp<std::uint64_t>(static_cast<std::uint64_t>(rank), 1, total);
}

LatencyHistogram::LatencyHistogram()
    : m_counts(kPaddedCount, 0)
{
}

void LatencyHistogram::recordN(std::int64_t value, std::uint64_t n)
{
    if (n == 0)
        return;
    const std::int64_t nonNegative = std::max<std::int64_t>(value, 0);
    if (nonNegative > kMaxValue)
        m_overflow += n;
    const std::int64_t v = std::min(nonNegative, kMaxValue);
    m_counts[bucketIndex(v)] += n;
    m_total += n;
    m_min = std::min(m_min, v);
    m_max = std::max(m_max, v);
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    if (other.m_total == 0)
        return;
    // Every count lies between the buckets of min and max: only that range is read.
    const std::size_t lo = bucketIndex(other.m_min) / 4 * 4, end = (bucketIndex(other.m_max) / 4 + 1) * 4;
    addCounts(m_counts.data() + lo, other.m_counts.data() + lo, end - lo);
    m_total += other.m_total;
    m_overflow += other.m_overflow;
    m_min = std::min(m_min, other.m_min);
    m_max = std::max(m_max, other.m_max);
}

void LatencyHistogram::reset()
{
    if (m_total != 0)
        std::fill(m_counts.begin() + bucketIndex(m_min), m_counts.begin() + bucketIndex(m_max) + 1, 0);
    m_total = 0;
    m_overflow = 0;
    m_min = std::numeric_limits<std::int64_t>::max();
    m_max = 0;
}

std::int64_t LatencyHistogram::representative(std::size_t index) const
{
    return std::clamp(bucketHighest(index), m_min, m_max);
}

void LatencyHistogram::valuesAtRanks(const std::uint64_t *ranks, int n, double *out) const
{
    // Pass 1: per-block sums of the occupied range (vectorised, no branches).
    // Pass 2: skip whole blocks, then walk the one block that holds each rank.
    constexpr std::size_t kBlocks = kPaddedCount / kBlock;
    std::uint64_t blockSums[kBlocks];
    const std::uint64_t *counts = m_counts.data();
    const std::size_t firstBlock = bucketIndex(m_min) / kBlock, endBlock = bucketIndex(m_max) / kBlock + 1;
    for (std::size_t b = firstBlock; b < endBlock; ++b)
        blockSums[b] = sumCounts(counts + b * kBlock, kBlock);

    std::size_t b = firstBlock;
    std::uint64_t before = 0; // counts in blocks before b
    for (int k = 0; k < n; ++k) {
        const std::uint64_t rank = ranks[k];
        while (b + 1 < endBlock && before + blockSums[b] < rank)
            before += blockSums[b++];
        std::size_t i = b * kBlock;
        const std::size_t last = std::min(b * kBlock + kBlock, kBucketCount) - 1;
        std::uint64_t cumulative = before + counts[i];
        while (cumulative < rank && i < last)
            cumulative += counts[++i];
        out[k] = static_cast<double>(representative(i));
    }
}

double LatencyHistogram::valueAtPercentile(double p) const
{
    if (m_total == 0)
        return 0;
    if (p <= 0)
        return static_cast<double>(m_min);
    const std::uint64_t rank = rankAtPercentile(p, m_total);
    if (rank >= m_total)
        return static_cast<double>(m_max);
    double value = 0;
    valuesAtRanks(&rank, 1, &value);
    return value;
}

LatencySummary LatencyHistogram::summary() const
{
    LatencySummary s;
    s.count = m_total;
    if (m_total == 0)
        return s;
    s.max = static_cast<double>(m_max);
    const std::uint64_t ranks[4] = {rankAtPercentile(50, m_total), rankAtPercentile(90, m_total),
                                    rankAtPercentile(99, m_total), rankAtPercentile(99.9, m_total)};
    double values[4];
    valuesAtRanks(ranks, 4, values);
    s.p50 = values[0];
    s.p90 = values[1];
    s.p99 = values[2];
    s.p999 = values[3];
    return s;
}

// --- WindowedHistogram ---------------------------------------------------------------

WindowedHistogram::WindowedHistogram(double windowSeconds, std::size_t slots)
    : m_slots(std::max<std::size_t>(slots, 1))
    , m_epochs(m_slots.size(), kNoEpoch)
    , m_currentEpoch(kNoEpoch)
    , m_currentEndNs(std::numeric_limits<std::int64_t>::min())
{
    const double windowNs = std::max(windowSeconds, 1e-9) * 1e9;
    m_slotNs = std::max<std::int64_t>(1, static_cast<std::int64_t>(windowNs / static_cast<double>(m_slots.size())));
}

void WindowedHistogram::advance(std::int64_t nowNs)
{
    const std::int64_t epoch = floorDiv(nowNs, m_slotNs);
    if (epoch <= m_currentEpoch)
        return; // same slot, or the clock went backwards: keep the current slot
    const std::int64_t n = static_cast<std::int64_t>(m_slots.size());
    m_current = static_cast<std::size_t>(((epoch % n) + n) % n);
    // Slots skipped over keep their old epochs and are excluded by isLive(); only the
    // slot being reused needs clearing.
    m_slots[m_current].reset();
    m_epochs[m_current] = epoch;
    m_currentEpoch = epoch;
    m_currentEndNs = (epoch + 1) * m_slotNs;
}

bool WindowedHistogram::isLive(std::size_t slot, std::int64_t nowEpoch) const
{
    const std::int64_t e = m_epochs[slot];
    return e != kNoEpoch && e <= nowEpoch && e > nowEpoch - static_cast<std::int64_t>(m_slots.size());
}

void WindowedHistogram::mergeLiveInto(LatencyHistogram &out, std::int64_t nowNs) const
{
    const std::int64_t nowEpoch = std::max(floorDiv(nowNs, m_slotNs), m_currentEpoch);
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        if (isLive(i, nowEpoch))
            out.merge(m_slots[i]);
    }
}

LatencySummary WindowedHistogram::summary(std::int64_t nowNs) const
{
    LatencyHistogram merged;
    mergeLiveInto(merged, nowNs);
    return merged.summary();
}

void WindowedHistogram::reset()
{
    for (auto &slot : m_slots)
        slot.reset();
    std::fill(m_epochs.begin(), m_epochs.end(), kNoEpoch);
    m_current = 0;
    m_currentEpoch = kNoEpoch;
    m_currentEndNs = std::numeric_limits<std::int64_t>::min();
}

std::size_t WindowedHistogram::memoryBytes() const
{
    std::size_t bytes = sizeof(*this) + m_epochs.capacity() * sizeof(std::int64_t);
    for (const auto &slot : m_slots)
        bytes += slot.memoryBytes();
    return bytes;
}

} // namespace vigil

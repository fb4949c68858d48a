// LodPyramid: a time-sorted series of (key, value) points with a precomputed min/max
// level-of-detail pyramid, so a plot of millions of points is drawn from a few points
// per pixel column without losing a spike or a gap.
//
// Level 0 is the raw data. Level L >= 1 has one bucket per kFanout^L raw points
// (aligned on raw indices; only complete buckets exist): the bucket's min and max
// values with the raw indices where they occur (so their order is known), and the
// index of its first NaN value (a gap). A bucket's key span is [key(first index),
// key(last index)] of the raw keys, so it is read from level 0, not stored. With
// kFanout = 4 and 32-byte buckets the levels take about 2/3 of the raw data's 16 bytes
// per point. Appending is amortised O(1) (a bucket is built when its last point
// arrives); removeBefore() drops the head lazily and rebuilds once half is dropped.
//
// decimate() is M4 aggregation: for each pixel column it emits the column's first,
// min, max and last raw points, in raw order, and a raw NaN point between two of them
// whenever the raw data has a gap there, so lines break exactly where the data does.
// That is at most 4 values per column, plus up to 3 NaN points in a column with gaps.
// A column's min/max come from the coarsest buckets that fit entirely inside the
// column (finer levels only at the column's two edges), so they are exact, not
// approximate; its edges are found by an interpolation-guided search. Output points are
// always real raw points (a subsequence of the data). A full view of 10 M points at
// 1,600 columns takes ~0.3 ms with warm caches, ~1.5-2 ms with cold ones.
//
// Threads: not synchronised; one owner thread at a time (the GUI thread in LodGraph).
// No Qt: std containers only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace vigil {

struct LodPoint
{
    double key = 0;   // sorted ascending (equal keys allowed)
    double value = 0; // NaN = gap: the line breaks here
};

class LodPyramid
{
public:
    static constexpr std::size_t kFanout = 4;
    // Raw indices are 32-bit inside the buckets.
    static constexpr std::size_t kMaxPoints = 0xfffffff0u;

    void reserve(std::size_t points);
    // Appends one point at the end. False (and nothing stored) when the key is NaN,
    // smaller than the last key, or the pyramid is full.
    bool append(double key, double value);
    // Appends in order; returns how many were stored (rejected points are skipped).
    std::size_t append(std::span<const LodPoint> points);
    // Drops the points with key < `key`.
    void removeBefore(double key);
    void clear();

    std::size_t size() const { return m_points.size() - m_begin; }
    bool empty() const { return size() == 0; }
    // i in [0, size()).
    const LodPoint &at(std::size_t i) const { return m_points[m_begin + i]; }
    double firstKey() const { return m_points[m_begin].key; } // precondition: !empty()
    double lastKey() const { return m_points.back().key; }    // precondition: !empty()

    // Levels including level 0 (raw); bucketCount(0) is the raw point count held.
    int levelCount() const { return 1 + int(m_levels.size()); }
    std::size_t bucketCount(int level) const;
    std::size_t rawBytes() const { return m_points.size() * sizeof(LodPoint); }
    std::size_t levelBytes() const;

    // Pixel column c of `columns` over [keyLo, keyHi] holds the keys in
    // [columnEdge(c), columnEdge(c + 1)); the last column also holds keyHi itself.
    static double columnEdge(double keyLo, double keyHi, int columns, int c);

    // Replaces `out` with the points to draw for [keyLo, keyHi] at `pixelColumns`
    // columns: per column first/min/max/last (fewer when the column holds fewer points;
    // all of them when it holds <= 4), NaN points where the line must break, and the
    // last point before keyLo and the first after keyHi so lines reach the edges.
    void decimate(double keyLo, double keyHi, int pixelColumns, std::vector<LodPoint> &out) const;

private:
    static constexpr std::uint32_t kNone = 0xffffffffu;

    struct Bucket
    {
        double minValue = 0;
        double maxValue = 0;
        std::uint32_t minIndex = kNone; // kNone: the bucket holds only NaN values
        std::uint32_t maxIndex = kNone;
        std::uint32_t firstNan = kNone;
    };

    void pushRaw(double key, double value);
    void rebuildLevels();
    Bucket rawBucket(std::size_t i) const;
    // Aggregate over physical raw indices [begin, end).
    Bucket summarize(std::size_t begin, std::size_t end) const;
    // First physical index in [lo, hi) whose key is >= key.
    std::size_t seek(std::size_t lo, std::size_t hi, double key) const;
    void emitColumn(std::size_t begin, std::size_t end, std::vector<LodPoint> &out) const;

    std::vector<LodPoint> m_points; // physical storage; [0, m_begin) was removed
    std::size_t m_begin = 0;
    std::vector<std::vector<Bucket>> m_levels; // m_levels[L - 1] is level L
};

} // namespace vigil

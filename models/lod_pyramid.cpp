#include "models/lod_pyramid.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vigil {

namespace {

// Ties go to the earlier point, so a summary does not depend on the merge order.
template <typename B>
[[gnu::always_inline]] inline void mergeInto(B &into, const B &b)
{
    if (b.minIndex != B{}.minIndex) {
        if (b.minValue < into.minValue || (b.minValue == into.minValue && b.minIndex < into.minIndex)) {
            into.minValue = b.minValue;
            into.minIndex = b.minIndex;
        }
        if (b.maxValue > into.maxValue || (b.maxValue == into.maxValue && b.maxIndex < into.maxIndex)) {
            into.maxValue = b.maxValue;
            into.maxIndex = b.maxIndex;
        }
    }
    into.firstNan = std::min(into.firstNan, b.firstNan);
}

template <typename B>
[[gnu::always_inline]] inline void mergeRaw(B &into, double v, std::uint32_t i)
{
    if (std::isnan(v)) {
        into.firstNan = std::min(into.firstNan, i);
        return;
    }
    if (v < into.minValue || (v == into.minValue && i < into.minIndex)) {
        into.minValue = v;
        into.minIndex = i;
    }
    if (v > into.maxValue || (v == into.maxValue && i < into.maxIndex)) {
        into.maxValue = v;
        into.maxIndex = i;
    }
}

} // namespace

void LodPyramid::reserve(std::size_t points)
{
    m_points.reserve(points);
}

bool LodPyramid::append(double key, double value)
{
    if (std::isnan(key) || (!m_points.empty() && key < m_points.back().key) || m_points.size() >= kMaxPoints)
        return false;
    pushRaw(key, value);
    return true;
}

std::size_t LodPyramid::append(std::span<const LodPoint> points)
{
    std::size_t stored = 0;
    for (const LodPoint &p : points)
        stored += append(p.key, p.value) ? 1 : 0;
    return stored;
}

LodPyramid::Bucket LodPyramid::rawBucket(std::size_t i) const
{
    Bucket b;
    b.minValue = std::numeric_limits<double>::infinity();
    b.maxValue = -std::numeric_limits<double>::infinity();
    mergeRaw(b, m_points[i].value, std::uint32_t(i));
    return b;
}

void LodPyramid::pushRaw(double key, double value)
{
    m_points.push_back({key, value});
    const std::size_t n = m_points.size();
    if (n % kFanout != 0)
        return;
    // The last raw point of a bucket completes it, and possibly its parents.
    Bucket b = rawBucket(n - kFanout);
    for (std::size_t i = n - kFanout + 1; i < n; ++i)
        mergeRaw(b, m_points[i].value, std::uint32_t(i));
    for (std::size_t level = 0;; ++level) {
        if (m_levels.size() <= level)
            m_levels.emplace_back();
        std::vector<Bucket> &buckets = m_levels[level];
        buckets.push_back(b);
        const std::size_t count = buckets.size();
        if (count % kFanout != 0)
            break;
        b = buckets[count - kFanout];
        for (std::size_t i = count - kFanout + 1; i < count; ++i)
            mergeInto(b, buckets[i]);
    }
}

void LodPyramid::removeBefore(double key)
{
    if (empty())
        return;
    m_begin = seek(m_begin, m_points.size(), key);
    if (m_begin == m_points.size()) {
        clear();
        return;
    }
    // Queries never use a bucket reaching below m_begin, so the head can stay until it
    // is half the storage; then one rebuild, O(kept) <= O(dropped): amortised O(1).
    if (m_begin * 2 >= m_points.size()) {
        m_points.erase(m_points.begin(), m_points.begin() + std::ptrdiff_t(m_begin));
        m_begin = 0;
        rebuildLevels();
    }
}

void LodPyramid::clear()
{
    m_points.clear();
    m_begin = 0;
    m_levels.clear();
}

void LodPyramid::rebuildLevels()
{
    m_levels.clear();
    std::vector<Bucket> level(m_points.size() / kFanout);
    for (std::size_t j = 0; j < level.size(); ++j) {
        Bucket b = rawBucket(j * kFanout);
        for (std::size_t i = j * kFanout + 1; i < (j + 1) * kFanout; ++i)
            mergeRaw(b, m_points[i].value, std::uint32_t(i));
        level[j] = b;
    }
    while (!level.empty()) {
        std::vector<Bucket> next(level.size() / kFanout);
        for (std::size_t j = 0; j < next.size(); ++j) {
            Bucket b = level[j * kFanout];
            for (std::size_t i = 1; i < kFanout; ++i)
                mergeInto(b, level[j * kFanout + i]);
            next[j] = b;
        }
        m_levels.push_back(std::move(level));
        level = std::move(next);
    }
}

std::size_t LodPyramid::bucketCount(int level) const
{
    if (level == 0)
        return m_points.size();
    if (level < 0 || level > int(m_levels.size()))
        return 0;
    return m_levels[std::size_t(level) - 1].size();
}

std::size_t LodPyramid::levelBytes() const
{
    std::size_t bytes = 0;
    for (const auto &level : m_levels)
        bytes += level.size() * sizeof(Bucket);
    return bytes;
}

double LodPyramid::columnEdge(double keyLo, double keyHi, int columns, int c)
{
    return keyLo + (keyHi - keyLo) * (double(c) / double(columns));
}

LodPyramid::Bucket LodPyramid::summarize(std::size_t begin, std::size_t end) const
{
    // Segment-tree walk: at each level take the unaligned elements at both ends, then
    // go one level up with the aligned middle. At most 2 * (kFanout - 1) per level.
    Bucket acc; // empty: +inf/-inf extremes so that any value replaces them
    acc.minValue = std::numeric_limits<double>::infinity();
    acc.maxValue = -std::numeric_limits<double>::infinity();
    std::size_t lo = begin, hi = end;
    if (m_levels.empty()) {
        for (; lo < hi; ++lo)
            mergeRaw(acc, m_points[lo].value, std::uint32_t(lo));
        return acc;
    }
    while (lo < hi && lo % kFanout != 0) {
        mergeRaw(acc, m_points[lo].value, std::uint32_t(lo));
        ++lo;
    }
    while (lo < hi && hi % kFanout != 0) {
        --hi;
        mergeRaw(acc, m_points[hi].value, std::uint32_t(hi));
    }
    lo /= kFanout;
    hi /= kFanout;
    for (std::size_t level = 0; lo < hi; ++level) {
        const Bucket *buckets = m_levels[level].data();
        if (level + 1 == m_levels.size()) {
            for (; lo < hi; ++lo)
                mergeInto(acc, buckets[lo]);
            break;
        }
        while (lo < hi && lo % kFanout != 0)
            mergeInto(acc, buckets[lo++]);
        while (lo < hi && hi % kFanout != 0)
            mergeInto(acc, buckets[--hi]);
        lo /= kFanout;
        hi /= kFanout;
    }
    if (acc.minIndex == kNone) // only NaN: report no extremes
        acc.minValue = acc.maxValue = 0;
    return acc;
}

std::size_t LodPyramid::seek(std::size_t lo, std::size_t hi, double key) const
{
    // Sample keys are usually close to evenly spaced: guess by interpolation, gallop to
    // bracket the answer, binary-search the bracket. A few cache lines instead of the
    // ~23 scattered probes of a plain binary search over 10 M points.
    const LodPoint *p = m_points.data();
    if (lo >= hi || !(p[lo].key < key))
        return lo;
    if (p[hi - 1].key < key)
        return hi;
    // Now p[lo].key < key <= p[hi - 1].key, so lo < hi - 1.
    const double f = (key - p[lo].key) / (p[hi - 1].key - p[lo].key);
    const std::size_t g = std::clamp(lo + std::size_t(f * double(hi - 1 - lo)), lo, hi - 1);
    std::size_t a = g, b = g, step = 1;
    if (p[g].key < key) {
        b = std::min(hi - 1, g + 1);
        while (p[b].key < key) {
            a = b;
            step *= 2;
            b = std::min(hi - 1, g + step);
        }
    } else {
        a = g - 1;
        while (!(p[a].key < key)) {
            b = a;
            step *= 2;
            a = g - lo > step ? g - step : lo;
        }
    }
    // p[a].key < key <= p[b].key
    const auto byKey = [](const LodPoint &x, double k) { return x.key < k; };
    return std::size_t(std::lower_bound(p + a + 1, p + b, key, byKey) - p);
}

void LodPyramid::emitColumn(std::size_t begin, std::size_t end, std::vector<LodPoint> &out) const
{
    if (end - begin <= 4) {
        out.insert(out.end(), m_points.data() + begin, m_points.data() + end);
        return;
    }
    const Bucket s = summarize(begin, end);
    std::size_t picks[4] = {begin, end - 1, end - 1, end - 1};
    if (s.minIndex != kNone) {
        picks[1] = s.minIndex;
        picks[2] = s.maxIndex;
    }
    std::sort(std::begin(picks), std::end(picks));
    const std::size_t *last = std::unique(std::begin(picks), std::end(picks));
    std::size_t previous = kNone;
    for (const std::size_t *p = picks; p != last; ++p) {
        const std::size_t i = *p;
        // Two drawn points that the raw data does not connect get a NaN between them.
        if (previous != kNone && s.firstNan != kNone && i > previous + 1
            && !std::isnan(m_points[previous].value) && !std::isnan(m_points[i].value)) {
            std::size_t gap = s.firstNan;
            if (gap < previous)
                gap = summarize(previous + 1, i).firstNan;
            if (gap < i)
                out.push_back(m_points[gap]);
        }
        out.push_back(m_points[i]);
        previous = i;
    }
}

void LodPyramid::decimate(double keyLo, double keyHi, int pixelColumns, std::vector<LodPoint> &out) const
{
    out.clear();
    if (empty() || !(keyLo <= keyHi))
        return;
    const int columns = std::max(1, pixelColumns);
    const std::size_t first = m_begin, end = m_points.size();
    const std::size_t i0 = seek(first, end, keyLo);
    // One past the last key <= keyHi.
    const std::size_t iEnd = std::size_t(
        std::upper_bound(m_points.begin() + std::ptrdiff_t(i0), m_points.end(), keyHi,
                         [](double k, const LodPoint &x) { return k < x.key; })
        - m_points.begin());
    if (i0 > first)
        out.push_back(m_points[i0 - 1]);
    const double toColumn = keyHi > keyLo ? double(columns) / (keyHi - keyLo) : 0.0;
    std::size_t a = i0;
    while (a < iEnd) {
        // The column of point a: estimated, then settled against the exact edges (empty
        // columns are skipped, so sparse views cost per point, not per column).
        int c = std::clamp(int((m_points[a].key - keyLo) * toColumn), 0, columns - 1);
        while (c + 1 < columns && columnEdge(keyLo, keyHi, columns, c + 1) <= m_points[a].key)
            ++c;
        while (c > 0 && columnEdge(keyLo, keyHi, columns, c) > m_points[a].key)
            --c;
        const std::size_t b =
            c + 1 == columns ? iEnd : seek(a, iEnd, columnEdge(keyLo, keyHi, columns, c + 1));
        emitColumn(a, b, out);
        a = b;
    }
    if (iEnd < end)
        out.push_back(m_points[iEnd]);
}

} // namespace vigil

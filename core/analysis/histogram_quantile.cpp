#include "core/analysis/histogram_quantile.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

namespace vigil {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

QuantileEstimate only(double value)
{
    return {value, kNaN, kNaN};
}

// Adds up buckets with the same bound (e.g. le="1" and le="1.0"); input sorted.
void coalesce(std::vector<HistogramBucket> &b)
{
    std::size_t out = 0;
    for (std::size_t i = 1; i < b.size(); ++i) {
        if (b[i].upperBound == b[out].upperBound)
            b[out].count += b[i].count;
        else
            b[++out] = b[i];
    }
    b.resize(out + 1);
}

void ensureMonotonic(std::vector<HistogramBucket> &b)
{
    double max = -kInf;
    for (HistogramBucket &x : b) {
        if (x.count > max)
            max = x.count;
        else if (x.count < max)
            x.count = max;
    }
}

} // namespace

bool QuantileEstimate::ok() const
{
    return std::isfinite(value);
}

QuantileEstimate histogramQuantile(double q, std::vector<HistogramBucket> b)
{
    if (std::isnan(q))
        return only(kNaN);
    if (q < 0)
        return only(-kInf);
    if (q > 1)
        return only(kInf);
    if (b.empty())
        return only(kNaN);
    // Go's sort.Sort is not stable, but equal bounds are coalesced right after, so the
    // order among them does not matter.
    std::sort(b.begin(), b.end(),
              [](const HistogramBucket &x, const HistogramBucket &y) { return x.upperBound < y.upperBound; });
    if (!(std::isinf(b.back().upperBound) && b.back().upperBound > 0))
        return only(kNaN);
    coalesce(b);
    ensureMonotonic(b);
    if (b.size() < 2)
        return only(kNaN);
    const double observations = b.back().count;
    if (observations == 0)
        return only(kNaN);
    double rank = q * observations;
    // sort.Search over all but the last bucket: first index with count >= rank.
    std::size_t idx = 0;
    const std::size_t searchable = b.size() - 1;
    while (idx < searchable && !(b[idx].count >= rank))
        ++idx;
    if (idx == b.size() - 1)
        return {b[b.size() - 2].upperBound, b[b.size() - 2].upperBound, kInf};
    if (idx == 0 && b[0].upperBound <= 0)
        return {b[0].upperBound, -kInf, b[0].upperBound};
    double bucketStart = 0;
    const double bucketEnd = b[idx].upperBound;
    double count = b[idx].count;
    if (idx > 0) {
        bucketStart = b[idx - 1].upperBound;
        count -= b[idx - 1].count;
        rank -= b[idx - 1].count;
    }
    return {bucketStart + (bucketEnd - bucketStart) * (rank / count), bucketStart, bucketEnd};
}

double parseBucketBound(std::string_view le)
{
    if (le == "+Inf" || le == "Inf" || le == "+inf" || le == "inf")
        return kInf;
    if (le == "-Inf" || le == "-inf")
        return -kInf;
    if (le.empty() || le.size() > 64)
        return kNaN;
    const std::string s(le);
    char *end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size())
        return kNaN;
    return v;
}

} // namespace vigil

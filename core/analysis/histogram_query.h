// HistogramQuery: a classic Prometheus histogram (<name>_bucket{le=...}) read from the
// SeriesStore and summed over all its series by `le` (sum by (le) (increase(...)))
// for a window ending now: the window's bucket increases (deltas between the window
// start and end, counter resets handled like increase()), and the same per time bin
// for percentiles and heatmaps over time.
//
// Threads: any; it only calls the store's reader functions (short shared-lock reads).
#pragma once

#include "core/analysis/counter_math.h"
#include "core/analysis/histogram_quantile.h"
#include "core/store/series_store.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace vigil {

struct HistogramOverTime
{
    std::vector<double> upperBounds;      // sorted, unique; the last is +Inf when well formed
    std::vector<double> windowCumulative; // per bound: increase over the window (cumulative in le)
    TimeGrid grid;
    std::vector<double> binCumulative;    // grid.steps rows of upperBounds.size() (row-major)
    std::int64_t newestMs = 0;            // newest bucket sample seen (0: none)
    std::size_t seriesCount = 0;          // bucket series read

    bool empty() const { return upperBounds.empty(); }
    std::vector<HistogramBucket> windowBuckets() const;
    std::vector<HistogramBucket> binBuckets(int bin) const;
    double windowTotal() const;           // observations in the window (the +Inf bucket)
    double binTotal(int bin) const;
    // Non-cumulative count of bucket b in bin (cumulative minus the previous bound, >= 0).
    double binBucketCount(int bin, std::size_t b) const;
    QuantileEstimate windowQuantile(double q) const { return histogramQuantile(q, windowBuckets()); }
    QuantileEstimate binQuantile(int bin, double q) const { return histogramQuantile(q, binBuckets(bin)); }
    // Upper bound of the highest bucket with observations in the window (+Inf if the
    // +Inf bucket has some beyond the highest finite bound); NaN if empty.
    double windowMaxBound() const;
};

// Lookback for the baseline sample before a window start (Prometheus' default).
inline constexpr std::int64_t kBaselineLookbackMs = 5 * 60 * 1000;

// Reads `<baseName>_bucket` for the window (toMs - windowMs, toMs] in `steps` bins.
HistogramOverTime queryHistogram(const SeriesStore &store, std::string_view baseName, std::int64_t toMs,
                                 std::int64_t windowMs, int steps);

// Samples of a series for a window: the last sample at or before fromMs (the baseline,
// looked back up to kBaselineLookbackMs) and every sample after it up to toMs.
std::vector<Sample> windowSamples(const SeriesStore &store, SeriesId id, std::int64_t fromMs, std::int64_t toMs);

} // namespace vigil

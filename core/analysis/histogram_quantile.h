// histogram_quantile exactly as Prometheus (2.42, promql/quantile.go bucketQuantile)
// computes it over classic `le` buckets, plus the bucket bounds that bracket the
// result so a UI can show the interpolation's uncertainty. Pure functions; any thread.
//
// Rules (all from Prometheus): q NaN -> NaN; q < 0 -> -Inf; q > 1 -> +Inf; buckets are
// sorted by upper bound; no +Inf bucket -> NaN; buckets with equal bounds are
// coalesced (counts added); non-monotonic cumulative counts are raised to the running
// maximum (ensureMonotonic); fewer than 2 buckets or a zero total -> NaN; a rank in the
// +Inf bucket returns the highest finite bound; a rank in the first bucket whose bound
// is <= 0 returns that bound; otherwise linear interpolation inside the bucket, with 0
// as the lower bound of the first bucket.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace vigil {

struct HistogramBucket
{
    double upperBound = 0; // the `le` value (+Inf allowed)
    double count = 0;      // cumulative count (or its increase/rate over a window)
};

struct QuantileEstimate
{
    double value = 0;      // what histogram_quantile returns
    // The bucket the quantile fell into: value lies in [lowerBound, upperBound].
    // Interpolated: (previous bound or 0, bucket bound). In +Inf: (highest finite, +Inf).
    // First bucket with bound <= 0: (-Inf, bound). NaN/±Inf results: both NaN.
    double lowerBound = 0;
    double upperBound = 0;
    bool ok() const;       // value is finite
};

// Prometheus' histogram_quantile(q, buckets). Takes the buckets by value (it sorts,
// coalesces and fixes monotonicity on its own copy).
QuantileEstimate histogramQuantile(double q, std::vector<HistogramBucket> buckets);

// The le-label value as Prometheus parses it ("+Inf", "1e3", "0.5"); NaN if invalid.
double parseBucketBound(std::string_view le);

} // namespace vigil

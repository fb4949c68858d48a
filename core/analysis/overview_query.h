// OverviewQuery: the numbers of the Overview dashboard for a window ending now, read
// from the SeriesStore: cluster throughput (rate of eventstream_events_processed_total
// summed over nodes) over time, the latency histogram (eventstream_latency_ns, or
// vigil_engine_latency_ns when the cluster has none), total queue depth over time, and
// depth / capacity per queue summed over nodes. "Now" and "then" of each stat are the
// last and the first time bin with data, so the change is over the selected window.
//
// Threads: any; only the store's reader functions are called.
#pragma once

#include "core/analysis/counter_math.h"
#include "core/analysis/histogram_query.h"
#include "core/store/series_store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vigil {

struct QueueTotal
{
    std::string queue;
    double depth = 0;
    double capacity = 0;
};

struct OverviewData
{
    TimeGrid grid;
    std::vector<double> throughput;  // events/s per bin (NaN: no data)
    std::vector<double> queueDepth;  // total depth per bin
    std::vector<double> p99;         // per bin
    double throughputNow = 0, throughputThen = 0;
    double queueDepthNow = 0, queueDepthThen = 0;
    QuantileEstimate p99Now, p99Then;
    QuantileEstimate p50, p90, p99Window; // over the whole window
    double maxBound = 0;             // highest non-empty bucket bound over the window
    std::string latencyMetric;       // histogram base name used ("" if none)
    HistogramOverTime latency;
    std::vector<QueueTotal> queues;  // sorted by queue name
    std::int64_t newestMs = 0;
};

inline constexpr const char *kClusterLatencyMetric = "eventstream_latency_ns";
inline constexpr const char *kEngineLatencyMetric = "vigil_engine_latency_ns";

// First of eventstream_latency_ns / vigil_engine_latency_ns with bucket series in the store.
std::string defaultLatencyMetric(const SeriesStore &store);

// Sum over all series of `metric` of binnedRate() (counter) or binnedLast() (gauge).
std::vector<double> sumBinnedRate(const SeriesStore &store, std::string_view metric, const TimeGrid &grid,
                                  std::int64_t *newestMs = nullptr);
std::vector<double> sumBinnedLast(const SeriesStore &store, std::string_view metric, const TimeGrid &grid,
                                  std::int64_t *newestMs = nullptr);

// First and last non-NaN value (NaN if none).
double firstValue(const std::vector<double> &v);
double lastValue(const std::vector<double> &v);

OverviewData queryOverview(const SeriesStore &store, std::int64_t nowMs, std::int64_t windowMs, int steps);

} // namespace vigil

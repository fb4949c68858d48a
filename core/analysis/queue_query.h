// QueueQuery: one row per (node, queue) of the eventstream_queue_* families read from
// the SeriesStore: depth, capacity, push/pop rates over the rate window, full events
// over the selected window, fill/drain projection, status over the sliding status
// window, and a depth trend for a sparkline. The node is the `instance` label
// (scrape target), falling back to `node`.
//
// Threads: any; only the store's reader functions are called.
#pragma once

#include "core/analysis/queue_analysis.h"
#include "core/store/series_store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vigil {

struct QueueRow
{
    std::string node;
    std::string queue;
    double depth = 0;          // NaN if unknown
    double capacity = 0;       // NaN if unknown
    double pushPerSec = 0;     // NaN if unknown
    double popPerSec = 0;      // NaN if unknown
    double fullIncrease = 0;   // rejected pushes over the selected window
    QueueEta eta;
    QueueStatus status = QueueStatus::Ok;
    std::vector<double> depthTrend; // binned last depth over the selected window
    std::int64_t lastMs = 0;   // newest depth sample

    double fill() const;       // depth / capacity, NaN if unknown
};

struct QueueQueryOptions
{
    std::int64_t nowMs = 0;
    std::int64_t windowMs = 15 * 60 * 1000; // selected window (full events, trend)
    std::int64_t rateWindowMs = 60 * 1000;  // push/s, pop/s ("current rates")
    std::int64_t statusWindowMs = 30 * 1000; // sliding window of the status
    int trendSteps = 60;
};

// Rows sorted by node, then queue.
std::vector<QueueRow> queryQueues(const SeriesStore &store, const QueueQueryOptions &options);

} // namespace vigil

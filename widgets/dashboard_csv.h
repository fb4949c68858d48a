// The data of dashboard panels that are not plain plots or tables, as CSV for
// "Export data as CSV…" (see panel_export.h for the CSV rules): histogram buckets over a
// window, the buckets per time bin (the heatmap), queue totals, and role segments of
// the election timeline. Bucket bounds are written as Prometheus' `le` values ("+Inf").
//
// Threads: any (pure functions).
#pragma once

#include "core/analysis/histogram_query.h"
#include "core/analysis/overview_query.h"

#include <QByteArray>

#include <vector>

namespace vigil {

class ElectionTimeline;

// le,observations (non-cumulative, over the window)
QByteArray histogramWindowCsv(const HistogramOverTime &h);
// time,le,observations (one row per bin end and bucket)
QByteArray histogramBinsCsv(const HistogramOverTime &h);
// queue,depth,capacity
QByteArray queueTotalsCsv(const std::vector<QueueTotal> &queues);
// node,role,from,to
QByteArray electionTimelineCsv(const ElectionTimeline &timeline);

} // namespace vigil

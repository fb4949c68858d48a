#include "core/analysis/overview_query.h"

#include "core/store/selector.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace vigil {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<SeriesId> seriesOf(const SeriesStore &store, std::string_view metric)
{
    const Result<Selector> sel = Selector::parse(metric);
    return sel.ok() ? store.select(sel.value()) : std::vector<SeriesId>{};
}

void noteNewest(const std::vector<Sample> &s, std::int64_t *newestMs)
{
    if (newestMs && !s.empty() && !std::isnan(s.back().value))
        *newestMs = std::max(*newestMs, s.back().timestampMs);
}

template <typename Bin>
std::vector<double> sumBinned(const SeriesStore &store, std::string_view metric, const TimeGrid &grid,
                              std::int64_t *newestMs, Bin bin)
{
    std::vector<double> acc(std::size_t(grid.steps), kNaN);
    for (SeriesId id : seriesOf(store, metric)) {
        const std::vector<Sample> s = windowSamples(store, id, grid.startMs, grid.endMs());
        noteNewest(s, newestMs);
        addSeries(acc, bin(s, grid));
    }
    return acc;
}

std::string labelOf(const Labels &labels, std::string_view name)
{
    for (const Label &l : labels)
        if (l.name == name)
            return l.value;
    return {};
}

} // namespace

std::string defaultLatencyMetric(const SeriesStore &store)
{
    for (const char *name : {kClusterLatencyMetric, kEngineLatencyMetric})
        if (!seriesOf(store, std::string(name) + "_bucket").empty())
            return name;
    return {};
}

std::vector<double> sumBinnedRate(const SeriesStore &store, std::string_view metric, const TimeGrid &grid,
                                  std::int64_t *newestMs)
{
    return sumBinned(store, metric, grid, newestMs,
                     [](const std::vector<Sample> &s, const TimeGrid &g) { return binnedRate(s, g); });
}

std::vector<double> sumBinnedLast(const SeriesStore &store, std::string_view metric, const TimeGrid &grid,
                                  std::int64_t *newestMs)
{
    return sumBinned(store, metric, grid, newestMs,
                     [](const std::vector<Sample> &s, const TimeGrid &g) { return binnedLast(s, g); });
}

double firstValue(const std::vector<double> &v)
{
    for (double x : v)
        if (!std::isnan(x))
            return x;
    return kNaN;
}

double lastValue(const std::vector<double> &v)
{
    for (auto it = v.rbegin(); it != v.rend(); ++it)
        if (!std::isnan(*it))
            return *it;
    return kNaN;
}

OverviewData queryOverview(const SeriesStore &store, std::int64_t nowMs, std::int64_t windowMs, int steps)
{
    OverviewData d;
    d.grid = TimeGrid::ending(nowMs, windowMs, steps);
    d.throughput = sumBinnedRate(store, "eventstream_events_processed_total", d.grid, &d.newestMs);
    d.throughputNow = lastValue(d.throughput);
    d.throughputThen = firstValue(d.throughput);
    d.queueDepth = sumBinnedLast(store, "eventstream_queue_depth", d.grid, &d.newestMs);
    d.queueDepthNow = lastValue(d.queueDepth);
    d.queueDepthThen = firstValue(d.queueDepth);

    d.latencyMetric = defaultLatencyMetric(store);
    if (!d.latencyMetric.empty()) {
        d.latency = queryHistogram(store, d.latencyMetric, nowMs, windowMs, steps);
        d.newestMs = std::max(d.newestMs, d.latency.newestMs);
    }
    d.p99.assign(std::size_t(d.grid.steps), kNaN);
    int firstBin = -1, lastBin = -1;
    if (!d.latency.empty()) {
        for (int i = 0; i < d.grid.steps; ++i) {
            if (d.latency.binTotal(i) <= 0)
                continue;
            d.p99[std::size_t(i)] = d.latency.binQuantile(i, 0.99).value;
            if (firstBin < 0)
                firstBin = i;
            lastBin = i;
        }
    }
    const QuantileEstimate none{kNaN, kNaN, kNaN};
    d.p99Now = lastBin >= 0 ? d.latency.binQuantile(lastBin, 0.99) : none;
    d.p99Then = firstBin >= 0 ? d.latency.binQuantile(firstBin, 0.99) : none;
    d.p50 = d.latency.empty() ? none : d.latency.windowQuantile(0.5);
    d.p90 = d.latency.empty() ? none : d.latency.windowQuantile(0.9);
    d.p99Window = d.latency.empty() ? none : d.latency.windowQuantile(0.99);
    d.maxBound = d.latency.windowMaxBound();

    // Depth and capacity per queue name, summed over nodes (latest values).
    std::map<std::string, QueueTotal> queues;
    for (const bool isDepth : {true, false}) {
        for (SeriesId id : seriesOf(store, isDepth ? "eventstream_queue_depth" : "eventstream_queue_capacity")) {
            const std::optional<SeriesMeta> meta = store.meta(id);
            const std::optional<Sample> s = store.instant(id, nowMs);
            if (!meta || !s)
                continue;
            QueueTotal &q = queues[labelOf(meta->labels, "queue")];
            q.queue = labelOf(meta->labels, "queue");
            (isDepth ? q.depth : q.capacity) += s->value;
        }
    }
    for (auto &[name, q] : queues)
        d.queues.push_back(q);
    return d;
}

} // namespace vigil

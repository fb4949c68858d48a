#include "core/analysis/queue_query.h"

#include "core/analysis/counter_math.h"
#include "core/analysis/histogram_query.h"
#include "core/store/selector.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

namespace vigil {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string labelOf(const Labels &labels, std::string_view name)
{
    for (const Label &l : labels)
        if (l.name == name)
            return l.value;
    return {};
}

enum Part { Depth, Capacity, Push, Pop, Full, PartCount };
constexpr const char *kMetrics[PartCount] = {"eventstream_queue_depth", "eventstream_queue_capacity",
                                            "eventstream_queue_push_total", "eventstream_queue_pop_total",
                                            "eventstream_queue_full_total"};

std::vector<Sample> tail(const std::vector<Sample> &s, std::int64_t fromMs)
{
    std::vector<Sample> out;
    for (const Sample &x : s)
        if (x.timestampMs >= fromMs)
            out.push_back(x);
    // Keep the sample just before fromMs as the baseline when there is one.
    auto it = std::find_if(s.begin(), s.end(), [&](const Sample &x) { return x.timestampMs >= fromMs; });
    if (it != s.begin())
        out.insert(out.begin(), *(it - 1));
    return out;
}

double lastValue(const std::vector<Sample> &s)
{
    return s.empty() ? kNaN : s.back().value; // NaN after a stale marker
}

} // namespace

double QueueRow::fill() const
{
    if (std::isnan(depth) || !(capacity > 0))
        return kNaN;
    return depth / capacity;
}

std::vector<QueueRow> queryQueues(const SeriesStore &store, const QueueQueryOptions &o)
{
    using Key = std::pair<std::string, std::string>;
    std::map<Key, std::array<SeriesId, PartCount>> ids;
    for (int p = 0; p < PartCount; ++p) {
        const Result<Selector> sel = Selector::parse(kMetrics[p]);
        if (!sel.ok())
            continue;
        for (SeriesId id : store.select(sel.value())) {
            const std::optional<SeriesMeta> meta = store.meta(id);
            if (!meta)
                continue;
            std::string node = labelOf(meta->labels, "instance");
            if (node.empty())
                node = labelOf(meta->labels, "node");
            Key key{std::move(node), labelOf(meta->labels, "queue")};
            auto [it, inserted] = ids.try_emplace(std::move(key));
            if (inserted)
                it->second.fill(kInvalidSeries);
            it->second[std::size_t(p)] = id;
        }
    }
    const std::int64_t from = o.nowMs - o.windowMs;
    const TimeGrid grid = TimeGrid::ending(o.nowMs, o.windowMs, o.trendSteps);
    std::vector<QueueRow> rows;
    for (const auto &[key, partIds] : ids) {
        if (partIds[Depth] == kInvalidSeries)
            continue; // a queue is known by its depth
        std::array<std::vector<Sample>, PartCount> s;
        for (int p = 0; p < PartCount; ++p)
            if (partIds[std::size_t(p)] != kInvalidSeries)
                s[std::size_t(p)] = windowSamples(store, partIds[std::size_t(p)], from, o.nowMs);
        QueueRow r;
        r.node = key.first;
        r.queue = key.second;
        r.depth = lastValue(s[Depth]);
        r.capacity = lastValue(s[Capacity]);
        r.lastMs = s[Depth].empty() ? 0 : s[Depth].back().timestampMs;
        const std::int64_t rateFrom = o.nowMs - o.rateWindowMs;
        r.pushPerSec = counterRate(tail(s[Push], rateFrom));
        r.popPerSec = counterRate(tail(s[Pop], rateFrom));
        r.fullIncrease = counterIncrease(s[Full]);
        r.eta = queueEta(r.depth, r.capacity, r.pushPerSec, r.popPerSec);
        const std::int64_t statusFrom = o.nowMs - o.statusWindowMs;
        const std::vector<Sample> depthWin = tail(s[Depth], statusFrom);
        // Without a pop counter a stall cannot be told from a slow consumer.
        const double pops = partIds[Pop] == kInvalidSeries ? kNaN : counterIncrease(tail(s[Pop], statusFrom));
        r.status = classifyQueue({depthWin, pops,
                                  counterIncrease(tail(s[Full], statusFrom)), r.capacity});
        r.depthTrend = binnedLast(s[Depth], grid);
        rows.push_back(std::move(r));
    }
    return rows;
}

} // namespace vigil

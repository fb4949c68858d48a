// Store-backed queries with exactly known samples: histogram window deltas with a
// counter reset (and a sample before the baseline that must not count), per-bin
// histograms, queue rows (rates, full events, ETA, status) and overview stats.
#include "core/analysis/histogram_query.h"
#include "core/analysis/overview_query.h"
#include "core/analysis/queue_query.h"
#include "core/store/series_store.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace vigil;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

SeriesId put(SeriesStore &store, const std::string &metric, std::vector<LabelView> labels,
             const std::vector<Sample> &samples)
{
    const SeriesId id = store.intern(metric, labels);
    for (const Sample &s : samples)
        store.append(id, s.timestampMs, s.value);
    return id;
}

} // namespace

class TstAnalysisQueries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void histogramWindowDeltas()
    {
        SeriesStore store;
        // t=-10 s is before the window baseline (t=0) and must not count.
        const std::vector<std::pair<const char *, std::vector<double>>> buckets = {
            {"1", {1, 10, 15, 2}}, {"2", {1, 20, 30, 4}}, {"+Inf", {1, 30, 40, 5}}};
        for (const auto &[le, v] : buckets) {
            put(store, "lat_bucket", {{"le", le}, {"instance", "a"}},
                {{-10'000, v[0]}, {0, v[1]}, {30'000, v[2]}, {60'000, v[3]}});
        }
        // A second node with only one sample in the window adds nothing.
        put(store, "lat_bucket", {{"le", "1"}, {"instance", "b"}}, {{60'000, 100}});
        const HistogramOverTime h = queryHistogram(store, "lat", 60'000, 60'000, 2);
        QCOMPARE(h.upperBounds, (std::vector<double>{1, 2, kInf}));
        // Increases: le=1: 5 + reset 2 = 7; le=2: 10 + 4 = 14; +Inf: 10 + 5 = 15.
        QCOMPARE(h.windowCumulative, (std::vector<double>{7, 14, 15}));
        QCOMPARE(h.windowTotal(), 15.0);
        QCOMPARE(h.newestMs, std::int64_t(60'000));
        QCOMPARE(h.seriesCount, std::size_t(4));
        // rank 7.5 in (1, 2]: 1 + 1 * 0.5 / 7
        const QuantileEstimate p50 = h.windowQuantile(0.5);
        QCOMPARE(p50.value, 1.0 + 1.0 * (0.5 / 7.0));
        QCOMPARE(p50.lowerBound, 1.0);
        QCOMPARE(p50.upperBound, 2.0);
        // Bins: (0, 30 s] -> 5, 10, 10; (30 s, 60 s] -> 2, 4, 5.
        QCOMPARE(h.binBuckets(0)[1].count, 10.0);
        QCOMPARE(h.binTotal(0), 10.0);
        QCOMPARE(h.binTotal(1), 5.0);
        QCOMPARE(h.binBucketCount(0, 0), 5.0);
        QCOMPARE(h.binBucketCount(0, 1), 5.0);
        QCOMPARE(h.binBucketCount(0, 2), 0.0);
        QCOMPARE(h.binBucketCount(1, 2), 1.0);
        QCOMPARE(h.windowMaxBound(), kInf); // 1 observation above le=2
        QCOMPARE(h.binQuantile(1, 0.5).value, 1.0 + 1.0 * (0.5 / 2.0)); // rank 2.5 in (1,2]
    }

    void queueRows()
    {
        SeriesStore store;
        std::vector<Sample> depth, push, pop, full, cap, bdepth, bpop;
        for (int i = 0; i <= 12; ++i) {
            const std::int64_t t = i * 10'000;
            const double sec = double(t) / 1000.0;
            depth.push_back({t, 40 + 3 * sec});      // 400 at 120 s
            push.push_back({t, 100 * sec});          // 100/s
            pop.push_back({t, 80 * sec});            // 80/s
            full.push_back({t, i <= 5 ? 5.0 : i <= 10 ? 7.0 : i == 11 ? 1.0 : 2.0}); // +2, reset +1, +1
            cap.push_back({t, 1000});
            bdepth.push_back({t, 10.0 * i});         // grows
            bpop.push_back({t, i < 9 ? 50.0 * i : 400.0}); // pops stop after 80 s
        }
        const std::vector<LabelView> rt = {{"instance", "n1:9100"}, {"queue", "realtime"}};
        const std::vector<LabelView> batch = {{"instance", "n1:9100"}, {"queue", "batch"}};
        put(store, "eventstream_queue_depth", rt, depth);
        put(store, "eventstream_queue_capacity", rt, cap);
        put(store, "eventstream_queue_push_total", rt, push);
        put(store, "eventstream_queue_pop_total", rt, pop);
        put(store, "eventstream_queue_full_total", rt, full);
        put(store, "eventstream_queue_depth", batch, bdepth);
        put(store, "eventstream_queue_capacity", batch, cap);
        put(store, "eventstream_queue_pop_total", batch, bpop);

        QueueQueryOptions o;
        o.nowMs = 120'000;
        o.windowMs = 120'000;
        o.rateWindowMs = 60'000;
        o.statusWindowMs = 30'000;
        o.trendSteps = 4;
        const std::vector<QueueRow> rows = queryQueues(store, o);
        QCOMPARE(rows.size(), std::size_t(2));
        const QueueRow &b = rows[0]; // sorted: batch < realtime
        const QueueRow &r = rows[1];
        QCOMPARE(QString::fromStdString(r.queue), QStringLiteral("realtime"));
        QCOMPARE(QString::fromStdString(r.node), QStringLiteral("n1:9100"));
        QCOMPARE(r.depth, 400.0);
        QCOMPARE(r.capacity, 1000.0);
        QCOMPARE(r.fill(), 0.4);
        QCOMPARE(r.pushPerSec, 100.0);
        QCOMPARE(r.popPerSec, 80.0);
        QCOMPARE(r.fullIncrease, 4.0);
        QCOMPARE(r.eta.trend, QueueTrend::Filling);
        QCOMPARE(r.eta.seconds, 30.0); // (1000 - 400) / (100 - 80)
        QCOMPARE(r.status, QueueStatus::Ok);
        QCOMPARE(r.lastMs, std::int64_t(120'000));
        // Trend bins of 30 s: last depth in (0,30], (30,60], (60,90], (90,120].
        QCOMPARE(r.depthTrend, (std::vector<double>{130, 220, 310, 400}));

        QCOMPARE(QString::fromStdString(b.queue), QStringLiteral("batch"));
        QCOMPARE(b.status, QueueStatus::Stall);
        QVERIFY(std::isnan(b.pushPerSec)); // no push counter
        QCOMPARE(b.eta.trend, QueueTrend::Unknown);
    }

    void overview()
    {
        SeriesStore store;
        for (const char *node : {"a", "b"}) {
            std::vector<Sample> processed, depth;
            for (int i = 0; i <= 6; ++i) {
                const std::int64_t t = i * 10'000;
                // node a: 10/s then 30/s in the second half; node b: 5/s throughout.
                const double a = i <= 3 ? 100.0 * i : 300.0 + 300.0 * (i - 3);
                processed.push_back({t, node[0] == 'a' ? a : 50.0 * i});
                depth.push_back({t, double(10 * i)});
            }
            put(store, "eventstream_events_processed_total", {{"instance", node}}, processed);
            put(store, "eventstream_queue_depth", {{"instance", node}, {"queue", "realtime"}}, depth);
            put(store, "eventstream_queue_capacity", {{"instance", node}, {"queue", "realtime"}},
                {{0, 16384}, {60'000, 16384}});
        }
        const OverviewData d = queryOverview(store, 60'000, 60'000, 2);
        QCOMPARE(d.throughput, (std::vector<double>{15, 35}));
        QCOMPARE(d.throughputThen, 15.0);
        QCOMPARE(d.throughputNow, 35.0);
        QCOMPARE(d.queueDepth, (std::vector<double>{60, 120}));
        QCOMPARE(d.queueDepthNow, 120.0);
        QCOMPARE(d.queues.size(), std::size_t(1));
        QCOMPARE(d.queues[0].depth, 120.0);
        QCOMPARE(d.queues[0].capacity, 32768.0);
        QVERIFY(d.latencyMetric.empty());
        QVERIFY(std::isnan(d.p99Now.value));
        QCOMPARE(d.newestMs, std::int64_t(60'000));
    }
};

QTEST_GUILESS_MAIN(TstAnalysisQueries)
#include "tst_analysis_queries.moc"

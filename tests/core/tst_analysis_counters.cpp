// Counter arithmetic (increase with resets, rate, binned rates/increases/gauges) and
// queue projections and status classification, with hand-computed values.
#include "core/analysis/counter_math.h"
#include "core/analysis/queue_analysis.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace vigil;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<Sample> depthSeries(std::initializer_list<double> values)
{
    std::vector<Sample> out;
    std::int64_t t = 0;
    for (double v : values) {
        out.push_back({t, v});
        t += 10'000;
    }
    return out;
}

} // namespace

class TstAnalysisCounters : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void increaseWithReset()
    {
        // 10 -> 15 (+5) -> 3 (reset: +3) -> 8 (+5)
        const std::vector<Sample> s = {{0, 10}, {1000, 15}, {2000, 3}, {3000, 8}};
        QCOMPARE(counterIncrease(s), 13.0);
        QCOMPARE(counterRate(s), 13.0 / 3.0);
        // A stale marker in between is skipped, not a reset.
        const std::vector<Sample> stale = {{0, 10}, {1000, staleMarker()}, {2000, 12}};
        QCOMPARE(counterIncrease(stale), 2.0);
        QCOMPARE(counterRate(stale), 1.0);
        // Reset to 0 then growth.
        QCOMPARE(counterIncrease(std::vector<Sample>{{0, 100}, {1000, 0}, {2000, 7}}), 7.0);
        QCOMPARE(counterIncrease(std::vector<Sample>{{0, 5}}), 0.0);
        QVERIFY(std::isnan(counterRate(std::vector<Sample>{{0, 5}})));
    }

    void percent()
    {
        QCOMPARE(percentChange(200, 250), 25.0);
        QCOMPARE(percentChange(200, 150), -25.0);
        QVERIFY(std::isnan(percentChange(0, 5)));
        QVERIFY(std::isnan(percentChange(kNaN, 5)));
    }

    void grid()
    {
        const TimeGrid g = TimeGrid::ending(3000, 3000, 3);
        QCOMPARE(g.startMs, std::int64_t(0));
        QCOMPARE(g.stepMs, std::int64_t(1000));
        QCOMPARE(g.binOf(0), -1);   // bins are (start, end]
        QCOMPARE(g.binOf(1), 0);
        QCOMPARE(g.binOf(1000), 0);
        QCOMPARE(g.binOf(1001), 1);
        QCOMPARE(g.binOf(3000), 2);
        QCOMPARE(g.binOf(3001), -1);
    }

    void binnedRateAndIncrease()
    {
        const TimeGrid g = TimeGrid::ending(3000, 3000, 3);
        // bin0: +5 over 0.5 s and +5 over 0.5 s -> 10/s; bin1: +20 over 1 s; bin2: 0/s;
        const std::vector<Sample> s = {{0, 0}, {500, 5}, {1000, 10}, {2000, 30}, {3000, 30}};
        const std::vector<double> r = binnedRate(s, g);
        QCOMPARE(r, (std::vector<double>{10, 20, 0}));
        QCOMPARE(binnedIncrease(s, g), (std::vector<double>{10, 20, 0}));
        // With a reset in bin 2 and no sample in bin 1.
        const std::vector<Sample> t = {{0, 0}, {1000, 10}, {2500, 4}};
        const std::vector<double> r2 = binnedRate(t, g);
        QCOMPARE(r2[0], 10.0);
        QVERIFY(std::isnan(r2[1]));
        QCOMPARE(r2[2], 4.0 / 1.5);
    }

    void binnedGauge()
    {
        const TimeGrid g = TimeGrid::ending(4000, 4000, 4);
        // Value before the grid carries into bin 0; bin 2 is empty and carries bin 1;
        // a stale marker in bin 3 ends the series.
        const std::vector<Sample> s = {{-500, 3}, {1500, 7}, {1900, 8}, {3500, staleMarker()}};
        const std::vector<double> v = binnedLast(s, g);
        QCOMPARE(v[0], 3.0);
        QCOMPARE(v[1], 8.0);
        QCOMPARE(v[2], 8.0);
        QVERIFY(std::isnan(v[3]));
        std::vector<double> acc = {kNaN, 1, kNaN};
        addSeries(acc, {2, kNaN, kNaN});
        QCOMPARE(acc[0], 2.0);
        QCOMPARE(acc[1], 1.0);
        QVERIFY(std::isnan(acc[2]));
    }

    void eta()
    {
        QueueEta e = queueEta(100, 1000, 50, 20); // +30/s, 900 left
        QCOMPARE(e.trend, QueueTrend::Filling);
        QCOMPARE(e.seconds, 30.0);
        e = queueEta(100, 1000, 10, 30); // -20/s
        QCOMPARE(e.trend, QueueTrend::Draining);
        QCOMPARE(e.seconds, 5.0);
        QCOMPARE(queueEta(1000, 1000, 5, 5).trend, QueueTrend::Full);
        QCOMPARE(queueEta(1000, 1000, 5, 50).trend, QueueTrend::Draining);
        QCOMPARE(queueEta(0, 1000, 0, 0).trend, QueueTrend::Empty);
        QCOMPARE(queueEta(0, 1000, 3, 3).trend, QueueTrend::Empty);
        QCOMPARE(queueEta(10, 1000, 5, 5).trend, QueueTrend::Steady);
        QCOMPARE(queueEta(10, 0, 6, 5).trend, QueueTrend::Steady); // capacity unknown
        QCOMPARE(queueEta(10, 1000, kNaN, 5).trend, QueueTrend::Unknown);
    }

    void status()
    {
        const auto depth = [](std::initializer_list<double> v) { return depthSeries(v); };
        const std::vector<Sample> growing = depth({10, 15, 20});
        QCOMPARE(classifyQueue({growing, 0, 0, 100}), QueueStatus::Stall);   // grows, no pops
        QCOMPARE(classifyQueue({growing, 5, 0, 100}), QueueStatus::Ok);      // grows, pops flow
        QCOMPARE(classifyQueue({growing, kNaN, 0, 100}), QueueStatus::Ok);   // pops unknown
        const std::vector<Sample> high = depth({85, 90});
        QCOMPARE(classifyQueue({high, 5, 0, 100}), QueueStatus::Warn);       // 90% > 80%
        const std::vector<Sample> at80 = depth({80, 80});
        QCOMPARE(classifyQueue({at80, 5, 0, 100}), QueueStatus::Ok);         // 80% is not > 80%
        const std::vector<Sample> full = depth({100, 100});
        QCOMPARE(classifyQueue({full, 0, 3, 100}), QueueStatus::Stall);      // full, rejecting, no pops
        QCOMPARE(classifyQueue({full, 0, 0, 100}), QueueStatus::Warn);       // full but quiet
        const std::vector<Sample> idle = depth({0, 0});
        QCOMPARE(classifyQueue({idle, 0, 0, 100}), QueueStatus::Ok);
        const std::vector<Sample> one = depth({50});
        QCOMPARE(classifyQueue({one, 0, 0, 100}), QueueStatus::Ok);          // cannot show growth
        const std::vector<Sample> growingHigh = depth({70, 95});
        QCOMPARE(classifyQueue({growingHigh, 0, 0, 100}), QueueStatus::Stall); // stall beats warn
        QCOMPARE(QString::fromLatin1(queueStatusName(QueueStatus::Stall)), QStringLiteral("STALL"));
    }
};

QTEST_GUILESS_MAIN(TstAnalysisCounters)
#include "tst_analysis_counters.moc"

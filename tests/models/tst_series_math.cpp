// Plot conversion: gauges pass through, counters become Prometheus-style rates
// (a decrease is a reset), stale markers break the line.
#include "models/series_math.h"

#include <QTest>

#include <cmath>

using namespace vigil;

class TstSeriesMath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void whichSeriesPlotAsRate()
    {
        QVERIFY(plotsAsRate(expo::MetricType::Counter, "x"));
        QVERIFY(plotsAsRate(expo::MetricType::Untyped, "requests_total"));
        QVERIFY(plotsAsRate(expo::MetricType::Histogram, "lat_bucket"));
        QVERIFY(!plotsAsRate(expo::MetricType::Gauge, "queue_depth"));
        QVERIFY(!plotsAsRate(expo::MetricType::Summary, "lat"));
    }

    void gaugePassesThroughWithStaleGaps()
    {
        PlotConverter conv(false);
        std::vector<PlotPoint> out;
        const std::vector<Sample> in = {{1000, 1}, {2000, 2}, {3000, staleMarker()}, {4000, 4}};
        conv.append(in, out);
        QCOMPARE(out.size(), std::size_t(4));
        QCOMPARE(out[0].keySeconds, 1.0);
        QCOMPARE(out[1].value, 2.0);
        QVERIFY(std::isnan(out[2].value));
        QCOMPARE(out[3].value, 4.0);
    }

    void counterRateHandlesResetsAndStaleness()
    {
        PlotConverter conv(true);
        std::vector<PlotPoint> out;
        // 10 -> 20 in 1 s, 20 -> 40 in 2 s, reset to 5 (increase 5) in 1 s
        const std::vector<Sample> a = {{1000, 10}, {2000, 20}, {4000, 40}};
        const std::vector<Sample> b = {{5000, 5}, {6000, staleMarker()}, {7000, 100}, {9000, 104}};
        conv.append(a, out);
        conv.append(b, out); // state carries across calls
        QCOMPARE(out.size(), std::size_t(5));
        QCOMPARE(out[0].keySeconds, 2.0);
        QCOMPARE(out[0].value, 10.0);
        QCOMPARE(out[1].value, 10.0);
        QCOMPARE(out[2].keySeconds, 5.0);
        QCOMPARE(out[2].value, 5.0);
        QVERIFY(std::isnan(out[3].value)); // the gap
        QCOMPARE(out[4].keySeconds, 9.0);  // the first sample after a gap yields no rate
        QCOMPARE(out[4].value, 2.0);
    }
};

QTEST_GUILESS_MAIN(TstSeriesMath)
#include "tst_series_math.moc"

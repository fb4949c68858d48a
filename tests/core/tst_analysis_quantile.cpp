// histogramQuantile(): hand-computed values and every Prometheus edge case (q out of
// range, no +Inf bucket, < 2 buckets, zero count, non-monotonic counts, duplicate
// bounds, bounds <= 0, rank in the +Inf bucket), each with its bracketing bucket.
#include "core/analysis/histogram_quantile.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace vigil;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Cumulative: 10 in (0,1], 20 in (1,2], 10 in (2,4], 10 above 4.
std::vector<HistogramBucket> basic()
{
    return {{1, 10}, {2, 30}, {4, 40}, {kInf, 50}};
}

} // namespace

class TstAnalysisQuantile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void interpolates_data()
    {
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("lower");
        QTest::addColumn<double>("upper");
        // rank = q * 50
        QTest::newRow("q0.1 first bucket, lower bound 0") << 0.1 << 0.5 << 0.0 << 1.0;  // 0 + 1 * 5/10
        QTest::newRow("q0.2 first bucket top") << 0.2 << 1.0 << 0.0 << 1.0;             // rank 10 == count
        QTest::newRow("q0.5") << 0.5 << 1.75 << 1.0 << 2.0;                             // 1 + 1 * 15/20
        QTest::newRow("q0.7") << 0.7 << 3.0 << 2.0 << 4.0;                              // 2 + 2 * 5/10
        QTest::newRow("q0.8 exact bucket top") << 0.8 << 4.0 << 2.0 << 4.0;             // rank 40
        QTest::newRow("q0.9 in +Inf") << 0.9 << 4.0 << 4.0 << kInf;
        QTest::newRow("q1 in +Inf") << 1.0 << 4.0 << 4.0 << kInf;
        QTest::newRow("q0 rank 0") << 0.0 << 0.0 << 0.0 << 1.0;
    }
    void interpolates()
    {
        QFETCH(double, q);
        QFETCH(double, value);
        QFETCH(double, lower);
        QFETCH(double, upper);
        const QuantileEstimate e = histogramQuantile(q, basic());
        QCOMPARE(e.value, value);
        QCOMPARE(e.lowerBound, lower);
        QCOMPARE(e.upperBound, upper);
        QVERIFY(e.ok());
    }

    void outOfRangeQuantiles()
    {
        QCOMPARE(histogramQuantile(-0.1, basic()).value, -kInf);
        QCOMPARE(histogramQuantile(1.01, basic()).value, kInf);
        QVERIFY(std::isnan(histogramQuantile(std::nan(""), basic()).value));
        // Even without buckets, q outside [0,1] wins (as in Prometheus).
        QCOMPARE(histogramQuantile(-1, {}).value, -kInf);
        QCOMPARE(histogramQuantile(2, {}).value, kInf);
        const QuantileEstimate e = histogramQuantile(2, basic());
        QVERIFY(!e.ok());
        QVERIFY(std::isnan(e.lowerBound) && std::isnan(e.upperBound));
    }

    void nanCases()
    {
        QVERIFY(std::isnan(histogramQuantile(0.5, {}).value));
        // No +Inf bucket.
        QVERIFY(std::isnan(histogramQuantile(0.5, {{1, 10}, {2, 20}}).value));
        // Fewer than 2 buckets.
        QVERIFY(std::isnan(histogramQuantile(0.5, {{kInf, 10}}).value));
        // Two series with the same bound (+Inf) coalesce into one bucket: < 2 buckets.
        QVERIFY(std::isnan(histogramQuantile(0.5, {{kInf, 10}, {kInf, 5}}).value));
        // Zero observations.
        QVERIFY(std::isnan(histogramQuantile(0.5, {{1, 0}, {2, 0}, {kInf, 0}}).value));
        // q = 0 with an empty first bucket is 0/0 in Prometheus too.
        QVERIFY(std::isnan(histogramQuantile(0, {{1, 0}, {2, 10}, {kInf, 10}}).value));
        // A -Inf bound never counts as the +Inf bucket.
        QVERIFY(std::isnan(histogramQuantile(0.5, {{-kInf, 1}, {1, 2}}).value));
    }

    void sortsBuckets()
    {
        const QuantileEstimate e = histogramQuantile(0.5, {{kInf, 50}, {2, 30}, {4, 40}, {1, 10}});
        QCOMPARE(e.value, 1.75);
        QCOMPARE(e.lowerBound, 1.0);
        QCOMPARE(e.upperBound, 2.0);
    }

    void ensuresMonotonic()
    {
        // (2, 8) is raised to the running maximum 10: q 0.5 -> rank 25 in (2,4]:
        // 2 + 2 * (25 - 10) / (40 - 10) = 3.
        const QuantileEstimate e = histogramQuantile(0.5, {{1, 10}, {2, 8}, {4, 40}, {kInf, 50}});
        QCOMPARE(e.value, 3.0);
        QCOMPARE(e.lowerBound, 2.0);
        QCOMPARE(e.upperBound, 4.0);
        // The total itself below a finite bucket: +Inf is raised to 60, so counts are
        // 10, 30, 60, 60; q 0.9 -> rank 54, first >= 54 is le=4: 2 + 2 * (54 - 30) / 30.
        const QuantileEstimate f = histogramQuantile(0.9, {{1, 10}, {2, 30}, {4, 60}, {kInf, 50}});
        QCOMPARE(f.value, 2.0 + 2.0 * (24.0 / 30.0));
        QCOMPARE(f.lowerBound, 2.0);
        QCOMPARE(f.upperBound, 4.0);
    }

    void coalescesDuplicateBounds()
    {
        // le="1" and le="1.0" from two series: 4 + 6 = 10 -> same as basic().
        const QuantileEstimate e = histogramQuantile(0.1, {{1, 4}, {1, 6}, {2, 30}, {4, 40}, {kInf, 50}});
        QCOMPARE(e.value, 0.5);
        QCOMPARE(e.upperBound, 1.0);
    }

    void nonPositiveFirstBound()
    {
        const std::vector<HistogramBucket> b = {{-1, 10}, {0, 20}, {kInf, 40}};
        // rank 4 in the first bucket, bound -1 <= 0: the bound itself.
        QuantileEstimate e = histogramQuantile(0.1, b);
        QCOMPARE(e.value, -1.0);
        QCOMPARE(e.lowerBound, -kInf);
        QCOMPARE(e.upperBound, -1.0);
        // rank 16 in (-1, 0]: -1 + 1 * 6/10.
        e = histogramQuantile(0.4, b);
        QCOMPARE(e.value, -1.0 + 0.6);
        QCOMPARE(e.lowerBound, -1.0);
        QCOMPARE(e.upperBound, 0.0);
        // First bound exactly 0.
        e = histogramQuantile(0.2, {{0, 10}, {1, 20}, {kInf, 20}});
        QCOMPARE(e.value, 0.0);
        QCOMPARE(e.upperBound, 0.0);
    }

    void seedExample()
    {
        // The monitoring doc's example histogram (ns): P50 in (100, 500], P99 in (1000, 2000].
        const std::vector<HistogramBucket> b = {
            {100, 45123}, {500, 89234}, {1000, 98234}, {2000, 99800}, {kInf, 100000}};
        const QuantileEstimate p50 = histogramQuantile(0.5, b);
        QCOMPARE(p50.value, 100.0 + 400.0 * ((50000.0 - 45123.0) / (89234.0 - 45123.0)));
        QCOMPARE(p50.lowerBound, 100.0);
        QCOMPARE(p50.upperBound, 500.0);
        const QuantileEstimate p99 = histogramQuantile(0.99, b);
        QCOMPARE(p99.value, 1000.0 + 1000.0 * ((99000.0 - 98234.0) / (99800.0 - 98234.0)));
        QCOMPARE(p99.lowerBound, 1000.0);
        QCOMPARE(p99.upperBound, 2000.0);
        // P99.9: rank 99900 > 99800, in +Inf -> highest finite bound.
        QCOMPARE(histogramQuantile(0.999, b).value, 2000.0);
    }

    void parsesBounds()
    {
        QCOMPARE(parseBucketBound("+Inf"), kInf);
        QCOMPARE(parseBucketBound("0.5"), 0.5);
        QCOMPARE(parseBucketBound("1e3"), 1000.0);
        QCOMPARE(parseBucketBound("100000"), 100000.0);
        QVERIFY(std::isnan(parseBucketBound("")));
        QVERIFY(std::isnan(parseBucketBound("12ms")));
    }
};

QTEST_GUILESS_MAIN(TstAnalysisQuantile)
#include "tst_analysis_quantile.moc"

// LatencyHistogram percentiles against exact percentiles of the sorted data (random and
// adversarial distributions), bucket layout, merge/reset/recordN, and WindowedHistogram
// slot expiry driven by an explicit clock.
#include "core/engine/latency_histogram.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>
#include <vector>

using namespace vigil;

namespace {

constexpr std::int64_t kMax = LatencyHistogram::kMaxValue;
constexpr double kMaxRelativeError = 0.01;

// Percentiles in parts per 10,000 so the exact rank is integer arithmetic, independent
// of LatencyHistogram::rankAtPercentile.
constexpr std::int64_t kPercentilesX100[] = {0, 1, 100, 1000, 2500, 5000, 7500, 9000, 9500, 9900, 9990, 9999, 10000};

std::uint64_t exactRank(std::int64_t pX100, std::uint64_t n)
{
    const std::uint64_t r = (static_cast<std::uint64_t>(pX100) * n + 9999) / 10000;
    return std::clamp<std::uint64_t>(r, 1, n);
}

double relativeError(double reported, std::int64_t exact)
{
    if (exact == 0)
        return reported == 0 ? 0 : 1e9;
    return std::abs(reported - static_cast<double>(exact)) / static_cast<double>(exact);
}

// Records `values` and checks every percentile, min, max, count and summary() against
// the sorted data. Returns an empty string or the first failure.
std::string checkAgainstExact(const std::vector<std::int64_t> &values)
{
    LatencyHistogram h;
    for (std::int64_t v : values)
        h.record(v);
    std::vector<std::int64_t> sorted = values;
    for (auto &v : sorted)
        v = std::clamp<std::int64_t>(v, 0, kMax);
    std::sort(sorted.begin(), sorted.end());
    const std::uint64_t n = sorted.size();
    if (h.count() != n)
        return "count " + std::to_string(h.count()) + " != " + std::to_string(n);
    if (h.min() != sorted.front() || h.max() != sorted.back())
        return "min/max " + std::to_string(h.min()) + "/" + std::to_string(h.max());
    for (std::int64_t p : kPercentilesX100) {
        const double pct = static_cast<double>(p) / 100.0;
        if (LatencyHistogram::rankAtPercentile(pct, n) != exactRank(p, n))
            return "rank at p" + std::to_string(pct) + ": " + std::to_string(LatencyHistogram::rankAtPercentile(pct, n))
                + " != " + std::to_string(exactRank(p, n));
        const std::int64_t exact = sorted[exactRank(p, n) - 1];
        const double got = h.valueAtPercentile(pct);
        if (relativeError(got, exact) > kMaxRelativeError)
            return "p" + std::to_string(pct) + ": got " + std::to_string(got) + " exact " + std::to_string(exact);
    }
    const LatencySummary s = h.summary();
    const std::pair<double, std::int64_t> fields[] = {{s.p50, 5000}, {s.p90, 9000}, {s.p99, 9900}, {s.p999, 9990}};
    for (const auto &[got, p] : fields) {
        const std::int64_t exact = sorted[exactRank(p, n) - 1];
        if (relativeError(got, exact) > kMaxRelativeError)
            return "summary p" + std::to_string(p / 100.0) + ": got " + std::to_string(got) + " exact " + std::to_string(exact);
        if (got != h.valueAtPercentile(static_cast<double>(p) / 100.0))
            return "summary and valueAtPercentile disagree at p" + std::to_string(p / 100.0);
    }
    if (s.count != n || s.max != static_cast<double>(sorted.back()))
        return "summary count/max";
    return {};
}

#define CHECK_EXACT(values)                                                                                             \
    do {                                                                                                                \
        const std::string failure = checkAgainstExact(values);                                                         \
        QVERIFY2(failure.empty(), failure.c_str());                                                                     \
    } while (false)

} // namespace

class TestLatencyHistogram : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketLayout()
    {
        QCOMPARE(LatencyHistogram::bucketIndex(kMax), LatencyHistogram::kBucketCount - 1);
        QCOMPARE(LatencyHistogram::bucketLowest(0), std::int64_t{0});
        for (std::size_t i = 0; i + 1 < LatencyHistogram::kBucketCount; ++i) {
            const std::int64_t lo = LatencyHistogram::bucketLowest(i), hi = LatencyHistogram::bucketHighest(i);
            QVERIFY2(LatencyHistogram::bucketLowest(i + 1) == hi + 1, qPrintable(QString::number(i)));
            QCOMPARE(LatencyHistogram::bucketIndex(lo), i);
            QCOMPARE(LatencyHistogram::bucketIndex(hi), i);
            // Width relative to the lowest value bounds the percentile error.
            QVERIFY(lo == 0 || static_cast<double>(hi - lo) / static_cast<double>(lo) <= 1.0 / 128);
        }
        std::mt19937_64 rng(1);
        for (int k = 0; k < 100000; ++k) {
            const std::int64_t v = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(kMax + 1));
            const std::size_t i = LatencyHistogram::bucketIndex(v);
            QVERIFY(LatencyHistogram::bucketLowest(i) <= v && v <= LatencyHistogram::bucketHighest(i));
        }
    }

    void rankConvention()
    {
        QCOMPARE(LatencyHistogram::rankAtPercentile(99.9, 1000), std::uint64_t{999});
        QCOMPARE(LatencyHistogram::rankAtPercentile(50, 100), std::uint64_t{50});
        QCOMPARE(LatencyHistogram::rankAtPercentile(50, 101), std::uint64_t{51});
        QCOMPARE(LatencyHistogram::rankAtPercentile(0, 7), std::uint64_t{1});
        QCOMPARE(LatencyHistogram::rankAtPercentile(100, 7), std::uint64_t{7});
        QCOMPARE(LatencyHistogram::rankAtPercentile(150, 7), std::uint64_t{7});
        for (std::uint64_t n : {1u, 2u, 3u, 7u, 10u, 999u, 1000u, 1001u, 123457u})
            for (std::int64_t p = 0; p <= 10000; p += 7)
                QCOMPARE(LatencyHistogram::rankAtPercentile(static_cast<double>(p) / 100.0, n), exactRank(p, n));
    }

    void emptyHistogram()
    {
        LatencyHistogram h;
        QCOMPARE(h.count(), std::uint64_t{0});
        QCOMPARE(h.valueAtPercentile(50), 0.0);
        const LatencySummary s = h.summary();
        QCOMPARE(s.count, std::uint64_t{0});
        QCOMPARE(s.p999, 0.0);
        QCOMPARE(s.max, 0.0);
    }

    void randomDistributions_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("uniform 0..1h") << 0;
        QTest::newRow("uniform 100ns..100us") << 1;
        QTest::newRow("log-uniform 1ns..1h") << 2;
        QTest::newRow("lognormal ~50us") << 3;
        QTest::newRow("small n=7") << 4;
    }
    void randomDistributions()
    {
        QFETCH(int, kind);
        std::mt19937_64 rng(42 + kind);
        std::vector<std::int64_t> values;
        const int n = kind == 4 ? 7 : 200000;
        std::uniform_int_distribution<std::int64_t> full(0, kMax), realistic(100, 100000);
        std::uniform_real_distribution<double> logU(0, std::log(static_cast<double>(kMax)));
        std::lognormal_distribution<double> logN(std::log(50000.0), 1.5);
        for (int i = 0; i < n; ++i) {
            switch (kind) {
            case 0: values.push_back(full(rng)); break;
            case 1: values.push_back(realistic(rng)); break;
            case 2: values.push_back(static_cast<std::int64_t>(std::exp(logU(rng)))); break;
            case 3: values.push_back(static_cast<std::int64_t>(logN(rng))); break;
            default: values.push_back(full(rng) % 1000000); break;
            }
        }
        CHECK_EXACT(values);
    }

    void allSameValue_data()
    {
        QTest::addColumn<qint64>("value");
        for (qint64 v : std::initializer_list<qint64>{0, 1, 127, 255, 256, 257, 1000, 12345678, 999999999, kMax - 1, kMax})
            QTest::newRow(qPrintable(QString::number(v))) << v;
    }
    void allSameValue()
    {
        QFETCH(qint64, value);
        CHECK_EXACT(std::vector<std::int64_t>(10001, value));
        // Representatives are clamped into [min, max]: a constant is reported exactly.
        LatencyHistogram h;
        h.recordN(value, 5);
        const LatencySummary s = h.summary();
        QCOMPARE(s.p50, static_cast<double>(value));
        QCOMPARE(s.p999, static_cast<double>(value));
    }

    void twoSpikes()
    {
        // 990 at 1 ns, 10 at 1 h: p99 is the last 1 ns value, p99.9 is 1 h.
        std::vector<std::int64_t> v(990, 1);
        v.insert(v.end(), 10, kMax);
        CHECK_EXACT(v);
        LatencyHistogram h;
        for (auto x : v)
            h.record(x);
        QCOMPARE(h.summary().p99, 1.0);
        QCOMPARE(h.summary().p999, static_cast<double>(kMax));
        // Half and half: p50 sits exactly on the last low value.
        std::vector<std::int64_t> half(500, 300);
        half.insert(half.end(), 500, 3'000'000'000);
        CHECK_EXACT(half);
        // Interleaved order must not matter.
        std::mt19937_64 rng(3);
        std::shuffle(half.begin(), half.end(), rng);
        CHECK_EXACT(half);
    }

    void powersOfTwo()
    {
        std::vector<std::int64_t> v;
        for (int k = 0; k <= 41; ++k)
            for (int r = 0; r <= k; ++r) // uneven counts so every rank lands somewhere new
                v.push_back(std::int64_t{1} << k);
        for (int k = 1; k <= 41; ++k)
            v.push_back((std::int64_t{1} << k) - 1);
        CHECK_EXACT(v);
    }

    void bucketBoundaries()
    {
        std::vector<std::int64_t> v;
        for (std::size_t i = 0; i < LatencyHistogram::kBucketCount; i += 3) {
            v.push_back(LatencyHistogram::bucketLowest(i));
            v.push_back(LatencyHistogram::bucketHighest(i));
        }
        CHECK_EXACT(v);
        // Only lowest values: the highest-equivalent representative is the worst case.
        std::vector<std::int64_t> lows;
        for (std::size_t i = 0; i < LatencyHistogram::kBucketCount; ++i)
            lows.push_back(LatencyHistogram::bucketLowest(i));
        CHECK_EXACT(lows);
    }

    void extremesAndClamping()
    {
        CHECK_EXACT(std::vector<std::int64_t>{1});
        CHECK_EXACT(std::vector<std::int64_t>{kMax});
        CHECK_EXACT((std::vector<std::int64_t>{1, kMax, 1, kMax, 2}));

        LatencyHistogram h;
        h.record(kMax + 1);
        h.record(std::int64_t{1} << 62);
        h.record(kMax);
        h.record(-5);
        QCOMPARE(h.overflowCount(), std::uint64_t{2});
        QCOMPARE(h.count(), std::uint64_t{4});
        QCOMPARE(h.max(), kMax);
        QCOMPARE(h.min(), std::int64_t{0});
        QCOMPARE(h.valueAtPercentile(100), static_cast<double>(kMax));
        QCOMPARE(h.valueAtPercentile(25), 0.0);
        QCOMPARE(h.countAtBucket(LatencyHistogram::kBucketCount - 1), std::uint64_t{3});
        // The clamped data is what percentiles describe.
        CHECK_EXACT((std::vector<std::int64_t>{-7, 5, kMax * 2, 40, 40}));
    }

    void recordNEqualsRepeatedRecord()
    {
        LatencyHistogram a, b;
        std::mt19937_64 rng(5);
        for (int i = 0; i < 1000; ++i) {
            const std::int64_t v = static_cast<std::int64_t>(rng() % (1ull << 43)) - 1000;
            const std::uint64_t n = rng() % 4;
            a.recordN(v, n);
            for (std::uint64_t k = 0; k < n; ++k)
                b.record(v);
        }
        QCOMPARE(a.count(), b.count());
        QCOMPARE(a.overflowCount(), b.overflowCount());
        QCOMPARE(a.min(), b.min());
        QCOMPARE(a.max(), b.max());
        for (std::size_t i = 0; i < LatencyHistogram::kBucketCount; ++i)
            QCOMPARE(a.countAtBucket(i), b.countAtBucket(i));
    }

    void mergeEqualsSingle()
    {
        LatencyHistogram one, parts[3], merged;
        std::mt19937_64 rng(9);
        std::lognormal_distribution<double> logN(std::log(20000.0), 2.0);
        for (int i = 0; i < 300000; ++i) {
            const std::int64_t v = i % 1000 == 0 ? kMax + i : static_cast<std::int64_t>(logN(rng));
            one.record(v);
            parts[i % 3 == 0 ? 0 : (i % 7 == 0 ? 1 : 2)].record(v);
        }
        LatencyHistogram empty;
        merged.merge(empty); // no-op
        for (const auto &p : parts)
            merged.merge(p);
        merged.merge(empty);
        QCOMPARE(merged.count(), one.count());
        QCOMPARE(merged.overflowCount(), one.overflowCount());
        QCOMPARE(merged.min(), one.min());
        QCOMPARE(merged.max(), one.max());
        for (std::size_t i = 0; i < LatencyHistogram::kBucketCount; ++i)
            QCOMPARE(merged.countAtBucket(i), one.countAtBucket(i));
        const LatencySummary a = merged.summary(), b = one.summary();
        QCOMPARE(a.p50, b.p50);
        QCOMPARE(a.p90, b.p90);
        QCOMPARE(a.p99, b.p99);
        QCOMPARE(a.p999, b.p999);
        QCOMPARE(a.max, b.max);
        QCOMPARE(a.count, b.count);
    }

    void resetClearsEverything()
    {
        LatencyHistogram h;
        for (std::int64_t v : std::initializer_list<std::int64_t>{3, 5000, 7000000, kMax * 3})
            h.record(v);
        h.reset();
        QCOMPARE(h.count(), std::uint64_t{0});
        QCOMPARE(h.overflowCount(), std::uint64_t{0});
        QCOMPARE(h.max(), std::int64_t{0});
        for (std::size_t i = 0; i < LatencyHistogram::kBucketCount; ++i)
            QCOMPARE(h.countAtBucket(i), std::uint64_t{0});
        h.record(42);
        QCOMPARE(h.min(), std::int64_t{42});
        QCOMPARE(h.summary().p999, 42.0);
    }

    // --- WindowedHistogram: 60 s in 6 slots of 10 s, explicit clock ------------------

    void windowDropsOldSlotsExactly()
    {
        constexpr std::int64_t s = 1'000'000'000;
        WindowedHistogram w(60, 6);
        QCOMPARE(w.slotNs(), 10 * s);
        QCOMPARE(w.slotCount(), std::size_t{6});
        const std::int64_t t0 = 1'700'000'000 * s; // realistic wall-clock ns
        w.record(1000, t0 + 5 * s);                 // epoch e
        w.record(2000, t0 + 15 * s);                // epoch e+1
        QCOMPARE(w.summary(t0 + 15 * s).count, std::uint64_t{2});
        // The first value's slot (t0 .. t0+10 s) is live until t0 + 60 s exclusive.
        QCOMPARE(w.summary(t0 + 60 * s - 1).count, std::uint64_t{2});
        QCOMPARE(w.summary(t0 + 60 * s).count, std::uint64_t{1});
        QCOMPARE(w.summary(t0 + 60 * s).max, 2000.0);
        QCOMPARE(w.summary(t0 + 70 * s - 1).count, std::uint64_t{1});
        QCOMPARE(w.summary(t0 + 70 * s).count, std::uint64_t{0});
    }

    void windowReusesSlotsAfterWrap()
    {
        constexpr std::int64_t s = 1'000'000'000;
        WindowedHistogram w(60, 6);
        for (int sec = 0; sec < 600; ++sec) // one value per second for 10 minutes
            w.record(sec + 1, sec * s);
        // At t = 599 s the live epochs are 54..59, i.e. seconds 540..599.
        LatencyHistogram live;
        w.mergeLiveInto(live, 599 * s);
        QCOMPARE(live.count(), std::uint64_t{60});
        QCOMPARE(live.min(), std::int64_t{541});
        QCOMPARE(live.max(), std::int64_t{600});
        // Jumping far ahead drops everything; recording again after that starts fresh.
        QCOMPARE(w.summary(10'000 * s).count, std::uint64_t{0});
        w.record(7, 10'000 * s);
        QCOMPARE(w.summary(10'000 * s).count, std::uint64_t{1});
        QCOMPARE(w.summary(10'000 * s).p50, 7.0);
        // A slot reused after the wrap holds only its new epoch's data.
        w.record(9, 10'010 * s);
        QCOMPARE(w.summary(10'010 * s).count, std::uint64_t{2});
    }

    void windowClockGoingBackwards()
    {
        constexpr std::int64_t s = 1'000'000'000;
        WindowedHistogram w(60, 6);
        w.record(100, 100 * s);
        w.record(200, 50 * s); // earlier than the current slot: kept in the current slot
        QCOMPARE(w.summary(100 * s).count, std::uint64_t{2});
        QCOMPARE(w.summary(40 * s).count, std::uint64_t{2}); // a stale reader clock
        w.reset();
        QCOMPARE(w.summary(100 * s).count, std::uint64_t{0});
        QVERIFY(w.memoryBytes() >= 6 * LatencyHistogram::kBucketCount * sizeof(std::uint64_t));
    }
};

QTEST_GUILESS_MAIN(TestLatencyHistogram)
#include "tst_latency_histogram.moc"

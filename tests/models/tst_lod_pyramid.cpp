// LodPyramid: exact M4 output on hand-made columns (first/min/max/last, NaN gaps, edge
// points), level sizes and memory, and the contract checked against brute force on
// random walks with NaN gaps, ties and spikes — while growing, after dropping the head,
// and on 10 M points where single-sample spikes and a single NaN must survive.
#include "models/lod_pyramid.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace vigil;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

using Points = std::vector<LodPoint>;

Points keyed(std::initializer_list<double> values)
{
    Points p;
    double k = 0;
    for (double v : values)
        p.push_back({k++, v});
    return p;
}

bool same(const LodPoint &a, const LodPoint &b)
{
    return a.key == b.key && (a.value == b.value || (std::isnan(a.value) && std::isnan(b.value)));
}

QString describe(const Points &p)
{
    QStringList s;
    for (const LodPoint &x : p)
        s << QStringLiteral("(%1,%2)").arg(x.key).arg(x.value);
    return s.join(QLatin1Char(' '));
}

// Checks `out = decimate(lo, hi, cols)` of `raw` (strictly increasing keys) against the
// contract; returns what is wrong, or an empty string.
QString check(const Points &raw, double lo, double hi, int cols, const Points &out)
{
    const auto where =
        QStringLiteral(" [lo=%1 hi=%2 cols=%3]").arg(lo, 0, 'g', 17).arg(hi, 0, 'g', 17).arg(cols);
    const auto byKey = [](const LodPoint &p, double k) { return p.key < k; };
    const std::size_t i0 = std::size_t(std::lower_bound(raw.begin(), raw.end(), lo, byKey) - raw.begin());
    std::size_t iEnd = i0;
    while (iEnd < raw.size() && raw[iEnd].key <= hi)
        ++iEnd;
    // 1. A subsequence of the raw points.
    std::vector<std::size_t> idx;
    for (const LodPoint &p : out) {
        const auto at = std::lower_bound(raw.begin(), raw.end(), p.key, byKey);
        const std::size_t i = std::size_t(at - raw.begin());
        if (i == raw.size() || !same(raw[i], p) || (!idx.empty() && i <= idx.back()))
            return QStringLiteral("point (%1,%2) is not the next raw point").arg(p.key).arg(p.value) + where;
        idx.push_back(i);
    }
    // 2. One point beyond each edge when there is one.
    std::size_t first = 0, last = idx.size();
    if (i0 > 0) {
        if (idx.empty() || idx.front() != i0 - 1)
            return QStringLiteral("missing the point before the range") + where;
        first = 1;
    }
    if (iEnd < raw.size()) {
        if (idx.empty() || idx.back() != iEnd)
            return QStringLiteral("missing the point after the range") + where;
        --last;
    }
    if (first > last)
        return QStringLiteral("edge points overlap") + where;
    // 3. Per column: exact min/max, first and last present, <= 4 values, gaps shown.
    std::vector<double> edges;
    for (int c = 1; c < cols; ++c)
        edges.push_back(LodPyramid::columnEdge(lo, hi, cols, c));
    const auto columnOf = [&](double k) {
        return int(std::upper_bound(edges.begin(), edges.end(), k) - edges.begin());
    };
    struct Column
    {
        double min = std::numeric_limits<double>::infinity(), max = -std::numeric_limits<double>::infinity();
        std::size_t first = SIZE_MAX, last = 0, values = 0;
        bool nan = false;
    };
    std::vector<Column> want(std::size_t(std::max(cols, 1))), got(want.size());
    for (std::size_t i = i0; i < iEnd; ++i) {
        Column &c = want[std::size_t(columnOf(raw[i].key))];
        c.first = std::min(c.first, i);
        c.last = i;
        if (std::isnan(raw[i].value)) {
            c.nan = true;
        } else {
            c.min = std::min(c.min, raw[i].value);
            c.max = std::max(c.max, raw[i].value);
        }
    }
    std::vector<char> emitted(raw.size(), 0);
    for (std::size_t j = first; j < last; ++j) {
        const std::size_t i = idx[j];
        if (i < i0 || i >= iEnd)
            return QStringLiteral("point %1 outside the range").arg(i) + where;
        emitted[i] = 1;
        Column &c = got[std::size_t(columnOf(raw[i].key))];
        if (std::isnan(raw[i].value)) {
            c.nan = true;
        } else {
            c.min = std::min(c.min, raw[i].value);
            c.max = std::max(c.max, raw[i].value);
            ++c.values;
        }
    }
    for (std::size_t c = 0; c < want.size(); ++c) {
        const Column &w = want[c], &g = got[c];
        if (w.min != g.min || w.max != g.max)
            return QStringLiteral("column %1: min/max %2/%3, want %4/%5")
                       .arg(c).arg(g.min).arg(g.max).arg(w.min).arg(w.max)
                + where;
        if (w.first != SIZE_MAX && (!emitted[w.first] || !emitted[w.last]))
            return QStringLiteral("column %1: first or last point missing").arg(c) + where;
        if (g.values > 4)
            return QStringLiteral("column %1: %2 values").arg(c).arg(g.values) + where;
        if (w.nan != g.nan)
            return QStringLiteral("column %1: gap shown %2, want %3").arg(c).arg(g.nan).arg(w.nan) + where;
    }
    // 4. The drawn line never joins two values that the raw data does not join.
    std::vector<std::uint32_t> nanBefore(raw.size() + 1, 0);
    for (std::size_t i = 0; i < raw.size(); ++i)
        nanBefore[i + 1] = nanBefore[i] + (std::isnan(raw[i].value) ? 1 : 0);
    for (std::size_t j = 1; j < idx.size(); ++j) {
        const std::size_t a = idx[j - 1], b = idx[j];
        if (!std::isnan(raw[a].value) && !std::isnan(raw[b].value) && nanBefore[b] != nanBefore[a + 1])
            return QStringLiteral("line joins %1 and %2 across a gap").arg(a).arg(b) + where;
    }
    return {};
}

// Random walk with irregular key steps, plateaus (ties), spikes and NaN gaps.
Points randomSeries(std::mt19937_64 &rng, std::size_t n, double startKey = 0)
{
    std::uniform_real_distribution<double> u(0, 1);
    Points p;
    p.reserve(n);
    double key = startKey, v = 0;
    std::size_t gap = 0, plateau = 0;
    for (std::size_t i = 0; i < n; ++i) {
        key += 0.25 + u(rng);
        if (gap == 0 && u(rng) < 0.002)
            gap = 1 + std::size_t(u(rng) * 6);
        if (plateau == 0 && u(rng) < 0.01)
            plateau = 1 + std::size_t(u(rng) * 20);
        if (plateau > 0)
            --plateau;
        else
            v += u(rng) - 0.5;
        double value = u(rng) < 0.0005 ? v + (u(rng) < 0.5 ? -50 : 50) : v;
        if (gap > 0) {
            --gap;
            value = kNaN;
        }
        p.push_back({key, value});
    }
    return p;
}

void randomQueries(std::mt19937_64 &rng, const LodPyramid &pyr, const Points &raw, int count)
{
    static const int kColumns[] = {1, 2, 3, 7, 64, 333, 1600, 5000};
    std::uniform_real_distribution<double> u(0, 1);
    const double k0 = raw.front().key, k1 = raw.back().key, span = k1 - k0;
    Points out;
    for (int q = 0; q < count; ++q) {
        double lo = k0 - 0.1 * span + u(rng) * 1.2 * span;
        double hi = lo + span * std::pow(10.0, -4 * u(rng)) * (u(rng) < 0.2 ? 1.5 : 1.0);
        if (q % 10 == 0) // exactly on sample keys
            lo = raw[std::size_t(u(rng) * double(raw.size() - 1))].key, hi = raw.back().key;
        const int cols = kColumns[std::size_t(q) % std::size(kColumns)];
        pyr.decimate(lo, hi, cols, out);
        const QString err = check(raw, lo, hi, cols, out);
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }
}

} // namespace

class TstLodPyramid : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneColumnKeepsFirstMinMaxLastInOrder()
    {
        LodPyramid p;
        QCOMPARE(p.append(keyed({3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3})), std::size_t(16));
        Points out;
        p.decimate(0, 15, 1, out);
        // Ties go to the earliest: min is the 1 at key 1, max the 9 at key 5.
        const Points want = {{0, 3}, {1, 1}, {5, 9}, {15, 3}};
        QVERIFY2(std::ranges::equal(out, want, same), qPrintable(describe(out)));

        p.decimate(0, 15, 2, out); // columns [0, 7.5) and [7.5, 15]
        const Points two = {{0, 3}, {1, 1}, {5, 9}, {7, 6}, {8, 5}, {9, 3}, {12, 9}, {15, 3}};
        QVERIFY2(std::ranges::equal(out, two, same), qPrintable(describe(out)));
    }

    void gapInsideColumnBreaksTheLine()
    {
        LodPyramid p;
        p.append(keyed({1, 5, kNaN, 2, 0, 7, 3, 4}));
        Points out;
        p.decimate(0, 7, 1, out);
        const Points want = {{0, 1}, {2, kNaN}, {4, 0}, {5, 7}, {7, 4}};
        QVERIFY2(std::ranges::equal(out, want, same), qPrintable(describe(out)));

        LodPyramid allGap;
        allGap.append(keyed({kNaN, kNaN, kNaN, kNaN, kNaN, kNaN}));
        allGap.decimate(0, 5, 1, out);
        const Points gap = {{0, kNaN}, {5, kNaN}};
        QVERIFY2(std::ranges::equal(out, gap, same), qPrintable(describe(out)));
    }

    void sparseDataPassesThroughWithEdgePoints()
    {
        LodPyramid p;
        for (int i = 0; i < 100; ++i)
            QVERIFY(p.append(i, i * 10.0));
        Points out;
        p.decimate(10.5, 20.5, 800, out);
        QCOMPARE(out.size(), std::size_t(12)); // 11..20 plus 10 and 21 beyond the edges
        QCOMPARE(out.front().key, 10.0);
        QCOMPARE(out.front().value, 100.0);
        QCOMPARE(out[1].key, 11.0);
        QCOMPARE(out.back().key, 21.0);
        QCOMPARE(out.back().value, 210.0);

        p.decimate(0.5, 3.5, 10, out);
        const Points near = {{0, 0}, {1, 10}, {2, 20}, {3, 30}, {4, 40}};
        QVERIFY2(std::ranges::equal(out, near, same), qPrintable(describe(out)));

        p.decimate(-10, -5, 100, out); // before the data: only the point that leads in
        QCOMPARE(out.size(), std::size_t(1));
        QCOMPARE(out[0].key, 0.0);
        p.decimate(200, 300, 100, out);
        QCOMPARE(out.size(), std::size_t(1));
        QCOMPARE(out[0].key, 99.0);
        p.decimate(20, 10, 100, out); // inverted range
        QVERIFY(out.empty());
        LodPyramid().decimate(0, 1, 100, out);
        QVERIFY(out.empty());
    }

    void rejectsUnsortedAndNanKeys()
    {
        LodPyramid p;
        QVERIFY(p.append(1, 1));
        QVERIFY(p.append(1, 2)); // equal keys are fine
        QVERIFY(!p.append(0.5, 3));
        QVERIFY(!p.append(kNaN, 3));
        QVERIFY(p.append(2, kNaN)); // a NaN value is a gap
        const Points mixed = {{3, 1}, {2.5, 1}, {4, 1}};
        QCOMPARE(p.append(mixed), std::size_t(2));
        QCOMPARE(p.size(), std::size_t(5));
        QCOMPARE(p.lastKey(), 4.0);
    }

    void levelsQuarterAndCostLessThanTheRawData()
    {
        LodPyramid p;
        for (int i = 0; i < 4095; ++i)
            p.append(i, i);
        QCOMPARE(p.levelCount(), 6); // raw + 1023, 255, 63, 15, 3 complete buckets
        QCOMPARE(p.bucketCount(1), std::size_t(1023));
        QCOMPARE(p.bucketCount(5), std::size_t(3));
        p.append(4095, 0);
        QCOMPARE(p.levelCount(), 7);
        const std::size_t want[] = {4096, 1024, 256, 64, 16, 4, 1};
        for (int l = 0; l < 7; ++l)
            QCOMPARE(p.bucketCount(l), want[l]);
        QCOMPARE(p.rawBytes(), std::size_t(4096 * 16));
        QVERIFY2(p.levelBytes() <= p.rawBytes(), qPrintable(QString::number(p.levelBytes())));
        QCOMPARE(p.levelBytes(), std::size_t((1024 + 256 + 64 + 16 + 4 + 1) * 32));
    }

    void matchesBruteForceOnRandomData()
    {
        std::mt19937_64 rng(20240611);
        const Points raw = randomSeries(rng, 150'000);
        LodPyramid p;
        QCOMPARE(p.append(raw), raw.size());
        randomQueries(rng, p, raw, 400);
    }

    void matchesBruteForceOnBurstyKeys()
    {
        // Far from evenly spaced keys (bursts 1 µs apart, pauses up to hours) defeat the
        // interpolation guess of the column-edge search; the result must not change.
        std::mt19937_64 rng(5);
        Points raw = randomSeries(rng, 120'000);
        double key = 0;
        std::size_t burst = 0;
        for (LodPoint &p : raw) {
            if (burst == 0) {
                burst = 1 + rng() % 3000;
                key += 1 + double(rng() % 10'000'000) / 1000.0;
            }
            --burst;
            key += 1e-6;
            p.key = key;
        }
        LodPyramid p;
        QCOMPARE(p.append(raw), raw.size());
        randomQueries(rng, p, raw, 300);
    }

    void staysExactWhileGrowing()
    {
        std::mt19937_64 rng(7);
        const Points all = randomSeries(rng, 60'000);
        LodPyramid p;
        Points raw;
        std::size_t at = 0;
        while (at < all.size()) {
            const std::size_t n = std::min(all.size() - at, std::size_t(1 + rng() % 5000));
            p.append(std::span(all).subspan(at, n));
            raw.insert(raw.end(), all.begin() + std::ptrdiff_t(at), all.begin() + std::ptrdiff_t(at + n));
            at += n;
            randomQueries(rng, p, raw, 12);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void removeBeforeDropsTheHeadExactly()
    {
        std::mt19937_64 rng(99);
        Points raw = randomSeries(rng, 50'000);
        LodPyramid p;
        p.append(raw);
        for (double fraction : {0.1, 0.3, 0.35, 0.6}) { // crosses the rebuild at half
            const double cut = raw.front().key + (raw.back().key - raw.front().key) * fraction;
            p.removeBefore(cut);
            const auto kept = std::ranges::find_if(raw, [&](const LodPoint &x) { return x.key >= cut; });
            raw.erase(raw.begin(), kept);
            QCOMPARE(p.size(), raw.size());
            QCOMPARE(p.firstKey(), raw.front().key);
            QVERIFY(same(p.at(0), raw.front()));
            Points out;
            p.decimate(cut - 1000, cut + 50, 100, out); // nothing before the new head
            QVERIFY(same(out.front(), raw.front()));
            randomQueries(rng, p, raw, 40);
            // and it keeps growing afterwards
            const Points more = randomSeries(rng, 3000, raw.back().key);
            p.append(more);
            raw.insert(raw.end(), more.begin(), more.end());
            randomQueries(rng, p, raw, 10);
        }
        p.removeBefore(raw.back().key + 1);
        QVERIFY(p.empty());
        QCOMPARE(p.levelCount(), 1);
    }

    void singleSampleSpikesSurviveTenMillion()
    {
        constexpr std::size_t kN = 10'000'000;
        constexpr std::size_t kUp = 7'654'321, kDown = 1'234'567, kGap = 5'000'001;
        std::mt19937_64 rng(1);
        std::uniform_real_distribution<double> u(-0.5, 0.5);
        Points raw(kN);
        double v = 0;
        for (std::size_t i = 0; i < kN; ++i) {
            v = std::clamp(v + u(rng), -100.0, 100.0);
            raw[i] = {1.7e9 + double(i) * 1e-3, v};
        }
        raw[kUp].value = 1e6;
        raw[kDown].value = -1e6;
        raw[kGap].value = kNaN;
        LodPyramid p;
        p.reserve(kN);
        QCOMPARE(p.append(raw), kN);
        QCOMPARE(p.levelCount(), 12); // 4^11 = 4 M: two buckets on the top level
        QVERIFY(p.levelBytes() <= p.rawBytes());

        const auto contains = [](const Points &out, const LodPoint &x) {
            return std::any_of(out.begin(), out.end(), [&](const LodPoint &o) { return same(o, x); });
        };
        Points out;
        p.decimate(raw.front().key, raw.back().key, 1600, out);
        QVERIFY2(out.size() <= 4 * 1600 + 3, qPrintable(QString::number(out.size())));
        QVERIFY(contains(out, raw[kUp]));
        QVERIFY(contains(out, raw[kDown]));
        QVERIFY(contains(out, raw[kGap]));
        QString err = check(raw, raw.front().key, raw.back().key, 1600, out);
        QVERIFY2(err.isEmpty(), qPrintable(err));

        // Zoomed so the spike sits inside a column, away from bucket boundaries.
        const double lo = raw[kUp].key - 1234.5678, hi = raw[kUp].key + 987.654;
        p.decimate(lo, hi, 1000, out);
        QVERIFY(contains(out, raw[kUp]));
        err = check(raw, lo, hi, 1000, out);
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TstLodPyramid)
#include "tst_lod_pyramid.moc"

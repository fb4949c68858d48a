// SeriesStore: interning, compression round trips through the store, range/instant
// semantics, staleness, out-of-order drops, retention by time and by memory budget,
// selection, and one writer racing two readers.
#include "core/store/selector.h"
#include "core/store/series_store.h"

#include <QTest>

#include <atomic>
#include <bit>
#include <cmath>
#include <limits>
#include <thread>

using namespace vigil;

namespace {

SeriesId internL(SeriesStore &s, std::string_view metric, std::initializer_list<LabelView> labels)
{
    return s.intern(metric, std::span<const LabelView>(labels.begin(), labels.size()));
}

std::vector<SeriesId> sel(const SeriesStore &s, const char *text)
{
    auto r = Selector::parse(text);
    if (!r.ok())
        qFatal("bad selector %s: %s", text, r.error().message.c_str());
    return s.select(*r);
}

SeriesStore::Options smallChunks(std::uint32_t samples)
{
    SeriesStore::Options o;
    o.chunkMaxSamples = samples;
    return o;
}

} // namespace

class TestSeriesStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void internIdentity()
    {
        SeriesStore s;
        const std::uint64_t gen0 = s.generation();
        const SeriesId a = internL(s, "http_total", {{"method", "GET"}, {"code", "200"}});
        const SeriesId b = internL(s, "http_total", {{"code", "200"}, {"method", "GET"}});
        QCOMPARE(a, b);
        QCOMPARE(s.generation(), gen0 + 1);
        // Extra labels merge into the same key; empty values are no label.
        const LabelView own[] = {{"code", "200"}, {"zone", ""}};
        const LabelView extra[] = {{"method", "GET"}};
        QCOMPARE(s.intern("http_total", own, extra), a);
        const SeriesId c = internL(s, "http_total", {{"method", "GET"}, {"code", "500"}});
        const SeriesId d = internL(s, "http_other", {{"method", "GET"}, {"code", "200"}});
        const SeriesId e = internL(s, "http_total", {{"method", "GET"}});
        QVERIFY(c != a && d != a && e != a && c != d && e != c);
        QCOMPARE(s.seriesCount(), std::size_t(4));
        QCOMPARE(s.generation(), gen0 + 4);

        const auto m = s.meta(a);
        QVERIFY(m);
        QCOMPARE(QString::fromStdString(m->metric), QStringLiteral("http_total"));
        QCOMPARE(m->labels, (Labels{{"code", "200"}, {"method", "GET"}}));
        const LabelView q[] = {{"method", "GET"}, {"code", "200"}};
        QCOMPARE(s.find("http_total", q), std::optional<SeriesId>(a));
        const LabelView missing[] = {{"method", "PUT"}};
        QVERIFY(!s.find("http_total", missing));

        s.setMetadata(a, expo::MetricType::Counter, "Requests.", "");
        QVERIFY(s.meta(a)->type == expo::MetricType::Counter);
        QCOMPARE(QString::fromStdString(s.meta(a)->help), QStringLiteral("Requests."));

        const auto cat = s.catalog(c);
        QCOMPARE(cat.size(), std::size_t(3));
        QCOMPARE(cat.front().id, c);
    }

    void internManySeries()
    {
        SeriesStore s;
        std::vector<std::string> values;
        for (int i = 0; i < 20000; ++i)
            values.push_back("v" + std::to_string(i));
        std::vector<SeriesId> ids;
        for (const std::string &v : values) {
            const LabelView l[] = {{"instance", "host:9100"}, {"k", v}};
            ids.push_back(s.intern("m", l));
        }
        QCOMPARE(s.seriesCount(), values.size());
        for (std::size_t i = 0; i < values.size(); ++i) {
            const LabelView l[] = {{"k", values[i]}, {"instance", "host:9100"}};
            QCOMPARE(s.intern("m", l), ids[i]);
            QCOMPARE(s.meta(ids[i])->labels[1].value, values[i]);
        }
    }

    void valuesRoundTripThroughChunks()
    {
        SeriesStore s(smallChunks(8));
        const SeriesId id = internL(s, "g", {});
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        const std::vector<double> vs = {1.0, -0.0, 0.0, nan, inf, -inf, 1e308, -1e-308,
                                        std::numeric_limits<double>::denorm_min(), 42.5, 42.5, 42.5,
                                        0.1, 0.2, 0.30000000000000004, 123456789.123, -7, 8, 9, 10};
        std::vector<std::int64_t> ts;
        std::int64_t t = 1000;
        for (std::size_t i = 0; i < vs.size(); ++i) {
            t += (i % 3 == 0) ? 1 : (i % 3 == 1 ? 999'999'999 : 1003);
            ts.push_back(t);
            s.append(id, t, vs[i]);
        }
        const auto r = s.range(id, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max());
        QCOMPARE(r.size(), vs.size());
        for (std::size_t i = 0; i < vs.size(); ++i) {
            QCOMPARE(r[i].timestampMs, ts[i]);
            QCOMPARE(std::bit_cast<std::uint64_t>(r[i].value), std::bit_cast<std::uint64_t>(vs[i]));
        }
        QCOMPARE(s.status(id).samples, std::uint64_t(vs.size()));
        QCOMPARE(s.stats().samples, std::uint64_t(vs.size()));
    }

    void rangeBoundariesInclusive()
    {
        SeriesStore s(smallChunks(4));
        const SeriesId id = internL(s, "g", {{"a", "b"}});
        for (int i = 1; i <= 20; ++i)
            s.append(id, i * 1000, i * 10.0);
        auto ts = [&](std::int64_t from, std::int64_t to) {
            std::vector<std::int64_t> out;
            for (const Sample &x : s.range(id, from, to))
                out.push_back(x.timestampMs);
            return out;
        };
        QCOMPARE(ts(2000, 4000), (std::vector<std::int64_t>{2000, 3000, 4000}));
        QCOMPARE(ts(2001, 3999), (std::vector<std::int64_t>{3000}));
        // Exactly a chunk boundary (chunks hold 1-4, 5-8, ...).
        QCOMPARE(ts(4000, 5000), (std::vector<std::int64_t>{4000, 5000}));
        QCOMPARE(ts(19000, 30000), (std::vector<std::int64_t>{19000, 20000}));
        QVERIFY(ts(0, 999).empty());
        QVERIFY(ts(20001, 90000).empty());
        QVERIFY(ts(5000, 4000).empty());
        QCOMPARE(ts(0, 100000).size(), std::size_t(20));
        QCOMPARE(s.range(id, 7000, 7000).front().value, 70.0);
        QVERIFY(s.range(kInvalidSeries, 0, 100000).empty());
    }

    void instantWithLookback()
    {
        SeriesStore s(smallChunks(3));
        const SeriesId id = internL(s, "g", {});
        for (std::int64_t t : {1000, 2000, 3000, 4000, 5000, 10000})
            s.append(id, t, double(t) / 1000);
        auto at = [&](std::int64_t t, std::int64_t lb) { return s.instant(id, t, lb); };
        QCOMPARE(at(2500, 1000)->timestampMs, std::int64_t(2000));
        QCOMPARE(at(2999, 1000)->value, 2.0);
        QVERIFY(!at(3000 + 999, 999)); // lookback window is (at - lb, at]
        QCOMPARE(at(4000, 1)->timestampMs, std::int64_t(4000)); // in a sealed chunk
        QCOMPARE(at(9999, 5000)->timestampMs, std::int64_t(5000));
        QVERIFY(!at(10000 + 5000, 5000));
        QCOMPARE(at(14999, 5000)->timestampMs, std::int64_t(10000));
        QVERIFY(!at(500, 100000)); // before the first sample
        QCOMPARE(s.instant(id, 20000)->value, 10.0); // default 5 min lookback
    }

    void staleness()
    {
        SeriesStore s;
        const SeriesId id = internL(s, "up", {{"job", "x"}});
        QVERIFY(s.status(id).stale); // nothing written yet
        s.markStale(id, 500);        // nothing to end: no marker
        QCOMPARE(s.status(id).samples, std::uint64_t(0));
        s.append(id, 1000, 1);
        s.append(id, 2000, 1);
        QVERIFY(!s.status(id).stale);
        s.markStale(id, 3000);
        s.markStale(id, 3500); // already stale: no second marker
        QVERIFY(s.status(id).stale);
        QVERIFY(!s.instant(id, 3000));
        QVERIFY(!s.instant(id, 4000));
        QCOMPARE(s.instant(id, 2500)->value, 1.0); // history before the marker is still there
        auto r = s.range(id, 0, 10000);
        QCOMPARE(r.size(), std::size_t(3));
        QVERIFY(isStaleMarker(r[2].value));
        QCOMPARE(r[2].timestampMs, std::int64_t(3000));
        QVERIFY(!isStaleMarker(std::numeric_limits<double>::quiet_NaN()));
        QVERIFY(std::isnan(staleMarker()));
        // A real sample revives it.
        s.append(id, 4000, 0);
        QVERIFY(!s.status(id).stale);
        QCOMPARE(s.instant(id, 4000)->value, 0.0);
        QCOMPARE(s.status(id).samples, std::uint64_t(4));
        // append() of the marker value is markStale(); a marker in the past is dropped.
        s.append(id, 5000, staleMarker());
        QVERIFY(s.status(id).stale);
        s.append(id, 6000, 1);
        s.markStale(id, 6000);
        QVERIFY(!s.status(id).stale);
        QCOMPARE(s.stats().outOfOrderDropped, std::uint64_t(1));
    }

    void batchedStatusesMatchSingleReads()
    {
        SeriesStore s;
        const SeriesId a = internL(s, "q", {{"queue", "a"}});
        const SeriesId b = internL(s, "q", {{"queue", "b"}});
        s.append(a, 1000, 7);
        s.append(b, 1000, 8);
        s.markStale(b, 2000);
        const std::vector<SeriesId> ids{b, a, kInvalidSeries};
        std::vector<SeriesStatus> out(ids.size());
        s.statuses(ids, out);
        QCOMPARE(out[0].stale, true);
        QCOMPARE(out[0].samples, s.status(b).samples);
        QCOMPARE(out[1].lastValue, 7.0);
        QCOMPARE(out[1].lastTimestampMs, std::int64_t(1000));
        QCOMPARE(out[1].stale, false);
        QCOMPARE(out[2].samples, std::uint64_t(0)); // unknown id: empty status
        QCOMPARE(out[2].stale, true);
    }

    void outOfOrderDropped()
    {
        SeriesStore s;
        const SeriesId id = internL(s, "c", {});
        s.append(id, 1000, 1);
        s.append(id, 2000, 2);
        s.append(id, 1500, 9); // older
        s.append(id, 2000, 9); // duplicate
        s.append(id, 3000, 3);
        QCOMPARE(s.stats().outOfOrderDropped, std::uint64_t(2));
        QCOMPARE(s.status(id).samples, std::uint64_t(3));
        const auto r = s.range(id, 0, 5000);
        QCOMPARE(r.size(), std::size_t(3));
        QCOMPARE(r[1].value, 2.0);
        s.append(12345, 1000, 1); // unknown id
        QCOMPARE(s.stats().droppedUnknown, std::uint64_t(1));
    }

    void retentionByTime()
    {
        SeriesStore::Options o = smallChunks(10);
        o.retentionMs = 10'000;
        SeriesStore s(o);
        const SeriesId live = internL(s, "g", {{"s", "live"}});
        const SeriesId gone = internL(s, "g", {{"s", "gone"}});
        for (int i = 0; i < 100; ++i)
            s.append(live, i * 1000, i);
        s.append(gone, 5000, 1);
        s.markStale(gone, 6000);
        const std::uint64_t gen = s.generation();

        s.enforceRetention(50'000); // cutoff 40 s: chunks ending before it go
        QCOMPARE(s.range(live, 0, 1'000'000).front().timestampMs, std::int64_t(40'000));
        QVERIFY(!s.alive(gone));
        QCOMPARE(s.stats().removedSeries, std::uint64_t(1));
        QCOMPARE(s.generation(), gen + 1);

        s.enforceRetention(100'000); // cutoff 90 s
        const auto st = s.stats();
        QCOMPARE(st.evictedSamples, std::uint64_t(90 + 2));
        QCOMPARE(st.evictedByBudget, std::uint64_t(0));
        QCOMPARE(st.samples, std::uint64_t(10));
        QCOMPARE(s.status(live).samples, std::uint64_t(10));
        QCOMPARE(s.range(live, 0, 1'000'000).front().timestampMs, std::int64_t(90'000));
        QVERIFY(s.alive(live));
        QCOMPARE(s.seriesCount(), std::size_t(1));
        // The removed series: skipped by catalog, appends dropped, a new id on re-intern.
        const auto cat = s.catalog();
        QCOMPARE(cat.size(), std::size_t(1));
        QCOMPARE(cat.front().id, live);
        QVERIFY(!s.meta(gone));
        s.append(gone, 200'000, 1);
        QCOMPARE(s.stats().droppedUnknown, std::uint64_t(1));
        const SeriesId again = internL(s, "g", {{"s", "gone"}});
        QVERIFY(again != gone);
        QCOMPARE(s.idLimit(), SeriesId(3));

        // Nothing more to do: a no-op that changes nothing.
        s.enforceRetention(100'000);
        QCOMPARE(s.stats().evictedSamples, std::uint64_t(92));
    }

    void evictionByMemoryBudget()
    {
        // Measure the footprint with an unlimited budget, then replay under half of it.
        auto fill = [](SeriesStore &s, bool enforce) {
            std::vector<SeriesId> ids;
            for (int k = 0; k < 20; ++k)
                ids.push_back(internL(s, "g", {{"k", std::to_string(k)}}));
            for (int i = 0; i < 2000; ++i) {
                for (std::size_t k = 0; k < ids.size(); ++k)
                    s.append(ids[k], 1'000'000 + i * 1000, double((i * 37 + int(k) * 11) % 1000) + 0.25);
                if (enforce)
                    s.enforceRetention(1'000'000 + i * 1000);
            }
            return ids;
        };
        SeriesStore::Options o = smallChunks(50);
        o.retentionMs = 1'000'000'000;
        SeriesStore full(o);
        fill(full, false);
        const auto fullStats = full.stats();
        QCOMPARE(fullStats.samples, std::uint64_t(40000));
        QVERIFY(fullStats.bytes > fullStats.sampleBytes);

        o.memoryBudgetBytes = fullStats.bytes / 2;
        SeriesStore s(o);
        const auto ids = fill(s, true);
        const auto st = s.stats();
        QVERIFY2(st.bytes <= o.memoryBudgetBytes, qPrintable(QStringLiteral("%1 > %2").arg(st.bytes).arg(o.memoryBudgetBytes)));
        QVERIFY(st.evictedByBudget > 0);
        QCOMPARE(st.evictedSamples, st.evictedByBudget);
        QCOMPARE(st.samples + st.evictedSamples, std::uint64_t(40000));
        QCOMPARE(s.seriesCount(), std::size_t(20)); // live series are kept
        // Oldest first across series: every series lost about the same span, and the
        // newest data is intact.
        std::int64_t minFirst = std::numeric_limits<std::int64_t>::max(), maxFirst = 0;
        for (SeriesId id : ids) {
            const auto r = s.range(id, 0, std::numeric_limits<std::int64_t>::max());
            QVERIFY(!r.empty());
            QCOMPARE(r.back().timestampMs, std::int64_t(1'000'000 + 1999 * 1000));
            minFirst = std::min(minFirst, r.front().timestampMs);
            maxFirst = std::max(maxFirst, r.front().timestampMs);
        }
        QVERIFY(minFirst > 1'000'000);
        QVERIFY2(maxFirst - minFirst <= 2 * 50 * 1000, qPrintable(QString::number(maxFirst - minFirst)));

        // A series with only old data goes before any newer one: replay a pair of
        // series under a budget one byte below their footprint.
        SeriesStore::Options o2 = smallChunks(10);
        o2.retentionMs = 1'000'000'000;
        auto pair = [](SeriesStore &st) {
            const SeriesId a = internL(st, "old", {});
            const SeriesId b = internL(st, "young", {});
            for (int i = 0; i < 100; ++i)
                st.append(a, i * 1000, i * 1.5);
            for (int i = 0; i < 100; ++i)
                st.append(b, 500'000 + i * 1000, i * 1.5);
            return std::pair(a, b);
        };
        SeriesStore s2(o2);
        pair(s2);
        o2.memoryBudgetBytes = s2.stats().bytes - 1;
        SeriesStore s3(o2);
        const auto [old3, young3] = pair(s3);
        s3.enforceRetention(600'000);
        QCOMPARE(s3.status(young3).samples, std::uint64_t(100));
        QCOMPARE(s3.status(old3).samples, std::uint64_t(90));
        QCOMPARE(s3.range(old3, 0, 1'000'000).front().timestampMs, std::int64_t(10'000));
        QCOMPARE(s3.stats().evictedByBudget, std::uint64_t(10));
    }

    void selectAllOps()
    {
        SeriesStore s;
        const SeriesId getOk = internL(s, "http_requests_total", {{"method", "GET"}, {"code", "200"}});
        const SeriesId postErr = internL(s, "http_requests_total", {{"method", "POST"}, {"code", "500"}});
        const SeriesId getErr = internL(s, "http_requests_total", {{"method", "GET"}, {"code", "503"}});
        const SeriesId upA = internL(s, "up", {{"job", "a"}});
        const SeriesId upB = internL(s, "up", {{"job", "b"}});
        using V = std::vector<SeriesId>;
        QCOMPARE(sel(s, "http_requests_total{method=\"GET\"}"), (V{getOk, getErr}));
        QCOMPARE(sel(s, "http_requests_total{method!=\"GET\"}"), (V{postErr}));
        QCOMPARE(sel(s, "{__name__=~\"http.*\",code!=\"200\"}"), (V{postErr, getErr}));
        QCOMPARE(sel(s, "up{job!~\"a\"}"), (V{upB}));
        QCOMPARE(sel(s, "{code=~\"5..\"}"), (V{postErr, getErr}));
        QCOMPARE(sel(s, "{job=~\"a|b\"}"), (V{upA, upB}));
        QCOMPARE(sel(s, "http_requests_total{missing=\"\"}"), (V{getOk, postErr, getErr}));
        QCOMPARE(sel(s, "{__name__!=\"up\",code=\"503\"}"), (V{getErr}));
        QCOMPARE(sel(s, "{__name__=~\"u.\"}"), (V{upA, upB}));
        QVERIFY(sel(s, "nonexistent").empty());
        QVERIFY(sel(s, "up{job=\"c\"}").empty());
        QVERIFY(sel(s, "{job=~\"^a$\"}").size() == 1);
    }

    void accountingIsCompact()
    {
        SeriesStore s;
        const SeriesId id = internL(s, "c", {});
        double v = 1000;
        for (int i = 0; i < 12000; ++i) {
            v += double((i * 7919) % 13);
            s.append(id, 1'700'000'000'000 + i * 1000 + (i * 31) % 5, v);
        }
        const auto st = s.stats();
        QCOMPARE(st.samples, std::uint64_t(12000));
        QVERIFY2(double(st.sampleBytes) / 12000 < 3.0, qPrintable(QString::number(st.sampleBytes)));
        QVERIFY(st.bytes >= st.sampleBytes);
        QVERIFY(st.bytes < std::size_t(12000 * 4 + 64 * 1024 * 4));
    }

    void concurrentReaderAndWriter()
    {
        SeriesStore::Options o = smallChunks(32);
        o.retentionMs = 100'000; // the window moves under the readers
        SeriesStore s(o);
        constexpr int kSeries = 4;
        constexpr int kSteps = 20000;
        std::vector<SeriesId> ids;
        for (int k = 0; k < kSeries; ++k)
            ids.push_back(internL(s, "m", {{"k", std::to_string(k)}}));
        std::atomic<bool> writerDone{false};
        std::atomic<bool> firstWrite{false};

        std::thread writer([&] {
            SeriesStore::Appender app(s);
            std::vector<AppendItem> batch;
            for (int i = 1; i <= kSteps; ++i) {
                const std::int64_t t = std::int64_t(i) * 10;
                // Value is a function of time so readers can check every sample.
                app.append(ids[0], t, double(t) / 5);
                app.append(ids[1], t, double(t) / 5);
                batch.push_back({ids[2], t, double(t) / 5});
                batch.push_back({ids[3], t, double(t) / 5});
                if (batch.size() >= 64) {
                    app.release();
                    s.appendBatch(batch);
                    batch.clear();
                    s.enforceRetention(t);
                    firstWrite = true;
                }
            }
            app.release();
            s.appendBatch(batch);
            writerDone = true;
        });

        std::atomic<int> failures{0};
        std::atomic<int> nonEmptyReads{0};
        auto reader = [&](int seed) {
            std::vector<std::int64_t> lastEnd(kSeries, 0);
            std::vector<std::uint64_t> lastSamples(kSeries, 0);
            // Read while the writer writes: start after its first slice, stop once it is
            // done (bounded in case it never finishes).
            while (!firstWrite)
                std::this_thread::yield();
            for (int iter = 0; iter < 5'000'000; ++iter) {
                const int k = (iter + seed) % kSeries;
                const auto r = s.range(ids[k], 0, std::numeric_limits<std::int64_t>::max());
                for (std::size_t i = 0; i < r.size(); ++i) {
                    if (r[i].value != double(r[i].timestampMs) / 5 || (i > 0 && r[i].timestampMs <= r[i - 1].timestampMs))
                        ++failures;
                }
                if (!r.empty()) {
                    ++nonEmptyReads;
                    if (r.back().timestampMs < lastEnd[k])
                        ++failures; // time went backwards
                    lastEnd[k] = r.back().timestampMs;
                    // No gaps: consecutive 10 ms steps from the oldest retained sample.
                    if (r.back().timestampMs - r.front().timestampMs != std::int64_t(r.size() - 1) * 10)
                        ++failures;
                }
                const SeriesStatus st = s.status(ids[k]);
                if (st.lastTimestampMs < lastEnd[k])
                    ++failures;
                if (auto x = s.instant(ids[k], 1'000'000'000, 2'000'000'000); x && x->value != double(x->timestampMs) / 5)
                    ++failures;
                if (writerDone && iter > 100)
                    break;
            }
        };
        std::thread r1(reader, 0);
        std::thread r2(reader, 1);
        writer.join();
        r1.join();
        r2.join();
        QCOMPARE(failures.load(), 0);
        QVERIFY(nonEmptyReads.load() > 0);
        for (SeriesId id : ids) {
            QCOMPARE(s.status(id).lastTimestampMs, std::int64_t(kSteps) * 10);
            QCOMPARE(s.instant(id, kSteps * 10)->value, double(kSteps * 10) / 5);
        }
        const auto st = s.stats();
        QCOMPARE(st.samples + st.evictedSamples, std::uint64_t(kSteps) * kSeries);
        QCOMPARE(st.outOfOrderDropped, std::uint64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestSeriesStore)
#include "tst_series_store.moc"

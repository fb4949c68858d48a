// IngestHub: scrapes become series, failures keep old data and mark series stale,
// synthesized per-target series, label clashes, ordered threaded hand-off.
#include "core/hub/ingest_hub.h"

#include <QTest>

#include <cmath>
#include <thread>

using namespace vigil;

namespace {

// Builds a ParseResult by hand (the hub must not depend on the parser's behaviour).
struct Fixture
{
    std::shared_ptr<expo::ParseResult> parsed = std::make_shared<expo::ParseResult>();

    void family(std::string_view name, expo::MetricType type)
    {
        expo::FamilyView f;
        f.name = name;
        f.type = type;
        f.sampleBegin = static_cast<std::uint32_t>(parsed->samples.size());
        parsed->families.push_back(f);
    }
    void sample(std::string_view name, std::initializer_list<LabelView> labels, double v)
    {
        expo::SampleView s;
        s.name = name;
        s.family = static_cast<std::uint32_t>(parsed->families.size() - 1);
        s.labelBegin = static_cast<std::uint32_t>(parsed->labels.size());
        s.labelCount = static_cast<std::uint32_t>(labels.size());
        s.value = v;
        for (const auto &l : labels)
            parsed->labels.push_back(l);
        parsed->samples.push_back(s);
        ++parsed->families.back().sampleCount;
    }
};

SampleBatch scrapeBatch(std::shared_ptr<expo::ParseResult> parsed, std::int64_t ts, bool up = true,
                        std::string error = {})
{
    SampleBatch b;
    b.parsed = std::move(parsed);
    b.targetLabels = {{"instance", "127.0.0.1:9100"}, {"job", "node"}};
    b.timestampMs = ts;
    ScrapeReport r;
    r.targetUrl = "http://127.0.0.1:9100/metrics";
    r.job = "node";
    r.instance = "127.0.0.1:9100";
    r.timestampMs = ts;
    r.durationSeconds = 0.25;
    r.up = up;
    r.error = std::move(error);
    r.samples = b.parsed ? b.parsed->samples.size() : 0;
    b.scrape = r;
    return b;
}

const LabelView kTarget[] = {{"instance", "127.0.0.1:9100"}, {"job", "node"}};

std::optional<double> valueAt(const IngestHub &hub, std::string_view metric, std::vector<LabelView> labels,
                              std::int64_t at)
{
    for (const auto &l : kTarget)
        labels.push_back(l);
    const auto id = hub.store().find(metric, labels);
    if (!id)
        return std::nullopt;
    const auto s = hub.store().instant(*id, at);
    if (!s)
        return std::nullopt;
    return s->value;
}

} // namespace

class TstIngestHub : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void goodScrapeStoresSamplesWithTargetLabels()
    {
        IngestHub hub;
        Fixture f;
        f.family("queue_depth", expo::MetricType::Gauge);
        f.sample("queue_depth", {{"queue", "realtime"}}, 1523);
        f.sample("queue_depth", {{"queue", "batch"}}, 45123);
        hub.apply(scrapeBatch(f.parsed, 1000));

        QCOMPARE(valueAt(hub, "queue_depth", {{"queue", "realtime"}}, 1000), std::optional<double>(1523));
        QCOMPARE(valueAt(hub, "queue_depth", {{"queue", "batch"}}, 1000), std::optional<double>(45123));
        QCOMPARE(valueAt(hub, "up", {}, 1000), std::optional<double>(1));
        QCOMPARE(valueAt(hub, "scrape_samples_scraped", {}, 1000), std::optional<double>(2));
        QCOMPARE(valueAt(hub, "scrape_duration_seconds", {}, 1000), std::optional<double>(0.25));
        const auto id = hub.store().find("queue_depth",
                                         std::vector<LabelView>{{"queue", "realtime"}, kTarget[0], kTarget[1]});
        QVERIFY(id);
        QCOMPARE(hub.store().meta(*id)->type, expo::MetricType::Gauge);
        QCOMPARE(hub.store().seriesCount(), std::size_t(5));

        const auto targets = hub.targets();
        QCOMPARE(targets.size(), std::size_t(1));
        QCOMPARE(targets[0].last.up, true);
        QCOMPARE(targets[0].seriesInLastScrape, std::uint64_t(2));
        QCOMPARE(targets[0].lastSuccessMs, std::int64_t(1000));
    }

    void resetForgetsEverythingAndEarlierDataAppliesAgain()
    {
        IngestHub hub;
        hub.start();
        Fixture f;
        f.family("events_total", expo::MetricType::Counter);
        f.sample("events_total", {}, 10);
        hub.submit(scrapeBatch(f.parsed, 5000));
        hub.flush();
        const auto oldId = hub.store().find("events_total", std::vector<LabelView>{kTarget[0], kTarget[1]});
        QVERIFY(oldId);
        const std::uint64_t generation = hub.store().generation();
        const std::uint64_t targetsVersion = hub.targetsVersion();
        const std::uint64_t samplesBefore = hub.store().stats().samples;
        QVERIFY(samplesBefore > 0);

        hub.reset(); // a replay rewinding to an earlier time
        QCOMPARE(hub.store().seriesCount(), std::size_t(0));
        QCOMPARE(hub.store().stats().samples, std::uint64_t(0));
        QCOMPARE(hub.store().stats().sampleBytes, std::size_t(0));
        QCOMPARE(hub.store().stats().evictedSamples, std::uint64_t(0)); // not an eviction
        QVERIFY(!hub.store().alive(*oldId));
        QVERIFY(hub.store().generation() > generation);
        QVERIFY(hub.targets().empty());
        QVERIFY(hub.targetsVersion() > targetsVersion);

        // Earlier data now applies (it would be out of order without the reset).
        Fixture g;
        g.family("events_total", expo::MetricType::Counter);
        g.sample("events_total", {}, 7);
        hub.submit(scrapeBatch(g.parsed, 1000));
        hub.flush();
        QCOMPARE(valueAt(hub, "events_total", {}, 1000), std::optional<double>(7));
        const auto newId = hub.store().find("events_total", std::vector<LabelView>{kTarget[0], kTarget[1]});
        QVERIFY(newId && *newId != *oldId);
        QCOMPARE(hub.store().stats().outOfOrderDropped, std::uint64_t(0));
        QCOMPARE(hub.targets().size(), std::size_t(1));
        QCOMPARE(hub.targets()[0].lastSuccessMs, std::int64_t(1000));
        hub.stop();
    }

    void failedScrapeKeepsOldDataAndMarksStale()
    {
        IngestHub hub;
        Fixture f;
        f.family("events_total", expo::MetricType::Counter);
        f.sample("events_total", {}, 10);
        hub.apply(scrapeBatch(f.parsed, 1000));
        hub.apply(scrapeBatch(nullptr, 2000, false, "line 3 col 14: invalid label name"));

        const auto id = hub.store().find("events_total", std::vector<LabelView>{kTarget[0], kTarget[1]});
        QVERIFY(id);
        const auto points = hub.store().range(*id, 0, 5000);
        QCOMPARE(points.size(), std::size_t(2));
        QCOMPARE(points[0].value, 10.0);
        QVERIFY(isStaleMarker(points[1].value));
        QCOMPARE(points[1].timestampMs, std::int64_t(2000));
        QVERIFY(hub.store().status(*id).stale);
        QCOMPARE(valueAt(hub, "up", {}, 2000), std::optional<double>(0));
        QCOMPARE(valueAt(hub, "scrape_samples_scraped", {}, 2000), std::optional<double>(0));

        const auto targets = hub.targets();
        QCOMPARE(targets[0].last.up, false);
        QCOMPARE(targets[0].last.error, std::string("line 3 col 14: invalid label name"));
        QCOMPARE(targets[0].failures, std::uint64_t(1));
        QCOMPARE(targets[0].lastSuccessMs, std::int64_t(1000));
    }

    void seriesAbsentFromLatestScrapeBecomeStale()
    {
        IngestHub hub;
        Fixture a;
        a.family("q", expo::MetricType::Gauge);
        a.sample("q", {{"queue", "a"}}, 1);
        a.sample("q", {{"queue", "b"}}, 2);
        hub.apply(scrapeBatch(a.parsed, 1000));
        Fixture b;
        b.family("q", expo::MetricType::Gauge);
        b.sample("q", {{"queue", "a"}}, 3);
        hub.apply(scrapeBatch(b.parsed, 2000));

        QCOMPARE(valueAt(hub, "q", {{"queue", "a"}}, 2000), std::optional<double>(3));
        QCOMPARE(valueAt(hub, "q", {{"queue", "b"}}, 2000), std::nullopt);
        const auto idB = hub.store().find("q", std::vector<LabelView>{{"queue", "b"}, kTarget[0], kTarget[1]});
        QVERIFY(idB);
        QVERIFY(hub.store().status(*idB).stale);
        // It comes back when the target exposes it again.
        hub.apply(scrapeBatch(a.parsed, 3000));
        QCOMPARE(valueAt(hub, "q", {{"queue", "b"}}, 3000), std::optional<double>(2));
    }

    void reorderedSeriesKeepTheirIdentity()
    {
        // The scrape cache reuses ids by position; a target that reorders its output
        // must still land every value on its own series.
        IngestHub hub;
        Fixture a;
        a.family("q", expo::MetricType::Gauge);
        a.sample("q", {{"queue", "a"}}, 1);
        a.sample("q", {{"queue", "b"}}, 2);
        hub.apply(scrapeBatch(a.parsed, 1000));
        Fixture b;
        b.family("q", expo::MetricType::Gauge);
        b.sample("q", {{"queue", "b"}}, 20);
        b.sample("q", {{"queue", "a"}}, 10);
        hub.apply(scrapeBatch(b.parsed, 2000));
        QCOMPARE(valueAt(hub, "q", {{"queue", "a"}}, 2000), std::optional<double>(10));
        QCOMPARE(valueAt(hub, "q", {{"queue", "b"}}, 2000), std::optional<double>(20));
        QCOMPARE(hub.store().seriesCount(), std::size_t(5));
    }

    void clashingScrapedLabelIsExported()
    {
        IngestHub hub;
        Fixture f;
        f.family("x", expo::MetricType::Gauge);
        f.sample("x", {{"job", "inner"}}, 7);
        hub.apply(scrapeBatch(f.parsed, 1000));
        QCOMPARE(valueAt(hub, "x", {{"exported_job", "inner"}}, 1000), std::optional<double>(7));
    }

    void threadedSubmitAppliesEverythingInOrder()
    {
        IngestHub hub;
        hub.start();
        constexpr int kBatches = 200;
        std::thread producer([&] {
            for (int i = 1; i <= kBatches; ++i) {
                Fixture f;
                f.family("n", expo::MetricType::Gauge);
                f.sample("n", {}, i);
                hub.submit(scrapeBatch(f.parsed, i * 1000));
            }
        });
        producer.join();
        hub.flush();
        const auto id = hub.store().find("n", std::vector<LabelView>{kTarget[0], kTarget[1]});
        QVERIFY(id);
        const auto points = hub.store().range(*id, 0, kBatches * 1000);
        QCOMPARE(points.size(), std::size_t(kBatches));
        for (int i = 0; i < kBatches; ++i)
            QCOMPARE(points[i].value, double(i + 1));
        QCOMPARE(hub.stats().batchesApplied, std::uint64_t(kBatches));
        QCOMPARE(hub.stats().batchesDropped, std::uint64_t(0));
        QCOMPARE(hub.targets()[0].scrapes, std::uint64_t(kBatches));
        hub.stop();
    }
};

QTEST_GUILESS_MAIN(TstIngestHub)
#include "tst_ingest_hub.moc"

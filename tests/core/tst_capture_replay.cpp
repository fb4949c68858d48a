// CaptureReplay: a recorded live run replays into a fresh hub value by value (samples,
// stale markers, synthesized series, target health), into an event sink line by line,
// and to the cluster/note callbacks in order; speed 0 finishes; speed 100 paces a 2 s
// capture to ~20 ms; pause freezes the position and play resumes; seek lands on the
// frame for a time (and a backward seek asks for fresh outputs); a torn capture replays
// its intact part and reports the tear.
#include "core/capture/capture_replay.h"
#include "core/engine/event_sink.h"
#include "core/hub/ingest_hub.h"
#include "tst_capture_util.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>
#include <atomic>
#include <mutex>

using namespace vigil;
using namespace vigil::capture;

namespace {

class FakeSink : public EventSink
{
  public:
    std::uint32_t registerSource(const SourceInfo &info) override
    {
        std::lock_guard lock(mutex);
        urls.push_back(info.url);
        policies.push_back(info.policy);
        return std::uint32_t(urls.size() - 1) + 100;
    }
    void push(LineBatch &&batch) override
    {
        std::lock_guard lock(mutex);
        QVERIFY(batch.readable() >= batch.text().size() + kLinePadding);
        const std::string_view text = batch.text();
        std::size_t pos = 0;
        std::uint32_t n = 0;
        while (pos < text.size()) {
            const std::size_t nl = text.find('\n', pos);
            lines.push_back({batch.sourceId, batch.arrivalNs, std::string(text.substr(pos, nl - pos))});
            pos = nl + 1;
            ++n;
        }
        QCOMPARE(n, batch.lineCount);
        ++batches;
    }
    void reportFramingError(FramingError &&) override {}
    void sourceEnded(std::uint32_t, const std::string &) override {}
    void sourceState(std::uint32_t, const std::string &) override {}

    std::mutex mutex;
    std::vector<std::string> urls;
    std::vector<LanePolicy> policies;
    std::vector<EventLine> lines; // sourceId is the sink's id
    int batches = 0;
};

std::uint64_t bits(double v)
{
    std::uint64_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

// Every series of `a` exists in `b` with bit-identical samples, and vice versa.
void compareStores(const SeriesStore &a, const SeriesStore &b, std::size_t *samplesCompared)
{
    const auto ca = a.catalog(), cb = b.catalog();
    QCOMPARE(cb.size(), ca.size());
    std::size_t n = 0;
    for (const SeriesMeta &m : ca) {
        std::vector<LabelView> labels;
        for (const Label &l : m.labels)
            labels.push_back({l.name, l.value});
        const auto id = b.find(m.metric, labels);
        QVERIFY2(id.has_value(), ("missing series " + m.metric).c_str());
        QCOMPARE(b.meta(*id)->type, m.type);
        const auto ra = a.range(m.id, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max());
        const auto rb = b.range(*id, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max());
        QCOMPARE(rb.size(), ra.size());
        for (std::size_t i = 0; i < ra.size(); ++i) {
            QCOMPARE(rb[i].timestampMs, ra[i].timestampMs);
            if (bits(rb[i].value) != bits(ra[i].value))
                QFAIL(("value differs in " + m.metric + " at " + std::to_string(ra[i].timestampMs)).c_str());
        }
        n += ra.size();
    }
    *samplesCompared = n;
}

struct Recorded
{
    std::string path;
    test::Workload w;
    std::size_t staleMarkers = 0;
    std::unique_ptr<IngestHub> live;
};

SampleBatch failedScrape(const SampleBatch &like)
{
    SampleBatch b;
    b.targetLabels = like.targetLabels;
    b.timestampMs = like.timestampMs;
    ScrapeReport r = *like.scrape;
    r.up = false;
    r.error = "connection refused";
    r.samples = 0;
    r.bodyBytes = 0;
    r.consecutiveFailures = 1;
    r.nextRetrySeconds = 0.5;
    b.scrape = r;
    return b;
}

// A live run through a hub whose capture tap records into `path` (small frames, so the
// replay has to regroup across many frame boundaries), plus events, cluster states and
// notes written as the taps would.
void recordLive(Recorded &rec, int rounds, int series)
{
    rec.w = test::makeWorkload(rounds, series);
    WriterOptions wo;
    wo.path = rec.path;
    wo.writerId = "test";
    wo.frameBytes = 4096;
    wo.maxFrameAge = std::chrono::milliseconds(60000);
    auto opened = CaptureWriter::open(wo);
    QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
    std::unique_ptr<CaptureWriter> writer = std::move(opened.value());

    IngestHub::Options ho;
    ho.maxQueuedBatches = 1 << 20;
    rec.live = std::make_unique<IngestHub>(ho);
    rec.live->setCaptureTap([&](const SampleBatch &b) { writer->addSamples(b); });
    rec.live->start();
    for (const auto &[id, url] : rec.w.sources)
        writer->addEventSource(id, url);
    std::size_t line = 0, note = 0;
    for (int r = 0; r < rounds; ++r) {
        for (int k = 0; k < 2; ++k) {
            const SampleBatch &b = rec.w.scrapes[std::size_t(2 * r + k)];
            // Target 2 is down for two rounds: everything of it goes stale, then returns.
            if (k == 1 && (r == 5 || r == 6))
                rec.live->submit(failedScrape(b));
            else
                rec.live->submit(b);
        }
        const std::int64_t ts = rec.w.scrapes[std::size_t(2 * r)].timestampMs;
        while (line < rec.w.lines.size() && rec.w.lines[line].arrivalNs / 1'000'000 <= ts + 1)
            writer->addEventLines(rec.w.lines[line++]);
        writer->addClusterState(rec.w.cluster[std::size_t(r)]);
        while (note < rec.w.notes.size() && rec.w.notes[note].timestampMs <= ts)
            writer->addNote(rec.w.notes[note++]);
    }
    while (line < rec.w.lines.size())
        writer->addEventLines(rec.w.lines[line++]);
    while (note < rec.w.notes.size())
        writer->addNote(rec.w.notes[note++]);
    rec.live->flush();
    rec.live->setCaptureTap({});
    QVERIFY(writer->close().ok());
    for (const SeriesMeta &m : rec.live->store().catalog())
        for (const Sample &s : rec.live->store().range(m.id, std::numeric_limits<std::int64_t>::min(),
                                                       std::numeric_limits<std::int64_t>::max()))
            rec.staleMarkers += isStaleMarker(s.value);
}

std::unique_ptr<CaptureReader> openReader(const std::string &path)
{
    auto r = CaptureReader::open(path);
    if (!r.ok())
        qFatal("cannot open %s: %s", path.c_str(), r.error().message.c_str());
    return std::move(r.value());
}

// A capture of cluster states only: one every `stepMs` over `spanMs`.
std::string clusterCapture(const QTemporaryDir &dir, const char *name, std::int64_t t0, std::int64_t spanMs,
                           std::int64_t stepMs)
{
    WriterOptions wo;
    wo.path = dir.filePath(QString::fromLatin1(name)).toStdString();
    wo.frameBytes = 4096;
    auto w = CaptureWriter::open(wo);
    if (!w.ok())
        qFatal("%s", w.error().message.c_str());
    for (std::int64_t t = t0; t <= t0 + spanMs; t += stepMs)
        (*w)->addClusterState({t, R"({"leader":"n1","term":)" + std::to_string(t - t0) + "}"});
    if (!(*w)->close().ok())
        qFatal("close failed");
    return wo.path;
}

} // namespace

class TstCaptureReplay : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void roundTripMatchesTheLiveRun()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Recorded rec;
        rec.path = dir.filePath(QStringLiteral("live.vcap")).toStdString();
        recordLive(rec, 40, 60);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(rec.staleMarkers > 0); // the vanishing series and the failed scrapes

        auto reader = openReader(rec.path);
        QVERIFY2(reader->frames().size() > 20, "small frames expected");
        IngestHub replayed;
        replayed.start();
        FakeSink sink;
        std::vector<JsonRecord> cluster;
        std::vector<Note> notes;
        ReplayOutputs out;
        out.hub = &replayed;
        out.events = &sink;
        out.cluster = [&](const JsonRecord &c) { cluster.push_back(c); };
        out.notes = [&](const Note &n) { notes.push_back(n); };
        CaptureReplay::Options o;
        o.speed = 0;
        CaptureReplay replay(std::move(reader), out, o);
        QCOMPARE(replay.state(), ReplayState::Paused);
        replay.play();
        QCOMPARE(replay.waitFinished(std::chrono::seconds(60)), ReplayState::Ended);
        const ReplayStatus st = replay.status();
        QVERIFY(st.damage.empty());
        QCOMPARE(st.scrapes, std::uint64_t(80));

        std::size_t compared = 0;
        compareStores(rec.live->store(), replayed.store(), &compared);
        if (QTest::currentTestFailed())
            return;
        qInfo("compared %zu samples (%zu stale markers) value by value", compared, rec.staleMarkers);

        // Target health.
        auto ta = rec.live->targets(), tb = replayed.targets();
        QCOMPARE(tb.size(), ta.size());
        for (std::size_t i = 0; i < ta.size(); ++i) {
            QCOMPARE(tb[i].last.targetUrl, ta[i].last.targetUrl);
            QCOMPARE(tb[i].last.up, ta[i].last.up);
            QCOMPARE(tb[i].last.timestampMs, ta[i].last.timestampMs);
            QCOMPARE(tb[i].last.durationSeconds, ta[i].last.durationSeconds);
            QCOMPARE(tb[i].scrapes, ta[i].scrapes);
            QCOMPARE(tb[i].failures, ta[i].failures);
            QCOMPARE(tb[i].lastSuccessMs, ta[i].lastSuccessMs);
            QCOMPARE(tb[i].seriesInLastScrape, ta[i].seriesInLastScrape);
        }

        // Events: every line with its arrival, sources registered as capture:URL.
        const auto expected = test::expectedEvents(rec.w);
        QCOMPARE(sink.lines.size(), expected.size());
        QCOMPARE(st.eventLines, std::uint64_t(expected.size()));
        std::map<std::uint32_t, std::string> urlOf(rec.w.sources.begin(), rec.w.sources.end());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(sink.lines[i].line, expected[i].line);
            QCOMPARE(sink.lines[i].arrivalNs, expected[i].arrivalNs);
            QCOMPARE(sink.urls[sink.lines[i].sourceId - 100], "capture:" + urlOf[expected[i].sourceId]);
        }
        QCOMPARE(sink.urls.size(), std::size_t(2));
        for (LanePolicy p : sink.policies)
            QCOMPARE(p, LanePolicy::Block);

        // Cluster states and notes, in order.
        QCOMPARE(cluster.size(), rec.w.cluster.size());
        for (std::size_t i = 0; i < cluster.size(); ++i) {
            QCOMPARE(cluster[i].timestampMs, rec.w.cluster[i].timestampMs);
            QCOMPARE(cluster[i].json, rec.w.cluster[i].json);
        }
        QCOMPARE(notes.size(), rec.w.notes.size());
        for (std::size_t i = 0; i < notes.size(); ++i) {
            QCOMPARE(notes[i].timestampMs, rec.w.notes[i].timestampMs);
            QCOMPARE(notes[i].writtenMs, rec.w.notes[i].writtenMs);
            QCOMPARE(notes[i].author, rec.w.notes[i].author);
            QCOMPARE(notes[i].text, rec.w.notes[i].text);
        }
    }

    void throughput()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Recorded rec;
        rec.path = dir.filePath(QStringLiteral("big.vcap")).toStdString();
        recordLive(rec, 100, 2000);
        if (QTest::currentTestFailed())
            return;
        IngestHub replayed;
        replayed.start();
        CaptureReplay::Options o;
        o.speed = 0;
        ReplayOutputs out;
        out.hub = &replayed;
        CaptureReplay replay(openReader(rec.path), out, o);
        QElapsedTimer t;
        t.start();
        replay.play();
        QCOMPARE(replay.waitFinished(std::chrono::seconds(120)), ReplayState::Ended);
        const double s = double(t.nsecsElapsed()) / 1e9;
        const ReplayStatus st = replay.status();
        qInfo("replayed %llu samples in %.3f s: %.0f samples/s (read + regroup + hub apply)",
              (unsigned long long)st.samples, s, double(st.samples) / s);
        std::size_t compared = 0;
        compareStores(rec.live->store(), replayed.store(), &compared);
    }

    void speedZeroFinishes()
    {
        QTemporaryDir dir;
        const std::int64_t t0 = 1'700'000'000'000;
        const std::string path = clusterCapture(dir, "s0.vcap", t0, 3'600'000, 1000); // an hour
        std::atomic<int> n{0};
        ReplayOutputs out;
        out.cluster = [&](const JsonRecord &) { ++n; };
        CaptureReplay::Options o;
        o.speed = 0;
        CaptureReplay replay(openReader(path), out, o);
        QElapsedTimer t;
        t.start();
        replay.play();
        QCOMPARE(replay.waitFinished(std::chrono::seconds(30)), ReplayState::Ended);
        QCOMPARE(n.load(), 3601);
        QCOMPARE(replay.positionMs(), t0 + 3'600'000);
        QVERIFY(t.elapsed() < 10'000);
    }

    void speedHundredPacesTwoSecondsToTwentyMs()
    {
        QTemporaryDir dir;
        const std::int64_t t0 = 1'700'000'000'000;
        const std::string path = clusterCapture(dir, "pace.vcap", t0, 2000, 100);
        std::vector<ReplayStatus> progress;
        std::mutex pm;
        CaptureReplay::Options o;
        o.speed = 100;
        o.progress = [&](const ReplayStatus &s) {
            std::lock_guard l(pm);
            progress.push_back(s);
        };
        CaptureReplay replay(openReader(path), {}, o);
        QElapsedTimer t;
        t.start();
        replay.play();
        QCOMPARE(replay.waitFinished(std::chrono::seconds(10)), ReplayState::Ended);
        const qint64 ms = t.elapsed();
        qInfo("2 s capture at speed 100: %lld ms", (long long)ms);
        QVERIFY2(ms >= 15, std::to_string(ms).c_str());
        QVERIFY2(ms < 1000, std::to_string(ms).c_str());
        QCOMPARE(replay.status().clusterStates, std::uint64_t(21));
        std::lock_guard l(pm);
        QVERIFY(!progress.empty());
        QCOMPARE(progress.back().state, ReplayState::Ended);
    }

    void pauseStopsAndPlayResumes()
    {
        QTemporaryDir dir;
        const std::int64_t t0 = 1'700'000'000'000;
        const std::string path = clusterCapture(dir, "pause.vcap", t0, 10'000, 10); // 1001 states
        std::atomic<int> n{0};
        ReplayOutputs out;
        out.cluster = [&](const JsonRecord &) { ++n; };
        CaptureReplay::Options o;
        o.speed = 10; // 1 s in all
        CaptureReplay replay(openReader(path), out, o);
        replay.play();
        QTRY_VERIFY_WITH_TIMEOUT(replay.positionMs() > t0 + 1000, 5000);
        replay.pause();
        QCOMPARE(replay.state(), ReplayState::Paused);
        const std::int64_t p = replay.positionMs();
        QVERIFY(p < t0 + 10'000);
        // Waits on the finished condition: times out because a paused replay does nothing.
        QCOMPARE(replay.waitFinished(std::chrono::milliseconds(150)), ReplayState::Paused);
        QCOMPARE(replay.positionMs(), p);
        const int delivered = n.load();
        QVERIFY(delivered < 1001);
        replay.setSpeed(0);
        replay.play();
        QCOMPARE(replay.waitFinished(std::chrono::seconds(10)), ReplayState::Ended);
        QCOMPARE(n.load(), 1001);
        QCOMPARE(replay.positionMs(), t0 + 10'000);
    }

    void seekLandsOnTheFrameForThatTime()
    {
        QTemporaryDir dir;
        const std::int64_t t0 = 1'700'000'000'000;
        const std::string path = clusterCapture(dir, "seek.vcap", t0, 10'000, 10); // 1001 states
        auto reader = openReader(path);
        QVERIFY(reader->frames().size() > 2); // several frames, so the seek skips some
        const std::size_t expectedFrame = reader->frameAt(t0 + 5000);
        QVERIFY(expectedFrame > 0);
        std::mutex cm;
        std::vector<std::int64_t> seen;
        int rewinds = 0;
        ReplayOutputs out;
        out.cluster = [&](const JsonRecord &c) {
            std::lock_guard l(cm);
            seen.push_back(c.timestampMs);
        };
        CaptureReplay::Options o;
        o.speed = 0;
        o.onRewind = [&](ReplayOutputs &) { ++rewinds; };
        CaptureReplay replay(std::move(reader), out, o);
        replay.seek(t0 + 5000);
        QTRY_COMPARE_WITH_TIMEOUT(replay.positionMs(), t0 + 5000, 5000);
        QCOMPARE(replay.state(), ReplayState::Paused);
        replay.play();
        QCOMPARE(replay.waitFinished(std::chrono::seconds(10)), ReplayState::Ended);
        {
            std::lock_guard l(cm);
            QCOMPARE(seen.size(), std::size_t(501));
            QCOMPARE(seen.front(), t0 + 5000);
            QCOMPARE(seen.back(), t0 + 10'000);
            seen.clear();
        }
        QCOMPARE(rewinds, 0); // forward seek keeps the outputs
        QVERIFY(replay.status().frame < replay.status().frames + 1);

        // Backwards: the outputs are offered for replacement first.
        replay.seek(t0 + 1000);
        QTRY_COMPARE_WITH_TIMEOUT(replay.positionMs(), t0 + 1000, 5000);
        QCOMPARE(replay.state(), ReplayState::Paused);
        replay.play();
        QCOMPARE(replay.waitFinished(std::chrono::seconds(10)), ReplayState::Ended);
        QCOMPARE(rewinds, 1);
        std::lock_guard l(cm);
        QCOMPARE(seen.size(), std::size_t(901));
        QCOMPARE(seen.front(), t0 + 1000);
    }

    void seekWithPrerollFillsTheWindowEvenWhilePaused()
    {
        QTemporaryDir dir;
        const std::int64_t t0 = 1'700'000'000'000;
        const std::string path = clusterCapture(dir, "preroll.vcap", t0, 10'000, 10); // 1001 states
        std::mutex cm;
        std::vector<std::int64_t> seen;
        std::atomic<int> rewinds{0};
        ReplayOutputs out;
        out.cluster = [&](const JsonRecord &c) {
            std::lock_guard l(cm);
            seen.push_back(c.timestampMs);
        };
        CaptureReplay::Options o;
        o.speed = 1; // paced, but paused: only the preroll may apply anything
        o.onRewind = [&](ReplayOutputs &) { ++rewinds; };
        CaptureReplay replay(openReader(path), out, o);
        const auto caughtUp = [&](std::int64_t ms) {
            const ReplayStatus s = replay.status();
            return !s.catchingUp && s.positionMs == ms;
        };
        const auto take = [&] {
            std::lock_guard l(cm);
            return std::exchange(seen, {});
        };

        // Paused at the start; a seek with a 2 s preroll applies [3 s, 5 s] at once.
        replay.seek(t0 + 5000, 2000);
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(t0 + 5000), 5000);
        QCOMPARE(replay.state(), ReplayState::Paused);
        std::vector<std::int64_t> got = take();
        QCOMPARE(got.size(), std::size_t(201));
        QCOMPARE(got.front(), t0 + 3000);
        QCOMPARE(got.back(), t0 + 5000);
        QCOMPARE(rewinds.load(), 0); // forward from the start: nothing to rewind

        // Forward within the preroll: no rewind, just the records after the position.
        replay.seek(t0 + 5500, 2000);
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(t0 + 5500), 5000);
        got = take();
        QCOMPARE(got.size(), std::size_t(50));
        QCOMPARE(got.front(), t0 + 5010);
        QCOMPARE(got.back(), t0 + 5500);

        // Backwards: the outputs are rewound and the preroll starts at 0.5 s.
        const int before = rewinds.load();
        replay.seek(t0 + 1500, 1000);
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(t0 + 1500), 5000);
        QCOMPARE(rewinds.load(), before + 1);
        got = take();
        QCOMPARE(got.size(), std::size_t(101));
        QCOMPARE(got.front(), t0 + 500);
        QCOMPARE(got.back(), t0 + 1500);
        QCOMPARE(replay.state(), ReplayState::Paused);

        // A preroll reaching before the capture starts at its first record.
        replay.seek(t0 + 200, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(t0 + 200), 5000);
        got = take();
        QCOMPARE(got.size(), std::size_t(21));
        QCOMPARE(got.front(), t0);
    }

    void loopStartsOver()
    {
        QTemporaryDir dir;
        const std::int64_t t0 = 1'700'000'000'000;
        const std::string path = clusterCapture(dir, "loop.vcap", t0, 1000, 100); // 11 states
        std::atomic<int> n{0};
        std::atomic<int> rewinds{0};
        ReplayOutputs out;
        out.cluster = [&](const JsonRecord &) { ++n; };
        CaptureReplay::Options o;
        o.speed = 0;
        o.loop = true;
        o.onRewind = [&](ReplayOutputs &) { ++rewinds; };
        CaptureReplay replay(openReader(path), out, o);
        replay.play();
        QTRY_VERIFY_WITH_TIMEOUT(n.load() >= 33, 5000);
        replay.setLoop(false);
        QCOMPARE(replay.waitFinished(std::chrono::seconds(10)), ReplayState::Ended);
        QCOMPARE(n.load() % 11, 0);
        QVERIFY(rewinds.load() >= 2);
        QCOMPARE(std::uint64_t(rewinds.load()), replay.status().loops);
    }

    void tornCaptureReplaysItsIntactPart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Recorded rec;
        rec.path = dir.filePath(QStringLiteral("whole.vcap")).toStdString();
        recordLive(rec, 20, 30);
        if (QTest::currentTestFailed())
            return;
        const std::string bytes = test::readBytes(rec.path);
        auto whole = openReader(rec.path);
        const auto frames = whole->frames();
        const test::CaptureContents all = test::readAll(*whole);
        const std::uint64_t wholeRecords =
            all.sampleCount + all.events.size() + all.scrapes.size() + all.cluster.size();
        // Cut in the middle of a data frame about two thirds in (no footer, no trailer).
        const FrameInfo &cutFrame = frames[frames.size() * 2 / 3];
        const std::uint64_t cut = cutFrame.offset + 40 + cutFrame.storedBytes / 2;
        const std::string torn = dir.filePath(QStringLiteral("torn.vcap")).toStdString();
        test::writeBytes(torn, bytes.substr(0, cut));

        IngestHub replayed;
        FakeSink sink;
        ReplayOutputs out;
        out.hub = &replayed; // not started: applied inline on the replay thread
        out.events = &sink;
        CaptureReplay::Options o;
        o.speed = 0;
        CaptureReplay replay(openReader(torn), out, o);
        replay.play();
        QCOMPARE(replay.waitFinished(std::chrono::seconds(30)), ReplayState::Ended);
        const ReplayStatus st = replay.status();
        QVERIFY(!st.damage.empty());
        QVERIFY(st.damage.back().tornTail);
        QCOMPARE(st.damage.back().offset, cutFrame.offset);
        QVERIFY(st.samples > 0);
        // (Here every targets frame sits after the cut: the samples arrive without
        // their reports and are applied report-less at the end, as documented.)
        QVERIFY(st.samples + st.eventLines + st.scrapes + st.clusterStates < wholeRecords);
        // What was replayed is a prefix of the recording.
        const auto expected = test::expectedEvents(rec.w);
        QVERIFY(sink.lines.size() <= expected.size());
        for (std::size_t i = 0; i < sink.lines.size(); ++i)
            QCOMPARE(sink.lines[i].line, expected[i].line);
        for (const SeriesMeta &m : replayed.store().catalog()) {
            std::vector<LabelView> labels;
            for (const Label &l : m.labels)
                labels.push_back({l.name, l.value});
            const auto id = rec.live->store().find(m.metric, labels);
            QVERIFY2(id.has_value(), m.metric.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TstCaptureReplay)
#include "tst_capture_replay.moc"

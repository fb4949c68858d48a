// The captures round trip through the GUI's own parts: the demo cluster (simulated
// nodes scraped over HTTP, their NDJSON event stream over TCP, the cluster monitor) is
// recorded with the LiveRecorder the Record button uses, then the capture is opened with
// the OfflineSession an offline window uses and replayed as fast as possible. Every
// series in the live store comes back value by value (stale markers included), the
// engine's counts and every event line, the last cluster state and the note. Then the
// offline parts: a backward seek rewinds the hub and swaps the engine; a note added
// offline goes to the sidecar and the capture's bytes stay unchanged.
#include "app/vigil/demo_cluster.h"
#include "app/vigil/event_ingest.h"
#include "app/vigil/live_recorder.h"
#include "app/vigil/offline_session.h"
#include "app/vigil/target_registry.h"
#include "core/cluster/cluster_monitor.h"
#include "core/cluster/cluster_profile.h"
#include "core/hub/ingest_hub.h"
#include "core/scrape/scraper.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstring>


using namespace vigil;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result();
}

bool sameBits(double a, double b)
{
    std::uint64_t x, y;
    std::memcpy(&x, &a, 8);
    std::memcpy(&y, &b, 8);
    return x == y;
}

std::vector<LabelView> labelViews(const SeriesMeta &m)
{
    std::vector<LabelView> v;
    for (const Label &l : m.labels)
        v.push_back({l.name, l.value});
    return v;
}

} // namespace

class TstCaptureDemoRoundTrip : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void demoComesBackExactly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.vcap"));

        // ---- live: the demo, recorded ----
        DemoCluster demo;
        QSignalSpy ready(&demo, &DemoCluster::ready);
        demo.start(3);
        QVERIFY2(ready.wait(20000), "the demo cluster did not start");
        const auto urls = ready.at(0).at(0).value<QList<QUrl>>();
        const QUrl eventUrl = ready.at(0).at(1).toUrl();

        IngestHub hub;
        hub.start();
        Scraper scraper([&hub](SampleBatch &&b) { hub.submit(std::move(b)); });
        TargetRegistry registry(scraper, nullptr);
        std::vector<std::string> members;
        for (const QUrl &u : urls) {
            QCOMPARE(registry.add(u.toString(), 500, false, true), QString());
            members.push_back(u.toString().toStdString());
        }
        EventIngest events(nullptr); // no engine series: the live store holds only what was scraped
        auto profile = loadClusterProfile(QStringLiteral("eventstream"));
        QVERIFY(profile.ok());
        ClusterMonitor monitor(*profile, hub.store(), members);
        monitor.start();
        LiveRecorder recorder(hub, events, [&monitor] { return monitor.snapshot(); }, nullptr);
        QCOMPARE(recorder.start(path), QString());
        QCOMPARE(events.addSource(eventUrl.toString()), QString());
        scraper.start();

        // Run until there is something of everything: events, several scrapes, a leader.
        const auto haveLeader = [&monitor] {
            for (const ClusterNode &n : monitor.snapshot().nodes)
                if (n.role == NodeRole::Leader)
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(events.snapshot().processed >= 3000 && hub.stats().batchesApplied >= 24 && haveLeader(),
                                 30000);
        recorder.recordClusterState();
        capture::Note note;
        note.timestampMs = QDateTime::currentMSecsSinceEpoch();
        note.writtenMs = note.timestampMs + 1;
        note.author = "ops";
        note.text = "failover drill starts <b>here</b>\nsecond line";
        QCOMPARE(recorder.addNote(note), QString());

        // Stop every live source first, so the live state is exactly what was captured.
        scraper.stop();
        events.stop();
        hub.flush();
        monitor.stop();
        recorder.recordClusterState();
        const ClusterSnapshot lastCluster = monitor.snapshot();
        QSignalSpy stopped(&recorder, &LiveRecorder::stopped);
        recorder.stop();
        QVERIFY(stopped.wait(20000));
        QCOMPARE(stopped.at(0).at(1).toString(), QString());
        const capture::WriterStatus written = recorder.status();
        QCOMPARE(written.droppedRecords, std::uint64_t(0));
        QVERIFY(written.clusterStates >= 1);
        const EngineSnapshot liveEngine = events.snapshot();
        QVERIFY(liveEngine.received >= 3000);
        const std::vector<EventRecord> liveEvents = events.recentSince(0, 1'000'000);

        // ---- offline: open and replay ----
        const QByteArray hashBefore = fileHash(path);
        IngestHub hub2;
        hub2.start();
        EventIngest events2(nullptr);
        ReplayedCluster cluster2;
        OfflineSession session(hub2, events2, cluster2);
        QSignalSpy opened(&session, &OfflineSession::opened);
        QSignalSpy failed(&session, &OfflineSession::failed);
        session.open(path, false);
        QVERIFY(opened.wait(20000));
        QCOMPARE(failed.count(), 0);
        QVERIFY(!session.damaged());
        session.replay()->setSpeed(0);
        session.replay()->play();
        QCOMPARE(session.replay()->waitFinished(std::chrono::seconds(60)), capture::ReplayState::Ended);
        hub2.flush();
        QTRY_COMPARE_WITH_TIMEOUT(events2.snapshot().received, liveEngine.received, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(events2.snapshot().inFlight, std::uint64_t(0), 20000);

        // Samples, value by value.
        std::size_t seriesCompared = 0, samplesCompared = 0;
        for (const SeriesMeta &m : hub.store().catalog()) {
            const std::vector<LabelView> labels = labelViews(m);
            const auto id2 = hub2.store().find(m.metric, labels);
            QVERIFY2(id2, m.metric.c_str());
            const auto a = hub.store().range(m.id, std::numeric_limits<std::int64_t>::min(),
                                             std::numeric_limits<std::int64_t>::max());
            const auto b = hub2.store().range(*id2, std::numeric_limits<std::int64_t>::min(),
                                              std::numeric_limits<std::int64_t>::max());
            QCOMPARE(b.size(), a.size());
            for (std::size_t i = 0; i < a.size(); ++i) {
                QCOMPARE(b[i].timestampMs, a[i].timestampMs);
                QVERIFY2(sameBits(b[i].value, a[i].value), m.metric.c_str());
            }
            QCOMPARE(hub2.store().meta(*id2)->type, m.type);
            ++seriesCompared;
            samplesCompared += a.size();
        }
        QCOMPARE(hub2.store().seriesCount(), hub.store().seriesCount());
        QVERIFY(seriesCompared > 100);
        QVERIFY(samplesCompared > 1000);

        // Target health as live.
        const auto t1 = hub.targets(), t2 = hub2.targets();
        QCOMPARE(t2.size(), t1.size());

        // Events: the engine's counts and every line.
        const EngineSnapshot offEngine = events2.snapshot();
        QCOMPARE(offEngine.processed, liveEngine.processed);
        QCOMPARE(offEngine.deduplicated, liveEngine.deduplicated);
        QCOMPARE(offEngine.malformed, liveEngine.malformed);
        QCOMPARE(offEngine.dropped, liveEngine.dropped);
        // Every processed event id (the ring holds them all here). Lanes run on worker
        // threads, so the processing order may differ from the live run's, and with it
        // which copy of an event the simulator sent twice under one id (with other
        // fields) dedup keeps. The lines and their arrival times as the engine got
        // them are compared one by one in tst_capture_replay.
        std::vector<EventRecord> offEvents = events2.recentSince(0, 1'000'000);
        std::vector<EventRecord> liveSorted = liveEvents;
        QVERIFY(liveSorted.size() == liveEngine.processed);
        const auto byId = [](const EventRecord &a, const EventRecord &b) { return a.id < b.id; };
        std::sort(offEvents.begin(), offEvents.end(), byId);
        std::sort(liveSorted.begin(), liveSorted.end(), byId);
        QCOMPARE(offEvents.size(), liveSorted.size());
        for (std::size_t i = 0; i < offEvents.size(); ++i)
            QCOMPARE(offEvents[i].id, liveSorted[i].id);

        // The cluster state and the note.
        QVERIFY(sameClusterState(cluster2.snapshot(), lastCluster));
        QCOMPARE(cluster2.malformed(), std::uint64_t(0));
        const std::vector<capture::Note> notes = session.notes();
        QCOMPARE(notes.size(), std::size_t(1));
        QCOMPARE(notes[0].timestampMs, note.timestampMs);
        QCOMPARE(notes[0].writtenMs, note.writtenMs);
        QCOMPARE(notes[0].author, note.author);
        QCOMPARE(notes[0].text, note.text);

        // ---- offline: a backward seek starts the outputs over ----
        const std::uint64_t epoch = events2.epoch();
        const capture::ReplayStatus s = session.replay()->status();
        const std::int64_t target = s.firstMs + 1500;
        session.replay()->seek(target, 1000);
        QTRY_VERIFY_WITH_TIMEOUT(!session.replay()->status().catchingUp
                                     && session.replay()->positionMs() == target, 20000);
        hub2.flush();
        QCOMPARE(events2.epoch(), epoch + 1);
        std::int64_t newest = 0;
        for (const SeriesMeta &m : hub2.store().catalog())
            newest = std::max(newest, hub2.store().status(m.id).lastTimestampMs);
        QVERIFY(newest > 0);
        QVERIFY2(newest <= target, "samples after the seek target survived the rewind");
        QVERIFY(events2.snapshot().received < liveEngine.received);

        // ---- offline: a note goes beside the capture, never into it ----
        capture::Note offline;
        offline.timestampMs = target;
        offline.author = "reviewer";
        offline.text = "looked at this \"later\"";
        QCOMPARE(session.addNote(offline), QString());
        QCOMPARE(fileHash(path), hashBefore);
        QVERIFY(QFile::exists(OfflineSession::defaultSidecarPath(path)));
        int skipped = -1;
        const auto sidecar = OfflineSession::readSidecar(OfflineSession::defaultSidecarPath(path), &skipped);
        QCOMPARE(skipped, 0);
        QCOMPARE(sidecar.size(), std::size_t(1));
        QCOMPARE(sidecar[0].text, offline.text);
        QCOMPARE(sidecar[0].timestampMs, target);

        session.open(path, false); // reopened: the sidecar's note is there from the start
        QVERIFY(opened.wait(20000));
        QCOMPARE(session.sidecarNotes().size(), std::size_t(1));
        QCOMPARE(fileHash(path), hashBefore);
        hub2.stop();
        hub.stop();
    }

    void sidecarSkipsBadLines()
    {
        QTemporaryDir dir;
        const QString p = dir.filePath(QStringLiteral("x.vcap.notes.jsonl"));
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"time_ms\":5,\"text\":\"ok\"}\nnot json\n{\"time_ms\":\"5\",\"text\":\"bad type\"}\n\n"
                "{\"time_ms\":7,\"text\":\"two\",\"author\":\"a\",\"written_ms\":9}\n{\"text\":\"no time\"}\n");
        f.close();
        int skipped = 0;
        const auto notes = OfflineSession::readSidecar(p, &skipped);
        QCOMPARE(skipped, 3);
        QCOMPARE(notes.size(), std::size_t(2));
        QCOMPARE(notes[1].author, std::string("a"));
        QCOMPARE(notes[1].writtenMs, std::int64_t(9));
        QVERIFY(OfflineSession::readSidecar(dir.filePath(QStringLiteral("missing")), &skipped).empty());
        QCOMPARE(skipped, 0);
    }
};

QTEST_MAIN(TstCaptureDemoRoundTrip)
#include "tst_capture_demo_roundtrip.moc"

// The capture taps: IngestHub::setCaptureTap sees every applied batch exactly once, in
// order (threaded and inline, with set/clear racing the hub thread), never a dropped
// one, and never after it was cleared; CaptureTapSink records source registrations
// without credentials and every line (owned and mapped batches) in push order while
// forwarding everything to the inner sink unchanged.
#include "core/capture/capture_reader.h"
#include "core/capture/capture_writer.h"
#include "core/engine/capture_tap_sink.h"
#include "core/hub/ingest_hub.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <mutex>
#include <thread>

using namespace vigil;

namespace {

std::shared_ptr<const expo::ParseResult> oneSample(double value)
{
    auto parsed = std::make_shared<expo::ParseResult>();
    expo::FamilyView f;
    f.name = "x";
    f.type = expo::MetricType::Gauge;
    f.sampleCount = 1;
    parsed->families.push_back(f);
    expo::SampleView s;
    s.name = "x";
    s.value = value;
    parsed->samples.push_back(s);
    return parsed;
}

// Batch i: timestamp 1000 + i, so the tap can tell batches apart and check the order.
SampleBatch batch(std::int64_t i)
{
    SampleBatch b;
    b.parsed = oneSample(double(i));
    b.targetLabels = {{"instance", "t:1"}, {"job", "j"}};
    b.timestampMs = 1000 + i;
    ScrapeReport r;
    r.targetUrl = "http://t:1/metrics";
    r.job = "j";
    r.instance = "t:1";
    r.timestampMs = 1000 + i;
    r.up = true;
    r.samples = 1;
    b.scrape = r;
    return b;
}

// Records what reaches the inner sink.
class RecordingSink : public EventSink
{
  public:
    std::uint32_t registerSource(const SourceInfo &info) override
    {
        std::lock_guard lock(mutex);
        urls.push_back(info.url);
        return std::uint32_t(urls.size() - 1);
    }
    void push(LineBatch &&batch) override
    {
        std::lock_guard lock(mutex);
        text += std::string(batch.text());
        ++batches;
    }
    void reportFramingError(FramingError &&) override { ++framingErrors; }
    void sourceEnded(std::uint32_t, const std::string &) override { ++ended; }
    void sourceState(std::uint32_t, const std::string &) override { ++states; }

    std::mutex mutex;
    std::vector<std::string> urls;
    std::string text;
    int batches = 0;
    std::atomic<int> framingErrors{0}, ended{0}, states{0};
};

LineBatch owned(std::uint32_t source, const std::string &lines, std::uint32_t count)
{
    LineBatch b;
    b.sourceId = source;
    b.bytes.reserve(lines.size() + kLinePadding);
    b.bytes = lines;
    b.lineCount = count;
    b.arrivalNs = 1'700'000'000'000'000'000;
    return b;
}

} // namespace

class TstCaptureTaps : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void hubTapSeesEveryAppliedBatchOnceInOrder()
    {
        IngestHub::Options o;
        o.maxQueuedBatches = 1 << 20; // nothing dropped here
        IngestHub hub(o);
        std::vector<std::int64_t> seen;
        std::thread::id tapThread;
        int notYetApplied = 0;
        hub.setCaptureTap([&](const SampleBatch &b) {
            seen.push_back(b.timestampMs);
            tapThread = std::this_thread::get_id();
            // Called after the batch is applied: its sample is in the store.
            if (hub.stats().samplesApplied != seen.size()) ++notYetApplied;
        });
        hub.start();
        constexpr int kBatches = 5000;
        for (int i = 0; i < kBatches; ++i)
            hub.submit(batch(i));
        hub.flush();
        QCOMPARE(int(seen.size()), kBatches);
        for (int i = 0; i < kBatches; ++i)
            QCOMPARE(seen[std::size_t(i)], 1000 + i);
        QVERIFY(tapThread != std::this_thread::get_id()); // the hub thread
        QCOMPARE(notYetApplied, 0);
        hub.stop();

        // Not started: apply() on the caller's thread also goes through the tap.
        IngestHub inline_;
        int calls = 0;
        inline_.setCaptureTap([&](const SampleBatch &b) {
            QCOMPARE(b.timestampMs, 1000 + calls);
            ++calls;
        });
        for (int i = 0; i < 10; ++i)
            inline_.apply(batch(i));
        QCOMPARE(calls, 10);
    }

    void droppedBatchesNeverReachTheTap()
    {
        IngestHub::Options o;
        o.maxQueuedBatches = 4;
        IngestHub hub(o);
        std::atomic<int> calls{0};
        std::mutex gate; // the first tap call holds the hub thread so the queue overflows
        hub.setCaptureTap([&](const SampleBatch &) {
            std::lock_guard wait(gate);
            ++calls;
        });
        // Taken after setCaptureTap(): the tap takes the gate under the hub's tap lock, so
        // holding the gate while setting the tap is a lock-order inversion (TSan).
        std::unique_lock hold(gate);
        hub.start();
        for (int i = 0; i < 100; ++i)
            hub.submit(batch(i));
        hold.unlock();
        hub.flush();
        hub.stop();
        const IngestHub::Stats s = hub.stats();
        QVERIFY(s.batchesDropped > 0);
        QCOMPARE(std::uint64_t(calls.load()), s.batchesApplied);
        QCOMPARE(s.batchesApplied + s.batchesDropped, std::uint64_t(100));
    }

    void setAndClearWhileRunning()
    {
        IngestHub::Options o;
        o.maxQueuedBatches = 1 << 20;
        IngestHub hub(o);
        hub.start();
        std::atomic<bool> cleared{false};
        std::atomic<int> afterClear{0};
        std::vector<std::int64_t> seenA, seenB;
        std::atomic<bool> producing{true};
        std::thread producer([&] {
            for (int i = 0; i < 20000; ++i)
                hub.submit(batch(i));
            producing = false;
        });
        // Swap between two taps while batches flow; each must see an increasing
        // subsequence, together every batch at most once.
        for (int round = 0; producing && round < 2000; ++round) {
            hub.setCaptureTap([&](const SampleBatch &b) { seenA.push_back(b.timestampMs); });
            std::this_thread::yield();
            hub.setCaptureTap([&](const SampleBatch &b) { seenB.push_back(b.timestampMs); });
            std::this_thread::yield();
        }
        producer.join();
        hub.setCaptureTap([&](const SampleBatch &) {
            if (cleared) ++afterClear;
        });
        hub.setCaptureTap({});
        cleared = true; // after setCaptureTap returned: the old tap must never run again
        for (int i = 20000; i < 20100; ++i)
            hub.submit(batch(i));
        hub.flush();
        hub.stop();
        QCOMPARE(afterClear.load(), 0);
        QVERIFY(std::is_sorted(seenA.begin(), seenA.end()));
        QVERIFY(std::is_sorted(seenB.begin(), seenB.end()));
        std::vector<std::int64_t> all = seenA;
        all.insert(all.end(), seenB.begin(), seenB.end());
        std::sort(all.begin(), all.end());
        QVERIFY(std::adjacent_find(all.begin(), all.end()) == all.end()); // no batch twice
        for (std::int64_t t : all)
            QVERIFY(t < 1000 + 20000);
    }

    void eventTapRecordsLinesAndRedactedSources()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        capture::WriterOptions wo;
        wo.path = dir.filePath(QStringLiteral("tap.vcap")).toStdString();
        wo.writerId = "test";
        auto opened = capture::CaptureWriter::open(wo);
        QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
        std::shared_ptr<capture::CaptureWriter> writer(std::move(opened.value()));

        RecordingSink inner;
        CaptureTapSink tap(inner);
        // Registered before the writer is set: replayed to it.
        const std::uint32_t early =
            tap.registerSource({"tcp://alice:s3cret@127.0.0.1:7000", LanePolicy::DropNewest});
        tap.setWriter(writer);
        const std::uint32_t late = tap.registerSource({"events.ndjson", LanePolicy::Block});
        QCOMPARE(inner.urls.size(), std::size_t(2));
        QCOMPARE(inner.urls[0],
                 std::string("tcp://alice:s3cret@127.0.0.1:7000")); // the engine gets it as given

        std::string expectedLines;
        tap.push(owned(early, "{\"id\":\"1\"}\n{\"id\":\"2\"}\n", 2));
        expectedLines += "{\"id\":\"1\"}\n{\"id\":\"2\"}\n";
        // A mapped batch: text() is a view into someone else's buffer.
        auto backing = std::make_shared<std::string>(std::string("{\"id\":\"3\"}\n{\"id\":\"4\"}\r\n") +
                                                     std::string(kLinePadding, '\0'));
        LineBatch mapped;
        mapped.sourceId = late;
        mapped.backing = backing;
        mapped.view = backing->data();
        mapped.viewSize = backing->size() - kLinePadding;
        mapped.viewReadable = backing->size();
        mapped.lineCount = 2;
        tap.push(std::move(mapped));
        expectedLines += "{\"id\":\"3\"}\n{\"id\":\"4\"}\r\n";
        tap.push(owned(early, "not json at all\n", 1));
        expectedLines += "not json at all\n";
        tap.reportFramingError({early, 9, 99, "line exceeds 1 MiB limit", "xx"});
        tap.sourceState(early, "connected");
        tap.sourceEnded(late, "end of input");
        QCOMPARE(inner.text, expectedLines); // forwarded unchanged
        QCOMPARE(inner.framingErrors.load(), 1);
        QCOMPARE(inner.states.load(), 1);
        QCOMPARE(inner.ended.load(), 1);
        QCOMPARE(tap.linesCaptured(), std::uint64_t(5));

        tap.setWriter(nullptr);
        tap.push(owned(early, "{\"id\":\"not recorded\"}\n", 1));
        QCOMPARE(tap.linesCaptured(), std::uint64_t(5));
        QVERIFY(writer->close().ok());

        auto reader = capture::CaptureReader::open(wo.path);
        QVERIFY2(reader.ok(), reader.ok() ? "" : reader.error().message.c_str());
        std::vector<capture::EventSourceDef> sources;
        std::string lines;
        std::vector<std::uint32_t> lineSources;
        for (std::size_t i = 0; i < (*reader)->frames().size(); ++i) {
            auto f = (*reader)->read(i);
            QVERIFY2(f.ok(), f.ok() ? "" : f.error().message.c_str());
            for (const auto &s : f->records.eventSources)
                sources.push_back(s);
            for (const auto &e : f->records.events) {
                lines += e.line + "\n";
                lineSources.push_back(e.sourceId);
            }
        }
        QCOMPARE(sources.size(), std::size_t(2));
        QCOMPARE(sources[0].sourceId, early);
        QCOMPARE(sources[0].url, std::string("tcp://127.0.0.1:7000"));
        QCOMPARE(sources[1].sourceId, late);
        QCOMPARE(sources[1].url, std::string("events.ndjson"));
        QCOMPARE(lines, expectedLines);
        QCOMPARE(lineSources, (std::vector<std::uint32_t>{early, early, late, late, early}));
    }

    void urlWithoutUserInfo()
    {
        QCOMPARE(vigil::urlWithoutUserInfo("tcp://u:p@h:1"), std::string("tcp://h:1"));
        QCOMPARE(vigil::urlWithoutUserInfo("tcp://u@h:1/x@y"), std::string("tcp://h:1/x@y"));
        QCOMPARE(vigil::urlWithoutUserInfo("tcp-listen://:7000"), std::string("tcp-listen://:7000"));
        QCOMPARE(vigil::urlWithoutUserInfo("file:/tmp/a@b"), std::string("file:/tmp/a@b"));
        QCOMPARE(vigil::urlWithoutUserInfo("file:///tmp/a@b"), std::string("file:///tmp/a@b"));
        QCOMPARE(vigil::urlWithoutUserInfo("/var/log/x@y.ndjson"), std::string("/var/log/x@y.ndjson"));
        QCOMPARE(vigil::urlWithoutUserInfo("-"), std::string("-"));
    }
};

QTEST_GUILESS_MAIN(TstCaptureTaps)
#include "tst_capture_taps.moc"

// CaptureWriter -> CaptureReader: a realistic mix read back value by value and in order,
// with and without compression; series identity and timestamps as the IngestHub stores
// them; written/durable acknowledgements; trailer vs header walk; frameAt(); rotation;
// exclusive create; bounded queue, dropping or blocking producers (WhenFull);
// frame age and sync interval without flush().
#include "tst_capture_util.h"

#include "core/capture/capture_records.h"
#include "core/hub/ingest_hub.h"
#include "core/store/series_store.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <bit>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

using namespace vigil;
using namespace vigil::capture;
using namespace vigil::test;

namespace {

std::uint64_t bits(double v)
{
    return std::bit_cast<std::uint64_t>(v);
}

bool waitFor(const std::function<bool()> &cond, int ms = 3000)
{
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < until) {
        if (cond()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return cond();
}

// Writes the workload to `file` with frames cut at frameBytes, closes it, returns its bytes.
std::string writeWorkload(const std::string &file, const Workload &w, std::size_t frameBytes)
{
    WriterOptions o;
    o.path = file;
    o.frameBytes = frameBytes;
    auto writer = CaptureWriter::open(o);
    if (!writer.ok())
        qFatal("cannot create %s: %s", file.c_str(), writer.error().message.c_str());
    feed(**writer, w);
    if (!(*writer)->close().ok())
        qFatal("cannot close %s", file.c_str());
    return readBytes(file);
}

// The trailer frame's offset as the footer of a cleanly closed capture gives it.
std::uint64_t trailerOffset(const std::string &bytes)
{
    std::uint64_t off = 0;
    for (int i = 0; i < 8; ++i)
        off |= std::uint64_t(static_cast<unsigned char>(bytes[bytes.size() - 16 + i])) << (8 * i);
    return off;
}

bool isSynthesized(const std::string &metric)
{
    return metric == "up" || metric == "scrape_duration_seconds" || metric == "scrape_samples_scraped";
}

} // namespace

class TestCaptureRoundTrip : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string path(const char *name) const { return m_dir.path().toStdString() + "/" + name; }

  private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void roundTrip_data()
    {
        QTest::addColumn<int>("level");
        QTest::newRow("zstd 1") << 1;
        QTest::newRow("stored") << 0;
        QTest::newRow("zstd 9") << 9;
    }

    void roundTrip()
    {
        QFETCH(int, level);
        const Workload w = makeWorkload(60, 150);
        const std::string file = path(("roundtrip-" + std::to_string(level) + ".vcap").c_str());
        WriterOptions o;
        o.path = file;
        o.zstdLevel = level;
        o.frameBytes = 16 << 10;
        o.writerId = "vigil test";
        o.host = "test-host.example.with.a.very.long.name";
        auto writer = CaptureWriter::open(o);
        QVERIFY2(writer.ok(), writer.ok() ? "" : writer.error().message.c_str());
        feed(**writer, w);
        QVERIFY((*writer)->flush(true).ok());
        const WriterStatus afterFlush = (*writer)->status();
        QVERIFY(afterFlush.recording);
        QVERIFY(afterFlush.framesWritten > 10);
        QCOMPARE(afterFlush.writtenSequence, afterFlush.framesWritten);
        QCOMPARE(afterFlush.durableSequence, afterFlush.framesWritten);
        QCOMPARE(afterFlush.durableBytes, afterFlush.bytesWritten);
        QVERIFY(afterFlush.error.empty());
        QCOMPARE(afterFlush.droppedRecords, 0u);
        QCOMPARE(afterFlush.scrapes, std::uint64_t(w.scrapes.size()));
        QCOMPARE(afterFlush.clusterStates, std::uint64_t(w.cluster.size()));
        QCOMPARE(afterFlush.notes, std::uint64_t(w.notes.size()));
        if (level == 0)
            QCOMPARE(afterFlush.storedBytes, afterFlush.rawBytes);
        else
            QVERIFY(afterFlush.storedBytes < afterFlush.rawBytes / 2);
        QVERIFY((*writer)->close().ok());
        QVERIFY((*writer)->close().ok()); // idempotent
        const WriterStatus closed = (*writer)->status();
        QVERIFY(!closed.recording);
        QCOMPARE(closed.bytesWritten, std::uint64_t(std::filesystem::file_size(file)));

        auto reader = CaptureReader::open(file);
        QVERIFY2(reader.ok(), reader.ok() ? "" : reader.error().message.c_str());
        CaptureReader &r = **reader;
        QVERIFY2(r.damage().empty(), describe(r).c_str());
        QVERIFY(r.cleanlyClosed());
        QCOMPARE(r.header().version, std::uint16_t(1));
        QCOMPARE(r.header().writerId, std::string("vigil test"));
        QCOMPARE(r.header().host, std::string("test-host.example.wi")); // 20 bytes
        QCOMPARE(r.header().startMs, afterFlush.startMs);
        const CaptureContents c = readAll(r);
        QVERIFY(c.errors.empty());

        // Samples: identity and values as the hub stores them.
        IngestHub hub;
        for (const SampleBatch &b : w.scrapes)
            hub.apply(b);
        const SeriesStore &store = hub.store();
        std::size_t storeSeries = 0;
        for (const SeriesMeta &m : store.catalog())
            if (!isSynthesized(m.metric)) ++storeSeries;
        QCOMPARE(r.series().size(), storeSeries);
        QCOMPARE(closed.series, std::uint64_t(storeSeries));
        std::size_t compared = 0;
        for (const SeriesDef &def : r.series()) {
            QCOMPARE(def.id, std::uint32_t(&def - r.series().data()));
            std::vector<LabelView> labels;
            for (const Label &l : def.labels)
                labels.push_back({l.name, l.value});
            const auto id = store.find(def.name, labels);
            QVERIFY2(id.has_value(), def.name.c_str());
            const auto meta = store.meta(*id);
            QVERIFY(meta->labels == def.labels); // same canonical order
            QCOMPARE(def.type, meta->type);
            std::vector<Sample> stored;
            for (const Sample &s : store.range(*id, std::numeric_limits<std::int64_t>::min(),
                                               std::numeric_limits<std::int64_t>::max()))
                if (!isStaleMarker(s.value)) stored.push_back(s);
            const auto it = c.samples.find(def.id);
            QVERIFY(it != c.samples.end());
            QCOMPARE(it->second.size(), stored.size());
            for (std::size_t i = 0; i < stored.size(); ++i) {
                QCOMPARE(it->second[i].timestampMs, stored[i].timestampMs);
                QCOMPARE(bits(it->second[i].value), bits(stored[i].value));
            }
            compared += stored.size();
        }
        QCOMPARE(c.sampleCount, compared);
        QCOMPARE(afterFlush.samples, std::uint64_t(compared));
        // The clash and the empty label resolved like the hub: exported_job, no zone.
        bool sawExported = false;
        for (const SeriesDef &def : r.series())
            for (const Label &l : def.labels) {
                sawExported |= l.name == "exported_job" && l.value == "scraped";
                QVERIFY(!l.value.empty());
            }
        QVERIFY(sawExported);

        // Scrape reports in order.
        QCOMPARE(c.scrapes.size(), w.scrapes.size());
        for (std::size_t i = 0; i < c.scrapes.size(); ++i) {
            const ScrapeReport &e = *w.scrapes[i].scrape;
            const ScrapeRecord &g = c.scrapes[i];
            QCOMPARE(g.timestampMs, e.timestampMs);
            QCOMPARE(g.targetUrl, e.targetUrl);
            QCOMPARE(g.job, e.job);
            QCOMPARE(g.instance, e.instance);
            QCOMPARE(bits(g.durationSeconds), bits(e.durationSeconds));
            QCOMPARE(g.up, e.up);
            QCOMPARE(g.samples, e.samples);
            QCOMPARE(g.bodyBytes, e.bodyBytes);
            QCOMPARE(g.format, e.format);
            QVERIFY(g.targetLabels == w.scrapes[i].targetLabels);
        }

        // Event sources and lines in order.
        QCOMPARE(c.sources.size(), std::size_t(2));
        QCOMPARE(c.sources[0].sourceId, 1u);
        QCOMPARE(c.sources[0].url, w.sources[0].second);
        QCOMPARE(c.sources[1].url, w.sources[1].second);
        const std::vector<EventLine> events = expectedEvents(w);
        QCOMPARE(c.events.size(), events.size());
        QCOMPARE(closed.events, std::uint64_t(events.size()));
        for (std::size_t i = 0; i < events.size(); ++i) {
            QCOMPARE(c.events[i].sourceId, events[i].sourceId);
            QCOMPARE(c.events[i].arrivalNs, events[i].arrivalNs);
            QCOMPARE(c.events[i].line, events[i].line);
        }

        // Cluster states and notes in order.
        QCOMPARE(c.cluster.size(), w.cluster.size());
        for (std::size_t i = 0; i < c.cluster.size(); ++i) {
            QCOMPARE(c.cluster[i].timestampMs, w.cluster[i].timestampMs);
            QCOMPARE(c.cluster[i].json, w.cluster[i].json);
        }
        QCOMPARE(c.notes.size(), w.notes.size());
        for (std::size_t i = 0; i < c.notes.size(); ++i) {
            QCOMPARE(c.notes[i].timestampMs, w.notes[i].timestampMs);
            QCOMPARE(c.notes[i].writtenMs, w.notes[i].writtenMs);
            QCOMPARE(c.notes[i].author, w.notes[i].author);
            QCOMPARE(c.notes[i].text, w.notes[i].text);
        }

        // Frame times and the file's span.
        QCOMPARE(r.firstMs(), w.scrapes.front().timestampMs - 501); // explicit_ts of the second target
        QVERIFY(r.lastMs() >= w.scrapes.back().timestampMs);
    }

    void trailerAndHeaderWalkAgree()
    {
        const Workload w = makeWorkload(120, 60);
        const std::string file = path("walk.vcap");
        const std::string bytes = writeWorkload(file, w, 8 << 10);

        auto clean = CaptureReader::open(file);
        QVERIFY(clean.ok());
        QVERIFY((*clean)->cleanlyClosed());
        QVERIFY((*clean)->frames().size() > 64); // so index frames exist too
        const CaptureContents all = readAll(**clean);

        // Footer cut off: the walk finds the trailer frame and uses its times.
        const std::string noFooter = path("walk-nofooter.vcap");
        writeBytes(noFooter, bytes.substr(0, bytes.size() - 24));
        auto walked = CaptureReader::open(noFooter);
        QVERIFY(walked.ok());
        QVERIFY(!(*walked)->cleanlyClosed());
        QVERIFY2((*walked)->damage().empty(), describe(**walked).c_str());
        QVERIFY((*walked)->frames() == (*clean)->frames());
        QVERIFY((*walked)->series().size() == (*clean)->series().size());

        // Salvage over the intact file: every frame verified, same result, still clean.
        auto salvaged = CaptureReader::open(file, {true, {}});
        QVERIFY(salvaged.ok());
        QVERIFY((*salvaged)->cleanlyClosed());
        QVERIFY((*salvaged)->damage().empty());
        QVERIFY((*salvaged)->frames() == (*clean)->frames());

        // In memory, the same.
        auto mem = CaptureReader::openMemory(bytes.substr(0, bytes.size() - 24));
        QVERIFY(mem.ok());
        QVERIFY((*mem)->frames() == (*clean)->frames());

        // Trailer and footer gone (as after a crash): same frames by offset, type, sizes;
        // times from the index frames where they cover, the rest learnt on read.
        const std::uint64_t trailerAt = trailerOffset(bytes);
        const std::string noTrailer = path("walk-notrailer.vcap");
        writeBytes(noTrailer, bytes.substr(0, trailerAt));
        auto crashed = CaptureReader::open(noTrailer);
        QVERIFY(crashed.ok());
        QVERIFY2((*crashed)->damage().empty(), describe(**crashed).c_str());
        QCOMPARE((*crashed)->frames().size(), (*clean)->frames().size());
        std::size_t sameTimes = 0;
        for (std::size_t i = 0; i < (*clean)->frames().size(); ++i) {
            const FrameInfo &a = (*clean)->frames()[i], &b = (*crashed)->frames()[i];
            QCOMPARE(a.offset, b.offset);
            QCOMPARE(a.sequence, b.sequence);
            QCOMPARE(a.type, b.type);
            QCOMPARE(a.storedBytes, b.storedBytes);
            QCOMPARE(a.rawBytes, b.rawBytes);
            QCOMPARE(a.records, b.records);
            sameTimes += a.firstMs == b.firstMs && a.lastMs == b.lastMs;
        }
        QVERIFY(sameTimes >= 64);
        const CaptureContents again = readAll(**crashed);
        QCOMPARE(again.sampleCount, all.sampleCount);
        QCOMPARE(again.events.size(), all.events.size());
        // After reading, every frame's times are known and equal the trailer's.
        QVERIFY((*crashed)->frames() == (*clean)->frames());
    }

    void frameAtFindsTheFirstFrameThatReaches()
    {
        const Workload w = makeWorkload(100, 40);
        const std::string file = path("frameat.vcap");
        const std::string bytes = writeWorkload(file, w, 4 << 10);
        const std::uint64_t trailerAt = trailerOffset(bytes);
        const std::string cut = path("frameat-crash.vcap");
        writeBytes(cut, bytes.substr(0, trailerAt));

        for (const std::string &f : {file, cut}) {
            auto reader = CaptureReader::open(f);
            QVERIFY(reader.ok());
            CaptureReader &r = **reader;
            const std::int64_t t0 = w.scrapes.front().timestampMs;
            for (std::int64_t t : {std::numeric_limits<std::int64_t>::min(), t0 - 5000, t0,
                                   t0 + 15000 * 37 + 1, t0 + 15000 * 77, t0 + 15000 * 99, t0 + 15000 * 200}) {
                const std::size_t at = r.frameAt(t);
                QVERIFY(at <= r.frames().size());
                // Nothing before `at` reaches t (checked by reading those frames)...
                for (std::size_t i = 0; i < at; ++i) {
                    auto d = r.read(i);
                    QVERIFY(d.ok());
                    if (d->info.type != FrameType::Series)
                        QVERIFY2(d->info.lastMs < t, qPrintable(QString::number(i)));
                }
                // ...and `at` itself does, when the index knows its times.
                if (f == file && at < r.frames().size()) {
                    QVERIFY(r.frames()[at].lastMs >= t);
                    QVERIFY(r.frames()[at].type != FrameType::Series);
                }
            }
            // Past the end: none, unless a frame's times are unknown (not indexed, not read).
            if (f == file) QCOMPARE(r.frameAt(std::numeric_limits<std::int64_t>::max()), r.frames().size());
            // A sample at t0 + 50 rounds lies in a frame at or after frameAt(t).
            const std::int64_t t = t0 + 15000 * 50;
            const std::size_t at = r.frameAt(t);
            bool found = false;
            for (std::size_t i = at; i < r.frames().size() && !found; ++i) {
                auto d = r.read(i);
                for (const SampleRun &run : d->records.samples)
                    for (const SamplePoint &p : run.points)
                        found |= p.timestampMs == t;
            }
            QVERIFY(found);
            // Once every frame was read, all times are known: past the end is none.
            for (std::size_t i = 0; i < r.frames().size(); ++i)
                QVERIFY(r.read(i).ok());
            QCOMPARE(r.frameAt(std::numeric_limits<std::int64_t>::max()), r.frames().size());
        }
    }

    void rotation()
    {
        const Workload w = makeWorkload(80, 100);
        const std::string file = path("rot.vcap");
        WriterOptions o;
        o.path = file;
        o.frameBytes = 8 << 10;
        o.rotateBytes = 64 << 10;
        auto writer = CaptureWriter::open(o);
        QVERIFY(writer.ok());
        feed(**writer, w);
        QVERIFY((*writer)->close().ok());
        const WriterStatus s = (*writer)->status();
        QVERIFY2(s.filesRotated >= 2, qPrintable(QString::number(s.filesRotated)));
        std::size_t samples = 0, events = 0, scrapes = 0;
        for (int n = 1; n <= s.filesRotated + 1; ++n) {
            char name[64];
            std::snprintf(name, sizeof name, "rot-%04d.vcap", n);
            const std::string p = n == 1 ? file : path(name);
            auto reader = CaptureReader::open(p);
            QVERIFY2(reader.ok(), p.c_str());
            QVERIFY((*reader)->cleanlyClosed());
            QVERIFY((*reader)->damage().empty());
            const CaptureContents c = readAll(**reader);
            // Every file is self-contained: its samples only use series it defines.
            for (const auto &[id, points] : c.samples)
                QVERIFY(id < (*reader)->series().size());
            for (const EventLine &l : c.events) {
                bool defined = false;
                for (const EventSourceDef &d : c.sources)
                    defined |= d.sourceId == l.sourceId;
                QVERIFY(defined);
            }
            samples += c.sampleCount;
            events += c.events.size();
            scrapes += c.scrapes.size();
        }
        QCOMPARE(std::uint64_t(samples), s.samples);
        QCOMPARE(events, expectedEvents(w).size());
        QCOMPARE(scrapes, w.scrapes.size());
        QCOMPARE(
            s.path,
            path(("rot-" + QString::asprintf("%04d", s.filesRotated + 1).toStdString() + ".vcap").c_str()));
    }

    void existingFileIsNeverOverwritten()
    {
        const std::string file = path("exists.vcap");
        writeBytes(file, "precious");
        WriterOptions o;
        o.path = file;
        auto writer = CaptureWriter::open(o);
        QVERIFY(!writer.ok());
        QVERIFY2(writer.error().message.find("exists") != std::string::npos, writer.error().message.c_str());
        QCOMPARE(readBytes(file), std::string("precious"));
    }

    void ageAndSyncWithoutFlush()
    {
        WriterOptions o;
        o.path = path("age.vcap");
        o.maxFrameAge = std::chrono::milliseconds(30);
        o.syncInterval = std::chrono::milliseconds(20);
        auto writer = CaptureWriter::open(o);
        QVERIFY(writer.ok());
        (*writer)->addNote({1, 2, "me", "one note"});
        QVERIFY(waitFor([&] { return (*writer)->status().writtenSequence == 1; }));
        QVERIFY(waitFor([&] { return (*writer)->status().durableSequence == 1; }));
        // Written means readable by another process now (no footer yet).
        auto reader = CaptureReader::open(o.path);
        QVERIFY(reader.ok());
        QCOMPARE((*reader)->frames().size(), std::size_t(1));
        auto f = (*reader)->read(0);
        QVERIFY(f.ok());
        QCOMPARE(f->records.notes.at(0).text, std::string("one note"));
    }

    void boundedQueueDropsInsteadOfBlocking()
    {
        WriterOptions o;
        o.path = path("queue.vcap");
        o.maxQueuedBytes = 4096;
        auto writer = CaptureWriter::open(o);
        QVERIFY(writer.ok());
        const std::string big(100000, 'x');
        for (int i = 0; i < 50; ++i)
            (*writer)->addEventLine({1, i, big}); // each alone is over the bound
        QVERIFY((*writer)->flush(false).ok());
        QCOMPARE((*writer)->status().droppedRecords, 50u);
        QCOMPARE((*writer)->status().events, 0u);
    }

    // A producer far faster than the writer (zstd level 9, a 64 KiB queue) loses records
    // with WhenFull::Drop and none with WhenFull::Wait; the queue never holds more than
    // its bound.
    void blockingProducersLoseNothing()
    {
        const int threads = 3, batchesPerThread = 300;
        // Moderately compressible lines, so zstd 9 is slow next to a copy.
        std::vector<std::vector<LineBatch>> feed(threads);
        for (int t = 0; t < threads; ++t)
            for (int b = 0; b < batchesPerThread; ++b) {
                std::vector<std::string> lines;
                for (int i = 0; i < 40; ++i)
                    lines.push_back("{\"t\":" + std::to_string(t) + ",\"n\":" + std::to_string(b * 40 + i) +
                                    ",\"v\":\"" + std::to_string(std::uint64_t(b * 7919 + i) * 2654435761u) +
                                    "\"}");
                feed[t].push_back(
                    lineBatch(std::uint32_t(t + 1), lines, std::int64_t(b) * 1'000'000, b % 2 == 1));
            }
        const std::uint64_t total = std::uint64_t(threads) * batchesPerThread * 40;

        const auto record = [&](const char *name, WhenFull whenFull, std::size_t &maxQueued) {
            WriterOptions o;
            o.path = path(name);
            o.zstdLevel = 9;
            o.frameBytes = 16 << 10;
            o.maxQueuedBytes = 64 << 10;
            auto writer = CaptureWriter::open(o);
            if (!writer.ok()) qFatal("%s", writer.error().message.c_str());
            CaptureWriter &w = **writer;
            for (int t = 0; t < threads; ++t)
                w.addEventSource(std::uint32_t(t + 1), "tcp://127.0.0.1:" + std::to_string(7000 + t),
                                 WhenFull::Wait);
            std::atomic<std::size_t> peak{0};
            std::vector<std::thread> producers;
            for (int t = 0; t < threads; ++t)
                producers.emplace_back([&, t] {
                    for (const LineBatch &b : feed[t]) {
                        w.addEventLines(b, whenFull);
                        std::size_t q = w.queuedBytes(), p = peak.load();
                        while (q > p && !peak.compare_exchange_weak(p, q)) {
                        }
                    }
                });
            for (std::thread &th : producers)
                th.join();
            if (!w.close().ok()) qFatal("close failed");
            maxQueued = peak.load();
            return w.status();
        };

        std::size_t peakDrop = 0, peakWait = 0;
        const WriterStatus dropping = record("drop.vcap", WhenFull::Drop, peakDrop);
        qInfo("WhenFull::Drop: %llu of %llu lines dropped", (unsigned long long)dropping.droppedRecords,
              (unsigned long long)total);
        QVERIFY(dropping.droppedRecords > 0); // the producers really are faster
        QCOMPARE(dropping.events + dropping.droppedRecords, total);

        const WriterStatus waiting = record("wait.vcap", WhenFull::Wait, peakWait);
        QCOMPARE(waiting.droppedRecords, 0u);
        QCOMPARE(waiting.events, total);
        QVERIFY2(peakWait <= (64u << 10), std::to_string(peakWait).c_str());
        QCOMPARE(waiting.queuedBytes, 0u);
        auto reader = CaptureReader::open(path("wait.vcap"));
        QVERIFY(reader.ok());
        QVERIFY((*reader)->damage().empty());
        const CaptureContents c = readAll(**reader);
        QCOMPARE(std::uint64_t(c.events.size()), total);
        // Per producer, every line in order.
        std::map<std::uint32_t, int> next;
        for (const EventLine &l : c.events) {
            const std::string want = "\"n\":" + std::to_string(next[l.sourceId]++) + ",";
            QVERIFY2(l.line.find(want) != std::string::npos, l.line.c_str());
        }
        for (int t = 0; t < threads; ++t)
            QCOMPARE(next[std::uint32_t(t + 1)], batchesPerThread * 40);
    }

    // A waiting producer is released by close() (its input dropped and counted), and one
    // input larger than the whole bound is taken when the queue is empty.
    void waitingProducerAndClose()
    {
        WriterOptions o;
        o.path = path("wait-close.vcap");
        o.maxQueuedBytes = 4096;
        auto writer = CaptureWriter::open(o);
        QVERIFY(writer.ok());
        CaptureWriter &w = **writer;
        QVERIFY(w.addEventLine({1, 1, std::string(100000, 'x')}, WhenFull::Wait)); // over the bound
        QVERIFY(w.flush(false).ok());
        QCOMPARE(w.status().events, 1u);
        QCOMPARE(w.queuedBytes(), 0u);

        std::atomic<int> queued{0}, refused{0};
        std::thread producer([&] {
            for (int i = 0; i < 100000; ++i) {
                if (!w.addEventLine({1, i, std::string(1000, 'y')}, WhenFull::Wait)) {
                    ++refused;
                    break;
                }
                ++queued;
            }
        });
        QTRY_VERIFY(queued.load() > 10);
        QVERIFY(w.close().ok());
        producer.join();
        const WriterStatus s = w.status();
        if (refused.load() == 1) QCOMPARE(s.droppedRecords, 1u); // the add close() refused
        QCOMPARE(s.events, std::uint64_t(1 + queued.load()));
        QVERIFY(!w.addNote({1, 2, "me", "after close"}, WhenFull::Wait)); // returns at once
    }

    void producersOnManyThreads()
    {
        WriterOptions o;
        o.path = path("threads.vcap");
        o.frameBytes = 4096;
        auto writer = CaptureWriter::open(o);
        QVERIFY(writer.ok());
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 2000; ++i) {
                    (*writer)->addEventLine(
                        {std::uint32_t(t), std::int64_t(i) * 1000, "line " + std::to_string(i)});
                    if (i % 500 == 0) (*writer)->flush(i % 1000 == 0);
                }
            });
        for (auto &th : threads)
            th.join();
        QVERIFY((*writer)->close().ok());
        auto reader = CaptureReader::open(o.path);
        QVERIFY(reader.ok());
        const CaptureContents c = readAll(**reader);
        QCOMPARE(c.events.size(), std::size_t(8000));
        // Per source, lines stay in the order they were added.
        std::map<std::uint32_t, int> next;
        for (const EventLine &l : c.events) {
            QCOMPARE(l.line, "line " + std::to_string(next[l.sourceId]));
            ++next[l.sourceId];
        }
    }

    void oversizedInputIsCountedNotWritten()
    {
        WriterOptions o;
        o.path = path("oversize.vcap");
        auto writer = CaptureWriter::open(o);
        QVERIFY(writer.ok());
        (*writer)->addEventLine({1, 5, std::string(kMaxEventLineBytes + 1, 'x')});
        (*writer)->addNote({1, 1, "me", std::string(kMaxStringBytes + 1, 'n')});
        (*writer)->addClusterState({1, std::string(kMaxStringBytes + 1, '{')});
        (*writer)->addEventLine({1, 6, std::string(kMaxEventLineBytes, 'y')});
        QVERIFY((*writer)->close().ok());
        QCOMPARE((*writer)->status().droppedRecords, 3u);
        auto reader = CaptureReader::open(o.path);
        QVERIFY(reader.ok());
        const CaptureContents c = readAll(**reader);
        QCOMPARE(c.events.size(), std::size_t(1));
        QCOMPARE(c.events[0].line.size(), kMaxEventLineBytes);
    }
};

QTEST_GUILESS_MAIN(TestCaptureRoundTrip)
#include "tst_capture_roundtrip.moc"

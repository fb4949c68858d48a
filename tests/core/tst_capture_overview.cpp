// CaptureOverviewScan: exact bucket counts and marks of a capture with known content,
// progress and version() rate, cancellation (immediately, mid-scan, by destruction),
// damage (a torn copy, a corrupt frame), a capture without an index whose span widens
// while scanning, alert records, and files that are not captures.
#include "tst_capture_util.h"

#include "core/capture/capture_format.h"
#include "core/capture/capture_overview.h"
#include "core/capture/capture_records.h"
#include "core/cluster/cluster_json.h"
#include "core/cluster/cluster_text.h"

#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <functional>
#include <thread>

using namespace vigil;
using namespace vigil::capture;
using namespace vigil::test;

namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000;

std::string writeCapture(const std::string &path, std::size_t frameBytes,
                         const std::function<void(CaptureWriter &)> &fill)
{
    WriterOptions o;
    o.path = path;
    o.frameBytes = frameBytes;
    o.writerId = "vigil test";
    auto writer = CaptureWriter::open(o);
    if (!writer) qFatal("%s", writer.error().message.c_str());
    fill(**writer);
    if (!(*writer)->close()) qFatal("close failed");
    return path;
}

ClusterSnapshot cluster(int leader, std::uint64_t term, std::int64_t ms)
{
    ClusterSnapshot s;
    s.takenMs = ms;
    s.profile = "eventstream";
    for (int i = 0; i < 3; ++i) {
        ClusterNode n;
        n.id = "n" + std::to_string(i);
        n.name = "node-" + std::to_string(i);
        n.role = i == leader ? NodeRole::Leader : NodeRole::Follower;
        n.reachable = true;
        n.term = term;
        n.leader = "n" + std::to_string(leader);
        n.lastSampleMs = ms;
        s.nodes.push_back(n);
    }
    return s;
}

SampleBatch failedScrape(std::int64_t ts)
{
    SampleBatch b;
    b.targetLabels = {{"instance", "10.0.0.9:9100"}, {"job", "node"}};
    b.timestampMs = ts;
    ScrapeReport r;
    r.targetUrl = "http://10.0.0.9:9100/metrics";
    r.job = "node";
    r.instance = "10.0.0.9:9100";
    r.timestampMs = ts;
    r.up = false;
    r.error = "connection refused";
    r.consecutiveFailures = 1;
    b.scrape = r;
    return b;
}

std::uint64_t eventsPerSecond(int s)
{
    return std::uint64_t(s % 5 + 1);
}

struct Totals
{
    std::uint64_t events = 0, samples = 0, scrapes = 0, failed = 0;
};

Totals totals(const CaptureOverview &o)
{
    Totals t;
    for (const OverviewBucket &b : o.buckets) {
        t.events += b.eventLines;
        t.samples += b.samples;
        t.scrapes += b.scrapes;
        t.failed += b.failedScrapes;
    }
    return t;
}

std::vector<const OverviewMark *> marksOf(const CaptureOverview &o, MarkKind kind)
{
    std::vector<const OverviewMark *> out;
    for (const OverviewMark &m : o.marks)
        if (m.kind == kind) out.push_back(&m);
    return out;
}

// Finished states are one of: complete, cancelled (before every frame was scanned),
// failed to open.
void checkConsistent(const CaptureOverview &o)
{
    QVERIFY(o.error.empty());
    QVERIFY(o.complete != o.cancelled);
    QVERIFY(o.framesScanned <= o.frames);
    if (o.complete) QCOMPARE(o.framesScanned, o.frames);
    if (o.cancelled) QVERIFY(o.frames == 0 || o.framesScanned < o.frames);
    QVERIFY(o.buckets.size() <= CaptureOverview::kMaxBuckets);
    QVERIFY(o.bucketMs >= 1000 && o.bucketMs % 1000 == 0);
    for (std::size_t i = 1; i < o.marks.size(); ++i)
        QVERIFY(o.marks[i - 1].atMs <= o.marks[i].atMs);
}

// A capture made by hand: the file header, then frames of the given type and records
// (uncompressed; no index, trailer or footer, so the reader walks it).
struct HandFrame
{
    FrameType type;
    std::int64_t firstMs;
    std::string payload;
    std::uint32_t records;
};

std::string handMade(const std::vector<HandFrame> &frames)
{
    std::string out(format::kFileHeaderSize, '\0');
    format::encodeFileHeader(out.data(), kT0, "test", "host");
    std::uint64_t seq = 0;
    for (const HandFrame &f : frames) {
        format::FrameHeader h;
        h.type = std::uint8_t(f.type);
        h.storedBytes = h.rawBytes = std::uint32_t(f.payload.size());
        h.sequence = seq++;
        h.firstMs = f.firstMs;
        h.records = f.records;
        char hb[format::kFrameHeaderSize];
        format::encodeFrameHeader(hb, h, f.payload.data(), f.payload.size());
        out.append(hb, sizeof hb);
        out += f.payload;
    }
    return out;
}

} // namespace

// Slot bodies are defined below the class: moc does not parse raw strings with
// unbalanced braces inside a class body.
class TestCaptureOverview : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_known; // known content, see initTestCase
    std::string m_big;   // a realistic workload, many frames
    std::string path(const char *name) const { return m_dir.path().toStdString() + "/" + name; }

  private Q_SLOTS:
    void initTestCase();
    void bucketsAndMarksExact();
    void progressAndVersionRate();
    void cancelImmediately();
    void cancelMidScan();
    void destroyWhileScanning();
    void tornCopy();
    void corruptFrame();
    void spanWidensWithoutIndex();
    void notACapture();
};

void TestCaptureOverview::initTestCase()
{
    QVERIFY(m_dir.isValid());

    // 60 seconds from kT0: in second s, s%5+1 event lines (at +0, +100, ... ms); every
    // 5 s a scrape at +200 with samples a and b, and from s=5 on one sample carrying
    // its own timestamp in the previous second (+300 there); failed scrapes at s=7 and
    // s=23; cluster states every 2 s at +50 (leader node-0 term 1, node-1 term 2 from
    // s=20, node-2 term 3 from s=40) plus two records that are not snapshots; notes.
    m_known = writeCapture(path("known.vcap"), 4096, [](CaptureWriter &w) {
        w.addEventSource(1, "tcp://127.0.0.1:7000");
        for (int s = 0; s < 60; ++s) {
            const std::int64_t sec = kT0 + s * 1000;
            for (std::uint64_t k = 0; k < eventsPerSecond(s); ++k)
                w.addEventLine({1, (sec + std::int64_t(k) * 100) * 1'000'000 + 7,
                                R"({"id":")" + std::to_string(s) + "-" + std::to_string(k) + R"("})"});
            if (s % 5 == 0) {
                std::string text = "# TYPE a gauge\na 1\n# TYPE b gauge\nb 2\n";
                if (s >= 5)
                    text += "# TYPE explicit_ts gauge\nexplicit_ts 5 " + std::to_string(sec - 1000 + 300) + "\n";
                w.addSamples(scrapeBatch(text, "http://10.0.0.1:9100/metrics", "node", "10.0.0.1:9100", sec + 200));
            }
            if (s == 7 || s == 23) w.addSamples(failedScrape(sec + 200));
            if (s % 2 == 0) {
                const int leader = s < 20 ? 0 : s < 40 ? 1 : 2;
                w.addClusterState({sec + 50, clusterToJson(cluster(leader, std::uint64_t(leader + 1), sec + 50))});
            }
            if (s == 31) w.addClusterState({sec + 50, "{not json"});
            if (s == 33) w.addClusterState({sec + 50, R"({"leader":"n1","term":2})"});
            if (s == 10) w.addNote({sec + 1, sec + 5000, "ops", "deploy started\nsecond line"});
            if (s == 30) w.addNote({sec, sec, "ops", "\tbad\x01 line\r\nnext"});
            if (s == 45) w.addNote({sec + 2, sec, "ops", std::string(2000, 'x') + "\nrest"});
        }
    });

    const Workload big = makeWorkload(600, 300);
    m_big = writeCapture(path("big.vcap"), 16 << 10, [&big](CaptureWriter &w) { feed(w, big); });
}

void TestCaptureOverview::bucketsAndMarksExact()
{
    CaptureOverviewScan scan(m_known);
    scan.wait();
    QVERIFY(scan.finished());
    QVERIFY(scan.version() >= 1);
    const CaptureOverview o = scan.snapshot();
    QVERIFY2(o.error.empty(), o.error.c_str());
    QVERIFY(o.complete);
    QVERIFY(!o.cancelled);
    QVERIFY(o.frames > 3);
    QCOMPARE(o.framesScanned, o.frames);
    checkConsistent(o);

    QCOMPARE(o.firstMs, kT0);
    QCOMPARE(o.lastMs, kT0 + 59'400); // the last event line
    QCOMPARE(o.scannedToMs, o.lastMs);
    QCOMPARE(o.bucketMs, std::int64_t(1000));
    QCOMPARE(o.buckets.size(), std::size_t(60));
    for (int s = 0; s < 60; ++s) {
        const OverviewBucket &b = o.buckets[std::size_t(s)];
        const QByteArray where = "second " + QByteArray::number(s);
        QVERIFY2(b.eventLines == eventsPerSecond(s), where.constData());
        const std::uint64_t samples = (s % 5 == 0 ? 2 : 0) + (s % 5 == 4 && s < 59 ? 1 : 0);
        QVERIFY2(b.samples == samples, (where.toStdString() + " samples " + std::to_string(b.samples)).c_str());
        const bool failed = s == 7 || s == 23;
        QVERIFY2(b.scrapes == (s % 5 == 0 || failed ? 1u : 0u), where.constData());
        QVERIFY2(b.failedScrapes == (failed ? 1u : 0u), where.constData());
        QCOMPARE(o.bucketAt(kT0 + s * 1000 + 999), std::size_t(s));
    }
    QCOMPARE(o.bucketAt(kT0 - 5000), std::size_t(0));
    QCOMPARE(o.bucketAt(kT0 + 999'999), std::size_t(59));
    QCOMPARE(o.clusterStatesSkipped, std::size_t(2));
    QCOMPARE(o.marksDropped, std::size_t(0));

    const std::vector<OverviewMark> expected = {
        {MarkKind::Note, kT0 + 10'001, "deploy started"},
        {MarkKind::Election, kT0 + 20'050, "node-1 leader, term 2"},
        {MarkKind::Note, kT0 + 30'000, plainText("\tbad\x01 line", 1024)},
        {MarkKind::Election, kT0 + 40'050, "node-2 leader, term 3"},
    };
    QCOMPARE(o.marks.size(), expected.size() + 1);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(markKindName(o.marks[i].kind), markKindName(expected[i].kind));
        QCOMPARE(o.marks[i].atMs, expected[i].atMs);
        QCOMPARE(o.marks[i].text, expected[i].text);
    }
    QVERIFY(o.marks[2].text.find('\x01') == std::string::npos);
    const OverviewMark &longNote = o.marks.back();
    QCOMPARE(longNote.kind, MarkKind::Note);
    QCOMPARE(longNote.atMs, kT0 + 45'002);
    QVERIFY(longNote.text.size() <= 1024 && longNote.text.size() > 1000);
    QVERIFY(longNote.text.starts_with("xxxxxxxx"));
    QVERIFY(marksOf(o, MarkKind::Damage).empty());

    // Nothing new after the end.
    const std::uint64_t v = scan.version();
    scan.wait();
    QCOMPARE(scan.version(), v);
}

void TestCaptureOverview::progressAndVersionRate()
{
    auto reader = CaptureReader::open(m_big);
    QVERIFY(reader.ok());
    const CaptureContents c = readAll(**reader);
    QVERIFY(c.errors.empty());

    const auto start = std::chrono::steady_clock::now();
    CaptureOverviewScan scan(m_big);
    std::uint64_t seen = 0;
    std::size_t scanned = 0, snapshots = 0;
    std::int64_t scannedTo = std::numeric_limits<std::int64_t>::min();
    while (!scan.finished()) {
        const std::uint64_t v = scan.version();
        if (v != seen) {
            QVERIFY(v > seen);
            seen = v;
            const CaptureOverview o = scan.snapshot();
            ++snapshots;
            QVERIFY(o.framesScanned >= scanned);
            scanned = o.framesScanned;
            if (o.frames) {
                QVERIFY(o.scannedToMs >= scannedTo);
                scannedTo = o.scannedToMs;
                QVERIFY(o.buckets.size() <= CaptureOverview::kMaxBuckets);
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2)); // polling, like a GUI tick
    }
    scan.wait();
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const CaptureOverview o = scan.snapshot();
    checkConsistent(o);
    QVERIFY(o.complete);
    QVERIFY(o.framesScanned >= scanned);
    // At most one bump per 100 ms while scanning, plus the final one.
    QVERIFY2(double(scan.version()) <= elapsed * 10 + 2,
             (std::to_string(scan.version()) + " versions in " + std::to_string(elapsed) + " s").c_str());
    qInfo("%zu frames in %.3f s, %llu versions, %zu snapshots copied", o.frames, elapsed,
          static_cast<unsigned long long>(scan.version()), snapshots);

    const Totals t = totals(o);
    QCOMPARE(t.samples, std::uint64_t(c.sampleCount));
    QCOMPARE(t.events, std::uint64_t(c.events.size()));
    QCOMPARE(t.scrapes, std::uint64_t(c.scrapes.size()));
    QCOMPARE(t.failed, std::uint64_t(0));
    QCOMPARE(o.firstMs, (*reader)->firstMs());
    QCOMPARE(o.lastMs, (*reader)->lastMs());
    // The workload's cluster records are not snapshots: all skipped, no elections.
    QCOMPARE(o.clusterStatesSkipped, c.cluster.size());
    QVERIFY(marksOf(o, MarkKind::Election).empty());
    QCOMPARE(marksOf(o, MarkKind::Note).size(), c.notes.size());
    QCOMPARE(o.marks.size(), c.notes.size());
    for (std::size_t i = 0; i < c.notes.size(); ++i)
        QVERIFY(o.marks[i].text.starts_with("deploy "));
}

void TestCaptureOverview::cancelImmediately()
{
    CaptureOverviewScan scan(m_big);
    scan.cancel();
    scan.wait();
    QVERIFY(scan.finished());
    const CaptureOverview o = scan.snapshot();
    checkConsistent(o);
    qInfo("cancelled: %d after %zu of %zu frames", int(o.cancelled), o.framesScanned, o.frames);
}

void TestCaptureOverview::cancelMidScan()
{
    CaptureOverviewScan scan(m_big);
    std::size_t before = 0;
    // Wait (by polling, as the GUI would) until the scan is under way.
    while (!scan.finished() && scan.version() == 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    before = scan.snapshot().framesScanned;
    scan.cancel();
    scan.wait();
    const CaptureOverview o = scan.snapshot();
    checkConsistent(o);
    QVERIFY(o.framesScanned >= before);
    qInfo("cancelled: %d after %zu of %zu frames", int(o.cancelled), o.framesScanned, o.frames);
}

void TestCaptureOverview::destroyWhileScanning()
{
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 5; ++i) {
        CaptureOverviewScan scan(m_big);
    } // cancels and joins
    CaptureOverviewScan full(m_big);
    full.wait();
    const auto full1 = std::chrono::steady_clock::now();
    qInfo("5 destroyed scans + 1 full scan: %.3f s",
          std::chrono::duration<double>(full1 - start).count());
    QVERIFY(full.snapshot().complete);
}

void TestCaptureOverview::tornCopy()
{
    const std::string bytes = readBytes(m_big);
    auto clean = CaptureReader::open(m_big);
    QVERIFY(clean.ok());
    const std::vector<FrameInfo> frames = (*clean)->frames();
    const FrameInfo &cut = frames[frames.size() * 2 / 3];
    const std::string torn = path("torn.vcap");
    writeBytes(torn, bytes.substr(0, cut.offset + format::kFrameHeaderSize + cut.storedBytes / 2));

    auto reader = CaptureReader::open(torn);
    QVERIFY(reader.ok());
    CaptureReader &r = **reader;
    QCOMPARE(r.damage().size(), std::size_t(1));
    QVERIFY(r.damage()[0].tornTail);
    const CaptureContents c = readAll(r); // also learns the times of frames without index entries
    QVERIFY(c.errors.empty());
    std::int64_t before = 0;
    for (const FrameInfo &f : r.frames())
        if (f.offset < r.damage()[0].offset && f.type != FrameType::Series) before = f.lastMs;

    CaptureOverviewScan scan(torn);
    scan.wait();
    const CaptureOverview o = scan.snapshot();
    checkConsistent(o);
    QVERIFY(o.complete);
    QCOMPARE(o.frames, r.frames().size());
    const auto damage = marksOf(o, MarkKind::Damage);
    QCOMPARE(damage.size(), std::size_t(1));
    QVERIFY2(damage[0]->text.starts_with("torn tail of "), damage[0]->text.c_str());
    QVERIFY2(damage[0]->text.find("at offset " + std::to_string(r.damage()[0].offset)) != std::string::npos,
             damage[0]->text.c_str());
    QCOMPARE(damage[0]->atMs, before);
    const Totals t = totals(o);
    QCOMPARE(t.samples, std::uint64_t(c.sampleCount));
    QCOMPARE(t.events, std::uint64_t(c.events.size()));
    QCOMPARE(t.scrapes, std::uint64_t(c.scrapes.size()));
    QVERIFY(o.firstMs <= r.firstMs());
    QCOMPARE(o.lastMs, std::max(r.lastMs(), o.firstMs));
}

void TestCaptureOverview::corruptFrame()
{
    std::string bytes = readBytes(m_big);
    auto clean = CaptureReader::open(m_big);
    QVERIFY(clean.ok());
    const std::vector<FrameInfo> &frames = (*clean)->frames();
    std::size_t k = frames.size() / 2;
    while (frames[k].type == FrameType::Series || frames[k - 1].type == FrameType::Series)
        ++k;
    bytes[frames[k].offset + format::kFrameHeaderSize + frames[k].storedBytes / 2] ^= 0x20;
    const std::string bad = path("corrupt.vcap");
    writeBytes(bad, bytes);

    auto reader = CaptureReader::open(bad);
    QVERIFY(reader.ok());
    const CaptureContents c = readAll(**reader, false);
    QCOMPARE(c.errors.size(), std::size_t(1));

    CaptureOverviewScan scan(bad);
    scan.wait();
    const CaptureOverview o = scan.snapshot();
    checkConsistent(o);
    QVERIFY(o.complete); // the frame is skipped, the rest scanned
    QCOMPARE(o.framesScanned, frames.size());
    const auto damage = marksOf(o, MarkKind::Damage);
    QCOMPARE(damage.size(), std::size_t(1));
    QVERIFY2(damage[0]->text.find("CRC mismatch") != std::string::npos, damage[0]->text.c_str());
    QCOMPARE(damage[0]->atMs, frames[k - 1].lastMs);
    const Totals t = totals(o);
    QCOMPARE(t.samples, std::uint64_t(c.sampleCount));
    QCOMPARE(t.events, std::uint64_t(c.events.size()));
    QCOMPARE(t.scrapes, std::uint64_t(c.scrapes.size()));
}

// Without an index the reader knows each frame only by its first-record time: the span
// grows while scanning, by whole buckets, doubling bucketMs past kMaxBuckets. Also
// alert records (hand-made: the writer does not record them yet) and notes.
void TestCaptureOverview::spanWidensWithoutIndex()
{
    const std::int64_t f = kT0;
    std::string alerts;
    const std::string shortAlert = R"({"alert":"HighLatency","state":"firing"})";
    std::string longAlert = R"({"alert":"Long","labels":{"a":")" + std::string(5000, 'v') + "\x02\"}}";
    encode(alerts, JsonRecord{f + 500, shortAlert});
    encode(alerts, JsonRecord{f + 1500, longAlert});

    std::string events;
    encode(events, EventSourceDef{1, "tcp://127.0.0.1:7000"});
    std::int64_t prev = f * 1'000'000;
    const auto line = [&](std::int64_t ms) {
        const std::int64_t ns = ms * 1'000'000 + 3;
        encodeEventLine(events, 1, ns, "{}", prev);
        prev = ns;
    };
    for (int j = 0; j < 3000; ++j)
        line(f + j * 1000);
    line(f - 2500); // earlier than the frame's first-record time

    std::string notes;
    encode(notes, Note{f + 10, f + 20, "ops", "first\nsecond"});

    const std::string file = path("handmade.vcap");
    writeBytes(file, handMade({{FrameType::Alerts, f + 500, alerts, 2},
                               {FrameType::Events, f, events, 3002},
                               {FrameType::Notes, f + 10, notes, 1}}));
    {
        auto r = CaptureReader::open(file);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE((*r)->frames().size(), std::size_t(3));
        QCOMPARE((*r)->lastMs(), f + 500); // all the index-less reader knows before reading
    }

    CaptureOverviewScan scan(file);
    scan.wait();
    const CaptureOverview o = scan.snapshot();
    checkConsistent(o);
    QVERIFY(o.complete);
    QCOMPARE(o.bucketMs, std::int64_t(2000));
    QCOMPARE(o.firstMs, f - 4000);
    QCOMPARE(o.lastMs, f + 2'999'000);
    QCOMPARE(o.scannedToMs, f + 2'999'000);
    QCOMPARE(o.buckets.size(), std::size_t(1502));
    QCOMPARE(o.buckets[0].eventLines, std::uint64_t(1));
    QCOMPARE(o.buckets[1].eventLines, std::uint64_t(0));
    for (std::size_t i = 2; i < o.buckets.size(); ++i)
        QVERIFY2(o.buckets[i].eventLines == 2, QByteArray::number(qulonglong(i)).constData());
    QCOMPARE(totals(o).events, std::uint64_t(3001));

    QCOMPARE(o.marks.size(), std::size_t(3));
    QCOMPARE(o.marks[0].kind, MarkKind::Note);
    QCOMPARE(o.marks[0].atMs, f + 10);
    QCOMPARE(o.marks[0].text, std::string("first"));
    QCOMPARE(o.marks[1].kind, MarkKind::Alert);
    QCOMPARE(o.marks[1].atMs, f + 500);
    QCOMPARE(o.marks[1].text, shortAlert);
    QCOMPARE(o.marks[2].kind, MarkKind::Alert);
    QCOMPARE(o.marks[2].atMs, f + 1500);
    QVERIFY(o.marks[2].text.size() <= 1024);
    QVERIFY(o.marks[2].text.starts_with(longAlert.substr(0, 40)));
    QVERIFY(o.marks[2].text.find('\x02') == std::string::npos);
}

void TestCaptureOverview::notACapture()
{
    const std::string text = path("notes.txt");
    writeBytes(text, std::string(200, 'x') + "\nthis is not a capture\n");
    const std::string empty = path("empty.vcap");
    writeBytes(empty, "");
    for (const std::string &file : {text, empty, path("missing.vcap")}) {
        CaptureOverviewScan scan(file);
        scan.wait();
        const CaptureOverview o = scan.snapshot();
        QVERIFY2(!o.error.empty(), file.c_str());
        QVERIFY(!o.complete);
        QVERIFY(!o.cancelled);
        QVERIFY(o.buckets.empty());
        QVERIFY(o.marks.empty());
        QCOMPARE(o.frames, std::size_t(0));
        QVERIFY(scan.version() >= 1);
        qInfo("%s", o.error.c_str());
    }
}

QTEST_GUILESS_MAIN(TestCaptureOverview)
#include "tst_capture_overview.moc"

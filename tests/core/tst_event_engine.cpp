// EventEngine: lanes drained critical first, block / drop-newest / drop-oldest
// policies (with a paused worker, no sleeps), dedup, framing errors, conservation under
// concurrent producers with concurrent snapshots, and the vigil_engine_* series in a hub.
#include "core/engine/event_engine.h"
#include "core/engine/priority_lanes.h"
#include "core/hub/ingest_hub.h"

#include <QDateTime>
#include <QTest>

#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <thread>

using namespace vigil;

namespace {

LineBatch makeBatch(const std::string &text, std::uint32_t sourceId = 0, std::int64_t arrivalNs = 0)
{
    LineBatch b;
    b.bytes.reserve(text.size() + kLinePadding);
    b.bytes = text;
    b.sourceId = sourceId;
    b.arrivalNs = arrivalNs;
    return b;
}

std::string eventLine(const std::string &id, const char *priority)
{
    return R"({"id":")" + id + R"(","priority":")" + priority + R"(","latency_ns":300,"queue":"q"})" + "\n";
}

std::vector<std::string> ids(const std::vector<EventRecord> &records)
{
    std::vector<std::string> out;
    for (const auto &r : records)
        out.push_back(r.id);
    return out;
}

void checkConservation(const EngineSnapshot &s)
{
    QCOMPARE(s.received, s.processed + s.deduplicated + s.dropped + s.malformed + s.inFlight);
    std::uint64_t depth = 0;
    for (const LaneStats &l : s.lanes)
        depth += l.depth;
    QVERIFY(s.inFlight >= depth);
}

} // namespace

class TstEventEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void criticalDrainedFirst()
    {
        EventEngine engine({});
        engine.start();
        engine.pauseProcessing();
        std::string text;
        for (const char *p : {"low", "medium", "high", "critical"})
            for (int i = 0; i < 3; ++i)
                text += eventLine(std::string(p) + std::to_string(i), p);
        engine.push(makeBatch(text));
        const auto paused = engine.snapshot();
        QCOMPARE(paused.processed, std::uint64_t(0));
        QCOMPARE(paused.inFlight, std::uint64_t(12));
        engine.resumeProcessing();
        engine.waitIdle();
        const auto got = ids(engine.recentSince(0, 100));
        const std::vector<std::string> want = {"critical0", "critical1", "critical2", "high0", "high1", "high2",
                                               "medium0",   "medium1",   "medium2",   "low0",  "low1",  "low2"};
        QCOMPARE(got, want);
        const auto s = engine.snapshot();
        QCOMPARE(s.processed, std::uint64_t(12));
        for (const LaneStats &l : s.lanes)
            QCOMPARE(l.processed, std::uint64_t(3));
        checkConservation(s);
    }

    void blockPolicyBlocksProducer()
    {
        EngineOptions o;
        o.laneCapacity = 4;
        EventEngine engine(o);
        const auto src = engine.registerSource({"file:test", LanePolicy::Block});
        engine.start();
        engine.pauseProcessing();
        std::string text;
        for (int i = 0; i < 10; ++i)
            text += eventLine("b" + std::to_string(i), "low");
        std::atomic<bool> done{false};
        std::thread producer([&] {
            engine.push(makeBatch(text, src));
            done = true;
        });
        QTRY_COMPARE(engine.snapshot().blockedProducers, std::size_t(1));
        QVERIFY(!done);
        auto s = engine.snapshot();
        QCOMPARE(s.lanes[3].depth, std::size_t(4));
        QCOMPARE(s.lanes[3].received, std::uint64_t(4));
        QCOMPARE(s.dropped, std::uint64_t(0));
        checkConservation(s);
        engine.resumeProcessing();
        producer.join();
        QVERIFY(done);
        engine.waitIdle();
        s = engine.snapshot();
        QCOMPARE(s.processed, std::uint64_t(10));
        QCOMPARE(s.dropped, std::uint64_t(0));
        QCOMPARE(ids(engine.recentSince(0, 100)).size(), std::size_t(10));
        QCOMPARE(engine.recentSince(0, 100).front().id, std::string("b0"));
        QCOMPARE(engine.recentSince(0, 100).back().id, std::string("b9"));
    }

    void dropPolicies_data()
    {
        QTest::addColumn<int>("policy");
        QTest::addColumn<QStringList>("survivors");
        QTest::newRow("drop-newest") << int(LanePolicy::DropNewest)
                                     << QStringList{QStringLiteral("d0"), QStringLiteral("d1"), QStringLiteral("d2")};
        QTest::newRow("drop-oldest") << int(LanePolicy::DropOldest)
                                     << QStringList{QStringLiteral("d2"), QStringLiteral("d3"), QStringLiteral("d4")};
    }
    void dropPolicies()
    {
        QFETCH(int, policy);
        QFETCH(QStringList, survivors);
        EngineOptions o;
        o.laneCapacity = 3;
        EventEngine engine(o);
        const auto src = engine.registerSource({"tcp://x:1", LanePolicy(policy)});
        engine.start();
        engine.pauseProcessing();
        std::string text;
        for (int i = 0; i < 5; ++i)
            text += eventLine("d" + std::to_string(i), "high");
        text += eventLine("c0", "critical");
        engine.push(makeBatch(text, src));
        auto s = engine.snapshot();
        QCOMPARE(s.lanes[1].dropped, std::uint64_t(2));
        QCOMPARE(s.lanes[1].received, std::uint64_t(5));
        QCOMPARE(s.lanes[1].depth, std::size_t(3));
        QCOMPARE(s.dropped, std::uint64_t(2));
        QCOMPARE(s.lanes[0].dropped, std::uint64_t(0));
        checkConservation(s);
        bool found = false;
        for (const SourceStats &ss : s.sources) {
            if (ss.id == src) {
                found = true;
                QCOMPARE(ss.dropped, std::uint64_t(2));
                QCOMPARE(ss.droppedByLane[1], std::uint64_t(2));
            }
        }
        QVERIFY(found);
        engine.resumeProcessing();
        engine.waitIdle();
        QStringList got;
        for (const auto &r : engine.recentSince(0, 100))
            got << QString::fromStdString(r.id);
        QCOMPARE(got, QStringList{QStringLiteral("c0")} + survivors);
    }

    // The lanes take the parser's vectors whole and copy events out only when draining;
    // policies act per event across chunks; a block stays alive while any of its events is
    // queued, and vectors come back for the next batch.
    void lanesChunksAndPolicies()
    {
        const auto makeEvents = [](const BlockRef &block, int first, int n) {
            std::vector<ParsedEvent> v;
            for (int i = 0; i < n; ++i) {
                ParsedEvent ev;
                ev.block = block.get();
                ev.seq = std::uint64_t(first + i); // an id for the test
                ev.priority = Priority::High;
                v.push_back(ev);
            }
            return v;
        };
        auto blockA = std::make_shared<EventBlock>(), blockB = std::make_shared<EventBlock>();
        const std::weak_ptr<EventBlock> weakA = blockA;
        std::vector<std::uint64_t> dropped;
        const auto onDrop = [&](const ParsedEvent &ev) { dropped.push_back(ev.seq); };
        std::vector<BlockRef> refsA{blockA};
        const std::vector<BlockRef> refsB{blockB};

        PriorityLanes lanes(5);
        // Block: a whole vector moves in; the caller gets an empty one back.
        auto a = makeEvents(blockA, 0, 3);
        auto r = lanes.offer(1, a, 0, LanePolicy::Block, refsA, onDrop);
        QCOMPARE(r.taken, 3u);
        QCOMPARE(r.queued, 3u);
        QVERIFY(a.empty());
        // Block, partly: 2 of 4 fit (copied), the caller waits to offer the rest.
        auto b = makeEvents(blockB, 10, 4);
        r = lanes.offer(1, b, 0, LanePolicy::Block, refsB, onDrop);
        QCOMPARE(r.taken, 2u);
        QCOMPARE(b.size(), 4u);
        QVERIFY(!lanes.hasSpace(1));
        blockA.reset();
        refsA.clear();
        QVERIFY(!weakA.expired()); // queued events hold their block
        // DropOldest: queues all 2 left, evicting the 2 oldest (across the first chunk).
        r = lanes.offer(1, b, 2, LanePolicy::DropOldest, refsB, onDrop);
        QCOMPARE(r.taken, 2u);
        QCOMPARE(r.queued, 2u);
        QCOMPARE(dropped, (std::vector<std::uint64_t>{0, 1}));
        // DropNewest: nothing fits, all taken and dropped.
        auto c = makeEvents(blockB, 20, 2);
        r = lanes.offer(1, c, 0, LanePolicy::DropNewest, refsB, onDrop);
        QCOMPARE(r.taken, 2u);
        QCOMPARE(r.queued, 0u);
        QCOMPARE(dropped, (std::vector<std::uint64_t>{0, 1, 20, 21}));
        QCOMPARE(lanes.depth(1), 5u);
        // A critical event drains first; chunks are never split; refs hold the blocks.
        auto d = makeEvents(blockB, 30, 1);
        d[0].priority = Priority::Critical;
        lanes.offer(0, d, 0, LanePolicy::Block, refsB, onDrop);
        std::vector<ParsedEvent> out;
        std::vector<BlockRef> refs;
        const auto taken = lanes.drain(2, out, refs);
        QCOMPARE(taken[0], 1u);
        QCOMPARE(taken[1], 1u); // what is left of the first chunk: event 2
        std::vector<std::uint64_t> ids;
        for (const auto &ev : out)
            ids.push_back(ev.seq);
        QCOMPARE(ids, (std::vector<std::uint64_t>{30, 2}));
        refs.clear();
        QVERIFY(weakA.expired()); // its last event left the lanes
        lanes.drain(100, out, refs);
        ids.clear();
        for (const auto &ev : out)
            ids.push_back(ev.seq);
        QCOMPARE(ids, (std::vector<std::uint64_t>{30, 2, 10, 11, 12, 13}));
        QCOMPARE(lanes.totalDepth(), 0u);
        // Emptied vectors come back: the next whole-vector offer hands one out.
        auto e = makeEvents(blockB, 40, 1);
        lanes.offer(2, e, 0, LanePolicy::Block, refsB, onDrop);
        QVERIFY(e.empty() && e.capacity() > 0);
    }

    void policyOverride()
    {
        EngineOptions o;
        o.laneCapacity = 1;
        o.policyOverridden = true;
        o.policy = LanePolicy::DropNewest;
        EventEngine engine(o);
        const auto src = engine.registerSource({"file:x", LanePolicy::Block});
        engine.start();
        engine.pauseProcessing();
        engine.push(makeBatch(eventLine("a", "low") + eventLine("b", "low"), src)); // would block without override
        QCOMPARE(engine.snapshot().dropped, std::uint64_t(1));
        engine.resumeProcessing();
    }

    void dedupThroughEngine()
    {
        EngineOptions o;
        o.dedupWindowSeconds = 60;
        EventEngine engine(o);
        engine.start();
        const std::int64_t t0 = 1'700'000'000'000'000'000;
        engine.push(makeBatch(eventLine("x", "low") + eventLine("y", "low") + eventLine("x", "low"), 0, t0));
        engine.push(makeBatch(eventLine("x", "low"), 0, t0 + 30'000'000'000));  // within 60 s of the last sighting
        engine.push(makeBatch(eventLine("y", "low"), 0, t0 + 120'000'000'000)); // window passed
        engine.push(makeBatch(R"({"message":"no id"})" "\n" R"({"message":"no id"})" "\n", 0, t0 + 120'000'000'000));
        engine.waitIdle();
        const auto s = engine.snapshot();
        QCOMPARE(s.deduplicated, std::uint64_t(2));
        QCOMPARE(s.processed, std::uint64_t(5));
        QCOMPARE(s.dedupHits, std::uint64_t(2));
        QCOMPARE(s.dedupMisses, std::uint64_t(3));
        QCOMPARE(s.lanes[3].deduplicated, std::uint64_t(2));
        checkConservation(s);
    }

    void framingErrorsCountAsMalformed()
    {
        EventEngine engine({});
        const auto src = engine.registerSource({"tcp://h:1", LanePolicy::DropNewest});
        engine.start();
        engine.push(makeBatch(eventLine("a", "low") + "not json\n", src));
        engine.reportFramingError({src, 9, 1234, "line exceeds 1 MiB limit", std::string("ab\x01\xff") + "cd"});
        engine.waitIdle();
        const auto s = engine.snapshot();
        QCOMPARE(s.received, std::uint64_t(3));
        QCOMPARE(s.malformed, std::uint64_t(2));
        QCOMPARE(s.processed, std::uint64_t(1));
        checkConservation(s);
        for (const SourceStats &ss : s.sources) {
            if (ss.id != src)
                continue;
            QCOMPARE(ss.malformed, std::uint64_t(2));
            QCOMPARE(ss.lastError.line, std::uint64_t(9));
            QCOMPARE(ss.lastError.offset, std::uint64_t(1234));
            QCOMPARE(ss.lastError.excerpt, std::string("ab..cd"));
        }
        engine.sourceEnded(src, "end of input");
        QVERIFY(engine.waitSourcesEnded(std::chrono::milliseconds(0)));
    }

    void conservationUnderConcurrentProducers()
    {
        EngineOptions o;
        o.laneCapacity = 64; // small: producers block often
        o.recentEvents = 1000;
        EventEngine engine(o);
        engine.start();
        constexpr int kThreads = 4, kBatches = 300, kPerBatch = 20;
        std::vector<std::uint32_t> srcs;
        for (int t = 0; t < kThreads; ++t)
            srcs.push_back(engine.registerSource({"src" + std::to_string(t), LanePolicy::Block}));
        std::atomic<int> running{kThreads};
        std::vector<std::thread> producers;
        const char *prios[] = {"critical", "high", "medium", "low"};
        for (int t = 0; t < kThreads; ++t) {
            producers.emplace_back([&, t] {
                for (int b = 0; b < kBatches; ++b) {
                    std::string text;
                    for (int i = 0; i < kPerBatch; ++i) {
                        const int n = b * kPerBatch + i;
                        if (i == 5)
                            text += "{broken\n"; // one malformed line per batch
                        else if (i == 6) // repeats the id of i == 4: exactly one of the two is a duplicate
                            text += eventLine("t" + std::to_string(t) + "-" + std::to_string(n - 2), prios[n % 4]);
                        else
                            text += eventLine("t" + std::to_string(t) + "-" + std::to_string(n), prios[n % 4]);
                    }
                    engine.push(makeBatch(text, srcs[std::size_t(t)]));
                }
                --running;
            });
        }
        int snapshots = 0;
        while (running > 0) {
            const auto s = engine.snapshot();
            checkConservation(s);
            std::uint64_t laneSum = 0;
            for (const LaneStats &l : s.lanes) {
                QVERIFY(l.received >= l.processed + l.deduplicated + l.dropped + l.depth);
                laneSum += l.received;
            }
            QCOMPARE(laneSum + s.malformed, s.received);
            ++snapshots;
        }
        for (auto &p : producers)
            p.join();
        engine.waitIdle();
        const auto s = engine.snapshot();
        checkConservation(s);
        const std::uint64_t total = std::uint64_t(kThreads) * kBatches * kPerBatch;
        QCOMPARE(s.received, total);
        QCOMPARE(s.malformed, std::uint64_t(kThreads) * kBatches);
        QCOMPARE(s.inFlight, std::uint64_t(0));
        QCOMPARE(s.dropped, std::uint64_t(0));
        QCOMPARE(s.deduplicated, std::uint64_t(kThreads) * kBatches);
        QCOMPARE(s.processed, total - s.malformed - s.deduplicated);
        qInfo("%d concurrent snapshots", snapshots);
        QVERIFY(snapshots > 0);
    }

    // Batches of >= 32 KiB are parsed in chunks (the worker takes chunks from the back
    // when it can): events keep their stream order, counts and the last error's line stay
    // exact.
    void largeBatchesParsedInTwoRanges()
    {
        EngineOptions o;
        o.laneCapacity = 256; // producers block now and then
        o.recentEvents = 100'000;
        EventEngine engine(o);
        engine.start();
        constexpr int kThreads = 2, kBatches = 40, kPerBatch = 500, kBadAt = 450;
        std::vector<std::uint32_t> srcs;
        for (int t = 0; t < kThreads; ++t)
            srcs.push_back(engine.registerSource({"big" + std::to_string(t), LanePolicy::Block}));
        std::vector<std::thread> producers;
        for (int t = 0; t < kThreads; ++t) {
            producers.emplace_back([&, t] {
                for (int b = 0; b < kBatches; ++b) {
                    std::string text;
                    for (int i = 0; i < kPerBatch; ++i) {
                        const int n = b * kPerBatch + i;
                        text += i == kBadAt ? std::string("{broken\n")
                                            : eventLine(std::to_string(t) + "-" + std::to_string(1'000'000 + n), "high");
                    }
                    QVERIFY(text.size() >= 32 * 1024);
                    LineBatch batch = makeBatch(text, srcs[std::size_t(t)]);
                    batch.firstLine = 1 + std::uint64_t(b) * kPerBatch;
                    engine.push(std::move(batch));
                }
            });
        }
        for (auto &p : producers)
            p.join();
        engine.waitIdle();
        const auto s = engine.snapshot();
        checkConservation(s);
        const std::uint64_t total = std::uint64_t(kThreads) * kBatches * kPerBatch;
        QCOMPARE(s.received, total);
        QCOMPARE(s.malformed, std::uint64_t(kThreads) * kBatches);
        QCOMPARE(s.processed, total - s.malformed);
        for (const SourceStats &src : s.sources) {
            if (src.url.rfind("big", 0) != 0)
                continue;
            QCOMPARE(src.lastError.line, std::uint64_t(kBatches - 1) * kPerBatch + kBadAt + 1);
            QCOMPARE(src.processed, std::uint64_t(kBatches) * (kPerBatch - 1));
        }
        std::string last[kThreads];
        for (const EventRecord &r : engine.recentSince(0, 100'000)) {
            const std::size_t t = std::size_t(r.id[0] - '0');
            QVERIFY2(r.id > last[t], r.id.c_str()); // same width: string order is stream order
            last[t] = r.id;
        }
        QCOMPARE(last[0], "0-" + std::to_string(1'000'000 + kBatches * kPerBatch - 1));
    }

    // Large batches cut into up to 16 chunks, malformed lines and escapes in several of
    // them, one producer while the worker steals: per-lane stream order, exact counts, the
    // last error's line and offset, and unescaped text from every chunk's own arena.
    void chunkedBatchesKeepOrderAndErrorPlaces()
    {
        EngineOptions o;
        o.recentEvents = 200'000;
        EventEngine engine(o);
        engine.start();
        const auto src = engine.registerSource({"chunks", LanePolicy::Block});
        constexpr int kBatches = 30, kPerBatch = 6000; // ~0.5 MB per batch
        const std::array<int, 3> bad = {100, 2999, 5998};
        std::uint64_t offset = 0;
        std::uint64_t lastBadOffset = 0;
        for (int b = 0; b < kBatches; ++b) {
            std::string text;
            const std::uint64_t batchOffset = offset;
            for (int i = 0; i < kPerBatch; ++i) {
                const int n = b * kPerBatch + i;
                std::string line;
                if (std::find(bad.begin(), bad.end(), i) != bad.end()) {
                    line = "{\"id\":\"bad-" + std::to_string(n) + "\",oops}\n";
                    lastBadOffset = offset;
                } else {
                    // Escaped queue names in every fifth event: they go to the chunk's arena.
                    line = "{\"id\":\"" + std::to_string(1'000'000 + n) + "\",\"priority\":\""
                        + (n % 3 ? "low" : "critical") + "\",\"queue\":\"" + (n % 5 ? "plain" : "q\\u00e9")
                        + "\",\"message\":\"m" + std::to_string(n) + "\"}\n";
                }
                offset += line.size();
                text += line;
            }
            QVERIFY(text.size() >= 256 * 1024);
            LineBatch batch = makeBatch(text, src);
            batch.firstLine = 1 + std::uint64_t(b) * kPerBatch;
            batch.firstOffset = batchOffset;
            engine.push(std::move(batch));
        }
        engine.waitIdle();
        const auto s = engine.snapshot();
        checkConservation(s);
        const std::uint64_t total = std::uint64_t(kBatches) * kPerBatch;
        QCOMPARE(s.received, total);
        QCOMPARE(s.malformed, std::uint64_t(kBatches) * bad.size());
        QCOMPARE(s.processed, total - s.malformed);
        const SourceStats *stats = nullptr;
        for (const SourceStats &ss : s.sources)
            if (ss.url == "chunks")
                stats = &ss;
        QVERIFY(stats);
        QCOMPARE(stats->lastError.line, std::uint64_t(kBatches - 1) * kPerBatch + bad.back() + 1);
        QCOMPARE(stats->lastError.offset, lastBadOffset);
        QCOMPARE(stats->lastError.excerpt, "{\"id\":\"bad-" + std::to_string((kBatches - 1) * kPerBatch + bad.back()) + "\",oops}");
        // Per lane, stream order; every event's text intact.
        int lastCritical = -1, lastLow = -1;
        std::size_t seen = 0;
        for (const EventRecord &r : engine.recentSince(0, 200'000)) {
            const int n = std::stoi(r.id) - 1'000'000;
            int &last = r.priority == Priority::Critical ? lastCritical : lastLow;
            QVERIFY2(n > last, r.id.c_str());
            last = n;
            QCOMPARE(r.queue, std::string(n % 5 ? "plain" : "q\xc3\xa9"));
            QCOMPARE(r.message, "m" + std::to_string(n));
            ++seen;
        }
        QCOMPARE(seen, std::size_t(s.processed));
    }

    // Queue statistics are found by the queue name's hash (the worker does not read the
    // event's bytes): names stay exact, interleaved queues are told apart, and queues
    // beyond the first 64 share "(other)".
    void queueStatisticsByName()
    {
        EventEngine engine({});
        engine.start();
        std::string text;
        std::map<std::string, std::uint64_t> want;
        for (int i = 0; i < 700; ++i) {
            const int q = i % 70;
            const std::string name = q == 3 ? std::string("qu\\u00e9ue") : "queue-" + std::to_string(q);
            text += "{\"id\":\"e" + std::to_string(i) + "\",\"queue\":\"" + name + "\"}\n";
            const std::string shown = q == 3 ? std::string("qu\xc3\xa9ue") : name;
            ++want[q < 64 ? shown : std::string("(other)")];
        }
        engine.push(makeBatch(text));
        engine.waitIdle();
        const auto s = engine.snapshot();
        std::map<std::string, std::uint64_t> got;
        for (const QueueLatency &q : s.queues)
            got[q.queue] = q.processed;
        QCOMPARE(got.size(), std::size_t(65));
        QVERIFY(got == want);
    }

    void conservationWithDuplicatesAndDrops()
    {
        EngineOptions o;
        o.laneCapacity = 8;
        EventEngine engine(o);
        engine.start();
        constexpr int kThreads = 4, kBatches = 200;
        std::vector<std::uint32_t> srcs;
        for (int t = 0; t < kThreads; ++t)
            srcs.push_back(engine.registerSource({"net" + std::to_string(t),
                                                  t % 2 ? LanePolicy::DropOldest : LanePolicy::DropNewest}));
        std::atomic<int> running{kThreads};
        std::vector<std::thread> producers;
        for (int t = 0; t < kThreads; ++t) {
            producers.emplace_back([&, t] {
                for (int b = 0; b < kBatches; ++b) {
                    // Every batch: 10 events, the same 5 ids twice (5 duplicates unless dropped).
                    std::string text;
                    for (int i = 0; i < 10; ++i)
                        text += eventLine("t" + std::to_string(t) + "-" + std::to_string(b) + "-" + std::to_string(i % 5),
                                      i % 2 ? "high" : "low");
                    engine.push(makeBatch(text, srcs[std::size_t(t)]));
                }
                --running;
            });
        }
        while (running > 0)
            checkConservation(engine.snapshot());
        for (auto &p : producers)
            p.join();
        engine.waitIdle();
        const auto s = engine.snapshot();
        checkConservation(s);
        QCOMPARE(s.received, std::uint64_t(kThreads) * kBatches * 10);
        QCOMPARE(s.inFlight, std::uint64_t(0));
        QCOMPARE(s.processed + s.deduplicated + s.dropped, s.received);
        std::uint64_t perSource = 0;
        for (const SourceStats &ss : s.sources)
            perSource += ss.dropped;
        QCOMPARE(perSource, s.dropped);
    }

    void engineSeriesInHub()
    {
        IngestHub hub;
        hub.start();
        EngineOptions o;
        o.instance = "test-engine";
        EventEngine engine(o, &hub);
        const auto src = engine.registerSource({"file:/tmp/x", LanePolicy::Block});
        engine.start();
        engine.push(makeBatch(eventLine("a", "critical") + eventLine("b", "low") + eventLine("b", "low") + "oops\n", src));
        engine.waitIdle();
        engine.publishNow();
        hub.flush();
        const LabelView target[] = {{"instance", "test-engine"}, {"job", "vigil-engine"}};
        const auto value = [&](std::string_view metric, std::vector<LabelView> labels) -> double {
            labels.insert(labels.end(), std::begin(target), std::end(target));
            const auto id = hub.store().find(metric, labels);
            if (!id)
                return -1;
            const auto smp = hub.store().instant(*id, QDateTime::currentMSecsSinceEpoch() + 60'000);
            return smp ? smp->value : -2;
        };
        QCOMPARE(value("vigil_engine_received_total", {}), 4.0);
        QCOMPARE(value("vigil_engine_events_total", {{"lane", "critical"}}), 1.0);
        QCOMPARE(value("vigil_engine_events_total", {{"lane", "low"}}), 1.0);
        QCOMPARE(value("vigil_engine_deduplicated_total", {}), 1.0);
        QCOMPARE(value("vigil_engine_malformed_total", {{"source", "file:/tmp/x"}}), 1.0);
        QCOMPARE(value("vigil_engine_lane_capacity", {{"lane", "high"}}), 65536.0);
        QCOMPARE(value("vigil_engine_lane_depth", {{"lane", "low"}}), 0.0);
        QCOMPARE(value("vigil_engine_dropped_total", {{"lane", "low"}, {"source", "file:/tmp/x"}}), 0.0);
        QCOMPARE(value("vigil_engine_events_by_priority", {{"priority", "low"}}), 2.0);
        QCOMPARE(value("vigil_engine_latency_ns_bucket", {{"le", "500"}}), 2.0);
        QCOMPARE(value("vigil_engine_latency_ns_bucket", {{"le", "250"}}), 0.0);
        QCOMPARE(value("vigil_engine_latency_ns_count", {}), 2.0);
        QCOMPARE(value("up", {}), 1.0);
        engine.stop();
        hub.stop();
    }

    void engineSeriesArePublishedWithoutBeingAsked()
    {
        // A running engine publishes its own series about once a second on its own.
        IngestHub hub;
        hub.start();
        EngineOptions o;
        o.instance = "ticking";
        EventEngine engine(o, &hub);
        const auto src = engine.registerSource({"file:/tmp/y", LanePolicy::Block});
        engine.start();
        engine.push(makeBatch(eventLine("a", "high"), src));
        const LabelView labels[] = {{"instance", "ticking"}, {"job", "vigil-engine"}};
        QTRY_VERIFY_WITH_TIMEOUT(hub.store().find("vigil_engine_received_total", labels).has_value(), 5000);
        const auto id = hub.store().find("vigil_engine_received_total", labels);
        const auto smp = hub.store().instant(*id, QDateTime::currentMSecsSinceEpoch() + 60'000);
        QVERIFY(smp);
        QCOMPARE(smp->value, 1.0);
        engine.stop();
        hub.stop();
    }
};

QTEST_GUILESS_MAIN(TstEventEngine)
#include "tst_event_engine.moc"

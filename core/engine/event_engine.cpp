// EventEngine: source threads parse their own batches (push; the worker parses the tail
// of a large batch when it has time, see kTailPercent), lanes sit between them
// and one processing worker (std::thread) that drains critical first in batches,
// deduplicates, records histograms, fills the recent-events ring and, once a second,
// publishes the engine's own series through the hub.
#include "core/engine/event_engine.h"

#include "core/engine/engine_stats.h"
#include "core/engine/priority_lanes.h"
#include "core/expo/expo_parser.h"
#include "core/hub/ingest_hub.h"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <cstring>
#include <functional>
#include <mutex>
#include <thread>

namespace vigil {

namespace {

constexpr std::size_t kDrainBatch = 4096;
constexpr std::size_t kMaxSourceSlots = 4096; // ids beyond count as the "direct" source
constexpr std::size_t kMaxJsonBytes = 64 * 1024;
// push() offers the tail of a batch at least this large to the processing worker, which
// parses it while the pushing thread parses the head (the worker has spare time: parsing
// costs about twice the processing). The pusher takes the tail back if the worker has not
// started on it by the time the head is done, so a busy worker never delays a producer.
constexpr std::size_t kSplitMinBytes = 32 * 1024;
constexpr std::size_t kTailPercent = 40;

std::int64_t wallNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

struct EventEngine::Impl
{
    explicit Impl(EngineOptions o, IngestHub *h)
        : options(std::move(o)), hub(h), parser(options.mapping), lanes(options.laneCapacity), stats(options)
    {
        Source direct;
        direct.stats.url = "direct";
        direct.policy = options.policy;
        sources.push_back(std::move(direct));
        if (options.recentEvents)
            ring.reserve(std::min<std::size_t>(options.recentEvents, 1u << 16));
    }

    struct Source
    {
        SourceStats stats;
        LanePolicy policy = LanePolicy::Block;
        std::uint64_t lastProcessed = 0;
        bool registered = false;
    };

    std::size_t sourceIndex(std::uint32_t id) const { return id < sources.size() ? id : 0; }
    void run();
    void process(std::vector<ParsedEvent> &work);
    void tick(std::chrono::steady_clock::time_point now);

    EngineOptions options;
    IngestHub *hub;
    EventParser parser;

    // Lanes, conservation counters and sources: one lock, so every snapshot is consistent.
    mutable std::mutex mutex;
    std::condition_variable workCv, spaceCv, idleCv, endedCv;
    PriorityLanes lanes;
    std::array<LaneStats, kLaneCount> lane{};
    std::array<std::size_t, kLaneCount> processingByLane{};
    std::uint64_t malformed = 0;
    std::size_t parsing = 0, processing = 0, blocked = 0;
    bool paused = false, stopping = false, stopped = false, running = false;
    double eventsPerSecond = 0;
    std::uint64_t lastProcessedTotal = 0;
    std::chrono::steady_clock::time_point lastTick = std::chrono::steady_clock::now();
    std::vector<Source> sources;

    // Written by the processing worker, read by snapshot().
    mutable std::mutex statsMutex;
    ProcessingStats stats;

    // Recent events: ring[seq % capacity] for seq in [nextSeq - ringCount, nextSeq).
    mutable std::mutex ringMutex;
    std::vector<ParsedEvent> ring;
    std::uint64_t nextSeq = 1;
    std::size_t ringCount = 0;

    // Processing worker only.
    std::vector<std::uint64_t> sourceProcessed;
    std::array<std::uint64_t, kLaneCount> batchProcessed{}, batchDeduplicated{};

    // Tail-parsing help (see kTailPercent), for one producer at a time: the fields are
    // guarded by mutex, except helpOut, written only by the worker while help == Taken.
    enum class Help { Idle, Offered, Taken, Done };
    Help help = Help::Idle;
    std::shared_ptr<EventBlock> helpBlock;
    std::size_t helpBegin = 0, helpEnd = 0;
    EventParser::BatchInfo helpInfo;
    ParsedBatch helpOut;
    std::condition_variable helpCv;
    void helpParse(std::unique_lock<std::mutex> &lock);

    std::mutex publishMutex;
    std::function<void()> publish; // the owner's publishNow(), called once a second by run()
    std::thread worker;
};

EventEngine::EventEngine(EngineOptions options, IngestHub *hub)
    : d(std::make_unique<Impl>(std::move(options), hub))
{
    d->publish = [this] { publishNow(); };
}

EventEngine::~EventEngine()
{
    stop();
}

const EngineOptions &EventEngine::options() const
{
    return d->options;
}

void EventEngine::start()
{
    std::lock_guard lock(d->mutex);
    if (d->running)
        return;
    d->running = true;
    d->stopping = false;
    d->stopped = false;
    d->worker = std::thread([this] { d->run(); });
}

void EventEngine::stop()
{
    {
        std::lock_guard lock(d->mutex);
        if (!d->running)
            return;
        d->stopping = true;
        d->paused = false;
    }
    d->workCv.notify_all();
    d->worker.join();
    {
        std::lock_guard lock(d->mutex);
        d->running = false;
    }
    publishNow();
}

void EventEngine::waitIdle()
{
    std::unique_lock lock(d->mutex);
    d->idleCv.wait(lock, [&] {
        return d->parsing == 0 && d->processing == 0 && (d->lanes.totalDepth() == 0 || d->stopped);
    });
}

bool EventEngine::waitSourcesEnded(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(d->mutex);
    return d->endedCv.wait_for(lock, timeout, [&] {
        for (const auto &s : d->sources)
            if (s.registered && !s.stats.ended)
                return false;
        return true;
    });
}

void EventEngine::pauseProcessing()
{
    std::lock_guard lock(d->mutex);
    d->paused = true;
}

void EventEngine::resumeProcessing()
{
    {
        std::lock_guard lock(d->mutex);
        d->paused = false;
    }
    d->workCv.notify_all();
}

std::uint32_t EventEngine::registerSource(const SourceInfo &info)
{
    std::lock_guard lock(d->mutex);
    Impl::Source s;
    s.stats.id = static_cast<std::uint32_t>(d->sources.size());
    s.stats.url = info.url;
    s.stats.state = "registered";
    s.policy = info.policy;
    s.registered = true;
    d->sources.push_back(std::move(s));
    return d->sources.back().stats.id;
}

void EventEngine::push(LineBatch &&batch)
{
    Impl &e = *d;
    if (batch.arrivalNs == 0)
        batch.arrivalNs = wallNs();
    const std::uint32_t sourceId = batch.sourceId;
    const std::size_t bytes = batch.bytes.size();
    const std::uint64_t firstLine = batch.firstLine;
    const EventParser::BatchInfo info{sourceId, batch.firstOffset, batch.arrivalNs};
    const auto block = EventParser::adopt(batch);
    // Split point: the first line boundary after the head's share.
    std::size_t split = bytes;
    if (bytes >= kSplitMinBytes) {
        const std::size_t from = bytes - bytes * kTailPercent / 100;
        const void *nl = std::memchr(block->bytes.data() + from, '\n', bytes - from);
        if (nl)
            split = static_cast<std::size_t>(static_cast<const char *>(nl) - block->bytes.data()) + 1;
    }
    bool offered = false;
    {
        std::lock_guard lock(e.mutex);
        ++e.parsing;
        if (split < bytes && e.running && !e.stopped && e.help == Impl::Help::Idle) {
            e.help = Impl::Help::Offered;
            e.helpBlock = block;
            e.helpBegin = split;
            e.helpEnd = bytes;
            e.helpInfo = info;
            offered = true;
        }
    }
    if (offered)
        e.workCv.notify_one();
    thread_local ParsedBatch parsed, tailParsed;
    parsed.clear();
    const std::uint64_t headEnd = e.parser.parseRange(block, 0, offered ? split : bytes, firstLine, info, false, parsed);
    ParsedBatch *tail = nullptr;
    if (offered) {
        std::unique_lock lock(e.mutex);
        if (e.help == Impl::Help::Offered) { // not started: parse it here after all
            e.help = Impl::Help::Idle;
            e.helpBlock.reset();
            lock.unlock();
            tailParsed.clear();
            e.parser.parseRange(block, split, bytes, headEnd, info, true, tailParsed);
        } else {
            e.helpCv.wait(lock, [&] { return e.help == Impl::Help::Done; });
            e.help = Impl::Help::Idle;
            std::swap(tailParsed, e.helpOut);
            lock.unlock();
            // The worker numbered the tail's lines from 0.
            if (tailParsed.malformed)
                tailParsed.lastError.line += headEnd;
        }
        tail = &tailParsed;
        parsed.lines += tail->lines;
        parsed.malformed += tail->malformed;
        if (tail->malformed)
            parsed.lastError = std::move(tail->lastError);
    }

    std::unique_lock lock(e.mutex);
    Impl::Source &src = e.sources[e.sourceIndex(sourceId)];
    src.stats.lines += parsed.lines;
    src.stats.bytes += bytes;
    e.malformed += parsed.malformed;
    src.stats.malformed += parsed.malformed;
    if (parsed.malformed)
        src.stats.lastError = std::move(parsed.lastError);
    const LanePolicy policy = e.options.policyOverridden ? e.options.policy : src.policy;
    const auto onDrop = [&e](const ParsedEvent &ev) {
        const auto l = static_cast<std::size_t>(ev.priority);
        Impl::Source &s = e.sources[e.sourceIndex(ev.sourceId)];
        ++s.stats.dropped;
        ++s.stats.droppedByLane[l];
        ++e.lane[l].dropped;
    };
    ParsedBatch *const parts[] = {&parsed, tail};
    bool queuedSinceWake = false; // one wake-up per batch, not one per lane
    for (ParsedBatch *part : parts) {
        if (!part)
            continue;
        for (int l = 0; l < kLaneCount; ++l) {
            std::vector<ParsedEvent> &events = part->lanes[static_cast<std::size_t>(l)];
            std::size_t from = 0;
            while (from < events.size()) {
                // Once the worker is gone nothing would drain a full lane: drop instead of blocking.
                const LanePolicy effective = e.stopped ? LanePolicy::DropNewest : policy;
                const auto r = e.lanes.offer(l, events, from, effective, onDrop);
                e.lane[static_cast<std::size_t>(l)].received += r.taken;
                from += r.taken;
                queuedSinceWake = queuedSinceWake || r.queued > 0;
                if (from < events.size()) {
                    if (queuedSinceWake)
                        e.workCv.notify_one();
                    queuedSinceWake = false;
                    ++e.blocked;
                    e.spaceCv.wait(lock, [&] { return e.lanes.hasSpace(l) || e.stopped; });
                    --e.blocked;
                }
            }
        }
    }
    --e.parsing;
    if (e.parsing == 0) {
        e.idleCv.notify_all();
        e.workCv.notify_one(); // a stopping worker waits for producers to finish
    } else if (queuedSinceWake) {
        e.workCv.notify_one();
    }
}

void EventEngine::reportFramingError(FramingError &&error)
{
    std::lock_guard lock(d->mutex);
    Impl::Source &src = d->sources[d->sourceIndex(error.sourceId)];
    ++d->malformed;
    ++src.stats.malformed;
    ++src.stats.lines;
    error.excerpt = plainExcerpt(error.excerpt);
    src.stats.lastError = std::move(error);
}

void EventEngine::sourceEnded(std::uint32_t sourceId, const std::string &reason)
{
    {
        std::lock_guard lock(d->mutex);
        Impl::Source &src = d->sources[d->sourceIndex(sourceId)];
        src.stats.ended = true;
        src.stats.endReason = reason;
        src.stats.state = "ended: " + reason;
    }
    d->endedCv.notify_all();
}

void EventEngine::sourceState(std::uint32_t sourceId, const std::string &state)
{
    std::lock_guard lock(d->mutex);
    d->sources[d->sourceIndex(sourceId)].stats.state = state;
}

void EventEngine::Impl::run()
{
    using Clock = std::chrono::steady_clock;
    std::vector<ParsedEvent> work;
    work.reserve(kDrainBatch);
    auto nextTick = Clock::now() + std::chrono::seconds(1);
    std::unique_lock lock(mutex);
    for (;;) {
        if (help == Help::Offered) {
            helpParse(lock);
            continue;
        }
        const auto ready = [&] { return !paused && lanes.totalDepth() > 0; };
        const auto finished = [&] { return stopping && lanes.totalDepth() == 0 && parsing == 0; };
        if (!ready()) {
            if (finished())
                break;
            workCv.wait_until(lock, nextTick, [&] { return ready() || finished() || help == Help::Offered; });
            if (help == Help::Offered)
                continue;
        }
        const auto now = Clock::now();
        if (now >= nextTick) {
            lock.unlock();
            tick(now);
            // The engine's own series go to the hub like a scrape, once a second.
            if (publish)
                publish();
            lock.lock();
            nextTick = now + std::chrono::seconds(1);
            continue;
        }
        if (!ready())
            continue;
        processingByLane = lanes.drain(kDrainBatch, work);
        processing = work.size();
        spaceCv.notify_all();
        lock.unlock();

        process(work);

        lock.lock();
        for (std::size_t l = 0; l < kLaneCount; ++l) {
            lane[l].processed += batchProcessed[l];
            lane[l].deduplicated += batchDeduplicated[l];
        }
        for (std::size_t i = 0; i < sourceProcessed.size(); ++i) {
            if (sourceProcessed[i]) {
                sources[sourceIndex(static_cast<std::uint32_t>(i))].stats.processed += sourceProcessed[i];
                sourceProcessed[i] = 0;
            }
        }
        processing = 0;
        processingByLane = {};
        idleCv.notify_all();
        // Release the batch's blocks outside the lock.
        lock.unlock();
        work.clear();
        lock.lock();
    }
    stopped = true;
    spaceCv.notify_all();
    idleCv.notify_all();
}

void EventEngine::Impl::helpParse(std::unique_lock<std::mutex> &lock)
{
    help = Help::Taken;
    const std::shared_ptr<EventBlock> block = std::move(helpBlock);
    const std::size_t begin = helpBegin, end = helpEnd;
    const EventParser::BatchInfo info = helpInfo;
    lock.unlock();
    helpOut.clear();
    parser.parseRange(block, begin, end, 0, info, true, helpOut);
    lock.lock();
    help = Help::Done;
    helpCv.notify_all();
}

void EventEngine::Impl::process(std::vector<ParsedEvent> &work)
{
    batchProcessed = {};
    batchDeduplicated = {};
    {
        std::lock_guard lock(statsMutex);
        // The dedup tables are far larger than the caches: prefetch a few events ahead.
        constexpr std::size_t kPrefetchAhead = 16;
        for (std::size_t i = 0; i < std::min(kPrefetchAhead, work.size()); ++i)
            stats.prefetch(work[i]);
        for (std::size_t i = 0; i < work.size(); ++i) {
            if (i + kPrefetchAhead < work.size())
                stats.prefetch(work[i + kPrefetchAhead]);
            ParsedEvent &ev = work[i];
            const auto l = static_cast<std::size_t>(ev.priority);
            if (stats.isDuplicate(ev)) {
                ++batchDeduplicated[l];
                ev.seq = 0;
                continue;
            }
            stats.record(ev);
            ++batchProcessed[l];
            ev.seq = 1;
            const std::size_t s = ev.sourceId < kMaxSourceSlots ? ev.sourceId : 0;
            if (s >= sourceProcessed.size())
                sourceProcessed.resize(s + 1);
            ++sourceProcessed[s];
        }
    }
    const std::size_t capacity = options.recentEvents;
    if (capacity == 0)
        return;
    std::lock_guard lock(ringMutex);
    for (ParsedEvent &ev : work) {
        if (!ev.seq)
            continue;
        ev.seq = nextSeq++;
        const std::size_t slot = (ev.seq - 1) % capacity;
        if (slot < ring.size())
            std::swap(ring[slot], ev); // the old event leaves with `work`, freed outside the lock
        else
            ring.push_back(std::move(ev));
        ringCount = std::min(ringCount + 1, capacity);
    }
}

void EventEngine::Impl::tick(std::chrono::steady_clock::time_point now)
{
    {
        std::lock_guard lock(mutex);
        const double dt = std::chrono::duration<double>(now - lastTick).count();
        lastTick = now;
        std::uint64_t total = 0;
        for (const auto &l : lane)
            total += l.processed;
        if (dt > 0) {
            eventsPerSecond = double(total - lastProcessedTotal) / dt;
            for (auto &s : sources) {
                s.stats.eventsPerSecond = double(s.stats.processed - s.lastProcessed) / dt;
                s.lastProcessed = s.stats.processed;
            }
        }
        lastProcessedTotal = total;
    }
}

void EventEngine::publishNow()
{
    if (!d->hub)
        return;
    std::lock_guard publishLock(d->publishMutex);
    const EngineSnapshot s = snapshot();
    LatencyBuckets buckets;
    {
        std::lock_guard lock(d->statsMutex);
        buckets = d->stats.fieldBuckets();
    }
    auto body = std::make_shared<std::string>(renderEngineMetrics(s, buckets));
    auto parsed = std::make_shared<expo::ParseResult>();
    if (auto err = expo::parse(*body, expo::Format::Prometheus, *parsed)) {
        spdlog::error("engine metrics do not parse: line {}: {}", err->line, err->message);
        return;
    }
    const std::int64_t nowMs = s.takenNs / 1'000'000;
    ScrapeReport report;
    report.targetUrl = "vigil://engine";
    report.job = "vigil-engine";
    report.instance = d->options.instance;
    report.timestampMs = nowMs;
    report.up = true;
    report.samples = parsed->samples.size();
    report.bodyBytes = body->size();
    SampleBatch batch;
    batch.body = std::move(body);
    batch.parsed = std::move(parsed);
    batch.targetLabels = {{"instance", d->options.instance}, {"job", "vigil-engine"}};
    batch.timestampMs = nowMs;
    batch.scrape = std::move(report);
    d->hub->submit(std::move(batch));
}

EngineSnapshot EventEngine::snapshot() const
{
    EngineSnapshot s;
    s.takenNs = wallNs();
    {
        std::lock_guard lock(d->mutex);
        for (std::size_t l = 0; l < kLaneCount; ++l) {
            s.lanes[l] = d->lane[l];
            s.lanes[l].depth = d->lanes.depth(static_cast<int>(l));
            s.lanes[l].capacity = d->lanes.capacity();
            s.received += d->lane[l].received;
            s.processed += d->lane[l].processed;
            s.deduplicated += d->lane[l].deduplicated;
            s.dropped += d->lane[l].dropped;
        }
        s.malformed = d->malformed;
        s.received += d->malformed;
        s.inFlight = d->lanes.totalDepth() + d->processing;
        s.eventsPerSecond = d->eventsPerSecond;
        s.blockedProducers = d->blocked;
        s.paused = d->paused;
        for (const auto &src : d->sources)
            if (src.registered || src.stats.lines || src.stats.malformed)
                s.sources.push_back(src.stats);
    }
    {
        std::lock_guard lock(d->statsMutex);
        d->stats.fill(s, s.takenNs);
    }
    return s;
}

std::vector<EventRecord> EventEngine::recentSince(std::uint64_t afterSeq, std::size_t max) const
{
    std::vector<ParsedEvent> picked;
    {
        std::lock_guard lock(d->ringMutex);
        const std::size_t capacity = d->options.recentEvents;
        const std::uint64_t end = d->nextSeq;
        std::uint64_t begin = std::max<std::uint64_t>(afterSeq + 1, end - d->ringCount);
        if (end > begin && end - begin > max)
            begin = end - max;
        for (std::uint64_t seq = begin; seq < end; ++seq)
            picked.push_back(d->ring[(seq - 1) % capacity]);
    }
    std::vector<EventRecord> out;
    out.reserve(picked.size());
    for (const ParsedEvent &ev : picked) {
        EventRecord r;
        r.seq = ev.seq;
        r.sourceId = ev.sourceId;
        r.priority = ev.priority;
        r.timestampNs = ev.timestampNs;
        r.arrivalNs = ev.arrivalNs;
        r.latencyNs = ev.latencyNs;
        r.id = ev.text(ev.id);
        r.queue = ev.text(ev.queue);
        r.node = ev.text(ev.node);
        r.message = ev.text(ev.message);
        r.severity = ev.text(ev.severity);
        r.json = ev.text(ev.line).substr(0, kMaxJsonBytes);
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace vigil

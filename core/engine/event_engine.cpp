// EventEngine: source threads parse their own batches (push; the worker steals chunks of
// a large batch when it has time, see kChunkBytes), lanes sit between them and one
// processing worker (std::thread) that drains critical first in batches, deduplicates,
// records histograms, fills the recent-events ring and, once a second, publishes the
// engine's own series through the hub.
// The source registry is in engine_sources.cpp, snapshots, recent events and the published
// series in engine_snapshot.cpp; the shared state (Impl) in engine_impl.h.
#include "core/engine/event_engine.h"

#include "core/engine/engine_impl.h"

#include <cstring>

namespace vigil {

namespace {

using engine_detail::kMaxChunks;
using engine_detail::wallNs;

constexpr std::size_t kDrainBatch = 4096;
// The worker looks for chunks to steal after this many processed events.
constexpr std::size_t kStealCheckEvents = 256;
// A producer waiting for the worker's last chunk spins this many pauses (~100 us) first.
constexpr int kSpinIterations = 4000;

inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#else
    std::this_thread::yield();
#endif
}
constexpr std::size_t kMaxSourceSlots = 4096; // ids beyond count as the "direct" source
// push() cuts a batch of at least kSplitMinBytes into chunks of about kChunkBytes (at line
// ends) and parses them from the front while the processing worker, between slices of its
// own work, takes chunks from the back (parsing costs about twice the processing, so the
// worker has time to spare). The two meet wherever their speeds put them, so the split
// follows the load; the pusher waits only for a chunk the worker is still parsing.
constexpr std::size_t kSplitMinBytes = 32 * 1024;
constexpr std::size_t kChunkBytes = 32 * 1024;

} // namespace

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

void EventEngine::push(LineBatch &&batch)
{
    Impl &e = *d;
    if (batch.arrivalNs == 0)
        batch.arrivalNs = wallNs();
    const std::uint32_t sourceId = batch.sourceId;
    const std::size_t bytes = batch.text().size();
    const std::uint64_t firstLine = batch.firstLine;
    const EventParser::BatchInfo info{sourceId, batch.firstOffset, batch.arrivalNs};
    const auto block = EventParser::adopt(batch);
    if (e.populateNext.load(std::memory_order_relaxed) < e.populatePieces)
        e.helpPopulate(); // the engine's first moments: share the worker's start-up work
    bool chunked = false;
    {
        std::lock_guard lock(e.mutex);
        ++e.parsing;
        if (bytes >= kSplitMinBytes && e.running && !e.stopped && !e.jobBusy) {
            e.jobBusy = true;
            chunked = true;
        }
    }
    thread_local ParsedBatch parsed;
    std::span<ParsedBatch> parts(&parsed, 1);
    std::uint64_t lines = 0, malformed = 0;
    FramingError *lastError = nullptr;
    Impl::ParseJob &job = e.job;
    if (!chunked) {
        parsed.clear();
        e.parser.parseRange(block, 0, bytes, firstLine, info, false, parsed);
        lines = parsed.lines;
        malformed = parsed.malformed;
        lastError = &parsed.lastError;
    } else {
        // Chunks end at line ends; the last one at the end of the batch.
        const char *data = block->data();
        const std::size_t want = std::clamp<std::size_t>(bytes / kChunkBytes, 2, kMaxChunks);
        std::size_t n = 0;
        job.bounds[0] = 0;
        for (std::size_t i = 1; i < want; ++i) {
            const std::size_t target = std::max(bytes * i / want, job.bounds[n] + 1);
            if (target >= bytes)
                break;
            const void *nl = std::memchr(data + target - 1, '\n', bytes - target + 1);
            if (!nl)
                break;
            const std::size_t bound = static_cast<std::size_t>(static_cast<const char *>(nl) - data) + 1;
            if (bound >= bytes)
                break;
            job.bounds[++n] = bound;
        }
        job.bounds[++n] = bytes;
        {
            std::lock_guard lock(e.mutex);
            job.block = block;
            job.info = info;
            job.chunks = n;
            job.front = 0;
            job.back = n;
            job.workerBusy = 0;
            e.jobOpen.store(n > 1, std::memory_order_relaxed);
        }
        if (n > 1)
            e.workCv.notify_one();
        std::unique_lock lock(e.mutex);
        for (;;) {
            if (job.front < job.back) {
                const std::size_t k = job.front++;
                if (job.front == job.back)
                    e.jobOpen.store(false, std::memory_order_relaxed);
                lock.unlock();
                job.out[k].clear();
                job.lines[k] = e.parser.parseChunk(block, job.bounds[k], job.bounds[k + 1], 0, info,
                                                   static_cast<unsigned>(k), job.out[k]);
                lock.lock();
                continue;
            }
            if (job.workerBusy.load(std::memory_order_relaxed) != 0) {
                // The worker is finishing a chunk (tens of microseconds): spin a little
                // before sleeping, a futex wake-up costs as much on a VM.
                lock.unlock();
                for (int spin = 0; spin < kSpinIterations; ++spin) {
                    if (job.workerBusy.load(std::memory_order_acquire) == 0)
                        break;
                    cpuRelax();
                }
                lock.lock();
                e.jobCv.wait(lock, [&] { return job.workerBusy.load(std::memory_order_acquire) == 0; });
            }
            break;
        }
        lock.unlock();
        // Chunks were numbered from 0: the last error's line gets the lines before it.
        std::uint64_t base = firstLine;
        for (std::size_t k = 0; k < n; ++k) {
            ParsedBatch &c = job.out[k];
            lines += c.lines;
            malformed += c.malformed;
            if (c.malformed) {
                c.lastError.line += base;
                lastError = &c.lastError;
            }
            base += job.lines[k];
        }
        parts = std::span<ParsedBatch>(job.out.data(), n);
    }

    std::unique_lock lock(e.mutex);
    Impl::Source &src = e.sources[e.sourceIndex(sourceId)];
    src.stats.lines += lines;
    src.stats.bytes += bytes;
    e.malformed += malformed;
    src.stats.malformed += malformed;
    if (malformed && lastError)
        src.stats.lastError = std::move(*lastError);
    const LanePolicy policy = e.options.policyOverridden ? e.options.policy : src.policy;
    const auto onDrop = [&e](const ParsedEvent &ev) {
        const auto l = static_cast<std::size_t>(ev.priority);
        Impl::Source &s = e.sources[e.sourceIndex(ev.sourceId)];
        ++s.stats.dropped;
        ++s.stats.droppedByLane[l];
        ++e.lane[l].dropped;
    };
    bool queuedSinceWake = false; // one wake-up per batch, not one per lane
    for (ParsedBatch &part : parts) {
        for (int l = 0; l < kLaneCount; ++l) {
            std::vector<ParsedEvent> &events = part.lanes[static_cast<std::size_t>(l)];
            std::size_t from = 0;
            while (from < events.size()) {
                // Once the worker is gone nothing would drain a full lane: drop instead of blocking.
                const LanePolicy effective = e.stopped ? LanePolicy::DropNewest : policy;
                const auto r = e.lanes.offer(l, events, from, effective, part.blocks, onDrop);
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
    lock.unlock();
    // The lanes hold what they need of the blocks now; keep the vectors' capacity.
    for (ParsedBatch &part : parts)
        part.clear();
    if (chunked) {
        job.block.reset();
        std::lock_guard relock(e.mutex);
        e.jobBusy = false;
    }
}

void EventEngine::Impl::run()
{
    using Clock = std::chrono::steady_clock;
    std::vector<ParsedEvent> work;
    work.reserve(kDrainBatch);
    std::vector<BlockRef> workRefs, released;
    // The dedup tables' pages are written once before the first event, here and by the
    // first producers (see helpPopulate), not in the constructor.
    helpPopulate();
    while (populateDone.load(std::memory_order_acquire) < populatePieces)
        std::this_thread::yield(); // a producer is finishing a piece
    stats.markPopulated();
    auto nextTick = Clock::now() + std::chrono::seconds(1);
    std::unique_lock lock(mutex);
    for (;;) {
        if (stealChunk(lock))
            continue;
        const auto ready = [&] { return !paused && lanes.totalDepth() > 0; };
        const auto finished = [&] { return stopping && lanes.totalDepth() == 0 && parsing == 0; };
        const auto stealable = [&] { return jobBusy && job.front < job.back; };
        if (!ready()) {
            if (finished())
                break;
            workCv.wait_until(lock, nextTick, [&] { return ready() || finished() || stealable(); });
            if (stealable())
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
        processingByLane = lanes.drain(kDrainBatch, work, workRefs);
        processing = work.size();
        spaceCv.notify_all();
        lock.unlock();

        process(work, workRefs, released);

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
        workRefs.clear();
        released.clear();
        lock.lock();
    }
    stopped = true;
    spaceCv.notify_all();
    idleCv.notify_all();
}

void EventEngine::Impl::helpPopulate()
{
    for (std::size_t i; (i = populateNext.fetch_add(1, std::memory_order_relaxed)) < populatePieces;) {
        stats.populatePiece(i);
        populateDone.fetch_add(1, std::memory_order_release);
    }
}

bool EventEngine::Impl::stealChunk(std::unique_lock<std::mutex> &lock)
{
    if (!jobBusy || job.front >= job.back)
        return false;
    const std::size_t k = --job.back;
    if (job.front == job.back)
        jobOpen.store(false, std::memory_order_relaxed);
    job.workerBusy.fetch_add(1, std::memory_order_relaxed);
    lock.unlock();
    job.out[k].clear();
    job.lines[k] = parser.parseChunk(job.block, job.bounds[k], job.bounds[k + 1], 0, job.info,
                                     static_cast<unsigned>(k), job.out[k]);
    lock.lock();
    if (job.workerBusy.fetch_sub(1, std::memory_order_release) == 1)
        jobCv.notify_all();
    return true;
}

void EventEngine::Impl::process(std::vector<ParsedEvent> &work, const std::vector<BlockRef> &refs,
                                std::vector<BlockRef> &released)
{
    batchProcessed = {};
    batchDeduplicated = {};
    // The dedup tables are far larger than the caches: prefetch a few events ahead.
    constexpr std::size_t kPrefetchAhead = 16;
    for (std::size_t i = 0; i < std::min(kPrefetchAhead, work.size()); ++i)
        stats.prefetch(work[i]);
    for (std::size_t sliceBegin = 0; sliceBegin < work.size(); sliceBegin += kStealCheckEvents) {
        if (sliceBegin > 0 && jobOpen.load(std::memory_order_relaxed)) {
            // A producer is parsing a large batch: take chunks of it first (see kChunkBytes).
            std::unique_lock lock(mutex);
            while (stealChunk(lock)) {
            }
        }
        const std::size_t sliceEnd = std::min(work.size(), sliceBegin + kStealCheckEvents);
        std::lock_guard lock(statsMutex);
        for (std::size_t i = sliceBegin; i < sliceEnd; ++i) {
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
    // The reference of an event's block, among the drained ones (few; usually the last).
    std::size_t lastRef = 0;
    const auto refFor = [&](const EventBlock *block) -> const BlockRef * {
        if (lastRef < refs.size() && refs[lastRef].get() == block)
            return &refs[lastRef];
        for (std::size_t i = 0; i < refs.size(); ++i)
            if (refs[i].get() == block)
                return &refs[lastRef = i];
        return nullptr;
    };
    std::lock_guard lock(ringMutex);
    for (ParsedEvent &ev : work) {
        if (!ev.seq)
            continue;
        ev.seq = nextSeq++;
        const std::size_t slot = (ev.seq - 1) % capacity;
        if (slot < ring.size()) {
            ring[slot] = ev;
        } else {
            // Grow straight to the ring's size (not past it by doubling): less fresh memory.
            if (ring.size() == ring.capacity())
                ring.reserve(std::min(capacity, std::max<std::size_t>(2 * ring.capacity(), 1024)));
            ring.push_back(ev);
        }
        ringCount = std::min(ringCount + 1, capacity);
        if (!ringRuns.empty() && ringRuns.back().block.get() == ev.block) {
            ringRuns.back().lastSeq = ev.seq;
        } else {
            const BlockRef *ref = refFor(ev.block);
            ringRuns.push_back({ref ? *ref : BlockRef(), ev.seq});
        }
    }
    // Runs whose last seq left the ring: their blocks are released outside the lock.
    const std::uint64_t oldest = nextSeq - ringCount;
    while (!ringRuns.empty() && ringRuns.front().lastSeq < oldest) {
        released.push_back(std::move(ringRuns.front().block));
        ringRuns.pop_front();
    }
}

} // namespace vigil

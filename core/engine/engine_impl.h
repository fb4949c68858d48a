// Internal to core/engine: EventEngine's private state (EventEngine::Impl), shared by
// event_engine.cpp (lifecycle, push() and the processing worker: the per-event path),
// engine_sources.cpp (source registry) and engine_snapshot.cpp (snapshots, recent events,
// the engine's own series in the hub). Not installed, not included outside core/engine.
#pragma once

#include "core/engine/engine_stats.h"
#include "core/engine/event_engine.h"
#include "core/engine/priority_lanes.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace vigil {

namespace engine_detail {

// Chunks one large batch is parsed in at most (see kChunkBytes in event_engine.cpp).
constexpr std::size_t kMaxChunks = EventBlock::kMaxRanges;

inline std::int64_t wallNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace engine_detail

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
        populatePieces = stats.populatePieces();
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
    void process(std::vector<ParsedEvent> &work, const std::vector<BlockRef> &refs,
                 std::vector<BlockRef> &released);
    bool stealChunk(std::unique_lock<std::mutex> &lock);
    void helpPopulate();
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

    // Recent events: ring[(seq - 1) % capacity] for seq in [nextSeq - ringCount, nextSeq).
    // ringRuns hold their blocks: one reference per run of consecutive seqs from one
    // block (lastSeq: the run's last), dropped once the ring no longer has that seq.
    struct RingRun
    {
        BlockRef block;
        std::uint64_t lastSeq = 0;
    };
    mutable std::mutex ringMutex;
    std::vector<ParsedEvent> ring;
    std::deque<RingRun> ringRuns;
    std::uint64_t nextSeq = 1;
    std::size_t ringCount = 0;

    // Processing worker only.
    std::vector<std::uint64_t> sourceProcessed;
    std::array<std::uint64_t, kLaneCount> batchProcessed{}, batchDeduplicated{};

    // The batch being parsed in chunks (see kChunkBytes), one producer at a time
    // (jobBusy). Claims (front, back, workerBusy) are guarded by mutex; out[k] and lines[k]
    // are written by whoever claimed chunk k, and read by the producer once workerBusy is 0
    // (also readable without the mutex: the worker's release store after its chunk).
    struct ParseJob
    {
        std::shared_ptr<EventBlock> block;
        EventParser::BatchInfo info;
        std::size_t chunks = 0;
        std::array<std::size_t, engine_detail::kMaxChunks + 1> bounds{};
        std::size_t front = 0, back = 0; // chunks [front, back) are not claimed yet
        std::atomic<std::size_t> workerBusy{0}; // chunks the worker claimed and has not finished
        std::array<ParsedBatch, engine_detail::kMaxChunks> out;
        std::array<std::uint64_t, engine_detail::kMaxChunks> lines{};
    };
    ParseJob job;
    bool jobBusy = false;
    std::atomic<bool> jobOpen{false}; // unclaimed chunks: a cheap check between slices
    std::condition_variable jobCv;

    // Writing the dedup tables' pages once (32 MiB by default; on a VM whose host has taken
    // that memory back this costs up to ~90 ms): the worker and the producers' first
    // pushes take pieces until none is left, so neither waits alone while the other idles.
    // The worker processes nothing before all pieces are done (populateDone).
    std::size_t populatePieces = 0;
    std::atomic<std::size_t> populateNext{0}, populateDone{0};

    std::mutex publishMutex;
    std::function<void()> publish; // the owner's publishNow(), called once a second by run()
    std::thread worker;
};

} // namespace vigil

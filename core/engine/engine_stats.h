// ProcessingStats: what the engine's processing worker records per event — the dedup
// window, latency histograms (end-to-end = arrival - event time, and the mapped latency
// field) per priority and per queue, over the run and a sliding window, and simulator-
// shaped latency buckets. renderEngineMetrics() turns a snapshot into Prometheus text
// (vigil_engine_* families) for publishing through the hub like a scrape.
//
// Threads: not synchronised; EventEngine keeps one ProcessingStats, written by its
// processing worker and read by snapshot() under the engine's stats mutex.
#pragma once

#include "core/engine/dedup_window.h"
#include "core/engine/event_parser.h"
#include "core/engine/latency_histogram.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace vigil {

// Upper bounds (le) like the simulator's eventstream_latency_ns; +Inf after the last.
inline constexpr std::array<std::int64_t, 10> kEngineLatencyBoundsNs = {100,  250,   500,   1000,  2000,
                                                                       5000, 10000, 25000, 50000, 100000};

struct LatencyBuckets
{
    std::array<std::uint64_t, kEngineLatencyBoundsNs.size() + 1> counts{}; // not cumulative
    double sum = 0;
    std::uint64_t count = 0;
    void record(std::int64_t v);
};

class ProcessingStats
{
public:
    explicit ProcessingStats(const EngineOptions &options);
    ~ProcessingStats();

    // Populating the dedup tables (DedupWindow::populate*()): the processing worker and
    // the first producers share it when the engine starts, so constructing an engine stays
    // cheap. populatePiece() may run on several threads at once, before any event.
    std::size_t populatePieces() const { return m_dedup.populatePieces(); }
    void populatePiece(std::size_t piece) const { m_dedup.populatePiece(piece); }
    void markPopulated() { m_dedup.markPopulated(); }

    // true: a duplicate within the window (not processed further).
    bool isDuplicate(const ParsedEvent &ev)
    {
        return ev.hasKey && m_dedup.seenOrInsert(ev.keyHash, ev.arrivalNs);
    }
    // Starts loading the dedup slots of `ev` (call a few events ahead of isDuplicate()).
    // Unconditional on purpose: GCC 12 outlines a guarded prefetch into a "const"
    // function part and then deletes the call (a keyless event prefetches a harmless slot).
    void prefetch(const ParsedEvent &ev) const { m_dedup.prefetch(ev.keyHash); }
    void record(const ParsedEvent &ev);
    // Latency summaries, per-queue figures and dedup counters into `out`.
    void fill(EngineSnapshot &out, std::int64_t nowNs) const;
    const LatencyBuckets &fieldBuckets() const { return m_fieldBuckets; }

private:
    struct QueueStats
    {
        std::string name;
        std::uint64_t hash = 0; // DedupWindow::hashKey(name)
        LatencyHistogram endToEnd, field;
        WindowedHistogram window;
        std::uint64_t processed = 0;
        explicit QueueStats(std::string n, double windowSeconds) : name(std::move(n)), window(windowSeconds) {}
    };
    // By the queue's name hash (ParsedEvent::queueHash): a 64-bit hash stands for the
    // name (two names colliding would share statistics: ~n^2 / 2^65 for n queues). The
    // name is read only for a hash not seen before.
    QueueStats *queueFor(const ParsedEvent &ev);

    DedupWindow m_dedup;
    double m_windowSeconds;
    std::array<LatencyHistogram, kLaneCount> m_endToEnd, m_field;
    WindowedHistogram m_windowEndToEnd, m_windowField;
    std::vector<std::unique_ptr<QueueStats>> m_queues;
    QueueStats *m_lastQueue = nullptr;
    LatencyBuckets m_fieldBuckets;
};

// Prometheus text 0.0.4 of the engine's own state. `fieldBuckets` feeds the
// vigil_engine_latency_ns histogram (mapped latency field, all priorities).
std::string renderEngineMetrics(const EngineSnapshot &s, const LatencyBuckets &fieldBuckets);

} // namespace vigil

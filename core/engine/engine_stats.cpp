#include "core/engine/engine_stats.h"

#include "core/expo/expo_writer.h"

#include <algorithm>
#include <cstdio>

namespace vigil {

namespace {

constexpr std::size_t kMaxQueues = 64; // beyond this, queues share "(other)"

} // namespace

void LatencyBuckets::record(std::int64_t v)
{
    std::size_t b = 0;
    while (b < kEngineLatencyBoundsNs.size() && v > kEngineLatencyBoundsNs[b])
        ++b;
    ++counts[b];
    sum += static_cast<double>(v);
    ++count;
}

ProcessingStats::ProcessingStats(const EngineOptions &options)
    : m_dedup(options.dedupWindowSeconds, std::max<std::size_t>(options.dedupMaxKeys, 2), false),
      m_windowSeconds(options.latencyWindowSeconds), m_windowEndToEnd(options.latencyWindowSeconds),
      m_windowField(options.latencyWindowSeconds)
{
}

ProcessingStats::~ProcessingStats() = default;

ProcessingStats::QueueStats *ProcessingStats::queueFor(const ParsedEvent &ev)
{
    const std::uint64_t hash = ev.queueHash;
    if (m_lastQueue && m_lastQueue->hash == hash)
        return m_lastQueue;
    for (auto &q : m_queues)
        if (q->hash == hash)
            return m_lastQueue = q.get();
    if (m_queues.size() >= kMaxQueues) {
        // Every name beyond the limit counts as "(other)" (hash 0: no event's).
        for (auto &q : m_queues)
            if (q->name == "(other)")
                return m_lastQueue = q.get();
        m_queues.push_back(std::make_unique<QueueStats>("(other)", m_windowSeconds));
        return m_lastQueue = m_queues.back().get();
    }
    m_queues.push_back(std::make_unique<QueueStats>(std::string(ev.text(ev.queue)), m_windowSeconds));
    m_queues.back()->hash = hash;
    return m_lastQueue = m_queues.back().get();
}

void ProcessingStats::record(const ParsedEvent &ev)
{
    const auto lane = static_cast<std::size_t>(ev.priority);
    QueueStats *q = ev.queue.length ? queueFor(ev) : nullptr;
    if (q)
        ++q->processed;
    if (ev.timestampNs != 0) {
        const std::int64_t e2e = ev.arrivalNs - ev.timestampNs;
        m_endToEnd[lane].record(e2e);
        m_windowEndToEnd.record(e2e, ev.arrivalNs);
        if (q) {
            q->endToEnd.record(e2e);
            q->window.record(e2e, ev.arrivalNs);
        }
    }
    if (ev.latencyNs >= 0) {
        m_field[lane].record(ev.latencyNs);
        m_windowField.record(ev.latencyNs, ev.arrivalNs);
        m_fieldBuckets.record(ev.latencyNs);
        if (q)
            q->field.record(ev.latencyNs);
    }
}

void ProcessingStats::fill(EngineSnapshot &out, std::int64_t nowNs) const
{
    LatencyHistogram all, allField;
    for (std::size_t l = 0; l < kLaneCount; ++l) {
        out.endToEndByPriority[l] = m_endToEnd[l].summary();
        out.fieldByPriority[l] = m_field[l].summary();
        all.merge(m_endToEnd[l]);
        allField.merge(m_field[l]);
    }
    out.endToEnd = all.summary();
    out.field = allField.summary();
    out.windowEndToEnd = m_windowEndToEnd.summary(nowNs);
    out.windowField = m_windowField.summary(nowNs);
    out.queues.clear();
    for (const auto &q : m_queues)
        out.queues.push_back({q->name, q->endToEnd.summary(), q->field.summary(), q->window.summary(nowNs), q->processed});
    out.dedupHits = m_dedup.hits();
    out.dedupMisses = m_dedup.misses();
    out.dedupMemoryBytes = m_dedup.memoryBytes();
}

std::string renderEngineMetrics(const EngineSnapshot &s, const LatencyBuckets &b)
{
    std::string text;
    text.reserve(8192);
    expo::ExpositionWriter w(text);
    static const char *const kLanes[kLaneCount] = {"critical", "high", "medium", "low"};
    w.family("vigil_engine_received_total", "counter", "Events received by the engine (lines, framing errors included).");
    w.sample("vigil_engine_received_total", {}, double(s.received));
    w.family("vigil_engine_events_total", "counter", "Events processed, by lane.");
    for (int l = 0; l < kLaneCount; ++l)
        w.sample("vigil_engine_events_total", {{"lane", kLanes[l]}}, double(s.lanes[l].processed));
    w.family("vigil_engine_events_by_priority", "counter", "Events received, by priority.");
    for (int l = 0; l < kLaneCount; ++l)
        w.sample("vigil_engine_events_by_priority", {{"priority", kLanes[l]}}, double(s.lanes[l].received));
    w.family("vigil_engine_lane_depth", "gauge", "Events waiting in the lane.");
    for (int l = 0; l < kLaneCount; ++l)
        w.sample("vigil_engine_lane_depth", {{"lane", kLanes[l]}}, double(s.lanes[l].depth));
    w.family("vigil_engine_lane_capacity", "gauge", "Capacity of the lane.");
    for (int l = 0; l < kLaneCount; ++l)
        w.sample("vigil_engine_lane_capacity", {{"lane", kLanes[l]}}, double(s.lanes[l].capacity));
    w.family("vigil_engine_dropped_total", "counter", "Events dropped by a full lane, by lane and source.");
    for (const SourceStats &src : s.sources)
        for (int l = 0; l < kLaneCount; ++l)
            w.sample("vigil_engine_dropped_total", {{"lane", kLanes[l]}, {"source", src.url}},
                         double(src.droppedByLane[l]));
    w.family("vigil_engine_deduplicated_total", "counter", "Events dropped as duplicates within the dedup window.");
    w.sample("vigil_engine_deduplicated_total", {}, double(s.deduplicated));
    w.family("vigil_engine_malformed_total", "counter", "Malformed lines and framing errors, by source.");
    for (const SourceStats &src : s.sources)
        w.sample("vigil_engine_malformed_total", {{"source", src.url}}, double(src.malformed));
    w.family("vigil_engine_in_flight", "gauge", "Events received and not yet processed, deduplicated or dropped.");
    w.sample("vigil_engine_in_flight", {}, double(s.inFlight));
    w.family("vigil_engine_dedup_hits_total", "counter", "Events whose key was already seen in the window.");
    w.sample("vigil_engine_dedup_hits_total", {}, double(s.dedupHits));
    w.family("vigil_engine_dedup_misses_total", "counter", "Events with a key not seen in the window.");
    w.sample("vigil_engine_dedup_misses_total", {}, double(s.dedupMisses));
    w.family("vigil_engine_events_per_second", "gauge", "Processed events per second, over the last second.");
    w.sample("vigil_engine_events_per_second", {}, s.eventsPerSecond);

    w.family("vigil_engine_latency_ns", "histogram", "Mapped latency field of processed events, in nanoseconds.");
    std::uint64_t cum = 0;
    for (std::size_t i = 0; i < kEngineLatencyBoundsNs.size(); ++i) {
        cum += b.counts[i];
        const std::string le = std::to_string(kEngineLatencyBoundsNs[i]);
        w.sample("vigil_engine_latency_ns_bucket", {{"le", le}}, double(cum));
    }
    cum += b.counts.back();
    w.sample("vigil_engine_latency_ns_bucket", {{"le", "+Inf"}}, double(cum));
    w.sample("vigil_engine_latency_ns_sum", {}, b.sum);
    w.sample("vigil_engine_latency_ns_count", {}, double(b.count));

    w.family("vigil_engine_end_to_end_latency_ns", "gauge", "End-to-end latency (arrival - event time) quantiles over the run.");
    const std::pair<const char *, double LatencySummary::*> qs[] = {
        {"0.5", &LatencySummary::p50}, {"0.9", &LatencySummary::p90}, {"0.99", &LatencySummary::p99},
        {"0.999", &LatencySummary::p999}, {"1", &LatencySummary::max}};
    for (int l = 0; l < kLaneCount; ++l)
        for (const auto &[q, m] : qs)
            w.sample("vigil_engine_end_to_end_latency_ns", {{"priority", kLanes[l]}, {"quantile", q}},
                     s.endToEndByPriority[l].*m);
    return text;
}

} // namespace vigil

// EventEngine's read side: the once-a-second rates (tick), snapshot(), recentSince() over
// the recent-events ring, and publishNow(), which renders a snapshot as vigil_engine_*
// series and submits them to the hub like a scrape. None of this is on the per-event path.
#include "core/engine/event_engine.h"

#include "core/engine/engine_impl.h"
#include "core/expo/expo_parser.h"
#include "core/hub/ingest_hub.h"

#include <spdlog/spdlog.h>

namespace vigil {

namespace {

using engine_detail::wallNs;

constexpr std::size_t kMaxJsonBytes = 64 * 1024;

} // namespace

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
    std::vector<BlockRef> keep; // the picked events' blocks, held while their text is copied
    {
        std::lock_guard lock(d->ringMutex);
        const std::size_t capacity = d->options.recentEvents;
        const std::uint64_t end = d->nextSeq;
        std::uint64_t begin = std::max<std::uint64_t>(afterSeq + 1, end - d->ringCount);
        if (end > begin && end - begin > max)
            begin = end - max;
        if (end > begin) {
            picked.reserve(end - begin);
            for (std::uint64_t seq = begin; seq < end; ++seq)
                picked.push_back(d->ring[(seq - 1) % capacity]);
            for (auto it = d->ringRuns.rbegin(); it != d->ringRuns.rend(); ++it) {
                keep.push_back(it->block);
                if (it->lastSeq < begin)
                    break;
            }
        }
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

#include "core/capture/capture_replay_feed.h"

#include "core/engine/event_sink.h"
#include "core/hub/ingest_hub.h"

#include <algorithm>

namespace vigil::capture {

namespace {

constexpr std::size_t kMaxOrphanBatch = 4096;
constexpr std::size_t kMaxLinesPerBatch = 4096;
constexpr std::size_t kMaxLineBatchBytes = 1 << 20;
constexpr std::size_t kHubQueueHighWater = 32;

std::int64_t floorMs(std::int64_t ns)
{
    std::int64_t q = ns / 1'000'000;
    if (ns % 1'000'000 != 0 && ns < 0)
        --q;
    return q;
}

std::string signatureOf(const Labels &labels)
{
    std::string instance, job;
    for (const Label &l : labels) {
        if (l.name == "instance")
            instance = l.value;
        else if (l.name == "job")
            job = l.value;
    }
    return instance + '\x1f' + job;
}

} // namespace

ReplayFeed::ReplayFeed(CaptureReader &reader, ReplayOutputs &outputs, bool stopOnDamage, DamageFn onDamage)
    : reader(reader), out(outputs), stopOnDamage(stopOnDamage), onDamage(std::move(onDamage))
{
    table = std::make_shared<SeriesTable>();
    table->defs = reader.series();
    infos.assign(table->defs.size(), {});
    lastKey.assign(table->defs.size(), kFromStart);
    const auto &frames = reader.frames();
    for (std::size_t i = 0; i < frames.size(); ++i) {
        switch (frames[i].type) {
        case FrameType::Samples: sampleFrames.push_back(i); break;
        case FrameType::Targets: targets.frames.push_back(i); break;
        case FrameType::Events: events.frames.push_back(i); break;
        case FrameType::Cluster: cluster.frames.push_back(i); break;
        case FrameType::Notes: notes.frames.push_back(i); break;
        default: break;
        }
    }
    suffixMin.assign(sampleFrames.size() + 1, std::numeric_limits<std::int64_t>::max());
    for (std::size_t k = sampleFrames.size(); k-- > 0;)
        suffixMin[k] = std::min(suffixMin[k + 1], frames[sampleFrames[k]].firstMs);
}

ReplayFeed::~ReplayFeed() = default;

// ---- reading ----
std::optional<DecodedFrame> ReplayFeed::readFrame(std::size_t index)
{
    auto f = reader.read(index);
    ++count.framesRead;
    if (f.ok())
        return std::move(f.value());
    if (onDamage)
        onDamage(index, f.error().message);
    return std::nullopt;
}

// Loads frames of a record stream until it has a current record or is exhausted.
template <class Vec> bool ReplayFeed::ensure(RecordStream &s, Vec FrameRecords::*member)
{
    while (!s.have || s.pos >= (s.rec.*member).size()) {
        s.have = false;
        if (s.next >= s.frames.size())
            return false;
        auto f = readFrame(s.frames[s.next++]);
        if (!f) {
            if (stopOnDamage)
                return false;
            continue;
        }
        s.rec = std::move(f->records);
        s.pos = 0;
        s.have = true;
        for (const EventSourceDef &def : s.rec.eventSources)
            sourceUrls[def.sourceId] = def.url;
    }
    return true;
}

void ReplayFeed::ensureSamples()
{
    // Load the next samples frame while it may hold something due before the
    // earliest buffered point (a frame's firstMs is a lower bound with an index).
    while (nextSampleFrame < sampleFrames.size() && (heap.empty() || suffixMin[nextSampleFrame] <= heap.top().key)) {
        auto f = readFrame(sampleFrames[nextSampleFrame++]);
        if (!f) {
            if (stopOnDamage)
                return;
            continue;
        }
        for (const SampleRun &run : f->records.samples) {
            if (run.seriesId >= table->defs.size() || table->defs[run.seriesId].name.empty())
                continue; // a definition lost to damage
            for (const SamplePoint &p : run.points) {
                if (p.timestampMs < minMs)
                    continue;
                std::int64_t &last = lastKey[run.seriesId];
                last = std::max(last, p.timestampMs);
                heap.push({last, seq++, p.timestampMs, run.seriesId, p.value});
            }
        }
    }
}

const ReplayFeed::SeriesInfo &ReplayFeed::info(std::uint32_t series)
{
    SeriesInfo &i = infos[series];
    if (!i.computed) {
        i.computed = true;
        for (const Label &l : table->defs[series].labels)
            if (l.name == "instance" || l.name == "job")
                i.hasTarget = true;
        i.signature = signatureOf(table->defs[series].labels);
    }
    return i;
}

// ---- the merge ----
std::optional<ReplayFeed::Next> ReplayFeed::peek()
{
    std::optional<Next> best;
    const auto consider = [&](Kind k, std::int64_t t) {
        if (!best || t < best->time)
            best = Next{k, t};
    };
    ensureSamples();
    if (!heap.empty())
        consider(Kind::Samples, heap.top().key);
    if (ensure(targets, &FrameRecords::scrapes))
        consider(Kind::Targets, targets.rec.scrapes[targets.pos].timestampMs);
    if (ensure(events, &FrameRecords::events))
        consider(Kind::Events, floorMs(events.rec.events[events.pos].arrivalNs));
    if (ensure(cluster, &FrameRecords::cluster))
        consider(Kind::Cluster, cluster.rec.cluster[cluster.pos].timestampMs);
    if (ensure(notes, &FrameRecords::notes))
        consider(Kind::Notes, notes.rec.notes[notes.pos].timestampMs);
    return best;
}

// ---- output ----
void ReplayFeed::submit(SampleBatch batch)
{
    ++count.batches;
    if (!out.hub)
        return;
    out.hub->submit(std::move(batch));
    // The hub drops the oldest batch past its queue limit: never let a replay get there.
    if (out.hub->stats().queued >= kHubQueueHighWater)
        out.hub->flush();
}

SampleBatch ReplayFeed::makeBatch(const std::vector<Point> &points, const Labels *targetLabels)
{
    auto parsed = std::make_shared<expo::ParseResult>();
    parsed->families.reserve(points.size());
    parsed->samples.reserve(points.size());
    for (const Point &p : points) {
        const SeriesDef &def = table->defs[p.series];
        const auto begin = static_cast<std::uint32_t>(parsed->labels.size());
        for (const Label &l : def.labels) {
            bool isTarget = false;
            if (targetLabels)
                for (const Label &t : *targetLabels)
                    isTarget = isTarget || t.name == l.name;
            if (!isTarget)
                parsed->labels.push_back({l.name, l.value});
        }
        const auto index = static_cast<std::uint32_t>(parsed->samples.size());
        expo::FamilyView f;
        f.name = def.name;
        f.type = def.type;
        f.sampleBegin = index;
        f.sampleCount = 1;
        parsed->families.push_back(f);
        expo::SampleView s;
        s.name = def.name;
        s.family = index;
        s.labelBegin = begin;
        s.labelCount = static_cast<std::uint32_t>(parsed->labels.size()) - begin;
        s.value = p.value;
        s.timestampMs = p.ts;
        s.hasTimestamp = true;
        parsed->samples.push_back(s);
    }
    parsed->bytes = 0;
    SampleBatch b;
    b.body = std::shared_ptr<const std::string>(table, &table->anchor);
    b.parsed = std::move(parsed);
    if (targetLabels)
        b.targetLabels = *targetLabels;
    b.timestampMs = points.empty() ? 0 : points.back().ts;
    count.samples += points.size();
    return b;
}

void ReplayFeed::flushOrphans()
{
    if (orphans.empty())
        return;
    submit(makeBatch(orphans, nullptr));
    orphans.clear();
}

void ReplayFeed::flushLines()
{
    if (!lineBatch)
        return;
    LineBatch b = std::move(*lineBatch);
    lineBatch.reset();
    if (out.events)
        out.events->push(std::move(b));
}

void ReplayFeed::flushAll()
{
    flushOrphans();
    flushLines();
}

std::uint32_t ReplayFeed::sinkSource(std::uint32_t captureId)
{
    if (auto it = sinkIds.find(captureId); it != sinkIds.end())
        return it->second;
    auto url = sourceUrls.find(captureId);
    if (url == sourceUrls.end()) {
        // After a seek the definition may sit in a skipped frame: look back for it.
        for (std::size_t k = 0; k < events.frames.size() && k + 1 < events.next; ++k)
            if (auto f = reader.read(events.frames[k]); f.ok())
                for (const EventSourceDef &def : f->records.eventSources)
                    sourceUrls[def.sourceId] = def.url;
        url = sourceUrls.find(captureId);
    }
    const std::string u = url != sourceUrls.end() ? url->second : "source-" + std::to_string(captureId);
    const std::uint32_t id = out.events->registerSource({"capture:" + u, LanePolicy::Block});
    sinkIds[captureId] = id;
    return id;
}

void ReplayFeed::emitSample()
{
    const Point p = heap.top();
    heap.pop();
    if (!info(p.series).hasTarget) {
        flushLines();
        orphans.push_back(p);
        if (orphans.size() >= kMaxOrphanBatch)
            flushOrphans();
        return;
    }
    pending[info(p.series).signature].push_back(p);
}

void ReplayFeed::emitScrape()
{
    flushAll();
    const ScrapeRecord &r = targets.rec.scrapes[targets.pos++];
    if (r.timestampMs < minMs)
        return;
    ScrapeReport report;
    report.targetUrl = r.targetUrl;
    report.job = r.job;
    report.instance = r.instance;
    report.timestampMs = r.timestampMs;
    report.durationSeconds = r.durationSeconds;
    report.up = r.up;
    report.error = r.error;
    report.samples = r.samples;
    report.bodyBytes = r.bodyBytes;
    report.consecutiveFailures = r.consecutiveFailures;
    report.nextRetrySeconds = r.nextRetrySeconds;
    report.format = r.format;

    std::vector<Point> mine;
    if (auto it = pending.find(signatureOf(r.targetLabels)); it != pending.end()) {
        std::vector<Point> rest;
        for (const Point &p : it->second) {
            const Labels &labels = table->defs[p.series].labels;
            bool match = true;
            for (const Label &t : r.targetLabels)
                if (!t.value.empty()
                    && std::find(labels.begin(), labels.end(), t) == labels.end())
                    match = false;
            (match ? mine : rest).push_back(p);
        }
        if (rest.empty())
            pending.erase(it);
        else
            it->second = std::move(rest);
    }
    SampleBatch b;
    if (r.up) {
        b = makeBatch(mine, &r.targetLabels);
    } else {
        b.targetLabels = r.targetLabels;
        if (!mine.empty()) { // samples without a successful scrape: keep them anyway
            submit(makeBatch(mine, nullptr));
        }
    }
    b.timestampMs = r.timestampMs;
    b.scrape = std::move(report);
    ++count.scrapes;
    submit(std::move(b));
}

void ReplayFeed::emitLine()
{
    flushOrphans();
    const EventLine &e = events.rec.events[events.pos++];
    if (floorMs(e.arrivalNs) < minMs || !out.events) {
        ++count.lines;
        return;
    }
    const std::uint32_t sink = sinkSource(e.sourceId);
    if (lineBatch
        && (lineBatchCaptureId != e.sourceId || lineBatch->arrivalNs != e.arrivalNs
            || lineBatch->lineCount >= kMaxLinesPerBatch || lineBatch->bytes.size() + e.line.size() + 1 > kMaxLineBatchBytes))
        flushLines();
    SinkSource &src = sinkSources[sink];
    if (!lineBatch) {
        lineBatch.emplace();
        lineBatch->sourceId = sink;
        lineBatch->arrivalNs = e.arrivalNs;
        lineBatch->firstLine = src.line;
        lineBatch->firstOffset = src.offset;
        lineBatch->bytes.reserve(std::min(kMaxLineBatchBytes, e.line.size() * 64) + kLinePadding + 1);
        lineBatchCaptureId = e.sourceId;
    }
    if (lineBatch->bytes.capacity() < lineBatch->bytes.size() + e.line.size() + 1 + kLinePadding)
        lineBatch->bytes.reserve(2 * (lineBatch->bytes.size() + e.line.size() + 1) + kLinePadding);
    lineBatch->bytes += e.line;
    lineBatch->bytes += '\n';
    ++lineBatch->lineCount;
    ++src.line;
    src.offset += e.line.size() + 1;
    ++count.lines;
}

void ReplayFeed::emit(Kind kind)
{
    switch (kind) {
    case Kind::Samples: emitSample(); break;
    case Kind::Targets: emitScrape(); break;
    case Kind::Events: emitLine(); break;
    case Kind::Cluster: {
        flushAll();
        const JsonRecord &c = cluster.rec.cluster[cluster.pos++];
        if (c.timestampMs >= minMs) {
            ++count.cluster;
            if (out.cluster)
                out.cluster(c);
        }
        break;
    }
    case Kind::Notes: {
        flushAll();
        const Note &n = notes.rec.notes[notes.pos++];
        if (n.timestampMs >= minMs) {
            ++count.notes;
            if (out.notes)
                out.notes(n);
        }
        break;
    }
    }
    playedSomething_ = true;
}

// Everything read: hand over what still waits, and make the hub apply it.
void ReplayFeed::finishPass()
{
    flushAll();
    // Samples whose report never came (a torn tail, a report dropped by the writer).
    for (auto &[sig, points] : pending)
        if (!points.empty())
            submit(makeBatch(points, nullptr));
    pending.clear();
    if (out.hub)
        out.hub->flush();
}

void ReplayFeed::position(std::int64_t fromMs)
{
    const std::size_t f0 = fromMs == kFromStart ? 0 : reader.frameAt(fromMs);
    const auto place = [&](RecordStream &s) {
        s.next = std::size_t(std::lower_bound(s.frames.begin(), s.frames.end(), f0) - s.frames.begin());
        s.have = false;
        s.pos = 0;
        s.rec = {};
    };
    place(targets);
    place(events);
    place(cluster);
    place(notes);
    nextSampleFrame =
        std::size_t(std::lower_bound(sampleFrames.begin(), sampleFrames.end(), f0) - sampleFrames.begin());
    heap = {};
    std::fill(lastKey.begin(), lastKey.end(), kFromStart);
    pending.clear();
    orphans.clear();
    lineBatch.reset();
    minMs = fromMs;
}

void ReplayFeed::outputsReplaced()
{
    sinkIds.clear();
    sinkSources.clear();
}

} // namespace vigil::capture

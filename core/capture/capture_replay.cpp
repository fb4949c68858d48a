#include "core/capture/capture_replay.h"

#include "core/engine/event_sink.h"
#include "core/hub/ingest_hub.h"

#include <algorithm>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <optional>
#include <queue>
#include <thread>
#include <unordered_map>

namespace vigil::capture {

const char *replayStateName(ReplayState state)
{
    switch (state) {
    case ReplayState::Paused: return "paused";
    case ReplayState::Playing: return "playing";
    case ReplayState::Ended: return "ended";
    case ReplayState::Error: return "error";
    }
    return "unknown";
}

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::int64_t kMinTime = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMaxTime = std::numeric_limits<std::int64_t>::max();
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

// The series table batches point into; kept alive by SampleBatch::body (aliasing).
struct SeriesTable
{
    std::vector<SeriesDef> defs;
    std::string anchor;
};

struct SeriesInfo
{
    bool computed = false;
    bool hasTarget = false; // has instance or job: waits for its target's report
    std::string signature;  // instance \x1f job
};

struct Point
{
    std::int64_t key = 0; // time, raised to the series' previous key (keeps run order)
    std::uint64_t seq = 0;
    std::int64_t ts = 0;
    std::uint32_t series = 0;
    double value = 0;
};
struct PointAfter
{
    bool operator()(const Point &a, const Point &b) const
    {
        return a.key != b.key ? a.key > b.key : a.seq > b.seq;
    }
};

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

struct RecordStream
{
    std::vector<std::size_t> frames; // indices into reader.frames()
    std::size_t next = 0;            // next frame to load
    FrameRecords rec;
    std::size_t pos = 0;
    bool have = false;
};

enum class Kind { Samples = 0, Targets, Events, Cluster, Notes };

} // namespace

struct CaptureReplay::Impl
{
    std::unique_ptr<CaptureReader> reader;
    ReplayOutputs out;
    Options options;

    // ---- shared (m) ----
    mutable std::mutex m;
    mutable std::condition_variable cv;
    ReplayStatus status;
    bool stopping = false;
    std::optional<std::int64_t> seekTo;
    std::int64_t seekPreroll = 0;
    bool restart = false;
    std::uint64_t version = 0; // bumped by every control call (re-anchors the pacing)
    std::thread thread;

    // ---- replay thread only ----
    std::shared_ptr<SeriesTable> table;
    std::vector<SeriesInfo> infos;
    std::vector<std::int64_t> lastKey; // per series
    std::vector<std::size_t> sampleFrames;
    std::vector<std::int64_t> suffixMin; // earliest time of sampleFrames[k..]
    std::size_t nextSampleFrame = 0;
    std::priority_queue<Point, std::vector<Point>, PointAfter> heap;
    std::uint64_t seq = 0;
    RecordStream targets, events, cluster, notes;
    std::int64_t minMs = kMinTime; // records before this are skipped (after a seek)
    std::unordered_map<std::string, std::vector<Point>> pending; // by target signature
    std::vector<Point> orphans;
    std::unordered_map<std::uint32_t, std::string> sourceUrls;  // capture id -> url
    std::unordered_map<std::uint32_t, std::uint32_t> sinkIds;   // capture id -> sink id
    struct SinkSource
    {
        std::uint64_t line = 1, offset = 0;
    };
    std::unordered_map<std::uint32_t, SinkSource> sinkSources;
    std::optional<LineBatch> lineBatch;
    std::uint32_t lineBatchCaptureId = 0;
    std::size_t framesRead = 0;
    bool playedSomething = false;
    std::optional<std::int64_t> fastUntil; // a seek's preroll runs until this time
    // counters, copied into status under m
    std::uint64_t nSamples = 0, nScrapes = 0, nLines = 0, nCluster = 0, nNotes = 0, nBatches = 0;

    Clock::time_point anchorWall;
    std::int64_t anchorMs = 0;
    std::uint64_t seenVersion = ~std::uint64_t(0);
    Clock::time_point lastProgress;
    ReplayState publishedState = ReplayState::Paused;

    void setup()
    {
        table = std::make_shared<SeriesTable>();
        table->defs = reader->series();
        infos.assign(table->defs.size(), {});
        lastKey.assign(table->defs.size(), kMinTime);
        const auto &frames = reader->frames();
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
        suffixMin.assign(sampleFrames.size() + 1, kMaxTime);
        for (std::size_t k = sampleFrames.size(); k-- > 0;)
            suffixMin[k] = std::min(suffixMin[k + 1], frames[sampleFrames[k]].firstMs);
        status.firstMs = reader->firstMs();
        status.lastMs = reader->lastMs();
        status.positionMs = status.firstMs;
        status.frames = frames.size();
        status.damage = reader->damage();
        status.speed = options.speed;
        status.loop = options.loop;
    }

    // ---- reading ----
    std::optional<DecodedFrame> readFrame(std::size_t index)
    {
        auto f = reader->read(index);
        ++framesRead;
        if (f.ok())
            return std::move(f.value());
        std::lock_guard lock(m);
        status.damage = reader->damage();
        if (status.damage.empty() || status.damage.back().offset != reader->frames()[index].offset)
            status.damage.push_back({reader->frames()[index].offset, reader->frames()[index].storedBytes,
                                     f.error().message, false});
        if (options.stopOnDamage) {
            status.state = ReplayState::Error;
            status.error = f.error().message;
            cv.notify_all();
        }
        return std::nullopt;
    }

    // Loads frames of a record stream until it has a current record or is exhausted.
    template <class Vec> bool ensure(RecordStream &s, Vec FrameRecords::*member)
    {
        while (!s.have || s.pos >= (s.rec.*member).size()) {
            s.have = false;
            if (s.next >= s.frames.size())
                return false;
            auto f = readFrame(s.frames[s.next++]);
            if (!f) {
                if (options.stopOnDamage)
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

    void ensureSamples()
    {
        // Load the next samples frame while it may hold something due before the
        // earliest buffered point (a frame's firstMs is a lower bound with an index).
        while (nextSampleFrame < sampleFrames.size() && (heap.empty() || suffixMin[nextSampleFrame] <= heap.top().key)) {
            auto f = readFrame(sampleFrames[nextSampleFrame++]);
            if (!f) {
                if (options.stopOnDamage)
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

    const SeriesInfo &info(std::uint32_t series)
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
    struct Next
    {
        Kind kind;
        std::int64_t time;
    };
    std::optional<Next> peek()
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
    void submit(SampleBatch batch)
    {
        ++nBatches;
        if (!out.hub)
            return;
        out.hub->submit(std::move(batch));
        // The hub drops the oldest batch past its queue limit: never let a replay get there.
        if (out.hub->stats().queued >= kHubQueueHighWater)
            out.hub->flush();
    }

    SampleBatch makeBatch(const std::vector<Point> &points, const Labels *targetLabels)
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
        nSamples += points.size();
        return b;
    }

    void flushOrphans()
    {
        if (orphans.empty())
            return;
        submit(makeBatch(orphans, nullptr));
        orphans.clear();
    }

    void flushLines()
    {
        if (!lineBatch)
            return;
        LineBatch b = std::move(*lineBatch);
        lineBatch.reset();
        if (out.events)
            out.events->push(std::move(b));
    }

    void flushAll()
    {
        flushOrphans();
        flushLines();
    }

    std::uint32_t sinkSource(std::uint32_t captureId)
    {
        if (auto it = sinkIds.find(captureId); it != sinkIds.end())
            return it->second;
        auto url = sourceUrls.find(captureId);
        if (url == sourceUrls.end()) {
            // After a seek the definition may sit in a skipped frame: look back for it.
            for (std::size_t k = 0; k < events.frames.size() && k + 1 < events.next; ++k)
                if (auto f = reader->read(events.frames[k]); f.ok())
                    for (const EventSourceDef &def : f->records.eventSources)
                        sourceUrls[def.sourceId] = def.url;
            url = sourceUrls.find(captureId);
        }
        const std::string u = url != sourceUrls.end() ? url->second : "source-" + std::to_string(captureId);
        const std::uint32_t id = out.events->registerSource({"capture:" + u, LanePolicy::Block});
        sinkIds[captureId] = id;
        return id;
    }

    void emitSample()
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

    void emitScrape()
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
        ++nScrapes;
        submit(std::move(b));
    }

    void emitLine()
    {
        flushOrphans();
        const EventLine &e = events.rec.events[events.pos++];
        if (floorMs(e.arrivalNs) < minMs || !out.events) {
            ++nLines;
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
        ++nLines;
    }

    void emit(Kind kind)
    {
        switch (kind) {
        case Kind::Samples: emitSample(); break;
        case Kind::Targets: emitScrape(); break;
        case Kind::Events: emitLine(); break;
        case Kind::Cluster: {
            flushAll();
            const JsonRecord &c = cluster.rec.cluster[cluster.pos++];
            if (c.timestampMs >= minMs) {
                ++nCluster;
                if (out.cluster)
                    out.cluster(c);
            }
            break;
        }
        case Kind::Notes: {
            flushAll();
            const Note &n = notes.rec.notes[notes.pos++];
            if (n.timestampMs >= minMs) {
                ++nNotes;
                if (out.notes)
                    out.notes(n);
            }
            break;
        }
        }
        playedSomething = true;
    }

    // Everything read: hand over what still waits, and make the hub apply it.
    void finishPass()
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

    void position(std::int64_t fromMs)
    {
        const std::size_t f0 = fromMs == kMinTime ? 0 : reader->frameAt(fromMs);
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
        std::fill(lastKey.begin(), lastKey.end(), kMinTime);
        pending.clear();
        orphans.clear();
        lineBatch.reset();
        minMs = fromMs;
    }

    void rewindOutputs()
    {
        if (options.onRewind) {
            options.onRewind(out);
            // New outputs: sources are registered again with the new sink.
            sinkIds.clear();
            sinkSources.clear();
        }
    }

    void publish(bool force)
    {
        const auto now = Clock::now();
        if (!force && now - lastProgress < options.progressInterval)
            return;
        lastProgress = now;
        ReplayStatus s;
        {
            std::lock_guard lock(m);
            copyCounters();
            s = status;
        }
        publishedState = s.state;
        if (options.progress)
            options.progress(s);
    }

    void copyCounters() // under m
    {
        status.frame = std::min(framesRead, status.frames);
        status.samples = nSamples;
        status.scrapes = nScrapes;
        status.eventLines = nLines;
        status.clusterStates = nCluster;
        status.notes = nNotes;
        status.batches = nBatches;
    }

    void run()
    {
        std::unique_lock lock(m);
        for (;;) {
            if (stopping)
                return;
            if (seekTo || restart) {
                const bool fromStart = restart;
                std::int64_t ms = fromStart ? status.firstMs : *seekTo;
                const std::int64_t preroll = fromStart ? 0 : std::max<std::int64_t>(0, seekPreroll);
                restart = false;
                seekTo.reset();
                seekPreroll = 0;
                ms = std::clamp(ms, status.firstMs, std::max(status.firstMs, status.lastMs));
                const std::int64_t start = std::max(status.firstMs, ms - preroll);
                const std::int64_t was = status.positionMs;
                const bool ended = status.state == ReplayState::Ended;
                const bool backwards = fromStart || ms < was || (ended && start < was);
                // Without a preroll every seek repositions (the skipped span is a gap);
                // with one, a forward seek whose preroll reaches the position goes on.
                const bool jump = backwards || preroll == 0 || start > was || !playedSomething;
                lock.unlock();
                flushAll();
                if (backwards && playedSomething)
                    rewindOutputs();
                if (jump)
                    position(fromStart || start <= status.firstMs ? kMinTime : start);
                lock.lock();
                if (jump)
                    status.positionMs = preroll > 0 ? start : ms;
                fastUntil.reset();
                if (preroll > 0 && ms > status.positionMs)
                    fastUntil = ms;
                else
                    status.positionMs = ms;
                status.catchingUp = fastUntil.has_value();
                status.targetMs = ms;
                if (status.state == ReplayState::Ended || status.state == ReplayState::Error) {
                    status.state = fromStart ? ReplayState::Playing : ReplayState::Paused;
                    status.error.clear();
                }
                seenVersion = ~std::uint64_t(0);
                continue;
            }
            if (status.state != ReplayState::Playing && !fastUntil) {
                copyCounters();
                cv.notify_all();
                if (status.state != publishedState) {
                    // Tell the GUI about the pause on this thread, like every other update.
                    lock.unlock();
                    publish(true);
                    lock.lock();
                    continue;
                }
                cv.wait(lock);
                continue;
            }
            if (version != seenVersion) {
                seenVersion = version;
                anchorWall = Clock::now();
                anchorMs = status.positionMs;
            }
            const double speed = fastUntil ? 0 : status.speed;
            lock.unlock();

            bool finished = false;
            for (int i = 0; i < 256; ++i) {
                const std::optional<Next> next = peek();
                if (!next) {
                    finished = true;
                    break;
                }
                if (fastUntil && next->time > *fastUntil) {
                    endCatchUp();
                    break;
                }
                if (speed > 0 && next->time > anchorMs) {
                    const auto due = anchorWall + std::chrono::duration_cast<Clock::duration>(
                                                      std::chrono::duration<double, std::milli>(
                                                          double(next->time - anchorMs) / speed));
                    if (Clock::now() < due) {
                        // Flush what is batched before sleeping, so consumers see it now.
                        flushAll();
                        lock.lock();
                        cv.wait_until(lock, due, [&] {
                            return stopping || seekTo || restart || status.state != ReplayState::Playing
                                || version != seenVersion;
                        });
                        lock.unlock();
                        break;
                    }
                }
                {
                    // Position and the pause check in one step: after pause() returns
                    // the position stays put.
                    std::lock_guard g(m);
                    if (stopping || seekTo || restart || (status.state != ReplayState::Playing && !fastUntil)
                        || version != seenVersion)
                        break;
                    if (next->time >= minMs)
                        status.positionMs = std::max(status.positionMs, next->time);
                    copyCounters();
                }
                emit(next->kind);
            }
            if (finished) {
                finishPass();
                if (fastUntil) {
                    endCatchUp();
                    if (state() != ReplayState::Playing) {
                        lock.lock();
                        continue; // paused at the seek's time; play() finds the end
                    }
                }
                lock.lock();
                copyCounters();
                if (status.state == ReplayState::Error) {
                    lock.unlock();
                    publish(true);
                    lock.lock();
                    cv.notify_all();
                    continue;
                }
                if (status.loop && playedSomething && status.state == ReplayState::Playing) {
                    ++status.loops;
                    restart = true;
                    continue;
                }
                if (status.state == ReplayState::Playing)
                    status.state = ReplayState::Ended;
                status.positionMs = std::max(status.positionMs, status.lastMs);
                lock.unlock();
                publish(true);
                lock.lock();
                cv.notify_all();
                continue;
            }
            publish(false);
            lock.lock();
        }
    }

    ReplayState state() const
    {
        std::lock_guard lock(m);
        return status.state;
    }

    // A seek's preroll is done: the position is the seek's time, pacing starts there.
    void endCatchUp()
    {
        flushAll();
        if (out.hub)
            out.hub->flush(); // the dashboards see the whole window when the position moves
        {
            std::lock_guard lock(m);
            status.positionMs = std::max(status.positionMs, *fastUntil);
            status.catchingUp = false;
            fastUntil.reset();
            seenVersion = ~std::uint64_t(0);
        }
        publish(true);
    }

    void control(const std::function<void()> &change)
    {
        {
            std::lock_guard lock(m);
            change();
            ++version;
        }
        cv.notify_all();
    }
};

CaptureReplay::CaptureReplay(std::unique_ptr<CaptureReader> reader, ReplayOutputs outputs)
    : CaptureReplay(std::move(reader), std::move(outputs), Options{})
{
}

CaptureReplay::CaptureReplay(std::unique_ptr<CaptureReader> reader, ReplayOutputs outputs, Options options)
    : d(std::make_unique<Impl>())
{
    d->reader = std::move(reader);
    d->out = std::move(outputs);
    d->options = std::move(options);
    d->setup();
    d->thread = std::thread([this] { d->run(); });
}

CaptureReplay::~CaptureReplay()
{
    {
        std::lock_guard lock(d->m);
        d->stopping = true;
    }
    d->cv.notify_all();
    if (d->thread.joinable())
        d->thread.join();
}

void CaptureReplay::play()
{
    d->control([&] {
        if (d->status.state == ReplayState::Ended || d->status.state == ReplayState::Error)
            d->restart = true;
        else
            d->status.state = ReplayState::Playing;
    });
}

void CaptureReplay::pause()
{
    d->control([&] {
        if (d->status.state == ReplayState::Playing)
            d->status.state = ReplayState::Paused;
    });
}

void CaptureReplay::setSpeed(double speed)
{
    d->control([&] { d->status.speed = speed > 0 ? speed : 0; });
}

void CaptureReplay::setLoop(bool loop)
{
    d->control([&] { d->status.loop = loop; });
}

void CaptureReplay::seek(std::int64_t ms, std::int64_t prerollMs)
{
    d->control([&] {
        d->seekTo = ms;
        d->seekPreroll = prerollMs;
    });
}

std::int64_t CaptureReplay::positionMs() const
{
    std::lock_guard lock(d->m);
    return d->status.positionMs;
}

ReplayState CaptureReplay::state() const
{
    std::lock_guard lock(d->m);
    return d->status.state;
}

ReplayStatus CaptureReplay::status() const
{
    std::lock_guard lock(d->m);
    return d->status;
}

ReplayState CaptureReplay::waitFinished(std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(d->m);
    d->cv.wait_for(lock, timeout, [&] {
        return d->status.state == ReplayState::Ended || d->status.state == ReplayState::Error;
    });
    return d->status.state;
}

} // namespace vigil::capture

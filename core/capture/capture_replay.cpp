#include "core/capture/capture_replay.h"

#include "core/capture/capture_replay_feed.h"
#include "core/hub/ingest_hub.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

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

} // namespace

// The control side: state shared with the public functions (under m), pacing, the run
// loop, seek/preroll, loop and status. The data side (reading, merging, regrouping,
// batching) is the ReplayFeed, used on the replay thread only.
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
    std::optional<ReplayFeed> feed;
    std::optional<std::int64_t> fastUntil; // a seek's preroll runs until this time

    Clock::time_point anchorWall;
    std::int64_t anchorMs = 0;
    std::uint64_t seenVersion = ~std::uint64_t(0);
    Clock::time_point lastProgress;
    ReplayState publishedState = ReplayState::Paused;

    void setup()
    {
        feed.emplace(*reader, out, options.stopOnDamage,
                     [this](std::size_t index, const std::string &reason) { damaged(index, reason); });
        status.firstMs = reader->firstMs();
        status.lastMs = reader->lastMs();
        status.positionMs = status.firstMs;
        status.frames = reader->frames().size();
        status.damage = reader->damage();
        status.speed = options.speed;
        status.loop = options.loop;
    }

    // A frame failed to read (the feed skips it): record it, or stop (stopOnDamage).
    void damaged(std::size_t index, const std::string &reason)
    {
        std::lock_guard lock(m);
        status.damage = reader->damage();
        if (status.damage.empty() || status.damage.back().offset != reader->frames()[index].offset)
            status.damage.push_back({reader->frames()[index].offset, reader->frames()[index].storedBytes,
                                     reason, false});
        if (options.stopOnDamage) {
            status.state = ReplayState::Error;
            status.error = reason;
            cv.notify_all();
        }
    }

    void rewindOutputs()
    {
        if (options.onRewind) {
            options.onRewind(out);
            // New outputs: sources are registered again with the new sink.
            feed->outputsReplaced();
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
        const ReplayFeed::Counters &n = feed->counters();
        status.frame = std::min(n.framesRead, status.frames);
        status.samples = n.samples;
        status.scrapes = n.scrapes;
        status.eventLines = n.lines;
        status.clusterStates = n.cluster;
        status.notes = n.notes;
        status.batches = n.batches;
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
                const bool jump = backwards || preroll == 0 || start > was || !feed->playedSomething();
                lock.unlock();
                feed->flushAll();
                if (backwards && feed->playedSomething())
                    rewindOutputs();
                if (jump)
                    feed->position(fromStart || start <= status.firstMs ? ReplayFeed::kFromStart : start);
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
                const std::optional<ReplayFeed::Next> next = feed->peek();
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
                        feed->flushAll();
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
                    if (next->time >= feed->skipsBefore())
                        status.positionMs = std::max(status.positionMs, next->time);
                    copyCounters();
                }
                feed->emit(next->kind);
            }
            if (finished) {
                feed->finishPass();
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
                if (status.loop && feed->playedSomething() && status.state == ReplayState::Playing) {
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
        feed->flushAll();
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

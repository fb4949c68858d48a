// EventEngine's source registry: registering stream sources, their framing errors, states
// and ends (EventSink), and waiting for all of them to end. All under the engine's mutex;
// push() and the processing worker update the same SourceStats (event_engine.cpp).
#include "core/engine/event_engine.h"

#include "core/engine/engine_impl.h"

namespace vigil {

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

} // namespace vigil

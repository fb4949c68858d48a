// BackgroundJob<T>: runs one computation at a time off the GUI thread (std::async) and
// hands its result back when the owner polls on a RefreshClock tick, so dashboards
// never block the GUI thread on their recomputation and need no cross-thread signals.
// It also paces its owner: due() says whether the next computation may start.
// The destructor waits for a running computation (which only reads the store).
//
// Threads: owned and polled on the GUI thread; the function runs on a worker thread.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <optional>

namespace vigil {

// How often a dashboard recomputes while live: for windows up to 15 min every third
// tick of the 30 Hz RefreshClock (80 ms + tick jitter: 10 times a second, new data shows
// within ~100 ms), slower for longer windows (a 60-bin plot of 6 h moves one bin every
// 6 min): 1 h every 0.32 s, 6 h every 1.9 s.
inline std::int64_t dashboardRefreshMs(std::int64_t windowMs)
{
    return std::max<std::int64_t>(80, windowMs / 11250);
}

template <typename T>
class BackgroundJob
{
public:
    BackgroundJob() = default;
    ~BackgroundJob() { discard(); }
    BackgroundJob(const BackgroundJob &) = delete;
    BackgroundJob &operator=(const BackgroundJob &) = delete;

    bool busy() const { return m_future.valid(); }
    // True when nothing runs and the last start was at least intervalMs before nowMs
    // (or the clock went backwards).
    bool due(std::int64_t nowMs, std::int64_t intervalMs) const
    {
        return !busy() && (nowMs - m_lastStartMs >= intervalMs || nowMs < m_lastStartMs);
    }
    // For a page over the shared TimeRange: a changed range (rangeVersion) is due at
    // once; otherwise a live range is paced by intervalMs and a paused one never reruns.
    bool due(std::int64_t nowMs, std::int64_t intervalMs, bool live, std::uint64_t rangeVersion) const
    {
        if (busy())
            return false;
        return rangeVersion != m_rangeVersion || (live && due(nowMs, intervalMs));
    }
    void start(std::int64_t nowMs, std::function<T()> fn, std::uint64_t rangeVersion = 0)
    {
        m_lastStartMs = nowMs;
        m_rangeVersion = rangeVersion;
        m_future = std::async(std::launch::async, std::move(fn));
    }
    // A synchronous recomputation by the owner counts as a start for pacing.
    void markStarted(std::int64_t nowMs, std::uint64_t rangeVersion = 0)
    {
        m_lastStartMs = nowMs;
        m_rangeVersion = rangeVersion;
    }
    // The result if the computation finished; never waits.
    std::optional<T> take()
    {
        if (!m_future.valid() || m_future.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
            return std::nullopt;
        ++m_completed;
        return m_future.get();
    }
    // Results handed back by take() so far (the page's updates, for the frame probe).
    std::uint64_t completed() const { return m_completed; }
    // Waits for a running computation and drops its result.
    void discard()
    {
        if (m_future.valid())
            m_future.get();
    }

private:
    std::future<T> m_future;
    std::int64_t m_lastStartMs = 0;
    std::uint64_t m_rangeVersion = 0;
    std::uint64_t m_completed = 0;
};

} // namespace vigil

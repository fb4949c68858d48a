// BackgroundJob<T>: runs one computation at a time off the GUI thread (std::async) and
// hands its result back when the owner polls on a RefreshClock tick, so dashboards
// never block the GUI thread on their recomputation and need no cross-thread signals.
// The destructor waits for a running computation (which only reads the store).
//
// Threads: owned and polled on the GUI thread; the function runs on a worker thread.
#pragma once

#include <chrono>
#include <functional>
#include <future>
#include <optional>

namespace vigil {

template <typename T>
class BackgroundJob
{
public:
    BackgroundJob() = default;
    ~BackgroundJob() { discard(); }
    BackgroundJob(const BackgroundJob &) = delete;
    BackgroundJob &operator=(const BackgroundJob &) = delete;

    bool busy() const { return m_future.valid(); }
    void start(std::function<T()> fn) { m_future = std::async(std::launch::async, std::move(fn)); }
    // The result if the computation finished; never waits.
    std::optional<T> take()
    {
        if (!m_future.valid() || m_future.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
            return std::nullopt;
        return m_future.get();
    }
    // Waits for a running computation and drops its result.
    void discard()
    {
        if (m_future.valid())
            m_future.get();
    }

private:
    std::future<T> m_future;
};

} // namespace vigil

// RefreshClock: the one app-wide pacing timer of the GUI. Every model and plot pulls
// from the hub on tick() instead of reacting to individual samples. Runs at ~30 Hz
// while the main window is visible and slows to ~2 Hz while it is hidden/minimized.
// nowMs() is the wall-clock time of the current tick (an offline window: the capture
// replay's position); tests can pin it.
//
// Threads: GUI thread only (create, connect, tick).
#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QWindow>

#include <cstdint>
#include <functional>
#include <optional>

namespace vigil {

class FrameProbe;

class RefreshClock : public QObject
{
    Q_OBJECT
public:
    static constexpr int kVisibleIntervalMs = 33;
    static constexpr int kHiddenIntervalMs = 500;

    explicit RefreshClock(QObject *parent = nullptr);

    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }

    // Fast while visible, slow while hidden.
    void setVisible(bool visible);
    bool isVisible() const { return m_visible; }
    int intervalMs() const { return m_timer.interval(); }
    // Follows a window's visibility (hidden / minimized => slow).
    void followWindow(QWindow *window);

    // Wall-clock milliseconds since the epoch as seen by this tick.
    std::int64_t nowMs() const;
    // Tests: pin the clock (nullopt: back to the wall clock).
    void setFixedNow(std::optional<std::int64_t> ms) { m_fixedNow = ms; }
    // An offline window: "now" is a capture replay's position, read once per tick
    // (before tick() is emitted) so every reader of one tick sees the same time. Empty
    // function: back to the wall clock. A pinned time (setFixedNow) wins.
    void setTimeSource(std::function<std::int64_t()> source);
    bool hasTimeSource() const { return bool(m_source); }

    // Emits tick() synchronously (tests, screenshots).
    void tickNow();
    // Optional: time every tick's slots into this probe (not owned).
    void setFrameProbe(FrameProbe *probe) { m_probe = probe; }
    std::uint64_t ticks() const { return m_ticks; }

Q_SIGNALS:
    void tick();

private:
    void onTimeout();

    QTimer m_timer;
    QPointer<QWindow> m_window;
    QMetaObject::Connection m_windowConnection;
    std::optional<std::int64_t> m_fixedNow;
    std::function<std::int64_t()> m_source;
    std::int64_t m_sourceNow = 0; // m_source() as of the current tick
    std::uint64_t m_ticks = 0;
    bool m_visible = true;
    FrameProbe *m_probe = nullptr;
};

} // namespace vigil

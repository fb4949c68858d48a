// TimeRange: the dashboards' one shared time range and time cursor.
//
// The range is either *live* (the last windowMs() up to "now", following the clock) or
// *paused* at a fixed end (after a pause, a pan into the past, a zoom while paused or a
// custom range). Every dashboard page reads range(nowMs) when it recomputes, and every
// time plot draws the same cursor: hovering a time on any plot sets cursorMs(), which
// all panels show. Zoom and pan are operations here so every plot behaves the same:
//   - zoom in live mode changes the window length and stays live (anchored at "now");
//     zoom while paused keeps the anchor time under the mouse where it was;
//   - pan into the past pauses; panning a paused range up to "now" resumes live.
// The live window length persists in QSettings ("dashboards/windowMinutes"); a paused
// or custom range does not (it is an absolute time, meaningless after a restart).
//
// Threads: GUI thread only.
#pragma once

#include <QObject>

class QSettings;

#include <array>
#include <cstdint>
#include <optional>

namespace vigil {

struct TimeSpan
{
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;
    std::int64_t lengthMs() const { return endMs - startMs; }
    bool operator==(const TimeSpan &) const = default;
};

class TimeRange : public QObject
{
    Q_OBJECT
public:
    static constexpr std::array<int, 4> kPresetMinutes = {5, 15, 60, 360};
    static constexpr std::int64_t kDefaultWindowMs = 15 * 60'000;
    static constexpr std::int64_t kMinWindowMs = 10'000;
    static constexpr std::int64_t kMaxWindowMs = 7LL * 24 * 3600'000;

    explicit TimeRange(QObject *parent = nullptr);

    // Persistence of the live window length (not the paused end).
    void load(const QSettings &settings);
    void save(QSettings &settings) const;

    bool isLive() const { return m_live; }
    std::int64_t windowMs() const { return m_windowMs; }
    // The range to show at nowMs (live: ends at nowMs).
    TimeSpan range(std::int64_t nowMs) const;
    // Bumps on every change of the range (not on cursor moves); pages recompute a
    // paused range only when this changed.
    std::uint64_t version() const { return m_version; }

    // Window length, clamped to [kMinWindowMs, kMaxWindowMs]; a paused range keeps its end.
    void setWindowMs(std::int64_t ms);
    // An absolute range (custom, or a zoom): paused. Reversed or too short spans are
    // normalised; an end in the future is clamped to nowMs.
    void setRange(TimeSpan span, std::int64_t nowMs);
    void pause(std::int64_t nowMs);
    void resume();

    // factor > 1 zooms out, < 1 zooms in, around anchorMs (see the header comment).
    void zoom(double factor, std::int64_t anchorMs, std::int64_t nowMs);
    // Moves the range by deltaMs (negative: into the past).
    void pan(std::int64_t deltaMs, std::int64_t nowMs);

    std::optional<std::int64_t> cursorMs() const { return m_cursorMs; }
    void setCursor(std::int64_t ms);
    void clearCursor();

Q_SIGNALS:
    void rangeChanged();
    void cursorChanged();

private:
    void changed();

    bool m_live = true;
    std::int64_t m_windowMs = kDefaultWindowMs;
    std::int64_t m_endMs = 0; // paused only
    std::uint64_t m_version = 1;
    std::optional<std::int64_t> m_cursorMs;
};

} // namespace vigil

// CaptureTimeline: the strip across the bottom of an offline window that shows a whole
// capture — event rate (area) and sample rate (line) per overview bucket, failed
// scrapes as red ticks, and marks (notes: yellow flags, elections: blue diamonds,
// alerts: orange triangles, damage: red hatched spans) — with the replay position
// (a vertical line), the dashboards' visible span (a shaded band) and, while the scan
// still runs, the not-yet-scanned part greyed out.
//
// Scrubbing: press and drag anywhere emits seekRequested(ms) (throttled to one per
// 50 ms while dragging, and always the final position on release); the arrow keys step
// by 1 % of the span, Home/End jump to the ends. Hovering shows a tooltip with the time,
// the bucket's rates and the nearest mark's text (plain text, never rich text: mark
// texts come from the capture and are untrusted).
//
// Threads: GUI thread only. Reads nothing itself: the owner calls setOverview() when the
// scan's version() changed and setPosition()/setVisibleSpan() on its refresh tick.
#pragma once

#include "core/capture/capture_overview.h"
#include "widgets/theme.h"

#include <QElapsedTimer>
#include <QWidget>

#include <cstdint>

class QTimer;

namespace vigil {

class CaptureTimeline : public QWidget
{
    Q_OBJECT
public:
    explicit CaptureTimeline(QWidget *parent = nullptr);

    void setOverview(capture::CaptureOverview overview);
    const capture::CaptureOverview &overview() const { return m_overview; }
    void setPosition(std::int64_t ms);
    std::int64_t position() const { return m_positionMs; }
    void setVisibleSpan(std::int64_t startMs, std::int64_t endMs);
    void setTheme(Theme theme);

    // Widget x <-> capture time (the plot area; clamped into the span). For tests.
    std::int64_t timeAtX(int x) const;
    int xAtTime(std::int64_t ms) const;
    // The hover tooltip at widget x as plain text, one item per line (QToolTip gets it
    // escaped); empty outside the plot or without an overview. For tests.
    QString toolTipAt(int x) const;
    // Up to where the scan has read (lastMs once complete); later times are greyed.
    std::int64_t scannedUntilMs() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void seekRequested(std::int64_t ms);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override; // tooltips

private:
    QRect plotRect() const;
    void emitSeek(std::int64_t ms, bool force);
    void seekTo(std::int64_t ms); // keys: move the line at once, emit unthrottled

    capture::CaptureOverview m_overview;
    std::int64_t m_positionMs = 0;
    std::int64_t m_visibleStartMs = 0, m_visibleEndMs = 0;
    Theme m_theme = Theme::Light;
    bool m_dragging = false;
    qint64 m_lastSeekEmitMs = 0; // monotonic ms of the last throttled emit
    std::int64_t m_pendingSeekMs = -1;
    std::int64_t m_lastEmittedMs = -1; // the last value emitted (release skips repeating it)
    QElapsedTimer m_seekClock;         // the monotonic clock of the throttle
    QTimer *m_seekTimer;               // delivers a throttled position when the drag pauses
};

} // namespace vigil

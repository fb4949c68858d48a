// TimeRangeBar: the dashboards' time-range picker over the shared TimeRange — presets
// (5 min, 15 min, 1 h, 6 h: "the last N", live), "Custom…" (a from/to dialog; a
// custom range is paused), a Live / Paused toggle, and the paused range as text.
// Every page has one; they all show the one shared range.
//
// Threads: GUI thread only. The range and the clock must outlive the bar.
#pragma once

#include "models/time_range.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QToolButton;

namespace vigil {

class RefreshClock;

class TimeRangeBar : public QWidget
{
    Q_OBJECT
public:
    TimeRangeBar(TimeRange &range, RefreshClock &clock, QWidget *parent = nullptr);

    // Parts, for tests.
    QComboBox *presets() const { return m_presets; }
    QToolButton *liveButton() const { return m_live; }
    QString rangeText() const;

    // "5 min", "1 h 30 min", "2 d" (the length of a range).
    static QString lengthText(std::int64_t ms);
    // The from/to dialog; nullopt when cancelled.
    static std::optional<TimeSpan> askCustomRange(QWidget *parent, TimeSpan initial);

private:
    void sync();
    void onPreset(int index);

    TimeRange &m_range;
    RefreshClock &m_clock;
    QComboBox *m_presets;
    QToolButton *m_live;
    QLabel *m_text;
    int m_customIndex = -1;
};

} // namespace vigil

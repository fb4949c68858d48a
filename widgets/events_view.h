// EventsView: the live tail of the event engine. A filter box (EventFilter language,
// errors shown under it as plain text), Pause/Resume with a badge counting events that
// arrived while paused, the event table (colour by priority, follows the newest rows
// while scrolled to the bottom) and a detail pane with the selected event's JSON,
// pretty-printed, as read-only plain text. Owns its EventsModel and proxy; refreshes on
// the RefreshClock only.
//
// Threads: GUI thread only. The feed and the clock must outlive the widget.
#pragma once

#include <QWidget>

#include <cstddef>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;
class QToolButton;

namespace vigil {

class EventFeed;
class EventFilterProxy;
class EventsModel;
class RefreshClock;

class EventsView : public QWidget
{
    Q_OBJECT
public:
    EventsView(const EventFeed &feed, RefreshClock &clock, QWidget *parent = nullptr,
               std::size_t capacity = 100'000);

    void setFilterText(const QString &text);
    void setPaused(bool paused);

    EventsModel *model() const { return m_model; }
    EventFilterProxy *proxy() const { return m_proxy; }
    QLineEdit *filterEdit() const { return m_filter; }
    QLabel *filterErrorLabel() const { return m_filterError; }
    QLabel *pendingBadge() const { return m_badge; }
    QLabel *countLabel() const { return m_count; }
    QToolButton *pauseButton() const { return m_pause; }
    QTableView *table() const { return m_table; }
    QPlainTextEdit *detail() const { return m_detail; }

private:
    void onFilterEdited(const QString &text);
    void onCurrentChanged();
    void onPendingChanged(quint64 pending);
    void onPausedChanged(bool paused);
    void updateCount();

    EventsModel *m_model;
    EventFilterProxy *m_proxy;
    QLineEdit *m_filter;
    QLabel *m_filterError;
    QToolButton *m_pause;
    QLabel *m_badge;
    QLabel *m_count;
    QTableView *m_table;
    QPlainTextEdit *m_detail;
    bool m_follow = true;      // scrolled to the bottom: keep showing the newest rows
    quint64 m_shownSeq = 0;    // event shown in the detail pane (0: none)
};

} // namespace vigil

// QueuesPage: every queue of every node as a table (QueueTableModel): depth, capacity,
// fill, push/s, pop/s, full events over the selected window, time to full / drained at
// the current rates, status OK / WARN / STALL and a depth sparkline.
//
// The window is the shared TimeRange: when it is paused the table shows the queues as
// they were at the range's end. Recomputes (queryQueues, on a worker thread) at most
// every 80 ms (dashboardRefreshMs) on RefreshClock ticks while visible and live, at once when the range
// changed; refreshNow() recomputes synchronously.
//
// Threads: GUI thread only. The hub and the clock must outlive the page.
#pragma once

#include "core/analysis/queue_query.h"
#include "widgets/background_job.h"

#include <QWidget>

#include <cstdint>
#include <vector>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace vigil {

class IngestHub;
class QueueTableModel;
class RefreshClock;
class TimeRange;
class TimeRangeBar;

class QueuesPage : public QWidget
{
    Q_OBJECT
public:
    QueuesPage(const IngestHub &hub, RefreshClock &clock, TimeRange &range, QWidget *parent = nullptr);
    ~QueuesPage() override;

    void refreshNow();
    // Background recomputations applied so far.
    std::uint64_t updates() const { return m_job.completed(); }
    std::int64_t lastSampleMs() const;

    QueueTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    TimeRangeBar *rangeBar() const { return m_rangeBar; }
    QString summaryText() const;

private:
    void onTick();
    void apply(std::vector<QueueRow> rows);
    QueueQueryOptions options(std::int64_t nowMs) const;

    const IngestHub &m_hub;
    RefreshClock &m_clock;
    TimeRange &m_range;
    TimeRangeBar *m_rangeBar;
    QLabel *m_summary;
    QueueTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    BackgroundJob<std::vector<QueueRow>> m_job;
};

} // namespace vigil

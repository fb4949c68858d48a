// OverviewPage: the cluster at a glance for the selected window — tiles for throughput
// (events processed/s summed over nodes), P99 latency and total queue depth, each with
// its change over the window; events/s over time; the latency distribution strip with
// P50/P90/P99/max; depth against capacity per queue.
//
// The range is the shared TimeRange (picker, live/pause; the events/s plot joins the
// shared cursor, pans and zooms). Recomputes (queryOverview, on a worker thread) at most
// every 80 ms — longer for long windows (dashboardRefreshMs) — on RefreshClock ticks while visible and live,
// at once when the range changed; refreshNow() recomputes synchronously.
//
// Threads: GUI thread only. The hub and the clock must outlive the page.
#pragma once

#include "core/analysis/overview_query.h"
#include "widgets/background_job.h"

#include <QWidget>

#include <cstdint>

class QCustomPlot;
class QLabel;

namespace vigil {

class IngestHub;
class LatencyStrip;
class QueueBars;
class RefreshClock;
class PlotTimeControl;
class StatTile;
class TimeRange;
class TimeRangeBar;

class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    OverviewPage(const IngestHub &hub, RefreshClock &clock, TimeRange &range, QWidget *parent = nullptr);
    ~OverviewPage() override;

    // Recompute and replot now (screenshots, tests).
    void refreshNow();
    // Background recomputations applied so far.
    std::uint64_t updates() const { return m_job.completed(); }
    // Newest sample time shown (ms since the epoch), 0 if none.
    std::int64_t lastSampleMs() const { return m_data.newestMs; }

    // Parts, for tests and the wall mode.
    StatTile *throughputTile() const { return m_throughput; }
    StatTile *latencyTile() const { return m_p99; }
    StatTile *queueDepthTile() const { return m_depth; }
    QString latencyText() const;
    QueueBars *queueBars() const { return m_queues; }
    QCustomPlot *eventsPlot() const { return m_plot; }
    TimeRangeBar *rangeBar() const { return m_rangeBar; }
    PlotTimeControl *eventsTimeControl() const { return m_plotTime; }
    const OverviewData &data() const { return m_data; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void onTick();
    void apply(OverviewData data);
    // The tiles: values now and their change over the window, or (cursor in range) the
    // values of the cursor's bin.
    void showTiles();
    std::int64_t refreshIntervalMs() const;

    const IngestHub &m_hub;
    RefreshClock &m_clock;
    TimeRange &m_range;
    TimeRangeBar *m_rangeBar;
    StatTile *m_throughput;
    StatTile *m_p99;
    StatTile *m_depth;
    QCustomPlot *m_plot;
    PlotTimeControl *m_plotTime;
    LatencyStrip *m_strip;
    QLabel *m_latencyText;
    QueueBars *m_queues;
    OverviewData m_data;
    BackgroundJob<OverviewData> m_job;
};

} // namespace vigil

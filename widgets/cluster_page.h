// ClusterPage: the Cluster dashboard. Anomaly banners on top; a summary line (profile,
// leader, term, reachable nodes) with a stale-data badge; one row per Raft node
// (ClusterNodesModel: role badge with its word, term, commit/apply index and gap,
// per-peer replication lag as bars, peers, elections, last election); below it the
// election timeline over the shared TimeRange (it shows and sets the shared cursor; the
// node table always shows the live state).
//
// The page does not know how snapshots are produced: it calls `source` on RefreshClock
// ticks, at most every kRefreshMs and only while visible (refreshNow() forces one). The
// source runs on the GUI thread and must be cheap (a copy under a short lock).
//
// Threads: GUI thread only. The clock must outlive the page.
#pragma once

#include "core/cluster/cluster_types.h"
#include "models/data_age.h"

#include <QWidget>

#include <cstdint>
#include <functional>

class QLabel;
class QTableView;

namespace vigil {

class AnomalyBanner;
class ClusterNodesModel;
class ElectionTimeline;
class RefreshClock;
class StaleBadge;
class TimeRange;
class TimeRangeBar;

class ClusterPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr std::int64_t kRefreshMs = 80; // every third 30 Hz tick: 10 Hz

    ClusterPage(std::function<ClusterSnapshot()> source, RefreshClock &clock, TimeRange &range,
                QWidget *parent = nullptr);

    void refreshNow();
    // Refreshes so far.
    std::uint64_t updates() const { return m_updates; }
    // Newest node sample time of the last snapshot; 0 when none.
    std::int64_t lastSampleMs() const { return m_lastSampleMs; }
    // For stale badges: dead when there are nodes and none is reachable.
    DataAge dataAge() const;

    // The page's own badge; a window that badges every page hides it.
    void setStaleBadgeShown(bool shown);

    ClusterNodesModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    AnomalyBanner *banner() const { return m_banner; }
    ElectionTimeline *timeline() const { return m_timeline; }
    StaleBadge *staleBadge() const { return m_badge; }
    QString summaryText() const;

private:
    void onTick();
    void fitRows();

    std::function<ClusterSnapshot()> m_source;
    RefreshClock &m_clock;
    TimeRange &m_range;
    TimeRangeBar *m_rangeBar;
    AnomalyBanner *m_banner;
    QLabel *m_summary;
    StaleBadge *m_badge;
    ClusterNodesModel *m_model;
    QTableView *m_table;
    ElectionTimeline *m_timeline;
    std::int64_t m_lastRefreshMs = 0;
    std::int64_t m_lastSampleMs = 0;
    bool m_dead = false;
    std::uint64_t m_updates = 0;
};

} // namespace vigil

// EnginePanel: the event engine at a glance. Totals with the conservation check
// (received = processed + deduplicated + dropped + malformed + in flight), the four
// priority lanes (depth / capacity bars, events/s from successive snapshots, processed,
// dropped), deduplication (hit ratio, keys memory), latency percentiles P50/P90/P99/
// P99.9/max end to end and by field, overall, over the sliding window and per priority,
// and the sources table (EventSourcesModel).
//
// Reads EventFeed::snapshot() on RefreshClock ticks, at most 4 times a second and only
// while visible (refreshNow() forces one).
//
// Threads: GUI thread only. The feed and the clock must outlive the widget.
#pragma once

#include "core/engine/event_types.h"

#include <QWidget>

#include <array>
#include <cstdint>
#include <deque>

class QLabel;
class QProgressBar;
class QTableView;
class QTableWidget;

namespace vigil {

class EventFeed;
class EventSourcesModel;
class RefreshClock;

class EnginePanel : public QWidget
{
    Q_OBJECT
public:
    EnginePanel(const EventFeed &feed, RefreshClock &clock, QWidget *parent = nullptr);

    void refreshNow();

    // Texts as shown (tests).
    QString totalsText() const;
    QString conservationText() const;
    QString laneText(int lane) const;          // "1,234 / 65,536"
    QString laneRateText(int lane) const;
    QString dedupText() const;
    QString latencyCell(int row, int column) const;
    EventSourcesModel *sourcesModel() const { return m_sources; }
    QTableView *sourcesTable() const { return m_sourcesTable; }

    // "received 10 = processed 7 + deduplicated 1 + dropped 0 + malformed 1 + in flight 1"
    static QString conservationLine(const EngineSnapshot &s);
    static bool conserved(const EngineSnapshot &s);
    static QString laneTextFor(const LaneStats &lane);

private:
    void onTick();
    void apply(const EngineSnapshot &s);
    void setLatencyRow(int row, const QString &name, const LatencySummary &l);

    const EventFeed &m_feed;
    RefreshClock &m_clock;
    QLabel *m_totals;
    QLabel *m_conservation;
    std::array<QProgressBar *, kLaneCount> m_laneBars{};
    std::array<QLabel *, kLaneCount> m_laneRates{};
    std::array<QLabel *, kLaneCount> m_laneProcessed{};
    std::array<QLabel *, kLaneCount> m_laneDropped{};
    QLabel *m_dedup;
    QTableWidget *m_latency;
    EventSourcesModel *m_sources;
    QTableView *m_sourcesTable;
    std::int64_t m_lastRefreshMs = 0;
    // Recent snapshots' lane counters: rates are taken over the last ~2 s, because
    // lanes drain in bursts and a 250 ms difference would flicker.
    struct RateSample
    {
        std::int64_t takenNs = 0;
        std::array<std::uint64_t, kLaneCount> processed{};
    };
    std::deque<RateSample> m_rateSamples;
};

} // namespace vigil

// StaleBadge: "last sample 12 s ago" for one page's data, graded normal -> amber -> red as
// the data ages, and "no data" / "dead — …" when there is none or the backend is down.
// It re-reads its probe on RefreshClock ticks (about once a second), so it never shows a
// frozen value: the age keeps growing while nothing arrives. State is word + colour.
//
// Threads: GUI thread only. The clock must outlive the badge.
#pragma once

#include "models/data_age.h"

#include <QLabel>

#include <functional>

namespace vigil {

class RefreshClock;

class StaleBadge : public QLabel
{
    Q_OBJECT
public:
    explicit StaleBadge(RefreshClock &clock, QWidget *parent = nullptr);

    // What to show; called on ticks. Unset: "no data".
    void setProbe(std::function<DataAge()> probe);
    void setLimits(const StaleLimits &limits) { m_limits = limits; }
    void refreshNow();

    Freshness freshness() const { return m_freshness; }

private:
    void onTick();
    void applyColours();

    RefreshClock &m_clock;
    std::function<DataAge()> m_probe;
    StaleLimits m_limits;
    Freshness m_freshness = Freshness::NoData;
    std::int64_t m_lastRefreshMs = 0;
};

} // namespace vigil

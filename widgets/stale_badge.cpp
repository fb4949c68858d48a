#include "widgets/stale_badge.h"

#include "models/refresh_clock.h"


namespace vigil {

namespace {

constexpr std::int64_t kRefreshMs = 1000;

} // namespace

StaleBadge::StaleBadge(RefreshClock &clock, QWidget *parent) : QLabel(parent), m_clock(clock)
{
    setTextFormat(Qt::PlainText);
    setAlignment(Qt::AlignCenter);
    setAutoFillBackground(true);
    setObjectName(QStringLiteral("staleBadge"));
    connect(&clock, &RefreshClock::tick, this, &StaleBadge::onTick);
    refreshNow();
    applyColours();
}

void StaleBadge::setProbe(std::function<DataAge()> probe)
{
    m_probe = std::move(probe);
    refreshNow();
}

void StaleBadge::onTick()
{
    const std::int64_t now = m_clock.nowMs();
    if (!isVisible() || (now >= m_lastRefreshMs && now - m_lastRefreshMs < kRefreshMs))
        return;
    refreshNow();
}

void StaleBadge::refreshNow()
{
    const std::int64_t now = m_clock.nowMs();
    m_lastRefreshMs = now;
    const DataAge age = m_probe ? m_probe() : DataAge{};
    const Freshness f = freshnessOf(age, now, m_limits);
    setText(QStringLiteral(" %1 ").arg(freshnessText(age, now)));
    if (f != m_freshness) {
        m_freshness = f;
        applyColours();
    }
}

void StaleBadge::applyColours()
{
    // Colours only for the states that need attention; fresh data uses the theme's own.
    QPalette p; // only the roles set below are resolved: the rest follows the theme
    QFont f; // only the weight is set: size and family follow the theme
    f.setBold(m_freshness != Freshness::Fresh);
    switch (m_freshness) {
    case Freshness::Fresh:
        break;
    case Freshness::NoData:
        p.setColor(QPalette::Window, QColor(0x6b, 0x6b, 0x6b));
        p.setColor(QPalette::WindowText, Qt::white);
        break;
    case Freshness::Aging:
        p.setColor(QPalette::Window, QColor(0xf0, 0xa8, 0x00));
        p.setColor(QPalette::WindowText, Qt::black);
        break;
    case Freshness::Stale:
    case Freshness::Dead:
        p.setColor(QPalette::Window, QColor(0xb3, 0x1b, 0x1b));
        p.setColor(QPalette::WindowText, Qt::white);
        break;
    }
    setPalette(p);
    setFont(f);
}

} // namespace vigil

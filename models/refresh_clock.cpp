#include "models/refresh_clock.h"

#include "models/frame_probe.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace vigil {

RefreshClock::RefreshClock(QObject *parent) : QObject(parent)
{
    m_timer.setTimerType(Qt::CoarseTimer);
    m_timer.setInterval(kVisibleIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &RefreshClock::onTimeout);
}

void RefreshClock::start() { m_timer.start(); }

void RefreshClock::stop() { m_timer.stop(); }

void RefreshClock::setVisible(bool visible)
{
    m_visible = visible;
    m_timer.setInterval(visible ? kVisibleIntervalMs : kHiddenIntervalMs);
}

void RefreshClock::followWindow(QWindow *window)
{
    if (m_windowConnection)
        disconnect(m_windowConnection);
    m_window = window;
    if (!window)
        return;
    const auto apply = [this](QWindow::Visibility v) {
        setVisible(v != QWindow::Hidden && v != QWindow::Minimized);
    };
    m_windowConnection = connect(window, &QWindow::visibilityChanged, this, apply);
    apply(window->visibility());
}

std::int64_t RefreshClock::nowMs() const
{
    if (m_fixedNow)
        return *m_fixedNow;
    return m_source ? m_sourceNow : QDateTime::currentMSecsSinceEpoch();
}

void RefreshClock::setTimeSource(std::function<std::int64_t()> source)
{
    m_source = std::move(source);
    m_sourceNow = m_source ? m_source() : 0;
}

void RefreshClock::tickNow() { onTimeout(); }

void RefreshClock::onTimeout()
{
    ++m_ticks;
    if (m_source)
        m_sourceNow = m_source();
    if (!m_probe) {
        Q_EMIT tick();
        return;
    }
    QElapsedTimer t;
    t.start();
    Q_EMIT tick();
    m_probe->recordTick(t.nsecsElapsed());
}

} // namespace vigil

#include "app/vigil/wall_mode.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>

#include <algorithm>

namespace vigil {

WallMode::WallMode(QMainWindow &window, QTabWidget &tabs, QWidget &header, QObject *parent)
    : QObject(parent), m_window(window), m_tabs(tabs), m_header(header), m_leave(new QAction(tr("Leave wall mode"), &window))
{
    m_header.hide();
    m_leave->setShortcut(QKeySequence(Qt::Key_Escape));
    m_leave->setShortcutContext(Qt::WindowShortcut);
    m_leave->setEnabled(false);
    window.addAction(m_leave); // works with the menu bar hidden
    connect(m_leave, &QAction::triggered, this, [this] { setEnabled(false); });
    connect(&m_timer, &QTimer::timeout, this, &WallMode::showNext);
}

void WallMode::setPages(const QList<int> &tabIndices)
{
    m_pages.clear();
    for (int i : tabIndices)
        if (i >= 0 && i < m_tabs.count() && !m_pages.contains(i))
            m_pages << i;
    std::sort(m_pages.begin(), m_pages.end());
    if (!m_enabled)
        return;
    for (int i = 0; i < m_tabs.count(); ++i)
        m_tabs.setTabVisible(i, m_pages.isEmpty() || m_pages.contains(i));
    if (!m_pages.isEmpty() && !m_pages.contains(m_tabs.currentIndex()))
        m_tabs.setCurrentIndex(m_pages.constFirst());
}

void WallMode::setRotateSeconds(int seconds)
{
    m_rotateSeconds = std::max(0, seconds);
    if (m_enabled)
        restartTimer();
}

void WallMode::restartTimer()
{
    m_timer.stop();
    const qsizetype shown = m_pages.isEmpty() ? m_tabs.count() : m_pages.size();
    if (m_rotateSeconds > 0 && shown > 1)
        m_timer.start(m_rotateSeconds * 1000);
}

void WallMode::showNext()
{
    QList<int> order = m_pages;
    if (order.isEmpty())
        for (int i = 0; i < m_tabs.count(); ++i)
            order << i;
    if (order.isEmpty())
        return;
    const int current = m_tabs.currentIndex();
    const auto next = std::upper_bound(order.begin(), order.end(), current);
    m_tabs.setCurrentIndex(next == order.end() ? order.constFirst() : *next);
}

void WallMode::setEnabled(bool on)
{
    if (on == m_enabled)
        return;
    m_enabled = on;
    if (on) {
        m_savedState = m_window.windowState();
        m_menuWasVisible = !m_window.menuBar()->isHidden();
        m_statusWasVisible = !m_window.statusBar()->isHidden();
        m_tabBarWasVisible = !m_tabs.tabBar()->isHidden();
        m_hiddenDocks.clear();
        for (QDockWidget *dock : m_window.findChildren<QDockWidget *>())
            if (!dock->isHidden()) {
                m_hiddenDocks << dock;
                dock->hide();
            }
        m_window.menuBar()->hide();
        m_window.statusBar()->hide();
        m_tabs.tabBar()->hide();
        m_header.show();
        setPages(QList<int>(m_pages)); // a copy: setPages clears m_pages first
        if (m_largeType)
            m_largeType(true);
        if (m_useFullScreen)
            m_window.showFullScreen();
        restartTimer();
    } else {
        m_timer.stop();
        for (int i = 0; i < m_tabs.count(); ++i)
            m_tabs.setTabVisible(i, true);
        m_header.hide();
        m_window.menuBar()->setVisible(m_menuWasVisible);
        m_window.statusBar()->setVisible(m_statusWasVisible);
        m_tabs.tabBar()->setVisible(m_tabBarWasVisible);
        for (QDockWidget *dock : std::as_const(m_hiddenDocks))
            dock->show();
        m_hiddenDocks.clear();
        if (m_largeType)
            m_largeType(false);
        if (m_useFullScreen)
            m_window.setWindowState(m_savedState);
    }
    m_leave->setEnabled(on);
    Q_EMIT enabledChanged(on);
}

} // namespace vigil

// WallMode: the kiosk controller for a control-room screen. When enabled it takes the
// main window full screen, hides the menu bar, status bar, docks and tab bar, shows the
// page header (page title + stale-data badge, provided by the window), asks for large
// type, and rotates through the selected pages every N seconds. Disabling restores what
// was visible before. F11 toggles it from the window; Escape leaves it.
//
// Threads: GUI thread only. The window, its tabs and the header must outlive it.
#pragma once

#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>

class QAction;
class QDockWidget;
class QMainWindow;
class QTabWidget;
class QWidget;

namespace vigil {

class WallMode : public QObject
{
    Q_OBJECT
public:
    WallMode(QMainWindow &window, QTabWidget &tabs, QWidget &header, QObject *parent = nullptr);

    // Tab indices shown and rotated, in tab order; empty or all invalid: every tab.
    void setPages(const QList<int> &tabIndices);
    QList<int> pages() const { return m_pages; }
    // 0: no rotation.
    void setRotateSeconds(int seconds);
    int rotateSeconds() const { return m_rotateSeconds; }
    // Called with true on enable and false on disable (the window scales its type).
    void setLargeTypeHandler(std::function<void(bool)> handler) { m_largeType = std::move(handler); }
    // Screenshots keep the requested window size instead of going full screen.
    void setUseFullScreen(bool on) { m_useFullScreen = on; }

    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool on);
    // Shows the next selected page after the current one (wraps).
    void showNext();
    bool isRotating() const { return m_timer.isActive(); }

Q_SIGNALS:
    void enabledChanged(bool enabled);

private:
    void restartTimer();

    QMainWindow &m_window;
    QTabWidget &m_tabs;
    QWidget &m_header;
    QAction *m_leave;
    QTimer m_timer;
    QList<int> m_pages;
    int m_rotateSeconds = 30;
    bool m_enabled = false;
    bool m_useFullScreen = true;
    std::function<void(bool)> m_largeType;

    // What enable() hid, to restore it.
    Qt::WindowStates m_savedState;
    bool m_menuWasVisible = true, m_statusWasVisible = true, m_tabBarWasVisible = true;
    QList<QDockWidget *> m_hiddenDocks;
};

} // namespace vigil

// MainWindow: wiring only. Central tabs (Explorer, Events, Engine), a Targets dock, a status bar with
// store/hub statistics, File/View/Help menus, and dock/geometry layout saved to and
// restored from QSettings (when settings are given).
//
// Threads: GUI thread only. Hub, clock, registry and event feed must outlive the window.
#pragma once

#include <QMainWindow>

class QDockWidget;
class QSettings;
class QTabWidget;

namespace vigil {

class EnginePanel;
class EventFeed;
class EventsView;
class IngestHub;
class MetricExplorer;
class RefreshClock;
class StoreStatusBar;
class TargetRegistry;
class TargetsView;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // settings may be null (screenshot mode): the layout is neither restored nor saved.
    MainWindow(const IngestHub &hub, RefreshClock &clock, TargetRegistry &targets, const EventFeed &events,
               QSettings *settings, QWidget *parent = nullptr);

    MetricExplorer *explorer() const { return m_explorer; }
    EventsView *eventsView() const { return m_events; }
    EnginePanel *enginePanel() const { return m_engine; }
    // Shows a page by its --dashboard name (explorer, events, engine); false if unknown.
    bool showDashboard(const QString &name);
    TargetsView *targetsView() const { return m_targetsView; }

    void restoreLayout();
    // Brings plots up to date right now (before QWidget::grab()).
    void prepareForGrab();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void addTarget();
    void about();

    TargetRegistry &m_targets;
    QSettings *m_settings;
    QTabWidget *m_tabs;
    MetricExplorer *m_explorer;
    EventsView *m_events;
    EnginePanel *m_engine;
    TargetsView *m_targetsView;
    QDockWidget *m_targetsDock;
    StoreStatusBar *m_stats;
};

} // namespace vigil

// MainWindow: wiring only. Central tabs in dashboardNames() order (Overview, Latency,
// Queues, Cluster, Events, Engine, Explorer; Ctrl+1..7), a stale-data badge for the
// current page in the tab bar's corner, a Targets dock, a status bar with store/hub
// statistics, File/View/Help menus (View ▸ Theme, View ▸ Wall mode F11), and the
// wall-mode controller. Layout, page, theme and wall-mode pages persist in QSettings
// (when settings are given).
//
// Threads: GUI thread only. Hub, clock, registry, event feed and whatever the cluster
// source reads must outlive the window.
#pragma once

#include "core/cluster/cluster_types.h"
#include "models/data_age.h"
#include "widgets/theme.h"

#include <QMainWindow>

#include <functional>
#include <vector>

class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QSettings;
class QTabWidget;

namespace vigil {

class ClusterPage;
class EnginePanel;
class EventFeed;
class EventsView;
class IngestHub;
class MetricExplorer;
class RefreshClock;
class StaleBadge;
class StoreStatusBar;
class TargetRegistry;
class TargetsView;
class TimeRange;
class WallMode;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    using ClusterSource = std::function<ClusterSnapshot()>;

    // settings may be null (screenshot mode): nothing is restored or saved.
    MainWindow(const IngestHub &hub, RefreshClock &clock, TargetRegistry &targets, const EventFeed &events,
               ClusterSource clusterSource, QSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    MetricExplorer *explorer() const { return m_explorer; }
    EventsView *eventsView() const { return m_events; }
    EnginePanel *enginePanel() const { return m_engine; }
    ClusterPage *clusterPage() const { return m_cluster; }
    TargetsView *targetsView() const { return m_targetsView; }
    WallMode *wallMode() const { return m_wall; }
    // The dashboards' shared time range and cursor.
    TimeRange *timeRange() const { return m_range; }

    // Shows a page by its --dashboard name; false if unknown.
    bool showDashboard(const QString &name);
    QString currentDashboard() const;
    // The newest data the current page shows (0: none yet) and whether its backend is down.
    DataAge currentAge() const;
    // Data updates of the current page so far (0 for pages that do not count them).
    std::uint64_t currentPageUpdates() const;

    Theme theme() const { return m_theme; }
    // Applies and (with settings) saves the theme.
    void setTheme(Theme theme);
    // Pages for wall mode by name (unknown names ignored; empty: all) and rotation; saved.
    void setWallDashboards(const QStringList &names);
    void setWallRotateSeconds(int seconds);
    void setWallMode(bool on);

    void restoreLayout();
    // The File menu and its Quit action (capture actions are inserted before it).
    QMenu *fileMenu() const { return m_fileMenu; }
    QAction *quitAction() const { return m_quitAction; }
    // A window showing a capture: no targets can be added; the title names the file.
    void setOffline(const QString &capturePath);
    // A dock along the whole bottom, below the Targets dock (the capture timeline).
    void addBottomDock(QDockWidget *dock, int height);

Q_SIGNALS:
    void themeChanged(vigil::Theme theme);

public:
    // Brings the current page up to date right now (before QWidget::grab()).
    void prepareForGrab();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct Page
    {
        QString name;
        QString title;
        QWidget *widget = nullptr;
        std::function<void()> refreshNow;
        std::function<DataAge()> age;
        std::function<std::uint64_t()> updates; // data updates so far (frame probe)
    };
    void addPage(Page page);
    void createPages(const IngestHub &hub, RefreshClock &clock, const EventFeed &events, ClusterSource clusterSource);
    void createMenus();
    void addTarget();
    void about();
    DataAge targetsAge(bool newestSample) const;
    void applyThemeNow();

    const IngestHub &m_hub;
    const EventFeed &m_feed;
    TargetRegistry &m_targets;
    QSettings *m_settings;
    TimeRange *m_range;
    QTabWidget *m_tabs;
    std::vector<Page> m_pages;
    MetricExplorer *m_explorer = nullptr;
    EventsView *m_events = nullptr;
    EnginePanel *m_engine = nullptr;
    ClusterPage *m_cluster = nullptr;
    TargetsView *m_targetsView;
    QDockWidget *m_targetsDock;
    StoreStatusBar *m_stats;
    QWidget *m_wallHeader;
    QLabel *m_wallTitle;
    StaleBadge *m_cornerBadge;
    StaleBadge *m_wallBadge;
    WallMode *m_wall;
    QActionGroup *m_themeActions = nullptr;
    QAction *m_wallAction = nullptr;
    QMenu *m_fileMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_addTargetAction = nullptr;
    Theme m_theme = Theme::Light;
    bool m_largeType = false;
    mutable CounterAge m_eventsAge; // events/engine pages: when "received" last moved
};

} // namespace vigil

// MainWindow: wiring only. Central MetricExplorer, a Targets dock, a status bar with
// store/hub statistics, File/View/Help menus, and dock/geometry layout saved to and
// restored from QSettings (when settings are given).
//
// Threads: GUI thread only. Hub, clock and registry must outlive the window.
#pragma once

#include <QMainWindow>

class QDockWidget;
class QSettings;

namespace vigil {

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
    MainWindow(const IngestHub &hub, RefreshClock &clock, TargetRegistry &targets, QSettings *settings,
               QWidget *parent = nullptr);

    MetricExplorer *explorer() const { return m_explorer; }
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
    MetricExplorer *m_explorer;
    TargetsView *m_targetsView;
    QDockWidget *m_targetsDock;
    StoreStatusBar *m_stats;
};

} // namespace vigil

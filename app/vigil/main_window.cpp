#include "app/vigil/main_window.h"

#include "app/vigil/add_target_dialog.h"
#include "app/vigil/target_registry.h"
#include "app/vigil/command_line.h"
#include "models/targets_model.h"
#include "widgets/engine_panel.h"
#include "widgets/events_view.h"
#include "widgets/metric_explorer.h"
#include "widgets/store_status_bar.h"
#include "widgets/targets_view.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

namespace vigil {

MainWindow::MainWindow(const IngestHub &hub, RefreshClock &clock, TargetRegistry &targets, const EventFeed &events,
                       QSettings *settings, QWidget *parent)
    : QMainWindow(parent), m_targets(targets), m_settings(settings), m_tabs(new QTabWidget(this)),
      m_explorer(new MetricExplorer(hub, clock, this)), m_events(new EventsView(events, clock, this)),
      m_engine(new EnginePanel(events, clock, this)), m_targetsView(new TargetsView(hub, clock, this)), m_targetsDock(new QDockWidget(tr("Targets"), this)),
      m_stats(new StoreStatusBar(hub, clock, this))
{
    setWindowTitle(tr("Vigil"));
    // Tab order follows dashboardNames().
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_explorer, tr("Explorer"));
    m_tabs->addTab(m_events, tr("Events"));
    m_tabs->addTab(m_engine, tr("Engine"));
    setCentralWidget(m_tabs);

    m_targetsDock->setObjectName(QStringLiteral("targetsDock"));
    m_targetsDock->setWidget(m_targetsView);
    m_targetsDock->setAllowedAreas(Qt::AllDockWidgetAreas);
    addDockWidget(Qt::BottomDockWidgetArea, m_targetsDock);
    resizeDocks({m_targetsDock}, {170}, Qt::Vertical);

    statusBar()->addPermanentWidget(m_stats);
    createMenus();

    m_targetsView->model()->setConfiguredTargets(m_targets.redactedUrls());
    connect(&m_targets, &TargetRegistry::targetsChanged, this,
            [this] { m_targetsView->model()->setConfiguredTargets(m_targets.redactedUrls()); });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *add = file->addAction(tr("&Add target…"), this, &MainWindow::addTarget);
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    add->setToolTip(tr("Scrape another /metrics URL. Credentials in the URL are never saved."));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *toggleTargets = m_targetsDock->toggleViewAction();
    toggleTargets->setText(tr("&Targets"));
    view->addAction(toggleTargets);
    view->addSeparator();
    const QString pages[] = {tr("E&xplorer"), tr("&Events"), tr("E&ngine")};
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction *page = view->addAction(pages[i], this, [this, i] { m_tabs->setCurrentIndex(i); });
        page->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Vigil"), this, &MainWindow::about);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::addTarget()
{
    AddTargetDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString error = m_targets.add(dialog.url(), dialog.intervalMs(), dialog.remember());
    if (!error.isEmpty()) {
        QMessageBox box(QMessageBox::Warning, tr("Add target"), error, QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText);
        box.exec();
        return;
    }
    const TargetConfigResult r = makeTargetConfig(dialog.url(), dialog.intervalMs());
    statusBar()->showMessage(r.hadCredentials ? tr("Added %1 (credentials kept for this session only)").arg(r.redactedUrl)
                                              : tr("Added %1").arg(r.redactedUrl),
                             8000);
}

void MainWindow::about()
{
    QMessageBox box(QMessageBox::NoIcon, tr("About Vigil"),
                    tr("Vigil %1\n\nA native monitoring console: scrapes Prometheus and OpenMetrics "
                       "endpoints and plots their series live.")
                        .arg(QApplication::applicationVersion()),
                    QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

void MainWindow::restoreLayout()
{
    if (!m_settings)
        return;
    restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());
}

bool MainWindow::showDashboard(const QString &name)
{
    const qsizetype i = dashboardNames().indexOf(name);
    if (i < 0 || i >= m_tabs->count())
        return false;
    m_tabs->setCurrentIndex(int(i));
    return true;
}

void MainWindow::prepareForGrab()
{
    m_explorer->replotNow();
    m_engine->refreshNow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_settings) {
        m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
        m_settings->setValue(QStringLiteral("window/state"), saveState());
    }
    QMainWindow::closeEvent(event);
}

} // namespace vigil

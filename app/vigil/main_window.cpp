#include "app/vigil/main_window.h"

#include "app/vigil/add_target_dialog.h"
#include "app/vigil/target_registry.h"
#include "models/targets_model.h"
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

namespace vigil {

MainWindow::MainWindow(const IngestHub &hub, RefreshClock &clock, TargetRegistry &targets, QSettings *settings,
                       QWidget *parent)
    : QMainWindow(parent), m_targets(targets), m_settings(settings), m_explorer(new MetricExplorer(hub, clock, this)),
      m_targetsView(new TargetsView(hub, clock, this)), m_targetsDock(new QDockWidget(tr("Targets"), this)),
      m_stats(new StoreStatusBar(hub, clock, this))
{
    setWindowTitle(tr("Vigil"));
    setCentralWidget(m_explorer);

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

void MainWindow::prepareForGrab() { m_explorer->replotNow(); }

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_settings) {
        m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
        m_settings->setValue(QStringLiteral("window/state"), saveState());
    }
    QMainWindow::closeEvent(event);
}

} // namespace vigil

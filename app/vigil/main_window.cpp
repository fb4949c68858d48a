#include "app/vigil/main_window.h"

#include "app/vigil/add_target_dialog.h"
#include "app/vigil/command_line.h"
#include "app/vigil/target_registry.h"
#include "app/vigil/wall_mode.h"
#include "core/hub/ingest_hub.h"
#include "models/event_feed.h"
#include "models/refresh_clock.h"
#include "models/targets_model.h"
#include "models/time_range.h"
#include "widgets/cluster_page.h"
#include "widgets/engine_panel.h"
#include "widgets/events_view.h"
#include "widgets/latency_page.h"
#include "widgets/metric_explorer.h"
#include "widgets/overview_page.h"
#include "widgets/queues_page.h"
#include "widgets/stale_badge.h"
#include "widgets/store_status_bar.h"
#include "widgets/targets_view.h"


#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace vigil {

namespace {

constexpr double kWallTypeScale = 1.5;

} // namespace

MainWindow::MainWindow(const IngestHub &hub, RefreshClock &clock, TargetRegistry &targets, const EventFeed &events,
                       ClusterSource clusterSource, QSettings *settings, QWidget *parent)
    : QMainWindow(parent), m_hub(hub), m_feed(events), m_targets(targets), m_settings(settings),
      m_range(new TimeRange(this)), m_tabs(new QTabWidget(this)), m_targetsView(new TargetsView(hub, clock, this)),
      m_targetsDock(new QDockWidget(tr("Targets"), this)), m_stats(new StoreStatusBar(hub, clock, this)),
      m_wallHeader(new QWidget(this)), m_wallTitle(new QLabel(m_wallHeader)),
      m_cornerBadge(new StaleBadge(clock, m_tabs)), m_wallBadge(new StaleBadge(clock, m_wallHeader)),
      m_wall(new WallMode(*this, *m_tabs, *m_wallHeader, this))
{
    setWindowTitle(tr("Vigil"));
    m_tabs->setDocumentMode(true);
    if (m_settings) {
        m_range->load(*m_settings);
        connect(m_range, &TimeRange::rangeChanged, this, [this] { m_range->save(*m_settings); });
    }
    createPages(hub, clock, events, std::move(clusterSource));

    // Every page carries a stale badge: in the tab bar's corner, and in wall mode in the
    // header that replaces the tab bar.
    m_cornerBadge->setProbe([this] { return currentAge(); });
    m_wallBadge->setProbe([this] { return currentAge(); });
    m_tabs->setCornerWidget(m_cornerBadge, Qt::TopRightCorner);
    m_wallTitle->setTextFormat(Qt::PlainText);
    QFont titleFont;
    titleFont.setBold(true);
    m_wallTitle->setFont(titleFont);
    auto *headerLayout = new QHBoxLayout(m_wallHeader);
    headerLayout->setContentsMargins(8, 4, 8, 4);
    headerLayout->addWidget(m_wallTitle, 1);
    headerLayout->addWidget(m_wallBadge);
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_wallHeader);
    centralLayout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int i) {
        if (i >= 0 && std::size_t(i) < m_pages.size())
            m_wallTitle->setText(m_pages[std::size_t(i)].title);
        m_cornerBadge->refreshNow();
        m_wallBadge->refreshNow();
    });
    m_wallTitle->setText(m_pages.front().title);

    m_targetsDock->setObjectName(QStringLiteral("targetsDock"));
    m_targetsDock->setWidget(m_targetsView);
    m_targetsDock->setAllowedAreas(Qt::AllDockWidgetAreas);
    addDockWidget(Qt::BottomDockWidgetArea, m_targetsDock);
    resizeDocks({m_targetsDock}, {170}, Qt::Vertical);

    statusBar()->addPermanentWidget(m_stats);
    m_wall->setLargeTypeHandler([this](bool large) {
        m_largeType = large;
        applyThemeNow();
        QFont title;
        title.setBold(true);
        if (large)
            title.setPointSizeF(QApplication::font().pointSizeF() * 1.4);
        m_wallTitle->setFont(title);
    });
    createMenus();

    m_targetsView->model()->setConfiguredTargets(m_targets.redactedUrls());
    connect(&m_targets, &TargetRegistry::targetsChanged, this,
            [this] { m_targetsView->model()->setConfiguredTargets(m_targets.redactedUrls()); });
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(Page page)
{
    m_tabs->addTab(page.widget, page.title);
    m_pages.push_back(std::move(page));
}

void MainWindow::createPages(const IngestHub &hub, RefreshClock &clock, const EventFeed &events,
                             ClusterSource clusterSource)
{
    // In dashboardNames() order.
    const auto hubAge = [this] { return targetsAge(true); };
    auto *overview = new OverviewPage(hub, clock, *m_range, this);
    addPage({QStringLiteral("overview"), tr("Overview"), overview, [overview] { overview->refreshNow(); },
             [this, overview] { return DataAge{overview->lastSampleMs(), targetsAge(false).dead}; },
             [overview] { return overview->updates(); }});
    auto *latency = new LatencyPage(hub, clock, *m_range, this);
    addPage({QStringLiteral("latency"), tr("Latency"), latency, [latency] { latency->refreshNow(); },
             [this, latency] { return DataAge{latency->lastSampleMs(), targetsAge(false).dead}; },
             [latency] { return latency->updates(); }});
    auto *queues = new QueuesPage(hub, clock, *m_range, this);
    addPage({QStringLiteral("queues"), tr("Queues"), queues, [queues] { queues->refreshNow(); },
             [this, queues] { return DataAge{queues->lastSampleMs(), targetsAge(false).dead}; },
             [queues] { return queues->updates(); }});
    m_cluster = new ClusterPage(std::move(clusterSource), clock, *m_range, this);
    m_cluster->setStaleBadgeShown(false); // the window's badge covers every page
    addPage({QStringLiteral("cluster"), tr("Cluster"), m_cluster, [this] { m_cluster->refreshNow(); },
             [this] { return m_cluster->dataAge(); }, [this] { return m_cluster->updates(); }});
    const auto eventsAge = [this] {
        const EngineSnapshot s = m_feed.snapshot();
        const bool dead = !s.sources.empty()
                          && std::all_of(s.sources.begin(), s.sources.end(), [](const SourceStats &x) { return x.ended; });
        return m_eventsAge.update(s.received, dead, QDateTime::currentMSecsSinceEpoch());
    };
    m_events = new EventsView(events, clock, this);
    addPage({QStringLiteral("events"), tr("Events"), m_events, {}, eventsAge});
    m_engine = new EnginePanel(events, clock, this);
    addPage({QStringLiteral("engine"), tr("Engine"), m_engine, [this] { m_engine->refreshNow(); }, eventsAge});
    m_explorer = new MetricExplorer(hub, clock, this);
    addPage({QStringLiteral("explorer"), tr("Explorer"), m_explorer, [this] { m_explorer->replotNow(); }, hubAge});
    Q_ASSERT(int(m_pages.size()) == dashboardNames().size());
}

DataAge MainWindow::targetsAge(bool newestSample) const
{
    const std::vector<TargetStatus> targets = m_hub.targets();
    DataAge age;
    bool anyUp = false;
    for (const TargetStatus &t : targets) {
        if (newestSample)
            age.lastSampleMs = std::max(age.lastSampleMs, t.lastSuccessMs);
        anyUp = anyUp || t.last.up;
    }
    age.dead = !targets.empty() && !anyUp;
    return age;
}

std::uint64_t MainWindow::currentPageUpdates() const
{
    const int i = m_tabs->currentIndex();
    if (i < 0 || std::size_t(i) >= m_pages.size() || !m_pages[std::size_t(i)].updates)
        return 0;
    return m_pages[std::size_t(i)].updates();
}

DataAge MainWindow::currentAge() const
{
    const int i = m_tabs->currentIndex();
    if (i < 0 || std::size_t(i) >= m_pages.size() || !m_pages[std::size_t(i)].age)
        return {};
    return m_pages[std::size_t(i)].age();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_fileMenu = file;
    QAction *add = file->addAction(tr("&Add target…"), this, &MainWindow::addTarget);
    m_addTargetAction = add;
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    add->setToolTip(tr("Scrape another /metrics URL. Credentials in the URL are never saved."));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    m_quitAction = quit;

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *toggleTargets = m_targetsDock->toggleViewAction();
    toggleTargets->setText(tr("&Targets"));
    view->addAction(toggleTargets);
    view->addSeparator();
    const QString menuTitles[] = {tr("&Overview"), tr("&Latency"), tr("&Queues"), tr("&Cluster"),
                                  tr("&Events"),   tr("E&ngine"),  tr("E&xplorer")};
    for (int i = 0; i < m_tabs->count() && i < int(std::size(menuTitles)); ++i) {
        QAction *page = view->addAction(menuTitles[i], this, [this, i] { m_tabs->setCurrentIndex(i); });
        page->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        addAction(page); // shortcuts keep working in wall mode (menu bar hidden)
    }
    view->addSeparator();
    QMenu *themes = view->addMenu(tr("T&heme"));
    m_themeActions = new QActionGroup(this);
    for (Theme t : {Theme::Light, Theme::Dark, Theme::Contrast}) {
        QAction *a = themes->addAction(themeTitle(t), this, [this, t] { setTheme(t); });
        a->setCheckable(true);
        a->setChecked(t == m_theme);
        a->setData(int(t));
        m_themeActions->addAction(a);
    }
    m_wallAction = view->addAction(tr("&Wall mode"), this, [this](bool on) { setWallMode(on); });
    m_wallAction->setCheckable(true);
    m_wallAction->setShortcut(QKeySequence(Qt::Key_F11));
    m_wallAction->setToolTip(tr("Full screen, large type, rotating dashboards; F11 or Escape leaves"));
    addAction(m_wallAction);
    connect(m_wall, &WallMode::enabledChanged, m_wallAction, &QAction::setChecked);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Vigil"), this, &MainWindow::about);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::setTheme(Theme theme)
{
    m_theme = theme;
    applyThemeNow();
    if (m_themeActions)
        for (QAction *a : m_themeActions->actions())
            a->setChecked(a->data().toInt() == int(theme));
    if (m_settings)
        m_settings->setValue(QStringLiteral("view/theme"), themeName(theme));
}

void MainWindow::applyThemeNow()
{
    applyTheme(*qApp, m_theme, m_largeType ? kWallTypeScale : 1.0);
    Q_EMIT themeChanged(m_theme);
}

void MainWindow::addBottomDock(QDockWidget *dock, int height)
{
    addDockWidget(Qt::BottomDockWidgetArea, dock, Qt::Vertical);
    resizeDocks({m_targetsDock, dock}, {std::max(80, height * 2 / 3), height}, Qt::Vertical);
}

void MainWindow::setOffline(const QString &capturePath)
{
    m_addTargetAction->setEnabled(false);
    m_addTargetAction->setToolTip(tr("This window shows a capture; add targets in a live window."));
    setWindowTitle(tr("%1 — Vigil capture (read-only)").arg(QFileInfo(capturePath).fileName()));
}

void MainWindow::setWallDashboards(const QStringList &names)
{
    QList<int> indices;
    for (const QString &n : names) {
        const qsizetype i = dashboardNames().indexOf(n);
        if (i >= 0)
            indices << int(i);
    }
    m_wall->setPages(indices);
    if (m_settings)
        m_settings->setValue(QStringLiteral("wall/dashboards"), names.join(QLatin1Char(',')));
}

void MainWindow::setWallRotateSeconds(int seconds)
{
    m_wall->setRotateSeconds(seconds);
    if (m_settings)
        m_settings->setValue(QStringLiteral("wall/rotateSeconds"), seconds);
}

void MainWindow::setWallMode(bool on)
{
    m_wall->setEnabled(on);
}

void MainWindow::addTarget()
{
    AddTargetDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString error = m_targets.add(dialog.url(), dialog.intervalMs(), dialog.remember(),
                                        dialog.clusterMember());
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

QString MainWindow::currentDashboard() const
{
    const int i = m_tabs->currentIndex();
    return i >= 0 && std::size_t(i) < m_pages.size() ? m_pages[std::size_t(i)].name : QString();
}

void MainWindow::prepareForGrab()
{
    const int i = m_tabs->currentIndex();
    if (i >= 0 && std::size_t(i) < m_pages.size() && m_pages[std::size_t(i)].refreshNow)
        m_pages[std::size_t(i)].refreshNow();
    m_cornerBadge->refreshNow();
    m_wallBadge->refreshNow();
    // New badge texts change size hints; lay out now so the grab does not clip them.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_settings) {
        // Wall mode is a way of showing the window, not its layout: save the desk layout.
        m_wall->setEnabled(false);
        m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
        m_settings->setValue(QStringLiteral("window/state"), saveState());
        m_settings->setValue(QStringLiteral("view/page"), currentDashboard());
    }
    QMainWindow::closeEvent(event);
}

} // namespace vigil

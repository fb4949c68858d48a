// vigil: the GUI. Owns the hub, the refresh clock, the scraper, the event ingest (one
// event engine and its stream sources), the cluster monitor and (with --demo) the
// simulated cluster, and wires them into the MainWindow. Everything else lives in models/, widgets/ and core/.
#include "app/vigil/capture_actions.h"
#include "app/vigil/command_line.h"
#include "app/vigil/demo_cluster.h"
#include "app/vigil/event_ingest.h"
#include "app/vigil/live_recorder.h"
#include "app/vigil/main_window.h"
#include "app/vigil/offline_panel.h"
#include "app/vigil/offline_session.h"
#include "app/vigil/screenshot.h"
#include "app/vigil/target_registry.h"
#include "app/vigil/wall_mode.h"
#include "core/cluster/cluster_monitor.h"
#include "core/common/allocator.h"
#include "core/hub/ingest_hub.h"
#include "core/scrape/scraper.h"
#include "models/frame_probe.h"
#include "models/refresh_clock.h"
#include "models/time_range.h"
#include "widgets/metric_explorer.h"
#include "widgets/series_plot.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QDockWidget>
#include <QMessageBox>
#include <QProgressDialog>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QTranslator>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>

namespace {

void setIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("vigil"));
    QCoreApplication::setOrganizationName(QStringLiteral("Vigil"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));
}

// --help and --version must work without a display.
bool wantsTextOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "-h" || a == "--help" || a == "--help-all" || a == "-v" || a == "--version")
            return true;
    }
    return false;
}

// The Cluster page's data: a ClusterMonitor (own worker thread) over the hub's store,
// over the registry's cluster members (--target, saved members, File ▸ Add target with
// "A node of the Raft cluster", the demo's nodes); restarted when they change. Until
// there is one the page shows "no data".
class ClusterFeed
{
public:
    ClusterFeed(const vigil::IngestHub &hub, QString profile) : m_hub(hub), m_profile(std::move(profile)) {}

    // Empty on success, else why the profile cannot be used.
    QString check() const
    {
        const auto profile = vigil::loadClusterProfile(m_profile);
        return profile ? QString() : QString::fromStdString(profile.error().message);
    }
    // (Re)starts the monitor over these members; nothing when they did not change.
    void setMembers(QStringList urls)
    {
        urls.removeDuplicates();
        if (urls.isEmpty() || urls == m_urls)
            return;
        m_urls = urls;
        auto profile = vigil::loadClusterProfile(m_profile);
        if (!profile)
            return;
        std::vector<std::string> targets;
        for (const QString &u : std::as_const(m_urls))
            targets.push_back(u.toStdString());
        m_monitor.reset(); // joins the previous worker
        m_monitor = std::make_unique<vigil::ClusterMonitor>(*profile, m_hub.store(), std::move(targets));
        m_monitor->start();
    }
    vigil::ClusterSnapshot snapshot() const { return m_monitor ? m_monitor->snapshot() : vigil::ClusterSnapshot{}; }
    void stop()
    {
        if (m_monitor)
            m_monitor->stop();
    }

private:
    const vigil::IngestHub &m_hub;
    QString m_profile;
    QStringList m_urls;
    std::unique_ptr<vigil::ClusterMonitor> m_monitor;
};

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart; // offline: time to the first screen (docs/PERFORMANCE.md)
    sinceStart.start();
    spdlog::set_default_logger(spdlog::stderr_color_mt("vigil")); // diagnostics on stderr, like Qt's
    vigil::tuneAllocatorForStreaming();
    if (wantsTextOnly(argc, argv)) {
        QCoreApplication core(argc, argv);
        setIdentity();
        return vigil::parseCommandLine(core).exitCode;
    }
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Vigil"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/vigil.png")));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    if (appTranslator.load(QLocale(), QStringLiteral("vigil"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);

    const vigil::ParsedOptions parsed = vigil::parseCommandLine(app);
    if (!parsed.options)
        return parsed.exitCode;
    const vigil::VigilOptions &options = *parsed.options;
    const bool screenshotMode = !options.screenshot.isEmpty();

    // Screenshots must be reproducible and must not touch the user's settings.
    std::unique_ptr<QSettings> settings;
    if (!screenshotMode)
        settings = std::make_unique<QSettings>();

    const bool offline = !options.capture.isEmpty();
    if (offline && !QFileInfo(options.capture).isFile()) {
        std::fprintf(stderr, "vigil: %s: no such capture file\n", qPrintable(options.capture));
        return 2;
    }
    // Offline the store is a window onto a capture that may be far larger than memory:
    // a smaller budget keeps a replayed 10 GB capture within 512 MB for the whole process
    // (the oldest chunks go first; the pages show at most 6 h anyway).
    vigil::IngestHub::Options hubOptions;
    if (offline)
        hubOptions.store.memoryBudgetBytes = 256ull << 20;
    vigil::IngestHub hub(hubOptions);
    hub.start();
    vigil::RefreshClock clock;
    vigil::Scraper scraper([&hub](vigil::SampleBatch &&batch) { hub.submit(std::move(batch)); });
    // Offline windows start no live source: no saved targets, nothing scraped.
    vigil::TargetRegistry registry(scraper, offline ? nullptr : settings.get());
    if (!offline)
        registry.loadSaved();
    for (const QString &url : options.targets) {
        const QString error = registry.add(url, options.intervalMs, false, true);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "vigil: --target %s: %s\n", qPrintable(url), qPrintable(error));
            return 2;
        }
    }

    // Sources hold the engine as their sink; the ingest outlives the window that reads it.
    // Offline the engine publishes nothing into the hub (the capture has those series).
    vigil::EventIngest events(offline ? nullptr : &hub);
    for (const QString &url : options.listen) {
        const QString error = events.addSource(url);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "vigil: --listen %s: %s\n", qPrintable(url), qPrintable(error));
            return 2;
        }
    }

    ClusterFeed cluster(hub, options.profile);
    if (const QString error = cluster.check(); !error.isEmpty()) {
        std::fprintf(stderr, "vigil: --profile %s: %s\n", qPrintable(options.profile), qPrintable(error));
        return 2;
    }
    if (!offline) {
        cluster.setMembers(registry.clusterMembers());
        QObject::connect(&registry, &vigil::TargetRegistry::targetsChanged, &registry,
                         [&cluster, &registry] { cluster.setMembers(registry.clusterMembers()); });
    }
    vigil::ReplayedCluster replayedCluster;
    vigil::MainWindow::ClusterSource clusterSource = [&cluster] { return cluster.snapshot(); };
    if (offline)
        clusterSource = [&replayedCluster] { return replayedCluster.snapshot(); };

    vigil::MainWindow window(hub, clock, registry, events, clusterSource, settings.get());
    vigil::CaptureActions captureActions(window, *window.fileMenu(), window.quitAction(), settings.get());
    vigil::LiveRecorder recorder(hub, events, [&cluster] { return cluster.snapshot(); }, settings.get());
    vigil::OfflineSession session(hub, events, replayedCluster);
    vigil::OfflinePanel *offlinePanel = nullptr;
    if (offline) {
        offlinePanel = new vigil::OfflinePanel(session, clock, *window.timeRange());
        auto *dock = new QDockWidget(QApplication::translate("vigil", "Capture"), &window);
        dock->setObjectName(QStringLiteral("captureDock"));
        dock->setWidget(offlinePanel);
        dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
        // Full width along the bottom, below the Targets dock: the timeline wants the width.
        window.addBottomDock(dock, offlinePanel->sizeHint().height());
        window.setOffline(options.capture);
        captureActions.setOfflinePanel(offlinePanel);
        QObject::connect(&window, &vigil::MainWindow::themeChanged, offlinePanel, &vigil::OfflinePanel::setTheme);
        // "Now" is the replay position: live ranges follow it, stale badges measure against it.
        clock.setTimeSource([&session] { return session.replay() ? session.replay()->positionMs() : 0; });
    } else {
        captureActions.setRecorder(&recorder, clock);
    }
    // Command-line choices win and are saved; otherwise the saved ones apply.
    QString themeName = options.theme;
    if (themeName.isEmpty() && settings)
        themeName = settings->value(QStringLiteral("view/theme")).toString();
    window.setTheme(vigil::themeFromName(themeName).value_or(vigil::Theme::Light));
    QStringList wallPages = options.dashboards;
    if (wallPages.isEmpty() && settings)
        wallPages = settings->value(QStringLiteral("wall/dashboards")).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    window.setWallDashboards(wallPages);
    int rotate = options.rotateSeconds.value_or(settings ? settings->value(QStringLiteral("wall/rotateSeconds"), 30).toInt() : 30);
    window.setWallRotateSeconds(rotate);
    if (options.windowSeconds)
        window.timeRange()->setWindowMs(std::int64_t(*options.windowSeconds) * 1000);
    QString page = options.dashboard;
    if (page.isEmpty() && settings)
        page = settings->value(QStringLiteral("view/page")).toString();
    if (!window.showDashboard(page))
        window.showDashboard(QStringLiteral("overview"));
    vigil::DemoCluster demo;
    if (options.demo) {
        window.setWindowTitle(QApplication::translate("vigil", "Vigil — demo cluster"));
        QObject::connect(&demo, &vigil::DemoCluster::ready, &window,
                         [&registry, &events, &window](const QList<QUrl> &urls, const QUrl &eventUrl) {
            for (const QUrl &url : urls)
                registry.add(url.toString(), 1000, false, true); // joins the cluster through targetsChanged
            const QString error = events.addSource(eventUrl.toString());
            if (!error.isEmpty()) {
                std::fprintf(stderr, "vigil: demo event stream %s: %s\n", qPrintable(eventUrl.toString()),
                             qPrintable(error));
                window.statusBar()->showMessage(
                    QApplication::translate("vigil", "Demo event stream failed: %1").arg(error));
            }
        });
        QObject::connect(&demo, &vigil::DemoCluster::failed, &window, [&window](const QString &error) {
            std::fprintf(stderr, "vigil: demo cluster failed to start: %s\n", qPrintable(error));
            window.statusBar()->showMessage(QApplication::translate("vigil", "Demo cluster failed: %1").arg(error));
        });
        demo.start();
        window.explorer()->setWindowSeconds(60);
        window.explorer()->preselect({QStringLiteral("eventstream_events_processed_total"),
                                      QStringLiteral("eventstream_queue_depth{queue=\"realtime\"}")});
    }
    scraper.start();
    if (!options.record.isEmpty())
        captureActions.startRecording(options.record);
    if (!options.record.isEmpty() && !recorder.isRecording()) {
        std::fprintf(stderr, "vigil: --record %s: cannot record there\n", qPrintable(options.record));
        return 2;
    }
    std::unique_ptr<QProgressDialog> opening;
    if (offline) {
        captureActions.addRecent(options.capture);
        opening = std::make_unique<QProgressDialog>(
            QApplication::translate("vigil", "Opening %1…").arg(options.capture),
            QApplication::translate("vigil", "Cancel"), 0, 100, &window);
        opening->setWindowModality(Qt::WindowModal);
        opening->setMinimumDuration(400); // small captures open without a flash
        auto *poll = new QTimer(opening.get());
        QObject::connect(poll, &QTimer::timeout, opening.get(),
                         [&session, &opening] { opening->setValue(std::min(99, session.openPercent())); });
        poll->start(50);
        QObject::connect(opening.get(), &QProgressDialog::canceled, &session, &vigil::OfflineSession::cancelOpen);
        QObject::connect(&session, &vigil::OfflineSession::opened, &window,
                         [&opening, offlinePanel, &options, &session, &window] {
            opening->reset();
            opening->hide();
            offlinePanel->start();
            if (session.sidecarSkipped() > 0)
                window.statusBar()->showMessage(
                    QApplication::translate("vigil", "Notes file %1: %n line(s) that are not notes were skipped",
                                            nullptr, session.sidecarSkipped())
                        .arg(session.sidecarPath()));
            if (options.loop)
                offlinePanel->setLoop(true);
            if (options.playSpeed)
                offlinePanel->play(*options.playSpeed);
        });
        QObject::connect(&session, &vigil::OfflineSession::failed, &window,
                         [&opening, &window, &options, screenshotMode](const QString &error) {
            opening->reset();
            opening->hide();
            const QString text = QApplication::translate("vigil", "Cannot open the capture: %1").arg(error);
            std::fprintf(stderr, "vigil: %s\n", qPrintable(text));
            window.statusBar()->showMessage(text);
            if (!screenshotMode)
                QMessageBox::critical(&window, QApplication::translate("vigil", "Cannot open capture"), text);
        });
        session.open(options.capture, options.salvage);
    }
    // Offline: when the capture was open and when the window first showed its data.
    qint64 captureOpenedMs = -1, firstScreenMs = -1;
    if (offline) {
        QObject::connect(&session, &vigil::OfflineSession::opened, &window,
                         [&] { captureOpenedMs = sinceStart.elapsed(); });
        QObject::connect(&clock, &vigil::RefreshClock::tick, &window, [&] {
            // The first tick (pages refresh on it) after the capture's first data reached
            // the hub or the engine: from here on the window shows the capture.
            if (firstScreenMs >= 0 || captureOpenedMs < 0
                || (hub.stats().samplesApplied == 0 && events.snapshot().received == 0))
                return;
            firstScreenMs = sinceStart.elapsed();
            spdlog::info("capture {} opened after {} ms, first data on screen after {} ms",
                         options.capture.toStdString(), captureOpenedMs, firstScreenMs);
        });
    }

    if (screenshotMode) {
        window.resize(options.size);
        window.wallMode()->setUseFullScreen(false); // keep --size
        window.setWallMode(options.kiosk);
        window.show();
        vigil::scheduleScreenshot(window, clock, options.screenshot, options.afterMs);
    } else {
        window.resize(1400, 900);
        window.restoreLayout();
        window.show();
        window.setWallMode(options.kiosk);
    }
    clock.followWindow(window.windowHandle());
    vigil::FrameProbe probe;
    if (!options.frameProbe.isEmpty()) {
        clock.setFrameProbe(&probe);
        probe.start();
    }
    if (options.quitAfterMs > 0)
        QTimer::singleShot(options.quitAfterMs, &app, &QCoreApplication::quit);
    clock.start();

    QElapsedTimer runTime;
    runTime.start();
    int rc = QApplication::exec();
    if (!options.frameProbe.isEmpty()) {
        probe.finish();
        probe.note(QStringLiteral("page_updates_per_second"),
                   double(window.currentPageUpdates()) / std::max(0.001, probe.summary().seconds));
        const vigil::EngineSnapshot engine = events.snapshot();
        probe.note(QStringLiteral("seconds"), double(runTime.elapsed()) / 1000.0);
        probe.note(QStringLiteral("events_processed"), double(engine.processed));
        probe.note(QStringLiteral("events_received"), double(engine.received));
        if (offline) {
            probe.note(QStringLiteral("capture_opened_ms"), double(captureOpenedMs));
            probe.note(QStringLiteral("capture_first_screen_ms"), double(firstScreenMs));
        }
    }
    if (!options.frameProbe.isEmpty() && !probe.writeSummary(options.frameProbe)) {
        std::fprintf(stderr, "vigil: cannot write --frame-probe %s\n", qPrintable(options.frameProbe));
        rc = rc ? rc : 1;
    }
    recorder.stop();
    cluster.stop();
    scraper.stop();
    events.stop(); // sources first, then the engine
    hub.stop();
    return rc;
}

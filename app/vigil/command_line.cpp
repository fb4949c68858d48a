#include "app/vigil/command_line.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

#include <cstdio>

namespace vigil {

namespace {

void printError(const QString &message)
{
    std::fprintf(stderr, "vigil: %s\nRun 'vigil --help' for the options.\n", qPrintable(message));
}

} // namespace

QStringList dashboardNames()
{
    return {QStringLiteral("overview"), QStringLiteral("latency"), QStringLiteral("queues"), QStringLiteral("cluster"),
            QStringLiteral("events"),   QStringLiteral("engine"),  QStringLiteral("explorer")};
}

std::optional<int> parseDurationSeconds(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{1,6})\\s*(s|m|h)?$"));
    const QRegularExpressionMatch m = re.match(text.trimmed().toLower());
    if (!m.hasMatch())
        return std::nullopt;
    const long long n = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    const long long seconds = unit == QLatin1String("h") ? n * 3600 : unit == QLatin1String("m") ? n * 60 : n;
    if (seconds > 24 * 3600)
        return std::nullopt;
    return int(seconds);
}

ParsedOptions parseCommandLine(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "vigil", "Vigil: a native monitoring console. Scrapes Prometheus/OpenMetrics endpoints "
                 "and shows their series live."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
        QCoreApplication::translate("vigil", "Start a simulated 3-node EventStreamCore cluster in-process on "
                                             "loopback (free ports) and scrape each node every second, so "
                                             "live data shows up within seconds."));
    const QCommandLineOption target(QStringLiteral("target"),
        QCoreApplication::translate("vigil", "Scrape this /metrics URL (repeatable). Credentials in the URL "
                                             "(user:password@host) are used for this run only and never saved."),
        QStringLiteral("URL"));
    const QCommandLineOption interval(QStringLiteral("interval"),
        QCoreApplication::translate("vigil", "Scrape interval in seconds for --target URLs (default 5, "
                                             "0.1 to 3600)."),
        QStringLiteral("S"), QStringLiteral("5"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QCoreApplication::translate("vigil", "Render the main window to this PNG file after --after "
                                             "milliseconds and exit (0 on success, 1 if the file cannot be "
                                             "written). Works with QT_QPA_PLATFORM=offscreen; settings are "
                                             "neither read nor written."),
        QStringLiteral("FILE.png"));
    const QCommandLineOption after(QStringLiteral("after"),
        QCoreApplication::translate("vigil", "Delay before --screenshot is taken, in milliseconds (default 3000)."),
        QStringLiteral("MS"), QStringLiteral("3000"));
    const QCommandLineOption size(QStringLiteral("size"),
        QCoreApplication::translate("vigil", "Window size for --screenshot, as WIDTHxHEIGHT (default 1600x1000)."),
        QStringLiteral("WxH"), QStringLiteral("1600x1000"));
    const QCommandLineOption listen(QStringLiteral("listen"),
        QCoreApplication::translate("vigil", "Ingest NDJSON events from this source (repeatable): "
                                             "tcp-listen://:7000, tcp://host:port, udp://:port, file:PATH "
                                             "(follow), PATH (read once) or - (stdin). All sources feed one "
                                             "in-process event engine."),
        QStringLiteral("URL"));
    const QCommandLineOption dashboard(QStringLiteral("dashboard"),
        QCoreApplication::translate("vigil", "Open on this page: overview (default), latency, queues, cluster, "
                                             "events, engine or explorer (the tab order; Ctrl+1..7 switch)."),
        QStringLiteral("NAME"));
    const QCommandLineOption kiosk(QStringLiteral("kiosk"),
        QCoreApplication::translate("vigil", "Wall mode for a control-room screen: full screen, no menus, docks "
                                             "or status bar, large type, a stale-data badge on every page, "
                                             "rotating through --dashboards every --rotate. F11 or Escape "
                                             "leaves it."));
    const QCommandLineOption rotate(QStringLiteral("rotate"),
        QCoreApplication::translate("vigil", "In wall mode, show the next dashboard after this long: 30s, 2m, "
                                             "1h or plain seconds (5 s to 24 h; 0 stops rotating; default 30s; "
                                             "saved)."),
        QStringLiteral("DURATION"));
    const QCommandLineOption window(QStringLiteral("window"),
        QCoreApplication::translate("vigil", "Time range the dashboards show, live: 5m, 15m, 1h, 6h or any "
                                             "duration from 10 s to 24 h (default 15m; saved; also the picker "
                                             "on every dashboard)."),
        QStringLiteral("DURATION"));
    const QCommandLineOption dashboards(QStringLiteral("dashboards"),
        QCoreApplication::translate("vigil", "Comma-separated pages shown and rotated in wall mode, e.g. "
                                             "overview,cluster (default: all; saved)."),
        QStringLiteral("LIST"));
    const QCommandLineOption theme(QStringLiteral("theme"),
        QCoreApplication::translate("vigil", "Colour theme: light, dark or contrast (high contrast, larger type, "
                                             "readable across a room). Saved; also under View > Theme."),
        QStringLiteral("NAME"));
    const QCommandLineOption profile(QStringLiteral("profile"),
        QCoreApplication::translate("vigil", "Cluster profile for the Cluster page: eventstream (default) or etcd, "
                                             "or a profile JSON file. The --target URLs (or the --demo nodes) are "
                                             "the cluster's members."),
        QStringLiteral("NAME"), QStringLiteral("eventstream"));
    const QCommandLineOption frameProbe(QStringLiteral("frame-probe"),
        QCoreApplication::translate("vigil", "Measure the GUI thread: time spent in every refresh tick and the "
                                             "lateness of a 16 ms heartbeat; write a JSON summary (p50/p99/max "
                                             "in ms) to FILE at exit."),
        QStringLiteral("FILE"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after"),
        QCoreApplication::translate("vigil", "Quit by itself after S seconds (for measurements and soak runs)."),
        QStringLiteral("S"));
    const QCommandLineOption record(QStringLiteral("record"),
        QCoreApplication::translate("vigil", "Record everything this window receives (samples, events, cluster "
                                             "states, notes) into this new .vcap capture from the start; stop "
                                             "with File > Stop recording. The file must not exist yet."),
        QStringLiteral("FILE.vcap"));
    const QCommandLineOption salvage(QStringLiteral("salvage"),
        QCoreApplication::translate("vigil", "With a CAPTURE: skip damaged frames and go on after them "
                                             "(each reported) instead of stopping at the first one."));
    const QCommandLineOption play(QStringLiteral("play"),
        QCoreApplication::translate("vigil", "With a CAPTURE: start replaying at once at this speed: 1, 10, 100 "
                                             "or max (as fast as possible). Default: paused at the first window."),
        QStringLiteral("SPEED"));
    const QCommandLineOption loop(QStringLiteral("loop"),
        QCoreApplication::translate("vigil", "With a CAPTURE: start over at the end (e.g. an incident replayed on "
                                             "a wall display)."));
    parser.addOptions({demo, target, interval, listen, dashboard, kiosk, rotate, window, dashboards, theme, profile,
                       record, salvage, play, loop, screenshot, after, size, frameProbe, quitAfter});
    parser.addPositionalArgument(QStringLiteral("CAPTURE"),
        QCoreApplication::translate("vigil", "A .vcap capture to open offline, read-only: the same dashboards, "
                                             "replayed with a timeline (no live sources are started)."),
        QStringLiteral("[CAPTURE.vcap]"));

    if (!parser.parse(app.arguments())) {
        printError(parser.errorText());
        return {std::nullopt, 2};
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return {std::nullopt, 0};
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("vigil %s\n", qPrintable(QCoreApplication::applicationVersion()));
        return {std::nullopt, 0};
    }
    if (parser.positionalArguments().size() > 1) {
        printError(QStringLiteral("unexpected argument '%1' (one capture at a time)").arg(parser.positionalArguments().at(1)));
        return {std::nullopt, 2};
    }

    VigilOptions o;
    if (!parser.positionalArguments().isEmpty()) {
        o.capture = parser.positionalArguments().constFirst();
        if (parser.isSet(demo) || parser.isSet(target) || parser.isSet(listen) || parser.isSet(record)) {
            printError(QStringLiteral("a CAPTURE opens offline: --demo, --target, --listen and --record do not apply"));
            return {std::nullopt, 2};
        }
    }
    o.salvage = parser.isSet(salvage);
    o.loop = parser.isSet(loop);
    if (parser.isSet(play)) {
        const QString v = parser.value(play).trimmed().toLower();
        bool okSpeed = false;
        const double speed = v == QLatin1String("max") ? 0.0 : v.toDouble(&okSpeed);
        if (v != QLatin1String("max") && (!okSpeed || speed < 0.01 || speed > 100000)) {
            printError(QStringLiteral("--play must be a speed such as 1, 10, 100 or max"));
            return {std::nullopt, 2};
        }
        o.playSpeed = speed;
    }
    if ((o.salvage || o.loop || o.playSpeed) && o.capture.isEmpty()) {
        printError(QStringLiteral("--salvage, --play and --loop need a CAPTURE to open"));
        return {std::nullopt, 2};
    }
    o.record = parser.value(record);
    if (parser.isSet(record) && o.record.trimmed().isEmpty()) {
        printError(QStringLiteral("--record needs a file name"));
        return {std::nullopt, 2};
    }
    o.demo = parser.isSet(demo);
    o.targets = parser.values(target);
    bool ok = false;
    const double seconds = parser.value(interval).toDouble(&ok);
    if (!ok || seconds < 0.1 || seconds > 3600) {
        printError(QStringLiteral("--interval must be a number of seconds between 0.1 and 3600"));
        return {std::nullopt, 2};
    }
    o.intervalMs = int(seconds * 1000);
    o.screenshot = parser.value(screenshot);
    o.afterMs = parser.value(after).toInt(&ok);
    if (!ok || o.afterMs < 0) {
        printError(QStringLiteral("--after must be a non-negative number of milliseconds"));
        return {std::nullopt, 2};
    }
    static const QRegularExpression sizeRe(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$"));
    const QRegularExpressionMatch m = sizeRe.match(parser.value(size));
    if (!m.hasMatch() || m.captured(1).toInt() < 200 || m.captured(2).toInt() < 150
        || m.captured(1).toInt() > 8000 || m.captured(2).toInt() > 8000) {
        printError(QStringLiteral("--size must look like 1600x1000 (200x150 to 8000x8000)"));
        return {std::nullopt, 2};
    }
    o.size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
    o.frameProbe = parser.value(frameProbe);
    if (parser.isSet(quitAfter)) {
        o.quitAfterMs = int(parser.value(quitAfter).toDouble(&ok) * 1000);
        if (!ok || o.quitAfterMs <= 0) {
            printError(QStringLiteral("--quit-after must be a positive number of seconds"));
            return {std::nullopt, 2};
        }
    }
    o.listen = parser.values(listen);
    for (const QString &url : std::as_const(o.listen)) {
        if (url.trimmed().isEmpty()) {
            printError(QStringLiteral("--listen needs a source URL"));
            return {std::nullopt, 2};
        }
    }
    const QString pageList = dashboardNames().join(QStringLiteral(", "));
    if (parser.isSet(dashboard)) {
        o.dashboard = parser.value(dashboard).trimmed().toLower();
        if (!dashboardNames().contains(o.dashboard)) {
            printError(QStringLiteral("--dashboard must be one of: %1").arg(pageList));
            return {std::nullopt, 2};
        }
    }
    o.kiosk = parser.isSet(kiosk);
    if (parser.isSet(rotate)) {
        const std::optional<int> seconds = parseDurationSeconds(parser.value(rotate));
        if (!seconds || (*seconds != 0 && *seconds < 5)) {
            printError(QStringLiteral("--rotate must be a duration such as 30s, 2m or 45 (5 s to 24 h, or 0)"));
            return {std::nullopt, 2};
        }
        o.rotateSeconds = *seconds;
    }
    if (parser.isSet(window)) {
        const std::optional<int> seconds = parseDurationSeconds(parser.value(window));
        if (!seconds || *seconds < 10) {
            printError(QStringLiteral("--window must be a duration such as 5m, 1h or 600 (10 s to 24 h)"));
            return {std::nullopt, 2};
        }
        o.windowSeconds = *seconds;
    }
    if (parser.isSet(dashboards)) {
        for (const QString &name : parser.value(dashboards).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString n = name.trimmed().toLower();
            if (!dashboardNames().contains(n)) {
                printError(QStringLiteral("--dashboards: unknown page '%1' (pages: %2)").arg(n, pageList));
                return {std::nullopt, 2};
            }
            if (!o.dashboards.contains(n))
                o.dashboards << n;
        }
        if (o.dashboards.isEmpty()) {
            printError(QStringLiteral("--dashboards needs at least one page (%1)").arg(pageList));
            return {std::nullopt, 2};
        }
    }
    if (parser.isSet(theme)) {
        o.theme = parser.value(theme).trimmed().toLower();
        if (o.theme != QLatin1String("light") && o.theme != QLatin1String("dark")
            && o.theme != QLatin1String("contrast")) {
            printError(QStringLiteral("--theme must be light, dark or contrast"));
            return {std::nullopt, 2};
        }
    }
    o.profile = parser.value(profile).trimmed();
    if (o.profile.isEmpty()) {
        printError(QStringLiteral("--profile needs a name (eventstream, etcd) or a JSON file"));
        return {std::nullopt, 2};
    }
    return {o, 0};
}

} // namespace vigil

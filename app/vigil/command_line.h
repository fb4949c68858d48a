// Command-line options of the `vigil` GUI (QCommandLineParser): what to scrape,
// which event streams to ingest (--listen), the page to open (--dashboard), --demo,
// wall mode (--kiosk, --rotate, --dashboards), --theme, the cluster --profile, and the
// --screenshot mode used by docs and tests; a positional CAPTURE opens a capture
// offline, --record FILE records from the start. GUI thread, at startup.
#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

class QCoreApplication;

namespace vigil {

struct VigilOptions
{
    bool demo = false;
    QStringList targets;       // as given (may carry user-info; never persisted as such)
    int intervalMs = 5000;
    QString screenshot;        // empty: normal interactive run
    int afterMs = 3000;
    QSize size{1600, 1000};
    QStringList listen;        // event stream source URLs (--listen, repeatable)
    QString dashboard;         // page to open on (dashboardNames()); empty: not given (overview)
    bool kiosk = false;        // --kiosk: start in wall mode
    std::optional<int> rotateSeconds; // --rotate: 0 = do not rotate; nullopt = not given
    std::optional<int> windowSeconds; // --window: the dashboards' live time range
    QStringList dashboards;    // --dashboards: pages shown/rotated in wall mode; empty = not given
    QString theme;             // --theme light|dark|contrast; empty = not given (settings decide)
    QString profile = QStringLiteral("eventstream"); // --profile: cluster profile name or JSON file
    QString frameProbe;        // --frame-probe FILE: GUI-thread timing summary written at exit
    int quitAfterMs = 0;       // --quit-after S: 0 = run until closed
    QString capture;           // positional CAPTURE: open it offline (no live sources)
    bool salvage = false;      // --salvage: skip damaged frames of the CAPTURE
    std::optional<double> playSpeed; // --play SPEED: replay at once (0 = as fast as possible)
    bool loop = false;         // --loop: replay the CAPTURE over and over
    QString record;            // --record FILE: record from the start
};

// Names accepted by --dashboard, in tab order:
// overview, latency, queues, cluster, events, engine, explorer.
QStringList dashboardNames();

// "30s", "2m", "1h" or plain seconds ("45") -> seconds; nullopt when malformed.
std::optional<int> parseDurationSeconds(const QString &text);

// Parses the application's arguments. On --help/--version prints and returns exitCode 0;
// on a bad option prints the error to stderr and returns exitCode 2.
struct ParsedOptions
{
    std::optional<VigilOptions> options;
    int exitCode = 0;
};
ParsedOptions parseCommandLine(const QCoreApplication &app);

} // namespace vigil

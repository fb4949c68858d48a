// `vigilctl sim`: serves a simulated EventStreamCore cluster until SIGINT/SIGTERM.
// stdout: one /metrics URL per node, one per line, then nothing (scripts read these);
// stderr: the NDJSON event endpoint and status.
#include "app/vigilctl/commands.h"
#include "app/vigilctl/quit_on_signal.h"

#include "core/sim/simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace vigil::cli {

namespace {

constexpr quint16 kDefaultBasePort = 9464;
constexpr quint16 kDefaultEventPort = 9460;

bool parsePort(const QString &text, quint16 &out)
{
    bool ok = false;
    const uint v = text.toUInt(&ok);
    if (!ok || v > 65535)
        return false;
    out = quint16(v);
    return true;
}

} // namespace

int runSim(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Serve a simulated EventStreamCore cluster on loopback: per node an HTTP /metrics endpoint\n"
        "(node i on PORT+i), plus one TCP port streaming NDJSON events. Prints the /metrics URLs on\n"
        "stdout, one per line, and runs until SIGINT or SIGTERM."));
    parser.addHelpOption();
    const QCommandLineOption nodesOpt(QStringLiteral("nodes"), QStringLiteral("Cluster size, 1-64 (default 3)."),
                                      QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption portOpt(QStringLiteral("port"),
                                     QStringLiteral("First /metrics port; node i uses PORT+i; 0 = free ports (default %1).")
                                         .arg(kDefaultBasePort),
                                     QStringLiteral("PORT"), QString::number(kDefaultBasePort));
    const QCommandLineOption eventPortOpt(QStringLiteral("event-port"),
                                          QStringLiteral("NDJSON event stream port; 0 = a free port (default %1).")
                                              .arg(kDefaultEventPort),
                                          QStringLiteral("PORT"), QString::number(kDefaultEventPort));
    const QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("Seed of the dynamics (default 1)."),
                                     QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption rateOpt(QStringLiteral("rate"),
                                     QStringLiteral("Average NDJSON events per second (default 2000)."),
                                     QStringLiteral("EVENTS_PER_S"), QStringLiteral("2000"));
    const QCommandLineOption bindOpt(QStringLiteral("bind"), QStringLiteral("Address to listen on (default 127.0.0.1)."),
                                     QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    parser.addOptions({nodesOpt, portOpt, eventPortOpt, seedOpt, rateOpt, bindOpt});
    if (!parser.parse(args)) {
        std::fprintf(stderr, "vigilctl sim: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "vigilctl sim: unexpected argument '%s'\n", qPrintable(parser.positionalArguments().front()));
        return 2;
    }

    SimOptions o;
    bool ok = false;
    o.nodes = parser.value(nodesOpt).toInt(&ok);
    if (!ok || o.nodes < 1 || o.nodes > 64) {
        std::fprintf(stderr, "vigilctl sim: --nodes wants 1-64\n");
        return 2;
    }
    if (!parsePort(parser.value(portOpt), o.basePort) || !parsePort(parser.value(eventPortOpt), o.eventPort)) {
        std::fprintf(stderr, "vigilctl sim: ports are 0-65535\n");
        return 2;
    }
    o.seed = parser.value(seedOpt).toULongLong(&ok);
    if (!ok) {
        std::fprintf(stderr, "vigilctl sim: --seed wants an unsigned integer\n");
        return 2;
    }
    o.eventsPerSecond = parser.value(rateOpt).toDouble(&ok);
    if (!ok || !(o.eventsPerSecond >= 0) || o.eventsPerSecond > 5e6) {
        std::fprintf(stderr, "vigilctl sim: --rate wants 0-5000000 events per second\n");
        return 2;
    }
    if (!o.bind.setAddress(parser.value(bindOpt))) {
        std::fprintf(stderr, "vigilctl sim: --bind wants an IP address\n");
        return 2;
    }

    QuitOnSignal quitOnSignal;
    if (!quitOnSignal.ok())
        return 1;

    Simulator sim(o);
    const Result<void> started = sim.start();
    if (!started) {
        std::fprintf(stderr, "vigilctl sim: %s\n", started.error().message.c_str());
        return 1;
    }
    for (const QUrl &url : sim.metricsUrls())
        std::printf("%s\n", qPrintable(url.toString()));
    std::fflush(stdout);
    std::fprintf(stderr, "vigilctl sim: %d nodes, seed %llu; NDJSON events on %s (%g/s); Ctrl-C to stop\n",
                 o.nodes, static_cast<unsigned long long>(o.seed), qPrintable(sim.eventUrl().toString()),
                 o.eventsPerSecond);

    const int rc = QCoreApplication::exec();
    sim.stop();
    std::fprintf(stderr, "vigilctl sim: stopped\n");
    return rc;
}

} // namespace vigil::cli

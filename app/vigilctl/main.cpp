// vigilctl: Vigil's headless command-line tool. Dispatches to one subcommand.
#include "app/vigilctl/commands.h"
#include "core/common/allocator.h"

#include <QCoreApplication>
#include <QTextStream>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>

namespace {

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &);
};

const Command kCommands[] = {
    {"parse", "Parse a Prometheus/OpenMetrics exposition file and summarise or dump it as JSON",
     &vigil::cli::runParse},
    {"scrape", "Scrape one /metrics URL once and print what 'parse' prints", &vigil::cli::runScrape},
    {"sim", "Serve a simulated EventStreamCore cluster (/metrics per node, NDJSON events)",
     &vigil::cli::runSim},
    {"ingest", "Run the event engine on one NDJSON stream source and print final statistics",
     &vigil::cli::runIngest},
    {"cluster", "Show a Raft cluster's roles, terms, indices and anomalies through a profile", &vigil::cli::runCluster},
    {"record", "Record scrape targets and event sources (or --sim) into a .vcap capture", &vigil::cli::runRecord},
    {"capture", "Inspect a .vcap capture: info, verify, export (csv, prom, ndjson)", &vigil::cli::runCapture},
};

void printUsage(FILE *out)
{
    std::fprintf(out, "Usage: vigilctl <command> [options]\n\nCommands:\n");
    for (const Command &c : kCommands)
        std::fprintf(out, "  %-8s %s\n", c.name, c.summary);
    std::fprintf(out, "\nRun 'vigilctl <command> --help' for the options of a command.\n");
}

} // namespace

int main(int argc, char *argv[])
{
    // stdout carries the commands' output (one JSON object per line with --json);
    // diagnostics from core/ (spdlog's default logger writes to stdout) go to stderr.
    spdlog::set_default_logger(spdlog::stderr_color_mt("vigilctl"));
    vigil::tuneAllocatorForStreaming();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vigilctl"));
    QCoreApplication::setOrganizationName(QStringLiteral("Vigil"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h")) {
        printUsage(args.size() < 2 ? stderr : stdout);
        return args.size() < 2 ? 2 : 0;
    }
    if (args[1] == QLatin1String("--version")) {
        std::printf("vigilctl %s\n", VIGIL_VERSION);
        return 0;
    }
    const QString name = args[1];
    for (const Command &c : kCommands) {
        if (name == QLatin1String(c.name)) {
            args.removeAt(1);
            args[0] = QStringLiteral("vigilctl ") + name;
            return c.run(args);
        }
    }
    std::fprintf(stderr, "vigilctl: unknown command '%s'\n\n", qPrintable(name));
    printUsage(stderr);
    return 2;
}

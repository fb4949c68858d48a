// vigilctl scrape: scrapes one /metrics URL once, through the same fetch and parse
// code as the live Scraper, and prints what `vigilctl parse` prints for the body.
#include "app/vigilctl/commands.h"

#include "core/expo/expo_json.h"
#include "core/scrape/scraper.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QFile>

#include <cmath>
#include <cstdio>

namespace vigil::cli {

namespace {

constexpr int kExitFailed = 1; // the scrape failed or the body did not parse
constexpr int kExitUsage = 2;

const char *kDescription =
    "Scrape one Prometheus/OpenMetrics endpoint once and print what 'vigilctl parse'\n"
    "prints for the body: the summary line, or with --json the families as a JSON array.\n"
    "The request is the one Vigil's live scraper sends (Accept like Prometheus,\n"
    "Accept-Encoding: gzip, User-Agent Vigil/0.1, X-Prometheus-Scrape-Timeout-Seconds)\n"
    "with the default limits (64 MiB decoded body, 200000 samples, 64 labels per series,\n"
    "4 KiB per label value).\n"
    "\n"
    "Credentials: user-info in the URL (http://user:pass@host/metrics) is sent as HTTP\n"
    "basic auth; --bearer-token-file sends a bearer token. Neither is ever printed.\n"
    "\n"
    "Exit status: 0 on success; 1 if the scrape failed (the reason on stderr as\n"
    "'URL: reason', or 'URL:LINE:COL: message' when the body does not parse);\n"
    "2 on a usage error.";

void printUsageError(const QString &program, const QString &message)
{
    std::fprintf(stderr, "%s: %s\nRun '%s --help' for the options.\n", qPrintable(program),
                 qPrintable(message), qPrintable(program));
}

std::optional<expo::Format> formatFromName(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("auto"))
        return expo::Format::Auto;
    if (n == QLatin1String("prometheus") || n == QLatin1String("text"))
        return expo::Format::Prometheus;
    if (n == QLatin1String("openmetrics"))
        return expo::Format::OpenMetrics;
    return std::nullopt;
}

} // namespace

int runScrape(const QStringList &args)
{
    const QString program = args.value(0, QStringLiteral("vigilctl scrape"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(kDescription));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help and exit."));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"),
        QStringLiteral("Print the parsed families as a JSON array (the shape of 'vigilctl parse --json', "
                       "see docs/cli.md) instead of the summary line."));
    const QCommandLineOption timeoutOption(
        QStringLiteral("timeout"),
        QStringLiteral("Give up after S seconds (fractions allowed) for the whole request, "
                       "body included. Also sent as X-Prometheus-Scrape-Timeout-Seconds. Default: 10."),
        QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption formatOption(
        {QStringLiteral("f"), QStringLiteral("format")},
        QStringLiteral("Parse the body as FORMAT: 'auto' (the Content-Type header decides, else the "
                       "text is sniffed), 'prometheus' (text format 0.0.4) or 'openmetrics' (1.0). "
                       "Default: auto."),
        QStringLiteral("FORMAT"), QStringLiteral("auto"));
    const QCommandLineOption bearerOption(
        QStringLiteral("bearer-token-file"),
        QStringLiteral("Send 'Authorization: Bearer TOKEN' with TOKEN read from FILE (surrounding "
                       "whitespace removed). The token is never printed."),
        QStringLiteral("FILE"));
    const QCommandLineOption insecureOption(
        QStringLiteral("insecure-skip-verify"),
        QStringLiteral("For https URLs: accept any server certificate (self-signed, expired, wrong "
                       "host). Off by default: certificates are verified."));
    parser.addOptions({helpOption, jsonOption, timeoutOption, formatOption, bearerOption, insecureOption});
    parser.addPositionalArgument(QStringLiteral("URL"),
                                 QStringLiteral("The endpoint, e.g. http://127.0.0.1:9100/metrics."));

    if (!parser.parse(args)) {
        printUsageError(program, parser.errorText());
        return kExitUsage;
    }
    if (parser.isSet(helpOption)) {
        // QCommandLineParser names argv[0]; the usage line should name the subcommand.
        QString help = parser.helpText();
        const QLatin1String usage("Usage: ");
        const qsizetype optionsAt = help.indexOf(QLatin1String(" [options]"));
        if (help.startsWith(usage) && optionsAt > usage.size())
            help.replace(usage.size(), optionsAt - usage.size(), program);
        std::fputs(qPrintable(help), stdout);
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        printUsageError(program, positional.isEmpty() ? QStringLiteral("missing URL")
                                                      : QStringLiteral("expected exactly one URL"));
        return kExitUsage;
    }

    ScrapeTargetConfig target;
    target.url = positional.front().toStdString();
    target.job = "vigilctl";
    bool ok = false;
    const double timeout = parser.value(timeoutOption).toDouble(&ok);
    if (!ok || !(timeout > 0) || timeout > 86400) {
        printUsageError(program, QStringLiteral("--timeout wants a number of seconds > 0, got '%1'")
                                     .arg(parser.value(timeoutOption)));
        return kExitUsage;
    }
    target.timeout = std::chrono::milliseconds(std::llround(timeout * 1000.0));
    const std::optional<expo::Format> format = formatFromName(parser.value(formatOption));
    if (!format) {
        printUsageError(program, QStringLiteral("unknown --format '%1' (auto, prometheus, openmetrics)")
                                     .arg(parser.value(formatOption)));
        return kExitUsage;
    }
    target.format = *format;
    target.verifyTls = !parser.isSet(insecureOption);
    if (parser.isSet(bearerOption)) {
        QFile file(parser.value(bearerOption));
        if (!file.open(QIODevice::ReadOnly)) {
            printUsageError(program, QStringLiteral("cannot read --bearer-token-file %1: %2")
                                         .arg(file.fileName(), file.errorString()));
            return kExitUsage;
        }
        target.auth.kind = ScrapeAuth::Kind::Bearer;
        target.auth.bearerToken = file.readAll().trimmed().toStdString();
    }
    target.moveUserInfoToAuth();
    const std::string shownUrl = target.redactedUrl();

    const ScrapeOnceResult result = scrapeOnce(target);
    if (!result.report.up || !result.parsed) {
        if (result.parseError)
            std::fprintf(stderr, "%s:%u:%u: %s\n", shownUrl.c_str(), result.parseError->line,
                         result.parseError->column, result.parseError->message.c_str());
        else
            std::fprintf(stderr, "%s: %s\n", shownUrl.c_str(), result.report.error.c_str());
        return kExitFailed;
    }
    if (parser.isSet(jsonOption)) {
        expo::writeJson(*result.parsed, stdout);
    } else {
        std::string line = expo::summaryLine(*result.parsed, result.parseSeconds);
        if (line.empty() || line.back() != '\n')
            line += '\n';
        std::fputs(line.c_str(), stdout);
    }
    std::fflush(stdout);
    return 0;
}

} // namespace vigil::cli

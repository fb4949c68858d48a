// `vigilctl cluster`: the Raft view of a cluster from the command line. Each round
// scrapes every target's /metrics through the live scrape path (scrapeOnce ->
// IngestHub -> SeriesStore), reads the nodes out of the store through the profile
// (StoreClusterObserver), adds the profile's status API (etcd), and feeds a
// ClusterTracker. Prints a table, or one JSON object (per change with --watch).
// Exit 0 when a target was reachable, 1 when none was, 2 on usage errors.
#include "app/vigilctl/commands.h"

#include "core/cluster/cluster_profile.h"
#include "core/cluster/cluster_status_poller.h"
#include "core/cluster/cluster_tracker.h"
#include "core/cluster/store_cluster_observer.h"
#include "core/hub/ingest_hub.h"
#include "core/scrape/scraper.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace vigil::cli {

namespace {

constexpr int kExitUnreachable = 1;
constexpr int kExitUsage = 2;

const char *kDescription =
    "Show the Raft state of a cluster: every node's role, term, commit and applied\n"
    "index and the leader it names, plus anomalies (no_leader, two_leaders,\n"
    "term_backwards, commit_stalled, stale_data, event_loss).\n"
    "\n"
    "A profile maps a system's metrics (and status API) to that view. Built in:\n"
    "  eventstream  a target is a node's /metrics URL (EventStreamCore, 'vigilctl sim');\n"
    "               the node id is the target's host:port, the name its build_info node.\n"
    "  etcd         a target is a member's client URL (http://127.0.0.1:2379): /metrics is\n"
    "               scraped and POST /v3/maintenance/status read; ids are the 16-digit hex\n"
    "               member ids of etcd's metric labels.\n"
    "Or a path to a profile .json file (see resources/profiles/).\n"
    "\n"
    "--json prints one object: {\"nodes\":[{\"id\",\"name\",\"target\",\"role\",\"term\",\n"
    "\"commit\",\"applied\",\"leader\",\"reachable\",\"error\"}],\"anomalies\":[{\"kind\",\"node\",\n"
    "\"message\",\"since_ms\"}]}; role is leader|follower|candidate|unreachable; term,\n"
    "commit and applied are exact integers or null; leader and error are null when\n"
    "unknown/none. With --watch, one such object per line whenever the state changed.\n"
    "\n"
    "Exit status: 0 when at least one target was reachable (in the last round with\n"
    "--watch); 1 when none was; 2 on a usage error.";

int usageError(const QString &program, const QString &message)
{
    std::fprintf(stderr, "%s: %s\nRun '%s --help' for the options.\n", qPrintable(program), qPrintable(message),
                 qPrintable(program));
    return kExitUsage;
}

nlohmann::json optionalU64(const std::optional<std::uint64_t> &v)
{
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json optionalText(const std::string &s)
{
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

std::string toJson(const ClusterSnapshot &s)
{
    nlohmann::json nodes = nlohmann::json::array();
    for (const ClusterNode &n : s.nodes)
        nodes.push_back({{"id", n.id},
                         {"name", n.name},
                         {"target", n.target},
                         {"role", nodeRoleName(n.role)},
                         {"term", optionalU64(n.term)},
                         {"commit", optionalU64(n.commit)},
                         {"applied", optionalU64(n.applied)},
                         {"leader", optionalText(n.leader)},
                         {"reachable", n.reachable},
                         {"error", optionalText(n.error)}});
    nlohmann::json anomalies = nlohmann::json::array();
    for (const ClusterAnomaly &a : s.anomalies)
        anomalies.push_back({{"kind", anomalyKindName(a.kind)},
                             {"node", a.node},
                             {"message", a.message},
                             {"since_ms", a.sinceMs}});
    const nlohmann::json j = {{"nodes", std::move(nodes)}, {"anomalies", std::move(anomalies)}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string u64Text(const std::optional<std::uint64_t> &v)
{
    return v ? std::to_string(*v) : std::string("-");
}

std::string toTable(const ClusterSnapshot &s)
{
    std::string out;
    char line[1024];
    std::snprintf(line, sizeof line, "%-20s %-18s %-11s %8s %12s %12s %-18s %s\n", "NAME", "ID", "ROLE", "TERM",
                  "COMMIT", "APPLIED", "LEADER", "ERROR");
    out += line;
    for (const ClusterNode &n : s.nodes) {
        std::snprintf(line, sizeof line, "%-20s %-18s %-11s %8s %12s %12s %-18s %s\n", n.name.substr(0, 40).c_str(),
                      n.id.substr(0, 40).c_str(), nodeRoleName(n.role), u64Text(n.term).c_str(),
                      u64Text(n.commit).c_str(), u64Text(n.applied).c_str(),
                      n.leader.empty() ? "-" : n.leader.substr(0, 40).c_str(), n.error.substr(0, 600).c_str());
        out += line;
    }
    if (s.anomalies.empty()) {
        out += "anomalies: none\n";
    } else {
        out += "anomalies:\n";
        for (const ClusterAnomaly &a : s.anomalies)
            out += "  " + std::string(anomalyKindName(a.kind)) + "  " + a.message + "\n";
    }
    return out;
}

bool parseSeconds(const QString &text, double &out)
{
    bool ok = false;
    out = text.toDouble(&ok);
    return ok && std::isfinite(out) && out > 0 && out <= 86400;
}

// One round: scrape every target into the hub, read the store, ask the status API.
std::vector<NodeObservation> pollRound(const ClusterProfile &profile, const std::vector<std::string> &targets,
                                       std::chrono::milliseconds timeout, IngestHub &hub,
                                       ClusterStatusPoller &poller)
{
    std::vector<std::string> scrapeErrors(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
        ScrapeTargetConfig config;
        config.url = clusterMetricsUrl(profile, targets[i]);
        config.job = "vigilctl-cluster";
        config.timeout = timeout;
        config.moveUserInfoToAuth();
        const ScrapeOnceResult result = scrapeOnce(config);
        SampleBatch batch;
        batch.body = result.body;
        if (result.report.up)
            batch.parsed = result.parsed;
        batch.targetLabels = Labels{{"instance", config.instance()}, {"job", config.job}};
        batch.timestampMs = result.report.timestampMs;
        batch.scrape = result.report;
        hub.apply(std::move(batch));
        if (!result.report.up)
            scrapeErrors[i] = config.redactedUrl() + ": " + result.report.error;
    }
    StoreClusterObserver observer(profile, hub.store());
    std::vector<NodeObservation> observations = observer.observe(targets, QDateTime::currentMSecsSinceEpoch());
    for (std::size_t i = 0; i < observations.size(); ++i)
        if (!scrapeErrors[i].empty()) {
            observations[i].reachable = false;
            observations[i].error = scrapeErrors[i];
        }
    std::vector<NodeObservation> merged;
    QEventLoop loop;
    bool done = false;
    poller.poll(std::move(observations), targets, [&](std::vector<NodeObservation> result) {
        merged = std::move(result);
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return merged;
}

void waitMs(qint64 ms)
{
    if (ms <= 0)
        return;
    QEventLoop loop;
    QTimer::singleShot(int(ms), &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int runCluster(const QStringList &args)
{
    const QString program = args.value(0, QStringLiteral("vigilctl cluster"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(kDescription));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help and exit."));
    const QCommandLineOption profileOption(
        {QStringLiteral("p"), QStringLiteral("profile")},
        QStringLiteral("The cluster profile: 'eventstream', 'etcd', or a path to a profile .json file. Required."),
        QStringLiteral("NAME|FILE"));
    const QCommandLineOption targetOption(
        {QStringLiteral("t"), QStringLiteral("target")},
        QStringLiteral("A node to observe, repeatable (one per node). eventstream: its /metrics URL; etcd: its "
                       "client URL (http://127.0.0.1:2379). A URL without a path gets the profile's /metrics. "
                       "User-info in the URL is sent as basic auth and never printed."),
        QStringLiteral("URL"));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("Print one JSON object (shape above) instead of a table."));
    const QCommandLineOption watchOption(
        {QStringLiteral("w"), QStringLiteral("watch")},
        QStringLiteral("Keep polling every --interval and print the state again whenever it changed (with "
                       "--json: one object per line), until killed or --duration ends. Anomalies that need "
                       "a time window (commit_stalled, event_loss, stale_data) appear only here."));
    const QCommandLineOption intervalOption(QStringLiteral("interval"),
                                            QStringLiteral("Seconds between polls with --watch. Default: 1."),
                                            QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption durationOption(QStringLiteral("duration"),
                                            QStringLiteral("With --watch: stop after S seconds."), QStringLiteral("S"));
    const QCommandLineOption timeoutOption(
        QStringLiteral("timeout"),
        QStringLiteral("Seconds to wait for each scrape (the status API uses the profile's timeout). Default: 2."),
        QStringLiteral("S"), QStringLiteral("2"));
    const QCommandLineOption staleOption(
        QStringLiteral("stale-after"),
        QStringLiteral("Report stale_data for a node whose newest data is older than S seconds. Default: 15."),
        QStringLiteral("S"), QStringLiteral("15"));
    parser.addOptions({helpOption, profileOption, targetOption, jsonOption, watchOption, intervalOption,
                       durationOption, timeoutOption, staleOption});

    if (!parser.parse(args))
        return usageError(program, parser.errorText());
    if (parser.isSet(helpOption)) {
        QString help = parser.helpText();
        const QLatin1String usage("Usage: ");
        const qsizetype optionsAt = help.indexOf(QLatin1String(" [options]"));
        if (help.startsWith(usage) && optionsAt > usage.size())
            help.replace(usage.size(), optionsAt - usage.size(), program);
        std::fputs(qPrintable(help), stdout);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(program, QStringLiteral("unexpected argument '%1' (targets go with --target)")
                                       .arg(parser.positionalArguments().front()));
    if (!parser.isSet(profileOption))
        return usageError(program, QStringLiteral("missing --profile (eventstream, etcd or a .json file)"));
    const Result<ClusterProfile> profile = loadClusterProfile(parser.value(profileOption));
    if (!profile)
        return usageError(program, QString::fromStdString(profile.error().message));
    std::vector<std::string> targets;
    for (const QString &t : parser.values(targetOption)) {
        const QUrl url(t, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return usageError(program, QStringLiteral("--target wants an http(s) URL with a host, got '%1'")
                                           .arg(QString::fromStdString(StoreClusterObserver::redacted(t.toStdString()))));
        targets.push_back(t.toStdString());
    }
    if (targets.empty())
        return usageError(program, QStringLiteral("missing --target (one per node)"));
    double interval = 1, timeout = 2, staleAfter = 15, duration = 0;
    if (!parseSeconds(parser.value(intervalOption), interval))
        return usageError(program, QStringLiteral("--interval wants seconds > 0, got '%1'").arg(parser.value(intervalOption)));
    if (!parseSeconds(parser.value(timeoutOption), timeout))
        return usageError(program, QStringLiteral("--timeout wants seconds > 0, got '%1'").arg(parser.value(timeoutOption)));
    if (!parseSeconds(parser.value(staleOption), staleAfter))
        return usageError(program, QStringLiteral("--stale-after wants seconds > 0, got '%1'").arg(parser.value(staleOption)));
    if (parser.isSet(durationOption) && !parseSeconds(parser.value(durationOption), duration))
        return usageError(program, QStringLiteral("--duration wants seconds > 0, got '%1'").arg(parser.value(durationOption)));
    const bool watch = parser.isSet(watchOption);
    const bool asJson = parser.isSet(jsonOption);

    ClusterTracker::Options trackerOptions;
    trackerOptions.staleAfterMs = std::llround(staleAfter * 1000);
    ClusterTracker tracker(profile->name, trackerOptions);
    IngestHub hub; // not started: rounds are applied synchronously on this thread
    ClusterStatusPoller poller(*profile);
    const auto scrapeTimeout = std::chrono::milliseconds(std::llround(timeout * 1000));

    QElapsedTimer clock;
    clock.start();
    std::string lastPrinted;
    bool anyReachable = false;
    for (;;) {
        const qint64 roundStart = clock.elapsed();
        for (const NodeObservation &o : pollRound(*profile, targets, scrapeTimeout, hub, poller))
            tracker.observe(o);
        const ClusterSnapshot snapshot = tracker.evaluate(QDateTime::currentMSecsSinceEpoch());
        anyReachable = false;
        for (const ClusterNode &n : snapshot.nodes)
            anyReachable = anyReachable || n.reachable;
        const std::string text = asJson ? toJson(snapshot) + "\n" : toTable(snapshot);
        if (text != lastPrinted) {
            if (watch && !asJson && !lastPrinted.empty())
                std::fputs("\n", stdout);
            std::fputs(text.c_str(), stdout);
            std::fflush(stdout);
            lastPrinted = text;
        }
        if (!watch)
            break;
        const qint64 next = roundStart + std::llround(interval * 1000);
        if (duration > 0 && next >= std::llround(duration * 1000))
            break;
        waitMs(next - clock.elapsed());
    }
    return anyReachable ? 0 : kExitUnreachable;
}

} // namespace vigil::cli

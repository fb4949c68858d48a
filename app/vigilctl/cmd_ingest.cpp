// `vigilctl ingest`: runs the event engine headless on one stream source until the
// source ends (or --duration), then prints the final statistics (human text or one
// JSON object with --json). Exit 0 on success, 1 on a source error, 2 on usage errors.
#include "app/vigilctl/commands.h"

#include "core/engine/event_engine.h"
#include "core/engine/event_parser.h"
#include "core/stream/stream_source.h"

#include <QCommandLineParser>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>

namespace vigil::cli {

namespace {

int usageError(const QString &message)
{
    std::fprintf(stderr, "vigilctl ingest: %s\n", qPrintable(message));
    return 2;
}

// FIELD=NAME of --map; returns false on an unknown FIELD.
bool applyMapping(FieldMapping &m, const QString &spec, QString &error)
{
    const qsizetype eq = spec.indexOf(QLatin1Char('='));
    if (eq <= 0 || eq == spec.size() - 1) {
        error = QStringLiteral("--map expects FIELD=NAME, got '%1'").arg(spec);
        return false;
    }
    const QString field = spec.left(eq);
    const std::string name = spec.mid(eq + 1).toStdString();
    if (field == QLatin1String("id"))
        m.id = name;
    else if (field == QLatin1String("ts") || field == QLatin1String("timestamp"))
        m.timestamp = name;
    else if (field == QLatin1String("priority"))
        m.priority = name;
    else if (field == QLatin1String("queue"))
        m.queue = name;
    else if (field == QLatin1String("latency"))
        m.latency = name;
    else if (field == QLatin1String("node"))
        m.node = name;
    else if (field == QLatin1String("message"))
        m.message = name;
    else if (field == QLatin1String("severity"))
        m.severity = name;
    else if (field == QLatin1String("key"))
        m.dedupKey = name;
    else if (field == QLatin1String("ts-unit") || field == QLatin1String("latency-unit")) {
        const auto unit = timeUnitFromName(name);
        if (!unit || (field == QLatin1String("latency-unit") && (*unit == TimeUnit::Rfc3339))) {
            error = QStringLiteral("unknown unit in '%1' (ns, us, ms, s%2)")
                        .arg(spec, field == QLatin1String("ts-unit") ? QStringLiteral(", rfc3339, auto") : QString());
            return false;
        }
        (field == QLatin1String("ts-unit") ? m.timestampUnit : m.latencyUnit) = *unit;
    } else {
        error = QStringLiteral("unknown field '%1' in --map (id, ts, priority, queue, latency, node, message, "
                               "severity, key, ts-unit, latency-unit)")
                    .arg(field);
        return false;
    }
    return true;
}

nlohmann::json latencyJson(const LatencySummary &s)
{
    return {{"count", s.count}, {"p50", s.p50}, {"p90", s.p90}, {"p99", s.p99}, {"p999", s.p999}, {"max", s.max}};
}

} // namespace

int runIngest(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run the event engine headless on one NDJSON stream source until it ends (or --duration),\n"
        "then print final statistics. Exit 0 on success, 1 on a source error, 2 on usage errors.\n"
        "SOURCE: tcp://HOST:PORT, tcp-listen://:PORT, udp://:PORT, file:PATH (follow), PATH (read once), - (stdin)."));
    parser.addHelpOption();
    const QCommandLineOption mapOpt(
        QStringLiteral("map"),
        QStringLiteral("Field mapping, repeatable. FIELD is id, ts, priority, queue, latency, node, message, severity,\n"
                       "key (dedup key; default: the id field), or ts-unit / latency-unit with a unit as NAME\n"
                       "(ns, us, ms, s; ts-unit also rfc3339 or auto = RFC 3339 strings, numbers by magnitude).\n"
                       "Defaults: id=id ts=ts priority=priority queue=queue latency=latency_ns node=node\n"
                       "message=message severity=severity ts-unit=auto latency-unit=ns."),
        QStringLiteral("FIELD=NAME"));
    const QCommandLineOption dedupOpt(QStringLiteral("dedup-window"),
                                      QStringLiteral("Deduplication window in seconds; 0 disables (default 60)."),
                                      QStringLiteral("S"), QStringLiteral("60"));
    const QCommandLineOption capOpt(QStringLiteral("lane-capacity"),
                                    QStringLiteral("Events per priority lane (default 65536)."), QStringLiteral("N"),
                                    QStringLiteral("65536"));
    const QCommandLineOption policyOpt(
        QStringLiteral("policy"),
        QStringLiteral("Policy of a full lane for this source: block (lossless; default for files and stdin),\n"
                       "drop-newest or drop-oldest (default for network sources: drop-newest)."),
        QStringLiteral("block|drop-newest|drop-oldest"));
    const QCommandLineOption durationOpt(QStringLiteral("duration"),
                                         QStringLiteral("Stop after S seconds even if the source has not ended."),
                                         QStringLiteral("S"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print one JSON object instead of text."));
    parser.addOptions({mapOpt, dedupOpt, capOpt, policyOpt, durationOpt, jsonOpt});
    parser.addPositionalArgument(QStringLiteral("SOURCE"), QStringLiteral("Stream source URL or path."));
    if (!parser.parse(args))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(QStringLiteral("expected exactly one SOURCE (see --help)"));

    EngineOptions options;
    options.instance = "vigilctl";
    QString error;
    for (const QString &spec : parser.values(mapOpt))
        if (!applyMapping(options.mapping, spec, error))
            return usageError(error);
    bool ok = false;
    options.dedupWindowSeconds = parser.value(dedupOpt).toDouble(&ok);
    if (!ok || options.dedupWindowSeconds < 0 || !std::isfinite(options.dedupWindowSeconds))
        return usageError(QStringLiteral("--dedup-window expects seconds >= 0"));
    const qulonglong capacity = parser.value(capOpt).toULongLong(&ok);
    if (!ok || capacity == 0 || capacity > (1ull << 26))
        return usageError(QStringLiteral("--lane-capacity expects 1..67108864"));
    options.laneCapacity = static_cast<std::size_t>(capacity);
    if (parser.isSet(policyOpt)) {
        const QString p = parser.value(policyOpt);
        if (p == QLatin1String("block"))
            options.policy = LanePolicy::Block;
        else if (p == QLatin1String("drop-newest"))
            options.policy = LanePolicy::DropNewest;
        else if (p == QLatin1String("drop-oldest"))
            options.policy = LanePolicy::DropOldest;
        else
            return usageError(QStringLiteral("--policy expects block, drop-newest or drop-oldest"));
        options.policyOverridden = true;
    }
    double duration = 0;
    if (parser.isSet(durationOpt)) {
        duration = parser.value(durationOpt).toDouble(&ok);
        if (!ok || duration <= 0 || !std::isfinite(duration))
            return usageError(QStringLiteral("--duration expects seconds > 0"));
    }
    const bool asJson = parser.isSet(jsonOpt);

    EventEngine engine(options);
    engine.start();
    StreamSourceOptions sourceOptions;
    sourceOptions.maxLineBytes = options.maxLineBytes;
    const std::string url = positional.front().toStdString();
    auto source = createStreamSource(url, engine, sourceOptions);
    if (!source) {
        std::fprintf(stderr, "vigilctl ingest: %s\n", source.error().message.c_str());
        return 1;
    }
    const auto started = std::chrono::steady_clock::now();
    (*source)->start();
    if (duration > 0) {
        engine.waitSourcesEnded(std::chrono::milliseconds(static_cast<std::int64_t>(duration * 1000)));
    } else {
        while (!engine.waitSourcesEnded(std::chrono::hours(1))) {
        }
    }
    (*source)->stop();
    engine.waitIdle();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    engine.stop();
    const EngineSnapshot s = engine.snapshot();

    std::string sourceError;
    for (const SourceStats &src : s.sources)
        if (src.ended && src.endReason != "end of input" && src.endReason != "stopped")
            sourceError = src.endReason;
    const double eps = elapsed > 0 ? double(s.processed) / elapsed : 0;

    if (asJson) {
        nlohmann::json j;
        j["source"] = url;
        j["received"] = s.received;
        j["processed"] = s.processed;
        j["malformed"] = s.malformed;
        j["deduplicated"] = s.deduplicated;
        j["dropped"] = s.dropped;
        j["in_flight"] = s.inFlight;
        j["elapsed_seconds"] = elapsed;
        j["events_per_second"] = eps;
        for (int l = 0; l < kLaneCount; ++l) {
            const LaneStats &ls = s.lanes[std::size_t(l)];
            j[priorityName(Priority(l))] = {{"received", ls.received},
                                            {"processed", ls.processed},
                                            {"dropped", ls.dropped},
                                            {"deduplicated", ls.deduplicated},
                                            {"latency_ns", latencyJson(s.endToEndByPriority[std::size_t(l)])},
                                            {"field_latency_ns", latencyJson(s.fieldByPriority[std::size_t(l)])}};
        }
        j["latency_ns"] = latencyJson(s.endToEnd);
        j["field_latency_ns"] = latencyJson(s.field);
        j["dedup"] = {{"hits", s.dedupHits}, {"misses", s.dedupMisses}, {"memory_bytes", s.dedupMemoryBytes}};
        nlohmann::json queues = nlohmann::json::object();
        for (const QueueLatency &q : s.queues)
            queues[q.queue] = {{"processed", q.processed}, {"latency_ns", latencyJson(q.endToEnd)},
                               {"field_latency_ns", latencyJson(q.field)}};
        j["queues"] = queues;
        nlohmann::json last = nullptr;
        for (const SourceStats &src : s.sources)
            if (!src.lastError.message.empty())
                last = {{"line", src.lastError.line},
                        {"offset", src.lastError.offset},
                        {"message", src.lastError.message},
                        {"excerpt", src.lastError.excerpt}};
        j["last_error"] = last;
        j["source_error"] = sourceError.empty() ? nlohmann::json(nullptr) : nlohmann::json(sourceError);
        std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
        std::printf("source       %s%s%s\n", url.c_str(), sourceError.empty() ? "" : "  ERROR: ", sourceError.c_str());
        std::printf("received     %llu  processed %llu  deduplicated %llu  dropped %llu  malformed %llu\n",
                    (unsigned long long)s.received, (unsigned long long)s.processed,
                    (unsigned long long)s.deduplicated, (unsigned long long)s.dropped,
                    (unsigned long long)s.malformed);
        std::printf("throughput   %.0f events/s over %.3f s\n", eps, elapsed);
        for (int l = 0; l < kLaneCount; ++l) {
            const LaneStats &ls = s.lanes[std::size_t(l)];
            const LatencySummary &lat = s.endToEndByPriority[std::size_t(l)];
            std::printf("%-12s received %llu processed %llu dropped %llu  e2e p50 %.0f p99 %.0f max %.0f ns\n",
                        priorityName(Priority(l)), (unsigned long long)ls.received, (unsigned long long)ls.processed,
                        (unsigned long long)ls.dropped, lat.p50, lat.p99, lat.max);
        }
        std::printf("latency      field p50 %.0f p90 %.0f p99 %.0f p99.9 %.0f max %.0f ns\n", s.field.p50, s.field.p90,
                    s.field.p99, s.field.p999, s.field.max);
        for (const SourceStats &src : s.sources)
            if (!src.lastError.message.empty())
                std::printf("last error   line %llu offset %llu: %s: %s\n", (unsigned long long)src.lastError.line,
                            (unsigned long long)src.lastError.offset, src.lastError.message.c_str(),
                            src.lastError.excerpt.c_str());
    }
    return sourceError.empty() ? 0 : 1;
}

} // namespace vigil::cli

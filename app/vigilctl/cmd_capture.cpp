// `vigilctl capture info|verify|export`: offline inspection of .vcap captures through
// CaptureReader (docs/capture-format.md). Contract: docs/cli.md.
//   info    time span, record counts, frames, sizes, compression, clean close, damage;
//   verify  reads and checks every frame, lists each problem with its offset;
//   export  samples as CSV or Prometheus text, events as NDJSON (original lines).
#include "app/vigilctl/commands.h"

#include "core/capture/capture_reader.h"
#include "core/engine/event_parser.h"
#include "core/store/selector.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace vigil::cli {

namespace {

using Json = nlohmann::ordered_json; // keys in the documented order

using namespace vigil::capture;

constexpr int kExitBad = 1;   // the capture is damaged or not a capture
constexpr int kExitUsage = 2; // usage or I/O error

const char *kDescription =
    "Inspect, check and export .vcap captures.\n"
    "\n"
    "  vigilctl capture info [--json] [--salvage] FILE\n"
    "      Time span, counts by record type, frames, file size, raw and stored payload\n"
    "      bytes and compression ratio, whether the file was closed cleanly, damage.\n"
    "  vigilctl capture verify [--salvage] [--strict] [--json] FILE\n"
    "      Reads and checks every frame. Exit 0 when every frame checks and nothing is\n"
    "      torn (a file that was not closed cleanly but ends exactly at a frame boundary\n"
    "      passes unless --strict); otherwise 1, with 'FILE: offset N: reason' on stderr\n"
    "      for each problem.\n"
    "  vigilctl capture export --format csv|prom|ndjson [--from T] [--to T]\n"
    "                          [--series SELECTOR] [--salvage] FILE\n"
    "      csv: name,labels,timestamp_ms,value; prom: Prometheus text with timestamps,\n"
    "      grouped by family; ndjson: the recorded event lines in capture order.\n"
    "      T: RFC 3339 or ms since the epoch; --from inclusive, --to exclusive.\n"
    "\n"
    "Exit status: 0 success; 1 the file is not a capture or is damaged; 2 usage or I/O error.";

int usageError(const QString &program, const QString &message)
{
    std::fprintf(stderr, "%s: %s\nRun 'vigilctl capture --help' for the options.\n", qPrintable(program),
                 qPrintable(message));
    return kExitUsage;
}

std::string rfc3339(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toStdString();
}

// Shortest text that reads back to the same double; NaN, +Inf, -Inf as Prometheus spells them.
void appendValue(std::string &out, double v)
{
    if (std::isnan(v)) {
        out += "NaN";
    } else if (std::isinf(v)) {
        out += v > 0 ? "+Inf" : "-Inf";
    } else {
        char buf[64];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        out.append(buf, r.ptr);
    }
}

void appendInt(std::string &out, std::int64_t v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// {k="v",...} with the exposition format's escapes (\\, \", \n).
void appendLabels(std::string &out, const Labels &labels)
{
    out += '{';
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (i) out += ',';
        out += labels[i].name;
        out += "=\"";
        for (char c : labels[i].value) {
            if (c == '\\')
                out += "\\\\";
            else if (c == '"')
                out += "\\\"";
            else if (c == '\n')
                out += "\\n";
            else
                out += c;
        }
        out += '"';
    }
    out += '}';
}

// A file we cannot stat or read is an I/O error (2); a file that does not open as a
// capture is bad input (1).
// Parses a "<subcommand> [options] FILE" command line: nullopt to go on (path set),
// else the exit code (--help printed: 0; a usage error: its code).
std::optional<int> parseFileArgs(const QString &program, QCommandLineParser &parser, const QStringList &args,
                                 QString &path)
{
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The capture."));
    if (!parser.parse(args)) return usageError(program, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return usageError(program, QStringLiteral("expected exactly one FILE"));
    path = parser.positionalArguments().front();
    return std::nullopt;
}

int openCapture(const QString &program, const QString &path, bool salvage,
                std::unique_ptr<CaptureReader> &out)
{
    const QFileInfo fi(path);
    if (!fi.exists() || !fi.isFile() || !fi.isReadable()) {
        std::fprintf(stderr, "%s: cannot read %s: %s\n", qPrintable(program), qPrintable(path),
                     !fi.exists() ? "No such file or directory" : "not a readable file");
        return kExitUsage;
    }
    ReaderOptions ro;
    ro.salvage = salvage;
    auto reader = CaptureReader::open(path.toStdString(), ro);
    if (!reader) {
        std::fprintf(stderr, "%s: %s: %s\n", qPrintable(program), qPrintable(path),
                     reader.error().message.c_str());
        return kExitBad;
    }
    out = std::move(reader.value());
    return 0;
}

struct Span
{
    std::int64_t first = std::numeric_limits<std::int64_t>::max();
    std::int64_t last = std::numeric_limits<std::int64_t>::min();
    void add(std::int64_t ms)
    {
        first = std::min(first, ms);
        last = std::max(last, ms);
    }
    bool empty() const { return first > last; }
};

std::int64_t nsToMs(std::int64_t ns)
{
    // Floor, so a line at -0.5 ms is in the millisecond before 0 like any other.
    return ns >= 0 ? ns / 1'000'000 : -((-ns + 999'999) / 1'000'000);
}

// --- info -------------------------------------------------------------------------

int runInfo(const QString &program, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption salvageOpt(QStringLiteral("salvage"),
                                        QStringLiteral("Skip corrupt frames and read on (reporting each)."));
    parser.addOptions({jsonOpt, salvageOpt});
    QString path;
    if (const std::optional<int> rc = parseFileArgs(program, parser, args, path)) return *rc;
    std::unique_ptr<CaptureReader> reader;
    if (const int rc = openCapture(program, path, parser.isSet(salvageOpt), reader)) return rc;

    // Data frame types in type order (then "unknown" if any).
    std::vector<std::pair<std::string, std::uint64_t>> framesByType;
    for (int t = 1; t <= 7; ++t)
        framesByType.emplace_back(frameTypeName(FrameType(t)), 0);
    const auto countFrame = [&](FrameType type) {
        const std::string name = frameTypeName(type);
        for (auto &[n, count] : framesByType)
            if (n == name) {
                ++count;
                return;
            }
        framesByType.emplace_back(name, 1);
    };
    struct
    {
        std::uint64_t series = 0, samples = 0, sampleRuns = 0, scrapes = 0, eventSources = 0, events = 0,
                      cluster = 0, alerts = 0, notes = 0, unknown = 0;
    } n;
    std::uint64_t raw = 0, stored = 0;
    Span span;
    Json damage = Json::array();
    std::vector<std::string> damageText;
    for (const Damage &d : reader->damage()) {
        damage.push_back(
            {{"offset", d.offset}, {"bytes", d.bytes}, {"reason", d.reason}, {"torn_tail", d.tornTail}});
        damageText.push_back("offset " + std::to_string(d.offset) + ": " + d.reason);
    }
    const std::vector<FrameInfo> frames = reader->frames();
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const FrameInfo &f = frames[i];
        countFrame(f.type);
        raw += f.rawBytes;
        stored += f.storedBytes;
        auto frame = reader->read(i);
        if (!frame) {
            damage.push_back({{"offset", f.offset},
                              {"bytes", 40 + std::uint64_t(f.storedBytes)},
                              {"reason", frame.error().message},
                              {"torn_tail", false}});
            damageText.push_back("offset " + std::to_string(f.offset) + ": " + frame.error().message);
            continue;
        }
        const FrameRecords &r = frame->records;
        n.series += r.series.size();
        n.sampleRuns += r.samples.size();
        for (const SampleRun &run : r.samples) {
            n.samples += run.points.size();
            for (const SamplePoint &p : run.points)
                span.add(p.timestampMs);
        }
        n.scrapes += r.scrapes.size();
        for (const ScrapeRecord &s : r.scrapes)
            span.add(s.timestampMs);
        n.eventSources += r.eventSources.size();
        n.events += r.events.size();
        for (const EventLine &e : r.events)
            span.add(nsToMs(e.arrivalNs));
        n.cluster += r.cluster.size();
        for (const JsonRecord &c : r.cluster)
            span.add(c.timestampMs);
        n.alerts += r.alerts.size();
        for (const JsonRecord &a : r.alerts)
            span.add(a.timestampMs);
        n.notes += r.notes.size();
        for (const Note &note : r.notes)
            span.add(note.timestampMs);
        n.unknown += r.unknownRecords;
    }
    const FileHeader &h = reader->header();
    const double ratio = stored ? double(raw) / double(stored) : 0;

    if (parser.isSet(jsonOpt)) {
        Json j;
        j["path"] = path.toStdString();
        j["file_bytes"] = reader->fileSize();
        j["version"] = h.version;
        j["writer"] = h.writerId;
        j["host"] = h.host;
        j["start_ms"] = h.startMs;
        j["first_ms"] = span.empty() ? Json(nullptr) : Json(span.first);
        j["last_ms"] = span.empty() ? Json(nullptr) : Json(span.last);
        j["duration_s"] = span.empty() ? 0.0 : double(span.last - span.first) / 1000.0;
        j["frames"] = frames.size();
        Json byType = Json::object();
        for (const auto &[name, count] : framesByType)
            byType[name] = count;
        j["frames_by_type"] = byType;
        j["records"] = {{"series", n.series},
                        {"samples", n.samples},
                        {"sample_runs", n.sampleRuns},
                        {"scrapes", n.scrapes},
                        {"event_sources", n.eventSources},
                        {"events", n.events},
                        {"cluster_states", n.cluster},
                        {"alerts", n.alerts},
                        {"notes", n.notes},
                        {"unknown", n.unknown}};
        j["raw_bytes"] = raw;
        j["stored_bytes"] = stored;
        j["compression_ratio"] = stored ? Json(std::round(ratio * 1000) / 1000) : Json(nullptr);
        j["clean_close"] = reader->cleanlyClosed();
        j["damage"] = damage;
        std::printf("%s\n", j.dump(-1, ' ', false, Json::error_handler_t::replace).c_str());
        return 0;
    }
    std::printf("file        %s (%llu bytes), format %u, written by %s on %s\n", qPrintable(path),
                static_cast<unsigned long long>(reader->fileSize()), unsigned(h.version), h.writerId.c_str(),
                h.host.c_str());
    if (span.empty())
        std::printf("time        no records (started %s)\n", rfc3339(h.startMs).c_str());
    else
        std::printf("time        %s .. %s (%.3f s)\n", rfc3339(span.first).c_str(),
                    rfc3339(span.last).c_str(), double(span.last - span.first) / 1000.0);
    std::string byType;
    for (const auto &[name, count] : framesByType)
        if (count) byType += (byType.empty() ? "" : ", ") + name + " " + std::to_string(count);
    std::printf("frames      %zu (%s)\n", frames.size(), byType.empty() ? "none" : byType.c_str());
    std::printf("records     series %llu, samples %llu, scrapes %llu, event sources %llu, events %llu, "
                "cluster states %llu, alerts %llu, notes %llu\n",
                (unsigned long long)n.series, (unsigned long long)n.samples, (unsigned long long)n.scrapes,
                (unsigned long long)n.eventSources, (unsigned long long)n.events,
                (unsigned long long)n.cluster, (unsigned long long)n.alerts, (unsigned long long)n.notes);
    std::printf("payload     raw %llu bytes, stored %llu bytes (ratio %.2f)\n", (unsigned long long)raw,
                (unsigned long long)stored, ratio);
    std::printf("closed      %s\n", reader->cleanlyClosed() ? "cleanly" : "not cleanly (no valid footer)");
    if (damageText.empty()) std::printf("damage      none\n");
    for (const std::string &d : damageText)
        std::printf("damage      %s\n", d.c_str());
    return 0;
}

// --- verify -----------------------------------------------------------------------

int runVerify(const QString &program, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption salvageOpt(
        QStringLiteral("salvage"),
        QStringLiteral("Go on past a corrupt frame (scan for the next valid one)."));
    const QCommandLineOption strictOpt(QStringLiteral("strict"),
                                       QStringLiteral("Also fail when the file was not closed cleanly."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"),
                                     QStringLiteral("Print one JSON object on stdout."));
    parser.addOptions({salvageOpt, strictOpt, jsonOpt});
    QString path;
    if (const std::optional<int> rc = parseFileArgs(program, parser, args, path)) return *rc;
    const bool asJson = parser.isSet(jsonOpt);
    const std::string file = path.toStdString();

    struct Problem
    {
        std::uint64_t offset = 0, bytes = 0;
        std::string reason;
        bool tornTail = false;
    };
    std::vector<Problem> problems;
    const auto report = [&] {
        for (const Problem &p : problems)
            std::fprintf(stderr, "%s: offset %llu: %s\n", file.c_str(),
                         static_cast<unsigned long long>(p.offset), p.reason.c_str());
    };

    const QFileInfo fi(path);
    if (!fi.exists() || !fi.isFile() || !fi.isReadable()) {
        std::fprintf(stderr, "%s: cannot read %s: %s\n", qPrintable(program), file.c_str(),
                     !fi.exists() ? "No such file or directory" : "not a readable file");
        return kExitUsage;
    }
    ReaderOptions ro;
    ro.salvage = parser.isSet(salvageOpt);
    auto opened = CaptureReader::open(file, ro);
    if (!opened) {
        problems.push_back({0, std::uint64_t(fi.size()), opened.error().message, false});
        report();
        if (asJson) {
            const Json j = {{"path", file},
                            {"ok", false},
                            {"frames", 0},
                            {"records", 0},
                            {"clean_close", false},
                            {"problems",
                             {{{"offset", 0},
                               {"bytes", fi.size()},
                               {"reason", opened.error().message},
                               {"torn_tail", false}}}}};
            std::printf("%s\n", j.dump(-1, ' ', false, Json::error_handler_t::replace).c_str());
        } else {
            std::printf("%s: not a readable capture\n", file.c_str());
        }
        return kExitBad;
    }
    CaptureReader &reader = *opened.value();

    // Walk every frame in file order: CRC, decompression and record decoding happen in
    // read(); on top, the format's ordering rules: series ids dense and defined once,
    // before the samples that use them; event sources defined before their lines.
    std::uint64_t records = 0, checked = 0;
    std::uint32_t nextSeriesId = 0;
    std::unordered_set<std::uint32_t> sources;
    const std::vector<FrameInfo> frames = reader.frames();
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const FrameInfo &f = frames[i];
        auto frame = reader.read(i);
        if (!frame) {
            problems.push_back({f.offset, 40 + std::uint64_t(f.storedBytes), frame.error().message, false});
            continue;
        }
        ++checked;
        const FrameRecords &r = frame->records;
        records += r.series.size() + r.samples.size() + r.scrapes.size() + r.eventSources.size() +
                   r.events.size() + r.cluster.size() + r.alerts.size() + r.notes.size() + r.unknownRecords;
        for (const SeriesDef &s : r.series) {
            if (s.id != nextSeriesId)
                problems.push_back({f.offset, 0,
                                    "series definition " + std::to_string(s.id) + " out of order (expected " +
                                        std::to_string(nextSeriesId) + ")",
                                    false});
            nextSeriesId = std::max(nextSeriesId, s.id + 1);
        }
        for (const SampleRun &run : r.samples)
            if (run.seriesId >= nextSeriesId) {
                problems.push_back(
                    {f.offset, 0,
                     "samples of series " + std::to_string(run.seriesId) + " before its definition", false});
                break;
            }
        for (const EventSourceDef &s : r.eventSources)
            sources.insert(s.sourceId);
        for (const EventLine &e : r.events)
            if (!sources.count(e.sourceId)) {
                problems.push_back(
                    {f.offset, 0,
                     "event line of source " + std::to_string(e.sourceId) + " before its definition", false});
                break;
            }
    }
    // The reader also lists a frame that failed in read() as damage: one problem each.
    for (const Damage &d : reader.damage()) {
        const bool known = std::any_of(problems.begin(), problems.end(), [&](const Problem &p) {
            return p.offset == d.offset && p.bytes != 0; // a read failure of that frame
        });
        if (!known) problems.push_back({d.offset, d.bytes, d.reason, d.tornTail});
    }
    std::stable_sort(problems.begin(), problems.end(),
                     [](const Problem &a, const Problem &b) { return a.offset < b.offset; });
    const bool clean = reader.cleanlyClosed();
    if (parser.isSet(strictOpt) && !clean && problems.empty())
        problems.push_back({reader.fileSize(), 0, "not closed cleanly (no valid footer)", false});
    report();

    const bool ok = problems.empty();
    if (asJson) {
        Json list = Json::array();
        for (const Problem &p : problems)
            list.push_back(
                {{"offset", p.offset}, {"bytes", p.bytes}, {"reason", p.reason}, {"torn_tail", p.tornTail}});
        const Json j = {
            {"path", file},         {"ok", ok},        {"frames", frames.size()}, {"records", records},
            {"clean_close", clean}, {"problems", list}};
        std::printf("%s\n", j.dump(-1, ' ', false, Json::error_handler_t::replace).c_str());
    } else if (ok) {
        std::printf("%s: OK, %zu frames, %llu records, %s\n", file.c_str(), frames.size(),
                    static_cast<unsigned long long>(records),
                    clean ? "closed cleanly" : "not closed cleanly (ends at a frame boundary)");
    } else {
        std::printf("%s: %zu problem%s, %llu of %zu frames check, %s\n", file.c_str(), problems.size(),
                    problems.size() == 1 ? "" : "s", static_cast<unsigned long long>(checked), frames.size(),
                    clean ? "closed cleanly" : "not closed cleanly");
    }
    return ok ? 0 : kExitBad;
}

// --- export -----------------------------------------------------------------------

// T: ms since the epoch (an integer) or RFC 3339.
std::optional<std::int64_t> parseTime(const QString &text)
{
    bool ok = false;
    const qlonglong ms = text.toLongLong(&ok);
    if (ok) return ms;
    const std::string s = text.toStdString();
    if (const auto ns = parseRfc3339(s)) return nsToMs(*ns);
    return std::nullopt;
}

// The 0.0.4 family a series belongs to, and the TYPE printed for it.
std::pair<std::string, const char *> familyOf(const SeriesDef &s)
{
    const auto strip = [&](std::initializer_list<std::string_view> suffixes) -> std::optional<std::string> {
        for (std::string_view suf : suffixes)
            if (s.name.size() > suf.size() && std::string_view(s.name).ends_with(suf))
                return s.name.substr(0, s.name.size() - suf.size());
        return std::nullopt;
    };
    switch (s.type) {
    case expo::MetricType::Counter:
        return {s.name, "counter"};
    case expo::MetricType::Gauge:
        return {s.name, "gauge"};
    case expo::MetricType::Histogram:
        if (auto f = strip({"_bucket", "_sum", "_count"})) return {*f, "histogram"};
        return {s.name, "untyped"};
    case expo::MetricType::Summary:
        if (auto f = strip({"_sum", "_count"})) return {*f, "summary"};
        return {s.name, "summary"}; // quantile samples carry the family name
    default:
        return {s.name, "untyped"};
    }
}

int runExport(const QString &program, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption formatOpt({QStringLiteral("f"), QStringLiteral("format")},
                                       QStringLiteral("csv, prom (samples) or ndjson (events). Required."),
                                       QStringLiteral("FORMAT"));
    const QCommandLineOption fromOpt(
        QStringLiteral("from"),
        QStringLiteral("Only records at or after T (RFC 3339 or ms since the epoch)."), QStringLiteral("T"));
    const QCommandLineOption toOpt(QStringLiteral("to"), QStringLiteral("Only records before T."),
                                   QStringLiteral("T"));
    const QCommandLineOption seriesOpt(QStringLiteral("series"),
                                       QStringLiteral("csv/prom: only series matching this PromQL selector."),
                                       QStringLiteral("SELECTOR"));
    const QCommandLineOption salvageOpt(
        QStringLiteral("salvage"),
        QStringLiteral("Go on past a corrupt frame (scan for the next valid one)."));
    parser.addOptions({formatOpt, fromOpt, toOpt, seriesOpt, salvageOpt});
    QString path;
    if (const std::optional<int> rc = parseFileArgs(program, parser, args, path)) return *rc;
    const QString format = parser.value(formatOpt);
    if (format != QLatin1String("csv") && format != QLatin1String("prom") &&
        format != QLatin1String("ndjson"))
        return usageError(program, QStringLiteral("--format wants csv, prom or ndjson"));
    std::int64_t from = std::numeric_limits<std::int64_t>::min(),
                 to = std::numeric_limits<std::int64_t>::max();
    if (parser.isSet(fromOpt)) {
        const auto t = parseTime(parser.value(fromOpt));
        if (!t)
            return usageError(program, QStringLiteral("--from wants RFC 3339 or ms since the epoch, got '%1'")
                                           .arg(parser.value(fromOpt)));
        from = *t;
    }
    if (parser.isSet(toOpt)) {
        const auto t = parseTime(parser.value(toOpt));
        if (!t)
            return usageError(program, QStringLiteral("--to wants RFC 3339 or ms since the epoch, got '%1'")
                                           .arg(parser.value(toOpt)));
        to = *t;
    }
    const bool events = format == QLatin1String("ndjson");
    std::optional<Selector> selector;
    if (parser.isSet(seriesOpt)) {
        if (events)
            return usageError(program, QStringLiteral("--series applies to csv and prom, not ndjson"));
        auto parsed = Selector::parse(parser.value(seriesOpt).toStdString());
        if (!parsed)
            return usageError(
                program, QStringLiteral("--series: %1").arg(QString::fromStdString(parsed.error().message)));
        selector = std::move(parsed.value());
    }
    std::unique_ptr<CaptureReader> reader;
    if (const int rc = openCapture(program, path, parser.isSet(salvageOpt), reader)) return rc;

    // Which series pass the selector, decided once per series.
    const std::vector<SeriesDef> &series = reader->series();
    std::vector<char> wanted(series.size(), 1);
    if (selector)
        for (std::size_t i = 0; i < series.size(); ++i)
            wanted[i] = selector->matches(series[i].name, std::span<const Label>(series[i].labels));
    const auto seriesWanted = [&](std::uint32_t id) { return id < wanted.size() && wanted[id]; };

    int rc = 0;
    std::string out;
    const auto drain = [&](bool force) {
        if (force || out.size() >= (1u << 20)) {
            std::fwrite(out.data(), 1, out.size(), stdout);
            out.clear();
        }
    };
    // prom: samples per series, families printed at the end (grouping needs them all).
    std::unordered_map<std::uint32_t, std::vector<SamplePoint>> perSeries;
    if (format == QLatin1String("csv")) out += "name,labels,timestamp_ms,value\n";

    const std::vector<FrameInfo> frames = reader->frames();
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const FrameType type = frames[i].type;
        if (events ? type != FrameType::Events : type != FrameType::Samples) continue;
        auto frame = reader->read(i);
        if (!frame) {
            std::fprintf(stderr, "%s: offset %llu: %s\n", qPrintable(path),
                         static_cast<unsigned long long>(frames[i].offset), frame.error().message.c_str());
            rc = kExitBad;
            continue;
        }
        if (events) {
            for (const EventLine &e : frame->records.events) {
                const std::int64_t ms = nsToMs(e.arrivalNs);
                if (ms < from || ms >= to) continue;
                out += e.line;
                out += '\n';
                drain(false);
            }
            continue;
        }
        for (const SampleRun &run : frame->records.samples) {
            if (!seriesWanted(run.seriesId)) continue;
            if (format == QLatin1String("prom")) {
                auto &points = perSeries[run.seriesId];
                for (const SamplePoint &p : run.points)
                    if (p.timestampMs >= from && p.timestampMs < to) points.push_back(p);
                continue;
            }
            const SeriesDef &s = series[run.seriesId];
            for (const SamplePoint &p : run.points) {
                if (p.timestampMs < from || p.timestampMs >= to) continue;
                out += s.name;
                out += ",\"";
                std::string labels;
                appendLabels(labels, s.labels);
                for (char c : labels) {
                    if (c == '"') out += '"';
                    out += c;
                }
                out += "\",";
                appendInt(out, p.timestampMs);
                out += ',';
                appendValue(out, p.value);
                out += '\n';
                drain(false);
            }
        }
    }

    if (format == QLatin1String("prom")) {
        // Families in order of their first series (series ids are in order of first use).
        std::vector<std::string> familyOrder;
        std::unordered_map<std::string, std::pair<const char *, std::vector<std::uint32_t>>> families;
        for (std::uint32_t id = 0; id < series.size(); ++id) {
            const auto it = perSeries.find(id);
            if (it == perSeries.end() || it->second.empty()) continue;
            auto [name, typeName] = familyOf(series[id]);
            auto [slot, inserted] = families.try_emplace(name, typeName, std::vector<std::uint32_t>{});
            if (inserted) familyOrder.push_back(name);
            slot->second.second.push_back(id);
        }
        for (const std::string &name : familyOrder) {
            const auto &[typeName, ids] = families[name];
            out += "# TYPE " + name + ' ' + typeName + '\n';
            for (std::uint32_t id : ids) {
                auto &points = perSeries[id];
                std::stable_sort(
                    points.begin(), points.end(),
                    [](const SamplePoint &a, const SamplePoint &b) { return a.timestampMs < b.timestampMs; });
                std::string head = series[id].name;
                if (!series[id].labels.empty()) appendLabels(head, series[id].labels);
                for (const SamplePoint &p : points) {
                    out += head;
                    out += ' ';
                    appendValue(out, p.value);
                    out += ' ';
                    appendInt(out, p.timestampMs);
                    out += '\n';
                    drain(false);
                }
            }
        }
    }
    drain(true);
    std::fflush(stdout);
    for (const Damage &d : reader->damage()) {
        std::fprintf(stderr, "%s: offset %llu: %s\n", qPrintable(path),
                     static_cast<unsigned long long>(d.offset), d.reason.c_str());
        if (!d.tornTail) rc = kExitBad;
    }
    return rc;
}

} // namespace

int runCapture(const QStringList &args)
{
    const QString sub = args.value(1);
    if (sub.isEmpty() || sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        std::fprintf(sub.isEmpty() ? stderr : stdout,
                     "Usage: vigilctl capture info|verify|export [options] FILE\n\n%s\n", kDescription);
        return sub.isEmpty() ? kExitUsage : 0;
    }
    QStringList rest = args;
    rest.removeAt(1);
    const QString program = QStringLiteral("vigilctl capture ") + sub;
    rest[0] = program;
    if (sub == QLatin1String("info")) return runInfo(program, rest);
    if (sub == QLatin1String("verify")) return runVerify(program, rest);
    if (sub == QLatin1String("export")) return runExport(program, rest);
    return usageError(QStringLiteral("vigilctl capture"),
                      QStringLiteral("unknown subcommand '%1' (info, verify, export)").arg(sub));
}

} // namespace vigil::cli

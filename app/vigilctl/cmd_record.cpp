// `vigilctl record`: records scrape targets and event stream sources into a .vcap
// capture (docs/capture-format.md) until SIGINT/SIGTERM, --duration, or — without
// targets — the end of every event source; then closes the file cleanly and prints a
// JSON summary on stdout. Progress goes to stderr.
//
// Wiring (the GUI's, minus the GUI): Scraper -> IngestHub (capture tap ->
// CaptureWriter::addSamples); stream sources -> CaptureTapSink (-> addEventLines) ->
// EventEngine. `--sim` runs the simulator on this thread's event loop and records it.
// A progress thread flushes the writer every --progress-interval and prints what is
// now written (acknowledged: it survives a kill -9 of this process).
#include "app/vigilctl/commands.h"
#include "app/vigilctl/quit_on_signal.h"

#include "core/capture/capture_writer.h"
#include "core/capture/cluster_state_tap.h"
#include "core/cluster/cluster_monitor.h"
#include "core/cluster/cluster_profile.h"
#include "core/engine/capture_tap_sink.h"
#include "core/engine/event_engine.h"
#include "core/hub/ingest_hub.h"
#include "core/scrape/scraper.h"
#include "core/sim/simulator.h"
#include "core/stream/stream_source.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QSysInfo>
#include <QTimer>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>

namespace vigil::cli {

namespace {

using Json = nlohmann::ordered_json; // keys in the documented order

constexpr int kExitFailed = 1; // a source or target could not be used
constexpr int kExitUsage = 2;  // usage or I/O error (the output file, the disk)

const char *kDescription =
    "Record scrape targets and NDJSON event sources into a .vcap capture file.\n"
    "\n"
    "Targets are scraped on --interval through the live scraper; event sources are\n"
    "read and run through the event engine, and every line they deliver is recorded.\n"
    "Recording stops on SIGINT/SIGTERM, when --duration has passed, or, when there are\n"
    "no targets, when every event source has ended (a bare PATH or - at its end). The\n"
    "file is then closed cleanly (trailer and footer) and one JSON object is printed on\n"
    "stdout: {\"path\",\"files\",\"frames\",\"bytes\",\"samples\",\"events\",\"scrapes\",\n"
    "\"duration_s\",\"dropped\",\"error\"}.\n"
    "\n"
    "stderr: 'vigilctl record: recording to PATH' once the file exists, then a progress\n"
    "line per --progress-interval: 'vigilctl record: progress frames=F bytes=B events=E\n"
    "samples=S scrapes=C dropped=D' — everything counted there is written (survives a\n"
    "kill -9 of the recorder).\n"
    "\n"
    "--sim runs the simulator in-process ('vigilctl sim') and records its nodes, its\n"
    "event stream and its cluster state, to make sample captures.\n"
    "\n"
    "Durations: 500ms, 2s, 1.5m, 1h or plain seconds. Sizes: bytes, or with K, M, G\n"
    "(powers of 1024).\n"
    "\n"
    "Exit status: 0 recorded and closed cleanly; 1 an event source could not be created\n"
    "or failed (cannot listen, read error); 2 usage error, or the capture file could not\n"
    "be created or written (the file keeps every frame written before the failure).";

int usageError(const QString &message)
{
    std::fprintf(stderr, "vigilctl record: %s\nRun 'vigilctl record --help' for the options.\n",
                 qPrintable(message));
    return kExitUsage;
}

// "500ms", "2s", "1.5m", "1h", "3" (seconds) -> milliseconds; nullopt when invalid or <= 0.
std::optional<std::int64_t> parseDurationMs(QString text)
{
    text = text.trimmed();
    double scale = 1000;
    if (text.endsWith(QLatin1String("ms"))) {
        scale = 1;
        text.chop(2);
    } else if (text.endsWith(QLatin1Char('s'))) {
        text.chop(1);
    } else if (text.endsWith(QLatin1Char('m'))) {
        scale = 60'000;
        text.chop(1);
    } else if (text.endsWith(QLatin1Char('h'))) {
        scale = 3'600'000;
        text.chop(1);
    }
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v) || v <= 0 || v * scale > 1e13) return std::nullopt;
    const auto ms = static_cast<std::int64_t>(std::llround(v * scale));
    return ms > 0 ? std::optional<std::int64_t>(ms) : std::nullopt;
}

// "1048576", "64K", "100M", "2G" (powers of 1024) -> bytes; nullopt when invalid or 0.
std::optional<std::uint64_t> parseSize(QString text)
{
    text = text.trimmed().toUpper();
    if (text.endsWith(QLatin1String("IB")))
        text.chop(2);
    else if (text.endsWith(QLatin1Char('B')) && text.size() > 1 && !text.at(text.size() - 2).isDigit())
        text.chop(1);
    std::uint64_t scale = 1;
    if (text.endsWith(QLatin1Char('K')))
        scale = 1ull << 10;
    else if (text.endsWith(QLatin1Char('M')))
        scale = 1ull << 20;
    else if (text.endsWith(QLatin1Char('G')))
        scale = 1ull << 30;
    if (scale != 1) text.chop(1);
    bool ok = false;
    const qulonglong v = text.toULongLong(&ok);
    if (!ok || v == 0 || v > (1ull << 50) / scale) return std::nullopt;
    return std::uint64_t(v) * scale;
}

// Counts what the hub tap handed to the writer (for the progress acknowledgements).
struct TapCounters
{
    std::atomic<std::uint64_t> samples{0};
    std::atomic<std::uint64_t> scrapes{0};
};

// Flushes the writer every interval and prints what is now written; stops on request.
class ProgressPrinter
{
  public:
    ProgressPrinter(capture::CaptureWriter &writer, const CaptureTapSink *events, const TapCounters &counters,
                    std::chrono::milliseconds interval)
        : m_writer(writer), m_events(events), m_counters(counters), m_interval(interval),
          m_thread([this] { run(); })
    {
    }
    ~ProgressPrinter() { stop(); }

    void stop()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_cv.notify_all();
        if (m_thread.joinable()) m_thread.join();
    }

  private:
    void run()
    {
        std::unique_lock lock(m_mutex);
        while (!m_cv.wait_for(lock, m_interval, [&] { return m_stop; })) {
            lock.unlock();
            tick();
            lock.lock();
        }
    }

    void tick()
    {
        // Counted before the flush, so every record counted was queued before it and is
        // written once flush() returns.
        const std::uint64_t events = m_events ? m_events->linesCaptured() : 0;
        const std::uint64_t samples = m_counters.samples.load(std::memory_order_acquire);
        const std::uint64_t scrapes = m_counters.scrapes.load(std::memory_order_acquire);
        const Result<void> flushed = m_writer.flush(false);
        const capture::WriterStatus s = m_writer.status();
        if (!flushed) {
            std::fprintf(stderr, "vigilctl record: %s\n", flushed.error().message.c_str());
            return;
        }
        std::fprintf(stderr,
                     "vigilctl record: progress frames=%llu bytes=%llu events=%llu samples=%llu scrapes=%llu "
                     "dropped=%llu\n",
                     static_cast<unsigned long long>(s.writtenSequence),
                     static_cast<unsigned long long>(s.totalBytes), static_cast<unsigned long long>(events),
                     static_cast<unsigned long long>(samples), static_cast<unsigned long long>(scrapes),
                     static_cast<unsigned long long>(s.droppedRecords));
    }

    capture::CaptureWriter &m_writer;
    const CaptureTapSink *m_events;
    const TapCounters &m_counters;
    const std::chrono::milliseconds m_interval;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    std::thread m_thread; // last: starts once the members above exist
};

} // namespace

int runRecord(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(kDescription));
    parser.addHelpOption();
    const QCommandLineOption outputOpt(
        {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("The capture file to create (must not exist). Required."),
        QStringLiteral("FILE.vcap"));
    const QCommandLineOption targetOpt(
        {QStringLiteral("t"), QStringLiteral("target")},
        QStringLiteral(
            "A /metrics URL to scrape, repeatable. User-info is sent as basic auth, never recorded."),
        QStringLiteral("URL"));
    const QCommandLineOption listenOpt(
        {QStringLiteral("l"), QStringLiteral("listen")},
        QStringLiteral(
            "An NDJSON event source, repeatable: tcp://HOST:PORT, tcp-listen://:PORT, udp://:PORT,\n"
            "file:PATH (follow), PATH (read once), - (stdin)."),
        QStringLiteral("SOURCE"));
    const QCommandLineOption intervalOpt(QStringLiteral("interval"),
                                         QStringLiteral("Scrape interval (default 5s)."),
                                         QStringLiteral("DURATION"), QStringLiteral("5s"));
    const QCommandLineOption timeoutOpt(
        QStringLiteral("timeout"), QStringLiteral("Scrape timeout (default: the interval, at most 10s)."),
        QStringLiteral("DURATION"));
    const QCommandLineOption jobOpt(QStringLiteral("job"),
                                    QStringLiteral("Job label of the targets (default vigil)."),
                                    QStringLiteral("NAME"), QStringLiteral("vigil"));
    const QCommandLineOption durationOpt(QStringLiteral("duration"),
                                         QStringLiteral("Stop after this long (default: until a signal)."),
                                         QStringLiteral("DURATION"));
    const QCommandLineOption zstdOpt(
        QStringLiteral("zstd-level"),
        QStringLiteral("zstd level 1-19 of the frames; 0 stores them uncompressed (default 1)."),
        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption rotateSizeOpt(
        QStringLiteral("rotate-size"),
        QStringLiteral(
            "Close the file cleanly and continue in FILE-0002.vcap, ... once it holds this many bytes."),
        QStringLiteral("BYTES"));
    const QCommandLineOption rotateTimeOpt(QStringLiteral("rotate-time"),
                                           QStringLiteral("Rotate after this long (whole seconds)."),
                                           QStringLiteral("DURATION"));
    const QCommandLineOption simOpt(
        QStringLiteral("sim"),
        QStringLiteral("Run the simulator in-process and record its nodes and event stream."));
    const QCommandLineOption nodesOpt(QStringLiteral("nodes"),
                                      QStringLiteral("--sim: cluster size 1-64 (default 3)."),
                                      QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption rateOpt(
        QStringLiteral("rate"), QStringLiteral("--sim: average NDJSON events per second (default 2000)."),
        QStringLiteral("R"), QStringLiteral("2000"));
    const QCommandLineOption seedOpt(QStringLiteral("seed"),
                                     QStringLiteral("--sim: seed of the dynamics (default 1)."),
                                     QStringLiteral("N"), QStringLiteral("1"));
    // Test options (hidden from --help, documented in docs/cli.md as such).
    const QCommandLineOption clusterOpt(
        QStringLiteral("cluster"),
        QStringLiteral("Also record the Raft cluster's state (leader, terms, indexes, lag, anomalies) whenever\n"
                       "it changes, the targets being its members: a cluster profile (eventstream, etcd) or a\n"
                       "profile JSON file. --sim records its cluster with the eventstream profile."),
        QStringLiteral("PROFILE"));
    QCommandLineOption frameBytesOpt(QStringLiteral("frame-bytes"),
                                     QStringLiteral("Raw payload at which a frame is cut (default 1M)."),
                                     QStringLiteral("BYTES"));
    QCommandLineOption frameAgeOpt(
        QStringLiteral("frame-age"),
        QStringLiteral("A partly filled frame is cut after this long (default 1s)."),
        QStringLiteral("DURATION"));
    QCommandLineOption progressOpt(QStringLiteral("progress-interval"),
                                   QStringLiteral("Flush and print progress this often (default 1s)."),
                                   QStringLiteral("DURATION"), QStringLiteral("1s"));
    for (QCommandLineOption *o : {&frameBytesOpt, &frameAgeOpt, &progressOpt})
        o->setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(clusterOpt);
    parser.addOptions({outputOpt, targetOpt, listenOpt, intervalOpt, timeoutOpt, jobOpt, durationOpt, zstdOpt,
                       rotateSizeOpt, rotateTimeOpt, simOpt, nodesOpt, rateOpt, seedOpt, frameBytesOpt,
                       frameAgeOpt, progressOpt});
    if (!parser.parse(args)) return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().front()));
    if (!parser.isSet(outputOpt)) return usageError(QStringLiteral("missing -o FILE.vcap"));
    const bool sim = parser.isSet(simOpt);
    if (!sim && !parser.isSet(targetOpt) && !parser.isSet(listenOpt))
        return usageError(QStringLiteral("nothing to record: give --target, --listen or --sim"));

    capture::WriterOptions wo;
    wo.path = parser.value(outputOpt).toStdString();
    wo.writerId = "vigilctl " VIGIL_VERSION;
    wo.host = QSysInfo::machineHostName().toStdString();
    bool ok = false;
    wo.zstdLevel = parser.value(zstdOpt).toInt(&ok);
    if (!ok || wo.zstdLevel < 0 || wo.zstdLevel > 19)
        return usageError(QStringLiteral("--zstd-level wants 0-19"));
    if (parser.isSet(rotateSizeOpt)) {
        const auto v = parseSize(parser.value(rotateSizeOpt));
        if (!v) return usageError(QStringLiteral("--rotate-size wants a size in bytes (K, M, G allowed)"));
        wo.rotateBytes = *v;
    }
    if (parser.isSet(rotateTimeOpt)) {
        const auto v = parseDurationMs(parser.value(rotateTimeOpt));
        if (!v || *v < 1000)
            return usageError(QStringLiteral("--rotate-time wants a duration of at least 1s"));
        wo.rotateAfter = std::chrono::seconds(*v / 1000);
    }
    if (parser.isSet(frameBytesOpt)) {
        const auto v = parseSize(parser.value(frameBytesOpt));
        if (!v || *v > (64ull << 20)) return usageError(QStringLiteral("--frame-bytes wants 1 byte to 64M"));
        wo.frameBytes = static_cast<std::size_t>(*v);
    }
    if (parser.isSet(frameAgeOpt)) {
        const auto v = parseDurationMs(parser.value(frameAgeOpt));
        if (!v) return usageError(QStringLiteral("--frame-age wants a duration"));
        wo.maxFrameAge = std::chrono::milliseconds(*v);
    }
    const auto progressMs = parseDurationMs(parser.value(progressOpt));
    if (!progressMs) return usageError(QStringLiteral("--progress-interval wants a duration"));
    const auto intervalMs = parseDurationMs(parser.value(intervalOpt));
    if (!intervalMs) return usageError(QStringLiteral("--interval wants a duration > 0"));
    std::int64_t timeoutMs = std::min<std::int64_t>(*intervalMs, 10'000);
    if (parser.isSet(timeoutOpt)) {
        const auto v = parseDurationMs(parser.value(timeoutOpt));
        if (!v) return usageError(QStringLiteral("--timeout wants a duration > 0"));
        timeoutMs = *v;
    }
    std::int64_t durationMs = 0;
    if (parser.isSet(durationOpt)) {
        const auto v = parseDurationMs(parser.value(durationOpt));
        if (!v) return usageError(QStringLiteral("--duration wants a duration > 0"));
        durationMs = *v;
    }

    std::vector<std::string> targetUrls;
    for (const QString &t : parser.values(targetOpt)) {
        const QUrl url(t, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return usageError(QStringLiteral("--target wants an http(s) URL with a host, got '%1'")
                                  .arg(url.adjusted(QUrl::RemoveUserInfo).toString()));
        targetUrls.push_back(t.toStdString());
    }
    std::vector<std::string> sourceUrls;
    for (const QString &l : parser.values(listenOpt))
        sourceUrls.push_back(l.toStdString());

    SimOptions simOptions;
    if (sim) {
        simOptions.nodes = parser.value(nodesOpt).toInt(&ok);
        if (!ok || simOptions.nodes < 1 || simOptions.nodes > 64)
            return usageError(QStringLiteral("--nodes wants 1-64"));
        simOptions.eventsPerSecond = parser.value(rateOpt).toDouble(&ok);
        if (!ok || !(simOptions.eventsPerSecond >= 0) || simOptions.eventsPerSecond > 5e6)
            return usageError(QStringLiteral("--rate wants 0-5000000 events per second"));
        simOptions.seed = parser.value(seedOpt).toULongLong(&ok);
        if (!ok) return usageError(QStringLiteral("--seed wants an unsigned integer"));
    }

    std::optional<ClusterProfile> clusterProfile;
    if (parser.isSet(clusterOpt) || sim) {
        const QString name = parser.isSet(clusterOpt) ? parser.value(clusterOpt) : QStringLiteral("eventstream");
        auto profile = loadClusterProfile(name);
        if (!profile)
            return usageError(QStringLiteral("--cluster %1: %2").arg(name, QString::fromStdString(profile.error().message)));
        clusterProfile = std::move(*profile);
    }

    // Signals first, so a SIGTERM during start-up still closes the file cleanly.
    QuitOnSignal quitOnSignal;
    if (!quitOnSignal.ok())
        return kExitUsage;

    std::unique_ptr<Simulator> simulator;
    if (sim) {
        simulator = std::make_unique<Simulator>(simOptions);
        const Result<void> started = simulator->start();
        if (!started) {
            std::fprintf(stderr, "vigilctl record: %s\n", started.error().message.c_str());
            return kExitFailed;
        }
        for (const QUrl &url : simulator->metricsUrls())
            targetUrls.push_back(url.toString().toStdString());
        sourceUrls.push_back(simulator->eventUrl().toString().toStdString());
        std::fprintf(stderr, "vigilctl record: simulator with %d nodes, events on %s\n", simOptions.nodes,
                     qPrintable(simulator->eventUrl().toString()));
    }

    // Event sources are created (and checked) before the file exists, so a bad source
    // leaves no capture behind; they start reading only once the writer is set.
    // The recorder's own engine publishes no vigil_engine_* series (hub null): a capture
    // holds what came from outside, and a replay recomputes the engine's series.
    std::unique_ptr<EventEngine> engine;
    std::unique_ptr<CaptureTapSink> eventTap;
    std::vector<std::unique_ptr<StreamSource>> sources;
    const auto stopSources = [&] {
        for (const auto &source : sources)
            source->stop();
        if (engine) engine->stop();
    };
    if (!sourceUrls.empty()) {
        EngineOptions eo;
        eo.instance = "vigilctl-record";
        engine = std::make_unique<EventEngine>(eo);
        engine->start();
        eventTap = std::make_unique<CaptureTapSink>(*engine);
        StreamSourceOptions so;
        so.maxLineBytes = eo.maxLineBytes;
        for (const std::string &url : sourceUrls) {
            auto source = createStreamSource(url, *eventTap, so);
            if (!source) {
                std::fprintf(stderr, "vigilctl record: %s\n", source.error().message.c_str());
                stopSources();
                if (simulator) simulator->stop();
                return kExitFailed;
            }
            sources.push_back(std::move(source.value()));
        }
    }

    auto opened = capture::CaptureWriter::open(wo);
    if (!opened) {
        std::fprintf(stderr, "vigilctl record: %s\n", opened.error().message.c_str());
        stopSources();
        if (simulator) simulator->stop();
        return kExitUsage;
    }
    std::shared_ptr<capture::CaptureWriter> writer(std::move(opened.value()));
    const auto started = std::chrono::steady_clock::now();

    TapCounters counters;
    capture::ClusterStateTap clusterTap(*writer);
    IngestHub hub;
    hub.setCaptureTap([w = writer.get(), &counters](const SampleBatch &batch) {
        w->addSamples(batch);
        if (batch.parsed) counters.samples.fetch_add(batch.parsed->samples.size(), std::memory_order_release);
        if (batch.scrape) counters.scrapes.fetch_add(1, std::memory_order_release);
    });
    hub.start();
    // Sources wait for the writer rather than lose a line (a file converts at disk speed,
    // a TCP sender feels backpressure); defines the sources registered above.
    if (eventTap) eventTap->setWriter(writer, capture::WhenFull::Wait);
    int exitCode = 0;
    std::string error;

    Scraper scraper([&hub](SampleBatch &&batch) { hub.submit(std::move(batch)); });
    std::unique_ptr<ProgressPrinter> progress;
    {
        std::vector<ScrapeTargetConfig> configs;
        for (const std::string &url : targetUrls) {
            ScrapeTargetConfig c;
            c.url = url;
            c.job = parser.value(jobOpt).toStdString();
            c.interval = std::chrono::milliseconds(*intervalMs);
            c.timeout = std::chrono::milliseconds(timeoutMs);
            configs.push_back(std::move(c));
        }
        std::fprintf(stderr, "vigilctl record: recording to %s (%zu targets, %zu event sources)\n",
                     wo.path.c_str(), configs.size(), sources.size());
        for (const auto &source : sources)
            source->start();
        if (!configs.empty()) {
            scraper.setTargets(std::move(configs));
            scraper.start();
        }
        progress = std::make_unique<ProgressPrinter>(*writer, eventTap.get(), counters,
                                                     std::chrono::milliseconds(*progressMs));
        // The cluster's state from the scraped members, offered to the capture every second.
        std::unique_ptr<ClusterMonitor> monitor;
        if (clusterProfile && !targetUrls.empty()) {
            monitor = std::make_unique<ClusterMonitor>(*clusterProfile, hub.store(), targetUrls);
            monitor->start();
        }
        QTimer clusterTimer;
        QObject::connect(&clusterTimer, &QTimer::timeout, &clusterTimer, [&] {
            clusterTap.offer(monitor->snapshot(), QDateTime::currentMSecsSinceEpoch());
        });
        if (monitor)
            clusterTimer.start(1000);

        QTimer durationTimer;
        durationTimer.setSingleShot(true);
        QObject::connect(&durationTimer, &QTimer::timeout, &durationTimer, [] { QCoreApplication::quit(); });
        if (durationMs > 0) durationTimer.start(std::chrono::milliseconds(durationMs));
        // Stop on a writer failure; when nothing more can arrive (no targets and every
        // event source ended); or when a source failed for good (cannot listen, read
        // error): the operator asked for that source. Checked every 50 ms (failed
        // sources every 0.5 s: snapshot() copies the engine's statistics).
        QTimer watch;
        int ticks = 0;
        QObject::connect(&watch, &QTimer::timeout, &watch, [&] {
            if (!writer->status().error.empty()) QCoreApplication::quit();
            if (engine && targetUrls.empty() && engine->waitSourcesEnded(std::chrono::milliseconds(0)))
                QCoreApplication::quit();
            if (engine && ++ticks % 10 == 0)
                for (const SourceStats &src : engine->snapshot().sources)
                    if (src.ended && src.endReason != "end of input" && src.endReason != "stopped")
                        QCoreApplication::quit();
        });
        watch.start(50);
        QCoreApplication::exec();
        if (monitor) {
            monitor->stop();
            clusterTap.offer(monitor->snapshot(), QDateTime::currentMSecsSinceEpoch());
        }
    }

    // Stop order: no more scrapes; sources stop (the engine still drains, so a source
    // blocked in push() returns); engine; simulator; hub (its last batches pass the tap).
    scraper.stop();
    stopSources();
    if (engine) {
        for (const SourceStats &src : engine->snapshot().sources)
            if (src.ended && src.endReason != "end of input" && src.endReason != "stopped" && error.empty()) {
                error = src.url + ": " + src.endReason;
                exitCode = kExitFailed;
            }
    }
    if (simulator) simulator->stop();
    hub.flush();
    hub.stop();
    hub.setCaptureTap({});
    if (eventTap) eventTap->setWriter(nullptr);
    if (progress) progress->stop();
    const Result<void> closed = writer->close();
    const capture::WriterStatus s = writer->status();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    if (!s.error.empty() || !closed) {
        error = !s.error.empty() ? s.error : closed.error().message;
        exitCode = kExitUsage;
    }
    if (!error.empty()) std::fprintf(stderr, "vigilctl record: %s\n", error.c_str());

    Json files = Json::array();
    const std::string base =
        wo.path.size() > 5 && wo.path.ends_with(".vcap") ? wo.path.substr(0, wo.path.size() - 5) : wo.path;
    files.push_back(wo.path);
    for (int i = 2; i <= s.filesRotated + 1; ++i) {
        char suffix[32];
        std::snprintf(suffix, sizeof suffix, "-%04d.vcap", i);
        files.push_back(base + suffix);
    }
    const Json summary = {{"path", wo.path},
                          {"files", files},
                          {"frames", s.framesWritten},
                          {"bytes", s.totalBytes},
                          {"samples", s.samples},
                          {"events", s.events},
                          {"scrapes", s.scrapes},
                          {"cluster_states", s.clusterStates},
                          {"duration_s", std::round(seconds * 1000) / 1000},
                          {"dropped", s.droppedRecords},
                          {"error", error.empty() ? Json(nullptr) : Json(error)}};
    std::printf("%s\n", summary.dump(-1, ' ', false, Json::error_handler_t::replace).c_str());
    std::fflush(stdout);
    return exitCode;
}

} // namespace vigil::cli

#include "app/vigil/offline_session.h"

#include "app/vigil/event_ingest.h"
#include "core/cluster/cluster_json.h"
#include "core/hub/ingest_hub.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>
#include <QSaveFile>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace vigil {

namespace {

constexpr qint64 kMaxSidecarBytes = 64 << 20;
constexpr std::size_t kMaxNoteBytes = 64 << 10;
constexpr std::size_t kMaxNoteFieldBytes = 256;

std::string capped(std::string s, std::size_t max)
{
    if (s.size() > max)
        s.resize(max);
    return s;
}

} // namespace

// ---- ReplayedCluster ----

void ReplayedCluster::set(ClusterSnapshot snapshot)
{
    std::lock_guard lock(m_mutex);
    m_snapshot = std::move(snapshot);
}

void ReplayedCluster::clear()
{
    std::lock_guard lock(m_mutex);
    m_snapshot = {};
}

ClusterSnapshot ReplayedCluster::snapshot() const
{
    std::lock_guard lock(m_mutex);
    return m_snapshot;
}

std::uint64_t ReplayedCluster::malformed() const
{
    std::lock_guard lock(m_mutex);
    return m_malformed;
}

void ReplayedCluster::countMalformed()
{
    std::lock_guard lock(m_mutex);
    ++m_malformed;
}

// ---- opening on a worker ----

struct OfflineSession::Opening
{
    std::uint64_t id = 0; // which open() this is (a finished one is matched by id, not address)
    std::string path;
    bool salvage = false;
    std::atomic<bool> cancelled{false};
    std::atomic<int> percent{0};
    std::thread thread;
    // Result, handed to the GUI thread after the thread ends.
    std::mutex m;
    std::unique_ptr<capture::CaptureReader> reader;
    std::string error;
    QString sidecarPath;
    std::vector<capture::Note> sidecar;
    int sidecarSkipped = 0;

    ~Opening()
    {
        cancelled = true;
        if (thread.joinable())
            thread.join();
    }
};

OfflineSession::OfflineSession(IngestHub &hub, EventIngest &events, ReplayedCluster &cluster, QObject *parent)
    : QObject(parent), m_hub(hub), m_events(events), m_cluster(cluster)
{
}

OfflineSession::~OfflineSession() { closeCurrent(); }

void OfflineSession::closeCurrent()
{
    m_opening.reset(); // cancels and joins
    m_scan.reset();
    m_replay.reset(); // stops and joins; outputs are not called afterwards
}

void OfflineSession::open(const QString &path, bool salvage)
{
    closeCurrent();
    m_path = path;
    m_salvage = salvage;
    m_phase = Phase::Opening;
    m_damageSummary.clear();
    m_damaged = false;
    {
        std::lock_guard lock(m_notesMutex);
        m_captureNotes.clear();
        m_sidecarNotes.clear();
        ++m_notesVersion;
    }
    auto opening = std::make_shared<Opening>();
    opening->id = ++m_openings;
    opening->path = QFile::encodeName(path).toStdString();
    opening->sidecarPath = sidecarPath();
    opening->salvage = salvage;
    m_opening = opening;
    QPointer<OfflineSession> self(this);
    Opening *raw = opening.get();
    IngestHub *hub = &m_hub;
    EventIngest *events = &m_events;
    ReplayedCluster *cluster = &m_cluster;
    const std::uint64_t id = opening->id;
    raw->thread = std::thread([raw, id, self, hub, events, cluster] {
        capture::ReaderOptions options;
        options.salvage = raw->salvage;
        options.progress = [raw](std::uint64_t done, std::uint64_t total) {
            raw->percent = total ? int(std::min<std::uint64_t>(100, done * 100 / total)) : 100;
            return !raw->cancelled.load();
        };
        auto reader = capture::CaptureReader::open(raw->path, options);
        int skipped = 0;
        std::vector<capture::Note> sidecar = readSidecar(raw->sidecarPath, &skipped);
        if (reader.ok() && !raw->cancelled) {
            // A fresh start for what the previous capture (if any) left behind; on this
            // thread, never the GUI's (reset waits for the hub).
            hub->reset();
            events->replaceEngine();
            cluster->clear();
        }
        {
            std::lock_guard lock(raw->m);
            if (!reader.ok())
                raw->error = reader.error().message;
            else if (raw->cancelled)
                raw->error = "cancelled";
            else
                raw->reader = std::move(reader.value());
            raw->sidecar = std::move(sidecar);
            raw->sidecarSkipped = skipped;
        }
        raw->percent = 100;
        QMetaObject::invokeMethod(
            qApp, [self, id] {
                if (self && self->m_opening && self->m_opening->id == id)
                    self->finishOpen();
            },
            Qt::QueuedConnection);
    });
}

void OfflineSession::cancelOpen()
{
    if (m_opening)
        m_opening->cancelled = true;
}

int OfflineSession::openPercent() const { return m_opening ? m_opening->percent.load() : 100; }

void OfflineSession::finishOpen()
{
    std::shared_ptr<Opening> opening = std::move(m_opening);
    if (opening->thread.joinable())
        opening->thread.join();
    std::unique_ptr<capture::CaptureReader> reader;
    std::string error;
    {
        std::lock_guard lock(opening->m);
        reader = std::move(opening->reader);
        error = opening->error;
        std::lock_guard notesLock(m_notesMutex);
        m_sidecarNotes = std::move(opening->sidecar);
        m_sidecarSkipped = opening->sidecarSkipped;
        ++m_notesVersion;
    }
    if (!reader) {
        m_phase = Phase::Failed;
        Q_EMIT failed(error == "cancelled" ? tr("Opening was cancelled.") : QString::fromStdString(error));
        return;
    }
    m_damaged = !reader->damage().empty();
    if (m_damaged)
        m_damageSummary = QString::fromStdString(reader->damageSummary());
    m_scan = std::make_unique<capture::CaptureOverviewScan>(opening->path, m_salvage);
    startReplay(std::move(reader));
    m_phase = Phase::Open;
    Q_EMIT opened();
}

void OfflineSession::startReplay(std::unique_ptr<capture::CaptureReader> reader)
{
    capture::ReplayOutputs outputs;
    outputs.hub = &m_hub;
    outputs.events = &m_events.replaySink();
    ReplayedCluster *cluster = &m_cluster;
    outputs.cluster = [cluster](const capture::JsonRecord &record) {
        Result<ClusterSnapshot> snapshot = clusterFromJson(record.json);
        if (snapshot.ok())
            cluster->set(std::move(snapshot.value()));
        else
            cluster->countMalformed();
    };
    outputs.notes = [this](const capture::Note &note) {
        std::lock_guard lock(m_notesMutex);
        m_captureNotes.push_back(note);
        ++m_notesVersion;
    };
    capture::CaptureReplay::Options options;
    options.speed = 1;
    options.onRewind = [this](capture::ReplayOutputs &out) {
        m_hub.reset();
        out.events = &m_events.replaceEngine();
        m_cluster.clear();
        std::lock_guard lock(m_notesMutex);
        m_captureNotes.clear();
        ++m_notesVersion;
    };
    m_replay = std::make_unique<capture::CaptureReplay>(std::move(reader), std::move(outputs), std::move(options));
}

capture::ReplayStatus OfflineSession::status() const
{
    return m_replay ? m_replay->status() : capture::ReplayStatus{};
}

std::vector<capture::Note> OfflineSession::notes() const
{
    std::vector<capture::Note> all;
    {
        std::lock_guard lock(m_notesMutex);
        all = m_captureNotes;
        all.insert(all.end(), m_sidecarNotes.begin(), m_sidecarNotes.end());
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const capture::Note &a, const capture::Note &b) { return a.timestampMs < b.timestampMs; });
    return all;
}

std::vector<capture::Note> OfflineSession::sidecarNotes() const
{
    std::lock_guard lock(m_notesMutex);
    return m_sidecarNotes;
}

std::uint64_t OfflineSession::notesVersion() const
{
    std::lock_guard lock(m_notesMutex);
    return m_notesVersion;
}

QString OfflineSession::defaultSidecarPath(const QString &capturePath)
{
    return capturePath + QStringLiteral(".notes.jsonl");
}

QString OfflineSession::sidecarPath() const
{
    return m_sidecarOverride.isEmpty() ? defaultSidecarPath(m_path) : m_sidecarOverride;
}

std::vector<capture::Note> OfflineSession::readSidecar(const QString &path, int *skipped)
{
    std::vector<capture::Note> notes;
    int bad = 0;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray bytes = file.read(kMaxSidecarBytes);
        for (const QByteArray &line : bytes.split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            const nlohmann::json j = nlohmann::json::parse(line.constData(), line.constData() + line.size(), nullptr,
                                                           false);
            if (!j.is_object() || !j.contains("time_ms") || !j["time_ms"].is_number_integer() || !j.contains("text")
                || !j["text"].is_string()) {
                ++bad;
                continue;
            }
            capture::Note n;
            n.timestampMs = j["time_ms"].get<std::int64_t>();
            n.writtenMs = j.value("written_ms", std::int64_t(0));
            if (j.contains("author") && j["author"].is_string())
                n.author = capped(j["author"].get<std::string>(), kMaxNoteFieldBytes);
            n.text = capped(j["text"].get<std::string>(), kMaxNoteBytes);
            notes.push_back(std::move(n));
        }
    }
    if (skipped)
        *skipped = bad;
    return notes;
}

QString OfflineSession::addNote(capture::Note note)
{
    note.text = capped(std::move(note.text), kMaxNoteBytes);
    note.author = capped(std::move(note.author), kMaxNoteFieldBytes);
    const nlohmann::json j = {{"time_ms", note.timestampMs},
                              {"written_ms", note.writtenMs},
                              {"author", note.author},
                              {"text", note.text}};
    // Invalid UTF-8 from a paste must not make the line unreadable: replace it.
    const std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    // Append: existing notes stay as they are; one write of one line.
    QFile file(sidecarPath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return tr("Cannot write the notes file %1: %2").arg(QDir::toNativeSeparators(sidecarPath()), file.errorString());
    if (file.write(line.data(), qint64(line.size())) != qint64(line.size()) || !file.flush())
        return tr("Cannot write the notes file %1: %2").arg(QDir::toNativeSeparators(sidecarPath()), file.errorString());
    file.close();
    std::lock_guard lock(m_notesMutex);
    m_sidecarNotes.push_back(std::move(note));
    ++m_notesVersion;
    return {};
}

} // namespace vigil

// OfflineSession: a capture opened in this window (`vigil FILE.vcap`, File ▸ Open in a
// new window, drag-and-drop). It opens the capture on a worker thread (progress and
// cancel, the reader's own bounds and damage reports), then replays it through the same
// path live data takes: samples into the window's IngestHub, event lines into the
// EventIngest's engine (no vigil_engine_* publication: the capture has the recorded
// ones), cluster states into a holder the Cluster page reads, notes into the notes list
// (capture notes plus the sidecar's). The overview scan for the timeline starts next to
// the replay, so the first screen appears before the whole file is scanned.
//
// Going back in time (a backward seek, a loop restart, a reopen with --salvage) gives the
// replay a fresh start: the hub is reset (IngestHub::reset) and the engine replaced
// (EventIngest::replaceEngine), both on the replay's thread inside onRewind.
//
// The capture is untrusted and never written: it is opened read-only; notes added here
// go to the sidecar "FILE.vcap.notes.jsonl" beside it (docs/capture-format.md "Notes
// sidecar"), or, when that directory is not writable, beside a copy the operator picks.
//
// Threads: GUI thread for every call and signal. The opener and the replay run their
// own threads; their results reach the GUI through queued signals / status polling.
#pragma once

#include "core/capture/capture_overview.h"
#include "core/capture/capture_records.h"
#include "core/capture/capture_replay.h"
#include "core/cluster/cluster_types.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace vigil {

class EventIngest;
class IngestHub;

// The replayed cluster state, for the Cluster page's source function.
class ReplayedCluster
{
public:
    void set(ClusterSnapshot snapshot);
    void clear();
    ClusterSnapshot snapshot() const;
    std::uint64_t malformed() const;
    void countMalformed();

private:
    mutable std::mutex m_mutex;
    ClusterSnapshot m_snapshot;
    std::uint64_t m_malformed = 0;
};

class OfflineSession : public QObject
{
    Q_OBJECT
public:
    enum class Phase { Idle, Opening, Open, Failed };

    OfflineSession(IngestHub &hub, EventIngest &events, ReplayedCluster &cluster, QObject *parent = nullptr);
    ~OfflineSession() override; // cancels an open in progress, stops the replay

    // Starts opening (an earlier capture is closed first). Result: opened() or failed().
    void open(const QString &path, bool salvage);
    void cancelOpen();
    Phase phase() const { return m_phase; }
    QString path() const { return m_path; }
    bool salvage() const { return m_salvage; }
    // Opening progress 0..100 (bytes walked of the file).
    int openPercent() const;

    capture::CaptureReplay *replay() const { return m_replay.get(); }
    capture::CaptureOverviewScan *overview() const { return m_scan.get(); }
    capture::ReplayStatus status() const;
    // What the reader found at open (damageSummary), "" when clean.
    QString damageSummary() const { return m_damageSummary; }
    bool damaged() const { return m_damaged; }

    // Notes: the capture's (as replayed so far) and the sidecar's, in time order.
    std::vector<capture::Note> notes() const;
    std::uint64_t notesVersion() const;
    // Only the sidecar's notes (the overview scan has the capture's).
    std::vector<capture::Note> sidecarNotes() const;
    // Lines of the sidecar that were not notes (skipped at open; the rest was kept).
    int sidecarSkipped() const { return m_sidecarSkipped; }
    // Saves a note to the sidecar (never the capture). Returns the error, empty on success.
    QString addNote(capture::Note note);
    QString sidecarPath() const;
    // Where notes go when the capture's directory is read-only ("" = the default sidecar).
    void setSidecarPath(const QString &path) { m_sidecarOverride = path; }

    // The sidecar path for a capture: FILE.vcap -> FILE.vcap.notes.jsonl.
    static QString defaultSidecarPath(const QString &capturePath);
    // Reads a sidecar; bad lines are skipped and counted in *skipped. Missing file: empty.
    static std::vector<capture::Note> readSidecar(const QString &path, int *skipped = nullptr);

Q_SIGNALS:
    void opened();
    void failed(const QString &error); // plain text, for the operator
    void progress(int percent);

private:
    struct Opening;
    void finishOpen();
    void startReplay(std::unique_ptr<capture::CaptureReader> reader);
    void closeCurrent();

    IngestHub &m_hub;
    EventIngest &m_events;
    ReplayedCluster &m_cluster;
    Phase m_phase = Phase::Idle;
    QString m_path, m_sidecarOverride;
    bool m_salvage = false;
    QString m_damageSummary;
    bool m_damaged = false;
    std::shared_ptr<Opening> m_opening;
    std::uint64_t m_openings = 0;
    std::unique_ptr<capture::CaptureReplay> m_replay;
    std::unique_ptr<capture::CaptureOverviewScan> m_scan;

    // Notes from the replay thread (capture notes) and the sidecar, under m_notesMutex.
    mutable std::mutex m_notesMutex;
    std::vector<capture::Note> m_captureNotes, m_sidecarNotes;
    std::uint64_t m_notesVersion = 0;
    int m_sidecarSkipped = 0;
};

} // namespace vigil

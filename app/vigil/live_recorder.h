// LiveRecorder: the window's Record button behind the scenes. start() opens a
// CaptureWriter and taps everything live data goes through: every batch the hub applies
// (IngestHub::setCaptureTap), every line the event sources deliver (EventIngest's
// CaptureTapSink), the Cluster page's state whenever it changes (checked once a second,
// recorded as cluster_json) and notes the operator adds. stop() detaches the taps at
// once and closes the writer on a worker thread (the final sync may take a while on a
// slow disk; the GUI never waits for it), then emits stopped(). A writer that failed
// (disk full, I/O error) is noticed within a second and stopped the same way, stopped()
// carrying its reason.
// Rotation by size/time comes from QSettings "capture/rotateMegabytes" and
// "capture/rotateMinutes" (0 or absent: never).
//
// Threads: GUI thread only (the taps themselves run on the hub and source threads and
// only queue into the writer).
#pragma once

#include "core/capture/capture_records.h"
#include "core/capture/cluster_state_tap.h"
#include "core/capture/capture_writer.h"
#include "core/cluster/cluster_types.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <thread>

class QSettings;

namespace vigil {

class EventIngest;
class IngestHub;

class LiveRecorder : public QObject
{
    Q_OBJECT
public:
    using ClusterSource = std::function<ClusterSnapshot()>;
    // settings may be null (defaults: no rotation).
    LiveRecorder(IngestHub &hub, EventIngest &events, ClusterSource cluster, QSettings *settings,
                 QObject *parent = nullptr);
    ~LiveRecorder() override; // stops and waits for the writer to close

    // Returns the error (plain text), empty when recording started.
    QString start(const QString &path);
    void stop();
    bool isRecording() const { return bool(m_writer); }
    // The running writer's status; after stop() the last one seen.
    capture::WriterStatus status() const;
    // Records a note (while recording). Returns the error, empty on success.
    QString addNote(capture::Note note);

    // Records the cluster state now if it changed since the last one recorded (the
    // once-a-second timer calls it; tests and stop paths may too).
    void recordClusterState();

    // "vigil-20261121-140307.vcap" for now.
    static QString defaultFileName();

Q_SIGNALS:
    void recordingChanged(bool recording);
    // The file is closed; error empty when everything was written.
    void stopped(const QString &path, const QString &error);

private:
    void joinCloser();

    IngestHub &m_hub;
    EventIngest &m_events;
    ClusterSource m_cluster;
    QSettings *m_settings;
    std::shared_ptr<capture::CaptureWriter> m_writer;
    capture::WriterStatus m_lastStatus;
    std::unique_ptr<capture::ClusterStateTap> m_clusterTap;
    QTimer m_clusterTimer;
    std::thread m_closer;
};

} // namespace vigil

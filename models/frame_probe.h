// FrameProbe: measures how long the GUI thread is busy per refresh tick and how late
// a 16 ms heartbeat timer fires (any stall of the GUI thread — model refresh, layout,
// painting — shows up as heartbeat lateness). Enabled by `vigil --frame-probe FILE`;
// writes a JSON summary at the end. Used to check the p99 frame-time goal. It also
// reads the GUI thread's CPU time (start() to finish(): how busy the GUI thread was, in
// % of one core) and counts ticks and page updates per second.
//
// Threads: GUI thread only.
#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>

#include <vector>

namespace vigil {

class FrameProbe : public QObject
{
    Q_OBJECT
public:
    static constexpr int kHeartbeatMs = 16;

    explicit FrameProbe(QObject *parent = nullptr);

    void start();
    // Ends the measured span (CPU time and wall time); call on the GUI thread.
    void finish();
    // Called by RefreshClock around each tick's slots.
    void recordTick(qint64 nanoseconds);

    struct Summary
    {
        std::size_t ticks = 0;
        double tickP50Ms = 0, tickP99Ms = 0, tickMaxMs = 0;
        std::size_t heartbeats = 0;
        double intervalP50Ms = 0, intervalP99Ms = 0, intervalMaxMs = 0;
        double seconds = 0;          // start() to finish()
        double busyPercent = -1;     // GUI thread CPU time / wall time; -1: unknown
        double ticksPerSecond = 0;
    };
    // The GUI thread's CPU time in ns (-1 where the platform has no per-thread clock).
    static qint64 threadCpuNs();
    Summary summary() const;
    // {"ticks":..,"tick_ms":{"p50","p99","max"},"heartbeat_interval_ms":{...}}
    QByteArray summaryJson() const;
    // Extra figures to carry in the summary (e.g. events processed during the run).
    void note(const QString &key, double value) { m_notes.insert(key, value); }
    bool writeSummary(const QString &path) const;

private:
    void onHeartbeat();

    QTimer m_heartbeat;
    QElapsedTimer m_clock;
    qint64 m_lastBeatNs = -1;
    qint64 m_cpuStartNs = -1, m_cpuEndNs = -1;
    qint64 m_wallEndNs = -1;
    std::vector<float> m_tickMs;
    std::vector<float> m_intervalMs;
    QJsonObject m_notes;
};

} // namespace vigil

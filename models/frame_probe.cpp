#include "models/frame_probe.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

#if defined(Q_OS_UNIX)
#include <time.h>
#endif

namespace vigil {

namespace {
// Bounded memory for runs of days: beyond this, every other sample is dropped.
constexpr std::size_t kMaxSamples = 1u << 20;

void keep(std::vector<float> &v, float x)
{
    if (v.size() >= kMaxSamples) {
        std::size_t j = 0;
        for (std::size_t i = 0; i < v.size(); i += 2)
            v[j++] = v[i];
        v.resize(j);
    }
    v.push_back(x);
}

void percentiles(std::vector<float> v, double &p50, double &p99, double &max)
{
    if (v.empty())
        return;
    std::sort(v.begin(), v.end());
    const auto at = [&](double p) { return double(v[std::min(v.size() - 1, std::size_t(p * double(v.size())))]); };
    p50 = at(0.50);
    p99 = at(0.99);
    max = double(v.back());
}
} // namespace

FrameProbe::FrameProbe(QObject *parent) : QObject(parent)
{
    m_heartbeat.setTimerType(Qt::PreciseTimer);
    m_heartbeat.setInterval(kHeartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &FrameProbe::onHeartbeat);
}

qint64 FrameProbe::threadCpuNs()
{
#if defined(Q_OS_UNIX)
    timespec ts{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
        return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
#endif
    return -1;
}

void FrameProbe::start()
{
    m_clock.start();
    m_cpuStartNs = threadCpuNs();
    m_heartbeat.start();
}

void FrameProbe::finish()
{
    m_heartbeat.stop();
    m_wallEndNs = m_clock.nsecsElapsed();
    m_cpuEndNs = threadCpuNs();
}

void FrameProbe::recordTick(qint64 nanoseconds) { keep(m_tickMs, float(double(nanoseconds) / 1e6)); }

void FrameProbe::onHeartbeat()
{
    const qint64 now = m_clock.nsecsElapsed();
    if (m_lastBeatNs >= 0)
        keep(m_intervalMs, float(double(now - m_lastBeatNs) / 1e6));
    m_lastBeatNs = now;
}

FrameProbe::Summary FrameProbe::summary() const
{
    Summary s;
    s.ticks = m_tickMs.size();
    s.heartbeats = m_intervalMs.size();
    percentiles(m_tickMs, s.tickP50Ms, s.tickP99Ms, s.tickMaxMs);
    percentiles(m_intervalMs, s.intervalP50Ms, s.intervalP99Ms, s.intervalMaxMs);
    const qint64 wall = m_wallEndNs >= 0 ? m_wallEndNs : (m_clock.isValid() ? m_clock.nsecsElapsed() : 0);
    s.seconds = double(wall) / 1e9;
    if (wall > 0) {
        s.ticksPerSecond = double(s.ticks) / s.seconds;
        const qint64 cpuEnd = m_cpuEndNs >= 0 ? m_cpuEndNs : threadCpuNs();
        if (m_cpuStartNs >= 0 && cpuEnd >= m_cpuStartNs)
            s.busyPercent = 100.0 * double(cpuEnd - m_cpuStartNs) / double(wall);
    }
    return s;
}

QByteArray FrameProbe::summaryJson() const
{
    const Summary s = summary();
    QJsonObject tick{{QStringLiteral("p50"), s.tickP50Ms}, {QStringLiteral("p99"), s.tickP99Ms},
                     {QStringLiteral("max"), s.tickMaxMs}};
    QJsonObject beat{{QStringLiteral("p50"), s.intervalP50Ms}, {QStringLiteral("p99"), s.intervalP99Ms},
                     {QStringLiteral("max"), s.intervalMaxMs}};
    QJsonObject o{{QStringLiteral("ticks"), qint64(s.ticks)},
                  {QStringLiteral("tick_ms"), tick},
                  {QStringLiteral("heartbeats"), qint64(s.heartbeats)},
                  {QStringLiteral("heartbeat_interval_ms"), beat},
                  {QStringLiteral("probe_seconds"), s.seconds},
                  {QStringLiteral("ticks_per_second"), s.ticksPerSecond},
                  {QStringLiteral("gui_thread_busy_percent"), s.busyPercent}};
    for (auto it = m_notes.begin(); it != m_notes.end(); ++it)
        o.insert(it.key(), it.value());
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

bool FrameProbe::writeSummary(const QString &path) const
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(summaryJson() + '\n') > 0;
}

} // namespace vigil

#include "models/frame_probe.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

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

void FrameProbe::start()
{
    m_clock.start();
    m_heartbeat.start();
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
                  {QStringLiteral("heartbeat_interval_ms"), beat}};
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

#include "models/cluster_format.h"

#include <QCoreApplication>

#include <algorithm>

namespace vigil {

namespace {

// Translation context of these free functions (lupdate sees ClusterFormat::tr).
class ClusterFormat
{
    Q_DECLARE_TR_FUNCTIONS(ClusterFormat)
};

} // namespace

QString roleText(NodeRole role)
{
    switch (role) {
    case NodeRole::Leader: return ClusterFormat::tr("leader");
    case NodeRole::Follower: return ClusterFormat::tr("follower");
    case NodeRole::Candidate: return ClusterFormat::tr("candidate");
    case NodeRole::Unreachable: return ClusterFormat::tr("unreachable");
    }
    return {};
}

QColor roleColor(NodeRole role)
{
    switch (role) {
    case NodeRole::Leader: return QColor(0x1e, 0x7b, 0x34);
    case NodeRole::Follower: return QColor(0x25, 0x5f, 0xb8);
    case NodeRole::Candidate: return QColor(0xf0, 0xa8, 0x00);
    case NodeRole::Unreachable: return QColor(0x6b, 0x6b, 0x6b);
    }
    return {};
}

QColor roleTextColor(NodeRole role)
{
    return role == NodeRole::Candidate ? QColor(Qt::black) : QColor(Qt::white);
}

Severity anomalySeverity(AnomalyKind kind)
{
    switch (kind) {
    case AnomalyKind::NoLeader:
    case AnomalyKind::TwoLeaders:
    case AnomalyKind::TermBackwards:
        return Severity::Critical;
    case AnomalyKind::CommitStalled:
    case AnomalyKind::StaleData:
    case AnomalyKind::EventLoss:
        return Severity::Warning;
    }
    return Severity::Critical;
}

QString anomalyTitle(AnomalyKind kind)
{
    switch (kind) {
    case AnomalyKind::NoLeader: return ClusterFormat::tr("No leader");
    case AnomalyKind::TwoLeaders: return ClusterFormat::tr("Two leaders in one term");
    case AnomalyKind::TermBackwards: return ClusterFormat::tr("Term went backwards");
    case AnomalyKind::CommitStalled: return ClusterFormat::tr("Commit index stalled");
    case AnomalyKind::StaleData: return ClusterFormat::tr("Stale data");
    case AnomalyKind::EventLoss: return ClusterFormat::tr("Event loss");
    }
    return {};
}

QColor severityColor(Severity severity)
{
    return severity == Severity::Critical ? QColor(0xb3, 0x1b, 0x1b) : QColor(0xf0, 0xa8, 0x00);
}

QString humanizedSpan(std::int64_t spanMs)
{
    const std::int64_t s = std::max<std::int64_t>(0, spanMs) / 1000;
    if (s < 60)
        return ClusterFormat::tr("%1 s").arg(s);
    if (s < 3600)
        return ClusterFormat::tr("%1 min").arg(s / 60);
    if (s < 86400)
        return ClusterFormat::tr("%1 h").arg(s / 3600);
    const std::int64_t d = s / 86400;
    return d == 1 ? ClusterFormat::tr("1 day") : ClusterFormat::tr("%1 days").arg(d);
}

QString humanizedAgo(std::int64_t thenMs, std::int64_t nowMs)
{
    if (thenMs <= 0)
        return ClusterFormat::tr("never");
    const std::int64_t s = (nowMs - thenMs) / 1000;
    if (s < 1)
        return ClusterFormat::tr("just now");
    if (s < 60)
        return s == 1 ? ClusterFormat::tr("1 second ago") : ClusterFormat::tr("%1 seconds ago").arg(s);
    if (s < 3600) {
        const std::int64_t m = s / 60;
        return m == 1 ? ClusterFormat::tr("1 minute ago") : ClusterFormat::tr("%1 minutes ago").arg(m);
    }
    if (s < 86400) {
        const std::int64_t h = s / 3600;
        return h == 1 ? ClusterFormat::tr("1 hour ago") : ClusterFormat::tr("%1 hours ago").arg(h);
    }
    const std::int64_t d = s / 86400;
    return d == 1 ? ClusterFormat::tr("1 day ago") : ClusterFormat::tr("%1 days ago").arg(d);
}

} // namespace vigil

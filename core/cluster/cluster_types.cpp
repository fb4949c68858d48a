#include "core/cluster/cluster_types.h"

namespace vigil {

const char *nodeRoleName(NodeRole role)
{
    switch (role) {
    case NodeRole::Leader:
        return "leader";
    case NodeRole::Follower:
        return "follower";
    case NodeRole::Candidate:
        return "candidate";
    case NodeRole::Unreachable:
        break;
    }
    return "unreachable";
}

const char *anomalyKindName(AnomalyKind kind)
{
    switch (kind) {
    case AnomalyKind::NoLeader:
        return "no_leader";
    case AnomalyKind::TwoLeaders:
        return "two_leaders";
    case AnomalyKind::TermBackwards:
        return "term_backwards";
    case AnomalyKind::CommitStalled:
        return "commit_stalled";
    case AnomalyKind::StaleData:
        return "stale_data";
    case AnomalyKind::EventLoss:
        break;
    }
    return "event_loss";
}

bool sameClusterState(const ClusterSnapshot &a, const ClusterSnapshot &b)
{
    return a.profile == b.profile && a.nodes == b.nodes && a.anomalies == b.anomalies && a.history == b.history;
}

} // namespace vigil

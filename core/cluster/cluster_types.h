// Plain types of the Raft cluster view: what one observation of a node says, the
// derived per-node state, anomalies and the role history. Shared by the cluster
// tracker (core), `vigilctl cluster` and the Cluster dashboard. Any thread (values).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vigil {

enum class NodeRole : std::uint8_t { Leader, Follower, Candidate, Unreachable };
const char *nodeRoleName(NodeRole role); // "leader", "follower", "candidate", "unreachable"

struct PeerLag
{
    std::string peer;        // peer id or name as the profile reports it
    double entries = 0;      // replication lag in log entries
    bool operator==(const PeerLag &) const = default;
};

// One node's state as last observed.
struct ClusterNode
{
    std::string id;          // eventstream: the instance ("node-0" or host:port); etcd: 16 hex digits
    std::string name;        // display name (etcd member name, else the instance)
    std::string target;      // the URL or instance it was observed at (credentials redacted)
    NodeRole role = NodeRole::Unreachable;
    bool reachable = false;
    std::optional<std::uint64_t> term, commit, applied;
    std::string leader;      // id of the node it believes leads; empty: none/unknown
    std::vector<PeerLag> lag;
    std::optional<std::uint64_t> peersConnected, electionsTotal;
    std::int64_t lastElectionMs = 0; // when this node last saw a leader change; 0: unknown
    std::int64_t lastSampleMs = 0;   // time of the data this state comes from; 0: never
    std::string error;               // why unreachable (plain text, capped)
    bool operator==(const ClusterNode &) const = default;
};

enum class AnomalyKind : std::uint8_t {
    NoLeader,        // no reachable node is leader (or all name no leader)
    TwoLeaders,      // two nodes claim leadership in the same term
    TermBackwards,   // a node's term decreased
    CommitStalled,   // a node's commit index stopped advancing while the leader's advanced
    StaleData,       // a node's last sample is older than the staleness limit
    EventLoss,       // received - processed - dropped - queued drifts from 0 over a window
};
const char *anomalyKindName(AnomalyKind kind); // "no_leader", "two_leaders", "term_backwards",
                                               // "commit_stalled", "stale_data", "event_loss"

struct ClusterAnomaly
{
    AnomalyKind kind = AnomalyKind::NoLeader;
    std::string node;        // empty for cluster-wide anomalies
    std::string message;     // one sentence for operators (plain text)
    std::int64_t sinceMs = 0;
    bool operator==(const ClusterAnomaly &) const = default;
};

struct RoleChange
{
    std::int64_t atMs = 0;
    std::string node;
    NodeRole from = NodeRole::Unreachable, to = NodeRole::Unreachable;
    std::uint64_t term = 0;
    bool operator==(const RoleChange &) const = default;
};

struct ClusterSnapshot
{
    std::int64_t takenMs = 0;
    std::string profile;                 // "eventstream" or "etcd"
    std::vector<ClusterNode> nodes;      // in a stable order (by name)
    std::vector<ClusterAnomaly> anomalies;
    std::vector<RoleChange> history;     // oldest first, bounded
};
// True when two snapshots show the same cluster (everything but takenMs is equal).
bool sameClusterState(const ClusterSnapshot &a, const ClusterSnapshot &b);

} // namespace vigil

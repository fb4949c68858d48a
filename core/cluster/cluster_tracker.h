// ClusterTracker: the Raft view's memory. It is fed one NodeObservation per node and
// poll (from the store through a profile, from a status API, or by tests by hand),
// keeps each node's latest state and a bounded role history, and evaluates anomalies
// into a ClusterSnapshot:
//  - no_leader:      no reachable, fresh node is leader (or none is reachable);
//  - two_leaders:    two fresh nodes claim leadership in the same term (one anomaly per node);
//  - term_backwards: a node reported a lower term than before (held for termBackwardsHoldMs);
//  - commit_stalled: a follower's commit index has not moved for commitStallMs while the
//                    leader's moved after it and is ahead;
//  - stale_data:     a reachable node's newest data is older than staleAfterMs;
//  - event_loss:     received - processed - dropped - queued moved by more than the
//                    tolerance over eventLossWindowMs (events vanished silently).
// Nodes are keyed by their target; ids may be learnt later (an unreachable etcd member).
// A node that knows no leader of its own is given the fresh leader of its term.
//
// Pure and deterministic: no clocks, no Qt, no threads. Not thread-safe: one thread
// (or one mutex) at a time.
#pragma once

#include "core/cluster/cluster_types.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vigil {

// What one poll learnt about one node.
struct NodeObservation
{
    std::string target;           // key: the URL or instance polled (credentials redacted)
    std::int64_t atMs = 0;        // time the data describes (sample time; attempt time if unreachable)
    bool reachable = false;
    std::string error;            // why unreachable, or a partial failure (plain text)
    std::string id, name;         // empty: unknown (previous or the target is used)
    std::optional<NodeRole> role; // nullopt: reachable but role unknown (follower assumed)
    std::optional<std::uint64_t> term, commit, applied, peersConnected, electionsTotal;
    std::string leader;           // id of the leader this node names; empty: none/unknown
    std::vector<PeerLag> lag;
    struct Events
    {
        double received = 0, processed = 0, dropped = 0, queued = 0;
    };
    std::optional<Events> events; // event conservation counters, when the profile has them
};

class ClusterTracker
{
public:
    struct Options
    {
        std::int64_t staleAfterMs = 15'000;
        std::int64_t commitStallMs = 10'000;
        std::int64_t termBackwardsHoldMs = 60'000;
        std::int64_t eventLossWindowMs = 10'000;
        double eventLossAbsolute = 100;      // events
        double eventLossRelative = 0.001;    // of the events received over the window
        std::size_t historyLimit = 256;      // role changes kept
    };

    explicit ClusterTracker(std::string profile);
    ClusterTracker(std::string profile, Options options);

    void observe(const NodeObservation &observation);
    // Evaluates anomalies at `nowMs` (ms since the epoch, like the observations) and
    // returns the whole view. Non-const: it remembers since when each anomaly holds.
    ClusterSnapshot evaluate(std::int64_t nowMs);

    const Options &options() const { return m_options; }
    std::size_t nodeCount() const { return m_nodes.size(); }

private:
    struct EventPoint
    {
        std::int64_t atMs = 0;
        double received = 0, residual = 0;
    };
    struct Track
    {
        ClusterNode node;
        bool seen = false;
        std::optional<std::uint64_t> highestTerm;
        std::int64_t termBackAtMs = 0;
        std::uint64_t termBackFrom = 0, termBackTo = 0;
        std::int64_t commitChangedMs = 0;
        std::deque<EventPoint> events;
    };

    void recordRole(Track &t, NodeRole to, std::int64_t atMs);
    void addAnomaly(std::vector<ClusterAnomaly> &out, AnomalyKind kind, const std::string &node,
                    std::string message, std::int64_t nowMs);
    void checkEventLoss(const Track &t, std::vector<ClusterAnomaly> &out, std::int64_t nowMs);

    std::string m_profile;
    Options m_options;
    std::map<std::string, Track> m_nodes; // by target
    std::deque<RoleChange> m_history;
    std::map<std::string, std::int64_t> m_since;    // anomaly key -> first evaluated ms
    std::map<std::string, std::int64_t> m_sinceNew; // filled during evaluate()
};

} // namespace vigil

// SimCluster: the dynamics of a simulated EventStreamCore cluster, in plain C++.
// Deterministic for a given seed and sequence of step() calls: no clocks, no Qt.
// The Simulator steps it from a timer; tests step it directly.
//
// Model, per node:
//  - Load: a cluster-wide load factor (mean 1; a ~4 min wave, a ~67 s wave and
//    smooth noise) drives ~5–10 M events/s for the whole cluster, split between
//    nodes with a per-node skew.
//  - Queues: arrivals split realtime/transactional/batch; each queue's depth relaxes
//    toward a level set by its utilisation, overflows when arrivals exceed service
//    (the batch queue does during load peaks); pushes that find it full are rejected,
//    counted in queue_full_total and events_dropped_total.
//    Always: received = processed + dropped + Σ depth, processed = Σ pop,
//    push - pop = depth, dedup hits + misses = received, Σ by_priority = received,
//    latency count = processed.
//  - Latency: log-normal per processed event; median and spread grow with load and
//    queue fill, plus a slow tail when queues are near full.
//  - Raft: the leader appends entries at a rate proportional to load; followers
//    trail by a few entries with occasional lag spikes; commit = majority match;
//    apply trails commit. Every 60–180 s the leader fails (steps down, unreachable
//    for a few seconds), a follower becomes candidate at term+1 after a timeout, then
//    wins. No split votes, so one election = term + 1. elections_total counts the
//    elections a node took part in (as candidate or voter).
//
// Not thread-safe: one thread calls everything.
#pragma once

#include "core/sim/sim_random.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

enum class RaftRole : std::uint8_t { Follower, Candidate, Leader };
std::string_view raftRoleName(RaftRole role); // "follower", "candidate", "leader"

inline constexpr int kSimQueueCount = 3;
inline constexpr std::array<std::string_view, kSimQueueCount> kSimQueueNames = {
    "realtime", "transactional", "batch"};
inline constexpr std::array<std::uint64_t, kSimQueueCount> kSimQueueCapacity = {16384, 65536,
                                                                               65536};

inline constexpr int kSimPriorityCount = 4;
inline constexpr std::array<std::string_view, kSimPriorityCount> kSimPriorityNames = {
    "critical", "high", "medium", "low"};

// Upper bounds (le) of the latency histogram in ns; +Inf is implicit after the last.
inline constexpr std::array<double, 10> kSimLatencyBoundsNs = {
    100, 250, 500, 1000, 2000, 5000, 10000, 25000, 50000, 100000};
inline constexpr int kSimLatencyBucketCount = int(kSimLatencyBoundsNs.size()) + 1;

struct SimQueueState
{
    std::uint64_t depth = 0;
    std::uint64_t pushTotal = 0;
    std::uint64_t popTotal = 0;
    std::uint64_t fullTotal = 0; // pushes rejected because the queue was full
};

struct SimNodeState
{
    std::string name; // "node-0", ...
    std::array<SimQueueState, kSimQueueCount> queues{};
    // Non-cumulative per bucket; the last one is (100000, +Inf).
    std::array<std::uint64_t, kSimLatencyBucketCount> latencyBuckets{};
    double latencySumNs = 0;
    std::uint64_t latencyCount = 0;
    std::uint64_t received = 0;
    std::uint64_t processed = 0;
    std::uint64_t dropped = 0;
    std::array<std::uint64_t, kSimPriorityCount> byPriority{};
    std::uint64_t dedupHits = 0;
    std::uint64_t dedupMisses = 0;

    RaftRole role = RaftRole::Follower;
    std::uint64_t term = 1;
    std::uint64_t commitIndex = 0;
    std::uint64_t applyIndex = 0;
    std::uint64_t lastLogIndex = 0;  // not exported; drives commit and lag
    int peersConnected = 0;
    std::vector<std::uint64_t> replicationLag; // per node index; non-zero only on the leader
    std::uint64_t electionsTotal = 0;
    bool reachable = true;
};

class SimCluster
{
public:
    SimCluster(int nodes, std::uint64_t seed);

    // Advances the model by dt seconds (internally in steps of at most 0.25 s).
    void step(double dtSeconds);
    // Makes the current leader fail now. False if an election is already under way.
    bool forceElection();
    // Tests turn the random failures off to control elections themselves.
    void setAutoElections(bool on) { m_autoElections = on; }

    int nodeCount() const { return int(m_nodes.size()); }
    const std::vector<SimNodeState> &nodes() const { return m_nodes; }
    const SimNodeState &node(int i) const { return m_nodes[std::size_t(i)]; }
    std::optional<int> leader() const; // index of the node in state leader, if any
    bool electionInProgress() const { return m_phase != Phase::Stable; }

    double timeSeconds() const { return m_time; }
    double load() const { return m_load; }                         // mean 1.0
    double clusterEventsPerSecond() const { return m_clusterRate; } // arrivals, all nodes
    std::uint64_t electionsCompleted() const { return m_electionsCompleted; }

private:
    enum class Phase : std::uint8_t { Stable, LeaderLost, Candidate };

    struct NodeDyn
    {
        double weight = 1;      // share of the cluster load
        double skewNoise = 0;   // smooth per-node noise
        std::array<double, kSimQueueCount> arrivalCarry{};
        std::array<double, kSimPriorityCount> priorityCarry{};
        double dedupCarry = 0;
        double lagSpike = 0;     // extra replication lag (entries), decays
        int applyTrail = 0;
    };

    void stepOnce(double dt);
    void updateLoad(double dt);
    void stepEvents(int i, double dt);
    void addLatency(int i, std::uint64_t processed, double utilisation, double maxFill);
    void stepElection();
    void stepReplication(double dt);
    void beginElection();
    void rejoinFailedNode();
    void updatePeers();

    std::vector<SimNodeState> m_nodes;
    std::vector<NodeDyn> m_dyn;
    SimRandom m_rng;

    double m_time = 0;
    double m_load = 1;
    double m_loadNoise = 0;
    double m_phase1 = 0, m_phase2 = 0;
    double m_clusterRate = 0;
    double m_entryCarry = 0;

    Phase m_phase = Phase::Stable;
    bool m_autoElections = true;
    double m_nextFailureAt = 0;
    double m_phaseUntil = 0;   // end of LeaderLost (timeout) or Candidate phase
    double m_outageUntil = 0;  // when the failed leader is reachable again
    int m_failedNode = -1;     // the leader that failed; not a candidate this election
    int m_outageNode = -1;     // the node currently unreachable, if any
    int m_candidate = -1;
    std::uint64_t m_electionsCompleted = 0;
};

} // namespace vigil

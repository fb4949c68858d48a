#include "core/sim/sim_cluster.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace vigil {

namespace {

constexpr double kMeanClusterRate = 7.5e6;    // events/s, all nodes, at load 1
constexpr double kEventsPerRaftEntry = 1000;  // events batched into one log entry
constexpr double kMaxStep = 0.25;             // seconds per internal step

// Per queue: share of arrivals, service headroom at mean load, depth scale, time constant.
constexpr std::array<double, kSimQueueCount> kShare = {0.15, 0.35, 0.50};
constexpr std::array<double, kSimQueueCount> kHeadroom = {3.0, 1.8, 1.3};
constexpr std::array<double, kSimQueueCount> kDepthScale = {0.18, 0.10, 0.12};
constexpr std::array<double, kSimQueueCount> kDepthTau = {1.0, 3.0, 10.0};

constexpr std::array<double, kSimPriorityCount> kPriorityShare = {0.0001, 0.0100, 0.7100, 0.2799};

double normalCdf(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

double logNormalCdf(double x, double median, double sigma)
{
    return normalCdf(std::log(x / median) / sigma);
}

// Whole units from a fractional amount, keeping the remainder for the next step
// so that low rates still add up over time.
std::uint64_t takeWhole(double amount, double &carry)
{
    const double total = std::max(0.0, amount + carry);
    const double whole = std::floor(total);
    carry = total - whole;
    return std::uint64_t(whole);
}

} // namespace

std::string_view raftRoleName(RaftRole role)
{
    switch (role) {
    case RaftRole::Follower: return "follower";
    case RaftRole::Candidate: return "candidate";
    case RaftRole::Leader: return "leader";
    }
    return "follower";
}

SimCluster::SimCluster(int nodes, std::uint64_t seed) : m_rng(seed)
{
    nodes = std::clamp(nodes, 1, 64);
    m_nodes.resize(std::size_t(nodes));
    m_dyn.resize(std::size_t(nodes));
    m_phase1 = m_rng.uniform(0, 2 * std::numbers::pi);
    m_phase2 = m_rng.uniform(0, 2 * std::numbers::pi);
    const std::uint64_t term = 3 + m_rng.below(38);
    const std::uint64_t commit = 100000 + m_rng.below(400000);
    for (int i = 0; i < nodes; ++i) {
        SimNodeState &n = m_nodes[std::size_t(i)];
        n.name = "node-" + std::to_string(i);
        n.term = term;
        n.commitIndex = n.applyIndex = n.lastLogIndex = commit;
        n.replicationLag.assign(std::size_t(nodes), 0);
        m_dyn[std::size_t(i)].weight = 1.0 + m_rng.uniform(-0.1, 0.1);
    }
    m_nodes[std::size_t(m_rng.below(std::uint64_t(nodes)))].role = RaftRole::Leader;
    m_nextFailureAt = m_rng.uniform(60, 180);
    updatePeers();
    updateLoad(0);
}

std::optional<int> SimCluster::leader() const
{
    for (int i = 0; i < nodeCount(); ++i)
        if (m_nodes[std::size_t(i)].role == RaftRole::Leader)
            return i;
    return std::nullopt;
}

void SimCluster::step(double dtSeconds)
{
    double remaining = std::max(dtSeconds, 0.0);
    while (remaining > 1e-12) {
        const double dt = std::min(remaining, kMaxStep);
        stepOnce(dt);
        remaining -= dt;
    }
}

void SimCluster::stepOnce(double dt)
{
    m_time += dt;
    updateLoad(dt);
    for (int i = 0; i < nodeCount(); ++i)
        stepEvents(i, dt);
    stepElection();
    stepReplication(dt);
}

void SimCluster::updateLoad(double dt)
{
    // Ornstein-Uhlenbeck noise: smooth wander around the waves, sd ~0.04.
    constexpr double tau = 20.0;
    const double sigma = 0.04 * std::sqrt(2.0 / tau);
    if (dt > 0) {
        m_loadNoise += -m_loadNoise / tau * dt + sigma * std::sqrt(dt) * m_rng.normal();
        for (NodeDyn &d : m_dyn)
            d.skewNoise += -d.skewNoise / tau * dt + 0.03 * std::sqrt(2.0 / tau) * std::sqrt(dt) * m_rng.normal();
    }
    const double t = m_time;
    m_load = 1.0 + 0.22 * std::sin(2 * std::numbers::pi * t / 240.0 + m_phase1)
             + 0.07 * std::sin(2 * std::numbers::pi * t / 67.0 + m_phase2) + m_loadNoise;
    m_load = std::clamp(m_load, 0.3, 1.6);
    m_clusterRate = kMeanClusterRate * m_load;
}

void SimCluster::stepEvents(int i, double dt)
{
    SimNodeState &n = m_nodes[std::size_t(i)];
    NodeDyn &d = m_dyn[std::size_t(i)];

    double weightSum = 0, skewedSum = 0;
    for (const NodeDyn &o : m_dyn) {
        weightSum += o.weight;
        skewedSum += o.weight * (1.0 + o.skewNoise);
    }
    const double meanRate = kMeanClusterRate * d.weight / weightSum;
    const double rate = m_clusterRate * d.weight * (1.0 + d.skewNoise) / skewedSum;

    std::uint64_t arrivedAll = 0, rejectedAll = 0, poppedAll = 0;
    double maxFill = 0;
    for (int q = 0; q < kSimQueueCount; ++q) {
        SimQueueState &qs = n.queues[std::size_t(q)];
        const auto cap = kSimQueueCapacity[std::size_t(q)];
        const double lambda = rate * kShare[std::size_t(q)];
        const double mu = meanRate * kShare[std::size_t(q)] * kHeadroom[std::size_t(q)];
        const double rho = lambda / mu;

        const std::uint64_t arrivals = takeWhole(lambda * dt, d.arrivalCarry[std::size_t(q)]);
        // Depth relaxes toward a level set by utilisation (like L = rho/(1-rho));
        // beyond saturation the excess piles up and then spills over.
        const double fill = rho < 1.0
            ? std::min(0.97, kDepthScale[std::size_t(q)] * rho / std::max(1.0 - rho, 0.01))
            : 0.97;
        double depth = double(qs.depth);
        depth += (fill * double(cap) - depth) * (1.0 - std::exp(-dt / kDepthTau[std::size_t(q)]));
        depth += 0.004 * double(cap) * std::sqrt(dt) * m_rng.normal();
        if (rho > 1.0)
            depth += (lambda - mu) * dt;
        depth = std::max(0.0, std::round(depth));

        std::uint64_t newDepth = std::uint64_t(depth);
        std::uint64_t rejected = 0;
        if (newDepth > cap) {
            rejected = std::min(newDepth - cap, arrivals);
            newDepth = cap;
        }
        const std::uint64_t accepted = arrivals - rejected;
        if (newDepth > qs.depth + accepted)
            newDepth = qs.depth + accepted; // cannot grow by more than what came in
        const std::uint64_t popped = qs.depth + accepted - newDepth;

        qs.pushTotal += accepted;
        qs.popTotal += popped;
        qs.fullTotal += rejected;
        qs.depth = newDepth;
        arrivedAll += arrivals;
        rejectedAll += rejected;
        poppedAll += popped;
        maxFill = std::max(maxFill, double(newDepth) / double(cap));
    }

    n.received += arrivedAll;
    n.dropped += rejectedAll;
    n.processed += poppedAll;

    std::uint64_t left = arrivedAll;
    for (int p = 0; p < kSimPriorityCount - 1; ++p) {
        const std::uint64_t k = std::min(left, takeWhole(double(arrivedAll) * kPriorityShare[std::size_t(p)],
                                                         d.priorityCarry[std::size_t(p)]));
        n.byPriority[std::size_t(p)] += k;
        left -= k;
    }
    n.byPriority[kSimPriorityCount - 1] += left;

    const double dupRate = 0.0003 * (1.0 + 0.5 * std::sin(m_time / 37.0 + double(i)));
    const std::uint64_t hits = std::min(arrivedAll, takeWhole(double(arrivedAll) * dupRate, d.dedupCarry));
    n.dedupHits += hits;
    n.dedupMisses += arrivedAll - hits;

    addLatency(i, poppedAll, rate / meanRate, maxFill);
}

void SimCluster::addLatency(int i, std::uint64_t processed, double utilisation, double maxFill)
{
    SimNodeState &n = m_nodes[std::size_t(i)];
    if (processed == 0)
        return;
    // Body: P50 ~450 ns and P99 ~1.8 us at mean load (as in the seed), both growing
    // with load; tail: events that waited behind a nearly full queue.
    const double u = std::clamp(utilisation, 0.2, 2.0);
    const double median = 450.0 * (0.75 + 0.25 * u * u);
    const double sigma = std::clamp(0.6 + 0.5 * (u - 1.0), 0.4, 1.0) + 0.3 * maxFill * maxFill;
    const double tailShare = 0.0005 + 0.03 * std::pow(maxFill, 4);
    const double tailMedian = 15000.0, tailSigma = 0.9;

    std::uint64_t prevCum = 0;
    for (std::size_t b = 0; b < kSimLatencyBoundsNs.size(); ++b) {
        const double x = kSimLatencyBoundsNs[b];
        const double f = (1.0 - tailShare) * logNormalCdf(x, median, sigma)
                         + tailShare * logNormalCdf(x, tailMedian, tailSigma);
        const auto cum = std::clamp<std::uint64_t>(std::uint64_t(std::llround(f * double(processed))),
                                                   prevCum, processed);
        n.latencyBuckets[b] += cum - prevCum;
        prevCum = cum;
    }
    n.latencyBuckets[kSimLatencyBucketCount - 1] += processed - prevCum;
    const double mean = (1.0 - tailShare) * median * std::exp(sigma * sigma / 2)
                        + tailShare * tailMedian * std::exp(tailSigma * tailSigma / 2);
    n.latencySumNs += mean * double(processed);
    n.latencyCount += processed;
}

bool SimCluster::forceElection()
{
    if (m_phase != Phase::Stable)
        return false;
    beginElection();
    return true;
}

void SimCluster::beginElection()
{
    // A node still cut off from an earlier failure comes back first, so that a
    // majority can form.
    if (m_outageNode >= 0)
        rejoinFailedNode();
    const std::optional<int> old = leader();
    m_failedNode = -1;
    if (old) {
        SimNodeState &l = m_nodes[std::size_t(*old)];
        l.role = RaftRole::Follower;
        std::fill(l.replicationLag.begin(), l.replicationLag.end(), 0);
        // One node alone re-elects itself; with two the other needs its vote.
        if (nodeCount() > 1)
            m_failedNode = *old;
        if (nodeCount() >= 3) {
            l.reachable = false;
            m_outageNode = *old;
            m_outageUntil = m_time + m_rng.uniform(1.5, 5.0);
        }
    }
    m_phase = Phase::LeaderLost;
    m_phaseUntil = m_time + m_rng.uniform(0.5, 1.5); // election timeout
    updatePeers();
}

void SimCluster::rejoinFailedNode()
{
    SimNodeState &f = m_nodes[std::size_t(m_outageNode)];
    f.reachable = true;
    if (m_phase == Phase::Candidate) {
        f.term = m_nodes[std::size_t(m_candidate)].term; // hears the vote request
    } else if (const auto l = leader()) {
        f.term = m_nodes[std::size_t(*l)].term;
        // Entries the failed leader never got replicated are truncated.
        f.lastLogIndex = std::min(f.lastLogIndex, m_nodes[std::size_t(*l)].lastLogIndex);
    }
    f.role = RaftRole::Follower;
    m_outageNode = -1;
    updatePeers();
}

void SimCluster::stepElection()
{
    if (m_outageNode >= 0 && m_time >= m_outageUntil)
        rejoinFailedNode();

    switch (m_phase) {
    case Phase::Stable:
        if (m_autoElections && m_time >= m_nextFailureAt)
            beginElection();
        break;
    case Phase::LeaderLost: {
        if (m_time < m_phaseUntil)
            break;
        std::vector<int> eligible;
        std::uint64_t maxTerm = 0;
        for (int i = 0; i < nodeCount(); ++i) {
            const SimNodeState &n = m_nodes[std::size_t(i)];
            maxTerm = std::max(maxTerm, n.term);
            if (n.reachable && i != m_failedNode)
                eligible.push_back(i);
        }
        if (eligible.empty())
            break;
        m_candidate = eligible[std::size_t(m_rng.below(eligible.size()))];
        SimNodeState &c = m_nodes[std::size_t(m_candidate)];
        c.role = RaftRole::Candidate;
        c.term = maxTerm + 1;
        c.electionsTotal += 1;
        m_phase = Phase::Candidate;
        m_phaseUntil = m_time + m_rng.uniform(0.3, 1.2);
        break;
    }
    case Phase::Candidate: {
        if (m_time < m_phaseUntil)
            break;
        SimNodeState &c = m_nodes[std::size_t(m_candidate)];
        std::uint64_t newest = c.lastLogIndex;
        for (int i = 0; i < nodeCount(); ++i) {
            SimNodeState &n = m_nodes[std::size_t(i)];
            if (i == m_candidate || !n.reachable)
                continue;
            n.term = c.term;
            n.role = RaftRole::Follower;
            n.electionsTotal += 1;
            newest = std::max(newest, n.lastLogIndex);
        }
        // Votes go only to an up-to-date log; the winner holds every entry its voters have.
        c.lastLogIndex = newest;
        c.role = RaftRole::Leader;
        std::fill(c.replicationLag.begin(), c.replicationLag.end(), 0);
        ++m_electionsCompleted;
        m_phase = Phase::Stable;
        m_failedNode = -1;
        m_nextFailureAt = m_time + m_rng.uniform(60, 180);
        break;
    }
    }
}

void SimCluster::stepReplication(double dt)
{
    const std::optional<int> li = leader();
    if (li && m_nodes[std::size_t(*li)].reachable) {
        SimNodeState &l = m_nodes[std::size_t(*li)];
        const double entryRate = m_clusterRate / kEventsPerRaftEntry;
        l.lastLogIndex += takeWhole(entryRate * dt, m_entryCarry);

        for (int i = 0; i < nodeCount(); ++i) {
            SimNodeState &f = m_nodes[std::size_t(i)];
            NodeDyn &d = m_dyn[std::size_t(i)];
            if (i == *li || !f.reachable)
                continue;
            if (m_rng.chance(dt / 45.0))
                d.lagSpike += m_rng.uniform(100, 2500);
            d.lagSpike *= std::exp(-dt / 3.0);
            const double lag = double(m_rng.below(std::uint64_t(entryRate * 0.0015) + 2)) + d.lagSpike;
            const std::uint64_t target = l.lastLogIndex - std::min(l.lastLogIndex, std::uint64_t(lag));
            const auto maxAdvance = std::uint64_t((entryRate * 4 + 20000) * dt);
            f.lastLogIndex = std::max(f.lastLogIndex, std::min(target, f.lastLogIndex + maxAdvance));
            f.lastLogIndex = std::min(f.lastLogIndex, l.lastLogIndex);
            f.term = l.term;
        }

        // Committed = stored on a majority.
        std::vector<std::uint64_t> match;
        match.reserve(m_nodes.size());
        for (const SimNodeState &n : m_nodes)
            match.push_back(std::min(n.lastLogIndex, l.lastLogIndex));
        std::sort(match.begin(), match.end(), std::greater<>());
        l.commitIndex = std::max(l.commitIndex, match[m_nodes.size() / 2]);

        for (int i = 0; i < nodeCount(); ++i) {
            SimNodeState &f = m_nodes[std::size_t(i)];
            l.replicationLag[std::size_t(i)] = i == *li ? 0 : l.lastLogIndex - std::min(l.lastLogIndex, f.lastLogIndex);
            if (i != *li && f.reachable)
                f.commitIndex = std::max(f.commitIndex, std::min(f.lastLogIndex, l.commitIndex));
        }
    }

    for (int i = 0; i < nodeCount(); ++i) {
        SimNodeState &n = m_nodes[std::size_t(i)];
        NodeDyn &d = m_dyn[std::size_t(i)];
        if (m_rng.chance(0.3))
            d.applyTrail = int(m_rng.below(8));
        const std::uint64_t target = n.commitIndex - std::min<std::uint64_t>(n.commitIndex, std::uint64_t(d.applyTrail));
        n.applyIndex = std::min(n.commitIndex, std::max(n.applyIndex, target));
    }
}

void SimCluster::updatePeers()
{
    int reachable = 0;
    for (const SimNodeState &n : m_nodes)
        reachable += n.reachable ? 1 : 0;
    for (SimNodeState &n : m_nodes)
        n.peersConnected = n.reachable ? reachable - 1 : 0;
}

} // namespace vigil

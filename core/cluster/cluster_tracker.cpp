#include "core/cluster/cluster_tracker.h"

#include "core/cluster/cluster_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace vigil {

namespace {

std::string display(const ClusterNode &n)
{
    return n.name.empty() ? n.id : n.name;
}

std::string seconds(std::int64_t ms)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g s", double(ms) / 1000.0);
    return buf;
}

} // namespace

ClusterTracker::ClusterTracker(std::string profile) : ClusterTracker(std::move(profile), Options{}) {}

ClusterTracker::ClusterTracker(std::string profile, Options options)
    : m_profile(std::move(profile)), m_options(options)
{
}

void ClusterTracker::recordRole(Track &t, NodeRole to, std::int64_t atMs)
{
    const NodeRole from = t.node.role;
    if (t.seen && from != to) {
        m_history.push_back(RoleChange{atMs, t.node.id, from, to, t.node.term.value_or(0)});
        while (m_history.size() > m_options.historyLimit)
            m_history.pop_front();
    }
    t.node.role = to;
}

void ClusterTracker::observe(const NodeObservation &obs)
{
    Track &t = m_nodes[obs.target];
    ClusterNode &n = t.node;
    n.target = plainText(obs.target);
    if (!obs.id.empty())
        n.id = plainText(obs.id, 128);
    else if (n.id.empty())
        n.id = n.target;
    if (!obs.name.empty())
        n.name = plainText(obs.name, 128);
    else if (n.name.empty())
        n.name = n.id;

    if (!obs.reachable) {
        n.reachable = false;
        n.error = plainText(obs.error.empty() ? std::string("unreachable") : obs.error);
        recordRole(t, NodeRole::Unreachable, obs.atMs);
        t.events.clear(); // a gap breaks the conservation window
        t.seen = true;
        return;
    }

    n.reachable = true;
    n.error = plainText(obs.error);
    if (obs.term) {
        if (t.highestTerm && *obs.term < *t.highestTerm) {
            t.termBackAtMs = obs.atMs;
            t.termBackFrom = *t.highestTerm;
            t.termBackTo = *obs.term;
        }
        t.highestTerm = std::max(t.highestTerm.value_or(0), *obs.term);
    }
    n.term = obs.term;
    if (!t.seen || n.commit != obs.commit)
        t.commitChangedMs = obs.atMs;
    n.commit = obs.commit;
    n.applied = obs.applied;
    n.peersConnected = obs.peersConnected;
    if (obs.electionsTotal && n.electionsTotal && *obs.electionsTotal != *n.electionsTotal)
        n.lastElectionMs = obs.atMs;
    n.electionsTotal = obs.electionsTotal;
    n.leader = plainText(obs.leader, 128);
    n.lag.clear();
    for (const PeerLag &l : obs.lag)
        n.lag.push_back(PeerLag{plainText(l.peer, 128), l.entries});
    n.lastSampleMs = obs.atMs;
    recordRole(t, obs.role.value_or(NodeRole::Follower), obs.atMs);

    if (obs.events) {
        const auto &e = *obs.events;
        if (!t.events.empty() && (e.received < t.events.back().received || obs.atMs <= t.events.back().atMs))
            t.events.clear(); // counter reset or repeated sample
        if (t.events.empty() || obs.atMs > t.events.back().atMs)
            t.events.push_back(EventPoint{obs.atMs, e.received, e.received - e.processed - e.dropped - e.queued});
        // Keep one point at or before the window start, plus everything after it.
        const std::int64_t windowStart = obs.atMs - m_options.eventLossWindowMs;
        while (t.events.size() > 2 && t.events[1].atMs <= windowStart)
            t.events.pop_front();
    } else {
        t.events.clear();
    }
    t.seen = true;
}

void ClusterTracker::addAnomaly(std::vector<ClusterAnomaly> &out, AnomalyKind kind, const std::string &node,
                                std::string message, std::int64_t nowMs)
{
    const std::string key = std::string(anomalyKindName(kind)) + '\x1f' + node;
    const auto it = m_since.find(key);
    const std::int64_t since = it != m_since.end() ? it->second : nowMs;
    m_sinceNew[key] = since;
    out.push_back(ClusterAnomaly{kind, node, std::move(message), since});
}

void ClusterTracker::checkEventLoss(const Track &t, std::vector<ClusterAnomaly> &out, std::int64_t nowMs)
{
    if (t.events.size() < 2)
        return;
    const EventPoint &last = t.events.back();
    // The newest point at least one window before the last one.
    const EventPoint *base = nullptr;
    for (const EventPoint &p : t.events)
        if (p.atMs <= last.atMs - m_options.eventLossWindowMs)
            base = &p;
    if (!base)
        return;
    const double drift = last.residual - base->residual;
    const double received = last.received - base->received;
    const double tolerance = std::max(m_options.eventLossAbsolute, m_options.eventLossRelative * received);
    if (std::fabs(drift) <= tolerance)
        return;
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "%.0f events %s over %s (received - processed - dropped - queued), tolerance %.0f",
                  std::fabs(drift), drift > 0 ? "unaccounted for" : "more processed than received",
                  seconds(last.atMs - base->atMs).c_str(), tolerance);
    addAnomaly(out, AnomalyKind::EventLoss, t.node.id, display(t.node) + ": " + buf, nowMs);
}

ClusterSnapshot ClusterTracker::evaluate(std::int64_t nowMs)
{
    ClusterSnapshot s;
    s.takenMs = nowMs;
    s.profile = m_profile;
    m_sinceNew.clear();

    auto fresh = [&](const Track &t) {
        return t.node.reachable && nowMs - t.node.lastSampleMs <= m_options.staleAfterMs;
    };

    // Leaders among fresh nodes, by term.
    std::map<std::uint64_t, std::vector<const Track *>> leadersByTerm;
    std::size_t freshCount = 0;
    for (const auto &[key, t] : m_nodes) {
        if (!fresh(t))
            continue;
        ++freshCount;
        if (t.node.role == NodeRole::Leader)
            leadersByTerm[t.node.term.value_or(0)].push_back(&t);
    }
    const Track *leader = nullptr; // the fresh leader of the highest term, if unique there
    if (!leadersByTerm.empty() && leadersByTerm.rbegin()->second.size() == 1)
        leader = leadersByTerm.rbegin()->second.front();

    for (const auto &[key, t] : m_nodes) {
        ClusterNode n = t.node;
        if (fresh(t) && n.leader.empty()) {
            const auto it = leadersByTerm.find(n.term.value_or(0));
            if (it != leadersByTerm.end() && it->second.size() == 1)
                n.leader = it->second.front()->node.id;
        }
        // Without a lag metric the leader's view of lag is derived from commit indices.
        if (leader == &t && n.lag.empty() && n.commit) {
            for (const auto &[otherKey, o] : m_nodes)
                if (&o != &t && fresh(o) && o.node.commit)
                    n.lag.push_back(PeerLag{o.node.id, *n.commit > *o.node.commit
                                                           ? double(*n.commit - *o.node.commit)
                                                           : 0.0});
        }
        s.nodes.push_back(std::move(n));
    }
    std::sort(s.nodes.begin(), s.nodes.end(), [](const ClusterNode &a, const ClusterNode &b) {
        return std::tie(a.name, a.id, a.target) < std::tie(b.name, b.id, b.target);
    });

    if (!m_nodes.empty() && leadersByTerm.empty())
        addAnomaly(s.anomalies, AnomalyKind::NoLeader, {},
                   freshCount == 0 ? "no node is reachable with fresh data"
                                   : "no reachable node is leader",
                   nowMs);
    for (const auto &[term, claimants] : leadersByTerm) {
        if (claimants.size() < 2)
            continue;
        std::string names;
        for (const Track *c : claimants)
            names += (names.empty() ? "" : ", ") + display(c->node);
        for (const Track *c : claimants)
            addAnomaly(s.anomalies, AnomalyKind::TwoLeaders, c->node.id,
                       std::to_string(claimants.size()) + " leaders in term " + std::to_string(term) + ": " + names,
                       nowMs);
    }
    for (const auto &[key, t] : m_nodes) {
        const ClusterNode &n = t.node;
        if (t.termBackAtMs && nowMs - t.termBackAtMs <= m_options.termBackwardsHoldMs)
            addAnomaly(s.anomalies, AnomalyKind::TermBackwards, n.id,
                       display(n) + ": term went back from " + std::to_string(t.termBackFrom) + " to " +
                           std::to_string(t.termBackTo),
                       nowMs);
        if (n.reachable && n.lastSampleMs && nowMs - n.lastSampleMs > m_options.staleAfterMs)
            addAnomaly(s.anomalies, AnomalyKind::StaleData, n.id,
                       display(n) + ": newest data is older than " + seconds(m_options.staleAfterMs), nowMs);
        if (leader && leader != &t && fresh(t) && n.commit && leader->node.commit &&
            *leader->node.commit > *n.commit && nowMs - t.commitChangedMs >= m_options.commitStallMs &&
            leader->commitChangedMs > t.commitChangedMs)
            addAnomaly(s.anomalies, AnomalyKind::CommitStalled, n.id,
                       display(n) + ": commit index stuck at " + std::to_string(*n.commit) + " for over " +
                           seconds(m_options.commitStallMs) + " while the leader advanced",
                       nowMs);
        if (fresh(t))
            checkEventLoss(t, s.anomalies, nowMs);
    }
    m_since.swap(m_sinceNew);
    s.history.assign(m_history.begin(), m_history.end());
    return s;
}

} // namespace vigil

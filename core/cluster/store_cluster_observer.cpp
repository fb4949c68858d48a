#include "core/cluster/store_cluster_observer.h"

#include "core/cluster/cluster_text.h"
#include "core/scrape/scrape_target.h"
#include "core/store/selector.h"
#include "core/store/series_store.h"

#include <algorithm>
#include <map>
#include <optional>

namespace vigil {

namespace {

struct Value
{
    Labels labels;
    Sample sample;
};

// Latest non-stale sample of every series of some metrics, grouped by instance.
class MetricView
{
public:
    MetricView(const SeriesStore &store, std::int64_t nowMs, std::int64_t lookbackMs)
        : m_store(store), m_now(nowMs), m_lookback(lookbackMs)
    {
    }

    const std::vector<Value> &values(const std::string &metric, const std::string &instance)
    {
        static const std::vector<Value> none;
        if (metric.empty())
            return none;
        auto it = m_byMetric.find(metric);
        if (it == m_byMetric.end())
            it = m_byMetric.emplace(metric, load(metric)).first;
        const auto in = it->second.find(instance);
        return in == it->second.end() ? none : in->second;
    }

    std::optional<Sample> single(const std::string &metric, const std::string &instance)
    {
        const auto &v = values(metric, instance);
        if (v.empty())
            return std::nullopt;
        return v.front().sample;
    }

private:
    std::map<std::string, std::vector<Value>> load(const std::string &metric) const
    {
        std::map<std::string, std::vector<Value>> out;
        const Result<Selector> sel = Selector::parse(metric);
        if (!sel)
            return out;
        for (const SeriesId id : m_store.select(*sel)) {
            const std::optional<Sample> s = m_store.instant(id, m_now, m_lookback);
            if (!s)
                continue;
            std::optional<SeriesMeta> meta = m_store.meta(id);
            if (!meta)
                continue;
            std::string instance;
            for (const Label &l : meta->labels)
                if (l.name == "instance")
                    instance = l.value;
            out[instance].push_back(Value{std::move(meta->labels), *s});
        }
        return out;
    }

    const SeriesStore &m_store;
    std::int64_t m_now, m_lookback;
    std::map<std::string, std::map<std::string, std::vector<Value>>> m_byMetric;
};

const std::string *labelValue(const Labels &labels, const std::string &name)
{
    for (const Label &l : labels)
        if (l.name == name)
            return &l.value;
    return nullptr;
}

} // namespace

StoreClusterObserver::StoreClusterObserver(const ClusterProfile &profile, const SeriesStore &store)
    : m_profile(profile), m_store(store)
{
}

std::string StoreClusterObserver::instanceOf(const ClusterProfile &profile, const std::string &target)
{
    ScrapeTargetConfig c;
    c.url = clusterMetricsUrl(profile, target);
    c.moveUserInfoToAuth();
    return c.instance();
}

std::string StoreClusterObserver::redacted(const std::string &target)
{
    ScrapeTargetConfig c;
    c.url = target;
    return c.redactedUrl();
}

std::vector<NodeObservation> StoreClusterObserver::observe(const std::vector<std::string> &targets,
                                                           std::int64_t nowMs) const
{
    const ClusterProfile &p = m_profile;
    MetricView view(m_store, nowMs, lookbackMs);
    std::vector<NodeObservation> out;
    for (const std::string &target : targets) {
        NodeObservation o;
        o.target = redacted(target);
        const std::string instance = instanceOf(p, target);
        o.id = instance;
        o.atMs = nowMs;

        std::int64_t newest = 0;
        auto take = [&](const std::string &metric) -> std::optional<double> {
            const std::optional<Sample> s = view.single(metric, instance);
            if (!s)
                return std::nullopt;
            newest = std::max(newest, s->timestampMs);
            return s->value;
        };
        auto takeU64 = [&](const std::string &metric) -> std::optional<std::uint64_t> {
            const std::optional<double> v = take(metric);
            return v ? uint64FromDouble(*v) : std::nullopt;
        };

        const std::optional<Sample> up = view.single("up", instance);
        if (up && up->value != 1) {
            o.reachable = false;
            o.atMs = up->timestampMs;
            o.error = "scrape of " + instance + " is failing (up = 0)";
            out.push_back(std::move(o));
            continue;
        }

        // Role.
        std::optional<NodeRole> role;
        if (!p.stateMetric.empty()) {
            for (const Value &v : view.values(p.stateMetric, instance)) {
                newest = std::max(newest, v.sample.timestampMs);
                const std::string *state = labelValue(v.labels, p.stateLabel);
                if (!state || v.sample.value != 1)
                    continue;
                if (*state == p.leaderState)
                    role = NodeRole::Leader;
                else if (*state == p.candidateState)
                    role = NodeRole::Candidate;
                else if (*state == p.followerState)
                    role = NodeRole::Follower;
            }
        } else {
            const std::optional<double> isLeader = take(p.isLeaderMetric);
            const std::optional<double> hasLeader = take(p.hasLeaderMetric);
            if (isLeader && *isLeader == 1)
                role = NodeRole::Leader;
            else if (hasLeader)
                role = *hasLeader == 1 ? NodeRole::Follower : NodeRole::Candidate;
            else if (isLeader)
                role = NodeRole::Follower;
        }
        o.role = role;
        o.term = takeU64(p.termMetric);
        o.commit = takeU64(p.commitMetric);
        o.applied = takeU64(p.appliedMetric);
        o.peersConnected = takeU64(p.peersConnectedMetric);
        o.electionsTotal = takeU64(p.electionsMetric);
        for (const Value &v : view.values(p.lagMetric, instance)) {
            const std::string *peer = labelValue(v.labels, p.lagPeerLabel);
            newest = std::max(newest, v.sample.timestampMs);
            o.lag.push_back(PeerLag{peer ? *peer : std::string(), v.sample.value});
        }
        std::sort(o.lag.begin(), o.lag.end(), [](const PeerLag &a, const PeerLag &b) { return a.peer < b.peer; });
        for (const Value &v : view.values(p.nameMetric, instance))
            if (const std::string *name = labelValue(v.labels, p.nameLabel))
                o.name = *name;
        if (p.hasConservation()) {
            const std::optional<double> received = take(p.receivedMetric);
            const std::optional<double> processed = take(p.processedMetric);
            const std::optional<double> dropped = take(p.droppedMetric);
            const auto &queues = view.values(p.queuedMetric, instance);
            if (received && processed && dropped && !queues.empty()) {
                NodeObservation::Events e{*received, *processed, *dropped, 0};
                for (const Value &q : queues)
                    e.queued += q.sample.value;
                o.events = e;
            }
        }

        if (newest == 0 && !up) {
            o.reachable = false;
            o.error = "no samples of " + instance + " in the store (is it scraped?)";
            out.push_back(std::move(o));
            continue;
        }
        o.reachable = true;
        o.atMs = newest ? newest : up->timestampMs;
        if (!role)
            o.error = "role metric " + (p.stateMetric.empty() ? p.isLeaderMetric : p.stateMetric) +
                      " missing for " + instance;
        out.push_back(std::move(o));
    }
    return out;
}

} // namespace vigil

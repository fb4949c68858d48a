// Tests of the simulated cluster without sockets: the dynamics (SimCluster), the
// exposition each node serves and the NDJSON event generator.
#include "core/expo/expo_parser.h"
#include "core/sim/sim_cluster.h"
#include "core/sim/sim_events.h"
#include "core/sim/sim_exposition.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>

using namespace vigil;

namespace {

struct FamilySpec
{
    const char *name;
    expo::MetricType type;
    std::uint32_t samples; // for a 3-node cluster
};

const FamilySpec kFamilies[] = {
    {"eventstream_queue_depth", expo::MetricType::Gauge, 3},
    {"eventstream_queue_capacity", expo::MetricType::Gauge, 3},
    {"eventstream_queue_push_total", expo::MetricType::Counter, 3},
    {"eventstream_queue_pop_total", expo::MetricType::Counter, 3},
    {"eventstream_queue_full_total", expo::MetricType::Counter, 3},
    {"eventstream_latency_ns", expo::MetricType::Histogram, 13},
    {"eventstream_events_received_total", expo::MetricType::Counter, 1},
    {"eventstream_events_processed_total", expo::MetricType::Counter, 1},
    {"eventstream_events_dropped_total", expo::MetricType::Counter, 1},
    {"eventstream_events_by_priority", expo::MetricType::Counter, 4},
    {"eventstream_dedup_hits_total", expo::MetricType::Counter, 1},
    {"eventstream_dedup_misses_total", expo::MetricType::Counter, 1},
    {"eventstream_raft_state", expo::MetricType::Gauge, 3},
    {"eventstream_raft_term", expo::MetricType::Gauge, 1},
    {"eventstream_raft_commit_index", expo::MetricType::Gauge, 1},
    {"eventstream_raft_apply_index", expo::MetricType::Gauge, 1},
    {"eventstream_raft_peers_connected", expo::MetricType::Gauge, 1},
    {"eventstream_raft_replication_lag", expo::MetricType::Gauge, 2},
    {"eventstream_raft_elections_total", expo::MetricType::Counter, 1},
};

// "name{a=b,c=d}" -> value, for every sample of a parse.
std::map<std::string, double> samplesByKey(const expo::ParseResult &r)
{
    std::map<std::string, double> out;
    for (const expo::SampleView &s : r.samples) {
        std::string key(s.name);
        key += '{';
        for (std::uint32_t l = 0; l < s.labelCount; ++l) {
            const LabelView &lv = r.labels[s.labelBegin + l];
            key.append(lv.name).append("=").append(lv.value).append(",");
        }
        key += '}';
        out[key] = s.value;
    }
    return out;
}

std::map<std::string, double> parseNode(const SimCluster &c, int node, std::string &text,
                                        expo::ParseResult &result)
{
    text = renderNodeExposition(c, node);
    const auto err = expo::parse(text, expo::Format::Prometheus, result);
    if (err)
        qWarning("parse error: %s", err->toString().c_str());
    return err ? std::map<std::string, double>{} : samplesByKey(result);
}

std::uint64_t maxTerm(const SimCluster &c)
{
    std::uint64_t t = 0;
    for (const SimNodeState &n : c.nodes())
        t = std::max(t, n.term);
    return t;
}

int countLeaders(const SimCluster &c)
{
    int k = 0;
    for (const SimNodeState &n : c.nodes())
        k += n.role == RaftRole::Leader ? 1 : 0;
    return k;
}

} // namespace

class TestSim : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void expositionHasEveryFamily();
    void expositionMatchesModel();
    void countersMonotonicAndAccountingHolds();
    void oneLeaderPerTerm();
    void forcedElectionAddsOneTerm();
    void smallClusters();
    void deterministicPerSeed();
    void loadDrivesRatesQueuesAndTail();
    void eventLinesAreValidJson();
};

void TestSim::expositionHasEveryFamily()
{
    SimCluster c(3, 11);
    c.step(30);
    for (int i = 0; i < 3; ++i) {
        const std::string text = renderNodeExposition(c, i);
        expo::ParseResult r;
        const auto err = expo::parse(text, expo::Format::Prometheus, r);
        QVERIFY2(!err, err ? err->toString().c_str() : "");
        for (const FamilySpec &spec : kFamilies) {
            const expo::FamilyView *found = nullptr;
            for (const expo::FamilyView &f : r.families)
                if (f.name == spec.name)
                    found = &f;
            QVERIFY2(found, spec.name);
            QVERIFY2(found->type == spec.type, spec.name);
            QVERIFY2(found->hasHelp && !found->help.empty(), spec.name);
            QCOMPARE(found->sampleCount, spec.samples);
        }
        // build_info carries the node name.
        const auto s = samplesByKey(r);
        const std::string build = "eventstream_build_info{version=" + std::string(kSimVersion) + ",node=node-"
                                  + std::to_string(i) + ",}";
        QVERIFY2(s.count(build) && s.at(build) == 1, build.c_str());
    }
}

void TestSim::expositionMatchesModel()
{
    SimCluster c(3, 5);
    c.step(45);
    const int leader = c.leader().value_or(-1);
    QVERIFY(leader >= 0);
    for (int i = 0; i < 3; ++i) {
        std::string text;
        expo::ParseResult r;
        const auto s = parseNode(c, i, text, r);
        QVERIFY(!s.empty());
        const SimNodeState &n = c.node(i);
        QCOMPARE(s.at("eventstream_queue_capacity{queue=realtime,}"), 16384.0);
        QCOMPARE(s.at("eventstream_queue_capacity{queue=transactional,}"), 65536.0);
        QCOMPARE(s.at("eventstream_queue_capacity{queue=batch,}"), 65536.0);
        QCOMPARE(s.at("eventstream_queue_depth{queue=batch,}"), double(n.queues[2].depth));
        QCOMPARE(s.at("eventstream_raft_state{state=leader,}"), i == leader ? 1.0 : 0.0);
        QCOMPARE(s.at("eventstream_raft_state{state=follower,}"), i == leader ? 0.0 : 1.0);
        QCOMPARE(s.at("eventstream_raft_state{state=candidate,}"), 0.0);
        QCOMPARE(s.at("eventstream_raft_term{}"), double(n.term));
        QCOMPARE(s.at("eventstream_raft_peers_connected{}"), 2.0);
        QCOMPARE(s.at("eventstream_events_received_total{}"), double(n.received));
        QVERIFY(n.received > 50'000'000); // ~2.5 M/s per node for 45 s
        QCOMPARE(s.at("eventstream_latency_ns_count{}"), double(n.processed));
        QCOMPARE(s.at("eventstream_latency_ns_bucket{le=+Inf,}"), double(n.processed));
        QVERIFY(s.at("eventstream_latency_ns_sum{}") > 100.0 * double(n.processed));
        // Lag is reported per other node: by the leader as measured, by others as 0.
        for (int p = 0; p < 3; ++p) {
            const std::string key = "eventstream_raft_replication_lag{peer=node-" + std::to_string(p) + ",}";
            QCOMPARE(s.count(key), size_t(p == i ? 0 : 1));
            if (p != i && i != leader)
                QCOMPARE(s.at(key), 0.0);
            if (p != i && i == leader)
                QCOMPARE(s.at(key), double(n.replicationLag[std::size_t(p)]));
        }
    }
}

void TestSim::countersMonotonicAndAccountingHolds()
{
    SimCluster c(3, 3);
    std::vector<std::map<std::string, double>> prevCounters(3);
    std::vector<SimNodeState> prev = c.nodes();
    std::string text;
    expo::ParseResult r;
    std::uint64_t maxDropped = 0;
    for (int stepNo = 1; stepNo <= 9000; ++stepNo) { // 15 simulated minutes
        c.step(0.1);
        if (stepNo % 400 == 0)
            c.forceElection();
        for (int i = 0; i < 3; ++i) {
            const SimNodeState &n = c.node(i);
            const SimNodeState &p = prev[std::size_t(i)];
            std::uint64_t queued = 0, pushed = 0, popped = 0, full = 0;
            for (int q = 0; q < kSimQueueCount; ++q) {
                const SimQueueState &qs = n.queues[std::size_t(q)];
                QVERIFY(qs.depth <= kSimQueueCapacity[std::size_t(q)]);
                QCOMPARE(qs.pushTotal - qs.popTotal, qs.depth);
                QVERIFY(qs.pushTotal >= p.queues[std::size_t(q)].pushTotal);
                QVERIFY(qs.popTotal >= p.queues[std::size_t(q)].popTotal);
                QVERIFY(qs.fullTotal >= p.queues[std::size_t(q)].fullTotal);
                queued += qs.depth;
                pushed += qs.pushTotal;
                popped += qs.popTotal;
                full += qs.fullTotal;
            }
            QCOMPARE(n.received, n.processed + n.dropped + queued);
            QCOMPARE(n.processed, popped);
            QCOMPARE(n.received, pushed + n.dropped);
            QCOMPARE(n.dropped, full);
            QCOMPARE(n.dedupHits + n.dedupMisses, n.received);
            std::uint64_t byPrio = 0;
            for (auto v : n.byPriority)
                byPrio += v;
            QCOMPARE(byPrio, n.received);
            std::uint64_t buckets = 0;
            for (auto v : n.latencyBuckets)
                buckets += v;
            QCOMPARE(buckets, n.latencyCount);
            QCOMPARE(n.latencyCount, n.processed);
            QVERIFY(n.received >= p.received && n.processed >= p.processed && n.dropped >= p.dropped);
            QVERIFY(n.dedupHits >= p.dedupHits && n.electionsTotal >= p.electionsTotal);
            QVERIFY(n.latencySumNs >= p.latencySumNs);
            QVERIFY(n.commitIndex >= n.applyIndex);
            QVERIFY(n.commitIndex >= p.commitIndex && n.applyIndex >= p.applyIndex);
            QVERIFY(n.term >= p.term);
            maxDropped = std::max(maxDropped, n.dropped);
        }
        prev = c.nodes();

        if (stepNo % 100 == 0) {
            // The same through the served text, for every counter and histogram series.
            for (int i = 0; i < 3; ++i) {
                const auto s = parseNode(c, i, text, r);
                QVERIFY(!s.empty());
                std::map<std::string, double> counters;
                for (const expo::FamilyView &f : r.families) {
                    if (f.type != expo::MetricType::Counter && f.type != expo::MetricType::Histogram)
                        continue;
                    for (std::uint32_t k = 0; k < f.sampleCount; ++k) {
                        const expo::SampleView &sv = r.samples[f.sampleBegin + k];
                        std::string key(sv.name);
                        for (std::uint32_t l = 0; l < sv.labelCount; ++l)
                            key.append(",").append(r.labels[sv.labelBegin + l].value);
                        counters[key] = sv.value;
                    }
                }
                QVERIFY(counters.size() >= 30);
                for (const auto &[key, value] : prevCounters[std::size_t(i)])
                    QVERIFY2(counters.at(key) >= value, key.c_str());
                prevCounters[std::size_t(i)] = std::move(counters);
            }
        }
    }
    QVERIFY(maxDropped > 0); // seed 3 saturates the batch queue at some peak
}

void TestSim::oneLeaderPerTerm()
{
    SimCluster c(3, 42);
    std::map<std::uint64_t, int> leaderOfTerm;
    std::optional<int> lastLeader = c.leader();
    QVERIFY(lastLeader);
    std::uint64_t lastLeaderTerm = c.node(*lastLeader).term;
    leaderOfTerm[lastLeaderTerm] = *lastLeader;
    int leaderlessSteps = 0, changes = 0;
    for (int stepNo = 1; stepNo <= 36000; ++stepNo) { // one simulated hour
        c.step(0.1);
        if (stepNo % 1500 == 0)
            c.forceElection();
        QVERIFY(countLeaders(c) <= 1);
        const std::optional<int> l = c.leader();
        if (!l) {
            ++leaderlessSteps;
            continue;
        }
        const std::uint64_t term = c.node(*l).term;
        const auto [it, inserted] = leaderOfTerm.emplace(term, *l);
        QVERIFY2(it->second == *l, "two leaders in one term");
        if (inserted) {
            // A new term's leader: one election since the last leader, and it moved.
            QCOMPARE(term, lastLeaderTerm + 1);
            QVERIFY(*l != lastLeader.value_or(-1));
            ++changes;
        }
        lastLeader = l;
        lastLeaderTerm = term;
        // Every reachable node follows the leader's term; nobody is ahead of it.
        for (const SimNodeState &n : c.nodes())
            QVERIFY(n.term <= term);
    }
    QCOMPARE(std::uint64_t(changes), c.electionsCompleted());
    QVERIFY(changes >= 25); // ~20 random plus the forced ones in an hour
    QVERIFY(leaderlessSteps > changes); // each election leaves the cluster leaderless for a while
    QVERIFY(leaderlessSteps < changes * 40);
    std::uint64_t participations = 0;
    for (const SimNodeState &n : c.nodes())
        participations += n.electionsTotal;
    QVERIFY(participations >= 2 * c.electionsCompleted()); // candidate plus at least one voter
    QVERIFY(participations <= 3 * c.electionsCompleted());
}

void TestSim::forcedElectionAddsOneTerm()
{
    SimCluster c(3, 9);
    c.setAutoElections(false);
    c.step(2);
    for (int round = 0; round < 20; ++round) {
        const int old = c.leader().value_or(-1);
        QVERIFY(old >= 0);
        const std::uint64_t term = c.node(old).term;
        QVERIFY(c.forceElection());
        QVERIFY(!c.forceElection()); // one at a time
        QVERIFY(!c.leader());
        QCOMPARE(c.node(old).peersConnected, 0);
        bool sawCandidate = false;
        for (int s = 0; s < 100 && !c.leader(); ++s) {
            c.step(0.1);
            for (const SimNodeState &n : c.nodes())
                sawCandidate |= n.role == RaftRole::Candidate;
        }
        QVERIFY(sawCandidate);
        const std::optional<int> now = c.leader();
        QVERIFY(now);
        QVERIFY(*now != old);
        QCOMPARE(c.node(*now).term, term + 1);
        QCOMPARE(maxTerm(c), term + 1);
        c.step(10); // the failed node rejoins and catches up
        QCOMPARE(c.node(old).term, term + 1);
        QCOMPARE(c.node(old).peersConnected, 2);
        QVERIFY(c.node(*now).replicationLag[std::size_t(old)] < 5000);
    }
    QCOMPARE(c.electionsCompleted(), std::uint64_t(20));
}

void TestSim::smallClusters()
{
    SimCluster one(1, 1);
    one.setAutoElections(false);
    one.step(1);
    QCOMPARE(one.leader().value_or(-1), 0);
    const std::uint64_t term = one.node(0).term;
    QVERIFY(one.forceElection());
    one.step(5);
    QCOMPARE(one.leader().value_or(-1), 0);
    QCOMPARE(one.node(0).term, term + 1);
    QCOMPARE(one.node(0).peersConnected, 0);
    QVERIFY(one.node(0).commitIndex > 0);

    SimCluster two(2, 1);
    two.setAutoElections(false);
    two.step(1);
    const int old = two.leader().value_or(-1);
    QVERIFY(old >= 0);
    QVERIFY(two.forceElection());
    two.step(5);
    QCOMPARE(two.leader().value_or(-1), 1 - old);
    QCOMPARE(two.node(0).term, two.node(1).term);
}

void TestSim::deterministicPerSeed()
{
    SimCluster a(3, 7), b(3, 7), other(3, 8);
    for (int s = 0; s < 3000; ++s) {
        a.step(0.1);
        b.step(0.1);
        other.step(0.1);
    }
    bool differs = false;
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(renderNodeExposition(a, i), renderNodeExposition(b, i));
        differs |= renderNodeExposition(a, i) != renderNodeExposition(other, i);
    }
    QVERIFY(differs);
}

void TestSim::loadDrivesRatesQueuesAndTail()
{
    SimCluster c(3, 1);
    c.setAutoElections(false);
    std::vector<SimNodeState> prev = c.nodes();
    double minRate = 1e18, maxRate = 0, maxBatchFill = 0, maxRealtimeFill = 0;
    double tailLow = 0, countLow = 0, tailHigh = 0, countHigh = 0;
    for (int stepNo = 1; stepNo <= 18000; ++stepNo) { // 30 simulated minutes
        c.step(0.1);
        std::uint64_t received = 0;
        for (int i = 0; i < 3; ++i)
            received += c.node(i).received - prev[std::size_t(i)].received;
        if (stepNo > 50) {
            minRate = std::min(minRate, double(received) / 0.1);
            maxRate = std::max(maxRate, double(received) / 0.1);
        }
        const SimNodeState &n = c.node(0);
        maxBatchFill = std::max(maxBatchFill, double(n.queues[2].depth) / 65536.0);
        maxRealtimeFill = std::max(maxRealtimeFill, double(n.queues[0].depth) / 16384.0);
        double total = 0, slow = 0; // events above 2 us this step
        for (int b = 0; b < kSimLatencyBucketCount; ++b) {
            const double v = double(n.latencyBuckets[std::size_t(b)] - prev[0].latencyBuckets[std::size_t(b)]);
            total += v;
            if (b >= 5)
                slow += v;
        }
        if (c.load() < 0.85) {
            tailLow += slow;
            countLow += total;
        } else if (c.load() > 1.15) {
            tailHigh += slow;
            countHigh += total;
        }
        prev = c.nodes();
    }
    QVERIFY2(minRate > 3.0e6 && maxRate < 13.0e6, qPrintable(QString::number(minRate) + QLatin1Char(' ') + QString::number(maxRate)));
    QVERIFY(maxRate > 9.0e6 && minRate < 6.0e6); // the wave is visible
    QVERIFY(maxBatchFill > 0.85);    // batch saturates at peaks
    QVERIFY(maxRealtimeFill < 0.5);  // realtime has headroom
    QVERIFY(countLow > 0 && countHigh > 0);
    QVERIFY(tailHigh / countHigh > 5 * (tailLow / countLow));
    const double dedupShare = double(c.node(0).dedupHits) / double(c.node(0).received);
    QVERIFY(dedupShare > 0.00005 && dedupShare < 0.001);
}

void TestSim::eventLinesAreValidJson()
{
    SimEventGenerator gen(3, 77);
    std::string out;
    const std::int64_t t0 = 1'700'000'000'000'000'000;
    gen.generate(20000, t0, t0 + 1'000'000'000, 1.0, out);
    QCOMPARE(gen.generated(), std::uint64_t(20000));
    QVERIFY(!out.empty() && out.back() == '\n');

    std::map<std::string, int> ids;
    std::map<std::string, int> priorities, queues, nodes;
    int quoted = 0, nonAscii = 0, lines = 0;
    std::int64_t lastTs = 0;
    std::size_t pos = 0;
    while (pos < out.size()) {
        const std::size_t nl = out.find('\n', pos);
        QVERIFY(nl != std::string::npos);
        const std::string line = out.substr(pos, nl - pos);
        pos = nl + 1;
        ++lines;
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(line);
        } catch (const std::exception &e) {
            QFAIL(qPrintable(QString::fromStdString(line + " : " + e.what())));
        }
        QVERIFY(j.is_object());
        QCOMPARE(j.size(), size_t(7));
        QVERIFY(j.at("id").is_string() && j.at("ts").is_number_integer());
        QVERIFY(j.at("latency_ns").is_number_integer() && j.at("latency_ns").get<std::int64_t>() > 0);
        QVERIFY(j.at("message").is_string() && !j.at("message").get<std::string>().empty());
        const auto ts = j.at("ts").get<std::int64_t>();
        QVERIFY(ts >= t0 && ts < t0 + 1'000'000'000 && ts >= lastTs);
        lastTs = ts;
        ++ids[j.at("id").get<std::string>()];
        ++priorities[j.at("priority").get<std::string>()];
        ++queues[j.at("queue").get<std::string>()];
        ++nodes[j.at("node").get<std::string>()];
        const std::string msg = j.at("message").get<std::string>();
        quoted += msg.find('"') != std::string::npos ? 1 : 0;
        nonAscii += std::any_of(msg.begin(), msg.end(), [](char ch) { return (unsigned char)ch >= 0x80; }) ? 1 : 0;
    }
    QCOMPARE(lines, 20000);
    int duplicates = 0;
    for (const auto &[id, n] : ids)
        duplicates += n - 1;
    QCOMPARE(std::uint64_t(duplicates), gen.duplicates());
    QVERIFY(duplicates > 20 && duplicates < 400); // ~0.5 %
    QCOMPARE(std::set<std::string>({"critical", "high", "medium", "low"}).size(), priorities.size());
    for (const auto &[name, n] : priorities)
        QVERIFY2(name == "critical" || name == "high" || name == "medium" || name == "low", name.c_str());
    QVERIFY(priorities["medium"] + priorities["low"] > 16000);
    QVERIFY(priorities["critical"] < priorities["high"]);
    QCOMPARE(queues.size(), size_t(3));
    QVERIFY(queues.count("realtime") && queues.count("transactional") && queues.count("batch"));
    QCOMPARE(nodes.size(), size_t(3));
    QVERIFY(nodes.count("node-0") && nodes.count("node-2"));
    QVERIFY(quoted > 0 && nonAscii > 0);
}

QTEST_GUILESS_MAIN(TestSim)
#include "tst_sim.moc"

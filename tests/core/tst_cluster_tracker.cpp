// ClusterTracker, fed by hand: every anomaly kind with exact expectations, the role
// history bound, leader derivation; plus the exact uint64/hex helpers, plain-text
// capping and etcd status parsing/merging (decimal strings, ids above 2^53, garbage).
#include "core/cluster/cluster_text.h"
#include "core/cluster/cluster_tracker.h"
#include "core/cluster/etcd_status.h"

#include <QTest>

#include <algorithm>

using namespace vigil;

namespace {

NodeObservation node(const std::string &id, std::int64_t at, NodeRole role, std::uint64_t term,
                     std::uint64_t commit = 10)
{
    NodeObservation o;
    o.target = "http://" + id + ":1/metrics";
    o.id = id;
    o.name = id;
    o.atMs = at;
    o.reachable = true;
    o.role = role;
    o.term = term;
    o.commit = commit;
    o.applied = commit;
    return o;
}

NodeObservation down(const std::string &id, std::int64_t at, const std::string &why)
{
    NodeObservation o;
    o.target = "http://" + id + ":1/metrics";
    o.atMs = at;
    o.reachable = false;
    o.error = why;
    return o;
}

std::vector<std::string> kinds(const ClusterSnapshot &s)
{
    std::vector<std::string> out;
    for (const ClusterAnomaly &a : s.anomalies)
        out.push_back(std::string(anomalyKindName(a.kind)) + "@" + a.node);
    std::sort(out.begin(), out.end());
    return out;
}

using Kinds = std::vector<std::string>;

const ClusterNode *find(const ClusterSnapshot &s, const std::string &id)
{
    for (const ClusterNode &n : s.nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

} // namespace

class TestClusterTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void names()
    {
        QCOMPARE(QByteArray(nodeRoleName(NodeRole::Leader)), QByteArray("leader"));
        QCOMPARE(QByteArray(nodeRoleName(NodeRole::Follower)), QByteArray("follower"));
        QCOMPARE(QByteArray(nodeRoleName(NodeRole::Candidate)), QByteArray("candidate"));
        QCOMPARE(QByteArray(nodeRoleName(NodeRole::Unreachable)), QByteArray("unreachable"));
        QCOMPARE(QByteArray(anomalyKindName(AnomalyKind::NoLeader)), QByteArray("no_leader"));
        QCOMPARE(QByteArray(anomalyKindName(AnomalyKind::TwoLeaders)), QByteArray("two_leaders"));
        QCOMPARE(QByteArray(anomalyKindName(AnomalyKind::TermBackwards)), QByteArray("term_backwards"));
        QCOMPARE(QByteArray(anomalyKindName(AnomalyKind::CommitStalled)), QByteArray("commit_stalled"));
        QCOMPARE(QByteArray(anomalyKindName(AnomalyKind::StaleData)), QByteArray("stale_data"));
        QCOMPARE(QByteArray(anomalyKindName(AnomalyKind::EventLoss)), QByteArray("event_loss"));
    }

    void uint64Exact()
    {
        QCOMPARE(parseUint64Decimal("18446744073709551615").value(), std::uint64_t(18446744073709551615ull));
        QVERIFY(!parseUint64Decimal("18446744073709551616")); // overflow
        QVERIFY(!parseUint64Decimal("-1"));
        QVERIFY(!parseUint64Decimal(" 1"));
        QVERIFY(!parseUint64Decimal("1.0"));
        QVERIFY(!parseUint64Decimal(""));
        // 2^53 + 1 is not a double: it must survive exactly.
        QCOMPARE(parseUint64Decimal("9007199254740993").value(), std::uint64_t(9007199254740993ull));
        QCOMPARE(parseUint64Decimal("15549137768104888986").value(), std::uint64_t(15549137768104888986ull));
        QCOMPARE(memberIdHex(15549137768104888986ull), std::string("d7c9a26acf808a9a"));
        QCOMPARE(memberIdHex(1), std::string("0000000000000001"));
        QCOMPARE(memberIdHex(0xffffffffffffffffull), std::string("ffffffffffffffff"));
        QCOMPARE(parseUint64Hex("688f54d213df392d").value(), std::uint64_t(0x688f54d213df392dull));
        QCOMPARE(parseUint64Hex("688F54D213DF392D").value(), std::uint64_t(0x688f54d213df392dull));
        QVERIFY(!parseUint64Hex("1ffffffffffffffff"));
        QVERIFY(!parseUint64Hex("0x12"));
        for (std::uint64_t v : {0ull, 1ull, 9007199254740993ull, 0x8000000000000001ull, 18446744073709551615ull})
            QCOMPARE(parseUint64Hex(memberIdHex(v)).value(), v);
        QCOMPARE(uint64FromDouble(42.0).value(), std::uint64_t(42));
        QVERIFY(!uint64FromDouble(-1));
        QVERIFY(!uint64FromDouble(1.5));
        QVERIFY(!uint64FromDouble(std::numeric_limits<double>::quiet_NaN()));
        QVERIFY(!uint64FromDouble(1.8446744073709552e19));
    }

    void plainTextIsFlatAndCapped()
    {
        QCOMPARE(plainText("a\nb\tc\x1b[31m"), std::string("a b c [31m"));
        QCOMPARE(plainText("x\xe2\x80\xaey"), std::string("xy"));        // RLO dropped
        QCOMPARE(plainText("bad\xff\xfe utf8"), std::string("bad utf8"));
        const std::string longText(5000, 'a');
        const std::string capped = plainText(longText, 100);
        QCOMPARE(capped.size(), std::size_t(103));
        QVERIFY(capped.ends_with("..."));
        // Cut on a character boundary: "é" is 2 bytes.
        QCOMPARE(plainText("\xc3\xa9\xc3\xa9", 3), std::string("\xc3\xa9..."));
    }

    void healthyClusterHasNoAnomalies()
    {
        ClusterTracker t("test");
        t.observe(node("a", 1000, NodeRole::Leader, 3));
        t.observe(node("b", 1000, NodeRole::Follower, 3));
        t.observe(node("c", 1000, NodeRole::Follower, 3));
        const ClusterSnapshot s = t.evaluate(1500);
        QCOMPARE(s.nodes.size(), std::size_t(3));
        QCOMPARE(s.profile, std::string("test"));
        QCOMPARE(s.takenMs, std::int64_t(1500));
        QCOMPARE(kinds(s), Kinds{});
        // Followers without their own leader id get the leader of their term.
        QCOMPARE(find(s, "b")->leader, std::string("a"));
        QCOMPARE(find(s, "a")->leader, std::string("a"));
        QVERIFY(s.history.empty()); // first observations are not changes
    }

    void noLeader()
    {
        ClusterTracker t("test");
        t.observe(node("a", 1000, NodeRole::Candidate, 4));
        t.observe(node("b", 1000, NodeRole::Follower, 3));
        ClusterSnapshot s = t.evaluate(1000);
        QCOMPARE(kinds(s), Kinds{"no_leader@"});
        QCOMPARE(s.anomalies[0].sinceMs, std::int64_t(1000));
        QCOMPARE(s.anomalies[0].message, std::string("no reachable node is leader"));
        // sinceMs stays while the anomaly holds.
        t.observe(node("a", 2000, NodeRole::Candidate, 4));
        s = t.evaluate(2000);
        QCOMPARE(s.anomalies[0].sinceMs, std::int64_t(1000));
        // A leader ends it.
        t.observe(node("a", 3000, NodeRole::Leader, 4));
        QCOMPARE(kinds(t.evaluate(3000)), Kinds{});
        // All unreachable: still no leader, with a different message.
        t.observe(down("a", 4000, "connection refused"));
        t.observe(down("b", 4000, "connection refused"));
        s = t.evaluate(4000);
        QCOMPARE(kinds(s), Kinds{"no_leader@"});
        QCOMPARE(s.anomalies[0].message, std::string("no node is reachable with fresh data"));
        QCOMPARE(s.anomalies[0].sinceMs, std::int64_t(4000));
    }

    void twoLeadersInOneTerm()
    {
        ClusterTracker t("test");
        t.observe(node("a", 1000, NodeRole::Leader, 7));
        t.observe(node("b", 1000, NodeRole::Leader, 7));
        t.observe(node("c", 1000, NodeRole::Follower, 7));
        ClusterSnapshot s = t.evaluate(1000);
        QCOMPARE(kinds(s), (Kinds{"two_leaders@a", "two_leaders@b"}));
        QCOMPARE(s.anomalies[0].message, std::string("2 leaders in term 7: a, b"));
        // Leaders of different terms (an old leader that has not heard yet) are not this anomaly.
        t.observe(node("b", 2000, NodeRole::Leader, 8));
        t.observe(node("a", 2000, NodeRole::Leader, 7));
        t.observe(node("c", 2000, NodeRole::Follower, 8));
        s = t.evaluate(2000);
        QCOMPARE(kinds(s), Kinds{});
        QCOMPARE(find(s, "c")->leader, std::string("b"));
    }

    void termBackwards()
    {
        ClusterTracker::Options o;
        o.termBackwardsHoldMs = 5000;
        ClusterTracker t("test", o);
        t.observe(node("a", 1000, NodeRole::Leader, 5));
        t.observe(node("a", 2000, NodeRole::Leader, 4));
        ClusterSnapshot s = t.evaluate(2000);
        QCOMPARE(kinds(s), Kinds{"term_backwards@a"});
        QCOMPARE(s.anomalies[0].message, std::string("a: term went back from 5 to 4"));
        t.observe(node("a", 6000, NodeRole::Leader, 5));
        QCOMPARE(kinds(t.evaluate(7000)), Kinds{"term_backwards@a"}); // held
        QCOMPARE(kinds(t.evaluate(7001)), Kinds{});                    // hold ended
        // Equal terms never count.
        t.observe(node("a", 8000, NodeRole::Leader, 5));
        QCOMPARE(kinds(t.evaluate(8000)), Kinds{});
    }

    void commitStalled()
    {
        ClusterTracker::Options o;
        o.commitStallMs = 10'000;
        ClusterTracker t("test", o);
        for (std::int64_t at = 0; at <= 12'000; at += 1000) {
            t.observe(node("a", at, NodeRole::Leader, 2, 100 + std::uint64_t(at / 100)));
            t.observe(node("b", at, NodeRole::Follower, 2, 100 + std::uint64_t(at / 100)));
            t.observe(node("c", at, NodeRole::Follower, 2, 100)); // stuck
            const ClusterSnapshot s = t.evaluate(at);
            if (at < 10'000)
                QCOMPARE(kinds(s), Kinds{});
            else
                QCOMPARE(kinds(s), Kinds{"commit_stalled@c"});
        }
        const ClusterSnapshot s = t.evaluate(12'000);
        QCOMPARE(s.anomalies[0].message, std::string("c: commit index stuck at 100 for over 10 s while the leader advanced"));
        QCOMPARE(s.anomalies[0].sinceMs, std::int64_t(10'000));
        // An idle cluster (leader not advancing either) is not stalled.
        ClusterTracker idle("test", o);
        for (std::int64_t at = 0; at <= 20'000; at += 1000) {
            idle.observe(node("a", at, NodeRole::Leader, 2, 50));
            idle.observe(node("b", at, NodeRole::Follower, 2, 50));
        }
        QCOMPARE(kinds(idle.evaluate(20'000)), Kinds{});
        // The leader derived lag from commit indices (no lag metric given).
        const ClusterNode *leader = find(s, "a");
        QCOMPARE(leader->lag.size(), std::size_t(2));
        const auto lagOf = [&](const std::string &peer) {
            for (const PeerLag &l : leader->lag)
                if (l.peer == peer)
                    return l.entries;
            return -1.0;
        };
        QCOMPARE(lagOf("b"), 0.0);
        QCOMPARE(lagOf("c"), 120.0);
    }

    void staleData()
    {
        ClusterTracker::Options o;
        o.staleAfterMs = 15'000;
        ClusterTracker t("test", o);
        t.observe(node("a", 1000, NodeRole::Leader, 2));
        t.observe(node("b", 1000, NodeRole::Follower, 2));
        QCOMPARE(kinds(t.evaluate(16'000)), Kinds{});
        t.observe(node("a", 10'000, NodeRole::Leader, 2));
        ClusterSnapshot s = t.evaluate(16'001);
        QCOMPARE(kinds(s), Kinds{"stale_data@b"});
        QCOMPARE(s.anomalies[0].message, std::string("b: newest data is older than 15 s"));
        // A stale leader is no leader.
        s = t.evaluate(25'001);
        QCOMPARE(kinds(s), (Kinds{"no_leader@", "stale_data@a", "stale_data@b"}));
    }

    void eventLoss()
    {
        ClusterTracker::Options o;
        o.eventLossWindowMs = 10'000;
        o.eventLossAbsolute = 100;
        o.eventLossRelative = 0.001;
        ClusterTracker t("test", o);
        auto feed = [&](std::int64_t at, double received, double processed, double dropped, double queued) {
            NodeObservation n = node("a", at, NodeRole::Leader, 1);
            n.events = NodeObservation::Events{received, processed, dropped, queued};
            t.observe(n);
            return t.evaluate(at);
        };
        // Conserved: received = processed + dropped + queued at every point.
        for (int i = 0; i <= 20; ++i)
            QCOMPARE(kinds(feed(i * 1000, 10'000.0 * i, 9'000.0 * i, 500.0 * i, 500.0 * i)), Kinds{});
        // From now on 20 events per second vanish: 10 s * 20 = 200 > max(100, 0.001 * 100k).
        double lost = 0;
        ClusterSnapshot s;
        for (int i = 21; i <= 31; ++i) {
            lost += 20;
            s = feed(i * 1000, 10'000.0 * i, 9'000.0 * i - lost, 500.0 * i, 500.0 * i);
            if (i < 26) // lost over the window <= 100 until then
                QCOMPARE(kinds(s), Kinds{});
        }
        QCOMPARE(kinds(s), Kinds{"event_loss@a"});
        QCOMPARE(s.anomalies[0].message,
                 std::string("a: 200 events unaccounted for over 10 s (received - processed - dropped - queued), "
                             "tolerance 100"));
        // A counter reset starts over instead of reporting a huge drift.
        QCOMPARE(kinds(feed(32'000, 5, 5, 0, 0)), Kinds{});
    }

    void roleHistoryIsBounded()
    {
        ClusterTracker::Options o;
        o.historyLimit = 5;
        ClusterTracker t("test", o);
        for (int i = 0; i < 20; ++i)
            t.observe(node("a", 1000 * i, i % 2 ? NodeRole::Follower : NodeRole::Leader, std::uint64_t(i)));
        const ClusterSnapshot s = t.evaluate(20'000);
        QCOMPARE(s.history.size(), std::size_t(5));
        // The newest five, oldest first: changes at i = 15..19.
        QCOMPARE(s.history.front().atMs, std::int64_t(15'000));
        QCOMPARE(s.history.back().atMs, std::int64_t(19'000));
        QCOMPARE(s.history.back().from, NodeRole::Leader);
        QCOMPARE(s.history.back().to, NodeRole::Follower);
        QCOMPARE(s.history.back().node, std::string("a"));
    }

    void unreachableKeepsIdentityAndError()
    {
        ClusterTracker t("test");
        t.observe(node("a", 1000, NodeRole::Leader, 2));
        t.observe(down("a", 2000, std::string("Connection refused\n\x1b[2J") + std::string(2000, 'x')));
        const ClusterSnapshot s = t.evaluate(2000);
        QCOMPARE(s.nodes.size(), std::size_t(1));
        const ClusterNode &n = s.nodes[0];
        QCOMPARE(n.id, std::string("a"));
        QCOMPARE(n.role, NodeRole::Unreachable);
        QVERIFY(!n.reachable);
        QVERIFY(n.error.starts_with("Connection refused  [2J"));
        QVERIFY(n.error.size() <= kMaxClusterTextBytes + 3);
        QCOMPARE(s.history.size(), std::size_t(1));
        QCOMPARE(s.history[0].to, NodeRole::Unreachable);
        QCOMPARE(s.history[0].term, std::uint64_t(2));
        // Never seen and unreachable: the target stands in for the id.
        ClusterTracker fresh("test");
        fresh.observe(down("z", 1000, "timeout"));
        QCOMPARE(fresh.evaluate(1000).nodes[0].id, std::string("http://z:1/metrics"));
    }

    void etcdStatusParsesExactly()
    {
        const std::string body =
            "{\"header\":{\"cluster_id\":\"14841639068965178418\",\"member_id\":\"15549137768104888986\",\"revision\":\"1\","
            "\"raft_term\":\"2\"},\"version\":\"3.4.23\",\"dbSize\":\"20480\",\"leader\":\"15549137768104888986\","
            "\"raftIndex\":\"9007199254740993\",\"raftTerm\":\"2\",\"raftAppliedIndex\":\"9007199254740992\",\"dbSizeInUse\":\"16384\"}";
        const Result<EtcdStatus> s = parseEtcdStatus(body);
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().message.c_str());
        QCOMPARE(s->memberId, std::uint64_t(15549137768104888986ull));
        QCOMPARE(s->leader.value(), std::uint64_t(15549137768104888986ull));
        QCOMPARE(s->raftTerm, std::uint64_t(2));
        QCOMPARE(s->raftIndex, std::uint64_t(9007199254740993ull));
        QCOMPARE(s->raftAppliedIndex, std::uint64_t(9007199254740992ull));
        QCOMPARE(s->version, std::string("3.4.23"));
        // Bare numbers above 2^53 (etcdctl's form) are exact too.
        const Result<EtcdStatus> bare = parseEtcdStatus(
            "{\"header\":{\"member_id\":18446744073709551615},\"leader\":9007199254740993,\"raftIndex\":3,\"raftTerm\":4,\"raftAppliedIndex\":3}");
        QVERIFY(bare.ok());
        QCOMPARE(bare->memberId, std::uint64_t(18446744073709551615ull));
        QCOMPARE(bare->leader.value(), std::uint64_t(9007199254740993ull));
        // Without quorum: no leader, errors kept as plain text.
        const Result<EtcdStatus> noLeader = parseEtcdStatus(
            "{\"header\":{\"member_id\":\"1\",\"raft_term\":\"5\"},\"raftIndex\":\"3\",\"raftAppliedIndex\":\"3\",\"errors\":[\"etcdserver: no leader\"]}");
        QVERIFY(noLeader.ok());
        QVERIFY(!noLeader->leader);
        QCOMPARE(noLeader->raftTerm, std::uint64_t(5));
        QCOMPARE(noLeader->errors, std::vector<std::string>{"etcdserver: no leader"});
    }

    void etcdStatusRejectsGarbage_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("html") << QByteArray("<html>502 Bad Gateway</html>") << QByteArray("is not JSON");
        QTest::newRow("array") << QByteArray("[1,2]") << QByteArray("is not a JSON object");
        QTest::newRow("empty") << QByteArray("") << QByteArray("is not JSON");
        QTest::newRow("no header") << QByteArray("{\"raftIndex\":\"1\"}") << QByteArray("lacks 'header'");
        QTest::newRow("float id") << QByteArray("{\"header\":{\"member_id\":1.5e19}}")
                                  << QByteArray("header.member_id");
        QTest::newRow("negative") << QByteArray("{\"header\":{\"member_id\":\"-3\"}}") << QByteArray("header.member_id");
        QTest::newRow("overflow") << QByteArray("{\"header\":{\"member_id\":\"18446744073709551616\"}}")
                                  << QByteArray("header.member_id");
        QTest::newRow("no index") << QByteArray("{\"header\":{\"member_id\":\"1\"},\"raftTerm\":\"2\"}")
                                  << QByteArray("raftIndex");
    }

    void etcdStatusRejectsGarbage()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, expected);
        const Result<EtcdStatus> s = parseEtcdStatus(body.toStdString());
        QVERIFY(!s.ok());
        QVERIFY2(QByteArray::fromStdString(s.error().message).contains(expected), s.error().message.c_str());
    }

    void etcdMergeAndMembers()
    {
        const Result<std::vector<EtcdMember>> members = parseEtcdMembers(
            "{\"header\":{},\"members\":[{\"ID\":\"15549137768104888986\",\"name\":\"n1\",\"peerURLs\":[\"http://127.0.0.1:2380\"],"
            "\"clientURLs\":[\"http://127.0.0.1:2379\"]},{\"ID\":\"7534302398323462445\",\"name\":\"n2\","
            "\"clientURLs\":[\"http://127.0.0.1:22379\"]}]}");
        QVERIFY(members.ok());
        QCOMPARE(members->size(), std::size_t(2));
        QCOMPARE((*members)[1].id, std::uint64_t(7534302398323462445ull));

        // Status answered: exact values, hex ids, role from leader == member.
        NodeObservation o;
        o.target = "http://127.0.0.1:2379";
        o.reachable = true;
        o.id = "127.0.0.1:2379";
        o.role = NodeRole::Follower; // from metrics; the status wins
        EtcdStatus st;
        st.memberId = 15549137768104888986ull;
        st.leader = 15549137768104888986ull;
        st.raftTerm = 3;
        st.raftIndex = 9007199254740993ull;
        st.raftAppliedIndex = 9007199254740993ull;
        mergeEtcdStatus(o, st, *members, "127.0.0.1:2379", 5000);
        QCOMPARE(o.id, std::string("d7c9a26acf808a9a"));
        QCOMPARE(o.leader, std::string("d7c9a26acf808a9a"));
        QCOMPARE(o.name, std::string("n1"));
        QCOMPARE(o.role.value(), NodeRole::Leader);
        QCOMPARE(o.commit.value(), std::uint64_t(9007199254740993ull));
        QCOMPARE(o.atMs, std::int64_t(5000));

        // Both failed: unreachable; identity from the member list by client URL.
        NodeObservation dead;
        dead.target = "http://127.0.0.1:22379";
        dead.reachable = false;
        dead.error = "Connection refused";
        mergeEtcdStatus(dead, Result<EtcdStatus>(Error{"Connection refused"}), *members, "127.0.0.1:22379", 5000);
        QVERIFY(!dead.reachable);
        QCOMPARE(dead.id, std::string("688f381ce271912d"));
        QCOMPARE(dead.name, std::string("n2"));
        QVERIFY(QByteArray::fromStdString(dead.error).contains("Connection refused"));

        // Metrics fine, status garbage: reachable, the error says why.
        NodeObservation partial;
        partial.reachable = true;
        partial.role = NodeRole::Follower;
        mergeEtcdStatus(partial, parseEtcdStatus("garbage"), {}, "127.0.0.1:1", 5000);
        QVERIFY(partial.reachable);
        QCOMPARE(partial.role.value(), NodeRole::Follower);
        QVERIFY(QByteArray::fromStdString(partial.error).startsWith("status API: etcd status answer is not JSON"));
    }

    // A SIGKILLed member keeps its last scrape in the store for up to a scrape interval;
    // its status request (same client URL) is refused at once. No HTTP answer at all
    // overrides the metrics' view; an HTTP error keeps it.
    void etcdStatusWithoutAnswerOverridesMetrics()
    {
        const Result<std::vector<EtcdMember>> members = parseEtcdMembers(
            "{\"members\":[{\"ID\":\"15549137768104888986\",\"name\":\"n1\","
            "\"clientURLs\":[\"http://127.0.0.1:2379\"]}]}");
        QVERIFY(members.ok());
        auto leaderFromMetrics = [] {
            NodeObservation o;
            o.target = "http://127.0.0.1:2379";
            o.atMs = 1000; // the last scrape, before the kill
            o.reachable = true;
            o.id = "127.0.0.1:2379";
            o.role = NodeRole::Leader;
            o.term = 4;
            o.commit = 90;
            o.leader = "127.0.0.1:2379";
            return o;
        };

        // Metrics reachable + connection refused: unreachable with exactly that error,
        // role reset, at the time of the status request; identity from the member list.
        NodeObservation refused = leaderFromMetrics();
        mergeEtcdStatus(refused, Result<EtcdStatus>(Error{"Connection refused"}), *members, "127.0.0.1:2379", 5000,
                        EtcdStatusReply::NoAnswer);
        QCOMPARE(refused.reachable, false);
        QCOMPARE(refused.error, std::string("Connection refused"));
        QVERIFY(!refused.role.has_value());
        QCOMPARE(refused.atMs, std::int64_t(5000));
        QCOMPARE(refused.id, std::string("d7c9a26acf808a9a"));
        QCOMPARE(refused.name, std::string("n1"));
        // A timed-out status request is no answer either.
        NodeObservation timedOut = leaderFromMetrics();
        mergeEtcdStatus(timedOut, Result<EtcdStatus>(Error{"no status answer within 2000 ms"}), {}, "127.0.0.1:2379",
                        5000, EtcdStatusReply::NoAnswer);
        QCOMPARE(timedOut.reachable, false);
        QCOMPARE(timedOut.error, std::string("no status answer within 2000 ms"));
        QVERIFY(!timedOut.role.has_value());

        // The tracker then shows the old leader unreachable, not as a leader.
        ClusterTracker tracker("etcd");
        tracker.observe(leaderFromMetrics());
        QCOMPARE(find(tracker.evaluate(1000), "127.0.0.1:2379")->role, NodeRole::Leader);
        tracker.observe(refused);
        const ClusterSnapshot after = tracker.evaluate(5000);
        const ClusterNode *dead = find(after, "d7c9a26acf808a9a");
        QVERIFY(dead);
        QCOMPARE(dead->role, NodeRole::Unreachable);
        QCOMPARE(dead->reachable, false);
        QCOMPARE(dead->error, std::string("Connection refused"));

        // Metrics reachable + HTTP 500: as before, the metrics' view stays, the error says why.
        NodeObservation http500 = leaderFromMetrics();
        mergeEtcdStatus(http500, Result<EtcdStatus>(Error{"status API answered HTTP 500: internal"}), *members,
                        "127.0.0.1:2379", 5000, EtcdStatusReply::Answered);
        QCOMPARE(http500.reachable, true);
        QCOMPARE(http500.error, std::string("status API: status API answered HTTP 500: internal"));
        QCOMPARE(http500.role.value(), NodeRole::Leader);
        QCOMPARE(http500.term.value(), std::uint64_t(4));
        QCOMPARE(http500.commit.value(), std::uint64_t(90));
        QCOMPARE(http500.atMs, std::int64_t(1000));
        QCOMPARE(http500.id, std::string("d7c9a26acf808a9a")); // the member list knows it by client URL

        // Both failed, no answer: unreachable with both reasons, as before.
        NodeObservation both;
        both.reachable = false;
        both.error = "scrape failed";
        mergeEtcdStatus(both, Result<EtcdStatus>(Error{"Connection refused"}), {}, "127.0.0.1:2379", 5000,
                        EtcdStatusReply::NoAnswer);
        QCOMPARE(both.reachable, false);
        QCOMPARE(both.error, std::string("Connection refused; metrics: scrape failed"));
    }
};

QTEST_GUILESS_MAIN(TestClusterTracker)
#include "tst_cluster_tracker.moc"

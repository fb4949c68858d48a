// ClusterSnapshot <-> JSON: exact round trip (every field set and unset, every role and
// anomaly kind, doubles bit for bit), the documented object, and strict bounded
// parsing of untrusted input (named-field errors, cut strings, limits, not JSON).
#include "core/cluster/cluster_json.h"

#include <nlohmann/json.hpp>

#include <QTest>

#include <bit>
#include <cmath>
#include <limits>

using namespace vigil;

namespace {

std::uint64_t bits(double v)
{
    return std::bit_cast<std::uint64_t>(v);
}

constexpr std::uint64_t kU64Max = std::numeric_limits<std::uint64_t>::max();
constexpr std::int64_t kI64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kI64Max = std::numeric_limits<std::int64_t>::max();

ClusterNode fullNode(int i)
{
    ClusterNode n;
    n.id = "node-" + std::to_string(i);
    n.name = "Node \"" + std::to_string(i) + "\" ünïcödé \\ \t€";
    n.target = "http://10.0.0." + std::to_string(i) + ":2379/metrics";
    n.role = NodeRole::Follower;
    n.reachable = true;
    n.term = 5;
    n.commit = 1'000'000 + i;
    n.applied = 999'999 + i;
    n.leader = "node-0";
    n.lag = {{"node-1", 3}, {"node-2", 0.5}};
    n.peersConnected = 2;
    n.electionsTotal = 7;
    n.lastElectionMs = 1'700'000'000'000 + i;
    n.lastSampleMs = 1'700'000'001'000 + i;
    n.error = "";
    return n;
}

ClusterSnapshot fullSnapshot()
{
    ClusterSnapshot s;
    s.takenMs = 1'700'000'002'000;
    s.profile = "etcd";
    for (int i = 0; i < 4; ++i)
        s.nodes.push_back(fullNode(i));
    s.nodes[0].role = NodeRole::Leader;
    s.nodes[2].role = NodeRole::Candidate;
    s.nodes[3].role = NodeRole::Unreachable;
    s.nodes[3].reachable = false;
    s.nodes[3].error = "connection refused\nsecond line";
    const AnomalyKind kinds[] = {AnomalyKind::NoLeader,      AnomalyKind::TwoLeaders, AnomalyKind::TermBackwards,
                                 AnomalyKind::CommitStalled, AnomalyKind::StaleData,  AnomalyKind::EventLoss};
    for (AnomalyKind k : kinds)
        s.anomalies.push_back({k, k == AnomalyKind::NoLeader ? "" : "node-1",
                               std::string("anomaly ") + anomalyKindName(k), 1'700'000'000'500});
    const NodeRole roles[] = {NodeRole::Leader, NodeRole::Follower, NodeRole::Candidate, NodeRole::Unreachable};
    for (NodeRole from : roles)
        for (NodeRole to : roles)
            s.history.push_back({1'700'000'000'000 + int(from) * 10 + int(to), "node-2", from, to, 4});
    return s;
}

// Field by field, doubles by their bits (operator== would take -0.0 for 0.0).
void compareSnapshots(const ClusterSnapshot &got, const ClusterSnapshot &want)
{
    QCOMPARE(got.takenMs, want.takenMs);
    QCOMPARE(got.profile, want.profile);
    QCOMPARE(got.nodes.size(), want.nodes.size());
    for (std::size_t i = 0; i < want.nodes.size(); ++i) {
        const ClusterNode &g = got.nodes[i], &w = want.nodes[i];
        QCOMPARE(g.id, w.id);
        QCOMPARE(g.name, w.name);
        QCOMPARE(g.target, w.target);
        QCOMPARE(g.role, w.role);
        QCOMPARE(g.reachable, w.reachable);
        QCOMPARE(g.term, w.term);
        QCOMPARE(g.commit, w.commit);
        QCOMPARE(g.applied, w.applied);
        QCOMPARE(g.leader, w.leader);
        QCOMPARE(g.lag.size(), w.lag.size());
        for (std::size_t k = 0; k < w.lag.size(); ++k) {
            QCOMPARE(g.lag[k].peer, w.lag[k].peer);
            if (std::isnan(w.lag[k].entries) || std::isinf(w.lag[k].entries))
                QVERIFY(std::isnan(g.lag[k].entries)); // documented: NaN/inf -> null -> NaN
            else
                QCOMPARE(bits(g.lag[k].entries), bits(w.lag[k].entries));
        }
        QCOMPARE(g.peersConnected, w.peersConnected);
        QCOMPARE(g.electionsTotal, w.electionsTotal);
        QCOMPARE(g.lastElectionMs, w.lastElectionMs);
        QCOMPARE(g.lastSampleMs, w.lastSampleMs);
        QCOMPARE(g.error, w.error);
    }
    QVERIFY(got.anomalies == want.anomalies);
    QVERIFY(got.history == want.history);
}

std::string nodesJson(const std::string &node)
{
    return R"({"nodes":[{"id":"a","role":"leader"},)" + node + "]}";
}

} // namespace

Q_DECLARE_METATYPE(ClusterSnapshot)

// Slot bodies are defined below the class: moc does not parse raw strings with
// unbalanced braces inside a class body.
class TestClusterJson : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void negativeZeroKeepsItsSign();
    void documentedObject();
    void nullsAndMissingFields();
    void unknownFieldsIgnored();
    void badShapes_data();
    void badShapes();
    void overLongStringsCut();
    void limits();
    void notJson_data();
    void notJson();
};

void TestClusterJson::roundTrip_data()
{
    QTest::addColumn<ClusterSnapshot>("snapshot");
    QTest::newRow("empty") << ClusterSnapshot{};
    QTest::newRow("every field set") << fullSnapshot();

    ClusterSnapshot unset;
    unset.takenMs = -1;
    unset.profile = "eventstream";
    ClusterNode bare;
    bare.id = "10.0.0.1:9100";
    unset.nodes.push_back(bare); // every optional absent, strings empty, role unreachable
    ClusterNode zeros = bare;
    zeros.id = "zeros";
    zeros.term = 0;
    zeros.commit = 0;
    zeros.applied = 0;
    zeros.peersConnected = 0;
    zeros.electionsTotal = 0; // set to 0 is not absent
    unset.nodes.push_back(zeros);
    QTest::newRow("every optional unset") << unset;

    ClusterSnapshot extremes = fullSnapshot();
    extremes.takenMs = kI64Min;
    ClusterNode &n = extremes.nodes[1];
    n.term = kU64Max;
    n.commit = kU64Max - 1;
    n.applied = std::uint64_t(1) << 63;
    n.peersConnected = kU64Max;
    n.electionsTotal = (std::uint64_t(1) << 53) + 1; // not representable as a double
    n.lastElectionMs = kI64Min;
    n.lastSampleMs = kI64Max;
    n.lag = {{"neg zero", -0.0},
             {"zero", 0.0},
             {"max", std::numeric_limits<double>::max()},
             {"lowest", std::numeric_limits<double>::lowest()},
             {"denorm", std::numeric_limits<double>::denorm_min()},
             {"min", std::numeric_limits<double>::min()},
             {"third", 1.0 / 3.0},
             {"big int", 9007199254740993.0},
             {"1e300", -1e300},
             {"pi", 3.141592653589793},
             {"nan", std::numeric_limits<double>::quiet_NaN()},
             {"inf", std::numeric_limits<double>::infinity()}};
    extremes.anomalies[0].sinceMs = kI64Max;
    extremes.history[0].atMs = kI64Min;
    extremes.history[0].term = kU64Max;
    QTest::newRow("extremes") << extremes;
}

void TestClusterJson::roundTrip()
{
    QFETCH(ClusterSnapshot, snapshot);
    const std::string json = clusterToJson(snapshot);
    const Result<ClusterSnapshot> back = clusterFromJson(json);
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
    compareSnapshots(*back, snapshot);
    // Stable: writing what was read gives the same text.
    QCOMPARE(clusterToJson(*back), json);
}

void TestClusterJson::negativeZeroKeepsItsSign()
{
    ClusterSnapshot s;
    ClusterNode n;
    n.id = "a";
    n.lag = {{"p", -0.0}};
    s.nodes.push_back(n);
    const auto back = clusterFromJson(clusterToJson(s));
    QVERIFY(back.ok());
    QVERIFY(std::signbit(back->nodes[0].lag[0].entries));
    QCOMPARE(back->nodes[0].lag[0].entries, 0.0);
}

// The object the header documents: key names, role/kind names, absent optionals
// omitted, NaN as null.
void TestClusterJson::documentedObject()
{
    ClusterSnapshot s = fullSnapshot();
    s.nodes[1].term.reset();
    s.nodes[1].peersConnected.reset();
    s.nodes[1].lag = {{"x", std::numeric_limits<double>::quiet_NaN()}};
    const auto j = nlohmann::json::parse(clusterToJson(s));
    QCOMPARE(j["taken_ms"].get<std::int64_t>(), s.takenMs);
    QCOMPARE(j["profile"].get<std::string>(), std::string("etcd"));
    const auto &n0 = j["nodes"][0];
    for (const char *key : {"id", "name", "target", "role", "reachable", "term", "commit", "applied", "leader",
                            "lag", "peers_connected", "elections_total", "last_election_ms", "last_sample_ms",
                            "error"})
        QVERIFY2(n0.contains(key), key);
    QCOMPARE(n0["role"].get<std::string>(), std::string("leader"));
    QCOMPARE(j["nodes"][2]["role"].get<std::string>(), std::string("candidate"));
    QCOMPARE(j["nodes"][3]["role"].get<std::string>(), std::string("unreachable"));
    QCOMPARE(n0["lag"][0]["peer"].get<std::string>(), std::string("node-1"));
    QVERIFY(!j["nodes"][1].contains("term"));
    QVERIFY(!j["nodes"][1].contains("peers_connected"));
    QVERIFY(j["nodes"][1]["lag"][0]["entries"].is_null());
    QCOMPARE(j["anomalies"][1]["kind"].get<std::string>(), std::string("two_leaders"));
    QCOMPARE(j["anomalies"][0]["since_ms"].get<std::int64_t>(), std::int64_t(1'700'000'000'500));
    const auto &h = j["history"][1];
    for (const char *key : {"at_ms", "node", "from", "to", "term"})
        QVERIFY2(h.contains(key), key);
    QCOMPARE(h["from"].get<std::string>(), std::string("leader"));
    QCOMPARE(h["to"].get<std::string>(), std::string("follower"));
}

// What `vigilctl cluster --json` prints (nulls for unknown values) reads back.
void TestClusterJson::nullsAndMissingFields()
{
    const auto r = clusterFromJson(
        R"({"nodes":[{"id":"n1","name":"n1","target":"t","role":"follower","term":null,"commit":null,)"
        R"("applied":7,"leader":null,"reachable":true,"error":null,"lag":null}],)"
        R"("anomalies":[{"kind":"no_leader","node":"","message":"m","since_ms":5}]})");
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->takenMs, std::int64_t(0));
    QCOMPARE(r->profile, std::string());
    QCOMPARE(r->nodes.size(), std::size_t(1));
    QVERIFY(!r->nodes[0].term);
    QVERIFY(!r->nodes[0].commit);
    QCOMPARE(r->nodes[0].applied, std::optional<std::uint64_t>(7));
    QCOMPARE(r->nodes[0].leader, std::string());
    QCOMPARE(r->nodes[0].error, std::string());
    QVERIFY(r->nodes[0].lag.empty());
    QCOMPARE(r->anomalies.size(), std::size_t(1));
    QVERIFY(r->history.empty());

    const auto minimal = clusterFromJson(R"({"nodes":[]})");
    QVERIFY(minimal.ok());
    QVERIFY(minimal->nodes.empty());
}

void TestClusterJson::unknownFieldsIgnored()
{
    const auto r = clusterFromJson(
        R"({"future":{"a":[1,2,{"b":null}]},"nodes":[{"id":"n","role":"leader","zone":"eu","lag":[)"
        R"({"peer":"p","entries":2,"extra":true}]}],"anomalies":[{"kind":"stale_data","severity":3}],)"
        R"("history":[{"from":"follower","to":"leader","why":"timeout"}],"version":2})");
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->nodes[0].role, NodeRole::Leader);
    QCOMPARE(r->nodes[0].lag.size(), std::size_t(1));
    QCOMPARE(r->nodes[0].lag[0].entries, 2.0);
    QCOMPARE(r->anomalies[0].kind, AnomalyKind::StaleData);
    QCOMPARE(r->history[0].to, NodeRole::Leader);
    // Integers are accepted for doubles.
    const auto big = clusterFromJson(nodesJson(R"({"id":"b","role":"follower","lag":[{"entries":18446744073709551615}]})"));
    QVERIFY(big.ok());
    QCOMPARE(big->nodes[1].lag[0].entries, 18446744073709551615.0);
}

void TestClusterJson::badShapes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    const auto row = [](const char *name, const std::string &json, const char *error) {
        QTest::newRow(name) << QByteArray::fromStdString(json) << QString::fromUtf8(error);
    };
    row("array root", "[]", "expected a JSON object");
    row("string root", "\"x\"", "expected a JSON object");
    row("nodes missing", "{}", "nodes: missing");
    row("nodes null", R"({"nodes":null})", "nodes: expected an array");
    row("nodes object", R"({"nodes":{}})", "nodes: expected an array");
    row("node number", R"({"nodes":[1]})", "nodes[0]: expected an object");
    row("id missing", R"({"nodes":[{"role":"leader"}]})", "nodes[0].id: missing");
    row("role missing", R"({"nodes":[{"id":"a"}]})", "nodes[0].role: missing");
    row("id number", R"({"nodes":[{"id":5,"role":"leader"}]})", "nodes[0].id: expected a string");
    row("id null", R"({"nodes":[{"id":null,"role":"leader"}]})", "nodes[0].id: expected a string");
    row("role unknown", nodesJson(R"({"id":"b","role":"boss"})"), "nodes[1].role: unknown role \"boss\"");
    row("role number", nodesJson(R"({"id":"b","role":1})"), "nodes[1].role: expected a string");
    row("name number", nodesJson(R"({"id":"b","role":"leader","name":1})"), "nodes[1].name: expected a string");
    row("target bool", nodesJson(R"({"id":"b","role":"leader","target":true})"),
        "nodes[1].target: expected a string");
    row("reachable string", nodesJson(R"({"id":"b","role":"leader","reachable":"yes"})"),
        "nodes[1].reachable: expected true or false");
    row("term negative", nodesJson(R"({"id":"b","role":"leader","term":-1})"),
        "nodes[1].term: expected an unsigned integer");
    row("term fraction", nodesJson(R"({"id":"b","role":"leader","term":1.5})"),
        "nodes[1].term: expected an unsigned integer");
    row("term string", nodesJson(R"({"id":"b","role":"leader","term":"5"})"),
        "nodes[1].term: expected an unsigned integer");
    row("term too big", nodesJson(R"({"id":"b","role":"leader","term":18446744073709551616})"),
        "nodes[1].term: expected an unsigned integer");
    row("commit bool", nodesJson(R"({"id":"b","role":"leader","commit":true})"),
        "nodes[1].commit: expected an unsigned integer");
    row("applied array", nodesJson(R"({"id":"b","role":"leader","applied":[]})"),
        "nodes[1].applied: expected an unsigned integer");
    row("peers negative", nodesJson(R"({"id":"b","role":"leader","peers_connected":-2})"),
        "nodes[1].peers_connected: expected an unsigned integer");
    row("elections string", nodesJson(R"({"id":"b","role":"leader","elections_total":"x"})"),
        "nodes[1].elections_total: expected an unsigned integer");
    row("leader number", nodesJson(R"({"id":"b","role":"leader","leader":5})"),
        "nodes[1].leader: expected a string or null");
    row("error array", nodesJson(R"({"id":"b","role":"leader","error":[]})"),
        "nodes[1].error: expected a string or null");
    row("lag object", nodesJson(R"({"id":"b","role":"leader","lag":{}})"), "nodes[1].lag: expected an array");
    row("lag entry number", nodesJson(R"({"id":"b","role":"leader","lag":[3]})"),
        "nodes[1].lag[0]: expected an object");
    row("lag entries string", nodesJson(R"({"id":"b","role":"leader","lag":[{"peer":"p","entries":"x"}]})"),
        "nodes[1].lag[0].entries: expected a number or null");
    row("lag peer number", nodesJson(R"({"id":"b","role":"leader","lag":[{},{"peer":1}]})"),
        "nodes[1].lag[1].peer: expected a string");
    row("last sample fraction", nodesJson(R"({"id":"b","role":"leader","last_sample_ms":1.5})"),
        "nodes[1].last_sample_ms: expected a 64-bit integer");
    row("last election too big", nodesJson(R"({"id":"b","role":"leader","last_election_ms":9223372036854775808})"),
        "nodes[1].last_election_ms: expected a 64-bit integer");
    row("taken string", R"({"taken_ms":"x","nodes":[]})", "taken_ms: expected a 64-bit integer");
    row("taken null", R"({"taken_ms":null,"nodes":[]})", "taken_ms: expected a 64-bit integer");
    row("profile number", R"({"profile":1,"nodes":[]})", "profile: expected a string");
    row("anomalies string", R"({"nodes":[],"anomalies":"x"})", "anomalies: expected an array");
    row("anomaly number", R"({"nodes":[],"anomalies":[{"kind":"no_leader"},2]})", "anomalies[1]: expected an object");
    row("anomaly kind missing", R"({"nodes":[],"anomalies":[{"node":"a"}]})", "anomalies[0].kind: missing");
    row("anomaly kind unknown", R"({"nodes":[],"anomalies":[{"kind":"bad"}]})",
        "anomalies[0].kind: unknown anomaly kind \"bad\"");
    row("anomaly since string", R"({"nodes":[],"anomalies":[{"kind":"no_leader","since_ms":"1"}]})",
        "anomalies[0].since_ms: expected a 64-bit integer");
    row("anomaly message number", R"({"nodes":[],"anomalies":[{"kind":"no_leader","message":1}]})",
        "anomalies[0].message: expected a string");
    row("history object", R"({"nodes":[],"history":{}})", "history: expected an array");
    row("history to missing", R"({"nodes":[],"history":[{"from":"leader"}]})", "history[0].to: missing");
    row("history from bad", R"({"nodes":[],"history":[{"from":"x","to":"leader"}]})",
        "history[0].from: unknown role \"x\"");
    row("history term negative", R"({"nodes":[],"history":[{"from":"leader","to":"follower","term":-3}]})",
        "history[0].term: expected an unsigned integer");
    row("history at string", R"({"nodes":[],"history":[{"from":"leader","to":"follower","at_ms":"0"}]})",
        "history[0].at_ms: expected a 64-bit integer");
    row("history node number", R"({"nodes":[],"history":[{"from":"leader","to":"follower","node":0}]})",
        "history[0].node: expected a string");
}

void TestClusterJson::badShapes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const auto r = clusterFromJson(json.toStdString());
    QVERIFY(!r.ok());
    QVERIFY2(QString::fromStdString(r.error().message).startsWith(error), r.error().message.c_str());
}

void TestClusterJson::overLongStringsCut()
{
    ClusterSnapshot s;
    ClusterNode n;
    n.id = std::string(5000, 'a');
    n.name = "";
    for (int i = 0; i < 2000; ++i)
        n.name += "€"; // 3 bytes: 4096 falls inside a character
    n.error = std::string(4096, 'e'); // exactly the limit: kept
    n.lag = {{std::string(10000, 'p'), 1}};
    s.nodes.push_back(n);
    s.profile = std::string(4097, 'x');
    s.anomalies.push_back({AnomalyKind::StaleData, "", std::string(70000, 'm'), 0});
    s.history.push_back({0, std::string(4100, 'h'), NodeRole::Follower, NodeRole::Leader, 1});
    const auto r = clusterFromJson(clusterToJson(s));
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->nodes[0].id, std::string(4096, 'a'));
    QCOMPARE(r->nodes[0].name.size(), std::size_t(4095));
    QCOMPARE(r->nodes[0].name, n.name.substr(0, 4095));
    QCOMPARE(r->nodes[0].error, n.error);
    QCOMPARE(r->nodes[0].lag[0].peer.size(), std::size_t(4096));
    QCOMPARE(r->profile, std::string(4096, 'x'));
    QCOMPARE(r->anomalies[0].message.size(), std::size_t(4096));
    QCOMPARE(r->history[0].node.size(), std::size_t(4096));
}

void TestClusterJson::limits()
{
    const auto nodes = [](std::size_t count) {
        std::string j = R"({"nodes":[)";
        for (std::size_t i = 0; i < count; ++i)
            j += std::string(i ? "," : "") + R"({"id":"n)" + std::to_string(i) + R"(","role":"follower"})";
        return j + "]}";
    };
    QVERIFY(clusterFromJson(nodes(kMaxClusterJsonNodes)).ok());
    auto r = clusterFromJson(nodes(kMaxClusterJsonNodes + 1));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message, std::string("nodes: 1025 entries exceed the limit of 1024"));

    const auto list = [](const char *key, const char *element, std::size_t count) {
        std::string j = std::string(R"({"nodes":[],")") + key + R"(":[)";
        for (std::size_t i = 0; i < count; ++i)
            j += std::string(i ? "," : "") + element;
        return j + "]}";
    };
    const char *anomaly = R"({"kind":"no_leader"})";
    const char *change = R"({"from":"follower","to":"leader"})";
    QVERIFY(clusterFromJson(list("anomalies", anomaly, kMaxClusterJsonAnomalies)).ok());
    r = clusterFromJson(list("anomalies", anomaly, kMaxClusterJsonAnomalies + 1));
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.starts_with("anomalies: 1025 entries exceed"));
    QVERIFY(clusterFromJson(list("history", change, kMaxClusterJsonHistory)).ok());
    r = clusterFromJson(list("history", change, kMaxClusterJsonHistory + 1));
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.starts_with("history: 4097 entries exceed"));

    std::string lag = R"({"id":"b","role":"leader","lag":[)";
    for (std::size_t i = 0; i <= kMaxClusterJsonLag; ++i)
        lag += std::string(i ? "," : "") + R"({"peer":"p","entries":1})";
    r = clusterFromJson(nodesJson(lag + "]}"));
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.starts_with("nodes[1].lag: 257 entries exceed"));
}

void TestClusterJson::notJson_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("error");
    const auto row = [](const char *name, const std::string &input, const char *error) {
        QTest::newRow(name) << QByteArray::fromStdString(input) << QString::fromUtf8(error);
    };
    row("empty", "", "not valid JSON");
    row("truncated", R"({"nodes":[)", "not valid JSON");
    row("bare word", "nodes", "not valid JSON");
    row("trailing garbage", R"({"nodes":[]} x)", "not valid JSON");
    row("single quotes", "{'nodes':[]}", "not valid JSON");
    row("invalid utf-8", "{\"nodes\":[],\"profile\":\"a\xff" "b\"}", "not valid JSON");
    row("overlong utf-8", "{\"nodes\":[],\"profile\":\"\xc0\xaf\"}", "not valid JSON");
    row("lone surrogate", R"({"nodes":[],"profile":"\ud800"})", "not valid JSON");
    row("truncated utf-8", "{\"nodes\":[],\"profile\":\"\xe2\x82\"}", "not valid JSON");
    row("nan literal", R"({"nodes":[{"id":"a","role":"leader","lag":[{"entries":NaN}]}]})", "not valid JSON");
    row("deep nesting", R"({"nodes":[],"x":)" + std::string(100, '[') + std::string(100, ']') + "}",
        "cluster snapshot refused: nested deeper than 16 levels");
    std::string many = R"({"nodes":[],"x":[0)";
    for (std::size_t i = 0; i < (std::size_t(1) << 20); ++i)
        many += ",0";
    row("too many values", many + "]}", "cluster snapshot refused: more than 1048576 JSON values");
    row("too large", std::string(kMaxClusterJsonBytes + 1, ' '), "cluster snapshot of 16777217 bytes exceeds");
}

void TestClusterJson::notJson()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, error);
    const auto r = clusterFromJson(std::string_view(input.constData(), std::size_t(input.size())));
    QVERIFY(!r.ok());
    QVERIFY2(QString::fromStdString(r.error().message).startsWith(error), r.error().message.c_str());
    QVERIFY(r.error().message.size() < 400);
}

QTEST_GUILESS_MAIN(TestClusterJson)
#include "tst_cluster_json.moc"

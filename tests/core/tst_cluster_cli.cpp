// `vigilctl cluster` contract: --help, usage errors (exit 2), the --json shape against
// the in-process simulator (exit 0), unreachable targets (exit 1), --watch lines, and
// the etcd profile against fake members (exact uint64 above 2^53, hex ids, garbage
// status answers, hostile label values) served by an HttpServer on loopback.
#include "core/net/http_server.h"
#include "core/sim/sim_cluster.h"
#include "core/sim/simulator.h"
#include "tests/support/server_process.h"
#include "tests/support/test_paths.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <memory>
#include <set>

using namespace vigil;
using json = nlohmann::json;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

const QByteArray kEtcdMetrics = "# TYPE etcd_server_is_leader gauge\n"
                                "etcd_server_is_leader 1\n"
                                "# TYPE etcd_server_has_leader gauge\n"
                                "etcd_server_has_leader 1\n"
                                "# TYPE etcd_server_leader_changes_seen_total counter\n"
                                "etcd_server_leader_changes_seen_total 1\n"
                                "# TYPE etcd_server_proposals_committed_total gauge\n"
                                "etcd_server_proposals_committed_total 12\n";

} // namespace

class TestClusterCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Simulator> m_sim;
    QStringList m_targets; // --target URL pairs for the simulator
    HttpServer m_etcd;     // a fake etcd member with several personalities by path prefix
    QTemporaryDir m_dir;

    // Runs vigilctl without blocking this thread's event loop (the servers live here).
    Run vigilctl(const QStringList &args, int timeoutMs = 30000)
    {
        Run r;
        QProcess p;
        p.start(test::binaryPath(QStringLiteral("app/vigilctl/vigilctl")), args);
        if (!p.waitForStarted(10000))
            return r;
        if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, timeoutMs)) {
            p.kill();
            p.waitForFinished(5000);
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    QString etcdUrl(const char *personality) const
    {
        return QStringLiteral("http://127.0.0.1:%1/%2").arg(m_etcd.port()).arg(QLatin1String(personality));
    }

    static json parseOne(const QByteArray &out)
    {
        QByteArray line = out;
        if (line.endsWith('\n'))
            line.chop(1);
        if (line.contains('\n'))
            return json(); // must be exactly one object on one line
        return json::parse(line.toStdString(), nullptr, false);
    }

private Q_SLOTS:
    void initTestCase()
    {
        SimOptions options;
        options.nodes = 3;
        options.seed = 11;
        m_sim = std::make_unique<Simulator>(options);
        QVERIFY(m_sim->start().ok());
        m_sim->cluster()->setAutoElections(false);
        for (const QUrl &u : m_sim->metricsUrls())
            m_targets << QStringLiteral("--target") << u.toString();

        // Fake etcd: /good/... answers like a member (ids above 2^53), /garbage/... answers
        // HTML to the status API, /hostile/... has a hostile name and a 503 status.
        m_etcd.setHandler([](const HttpRequest &req, std::shared_ptr<HttpExchange> ex) {
            const QByteArray path = req.path;
            if (path.endsWith("/metrics")) {
                ex->respond(200, "text/plain; version=0.0.4", kEtcdMetrics);
            } else if (path == "/v3/maintenance/status" || path.endsWith("/v3/maintenance/status")) {
                // The status path replaces the URL's path, so personalities use the Host port only;
                // a request body other than {} is a client bug.
                if (req.method != "POST" || req.body != "{}")
                    ex->respond(400, "text/plain", "want POST {}");
                else
                    ex->respond(200, "application/json",
                                "{\"header\":{\"cluster_id\":\"1\",\"member_id\":\"15549137768104888986\","
                                "\"raft_term\":\"7\"},\"leader\":\"15549137768104888986\","
                                "\"raftIndex\":\"9007199254740993\",\"raftTerm\":\"7\","
                                "\"raftAppliedIndex\":\"9007199254740992\"}");
            } else if (path.endsWith("/v3/cluster/member/list")) {
                ex->respond(200, "application/json",
                            "{\"members\":[{\"ID\":\"15549137768104888986\",\"name\":\"n1\\u202e\\u001b[31m\","
                            "\"clientURLs\":[\"http://127.0.0.1:1\"]}]}");
            } else {
                ex->respond(404, "text/plain", "not found");
            }
        });
        QVERIFY(m_etcd.listen());
    }

    void cleanupTestCase() { m_sim->stop(); }

    void help()
    {
        const Run r = vigilctl({QStringLiteral("cluster"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *option : {"--profile", "--target", "--json", "--watch", "--interval", "--duration",
                                   "--timeout", "--stale-after", "eventstream", "etcd", "Exit status"})
            QVERIFY2(r.out.contains(option), option);
        QVERIFY(r.out.startsWith("Usage: vigilctl cluster [options]"));
        // And the command is listed by vigilctl itself.
        const Run top = vigilctl({QStringLiteral("--help")});
        QVERIFY(top.out.contains("cluster"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        const QString t = QStringLiteral("--target");
        const QString good = QStringLiteral("http://127.0.0.1:1/metrics");
        QTest::newRow("no profile") << QStringList{t, good} << QByteArray("missing --profile");
        QTest::newRow("unknown profile") << QStringList{QStringLiteral("--profile"), QStringLiteral("consul"), t, good}
                                         << QByteArray("unknown cluster profile 'consul'");
        QTest::newRow("no target") << QStringList{QStringLiteral("--profile"), QStringLiteral("etcd")}
                                   << QByteArray("missing --target");
        QTest::newRow("bad target") << QStringList{QStringLiteral("--profile"), QStringLiteral("etcd"), t,
                                                   QStringLiteral("ftp://x/")}
                                    << QByteArray("--target wants an http(s) URL");
        QTest::newRow("positional") << QStringList{QStringLiteral("--profile"), QStringLiteral("etcd"), good}
                                    << QByteArray("unexpected argument");
        QTest::newRow("interval") << QStringList{QStringLiteral("--profile"), QStringLiteral("etcd"), t, good,
                                                 QStringLiteral("--interval"), QStringLiteral("0")}
                                  << QByteArray("--interval wants seconds > 0");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--profile"), QStringLiteral("etcd"), t, good,
                                                       QStringLiteral("--bogus")}
                                        << QByteArray("bogus");
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const Run r = vigilctl(QStringList{QStringLiteral("cluster")} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void brokenProfileFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"name\":\"x\",\"role\":{\"is_leader_metric\":\"not a metric\"}}");
        f.close();
        const Run r = vigilctl({QStringLiteral("cluster"), QStringLiteral("--profile"), path, QStringLiteral("--target"),
                                QStringLiteral("http://127.0.0.1:1/")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("'role.is_leader_metric' must be a metric name"), r.err.constData());
        QVERIFY(r.err.contains(path.toUtf8()));
    }

    void eventstreamJson()
    {
        const Run r = vigilctl(QStringList{QStringLiteral("cluster"), QStringLiteral("--profile"),
                                           QStringLiteral("eventstream"), QStringLiteral("--json")} +
                               m_targets);
        QCOMPARE(r.exitCode, 0);
        const json j = parseOne(r.out);
        QVERIFY2(j.is_object(), r.out.constData());
        QVERIFY(j["anomalies"].is_array());
        QCOMPARE(j["anomalies"].size(), std::size_t(0));
        const json &nodes = j["nodes"];
        QCOMPARE(nodes.size(), std::size_t(3));
        int leaders = 0;
        std::set<std::uint64_t> terms;
        std::string leaderId;
        std::set<std::string> ids, names;
        for (const json &n : nodes) {
            for (const char *key : {"id", "name", "role", "term", "commit", "applied", "leader", "reachable"})
                QVERIFY2(n.contains(key), key);
            QCOMPARE(n["reachable"].get<bool>(), true);
            QVERIFY(n["term"].is_number_unsigned());
            QVERIFY(n["commit"].is_number_unsigned());
            QVERIFY(n["applied"].is_number_unsigned());
            QVERIFY(n["applied"].get<std::uint64_t>() <= n["commit"].get<std::uint64_t>());
            terms.insert(n["term"].get<std::uint64_t>());
            ids.insert(n["id"].get<std::string>());
            names.insert(n["name"].get<std::string>());
            const std::string role = n["role"];
            QVERIFY(role == "leader" || role == "follower" || role == "candidate");
            if (role == "leader") {
                ++leaders;
                leaderId = n["id"];
            }
        }
        QCOMPARE(leaders, 1);
        QCOMPARE(terms.size(), std::size_t(1));
        QCOMPARE(names, (std::set<std::string>{"node-0", "node-1", "node-2"}));
        for (const QUrl &u : m_sim->metricsUrls())
            QVERIFY(ids.count(QStringLiteral("127.0.0.1:%1").arg(u.port()).toStdString()));
        for (const json &n : nodes)
            QCOMPARE(n["leader"].get<std::string>(), leaderId);
        // The leader is the simulator's leader.
        const SimCluster &sim = *m_sim->cluster();
        for (const json &n : nodes)
            if (n["role"] == "leader")
                QCOMPARE(n["name"].get<std::string>(), sim.node(*sim.leader()).name);
    }

    void table()
    {
        const Run r = vigilctl(QStringList{QStringLiteral("cluster"), QStringLiteral("--profile"),
                                           QStringLiteral("eventstream")} +
                               m_targets);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("NAME"));
        QVERIFY(r.out.contains("node-0") && r.out.contains("node-2"));
        QCOMPARE(r.out.count(" leader "), 1); // exactly one row in role leader
        QVERIFY(r.out.contains("anomalies: none"));
    }

    void unreachableOnly()
    {
        const quint16 port = test::freeLoopbackPort();
        const Run r = vigilctl({QStringLiteral("cluster"), QStringLiteral("--profile"), QStringLiteral("eventstream"),
                                QStringLiteral("--json"), QStringLiteral("--target"),
                                QStringLiteral("http://127.0.0.1:%1/metrics").arg(port)});
        QCOMPARE(r.exitCode, 1);
        const json j = parseOne(r.out);
        QVERIFY2(j.is_object(), r.out.constData());
        QCOMPARE(j["nodes"].size(), std::size_t(1));
        const json &n = j["nodes"][0];
        QCOMPARE(n["role"].get<std::string>(), std::string("unreachable"));
        QCOMPARE(n["reachable"].get<bool>(), false);
        QVERIFY(n["term"].is_null() && n["commit"].is_null() && n["applied"].is_null() && n["leader"].is_null());
        QVERIFY2(QByteArray::fromStdString(n["error"].get<std::string>()).contains("refused"), r.out.constData());
        QCOMPARE(j["anomalies"][0]["kind"].get<std::string>(), std::string("no_leader"));
    }

    void mixedReachability()
    {
        const quint16 port = test::freeLoopbackPort();
        const Run r = vigilctl(QStringList{QStringLiteral("cluster"), QStringLiteral("--profile"),
                                           QStringLiteral("eventstream"), QStringLiteral("--json"),
                                           QStringLiteral("--target"),
                                           QStringLiteral("http://127.0.0.1:%1/metrics").arg(port)} +
                               m_targets);
        QCOMPARE(r.exitCode, 0);
        const json j = parseOne(r.out);
        QCOMPARE(j["nodes"].size(), std::size_t(4));
        int unreachable = 0;
        for (const json &n : j["nodes"])
            unreachable += n["reachable"].get<bool>() ? 0 : 1;
        QCOMPARE(unreachable, 1);
    }

    void watchPrintsOneObjectPerLine()
    {
        const Run r = vigilctl(QStringList{QStringLiteral("cluster"), QStringLiteral("--profile"),
                                           QStringLiteral("eventstream"), QStringLiteral("--json"),
                                           QStringLiteral("--watch"), QStringLiteral("--interval"),
                                           QStringLiteral("0.3"), QStringLiteral("--duration"), QStringLiteral("2")} +
                               m_targets);
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        // The simulator's commits move every round, so every round is a change.
        QVERIFY2(lines.size() >= 3, r.out.constData());
        std::uint64_t previousMax = 0;
        for (const QByteArray &line : lines) {
            const json j = json::parse(line.toStdString(), nullptr, false);
            QVERIFY2(j.is_object() && j["nodes"].size() == 3, line.constData());
            std::uint64_t maxCommit = 0;
            for (const json &n : j["nodes"])
                maxCommit = std::max(maxCommit, n["commit"].get<std::uint64_t>());
            QVERIFY(maxCommit >= previousMax);
            previousMax = maxCommit;
        }
    }

    void watchJsonKeepsLogLinesOffStdout()
    {
        // A member whose /metrics fails every other scrape: IngestHub logs "is down" and
        // "is up again" each time (spdlog). docs/cli.md promises one JSON object per line
        // on stdout, so those lines must go to stderr.
        HttpServer flaky;
        auto scrapes = std::make_shared<int>(0);
        flaky.setHandler([scrapes](const HttpRequest &req, std::shared_ptr<HttpExchange> ex) {
            if (req.path == "/metrics") {
                if ((*scrapes)++ % 2 == 0)
                    ex->respond(200, "text/plain; version=0.0.4", kEtcdMetrics);
                else
                    ex->respond(503, "text/plain", "busy");
            } else {
                ex->respond(503, "application/json", "{\"error\":\"etcdserver: no leader\"}");
            }
        });
        QVERIFY(flaky.listen());
        const Run r = vigilctl({QStringLiteral("cluster"), QStringLiteral("--profile"), QStringLiteral("etcd"),
                                QStringLiteral("--json"), QStringLiteral("--watch"), QStringLiteral("--interval"),
                                QStringLiteral("0.3"), QStringLiteral("--duration"), QStringLiteral("2"),
                                QStringLiteral("--target"), QStringLiteral("http://127.0.0.1:%1").arg(flaky.port())});
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());
        QVERIFY2(*scrapes >= 3, r.err.constData());
        QVERIFY2(r.out.endsWith('\n'), r.out.constData());
        const QList<QByteArray> lines = r.out.chopped(1).split('\n');
        QVERIFY2(lines.size() >= 2, r.out.constData()); // reachability flips: the state changes
        for (const QByteArray &line : lines) {
            const json j = json::parse(line.toStdString(), nullptr, false);
            QVERIFY2(j.is_object() && j["nodes"].size() == 1, line.constData());
        }
        // The log lines exist, on stderr.
        const QByteArray target = QStringLiteral("127.0.0.1:%1/metrics").arg(flaky.port()).toUtf8();
        QVERIFY2(r.err.contains("is down: ") && r.err.contains(target), r.err.constData());
        QVERIFY2(r.err.contains("is up again"), r.err.constData());
        QVERIFY(!r.out.contains("is down") && !r.out.contains("is up again"));
    }

    void etcdExactValuesFromStatus()
    {
        const Run r = vigilctl({QStringLiteral("cluster"), QStringLiteral("--profile"), QStringLiteral("etcd"),
                                QStringLiteral("--json"), QStringLiteral("--target"),
                                QStringLiteral("http://127.0.0.1:%1").arg(m_etcd.port())});
        QCOMPARE(r.exitCode, 0);
        const json j = parseOne(r.out);
        QVERIFY2(j.is_object(), r.out.constData());
        const json &n = j["nodes"][0];
        QCOMPARE(n["id"].get<std::string>(), std::string("d7c9a26acf808a9a"));
        QCOMPARE(n["leader"].get<std::string>(), std::string("d7c9a26acf808a9a"));
        QCOMPARE(n["role"].get<std::string>(), std::string("leader"));
        QVERIFY(n["commit"].is_number_unsigned());
        QCOMPARE(n["commit"].get<std::uint64_t>(), std::uint64_t(9007199254740993ull)); // 2^53 + 1, exact
        QCOMPARE(n["applied"].get<std::uint64_t>(), std::uint64_t(9007199254740992ull));
        QCOMPARE(n["term"].get<std::uint64_t>(), std::uint64_t(7));
        // The hostile member name arrives flattened: no bidi override, no escape byte.
        const std::string name = n["name"];
        QVERIFY2(name.starts_with("n1"), name.c_str());
        QVERIFY(name.find('\x1b') == std::string::npos);
        QVERIFY(name.find("\xe2\x80\xae") == std::string::npos);
        QVERIFY(r.out.contains("d7c9a26acf808a9a")); // and in the raw output too, as text
    }

    void etcdGarbageStatus()
    {
        // A server whose status API answers HTML and whose /metrics is fine: reachable,
        // role from the metrics, the error names the status API.
        HttpServer garbage;
        garbage.setHandler([](const HttpRequest &req, std::shared_ptr<HttpExchange> ex) {
            if (req.path == "/metrics")
                ex->respond(200, "text/plain; version=0.0.4", kEtcdMetrics);
            else
                ex->respond(200, "text/html", "<html><body>\x1b[2Jhello</body></html>");
        });
        QVERIFY(garbage.listen());
        const Run r = vigilctl({QStringLiteral("cluster"), QStringLiteral("--profile"), QStringLiteral("etcd"),
                                QStringLiteral("--json"), QStringLiteral("--target"),
                                QStringLiteral("http://127.0.0.1:%1").arg(garbage.port())});
        QCOMPARE(r.exitCode, 0);
        const json j = parseOne(r.out);
        QVERIFY2(j.is_object(), r.out.constData());
        const json &n = j["nodes"][0];
        QCOMPARE(n["reachable"].get<bool>(), true);
        QCOMPARE(n["role"].get<std::string>(), std::string("leader")); // etcd_server_is_leader 1
        QCOMPARE(n["commit"].get<std::uint64_t>(), std::uint64_t(12));
        const std::string error = n["error"];
        QVERIFY2(error.starts_with("status API: etcd status answer is not JSON"), error.c_str());
        QVERIFY(error.find('\x1b') == std::string::npos);
    }

    void etcdStatusHttpErrorAndGarbageMetrics()
    {
        // /metrics that does not parse and a 503 status: unreachable, both reasons given.
        HttpServer broken;
        broken.setHandler([](const HttpRequest &req, std::shared_ptr<HttpExchange> ex) {
            if (req.path == "/metrics")
                ex->respond(200, "text/plain; version=0.0.4", "etcd_server_is_leader{x=\"1\" 1\n");
            else
                ex->respond(503, "application/json", "{\"error\":\"etcdserver: no leader\"}");
        });
        QVERIFY(broken.listen());
        const Run r = vigilctl({QStringLiteral("cluster"), QStringLiteral("--profile"), QStringLiteral("etcd"),
                                QStringLiteral("--json"), QStringLiteral("--target"),
                                QStringLiteral("http://127.0.0.1:%1").arg(broken.port())});
        QCOMPARE(r.exitCode, 1);
        const json j = parseOne(r.out);
        const json &n = j["nodes"][0];
        QCOMPARE(n["role"].get<std::string>(), std::string("unreachable"));
        const QByteArray error = QByteArray::fromStdString(n["error"].get<std::string>());
        QVERIFY2(error.contains("HTTP 503"), error.constData());
        QVERIFY2(error.contains("metrics:"), error.constData());
    }
};

QTEST_GUILESS_MAIN(TestClusterCli)
#include "tst_cluster_cli.moc"

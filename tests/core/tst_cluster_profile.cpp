// Cluster profiles: the built-in ones load from the resources compiled into
// vigil_core with the metric names the simulator and etcd serve; profile files load
// from a path; broken files fail with an error naming the file and the field.
#include "core/cluster/cluster_profile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;

class TestClusterProfile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const char *name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(QString::fromLatin1(name));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(content);
        return path;
    }

private Q_SLOTS:
    void builtinNames()
    {
        QCOMPARE(builtinClusterProfileNames(), (QStringList{QStringLiteral("etcd"), QStringLiteral("eventstream")}));
    }

    void eventstream()
    {
        const Result<ClusterProfile> p = loadClusterProfile(QStringLiteral("eventstream"));
        QVERIFY2(p.ok(), p.ok() ? "" : p.error().message.c_str());
        QCOMPARE(p->name, std::string("eventstream"));
        QCOMPARE(p->stateMetric, std::string("eventstream_raft_state"));
        QCOMPARE(p->stateLabel, std::string("state"));
        QCOMPARE(p->termMetric, std::string("eventstream_raft_term"));
        QCOMPARE(p->commitMetric, std::string("eventstream_raft_commit_index"));
        QCOMPARE(p->appliedMetric, std::string("eventstream_raft_apply_index"));
        QCOMPARE(p->peersConnectedMetric, std::string("eventstream_raft_peers_connected"));
        QCOMPARE(p->lagMetric, std::string("eventstream_raft_replication_lag"));
        QCOMPARE(p->lagPeerLabel, std::string("peer"));
        QCOMPARE(p->electionsMetric, std::string("eventstream_raft_elections_total"));
        QCOMPARE(p->queuedMetric, std::string("eventstream_queue_depth"));
        QVERIFY(p->hasConservation());
        QVERIFY(!p->hasStatusApi());
        QCOMPARE(clusterMetricsUrl(*p, "http://127.0.0.1:9464/metrics"), std::string("http://127.0.0.1:9464/metrics"));
    }

    void etcd()
    {
        const Result<ClusterProfile> p = loadClusterProfile(QStringLiteral("etcd"));
        QVERIFY2(p.ok(), p.ok() ? "" : p.error().message.c_str());
        QCOMPARE(p->isLeaderMetric, std::string("etcd_server_is_leader"));
        QCOMPARE(p->hasLeaderMetric, std::string("etcd_server_has_leader"));
        QCOMPARE(p->commitMetric, std::string("etcd_server_proposals_committed_total"));
        QCOMPARE(p->appliedMetric, std::string("etcd_server_proposals_applied_total"));
        QCOMPARE(p->electionsMetric, std::string("etcd_server_leader_changes_seen_total"));
        QVERIFY(p->hasStatusApi());
        QCOMPARE(p->statusPath, std::string("/v3/maintenance/status"));
        QCOMPARE(p->membersPath, std::string("/v3/cluster/member/list"));
        QCOMPARE(p->statusTimeout.count(), 2000);
        QCOMPARE(clusterMetricsUrl(*p, "http://127.0.0.1:2379"), std::string("http://127.0.0.1:2379/metrics"));
        QCOMPARE(clusterMetricsUrl(*p, "http://127.0.0.1:2379/"), std::string("http://127.0.0.1:2379/metrics"));
    }

    void fromFileAndSameAsResource()
    {
        const QString path = QString::fromLocal8Bit(qgetenv("VIGIL_SOURCE_DIR")) +
                             QStringLiteral("/resources/profiles/eventstream.json");
        const Result<ClusterProfile> file = loadClusterProfile(path);
        QVERIFY2(file.ok(), file.ok() ? "" : file.error().message.c_str());
        const Result<ClusterProfile> builtin = loadClusterProfile(QStringLiteral("eventstream"));
        QCOMPARE(file->termMetric, builtin->termMetric);
        QCOMPARE(file->receivedMetric, builtin->receivedMetric);
    }

    void unknownName()
    {
        const Result<ClusterProfile> p = loadClusterProfile(QStringLiteral("zookeeper"));
        QVERIFY(!p.ok());
        QCOMPARE(p.error().message,
                 std::string("unknown cluster profile 'zookeeper' (built in: etcd, eventstream; or a path to a .json file)"));
    }

    void brokenFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{\"name\": ") << QStringLiteral(": not valid JSON at offset");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral(": a profile must be a JSON object");
        QTest::newRow("no name") << QByteArray("{\"role\":{\"is_leader_metric\":\"x\"}}") << QStringLiteral(": 'name' is missing");
        QTest::newRow("no role") << QByteArray("{\"name\":\"x\"}") << QStringLiteral(": 'role' is missing");
        QTest::newRow("bad metric") << QByteArray("{\"name\":\"x\",\"role\":{\"is_leader_metric\":\"x\"},\"term\":\"raft term\"}")
                                    << QStringLiteral(": 'term' must be a metric name, got 'raft term'");
        QTest::newRow("typo") << QByteArray("{\"name\":\"x\",\"role\":{\"is_leader_metric\":\"x\"},\"comit\":\"a\"}")
                              << QStringLiteral(": 'comit' is not a known field");
        QTest::newRow("nested typo") << QByteArray("{\"name\":\"x\",\"role\":{\"is_leader_metrc\":\"x\"}}")
                                     << QStringLiteral(": 'role.is_leader_metrc' is not a known field");
        QTest::newRow("both roles")
            << QByteArray("{\"name\":\"x\",\"role\":{\"is_leader_metric\":\"x\",\"state_metric\":\"y\",\"state_label\":\"s\"}}")
            << QStringLiteral("exactly one of them");
        QTest::newRow("state no label") << QByteArray("{\"name\":\"x\",\"role\":{\"state_metric\":\"y\"}}")
                                        << QStringLiteral(": 'role.state_label' is missing");
        QTest::newRow("number") << QByteArray("{\"name\":\"x\",\"role\":{\"is_leader_metric\":\"x\"},\"commit\":3}")
                                << QStringLiteral(": 'commit' must be a string");
        QTest::newRow("status kind")
            << QByteArray("{\"name\":\"x\",\"role\":{\"is_leader_metric\":\"x\"},\"status_api\":{\"kind\":\"consul\",\"status_path\":\"/s\"}}")
            << QStringLiteral(": 'status_api.kind' must be \"etcd-v3\", got 'consul'");
        QTest::newRow("status path")
            << QByteArray("{\"name\":\"x\",\"role\":{\"is_leader_metric\":\"x\"},\"status_api\":{\"kind\":\"etcd-v3\",\"status_path\":\"s\"}}")
            << QStringLiteral(": 'status_api.status_path' must be a path starting with '/'");
        QTest::newRow("timeout")
            << QByteArray("{\"name\":\"x\",\"role\":{\"is_leader_metric\":\"x\"},\"status_api\":{\"kind\":\"etcd-v3\",\"status_path\":\"/s\",\"timeout_ms\":0}}")
            << QStringLiteral(": 'status_api.timeout_ms' must be a number from 1 to 600000");
        QTest::newRow("conservation")
            << QByteArray("{\"name\":\"x\",\"role\":{\"is_leader_metric\":\"x\"},\"conservation\":{\"received\":\"r\"}}")
            << QStringLiteral(": 'conservation.processed' is missing");
    }

    void brokenFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString path = write("broken.json", content);
        QVERIFY(!path.isEmpty());
        const Result<ClusterProfile> p = loadClusterProfile(path);
        QVERIFY(!p.ok());
        const QString message = QString::fromStdString(p.error().message);
        QVERIFY2(message.startsWith(path), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void missingFile()
    {
        const Result<ClusterProfile> p = loadClusterProfile(m_dir.filePath(QStringLiteral("absent.json")));
        QVERIFY(!p.ok());
        QVERIFY2(QString::fromStdString(p.error().message).startsWith(QStringLiteral("cannot read profile ")),
                 p.error().message.c_str());
    }

    void minimalProfileFile()
    {
        const QString path = write("min.json", "{\"name\":\"mini\",\"role\":{\"is_leader_metric\":\"is_leader\"}}");
        const Result<ClusterProfile> p = loadClusterProfile(path);
        QVERIFY2(p.ok(), p.ok() ? "" : p.error().message.c_str());
        QCOMPARE(p->name, std::string("mini"));
        QCOMPARE(p->metricsPath, std::string("/metrics"));
        QVERIFY(!p->hasStatusApi());
    }
};

QTEST_GUILESS_MAIN(TestClusterProfile)
#include "tst_cluster_profile.moc"

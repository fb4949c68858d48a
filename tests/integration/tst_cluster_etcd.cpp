// `vigilctl cluster --profile etcd` against a real 3-member etcd cluster on free
// loopback ports: one leader, one term, ids equal (as numbers) to the hex ids etcd prints
// in its /metrics labels; then the leader is SIGKILLed and, polling vigilctl up to a deadline,
// a new leader appears with a higher term (term + 1 normally; more after failed
// election attempts, warned) and the killed member is reported unreachable under its id.
// Installs etcd-server from Debian when missing (as root); skips LOUDLY only when that
// is impossible.
#include "core/cluster/cluster_text.h"
#include "tests/support/server_process.h"
#include "tests/support/test_paths.h"

#include <QDeadlineTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <array>
#include <memory>
#include <map>
#include <set>

#include <signal.h>

using namespace vigil;
using json = nlohmann::json;

namespace {

const QString kEtcd = QStringLiteral("/usr/bin/etcd");

void banner(const QString &why)
{
    qWarning("\n"
             "################################################################\n"
             "##  ETCD CLUSTER INTEGRATION TEST SKIPPED                       ##\n"
             "##  %s\n"
             "################################################################",
             qPrintable(why));
}

struct Member
{
    QString name;
    quint16 client = 0, peer = 0, metrics = 0;
    std::unique_ptr<test::ServerProcess> process;
    QString clientUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(client); }
    QString peerUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(peer); }
};

struct Run
{
    int exitCode = -1;
    json j;
    QByteArray out, err;
};

} // namespace

class TestClusterEtcd : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::array<Member, 3> m_members;

    Run vigilctl(const QList<int> &members)
    {
        QStringList args{QStringLiteral("cluster"), QStringLiteral("--profile"), QStringLiteral("etcd"),
                         QStringLiteral("--json")};
        for (int i : members)
            args << QStringLiteral("--target") << m_members[std::size_t(i)].clientUrl();
        Run r;
        QProcess p;
        p.start(test::binaryPath(QStringLiteral("app/vigilctl/vigilctl")), args);
        if (!p.waitForStarted(10000) || !p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished(5000);
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        r.j = json::parse(r.out.trimmed().toStdString(), nullptr, false);
        return r;
    }

    static const json *leaderOf(const json &j, int *count)
    {
        const json *leader = nullptr;
        *count = 0;
        if (!j.is_object() || !j.contains("nodes"))
            return nullptr;
        for (const json &n : j["nodes"])
            if (n["role"] == "leader") {
                ++*count;
                leader = &n;
            }
        return leader;
    }

    QByteArray get(const QString &url)
    {
        QNetworkAccessManager nam;
        std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(QUrl(url))));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 5000)) {
            qWarning("GET %s: no answer within 5 s", qPrintable(url));
            return {};
        }
        if (reply->error() != QNetworkReply::NoError)
            qWarning("GET %s: %s", qPrintable(url), qPrintable(reply->errorString()));
        return reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString why = test::ensureDebianPackage(QStringLiteral("etcd-server"), kEtcd);
        if (!why.isEmpty()) {
            banner(why);
            QSKIP(qPrintable(QStringLiteral("etcd unavailable: ") + why));
        }
        QVERIFY(m_dir.isValid());
        std::set<quint16> used;
        auto port = [&] {
            for (;;) {
                const quint16 p = test::freeLoopbackPort();
                if (p && used.insert(p).second)
                    return p;
            }
        };
        QStringList initial;
        for (std::size_t i = 0; i < m_members.size(); ++i) {
            Member &m = m_members[i];
            m.name = QStringLiteral("n%1").arg(i + 1);
            m.client = port();
            m.peer = port();
            m.metrics = port();
            initial << m.name + QLatin1Char('=') + m.peerUrl();
        }
        for (Member &m : m_members) {
            m.process = std::make_unique<test::ServerProcess>();
            QString error;
            const QStringList args{
                QStringLiteral("--name"), m.name,
                QStringLiteral("--data-dir"), m_dir.filePath(m.name),
                QStringLiteral("--listen-client-urls"), m.clientUrl(),
                QStringLiteral("--advertise-client-urls"), m.clientUrl(),
                QStringLiteral("--listen-peer-urls"), m.peerUrl(),
                QStringLiteral("--initial-advertise-peer-urls"), m.peerUrl(),
                QStringLiteral("--listen-metrics-urls"), QStringLiteral("http://127.0.0.1:%1").arg(m.metrics),
                QStringLiteral("--initial-cluster"), initial.join(QLatin1Char(',')),
                QStringLiteral("--initial-cluster-token"), QStringLiteral("vigil-cluster-test"),
                QStringLiteral("--initial-cluster-state"), QStringLiteral("new"),
                QStringLiteral("--logger"), QStringLiteral("zap"),
                QStringLiteral("--log-outputs"), QStringLiteral("stderr")};
            QVERIFY2(m.process->start(kEtcd, args, &error), qPrintable(error));
        }
        for (Member &m : m_members)
            QVERIFY2(m.process->waitForPort(m.client, 20000), m.process->output().right(3000).constData());
    }

    void cleanupTestCase()
    {
        // Followers first, then the leader (stopping all at once hangs for seconds).
        for (Member &m : m_members)
            if (m.process && m.process->running())
                m.process->stop(5000);
    }

    void leaderElectionAndFailover()
    {
        // Quorum forms within a few seconds: poll vigilctl until one leader and one term.
        Run r;
        int leaders = 0;
        QDeadlineTimer deadline(30000);
        for (;;) {
            r = vigilctl({0, 1, 2});
            const json *leader = leaderOf(r.j, &leaders);
            bool sameTerm = leader != nullptr;
            if (leader)
                for (const json &n : r.j["nodes"])
                    sameTerm = sameTerm && n["reachable"] == true && n["term"] == (*leader)["term"] &&
                               n["leader"] == (*leader)["id"];
            if (r.exitCode == 0 && leaders == 1 && sameTerm)
                break;
            QVERIFY2(!deadline.hasExpired(), r.out.constData());
            QTest::qWait(200);
        }
        QCOMPARE(r.j["nodes"].size(), std::size_t(3));
        const json *leader = leaderOf(r.j, &leaders);
        QCOMPARE(leaders, 1);
        const std::string leaderId = (*leader)["id"];
        const std::uint64_t term = (*leader)["term"];
        QVERIFY((*leader)["commit"].is_number_unsigned());

        // The ids are the 16-digit hex ids etcd's own metrics print: each member's
        // etcd_server_id{server_id="..."} for its own id, and To="..." in its peer series.
        std::map<std::string, std::string> idOfTarget, targetOfId;
        for (const json &n : r.j["nodes"]) {
            idOfTarget[n["target"]] = n["id"];
            targetOfId[n["id"]] = n["target"];
        }
        QCOMPARE(targetOfId.size(), std::size_t(3));
        // etcd prints ids with strconv.FormatUint(id, 16): leading zeros are dropped, while
        // vigilctl always prints 16 digits, so the two are compared as numbers.
        static const QRegularExpression serverId(QStringLiteral("etcd_server_id\\{server_id=\"([0-9a-f]{1,16})\"\\} 1"));
        static const QRegularExpression to(QStringLiteral("To=\"([0-9a-f]{1,16})\""));
        static const QRegularExpression sixteen(QStringLiteral("^[0-9a-f]{16}$"));
        std::map<std::uint64_t, std::string> targetOfNumber;
        for (const auto &[id, target] : targetOfId) {
            QVERIFY2(sixteen.match(QString::fromStdString(id)).hasMatch(), id.c_str());
            targetOfNumber[parseUint64Hex(id).value()] = target;
        }
        for (const Member &m : m_members) {
            QString metrics;
            QRegularExpressionMatch own;
            deadline = QDeadlineTimer(20000);
            while (!(own = serverId.match(metrics)).hasMatch() && !deadline.hasExpired()) {
                metrics = QString::fromUtf8(get(m.clientUrl() + QStringLiteral("/metrics")));
                if (!serverId.match(metrics).hasMatch())
                    QTest::qWait(200);
            }
            QVERIFY2(own.hasMatch(), qPrintable(m.clientUrl() + QStringLiteral(": no etcd_server_id in /metrics")));
            const std::uint64_t ownId = parseUint64Hex(own.captured(1).toStdString()).value();
            QCOMPARE(targetOfNumber[ownId], m.clientUrl().toStdString());
            QCOMPARE(idOfTarget[m.clientUrl().toStdString()], memberIdHex(ownId));
            for (auto it = to.globalMatch(metrics); it.hasNext();) {
                const std::string peer = it.next().captured(1).toStdString();
                QVERIFY2(targetOfNumber.count(parseUint64Hex(peer).value()), peer.c_str());
            }
        }

        // SIGKILL the leader.
        int killed = -1;
        for (std::size_t i = 0; i < m_members.size(); ++i)
            if (QString::fromStdString(targetOfId[leaderId]).startsWith(m_members[i].clientUrl()))
                killed = int(i);
        QVERIFY2(killed >= 0, targetOfId[leaderId].c_str());
        const qint64 pid = m_members[std::size_t(killed)].process->pid();
        QVERIFY(::kill(pid_t(pid), SIGKILL) == 0);

        // Survivors elect a new leader with term + 1; the killed member is unreachable.
        deadline = QDeadlineTimer(30000);
        for (;;) {
            r = vigilctl({0, 1, 2});
            const json *newLeader = leaderOf(r.j, &leaders);
            bool done = r.exitCode == 0 && leaders == 1 && newLeader && (*newLeader)["id"] != leaderId &&
                        (*newLeader)["term"].is_number_unsigned() && (*newLeader)["term"].get<std::uint64_t>() > term;
            if (done)
                for (const json &n : r.j["nodes"]) {
                    if (n["id"] == leaderId)
                        done = done && n["role"] == "unreachable" && n["reachable"] == false &&
                               n["error"].is_string();
                    else // both survivors agree on the new leader and its term
                        done = done && n["reachable"] == true && n["term"] == (*newLeader)["term"] &&
                               n["leader"] == (*newLeader)["id"];
                }
            if (done)
                break;
            QVERIFY2(!deadline.hasExpired(), r.out.constData());
            QTest::qWait(200);
        }
        // The term rises by one per election attempt. Usually the first attempt wins
        // (term + 1), but etcd's check-quorum lease makes a survivor reject a candidate
        // that asks too early, and on a loaded machine several attempts can fail (seen
        // here: about 1 run in 4 ends at term + 2, once at term + 4). Raft guarantees only
        // that the new term is higher; anything but + 1 is reported loudly.
        const json *newLeader = leaderOf(r.j, &leaders);
        const std::uint64_t newTerm = (*newLeader)["term"];
        if (newTerm != term + 1)
            qWarning("new leader won term %llu after term %llu (a split or rejected first election)",
                     (unsigned long long)newTerm, (unsigned long long)term);
        QVERIFY2(newTerm > term, r.out.constData());
        // Both survivors agree on the new leader and term.
        int reachable = 0;
        for (const json &n : r.j["nodes"])
            if (n["reachable"] == true) {
                ++reachable;
                QCOMPARE(n["term"].get<std::uint64_t>(), newTerm);
                QVERIFY(n["leader"] == (*newLeader)["id"]);
            }
        QCOMPARE(reachable, 2);
        QCOMPARE(r.j["nodes"].size(), std::size_t(3));
    }
};

QTEST_GUILESS_MAIN(TestClusterEtcd)
#include "tst_cluster_etcd.moc"

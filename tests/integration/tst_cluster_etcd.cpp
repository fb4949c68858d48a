// `vigilctl cluster --profile etcd` and the Cluster page's data path against a real
// 3-member etcd cluster on free loopback ports:
//  1. one leader, one term, ids equal (as numbers) to the hex ids etcd prints in its
//     /metrics labels (vigilctl, one shot);
//  2. both views — `vigilctl cluster --watch --json` as a long-running child, and the GUI's
//     Scraper -> IngestHub -> ClusterMonitor -> ClusterNodesModel — show the leader and term
//     etcd's own status API reports; the leader is SIGKILLed; a 50 ms probe of the
//     survivors' status API times the election independently of Vigil; both views must
//     show the new leader with its higher term, and the killed member unreachable, within
//     3 s of that election (the delays are printed);
//  3. the killed member restarts on its data dir and both views show it rejoined as a
//     follower of the same leader in the same term.
// Installs etcd-server from Debian when missing (as root); skips LOUDLY only when that
// is impossible.
#include "core/cluster/cluster_text.h"
#include "tests/integration/etcd_cluster_fixture.h"
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
#include <map>
#include <memory>
#include <set>

#include <signal.h>

using namespace vigil;
using namespace vigil::test;
using json = nlohmann::json;

namespace {

const QString kEtcd = QStringLiteral("/usr/bin/etcd");
// `vigil --target URL` scrapes every 5 s unless --interval says otherwise (command_line.cpp).
constexpr int kAppScrapeIntervalMs = 5000;
// The acceptance: the views show the outcome of an election within 3 s of it.
constexpr qint64 kBoundMs = 3000;

void banner(const QString &why)
{
    qWarning("\n"
             "################################################################\n"
             "##  ETCD CLUSTER INTEGRATION TEST SKIPPED                       ##\n"
             "##  %s\n"
             "################################################################",
             qPrintable(why));
}

struct Run
{
    int exitCode = -1;
    json j;
    QByteArray out, err;
};

// The one reachable leader of a view, or null when there is none or more than one.
const ViewNode *soleLeader(const std::vector<ViewNode> &nodes)
{
    const ViewNode *leader = nullptr;
    for (const ViewNode &n : nodes)
        if (n.role == "leader") {
            if (leader || !n.reachable)
                return nullptr;
            leader = &n;
        }
    return leader;
}

const ViewNode *nodeWithId(const std::vector<ViewNode> &nodes, const std::string &id)
{
    for (const ViewNode &n : nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

// Every node is reachable and follows `leader` in `term`; the leader is the only leader.
bool showsSettled(const std::vector<ViewNode> &nodes, const std::string &leader, std::uint64_t term)
{
    const ViewNode *l = soleLeader(nodes);
    if (nodes.size() != 3 || !l || l->id != leader)
        return false;
    for (const ViewNode &n : nodes)
        if (!n.reachable || n.term != term || n.leader != leader)
            return false;
    return true;
}

// A reachable node other than `old` leads a term above `oldTerm`, and every other
// reachable node except `old` names it in that term. Says nothing about `old` itself.
const ViewNode *newLeaderShown(const std::vector<ViewNode> &nodes, const std::string &old, std::uint64_t oldTerm)
{
    for (const ViewNode &l : nodes) {
        if (l.role != "leader" || !l.reachable || l.id == old || !l.term || *l.term <= oldTerm)
            continue;
        bool agree = true;
        for (const ViewNode &n : nodes)
            if (n.id != old && n.reachable)
                agree = agree && n.term == l.term && n.leader == l.id;
        if (agree)
            return &l;
    }
    return nullptr;
}

// The whole outcome: the new leader as above, it is the only leader, and `old` is unreachable.
bool failoverShown(const std::vector<ViewNode> &nodes, const std::string &old, std::uint64_t oldTerm)
{
    const ViewNode *dead = nodeWithId(nodes, old);
    return nodes.size() == 3 && newLeaderShown(nodes, old, oldTerm) && soleLeader(nodes) && dead &&
           dead->role == "unreachable" && !dead->reachable;
}

QString describe(const std::vector<ViewNode> &nodes)
{
    QStringList parts;
    for (const ViewNode &n : nodes)
        parts << QStringLiteral("%1:%2/term %3/leader %4/%5%6")
                     .arg(QString::fromStdString(n.id), QString::fromStdString(n.role),
                          n.term ? QString::number(*n.term) : QStringLiteral("-"),
                          QString::fromStdString(n.leader), n.reachable ? QStringLiteral("up") : QStringLiteral("down"),
                          n.error.empty() ? QString() : QStringLiteral(" (%1)").arg(QString::fromStdString(n.error)));
    return parts.join(QStringLiteral(", "));
}

} // namespace

class TestClusterEtcd : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::array<EtcdMember, 3> m_members;
    QString m_initialCluster;
    QElapsedTimer m_clock; // every time below is m_clock.elapsed()
    std::unique_ptr<VigilctlWatch> m_watch;
    std::unique_ptr<ClusterViewPath> m_view;
    int m_killed = -1;                 // member index
    std::string m_killedId, m_newLeader;
    std::uint64_t m_newTerm = 0;

    QStringList targetArgs() const
    {
        QStringList args;
        for (const EtcdMember &m : m_members)
            args << QStringLiteral("--target") << m.clientUrl();
        return args;
    }

    QString startMember(EtcdMember &m, bool existing)
    {
        if (!m.process)
            m.process = std::make_unique<ServerProcess>();
        QString error;
        if (!m.process->start(kEtcd, etcdArgs(m, m_dir.filePath(m.name), m_initialCluster, existing), &error))
            return error;
        return {};
    }

    Run vigilctl()
    {
        Run r;
        QProcess p;
        p.start(binaryPath(QStringLiteral("app/vigilctl/vigilctl")),
                QStringList{QStringLiteral("cluster"), QStringLiteral("--profile"), QStringLiteral("etcd"),
                            QStringLiteral("--json")} + targetArgs());
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

    std::vector<ViewNode> watchNodes() const
    {
        return m_watch && !m_watch->lines().empty() ? nodesOfJson(m_watch->lines().back().j) : std::vector<ViewNode>{};
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString why = ensureDebianPackage(QStringLiteral("etcd-server"), kEtcd);
        if (!why.isEmpty()) {
            banner(why);
            QSKIP(qPrintable(QStringLiteral("etcd unavailable: ") + why));
        }
        QVERIFY(m_dir.isValid());
        m_clock.start();
        std::set<quint16> used;
        auto port = [&] {
            for (;;) {
                const quint16 p = freeLoopbackPort();
                if (p && used.insert(p).second)
                    return p;
            }
        };
        QStringList initial;
        for (std::size_t i = 0; i < m_members.size(); ++i) {
            EtcdMember &m = m_members[i];
            m.name = QStringLiteral("n%1").arg(i + 1);
            m.client = port();
            m.peer = port();
            m.metrics = port();
            initial << m.name + QLatin1Char('=') + m.peerUrl();
        }
        m_initialCluster = initial.join(QLatin1Char(','));
        for (EtcdMember &m : m_members) {
            const QString error = startMember(m, false);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        for (EtcdMember &m : m_members)
            QVERIFY2(m.process->waitForPort(m.client, 20000), m.process->output().right(3000).constData());
    }

    void cleanupTestCase()
    {
        // docs/cli.md promises one JSON object per line with --watch --json; say so loudly
        // when something else reached stdout (the checks above skip such lines).
        if (m_watch && !m_watch->foreign().isEmpty())
            qWarning("vigilctl cluster --watch --json printed %d non-JSON line(s) on stdout, e.g.:\n%s",
                     int(m_watch->foreign().size()), m_watch->foreign().join('\n').left(1500).constData());
        m_watch.reset();
        m_view.reset();
        // Followers first, then the leader (stopping all at once hangs for seconds).
        for (EtcdMember &m : m_members)
            if (m.process && m.process->running())
                m.process->stop(5000);
    }

    void leaderAndIds()
    {
        // Quorum forms within a few seconds: poll vigilctl until one leader and one term.
        Run r;
        QDeadlineTimer deadline(30000);
        for (;;) {
            r = vigilctl();
            const std::vector<ViewNode> nodes = nodesOfJson(r.j);
            const ViewNode *leader = soleLeader(nodes);
            if (r.exitCode == 0 && leader && leader->term && showsSettled(nodes, leader->id, *leader->term))
                break;
            QVERIFY2(!deadline.hasExpired(), r.out.constData());
            QTest::qWait(200);
        }
        QVERIFY(r.j["nodes"][0]["commit"].is_number_unsigned());

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
        for (const EtcdMember &m : m_members) {
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
    }

    void failoverShownWithinThreeSeconds()
    {
        const Result<ClusterProfile> profile = loadClusterProfile(QStringLiteral("etcd"));
        QVERIFY2(profile.ok(), profile ? "" : profile.error().message.c_str());
        QStringList urls;
        for (const EtcdMember &m : m_members)
            urls << m.clientUrl();
        m_view = std::make_unique<ClusterViewPath>(*profile, urls, kAppScrapeIntervalMs);
        // --interval 1 is the documented default and the only interval the docs give for
        // --watch polling (no documented minimum).
        m_watch = std::make_unique<VigilctlWatch>(m_clock);
        QVERIFY(m_watch->start(binaryPath(QStringLiteral("app/vigilctl/vigilctl")),
                               QStringList{QStringLiteral("cluster"), QStringLiteral("--profile"), QStringLiteral("etcd"),
                                           QStringLiteral("--watch"), QStringLiteral("--json"),
                                           QStringLiteral("--interval"), QStringLiteral("1")} + targetArgs()));

        // Before the kill both views show what etcd's own status API says, and the GUI's
        // scraper has scraped every member at least once.
        std::string leaderId;
        std::uint64_t term = 0;
        auto settled = [&] {
            std::set<std::pair<std::uint64_t, std::uint64_t>> truth;
            for (const EtcdMember &m : m_members) {
                const DirectStatus s = directStatus(m.clientUrl());
                if (!s.ok || !s.leader)
                    return false;
                truth.insert({s.leader, s.term});
            }
            if (truth.size() != 1)
                return false;
            leaderId = hexId(truth.begin()->first);
            term = truth.begin()->second;
            for (const EtcdMember &m : m_members)
                if (!m_view->target(m.client) || m_view->target(m.client)->lastSuccessMs == 0)
                    return false;
            return showsSettled(watchNodes(), leaderId, term) &&
                   showsSettled(nodesOfModel(m_view->model()), leaderId, term);
        };
        QVERIFY2(QTest::qWaitFor(settled, 30000),
                 qPrintable(QStringLiteral("etcd: leader %1 term %2\nvigilctl: %3\nmodel: %4\nvigilctl stderr: %5")
                                .arg(QString::fromStdString(leaderId)).arg(term)
                                .arg(describe(watchNodes()), describe(nodesOfModel(m_view->model())),
                                     QString::fromUtf8(m_watch->errors()))));
        for (std::size_t i = 0; i < m_members.size(); ++i)
            if (hexId(directStatus(m_members[i].clientUrl()).member) == leaderId)
                m_killed = int(i);
        QVERIFY(m_killed >= 0);
        EtcdMember &victim = m_members[std::size_t(m_killed)];
        m_killedId = leaderId;

        // Kill right after the GUI's scraper scraped the leader: then the model's metric-
        // derived view of it is as old as it can get (one scrape interval) — the worst
        // phase, and the bound has to hold in every phase.
        const std::uint64_t scrapes = m_view->target(victim.client)->scrapes;
        QVERIFY(QTest::qWaitFor([&] { return m_view->target(victim.client)->scrapes > scrapes; },
                                kAppScrapeIntervalMs + 5000));
        const std::int64_t lastScrapeMs = m_view->target(victim.client)->last.timestampMs;
        QVERIFY(::kill(pid_t(victim.process->pid()), SIGKILL) == 0);
        const qint64 killAt = m_clock.elapsed();
        const std::int64_t killEpochMs = QDateTime::currentMSecsSinceEpoch();

        // Time every view's first sight of the outcome, event by event.
        qint64 electionAt = -1, ctlLeaderAt = -1, ctlFullAt = -1, monitorLeaderAt = -1, monitorFullAt = -1,
               modelLeaderAt = -1, modelFullAt = -1;
        std::uint64_t electedLeader = 0;
        std::vector<std::pair<int, QString>> survivors;
        for (std::size_t i = 0; i < m_members.size(); ++i)
            if (int(i) != m_killed)
                survivors.emplace_back(int(i), m_members[i].clientUrl());
        const std::uint64_t oldLeader = parseUint64Hex(leaderId).value();
        StatusProbe probe(survivors, m_clock, [&](int, const DirectStatus &s, qint64 at) {
            if (electionAt < 0 && s.ok && s.leader && s.leader != oldLeader && s.term > term) {
                electionAt = at;
                electedLeader = s.leader;
                m_newTerm = s.term;
            }
        });
        QString modelAtNewLeader; // what the model showed when the new leader first appeared
        auto note = [&](const std::vector<ViewNode> &nodes, qint64 &leaderAt, qint64 &fullAt) {
            const qint64 now = m_clock.elapsed();
            if (leaderAt < 0 && newLeaderShown(nodes, leaderId, term)) {
                leaderAt = now;
                if (&leaderAt == &modelLeaderAt)
                    modelAtNewLeader = describe(nodes);
            }
            if (fullAt < 0 && failoverShown(nodes, leaderId, term))
                fullAt = now;
        };
        m_watch->onLine = [&](const VigilctlWatch::Line &line) { note(nodesOfJson(line.j), ctlLeaderAt, ctlFullAt); };
        m_view->onMonitorChanged = [&](const ClusterSnapshot &s) { note(nodesOfSnapshot(s), monitorLeaderAt, monitorFullAt); };
        m_view->onRefresh = [&] { note(nodesOfModel(m_view->model()), modelLeaderAt, modelFullAt); };
        (void)QTest::qWaitFor([&] { return electionAt >= 0 && ctlFullAt >= 0 && modelFullAt >= 0 && monitorFullAt >= 0; },
                        20000);
        m_watch->onLine = nullptr;
        m_view->onMonitorChanged = nullptr;
        m_view->onRefresh = nullptr;

        auto since = [&](qint64 at) {
            return at < 0 || electionAt < 0 ? QStringLiteral("never") : QStringLiteral("%1 ms").arg(at - electionAt);
        };
        qInfo("kill -> election (50 ms status probe): %s; the GUI scraped the killed leader %lld ms before the kill",
              qPrintable(electionAt < 0 ? QStringLiteral("never") : QStringLiteral("%1 ms").arg(electionAt - killAt)),
              (long long)(killEpochMs - lastScrapeMs));
        qInfo("election -> vigilctl --watch: new leader + term %s, killed member unreachable too %s",
              qPrintable(since(ctlLeaderAt)), qPrintable(since(ctlFullAt)));
        qInfo("election -> ClusterMonitor:   new leader + term %s, killed member unreachable too %s",
              qPrintable(since(monitorLeaderAt)), qPrintable(since(monitorFullAt)));
        qInfo("election -> ClusterNodesModel: new leader + term %s, killed member unreachable too %s",
              qPrintable(since(modelLeaderAt)), qPrintable(since(modelFullAt)));
        if (modelFullAt != modelLeaderAt)
            qInfo("the model when the new leader appeared: %s", qPrintable(modelAtNewLeader));

        QVERIFY2(electionAt >= 0, "no survivor reported a new leader with a higher term within 20 s");
        m_newLeader = hexId(electedLeader);
        // The term rises by one per election attempt. Usually the first attempt wins
        // (term + 1), but etcd's check-quorum lease makes a survivor reject a candidate
        // that asks too early, and on a loaded machine several attempts can fail (seen
        // here: about 1 run in 4 ends at term + 2, once at term + 4). Raft guarantees only
        // that the new term is higher; anything but + 1 is reported loudly.
        if (m_newTerm != term + 1)
            qWarning("new leader won term %llu after term %llu (a split or rejected first election)",
                     (unsigned long long)m_newTerm, (unsigned long long)term);

        // vigilctl: the new leader and term, then the killed member unreachable, in time.
        const std::vector<ViewNode> ctl = watchNodes();
        QVERIFY2(ctlLeaderAt >= 0 && ctlFullAt >= 0, qPrintable(describe(ctl)));
        const ViewNode *ctlLeader = newLeaderShown(ctl, leaderId, term);
        QVERIFY2(ctlLeader && ctlLeader->id == m_newLeader && ctlLeader->term == m_newTerm, qPrintable(describe(ctl)));
        QVERIFY2(m_watch->lines().back().j["nodes"].is_array(), m_watch->lastText().constData());
        for (const json &n : m_watch->lines().back().j["nodes"])
            if (n["id"] == leaderId)
                QVERIFY2(n["error"].is_string(), m_watch->lastText().constData());
        QVERIFY2(ctlLeaderAt - electionAt <= kBoundMs, qPrintable(since(ctlLeaderAt)));
        QVERIFY2(ctlFullAt - electionAt <= kBoundMs, qPrintable(since(ctlFullAt)));

        // The model: same, from its data().
        const std::vector<ViewNode> model = nodesOfModel(m_view->model());
        QVERIFY2(modelLeaderAt >= 0, qPrintable(describe(model)));
        QVERIFY2(modelLeaderAt - electionAt <= kBoundMs, qPrintable(since(modelLeaderAt)));
        QVERIFY2(modelFullAt >= 0, qPrintable(describe(model)));
        const ViewNode *modelLeader = newLeaderShown(model, leaderId, term);
        QVERIFY2(modelLeader && modelLeader->id == m_newLeader && modelLeader->term == m_newTerm,
                 qPrintable(describe(model)));
        QVERIFY2(modelFullAt - electionAt <= kBoundMs,
                 qPrintable(QStringLiteral("the model showed the killed leader unreachable %1 after the election "
                                           "(new leader and term after %2)")
                                .arg(since(modelFullAt), since(modelLeaderAt))));
    }

    void restartedMemberRejoinsAsFollower()
    {
        if (m_killed < 0 || !m_view || !m_watch)
            QSKIP("the failover step did not get as far as killing the leader");
        EtcdMember &m = m_members[std::size_t(m_killed)];
        const qint64 restartAt = m_clock.elapsed();
        const QString error = startMember(m, true);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(m.process->waitForPort(m.client, 20000), m.process->output().right(3000).constData());
        const qint64 portAt = m_clock.elapsed();

        // Rejoined: every member up, the restarted one a follower of the sole leader in its term.
        auto rejoined = [&](const std::vector<ViewNode> &nodes) {
            const ViewNode *leader = soleLeader(nodes);
            const ViewNode *back = nodeWithId(nodes, m_killedId);
            return leader && leader->term && back && back->role == "follower" &&
                   showsSettled(nodes, leader->id, *leader->term);
        };
        qint64 ctlAt = -1, modelAt = -1;
        (void)QTest::qWaitFor([&] {
            if (ctlAt < 0 && rejoined(watchNodes()))
                ctlAt = m_clock.elapsed();
            if (modelAt < 0 && rejoined(nodesOfModel(m_view->model())))
                modelAt = m_clock.elapsed();
            return ctlAt >= 0 && modelAt >= 0;
        }, 30000);
        qInfo("restart -> client port open %lld ms; -> vigilctl shows it a follower %s; -> model %s",
              (long long)(portAt - restartAt),
              qPrintable(ctlAt < 0 ? QStringLiteral("never") : QStringLiteral("%1 ms").arg(ctlAt - restartAt)),
              qPrintable(modelAt < 0 ? QStringLiteral("never") : QStringLiteral("%1 ms").arg(modelAt - restartAt)));
        QVERIFY2(ctlAt >= 0, qPrintable(QStringLiteral("vigilctl: ") + describe(watchNodes())));
        QVERIFY2(modelAt >= 0, qPrintable(QStringLiteral("model: ") + describe(nodesOfModel(m_view->model()))));

        // The views agree with etcd: the same leader and term as every member reports.
        const std::vector<ViewNode> model = nodesOfModel(m_view->model());
        const ViewNode *leader = soleLeader(model);
        QVERIFY(leader);
        const std::string leaderId = leader->id;
        const std::uint64_t term = *leader->term;
        QVERIFY2(showsSettled(watchNodes(), leaderId, term), qPrintable(describe(watchNodes())));
        for (const EtcdMember &member : m_members) {
            const DirectStatus s = directStatus(member.clientUrl());
            QVERIFY2(s.ok, qPrintable(member.clientUrl()));
            QCOMPARE(hexId(s.leader), leaderId);
            QCOMPARE(s.term, term);
        }
        if (leaderId != m_newLeader || term != m_newTerm)
            qWarning("another election after the restart: leader %s term %llu (was %s term %llu)", leaderId.c_str(),
                     (unsigned long long)term, m_newLeader.c_str(), (unsigned long long)m_newTerm);
    }
};

QTEST_GUILESS_MAIN(TestClusterEtcd)
#include "tst_cluster_etcd.moc"

// Helpers of tst_cluster_etcd: the flags of one etcd member, a reference reading of a
// member's own status API (parsed here, not by Vigil), a 50 ms status probe that times
// elections independently of Vigil, `vigilctl cluster --watch --json` as a long-running
// child whose lines are stamped when read, and the GUI's cluster data path (Scraper ->
// IngestHub -> ClusterMonitor -> ClusterNodesModel) wired the way app/vigil does it.
//
// Threads: everything here lives on the test's main thread and runs on its event loop
// (QTest::qWait / qWaitFor); the monitor's own worker thread is internal to it.
#pragma once

#include "core/cluster/cluster_monitor.h"
#include "core/cluster/cluster_profile.h"
#include "core/hub/ingest_hub.h"
#include "core/scrape/scraper.h"
#include "models/cluster_nodes_model.h"
#include "models/refresh_clock.h"
#include "tests/support/server_process.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QProcess>
#include <QTest>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vigil::test {

struct EtcdMember
{
    QString name;
    quint16 client = 0, peer = 0, metrics = 0;
    std::unique_ptr<ServerProcess> process;
    QString clientUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(client); }
    QString peerUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(peer); }
};

// BACKENDS.md's flags. A member restarted on its data dir joins with `existing`.
inline QStringList etcdArgs(const EtcdMember &m, const QString &dataDir, const QString &initialCluster,
                            bool existing)
{
    return {QStringLiteral("--name"), m.name,
            QStringLiteral("--data-dir"), dataDir,
            QStringLiteral("--listen-client-urls"), m.clientUrl(),
            QStringLiteral("--advertise-client-urls"), m.clientUrl(),
            QStringLiteral("--listen-peer-urls"), m.peerUrl(),
            QStringLiteral("--initial-advertise-peer-urls"), m.peerUrl(),
            QStringLiteral("--listen-metrics-urls"), QStringLiteral("http://127.0.0.1:%1").arg(m.metrics),
            QStringLiteral("--initial-cluster"), initialCluster,
            QStringLiteral("--initial-cluster-token"), QStringLiteral("vigil-cluster-test"),
            QStringLiteral("--initial-cluster-state"), existing ? QStringLiteral("existing") : QStringLiteral("new"),
            QStringLiteral("--logger"), QStringLiteral("zap"),
            QStringLiteral("--log-outputs"), QStringLiteral("stderr")};
}

// 16 lowercase hex digits, zero-padded: how vigilctl and the model print member ids.
inline std::string hexId(std::uint64_t id)
{
    return QStringLiteral("%1").arg(qulonglong(id), 16, 16, QLatin1Char('0')).toStdString();
}

// What a member's status API says. etcd writes every uint64 as a decimal string.
struct DirectStatus
{
    bool ok = false;
    std::uint64_t member = 0, leader = 0, term = 0; // leader 0: none
};

inline DirectStatus parseDirectStatus(const QByteArray &body)
{
    DirectStatus s;
    const nlohmann::json j = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
    auto u64 = [](const nlohmann::json &o, const char *key, std::uint64_t &out) {
        if (!o.is_object() || !o.contains(key) || !o[key].is_string())
            return false;
        const std::string &t = o[key].get_ref<const std::string &>();
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
        return ec == std::errc() && end == t.data() + t.size();
    };
    if (!j.is_object() || !j.contains("header") || !u64(j["header"], "member_id", s.member) ||
        !u64(j, "raftTerm", s.term))
        return s;
    if (j.contains("leader") && !u64(j, "leader", s.leader))
        return s;
    s.ok = true;
    return s;
}

inline QNetworkRequest statusRequest(const QString &clientUrl, int timeoutMs)
{
    QNetworkRequest req(QUrl(clientUrl + QStringLiteral("/v3/maintenance/status")));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setTransferTimeout(timeoutMs);
    return req;
}

// One blocking status read (runs the event loop up to 3 s).
inline DirectStatus directStatus(const QString &clientUrl)
{
    QNetworkAccessManager nam;
    std::unique_ptr<QNetworkReply> reply(nam.post(statusRequest(clientUrl, 2000), QByteArrayLiteral("{}")));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 3000) || reply->error() != QNetworkReply::NoError)
        return {};
    return parseDirectStatus(reply->readAll());
}

// Polls the status API of some members every `cadenceMs`, at most one request per
// member in flight; every answer goes to `onAnswer(member, status, clock ms when read)`.
class StatusProbe
{
public:
    using Answer = std::function<void(int member, const DirectStatus &status, qint64 atMs)>;

    StatusProbe(std::vector<std::pair<int, QString>> members, const QElapsedTimer &clock, Answer onAnswer,
                int cadenceMs = 50)
        : m_members(std::move(members)), m_clock(clock), m_onAnswer(std::move(onAnswer)),
          m_inFlight(m_members.size())
    {
        m_timer.setInterval(cadenceMs);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { round(); });
        m_timer.start();
        round();
    }
    ~StatusProbe()
    {
        m_timer.stop();
        for (QPointer<QNetworkReply> &r : m_inFlight)
            if (r) {
                r->disconnect();
                r->abort();
                delete r;
            }
    }
    StatusProbe(const StatusProbe &) = delete;
    StatusProbe &operator=(const StatusProbe &) = delete;

private:
    void round()
    {
        for (std::size_t i = 0; i < m_members.size(); ++i) {
            if (m_inFlight[i])
                continue;
            QNetworkReply *reply = m_nam.post(statusRequest(m_members[i].second, 1000), QByteArrayLiteral("{}"));
            m_inFlight[i] = reply;
            QObject::connect(reply, &QNetworkReply::finished, [this, i, reply] {
                const qint64 at = m_clock.elapsed();
                m_inFlight[i] = nullptr;
                reply->deleteLater();
                if (reply->error() == QNetworkReply::NoError)
                    m_onAnswer(m_members[i].first, parseDirectStatus(reply->readAll()), at);
            });
        }
    }

    std::vector<std::pair<int, QString>> m_members;
    const QElapsedTimer &m_clock;
    Answer m_onAnswer;
    QNetworkAccessManager m_nam;
    QTimer m_timer;
    std::vector<QPointer<QNetworkReply>> m_inFlight;
};

// One node as a view shows it (vigilctl's JSON, or a ClusterNodesModel row).
struct ViewNode
{
    std::string id, leader, role; // role: "leader", "follower", "candidate", "unreachable"
    std::optional<std::uint64_t> term;
    bool reachable = false;
    std::string error;
};

inline std::vector<ViewNode> nodesOfJson(const nlohmann::json &j)
{
    std::vector<ViewNode> out;
    if (!j.is_object() || !j.contains("nodes") || !j["nodes"].is_array())
        return out;
    for (const nlohmann::json &n : j["nodes"]) {
        ViewNode v;
        v.id = n.value("id", std::string());
        v.role = n.value("role", std::string());
        v.leader = n.contains("leader") && n["leader"].is_string() ? n["leader"].get<std::string>() : std::string();
        if (n.contains("term") && n["term"].is_number_unsigned())
            v.term = n["term"].get<std::uint64_t>();
        v.reachable = n.value("reachable", false);
        v.error = n.contains("error") && n["error"].is_string() ? n["error"].get<std::string>() : std::string();
        out.push_back(std::move(v));
    }
    return out;
}

inline std::vector<ViewNode> nodesOfSnapshot(const ClusterSnapshot &s)
{
    std::vector<ViewNode> out;
    for (const ClusterNode &n : s.nodes)
        out.push_back(ViewNode{n.id, n.leader, nodeRoleName(n.role), n.term, n.reachable, n.error});
    return out;
}

// Role, term, reachability and id from the model's data(); the model has no column for
// the leader a node names, so that comes from the snapshot the model holds (same rows).
inline std::vector<ViewNode> nodesOfModel(const ClusterNodesModel &m)
{
    std::vector<ViewNode> out;
    for (int row = 0; row < m.rowCount(); ++row) {
        ViewNode v;
        v.id = m.data(m.index(row, ClusterNodesModel::NodeColumn), ClusterNodesModel::NodeIdRole).toString().toStdString();
        v.role = nodeRoleName(NodeRole(m.data(m.index(row, ClusterNodesModel::RoleColumn),
                                              ClusterNodesModel::NodeRoleRole).toInt()));
        const QVariant term = m.data(m.index(row, ClusterNodesModel::TermColumn), ClusterNodesModel::ValueRole);
        if (term.isValid())
            v.term = term.toULongLong();
        v.reachable = m.data(m.index(row, ClusterNodesModel::NodeColumn), ClusterNodesModel::ReachableRole).toBool();
        v.error = m.data(m.index(row, ClusterNodesModel::ErrorColumn)).toString().toStdString();
        for (const ClusterNode &n : m.snapshot().nodes)
            if (n.id == v.id)
                v.leader = n.leader;
        out.push_back(std::move(v));
    }
    return out;
}

// `vigilctl cluster ... --watch --json`: one JSON object per line, stamped when read.
// Lines that are not JSON objects are kept apart (foreign()) and never count as a state.
class VigilctlWatch
{
public:
    struct Line
    {
        qint64 atMs = 0;
        nlohmann::json j;
    };

    VigilctlWatch(const QElapsedTimer &clock) : m_clock(clock)
    {
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, [this] { readLines(); });
        QObject::connect(&m_process, &QProcess::readyReadStandardError,
                         [this] { m_err = QByteArray(m_err + m_process.readAllStandardError()).right(4000); });
    }
    ~VigilctlWatch() { stop(); }

    bool start(const QString &program, const QStringList &args)
    {
        m_process.start(program, args);
        return m_process.waitForStarted(10000);
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }
    bool running() const { return m_process.state() == QProcess::Running; }
    // The JSON object lines, in order; `foreign()` the first other stdout lines.
    const std::vector<Line> &lines() const { return m_lines; }
    QByteArray lastText() const { return m_lastText; }
    QByteArrayList foreign() const { return m_foreign; }
    QByteArray errors() const { return m_err; }
    std::function<void(const Line &)> onLine;

private:
    void readLines()
    {
        const qint64 at = m_clock.elapsed();
        m_buffer += m_process.readAllStandardOutput();
        for (qsizetype nl; (nl = m_buffer.indexOf('\n')) >= 0;) {
            const QByteArray text = m_buffer.left(nl);
            m_buffer.remove(0, nl + 1);
            Line line{at, nlohmann::json::parse(text.toStdString(), nullptr, false)};
            if (!line.j.is_object()) { // not the documented output (log lines have been seen here)
                if (m_foreign.size() < 20)
                    m_foreign << text;
                continue;
            }
            m_lastText = text;
            m_lines.push_back(std::move(line));
            if (onLine)
                onLine(m_lines.back());
        }
    }

    const QElapsedTimer &m_clock;
    QProcess m_process;
    QByteArray m_buffer, m_lastText, m_err;
    QByteArrayList m_foreign;
    std::vector<Line> m_lines;
};

// The Cluster page's data path as app/vigil/main.cpp wires it for `vigil --profile etcd
// --target URL...`: TargetRegistry's scrape config (URL + /metrics, job "vigil", the
// --interval, timeout 4/5 of it) on a Scraper that submits to an IngestHub; ClusterFeed's
// ClusterMonitor (default options) over the hub's store and the same URLs; and the
// ClusterNodesModel refreshed the way ClusterPage does it: on RefreshClock ticks, at most
// every ClusterPage::kRefreshMs (500 ms), from monitor->snapshot().
class ClusterViewPath
{
public:
    static constexpr std::int64_t kPageRefreshMs = 500; // ClusterPage::kRefreshMs

    ClusterViewPath(const ClusterProfile &profile, const QStringList &urls, int scrapeIntervalMs)
        : m_scraper([this](SampleBatch &&batch) { m_hub.submit(std::move(batch)); }), m_tester(&m_model)
    {
        m_hub.start();
        std::vector<std::string> targets;
        for (const QString &url : urls) {
            ScrapeTargetConfig c;
            c.url = QString(url + QStringLiteral("/metrics")).toStdString();
            c.job = "vigil";
            c.interval = std::chrono::milliseconds(scrapeIntervalMs);
            c.timeout = std::chrono::milliseconds(std::max(500, std::min(scrapeIntervalMs, 10000) * 4 / 5));
            m_scraper.addTarget(std::move(c));
            targets.push_back(url.toStdString());
        }
        m_monitor = std::make_unique<ClusterMonitor>(profile, m_hub.store(), std::move(targets));
        QObject::connect(m_monitor.get(), &ClusterMonitor::changed, &m_model, [this] {
            if (onMonitorChanged)
                onMonitorChanged(m_monitor->snapshot());
        });
        QObject::connect(&m_clock, &RefreshClock::tick, &m_model, [this] {
            const std::int64_t now = m_clock.nowMs();
            if (now >= m_lastRefreshMs && now - m_lastRefreshMs < kPageRefreshMs)
                return;
            m_lastRefreshMs = now;
            m_model.setSnapshot(m_monitor->snapshot(), now);
            if (onRefresh)
                onRefresh();
        });
        m_monitor->start();
        m_scraper.start();
        m_clock.start();
    }
    ~ClusterViewPath()
    {
        // As main() does: the monitor first (it reads the store), then the scraper (it
        // submits to the hub), then the hub.
        m_clock.stop();
        m_monitor.reset();
        m_scraper.stop();
        m_hub.stop();
    }

    const ClusterNodesModel &model() const { return m_model; }
    // The hub's view of the scrape target whose instance is 127.0.0.1:port.
    std::optional<TargetStatus> target(quint16 port) const
    {
        const std::string instance = "127.0.0.1:" + std::to_string(port);
        for (const TargetStatus &t : m_hub.targets())
            if (t.last.instance == instance)
                return t;
        return std::nullopt;
    }

    std::function<void()> onRefresh;                             // after each model refresh
    std::function<void(const ClusterSnapshot &)> onMonitorChanged; // monitor published a change

private:
    IngestHub m_hub;
    Scraper m_scraper;
    std::unique_ptr<ClusterMonitor> m_monitor;
    ClusterNodesModel m_model;
    QAbstractItemModelTester m_tester;
    RefreshClock m_clock;
    std::int64_t m_lastRefreshMs = 0;
};

} // namespace vigil::test

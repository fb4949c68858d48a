// The eventstream path end to end in process: the Simulator serves its nodes on
// loopback, the live Scraper scrapes them into an IngestHub, and a ClusterMonitor reads
// the store through the eventstream profile on its own thread. One leader, one term,
// commits advancing, events conserved; a forced election shows up as a new leader with
// term + 1 and in the role history.
#include "core/cluster/cluster_monitor.h"
#include "core/cluster/store_cluster_observer.h"
#include "core/hub/ingest_hub.h"
#include "core/scrape/scraper.h"
#include "core/sim/sim_cluster.h"
#include "core/sim/simulator.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <set>

using namespace vigil;

namespace {

struct View
{
    int reachable = 0, leaders = 0;
    std::set<std::uint64_t> terms;
    const ClusterNode *leader = nullptr;
};

View view(const ClusterSnapshot &s)
{
    View v;
    for (const ClusterNode &n : s.nodes) {
        if (!n.reachable)
            continue;
        ++v.reachable;
        if (n.term)
            v.terms.insert(*n.term);
        if (n.role == NodeRole::Leader) {
            ++v.leaders;
            v.leader = &n;
        }
    }
    return v;
}

} // namespace

class TestClusterSim : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<IngestHub> m_hub;
    std::unique_ptr<Scraper> m_scraper;
    std::vector<std::string> m_targets;
    ClusterProfile m_profile;

    // A snapshot with all three nodes fresh, one leader and one term (waits for it).
    bool settled(const ClusterMonitor &monitor)
    {
        const ClusterSnapshot s = monitor.snapshot();
        const View v = view(s);
        return s.nodes.size() == 3 && v.reachable == 3 && v.leaders == 1 && v.terms.size() == 1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const Result<ClusterProfile> p = loadClusterProfile(QStringLiteral("eventstream"));
        QVERIFY(p.ok());
        m_profile = *p;
        SimOptions options;
        options.nodes = 3;
        options.seed = 7;
        m_sim = std::make_unique<Simulator>(options);
        const Result<void> started = m_sim->start();
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
        m_sim->cluster()->setAutoElections(false); // the test forces its own election
        for (const QUrl &u : m_sim->metricsUrls())
            m_targets.push_back(u.toString().toStdString());
        m_hub = std::make_unique<IngestHub>();
        m_hub->start();
        m_scraper = std::make_unique<Scraper>([this](SampleBatch &&b) { m_hub->submit(std::move(b)); });
        for (const std::string &t : m_targets) {
            ScrapeTargetConfig c;
            c.url = t;
            c.job = "eventstream";
            c.interval = std::chrono::milliseconds(200);
            c.timeout = std::chrono::milliseconds(2000);
            m_scraper->addTarget(c);
        }
        m_scraper->start();
    }

    void cleanupTestCase()
    {
        m_scraper->stop();
        m_hub->stop();
        m_sim->stop();
    }

    void observerReadsTheStore()
    {
        StoreClusterObserver observer(m_profile, m_hub->store());
        std::vector<NodeObservation> obs;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                obs = observer.observe(m_targets, QDateTime::currentMSecsSinceEpoch());
                for (const NodeObservation &o : obs)
                    if (!o.reachable || !o.role || !o.term || !o.events)
                        return false;
                return obs.size() == 3;
            }(),
            10000);
        const SimCluster &sim = *m_sim->cluster();
        for (std::size_t i = 0; i < 3; ++i) {
            const NodeObservation &o = obs[i];
            QCOMPARE(o.name, sim.node(int(i)).name);
            QCOMPARE(o.id, StoreClusterObserver::instanceOf(m_profile, m_targets[i]));
            QCOMPARE(o.target, m_targets[i]);
            QCOMPARE(o.lag.size(), std::size_t(2)); // one per peer
            QVERIFY(o.commit && o.applied && *o.applied <= *o.commit);
            QCOMPARE(o.peersConnected.value(), std::uint64_t(2));
            // The simulator conserves events exactly.
            const auto &e = *o.events;
            QCOMPARE(e.received - e.processed - e.dropped - e.queued, 0.0);
            QVERIFY(o.error.empty());
        }
        // A target nobody scrapes has no data: unreachable with a reason, not a crash.
        const std::vector<NodeObservation> none =
            observer.observe({"http://127.0.0.1:1/metrics"}, QDateTime::currentMSecsSinceEpoch());
        QCOMPARE(none.size(), std::size_t(1));
        QVERIFY(!none[0].reachable);
        QCOMPARE(none[0].error, std::string("no samples of 127.0.0.1:1 in the store (is it scraped?)"));
    }

    void monitorShowsOneLeaderAndAdvancingCommits()
    {
        ClusterMonitor::Options options;
        options.interval = std::chrono::milliseconds(200);
        options.tracker.eventLossWindowMs = 2000;
        ClusterMonitor monitor(m_profile, m_hub->store(), m_targets, options);
        QSignalSpy changed(&monitor, &ClusterMonitor::changed);
        QCOMPARE(monitor.version(), std::uint64_t(0));
        monitor.start();
        QVERIFY(changed.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(settled(monitor), 10000);
        ClusterSnapshot s = monitor.snapshot();
        QCOMPARE(s.profile, std::string("eventstream"));
        View v = view(s);
        const std::string leaderId = v.leader->id;
        const std::uint64_t term = *v.terms.begin();
        const std::uint64_t commit = v.leader->commit.value();
        const SimCluster &sim = *m_sim->cluster();
        QCOMPARE(v.leader->name, sim.node(*sim.leader()).name);
        for (const ClusterNode &n : s.nodes)
            QCOMPARE(n.leader, leaderId);
        // Commits advance on every node, and events stay conserved over the window.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const ClusterSnapshot now = monitor.snapshot();
                for (const ClusterNode &n : now.nodes)
                    if (!n.commit || *n.commit <= commit)
                        return false;
                return true;
            }(),
            10000);
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentMSecsSinceEpoch() - s.takenMs > 3000, 10000);
        s = monitor.snapshot();
        for (const ClusterAnomaly &a : s.anomalies)
            QFAIL(qPrintable(QStringLiteral("unexpected anomaly %1: %2")
                                 .arg(QLatin1String(anomalyKindName(a.kind)), QString::fromStdString(a.message))));

        // Force an election: a new leader, term + 1, and the change in the history.
        QVERIFY(m_sim->cluster()->forceElection());
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const ClusterSnapshot now = monitor.snapshot();
                const View nv = view(now);
                return settled(monitor) && *nv.terms.begin() == term + 1;
            }(),
            30000);
        s = monitor.snapshot();
        bool leaderLeft = false;
        for (const RoleChange &c : s.history)
            leaderLeft = leaderLeft || (c.node == leaderId && c.from == NodeRole::Leader);
        QVERIFY(leaderLeft);
        const std::uint64_t versionBefore = monitor.version();
        QVERIFY(versionBefore > 1);
        monitor.stop();
        QVERIFY(!monitor.isRunning());
        QCOMPARE(monitor.version(), versionBefore); // nothing publishes after stop()
    }
};

QTEST_GUILESS_MAIN(TestClusterSim)
#include "tst_cluster_sim.moc"

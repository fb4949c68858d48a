// ClusterPage offscreen over a scripted snapshot source: it pulls on clock ticks at most
// twice a second and only while visible; rows, anomaly banners (severity in words,
// markup shown literally), the summary line, the election timeline (segments, term marks,
// leader changes) and the stale badge (grows with time, dead when no node is reachable,
// "no data" with no nodes) show exactly what the snapshot says.
#include "models/cluster_nodes_model.h"
#include "models/refresh_clock.h"
#include "models/time_range.h"
#include "widgets/anomaly_banner.h"
#include "widgets/cluster_page.h"
#include "widgets/dashboard_csv.h"
#include "widgets/election_timeline.h"
#include "widgets/panel_export.h"
#include "widgets/stale_badge.h"

#include <QDateTime>
#include <QLocale>
#include <QTableView>
#include <QTest>

using namespace vigil;

namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;

ClusterNode node(const std::string &id, NodeRole role, std::uint64_t term)
{
    ClusterNode n;
    n.id = id;
    n.name = id;
    n.role = role;
    n.reachable = role != NodeRole::Unreachable;
    n.term = term;
    n.commit = 100;
    n.applied = 98;
    n.lastSampleMs = kNow - 2000;
    return n;
}

ClusterSnapshot scenario()
{
    ClusterSnapshot s;
    s.takenMs = kNow;
    s.profile = "eventstream";
    ClusterNode a = node("node-0", NodeRole::Follower, 7);
    ClusterNode b = node("node-1", NodeRole::Leader, 7);
    b.lag = {{"node-0", 3}, {"node-2", 40}};
    ClusterNode c = node("node-2", NodeRole::Unreachable, 6);
    c.error = "connection refused";
    c.lastSampleMs = kNow - 60'000;
    s.nodes = {a, b, c};
    s.anomalies = {{AnomalyKind::StaleData, "node-2", "no sample for 60 s", kNow - 60'000},
                   {AnomalyKind::TwoLeaders, "", "<i>node-0</i> and node-1 both lead term 6", kNow - 125'000}};
    s.history = {{kNow - 300'000, "node-0", NodeRole::Follower, NodeRole::Leader, 6},
                 {kNow - 120'000, "node-0", NodeRole::Leader, NodeRole::Follower, 7},
                 {kNow - 120'000, "node-1", NodeRole::Candidate, NodeRole::Leader, 7},
                 {kNow - 60'000, "node-2", NodeRole::Follower, NodeRole::Unreachable, 6}};
    return s;
}

} // namespace

class TstClusterPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void init()
    {
        m_clock = std::make_unique<RefreshClock>();
        m_clock->setFixedNow(kNow);
        m_snapshot = scenario();
        m_pulls = 0;
    }

    void showsSnapshot()
    {
        ClusterPage page([this] { ++m_pulls; return m_snapshot; }, *m_clock, m_range);
        page.resize(1400, 900);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.refreshNow();

        ClusterNodesModel *m = page.model();
        QCOMPARE(m->rowCount(), 3);
        QCOMPARE(m->index(1, ClusterNodesModel::RoleColumn).data().toString(), QStringLiteral("leader"));
        QCOMPARE(m->index(1, ClusterNodesModel::LagColumn).data().toString(), QStringLiteral("node-0: 3, node-2: 40"));
        QCOMPARE(m->index(2, ClusterNodesModel::RoleColumn).data().toString(), QStringLiteral("unreachable"));
        QCOMPARE(m->index(2, ClusterNodesModel::ErrorColumn).data().toString(), QStringLiteral("connection refused"));
        // The leader's row is tall enough for one bar per peer.
        QVERIFY(page.table()->rowHeight(1) >= 2 * page.fontMetrics().height());

        QCOMPARE(page.summaryText(),
                 QStringLiteral("eventstream cluster · leader: node-1 · term 7 · 2 of 3 nodes reachable"));
        // Critical first; markup in backend text stays literal.
        QCOMPARE(page.banner()->texts(),
                 (QStringList{QStringLiteral("CRITICAL  Two leaders in one term: <i>node-0</i> and node-1 both "
                                             "lead term 6 · for 2 min"),
                              QStringLiteral("WARNING  Stale data (node-2): no sample for 60 s · for 1 min")}));
        QVERIFY(page.banner()->isVisible());

        ElectionTimeline *t = page.timeline();
        QCOMPARE(t->nodeNames(), (QStringList{QStringLiteral("node-0"), QStringLiteral("node-1"), QStringLiteral("node-2")}));
        // Strips begin at the oldest recorded change: before it nothing is known.
        QCOMPARE(t->segments(0), (std::vector<RoleSegment>{{kNow - 300'000, kNow - 120'000, NodeRole::Leader, 6},
                                                           {kNow - 120'000, kNow, NodeRole::Follower, 7}}));
        QCOMPARE(t->segments(1), (std::vector<RoleSegment>{{kNow - 300'000, kNow - 120'000, NodeRole::Candidate, 0},
                                                           {kNow - 120'000, kNow, NodeRole::Leader, 7}}));
        QCOMPARE(t->segments(2), (std::vector<RoleSegment>{{kNow - 300'000, kNow - 60'000, NodeRole::Follower, 0},
                                                           {kNow - 60'000, kNow, NodeRole::Unreachable, 6}}));
        QCOMPARE(t->marks(), (std::vector<TermMark>{{kNow - 300'000, 6}, {kNow - 120'000, 7}}));
        const auto hhmmss = [](std::int64_t ms) {
            return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
        };
        QCOMPARE(t->leaderChangeTexts(),
                 (QStringList{hhmmss(kNow - 120'000) + QStringLiteral("  node-1 became leader (term 7)"),
                              hhmmss(kNow - 300'000) + QStringLiteral("  node-0 became leader (term 6)")}));

        QCOMPARE(page.lastSampleMs(), kNow - 2000);
        QCOMPARE(page.staleBadge()->text().trimmed(), QStringLiteral("last sample 2 s ago"));
        QCOMPARE(page.staleBadge()->freshness(), Freshness::Fresh);
        QVERIFY(!page.grab().isNull());
    }

    void timelineFollowsRangeAndCursor()
    {
        ClusterPage page([this] { return m_snapshot; }, *m_clock, m_range);
        page.resize(1400, 900);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.refreshNow();
        ElectionTimeline *t = page.timeline();
        const auto hhmmss = [](std::int64_t ms) {
            return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
        };
        // The shared cursor shows every node's role at that time.
        QVERIFY(t->cursorLines().isEmpty());
        m_range.setCursor(kNow - 200'000);
        QCOMPARE(t->cursorLines(), (QStringList{hhmmss(kNow - 200'000), QStringLiteral("node-0: leader"),
                                                QStringLiteral("node-1: candidate"), QStringLiteral("node-2: follower")}));
        m_range.clearCursor();
        QVERIFY(t->cursorLines().isEmpty());
        // A paused range moves the strips' end into the past.
        m_range.setRange({kNow - 400'000, kNow - 100'000}, kNow);
        QCOMPARE(t->segments(2), (std::vector<RoleSegment>{{kNow - 300'000, kNow - 100'000, NodeRole::Follower, 0}}));
        QVERIFY(electionTimelineCsv(*t).startsWith("node,role,from,to\r\nnode-0,leader,"));
        QVERIFY(electionTimelineCsv(*t).contains(
            QStringLiteral("node-2,follower,%1,%2\r\n").arg(csvTime(kNow - 300'000), csvTime(kNow - 100'000)).toUtf8()));
        m_range.resume();
    }

    void pullsAtMostEveryRefreshIntervalWhileVisible()
    {
        ClusterPage page([this] { ++m_pulls; return m_snapshot; }, *m_clock, m_range);
        const int atConstruction = m_pulls;
        m_clock->tickNow(); // hidden: no pull
        QCOMPARE(m_pulls, atConstruction);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        m_clock->setFixedNow(kNow + 1000);
        m_clock->tickNow();
        QCOMPARE(m_pulls, atConstruction + 1);
        m_clock->setFixedNow(kNow + 1000 + ClusterPage::kRefreshMs - 1);
        m_clock->tickNow(); // too soon
        QCOMPARE(m_pulls, atConstruction + 1);
        m_clock->setFixedNow(kNow + 1000 + ClusterPage::kRefreshMs);
        m_clock->tickNow();
        QCOMPARE(m_pulls, atConstruction + 2);
    }

    void staleBadgeAgesAndGoesDead()
    {
        ClusterPage page([this] { return m_snapshot; }, *m_clock, m_range);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.refreshNow();
        QCOMPARE(page.staleBadge()->freshness(), Freshness::Fresh);

        // Nothing new arrives: the age keeps growing (never a frozen value).
        m_clock->setFixedNow(kNow + 20'000);
        m_clock->tickNow();
        QCOMPARE(page.staleBadge()->text().trimmed(), QStringLiteral("last sample 22 s ago"));
        QCOMPARE(page.staleBadge()->freshness(), Freshness::Aging);
        m_clock->setFixedNow(kNow + 40'000);
        m_clock->tickNow();
        QCOMPARE(page.staleBadge()->freshness(), Freshness::Stale);

        for (ClusterNode &n : m_snapshot.nodes) {
            n.reachable = false;
            n.role = NodeRole::Unreachable;
        }
        page.refreshNow();
        QCOMPARE(page.staleBadge()->freshness(), Freshness::Dead);
        QCOMPARE(page.staleBadge()->text().trimmed(), QStringLiteral("dead — last sample 42 s ago"));
        QCOMPARE(page.summaryText(),
                 QStringLiteral("eventstream cluster · leader: none · term 7 · 0 of 3 nodes reachable"));

        m_snapshot = ClusterSnapshot{};
        page.refreshNow();
        QCOMPARE(page.staleBadge()->freshness(), Freshness::NoData);
        QCOMPARE(page.staleBadge()->text().trimmed(), QStringLiteral("no data"));
        QCOMPARE(page.summaryText(), QStringLiteral("No cluster data yet"));
        QVERIFY(!page.banner()->isVisible());
        QCOMPARE(page.timeline()->leaderChangeTexts(), QStringList{QStringLiteral("none recorded")});
    }

    void bannerCapsTheCount()
    {
        AnomalyBanner banner;
        std::vector<ClusterAnomaly> many(AnomalyBanner::kMaxBanners + 2,
                                         ClusterAnomaly{AnomalyKind::NoLeader, "", "no reachable node is leader", 0});
        banner.setAnomalies(many, kNow);
        const QStringList texts = banner.texts();
        QCOMPARE(texts.size(), AnomalyBanner::kMaxBanners + 1);
        QCOMPARE(texts.first(), QStringLiteral("CRITICAL  No leader: no reachable node is leader"));
        QCOMPARE(texts.last(), QStringLiteral("and 2 more anomalies"));
        banner.setAnomalies({}, kNow);
        QVERIFY(banner.texts().isEmpty());
    }

private:
    std::unique_ptr<RefreshClock> m_clock;
    TimeRange m_range;
    ClusterSnapshot m_snapshot;
    int m_pulls = 0;
};

QTEST_MAIN(TstClusterPage)
#include "tst_cluster_page.moc"

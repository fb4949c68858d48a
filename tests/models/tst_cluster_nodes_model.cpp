// ClusterNodesModel over hand-built snapshots: exact cell texts (role word, numbers,
// commit − apply gap, per-peer lag, humanized last election), unreachable rows disabled
// with a capped plain-text error, one dataChanged per update limited to the changed
// roles, and a reset when membership changes. Plus the pure helpers behind the Cluster
// page: election history segments/term marks/leader changes and data freshness.
#include "models/cluster_format.h"
#include "models/cluster_nodes_model.h"
#include "models/data_age.h"
#include "models/election_history.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace vigil;

namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;
constexpr std::int64_t kDay = 86'400'000;

ClusterNode node(const std::string &id, NodeRole role, std::uint64_t term, std::uint64_t commit, std::uint64_t applied)
{
    ClusterNode n;
    n.id = id;
    n.name = id;
    n.target = "http://127.0.0.1:1/metrics";
    n.role = role;
    n.reachable = role != NodeRole::Unreachable;
    n.term = term;
    n.commit = commit;
    n.applied = applied;
    n.peersConnected = 2;
    n.electionsTotal = 3;
    n.lastElectionMs = kNow - 3 * kDay - 5000;
    n.lastSampleMs = kNow - 1000;
    return n;
}

ClusterSnapshot threeNodes()
{
    ClusterSnapshot s;
    s.takenMs = kNow;
    s.profile = "eventstream";
    ClusterNode leader = node("node-0", NodeRole::Leader, 42, 123456, 123450);
    leader.lag = {{"node-1", 0}, {"node-2", 5}};
    s.nodes = {leader, node("node-1", NodeRole::Follower, 42, 123456, 123456),
               node("node-2", NodeRole::Follower, 42, 123451, 123451)};
    return s;
}

QString cell(const ClusterNodesModel &m, int row, int column)
{
    return m.index(row, column).data().toString();
}

} // namespace

class TstClusterNodesModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void rowsShowExactValues()
    {
        ClusterNodesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(threeNodes(), kNow);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(ClusterNodesModel::ColumnCount));
        QCOMPARE(cell(model, 0, ClusterNodesModel::NodeColumn), QStringLiteral("node-0"));
        QCOMPARE(cell(model, 0, ClusterNodesModel::RoleColumn), QStringLiteral("leader"));
        QCOMPARE(cell(model, 1, ClusterNodesModel::RoleColumn), QStringLiteral("follower"));
        QCOMPARE(cell(model, 0, ClusterNodesModel::TermColumn), QStringLiteral("42"));
        QCOMPARE(cell(model, 0, ClusterNodesModel::CommitColumn), QStringLiteral("123,456"));
        QCOMPARE(cell(model, 0, ClusterNodesModel::AppliedColumn), QStringLiteral("123,450"));
        QCOMPARE(cell(model, 0, ClusterNodesModel::GapColumn), QStringLiteral("6"));
        QCOMPARE(model.index(0, ClusterNodesModel::GapColumn).data(ClusterNodesModel::ValueRole).toLongLong(), 6);
        QCOMPARE(cell(model, 1, ClusterNodesModel::GapColumn), QStringLiteral("0"));
        QCOMPARE(cell(model, 0, ClusterNodesModel::LagColumn), QStringLiteral("node-1: 0, node-2: 5"));
        QCOMPARE(model.index(0, ClusterNodesModel::LagColumn).data(ClusterNodesModel::LagPeersRole).toStringList(),
                 (QStringList{QStringLiteral("node-1"), QStringLiteral("node-2")}));
        QCOMPARE(model.index(0, ClusterNodesModel::LagColumn).data(ClusterNodesModel::LagEntriesRole).value<QList<double>>(),
                 (QList<double>{0, 5}));
        QCOMPARE(cell(model, 1, ClusterNodesModel::LagColumn), QString());
        QCOMPARE(model.maxLag(), 5.0);
        QCOMPARE(cell(model, 0, ClusterNodesModel::PeersColumn), QStringLiteral("2"));
        QCOMPARE(cell(model, 0, ClusterNodesModel::ElectionsColumn), QStringLiteral("3"));
        QCOMPARE(cell(model, 0, ClusterNodesModel::LastElectionColumn), QStringLiteral("3 days ago"));
        QCOMPARE(model.index(0, ClusterNodesModel::RoleColumn).data(ClusterNodesModel::RoleColorRole).value<QColor>(),
                 roleColor(NodeRole::Leader));
        QVERIFY(roleColor(NodeRole::Leader) != roleColor(NodeRole::Follower));
        QVERIFY(model.flags(model.index(0, 0)).testFlag(Qt::ItemIsEnabled));
        QCOMPARE(model.headerData(ClusterNodesModel::GapColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Commit − applied"));
    }

    void unknownValuesShowADash()
    {
        ClusterNodesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ClusterSnapshot s;
        ClusterNode n;
        n.id = "abcdef0123456789";
        n.name = "etcd-a";
        s.nodes = {n};
        model.setSnapshot(s, kNow);
        QCOMPARE(cell(model, 0, ClusterNodesModel::TermColumn), QStringLiteral("—"));
        QCOMPARE(cell(model, 0, ClusterNodesModel::GapColumn), QStringLiteral("—"));
        QVERIFY(!model.index(0, ClusterNodesModel::TermColumn).data(ClusterNodesModel::ValueRole).isValid());
        QCOMPARE(cell(model, 0, ClusterNodesModel::LastElectionColumn), QStringLiteral("unknown"));
        QCOMPARE(cell(model, 0, ClusterNodesModel::NodeColumn), QStringLiteral("etcd-a"));
        QCOMPARE(model.index(0, 0).data(ClusterNodesModel::NodeIdRole).toString(), QStringLiteral("abcdef0123456789"));
    }

    void unreachableNodeIsDisabledWithPlainCappedError()
    {
        ClusterNodesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ClusterSnapshot s = threeNodes();
        ClusterNode &down = s.nodes[2];
        down.role = NodeRole::Unreachable;
        down.reachable = false;
        down.error = "<b>connection refused</b>\n" + std::string(1000, 'x');
        model.setSnapshot(s, kNow);
        QCOMPARE(cell(model, 2, ClusterNodesModel::RoleColumn), QStringLiteral("unreachable"));
        QVERIFY(!model.flags(model.index(2, 0)).testFlag(Qt::ItemIsEnabled));
        QCOMPARE(model.index(2, 0).data(ClusterNodesModel::ReachableRole).toBool(), false);
        const QString error = cell(model, 2, ClusterNodesModel::ErrorColumn);
        QCOMPARE(error.size(), ClusterNodesModel::kMaxErrorChars);
        QVERIFY(error.startsWith(QStringLiteral("<b>connection refused</b> xxx")));
        QVERIFY(error.endsWith(QChar(0x2026)));
        QVERIFY(!error.contains(QLatin1Char('\n')));
    }

    void updateEmitsOneDataChangedWithChangedRolesOnly()
    {
        ClusterNodesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ClusterSnapshot s = threeNodes();
        model.setSnapshot(s, kNow);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        model.setSnapshot(s, kNow); // identical: nothing
        QCOMPARE(changed.count(), 0);

        s.nodes[2].commit = 123456;
        s.nodes[2].applied = 123455;
        model.setSnapshot(s, kNow);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(2, ClusterNodesModel::CommitColumn));
        QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(2, ClusterNodesModel::GapColumn));
        QCOMPARE(changed.at(0).at(2).value<QList<int>>(), (QList<int>{Qt::DisplayRole, ClusterNodesModel::ValueRole}));
        QCOMPARE(cell(model, 2, ClusterNodesModel::GapColumn), QStringLiteral("1"));

        changed.clear();
        s.nodes[0].role = NodeRole::Follower;
        s.nodes[1].role = NodeRole::Leader;
        model.setSnapshot(s, kNow);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(0, 0));
        QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(1, ClusterNodesModel::ColumnCount - 1));
        QCOMPARE(changed.at(0).at(2).value<QList<int>>(),
                 (QList<int>{Qt::DisplayRole, ClusterNodesModel::NodeRoleRole, ClusterNodesModel::RoleColorRole,
                             ClusterNodesModel::ValueRole}));
        QCOMPARE(cell(model, 1, ClusterNodesModel::RoleColumn), QStringLiteral("leader"));

        // Time passing alone changes the humanized column.
        changed.clear();
        model.setSnapshot(s, kNow + kDay);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(0, ClusterNodesModel::LastElectionColumn));
        QCOMPARE(cell(model, 0, ClusterNodesModel::LastElectionColumn), QStringLiteral("4 days ago"));
    }

    void membershipChangeResets()
    {
        ClusterNodesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ClusterSnapshot s = threeNodes();
        model.setSnapshot(s, kNow);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        s.nodes.pop_back();
        model.setSnapshot(s, kNow);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        model.setSnapshot(ClusterSnapshot{}, kNow);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.maxLag(), 0.0);
    }

    void humanizedAges()
    {
        QCOMPARE(humanizedAgo(0, kNow), QStringLiteral("never"));
        QCOMPARE(humanizedAgo(kNow + 5000, kNow), QStringLiteral("just now"));
        QCOMPARE(humanizedAgo(kNow - 1000, kNow), QStringLiteral("1 second ago"));
        QCOMPARE(humanizedAgo(kNow - 59'999, kNow), QStringLiteral("59 seconds ago"));
        QCOMPARE(humanizedAgo(kNow - 60'000, kNow), QStringLiteral("1 minute ago"));
        QCOMPARE(humanizedAgo(kNow - 7'200'000, kNow), QStringLiteral("2 hours ago"));
        QCOMPARE(humanizedAgo(kNow - kDay, kNow), QStringLiteral("1 day ago"));
        QCOMPARE(humanizedAgo(kNow - 3 * kDay, kNow), QStringLiteral("3 days ago"));
        QCOMPARE(humanizedSpan(12'500), QStringLiteral("12 s"));
        QCOMPARE(humanizedSpan(300'000), QStringLiteral("5 min"));
    }

    void freshness()
    {
        QCOMPARE(freshnessOf({}, kNow), Freshness::NoData);
        QCOMPARE(freshnessOf({kNow - 10'000, false}, kNow), Freshness::Fresh);
        QCOMPARE(freshnessOf({kNow - 10'001, false}, kNow), Freshness::Aging);
        QCOMPARE(freshnessOf({kNow - 30'001, false}, kNow), Freshness::Stale);
        QCOMPARE(freshnessOf({kNow - 1000, true}, kNow), Freshness::Dead);
        QCOMPARE(freshnessText({}, kNow), QStringLiteral("no data"));
        QCOMPARE(freshnessText({kNow - 3000, false}, kNow), QStringLiteral("last sample 3 s ago"));
        QCOMPARE(freshnessText({kNow - 3000, false}, kNow + 60'000), QStringLiteral("last sample 1 min ago"));
        QCOMPARE(freshnessText({kNow - 120'000, true}, kNow), QStringLiteral("dead — last sample 2 min ago"));
        QCOMPARE(freshnessText({0, true}, kNow), QStringLiteral("dead — no data"));
    }

    void electionHistory()
    {
        const std::vector<RoleChange> h = {
            {1000, "a", NodeRole::Follower, NodeRole::Candidate, 5},
            {1200, "a", NodeRole::Candidate, NodeRole::Leader, 5},
            {1200, "b", NodeRole::Leader, NodeRole::Follower, 5},
            {5000, "a", NodeRole::Leader, NodeRole::Unreachable, 5},
            {5100, "b", NodeRole::Follower, NodeRole::Leader, 6},
        };
        QCOMPARE(roleSegments(h, "a", NodeRole::Unreachable, 0, 10'000),
                 (std::vector<RoleSegment>{{0, 1000, NodeRole::Follower, 0},
                                           {1000, 1200, NodeRole::Candidate, 5},
                                           {1200, 5000, NodeRole::Leader, 5},
                                           {5000, 10'000, NodeRole::Unreachable, 5}}));
        // A window starting after some changes begins with the role then in force.
        QCOMPARE(roleSegments(h, "a", NodeRole::Unreachable, 1100, 2000),
                 (std::vector<RoleSegment>{{1100, 1200, NodeRole::Candidate, 5}, {1200, 2000, NodeRole::Leader, 5}}));
        QCOMPARE(roleSegments(h, "c", NodeRole::Follower, 0, 100),
                 (std::vector<RoleSegment>{{0, 100, NodeRole::Follower, 0}}));
        QCOMPARE(termMarks(h, 0, 10'000), (std::vector<TermMark>{{1000, 5}, {5100, 6}}));
        QCOMPARE(termMarks(h, 2000, 10'000), (std::vector<TermMark>{{5100, 6}}));
        const std::vector<RoleChange> leaders = leaderChanges(h, 10);
        QCOMPARE(leaders.size(), std::size_t(2));
        QCOMPARE(leaders[0].node, std::string("b"));
        QCOMPARE(leaders[0].term, std::uint64_t(6));
        QCOMPARE(leaders[1].node, std::string("a"));
        QCOMPARE(leaderChanges(h, 1).size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TstClusterNodesModel)
#include "tst_cluster_nodes_model.moc"

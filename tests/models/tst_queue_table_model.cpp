// QueueTableModel over rows computed from a SeriesStore filled with known samples:
// exact cell texts (locale-formatted), roles, incremental dataChanged vs reset when the
// set of queues changes, untrusted names capped — all under QAbstractItemModelTester.
#include "core/analysis/queue_query.h"
#include "core/store/series_store.h"
#include "models/dashboard_format.h"
#include "models/queue_table_model.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace vigil;

namespace {

void put(SeriesStore &store, const char *metric, const std::vector<LabelView> &labels,
         const std::vector<Sample> &samples)
{
    const SeriesId id = store.intern(metric, labels);
    for (const Sample &s : samples)
        store.append(id, s.timestampMs, s.value);
}

// realtime on n1: depth 40 + 3/s up to 400 at 120 s (capacity 1000), push 100/s, pop
// 80/s, 4 full events; batch on n1: depth grows while pops stop after 80 s (STALL).
void fill(SeriesStore &store, int samples = 13)
{
    std::vector<Sample> depth, push, pop, full, cap, bdepth, bpop, bcap;
    for (int i = 0; i < samples; ++i) {
        const std::int64_t t = i * 10'000;
        const double sec = double(t) / 1000.0;
        depth.push_back({t, 40 + 3 * sec});
        push.push_back({t, 100 * sec});
        pop.push_back({t, 80 * sec});
        full.push_back({t, i <= 5 ? 5.0 : i <= 10 ? 7.0 : i == 11 ? 1.0 : 2.0});
        cap.push_back({t, 1000});
        bdepth.push_back({t, 1500.0 * i});
        bpop.push_back({t, i < 9 ? 50.0 * i : 400.0});
        bcap.push_back({t, 65536});
    }
    const std::vector<LabelView> rt = {{"instance", "n1:9100"}, {"queue", "realtime"}};
    const std::vector<LabelView> batch = {{"instance", "n1:9100"}, {"queue", "batch"}};
    put(store, "eventstream_queue_depth", rt, depth);
    put(store, "eventstream_queue_capacity", rt, cap);
    put(store, "eventstream_queue_push_total", rt, push);
    put(store, "eventstream_queue_pop_total", rt, pop);
    put(store, "eventstream_queue_full_total", rt, full);
    put(store, "eventstream_queue_depth", batch, bdepth);
    put(store, "eventstream_queue_capacity", batch, bcap);
    put(store, "eventstream_queue_pop_total", batch, bpop);
}

QueueQueryOptions options(std::int64_t nowMs)
{
    QueueQueryOptions o;
    o.nowMs = nowMs;
    o.windowMs = 120'000;
    o.rateWindowMs = 60'000;
    o.statusWindowMs = 30'000;
    o.trendSteps = 4;
    return o;
}

QString cell(const QAbstractItemModel &m, int row, int column)
{
    return m.index(row, column).data().toString();
}

} // namespace

class TstQueueTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void exactCells()
    {
        SeriesStore store;
        fill(store);
        QueueTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(queryQueues(store, options(120'000)));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(QueueTableModel::ColumnCount));
        // Row 0: batch (sorted by node, then queue).
        QCOMPARE(cell(model, 0, QueueTableModel::QueueColumn), QStringLiteral("batch"));
        QCOMPARE(cell(model, 0, QueueTableModel::DepthColumn), QStringLiteral("18,000"));
        QCOMPARE(cell(model, 0, QueueTableModel::CapacityColumn), QStringLiteral("65,536"));
        QCOMPARE(cell(model, 0, QueueTableModel::FillColumn), QStringLiteral("27.5%"));
        QCOMPARE(cell(model, 0, QueueTableModel::PushColumn), QStringLiteral("–"));
        QCOMPARE(cell(model, 0, QueueTableModel::StatusColumn), QStringLiteral("STALL"));
        QCOMPARE(model.index(0, QueueTableModel::StatusColumn).data(QueueTableModel::StatusRole).toInt(),
                 int(QueueStatus::Stall));
        QCOMPARE(model.index(0, QueueTableModel::StatusColumn).data(Qt::DecorationRole).value<QColor>(),
                 QueueTableModel::statusColor(QueueStatus::Stall));
        // Row 1: realtime.
        QCOMPARE(cell(model, 1, QueueTableModel::NodeColumn), QStringLiteral("n1:9100"));
        QCOMPARE(cell(model, 1, QueueTableModel::QueueColumn), QStringLiteral("realtime"));
        QCOMPARE(cell(model, 1, QueueTableModel::DepthColumn), QStringLiteral("400"));
        QCOMPARE(cell(model, 1, QueueTableModel::CapacityColumn), QStringLiteral("1,000"));
        QCOMPARE(cell(model, 1, QueueTableModel::FillColumn), QStringLiteral("40.0%"));
        QCOMPARE(cell(model, 1, QueueTableModel::PushColumn), QStringLiteral("100/s"));
        QCOMPARE(cell(model, 1, QueueTableModel::PopColumn), QStringLiteral("80/s"));
        QCOMPARE(cell(model, 1, QueueTableModel::FullColumn), QStringLiteral("4"));
        QCOMPARE(cell(model, 1, QueueTableModel::EtaColumn), QStringLiteral("full in 30 s"));
        QCOMPARE(cell(model, 1, QueueTableModel::StatusColumn), QStringLiteral("OK"));
        QCOMPARE(model.index(1, QueueTableModel::EtaColumn).data(QueueTableModel::ValueRole).toDouble(), 30.0);
        QCOMPARE(model.index(1, QueueTableModel::FillColumn).data(QueueTableModel::ValueRole).toDouble(), 0.4);
        const QList<double> trend =
            model.index(1, QueueTableModel::TrendColumn).data(QueueTableModel::TrendRole).value<QList<double>>();
        QCOMPARE(trend, (QList<double>{130, 220, 310, 400}));
        QCOMPARE(model.lastSampleMs(), std::int64_t(120'000));
        QCOMPARE(model.headerData(QueueTableModel::PushColumn, Qt::Horizontal).toString(), QStringLiteral("Push/s"));
    }

    void incrementalUpdates()
    {
        SeriesStore store;
        fill(store);
        QueueTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(queryQueues(store, options(120'000)));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        // Same data again: nothing changes.
        model.setRows(queryQueues(store, options(120'000)));
        QCOMPARE(changed.count(), 0);
        // Only realtime's values change (a later depth sample).
        std::vector<QueueRow> rows = queryQueues(store, options(120'000));
        rows[1].depth = 500;
        model.setRows(rows);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(cell(model, 1, QueueTableModel::DepthColumn), QStringLiteral("500"));
        // A queue disappears: the model is rebuilt.
        rows.pop_back();
        model.setRows(rows);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 1);
        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.lastSampleMs(), std::int64_t(0));
    }

    void untrustedNames()
    {
        QueueRow r;
        r.node = "evil\nnode\u202e" + std::string(1000, 'x');
        r.queue = "<b>q</b>";
        QueueTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows({r});
        const QString node = cell(model, 0, QueueTableModel::NodeColumn);
        QVERIFY(!node.contains(QLatin1Char('\n')));
        QVERIFY(!node.contains(QChar(0x202e)));
        QVERIFY(node.size() <= 128);
        QCOMPARE(cell(model, 0, QueueTableModel::QueueColumn), QStringLiteral("<b>q</b>")); // shown literally
    }
};

QTEST_MAIN(TstQueueTableModel)
#include "tst_queue_table_model.moc"

// SeriesListModel + SeriesFilterProxy: incremental catalog growth (one insert per
// tick), value/stale updates with one dataChanged limited to changed roles, and the
// filter box syntax (bare word, selector, invalid selector with its column).
#include "core/hub/ingest_hub.h"
#include "models/refresh_clock.h"
#include "models/series_filter_proxy.h"
#include "models/series_list_model.h"
#include "models/untrusted_text.h"
#include "tests/models/batch_builder.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace vigil;
using vigil::test::makeBatch;
using vigil::test::TestSample;
using expo::MetricType;

namespace {

const std::int64_t kNow = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;

std::vector<TestSample> threeSeries(double a, double b, double c)
{
    return {{"queue_depth", {{"queue", "a"}}, a, MetricType::Gauge, "Items queued."},
            {"queue_depth", {{"queue", "b"}}, b, MetricType::Gauge, "Items queued."},
            {"events_processed_total", {}, c, MetricType::Counter, "Events processed."}};
}

int rowOfMetric(const QAbstractItemModel &m, const QString &metric, const QString &labels = {})
{
    for (int r = 0; r < m.rowCount(); ++r)
        if (m.index(r, SeriesListModel::MetricColumn).data().toString() == metric
            && (labels.isNull() || m.index(r, SeriesListModel::LabelsColumn).data().toString() == labels))
            return r;
    return -1;
}

} // namespace

class TstSeriesListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_hub = std::make_unique<IngestHub>();
        m_clock = std::make_unique<RefreshClock>();
        m_clock->setFixedNow(kNow);
        m_model = std::make_unique<SeriesListModel>(*m_hub, *m_clock);
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_clock.reset();
        m_hub.reset();
    }

    void appendsIncrementallyOncePerTick()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_clock->tickNow();
        QCOMPARE(m_model->rowCount(), 0);
        m_hub->apply(makeBatch(threeSeries(5, 7, 100), kNow - 2000));
        QCOMPARE(m_model->rowCount(), 0); // nothing until the tick
        m_clock->tickNow();
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 2);

        const int a = rowOfMetric(*m_model, QStringLiteral("queue_depth"), QStringLiteral("queue=\"a\""));
        const int c = rowOfMetric(*m_model, QStringLiteral("events_processed_total"));
        QVERIFY(a >= 0 && c >= 0);
        QCOMPARE(m_model->index(a, SeriesListModel::TypeColumn).data().toString(), QStringLiteral("gauge"));
        QCOMPARE(m_model->index(a, SeriesListModel::ValueColumn).data().toString(), QStringLiteral("5"));
        QCOMPARE(m_model->index(a, 0).data(SeriesListModel::PlotsAsRateRole).toBool(), false);
        QCOMPARE(m_model->index(c, SeriesListModel::TypeColumn).data().toString(), QStringLiteral("counter"));
        QCOMPARE(m_model->index(c, 0).data(SeriesListModel::PlotsAsRateRole).toBool(), true);
        QCOMPARE(m_model->index(c, 0).data(SeriesListModel::LastTimestampRole).toLongLong(), kNow - 2000);

        // New values and one new series: one dataChanged (values only) + one insert.
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        auto next = threeSeries(6, 7, 110);
        next.push_back({"up", {}, 1, MetricType::Gauge});
        m_hub->apply(makeBatch(next, kNow - 1000));
        m_clock->tickNow();
        QCOMPARE(m_model->rowCount(), 4);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 3);
        QCOMPARE(inserted.at(1).at(2).toInt(), 3);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(SeriesListModel::ValueColumn));
        QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(SeriesListModel::ValueColumn));
        const QList<int> roles = changed.at(0).at(2).value<QList<int>>();
        QVERIFY(roles.contains(Qt::DisplayRole));
        QVERIFY(roles.contains(SeriesListModel::LastValueRole));
        QVERIFY(!roles.contains(SeriesListModel::MetricRole));
        QCOMPARE(m_model->index(a, SeriesListModel::ValueColumn).data().toString(), QStringLiteral("6"));
        QCOMPARE(m_model->index(c, SeriesListModel::ValueColumn).data().toString(), QStringLiteral("110"));

        // Quiet tick: no signals at all.
        m_clock->tickNow();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(inserted.count(), 2);
    }

    void goneSeriesTurnStale()
    {
        ScrapeReport r;
        r.targetUrl = "http://t:1/metrics";
        r.up = true;
        r.timestampMs = kNow - 2000;
        m_hub->apply(makeBatch(threeSeries(1, 2, 3), kNow - 2000, r));
        m_clock->tickNow();
        const int b = rowOfMetric(*m_model, QStringLiteral("queue_depth"), QStringLiteral("queue=\"b\""));
        QVERIFY(b >= 0);
        QCOMPARE(m_model->index(b, 0).data(SeriesListModel::StaleRole).toBool(), false);

        r.timestampMs = kNow - 1000;
        auto only = threeSeries(1, 2, 4);
        only.erase(only.begin() + 1); // queue b disappears from the target
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_hub->apply(makeBatch(only, kNow - 1000, r));
        m_clock->tickNow();
        QCOMPARE(changed.count(), 1);
        QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(SeriesListModel::StaleRole));
        QCOMPARE(m_model->index(b, 0).data(SeriesListModel::StaleRole).toBool(), true);
        QCOMPARE(m_model->index(b, SeriesListModel::ValueColumn).data().toString(), QStringLiteral("stale"));
    }

    void filterSyntax()
    {
        SeriesFilterProxy proxy;
        proxy.setSeriesModel(m_model.get());
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_hub->apply(makeBatch(threeSeries(1, 2, 3), kNow - 1000));
        m_clock->tickNow();
        QCOMPARE(proxy.rowCount(), 3);

        QSignalSpy errors(&proxy, &SeriesFilterProxy::filterErrorChanged);
        QCOMPARE(proxy.setFilterText(QStringLiteral("QUEUE")), QString()); // bare word: substring, any case
        QCOMPARE(proxy.rowCount(), 2);
        QCOMPARE(proxy.setFilterText(QStringLiteral("queue_depth{queue=\"a\"}")), QString());
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, SeriesListModel::LabelsColumn).data().toString(), QStringLiteral("queue=\"a\""));
        QCOMPARE(proxy.setFilterText(QStringLiteral("{queue=~\"a|b\"}")), QString());
        QCOMPARE(proxy.rowCount(), 2);
        QCOMPARE(errors.count(), 0);

        const QString error = proxy.setFilterText(QStringLiteral("queue_depth{queue=}"));
        QVERIFY2(error.contains(QStringLiteral("col 19")), qPrintable(error));
        QCOMPARE(proxy.filterError(), error);
        QCOMPARE(errors.count(), 1);
        QCOMPARE(proxy.rowCount(), 2); // the last valid filter stays

        // New series flow through the active filter.
        m_hub->apply(makeBatch({{"queue_depth", {{"queue", "b2"}}, 9, MetricType::Gauge}}, kNow));
        m_clock->tickNow();
        QCOMPARE(proxy.rowCount(), 2);
        QCOMPARE(proxy.setFilterText(QStringLiteral("queue_depth{queue=~\"b.*\"}")), QString());
        QCOMPARE(proxy.rowCount(), 2);
        QCOMPARE(errors.count(), 2); // error cleared
        QCOMPARE(proxy.setFilterText(QString()), QString());
        QCOMPARE(proxy.rowCount(), 4);
    }

    void untrustedLabelText()
    {
        const std::string evil = "<img src=x>\n\u202e" + std::string(3000, 'v');
        m_hub->apply(makeBatch({{"m", {{"l", evil}}, 1, MetricType::Gauge}}, kNow));
        m_clock->tickNow();
        const QString labels = m_model->index(0, SeriesListModel::LabelsColumn).data().toString();
        QVERIFY(labels.startsWith(QStringLiteral("l=\"<img src=x> \uFFFDvvv")));
        QCOMPARE(labels.size(), kMaxCellChars);
        QVERIFY(!m_model->index(0, SeriesListModel::LabelsColumn).data(Qt::ToolTipRole).toString().contains(
            QStringLiteral("<img")));
    }

private:
    std::unique_ptr<IngestHub> m_hub;
    std::unique_ptr<RefreshClock> m_clock;
    std::unique_ptr<SeriesListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TstSeriesListModel)
#include "tst_series_list_model.moc"

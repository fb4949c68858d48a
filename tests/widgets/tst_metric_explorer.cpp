// MetricExplorer driven like a user: type selectors into the filter box, select
// series, and check the plot holds exactly the expected points (gauge values,
// counter rates with a reset, a stale gap), live/pause, and the crosshair text.
#include "core/hub/ingest_hub.h"
#include "models/refresh_clock.h"
#include "models/series_filter_proxy.h"
#include "models/series_list_model.h"
#include "models/targets_model.h"
#include "tests/models/batch_builder.h"
#include "widgets/metric_explorer.h"
#include "widgets/plot_crosshair.h"
#include "widgets/panel_export.h"
#include "widgets/qcp.h"
#include "widgets/series_plot.h"
#include "widgets/store_status_bar.h"
#include "widgets/targets_view.h"

#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <cmath>

using namespace vigil;
using vigil::test::makeBatch;
using vigil::test::TestSample;
using expo::MetricType;

namespace {

const std::int64_t kT0 = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000 - 60'000;

std::vector<std::pair<double, double>> pointsOf(QCPGraph *g)
{
    std::vector<std::pair<double, double>> out;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        out.emplace_back(it->key, it->value);
    return out;
}

} // namespace

class TstMetricExplorer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_hub = std::make_unique<IngestHub>();
        m_clock = std::make_unique<RefreshClock>();
        m_clock->setFixedNow(kT0 + 10'000);
        m_explorer = std::make_unique<MetricExplorer>(*m_hub, *m_clock);
        m_explorer->resize(1200, 700);
        m_explorer->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_explorer.get()));

        // Four scrapes, one second apart. The counter resets between the 3rd and 4th;
        // queue "b" goes missing in the 3rd scrape (stale) and comes back.
        const double processed[] = {100, 150, 250, 20};
        const double depthA[] = {5, 7, 6, 9};
        for (int i = 0; i < 4; ++i) {
            std::vector<TestSample> s = {
                {"events_processed_total", {}, processed[i], MetricType::Counter},
                {"queue_depth", {{"queue", "a"}}, depthA[i], MetricType::Gauge},
            };
            if (i != 2)
                s.push_back({"queue_depth", {{"queue", "b"}}, double(10 * i), MetricType::Gauge});
            ScrapeReport r;
            r.targetUrl = "http://n1:9100/metrics";
            r.up = true;
            r.timestampMs = kT0 + i * 1000;
            m_hub->apply(makeBatch(s, r.timestampMs, r, {{"instance", "n1:9100"}}));
        }
        m_clock->tickNow();
    }
    void cleanup()
    {
        m_explorer.reset();
        m_clock.reset();
        m_hub.reset();
    }

    void filterBoxAcceptsSelectors()
    {
        QTreeView *view = m_explorer->seriesView();
        // 3 scraped series + up/scrape_duration_seconds/scrape_samples_scraped per target
        QCOMPARE(view->model()->rowCount(), 6);

        QLineEdit *filter = m_explorer->filterEdit();
        filter->setFocus();
        QTest::keyClicks(filter, QStringLiteral("queue_depth{queue=\"a\"}"));
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(view->model()->index(0, SeriesListModel::LabelsColumn).data().toString(),
                 QStringLiteral("queue=\"a\", instance=\"n1:9100\""));
        QCOMPARE(view->model()->index(0, SeriesListModel::ValueColumn).data().toString(), QStringLiteral("9"));
        QVERIFY(m_explorer->filterErrorLabel()->isHidden());

        filter->clear();
        QTest::keyClicks(filter, QStringLiteral("queue"));
        QCOMPARE(view->model()->rowCount(), 2);

        filter->clear();
        QTest::keyClicks(filter, QStringLiteral("queue_depth{queue=~\"(\"}"));
        QVERIFY(m_explorer->filterErrorLabel()->isVisible());
        QCOMPARE(m_explorer->filterErrorLabel()->textFormat(), Qt::PlainText);
        QVERIFY2(m_explorer->filterErrorLabel()->text().contains(QStringLiteral("col")),
                 qPrintable(m_explorer->filterErrorLabel()->text()));

        filter->clear();
        QVERIFY(m_explorer->filterErrorLabel()->isHidden());
        QCOMPARE(view->model()->rowCount(), 6);
    }

    void plotsGaugeWithStaleGapAndCounterAsRate()
    {
        QTest::keyClicks(m_explorer->filterEdit(), QStringLiteral("{__name__=~\"queue_depth|events_processed_total\"}"));
        QTreeView *view = m_explorer->seriesView();
        QCOMPARE(view->model()->rowCount(), 3);
        view->selectAll();
        QCOMPARE(m_explorer->plot()->customPlot()->graphCount(), 3);

        const auto idOf = [&](const QString &metric, const QString &labels) {
            for (int r = 0; r < view->model()->rowCount(); ++r) {
                const QModelIndex i = view->model()->index(r, 0);
                if (i.data().toString() == metric
                    && view->model()->index(r, SeriesListModel::LabelsColumn).data().toString() == labels)
                    return SeriesId(i.data(SeriesListModel::SeriesIdRole).toUInt());
            }
            return kInvalidSeries;
        };
        const double t0 = double(kT0) / 1000.0;

        QCPGraph *a = m_explorer->plot()->graphFor(idOf(QStringLiteral("queue_depth"),
                                                         QStringLiteral("queue=\"a\", instance=\"n1:9100\"")));
        QVERIFY(a);
        const std::vector<std::pair<double, double>> expectedA = {{t0, 5}, {t0 + 1, 7}, {t0 + 2, 6}, {t0 + 3, 9}};
        QCOMPARE(pointsOf(a), expectedA);

        QCPGraph *b = m_explorer->plot()->graphFor(idOf(QStringLiteral("queue_depth"),
                                                         QStringLiteral("queue=\"b\", instance=\"n1:9100\"")));
        QVERIFY(b);
        const auto pb = pointsOf(b);
        QCOMPARE(pb.size(), std::size_t(4));
        QCOMPARE(pb[0], std::make_pair(t0, 0.0));
        QCOMPARE(pb[1], std::make_pair(t0 + 1, 10.0));
        QCOMPARE(pb[2].first, t0 + 2);
        QVERIFY(std::isnan(pb[2].second)); // stale marker: the line breaks
        QCOMPARE(pb[3], std::make_pair(t0 + 3, 30.0));

        // Counter: per-second rate, the decrease 250 -> 20 is a reset (increase 20).
        QCPGraph *c = m_explorer->plot()->graphFor(idOf(QStringLiteral("events_processed_total"),
                                                         QStringLiteral("instance=\"n1:9100\"")));
        QVERIFY(c);
        const std::vector<std::pair<double, double>> expectedC = {{t0 + 1, 50}, {t0 + 2, 100}, {t0 + 3, 20}};
        QCOMPARE(pointsOf(c), expectedC);
        QVERIFY(c->name().startsWith(QStringLiteral("rate(events_processed_total")));
        // Rates on the left axis, plain values on the right one.
        QCOMPARE(c->valueAxis(), m_explorer->plot()->customPlot()->yAxis);
        QCOMPARE(a->valueAxis(), m_explorer->plot()->customPlot()->yAxis2);
        // Export: every sample in view (not the decimated drawing), the gap as an empty value.
        const QByteArray csv = m_explorer->plot()->visibleDataCsv();
        QVERIFY2(csv.startsWith("series,time,value\r\n"), csv.constData());
        QCOMPARE(csv.count("\r\n"), 1 + 4 + 4 + 3);
        QVERIFY2(csv.contains(QStringLiteral(",%1,50\r\n").arg(csvTime(kT0 + 1000)).toUtf8()), csv.constData());
        QVERIFY2(csv.contains(QStringLiteral(",%1,\r\n").arg(csvTime(kT0 + 2000)).toUtf8()), csv.constData());

        // New samples arrive incrementally on the next tick (and only then).
        ScrapeReport r;
        r.targetUrl = "http://n1:9100/metrics";
        r.up = true;
        r.timestampMs = kT0 + 4000;
        m_hub->apply(makeBatch({{"events_processed_total", {}, 60, MetricType::Counter},
                                {"queue_depth", {{"queue", "a"}}, 1, MetricType::Gauge},
                                {"queue_depth", {{"queue", "b"}}, 40, MetricType::Gauge}},
                               r.timestampMs, r, {{"instance", "n1:9100"}}));
        QCOMPARE(c->data()->size(), 3);
        const std::uint64_t replots = m_explorer->plot()->replotCount();
        m_clock->tickNow();
        QCOMPARE(c->data()->size(), 4);
        QCOMPARE((c->data()->constEnd() - 1)->value, 40.0);
        QCOMPARE(pointsOf(a).back(), std::make_pair(t0 + 4, 1.0));
        QTRY_VERIFY(m_explorer->plot()->replotCount() > replots); // queued replot happened
    }

    void panPausesAndLiveResumes()
    {
        m_explorer->seriesView()->selectAll();
        SeriesPlot *plot = m_explorer->plot();
        QCustomPlot *cp = plot->customPlot();
        QVERIFY(plot->isLive());
        QVERIFY(m_explorer->liveButton()->isChecked());
        const double nowS = double(m_clock->nowMs()) / 1000.0;
        QCOMPARE(cp->xAxis->range().upper, nowS);

        // Drag the plot to the right (pan into the past).
        const QPoint start = cp->axisRect()->center();
        QTest::mousePress(cp, Qt::LeftButton, {}, start);
        QMouseEvent move(QEvent::MouseMove, QPointF(start + QPoint(120, 0)), cp->mapToGlobal(QPointF(start + QPoint(120, 0))),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(cp, &move);
        QTest::mouseRelease(cp, Qt::LeftButton, {}, start + QPoint(120, 0));
        QVERIFY(!plot->isLive());
        QVERIFY(!m_explorer->liveButton()->isChecked());
        QVERIFY(cp->xAxis->range().upper < nowS);

        // Time moves on; a paused view stays put.
        const QCPRange paused = cp->xAxis->range();
        m_clock->setFixedNow(m_clock->nowMs() + 5000);
        m_clock->tickNow();
        QCOMPARE(cp->xAxis->range().upper, paused.upper);

        QTest::mouseClick(m_explorer->liveButton(), Qt::LeftButton);
        QVERIFY(plot->isLive());
        QCOMPARE(cp->xAxis->range().upper, double(m_clock->nowMs()) / 1000.0);
    }

    void crosshairShowsValueAndTime()
    {
        QTest::keyClicks(m_explorer->filterEdit(), QStringLiteral("queue_depth{queue=\"a\"}"));
        m_explorer->seriesView()->selectAll();
        SeriesPlot *plot = m_explorer->plot();
        plot->setLive(false);
        QCustomPlot *cp = plot->customPlot();
        const double t0 = double(kT0) / 1000.0;
        cp->xAxis->setRange(t0 - 1, t0 + 4);
        cp->yAxis->setRange(0, 10);
        cp->replot();
        const QPointF at(cp->xAxis->coordToPixel(t0 + 1), cp->yAxis->coordToPixel(7));
        plot->crosshair()->moveTo(at);
        const QString text = plot->crosshair()->text();
        const QString time = QDateTime::fromMSecsSinceEpoch(kT0 + 1000).toString(QStringLiteral("HH:mm:ss.zzz"));
        QVERIFY2(text.contains(QStringLiteral("7  @ ") + time), qPrintable(text));
        QVERIFY(text.startsWith(QStringLiteral("queue_depth{")));
        plot->crosshair()->clear();
        QVERIFY(plot->crosshair()->text().isEmpty());
    }

    void targetsAndStatusPanels()
    {
        TargetsView targets(*m_hub, *m_clock);
        m_clock->tickNow();
        QCOMPARE(targets.model()->rowCount(), 1);
        QCOMPARE(targets.model()->index(0, 0).data().toString(), QStringLiteral("http://n1:9100/metrics"));
        StoreStatusBar status(*m_hub, *m_clock);
        QVERIFY2(status.storeText().startsWith(QStringLiteral("Series 6 · Samples ")), qPrintable(status.storeText()));
        QVERIFY2(status.hubText().startsWith(QStringLiteral("Batches 4 ")), qPrintable(status.hubText()));
        for (QLabel *l : status.findChildren<QLabel *>())
            QCOMPARE(l->textFormat(), Qt::PlainText);
    }

private:
    std::unique_ptr<IngestHub> m_hub;
    std::unique_ptr<RefreshClock> m_clock;
    std::unique_ptr<MetricExplorer> m_explorer;
};

QTEST_MAIN(TstMetricExplorer)
#include "tst_metric_explorer.moc"

// Overview, Latency and Queues pages over an IngestHub fed with exactly known scrapes of
// two nodes (13 scrapes, 10 s apart): tile texts with their changes, the latency strip
// text, queue bars ("1,234 / 32,768"), histogram_quantile texts with their brackets,
// histogram bars and heatmap cells, the queue table, and the background refresh path.
#include "core/hub/ingest_hub.h"
#include "models/queue_table_model.h"
#include "models/refresh_clock.h"
#include "tests/models/batch_builder.h"
#include "widgets/latency_page.h"
#include "widgets/overview_page.h"
#include "widgets/qcp.h"
#include "widgets/queue_bars.h"
#include "widgets/queues_page.h"
#include "widgets/stat_tile.h"
#include "widgets/dashboard_csv.h"
#include "widgets/panel_export.h"
#include "widgets/plot_time_control.h"
#include "widgets/time_range_bar.h"
#include "models/time_range.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QComboBox>
#include <QDateTime>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <cmath>
#include <memory>

using namespace vigil;
using vigil::test::makeBatch;
using vigil::test::TestSample;
using expo::MetricType;

namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000;
constexpr int kScrapes = 13;
constexpr std::int64_t kNow = kT0 + (kScrapes - 1) * 10'000;

// n1: 100 events/s for the first minute then 200/s; n2: 50/s. Realtime depth on n1
// 1000 -> 1234 (n2: 0), capacity 16,384 each. Per scrape and node the latency histogram
// gains 10 (<= 100 ns), 80 (<= 1 µs), 9 (<= 2 µs) and 1 above.
void feed(IngestHub &hub)
{
    for (int i = 0; i < kScrapes; ++i) {
        const std::int64_t t = kT0 + i * 10'000;
        for (int node = 0; node < 2; ++node) {
            const double processed = node == 0 ? (i <= 6 ? 1000.0 * i : 6000.0 + 2000.0 * (i - 6)) : 500.0 * i;
            const double depth = node == 0 ? 1000.0 + 19.5 * i : 0.0;
            const double n = double(i);
            std::vector<TestSample> s = {
                {"eventstream_events_processed_total", {}, processed, MetricType::Counter},
                {"eventstream_queue_depth", {{"queue", "realtime"}}, depth, MetricType::Gauge},
                {"eventstream_queue_capacity", {{"queue", "realtime"}}, 16384, MetricType::Gauge},
                {"eventstream_queue_push_total", {{"queue", "realtime"}}, 100 * n * 10, MetricType::Counter},
                {"eventstream_queue_pop_total", {{"queue", "realtime"}}, 100 * n * 10, MetricType::Counter},
                {"eventstream_latency_ns_bucket", {{"le", "100"}}, 10 * n, MetricType::Histogram},
                {"eventstream_latency_ns_bucket", {{"le", "1000"}}, 90 * n, MetricType::Histogram},
                {"eventstream_latency_ns_bucket", {{"le", "2000"}}, 99 * n, MetricType::Histogram},
                {"eventstream_latency_ns_bucket", {{"le", "+Inf"}}, 100 * n, MetricType::Histogram},
            };
            const std::string instance = node == 0 ? "n1:9100" : "n2:9100";
            ScrapeReport r;
            r.targetUrl = "http://" + instance + "/metrics";
            r.up = true;
            r.timestampMs = t;
            hub.apply(makeBatch(s, t, r, {{"instance", instance}}));
        }
    }
}

} // namespace

class TstDashboardPages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCoreApplication::setOrganizationName(QStringLiteral("vigil-test-dashboards"));
        QSettings().clear();
        feed(m_hub);
        m_clock.setFixedNow(kNow);
    }

    void overview()
    {
        m_range.setWindowMs(5 * 60'000);
        OverviewPage page(m_hub, m_clock, m_range);
        page.refreshNow();
        QCOMPARE(page.throughputTile()->valueText(), QStringLiteral("250/s"));
        QCOMPARE(page.throughputTile()->changeText(), QStringLiteral("▲ 66.7%")); // from 150/s
        QCOMPARE(page.latencyTile()->valueText(), QStringLiteral("2 µs"));
        QCOMPARE(page.latencyTile()->changeText(), QStringLiteral("0.0%"));
        QCOMPARE(page.queueDepthTile()->valueText(), QStringLiteral("1,234"));
        QCOMPARE(page.queueDepthTile()->changeText(), QStringLiteral("▲ 23.4%")); // from 1,000
        QCOMPARE(page.latencyText(), QStringLiteral("P50: 550 ns    P90: 1 µs    P99: 2 µs    Max: > 2 µs"));
        QCOMPARE(page.queueBars()->count(), 1);
        QCOMPARE(page.queueBars()->nameText(0), QStringLiteral("realtime:"));
        QCOMPARE(page.queueBars()->numbersText(0), QStringLiteral("1,234 / 32,768"));
        QCOMPARE(page.queueBars()->barPermille(0), 38); // 1234 / 32768 = 3.77%
        QCOMPARE(page.lastSampleMs(), kNow);
        // 24 steps (12 per node) fall into 12 distinct 5 s bins of the graph.
        int points = 0;
        for (auto it = page.eventsPlot()->graph(0)->data()->constBegin();
             it != page.eventsPlot()->graph(0)->data()->constEnd(); ++it)
            points += std::isfinite(it->value) ? 1 : 0;
        QCOMPARE(points, 12);
    }

    void latency()
    {
        m_range.setWindowMs(5 * 60'000);
        LatencyPage page(m_hub, m_clock, m_range);
        page.refreshNow();
        // Window buckets (2 nodes x 12 steps): 240, 2160, 2376, 2400.
        QCOMPARE(page.quantileText(0), QStringLiteral("P50 550 ns (100 ns–1 µs bucket)"));
        QCOMPARE(page.quantileText(1), QStringLiteral("P90 1 µs (100 ns–1 µs bucket)"));
        QCOMPARE(page.quantileText(2), QStringLiteral("P99 2 µs (1–2 µs bucket)"));
        QCOMPARE(page.quantileText(3), QStringLiteral("P99.9 > 2 µs (+Inf bucket)"));
        QCOMPARE(page.data().window[0].value, 550.0);
        QCOMPARE(page.totalText(),
                 QStringLiteral("2,400 observations in the window from 8 series of eventstream_latency_ns"));
        // Histogram bars: non-cumulative counts per bucket.
        QList<double> bars;
        for (auto it = page.histogramBars()->data()->constBegin(); it != page.histogramBars()->data()->constEnd(); ++it)
            bars << it->value;
        QCOMPARE(bars, (QList<double>{240, 1920, 216, 24}));
        // Heatmap: the last bin holds one step of each node: 20, 160, 18, 2.
        QCPColorMapData *heat = page.heatmap()->data();
        QCOMPARE(heat->keySize(), 60);
        QCOMPARE(heat->valueSize(), 4);
        QCOMPARE(heat->cell(59, 0), 20.0);
        QCOMPARE(heat->cell(59, 1), 160.0);
        QCOMPARE(heat->cell(59, 2), 18.0);
        QCOMPARE(heat->cell(59, 3), 2.0);
        QCOMPARE(heat->cell(0, 1), 0.0); // before the first scrape
        // P99 over time: every bin with data is exactly 2 µs.
        QCOMPARE(lastFinite(page.data().overTime[2]), 2000.0);
        QCOMPARE(page.lastSampleMs(), kNow);
    }

    void queues()
    {
        QueuesPage page(m_hub, m_clock, m_range);
        page.refreshNow();
        QueueTableModel *m = page.model();
        QCOMPARE(m->rowCount(), 2);
        QCOMPARE(m->index(0, QueueTableModel::NodeColumn).data().toString(), QStringLiteral("n1:9100"));
        QCOMPARE(m->index(0, QueueTableModel::DepthColumn).data().toString(), QStringLiteral("1,234"));
        QCOMPARE(m->index(0, QueueTableModel::CapacityColumn).data().toString(), QStringLiteral("16,384"));
        QCOMPARE(m->index(0, QueueTableModel::FillColumn).data().toString(), QStringLiteral("7.5%"));
        QCOMPARE(m->index(0, QueueTableModel::PushColumn).data().toString(), QStringLiteral("100/s"));
        QCOMPARE(m->index(0, QueueTableModel::StatusColumn).data().toString(), QStringLiteral("OK"));
        QCOMPARE(m->index(1, QueueTableModel::NodeColumn).data().toString(), QStringLiteral("n2:9100"));
        QCOMPARE(m->index(1, QueueTableModel::EtaColumn).data().toString(), QStringLiteral("empty"));
        QCOMPARE(page.summaryText(), QStringLiteral("2 queue(s) · 0 WARN, 0 STALL"));
        QCOMPARE(page.lastSampleMs(), kNow);
    }

    void backgroundRefresh()
    {
        // Driven by clock ticks only: the worker computes, a later tick applies.
        QueuesPage queues(m_hub, m_clock, m_range);
        OverviewPage overview(m_hub, m_clock, m_range);
        LatencyPage latency(m_hub, m_clock, m_range);
        for (QWidget *w : {static_cast<QWidget *>(&queues), static_cast<QWidget *>(&overview),
                           static_cast<QWidget *>(&latency)})
            w->show();
        QCOMPARE(queues.model()->rowCount(), 0);
        QTRY_VERIFY((m_clock.tickNow(), queues.model()->rowCount() == 2));
        QTRY_VERIFY((m_clock.tickNow(), overview.lastSampleMs() == kNow));
        QTRY_VERIFY((m_clock.tickNow(), latency.lastSampleMs() == kNow));
        QCOMPARE(overview.queueDepthTile()->valueText(), QStringLiteral("1,234"));
        // For a visual check: VIGIL_DASHBOARD_SHOTS=/some/dir saves the three pages as PNG.
        const QString shots = qEnvironmentVariable("VIGIL_DASHBOARD_SHOTS");
        if (!shots.isEmpty()) {
            const std::pair<QWidget *, const char *> pages[] = {
                {&overview, "overview"}, {&latency, "latency"}, {&queues, "queues"}};
            for (const auto &[w, name] : pages) {
                w->resize(1280, 860);
                QTest::qWait(50);
                QVERIFY(w->grab().save(QStringLiteral("%1/%2.png").arg(shots, QLatin1String(name))));
            }
        }
    }

    void windowPersisted()
    {
        QSettings settings;
        {
            TimeRange r;
            r.load(settings);
            QCOMPARE(r.windowMs(), std::int64_t(15 * 60'000)); // default
            r.setWindowMs(60 * 60'000);
            r.pause(kNow); // a paused end is not persisted
            r.save(settings);
        }
        TimeRange again;
        again.load(settings);
        QCOMPARE(again.windowMs(), std::int64_t(60 * 60'000));
        QVERIFY(again.isLive());
    }

    void sharedCursor()
    {
        m_range.resume();
        m_range.setWindowMs(5 * 60'000);
        OverviewPage overview(m_hub, m_clock, m_range);
        LatencyPage latency(m_hub, m_clock, m_range);
        for (QWidget *w : {static_cast<QWidget *>(&overview), static_cast<QWidget *>(&latency)}) {
            w->resize(1280, 860);
            w->show();
        }
        overview.refreshNow();
        latency.refreshNow();
        // Nothing hovered: no readout anywhere.
        QVERIFY(overview.eventsTimeControl()->readout().isEmpty());
        // Hovering the overview's plot sets the one cursor...
        QCustomPlot *plot = overview.eventsPlot();
        const double x = plot->xAxis->coordToPixel(double(kNow - 30'000) / 1000.0);
        overview.eventsTimeControl()->hover(QPointF(x, plot->axisRect()->center().y()));
        QVERIFY(m_range.cursorMs());
        const double msPerPixel = 5 * 60'000.0 / plot->axisRect()->width();
        QVERIFY2(std::abs(double(*m_range.cursorMs() - (kNow - 30'000))) <= msPerPixel, qPrintable(QString::number(*m_range.cursorMs())));
        // ... and every time plot shows its own values at that time.
        QVERIFY2(overview.eventsTimeControl()->readout().contains(QStringLiteral("Events processed/s: 250/s")),
                 qPrintable(overview.eventsTimeControl()->readout()));
        const QString percentiles = latency.percentileTimeControl()->readout();
        QVERIFY2(percentiles.contains(QStringLiteral("P50: 550 ns")) && percentiles.contains(QStringLiteral("P99: 2 µs")),
                 qPrintable(percentiles));
        // The heatmap's readout is its bin: one scrape step of each node (20+160+18+2).
        m_range.setCursor(kNow - 100);
        // Tiles and percentile labels show the cursor's bin too.
        const QString at = QStringLiteral("at ") + QDateTime::fromMSecsSinceEpoch(kNow - 100).toString(QStringLiteral("HH:mm:ss"));
        QCOMPARE(overview.throughputTile()->valueText(), QStringLiteral("250/s"));
        QCOMPARE(overview.throughputTile()->changeText(), at);
        QCOMPARE(overview.queueDepthTile()->valueText(), QStringLiteral("1,234"));
        QCOMPARE(latency.quantileText(2), QStringLiteral("P99 2 µs (1–2 µs bucket) ") + at);
        QVERIFY2(latency.heatmapTimeControl()->readout().endsWith(QStringLiteral("200 observations\nmost in ≤ 1 µs (160)")),
                 qPrintable(latency.heatmapTimeControl()->readout()));
        // Leaving clears it everywhere.
        overview.eventsTimeControl()->leave();
        QVERIFY(!m_range.cursorMs());
        QVERIFY(latency.percentileTimeControl()->readout().isEmpty());
        QCOMPARE(overview.throughputTile()->changeText(), QStringLiteral("▲ 66.7%"));
        QCOMPARE(latency.quantileText(2), QStringLiteral("P99 2 µs (1–2 µs bucket)"));
    }

    void pausedRangeShowsThePast()
    {
        m_range.setRange({kNow - 6 * 60'000, kNow - 60'000}, kNow);
        OverviewPage page(m_hub, m_clock, m_range);
        page.refreshNow();
        // At kT0 + 60 s: n1 100/s + n2 50/s, depth 1000 + 6 * 19.5.
        QCOMPARE(page.throughputTile()->valueText(), QStringLiteral("150/s"));
        QCOMPARE(page.queueDepthTile()->valueText(), QStringLiteral("1,117"));
        QCOMPARE(page.lastSampleMs(), kNow - 60'000);
        QCOMPARE(page.eventsPlot()->xAxis->range().upper, double(kNow - 60'000) / 1000.0);
        QVERIFY(page.rangeBar()->rangeText().contains(QLatin1Char('-')));
        QVERIFY(!page.rangeBar()->liveButton()->isChecked());
        // Back to live from the bar.
        page.rangeBar()->liveButton()->click();
        QVERIFY(m_range.isLive());
        page.refreshNow();
        QCOMPARE(page.throughputTile()->valueText(), QStringLiteral("250/s"));
        QVERIFY(page.rangeBar()->rangeText().isEmpty());
    }

    void dragPansWheelZoomsDoubleClickResumes()
    {
        m_range.resume();
        m_range.setWindowMs(5 * 60'000);
        OverviewPage page(m_hub, m_clock, m_range);
        page.resize(1280, 860);
        page.show();
        page.refreshNow();
        QCustomPlot *plot = page.eventsPlot();
        const QRect area = plot->axisRect()->rect();
        const double msPerPixel = 5 * 60'000.0 / area.width();
        // Dragging 100 px to the right looks 100 px into the past: paused.
        const QPointF from(area.center().x(), area.center().y());
        page.eventsTimeControl()->dragTo(from, from + QPointF(100, 0));
        QVERIFY(!m_range.isLive());
        const std::int64_t end = m_range.range(kNow).endMs;
        QVERIFY2(std::abs(double(kNow - end) - 100 * msPerPixel) < 1.0, qPrintable(QString::number(kNow - end)));
        QCOMPARE(plot->xAxis->range().upper, double(end) / 1000.0); // the axis followed at once
        // The page recomputes for the new range on the next tick.
        QTRY_VERIFY((m_clock.tickNow(), page.lastSampleMs() <= end && page.lastSampleMs() > 0));
        // One wheel step zooms in by 0.8 around the mouse.
        page.eventsTimeControl()->wheel(from, 1);
        QCOMPARE(m_range.windowMs(), std::int64_t(4 * 60'000));
        // A double-click goes back to live.
        QTest::mouseDClick(plot, Qt::LeftButton, {}, from.toPoint());
        QVERIFY(m_range.isLive());
        QCOMPARE(page.rangeBar()->presets()->currentText(), QStringLiteral("4 min"));
    }

    void rangeBarPresets()
    {
        m_range.pause(kNow);
        TimeRangeBar bar(m_range, m_clock);
        QCOMPARE(bar.liveButton()->text(), QStringLiteral("❚❚ Paused"));
        Q_EMIT bar.presets()->activated(2); // "1 h": the last hour, live
        QVERIFY(m_range.isLive());
        QCOMPARE(m_range.windowMs(), std::int64_t(60 * 60'000));
        QCOMPARE(bar.presets()->currentText(), QStringLiteral("1 h"));
        QCOMPARE(bar.liveButton()->text(), QStringLiteral("● Live"));
        bar.liveButton()->click();
        QVERIFY(!m_range.isLive());
        QCOMPARE(m_range.range(kNow + 5000).endMs, kNow);
        QCOMPARE(TimeRangeBar::lengthText(90 * 60'000), QStringLiteral("1 h 30 min"));
        QCOMPARE(TimeRangeBar::lengthText(2 * 24 * 3600'000), QStringLiteral("2 d"));
        QCOMPARE(TimeRangeBar::lengthText(10'000), QStringLiteral("10 s"));
        m_range.resume();
    }

    void panelsExport()
    {
        m_range.resume();
        m_range.setWindowMs(5 * 60'000);
        OverviewPage overview(m_hub, m_clock, m_range);
        LatencyPage latency(m_hub, m_clock, m_range);
        QueuesPage queues(m_hub, m_clock, m_range);
        overview.refreshNow();
        latency.refreshNow();
        queues.refreshNow();
        // Every panel offers the export menu.
        for (QWidget *panel : {static_cast<QWidget *>(overview.eventsPlot()), static_cast<QWidget *>(overview.queueBars()),
                               static_cast<QWidget *>(latency.percentilePlot()), static_cast<QWidget *>(queues.table())}) {
            QCOMPARE(panel->contextMenuPolicy(), Qt::CustomContextMenu);
            QVERIFY(panel->findChild<PanelExporter *>(QStringLiteral("panelExporter"), Qt::FindDirectChildrenOnly));
        }
        // The data behind the custom-painted and bucket-indexed panels, exactly.
        QCOMPARE(histogramWindowCsv(latency.data().histogram),
                 QByteArray("le,observations\r\n100,240\r\n1000,1920\r\n2000,216\r\n+Inf,24\r\n"));
        QCOMPARE(queueTotalsCsv(overview.data().queues), QByteArray("queue,depth,capacity\r\nrealtime,1234,32768\r\n"));
        const QByteArray bins = histogramBinsCsv(latency.data().histogram);
        QVERIFY(bins.startsWith("time,le,observations\r\n"));
        QVERIFY2(bins.endsWith(QStringLiteral("%1,+Inf,2\r\n").arg(csvTime(kNow)).toUtf8()), bins.right(80).constData());
        QCOMPARE(bins.count("\r\n"), 1 + 60 * 4);
    }

    void cleanupTestCase() { QSettings().clear(); }

private:
    static double lastFinite(const std::vector<double> &v)
    {
        for (auto it = v.rbegin(); it != v.rend(); ++it)
            if (std::isfinite(*it))
                return *it;
        return std::nan("");
    }

    IngestHub m_hub;
    RefreshClock m_clock;
    TimeRange m_range;
};

QTEST_MAIN(TstDashboardPages)
#include "tst_dashboard_pages.moc"

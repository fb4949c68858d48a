#include "widgets/overview_page.h"

#include "core/hub/ingest_hub.h"
#include "models/dashboard_format.h"
#include "models/refresh_clock.h"
#include "widgets/latency_strip.h"
#include "widgets/plot_style.h"
#include "widgets/qcp.h"
#include "widgets/queue_bars.h"
#include "widgets/stat_tile.h"
#include "models/time_range.h"
#include "widgets/dashboard_csv.h"
#include "widgets/panel_export.h"
#include "widgets/plot_time_control.h"
#include "widgets/time_range_bar.h"

#include <QDateTime>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <cmath>

namespace vigil {

namespace {

constexpr int kSteps = 60;

QLabel *plainLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setTextFormat(Qt::PlainText);
    return l;
}

} // namespace

OverviewPage::OverviewPage(const IngestHub &hub, RefreshClock &clock, TimeRange &range, QWidget *parent)
    : QWidget(parent), m_hub(hub), m_clock(clock), m_range(range), m_rangeBar(new TimeRangeBar(range, clock, this)),
      m_throughput(new StatTile(tr("Throughput"), this)), m_p99(new StatTile(tr("P99 latency"), this)),
      m_depth(new StatTile(tr("Queue depth"), this)), m_plot(new QCustomPlot(this)),
      m_plotTime(new PlotTimeControl(m_plot, range, clock)), m_strip(new LatencyStrip(this)),
      m_latencyText(plainLabel(this)), m_queues(new QueueBars(this))
{
    auto *header = new QHBoxLayout;
    QLabel *title = plainLabel(this);
    title->setText(tr("Overview"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    header->addWidget(title);
    header->addStretch(1);
    header->addWidget(m_rangeBar);

    auto *tiles = new QHBoxLayout;
    tiles->addWidget(m_throughput);
    tiles->addWidget(m_p99);
    tiles->addWidget(m_depth);

    auto *events = new QGroupBox(tr("Events/s"), this);
    auto *eventsLayout = new QVBoxLayout(events);
    m_plot->setMinimumHeight(160);
    m_plot->addGraph();
    m_plot->graph(0)->setName(tr("Events processed/s"));
    m_plot->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3));
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeFormat(QStringLiteral("HH:mm"));
    m_plot->xAxis->setTicker(ticker);
    m_plot->yAxis->setTicker(siTicker());
    eventsLayout->addWidget(m_plot);

    auto *latency = new QGroupBox(tr("Latency distribution"), this);
    auto *latencyLayout = new QVBoxLayout(latency);
    latencyLayout->addWidget(m_strip);
    latencyLayout->addWidget(m_latencyText);

    auto *queues = new QGroupBox(tr("Queue depth by type"), this);
    auto *queuesLayout = new QVBoxLayout(queues);
    queuesLayout->addWidget(m_queues);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addLayout(tiles);
    layout->addWidget(events, 1);
    layout->addWidget(latency);
    layout->addWidget(queues);

    applyPlotPalette(m_plot, palette());
    m_plot->graph(0)->setPen(QPen(palette().color(QPalette::Highlight), 2));
    apply(OverviewData{});
    connect(&m_clock, &RefreshClock::tick, this, &OverviewPage::onTick);
    m_plotTime->setValueFormat([](double v) { return DashboardFormat::rate(v); });
    connect(&range, &TimeRange::cursorChanged, this, &OverviewPage::showTiles);
    installPanelExport(m_plot, QStringLiteral("overview-events"));
    installPanelExport(m_strip, QStringLiteral("overview-latency"), {[this] { return histogramWindowCsv(m_data.latency); }, {}});
    installPanelExport(m_queues, QStringLiteral("overview-queues"), {[this] { return queueTotalsCsv(m_data.queues); }, {}});
}

OverviewPage::~OverviewPage() = default;

std::int64_t OverviewPage::refreshIntervalMs() const
{
    return dashboardRefreshMs(m_range.windowMs());
}

void OverviewPage::onTick()
{
    if (std::optional<OverviewData> done = m_job.take())
        apply(std::move(*done));
    const std::int64_t now = m_clock.nowMs();
    if (!isVisible() || !m_job.due(now, refreshIntervalMs(), m_range.isLive(), m_range.version()))
        return;
    const SeriesStore *store = &m_hub.store();
    const TimeSpan span = m_range.range(now);
    m_job.start(now, [store, span] { return queryOverview(*store, span.endMs, span.lengthMs(), kSteps); },
                m_range.version());
}

void OverviewPage::refreshNow()
{
    m_job.discard();
    const std::int64_t now = m_clock.nowMs();
    m_job.markStarted(now, m_range.version());
    const TimeSpan span = m_range.range(now);
    apply(queryOverview(m_hub.store(), span.endMs, span.lengthMs(), kSteps));
    // Callers (screenshots) grab right after: draw now, not on the next event loop pass.
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
}

QString OverviewPage::latencyText() const
{
    return m_latencyText->text();
}

void OverviewPage::apply(OverviewData d)
{
    m_data = std::move(d);
    const OverviewData &o = m_data;
    const QString metric = QString::fromStdString(o.latencyMetric);
    showTiles();

    QVector<double> keys, values;
    // Bins without a step are left out (joined over), so sparse scrapes still draw a line.
    for (int i = 0; i < o.grid.steps && std::size_t(i) < o.throughput.size(); ++i) {
        if (std::isnan(o.throughput[std::size_t(i)]))
            continue;
        keys.append(double(o.grid.binEndMs(i)) / 1000.0);
        values.append(o.throughput[std::size_t(i)]);
    }
    m_plot->graph(0)->setData(keys, values, true);
    m_plot->xAxis->setRange(double(o.grid.startMs) / 1000.0, double(o.grid.endMs()) / 1000.0);
    double top = 0;
    for (double v : values)
        if (std::isfinite(v))
            top = std::max(top, v);
    m_plot->yAxis->setRange(0, top > 0 ? top * 1.1 : 1);
    m_plotTime->update();
    m_plot->replot(QCustomPlot::rpQueuedReplot);

    const QString max = std::isnan(o.maxBound) ? QStringLiteral("–")
                        : std::isinf(o.maxBound) ? tr("> %1").arg(DashboardFormat::latency(
                                                       o.latency.upperBounds.size() >= 2
                                                           ? o.latency.upperBounds[o.latency.upperBounds.size() - 2]
                                                           : 0.0,
                                                       metric))
                                                 : tr("≤ %1").arg(DashboardFormat::latency(o.maxBound, metric));
    m_latencyText->setText(tr("P50: %1    P90: %2    P99: %3    Max: %4")
                               .arg(DashboardFormat::latency(o.p50.value, metric),
                                    DashboardFormat::latency(o.p90.value, metric),
                                    DashboardFormat::latency(o.p99Window.value, metric), max));
    m_latencyText->setToolTip(DashboardFormat::quantile(tr("P50"), o.p50, metric) + QLatin1Char('\n') +
                              DashboardFormat::quantile(tr("P90"), o.p90, metric) + QLatin1Char('\n') +
                              DashboardFormat::quantile(tr("P99"), o.p99Window, metric));
    m_strip->setDistribution(o.latency.windowBuckets(), {o.p50.value, o.p90.value, o.p99Window.value});
    m_queues->setQueues(o.queues);
}

void OverviewPage::showTiles()
{
    const OverviewData &o = m_data;
    const QString metric = QString::fromStdString(o.latencyMetric);
    const std::optional<std::int64_t> cursor = m_range.cursorMs();
    const int bin = cursor ? o.grid.binOf(*cursor) : -1;
    if (bin >= 0) {
        const auto at = [&o](const std::vector<double> &v, int i) {
            return std::size_t(i) < v.size() ? v[std::size_t(i)] : std::nan("");
        };
        const QString when = tr("at %1").arg(QDateTime::fromMSecsSinceEpoch(*cursor).toString(QStringLiteral("HH:mm:ss")));
        const auto text = [](double v, const QString &s) { return std::isnan(v) ? QStringLiteral("–") : s; };
        const double rate = at(o.throughput, bin), p99 = at(o.p99, bin), depth = at(o.queueDepth, bin);
        m_throughput->setValue(text(rate, DashboardFormat::rate(rate)), when);
        m_p99->setValue(text(p99, DashboardFormat::latency(p99, metric)), when);
        m_depth->setValue(text(depth, DashboardFormat::count(depth)), when);
        return;
    }
    m_throughput->setValue(DashboardFormat::rate(o.throughputNow), DashboardFormat::change(o.throughputThen, o.throughputNow),
                           tr("Events processed per second, all nodes (was %1 at the window start)")
                               .arg(DashboardFormat::rate(o.throughputThen)));
    m_p99->setValue(DashboardFormat::latency(o.p99Now.value, metric), DashboardFormat::change(o.p99Then.value, o.p99Now.value),
                    DashboardFormat::quantile(tr("P99"), o.p99Now, metric));
    m_depth->setValue(DashboardFormat::count(o.queueDepthNow), DashboardFormat::change(o.queueDepthThen, o.queueDepthNow),
                      tr("Events waiting in all queues of all nodes (was %1 at the window start)")
                          .arg(DashboardFormat::count(o.queueDepthThen)));
}

void OverviewPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        applyPlotPalette(m_plot, palette());
        m_plot->graph(0)->setPen(QPen(palette().color(QPalette::Highlight), 2));
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace vigil

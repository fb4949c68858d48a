#include "widgets/latency_page.h"

#include "core/analysis/overview_query.h"
#include "core/hub/ingest_hub.h"
#include "models/dashboard_format.h"
#include "models/refresh_clock.h"
#include "widgets/plot_style.h"
#include "widgets/qcp.h"
#include "models/time_range.h"
#include "widgets/dashboard_csv.h"
#include "widgets/panel_export.h"
#include "widgets/plot_time_control.h"
#include "widgets/time_range_bar.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>

namespace vigil {

namespace {

constexpr int kSteps = 60;
const char *const kQuantileNames[] = {QT_TRANSLATE_NOOP("vigil::LatencyPage", "P50"),
                                     QT_TRANSLATE_NOOP("vigil::LatencyPage", "P90"),
                                     QT_TRANSLATE_NOOP("vigil::LatencyPage", "P99"),
                                     QT_TRANSLATE_NOOP("vigil::LatencyPage", "P99.9")};

QLabel *plainLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setTextFormat(Qt::PlainText);
    return l;
}

QString bucketLabel(const HistogramOverTime &h, std::size_t b, const QString &metric)
{
    if (std::isinf(h.upperBounds[b]))
        return LatencyPage::tr("> %1").arg(b > 0 ? DashboardFormat::latency(h.upperBounds[b - 1], metric) : QString());
    return LatencyPage::tr("≤ %1").arg(DashboardFormat::latency(h.upperBounds[b], metric));
}

QSharedPointer<QCPAxisTickerText> bucketTicker(const HistogramOverTime &h, const QString &metric)
{
    auto t = QSharedPointer<QCPAxisTickerText>::create();
    for (std::size_t b = 0; b < h.upperBounds.size(); ++b)
        t->addTick(double(b), bucketLabel(h, b, metric));
    return t;
}

} // namespace

LatencyData LatencyPage::compute(const SeriesStore &store, const std::string &metric, std::int64_t nowMs,
                                 std::int64_t windowMs, int steps)
{
    LatencyData d;
    d.metric = metric.empty() ? defaultLatencyMetric(store) : metric;
    if (d.metric.empty())
        return d;
    d.histogram = queryHistogram(store, d.metric, nowMs, windowMs, steps);
    for (std::size_t q = 0; q < LatencyData::kQuantiles.size(); ++q) {
        d.window[q] = d.histogram.windowQuantile(LatencyData::kQuantiles[q]);
        d.overTime[q].assign(std::size_t(d.histogram.grid.steps), std::nan(""));
    }
    for (int i = 0; i < d.histogram.grid.steps && !d.histogram.empty(); ++i) {
        if (d.histogram.binTotal(i) <= 0)
            continue;
        const std::vector<HistogramBucket> b = d.histogram.binBuckets(i);
        for (std::size_t q = 0; q < LatencyData::kQuantiles.size(); ++q)
            d.overTime[q][std::size_t(i)] = histogramQuantile(LatencyData::kQuantiles[q], b).value;
    }
    return d;
}

LatencyPage::LatencyPage(const IngestHub &hub, RefreshClock &clock, TimeRange &range, QWidget *parent)
    : QWidget(parent), m_hub(hub), m_clock(clock), m_range(range), m_rangeBar(new TimeRangeBar(range, clock, this)),
      m_metric(new QComboBox(this)), m_total(plainLabel(this)), m_histPlot(new QCustomPlot(this)),
      m_bars(new QCPBars(m_histPlot->xAxis, m_histPlot->yAxis)), m_percentilePlot(new QCustomPlot(this)),
      m_heatPlot(new QCustomPlot(this)), m_heatmap(new QCPColorMap(m_heatPlot->xAxis, m_heatPlot->yAxis)),
      m_percentileTime(new PlotTimeControl(m_percentilePlot, range, clock)),
      m_heatTime(new PlotTimeControl(m_heatPlot, range, clock))
{
    m_metric->addItem(tr("Automatic"), QString());
    m_metric->addItem(QString::fromLatin1(kClusterLatencyMetric), QString::fromLatin1(kClusterLatencyMetric));
    m_metric->addItem(QString::fromLatin1(kEngineLatencyMetric), QString::fromLatin1(kEngineLatencyMetric));
    m_metric->setToolTip(tr("Histogram to show"));

    auto *header = new QHBoxLayout;
    QLabel *title = plainLabel(this);
    title->setText(tr("Latency"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    header->addWidget(title);
    header->addStretch(1);
    header->addWidget(m_metric);
    header->addWidget(m_rangeBar);

    auto *summary = new QGroupBox(tr("Percentiles over the window (histogram_quantile)"), this);
    auto *grid = new QGridLayout(summary);
    for (std::size_t i = 0; i < m_quantiles.size(); ++i) {
        m_quantiles[i] = plainLabel(summary);
        grid->addWidget(m_quantiles[i], 0, int(i));
    }
    grid->addWidget(m_total, 1, 0, 1, 4);

    m_histPlot->setMinimumHeight(150);
    m_percentilePlot->setMinimumHeight(150);
    m_heatPlot->setMinimumHeight(150);
    m_bars->setWidth(0.8);
    m_bars->setName(tr("Observations in the window"));
    auto timeTicker = [] {
        auto t = QSharedPointer<QCPAxisTickerDateTime>::create();
        t->setDateTimeFormat(QStringLiteral("HH:mm"));
        return t;
    };
    for (std::size_t q = 0; q < LatencyData::kQuantiles.size(); ++q) {
        QCPGraph *g = m_percentilePlot->addGraph();
        g->setName(tr(kQuantileNames[q]));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3));
    }
    m_percentilePlot->xAxis->setTicker(timeTicker());
    m_histPlot->yAxis->setTicker(siTicker());
    m_percentilePlot->yAxis->setTicker(formatTicker([this](double v) {
        return DashboardFormat::latency(v, QString::fromStdString(m_data.metric));
    }));
    m_percentilePlot->legend->setVisible(true);
    // Live data arrives at the right edge: keep the legend out of its way.
    m_percentilePlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    m_heatPlot->xAxis->setTicker(timeTicker());
    m_heatmap->setGradient(QCPColorGradient::gpThermal);
    m_heatmap->setInterpolate(false);

    auto *plots = new QGridLayout;
    auto *histBox = new QGroupBox(tr("Histogram of the window"), this);
    (new QVBoxLayout(histBox))->addWidget(m_histPlot);
    auto *pctBox = new QGroupBox(tr("Percentiles over time"), this);
    (new QVBoxLayout(pctBox))->addWidget(m_percentilePlot);
    auto *heatBox = new QGroupBox(tr("Distribution over time"), this);
    (new QVBoxLayout(heatBox))->addWidget(m_heatPlot);
    plots->addWidget(histBox, 0, 0);
    plots->addWidget(pctBox, 0, 1);
    plots->addWidget(heatBox, 1, 0, 1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(summary);
    layout->addLayout(plots, 1);

    applyPalette();
    apply(LatencyData{});
    connect(&m_clock, &RefreshClock::tick, this, &LatencyPage::onTick);
    m_percentileTime->setValueFormat([this](double v) {
        return DashboardFormat::latency(v, QString::fromStdString(m_data.metric));
    });
    m_heatTime->setDescribe([this](std::int64_t cursorMs) { return heatmapReadout(cursorMs); });
    connect(&range, &TimeRange::cursorChanged, this, &LatencyPage::showQuantiles);
    // Bars and heatmap rows sit on bucket indices: export them with their `le` bounds.
    installPanelExport(m_histPlot, QStringLiteral("latency-histogram"),
                       {[this] { return histogramWindowCsv(m_data.histogram); }, {}});
    installPanelExport(m_percentilePlot, QStringLiteral("latency-percentiles"));
    installPanelExport(m_heatPlot, QStringLiteral("latency-heatmap"),
                       {[this] { return histogramBinsCsv(m_data.histogram); }, {}});
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] { refreshNow(); });
}

LatencyPage::~LatencyPage() = default;

std::string LatencyPage::selectedMetric() const
{
    return m_metric->currentData().toString().toStdString();
}

std::int64_t LatencyPage::refreshIntervalMs() const
{
    return dashboardRefreshMs(m_range.windowMs());
}

void LatencyPage::onTick()
{
    if (std::optional<LatencyData> done = m_job.take())
        apply(std::move(*done));
    const std::int64_t now = m_clock.nowMs();
    if (!isVisible() || !m_job.due(now, refreshIntervalMs(), m_range.isLive(), m_range.version()))
        return;
    const SeriesStore *store = &m_hub.store();
    const TimeSpan span = m_range.range(now);
    m_job.start(
        now, [store, metric = selectedMetric(), span] { return compute(*store, metric, span.endMs, span.lengthMs(), kSteps); },
        m_range.version());
}

void LatencyPage::refreshNow()
{
    m_job.discard();
    const std::int64_t now = m_clock.nowMs();
    m_job.markStarted(now, m_range.version());
    const TimeSpan span = m_range.range(now);
    apply(compute(m_hub.store(), selectedMetric(), span.endMs, span.lengthMs(), kSteps));
    // Callers (screenshots) grab right after: draw now, not on the next event loop pass.
    for (QCustomPlot *p : {m_histPlot, m_percentilePlot, m_heatPlot})
        p->replot(QCustomPlot::rpImmediateRefresh);
}

QString LatencyPage::quantileText(int i) const
{
    return m_quantiles[std::size_t(i)]->text();
}

QString LatencyPage::totalText() const
{
    return m_total->text();
}

void LatencyPage::apply(LatencyData d)
{
    m_data = std::move(d);
    showQuantiles();
    fillHistogram();
    fillPercentiles();
    fillHeatmap();
}

void LatencyPage::showQuantiles()
{
    const QString metric = QString::fromStdString(m_data.metric);
    const HistogramOverTime &h = m_data.histogram;
    const std::optional<std::int64_t> cursor = m_range.cursorMs();
    const int bin = cursor && !h.empty() ? h.grid.binOf(*cursor) : -1;
    if (bin >= 0) {
        const QString when = QDateTime::fromMSecsSinceEpoch(*cursor).toString(QStringLiteral("HH:mm:ss"));
        for (std::size_t q = 0; q < m_quantiles.size(); ++q)
            m_quantiles[q]->setText(tr("%1 at %2").arg(
                DashboardFormat::quantile(tr(kQuantileNames[q]), h.binQuantile(bin, LatencyData::kQuantiles[q]), metric),
                when));
        m_total->setText(tr("%1 observations in the %2 s around %3")
                             .arg(DashboardFormat::count(h.binTotal(bin)))
                             .arg(double(h.grid.stepMs) / 1000.0)
                             .arg(when));
        return;
    }
    for (std::size_t q = 0; q < m_quantiles.size(); ++q)
        m_quantiles[q]->setText(DashboardFormat::quantile(tr(kQuantileNames[q]), m_data.window[q], metric));
    if (m_data.metric.empty())
        m_total->setText(tr("No latency histogram in the store yet"));
    else
        m_total->setText(tr("%1 observations in the window from %2 series of %3")
                             .arg(DashboardFormat::count(m_data.histogram.windowTotal()))
                             .arg(m_data.histogram.seriesCount)
                             .arg(metric));
}

void LatencyPage::fillHistogram()
{
    const HistogramOverTime &h = m_data.histogram;
    const QString metric = QString::fromStdString(m_data.metric);
    QVector<double> keys, values;
    double prev = 0, top = 0;
    for (std::size_t b = 0; b < h.upperBounds.size(); ++b) {
        const double c = std::max(0.0, h.windowCumulative[b] - prev);
        prev = std::max(prev, h.windowCumulative[b]);
        keys.append(double(b));
        values.append(c);
        top = std::max(top, c);
    }
    m_bars->setData(keys, values, true);
    m_histPlot->xAxis->setTicker(bucketTicker(h, metric));
    m_histPlot->xAxis->setTickLabelRotation(h.upperBounds.size() > 8 ? 45 : 0);
    m_histPlot->xAxis->setRange(-0.6, std::max<double>(1, double(h.upperBounds.size())) - 0.4);
    m_histPlot->yAxis->setRange(0, top > 0 ? top * 1.1 : 1);
    m_histPlot->replot(QCustomPlot::rpQueuedReplot);
}

void LatencyPage::fillPercentiles()
{
    const TimeGrid &g = m_data.histogram.grid;
    double top = 0;
    for (std::size_t q = 0; q < LatencyData::kQuantiles.size(); ++q) {
        QVector<double> keys, values;
        for (std::size_t i = 0; i < m_data.overTime[q].size(); ++i) {
            if (std::isnan(m_data.overTime[q][i]))
                continue; // bins without observations are joined over
            keys.append(double(g.binEndMs(int(i))) / 1000.0);
            values.append(m_data.overTime[q][i]);
            if (std::isfinite(m_data.overTime[q][i]))
                top = std::max(top, m_data.overTime[q][i]);
        }
        m_percentilePlot->graph(int(q))->setData(keys, values, true);
    }
    m_percentilePlot->xAxis->setRange(double(g.startMs) / 1000.0, double(g.endMs()) / 1000.0);
    m_percentilePlot->yAxis->setRange(0, top > 0 ? top * 1.1 : 1);
    m_percentilePlot->yAxis->setLabel(QString::fromStdString(m_data.metric).left(128));
    m_percentileTime->update();
    m_percentilePlot->replot(QCustomPlot::rpQueuedReplot);
}

void LatencyPage::fillHeatmap()
{
    const HistogramOverTime &h = m_data.histogram;
    const int nb = int(h.upperBounds.size());
    const int steps = h.grid.steps;
    QCPColorMapData *data = m_heatmap->data();
    data->setSize(std::max(1, steps), std::max(1, nb));
    const double half = double(h.grid.stepMs) / 2000.0;
    data->setRange(QCPRange(double(h.grid.startMs) / 1000.0 + half, double(h.grid.endMs()) / 1000.0 - half),
                   QCPRange(0, std::max(1, nb - 1)));
    data->fill(0);
    for (int i = 0; i < steps && nb > 0; ++i)
        for (int b = 0; b < nb; ++b)
            data->setCell(i, b, h.binBucketCount(i, std::size_t(b)));
    m_heatmap->rescaleDataRange(true);
    m_heatPlot->yAxis->setTicker(bucketTicker(h, QString::fromStdString(m_data.metric)));
    m_heatPlot->xAxis->setRange(double(h.grid.startMs) / 1000.0, double(h.grid.endMs()) / 1000.0);
    m_heatPlot->yAxis->setRange(-0.5, std::max(1, nb) - 0.5);
    m_heatTime->update();
    m_heatPlot->replot(QCustomPlot::rpQueuedReplot);
}

QString LatencyPage::heatmapReadout(std::int64_t cursorMs) const
{
    const HistogramOverTime &h = m_data.histogram;
    const QString time = QDateTime::fromMSecsSinceEpoch(cursorMs).toString(QStringLiteral("HH:mm:ss"));
    const int bin = h.empty() ? -1 : h.grid.binOf(cursorMs);
    if (bin < 0)
        return time;
    const QString metric = QString::fromStdString(m_data.metric);
    std::size_t busiest = 0;
    double most = -1;
    for (std::size_t b = 0; b < h.upperBounds.size(); ++b) {
        const double c = h.binBucketCount(bin, b);
        if (c > most) {
            most = c;
            busiest = b;
        }
    }
    QString text = tr("%1\n%2 observations").arg(time, DashboardFormat::count(h.binTotal(bin)));
    if (most > 0)
        text += QLatin1Char('\n') + tr("most in %1 (%2)").arg(bucketLabel(h, busiest, metric), DashboardFormat::count(most));
    return text;
}

void LatencyPage::applyPalette()
{
    const QPalette pal = palette();
    for (QCustomPlot *p : {m_histPlot, m_percentilePlot, m_heatPlot})
        applyPlotPalette(p, pal);
    m_bars->setPen(QPen(pal.color(QPalette::Highlight)));
    QColor fill = pal.color(QPalette::Highlight);
    fill.setAlpha(170);
    m_bars->setBrush(fill);
    // Percentile lines: the highlight colour, darker/lighter per quantile, plus dash styles
    // so they stay distinguishable in high contrast.
    const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DashDotLine, Qt::DotLine};
    for (int q = 0; q < m_percentilePlot->graphCount(); ++q)
        m_percentilePlot->graph(q)->setPen(QPen(pal.color(q % 2 ? QPalette::Text : QPalette::Highlight), 2,
                                                styles[q % 4]));
    for (QCustomPlot *p : {m_histPlot, m_percentilePlot, m_heatPlot})
        p->replot(QCustomPlot::rpQueuedReplot);
}

void LatencyPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
}

} // namespace vigil

#include "widgets/series_plot.h"

#include "core/hub/ingest_hub.h"
#include "models/refresh_clock.h"
#include "widgets/lod_graph.h"
#include "widgets/panel_export.h"
#include "widgets/plot_crosshair.h"
#include "widgets/plot_style.h"
#include "widgets/qcp.h"

#include <QEvent>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace vigil {

namespace {

constexpr double kMinWindowSeconds = 5;
constexpr double kMaxWindowSeconds = 7 * 24 * 3600;

QColor paletteColor(int i)
{
    static const QRgb kPalette[] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                    0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
    return QColor(kPalette[i % int(std::size(kPalette))]);
}

} // namespace

SeriesPlot::SeriesPlot(const IngestHub &hub, RefreshClock &clock, QWidget *parent)
    : QWidget(parent), m_hub(hub), m_clock(clock), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);

    m_plot->setNoAntialiasingOnDrag(true);
    // Lines as segments, not one stroked polyline: the 1.6 px antialiased pen over a
    // dense view (~4 points per pixel column) costs 2-3x less (bench_plot_lod).
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);

    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeSpec(Qt::LocalTime);
    ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss"));
    ticker->setTickCount(6);
    m_plot->xAxis->setTicker(ticker);
    m_plot->yAxis->setTicker(siTicker());
    m_plot->yAxis->setRange(0, 1);
    m_plot->yAxis2->setTicker(siTicker());
    m_plot->yAxis2->setRange(0, 1);

    applyPalette();
    m_plot->legend->setRowSpacing(-2);
    m_plot->legend->setColumnSpacing(12);
    // The legend sits under the axis rect so it never hides the newest data.
    m_plot->plotLayout()->addElement(1, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(2);
    m_plot->legend->setMargins(QMargins(6, 2, 6, 2));
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setVisible(false);

    m_crosshair = std::make_unique<PlotCrosshair>(m_plot);

    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            &SeriesPlot::onXRangeChanged);
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent *e) {
        m_dragging = e->button() == Qt::LeftButton;
    });
    connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent *) { m_dragging = false; });
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this](QWheelEvent *) { m_wheeling = true; });
    connect(m_plot, &QCustomPlot::afterReplot, this, [this] { ++m_replots; });

    applyLiveRange(true);
}

SeriesPlot::~SeriesPlot() = default;

QCPGraph *SeriesPlot::graphFor(SeriesId id) const
{
    for (const auto &t : m_tracks)
        if (t->series.id == id)
            return t->graph;
    return nullptr;
}

void SeriesPlot::setSeries(const std::vector<PlotSeries> &series)
{
    std::vector<std::unique_ptr<Track>> kept;
    for (const PlotSeries &s : series) {
        auto it = std::find_if(m_tracks.begin(), m_tracks.end(), [&](const std::unique_ptr<Track> &t) {
            return t && t->series.id == s.id && t->series.asRate == s.asRate;
        });
        if (it != m_tracks.end()) {
            (*it)->series.name = s.name;
            (*it)->graph->setName(s.name);
            kept.push_back(std::move(*it));
            continue;
        }
        auto track = std::make_unique<Track>();
        track->series = s;
        track->converter = PlotConverter(s.asRate);
        track->graph = m_plot->addGraph();
        track->graph->setName(s.name);
        track->graph->setPen(QPen(paletteColor(m_colorIndex++), 1.6));
        track->graph->setLineStyle(QCPGraph::lsLine);
        track->lod = new LodGraph(track->graph); // owned by the graph
        kept.push_back(std::move(track));
    }
    for (auto &t : m_tracks)
        if (t)
            m_plot->removeGraph(t->graph);
    m_tracks = std::move(kept);
    m_series = series;
    // Rates and plain values rarely share a scale: when both are plotted, plain values
    // get the right-hand axis.
    const bool anyRate = std::any_of(series.begin(), series.end(), [](const PlotSeries &s) { return s.asRate; });
    const bool anyPlain = std::any_of(series.begin(), series.end(), [](const PlotSeries &s) { return !s.asRate; });
    m_split = anyRate && anyPlain;
    for (auto &t : m_tracks) {
        const bool right = m_split && !t->series.asRate;
        t->graph->setValueAxis(right ? m_plot->yAxis2 : m_plot->yAxis);
        t->graph->setName(right ? t->series.name + tr(" (right axis)") : t->series.name);
    }
    m_plot->yAxis2->setVisible(m_split);
    if (m_tracks.empty())
        m_colorIndex = 0;
    for (auto &t : m_tracks)
        pull(*t);
    m_plot->legend->setVisible(!m_tracks.empty());
    updateLegendLayout();
    updateAxisLabel();
    m_crosshair->clear();
    m_dirty = true;
    refresh();
}

void SeriesPlot::updateLegendLayout()
{
    // As many legend columns as the longest entry allows, so entries are never clipped.
    const QFontMetrics fm(m_plot->legend->font());
    int widest = 1;
    for (const auto &t : m_tracks)
        widest = std::max(widest, fm.horizontalAdvance(t->graph->name()) + 50);
    const int columns = std::clamp(std::max(1, m_plot->width() - 20) / widest, 1, 3);
    if (m_plot->legend->wrap() != columns) {
        m_plot->legend->setWrap(columns);
        m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    }
}

QByteArray SeriesPlot::visibleDataCsv() const
{
    const QCPRange x = m_plot->xAxis->range();
    std::vector<QStringList> rows;
    for (const auto &t : m_tracks) {
        const LodPyramid &p = t->lod->pyramid();
        // Keys ascend: binary search for the first point in range.
        std::size_t lo = 0, hi = p.size();
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            if (p.at(mid).key < x.lower)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (std::size_t i = lo; i < p.size() && p.at(i).key <= x.upper; ++i)
            rows.push_back({t->series.name, csvTime(std::llround(p.at(i).key * 1000.0)), csvNumber(p.at(i).value)});
    }
    return tableCsv({QStringLiteral("series"), QStringLiteral("time"), QStringLiteral("value")}, rows);
}

void SeriesPlot::applyPalette()
{
    applyPlotPalette(m_plot, palette());
    QFont legendFont = font();
    legendFont.setPointSizeF(std::max(7.0, legendFont.pointSizeF() - 1));
    m_plot->legend->setFont(legendFont);
}

void SeriesPlot::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        applyPalette();
        updateLegendLayout();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void SeriesPlot::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateLegendLayout();
    m_dirty = true;
}

void SeriesPlot::updateAxisLabel()
{
    const bool anyRate = std::any_of(m_series.begin(), m_series.end(), [](const PlotSeries &s) { return s.asRate; });
    m_plot->yAxis->setLabel(anyRate ? tr("rate (per second)") : QString());
    m_plot->yAxis2->setLabel(m_split ? tr("value") : QString());
}

bool SeriesPlot::pull(Track &track)
{
    const SeriesStatus st = m_hub.store().status(track.series.id);
    if (track.fetchedUpToMs >= 0 && st.lastTimestampMs == track.seen.lastTimestampMs
        && st.samples == track.seen.samples && st.stale == track.seen.stale)
        return false;
    track.seen = st;
    const std::vector<Sample> samples = m_hub.store().range(track.series.id, track.fetchedUpToMs + 1,
                                                            std::numeric_limits<std::int64_t>::max());
    if (track.fetchedUpToMs < 0)
        track.fetchedUpToMs = 0;
    if (samples.empty())
        return false;
    track.fetchedUpToMs = samples.back().timestampMs;
    std::vector<PlotPoint> points;
    points.reserve(samples.size());
    track.converter.append(samples, points);
    if (points.empty())
        return false;
    std::vector<LodPoint> lodPoints;
    lodPoints.reserve(points.size());
    for (const PlotPoint &p : points)
        lodPoints.push_back({p.keySeconds, p.value});
    // Decimated once per tick in refresh(), after the live range has moved.
    track.lod->addData(lodPoints, LodGraph::Update::Later);
    // Keep no more history than the store itself does.
    const double oldest = double(m_clock.nowMs()) / 1000.0 - 6 * 3600.0;
    track.lod->removeBefore(oldest, LodGraph::Update::Later);
    return true;
}

void SeriesPlot::refresh()
{
    bool changed = m_dirty;
    for (auto &t : m_tracks)
        changed = pull(*t) || changed;
    if (m_live)
        applyLiveRange(changed);
    for (auto &t : m_tracks)
        t->lod->update(); // no-op unless its data or the range changed
    if (m_dirty || changed) {
        rescaleValueAxis();
        m_crosshair->update();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        m_dirty = false;
    }
    m_wheeling = false;
}

void SeriesPlot::replotNow()
{
    refresh();
    rescaleValueAxis();
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
}

void SeriesPlot::applyLiveRange(bool force)
{
    const double right = double(m_clock.nowMs()) / 1000.0;
    double left = right - m_windowSeconds;
    // Until the window has filled up, span the data there is (a fresh session shows
    // lines across the plot, not a sliver at its right edge).
    double earliest = right;
    for (const auto &t : m_tracks)
        if (!t->lod->pyramid().empty())
            earliest = std::min(earliest, t->lod->pyramid().firstKey());
    if (!m_tracks.empty() && earliest > left)
        left = std::min(earliest - 1.0, right - kMinWindowSeconds);
    const QCPRange current = m_plot->xAxis->range();
    const double secondsPerPixel = (right - left) / std::max(1, m_plot->axisRect()->width());
    // Scroll only when the view would move by at least a pixel: no replot for nothing.
    if (!force && std::abs(current.upper - right) < secondsPerPixel && std::abs(current.lower - left) < secondsPerPixel)
        return;
    m_settingRange = true;
    m_plot->xAxis->setRange(left, right);
    m_settingRange = false;
    m_dirty = true;
}

void SeriesPlot::rescaleValueAxis()
{
    rescaleAxis(m_plot->yAxis);
    if (m_split)
        rescaleAxis(m_plot->yAxis2);
}

void SeriesPlot::rescaleAxis(QCPAxis *axis)
{
    const QCPRange keys = m_plot->xAxis->range();
    bool found = false;
    QCPRange total;
    for (const auto &t : m_tracks) {
        if (t->graph->valueAxis() != axis)
            continue;
        bool f = false;
        const QCPRange r = t->graph->getValueRange(f, QCP::sdBoth, keys);
        if (!f)
            continue;
        if (!found)
            total = r;
        else
            total.expand(r);
        found = true;
    }
    if (!found) {
        axis->setRange(0, 1);
        return;
    }
    double span = total.size();
    if (span <= 0)
        span = std::max(1.0, std::abs(total.lower) * 0.1);
    const double lower = total.lower >= 0 && total.lower - span * 0.08 < 0 ? 0 : total.lower - span * 0.08;
    axis->setRange(lower, total.upper + span * 0.12);
}

void SeriesPlot::setLive(bool live)
{
    if (m_live == live)
        return;
    m_live = live;
    if (live)
        applyLiveRange(true);
    m_dirty = true;
    Q_EMIT liveChanged(live);
    refresh();
}

void SeriesPlot::setWindowSeconds(double seconds)
{
    m_windowSeconds = std::clamp(seconds, kMinWindowSeconds, kMaxWindowSeconds);
    if (m_live) {
        applyLiveRange(true);
    } else {
        const double center = m_plot->xAxis->range().center();
        m_settingRange = true;
        m_plot->xAxis->setRange(center - m_windowSeconds / 2, center + m_windowSeconds / 2);
        m_settingRange = false;
    }
    m_dirty = true;
    refresh();
}

void SeriesPlot::onXRangeChanged()
{
    if (m_settingRange)
        return;
    m_dirty = true; // the value axis follows on the next tick
    const QCPRange r = m_plot->xAxis->range();
    if (m_wheeling) {
        m_windowSeconds = std::clamp(r.size(), kMinWindowSeconds, kMaxWindowSeconds);
        if (m_live)
            applyLiveRange(true);
        return;
    }
    if (m_dragging && m_live) {
        m_live = false;
        Q_EMIT liveChanged(false);
    }
}

} // namespace vigil

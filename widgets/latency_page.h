// LatencyPage: a latency histogram (eventstream_latency_ns, or vigil_engine_latency_ns)
// for the selected window — bucket counts from the `_bucket` deltas between the window
// start and end (resets handled like increase()), summed over nodes — with P50 / P90 /
// P99 / P99.9 exactly as Prometheus' histogram_quantile computes them, each with the
// bucket that brackets it; the percentiles over time; and a heatmap of the distribution
// over time (QCPColorMap: time x bucket, colour = observations).
//
// The range is the shared TimeRange; the percentile plot and the heatmap join the
// shared cursor (the heatmap's readout: that bin's observations and its busiest bucket),
// pan and zoom. Recomputes on a worker thread at most every 80 ms (dashboardRefreshMs: longer for long
// windows) on RefreshClock ticks while visible and live, at once when the range changed;
// refreshNow() recomputes synchronously.
//
// Threads: GUI thread only. The hub and the clock must outlive the page.
#pragma once

#include "core/analysis/histogram_query.h"
#include "widgets/background_job.h"

#include <QWidget>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

class QComboBox;
class QCPBars;
class QCPColorMap;
class QCustomPlot;
class QLabel;

namespace vigil {

class IngestHub;
class PlotTimeControl;
class RefreshClock;
class TimeRange;
class TimeRangeBar;

struct LatencyData
{
    static constexpr std::array<double, 4> kQuantiles = {0.5, 0.9, 0.99, 0.999};
    std::string metric;
    HistogramOverTime histogram;
    std::array<QuantileEstimate, 4> window{};           // over the whole window
    std::array<std::vector<double>, 4> overTime;        // per time bin (NaN: no observations)
};

class LatencyPage : public QWidget
{
    Q_OBJECT
public:
    LatencyPage(const IngestHub &hub, RefreshClock &clock, TimeRange &range, QWidget *parent = nullptr);
    ~LatencyPage() override;

    void refreshNow();
    // Background recomputations applied so far.
    std::uint64_t updates() const { return m_job.completed(); }
    std::int64_t lastSampleMs() const { return m_data.histogram.newestMs; }

    // Tests / wall mode.
    QString quantileText(int i) const;   // "P99 1.8 µs (1–2 µs bucket)"
    QString totalText() const;
    const LatencyData &data() const { return m_data; }
    QCPBars *histogramBars() const { return m_bars; }
    QCPColorMap *heatmap() const { return m_heatmap; }
    QCustomPlot *percentilePlot() const { return m_percentilePlot; }
    TimeRangeBar *rangeBar() const { return m_rangeBar; }
    PlotTimeControl *percentileTimeControl() const { return m_percentileTime; }
    PlotTimeControl *heatmapTimeControl() const { return m_heatTime; }
    QString heatmapReadout(std::int64_t cursorMs) const;
    QComboBox *metricPicker() const { return m_metric; }

    static LatencyData compute(const SeriesStore &store, const std::string &metric, std::int64_t nowMs,
                               std::int64_t windowMs, int steps);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onTick();
    void apply(LatencyData data);
    void applyPalette();
    std::string selectedMetric() const;
    std::int64_t refreshIntervalMs() const;
    // The quantile labels: over the window, or for the cursor's bin.
    void showQuantiles();
    void fillHistogram();
    void fillPercentiles();
    void fillHeatmap();

    const IngestHub &m_hub;
    RefreshClock &m_clock;
    TimeRange &m_range;
    TimeRangeBar *m_rangeBar;
    QComboBox *m_metric;
    std::array<QLabel *, 4> m_quantiles{};
    QLabel *m_total;
    QCustomPlot *m_histPlot;
    QCPBars *m_bars;
    QCustomPlot *m_percentilePlot;
    QCustomPlot *m_heatPlot;
    QCPColorMap *m_heatmap;
    PlotTimeControl *m_percentileTime;
    PlotTimeControl *m_heatTime;
    LatencyData m_data;
    BackgroundJob<LatencyData> m_job;
};

} // namespace vigil

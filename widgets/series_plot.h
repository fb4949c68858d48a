// SeriesPlot: a QCustomPlot time chart of a few series from the SeriesStore.
// Counters are drawn as per-second rates, stale markers break the line, the time
// axis is local time. Live mode keeps the last N seconds in view and scrolls; a drag
// (pan) on the time axis pauses it, the wheel zooms the time axis (in live mode it
// changes the window length). Data is pulled incrementally and the plot replotted
// (queued) only on RefreshClock ticks that changed something. Each series' points live
// in a LodGraph (min/max pyramid); its QCPGraph only holds the few points per pixel
// column of the current view, so windows of millions of samples redraw fast.
//
// Threads: GUI thread only. The hub must outlive the widget.
#pragma once

#include "core/store/series_store.h"
#include "models/series_math.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QCPAxis;
class QCPGraph;
class QMouseEvent;
class QResizeEvent;
class QWheelEvent;

namespace vigil {

class IngestHub;
class RefreshClock;
class PlotCrosshair;
class LodGraph;

struct PlotSeries
{
    SeriesId id = kInvalidSeries;
    QString name;   // legend text (plain)
    bool asRate = false;
};

class SeriesPlot : public QWidget
{
    Q_OBJECT
public:
    SeriesPlot(const IngestHub &hub, RefreshClock &clock, QWidget *parent = nullptr);
    ~SeriesPlot() override;

    // Replaces the plotted set; series already plotted keep their data.
    void setSeries(const std::vector<PlotSeries> &series);
    const std::vector<PlotSeries> &series() const { return m_series; }
    QCPGraph *graphFor(SeriesId id) const;

    bool isLive() const { return m_live; }
    void setLive(bool live);
    double windowSeconds() const { return m_windowSeconds; }
    void setWindowSeconds(double seconds);

    QCustomPlot *customPlot() const { return m_plot; }
    PlotCrosshair *crosshair() const { return m_crosshair.get(); }
    std::uint64_t replotCount() const { return m_replots; }

    // Pulls new samples and scrolls (normally on each clock tick).
    void refresh();
    // Replots immediately (screenshots).
    void replotNow();
    // Every plotted sample in the visible time range (not the decimated drawing), as
    // CSV "series,time,value" (the legend name; rates as plotted; empty value: a gap).
    QByteArray visibleDataCsv() const;

Q_SIGNALS:
    void liveChanged(bool live);

private:
    struct Track
    {
        PlotSeries series;
        QCPGraph *graph = nullptr;
        LodGraph *lod = nullptr; // child of graph: all points; graph holds the decimated view
        PlotConverter converter;
        std::int64_t fetchedUpToMs = -1; // last timestamp already converted
        SeriesStatus seen;
    };
    bool pull(Track &track);
    void rescaleValueAxis();
    void rescaleAxis(QCPAxis *axis);
    void applyLiveRange(bool force);
    void onXRangeChanged();
    void updateAxisLabel();
    void updateLegendLayout();
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void applyPalette();

    const IngestHub &m_hub;
    RefreshClock &m_clock;
    QCustomPlot *m_plot = nullptr;
    std::unique_ptr<PlotCrosshair> m_crosshair;
    std::vector<PlotSeries> m_series;
    std::vector<std::unique_ptr<Track>> m_tracks;
    double m_windowSeconds = 300;
    bool m_live = true;
    bool m_dirty = true;
    bool m_settingRange = false;
    bool m_dragging = false;
    bool m_wheeling = false;
    bool m_split = false; // rates left, plain values on the right axis
    std::uint64_t m_replots = 0;
    int m_colorIndex = 0;
};

} // namespace vigil

// PlotTimeControl: joins a dashboard's QCustomPlot (x axis: seconds since the epoch) to
// the shared TimeRange:
//   - hovering sets the shared cursor; every joined plot draws it as a vertical line
//     with a readout of its own values at that time (plain text, QCPItemText);
//   - dragging pans, the wheel zooms, a double-click goes back to live — all through
//     TimeRange, so every page follows;
//   - the x axis follows the range as soon as it changes (the page's recomputation
//     for the new range fills the data shortly after).
// The readout defaults to "name: value" of every graph at its last point at or before
// the cursor, values formatted by setValueFormat(); setDescribe() replaces it (heatmaps).
//
// Threads: GUI thread only. The range and the clock must outlive the control.
#pragma once

#include <QObject>
#include <QPointF>
#include <QString>

#include <cstdint>
#include <functional>

class QCustomPlot;
class QCPItemStraightLine;
class QCPItemText;

namespace vigil {

class RefreshClock;
class TimeRange;

class PlotTimeControl : public QObject
{
    Q_OBJECT
public:
    PlotTimeControl(QCustomPlot *plot, TimeRange &range, RefreshClock &clock);

    void setValueFormat(std::function<QString(double)> format) { m_format = std::move(format); }
    void setDescribe(std::function<QString(std::int64_t cursorMs)> describe) { m_describe = std::move(describe); }

    // The readout as drawn (empty when the cursor is not in this plot's range).
    QString readout() const;
    // Re-evaluates the readout (after the page replaced the data).
    void update();
    // Sets the x axis to the shared range now.
    void syncAxis();

    // What the mouse does, callable from tests with pixel positions.
    void hover(const QPointF &pixel);
    void leave();
    void dragTo(const QPointF &from, const QPointF &to);
    void wheel(const QPointF &pixel, double steps); // steps > 0: zoom in

private:
    bool eventFilter(QObject *watched, QEvent *event) override;
    QString defaultDescribe(std::int64_t cursorMs) const;
    double keyAt(double pixelX) const;

    QCustomPlot *m_plot;
    TimeRange &m_range;
    RefreshClock &m_clock;
    QCPItemStraightLine *m_line;
    QCPItemText *m_label;
    std::function<QString(double)> m_format;
    std::function<QString(std::int64_t)> m_describe;
    QPointF m_dragFrom;
    bool m_dragging = false;
};

} // namespace vigil

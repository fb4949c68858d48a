// PlotCrosshair: a vertical cursor line on a QCustomPlot with a marker on the nearest
// point of the closest graph and an in-plot tooltip "series / value / time".
// Drawn by QCustomPlot items (QCPItemText renders plain text, never markup).
//
// Threads: GUI thread only.
#pragma once

#include <QObject>
#include <QPointF>
#include <QString>

class QCustomPlot;
class QCPItemStraightLine;
class QCPItemText;
class QCPItemTracer;
class QMouseEvent;

namespace vigil {

class PlotCrosshair : public QObject
{
    Q_OBJECT
public:
    explicit PlotCrosshair(QCustomPlot *plot);

    // Moves the crosshair to a pixel position (what mouse moves do).
    void moveTo(const QPointF &pixel);
    void clear();
    // Recomputes the label after the data or the axes changed.
    void update();

    bool isActive() const { return m_active; }
    QString text() const; // the tooltip text, empty when hidden

private:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void place();

    QCustomPlot *m_plot;
    QCPItemStraightLine *m_line;
    QCPItemTracer *m_tracer;
    QCPItemText *m_label;
    QPointF m_pixel;
    bool m_active = false;
};

} // namespace vigil

// Applies the widget palette to a QCustomPlot (background, axes, grid, tick labels,
// legend), so the dashboards follow the light / dark / high-contrast themes; and value-axis
// tickers that label with SI suffixes (12k, 1.5M) or any formatter (latencies: "2 µs").
//
// Threads: GUI thread only.
#pragma once

#include <QSharedPointer>
#include <QString>

#include <functional>

class QCPAxisTicker;
class QCustomPlot;
class QPalette;

namespace vigil {

void applyPlotPalette(QCustomPlot *plot, const QPalette &palette);

// Tick labels with SI suffixes instead of 1.5·10⁶.
QSharedPointer<QCPAxisTicker> siTicker();
// Tick labels from a formatter (called on the GUI thread while painting).
QSharedPointer<QCPAxisTicker> formatTicker(std::function<QString(double)> format);

} // namespace vigil

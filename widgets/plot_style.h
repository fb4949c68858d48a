// Applies the widget palette to a QCustomPlot (background, axes, grid, tick labels,
// legend), so the dashboards follow the light / dark / high-contrast themes.
//
// Threads: GUI thread only.
#pragma once

class QCustomPlot;
class QPalette;

namespace vigil {

void applyPlotPalette(QCustomPlot *plot, const QPalette &palette);

} // namespace vigil

#include "widgets/plot_style.h"

#include "widgets/qcp.h"

namespace vigil {

void applyPlotPalette(QCustomPlot *plot, const QPalette &pal)
{
    const QColor fg = pal.color(QPalette::Text);
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(110);
    plot->setBackground(pal.brush(QPalette::Base));
    for (QCPAxis *axis : plot->axisRect()->axes()) {
        axis->setBasePen(QPen(fg));
        axis->setTickPen(QPen(fg));
        axis->setSubTickPen(QPen(fg));
        axis->setTickLabelColor(fg);
        axis->setLabelColor(fg);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
        axis->setTickLabelFont(plot->font());
        axis->setLabelFont(plot->font());
    }
    if (plot->legend) {
        plot->legend->setBrush(pal.brush(QPalette::Base));
        plot->legend->setTextColor(fg);
        plot->legend->setBorderPen(QPen(pal.color(QPalette::Mid)));
        plot->legend->setFont(plot->font());
    }
}

} // namespace vigil

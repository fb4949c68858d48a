#include "widgets/plot_style.h"

#include "widgets/qcp.h"

#include <cmath>

namespace vigil {

namespace {

class SiTicker : public QCPAxisTicker
{
protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar, int) override
    {
        static const struct { double factor; char suffix; } kUnits[] = {
            {1e12, 'T'}, {1e9, 'G'}, {1e6, 'M'}, {1e3, 'k'}};
        const double a = std::abs(tick);
        for (const auto &u : kUnits)
            if (a >= u.factor)
                return locale.toString(tick / u.factor, 'g', 4) + QLatin1Char(u.suffix);
        if (a != 0 && a < 1e-3)
            return locale.toString(tick, 'e', 1);
        return locale.toString(tick, 'g', 4);
    }
};

class FormatTicker : public QCPAxisTicker
{
public:
    explicit FormatTicker(std::function<QString(double)> format) : m_format(std::move(format)) {}

protected:
    QString getTickLabel(double tick, const QLocale &, QChar, int) override { return m_format(tick); }

private:
    std::function<QString(double)> m_format;
};

} // namespace

QSharedPointer<QCPAxisTicker> siTicker()
{
    return QSharedPointer<SiTicker>::create();
}

QSharedPointer<QCPAxisTicker> formatTicker(std::function<QString(double)> format)
{
    return QSharedPointer<FormatTicker>::create(std::move(format));
}

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

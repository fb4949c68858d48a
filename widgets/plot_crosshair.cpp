#include "widgets/plot_crosshair.h"

#include "models/series_list_model.h"
#include "widgets/qcp.h"

#include <QDateTime>

#include <cmath>

namespace vigil {

PlotCrosshair::PlotCrosshair(QCustomPlot *plot)
    : QObject(plot), m_plot(plot), m_line(new QCPItemStraightLine(plot)), m_tracer(new QCPItemTracer(plot)),
      m_label(new QCPItemText(plot))
{
    m_line->setPen(QPen(QColor(0x55, 0x55, 0x55, 160), 0, Qt::DashLine));
    m_line->setSelectable(false);
    m_tracer->setStyle(QCPItemTracer::tsCircle);
    m_tracer->setSize(7);
    m_tracer->setInterpolating(false);
    m_tracer->setSelectable(false);
    m_label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_label->setTextAlignment(Qt::AlignLeft);
    m_label->setPadding(QMargins(6, 4, 6, 4));
    m_label->setBrush(QColor(255, 255, 225, 235));
    m_label->setPen(QPen(QColor(0x88, 0x88, 0x88)));
    m_label->setClipToAxisRect(false);
    m_label->setSelectable(false);
    m_label->position->setType(QCPItemPosition::ptAbsolute);
    clear();
    plot->setMouseTracking(true);
    plot->installEventFilter(this);
}

bool PlotCrosshair::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot) {
        if (event->type() == QEvent::MouseMove) {
            const auto *me = static_cast<QMouseEvent *>(event);
            if (me->buttons() == Qt::NoButton) {
                moveTo(me->position());
                m_plot->replot(QCustomPlot::rpQueuedReplot);
            } else if (m_active) {
                clear();
            }
        } else if (event->type() == QEvent::Leave && m_active) {
            clear();
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        }
    }
    return QObject::eventFilter(watched, event);
}

void PlotCrosshair::moveTo(const QPointF &pixel)
{
    m_pixel = pixel;
    m_active = m_plot->axisRect()->rect().contains(pixel.toPoint()) && m_plot->graphCount() > 0;
    place();
}

void PlotCrosshair::clear()
{
    m_active = false;
    place();
}

void PlotCrosshair::update()
{
    if (m_active)
        place();
}

void PlotCrosshair::place()
{
    QCPGraph *best = nullptr;
    double bestKey = 0, bestValue = 0, bestDistance = std::numeric_limits<double>::max();
    const double key = m_active ? m_plot->xAxis->pixelToCoord(m_pixel.x()) : 0;
    if (m_active) {
        for (int i = 0; i < m_plot->graphCount(); ++i) {
            QCPGraph *g = m_plot->graph(i);
            const auto data = g->data();
            if (data->isEmpty())
                continue;
            auto it = data->findBegin(key, false);
            // nearest of the point at/after key and the one before it
            auto pick = it;
            if (it == data->constEnd() || (it != data->constBegin() && std::abs((it - 1)->key - key) < std::abs(it->key - key)))
                pick = it - 1;
            if (std::isnan(pick->value))
                continue;
            const double px = m_plot->xAxis->coordToPixel(pick->key);
            if (std::abs(px - m_pixel.x()) > 40) // too far from the cursor in time
                continue;
            const double distance = std::abs(m_plot->yAxis->coordToPixel(pick->value) - m_pixel.y());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = g;
                bestKey = pick->key;
                bestValue = pick->value;
            }
        }
    }
    m_line->setVisible(m_active);
    m_tracer->setVisible(best != nullptr);
    m_label->setVisible(m_active);
    if (!m_active)
        return;
    m_line->point1->setCoords(key, 0);
    m_line->point2->setCoords(key, 1);

    QString text;
    if (best) {
        m_tracer->setGraph(best);
        m_tracer->setGraphKey(bestKey);
        m_tracer->setPen(best->pen());
        m_tracer->setBrush(best->pen().color());
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(qint64(std::llround(bestKey * 1000.0)));
        text = best->name() + QLatin1Char('\n') + SeriesListModel::valueText(bestValue) + QStringLiteral("  @ ")
            + t.toString(QStringLiteral("HH:mm:ss.zzz"));
    } else {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(qint64(std::llround(key * 1000.0)));
        text = t.toString(QStringLiteral("HH:mm:ss"));
    }
    m_label->setText(text);
    // Keep the label inside the plot: flip to the left/up near the right/bottom edge.
    const QRect area = m_plot->axisRect()->rect();
    const QFontMetrics fm(m_label->font());
    const QSize size = fm.boundingRect(QRect(0, 0, 2000, 2000), 0, text).size() + QSize(14, 10);
    double x = m_pixel.x() + 14, y = m_pixel.y() + 14;
    if (x + size.width() > area.right())
        x = m_pixel.x() - 14 - size.width();
    if (y + size.height() > area.bottom())
        y = m_pixel.y() - 14 - size.height();
    m_label->position->setCoords(std::max<double>(area.left(), x), std::max<double>(area.top(), y));
}

QString PlotCrosshair::text() const
{
    return m_active && m_label->visible() ? m_label->text() : QString();
}

} // namespace vigil

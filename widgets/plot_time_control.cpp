#include "widgets/plot_time_control.h"

#include "models/refresh_clock.h"
#include "models/time_range.h"
#include "widgets/qcp.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace vigil {

namespace {

constexpr int kMaxReadoutChars = 400; // graph names come from backends: keep the label bounded
constexpr double kZoomPerStep = 0.8;

QString timeText(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}

} // namespace

PlotTimeControl::PlotTimeControl(QCustomPlot *plot, TimeRange &range, RefreshClock &clock)
    : QObject(plot), m_plot(plot), m_range(range), m_clock(clock), m_line(new QCPItemStraightLine(plot)),
      m_label(new QCPItemText(plot))
{
    m_format = [](double v) { return QLocale().toString(v, 'g', 4); };
    m_plot->setInteractions(QCP::Interactions());
    m_line->setSelectable(false);
    m_label->setSelectable(false);
    m_label->setClipToAxisRect(true);
    m_label->setTextAlignment(Qt::AlignLeft);
    m_label->setPadding(QMargins(6, 3, 6, 3));
    m_label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    m_label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_line->setVisible(false);
    m_label->setVisible(false);
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);

    connect(&m_range, &TimeRange::cursorChanged, this, [this] {
        update();
        if (m_plot->isVisible())
            m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    connect(&m_range, &TimeRange::rangeChanged, this, [this] {
        syncAxis();
        update();
        if (m_plot->isVisible())
            m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
}

void PlotTimeControl::syncAxis()
{
    const TimeSpan span = m_range.range(m_clock.nowMs());
    m_plot->xAxis->setRange(double(span.startMs) / 1000.0, double(span.endMs) / 1000.0);
}

double PlotTimeControl::keyAt(double pixelX) const
{
    return m_plot->xAxis->pixelToCoord(pixelX);
}

QString PlotTimeControl::defaultDescribe(std::int64_t cursorMs) const
{
    const double key = double(cursorMs) / 1000.0;
    QStringList lines{timeText(cursorMs)};
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        const QCPGraph *g = m_plot->graph(i);
        if (!g->visible())
            continue;
        const auto data = g->data();
        auto it = data->findEnd(key, false); // first point after the cursor
        QString value = QStringLiteral("–");
        if (it != data->constBegin() && !std::isnan((it - 1)->value))
            value = m_format((it - 1)->value);
        lines << QStringLiteral("%1: %2").arg(g->name(), value);
    }
    return lines.join(QLatin1Char('\n'));
}

void PlotTimeControl::update()
{
    const std::optional<std::int64_t> cursor = m_range.cursorMs();
    const QCPRange x = m_plot->xAxis->range();
    const double key = cursor ? double(*cursor) / 1000.0 : 0;
    const bool shown = cursor && x.contains(key);
    m_line->setVisible(shown);
    m_label->setVisible(shown);
    if (!shown)
        return;
    QColor ink = m_plot->xAxis->basePen().color();
    ink.setAlpha(200);
    m_line->setPen(QPen(ink, 0, Qt::DashLine));
    m_line->point1->setCoords(key, 0);
    m_line->point2->setCoords(key, 1);

    QString text = m_describe ? m_describe(*cursor) : defaultDescribe(*cursor);
    if (text.size() > kMaxReadoutChars)
        text = text.left(kMaxReadoutChars - 1) + QChar(0x2026);
    m_label->setText(text);
    const QPalette pal = m_plot->palette();
    QColor back = pal.color(QPalette::ToolTipBase);
    back.setAlpha(235);
    m_label->setBrush(back);
    m_label->setColor(pal.color(QPalette::ToolTipText));
    m_label->setPen(QPen(ink));
    m_label->setFont(m_plot->font());
    // Left of the line in the right half, so the label stays inside the plot.
    const bool rightHalf = key > x.center();
    m_label->setPositionAlignment(Qt::AlignTop | (rightHalf ? Qt::AlignRight : Qt::AlignLeft));
    m_label->position->setCoords(key, 0.02);
}

QString PlotTimeControl::readout() const
{
    return m_label->visible() ? m_label->text() : QString();
}

void PlotTimeControl::hover(const QPointF &pixel)
{
    if (m_plot->axisRect()->rect().contains(pixel.toPoint()))
        m_range.setCursor(std::llround(keyAt(pixel.x()) * 1000.0));
    else
        m_range.clearCursor();
}

void PlotTimeControl::leave()
{
    m_range.clearCursor();
}

void PlotTimeControl::dragTo(const QPointF &from, const QPointF &to)
{
    const double deltaSeconds = keyAt(from.x()) - keyAt(to.x());
    m_range.pan(std::llround(deltaSeconds * 1000.0), m_clock.nowMs());
}

void PlotTimeControl::wheel(const QPointF &pixel, double steps)
{
    if (steps == 0)
        return;
    const std::int64_t anchor = std::llround(keyAt(pixel.x()) * 1000.0);
    m_range.zoom(std::pow(kZoomPerStep, steps), anchor, m_clock.nowMs());
}

bool PlotTimeControl::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot)
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        const auto *me = static_cast<QMouseEvent *>(event);
        if (me->button() == Qt::LeftButton && m_plot->axisRect()->rect().contains(me->position().toPoint())) {
            m_dragging = true;
            m_dragFrom = me->position();
        }
        break;
    }
    case QEvent::MouseMove: {
        const auto *me = static_cast<QMouseEvent *>(event);
        if (m_dragging && (me->buttons() & Qt::LeftButton)) {
            dragTo(m_dragFrom, me->position());
            m_dragFrom = me->position();
        }
        hover(me->position());
        break;
    }
    case QEvent::MouseButtonRelease:
        m_dragging = false;
        break;
    case QEvent::MouseButtonDblClick:
        m_range.resume();
        return true;
    case QEvent::Wheel: {
        const auto *we = static_cast<QWheelEvent *>(event);
        wheel(we->position(), we->angleDelta().y() / 120.0);
        return true;
    }
    case QEvent::Leave:
        m_dragging = false;
        leave();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace vigil

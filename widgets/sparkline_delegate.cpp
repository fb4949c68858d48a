#include "widgets/sparkline_delegate.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>

namespace vigil {

SparklineDelegate::SparklineDelegate(int trendRole, int scaleRole, QObject *parent)
    : QStyledItemDelegate(parent), m_trendRole(trendRole), m_scaleRole(scaleRole)
{
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return {120, option.fontMetrics.height() + 4};
}

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    opt.text.clear();
    QStyledItemDelegate::paint(painter, opt, index); // background, selection
    const QList<double> values = index.data(m_trendRole).value<QList<double>>();
    if (values.size() < 2)
        return;
    // Scaled to the data's own range so a trend shows even far below capacity; the
    // capacity only caps the top (a value above it is drawn at the top).
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double v : values)
        if (std::isfinite(v))
            lo = std::min(lo, v), hi = std::max(hi, v);
    if (!std::isfinite(lo))
        return;
    const double capacity = index.data(m_scaleRole).toDouble();
    if (capacity > 0)
        hi = std::min(hi, capacity);
    if (!(hi > lo)) {
        lo -= 1;
        hi += 1;
    }
    const QRectF r = QRectF(option.rect).adjusted(3, 3, -3, -3);
    QPainterPath path;
    bool pen = false;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const double v = values[i];
        if (!std::isfinite(v)) {
            pen = false;
            continue;
        }
        const QPointF pt(r.left() + r.width() * double(i) / double(values.size() - 1),
                         r.bottom() - r.height() * std::clamp((v - lo) / (hi - lo), 0.0, 1.0));
        if (pen)
            path.lineTo(pt);
        else
            path.moveTo(pt);
        pen = true;
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(QPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight), 1.5));
    painter->drawPath(path);
    painter->restore();
}

} // namespace vigil

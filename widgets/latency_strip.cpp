#include "widgets/latency_strip.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace vigil {

LatencyStrip::LatencyStrip(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize LatencyStrip::sizeHint() const
{
    return {400, fontMetrics().height() * 2};
}

QSize LatencyStrip::minimumSizeHint() const
{
    return {120, fontMetrics().height() * 2};
}

void LatencyStrip::setDistribution(std::vector<HistogramBucket> buckets, std::vector<double> marks)
{
    m_buckets = std::move(buckets);
    m_marks = std::move(marks);
    // Log axis from the first positive bound / 10 to the highest finite bound.
    double lo = 0, hi = 0;
    for (const HistogramBucket &b : m_buckets) {
        if (!std::isfinite(b.upperBound) || b.upperBound <= 0)
            continue;
        lo = lo == 0 ? b.upperBound : std::min(lo, b.upperBound);
        hi = std::max(hi, b.upperBound);
    }
    if (lo > 0 && hi > lo) {
        m_logMin = std::log10(lo / 10);
        m_logMax = std::log10(hi);
    } else {
        m_logMin = 0;
        m_logMax = 1;
    }
    update();
}

double LatencyStrip::position(double value) const
{
    if (!(value > 0))
        return 0;
    if (std::isinf(value))
        return 1;
    return std::clamp((std::log10(value) - m_logMin) / (m_logMax - m_logMin), 0.0, 1.0);
}

void LatencyStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRectF r = QRectF(rect()).adjusted(1, 1, -1, -1);
    p.fillRect(r, palette().color(QPalette::Base));
    const double total = m_buckets.empty() ? 0 : m_buckets.back().count;
    if (total > 0) {
        QColor c = palette().color(QPalette::Highlight);
        double prevBound = 0, prevCount = 0, maxShare = 0;
        for (const HistogramBucket &b : m_buckets)
            maxShare = std::max(maxShare, (b.count - prevCount) / total), prevCount = std::max(prevCount, b.count);
        prevCount = 0;
        for (const HistogramBucket &b : m_buckets) {
            const double share = std::max(0.0, b.count - prevCount) / total;
            prevCount = std::max(prevCount, b.count);
            const double x0 = r.left() + position(prevBound) * r.width();
            const double x1 = r.left() + position(b.upperBound) * r.width();
            prevBound = b.upperBound;
            if (share <= 0 || x1 <= x0)
                continue;
            c.setAlphaF(float(0.15 + 0.85 * share / maxShare));
            p.fillRect(QRectF(x0, r.top(), x1 - x0, r.height()), c);
        }
    }
    p.setPen(QPen(palette().color(QPalette::Text), 2));
    for (double m : m_marks) {
        if (!std::isfinite(m))
            continue;
        const double x = r.left() + position(m) * r.width();
        p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));
    }
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(r);
}

} // namespace vigil

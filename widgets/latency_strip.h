// LatencyStrip: the latency distribution of the window as one horizontal strip — each
// bucket a segment on a log-scaled axis whose opacity follows its share of the
// observations — with marks at P50/P90/P99. Drawn with the palette (highlight on base).
//
// Threads: GUI thread only.
#pragma once

#include "core/analysis/histogram_query.h"

#include <QWidget>

#include <vector>

namespace vigil {

class LatencyStrip : public QWidget
{
    Q_OBJECT
public:
    explicit LatencyStrip(QWidget *parent = nullptr);

    // Window buckets (cumulative) and the percentile values to mark.
    void setDistribution(std::vector<HistogramBucket> buckets, std::vector<double> marks);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    double position(double value) const; // 0..1 along the strip

    std::vector<HistogramBucket> m_buckets;
    std::vector<double> m_marks;
    double m_logMin = 0, m_logMax = 1;
};

} // namespace vigil

#include "widgets/lod_graph.h"

#include "widgets/qcp.h"

#include <algorithm>
#include <cmath>

namespace vigil {

LodGraph::LodGraph(QCPGraph *graph) : QObject(graph), m_graph(graph)
{
    m_graph->setAdaptiveSampling(false);
    // Points already in the graph move into the pyramid (the container is key-sorted).
    m_pyramid.reserve(std::size_t(m_graph->data()->size()));
    for (auto it = m_graph->data()->constBegin(); it != m_graph->data()->constEnd(); ++it)
        m_pyramid.append(it->key, it->value);
    connect(m_graph->keyAxis(), qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, &LodGraph::update);
    // The layout step of a replot may change the axis rect's width (tick labels grow,
    // the widget was resized); it runs before anything is drawn.
    connect(m_graph->parentPlot(), &QCustomPlot::afterLayout, this, &LodGraph::update);
    redecimate();
}

std::size_t LodGraph::addData(std::span<const LodPoint> points, Update when)
{
    const std::size_t stored = m_pyramid.append(points);
    if (stored > 0)
        ++m_dataVersion;
    if (when == Update::Now)
        update();
    return stored;
}

void LodGraph::removeBefore(double key, Update when)
{
    const std::size_t before = m_pyramid.size();
    m_pyramid.removeBefore(key);
    if (m_pyramid.size() != before)
        ++m_dataVersion;
    if (when == Update::Now)
        update();
}

void LodGraph::clear(Update when)
{
    m_pyramid.clear();
    ++m_dataVersion;
    if (when == Update::Now)
        update();
}

int LodGraph::currentColumns() const
{
    const QCPAxis *axis = m_graph->keyAxis();
    const QRect rect = axis->axisRect()->rect();
    const int logical = axis->orientation() == Qt::Horizontal ? rect.width() : rect.height();
    return std::max(1, int(std::ceil(logical * m_graph->parentPlot()->bufferDevicePixelRatio())));
}

void LodGraph::update()
{
    const QCPRange range = m_graph->keyAxis()->range();
    if (m_decimatedVersion == m_dataVersion && range.lower == m_lower && range.upper == m_upper
        && currentColumns() == m_columns)
        return;
    redecimate();
}

void LodGraph::redecimate()
{
    const QCPRange range = m_graph->keyAxis()->range();
    m_lower = range.lower;
    m_upper = range.upper;
    m_columns = currentColumns();
    m_decimatedVersion = m_dataVersion;
    ++m_decimations;
    m_pyramid.decimate(m_lower, m_upper, m_columns, m_scratch);
    QVector<QCPGraphData> points;
    points.reserve(qsizetype(m_scratch.size()));
    for (const LodPoint &p : m_scratch)
        points.append(QCPGraphData(p.key, p.value));
    m_graph->data()->set(points, true);
}

} // namespace vigil

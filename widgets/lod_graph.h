// LodGraph: draws a LodPyramid through one QCPGraph. The pyramid owns the full data;
// the graph's data container only ever holds the decimated points for the key axis'
// current range at the axis rect's width in device pixels (first/min/max/last per
// pixel column, see LodPyramid::decimate), so redraws cost the same for 10 k or 10 M
// points. It re-decimates when the key axis range changes, when the plot's layout
// changes the axis rect's width (checked after every layout step of a replot, before
// drawing) and when data is appended or dropped. QCustomPlot's own adaptive sampling
// is turned off for the graph: the points it gets are already a few per column.
// The graph's data are real samples; anything reading it (crosshair, value-axis
// rescale) sees each column's true extremes.
//
// Lifetime: a child of the graph, deleted with it; points the graph already had move
// into the pyramid. The graph's key axis must not be replaced afterwards, and its data
// is only changed through the LodGraph. Threads: GUI thread only.
#pragma once

#include "models/lod_pyramid.h"

#include <QObject>

#include <cstdint>
#include <span>
#include <vector>

class QCPGraph;

namespace vigil {

class LodGraph : public QObject
{
    Q_OBJECT
public:
    enum class Update {
        Now,  // re-decimate at once
        Later // the caller calls update() soon (the next replot does it in any case)
    };

    explicit LodGraph(QCPGraph *graph);

    QCPGraph *graph() const { return m_graph; }
    const LodPyramid &pyramid() const { return m_pyramid; }

    void reserve(std::size_t points) { m_pyramid.reserve(points); }
    // Appends in key order (see LodPyramid::append); returns how many were stored.
    std::size_t addData(std::span<const LodPoint> points, Update when = Update::Now);
    void removeBefore(double key, Update when = Update::Now);
    void clear(Update when = Update::Now);

    // Re-decimates if the range, the width or the data changed since the last time.
    void update();
    // Re-decimates unconditionally.
    void redecimate();

    // Pixel columns used by the last decimation, and how many decimations ran.
    int columns() const { return m_columns; }
    std::uint64_t decimations() const { return m_decimations; }

private:
    int currentColumns() const;

    QCPGraph *m_graph;
    LodPyramid m_pyramid;
    std::vector<LodPoint> m_scratch;
    std::uint64_t m_dataVersion = 0;
    std::uint64_t m_decimatedVersion = ~std::uint64_t(0);
    double m_lower = 0;
    double m_upper = 0;
    int m_columns = 0;
    std::uint64_t m_decimations = 0;
};

} // namespace vigil

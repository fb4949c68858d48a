// LodGraph on an offscreen QCustomPlot: the graph holds the raw points when they are
// few, and after a range change, a resize or an append it holds at most 4 values per
// pixel column of the axis rect, with single-sample spikes, the gap and one point
// beyond each edge; nothing is redone when nothing changed.
#include "models/lod_pyramid.h"
#include "widgets/lod_graph.h"
#include "widgets/qcp.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <memory>
#include <random>

using namespace vigil;

namespace {

constexpr std::size_t kN = 1'000'000;
constexpr std::size_t kSpike = 612'345;
constexpr std::size_t kGap = 300'001;

std::vector<LodPoint> walk()
{
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> u(-0.5, 0.5);
    std::vector<LodPoint> p(kN);
    double v = 0;
    for (std::size_t i = 0; i < kN; ++i) {
        v += u(rng);
        p[i] = {double(i) * 0.01, v};
    }
    p[kSpike].value = 1e5;
    p[kGap].value = std::numeric_limits<double>::quiet_NaN();
    return p;
}

bool holds(QCPGraph *g, double key, double value)
{
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        if (it->key == key && (it->value == value || (std::isnan(value) && std::isnan(it->value))))
            return true;
    return false;
}

} // namespace

class TstLodGraph : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_plot = std::make_unique<QCustomPlot>();
        m_plot->resize(900, 400);
        m_plot->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_plot.get()));
        m_graph = m_plot->addGraph();
        m_lod = new LodGraph(m_graph);
        m_plot->replot();
    }
    void cleanup() { m_plot.reset(); }

    void fewPointsAreDrawnAsTheyAre()
    {
        QVERIFY(!m_graph->adaptiveSampling());
        const std::vector<LodPoint> pts = {{1, 5}, {2, 7}, {3, std::nan("")}, {4, 9}};
        QCOMPARE(m_lod->addData(pts), std::size_t(4));
        m_plot->xAxis->setRange(0, 5);
        QCOMPARE(m_graph->data()->size(), 4);
        QCOMPARE(m_graph->data()->at(1)->value, 7.0);
        QVERIFY(std::isnan(m_graph->data()->at(2)->value));
    }

    void takesOverTheGraphsPoints()
    {
        QCPGraph *g = m_plot->addGraph();
        for (int i = 0; i < 100'000; ++i)
            g->addData(i, i == 50'001 ? 1e4 : i % 7);
        auto *lod = new LodGraph(g);
        QCOMPARE(lod->pyramid().size(), std::size_t(100'000));
        m_plot->xAxis->setRange(0, 99'999);
        QVERIFY(g->data()->size() <= 4 * lod->columns());
        QVERIFY(holds(g, 50'001, 1e4));
        QCOMPARE(g->data()->constBegin()->key, 0.0);
        QCOMPARE((g->data()->constEnd() - 1)->key, 99'999.0);
    }

    void rangeChangeLeavesFourPointsPerColumnWithTheSpike()
    {
        const std::vector<LodPoint> pts = walk();
        m_lod->addData(pts);
        const std::uint64_t before = m_lod->decimations();
        m_plot->xAxis->setRange(pts.front().key, pts.back().key); // full view
        QCOMPARE(m_lod->decimations(), before + 1);
        QCOMPARE(m_lod->columns(), m_plot->axisRect()->width());
        verifyColumns();
        QVERIFY(holds(m_graph, pts[kSpike].key, 1e5));
        QVERIFY(holds(m_graph, pts[kGap].key, pts[kGap].value));

        // Zoomed in around the spike: one point beyond each edge so lines reach them.
        const double lo = pts[kSpike].key - 333.3, hi = pts[kSpike].key + 111.1;
        m_plot->xAxis->setRange(lo, hi);
        verifyColumns();
        QVERIFY(holds(m_graph, pts[kSpike].key, 1e5));
        QVERIFY(m_graph->data()->constBegin()->key < lo);
        QVERIFY((m_graph->data()->constEnd() - 1)->key > hi);

        // Same range, same width, same data: nothing to redo.
        const std::uint64_t done = m_lod->decimations();
        m_plot->replot();
        m_lod->update();
        QCOMPARE(m_lod->decimations(), done);
    }

    void resizeAndAppendRedecimate()
    {
        const std::vector<LodPoint> pts = walk();
        m_lod->addData(pts);
        m_plot->xAxis->setRange(pts.front().key, pts.back().key + 1000);
        const int wide = m_lod->columns();
        m_plot->resize(500, 400);
        m_plot->replot();
        QVERIFY(m_plot->axisRect()->width() < wide);
        QCOMPARE(m_lod->columns(), m_plot->axisRect()->width());
        verifyColumns();
        QVERIFY(holds(m_graph, pts[kSpike].key, 1e5));

        // Live growth: appended points inside the view show up at once.
        const double next = pts.back().key + 500;
        const std::vector<LodPoint> more = {{next, -1e5}, {next + 1, 3}};
        QCOMPARE(m_lod->addData(more), std::size_t(2));
        QVERIFY(holds(m_graph, next, -1e5));
        QCOMPARE((m_graph->data()->constEnd() - 1)->key, next + 1);
        verifyColumns();

        // Deferred: the graph changes on update() (or the next replot's layout step).
        m_lod->removeBefore(pts[kSpike + 100].key, LodGraph::Update::Later);
        QVERIFY(holds(m_graph, pts[kSpike].key, 1e5));
        m_lod->update();
        QVERIFY(!holds(m_graph, pts[kSpike].key, 1e5));
        QCOMPARE(m_graph->data()->constBegin()->key, pts[kSpike + 100].key);
    }

private:
    // At most 4 values (plus up to 3 NaN breaks) per pixel column of the current view,
    // and at most one point beyond each edge.
    void verifyColumns()
    {
        const QCPRange r = m_plot->xAxis->range();
        const int cols = m_plot->axisRect()->width();
        QCOMPARE(m_lod->columns(), cols);
        std::vector<int> values(std::size_t(cols), 0), gaps(std::size_t(cols), 0);
        int outside = 0;
        for (auto it = m_graph->data()->constBegin(); it != m_graph->data()->constEnd(); ++it) {
            if (it->key < r.lower || it->key > r.upper) {
                ++outside;
                continue;
            }
            int c = 0;
            while (c + 1 < cols && LodPyramid::columnEdge(r.lower, r.upper, cols, c + 1) <= it->key)
                ++c;
            ++(std::isnan(it->value) ? gaps : values)[std::size_t(c)];
        }
        QVERIFY(outside <= 2);
        for (int c = 0; c < cols; ++c) {
            const int n = values[std::size_t(c)];
            QVERIFY2(n <= 4, qPrintable(QStringLiteral("column %1: %2 values").arg(c).arg(n)));
            QVERIFY(gaps[std::size_t(c)] <= 3);
        }
        QVERIFY(m_graph->data()->size() <= 4 * cols + 2 + 3);
    }

    std::unique_ptr<QCustomPlot> m_plot;
    QCPGraph *m_graph = nullptr;
    LodGraph *m_lod = nullptr;
};

QTEST_MAIN(TstLodGraph)
#include "tst_lod_graph.moc"

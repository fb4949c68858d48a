#include "widgets/dashboard_csv.h"

#include "models/cluster_format.h"
#include "widgets/election_timeline.h"
#include "widgets/panel_export.h"

#include <cmath>

namespace vigil {

namespace {

QString leText(double bound)
{
    return std::isinf(bound) ? QStringLiteral("+Inf") : csvNumber(bound);
}

} // namespace

QByteArray histogramWindowCsv(const HistogramOverTime &h)
{
    std::vector<QStringList> rows;
    double previous = 0;
    for (std::size_t b = 0; b < h.upperBounds.size() && b < h.windowCumulative.size(); ++b) {
        rows.push_back({leText(h.upperBounds[b]), csvNumber(std::max(0.0, h.windowCumulative[b] - previous))});
        previous = std::max(previous, h.windowCumulative[b]);
    }
    return tableCsv({QStringLiteral("le"), QStringLiteral("observations")}, rows);
}

QByteArray histogramBinsCsv(const HistogramOverTime &h)
{
    std::vector<QStringList> rows;
    for (int i = 0; i < h.grid.steps && !h.empty(); ++i)
        for (std::size_t b = 0; b < h.upperBounds.size(); ++b)
            rows.push_back({csvTime(h.grid.binEndMs(i)), leText(h.upperBounds[b]), csvNumber(h.binBucketCount(i, b))});
    return tableCsv({QStringLiteral("time"), QStringLiteral("le"), QStringLiteral("observations")}, rows);
}

QByteArray queueTotalsCsv(const std::vector<QueueTotal> &queues)
{
    std::vector<QStringList> rows;
    for (const QueueTotal &q : queues)
        rows.push_back({QString::fromStdString(q.queue), csvNumber(q.depth), csvNumber(q.capacity)});
    return tableCsv({QStringLiteral("queue"), QStringLiteral("depth"), QStringLiteral("capacity")}, rows);
}

QByteArray electionTimelineCsv(const ElectionTimeline &timeline)
{
    std::vector<QStringList> rows;
    const QStringList names = timeline.nodeNames();
    for (int r = 0; r < names.size(); ++r)
        for (const RoleSegment &s : timeline.segments(r))
            rows.push_back({names[r], roleText(s.role), csvTime(s.fromMs), csvTime(s.toMs)});
    return tableCsv({QStringLiteral("node"), QStringLiteral("role"), QStringLiteral("from"), QStringLiteral("to")},
                    rows);
}

} // namespace vigil

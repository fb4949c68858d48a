#include "models/queue_table_model.h"

#include "models/dashboard_format.h"
#include "models/untrusted_text.h"

#include <cmath>
#include <limits>

namespace vigil {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kMaxNameChars = 128;

bool sameDouble(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

} // namespace

QueueTableModel::QueueTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int QueueTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueueTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

double QueueTableModel::value(const QueueRow &r, int column)
{
    switch (column) {
    case DepthColumn: return r.depth;
    case CapacityColumn: return r.capacity;
    case FillColumn: return r.fill();
    case PushColumn: return r.pushPerSec;
    case PopColumn: return r.popPerSec;
    case FullColumn: return r.fullIncrease;
    case EtaColumn:
        return r.eta.trend == QueueTrend::Filling || r.eta.trend == QueueTrend::Draining ? r.eta.seconds : kNaN;
    case StatusColumn: return double(int(r.status));
    default: return kNaN;
    }
}

QVariant QueueTableModel::display(const Entry &e, int column) const
{
    const QueueRow &r = e.row;
    switch (column) {
    case NodeColumn: return e.node;
    case QueueColumn: return e.queue;
    case DepthColumn: return DashboardFormat::count(r.depth);
    case CapacityColumn: return DashboardFormat::count(r.capacity);
    case FillColumn: return DashboardFormat::percent(r.fill());
    case PushColumn: return DashboardFormat::rate(r.pushPerSec);
    case PopColumn: return DashboardFormat::rate(r.popPerSec);
    case FullColumn: return DashboardFormat::count(r.fullIncrease);
    case EtaColumn: return DashboardFormat::eta(r.eta);
    case StatusColumn: return DashboardFormat::status(r.status);
    default: return {};
    }
}

QVariant QueueTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) // a legal question (QAbstractItemModelTester asks it); checkIndex would warn
        return {};
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_rows[std::size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return display(e, column);
    case Qt::TextAlignmentRole:
        if (column >= DepthColumn && column <= EtaColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case Qt::DecorationRole:
        if (column == StatusColumn)
            return statusColor(e.row.status);
        return {};
    case ValueRole:
        return value(e.row, column);
    case StatusRole:
        return int(e.row.status);
    case CapacityRole:
        return e.row.capacity;
    case TrendRole: {
        QList<double> trend;
        trend.reserve(qsizetype(e.row.depthTrend.size()));
        for (double v : e.row.depthTrend)
            trend.append(v);
        return QVariant::fromValue(trend);
    }
    default:
        return {};
    }
}

QVariant QueueTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NodeColumn: return tr("Node");
    case QueueColumn: return tr("Queue");
    case DepthColumn: return tr("Depth");
    case CapacityColumn: return tr("Capacity");
    case FillColumn: return tr("Fill");
    case PushColumn: return tr("Push/s");
    case PopColumn: return tr("Pop/s");
    case FullColumn: return tr("Full events");
    case EtaColumn: return tr("Full / drained");
    case StatusColumn: return tr("Status");
    case TrendColumn: return tr("Depth trend");
    default: return {};
    }
}

bool QueueTableModel::sameValues(const QueueRow &a, const QueueRow &b)
{
    if (!sameDouble(a.depth, b.depth) || !sameDouble(a.capacity, b.capacity) ||
        !sameDouble(a.pushPerSec, b.pushPerSec) || !sameDouble(a.popPerSec, b.popPerSec) ||
        !sameDouble(a.fullIncrease, b.fullIncrease) || a.eta.trend != b.eta.trend ||
        !sameDouble(a.eta.seconds, b.eta.seconds) || a.status != b.status || a.lastMs != b.lastMs ||
        a.depthTrend.size() != b.depthTrend.size())
        return false;
    for (std::size_t i = 0; i < a.depthTrend.size(); ++i)
        if (!sameDouble(a.depthTrend[i], b.depthTrend[i]))
            return false;
    return true;
}

void QueueTableModel::setRows(std::vector<QueueRow> rows)
{
    bool sameKeys = rows.size() == m_rows.size();
    for (std::size_t i = 0; sameKeys && i < rows.size(); ++i)
        sameKeys = rows[i].node == m_rows[i].row.node && rows[i].queue == m_rows[i].row.queue;
    if (!sameKeys) {
        // The set of queues changed (rare: a node joined or left): rebuild.
        beginResetModel();
        m_rows.clear();
        m_rows.reserve(rows.size());
        for (QueueRow &r : rows) {
            Entry e;
            e.node = untrustedText(r.node, kMaxNameChars);
            e.queue = untrustedText(r.queue, kMaxNameChars);
            e.row = std::move(r);
            m_rows.push_back(std::move(e));
        }
        endResetModel();
        return;
    }
    int first = -1, last = -1;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (sameValues(rows[i], m_rows[i].row))
            continue;
        m_rows[i].row = std::move(rows[i]);
        if (first < 0)
            first = int(i);
        last = int(i);
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, DepthColumn), index(last, TrendColumn),
                           {Qt::DisplayRole, Qt::ToolTipRole, Qt::DecorationRole, ValueRole, StatusRole, TrendRole,
                            CapacityRole});
}

std::int64_t QueueTableModel::lastSampleMs() const
{
    std::int64_t newest = 0;
    for (const Entry &e : m_rows)
        newest = std::max(newest, e.row.lastMs);
    return newest;
}

QColor QueueTableModel::statusColor(QueueStatus status)
{
    // Mid-lightness hues: enough contrast against both white and near-black.
    switch (status) {
    case QueueStatus::Ok: return QColor(0x2e, 0xa0, 0x43);
    case QueueStatus::Warn: return QColor(0xd9, 0x8e, 0x04);
    case QueueStatus::Stall: return QColor(0xe0, 0x3e, 0x3e);
    }
    return {};
}

} // namespace vigil

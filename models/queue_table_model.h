// QueueTableModel: one row per (node, queue) for the Queues dashboard: depth, capacity,
// fill %, push/s, pop/s, full events over the window, time to full/drained, status
// (OK/WARN/STALL) and a depth trend (TrendRole, drawn as a sparkline by the view).
// It does not read the store itself: the page computes QueueRows (queryQueues, off the
// GUI thread) and hands them over with setRows(), which emits one dataChanged for rows
// whose values changed, or inserts/removes rows when the set of queues changes.
// Node and queue names are untrusted label values: flattened and capped.
//
// Threads: GUI thread only.
#pragma once

#include "core/analysis/queue_query.h"

#include <QAbstractTableModel>
#include <QColor>

#include <vector>

namespace vigil {

class QueueTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NodeColumn,
        QueueColumn,
        DepthColumn,
        CapacityColumn,
        FillColumn,
        PushColumn,
        PopColumn,
        FullColumn,
        EtaColumn,
        StatusColumn,
        TrendColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        ValueRole = Qt::UserRole + 1, // double: the column's number (NaN if unknown), for sorting
        StatusRole,                   // int (QueueStatus)
        TrendRole,                    // QList<double>: binned depth over the window (NaN: gap)
        CapacityRole,                 // double
    };
    Q_ENUM(Role)

    explicit QueueTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRows(std::vector<QueueRow> rows);
    const QueueRow &rowAt(int row) const { return m_rows[std::size_t(row)].row; }
    // Newest depth sample over all rows (0 if none).
    std::int64_t lastSampleMs() const;

    // Fixed semantic colours, chosen to read on light and dark backgrounds.
    static QColor statusColor(QueueStatus status);

private:
    struct Entry
    {
        QueueRow row;
        QString node;
        QString queue;
    };
    QVariant display(const Entry &e, int column) const;
    static double value(const QueueRow &r, int column);
    static bool sameValues(const QueueRow &a, const QueueRow &b);

    std::vector<Entry> m_rows;
};

} // namespace vigil

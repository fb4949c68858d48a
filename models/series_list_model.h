// SeriesListModel: the series catalog of the SeriesStore as a table (metric, labels,
// type, last value / stale). Grows incrementally: on RefreshClock::tick() it checks
// the store's generation and appends only series with ids it has not seen (catalog(fromId))
// in one beginInsertRows; last values are re-read only when the hub applied new
// samples, reported with one dataChanged per tick for the changed roles.
// Label text is untrusted (comes from scrape bodies): flattened and capped.
//
// Threads: GUI thread only. The hub must outlive the model.
#pragma once

#include "core/store/series_store.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <vector>

namespace vigil {

class IngestHub;
class RefreshClock;

class SeriesListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { MetricColumn, LabelsColumn, TypeColumn, ValueColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        SeriesIdRole = Qt::UserRole + 1, // uint (SeriesId)
        MetricRole,                      // QString
        LabelsTextRole,                  // QString: a="x", b="y" (capped)
        TypeRole,                        // int (expo::MetricType)
        TypeNameRole,                    // QString
        LastValueRole,                   // double (NaN if none)
        LastTimestampRole,               // qint64 ms since epoch
        StaleRole,                       // bool
        PlotsAsRateRole,                 // bool: counters are plotted as per-second rate
        DisplayNameRole,                 // QString: metric{labels}
    };
    Q_ENUM(Role)

    SeriesListModel(const IngestHub &hub, RefreshClock &clock, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Row access for the filter proxy and the explorer (row in this model).
    const SeriesMeta &metaAt(int row) const { return m_rows[std::size_t(row)].meta; }
    int rowOf(SeriesId id) const;
    static QString typeName(expo::MetricType type);
    static QString labelsText(const Labels &labels);
    static QString valueText(double value);

    // Pulls from the hub now (normally driven by the clock).
    void refresh();

private:
    struct Row
    {
        SeriesMeta meta;
        QString metric;
        QString labels;
        SeriesStatus status;
        bool asRate = false;
    };
    Row makeRow(SeriesMeta meta) const;

    const IngestHub &m_hub;
    RefreshClock &m_clock;
    std::vector<Row> m_rows;
    std::vector<int> m_rowById;          // SeriesId -> row, -1 if none
    SeriesId m_nextId = 0;
    std::uint64_t m_generation = ~std::uint64_t(0);
    std::uint64_t m_dataStamp = ~std::uint64_t(0);
    std::vector<SeriesId> m_idScratch;          // reused each tick for the batched status read
    std::vector<SeriesStatus> m_statusScratch;
    int m_recheckFrom = 0, m_recheckTo = 0; // rows whose metadata may still be landing
};

} // namespace vigil

// EventSourcesModel: one row per stream source of the event engine (URL, state,
// events/s, lines, malformed, dropped, last framing error with line/offset/excerpt),
// fed from EngineSnapshot::sources by whoever polls the engine (the Engine panel).
// New sources are appended with one beginInsertRows; changed cells are reported with
// one dataChanged per update over the changed rows. Text is untrusted: flattened,
// capped, plain.
//
// Threads: GUI thread only.
#pragma once

#include "core/engine/event_types.h"

#include <QAbstractTableModel>
#include <QColor>

#include <array>
#include <vector>

namespace vigil {

class EventSourcesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { UrlColumn, StateColumn, RateColumn, LinesColumn, MalformedColumn, DroppedColumn, ErrorColumn,
                  ColumnCount };
    Q_ENUM(Column)
    enum Role { SourceIdRole = Qt::UserRole + 1, EndedRole };
    Q_ENUM(Role)

    explicit EventSourcesModel(QObject *parent = nullptr);

    void update(const std::vector<SourceStats> &sources);
    const SourceStats &sourceAt(int row) const { return m_rows[std::size_t(row)].stats; }

    // "line 12, offset 3,456: line exceeds 1 MiB limit — {"id":…" (plain, capped).
    static QString errorText(const FramingError &error);
    static QColor stateColor(const SourceStats &source);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        SourceStats stats;
        std::array<QString, ColumnCount> text;
    };
    static QString cellText(const SourceStats &s, int column);

    std::vector<Row> m_rows;
};

} // namespace vigil

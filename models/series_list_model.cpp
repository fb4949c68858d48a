#include "models/series_list_model.h"

#include "core/hub/ingest_hub.h"
#include "models/refresh_clock.h"
#include "models/series_math.h"
#include "models/untrusted_text.h"

#include <QColor>
#include <QFont>

#include <algorithm>
#include <cmath>
#include <limits>

namespace vigil {

SeriesListModel::SeriesListModel(const IngestHub &hub, RefreshClock &clock, QObject *parent)
    : QAbstractTableModel(parent), m_hub(hub), m_clock(clock)
{
    connect(&clock, &RefreshClock::tick, this, &SeriesListModel::refresh);
}

QString SeriesListModel::typeName(expo::MetricType type)
{
    using expo::MetricType;
    switch (type) {
    case MetricType::Counter: return QStringLiteral("counter");
    case MetricType::Gauge: return QStringLiteral("gauge");
    case MetricType::Histogram: return QStringLiteral("histogram");
    case MetricType::Summary: return QStringLiteral("summary");
    case MetricType::GaugeHistogram: return QStringLiteral("gaugehistogram");
    case MetricType::Info: return QStringLiteral("info");
    case MetricType::StateSet: return QStringLiteral("stateset");
    case MetricType::Untyped: break;
    }
    return QStringLiteral("untyped");
}

QString SeriesListModel::labelsText(const Labels &labels)
{
    // The labels that tell series of one target apart (queue, priority, le) come first;
    // the target's own instance and job, the same on every row of it, come last.
    std::vector<const Label *> ordered;
    for (const Label &l : labels)
        if (l.name != "instance" && l.name != "job")
            ordered.push_back(&l);
    for (const Label &l : labels)
        if (l.name == "instance" || l.name == "job")
            ordered.push_back(&l);
    QString out;
    for (const Label *lp : ordered) {
        const Label &l = *lp;
        if (!out.isEmpty())
            out += QStringLiteral(", ");
        QString value = QString::fromStdString(l.value);
        value.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
        out += QString::fromStdString(l.name) + QStringLiteral("=\"") + value + QLatin1Char('"');
        if (out.size() > kMaxCellChars)
            break;
    }
    return untrustedText(out);
}

QString SeriesListModel::valueText(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return QString::number(static_cast<qint64>(value));
    return QString::number(value, 'g', 6);
}

SeriesListModel::Row SeriesListModel::makeRow(SeriesMeta meta) const
{
    Row row;
    row.metric = untrustedText(meta.metric);
    row.labels = labelsText(meta.labels);
    row.asRate = plotsAsRate(meta.type, meta.metric);
    row.status = m_hub.store().status(meta.id);
    row.meta = std::move(meta);
    return row;
}

int SeriesListModel::rowOf(SeriesId id) const
{
    return id < m_rowById.size() ? m_rowById[id] : -1;
}

void SeriesListModel::refresh()
{
    const SeriesStore &store = m_hub.store();
    int firstRow = std::numeric_limits<int>::max(), lastRow = -1, firstCol = ColumnCount, lastCol = -1;
    QList<int> roles;
    const auto touch = [&](int row, int col, std::initializer_list<int> rs) {
        firstRow = std::min(firstRow, row);
        lastRow = std::max(lastRow, row);
        firstCol = std::min(firstCol, col);
        lastCol = std::max(lastCol, col);
        for (int r : rs)
            if (!roles.contains(r))
                roles.append(r);
    };

    // The hub interns a series and sets its metadata in two steps; rows appended on
    // the previous tick get their metadata read once more.
    for (int r = m_recheckFrom; r < m_recheckTo; ++r) {
        Row &row = m_rows[std::size_t(r)];
        const std::optional<SeriesMeta> meta = store.meta(row.meta.id);
        if (meta && (meta->type != row.meta.type || meta->help != row.meta.help)) {
            row.meta.type = meta->type;
            row.meta.help = meta->help;
            row.meta.unit = meta->unit;
            row.asRate = plotsAsRate(row.meta.type, row.meta.metric);
            touch(r, TypeColumn, {Qt::DisplayRole, Qt::ToolTipRole, TypeRole, TypeNameRole, PlotsAsRateRole});
        }
    }
    m_recheckFrom = m_recheckTo = 0;

    const IngestHub::Stats hubStats = m_hub.stats();
    const std::uint64_t stamp = hubStats.batchesApplied * 1000003u + hubStats.samplesApplied;
    if (stamp != m_dataStamp) {
        m_dataStamp = stamp;
        m_idScratch.resize(m_rows.size());
        m_statusScratch.resize(m_rows.size());
        for (std::size_t i = 0; i < m_rows.size(); ++i)
            m_idScratch[i] = m_rows[i].meta.id;
        store.statuses(m_idScratch, m_statusScratch);
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            Row &row = m_rows[i];
            const SeriesStatus &st = m_statusScratch[i];
            if (st.lastTimestampMs == row.status.lastTimestampMs && st.stale == row.status.stale
                && st.samples == row.status.samples)
                continue;
            const bool staleChanged = st.stale != row.status.stale;
            const bool valueChanged = st.lastValue != row.status.lastValue;
            row.status = st;
            if (staleChanged) {
                touch(int(i), MetricColumn, {Qt::ForegroundRole});
                touch(int(i), ValueColumn, {Qt::DisplayRole, Qt::ForegroundRole, Qt::FontRole, StaleRole,
                                            LastValueRole, LastTimestampRole});
            } else if (valueChanged)
                touch(int(i), ValueColumn, {Qt::DisplayRole, LastValueRole, LastTimestampRole});
            else
                touch(int(i), ValueColumn, {LastTimestampRole});
        }
    }
    if (lastRow >= 0)
        Q_EMIT dataChanged(index(firstRow, firstCol), index(lastRow, lastCol), roles);

    const std::uint64_t generation = store.generation();
    if (generation == m_generation)
        return;
    m_generation = generation;
    std::vector<SeriesMeta> fresh = store.catalog(m_nextId);
    if (fresh.empty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (SeriesMeta &meta : fresh) {
        m_nextId = std::max(m_nextId, meta.id + 1);
        if (m_rowById.size() <= meta.id)
            m_rowById.resize(std::size_t(meta.id) + 1, -1);
        m_rowById[meta.id] = int(m_rows.size());
        m_rows.push_back(makeRow(std::move(meta)));
    }
    endInsertRows();
    m_recheckFrom = first;
    m_recheckTo = int(m_rows.size());
}

int SeriesListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SeriesListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SeriesListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) // a legal question (QAbstractItemModelTester asks it); checkIndex would warn
        return {};
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    const bool hasValue = row.status.samples > 0 || row.status.lastTimestampMs > 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case MetricColumn: return row.metric;
        case LabelsColumn: return row.labels;
        case TypeColumn: return typeName(row.meta.type);
        case ValueColumn:
            if (row.status.stale)
                return tr("stale");
            return hasValue ? valueText(row.status.lastValue) : QString();
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == LabelsColumn)
            return plainToolTip(row.labels);
        if (index.column() == MetricColumn || index.column() == TypeColumn) {
            const QString help = untrustedText(row.meta.help, kMaxToolTipChars);
            return plainToolTip(help.isEmpty() ? row.metric : row.metric + QLatin1Char('\n') + help);
        }
        return {};
    case Qt::ForegroundRole:
        if (row.status.stale)
            return QColor(0x8a, 0x8a, 0x8a);
        return {};
    case Qt::FontRole:
        if (row.status.stale && index.column() == ValueColumn) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ValueColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SeriesIdRole: return uint(row.meta.id);
    case MetricRole: return row.metric;
    case LabelsTextRole: return row.labels;
    case TypeRole: return int(row.meta.type);
    case TypeNameRole: return typeName(row.meta.type);
    case LastValueRole: return hasValue ? row.status.lastValue : std::numeric_limits<double>::quiet_NaN();
    case LastTimestampRole: return qint64(row.status.lastTimestampMs);
    case StaleRole: return row.status.stale;
    case PlotsAsRateRole: return row.asRate;
    case DisplayNameRole:
        return row.labels.isEmpty() ? row.metric : row.metric + QLatin1Char('{') + row.labels + QLatin1Char('}');
    default: break;
    }
    return {};
}

QVariant SeriesListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case MetricColumn: return tr("Metric");
    case LabelsColumn: return tr("Labels");
    case TypeColumn: return tr("Type");
    case ValueColumn: return tr("Last value");
    default: break;
    }
    return {};
}

QHash<int, QByteArray> SeriesListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SeriesIdRole, "seriesId");
    names.insert(MetricRole, "metric");
    names.insert(LabelsTextRole, "labelsText");
    names.insert(TypeRole, "type");
    names.insert(TypeNameRole, "typeName");
    names.insert(LastValueRole, "lastValue");
    names.insert(LastTimestampRole, "lastTimestamp");
    names.insert(StaleRole, "stale");
    names.insert(PlotsAsRateRole, "plotsAsRate");
    names.insert(DisplayNameRole, "displayName");
    return names;
}

} // namespace vigil

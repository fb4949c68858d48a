#include "models/event_sources_model.h"

#include "models/engine_format.h"
#include "models/untrusted_text.h"

#include <algorithm>

namespace vigil {

namespace {

constexpr int kMaxExcerptChars = 80;

} // namespace

EventSourcesModel::EventSourcesModel(QObject *parent) : QAbstractTableModel(parent) {}

QString EventSourcesModel::errorText(const FramingError &error)
{
    if (error.message.empty())
        return {};
    QString text = tr("line %1, offset %2: %3")
                       .arg(countText(error.line), countText(error.offset), untrustedText(error.message));
    if (!error.excerpt.empty())
        text += QStringLiteral(" \u2014 ") + untrustedText(error.excerpt, kMaxExcerptChars);
    return text;
}

QColor EventSourcesModel::stateColor(const SourceStats &source)
{
    if (source.ended)
        return QColor(0x8a, 0x8a, 0x8a);
    if (source.state.starts_with("connected") || source.state.starts_with("listening")
        || source.state.starts_with("reading") || source.state.starts_with("following"))
        return QColor(0x2e, 0x9d, 0x4a);
    return QColor(0xe6, 0x95, 0x00);
}

QString EventSourcesModel::cellText(const SourceStats &s, int column)
{
    switch (column) {
    case UrlColumn: return untrustedText(s.url);
    case StateColumn: return untrustedText(s.state);
    case RateColumn: return rateText(s.eventsPerSecond);
    case LinesColumn: return countText(s.lines);
    case MalformedColumn: return countText(s.malformed);
    case DroppedColumn: return countText(s.dropped);
    case ErrorColumn: return errorText(s.lastError);
    default: break;
    }
    return {};
}

void EventSourcesModel::update(const std::vector<SourceStats> &sources)
{
    std::vector<const SourceStats *> added;
    int firstChanged = -1, lastChanged = -1;
    for (const SourceStats &s : sources) {
        auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const Row &r) { return r.stats.id == s.id; });
        if (it == m_rows.end()) {
            added.push_back(&s);
            continue;
        }
        bool changed = it->stats.ended != s.ended;
        it->stats = s;
        for (int c = 0; c < ColumnCount; ++c) {
            QString text = cellText(s, c);
            if (text != it->text[std::size_t(c)]) {
                it->text[std::size_t(c)] = std::move(text);
                changed = true;
            }
        }
        if (changed) {
            const int row = int(it - m_rows.begin());
            firstChanged = firstChanged < 0 ? row : std::min(firstChanged, row);
            lastChanged = std::max(lastChanged, row);
        }
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1),
                           {Qt::DisplayRole, Qt::ToolTipRole, Qt::DecorationRole, EndedRole});
    if (!added.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const SourceStats *s : added) {
            Row row;
            row.stats = *s;
            for (int c = 0; c < ColumnCount; ++c)
                row.text[std::size_t(c)] = cellText(*s, c);
            m_rows.push_back(std::move(row));
        }
        endInsertRows();
    }
}

int EventSourcesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventSourcesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventSourcesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) // a legal question (QAbstractItemModelTester asks it); checkIndex would warn
        return {};
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return row.text[std::size_t(column)];
    case Qt::ToolTipRole:
        if (column == ErrorColumn && !row.stats.lastError.message.empty())
            return plainToolTip(row.text[ErrorColumn] + QLatin1Char('\n')
                                + untrustedText(row.stats.lastError.excerpt, kMaxToolTipChars));
        if (column == UrlColumn || column == StateColumn)
            return plainToolTip(row.text[std::size_t(column)]);
        return {};
    case Qt::DecorationRole:
        return column == StateColumn ? QVariant(stateColor(row.stats)) : QVariant();
    case Qt::TextAlignmentRole:
        if (column >= RateColumn && column <= DroppedColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SourceIdRole: return uint(row.stats.id);
    case EndedRole: return row.stats.ended;
    default: break;
    }
    return {};
}

QVariant EventSourcesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case UrlColumn: return tr("Source");
    case StateColumn: return tr("State");
    case RateColumn: return tr("Events/s");
    case LinesColumn: return tr("Lines");
    case MalformedColumn: return tr("Malformed");
    case DroppedColumn: return tr("Dropped");
    case ErrorColumn: return tr("Last error");
    default: break;
    }
    return {};
}

} // namespace vigil

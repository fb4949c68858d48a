#include "models/series_filter_proxy.h"

#include "models/series_list_model.h"

#include <QRegularExpression>

#include <cmath>

namespace vigil {

SeriesFilterProxy::SeriesFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void SeriesFilterProxy::setSeriesModel(SeriesListModel *model)
{
    m_series = model;
    setSourceModel(model);
}

QString SeriesFilterProxy::setFilterText(const QString &text)
{
    static const QRegularExpression bareWord(QStringLiteral("^[A-Za-z_:][A-Za-z0-9_:]*$"));
    const QString trimmed = text.trimmed();
    QString error;
    if (trimmed.isEmpty() || bareWord.match(trimmed).hasMatch()) {
        m_substring = trimmed;
        m_selector.reset();
        invalidateRowsFilter();
    } else {
        Result<Selector> parsed = Selector::parse(trimmed.toStdString());
        if (parsed.ok()) {
                m_substring.clear();
            m_selector = std::move(parsed.value());
            invalidateRowsFilter();
        } else {
            error = QString::fromStdString(parsed.error().message);
            if (error.isEmpty())
                error = tr("invalid selector");
        }
    }
    m_text = text;
    if (error != m_error) {
        m_error = error;
        Q_EMIT filterErrorChanged(m_error);
    }
    return error;
}

bool SeriesFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_series || sourceParent.isValid())
        return true;
    const SeriesMeta &meta = m_series->metaAt(sourceRow);
    if (m_selector)
        return m_selector->matches(meta.metric, std::span<const Label>(meta.labels));
    if (m_substring.isEmpty())
        return true;
    return QString::fromStdString(meta.metric).contains(m_substring, Qt::CaseInsensitive);
}

bool SeriesFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == SeriesListModel::ValueColumn) {
        const double a = left.data(SeriesListModel::LastValueRole).toDouble();
        const double b = right.data(SeriesListModel::LastValueRole).toDouble();
        if (a != b)
            return a < b || (std::isnan(b) && !std::isnan(a));
    }
    const int c = QString::compare(left.data().toString(), right.data().toString(), Qt::CaseInsensitive);
    if (c != 0)
        return c < 0;
    // Ties (same metric): by labels, so series of one metric stay in a stable order.
    const QModelIndex l = left.siblingAtColumn(SeriesListModel::LabelsColumn);
    const QModelIndex r = right.siblingAtColumn(SeriesListModel::LabelsColumn);
    return QString::compare(l.data().toString(), r.data().toString(), Qt::CaseInsensitive) < 0;
}

} // namespace vigil

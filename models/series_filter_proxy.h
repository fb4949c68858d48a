// SeriesFilterProxy: filters and sorts a SeriesListModel. The filter text is either
// a bare word (metric-name substring, case-insensitive) or a PromQL-style selector
// `name{label="value",label=~"re"}`. An invalid selector keeps the last valid filter
// and reports its error (with the column) through filterError().
//
// Threads: GUI thread only.
#pragma once

#include "core/store/selector.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace vigil {

class SeriesListModel;

class SeriesFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit SeriesFilterProxy(QObject *parent = nullptr);

    void setSeriesModel(SeriesListModel *model);
    // Returns the error text (empty when the filter was accepted).
    QString setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    QString filterError() const { return m_error; }

Q_SIGNALS:
    void filterErrorChanged(const QString &error);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    SeriesListModel *m_series = nullptr;
    QString m_text;
    QString m_error;
    QString m_substring;             // bare-word filter
    std::optional<Selector> m_selector;
};

} // namespace vigil

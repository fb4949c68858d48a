// EventFilterProxy: filters an EventsModel with an EventFilter (see event_filter.h for
// the language). No sorting: the tail keeps the engine's order. Inserted and evicted
// rows are filtered incrementally by QSortFilterProxyModel; a new filter re-tests every
// row once. An invalid filter keeps the last valid one and reports its error.
//
// Threads: GUI thread only.
#pragma once

#include "models/event_filter.h"

#include <QSortFilterProxyModel>

namespace vigil {

class EventsModel;

class EventFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit EventFilterProxy(QObject *parent = nullptr);

    void setEventsModel(EventsModel *model);
    EventsModel *eventsModel() const { return m_events; }
    // Returns the error text, `col N: message` (empty when the filter was accepted).
    QString setFilterText(const QString &text);
    QString filterError() const { return m_error; }
    const EventFilter &filter() const { return m_filter; }

Q_SIGNALS:
    void filterErrorChanged(const QString &error);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    EventsModel *m_events = nullptr;
    EventFilter m_filter;
    QString m_error;
};

} // namespace vigil

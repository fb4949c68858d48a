#include "models/event_filter_proxy.h"

#include "models/events_model.h"

namespace vigil {

EventFilterProxy::EventFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(false); // rows never change after insertion
}

void EventFilterProxy::setEventsModel(EventsModel *model)
{
    m_events = model;
    setSourceModel(model);
}

QString EventFilterProxy::setFilterText(const QString &text)
{
    Result<EventFilter> parsed = EventFilter::parse(text);
    QString error;
    if (parsed.ok()) {
        m_filter = std::move(parsed.value());
        invalidateRowsFilter();
    } else {
        error = QString::fromStdString(parsed.error().message);
    }
    if (error != m_error) {
        m_error = error;
        Q_EMIT filterErrorChanged(m_error);
    }
    return error;
}

bool EventFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_events || sourceParent.isValid() || m_filter.isEmpty())
        return true;
    const EventRecord &e = m_events->eventAt(sourceRow);
    return m_filter.matches(e, m_events->sourceUrl(e.sourceId));
}

} // namespace vigil

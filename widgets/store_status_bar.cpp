#include "widgets/store_status_bar.h"

#include "core/hub/ingest_hub.h"
#include "models/refresh_clock.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace vigil {

StoreStatusBar::StoreStatusBar(const IngestHub &hub, RefreshClock &clock, QWidget *parent)
    : QWidget(parent), m_hub(hub), m_clock(clock), m_store(new QLabel(this)), m_hubLabel(new QLabel(this))
{
    for (QLabel *l : {m_store, m_hubLabel})
        l->setTextFormat(Qt::PlainText);
    m_store->setToolTip(tr("Series store: series, samples held, memory accounted, samples evicted "
                           "(by retention or memory budget)"));
    m_hubLabel->setToolTip(tr("Ingest hub: batches applied, dropped because the queue was full, "
                              "and waiting"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(18);
    layout->addWidget(m_store);
    layout->addWidget(m_hubLabel);
    connect(&clock, &RefreshClock::tick, this, [this] {
        const std::int64_t now = m_clock.nowMs();
        if (now - m_lastUpdateMs >= 500 || now < m_lastUpdateMs)
            refresh();
    });
    refresh();
}

QString StoreStatusBar::bytesText(std::uint64_t bytes)
{
    return QLocale::system().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

QString StoreStatusBar::storeText() const
{
    const SeriesStore::Stats s = m_hub.store().stats();
    const QLocale locale;
    return tr("Series %1 · Samples %2 · Memory %3 · Evicted %4")
        .arg(locale.toString(qulonglong(s.series)), locale.toString(qulonglong(s.samples)),
             bytesText(s.bytes), locale.toString(qulonglong(s.evictedSamples)));
}

QString StoreStatusBar::hubText() const
{
    const IngestHub::Stats h = m_hub.stats();
    const QLocale locale;
    return tr("Batches %1 · Dropped %2 · Queued %3")
        .arg(locale.toString(qulonglong(h.batchesApplied)), locale.toString(qulonglong(h.batchesDropped)),
             locale.toString(qulonglong(h.queued)));
}

void StoreStatusBar::refresh()
{
    m_lastUpdateMs = m_clock.nowMs();
    const QString store = storeText();
    const QString hub = hubText();
    if (store != m_store->text())
        m_store->setText(store);
    if (hub != m_hubLabel->text())
        m_hubLabel->setText(hub);
}

} // namespace vigil

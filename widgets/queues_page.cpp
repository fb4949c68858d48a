#include "widgets/queues_page.h"

#include "core/hub/ingest_hub.h"
#include "models/queue_table_model.h"
#include "models/refresh_clock.h"
#include "widgets/panel_export.h"
#include "widgets/sparkline_delegate.h"
#include "models/time_range.h"
#include "widgets/time_range_bar.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace vigil {

QueuesPage::QueuesPage(const IngestHub &hub, RefreshClock &clock, TimeRange &range, QWidget *parent)
    : QWidget(parent), m_hub(hub), m_clock(clock), m_range(range), m_rangeBar(new TimeRangeBar(range, clock, this)),
      m_summary(new QLabel(this)), m_model(new QueueTableModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_table(new QTableView(this))
{
    auto *header = new QHBoxLayout;
    auto *title = new QLabel(tr("Queues"), this);
    title->setTextFormat(Qt::PlainText);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    m_summary->setTextFormat(Qt::PlainText);
    header->addWidget(title);
    header->addSpacing(16);
    header->addWidget(m_summary, 1);
    header->addWidget(m_rangeBar);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(QueueTableModel::ValueRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // model order (node, queue) until the user sorts
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setVisible(false);
    // Numbers are never elided: every column but the trend sizes to its contents.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(QueueTableModel::TrendColumn, QHeaderView::Stretch);
    m_table->setItemDelegateForColumn(QueueTableModel::TrendColumn,
                                      new SparklineDelegate(QueueTableModel::TrendRole, QueueTableModel::CapacityRole,
                                                            m_table));
    m_table->setToolTip(tr("Status: STALL when a queue grows (or rejects pushes) while nothing is popped "
                           "for 30 s; WARN above 80% full. Rates over the last minute."));

    installPanelExport(m_table, QStringLiteral("queues"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_table, 1);

    connect(&m_clock, &RefreshClock::tick, this, &QueuesPage::onTick);
}

QueuesPage::~QueuesPage() = default;

QueueQueryOptions QueuesPage::options(std::int64_t nowMs) const
{
    QueueQueryOptions o;
    const TimeSpan span = m_range.range(nowMs);
    o.nowMs = span.endMs;
    o.windowMs = span.lengthMs();
    return o;
}

void QueuesPage::onTick()
{
    if (std::optional<std::vector<QueueRow>> done = m_job.take())
        apply(std::move(*done));
    const std::int64_t now = m_clock.nowMs();
    if (!isVisible() || !m_job.due(now, dashboardRefreshMs(m_range.windowMs()), m_range.isLive(), m_range.version()))
        return;
    const SeriesStore *store = &m_hub.store();
    const QueueQueryOptions o = options(now);
    m_job.start(now, [store, o] { return queryQueues(*store, o); }, m_range.version());
}

void QueuesPage::refreshNow()
{
    m_job.discard();
    const std::int64_t now = m_clock.nowMs();
    m_job.markStarted(now, m_range.version());
    apply(queryQueues(m_hub.store(), options(now)));
}

void QueuesPage::apply(std::vector<QueueRow> rows)
{
    int warn = 0, stall = 0;
    for (const QueueRow &r : rows) {
        warn += r.status == QueueStatus::Warn;
        stall += r.status == QueueStatus::Stall;
    }
    const bool first = m_model->rowCount() == 0;
    m_model->setRows(std::move(rows));
    if (first && m_model->rowCount() > 0)
        m_table->resizeColumnsToContents();
    m_summary->setText(tr("%n queue(s)", nullptr, m_model->rowCount()) + QStringLiteral(" · ") +
                       tr("%1 WARN, %2 STALL").arg(warn).arg(stall));
}

QString QueuesPage::summaryText() const
{
    return m_summary->text();
}

std::int64_t QueuesPage::lastSampleMs() const
{
    return m_model->lastSampleMs();
}

} // namespace vigil

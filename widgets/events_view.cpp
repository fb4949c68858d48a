#include "widgets/events_view.h"

#include "models/engine_format.h"
#include "models/event_filter_proxy.h"
#include "models/events_model.h"
#include "models/refresh_clock.h"
#include "models/untrusted_text.h"
#include "widgets/panel_export.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace vigil {

EventsView::EventsView(const EventFeed &feed, RefreshClock &clock, QWidget *parent, std::size_t capacity)
    : QWidget(parent), m_model(new EventsModel(feed, clock, this, capacity)), m_proxy(new EventFilterProxy(this)),
      m_filter(new QLineEdit(this)), m_filterError(new QLabel(this)), m_pause(new QToolButton(this)),
      m_badge(new QLabel(this)), m_count(new QLabel(this)), m_table(new QTableView(this)),
      m_detail(new QPlainTextEdit(this))
{
    m_proxy->setEventsModel(m_model);

    m_filter->setPlaceholderText(tr("Filter: priority<=high queue=realtime message~\"timeout\" latency>2ms, or a word"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Predicates joined by AND. priority and latency take = != < <= > >= "
                            "(priority<=high: critical or high; latency units ns, us, ms, s). "
                            "Text fields (queue, node, id, message, severity, source) take = != (whole value), "
                            "~ !~ (contains) and ~/regex/. A bare word searches message and id."));
    m_filterError->setTextFormat(Qt::PlainText);
    m_filterError->setWordWrap(true);
    m_filterError->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_filterError->setVisible(false);

    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_pause->setToolTip(tr("Stop taking new events so the table holds still. Resume catches up to the newest."));
    m_badge->setTextFormat(Qt::PlainText);
    m_badge->setStyleSheet(QStringLiteral("QLabel { background: #e69500; color: black; border-radius: 8px;"
                                          " padding: 1px 8px; }"));
    m_badge->setVisible(false);
    m_count->setTextFormat(Qt::PlainText);

    m_table->setModel(m_proxy);
    installPanelExport(m_table, QStringLiteral("events")); // the filtered rows, as shown
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setShowGrid(false);
    m_table->setSortingEnabled(false);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    QHeaderView *rows = m_table->verticalHeader();
    rows->setVisible(false);
    rows->setSectionResizeMode(QHeaderView::Fixed); // 100k rows: never measure them
    rows->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(40);
    const int digit = m_table->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    header->resizeSection(EventsModel::TimeColumn, digit * 14);
    header->resizeSection(EventsModel::PriorityColumn, digit * 11);
    header->resizeSection(EventsModel::QueueColumn, digit * 11);
    header->resizeSection(EventsModel::NodeColumn, digit * 9);
    header->resizeSection(EventsModel::IdColumn, digit * 26);
    header->resizeSection(EventsModel::LatencyColumn, digit * 10);
    header->resizeSection(EventsModel::SourceColumn, digit * 24);
    header->setSectionResizeMode(EventsModel::MessageColumn, QHeaderView::Stretch);

    m_detail->setReadOnly(true);
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(tr("Select an event to see its JSON."));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_pause);
    bar->addWidget(m_badge);
    bar->addWidget(m_count);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(bar);
    topLayout->addWidget(m_filterError);
    topLayout->addWidget(m_table, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);

    connect(m_filter, &QLineEdit::textChanged, this, &EventsView::onFilterEdited);
    connect(m_pause, &QToolButton::toggled, m_model, &EventsModel::setPaused);
    connect(m_model, &EventsModel::pausedChanged, this, &EventsView::onPausedChanged);
    connect(m_model, &EventsModel::pendingCountChanged, this, &EventsView::onPendingChanged);
    connect(m_model, &EventsModel::notShownCountChanged, this, &EventsView::updateCount);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EventsView::onCurrentChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &EventsView::onCurrentChanged);
    QScrollBar *scroll = m_table->verticalScrollBar();
    connect(scroll, &QScrollBar::valueChanged, this, [this, scroll](int value) { m_follow = value >= scroll->maximum(); });
    connect(scroll, &QScrollBar::rangeChanged, this, [this, scroll](int, int max) {
        if (m_follow)
            scroll->setValue(max);
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &EventsView::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &EventsView::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &EventsView::updateCount);
    updateCount();
}

void EventsView::setFilterText(const QString &text) { m_filter->setText(text); }

void EventsView::setPaused(bool paused) { m_pause->setChecked(paused); }

void EventsView::onFilterEdited(const QString &text)
{
    const QString error = m_proxy->setFilterText(text);
    // Parser messages quote what the user typed: plain text, one line, capped.
    m_filterError->setText(error.isEmpty() ? QString() : tr("Filter not applied: %1").arg(untrustedText(error)));
    m_filterError->setVisible(!error.isEmpty());
    updateCount();
}

void EventsView::onCurrentChanged()
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    const QModelIndex current = selected.isEmpty() ? m_table->selectionModel()->currentIndex() : selected.constFirst();
    if (!current.isValid())
        return; // keep showing the last event (it may just have been evicted)
    const int row = m_proxy->mapToSource(current).row();
    if (row < 0)
        return;
    const EventRecord &e = m_model->eventAt(row);
    if (e.seq == m_shownSeq)
        return;
    m_shownSeq = e.seq;
    m_detail->setPlainText(EventsModel::prettyJson(e.json));
}

void EventsView::onPendingChanged(quint64 pending)
{
    m_badge->setText(tr("+%1 new").arg(countText(pending)));
    m_badge->setVisible(m_model->isPaused() && pending > 0);
}

void EventsView::onPausedChanged(bool paused)
{
    m_pause->setChecked(paused);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    if (!paused)
        m_badge->setVisible(false);
}

void EventsView::updateCount()
{
    const int shown = m_proxy->rowCount();
    const int held = m_model->rowCount();
    QString text = m_proxy->filter().isEmpty() ? tr("%1 events").arg(countText(std::uint64_t(held)))
                                               : tr("%1 of %2 events").arg(countText(std::uint64_t(shown)),
                                                                           countText(std::uint64_t(held)));
    if (m_model->notShownCount() > 0)
        text += tr(" · %1 passed too fast to tail").arg(countText(m_model->notShownCount()));
    m_count->setText(text);
}

} // namespace vigil

#include "widgets/engine_panel.h"

#include "models/engine_format.h"
#include "models/event_feed.h"
#include "models/event_sources_model.h"
#include "models/events_model.h"
#include "models/refresh_clock.h"
#include "widgets/panel_export.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QProgressBar>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace vigil {

namespace {

constexpr std::int64_t kRefreshMs = 250;
constexpr std::int64_t kRateWindowNs = 2'000'000'000;
constexpr std::int64_t kMinRateSpanNs = 200'000'000;

QLabel *plainLabel(QWidget *parent, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *l = new QLabel(parent);
    l->setTextFormat(Qt::PlainText);
    l->setAlignment(align);
    return l;
}

QString laneTitle(int lane)
{
    switch (Priority(lane)) {
    case Priority::Critical: return EnginePanel::tr("Critical");
    case Priority::High: return EnginePanel::tr("High");
    case Priority::Medium: return EnginePanel::tr("Medium");
    case Priority::Low: return EnginePanel::tr("Low");
    }
    return {};
}

enum LatencyColumn { NameCol, CountCol, P50Col, P90Col, P99Col, P999Col, MaxCol, LatencyColCount };
constexpr int kLatencyRows = 4 + kLaneCount;

} // namespace

EnginePanel::EnginePanel(const EventFeed &feed, RefreshClock &clock, QWidget *parent)
    : QWidget(parent), m_feed(feed), m_clock(clock), m_totals(plainLabel(this)), m_conservation(plainLabel(this)),
      m_dedup(plainLabel(this)), m_latency(new QTableWidget(kLatencyRows, LatencyColCount, this)),
      m_sources(new EventSourcesModel(this)), m_sourcesTable(new QTableView(this))
{
    QFont bold = m_totals->font();
    bold.setBold(true);
    m_totals->setFont(bold);
    m_conservation->setToolTip(tr("Every received event is processed, deduplicated, dropped (lane full), "
                                  "malformed, or still in flight."));

    auto *lanes = new QGroupBox(tr("Priority lanes"), this);
    auto *laneGrid = new QGridLayout(lanes);
    const QString heads[] = {tr("Lane"), tr("Depth / capacity"), tr("Events/s"), tr("Processed"), tr("Dropped")};
    for (int c = 0; c < 5; ++c) {
        QLabel *h = plainLabel(lanes, c >= 2 ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
        h->setText(heads[c]);
        QFont headFont = h->font();
        headFont.setBold(true);
        h->setFont(headFont);
        laneGrid->addWidget(h, 0, c);
    }
    for (int lane = 0; lane < kLaneCount; ++lane) {
        QLabel *name = plainLabel(lanes);
        name->setText(laneTitle(lane));
        QPixmap swatch(10, 10);
        swatch.fill(EventsModel::priorityColor(Priority(lane)));
        auto *nameBox = new QWidget(lanes);
        auto *nameLayout = new QHBoxLayout(nameBox);
        nameLayout->setContentsMargins(0, 0, 0, 0);
        auto *swatchLabel = new QLabel(nameBox);
        swatchLabel->setPixmap(swatch);
        nameLayout->addWidget(swatchLabel);
        nameLayout->addWidget(name, 1);
        auto *bar = new QProgressBar(lanes);
        bar->setRange(0, 1);
        bar->setValue(0);
        bar->setTextVisible(true);
        bar->setAlignment(Qt::AlignCenter);
        bar->setMinimumWidth(220);
        m_laneBars[std::size_t(lane)] = bar;
        m_laneRates[std::size_t(lane)] = plainLabel(lanes, Qt::AlignRight | Qt::AlignVCenter);
        m_laneProcessed[std::size_t(lane)] = plainLabel(lanes, Qt::AlignRight | Qt::AlignVCenter);
        m_laneDropped[std::size_t(lane)] = plainLabel(lanes, Qt::AlignRight | Qt::AlignVCenter);
        laneGrid->addWidget(nameBox, lane + 1, 0);
        laneGrid->addWidget(bar, lane + 1, 1);
        laneGrid->addWidget(m_laneRates[std::size_t(lane)], lane + 1, 2);
        laneGrid->addWidget(m_laneProcessed[std::size_t(lane)], lane + 1, 3);
        laneGrid->addWidget(m_laneDropped[std::size_t(lane)], lane + 1, 4);
    }
    laneGrid->setColumnStretch(1, 1);
    laneGrid->setHorizontalSpacing(16);

    auto *dedup = new QGroupBox(tr("Deduplication"), this);
    auto *dedupLayout = new QVBoxLayout(dedup);
    m_dedup->setWordWrap(true);
    dedupLayout->addWidget(m_dedup);
    dedupLayout->addStretch(1);

    auto *latency = new QGroupBox(tr("Latency"), this);
    auto *latencyLayout = new QVBoxLayout(latency);
    m_latency->setHorizontalHeaderLabels({tr("Measure"), tr("Count"), tr("P50"), tr("P90"), tr("P99"), tr("P99.9"),
                                          tr("Max")});
    m_latency->verticalHeader()->setVisible(false);
    m_latency->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_latency->setSelectionMode(QAbstractItemView::NoSelection);
    m_latency->setFocusPolicy(Qt::NoFocus);
    m_latency->setShowGrid(false);
    m_latency->setAlternatingRowColors(true);
    m_latency->setWordWrap(false);
    m_latency->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_latency->horizontalHeader()->setSectionResizeMode(NameCol, QHeaderView::ResizeToContents);
    m_latency->verticalHeader()->setDefaultSectionSize(m_latency->fontMetrics().height() + 6);
    m_latency->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_latency->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    for (int r = 0; r < kLatencyRows; ++r)
        for (int c = 0; c < LatencyColCount; ++c) {
            auto *item = new QTableWidgetItem;
            item->setTextAlignment(c == NameCol ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
            m_latency->setItem(r, c, item);
        }
    m_latency->setFixedHeight(m_latency->horizontalHeader()->sizeHint().height()
                              + kLatencyRows * m_latency->verticalHeader()->defaultSectionSize() + 4);
    latencyLayout->addWidget(m_latency);

    auto *sources = new QGroupBox(tr("Sources"), this);
    auto *sourcesLayout = new QVBoxLayout(sources);
    m_sourcesTable->setModel(m_sources);
    installPanelExport(m_sourcesTable, QStringLiteral("engine-sources"));
    m_sourcesTable->verticalHeader()->setVisible(false);
    m_sourcesTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sourcesTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sourcesTable->setShowGrid(false);
    m_sourcesTable->setAlternatingRowColors(true);
    m_sourcesTable->setWordWrap(false);
    m_sourcesTable->setTextElideMode(Qt::ElideRight);
    QHeaderView *sh = m_sourcesTable->horizontalHeader();
    sh->setStretchLastSection(true);
    sh->setHighlightSections(false);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    sh->resizeSection(EventSourcesModel::UrlColumn, digit * 28);
    sh->resizeSection(EventSourcesModel::StateColumn, digit * 22);
    for (int c : {int(EventSourcesModel::RateColumn), int(EventSourcesModel::LinesColumn),
                  int(EventSourcesModel::MalformedColumn), int(EventSourcesModel::DroppedColumn)})
        sh->resizeSection(c, digit * 11);
    sourcesLayout->addWidget(m_sourcesTable);

    auto *middle = new QHBoxLayout;
    middle->addWidget(lanes, 3);
    middle->addWidget(dedup, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_totals);
    layout->addWidget(m_conservation);
    layout->addLayout(middle);
    layout->addWidget(latency);
    layout->addWidget(sources, 1);

    connect(&clock, &RefreshClock::tick, this, &EnginePanel::onTick);
    apply(EngineSnapshot{});
}

void EnginePanel::onTick()
{
    const std::int64_t now = m_clock.nowMs();
    if (!isVisible() || (now >= m_lastRefreshMs && now - m_lastRefreshMs < kRefreshMs))
        return;
    refreshNow();
}

void EnginePanel::refreshNow()
{
    m_lastRefreshMs = m_clock.nowMs();
    apply(m_feed.snapshot());
}

bool EnginePanel::conserved(const EngineSnapshot &s)
{
    return s.received == s.processed + s.deduplicated + s.dropped + s.malformed + s.inFlight;
}

QString EnginePanel::conservationLine(const EngineSnapshot &s)
{
    return tr("received %1 = processed %2 + deduplicated %3 + dropped %4 + malformed %5 + in flight %6")
        .arg(countText(s.received), countText(s.processed), countText(s.deduplicated), countText(s.dropped),
             countText(s.malformed), countText(s.inFlight));
}

void EnginePanel::setLatencyRow(int row, const QString &name, const LatencySummary &l)
{
    const bool any = l.count > 0;
    const QString cells[] = {name,
                             countText(l.count),
                             any ? durationText(l.p50) : QString(),
                             any ? durationText(l.p90) : QString(),
                             any ? durationText(l.p99) : QString(),
                             any ? durationText(l.p999) : QString(),
                             any ? durationText(l.max) : QString()};
    for (int c = 0; c < LatencyColCount; ++c) {
        QTableWidgetItem *item = m_latency->item(row, c);
        if (item->text() != cells[c])
            item->setText(cells[c]);
    }
}

void EnginePanel::apply(const EngineSnapshot &s)
{
    if (s.takenNs > 0 && (m_rateSamples.empty() || s.takenNs > m_rateSamples.back().takenNs)) {
        RateSample sample;
        sample.takenNs = s.takenNs;
        for (int lane = 0; lane < kLaneCount; ++lane)
            sample.processed[std::size_t(lane)] = s.lanes[std::size_t(lane)].processed;
        m_rateSamples.push_back(sample);
        while (m_rateSamples.size() > 2 && s.takenNs - m_rateSamples[1].takenNs >= kRateWindowNs)
            m_rateSamples.pop_front();
    }
    const bool haveRate = m_rateSamples.size() >= 2
        && m_rateSamples.back().takenNs - m_rateSamples.front().takenNs >= kMinRateSpanNs;
    const double seconds = haveRate ? double(m_rateSamples.back().takenNs - m_rateSamples.front().takenNs) / 1e9 : 0;
    m_totals->setText(tr("%1 events/s · %2 received · %3 processed")
                          .arg(rateText(s.eventsPerSecond), countText(s.received), countText(s.processed)));
    const bool ok = conserved(s);
    m_conservation->setText(conservationLine(s) + (ok ? QStringLiteral("  \u2713") : tr("  (does not add up)")));
    m_conservation->setStyleSheet(ok ? QString() : QStringLiteral("color: #c0392b;"));

    for (int lane = 0; lane < kLaneCount; ++lane) {
        const LaneStats &l = s.lanes[std::size_t(lane)];
        QProgressBar *bar = m_laneBars[std::size_t(lane)];
        const auto clampInt = [](std::size_t v) { return int(std::min<std::size_t>(v, std::numeric_limits<int>::max())); };
        bar->setRange(0, std::max(1, clampInt(l.capacity)));
        bar->setValue(std::min(clampInt(l.depth), bar->maximum()));
        bar->setFormat(laneTextFor(l)); // digits and separators only: no %v/%m/%p to expand
        const std::uint64_t first = haveRate ? m_rateSamples.front().processed[std::size_t(lane)] : 0;
        const std::uint64_t last = haveRate ? m_rateSamples.back().processed[std::size_t(lane)] : 0;
        const double rate = haveRate && last >= first ? double(last - first) / seconds : 0;
        m_laneRates[std::size_t(lane)]->setText(haveRate ? rateText(rate) : QStringLiteral("\u2014"));
        m_laneProcessed[std::size_t(lane)]->setText(countText(l.processed));
        m_laneDropped[std::size_t(lane)]->setText(countText(l.dropped));
        m_laneDropped[std::size_t(lane)]->setStyleSheet(l.dropped > 0 ? QStringLiteral("color: #c0392b;") : QString());
    }

    const std::uint64_t lookups = s.dedupHits + s.dedupMisses;
    m_dedup->setText(tr("Hit ratio %1\n%2 duplicates of %3 lookups\nKeys memory %4")
                         .arg(lookups ? percentText(double(s.dedupHits) / double(lookups)) : QStringLiteral("\u2014"),
                              countText(s.dedupHits), countText(lookups),
                              QLocale().formattedDataSize(qint64(s.dedupMemoryBytes), 1,
                                                          QLocale::DataSizeTraditionalFormat)));

    setLatencyRow(0, tr("End to end"), s.endToEnd);
    setLatencyRow(1, tr("Field latency"), s.field);
    setLatencyRow(2, tr("End to end, sliding window"), s.windowEndToEnd);
    setLatencyRow(3, tr("Field latency, sliding window"), s.windowField);
    for (int lane = 0; lane < kLaneCount; ++lane)
        setLatencyRow(4 + lane, tr("End to end, %1").arg(laneTitle(lane).toLower()),
                      s.endToEndByPriority[std::size_t(lane)]);

    m_sources->update(s.sources);
}

QString EnginePanel::laneTextFor(const LaneStats &l)
{
    return tr("%1 / %2").arg(countText(l.depth), countText(l.capacity));
}

QString EnginePanel::totalsText() const { return m_totals->text(); }
QString EnginePanel::conservationText() const { return m_conservation->text(); }
QString EnginePanel::laneText(int lane) const { return m_laneBars[std::size_t(lane)]->text(); }
QString EnginePanel::laneRateText(int lane) const { return m_laneRates[std::size_t(lane)]->text(); }
QString EnginePanel::dedupText() const { return m_dedup->text(); }
QString EnginePanel::latencyCell(int row, int column) const { return m_latency->item(row, column)->text(); }

} // namespace vigil

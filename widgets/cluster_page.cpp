#include "widgets/cluster_page.h"

#include "models/cluster_format.h"
#include "models/cluster_nodes_model.h"
#include "models/refresh_clock.h"
#include "models/time_range.h"
#include "models/untrusted_text.h"
#include "widgets/anomaly_banner.h"
#include "widgets/dashboard_csv.h"
#include "widgets/election_timeline.h"
#include "widgets/panel_export.h"
#include "widgets/stale_badge.h"
#include "widgets/time_range_bar.h"

#include <QApplication>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace vigil {

namespace {

// Paints the role column as a badge (fill + the role's word) and the lag column as one
// bar per peer on the model's common scale. Sizes come from the font, so they scale.
class ClusterNodeDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (index.column() == ClusterNodesModel::RoleColumn)
            paintRole(p, option, index);
        else if (index.column() == ClusterNodesModel::LagColumn)
            paintLag(p, option, index);
        else
            QStyledItemDelegate::paint(p, option, index);
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QFontMetrics fm(option.font);
        if (index.column() == ClusterNodesModel::LagColumn) {
            const auto peers = index.data(ClusterNodesModel::LagPeersRole).toStringList().size();
            return {fm.averageCharWidth() * 34, int(std::max<qsizetype>(1, peers)) * (fm.height() + 2) + 6};
        }
        if (index.column() == ClusterNodesModel::RoleColumn)
            return {fm.horizontalAdvance(roleText(NodeRole::Unreachable)) + fm.averageCharWidth() * 3, fm.height() + 10};
        return QStyledItemDelegate::sizeHint(option, index);
    }

private:
    void paintBackground(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear();
        const QWidget *w = option.widget;
        (w ? w->style() : QApplication::style())->drawControl(QStyle::CE_ItemViewItem, &opt, p, w);
    }

    void paintRole(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
    {
        paintBackground(p, option, index);
        const auto role = NodeRole(index.data(ClusterNodesModel::NodeRoleRole).toInt());
        const QFontMetrics fm(option.font);
        const QString word = index.data().toString();
        const int w = std::min(option.rect.width() - 4, fm.horizontalAdvance(word) + fm.averageCharWidth() * 2);
        const QRect badge(option.rect.x() + 2, option.rect.center().y() - (fm.height() + 4) / 2, w, fm.height() + 4);
        p->save();
        p->setRenderHint(QPainter::Antialiasing, true);
        p->setPen(Qt::NoPen);
        p->setBrush(roleColor(role));
        p->drawRoundedRect(badge, badge.height() / 4.0, badge.height() / 4.0);
        if (role == NodeRole::Unreachable)
            p->fillRect(badge, QBrush(QColor(255, 255, 255, 70), Qt::BDiagPattern));
        p->setPen(roleTextColor(role));
        QFont f = option.font;
        f.setBold(true);
        p->setFont(f);
        p->drawText(badge, Qt::AlignCenter, QFontMetrics(f).elidedText(word, Qt::ElideRight, badge.width() - 2));
        p->restore();
    }

    void paintLag(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
    {
        paintBackground(p, option, index);
        const QStringList peers = index.data(ClusterNodesModel::LagPeersRole).toStringList();
        const QList<double> entries = index.data(ClusterNodesModel::LagEntriesRole).value<QList<double>>();
        const auto *model = qobject_cast<const ClusterNodesModel *>(index.model());
        const double scale = model && model->maxLag() > 0 ? model->maxLag() : 1.0;
        const QFontMetrics fm(option.font);
        const int lineH = fm.height() + 2;
        const QRect r = option.rect.adjusted(4, 3, -4, -3);
        const int nameW = std::min(r.width() / 3, fm.averageCharWidth() * 10);
        const int numW = fm.horizontalAdvance(QStringLiteral("0000000"));
        const QColor text = option.palette.color(option.state & QStyle::State_Enabled ? QPalette::Active : QPalette::Disabled,
                                                 QPalette::Text);
        p->save();
        for (qsizetype i = 0; i < peers.size() && i < entries.size(); ++i) {
            const int y = r.y() + int(i) * lineH;
            if (y + lineH > option.rect.bottom() + 2)
                break;
            p->setPen(text);
            p->drawText(QRect(r.x(), y, nameW, lineH), Qt::AlignLeft | Qt::AlignVCenter,
                        fm.elidedText(peers[i], Qt::ElideRight, nameW));
            const int barX = r.x() + nameW + 4;
            const int barW = std::max(0, r.width() - nameW - numW - 8);
            const QRect track(barX, y + lineH / 4, barW, lineH / 2);
            p->fillRect(track, option.palette.color(QPalette::Mid));
            const int filled = int(double(barW) * std::clamp(entries[i] / scale, 0.0, 1.0));
            p->fillRect(QRect(track.x(), track.y(), filled, track.height()), option.palette.color(QPalette::Highlight));
            p->drawText(QRect(barX + barW + 4, y, numW, lineH), Qt::AlignRight | Qt::AlignVCenter,
                        QLocale().toString(entries[i], 'g', 7));
        }
        p->restore();
    }
};

} // namespace

ClusterPage::ClusterPage(std::function<ClusterSnapshot()> source, RefreshClock &clock, TimeRange &range,
                         QWidget *parent)
    : QWidget(parent), m_source(std::move(source)), m_clock(clock), m_range(range),
      m_rangeBar(new TimeRangeBar(range, clock, this)), m_banner(new AnomalyBanner(this)),
      m_summary(new QLabel(this)), m_badge(new StaleBadge(clock, this)), m_model(new ClusterNodesModel(this)),
      m_table(new QTableView(this)), m_timeline(new ElectionTimeline(this))
{
    m_summary->setTextFormat(Qt::PlainText);
    QFont bold;
    bold.setBold(true);
    m_summary->setFont(bold);
    m_badge->setProbe([this] { return dataAge(); });

    m_table->setModel(m_model);
    m_table->setItemDelegate(new ClusterNodeDelegate(m_table));
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    // As tall as its rows (scrolling past the page's share); the timeline takes the rest.
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    QHeaderView *h = m_table->horizontalHeader();
    h->setHighlightSections(false);
    h->setSectionResizeMode(QHeaderView::ResizeToContents);
    h->setSectionResizeMode(ClusterNodesModel::LagColumn, QHeaderView::Stretch);
    h->setSectionResizeMode(ClusterNodesModel::ErrorColumn, QHeaderView::Stretch);
    h->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_badge);
    top->addWidget(m_rangeBar);

    auto *nodes = new QGroupBox(tr("Nodes"), this);
    auto *nodesLayout = new QVBoxLayout(nodes);
    nodesLayout->addWidget(m_table);
    auto *elections = new QGroupBox(tr("Elections"), this);
    auto *electionsLayout = new QVBoxLayout(elections);
    electionsLayout->addWidget(m_timeline);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_banner);
    layout->addLayout(top);
    layout->addWidget(nodes, 0);
    layout->addWidget(elections, 1);

    installPanelExport(m_table, QStringLiteral("cluster-nodes"));
    installPanelExport(m_timeline, QStringLiteral("cluster-elections"), {[this] { return electionTimelineCsv(*m_timeline); }, {}});
    connect(&clock, &RefreshClock::tick, this, &ClusterPage::onTick);
    connect(&range, &TimeRange::rangeChanged, this, [this] {
        if (isVisible())
            refreshNow();
    });
    connect(&range, &TimeRange::cursorChanged, this, [this] { m_timeline->setCursor(m_range.cursorMs()); });
    connect(m_timeline, &ElectionTimeline::cursorHovered, this, [this](qint64 ms) { m_range.setCursor(ms); });
    connect(m_timeline, &ElectionTimeline::cursorLeft, this, [this] { m_range.clearCursor(); });
    refreshNow();
}

void ClusterPage::onTick()
{
    const std::int64_t now = m_clock.nowMs();
    if (!isVisible() || (now >= m_lastRefreshMs && now - m_lastRefreshMs < kRefreshMs))
        return;
    refreshNow();
}

void ClusterPage::refreshNow()
{
    const std::int64_t now = m_clock.nowMs();
    m_lastRefreshMs = now;
    ++m_updates;
    const ClusterSnapshot s = m_source ? m_source() : ClusterSnapshot{};
    m_lastSampleMs = 0;
    bool anyReachable = false;
    QString leader;
    std::uint64_t term = 0;
    int reachable = 0;
    for (const ClusterNode &n : s.nodes) {
        m_lastSampleMs = std::max(m_lastSampleMs, n.lastSampleMs);
        anyReachable = anyReachable || n.reachable;
        reachable += n.reachable ? 1 : 0;
        if (n.role == NodeRole::Leader && n.reachable) {
            const QString name = untrustedText(n.name.empty() ? n.id : n.name, 80);
            leader = leader.isEmpty() ? name : tr("%1, %2").arg(leader, name);
        }
        if (n.term)
            term = std::max(term, *n.term);
    }
    m_dead = !s.nodes.empty() && !anyReachable;

    m_model->setSnapshot(s, now);
    fitRows(); // a leader change moves the lag bars (and their height) to another row
    m_banner->setAnomalies(s.anomalies, now);
    // The table shows the live state; the timeline follows the shared range.
    const TimeSpan span = m_range.range(now);
    m_timeline->setWindowMs(span.lengthMs());
    m_timeline->setSnapshot(s, span.endMs, m_range.isLive());
    if (s.nodes.empty()) {
        m_summary->setText(tr("No cluster data yet"));
    } else {
        const QString profile = untrustedText(s.profile, 40);
        m_summary->setText(tr("%1 cluster · leader: %2 · term %3 · %4 of %5 nodes reachable")
                               .arg(profile.isEmpty() ? tr("Raft") : profile,
                                    leader.isEmpty() ? tr("none") : leader,
                                    term ? QLocale().toString(qulonglong(term)) : QString(QChar(0x2014)))
                               .arg(reachable)
                               .arg(s.nodes.size()));
    }
    m_badge->refreshNow();
}

void ClusterPage::fitRows()
{
    m_table->resizeRowsToContents();
}

void ClusterPage::setStaleBadgeShown(bool shown)
{
    m_badge->setVisible(shown);
}

DataAge ClusterPage::dataAge() const
{
    return {m_lastSampleMs, m_dead};
}

QString ClusterPage::summaryText() const
{
    return m_summary->text();
}

} // namespace vigil

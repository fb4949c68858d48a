#include "models/events_model.h"

#include "models/engine_format.h"
#include "models/event_feed.h"
#include "models/refresh_clock.h"
#include "models/untrusted_text.h"

#include <QDateTime>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace vigil {

namespace {

constexpr std::int64_t kPendingCheckMs = 250;
constexpr std::int64_t kSourceLookupMs = 1000;

bool isBidiControl(char16_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F;
}

std::int64_t shownTimeNs(const EventRecord &e) { return e.timestampNs != 0 ? e.timestampNs : e.arrivalNs; }

} // namespace

EventsModel::EventsModel(const EventFeed &feed, RefreshClock &clock, QObject *parent, std::size_t capacity)
    : QAbstractTableModel(parent), m_feed(feed), m_clock(clock), m_capacity(std::max<std::size_t>(1, capacity))
{
    connect(&clock, &RefreshClock::tick, this, &EventsModel::refresh);
}

void EventsModel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (!paused) {
        m_pending = 0;
        pullNew(m_capacity); // catch up to the newest `capacity` events at once
        Q_EMIT pendingCountChanged(0);
    } else {
        m_lastPendingCheckMs = 0;
    }
    Q_EMIT pausedChanged(paused);
}

void EventsModel::refresh()
{
    if (m_feed.epoch() != m_epoch)
        startOver();
    if (m_paused)
        checkPending();
    else
        pullNew(kMaxRowsPerTick);
}

void EventsModel::startOver()
{
    m_epoch = m_feed.epoch();
    beginResetModel();
    m_rows.clear();
    m_sourceUrls.clear();
    m_lastSeq = 0;
    endResetModel();
    if (m_notShown != 0) {
        m_notShown = 0;
        Q_EMIT notShownCountChanged(0);
    }
    if (m_pending != 0) {
        m_pending = 0;
        Q_EMIT pendingCountChanged(0);
    }
    m_lastPendingCheckMs = 0;
    m_lastSourceLookupMs = 0;
}

void EventsModel::checkPending()
{
    const std::int64_t now = m_clock.nowMs();
    if (m_lastPendingCheckMs != 0 && now >= m_lastPendingCheckMs && now - m_lastPendingCheckMs < kPendingCheckMs)
        return;
    m_lastPendingCheckMs = now;
    // The newest event alone tells how far the engine has moved (seq is engine-wide).
    const std::vector<EventRecord> newest = m_feed.recentSince(m_lastSeq, 1);
    const std::uint64_t pending = newest.empty() ? 0 : newest.back().seq - m_lastSeq;
    if (pending != m_pending) {
        m_pending = pending;
        Q_EMIT pendingCountChanged(quint64(pending));
    }
}

void EventsModel::pullNew(std::size_t limit)
{
    std::vector<EventRecord> fresh = m_feed.recentSince(m_lastSeq, std::min(limit, m_capacity));
    if (fresh.empty())
        return;
    // recentSince() returns the newest events; anything between the last shown one and
    // the first returned one went by too fast to tail (only while live, not on resume).
    if (limit < m_capacity && m_lastSeq != 0 && fresh.front().seq > m_lastSeq + 1) {
        m_notShown += fresh.front().seq - m_lastSeq - 1;
        Q_EMIT notShownCountChanged(quint64(m_notShown));
    }
    m_lastSeq = std::max(m_lastSeq, fresh.back().seq);
    const std::size_t take = std::min(fresh.size(), m_capacity);
    const std::size_t skip = fresh.size() - take;

    if (m_rows.size() + take > m_capacity) {
        const std::size_t evict = std::min(m_rows.size(), m_rows.size() + take - m_capacity);
        beginRemoveRows({}, 0, int(evict) - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + std::ptrdiff_t(evict));
        endRemoveRows();
    }
    const std::size_t first = m_rows.size();
    beginInsertRows({}, int(first), int(first + take) - 1);
    for (std::size_t i = skip; i < fresh.size(); ++i)
        m_rows.push_back(std::move(fresh[i]));
    endInsertRows();
    learnSources(first);
}

void EventsModel::learnSources(std::size_t fromRow)
{
    bool unknown = false;
    for (std::size_t i = fromRow; i < m_rows.size() && !unknown; ++i)
        unknown = !m_sourceUrls.contains(m_rows[i].sourceId);
    if (!unknown)
        return;
    // A new source may not be in the snapshot yet: ask at most once a second.
    const std::int64_t now = m_clock.nowMs();
    if (m_lastSourceLookupMs != 0 && now >= m_lastSourceLookupMs && now - m_lastSourceLookupMs < kSourceLookupMs)
        return;
    m_lastSourceLookupMs = now;
    const EngineSnapshot snap = m_feed.snapshot();
    bool learnt = false;
    for (const SourceStats &s : snap.sources)
        learnt |= m_sourceUrls.insert_or_assign(s.id, s.url).second;
    if (learnt && !m_rows.empty())
        Q_EMIT dataChanged(index(0, SourceColumn), index(int(m_rows.size()) - 1, SourceColumn), {Qt::DisplayRole});
}

std::string_view EventsModel::sourceUrl(std::uint32_t sourceId) const
{
    const auto it = m_sourceUrls.find(sourceId);
    return it == m_sourceUrls.end() ? std::string_view() : std::string_view(it->second);
}

QColor EventsModel::priorityColor(Priority priority)
{
    switch (priority) {
    case Priority::Critical: return QColor(0xd6, 0x27, 0x28);
    case Priority::High: return QColor(0xe6, 0x95, 0x00);
    case Priority::Medium: return QColor(0x3a, 0x7b, 0xd5);
    case Priority::Low: break;
    }
    return QColor(0x8a, 0x8a, 0x8a);
}

QColor EventsModel::priorityTint(Priority priority)
{
    // Translucent over the view's base colour: the palette's text stays readable on
    // both light and dark bases.
    switch (priority) {
    case Priority::Critical: return QColor(0xd6, 0x27, 0x28, 72);
    case Priority::High: return QColor(0xe6, 0x95, 0x00, 56);
    default: break;
    }
    return {};
}

QString EventsModel::prettyJson(const std::string &json, int maxChars)
{
    std::string text;
    try {
        const nlohmann::ordered_json doc = nlohmann::ordered_json::parse(json, nullptr, false);
        text = doc.is_discarded() ? json : doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    } catch (const std::exception &) {
        text = json;
    }
    const std::size_t byteCap = std::size_t(maxChars) * 4 + 4;
    QString s = QString::fromUtf8(text.data(), qsizetype(std::min(text.size(), byteCap)));
    bool cut = text.size() > byteCap;
    if (s.size() > maxChars) {
        s.truncate(maxChars);
        cut = true;
    }
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == QLatin1Char('\n') || c == QLatin1Char('\t'))
            continue;
        if (c.category() == QChar::Other_Control || isBidiControl(c.unicode()))
            s[i] = QChar(QChar::ReplacementCharacter);
    }
    if (cut)
        s += QLatin1Char('\n') + tr("\u2026 (cut at %1 characters)").arg(maxChars);
    return s;
}

QString EventsModel::cellText(const EventRecord &e, int column) const
{
    switch (column) {
    case TimeColumn: {
        const std::int64_t ns = shownTimeNs(e);
        if (ns == 0)
            return {};
        return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000).toString(QStringLiteral("HH:mm:ss.zzz"));
    }
    case PriorityColumn: return QString::fromLatin1(priorityText(e.priority));
    case QueueColumn: return untrustedText(e.queue);
    case NodeColumn: return untrustedText(e.node);
    case IdColumn: return untrustedText(e.id);
    case LatencyColumn: return e.latencyNs < 0 ? QString() : durationText(double(e.latencyNs));
    case MessageColumn: return untrustedText(e.message);
    case SourceColumn: {
        const std::string_view url = sourceUrl(e.sourceId);
        return url.empty() ? QStringLiteral("#%1").arg(e.sourceId) : untrustedText(url);
    }
    default: break;
    }
    return {};
}

int EventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) // a legal question (QAbstractItemModelTester asks it); checkIndex would warn
        return {};
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EventRecord &e = m_rows[std::size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return cellText(e, column);
    case Qt::ToolTipRole:
        if (column == MessageColumn && !e.message.empty())
            return plainToolTip(untrustedText(e.message, kMaxToolTipChars));
        if (column == TimeColumn) {
            const std::int64_t ns = shownTimeNs(e);
            const QString when = QDateTime::fromMSecsSinceEpoch(ns / 1'000'000).toString(Qt::ISODateWithMs);
            return e.timestampNs != 0 ? tr("Event time %1").arg(when) : tr("Arrived %1 (no event time)").arg(when);
        }
        if (column == PriorityColumn && !e.severity.empty())
            return plainToolTip(tr("Severity: %1").arg(untrustedText(e.severity)));
        return {};
    case Qt::BackgroundRole: {
        const QColor tint = priorityTint(e.priority);
        return tint.isValid() ? QVariant(tint) : QVariant();
    }
    case Qt::DecorationRole:
        return column == PriorityColumn ? QVariant(priorityColor(e.priority)) : QVariant();
    case Qt::TextAlignmentRole:
        return column == LatencyColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case SeqRole: return qulonglong(e.seq);
    case PriorityRole: return int(e.priority);
    case PriorityColorRole: return priorityColor(e.priority);
    case LatencyNsRole: return qlonglong(e.latencyNs);
    case TimestampNsRole: return qlonglong(shownTimeNs(e));
    case SourceIdRole: return uint(e.sourceId);
    default: break;
    }
    return {};
}

QVariant EventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case PriorityColumn: return tr("Priority");
    case QueueColumn: return tr("Queue");
    case NodeColumn: return tr("Node");
    case IdColumn: return tr("ID");
    case LatencyColumn: return tr("Latency");
    case MessageColumn: return tr("Message");
    case SourceColumn: return tr("Source");
    default: break;
    }
    return {};
}

QHash<int, QByteArray> EventsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SeqRole, "seq");
    names.insert(PriorityRole, "priority");
    names.insert(PriorityColorRole, "priorityColor");
    names.insert(LatencyNsRole, "latencyNs");
    names.insert(TimestampNsRole, "timestampNs");
    names.insert(SourceIdRole, "sourceId");
    return names;
}

} // namespace vigil

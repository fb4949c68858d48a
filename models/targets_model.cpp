#include "models/targets_model.h"

#include "core/hub/ingest_hub.h"
#include "models/refresh_clock.h"
#include "models/untrusted_text.h"

#include <algorithm>
#include <cmath>

namespace vigil {

namespace {

QString agoText(std::int64_t deltaMs)
{
    const std::int64_t s = std::max<std::int64_t>(0, deltaMs / 1000);
    if (s < 120)
        return TargetsModel::tr("%1 s ago").arg(s);
    if (s < 7200)
        return TargetsModel::tr("%1 min ago").arg(s / 60);
    return TargetsModel::tr("%1 h ago").arg(s / 3600);
}

QString secondsText(double seconds)
{
    if (seconds < 1.0)
        return TargetsModel::tr("%1 ms").arg(std::lround(seconds * 1000.0));
    return TargetsModel::tr("%1 s").arg(seconds, 0, 'f', 2);
}

} // namespace

TargetsModel::TargetsModel(const IngestHub &hub, RefreshClock &clock, QObject *parent)
    : QAbstractTableModel(parent), m_hub(hub), m_clock(clock)
{
    connect(&clock, &RefreshClock::tick, this, &TargetsModel::refresh);
}

void TargetsModel::setConfiguredTargets(const QStringList &redactedUrls)
{
    m_configured = redactedUrls;
    m_version = ~std::uint64_t(0); // merge on the next refresh
    refresh();
}

QColor TargetsModel::healthColor(Health health)
{
    switch (health) {
    case Health::Up: return QColor(0x2e, 0x9d, 0x4a);
    case Health::Down: return QColor(0xd2, 0x3c, 0x3c);
    case Health::Unknown: break;
    }
    return QColor(0x8a, 0x8a, 0x8a);
}

TargetsModel::Health TargetsModel::healthOf(const Row &row) const
{
    if (!row.seen || row.status.scrapes == 0)
        return Health::Unknown;
    return row.status.last.up ? Health::Up : Health::Down;
}

QString TargetsModel::cellText(const Row &row, int column, std::int64_t nowMs) const
{
    const ScrapeReport &r = row.status.last;
    const bool scraped = row.seen && row.status.scrapes > 0;
    switch (column) {
    case UrlColumn: return untrustedText(r.targetUrl);
    case HealthColumn:
        switch (healthOf(row)) {
        case Health::Up: return tr("up");
        case Health::Down: return tr("down");
        case Health::Unknown: return tr("unknown");
        }
        return {};
    case LastScrapeColumn: return scraped ? agoText(nowMs - r.timestampMs) : tr("never");
    case DurationColumn: return scraped ? secondsText(r.durationSeconds) : QString();
    case SamplesColumn: return scraped ? QString::number(r.samples) : QString();
    case FailuresColumn: {
        if (!scraped || r.consecutiveFailures == 0)
            return scraped ? QStringLiteral("0") : QString();
        const std::int64_t retryAt = r.timestampMs + std::llround((r.durationSeconds + r.nextRetrySeconds) * 1000.0);
        const std::int64_t left = retryAt - nowMs;
        if (r.nextRetrySeconds <= 0 || left <= 0)
            return tr("%1 (retrying)").arg(r.consecutiveFailures);
        return tr("%1 (retry in %2 s)").arg(r.consecutiveFailures).arg((left + 999) / 1000);
    }
    case ErrorColumn: return untrustedText(r.error);
    default: break;
    }
    return {};
}

void TargetsModel::refresh()
{
    const std::int64_t now = m_clock.nowMs();
    const std::uint64_t version = m_hub.targetsVersion();
    const bool merge = version != m_version;
    m_version = version;

    std::vector<Row> added;
    std::vector<bool> statusChanged(m_rows.size(), false);
    if (merge) {
        const auto findRow = [this](const std::string &url) {
            return std::find_if(m_rows.begin(), m_rows.end(),
                                [&](const Row &r) { return r.status.last.targetUrl == url; });
        };
        for (const TargetStatus &t : m_hub.targets()) {
            auto it = findRow(t.last.targetUrl);
            if (it == m_rows.end()) {
                Row row;
                row.status = t;
                row.seen = true;
                added.push_back(std::move(row));
                continue;
            }
            if (!it->seen || it->status.scrapes != t.scrapes || it->status.last.timestampMs != t.last.timestampMs) {
                it->status = t;
                it->seen = true;
                statusChanged[std::size_t(it - m_rows.begin())] = true;
            }
        }
        for (const QString &url : m_configured) {
            const std::string u = url.toStdString();
            const bool known = findRow(u) != m_rows.end()
                || std::any_of(added.begin(), added.end(), [&](const Row &r) { return r.status.last.targetUrl == u; });
            if (!known) {
                Row row;
                row.status.last.targetUrl = u;
                added.push_back(std::move(row));
            }
        }
    }

    // Changed cells of existing rows: compare freshly built texts with what views saw.
    int firstRow = -1, lastRow = -1, firstCol = ColumnCount, lastCol = -1;
    QList<int> roles;
    const auto addRoles = [&roles](std::initializer_list<int> rs) {
        for (int r : rs)
            if (!roles.contains(r))
                roles.append(r);
    };
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        bool rowChanged = false;
        for (int c = 0; c < ColumnCount; ++c) {
            QString text = cellText(row, c, now);
            const bool custom = statusChanged[i] && c != LastScrapeColumn;
            if (text == row.text[std::size_t(c)] && !custom)
                continue;
            if (text != row.text[std::size_t(c)]) {
                row.text[std::size_t(c)] = std::move(text);
                addRoles({Qt::DisplayRole, Qt::ToolTipRole});
            }
            rowChanged = true;
            firstCol = std::min(firstCol, c);
            lastCol = std::max(lastCol, c);
            switch (c) {
            case UrlColumn: addRoles({UrlRole}); break;
            case HealthColumn: addRoles({HealthRole, HealthColorRole, Qt::DecorationRole}); break;
            case DurationColumn: addRoles({DurationSecondsRole}); break;
            case SamplesColumn: addRoles({SamplesRole}); break;
            case FailuresColumn: addRoles({ConsecutiveFailuresRole, NextRetrySecondsRole}); break;
            case ErrorColumn: addRoles({ErrorRole}); break;
            default: break;
            }
        }
        if (statusChanged[i]) {
            addRoles({LastScrapeMsRole});
            rowChanged = true;
            firstCol = std::min<int>(firstCol, LastScrapeColumn);
            lastCol = std::max<int>(lastCol, LastScrapeColumn);
        }
        if (rowChanged) {
            if (firstRow < 0)
                firstRow = int(i);
            lastRow = int(i);
        }
    }
    if (firstRow >= 0 && !roles.isEmpty())
        Q_EMIT dataChanged(index(firstRow, firstCol), index(lastRow, lastCol), roles);

    if (!added.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (Row &row : added) {
            for (int c = 0; c < ColumnCount; ++c)
                row.text[std::size_t(c)] = cellText(row, c, now);
            m_rows.push_back(std::move(row));
        }
        endInsertRows();
    }
}

int TargetsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TargetsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TargetsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) // a legal question (QAbstractItemModelTester asks it); checkIndex would warn
        return {};
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    const ScrapeReport &r = row.status.last;
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return row.text[std::size_t(column)];
    case Qt::ToolTipRole:
        if (column == ErrorColumn && !r.error.empty())
            return plainToolTip(untrustedText(r.error, kMaxToolTipChars));
        if (column == UrlColumn)
            return plainToolTip(row.text[UrlColumn]);
        return {};
    case Qt::DecorationRole:
        return column == HealthColumn ? QVariant(healthColor(healthOf(row))) : QVariant();
    case Qt::TextAlignmentRole:
        if (column == DurationColumn || column == SamplesColumn || column == FailuresColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case UrlRole: return row.text[UrlColumn];
    case HealthRole: return QVariant::fromValue(healthOf(row));
    case HealthColorRole: return healthColor(healthOf(row));
    case LastScrapeMsRole: return row.seen ? qint64(r.timestampMs) : qint64(0);
    case DurationSecondsRole: return r.durationSeconds;
    case SamplesRole: return qulonglong(r.samples);
    case ConsecutiveFailuresRole: return uint(r.consecutiveFailures);
    case NextRetrySecondsRole: return r.nextRetrySeconds;
    case ErrorRole: return row.text[ErrorColumn];
    default: break;
    }
    return {};
}

QVariant TargetsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case UrlColumn: return tr("Target");
    case HealthColumn: return tr("Health");
    case LastScrapeColumn: return tr("Last scrape");
    case DurationColumn: return tr("Duration");
    case SamplesColumn: return tr("Samples");
    case FailuresColumn: return tr("Failures");
    case ErrorColumn: return tr("Last error");
    default: break;
    }
    return {};
}

QHash<int, QByteArray> TargetsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(UrlRole, "url");
    names.insert(HealthRole, "health");
    names.insert(HealthColorRole, "healthColor");
    names.insert(LastScrapeMsRole, "lastScrapeMs");
    names.insert(DurationSecondsRole, "durationSeconds");
    names.insert(SamplesRole, "samples");
    names.insert(ConsecutiveFailuresRole, "consecutiveFailures");
    names.insert(NextRetrySecondsRole, "nextRetrySeconds");
    names.insert(ErrorRole, "error");
    return names;
}

} // namespace vigil

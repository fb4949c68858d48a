#include "models/cluster_nodes_model.h"

#include "models/cluster_format.h"
#include "models/untrusted_text.h"

#include <QLocale>

#include <algorithm>

namespace vigil {

namespace {

constexpr int kMaxNameChars = 80;

QString number(const std::optional<std::uint64_t> &v)
{
    return v ? QLocale().toString(qulonglong(*v)) : QString(QChar(0x2014));
}

QVariant numberValue(const std::optional<std::uint64_t> &v)
{
    return v ? QVariant(qulonglong(*v)) : QVariant();
}

std::optional<std::int64_t> gapOf(const ClusterNode &n)
{
    if (!n.commit || !n.applied)
        return std::nullopt;
    return std::int64_t(*n.commit) - std::int64_t(*n.applied);
}

bool sameLag(const std::vector<PeerLag> &a, const std::vector<PeerLag> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const PeerLag &x, const PeerLag &y) { return x.peer == y.peer && x.entries == y.entries; });
}

} // namespace

ClusterNodesModel::ClusterNodesModel(QObject *parent) : QAbstractTableModel(parent) {}

ClusterNodesModel::Row ClusterNodesModel::makeRow(const ClusterNode &node, std::int64_t nowMs) const
{
    Row r;
    r.node = node;
    r.text[NodeColumn] = untrustedText(node.name.empty() ? node.id : node.name, kMaxNameChars);
    r.text[RoleColumn] = roleText(node.role);
    r.text[TermColumn] = number(node.term);
    r.text[CommitColumn] = number(node.commit);
    r.text[AppliedColumn] = number(node.applied);
    const auto gap = gapOf(node);
    r.text[GapColumn] = gap ? QLocale().toString(qlonglong(*gap)) : QString(QChar(0x2014));
    QStringList lag;
    for (const PeerLag &p : node.lag)
        lag << tr("%1: %2").arg(untrustedText(p.peer, kMaxNameChars), QLocale().toString(p.entries, 'g', 12));
    r.text[LagColumn] = lag.join(QStringLiteral(", "));
    r.text[PeersColumn] = number(node.peersConnected);
    r.text[ElectionsColumn] = number(node.electionsTotal);
    r.text[LastElectionColumn] = node.lastElectionMs > 0 ? humanizedAgo(node.lastElectionMs, nowMs) : tr("unknown");
    r.text[ErrorColumn] = untrustedText(node.error, kMaxErrorChars);
    r.toolTip = node.error.empty() ? QString() : untrustedText(node.error, kMaxToolTipChars);
    return r;
}

void ClusterNodesModel::setSnapshot(const ClusterSnapshot &snapshot, std::int64_t nowMs)
{
    std::vector<Row> rows;
    rows.reserve(snapshot.nodes.size());
    double maxLag = 0;
    for (const ClusterNode &n : snapshot.nodes) {
        rows.push_back(makeRow(n, nowMs));
        for (const PeerLag &p : n.lag)
            maxLag = std::max(maxLag, p.entries);
    }
    const bool sameMembers = std::equal(rows.begin(), rows.end(), m_rows.begin(), m_rows.end(),
                                        [](const Row &a, const Row &b) { return a.node.id == b.node.id; });
    m_snapshot = snapshot;
    if (!sameMembers) {
        beginResetModel();
        m_rows = std::move(rows);
        m_maxLag = maxLag;
        endResetModel();
        return;
    }
    const bool scaleChanged = maxLag != m_maxLag;
    m_maxLag = maxLag;
    int firstRow = -1, lastRow = -1, firstCol = ColumnCount, lastCol = -1;
    QList<int> roles;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (int c = 0; c < ColumnCount; ++c) {
            QList<int> changed = changedRoles(m_rows[i], rows[i], c);
            if (c == LagColumn && scaleChanged && !rows[i].node.lag.empty() && !changed.contains(LagEntriesRole))
                changed << LagEntriesRole; // same numbers, new scale: the bars move
            if (changed.isEmpty())
                continue;
            firstRow = firstRow < 0 ? int(i) : firstRow;
            lastRow = int(i);
            firstCol = std::min(firstCol, c);
            lastCol = std::max(lastCol, c);
            for (int role : std::as_const(changed))
                if (!roles.contains(role))
                    roles << role;
        }
        m_rows[i] = std::move(rows[i]);
    }
    if (firstRow >= 0) {
        std::sort(roles.begin(), roles.end());
        Q_EMIT dataChanged(index(firstRow, firstCol), index(lastRow, lastCol), roles);
    }
}

QList<int> ClusterNodesModel::changedRoles(const Row &a, const Row &b, int column)
{
    QList<int> roles;
    if (a.text[std::size_t(column)] != b.text[std::size_t(column)])
        roles << Qt::DisplayRole << ValueRole;
    if (a.node.role != b.node.role)
        roles << NodeRoleRole << RoleColorRole;
    if (a.node.reachable != b.node.reachable)
        roles << ReachableRole;
    if (column == ErrorColumn && a.toolTip != b.toolTip)
        roles << Qt::ToolTipRole;
    if (column == LagColumn && !sameLag(a.node.lag, b.node.lag))
        roles << LagPeersRole << LagEntriesRole;
    return roles;
}

int ClusterNodesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ClusterNodesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags ClusterNodesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) // a legal question (QAbstractItemModelTester asks it); checkIndex would warn
        return Qt::NoItemFlags;
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    // An unreachable node's row is disabled: views grey it with the theme's disabled text.
    const Row &r = m_rows[std::size_t(index.row())];
    return r.node.reachable ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                            : Qt::ItemNeverHasChildren;
}

QVariant ClusterNodesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) // a legal question (QAbstractItemModelTester asks it); checkIndex would warn
        return {};
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &r = m_rows[std::size_t(index.row())];
    const int c = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return r.text[std::size_t(c)];
    case Qt::ToolTipRole:
        if (c == ErrorColumn && !r.toolTip.isEmpty())
            return r.toolTip;
        return {};
    case Qt::TextAlignmentRole:
        if (c == NodeColumn || c == RoleColumn || c == LagColumn || c == ErrorColumn || c == LastElectionColumn)
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case NodeRoleRole:
        return int(r.node.role);
    case RoleColorRole:
        return roleColor(r.node.role);
    case ReachableRole:
        return r.node.reachable;
    case NodeIdRole:
        return untrustedText(r.node.id, kMaxNameChars);
    case LagPeersRole:
        if (c != LagColumn)
            return {};
        {
            QStringList peers;
            for (const PeerLag &p : r.node.lag)
                peers << untrustedText(p.peer, kMaxNameChars);
            return peers;
        }
    case LagEntriesRole:
        if (c != LagColumn)
            return {};
        {
            QList<double> entries;
            for (const PeerLag &p : r.node.lag)
                entries << p.entries;
            return QVariant::fromValue(entries);
        }
    case ValueRole:
        switch (c) {
        case TermColumn: return numberValue(r.node.term);
        case CommitColumn: return numberValue(r.node.commit);
        case AppliedColumn: return numberValue(r.node.applied);
        case GapColumn: {
            const auto gap = gapOf(r.node);
            return gap ? QVariant(qlonglong(*gap)) : QVariant();
        }
        case PeersColumn: return numberValue(r.node.peersConnected);
        case ElectionsColumn: return numberValue(r.node.electionsTotal);
        case LastElectionColumn: return r.node.lastElectionMs > 0 ? QVariant(qlonglong(r.node.lastElectionMs)) : QVariant();
        default: return {};
        }
    default:
        return {};
    }
}

QVariant ClusterNodesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    switch (Column(section)) {
    case NodeColumn: return tr("Node");
    case RoleColumn: return tr("Role");
    case TermColumn: return tr("Term");
    case CommitColumn: return tr("Commit");
    case AppliedColumn: return tr("Applied");
    case GapColumn: return tr("Commit − applied");
    case LagColumn: return tr("Replication lag (entries)");
    case PeersColumn: return tr("Peers");
    case ElectionsColumn: return tr("Elections");
    case LastElectionColumn: return tr("Last election");
    case ErrorColumn: return tr("Error");
    case ColumnCount: break;
    }
    return {};
}

} // namespace vigil

// ClusterNodesModel: one row per Raft node of a ClusterSnapshot — name, role (word +
// colour), term, commit and apply index, their gap, per-peer replication lag, peers
// connected, elections total, time since the last election ("3 days ago") and the error
// of an unreachable node (plain text, capped). Unreachable rows are greyed.
//
// setSnapshot() applies a whole snapshot: when the set of nodes is unchanged it emits one
// dataChanged per changed row span, limited to the roles that changed; a membership
// change resets the model. Time-relative cells are recomputed from the given `nowMs`.
//
// Threads: GUI thread only.
#pragma once

#include "core/cluster/cluster_types.h"

#include <QAbstractTableModel>
#include <QColor>

#include <array>
#include <cstdint>
#include <vector>

namespace vigil {

class ClusterNodesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NodeColumn, RoleColumn, TermColumn, CommitColumn, AppliedColumn, GapColumn, LagColumn,
                  PeersColumn, ElectionsColumn, LastElectionColumn, ErrorColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        NodeRoleRole = Qt::UserRole + 1, // int(NodeRole), every column
        RoleColorRole,                   // QColor of the role badge
        ReachableRole,                   // bool
        ValueRole,                       // the cell's number (qulonglong / qlonglong), invalid when unknown
        LagPeersRole,                    // QStringList: peer names (lag column)
        LagEntriesRole,                  // QList<double>: lag per peer, same order
        NodeIdRole,                      // QString
    };
    Q_ENUM(Role)

    static constexpr int kMaxErrorChars = 200;

    explicit ClusterNodesModel(QObject *parent = nullptr);

    void setSnapshot(const ClusterSnapshot &snapshot, std::int64_t nowMs);
    const ClusterSnapshot &snapshot() const { return m_snapshot; }
    // The largest per-peer lag of any node: the common scale of the lag bars.
    double maxLag() const { return m_maxLag; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        ClusterNode node;
        std::array<QString, ColumnCount> text;
        QString toolTip; // error, full (capped at the tooltip limit)
    };
    Row makeRow(const ClusterNode &node, std::int64_t nowMs) const;
    static QList<int> changedRoles(const Row &a, const Row &b, int column);

    ClusterSnapshot m_snapshot;
    std::vector<Row> m_rows;
    double m_maxLag = 0;
};

} // namespace vigil

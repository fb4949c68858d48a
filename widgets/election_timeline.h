// ElectionTimeline: each node's Raft role over the last minutes as a strip of coloured
// segments labelled with the role's word (unreachable is also hatched, so no state is
// told by colour alone), vertical marks where the term rose, a relative time axis, and
// beside it the list of leader changes, newest first. Built from ClusterSnapshot::history;
// strips start at the oldest recorded change (before it nothing is known). It shows the
// shared time cursor (a line and every node's role at that time); hovering the strips
// reports a time through cursorHovered() / cursorLeft().
//
// Threads: GUI thread only.
#pragma once

#include "core/cluster/cluster_types.h"
#include "models/election_history.h"

#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <optional>
#include <vector>

class QListWidget;

namespace vigil {

class ElectionStrips;

class ElectionTimeline : public QWidget
{
    Q_OBJECT
public:
    static constexpr std::int64_t kDefaultWindowMs = 10 * 60 * 1000;
    static constexpr std::size_t kMaxLeaderChanges = 50;

    explicit ElectionTimeline(QWidget *parent = nullptr);

    void setWindowMs(std::int64_t ms);
    // The strips end at nowMs; live: labelled "now", else with the end's clock time.
    void setSnapshot(const ClusterSnapshot &snapshot, std::int64_t nowMs, bool live = true);
    void setCursor(std::optional<std::int64_t> ms);
    // "14:03:07", then "node-1: leader" per row; empty when no cursor is in range.
    QStringList cursorLines() const;

    // As shown (tests): node names top to bottom, their segments, the term marks and
    // the leader-change lines.
    QStringList nodeNames() const;
    std::vector<RoleSegment> segments(int row) const;
    std::vector<TermMark> marks() const;
    QStringList leaderChangeTexts() const;

    // "14:03:07  node-1 became leader (term 6)" (local time)
    static QString leaderChangeText(const RoleChange &change, const QString &nodeName);

Q_SIGNALS:
    void cursorHovered(qint64 ms);
    void cursorLeft();

private:
    ElectionStrips *m_strips;
    QListWidget *m_leaders;
    std::int64_t m_windowMs = kDefaultWindowMs;
};

} // namespace vigil

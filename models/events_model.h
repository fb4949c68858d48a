// EventsModel: the live tail of the event engine as a table (time, priority, queue,
// node, id, latency, message, source), newest at the bottom, bounded to a ring of
// `capacity` rows (default 100,000).
//
// On each RefreshClock tick it pulls EventFeed::recentSince(lastSeq, capacity) and
// applies it with at most one beginRemoveRows (oldest rows, from the front, when the
// cap would be passed) and one beginInsertRows (the new rows at the end). While paused
// it takes no rows; it only checks (at most 4 times a second) how many arrived, and
// resume catches up to the newest `capacity` events. Cell text is built in data() only;
// event text is untrusted and goes through untrusted_text.
//
// Threads: GUI thread only. The feed and the clock must outlive the model.
#pragma once

#include "core/engine/event_types.h"

#include <QAbstractTableModel>
#include <QColor>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace vigil {

class EventFeed;
class RefreshClock;

class EventsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, PriorityColumn, QueueColumn, NodeColumn, IdColumn, LatencyColumn, MessageColumn,
                  SourceColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        SeqRole = Qt::UserRole + 1, // qulonglong
        PriorityRole,               // int (Priority: 0 critical .. 3 low)
        PriorityColorRole,          // QColor (solid)
        LatencyNsRole,              // qlonglong, -1 when absent
        TimestampNsRole,            // qlonglong: event time, else arrival time
        SourceIdRole,               // uint
    };
    Q_ENUM(Role)

    static constexpr std::size_t kDefaultCapacity = 100'000;
    // Rows taken per tick at most (~60,000/s at 30 Hz): beyond that a tail cannot be read
    // anyway, and copying every event would stall the GUI thread. The rest are counted.
    static constexpr std::size_t kMaxRowsPerTick = 2'000;
    static constexpr int kMaxDetailChars = 100'000;

    EventsModel(const EventFeed &feed, RefreshClock &clock, QObject *parent = nullptr,
                std::size_t capacity = kDefaultCapacity);

    std::size_t capacity() const { return m_capacity; }

    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);
    // Events that arrived while paused (not yet shown); 0 when live.
    std::uint64_t pendingCount() const { return m_pending; }
    std::uint64_t lastSeq() const { return m_lastSeq; }
    // Events passed over because they arrived faster than the tail shows them.
    std::uint64_t notShownCount() const { return m_notShown; }

    const EventRecord &eventAt(int row) const { return m_rows[std::size_t(row)]; }
    // The URL of a source as the engine reported it ("" when not known yet).
    std::string_view sourceUrl(std::uint32_t sourceId) const;

    static QColor priorityColor(Priority priority); // solid: decorations, badges
    static QColor priorityTint(Priority priority);  // translucent row background (works on light and dark)
    // The event's JSON pretty-printed (key order kept) as plain text, control and bidi
    // characters neutralised, capped at maxChars. Invalid JSON is shown as it came.
    static QString prettyJson(const std::string &json, int maxChars = kMaxDetailChars);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Pulls from the feed now (normally driven by the clock).
    void refresh();

Q_SIGNALS:
    void pausedChanged(bool paused);
    void pendingCountChanged(quint64 pending);
    void notShownCountChanged(quint64 notShown);

private:
    void pullNew(std::size_t limit);
    void checkPending();
    void learnSources(std::size_t fromRow);
    void startOver(); // the feed's engine was replaced (epoch bumped)
    QString cellText(const EventRecord &e, int column) const;

    const EventFeed &m_feed;
    RefreshClock &m_clock;
    std::size_t m_capacity;
    std::deque<EventRecord> m_rows;
    std::uint64_t m_lastSeq = 0;
    std::uint64_t m_epoch = 0;
    bool m_paused = false;
    std::uint64_t m_pending = 0;
    std::uint64_t m_notShown = 0;
    std::int64_t m_lastPendingCheckMs = 0;
    std::unordered_map<std::uint32_t, std::string> m_sourceUrls;
    std::int64_t m_lastSourceLookupMs = 0;
};

} // namespace vigil

// TargetsModel: one row per scrape target with its health as the hub last saw it
// (redacted URL, up/down/unknown with a colour, "3 s ago", duration, samples,
// consecutive failures / next retry, last error as capped plain text).
// Pulls from IngestHub::targets() on RefreshClock::tick() only when targetsVersion()
// moved (or when a time-relative cell like "3 s ago" would read differently), and
// reports that with one dataChanged per tick limited to the changed roles.
//
// Threads: GUI thread only. The hub must outlive the model.
#pragma once

#include "core/hub/target_status.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QStringList>

#include <array>
#include <cstdint>
#include <vector>

namespace vigil {

class IngestHub;
class RefreshClock;

class TargetsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { UrlColumn, HealthColumn, LastScrapeColumn, DurationColumn, SamplesColumn,
                  FailuresColumn, ErrorColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        UrlRole = Qt::UserRole + 1,
        HealthRole,               // Health
        HealthColorRole,          // QColor
        LastScrapeMsRole,         // qint64 ms since epoch, 0 = never
        DurationSecondsRole,      // double
        SamplesRole,              // qulonglong
        ConsecutiveFailuresRole,  // uint
        NextRetrySecondsRole,     // double: backoff in force, 0 when up
        ErrorRole,                // QString, plain, capped
    };
    Q_ENUM(Role)
    enum class Health { Unknown, Up, Down };
    Q_ENUM(Health)

    TargetsModel(const IngestHub &hub, RefreshClock &clock, QObject *parent = nullptr);

    // Targets the app is configured to scrape (redacted URLs): shown as "unknown"
    // until their first scrape reaches the hub.
    void setConfiguredTargets(const QStringList &redactedUrls);

    static QColor healthColor(Health health);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Pulls from the hub now (normally driven by the clock).
    void refresh();

private:
    struct Row
    {
        TargetStatus status;
        bool seen = false; // false: configured, no scrape yet
        std::array<QString, ColumnCount> text;
    };
    Health healthOf(const Row &row) const;
    QString cellText(const Row &row, int column, std::int64_t nowMs) const;

    const IngestHub &m_hub;
    RefreshClock &m_clock;
    std::vector<Row> m_rows;
    QStringList m_configured;
    std::uint64_t m_version = ~std::uint64_t(0);
};

} // namespace vigil

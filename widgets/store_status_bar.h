// StoreStatusBar: a status-bar line with store statistics (series, samples, memory,
// evictions) and hub statistics (batches applied / dropped / queued). Refreshed on
// clock ticks at most twice a second, and only when the text would change.
//
// Threads: GUI thread only. The hub must outlive the widget.
#pragma once

#include <QWidget>

#include <cstdint>

class QLabel;

namespace vigil {

class IngestHub;
class RefreshClock;

class StoreStatusBar : public QWidget
{
    Q_OBJECT
public:
    StoreStatusBar(const IngestHub &hub, RefreshClock &clock, QWidget *parent = nullptr);

    QString storeText() const;
    QString hubText() const;
    void refresh();

    static QString bytesText(std::uint64_t bytes);

private:
    const IngestHub &m_hub;
    RefreshClock &m_clock;
    QLabel *m_store;
    QLabel *m_hubLabel;
    std::int64_t m_lastUpdateMs = 0;
};

} // namespace vigil

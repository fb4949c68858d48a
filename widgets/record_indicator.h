// RecordIndicator: the status-bar part that shows a recording while it runs:
//   ● REC  incident-0412.vcap   12.3 MiB   00:01:23   45,210 rec/s   durable 12.1 MiB
// (red dot blinking at 1 Hz; the file name elided, full path in the tooltip; record rate
// averaged over the last ~2 s of updates). When recording stopped on an error it shows
// "Recording stopped: <reason>" in red (plain text) until setStatus() gets a running
// recording again or clear() is called. Hidden when not recording and no error.
// Clicking it emits stopRequested() while recording.
//
// Threads: GUI thread only; the owner calls setStatus() with CaptureWriter::status() on
// its refresh tick.
#pragma once

#include "core/capture/capture_writer.h"

#include <QWidget>

#include <cstdint>
#include <deque>

class QLabel;

namespace vigil {

class RecordIndicator : public QWidget
{
    Q_OBJECT
public:
    explicit RecordIndicator(QWidget *parent = nullptr);

    // status: the writer's; nowMs: the refresh clock's wall time (rates and the blink).
    void setStatus(const capture::WriterStatus &status, std::int64_t nowMs);
    void clear();

    // For tests: the texts shown.
    QString text() const;
    double recordsPerSecond() const { return m_rate; }

Q_SIGNALS:
    void stopRequested();

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override; // palette: the red follows the theme

private:
    void applyColours();

    QLabel *m_dot;
    QLabel *m_label;
    std::deque<std::pair<std::int64_t, std::uint64_t>> m_history; // (nowMs, records)
    double m_rate = 0;
    bool m_recording = false;
    bool m_dotOn = true;  // the blink phase
    QString m_error;      // shown until a running recording or clear()
};

} // namespace vigil

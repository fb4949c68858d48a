// ReplayBar: the transport controls of an offline window, above the CaptureTimeline:
//   [▶/❚❚] [speed: 1× 10× 100× Max] [⟲ Loop]  14:03:07.250  / 2026-11-20 13:00:00 – 15:20:00
//   [Add note…]   scan: "Indexing… 45 %" [Cancel]   damage: "recovered 812 frames; torn
//   tail of 4711 bytes at offset 123456" [Salvage…]
// It shows a ReplayView (plain values the owner fills from CaptureReplay::status() and
// the overview scan on its refresh tick) and emits what the operator asked for; it owns
// no replay. Keyboard: Space play/pause, Ctrl+L loop (shortcuts scoped to the window).
// Damage and capture texts are shown as plain text, elided, full text in the tooltip.
//
// Threads: GUI thread only.
#pragma once

#include <QWidget>

#include <cstdint>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace vigil {

struct ReplayView
{
    bool playing = false;
    bool ended = false;
    double speed = 1;               // 0 = as fast as possible
    bool loop = false;
    std::int64_t positionMs = 0, firstMs = 0, lastMs = 0;
    int scanPercent = -1;           // overview scan progress; -1 = finished (bar hidden)
    QString damage;                 // one line; empty: no damage (label and Salvage hidden)
    bool salvageOffered = false;    // show Salvage… (damage that salvage could get past)
    QString error;                  // replay stopped on an error; shown in red
};

class ReplayBar : public QWidget
{
    Q_OBJECT
public:
    explicit ReplayBar(QWidget *parent = nullptr);

    void setView(const ReplayView &view); // cheap when nothing changed
    const ReplayView &view() const { return m_view; }

    // The speeds offered, in combo order: 1, 10, 100, 0 (max).
    static constexpr double kSpeeds[] = {1, 10, 100, 0};

Q_SIGNALS:
    void playRequested();
    void pauseRequested();
    void speedRequested(double speed);
    void loopRequested(bool loop);
    void addNoteRequested();
    void cancelScanRequested();
    void salvageRequested();

private:
    ReplayView m_view;
    QToolButton *m_play;
    QComboBox *m_speed;
    QCheckBox *m_loop;
    QLabel *m_position;
    QLabel *m_span;
    QPushButton *m_addNote;
    QProgressBar *m_scan;
    QPushButton *m_cancelScan;
    QLabel *m_damage;
    QPushButton *m_salvage;
    QLabel *m_error;
};

} // namespace vigil

// OfflinePanel: the bottom dock of a window showing a capture — the ReplayBar (play,
// pause, speed, loop, add note, scan progress, damage and Salvage…), the CaptureTimeline
// of the whole capture and the notes list. It only wires: on every refresh tick it reads
// the session's replay status and overview scan (the scan's snapshot only when its
// version moved) and turns the operator's requests into CaptureReplay calls. A seek
// (timeline scrub, note double-click) asks the replay to preroll the dashboards' window
// (TimeRange::windowMs) so the pages are full when the position arrives, and puts the
// time range back to "live", which offline means following the replay position.
//
// Threads: GUI thread only.
#pragma once

#include "widgets/theme.h"

#include <QWidget>

#include <cstdint>

class QTreeWidget;

namespace vigil {

class CaptureTimeline;
class OfflineSession;
class RefreshClock;
class ReplayBar;
class TimeRange;

class OfflinePanel : public QWidget
{
    Q_OBJECT
public:
    OfflinePanel(OfflineSession &session, RefreshClock &clock, TimeRange &range, QWidget *parent = nullptr);

    ReplayBar *bar() const { return m_bar; }
    CaptureTimeline *timeline() const { return m_timeline; }
    QTreeWidget *notesList() const { return m_notes; }
    void setTheme(Theme theme);

    // Seeks with the dashboards' window as preroll and follows the position.
    void seekTo(std::int64_t ms);
    // Asks for a note at the current position (dialog) and saves it to the sidecar.
    void addNote();
    // Called once the session opened: positions at the first window, paused.
    void start();
    // Plays on at this speed (0 = as fast as possible), the pages following the position.
    void play(double speed);
    void setLoop(bool loop);
    // Updates everything from the session now (normally on the clock's tick).
    void refresh();
    // Who writes notes: QSettings "notes/author", else the login name.
    static QString defaultAuthor();

private:
    void refreshOverview();
    void refreshNotes();

    OfflineSession &m_session;
    RefreshClock &m_clock;
    TimeRange &m_range;
    ReplayBar *m_bar;
    CaptureTimeline *m_timeline;
    QTreeWidget *m_notes;
    std::uint64_t m_scanVersion = ~std::uint64_t(0);
    std::uint64_t m_notesVersion = ~std::uint64_t(0);
};

} // namespace vigil

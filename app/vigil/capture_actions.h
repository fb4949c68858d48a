// CaptureActions: the window's capture commands, put into its File menu and toolbar:
//   Open capture… (Ctrl+O), Open recent ▸ (10, QSettings "captures/recent"),
//   Record… / Stop recording (Ctrl+R, live windows only), Add note… (Ctrl+N),
// and drag-and-drop of .vcap files onto the window. A capture opens in a window of its
// own (a new `vigil FILE.vcap` process): opening an incident's capture never interrupts
// live monitoring, and a capture that crashes the reader cannot take the live window
// with it. The opener is a function so tests can see what would be opened.
//
// Threads: GUI thread only.
#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

class QAction;
class QMainWindow;
class QMenu;
class QSettings;
class QToolBar;

namespace vigil {

class LiveRecorder;
class OfflinePanel;
class RecordIndicator;
class RefreshClock;

class CaptureActions : public QObject
{
    Q_OBJECT
public:
    using Opener = std::function<bool(const QString &path)>;

    // settings may be null (no recent files kept). Adds its actions to `menu` before
    // `before` (null: at the end) and installs the drop handler on `window`.
    CaptureActions(QMainWindow &window, QMenu &menu, QAction *before, QSettings *settings, QObject *parent = nullptr);

    // Live windows: Record and notes into the recording; the indicator in the status bar.
    void setRecorder(LiveRecorder *recorder, RefreshClock &clock);
    // Offline windows: notes go to the panel (sidecar); Record is not offered.
    void setOfflinePanel(OfflinePanel *panel);
    // Default: starts `vigil PATH` detached. Returns false when it could not start.
    void setOpener(Opener opener) { m_opener = std::move(opener); }

    // Opens a capture (new window) and remembers it in the recent list.
    bool openCapture(const QString &path);
    QStringList recentFiles() const;
    void addRecent(const QString &path);
    // Starts recording to a chosen file (dialog) or to `path` when given.
    void startRecording(const QString &path = {});

    QAction *openAction() const { return m_open; }
    QAction *recordAction() const { return m_record; }
    QAction *noteAction() const { return m_note; }
    RecordIndicator *indicator() const { return m_indicator; }

    static bool isCapturePath(const QString &path);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void chooseAndOpen();
    void rebuildRecentMenu();
    void addNote();
    void updateRecordAction();

    QMainWindow &m_window;
    QSettings *m_settings;
    Opener m_opener;
    QAction *m_open;
    QMenu *m_recentMenu;
    QAction *m_record;
    QAction *m_note;
    LiveRecorder *m_recorder = nullptr;
    OfflinePanel *m_panel = nullptr;
    RecordIndicator *m_indicator = nullptr;
};

} // namespace vigil

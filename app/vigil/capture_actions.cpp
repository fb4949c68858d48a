#include "app/vigil/capture_actions.h"

#include "app/vigil/live_recorder.h"
#include "app/vigil/offline_panel.h"
#include "models/refresh_clock.h"
#include "widgets/record_indicator.h"

#include <QAction>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QSettings>
#include <QPainter>
#include <QPixmap>
#include <QStatusBar>
#include <QToolButton>

namespace vigil {

namespace {

constexpr int kMaxRecent = 10;
const QString kRecentKey = QStringLiteral("captures/recent");
const QString kDirKey = QStringLiteral("captures/lastDirectory");

// A red dot (record) or a dark square (stop), drawn so no image file is needed.
QIcon recordIcon(bool recording)
{
    QPixmap pm(32, 32);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    if (recording) {
        p.setBrush(QColor(0x44, 0x44, 0x44));
        p.drawRect(QRectF(8, 8, 16, 16));
    } else {
        p.setBrush(QColor(0xd0, 0x21, 0x21));
        p.drawEllipse(QRectF(6, 6, 20, 20));
    }
    return QIcon(pm);
}

QStringList droppedCaptures(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile() && CaptureActions::isCapturePath(url.toLocalFile()))
            paths.append(url.toLocalFile());
    return paths;
}

} // namespace

CaptureActions::CaptureActions(QMainWindow &window, QMenu &menu, QAction *before, QSettings *settings, QObject *parent)
    : QObject(parent), m_window(window), m_settings(settings)
{
    m_opener = [](const QString &path) {
        return QProcess::startDetached(QCoreApplication::applicationFilePath(), {QStringLiteral("--"), path});
    };
    m_open = new QAction(tr("&Open capture…"), this);
    m_open->setShortcut(QKeySequence::Open);
    m_open->setToolTip(tr("Open a .vcap capture in a window of its own (read-only)."));
    connect(m_open, &QAction::triggered, this, &CaptureActions::chooseAndOpen);
    m_recentMenu = new QMenu(tr("Open &recent"), &window);
    m_record = new QAction(tr("&Record…"), this);
    m_record->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_record->setCheckable(true);
    m_record->setEnabled(false);
    connect(m_record, &QAction::triggered, this, [this](bool checked) {
        if (!m_recorder)
            return;
        if (checked)
            startRecording();
        else
            m_recorder->stop();
        updateRecordAction();
    });
    m_note = new QAction(tr("Add &note…"), this);
    m_note->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_note->setEnabled(false);
    connect(m_note, &QAction::triggered, this, &CaptureActions::addNote);

    menu.insertAction(before, m_open);
    menu.insertMenu(before, m_recentMenu);
    menu.insertSeparator(before);
    menu.insertAction(before, m_record);
    menu.insertAction(before, m_note);
    menu.insertSeparator(before);
    window.addAction(m_record); // shortcuts work in wall mode too
    window.addAction(m_note);
    rebuildRecentMenu();

    window.setAcceptDrops(true);
    window.installEventFilter(this);
}

bool CaptureActions::isCapturePath(const QString &path)
{
    return path.endsWith(QStringLiteral(".vcap"), Qt::CaseInsensitive);
}

void CaptureActions::setRecorder(LiveRecorder *recorder, RefreshClock &clock)
{
    m_recorder = recorder;
    // A visible Record button in the status bar (the menu item and Ctrl+R do the same).
    auto *button = new QToolButton(&m_window);
    button->setDefaultAction(m_record);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    button->setObjectName(QStringLiteral("recordButton"));
    m_window.statusBar()->addPermanentWidget(button);
    m_indicator = new RecordIndicator(&m_window);
    m_window.statusBar()->addPermanentWidget(m_indicator);
    connect(m_indicator, &RecordIndicator::stopRequested, this, [this] {
        m_recorder->stop();
        updateRecordAction();
    });
    connect(&clock, &RefreshClock::tick, m_indicator, [this, &clock] {
        if (m_recorder->isRecording())
            m_indicator->setStatus(m_recorder->status(), clock.nowMs());
    });
    connect(m_recorder, &LiveRecorder::recordingChanged, this, [this] { updateRecordAction(); });
    connect(m_recorder, &LiveRecorder::stopped, this, [this](const QString &path, const QString &error) {
        const capture::WriterStatus s = m_recorder->status();
        m_indicator->setStatus(s, QDateTime::currentMSecsSinceEpoch());
        if (!error.isEmpty())
            m_window.statusBar()->showMessage(tr("Recording %1 stopped: %2").arg(QDir::toNativeSeparators(path), error));
        else
            m_window.statusBar()->showMessage(tr("Recording saved: %1").arg(QDir::toNativeSeparators(path)), 15000);
        addRecent(path);
    });
    updateRecordAction();
}

void CaptureActions::setOfflinePanel(OfflinePanel *panel)
{
    m_panel = panel;
    m_record->setEnabled(false);
    m_record->setToolTip(tr("A capture opened offline is read-only: record from a live window."));
    m_note->setEnabled(true);
    m_note->setToolTip(tr("Add a note at the replay position; saved beside the capture, never into it."));
}

void CaptureActions::updateRecordAction()
{
    if (!m_recorder)
        return;
    const bool on = m_recorder->isRecording();
    m_record->setEnabled(true);
    m_record->setChecked(on);
    m_record->setText(on ? tr("Stop &recording") : tr("&Record…"));
    m_record->setIcon(recordIcon(on));
    m_note->setEnabled(on);
    m_note->setToolTip(on ? tr("Add a note to the recording at this moment.")
                          : tr("Notes are kept in recordings: start recording first."));
}

void CaptureActions::startRecording(const QString &given)
{
    if (!m_recorder)
        return;
    QString path = given;
    if (path.isEmpty()) {
        const QString dir = m_settings ? m_settings->value(kDirKey, QDir::homePath()).toString() : QDir::homePath();
        path = QFileDialog::getSaveFileName(&m_window, tr("Record to"), QDir(dir).filePath(LiveRecorder::defaultFileName()),
                                            tr("Vigil captures (*.vcap)"));
        if (path.isEmpty()) {
            updateRecordAction();
            return;
        }
        if (!isCapturePath(path))
            path += QStringLiteral(".vcap");
        if (m_settings)
            m_settings->setValue(kDirKey, QFileInfo(path).absolutePath());
    }
    const QString error = m_recorder->start(path);
    if (!error.isEmpty()) {
        QMessageBox::warning(&m_window, tr("Cannot record"), tr("Cannot record to %1: %2")
                                                                 .arg(QDir::toNativeSeparators(path), error));
    } else {
        m_window.statusBar()->showMessage(tr("Recording to %1").arg(QDir::toNativeSeparators(path)), 5000);
    }
    updateRecordAction();
}

void CaptureActions::addNote()
{
    if (m_panel) {
        m_panel->addNote();
        return;
    }
    if (!m_recorder || !m_recorder->isRecording())
        return;
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(&m_window, tr("Add note"),
                                                        tr("Note for this moment (kept in the recording):"), QString(), &ok);
    if (!ok || text.trimmed().isEmpty())
        return;
    capture::Note note;
    note.timestampMs = QDateTime::currentMSecsSinceEpoch();
    note.writtenMs = note.timestampMs;
    note.author = OfflinePanel::defaultAuthor().toStdString();
    note.text = text.toStdString();
    const QString error = m_recorder->addNote(std::move(note));
    if (!error.isEmpty())
        m_window.statusBar()->showMessage(error, 10000);
}

void CaptureActions::chooseAndOpen()
{
    const QString dir = m_settings ? m_settings->value(kDirKey, QDir::homePath()).toString() : QDir::homePath();
    const QString path = QFileDialog::getOpenFileName(&m_window, tr("Open capture"), dir,
                                                      tr("Vigil captures (*.vcap);;All files (*)"));
    if (path.isEmpty())
        return;
    if (m_settings)
        m_settings->setValue(kDirKey, QFileInfo(path).absolutePath());
    openCapture(path);
}

bool CaptureActions::openCapture(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo(absolute).isFile()) {
        m_window.statusBar()->showMessage(tr("No such capture: %1").arg(QDir::toNativeSeparators(absolute)), 10000);
        return false;
    }
    if (!m_opener(absolute)) {
        m_window.statusBar()->showMessage(tr("Could not start a window for %1").arg(QDir::toNativeSeparators(absolute)),
                                          10000);
        return false;
    }
    addRecent(absolute);
    m_window.statusBar()->showMessage(tr("Opening %1 in a new window").arg(QDir::toNativeSeparators(absolute)), 5000);
    return true;
}

QStringList CaptureActions::recentFiles() const
{
    return m_settings ? m_settings->value(kRecentKey).toStringList() : QStringList{};
}

void CaptureActions::addRecent(const QString &path)
{
    if (!m_settings || path.isEmpty())
        return;
    QStringList recent = recentFiles();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    m_settings->setValue(kRecentKey, recent);
    rebuildRecentMenu();
}

void CaptureActions::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentFiles();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent[i];
        // "&1 name.vcap" — the file name only (plain: '&' in names doubled), path in the tooltip.
        QString name = QFileInfo(path).fileName();
        name.replace(QLatin1Char('&'), QStringLiteral("&&"));
        QAction *a = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(name), this,
                                             [this, path] { openCapture(path); });
        a->setToolTip(QDir::toNativeSeparators(path));
        a->setStatusTip(QDir::toNativeSeparators(path));
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
    m_recentMenu->setToolTipsVisible(true);
}

bool CaptureActions::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == &m_window) {
        if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
            auto *drag = static_cast<QDragMoveEvent *>(event);
            if (!droppedCaptures(drag->mimeData()).isEmpty()) {
                drag->acceptProposedAction();
                return true;
            }
        } else if (event->type() == QEvent::Drop) {
            auto *drop = static_cast<QDropEvent *>(event);
            const QStringList paths = droppedCaptures(drop->mimeData());
            if (!paths.isEmpty()) {
                for (const QString &p : paths)
                    openCapture(p);
                drop->acceptProposedAction();
                return true;
            }
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace vigil

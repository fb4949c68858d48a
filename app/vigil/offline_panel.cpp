#include "app/vigil/offline_panel.h"

#include "app/vigil/offline_session.h"
#include "models/refresh_clock.h"
#include "models/time_range.h"
#include "widgets/capture_timeline.h"
#include "widgets/replay_bar.h"

#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace vigil {

namespace {

constexpr int kMaxNoteRows = 5000;
constexpr int kMaxNoteColumnChars = 400;

QString timeText(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString plainCapped(const std::string &s, int max)
{
    QString text = QString::fromStdString(s);
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (text.size() > max)
        text = text.left(max) + QChar(0x2026);
    return text;
}

} // namespace

OfflinePanel::OfflinePanel(OfflineSession &session, RefreshClock &clock, TimeRange &range, QWidget *parent)
    : QWidget(parent), m_session(session), m_clock(clock), m_range(range), m_bar(new ReplayBar(this)),
      m_timeline(new CaptureTimeline(this)), m_notes(new QTreeWidget(this))
{
    m_notes->setColumnCount(3);
    m_notes->setHeaderLabels({tr("Time"), tr("Author"), tr("Note")});
    m_notes->setRootIsDecorated(false);
    m_notes->setUniformRowHeights(true);
    m_notes->header()->setStretchLastSection(true);
    m_notes->setMinimumWidth(m_notes->fontMetrics().averageCharWidth() * 56);
    m_notes->setToolTip(tr("Notes of this capture and the ones added here. Double-click to go there."));

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_timeline);
    split->addWidget(m_notes);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_bar);
    layout->addWidget(split, 1);

    connect(m_bar, &ReplayBar::playRequested, this, [this] {
        if (auto *r = m_session.replay()) {
            m_range.resume();
            r->play();
        }
    });
    connect(m_bar, &ReplayBar::loopRequested, this, &OfflinePanel::setLoop);
    connect(m_bar, &ReplayBar::pauseRequested, this, [this] {
        if (auto *r = m_session.replay())
            r->pause();
    });
    connect(m_bar, &ReplayBar::speedRequested, this, [this](double speed) {
        if (auto *r = m_session.replay())
            r->setSpeed(speed);
    });
    connect(m_bar, &ReplayBar::cancelScanRequested, this, [this] {
        if (auto *scan = m_session.overview())
            scan->cancel();
    });
    connect(m_bar, &ReplayBar::salvageRequested, this, [this] {
        const auto answer = QMessageBox::question(
            this, tr("Salvage capture"),
            tr("Open the capture again, skipping every damaged frame and going on after it? "
               "The file itself is not changed."));
        if (answer == QMessageBox::Yes)
            m_session.open(m_session.path(), true);
    });
    connect(m_bar, &ReplayBar::addNoteRequested, this, &OfflinePanel::addNote);
    connect(m_timeline, &CaptureTimeline::seekRequested, this, &OfflinePanel::seekTo);
    connect(m_notes, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        seekTo(item->data(0, Qt::UserRole).toLongLong());
    });
    connect(&m_clock, &RefreshClock::tick, this, &OfflinePanel::refresh);
}

QString OfflinePanel::defaultAuthor()
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return QSettings().value(QStringLiteral("notes/author"), user).toString();
}

void OfflinePanel::setTheme(Theme theme) { m_timeline->setTheme(theme); }

void OfflinePanel::seekTo(std::int64_t ms)
{
    auto *replay = m_session.replay();
    if (!replay)
        return;
    m_range.resume(); // offline "live" follows the replay position
    replay->seek(ms, m_range.windowMs());
}

void OfflinePanel::start()
{
    auto *replay = m_session.replay();
    if (!replay)
        return;
    const capture::ReplayStatus s = replay->status();
    // The first window of the capture, full, paused: Space plays on from there.
    seekTo(std::min(s.lastMs, s.firstMs + m_range.windowMs()));
    m_scanVersion = m_notesVersion = ~std::uint64_t(0);
    refresh();
}

void OfflinePanel::play(double speed)
{
    if (auto *r = m_session.replay()) {
        m_range.resume();
        r->setSpeed(speed);
        r->play();
    }
}

void OfflinePanel::setLoop(bool loop)
{
    if (auto *r = m_session.replay())
        r->setLoop(loop);
}

void OfflinePanel::addNote()
{
    auto *replay = m_session.replay();
    if (!replay)
        return;
    const std::int64_t at = m_range.cursorMs().value_or(replay->positionMs());
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(this, tr("Add note"),
                                                        tr("Note at %1 (saved beside the capture, which stays unchanged):")
                                                            .arg(timeText(at)),
                                                        QString(), &ok);
    if (!ok || text.trimmed().isEmpty())
        return;
    capture::Note note;
    note.timestampMs = at;
    note.writtenMs = QDateTime::currentMSecsSinceEpoch();
    note.author = defaultAuthor().toStdString();
    note.text = text.toStdString();
    QString error = m_session.addNote(note);
    if (error.isEmpty())
        return;
    // The capture's directory is read-only (someone else's capture): the notes go to a
    // notes file the operator picks.
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save notes to"), OfflineSession::defaultSidecarPath(QFileInfo(m_session.path()).fileName()),
        tr("Vigil notes (*.notes.jsonl)"));
    if (path.isEmpty()) {
        QMessageBox::warning(this, tr("Note not saved"), error);
        return;
    }
    m_session.setSidecarPath(path);
    error = m_session.addNote(note);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Note not saved"), error);
}

void OfflinePanel::refresh()
{
    const capture::ReplayStatus s = m_session.status();
    ReplayView view;
    view.playing = s.state == capture::ReplayState::Playing;
    view.ended = s.state == capture::ReplayState::Ended;
    view.speed = s.speed;
    view.loop = s.loop;
    view.positionMs = s.catchingUp ? s.targetMs : s.positionMs;
    view.firstMs = s.firstMs;
    view.lastMs = s.lastMs;
    if (s.state == capture::ReplayState::Error)
        view.error = QString::fromStdString(s.error);
    view.damage = m_session.damageSummary();
    view.salvageOffered = m_session.damaged() && !m_session.salvage();
    if (auto *scan = m_session.overview()) {
        if (!scan->finished()) {
            const capture::CaptureOverview o = m_timeline->overview();
            view.scanPercent = o.frames ? int(o.framesScanned * 100 / o.frames) : 0;
        }
    }
    m_bar->setView(view);
    m_timeline->setPosition(view.positionMs);
    const TimeSpan span = m_range.range(m_clock.nowMs());
    m_timeline->setVisibleSpan(span.startMs, span.endMs);
    refreshOverview();
    refreshNotes();
}

void OfflinePanel::refreshOverview()
{
    auto *scan = m_session.overview();
    if (!scan)
        return;
    const std::uint64_t version = scan->version() + m_session.notesVersion() * 1'000'003ull;
    if (version == m_scanVersion)
        return;
    m_scanVersion = version;
    capture::CaptureOverview overview = scan->snapshot();
    // Notes added beside the capture are marks too (the scan sees only the capture's).
    for (const capture::Note &n : m_session.sidecarNotes()) {
        const std::string first = n.text.substr(0, n.text.find('\n'));
        overview.marks.push_back({capture::MarkKind::Note, n.timestampMs, first.substr(0, 1024)});
    }
    std::stable_sort(overview.marks.begin(), overview.marks.end(),
                     [](const capture::OverviewMark &a, const capture::OverviewMark &b) { return a.atMs < b.atMs; });
    m_timeline->setOverview(std::move(overview));
}

void OfflinePanel::refreshNotes()
{
    const std::uint64_t version = m_session.notesVersion();
    if (version == m_notesVersion)
        return;
    m_notesVersion = version;
    const std::vector<capture::Note> notes = m_session.notes();
    m_notes->clear();
    QList<QTreeWidgetItem *> items;
    for (const capture::Note &n : notes) {
        if (items.size() >= kMaxNoteRows)
            break;
        auto *item = new QTreeWidgetItem({timeText(n.timestampMs), plainCapped(n.author, 64),
                                          plainCapped(n.text, kMaxNoteColumnChars)});
        item->setData(0, Qt::UserRole, qlonglong(n.timestampMs));
        item->setToolTip(2, QString::fromStdString(n.text.substr(0, 4096)).toHtmlEscaped());
        items.append(item);
    }
    m_notes->addTopLevelItems(items);
    m_notes->resizeColumnToContents(0);
    m_notes->resizeColumnToContents(1);
}

} // namespace vigil

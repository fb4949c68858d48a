// The offline-capture widgets, offscreen: CaptureTimeline (x <-> time mapping, scrubbing
// with its throttle, keys, the tooltip showing mark texts literally, painted pixels:
// position line and the greyed not-yet-scanned part), ReplayBar (setView shows the view
// without emitting, clicks and shortcuts emit what was asked) and RecordIndicator (rate,
// texts, error state, visibility, click to stop).
#include "widgets/capture_timeline.h"
#include "widgets/record_indicator.h"
#include "widgets/replay_bar.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QToolTip>

#include <cmath>

using namespace vigil;

namespace {

std::int64_t localMs(int h, int m, int s = 0)
{
    return QDateTime(QDate(2026, 11, 20), QTime(h, m, s)).toMSecsSinceEpoch();
}

// 13:00 .. 15:00, 4 s buckets, a steady event and sample rate; scanned to `percent`.
capture::CaptureOverview steadyOverview(int percent = 100)
{
    capture::CaptureOverview o;
    o.firstMs = localMs(13, 0);
    o.lastMs = localMs(15, 0);
    o.bucketMs = 4000;
    o.buckets.resize(std::size_t((o.lastMs - o.firstMs) / o.bucketMs + 1));
    o.frames = 100;
    o.framesScanned = std::size_t(percent);
    o.complete = percent >= 100;
    const std::size_t scanned = o.buckets.size() * std::size_t(percent) / 100;
    for (std::size_t i = 0; i < scanned; ++i)
        o.buckets[i] = {4000, 800, 4, 0};
    return o;
}

std::int64_t lastSeek(const QSignalSpy &spy)
{
    return spy.isEmpty() ? -1 : spy.last().at(0).toLongLong();
}

int saturation(QRgb c)
{
    return QColor(c).hsvSaturation();
}

} // namespace

class TstCaptureWidgets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void timelineMapsXAndTimeBothWays()
    {
        CaptureTimeline t;
        t.resize(1000, t.sizeHint().height());
        t.setOverview(steadyOverview());
        const capture::CaptureOverview &o = t.overview();
        const int left = t.xAtTime(o.firstMs), right = t.xAtTime(o.lastMs);
        QVERIFY(left > 0);
        QVERIFY(right < t.width() - 1);
        QVERIFY(right - left > 900);
        for (int x = left; x <= right; ++x)
            QCOMPARE(t.xAtTime(t.timeAtX(x)), x);
        const std::int64_t msPerPixel = (o.lastMs - o.firstMs) / (right - left) + 1;
        for (std::int64_t ms = o.firstMs; ms <= o.lastMs; ms += 997)
            QVERIFY(std::abs(t.timeAtX(t.xAtTime(ms)) - ms) <= msPerPixel);
        // Clamped into the span.
        QCOMPARE(t.timeAtX(-50), o.firstMs);
        QCOMPARE(t.timeAtX(left - 3), o.firstMs);
        QCOMPARE(t.timeAtX(t.width() + 50), o.lastMs);
        QCOMPARE(t.xAtTime(o.firstMs - 3'600'000), left);
        QCOMPARE(t.xAtTime(o.lastMs + 3'600'000), right);
        QCOMPARE(t.timeAtX(left), o.firstMs);
        QCOMPARE(t.timeAtX(right), o.lastMs);
        // No capture: everything maps to the start, nothing divides by zero.
        t.setOverview({});
        QCOMPARE(t.timeAtX(500), 0);
        QCOMPARE(t.xAtTime(12345), t.xAtTime(0));
    }

    void timelineScrubbingEmitsSeeksThrottledWithTheFinalPosition()
    {
        CaptureTimeline t;
        t.resize(1000, t.sizeHint().height());
        t.setOverview(steadyOverview());
        t.show();
        QVERIFY(QTest::qWaitForWindowExposed(&t));
        QSignalSpy spy(&t, &CaptureTimeline::seekRequested);
        const int y = t.height() / 2;
        const int xs[] = {200, 260, 330, 410};

        // A click: one seek, the release does not repeat it.
        QTest::mousePress(&t, Qt::LeftButton, {}, QPoint(xs[0], y));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(lastSeek(spy), t.timeAtX(xs[0]));
        QCOMPARE(t.position(), t.timeAtX(xs[0]));
        QTest::mouseRelease(&t, Qt::LeftButton, {}, QPoint(xs[0], y));
        QCOMPARE(spy.count(), 1);

        // A fast drag: throttled (no more than one seek per move), in order, and the
        // release delivers where it ended.
        spy.clear();
        QTest::mousePress(&t, Qt::LeftButton, {}, QPoint(xs[0], y));
        for (int i = 1; i < 4; ++i)
            QTest::mouseMove(&t, QPoint(xs[i], y));
        QTest::mouseRelease(&t, Qt::LeftButton, {}, QPoint(xs[3], y));
        QVERIFY(spy.count() >= 2);
        QVERIFY(spy.count() <= 4);
        QCOMPARE(spy.first().at(0).toLongLong(), t.timeAtX(xs[0]));
        QCOMPARE(lastSeek(spy), t.timeAtX(xs[3]));
        for (int i = 1; i < spy.count(); ++i)
            QVERIFY(spy.at(i).at(0).toLongLong() > spy.at(i - 1).at(0).toLongLong());
        QCOMPARE(t.position(), t.timeAtX(xs[3]));

        // Moves within 50 ms of a seek are held back, and delivered when the drag pauses.
        spy.clear();
        QTest::mousePress(&t, Qt::LeftButton, {}, QPoint(xs[1], y));
        QTest::mouseMove(&t, QPoint(xs[2], y));
        QTest::mouseMove(&t, QPoint(xs[3], y));
        QTRY_COMPARE_WITH_TIMEOUT(lastSeek(spy), t.timeAtX(xs[3]), 1000);
        const int settled = int(spy.count());
        QTest::qWait(120);
        QCOMPARE(spy.count(), settled); // nothing more while the mouse stays
        QTest::mouseRelease(&t, Qt::LeftButton, {}, QPoint(xs[3], y));
        QCOMPARE(spy.count(), settled); // the final position is already out

        // Dragging outside the widget clamps to the ends.
        spy.clear();
        QTest::mousePress(&t, Qt::LeftButton, {}, QPoint(xs[1], y));
        QTest::mouseMove(&t, QPoint(-40, y));
        QTest::mouseRelease(&t, Qt::LeftButton, {}, QPoint(-40, y));
        QCOMPARE(lastSeek(spy), t.overview().firstMs);

        // While dragging, the owner's refresh does not pull the line back.
        QTest::mousePress(&t, Qt::LeftButton, {}, QPoint(xs[2], y));
        t.setPosition(t.overview().firstMs + 5);
        QCOMPARE(t.position(), t.timeAtX(xs[2]));
        QTest::mouseRelease(&t, Qt::LeftButton, {}, QPoint(xs[2], y));
        t.setPosition(t.overview().firstMs + 5);
        QCOMPARE(t.position(), t.overview().firstMs + 5);
    }

    void timelineKeysStepAndJump()
    {
        CaptureTimeline t;
        t.resize(800, t.sizeHint().height());
        t.setOverview(steadyOverview());
        const capture::CaptureOverview &o = t.overview();
        const std::int64_t span = o.lastMs - o.firstMs, mid = o.firstMs + span / 2;
        t.setPosition(mid);
        QSignalSpy spy(&t, &CaptureTimeline::seekRequested);
        QTest::keyClick(&t, Qt::Key_Right);
        QCOMPARE(lastSeek(spy), mid + span / 100);
        QTest::keyClick(&t, Qt::Key_Left);
        QTest::keyClick(&t, Qt::Key_Left);
        QCOMPARE(lastSeek(spy), mid - span / 100);
        QTest::keyClick(&t, Qt::Key_Home);
        QCOMPARE(lastSeek(spy), o.firstMs);
        QTest::keyClick(&t, Qt::Key_Left); // clamped at the start
        QCOMPARE(lastSeek(spy), o.firstMs);
        QTest::keyClick(&t, Qt::Key_End);
        QCOMPARE(lastSeek(spy), o.lastMs);
        QTest::keyClick(&t, Qt::Key_Right);
        QCOMPARE(lastSeek(spy), o.lastMs);
        QCOMPARE(spy.count(), 7); // keys are not throttled
        QCOMPARE(t.position(), o.lastMs);
    }

    void timelineToolTipShowsMarkTextLiterally()
    {
        CaptureTimeline t;
        t.resize(1000, t.sizeHint().height());
        capture::CaptureOverview o = steadyOverview();
        o.buckets[900].failedScrapes = 2;
        o.marks = {{capture::MarkKind::Election, localMs(13, 30), "node-1 leader, term 5"},
                   {capture::MarkKind::Note, localMs(14, 0), "<b>x</b> & \"restart\""}};
        t.setOverview(o);
        t.show();
        QVERIFY(QTest::qWaitForWindowExposed(&t));

        const int x = t.xAtTime(localMs(14, 0));
        const QString tip = t.toolTipAt(x);
        // The cursor's time is the pixel's (7.2 s per pixel here), the mark's its own.
        QVERIFY2(tip.startsWith(QDateTime::fromMSecsSinceEpoch(t.timeAtX(x)).toString(QStringLiteral("HH:mm:ss\n"))),
                 qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Note at 14:00:00: <b>x</b> & \"restart\"")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Events: 1,000/s · Samples: 200/s")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Scrapes: 4, 2 failed")), qPrintable(tip));
        QVERIFY(!tip.contains(QStringLiteral("Election")));
        QVERIFY(t.toolTipAt(t.xAtTime(localMs(13, 30))).contains(QStringLiteral("Election at 13:30:00: node-1 leader, term 5")));
        QVERIFY(t.toolTipAt(2).isEmpty()); // left of the plot

        // What QToolTip gets is escaped: the markup shows as characters, never as bold.
        QHelpEvent help(QEvent::ToolTip, QPoint(x, t.height() / 2), t.mapToGlobal(QPoint(x, t.height() / 2)));
        QApplication::sendEvent(&t, &help);
        const QString shown = QToolTip::text();
        QVERIFY(!shown.isEmpty());
        QVERIFY2(shown.contains(QStringLiteral("&lt;b&gt;x&lt;/b&gt; &amp; &quot;restart&quot;")), qPrintable(shown));
        QVERIFY(!shown.contains(QStringLiteral("<b>x</b>")));
        QToolTip::hideText();

        // Not scanned yet: said so, no rates.
        t.setOverview(steadyOverview(50));
        const QString later = t.toolTipAt(t.xAtTime(localMs(14, 45)));
        QVERIFY2(later.contains(QStringLiteral("Not indexed yet")), qPrintable(later));
        QVERIFY(!later.contains(QStringLiteral("Events:")));
    }

    void timelinePaintsPositionAndGreysTheUnscannedPart()
    {
        for (const qreal dpr : {1.0, 2.0}) {
            CaptureTimeline t;
            t.resize(1000, t.sizeHint().height());
            t.setOverview(steadyOverview(60));
            QCOMPARE(t.scannedUntilMs(), localMs(13, 0) + std::int64_t(0.6 * 7'200'000));
            const std::int64_t pos = localMs(13, 45);
            t.setPosition(pos);
            QImage image(t.size() * dpr, QImage::Format_ARGB32_Premultiplied);
            image.setDevicePixelRatio(dpr);
            image.fill(Qt::transparent);
            t.render(&image);
            auto pixel = [&](int x, int y) { return image.pixel(int(x * dpr), int(y * dpr)); };
            const int y = t.height() / 2;
            const QPalette pal = t.palette();

            QCOMPARE(QColor(pixel(t.xAtTime(pos), y)).rgb(), pal.color(QPalette::WindowText).rgb());
            // Scanned: the event area, in colour.
            const QRgb scanned = pixel(t.xAtTime(localMs(14, 0)), y);
            QVERIFY2(saturation(scanned) > 40, qPrintable(QColor(scanned).name()));
            // Not scanned: grey (the window colour with a mid-grey dither), not the plot's base.
            for (int dx = 0; dx < 4; ++dx) {
                const QRgb grey = pixel(t.xAtTime(localMs(14, 40)) + dx, y);
                QVERIFY2(saturation(grey) < 30, qPrintable(QColor(grey).name()));
                QVERIFY2(QColor(grey).rgb() == pal.color(QPalette::Window).rgb() || QColor(grey).rgb() == pal.color(QPalette::Mid).rgb(),
                         qPrintable(QStringLiteral("%1 window %2 mid %3")
                                        .arg(QColor(grey).name(), pal.color(QPalette::Window).name(),
                                             pal.color(QPalette::Mid).name())));
            }
        }
    }

    void replayBarShowsTheViewWithoutEmitting()
    {
        ReplayBar bar;
        QSignalSpy play(&bar, &ReplayBar::playRequested), pause(&bar, &ReplayBar::pauseRequested),
            speed(&bar, &ReplayBar::speedRequested), loop(&bar, &ReplayBar::loopRequested),
            note(&bar, &ReplayBar::addNoteRequested), cancel(&bar, &ReplayBar::cancelScanRequested),
            salvage(&bar, &ReplayBar::salvageRequested);
        auto *playButton = bar.findChild<QToolButton *>(QStringLiteral("replayPlay"));
        auto *combo = bar.findChild<QComboBox *>(QStringLiteral("replaySpeed"));
        auto *loopBox = bar.findChild<QCheckBox *>(QStringLiteral("replayLoop"));
        auto *position = bar.findChild<QLabel *>(QStringLiteral("replayPosition"));
        auto *span = bar.findChild<QLabel *>(QStringLiteral("replaySpan"));
        auto *scan = bar.findChild<QProgressBar *>(QStringLiteral("replayScan"));
        auto *damage = bar.findChild<QLabel *>(QStringLiteral("replayDamage"));
        auto *salvageButton = bar.findChild<QPushButton *>(QStringLiteral("replaySalvage"));
        auto *error = bar.findChild<QLabel *>(QStringLiteral("replayError"));
        QVERIFY(playButton && combo && loopBox && position && span && scan && damage && salvageButton && error);
        QVERIFY(scan->isHidden());
        QVERIFY(damage->isHidden());
        QVERIFY(error->isHidden());

        ReplayView v;
        v.playing = true;
        v.speed = 0;
        v.loop = true;
        v.firstMs = localMs(13, 0);
        v.lastMs = localMs(15, 20);
        v.positionMs = localMs(14, 3, 7) + 250;
        v.scanPercent = 45;
        v.damage = QStringLiteral("<b>recovered</b> 812 frames; torn tail of 4711 bytes at offset 123456");
        v.salvageOffered = true;
        bar.setView(v);
        QCOMPARE(position->text(), QStringLiteral("14:03:07.250"));
        QCOMPARE(span->text(), QStringLiteral("/ 2026-11-20 13:00:00 – 15:20:00"));
        QVERIFY(playButton->text().contains(QStringLiteral("Pause")));
        QCOMPARE(combo->currentIndex(), 3);
        QVERIFY(loopBox->isChecked());
        QVERIFY(!scan->isHidden());
        QCOMPARE(scan->value(), 45);
        QVERIFY(!damage->isHidden());
        QCOMPARE(damage->textFormat(), Qt::PlainText);
        QCOMPARE(damage->text(), QStringLiteral("Damage: ") + v.damage);
        QVERIFY(!salvageButton->isHidden());
        QVERIFY(error->isHidden());

        // A speed that is not offered shows as an extra entry, and goes again.
        v.speed = 2.5;
        bar.setView(v);
        QCOMPARE(combo->count(), 5);
        QCOMPARE(combo->currentIndex(), 4);
        QCOMPARE(combo->itemData(4).toDouble(), 2.5);

        // The scan ends, the damage is gone, an error came; the span crosses midnight.
        v.speed = 10;
        v.playing = false;
        v.ended = true;
        v.loop = false;
        v.scanPercent = -1;
        v.damage.clear();
        v.error = QStringLiteral("<i>frame 12</i> unreadable");
        v.lastMs = v.firstMs + 36 * 3'600'000LL;
        v.positionMs = v.lastMs;
        bar.setView(v);
        QCOMPARE(combo->count(), 4);
        QCOMPARE(combo->currentIndex(), 1);
        QVERIFY(!loopBox->isChecked());
        QVERIFY(playButton->text().contains(QStringLiteral("Play")));
        QCOMPARE(position->text(),
                 QStringLiteral("%1 (end)").arg(QDateTime::fromMSecsSinceEpoch(v.lastMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))));
        QVERIFY(span->text().endsWith(QDateTime::fromMSecsSinceEpoch(v.lastMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
        QVERIFY(scan->isHidden());
        QVERIFY(damage->isHidden());
        QVERIFY(salvageButton->isHidden());
        QVERIFY(!error->isHidden());
        QCOMPARE(error->textFormat(), Qt::PlainText);
        QCOMPARE(error->text(), v.error);
        bar.setView(v); // unchanged: nothing happens

        for (QSignalSpy *s : {&play, &pause, &speed, &loop, &note, &cancel, &salvage})
            QCOMPARE(s->count(), 0);
    }

    void replayBarEmitsWhatTheOperatorAsks()
    {
        ReplayBar bar;
        bar.show();
        bar.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&bar));
        QSignalSpy play(&bar, &ReplayBar::playRequested), pause(&bar, &ReplayBar::pauseRequested),
            speed(&bar, &ReplayBar::speedRequested), loop(&bar, &ReplayBar::loopRequested),
            note(&bar, &ReplayBar::addNoteRequested), cancel(&bar, &ReplayBar::cancelScanRequested),
            salvage(&bar, &ReplayBar::salvageRequested);
        auto *playButton = bar.findChild<QToolButton *>(QStringLiteral("replayPlay"));
        auto *combo = bar.findChild<QComboBox *>(QStringLiteral("replaySpeed"));
        auto *loopBox = bar.findChild<QCheckBox *>(QStringLiteral("replayLoop"));

        ReplayView v;
        v.firstMs = localMs(13, 0);
        v.lastMs = localMs(15, 0);
        v.positionMs = v.firstMs;
        v.speed = 100;
        v.scanPercent = 10;
        v.damage = QStringLiteral("torn tail");
        v.salvageOffered = true;
        bar.setView(v);

        QTest::mouseClick(playButton, Qt::LeftButton);
        QCOMPARE(play.count(), 1);
        QCOMPARE(pause.count(), 0);
        v.playing = true;
        bar.setView(v);
        QTest::mouseClick(playButton, Qt::LeftButton);
        QCOMPARE(pause.count(), 1);
        QCOMPARE(play.count(), 1);

        // Down from 100× is Max: speed 0.
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(speed.count(), 1);
        QCOMPARE(speed.last().at(0).toDouble(), 0.0);
        QTest::keyClick(combo, Qt::Key_Home);
        QCOMPARE(speed.count(), 2);
        QCOMPARE(speed.last().at(0).toDouble(), 1.0);

        QTest::mouseClick(loopBox, Qt::LeftButton);
        QCOMPARE(loop.count(), 1);
        QCOMPARE(loop.last().at(0).toBool(), true);
        bar.setView(v); // the owner did not turn it on: the box follows the view again
        QVERIFY(!loopBox->isChecked());

        QTest::mouseClick(bar.findChild<QPushButton *>(QStringLiteral("replayAddNote")), Qt::LeftButton);
        QTest::mouseClick(bar.findChild<QPushButton *>(QStringLiteral("replayCancelScan")), Qt::LeftButton);
        QTest::mouseClick(bar.findChild<QPushButton *>(QStringLiteral("replaySalvage")), Qt::LeftButton);
        QCOMPARE(note.count(), 1);
        QCOMPARE(cancel.count(), 1);
        QCOMPARE(salvage.count(), 1);

        // Shortcuts: Space toggles play/pause, Ctrl+L the loop.
        QTest::keyClick(&bar, Qt::Key_Space);
        QCOMPARE(pause.count(), 2);
        QTest::keyClick(&bar, Qt::Key_L, Qt::ControlModifier);
        QCOMPARE(loop.count(), 2);
        QCOMPARE(loop.last().at(0).toBool(), true);
    }

    void recordIndicatorShowsRateSizeDurationAndErrors()
    {
        RecordIndicator r;
        QSignalSpy stop(&r, &RecordIndicator::stopRequested);
        QVERIFY(r.isHidden());
        QTest::mouseClick(&r, Qt::LeftButton);
        QCOMPARE(stop.count(), 0);

        const std::int64_t now = localMs(14, 0);
        capture::WriterStatus s;
        s.path = "/var/tmp/captures/incident-0412.vcap";
        s.startMs = now - 83'000;
        s.bytesWritten = s.totalBytes = std::uint64_t(12.3 * 1024 * 1024);
        s.durableBytes = std::uint64_t(12.1 * 1024 * 1024);
        s.recording = true;
        r.setStatus(s, now - 2000);
        QVERIFY(!r.isHidden());
        QCOMPARE(r.recordsPerSecond(), 0.0);
        s.samples = 60'000;
        s.events = 29'000;
        s.scrapes = 1000;
        r.setStatus(s, now);
        QVERIFY(std::abs(r.recordsPerSecond() - 45'000) <= 1);
        const QString text = r.text();
        for (const char *part : {"incident-0412.vcap", "12.3 MiB", "00:01:23", "45,000 rec/s", "durable 12.1 MiB"})
            QVERIFY2(text.contains(QLatin1String(part)), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("/var/tmp")));
        QVERIFY(r.toolTip().contains(QStringLiteral("/var/tmp/captures/incident-0412.vcap")));

        // The rate follows the last ~2 s: older updates drop out.
        s.samples += 10'000;
        r.setStatus(s, now + 1000);
        s.samples += 10'000;
        r.setStatus(s, now + 2000);
        QVERIFY(std::abs(r.recordsPerSecond() - 10'000) <= 1);

        QTest::mouseClick(&r, Qt::LeftButton);
        QCOMPARE(stop.count(), 1);

        // Stopped on an error: shown (plain, in red) until a running recording or clear().
        s.recording = false;
        s.error = "disk full: <b>No space</b> left on device at offset 123456";
        r.setStatus(s, now + 3000);
        QVERIFY(!r.isHidden());
        QCOMPARE(r.text(), QStringLiteral("Recording stopped: disk full: <b>No space</b> left on device at offset 123456"));
        QVERIFY(!r.toolTip().contains(QStringLiteral("<b>No space")));
        QTest::mouseClick(&r, Qt::LeftButton);
        QCOMPARE(stop.count(), 1);
        s.error.clear();
        r.setStatus(s, now + 4000);
        QVERIFY(r.text().startsWith(QStringLiteral("Recording stopped: disk full")));
        r.clear();
        QVERIFY(r.isHidden());
        r.setStatus(s, now + 5000); // not recording, no error
        QVERIFY(r.isHidden());

        // A new recording after an error: the error goes.
        s.error = "EIO";
        r.setStatus(s, now + 6000);
        QVERIFY(r.text().contains(QStringLiteral("EIO")));
        s.recording = true;
        s.error.clear();
        r.setStatus(s, now + 7000);
        QVERIFY(r.text().startsWith(QStringLiteral("REC")));
        QVERIFY(!r.isHidden());
    }

};

QTEST_MAIN(TstCaptureWidgets)
#include "tst_capture_widgets.moc"

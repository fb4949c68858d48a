// TimeRange: live and paused ranges, zoom and pan arithmetic (exact milliseconds),
// custom ranges normalised, versions and signals, the cursor, persistence.
#include "models/refresh_clock.h"
#include "models/time_range.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;

namespace {
constexpr std::int64_t kNow = 1'700'000'000'000;
constexpr std::int64_t kMin = 60'000;
} // namespace

class TstTimeRange : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clockFollowsATimeSourceOncePerTick()
    {
        // An offline window: "now" is the replay position, read once per tick.
        RefreshClock clock;
        std::int64_t position = 1'000;
        int reads = 0;
        clock.setTimeSource([&] {
            ++reads;
            return position;
        });
        QVERIFY(clock.hasTimeSource());
        QCOMPARE(clock.nowMs(), std::int64_t(1'000));
        position = 5'000;
        QCOMPARE(clock.nowMs(), std::int64_t(1'000)); // until the next tick
        const int before = reads;
        std::int64_t seenInTick = 0;
        connect(&clock, &RefreshClock::tick, this, [&] { seenInTick = clock.nowMs() + clock.nowMs() - clock.nowMs(); });
        clock.tickNow();
        QCOMPARE(seenInTick, std::int64_t(5'000));
        QCOMPARE(reads, before + 1);
        // A live range ends at the replay position.
        TimeRange range;
        range.setWindowMs(60'000);
        QCOMPARE(range.range(clock.nowMs()).endMs, std::int64_t(5'000));
        clock.setFixedNow(42); // a pinned time wins
        QCOMPARE(clock.nowMs(), std::int64_t(42));
        clock.setFixedNow(std::nullopt);
        clock.setTimeSource({});
        QVERIFY(!clock.hasTimeSource());
        QVERIFY(clock.nowMs() > 1'700'000'000'000); // the wall clock again
    }

    void liveFollowsNow()
    {
        TimeRange r;
        QVERIFY(r.isLive());
        QCOMPARE(r.windowMs(), 15 * kMin);
        QCOMPARE(r.range(kNow), (TimeSpan{kNow - 15 * kMin, kNow}));
        QCOMPARE(r.range(kNow + 1000), (TimeSpan{kNow + 1000 - 15 * kMin, kNow + 1000}));
    }

    void pauseFreezesAndResumeFollows()
    {
        TimeRange r;
        QSignalSpy changed(&r, &TimeRange::rangeChanged);
        const auto v0 = r.version();
        r.pause(kNow);
        QVERIFY(!r.isLive());
        QCOMPARE(r.range(kNow + 60'000), (TimeSpan{kNow - 15 * kMin, kNow}));
        QCOMPARE(changed.count(), 1);
        QVERIFY(r.version() > v0);
        r.pause(kNow + 5); // already paused: nothing changes
        QCOMPARE(changed.count(), 1);
        r.resume();
        QVERIFY(r.isLive());
        QCOMPARE(r.range(kNow + 60'000).endMs, kNow + 60'000);
        QCOMPARE(changed.count(), 2);
    }

    void windowIsClamped()
    {
        TimeRange r;
        r.setWindowMs(1);
        QCOMPARE(r.windowMs(), TimeRange::kMinWindowMs);
        r.setWindowMs(std::int64_t(1) << 50);
        QCOMPARE(r.windowMs(), TimeRange::kMaxWindowMs);
        r.pause(kNow);
        r.setWindowMs(5 * kMin); // a paused range keeps its end
        QCOMPARE(r.range(kNow + 999), (TimeSpan{kNow - 5 * kMin, kNow}));
    }

    void customRangeIsNormalised()
    {
        TimeRange r;
        r.setRange({kNow - 10 * kMin, kNow - 40 * kMin}, kNow); // reversed
        QVERIFY(!r.isLive());
        QCOMPARE(r.range(kNow), (TimeSpan{kNow - 40 * kMin, kNow - 10 * kMin}));
        r.setRange({kNow - 5 * kMin, kNow + 5 * kMin}, kNow); // the future is clamped to now
        QCOMPARE(r.range(kNow + 1), (TimeSpan{kNow - 5 * kMin, kNow}));
        r.setRange({kNow - 1000, kNow - 500}, kNow); // too short: the minimum, same end
        QCOMPARE(r.range(kNow), (TimeSpan{kNow - 500 - TimeRange::kMinWindowMs, kNow - 500}));
    }

    void zoomLiveChangesTheLength()
    {
        TimeRange r;
        r.zoom(0.5, kNow - 3 * kMin, kNow);
        QVERIFY(r.isLive());
        QCOMPARE(r.windowMs(), 7 * kMin + 30'000);
        r.zoom(4, kNow, kNow);
        QCOMPARE(r.windowMs(), 30 * kMin);
        QVERIFY(r.isLive());
    }

    void zoomPausedKeepsTheAnchor()
    {
        TimeRange r;
        r.setRange({kNow - 40 * kMin, kNow - 20 * kMin}, kNow);
        // Anchor a quarter into the span: it stays a quarter into the new span.
        r.zoom(0.5, kNow - 35 * kMin, kNow);
        QCOMPARE(r.range(kNow), (TimeSpan{kNow - 37 * kMin - 30'000, kNow - 27 * kMin - 30'000}));
        // Zooming out past now ends the range at now (still paused).
        r.zoom(8, kNow - 37 * kMin - 30'000, kNow); // anchored at the start
        QCOMPARE(r.range(kNow).endMs, kNow);
        QCOMPARE(r.windowMs(), 80 * kMin);
        QVERIFY(!r.isLive());
        // Nonsense factors are ignored.
        const auto v = r.version();
        r.zoom(0, kNow, kNow);
        r.zoom(std::numeric_limits<double>::quiet_NaN(), kNow, kNow);
        QCOMPARE(r.version(), v);
    }

    void panPausesAndReturnsToLive()
    {
        TimeRange r;
        r.setWindowMs(10 * kMin);
        r.pan(-2 * kMin, kNow);
        QVERIFY(!r.isLive());
        QCOMPARE(r.range(kNow + 5000), (TimeSpan{kNow - 12 * kMin, kNow - 2 * kMin}));
        r.pan(-kMin, kNow + 5000);
        QCOMPARE(r.range(kNow).endMs, kNow - 3 * kMin);
        r.pan(kMin, kNow);
        QCOMPARE(r.range(kNow).endMs, kNow - 2 * kMin);
        r.pan(2 * kMin, kNow); // reaches now: live again
        QVERIFY(r.isLive());
        QCOMPARE(r.windowMs(), 10 * kMin);
        r.pan(kMin, kNow); // forward while live: stays live
        QVERIFY(r.isLive());
    }

    void cursorIsSeparateFromTheRange()
    {
        TimeRange r;
        QSignalSpy cursor(&r, &TimeRange::cursorChanged);
        QSignalSpy range(&r, &TimeRange::rangeChanged);
        const auto v = r.version();
        QVERIFY(!r.cursorMs());
        r.setCursor(kNow - 1000);
        r.setCursor(kNow - 1000); // same: no signal
        QCOMPARE(r.cursorMs(), std::optional<std::int64_t>(kNow - 1000));
        r.clearCursor();
        r.clearCursor();
        QVERIFY(!r.cursorMs());
        QCOMPARE(cursor.count(), 2);
        QCOMPARE(range.count(), 0);
        QCOMPARE(r.version(), v);
    }

    void persistsTheLiveLength()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("vigil.ini")), QSettings::IniFormat);
        {
            TimeRange r;
            r.setWindowMs(60 * kMin);
            r.save(settings);
        }
        QCOMPARE(settings.value(QStringLiteral("dashboards/windowMinutes")).toDouble(), 60.0);
        TimeRange again;
        again.load(settings);
        QCOMPARE(again.windowMs(), 60 * kMin);
        settings.setValue(QStringLiteral("dashboards/windowMinutes"), QStringLiteral("garbage"));
        TimeRange bad;
        bad.load(settings);
        QCOMPARE(bad.windowMs(), TimeRange::kDefaultWindowMs);
    }
};

QTEST_GUILESS_MAIN(TstTimeRange)
#include "tst_time_range.moc"

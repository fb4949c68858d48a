// FrameProbe: tick durations are measured around the refresh clock's slots, and the
// JSON summary carries what was measured.
#include "models/frame_probe.h"
#include "models/refresh_clock.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QEventLoop>
#include <QTimer>
#include <QTest>

#include <cmath>

using namespace vigil;

class TstFrameProbe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void measuresTheWorkOfEveryTick()
    {
        RefreshClock clock;
        FrameProbe probe;
        clock.setFrameProbe(&probe);
        int calls = 0;
        // A slot that keeps the GUI thread busy for 3 ms per tick: the workload the
        // probe has to see (a measured load, not a wait for another thread).
        connect(&clock, &RefreshClock::tick, this, [&] {
            ++calls;
            QElapsedTimer busy;
            busy.start();
            while (busy.nsecsElapsed() < 3'000'000) {
            }
        });
        for (int i = 0; i < 10; ++i)
            clock.tickNow();
        QCOMPARE(calls, 10);
        const FrameProbe::Summary s = probe.summary();
        QCOMPARE(s.ticks, std::size_t(10));
        QVERIFY2(s.tickP50Ms >= 3.0, qPrintable(QString::number(s.tickP50Ms)));
        QVERIFY(s.tickMaxMs >= s.tickP99Ms);
        QVERIFY(s.tickP99Ms >= s.tickP50Ms);

        const QJsonObject json = QJsonDocument::fromJson(probe.summaryJson()).object();
        QCOMPARE(json.value(QStringLiteral("ticks")).toInt(), 10);
        QCOMPARE(json.value(QStringLiteral("tick_ms")).toObject().value(QStringLiteral("p50")).toDouble(),
                 s.tickP50Ms);
        QVERIFY(json.contains(QStringLiteral("heartbeat_interval_ms")));
    }

    void busyPercentIsTheThreadsCpuTime()
    {
        if (FrameProbe::threadCpuNs() < 0)
            QSKIP("no per-thread CPU clock on this platform");
        // Spinning on the thread: busy is this thread's CPU time over the wall time,
        // measured here independently (on a loaded machine the spin gets less than a
        // whole core, so the expected figure is the measured ratio, not 100 %).
        FrameProbe busy;
        const std::int64_t cpu0 = FrameProbe::threadCpuNs();
        QElapsedTimer spin;
        spin.start();
        busy.start();
        volatile double sink = 0;
        while (FrameProbe::threadCpuNs() - cpu0 < 150'000'000)
            sink = sink + 1.0;
        busy.finish();
        const double expected = 100.0 * double(FrameProbe::threadCpuNs() - cpu0) / double(spin.nsecsElapsed());
        QVERIFY2(std::abs(busy.summary().busyPercent - expected) < 15,
                 qPrintable(QStringLiteral("%1 vs %2").arg(busy.summary().busyPercent).arg(expected)));
        QVERIFY2(busy.summary().busyPercent > 20, qPrintable(QString::number(busy.summary().busyPercent)));
        // Idle in the event loop: close to 0 %.
        FrameProbe idle;
        idle.start();
        QEventLoop loop;
        QTimer::singleShot(150, &loop, &QEventLoop::quit);
        loop.exec();
        idle.finish();
        const FrameProbe::Summary s = idle.summary();
        QVERIFY2(s.busyPercent >= 0 && s.busyPercent < 40, qPrintable(QString::number(s.busyPercent)));
        QVERIFY(s.seconds >= 0.15);
        QVERIFY(idle.summaryJson().contains("\"gui_thread_busy_percent\""));
    }

    void withoutProbeNothingIsRecorded()
    {
        RefreshClock clock;
        FrameProbe probe;
        clock.tickNow();
        QCOMPARE(probe.summary().ticks, std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TstFrameProbe)
#include "tst_frame_probe.moc"

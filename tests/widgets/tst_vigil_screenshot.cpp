// End to end: `vigil --demo --screenshot` starts the simulator, scrapes it, renders
// the main window to a PNG of the requested size and exits 0 (also on the Events,
// Engine, Cluster and Overview pages with --dashboard, and in wall mode); an unwritable
// path or a bad option exits non-zero; --help names every option.
#include "tests/support/test_paths.h"

#include <QColor>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class TstVigilScreenshot : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void demoScreenshot()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString out = dir.filePath(QStringLiteral("out.png"));
        QProcess vigil;
        vigil.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        vigil.start(vigil::test::binaryPath(QStringLiteral("app/vigil/vigil")),
                    {QStringLiteral("--demo"), QStringLiteral("--screenshot"), out, QStringLiteral("--after"),
                     QStringLiteral("4000"), QStringLiteral("--size"), QStringLiteral("1200x800")});
        QVERIFY2(vigil.waitForStarted(), qPrintable(vigil.errorString()));
        QVERIFY(vigil.waitForFinished(40000));
        QCOMPARE(vigil.exitStatus(), QProcess::NormalExit);
        QCOMPARE(vigil.exitCode(), 0);

        QVERIFY(QFileInfo::exists(out));
        const QImage image(out);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1200, 800));
        // Not a blank single-colour image: count distinct colours on a grid.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
    }

    // The Events and Engine pages with the demo's NDJSON stream flowing.
    void dashboardScreenshot_data()
    {
        QTest::addColumn<QString>("dashboard");
        QTest::newRow("events") << QStringLiteral("events");
        QTest::newRow("engine") << QStringLiteral("engine");
        QTest::newRow("cluster") << QStringLiteral("cluster");
        QTest::newRow("overview") << QStringLiteral("overview");
    }
    void dashboardScreenshot()
    {
        QFETCH(QString, dashboard);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString out = dir.filePath(QStringLiteral("out.png"));
        QProcess vigil;
        vigil.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        vigil.start(vigil::test::binaryPath(QStringLiteral("app/vigil/vigil")),
                    {QStringLiteral("--demo"), QStringLiteral("--dashboard"), dashboard, QStringLiteral("--screenshot"),
                     out, QStringLiteral("--after"), QStringLiteral("5000")});
        QVERIFY2(vigil.waitForStarted(), qPrintable(vigil.errorString()));
        QVERIFY(vigil.waitForFinished(40000));
        QCOMPARE(vigil.exitStatus(), QProcess::NormalExit);
        QCOMPARE(vigil.exitCode(), 0);
        const QImage image(out);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1600, 1000));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
    }

    void badDashboardIsRejected()
    {
        QProcess vigil;
        vigil.start(vigil::test::binaryPath(QStringLiteral("app/vigil/vigil")),
                    {QStringLiteral("--dashboard"), QStringLiteral("nope")});
        QVERIFY(vigil.waitForFinished(20000));
        QCOMPARE(vigil.exitCode(), 2);
    }

    void unwritablePathFails()
    {
        QProcess vigil;
        vigil.start(vigil::test::binaryPath(QStringLiteral("app/vigil/vigil")),
                    {QStringLiteral("--screenshot"), QStringLiteral("/nonexistent-dir/x/out.png"),
                     QStringLiteral("--after"), QStringLiteral("100")});
        QVERIFY(vigil.waitForFinished(20000));
        QCOMPARE(vigil.exitStatus(), QProcess::NormalExit);
        QVERIFY(vigil.exitCode() != 0);
    }

    // Wall mode with the control-room theme keeps the requested size in screenshots.
    void kioskScreenshot()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString out = dir.filePath(QStringLiteral("kiosk.png"));
        QProcess vigil;
        vigil.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        vigil.start(vigil::test::binaryPath(QStringLiteral("app/vigil/vigil")),
                    {QStringLiteral("--kiosk"), QStringLiteral("--theme"), QStringLiteral("contrast"),
                     QStringLiteral("--dashboards"), QStringLiteral("cluster,events"), QStringLiteral("--rotate"),
                     QStringLiteral("2m"), QStringLiteral("--screenshot"), out, QStringLiteral("--after"),
                     QStringLiteral("500"), QStringLiteral("--size"), QStringLiteral("1280x720")});
        QVERIFY(vigil.waitForFinished(30000));
        QCOMPARE(vigil.exitCode(), 0);
        const QImage image(out);
        QCOMPARE(image.size(), QSize(1280, 720));
        QCOMPARE(QColor(image.pixel(image.width() / 2, image.height() - 4)), QColor(Qt::black)); // contrast theme
    }

    void badWallOptionsAreRejected_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("rotate") << QStringList{QStringLiteral("--rotate"), QStringLiteral("soon")};
        QTest::newRow("rotate too fast") << QStringList{QStringLiteral("--rotate"), QStringLiteral("1s")};
        QTest::newRow("dashboards") << QStringList{QStringLiteral("--dashboards"), QStringLiteral("cluster,nope")};
        QTest::newRow("theme") << QStringList{QStringLiteral("--theme"), QStringLiteral("neon")};
        QTest::newRow("window") << QStringList{QStringLiteral("--window"), QStringLiteral("5s")};
        QTest::newRow("window unit") << QStringList{QStringLiteral("--window"), QStringLiteral("2 weeks")};
        QTest::newRow("profile") << QStringList{QStringLiteral("--profile"), QStringLiteral("nosuchprofile")};
    }
    void badWallOptionsAreRejected()
    {
        QFETCH(QStringList, args);
        QProcess vigil;
        vigil.start(vigil::test::binaryPath(QStringLiteral("app/vigil/vigil")), args);
        QVERIFY(vigil.waitForFinished(20000));
        QCOMPARE(vigil.exitCode(), 2);
    }

    void helpExplainsEveryOption()
    {
        QProcess vigil;
        vigil.start(vigil::test::binaryPath(QStringLiteral("app/vigil/vigil")), {QStringLiteral("--help")});
        QVERIFY(vigil.waitForFinished(20000));
        QCOMPARE(vigil.exitCode(), 0);
        const QString help = QString::fromUtf8(vigil.readAllStandardOutput()).simplified(); // unwrap
        for (const char *option : {"--dashboard <NAME>", "--kiosk", "--rotate <DURATION>", "--dashboards <LIST>",
                                   "--theme <NAME>", "--profile <NAME>", "--demo", "--target <URL>", "--interval <S>",
                                   "--listen <URL>", "--screenshot <FILE.png>", "--after <MS>", "--size <WxH>",
                                   "--frame-probe <FILE>", "--quit-after <S>", "--window <DURATION>"})
            QVERIFY2(help.contains(QLatin1String(option)), option);
        QVERIFY(help.contains(QStringLiteral("overview (default), latency, queues, cluster, events, engine or explorer")));
    }

    void badOptionIsRejected()
    {
        QProcess vigil;
        vigil.start(vigil::test::binaryPath(QStringLiteral("app/vigil/vigil")), {QStringLiteral("--size"), QStringLiteral("huge")});
        QVERIFY(vigil.waitForFinished(20000));
        QCOMPARE(vigil.exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(TstVigilScreenshot) // QImage needs no GUI
#include "tst_vigil_screenshot.moc"

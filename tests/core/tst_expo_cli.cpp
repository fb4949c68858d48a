// `vigilctl parse` end to end: the summary line, the JSON contract and the
// "FILE:LINE:COL: message" error format, run on the built binary.
#include "tests/support/test_paths.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run vigilctl(const QStringList &args, const QByteArray &stdinData = {})
{
    QProcess p;
    p.start(vigil::test::binaryPath(QStringLiteral("app/vigilctl/vigilctl")), args);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString dataFile(const char *name)
{
    return QDir(vigil::test::sourceDir()).filePath(QStringLiteral("tests/data/expo/") + QLatin1String(name));
}

QJsonArray parseJson(const QByteArray &out)
{
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &e);
    if (e.error != QJsonParseError::NoError)
        qWarning("bad JSON: %s", qPrintable(e.errorString()));
    return doc.array();
}

} // namespace

class TestExpoCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void summary()
    {
        const Run r = vigilctl({QStringLiteral("parse"), dataFile("valid.prom")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        static const QRegularExpression re(QStringLiteral(
            R"(^(\d+) families, (\d+) series, (\d+) bytes in [0-9.]+ s \([0-9.]+ MB/s\)\n$)"));
        const auto m = re.match(QString::fromUtf8(r.out));
        QVERIFY2(m.hasMatch(), r.out.constData());
        QCOMPARE(m.captured(1), QStringLiteral("7"));
        QCOMPARE(m.captured(2), QStringLiteral("16"));
        QCOMPARE(m.captured(3).toLongLong(), QFileInfo(dataFile("valid.prom")).size());
    }

    void jsonPrometheus()
    {
        const Run r = vigilctl({QStringLiteral("parse"), QStringLiteral("--json"), dataFile("valid.prom")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray families = parseJson(r.out);
        QCOMPARE(families.size(), 7);
        const QJsonObject first = families[0].toObject();
        QCOMPARE(first.keys(), (QStringList{QStringLiteral("help"), QStringLiteral("name"),
                                            QStringLiteral("samples"), QStringLiteral("type")}));
        QCOMPARE(first[QLatin1String("name")].toString(), QStringLiteral("http_requests_total"));
        QCOMPARE(first[QLatin1String("type")].toString(), QStringLiteral("counter"));
        QCOMPARE(first[QLatin1String("help")].toString(), QStringLiteral("The total number of HTTP requests."));
        const QJsonObject s0 = first[QLatin1String("samples")].toArray()[0].toObject();
        QCOMPARE(s0[QLatin1String("name")].toString(), QStringLiteral("http_requests_total"));
        QCOMPARE(s0[QLatin1String("labels")].toObject()[QLatin1String("code")].toString(), QStringLiteral("200"));
        QCOMPARE(s0[QLatin1String("value")].toDouble(), 1027.0);
        QCOMPARE(s0[QLatin1String("timestamp_ms")].toInteger(), qint64(1395066363000));

        const QJsonObject msdos = families[1].toObject();
        QCOMPARE(msdos[QLatin1String("type")].toString(), QStringLiteral("untyped"));
        QCOMPARE(msdos[QLatin1String("help")].toString(), QString());
        const QJsonObject ms = msdos[QLatin1String("samples")].toArray()[0].toObject();
        QCOMPARE(ms[QLatin1String("labels")].toObject()[QLatin1String("error")].toString(),
                 QStringLiteral("Cannot find file:\n\"FILE.TXT\""));
        QVERIFY(!ms.contains(QLatin1String("timestamp_ms")));

        const QJsonObject weird = families[3].toObject()[QLatin1String("samples")].toArray()[0].toObject();
        QCOMPARE(weird[QLatin1String("value")].toString(), QStringLiteral("+Inf"));
        QCOMPARE(weird[QLatin1String("timestamp_ms")].toInteger(), qint64(3982045));

        const QJsonObject hist = families[4].toObject();
        QCOMPARE(hist[QLatin1String("type")].toString(), QStringLiteral("histogram"));
        const QJsonArray hs = hist[QLatin1String("samples")].toArray();
        QCOMPARE(hs.size(), 5);
        QCOMPARE(hs[0].toObject()[QLatin1String("name")].toString(), QStringLiteral("http_request_duration_seconds_bucket"));
        QCOMPARE(hs[4].toObject()[QLatin1String("name")].toString(), QStringLiteral("http_request_duration_seconds_count"));
        QCOMPARE(families[5].toObject()[QLatin1String("type")].toString(), QStringLiteral("summary"));
        const QJsonObject nan = families[6].toObject()[QLatin1String("samples")].toArray()[0].toObject();
        QCOMPARE(nan[QLatin1String("value")].toString(), QStringLiteral("NaN"));
        QVERIFY(nan[QLatin1String("labels")].toObject().isEmpty());
    }

    void jsonOpenMetrics()
    {
        const Run r = vigilctl({QStringLiteral("parse"), QStringLiteral("--json"), QStringLiteral("--format"),
                                QStringLiteral("openmetrics"), dataFile("valid.om")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray families = parseJson(r.out);
        QCOMPARE(families.size(), 7);
        const QJsonObject acme = families[0].toObject();
        QCOMPARE(acme[QLatin1String("type")].toString(), QStringLiteral("summary"));
        QCOMPARE(acme[QLatin1String("unit")].toString(), QStringLiteral("seconds"));
        QVERIFY(acme[QLatin1String("help")].toString().endsWith(QStringLiteral("\"quoted\".")));
        QVERIFY(!families[1].toObject().contains(QLatin1String("unit")));
        const QJsonObject cpu = families[2].toObject()[QLatin1String("samples")].toArray()[0].toObject();
        QCOMPARE(cpu[QLatin1String("name")].toString(), QStringLiteral("process_cpu_seconds_total"));
        QCOMPARE(cpu[QLatin1String("timestamp_ms")].toInteger(), qint64(1520430000123));
        QCOMPARE(families[3].toObject()[QLatin1String("type")].toString(), QStringLiteral("stateset"));
        QCOMPARE(families[4].toObject()[QLatin1String("type")].toString(), QStringLiteral("info"));
        QCOMPARE(families[5].toObject()[QLatin1String("type")].toString(), QStringLiteral("gaugehistogram"));
        QCOMPARE(families[6].toObject()[QLatin1String("type")].toString(), QStringLiteral("unknown"));
        // Auto-detection gives the same output.
        const Run autoRun = vigilctl({QStringLiteral("parse"), QStringLiteral("--json"), dataFile("valid.om")});
        QCOMPARE(autoRun.exitCode, 0);
        QCOMPARE(autoRun.out, r.out);
    }

    void jsonFromStdinAndRoundTrip()
    {
        const QByteArray input = "m{a=\"x\\\\y\",b=\"tab\there\"} 0.1\n"
                                 "m 1.7976931348623157e308\nm 5e-324\nm 123456789012345678\nm -0\n"
                                 "m 0.30000000000000004 5\n";
        const Run r = vigilctl({QStringLiteral("parse"), QStringLiteral("--json"), QStringLiteral("-")}, input);
        QCOMPARE(r.exitCode, 0);
        const QJsonArray samples = parseJson(r.out)[0].toObject()[QLatin1String("samples")].toArray();
        QCOMPARE(samples.size(), 6);
        QCOMPARE(samples[0].toObject()[QLatin1String("labels")].toObject()[QLatin1String("a")].toString(),
                 QStringLiteral("x\\y"));
        QCOMPARE(samples[0].toObject()[QLatin1String("labels")].toObject()[QLatin1String("b")].toString(),
                 QStringLiteral("tab\there"));
        const double expected[] = {0.1, 1.7976931348623157e308, 5e-324, 123456789012345678.0, -0.0,
                                   0.30000000000000004};
        for (int i = 0; i < 6; ++i) {
            const double v = samples[i].toObject()[QLatin1String("value")].toDouble();
            if (i != 4) // QJsonDocument reads "-0" as the integer 0; the text is checked below
                QCOMPARE(std::memcmp(&v, &expected[i], sizeof v), 0);
        }
        QVERIFY(r.out.contains("\"value\":0.1}"));
        QVERIFY(r.out.contains("\"value\":-0}"));
        QVERIFY(r.out.contains("\"value\":0.30000000000000004,\"timestamp_ms\":5}"));
    }

    void errorFormat()
    {
        const QString path = dataFile("invalid_label.prom");
        const Run r = vigilctl({QStringLiteral("parse"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(QString::fromUtf8(r.err), path + QStringLiteral(":3:14: invalid label name\n"));
        const Run j = vigilctl({QStringLiteral("parse"), QStringLiteral("--json"), path});
        QCOMPARE(j.exitCode, 1);
        QVERIFY(j.out.isEmpty());
        QCOMPARE(j.err, r.err);
    }

    void errorFromStdin()
    {
        const Run r = vigilctl({QStringLiteral("parse"), QStringLiteral("-")}, "a 1\nb{x=\"1\",x=\"2\"} 2\n");
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QByteArray("-:2:9: duplicate label name \"x\"\n"));
        const Run negative = vigilctl({QStringLiteral("parse"), QStringLiteral("-")}, "a 1\nb 2 -5\n");
        QCOMPARE(negative.exitCode, 1);
        QCOMPARE(negative.err,
                 QByteArray("-:2:5: invalid timestamp \"-5\": 0.0.4 timestamps are unsigned integers\n"));
    }

    void openMetricsErrors()
    {
        const QString path = dataFile("exemplar_on_gauge.om");
        const Run r = vigilctl({QStringLiteral("parse"), path});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromUtf8(r.err),
                 path + QStringLiteral(":3:26: metric name \"queue_depth\" does not support exemplars "
                                       "(only names ending in _total or _bucket do)\n"));
        // A 0.0.4 file read as OpenMetrics lacks "# EOF".
        const Run forced = vigilctl({QStringLiteral("parse"), QStringLiteral("--format"),
                                     QStringLiteral("openmetrics"), QStringLiteral("-")},
                                    "a 1\n");
        QCOMPARE(forced.exitCode, 1);
        QCOMPARE(forced.err, QByteArray("-:2:1: data does not end with # EOF\n"));
    }

    void openMetricsInterleaved()
    {
        // Accepted, as by Prometheus: the family is listed again where it comes back.
        const Run r = vigilctl({QStringLiteral("parse"), QStringLiteral("--json"), dataFile("interleaved.om")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        const QJsonArray families = parseJson(r.out);
        QCOMPARE(families.size(), 3);
        const char *expected[][3] = {
            {"a", "counter", "a_total"}, {"b", "unknown", "b"}, {"a", "counter", "a_total"}};
        for (int i = 0; i < 3; ++i) {
            const QJsonObject f = families[i].toObject();
            QCOMPARE(f[QLatin1String("name")].toString(), QLatin1String(expected[i][0]));
            QCOMPARE(f[QLatin1String("type")].toString(), QLatin1String(expected[i][1]));
            const QJsonArray samples = f[QLatin1String("samples")].toArray();
            QCOMPARE(samples.size(), 1);
            QCOMPARE(samples[0].toObject()[QLatin1String("name")].toString(), QLatin1String(expected[i][2]));
            QCOMPARE(samples[0].toObject()[QLatin1String("value")].toDouble(), i == 2 ? 2.0 : 1.0);
        }
    }

    void emptyInputAndFiles()
    {
        QTemporaryDir dir;
        const QString empty = dir.filePath(QStringLiteral("empty.prom"));
        QFile f(empty);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const Run r = vigilctl({QStringLiteral("parse"), QStringLiteral("--json"), empty});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("[]\n"));
        const Run missing = vigilctl({QStringLiteral("parse"), dir.filePath(QStringLiteral("nope"))});
        QVERIFY(missing.exitCode != 0);
        QVERIFY(missing.err.contains("nope"));
    }

    void usage()
    {
        const Run help = vigilctl({QStringLiteral("parse"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.startsWith("Usage: vigilctl parse"));
        QVERIFY(help.out.contains("--format"));
        QVERIFY(help.out.contains("--json"));
        QVERIFY(help.out.contains("standard input"));
        const Run badFormat = vigilctl({QStringLiteral("parse"), QStringLiteral("--format"), QStringLiteral("xml"),
                                        dataFile("valid.prom")});
        QVERIFY(badFormat.exitCode != 0);
        const Run noFile = vigilctl({QStringLiteral("parse")});
        QVERIFY(noFile.exitCode != 0);
    }
};

QTEST_GUILESS_MAIN(TestExpoCli)
#include "tst_expo_cli.moc"

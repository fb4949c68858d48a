// `vigilctl ingest`: exact counts of a generated file through --json, the human
// summary, exit codes (0 ok, 1 source error, 2 usage) and --help.
#include "tests/support/test_paths.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

class TstIngestCli : public QObject
{
    Q_OBJECT

    struct Run
    {
        int code = -1;
        QByteArray out, err;
    };
    static Run vigilctl(const QStringList &args)
    {
        QProcess p;
        p.start(vigil::test::binaryPath(QStringLiteral("app/vigilctl/vigilctl")), QStringList{QStringLiteral("ingest")} + args);
        if (!p.waitForFinished(60'000))
            return {};
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }

    QTemporaryDir m_dir;

private Q_SLOTS:
    void jsonCountsExact()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("events.ndjson"));
        // 2000 events: priority by i % 20 (1 critical, 2 high, 9 medium, 8 low per 20),
        // every 10th event repeats the previous id (same priority lane), plus 3 bad lines.
        const char *prio[20] = {"critical", "high", "high", "medium", "medium", "medium", "medium", "medium",
                                "medium",   "medium", "medium", "medium", "low", "low", "low", "low",
                                "low",      "low",  "low",  "low"};
        std::ofstream f(path.toStdString(), std::ios::binary);
        std::uint64_t lanes[4] = {};
        const auto laneOf = [](const char *p) {
            return std::string(p) == "critical" ? 0 : std::string(p) == "high" ? 1 : std::string(p) == "medium" ? 2 : 3;
        };
        std::uint64_t dups = 0;
        int maxLatency = 0;
        for (int i = 0; i < 2000; ++i) {
            const char *p = prio[i % 20];
            const bool dup = i % 10 == 9 && prio[(i - 1) % 20] == p;
            const int id = dup ? i - 1 : i;
            dups += dup;
            if (!dup)
                maxLatency = std::max(maxLatency, 100 + i % 900);
            ++lanes[laneOf(p)];
            f << "{\"id\":\"ev-" << id << "\",\"ts\":1700000000000000000,\"priority\":\"" << p
              << "\",\"queue\":\"q1\",\"latency_ns\":" << (100 + i % 900) << ",\"node\":\"n\",\"message\":\"m\"}" << '\n';
            if (i == 500)
                f << "{\"id\":\"broken\"\n";
            if (i == 1000)
                f << "[1,2]\n";
        }
        f << "\xff\xfe garbage";  // no final newline
        f.close();

        const Run r = vigilctl({QStringLiteral("--json"), path});
        QCOMPARE(r.code, 0);
        QJsonParseError pe;
        const QJsonObject j = QJsonDocument::fromJson(r.out, &pe).object();
        QVERIFY2(pe.error == QJsonParseError::NoError, r.out.constData());
        QCOMPARE(j.value(QStringLiteral("received")).toInteger(), 2003);
        QCOMPARE(j.value(QStringLiteral("malformed")).toInteger(), 3);
        QCOMPARE(j.value(QStringLiteral("deduplicated")).toInteger(), qint64(dups));
        QCOMPARE(j.value(QStringLiteral("processed")).toInteger(), qint64(2000 - dups));
        QCOMPARE(j.value(QStringLiteral("dropped")).toInteger(), 0);
        QVERIFY(j.value(QStringLiteral("events_per_second")).toDouble() > 0);
        const char *names[4] = {"critical", "high", "medium", "low"};
        qint64 processedSum = 0;
        for (int l = 0; l < 4; ++l) {
            const QJsonObject lane = j.value(QLatin1String(names[l])).toObject();
            QCOMPARE(lane.value(QStringLiteral("received")).toInteger(), qint64(lanes[l]));
            QCOMPARE(lane.value(QStringLiteral("dropped")).toInteger(), 0);
            processedSum += lane.value(QStringLiteral("processed")).toInteger();
        }
        QCOMPARE(processedSum, qint64(2000 - dups));
        const QJsonObject lat = j.value(QStringLiteral("latency_ns")).toObject();
        for (const char *k : {"p50", "p90", "p99", "p999", "max"})
            QVERIFY2(lat.contains(QLatin1String(k)), k);
        const QJsonObject field = j.value(QStringLiteral("field_latency_ns")).toObject();
        QCOMPARE(field.value(QStringLiteral("max")).toDouble(), double(maxLatency));
        const QJsonObject last = j.value(QStringLiteral("last_error")).toObject();
        QCOMPARE(last.value(QStringLiteral("line")).toInteger(), 2003);
        QCOMPARE(last.value(QStringLiteral("excerpt")).toString(), QStringLiteral(".. garbage"));

        const Run text = vigilctl({path});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.contains("received     2003"), text.out.constData());
    }

    void exitCodes()
    {
        QCOMPARE(vigilctl({QStringLiteral("--help")}).code, 0);
        QVERIFY(vigilctl({QStringLiteral("--help")}).out.contains("--dedup-window"));
        QCOMPARE(vigilctl({}).code, 2);
        QCOMPARE(vigilctl({QStringLiteral("--policy"), QStringLiteral("sometimes"), QStringLiteral("x")}).code, 2);
        QCOMPARE(vigilctl({QStringLiteral("--map"), QStringLiteral("colour=c"), QStringLiteral("x")}).code, 2);
        QCOMPARE(vigilctl({QStringLiteral("--lane-capacity"), QStringLiteral("0"), QStringLiteral("x")}).code, 2);
        QCOMPARE(vigilctl({m_dir.filePath(QStringLiteral("does-not-exist.ndjson"))}).code, 1);
    }

    void customMapping()
    {
        const QString path = m_dir.filePath(QStringLiteral("custom.ndjson"));
        std::ofstream f(path.toStdString(), std::ios::binary);
        f << "{\"uid\":\"a\",\"sev\":0,\"t\":\"2024-01-01T00:00:00.5Z\"}" "\n"
          << "{\"uid\":\"a\",\"sev\":7,\"t\":\"2024-01-01T00:00:01Z\"}" "\n"
          << "{\"uid\":\"b\",\"sev\":3}" "\n";
        f.close();
        const Run r = vigilctl({QStringLiteral("--json"), QStringLiteral("--map"), QStringLiteral("id=uid"),
                                QStringLiteral("--map"), QStringLiteral("priority=sev"), QStringLiteral("--map"),
                                QStringLiteral("ts=t"), QStringLiteral("--dedup-window"), QStringLiteral("0"), path});
        QCOMPARE(r.code, 0);
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value(QStringLiteral("processed")).toInteger(), 3); // dedup disabled
        QCOMPARE(j.value(QStringLiteral("critical")).toObject().value(QStringLiteral("received")).toInteger(), 1);
        QCOMPARE(j.value(QStringLiteral("high")).toObject().value(QStringLiteral("received")).toInteger(), 1);
        QCOMPARE(j.value(QStringLiteral("low")).toObject().value(QStringLiteral("received")).toInteger(), 1);
    }
};

QTEST_GUILESS_MAIN(TstIngestCli)
#include "tst_ingest_cli.moc"

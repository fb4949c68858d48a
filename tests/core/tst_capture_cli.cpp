// `vigilctl record` and `vigilctl capture info|verify|export` end to end: a short
// recording of a local /metrics server and a file of known NDJSON lines; exact counts
// from `capture info --json`; ndjson export reproduces the input lines byte for byte;
// csv and prom exports of a known exposition row for row; verify passes a clean file
// and reports the offset of a truncated and of a byte-flipped copy; --sim; SIGINT
// closes cleanly; usage errors.
#include "core/capture/capture_reader.h"
#include "core/net/http_server.h"
#include "tests/support/test_paths.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace vigil;

namespace {

// Every sample has a timestamp, so exported rows are known exactly.
const QByteArray kBody = "# HELP http_requests_total Requests.\n"
                         "# TYPE http_requests_total counter\n"
                         "http_requests_total{method=\"get\",code=\"200\"} 1027 1700000000000\n"
                         "http_requests_total{method=\"get\",code=\"500\"} 3 1700000000000\n"
                         "# TYPE room_temperature gauge\n"
                         "room_temperature{room=\"a \\\"quoted\\\", room\"} -1.5 1700000000001\n"
                         "room_temperature{room=\"b\"} +Inf 1700000000001\n"
                         "# TYPE rpc_seconds histogram\n"
                         "rpc_seconds_bucket{le=\"0.1\"} 5 1700000000002\n"
                         "rpc_seconds_bucket{le=\"+Inf\"} 7 1700000000002\n"
                         "rpc_seconds_sum 1.25e-07 1700000000002\n"
                         "rpc_seconds_count 7 1700000000002\n";
constexpr int kBodySamples = 8;

struct Run
{
    int exitCode = -1; // -1: crashed or timed out
    QByteArray out, err;
};

QJsonObject json(const QByteArray &text)
{
    QJsonParseError e;
    const QJsonDocument d = QJsonDocument::fromJson(text, &e);
    return e.error == QJsonParseError::NoError ? d.object() : QJsonObject();
}

} // namespace

class TstCaptureCli : public QObject
{
    Q_OBJECT

    HttpServer m_server;
    QTemporaryDir m_dir;
    QByteArray m_lines;        // the NDJSON file as written
    QByteArray m_linesCapture; // what a capture of it holds (empty lines skipped)
    int m_lineCount = 0;
    QString m_mixed; // targets + file, recorded once in initTestCase
    QJsonObject m_mixedSummary;

    QString metricsUrl() const { return QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_server.port()); }
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }

    // Runs vigilctl without blocking this thread's event loop (the server lives here).
    Run vigilctl(const QStringList &args, int timeoutMs = 60000)
    {
        Run r;
        QProcess p;
        p.start(test::binaryPath(QStringLiteral("app/vigilctl/vigilctl")), args);
        if (!p.waitForStarted(10000)) return r;
        if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, timeoutMs)) {
            p.kill();
            p.waitForFinished(5000);
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    static QByteArray readFile(const QString &p)
    {
        QFile f(p);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static bool writeFile(const QString &p, const QByteArray &bytes)
    {
        QFile f(p);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
    }

  private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server.setHandler([](const HttpRequest &req, std::shared_ptr<HttpExchange> ex) {
            if (req.path == "/metrics")
                ex->respond(200, "text/plain; version=0.0.4", kBody);
            else
                ex->respond(404, "text/plain", "no\n");
        });
        QVERIFY(m_server.listen());

        // Known NDJSON: numbered events, escapes and UTF-8, a CRLF line, a malformed
        // line, a long line, an empty line (skipped by the framer), no final newline.
        for (int i = 1; i <= 3000; ++i) {
            QByteArray line = "{\"id\":\"ev-" + QByteArray::number(i) +
                              "\",\"ts\":" + QByteArray::number(1700000000000000000LL + i) +
                              ",\"priority\":\"medium\",\"message\":\"m " + QByteArray::number(i * 7) + "\"}";
            if (i == 10) line = "{\"id\":\"ev-10\",\"message\":\"caf\xc3\xa9 \\\"q\\\" \\\\ \\u0001\"}";
            if (i == 20) line += '\r';
            if (i == 30) line = "{\"id\":\"broken\"";
            if (i == 40) line = "{\"id\":\"ev-40\",\"blob\":\"" + QByteArray(200000, 'x') + "\"}";
            m_lines += line;
            m_linesCapture += line + '\n';
            ++m_lineCount;
            if (i == 50) m_lines += "\n"; // an empty line after line 50
            if (i < 3000) m_lines += '\n';
        }
        QVERIFY(writeFile(path("events.ndjson"), m_lines));

        m_mixed = path("mixed.vcap");
        const Run r = vigilctl(
            {QStringLiteral("record"), QStringLiteral("--target"), metricsUrl(), QStringLiteral("--listen"),
             path("events.ndjson"), QStringLiteral("--interval"), QStringLiteral("0.4s"),
             QStringLiteral("--duration"), QStringLiteral("2s"), QStringLiteral("-o"), m_mixed});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        m_mixedSummary = json(r.out);
        QVERIFY2(!m_mixedSummary.isEmpty(), r.out.constData());
        QVERIFY2(r.err.contains(QByteArray("vigilctl record: recording to " + m_mixed.toUtf8())),
                 r.err.constData());
        QVERIFY2(r.err.contains("vigilctl record: progress frames="), r.err.constData());
    }

    void recordSummary()
    {
        const QJsonObject &s = m_mixedSummary;
        for (const char *key : {"path", "files", "frames", "bytes", "samples", "events", "scrapes",
                                "cluster_states", "duration_s", "dropped", "error"})
            QVERIFY2(s.contains(QLatin1String(key)), key);
        QCOMPARE(s.value(QStringLiteral("path")).toString(), m_mixed);
        QCOMPARE(s.value(QStringLiteral("files")).toArray().size(), 1);
        QCOMPARE(s.value(QStringLiteral("events")).toInteger(), m_lineCount);
        const qint64 scrapes = s.value(QStringLiteral("scrapes")).toInteger();
        QVERIFY2(scrapes >= 3 && scrapes <= 7, qPrintable(QString::number(scrapes))); // 0, 0.4, ... < 2 s
        QCOMPARE(s.value(QStringLiteral("samples")).toInteger(), scrapes * kBodySamples);
        QCOMPARE(s.value(QStringLiteral("dropped")).toInteger(), 0);
        QCOMPARE(s.value(QStringLiteral("cluster_states")).toInteger(), 0); // no --cluster
        QVERIFY(s.value(QStringLiteral("error")).isNull());
        QCOMPARE(s.value(QStringLiteral("bytes")).toInteger(), QFileInfo(m_mixed).size());
        const double d = s.value(QStringLiteral("duration_s")).toDouble();
        QVERIFY2(d >= 1.9 && d < 10, qPrintable(QString::number(d)));
    }

    void infoJsonExactCounts()
    {
        const Run r =
            vigilctl({QStringLiteral("capture"), QStringLiteral("info"), QStringLiteral("--json"), m_mixed});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = json(r.out);
        QVERIFY2(!j.isEmpty(), r.out.constData());
        const QJsonObject rec = j.value(QStringLiteral("records")).toObject();
        const qint64 scrapes = m_mixedSummary.value(QStringLiteral("scrapes")).toInteger();
        QCOMPARE(rec.value(QStringLiteral("events")).toInteger(), m_lineCount);
        QCOMPARE(rec.value(QStringLiteral("event_sources")).toInteger(), 1);
        QCOMPARE(rec.value(QStringLiteral("scrapes")).toInteger(), scrapes);
        QCOMPARE(rec.value(QStringLiteral("samples")).toInteger(), scrapes * kBodySamples);
        QCOMPARE(rec.value(QStringLiteral("series")).toInteger(), kBodySamples);
        QCOMPARE(rec.value(QStringLiteral("cluster_states")).toInteger(), 0);
        QCOMPARE(rec.value(QStringLiteral("notes")).toInteger(), 0);
        // The summary counts index frames and the trailer too.
        QVERIFY(j.value(QStringLiteral("frames")).toInteger() >= 2);
        QVERIFY(j.value(QStringLiteral("frames")).toInteger() <
                m_mixedSummary.value(QStringLiteral("frames")).toInteger());
        QCOMPARE(j.value(QStringLiteral("file_bytes")).toInteger(), QFileInfo(m_mixed).size());
        QVERIFY(j.value(QStringLiteral("clean_close")).toBool());
        QCOMPARE(j.value(QStringLiteral("damage")).toArray().size(), 0);
        QVERIFY(j.value(QStringLiteral("raw_bytes")).toInteger() >= m_linesCapture.size());
        QVERIFY(j.value(QStringLiteral("stored_bytes")).toInteger() > 0);
        QVERIFY(j.value(QStringLiteral("compression_ratio")).toDouble() > 1.0); // level 1 on repetitive text
        const QJsonObject byType = j.value(QStringLiteral("frames_by_type")).toObject();
        QVERIFY(byType.value(QStringLiteral("events")).toInteger() >= 1);
        QVERIFY(byType.value(QStringLiteral("samples")).toInteger() >= 1);
        QCOMPARE(j.value(QStringLiteral("first_ms")).toInteger() <= 1700000000000LL,
                 true);                                                            // explicit sample times
        QVERIFY(j.value(QStringLiteral("last_ms")).toInteger() > 1700000000002LL); // scrape and event times
        QCOMPARE(j.value(QStringLiteral("version")).toInt(), 1);
        QVERIFY(j.value(QStringLiteral("writer")).toString().startsWith(QStringLiteral("vigilctl ")));

        // The human form says the same.
        const Run h = vigilctl({QStringLiteral("capture"), QStringLiteral("info"), m_mixed});
        QCOMPARE(h.exitCode, 0);
        QVERIFY2(h.out.contains(QByteArray("events " + QByteArray::number(m_lineCount))), h.out.constData());
        QVERIFY2(h.out.contains("closed      cleanly"), h.out.constData());
        QVERIFY2(h.out.contains("damage      none"), h.out.constData());
    }

    void exportNdjsonReproducesLines()
    {
        const Run r = vigilctl({QStringLiteral("capture"), QStringLiteral("export"),
                                QStringLiteral("--format"), QStringLiteral("ndjson"), m_mixed});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.size(), m_linesCapture.size());
        QVERIFY(r.out == m_linesCapture);
        QVERIFY(r.err.isEmpty());

        // A time window: nothing before the recording, everything from its start.
        const QJsonObject info = json(
            vigilctl({QStringLiteral("capture"), QStringLiteral("info"), QStringLiteral("--json"), m_mixed})
                .out);
        const Run none = vigilctl({QStringLiteral("capture"), QStringLiteral("export"),
                                   QStringLiteral("--format"), QStringLiteral("ndjson"),
                                   QStringLiteral("--to"), QStringLiteral("2023-11-14T22:13:20Z"), m_mixed});
        QCOMPARE(none.exitCode, 0);
        QVERIFY(none.out.isEmpty());
        const Run all =
            vigilctl({QStringLiteral("capture"), QStringLiteral("export"), QStringLiteral("--format"),
                      QStringLiteral("ndjson"), QStringLiteral("--from"),
                      QString::number(info.value(QStringLiteral("start_ms")).toInteger() - 1000), m_mixed});
        QCOMPARE(all.exitCode, 0);
        QVERIFY(all.out == m_linesCapture);
    }

    void exportCsvAndPromExact()
    {
        // One scrape only: a long interval, stopped by --duration.
        const QString file = path("one.vcap");
        const Run rec = vigilctl(
            {QStringLiteral("record"), QStringLiteral("--target"), metricsUrl(), QStringLiteral("--interval"),
             QStringLiteral("1h"), QStringLiteral("--duration"), QStringLiteral("800ms"),
             QStringLiteral("--job"), QStringLiteral("exp"), QStringLiteral("-o"), file});
        QVERIFY2(rec.exitCode == 0, rec.err.constData());
        QCOMPARE(json(rec.out).value(QStringLiteral("scrapes")).toInteger(), 1);

        const QString inst = QStringLiteral("127.0.0.1:%1").arg(m_server.port());
        const QString t = QStringLiteral("instance=\"\"%1\"\",job=\"\"exp\"\"").arg(inst);
        const QString expectedCsv =
            QStringLiteral("name,labels,timestamp_ms,value\n") +
            QStringLiteral(
                "http_requests_total,\"{code=\"\"200\"\",%1,method=\"\"get\"\"}\",1700000000000,1027\n")
                .arg(t) +
            QStringLiteral(
                "http_requests_total,\"{code=\"\"500\"\",%1,method=\"\"get\"\"}\",1700000000000,3\n")
                .arg(t) +
            QStringLiteral(
                "room_temperature,\"{%1,room=\"\"a \\\"\"quoted\\\"\", room\"\"}\",1700000000001,-1.5\n")
                .arg(t) +
            QStringLiteral("room_temperature,\"{%1,room=\"\"b\"\"}\",1700000000001,+Inf\n").arg(t) +
            QStringLiteral("rpc_seconds_bucket,\"{%1,le=\"\"0.1\"\"}\",1700000000002,5\n").arg(t) +
            QStringLiteral("rpc_seconds_bucket,\"{%1,le=\"\"+Inf\"\"}\",1700000000002,7\n").arg(t) +
            QStringLiteral("rpc_seconds_sum,\"{%1}\",1700000000002,1.25e-07\n").arg(t) +
            QStringLiteral("rpc_seconds_count,\"{%1}\",1700000000002,7\n").arg(t);
        Run r = vigilctl({QStringLiteral("capture"), QStringLiteral("export"), QStringLiteral("--format"),
                          QStringLiteral("csv"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QString::fromUtf8(r.out), expectedCsv);

        // --series takes a PromQL selector; --from/--to bound the sample times.
        r = vigilctl({QStringLiteral("capture"), QStringLiteral("export"), QStringLiteral("--format"),
                      QStringLiteral("csv"), QStringLiteral("--series"),
                      QStringLiteral("{__name__=~\"http_.*\",code!=\"200\"}"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QString::fromUtf8(r.out),
                 QStringLiteral("name,labels,timestamp_ms,value\n") +
                     QStringLiteral(
                         "http_requests_total,\"{code=\"\"500\"\",%1,method=\"\"get\"\"}\",1700000000000,3\n")
                         .arg(t));
        r = vigilctl({QStringLiteral("capture"), QStringLiteral("export"), QStringLiteral("--format"),
                      QStringLiteral("csv"), QStringLiteral("--from"), QStringLiteral("1700000000001"),
                      QStringLiteral("--to"), QStringLiteral("2023-11-14T22:13:20.002Z"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.count('\n'), 3); // header + the two room_temperature rows (to is exclusive)
        QVERIFY(r.out.contains("room_temperature") && !r.out.contains("rpc_seconds"));

        const QString tp = QStringLiteral("instance=\"%1\",job=\"exp\"").arg(inst);
        const QString expectedProm =
            QStringLiteral("# TYPE http_requests_total counter\n") +
            QStringLiteral("http_requests_total{code=\"200\",%1,method=\"get\"} 1027 1700000000000\n")
                .arg(tp) +
            QStringLiteral("http_requests_total{code=\"500\",%1,method=\"get\"} 3 1700000000000\n").arg(tp) +
            QStringLiteral("# TYPE room_temperature gauge\n") +
            QStringLiteral("room_temperature{%1,room=\"a \\\"quoted\\\", room\"} -1.5 1700000000001\n")
                .arg(tp) +
            QStringLiteral("room_temperature{%1,room=\"b\"} +Inf 1700000000001\n").arg(tp) +
            QStringLiteral("# TYPE rpc_seconds histogram\n") +
            QStringLiteral("rpc_seconds_bucket{%1,le=\"0.1\"} 5 1700000000002\n").arg(tp) +
            QStringLiteral("rpc_seconds_bucket{%1,le=\"+Inf\"} 7 1700000000002\n").arg(tp) +
            QStringLiteral("rpc_seconds_sum{%1} 1.25e-07 1700000000002\n").arg(tp) +
            QStringLiteral("rpc_seconds_count{%1} 7 1700000000002\n").arg(tp);
        r = vigilctl({QStringLiteral("capture"), QStringLiteral("export"), QStringLiteral("--format"),
                      QStringLiteral("prom"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QString::fromUtf8(r.out), expectedProm);
        // It parses back as an exposition.
        const QString promFile = path("one.prom");
        QVERIFY(writeFile(promFile, r.out));
        const Run parsed = vigilctl({QStringLiteral("parse"), promFile});
        QVERIFY2(parsed.exitCode == 0, parsed.err.constData());
        QVERIFY2(parsed.out.startsWith("3 families, 8 series"), parsed.out.constData());
    }

    void verifyCleanTruncatedFlipped()
    {
        Run r = vigilctl({QStringLiteral("capture"), QStringLiteral("verify"), m_mixed});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains(": OK, ") && r.out.contains("closed cleanly"), r.out.constData());
        r = vigilctl(
            {QStringLiteral("capture"), QStringLiteral("verify"), QStringLiteral("--strict"), m_mixed});
        QCOMPARE(r.exitCode, 0);

        // Pick a frame in the middle: the truncated copy ends inside it, the flipped copy
        // has one payload byte changed in it.
        auto reader = capture::CaptureReader::open(m_mixed.toStdString());
        QVERIFY(reader.ok());
        const auto &frames = (*reader)->frames();
        QVERIFY(frames.size() >= 3);
        const capture::FrameInfo victim = frames[frames.size() / 2];
        QVERIFY(victim.storedBytes > 8);
        const QByteArray bytes = readFile(m_mixed);

        const QString truncated = path("truncated.vcap");
        QVERIFY(writeFile(truncated, bytes.left(qsizetype(victim.offset + 40 + victim.storedBytes / 2))));
        r = vigilctl({QStringLiteral("capture"), QStringLiteral("verify"), truncated});
        QVERIFY2(r.exitCode == 1, r.err.constData());
        QVERIFY2(r.err.contains(QByteArray(truncated.toUtf8() + ": offset " +
                                           QByteArray::number(qulonglong(victim.offset)) + ": ")),
                 r.err.constData());
        QVERIFY2(r.err.contains("torn"), r.err.constData());
        // The frames before the tear still export.
        r = vigilctl({QStringLiteral("capture"), QStringLiteral("export"), QStringLiteral("--format"),
                      QStringLiteral("ndjson"), truncated});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(m_linesCapture.startsWith(r.out));

        const QString flipped = path("flipped.vcap");
        QByteArray changed = bytes;
        changed[qsizetype(victim.offset + 40 + victim.storedBytes / 2)] ^= 0x20;
        QVERIFY(writeFile(flipped, changed));
        r = vigilctl({QStringLiteral("capture"), QStringLiteral("verify"), flipped});
        QVERIFY2(r.exitCode == 1, r.err.constData());
        QVERIFY2(r.err.contains(QByteArray(flipped.toUtf8() + ": offset " +
                                           QByteArray::number(qulonglong(victim.offset)) + ": ")),
                 r.err.constData());
        r = vigilctl({QStringLiteral("capture"), QStringLiteral("verify"), QStringLiteral("--salvage"),
                      QStringLiteral("--json"), flipped});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject j = json(r.out);
        QVERIFY2(!j.value(QStringLiteral("ok")).toBool(), r.out.constData());
        QVERIFY(!j.value(QStringLiteral("problems")).toArray().isEmpty());
        QCOMPARE(qulonglong(j.value(QStringLiteral("problems"))
                                .toArray()
                                .first()
                                .toObject()
                                .value(QStringLiteral("offset"))
                                .toInteger()),
                 qulonglong(victim.offset));

        // Not a capture at all: bad input (1); a missing file: I/O error (2).
        const QString text = path("text.vcap");
        QVERIFY(writeFile(
            text, QByteArray("hello, this is not a capture file at all, but long enough to be read\n")));
        r = vigilctl({QStringLiteral("capture"), QStringLiteral("verify"), text});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(": offset 0: "), r.err.constData());
        r = vigilctl({QStringLiteral("capture"), QStringLiteral("verify"), path("missing.vcap")});
        QCOMPARE(r.exitCode, 2);
    }

    void recordSimAndStopOnSigint()
    {
        const QString file = path("sim.vcap");
        QProcess p;
        p.start(test::binaryPath(QStringLiteral("app/vigilctl/vigilctl")),
                {QStringLiteral("record"), QStringLiteral("--sim"), QStringLiteral("--nodes"),
                 QStringLiteral("2"), QStringLiteral("--rate"), QStringLiteral("500"),
                 QStringLiteral("--interval"), QStringLiteral("0.5s"), QStringLiteral("--progress-interval"),
                 QStringLiteral("200ms"), QStringLiteral("-o"), file});
        QVERIFY(p.waitForStarted(10000));
        QByteArray err;
        // Until the progress shows scrapes and events written.
        const QRegularExpression progress(QStringLiteral(
            "progress frames=\\d+ bytes=\\d+ events=([1-9]\\d*) samples=\\d+ scrapes=([4-9]|\\d\\d+) "));
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         err += p.readAllStandardError();
                         return progress.match(QString::fromUtf8(err)).hasMatch();
                     },
                     30000),
                 err.constData());
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 20000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject s = json(p.readAllStandardOutput());
        QVERIFY(s.value(QStringLiteral("error")).isNull());
        QVERIFY(s.value(QStringLiteral("events")).toInteger() > 0);
        QVERIFY(s.value(QStringLiteral("scrapes")).toInteger() >= 4);
        QVERIFY(s.value(QStringLiteral("samples")).toInteger() > 100);
        // --sim records its cluster's state too (at least the last one, at exit).
        QVERIFY(s.value(QStringLiteral("cluster_states")).toInteger() >= 1);

        const Run info =
            vigilctl({QStringLiteral("capture"), QStringLiteral("info"), QStringLiteral("--json"), file});
        QCOMPARE(info.exitCode, 0);
        const QJsonObject j = json(info.out);
        QVERIFY(j.value(QStringLiteral("clean_close")).toBool());
        const QJsonObject rec = j.value(QStringLiteral("records")).toObject();
        QCOMPARE(rec.value(QStringLiteral("events")).toInteger(),
                 s.value(QStringLiteral("events")).toInteger());
        QCOMPARE(rec.value(QStringLiteral("samples")).toInteger(),
                 s.value(QStringLiteral("samples")).toInteger());
        QCOMPARE(rec.value(QStringLiteral("scrapes")).toInteger(),
                 s.value(QStringLiteral("scrapes")).toInteger());
        QCOMPARE(rec.value(QStringLiteral("event_sources")).toInteger(), 1);
        QCOMPARE(rec.value(QStringLiteral("cluster_states")).toInteger(),
                 s.value(QStringLiteral("cluster_states")).toInteger());
        const Run v =
            vigilctl({QStringLiteral("capture"), QStringLiteral("verify"), QStringLiteral("--strict"), file});
        QVERIFY2(v.exitCode == 0, v.err.constData());
        // The simulator's events are NDJSON objects with ids.
        const Run e = vigilctl({QStringLiteral("capture"), QStringLiteral("export"),
                                QStringLiteral("--format"), QStringLiteral("ndjson"), file});
        QCOMPARE(e.exitCode, 0);
        QVERIFY(e.out.startsWith("{\"id\":\"e-"));
        QCOMPARE(e.out.count('\n'), s.value(QStringLiteral("events")).toInteger());
    }

    void rotationBySize()
    {
        const QString file = path("rot.vcap");
        const Run r =
            vigilctl({QStringLiteral("record"), QStringLiteral("--listen"), path("events.ndjson"),
                      QStringLiteral("--zstd-level"), QStringLiteral("0"), QStringLiteral("--frame-bytes"),
                      QStringLiteral("64K"), QStringLiteral("--rotate-size"), QStringLiteral("256K"),
                      QStringLiteral("-o"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject s = json(r.out);
        const QJsonArray files = s.value(QStringLiteral("files")).toArray();
        QVERIFY2(files.size() >= 2, r.out.constData());
        QByteArray joined;
        for (const QJsonValue &f : files) {
            QVERIFY2(QFileInfo::exists(f.toString()), qPrintable(f.toString()));
            const Run v = vigilctl({QStringLiteral("capture"), QStringLiteral("verify"),
                                    QStringLiteral("--strict"), f.toString()});
            QVERIFY2(v.exitCode == 0, v.err.constData());
            joined += vigilctl({QStringLiteral("capture"), QStringLiteral("export"),
                                QStringLiteral("--format"), QStringLiteral("ndjson"), f.toString()})
                          .out;
        }
        QVERIFY(joined == m_linesCapture);
    }

    void usageErrors()
    {
        QCOMPARE(
            vigilctl({QStringLiteral("record"), QStringLiteral("--listen"), path("events.ndjson")}).exitCode,
            2);
        QCOMPARE(vigilctl({QStringLiteral("record"), QStringLiteral("-o"), path("x.vcap")}).exitCode, 2);
        QCOMPARE(vigilctl({QStringLiteral("record"), QStringLiteral("--listen"), path("events.ndjson"),
                           QStringLiteral("--duration"), QStringLiteral("soon"), QStringLiteral("-o"),
                           path("x.vcap")})
                     .exitCode,
                 2);
        // The output exists already: an I/O error, the file untouched.
        const QByteArray before = readFile(m_mixed);
        QCOMPARE(vigilctl({QStringLiteral("record"), QStringLiteral("--listen"), path("events.ndjson"),
                           QStringLiteral("-o"), m_mixed})
                     .exitCode,
                 2);
        QVERIFY(readFile(m_mixed) == before);
        // A source that cannot be read: 1.
        QCOMPARE(vigilctl({QStringLiteral("record"), QStringLiteral("--listen"), path("nope.ndjson"),
                           QStringLiteral("-o"), path("y.vcap")})
                     .exitCode,
                 1);
        QCOMPARE(vigilctl({QStringLiteral("capture"), QStringLiteral("export"), QStringLiteral("--format"),
                           QStringLiteral("xml"), m_mixed})
                     .exitCode,
                 2);
        QCOMPARE(
            vigilctl({QStringLiteral("capture"), QStringLiteral("export"), QStringLiteral("--format"),
                      QStringLiteral("csv"), QStringLiteral("--series"), QStringLiteral("{a=}"), m_mixed})
                .exitCode,
            2);
        QCOMPARE(
            vigilctl({QStringLiteral("capture"), QStringLiteral("export"), QStringLiteral("--format"),
                      QStringLiteral("ndjson"), QStringLiteral("--series"), QStringLiteral("x"), m_mixed})
                .exitCode,
            2);
        QCOMPARE(
            vigilctl({QStringLiteral("capture"), QStringLiteral("export"), QStringLiteral("--format"),
                      QStringLiteral("csv"), QStringLiteral("--from"), QStringLiteral("yesterday"), m_mixed})
                .exitCode,
            2);
        QCOMPARE(vigilctl({QStringLiteral("capture"), QStringLiteral("frobnicate"), m_mixed}).exitCode, 2);
        QCOMPARE(vigilctl({QStringLiteral("capture")}).exitCode, 2);
        QCOMPARE(vigilctl({QStringLiteral("capture"), QStringLiteral("info"), path("missing.vcap")}).exitCode,
                 2);
    }
};

QTEST_GUILESS_MAIN(TstCaptureCli)
#include "tst_capture_cli.moc"

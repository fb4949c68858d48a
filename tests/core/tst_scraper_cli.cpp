// `vigilctl scrape` end to end against a local HttpServer: output identical to
// what the parser prints, failures as `URL: reason` / `URL:LINE:COL: message`.
#include "core/expo/expo_json.h"
#include "core/expo/expo_parser.h"
#include "core/net/http_server.h"
#include "tests/core/tst_scraper_util.h"
#include "tests/support/test_paths.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;

namespace {

const QByteArray kBody = "# HELP cli_jobs_total Jobs.\n"
                         "# TYPE cli_jobs_total counter\n"
                         "cli_jobs_total{queue=\"a\"} 12\n"
                         "cli_jobs_total{queue=\"b\"} 7\n"
                         "# TYPE cli_load gauge\n"
                         "cli_load 0.25\n";
const QByteArray kMalformed = "cli_ok 1\ncli_ok2 2\ncli_bad{x=\"1\" 3\n";

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestScraperCli : public QObject
{
    Q_OBJECT

private:
    HttpServer m_server;
    QByteArray m_lastAuthorization;

    QString url(const char *path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.port()).arg(QLatin1String(path));
    }

    // Runs vigilctl without blocking this thread's event loop (the server lives here).
    Run vigilctl(const QStringList &args)
    {
        Run r;
        QProcess p;
        p.start(test::binaryPath(QStringLiteral("app/vigilctl/vigilctl")), args);
        if (!p.waitForStarted(10000))
            return r;
        if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 30000)) {
            p.kill();
            p.waitForFinished(5000);
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server.setHandler([this](const HttpRequest &req, std::shared_ptr<HttpExchange> ex) {
            m_lastAuthorization = req.header("authorization");
            if (req.path == "/metrics")
                ex->respond(200, "text/plain; version=0.0.4", kBody);
            else if (req.path == "/gzip")
                ex->respond(200, "text/plain; version=0.0.4", test::gzipCompress(kBody),
                            {{"Content-Encoding", "gzip"}});
            else if (req.path == "/malformed")
                ex->respond(200, "text/plain; version=0.0.4", kMalformed);
            else if (req.path == "/slow")
                ; // never answered
            else
                ex->respond(503, "text/plain", "nope\n");
        });
        QVERIFY(m_server.listen());
    }

    void summaryLine()
    {
        const Run r = vigilctl({QStringLiteral("scrape"), url("/metrics")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.err.isEmpty());
        // The parser's summary line, seconds aside.
        const std::string body = kBody.toStdString();
        expo::ParseResult parsed;
        QVERIFY(!expo::parse(body, expo::Format::Prometheus, parsed));
        const QString expected = QString::fromStdString(expo::summaryLine(parsed, 0.001));
        const QString got = QString::fromUtf8(r.out).trimmed();
        const QString head = expected.section(QLatin1String(" in "), 0, 0);
        QVERIFY2(got.startsWith(head + QLatin1String(" in ")), qPrintable(got + QLatin1String(" vs ") + expected));
        QCOMPARE(r.out.count('\n'), 1);
    }

    void jsonMatchesParser()
    {
        const std::string body = kBody.toStdString(); // the parse result points into it
        expo::ParseResult parsed;
        QVERIFY(!expo::parse(body, expo::Format::Prometheus, parsed));
        const QByteArray expected = QByteArray::fromStdString(expo::toJson(parsed)).trimmed();
        for (const char *path : {"/metrics", "/gzip"}) {
            const Run r = vigilctl({QStringLiteral("scrape"), QStringLiteral("--json"), url(path)});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QCOMPARE(r.out.trimmed(), expected);
        }
    }

    void parseErrorHasLineAndColumn()
    {
        expo::ParseResult parsed;
        const auto err = expo::parse(kMalformed.toStdString(), expo::Format::Prometheus, parsed);
        QVERIFY(err);
        const Run r = vigilctl({QStringLiteral("scrape"), url("/malformed")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        const QString expected = url("/malformed") + QStringLiteral(":%1:%2: %3\n")
                                                         .arg(err->line)
                                                         .arg(err->column)
                                                         .arg(QString::fromStdString(err->message));
        QCOMPARE(QString::fromUtf8(r.err), expected);
    }

    void failuresNameTheUrl()
    {
        Run r = vigilctl({QStringLiteral("scrape"), url("/down")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromUtf8(r.err), url("/down") + QStringLiteral(": HTTP 503 Service Unavailable\n"));

        r = vigilctl({QStringLiteral("scrape"), QStringLiteral("--timeout"), QStringLiteral("0.3"), url("/slow")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromUtf8(r.err), url("/slow") + QStringLiteral(": timeout after 0.3 s\n"));

        r = vigilctl({QStringLiteral("scrape"), QStringLiteral("http://127.0.0.1:1/metrics")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QByteArray("http://127.0.0.1:1/metrics: connection refused\n"));
    }

    void credentialsSentNeverPrinted()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile f(dir.filePath(QStringLiteral("token")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("sekrit-TOKEN-42\n");
        f.close();
        Run r = vigilctl({QStringLiteral("scrape"), QStringLiteral("--bearer-token-file"), f.fileName(),
                          url("/down")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(m_lastAuthorization, QByteArray("Bearer sekrit-TOKEN-42"));
        QVERIFY(!r.err.contains("sekrit") && !r.out.contains("sekrit"));

        const QString withUser = QStringLiteral("http://carol:pa55-WORD@127.0.0.1:%1/down").arg(m_server.port());
        r = vigilctl({QStringLiteral("scrape"), withUser});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(m_lastAuthorization, "Basic " + QByteArray("carol:pa55-WORD").toBase64());
        QCOMPARE(QString::fromUtf8(r.err), url("/down") + QStringLiteral(": HTTP 503 Service Unavailable\n"));
    }

    void helpAndUsage()
    {
        Run r = vigilctl({QStringLiteral("scrape"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *opt : {"--json", "--timeout", "--format", "--bearer-token-file", "--insecure-skip-verify",
                                "URL", "Exit status"})
            QVERIFY2(r.out.contains(opt), opt);
        r = vigilctl({QStringLiteral("scrape")});
        QCOMPARE(r.exitCode, 2);
        r = vigilctl({QStringLiteral("scrape"), QStringLiteral("--format"), QStringLiteral("xml"), url("/metrics")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--format"));
        r = vigilctl({QStringLiteral("scrape"), QStringLiteral("--timeout"), QStringLiteral("-1"), url("/metrics")});
        QCOMPARE(r.exitCode, 2);
        r = vigilctl({QStringLiteral("scrape"), QStringLiteral("--no-such-option"), url("/metrics")});
        QCOMPARE(r.exitCode, 2);
    }

    void formatOverride()
    {
        // The 0.0.4 body read as OpenMetrics lacks "# EOF": the override is honoured.
        const Run r = vigilctl({QStringLiteral("scrape"), QStringLiteral("--format"), QStringLiteral("openmetrics"),
                                url("/metrics")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(QByteArray(url("/metrics").toUtf8() + ':')), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestScraperCli)
#include "tst_scraper_cli.moc"

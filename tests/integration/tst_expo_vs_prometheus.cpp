// Vigil's exposition parser against the real Prometheus server as an oracle.
//
// Every case of expo_oracle_cases.h is served by a vigil::HttpServer on loopback at
// /case/N with the Content-Type of its format; a real /usr/bin/prometheus scrapes each
// one as its own job (job = case name). up == 1 means Prometheus accepted the body,
// up == 0 that it rejected it (its /api/v1/targets lastError says why). The test then
// requires expo::parse(body, format) to succeed exactly when up == 1, except for the
// documented, intended differences, whose direction is asserted too.
#include "core/expo/expo_parser.h"
#include "core/net/http_server.h"
#include "tests/integration/expo_oracle_cases.h"
#include "tests/support/server_process.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>
#include <optional>
#include <set>

using namespace vigil;
using namespace vigil::test::oracle;

namespace {

const QString kBinary = QStringLiteral("/usr/bin/prometheus");
constexpr int kReadyTimeoutMs = 30'000;
constexpr int kVerdictTimeoutMs = 60'000;
constexpr int kPollIntervalMs = 250;

void banner(const QString &why)
{
    qWarning("\n"
             "################################################################\n"
             "##  EXPOSITION-PARSER-VS-PROMETHEUS ORACLE TEST SKIPPED        ##\n"
             "##  Vigil's parser was NOT compared with the real Prometheus.  ##\n"
             "##  %s\n"
             "################################################################",
             qPrintable(why));
}

// Printable C-style rendering of a body for failure messages.
QString escaped(const std::string &s)
{
    QString out;
    for (const unsigned char ch : s) {
        switch (ch) {
        case '\n': out += QLatin1String("\\n"); break;
        case '\r': out += QLatin1String("\\r"); break;
        case '\t': out += QLatin1String("\\t"); break;
        case '\\': out += QLatin1String("\\\\"); break;
        case '"': out += QLatin1String("\\\""); break;
        default:
            if (ch < 0x20 || ch >= 0x7f)
                out += QStringLiteral("\\x%1").arg(uint(ch), 2, 16, QLatin1Char('0'));
            else
                out += QLatin1Char(char(ch));
        }
    }
    if (out.size() > 300)
        out = out.left(300) + QStringLiteral("...(%1 bytes)").arg(s.size());
    return QLatin1Char('"') + out + QLatin1Char('"');
}

QByteArray contentType(Fmt f)
{
    return f == Fmt::OpenMetrics ? QByteArray("application/openmetrics-text; version=1.0.0; charset=utf-8")
                                 : QByteArray("text/plain; version=0.0.4");
}

// A scrape that failed for reasons other than the body (timeouts under load,
// connection trouble, HTTP status) says nothing about validity: wait for the next.
bool isTransportError(const QString &lastError)
{
    return lastError.startsWith(QLatin1String("Get \"")) || lastError.contains(QLatin1String("context deadline exceeded"))
        || lastError.contains(QLatin1String("server returned HTTP status"))
        || lastError.contains(QLatin1String("connection refused")) || lastError.contains(QLatin1String("connection reset"));
}

struct PromVerdict
{
    bool up = false;
    QString lastError;
};

} // namespace

class TestExpoVsPrometheus : public QObject
{
    Q_OBJECT

private:
    std::vector<OracleCase> m_cases;
    HttpServer m_server;
    QTemporaryDir m_dir; // outlives m_prometheus, whose TSDB it holds
    test::ServerProcess m_prometheus;
    QNetworkAccessManager m_nam;
    quint16 m_promPort = 0;
    std::map<QString, std::size_t> m_caseIndex; // job name -> index into m_cases

    struct Reply
    {
        int status = 0;
        QByteArray body;
        QString error;
    };

    // One GET against Prometheus; waits (spinning the event loop, so the case server
    // keeps answering scrapes) at most timeoutMs.
    Reply get(const QString &pathAndQuery, int timeoutMs = 5000)
    {
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_promPort).arg(pathAndQuery)));
        std::unique_ptr<QNetworkReply> reply(m_nam.get(req));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(timeoutMs)) {
            reply->abort();
            return {0, {}, QStringLiteral("no answer in %1 ms").arg(timeoutMs)};
        }
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError)
            r.error = reply->errorString();
        return r;
    }

    QString prometheusLog() const
    {
        return QString::fromUtf8(m_prometheus.output().right(3000));
    }

    QByteArray config(quint16 targetPort) const
    {
        QByteArray y = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1m\n"
                       "scrape_configs:\n";
        for (std::size_t i = 0; i < m_cases.size(); ++i) {
            y += "  - job_name: '" + QByteArray::fromStdString(m_cases[i].name) + "'\n"
                 "    scrape_interval: 1s\n    scrape_timeout: 1s\n"
                 "    metrics_path: /case/" + QByteArray::number(qulonglong(i)) + "\n"
                 "    static_configs:\n      - targets: ['127.0.0.1:" + QByteArray::number(targetPort) + "']\n";
        }
        return y;
    }

    // up per job from the query API; empty on any trouble (the caller polls again).
    std::map<QString, bool> queryUp()
    {
        std::map<QString, bool> up;
        const Reply r = get(QStringLiteral("/api/v1/query?query=up"));
        if (r.status != 200)
            return up;
        const QJsonArray result = QJsonDocument::fromJson(r.body).object().value(QLatin1String("data")).toObject()
                                      .value(QLatin1String("result")).toArray();
        for (const QJsonValue &v : result) {
            const QJsonObject o = v.toObject();
            const QString job = o.value(QLatin1String("metric")).toObject().value(QLatin1String("job")).toString();
            up[job] = o.value(QLatin1String("value")).toArray().at(1).toString() == QLatin1String("1");
        }
        return up;
    }

    // health and lastError per job from the targets API.
    std::map<QString, PromVerdict> queryTargets()
    {
        std::map<QString, PromVerdict> out;
        const Reply r = get(QStringLiteral("/api/v1/targets?state=active"));
        if (r.status != 200)
            return out;
        const QJsonArray targets = QJsonDocument::fromJson(r.body).object().value(QLatin1String("data")).toObject()
                                       .value(QLatin1String("activeTargets")).toArray();
        for (const QJsonValue &v : targets) {
            const QJsonObject o = v.toObject();
            const QString health = o.value(QLatin1String("health")).toString();
            if (health == QLatin1String("unknown"))
                continue;
            out[o.value(QLatin1String("scrapePool")).toString()] = {health == QLatin1String("up"),
                                                                     o.value(QLatin1String("lastError")).toString()};
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString why = test::ensureDebianPackage(QStringLiteral("prometheus"), kBinary);
        if (!why.isEmpty()) {
            banner(why);
            QSKIP(qPrintable(QStringLiteral("prometheus unavailable: ") + why));
        }
        m_cases = oracleCases();
        for (std::size_t i = 0; i < m_cases.size(); ++i) {
            const QString name = QString::fromStdString(m_cases[i].name);
            QVERIFY2(m_caseIndex.emplace(name, i).second, qPrintable(QStringLiteral("duplicate case name ") + name));
            const bool known = m_cases[i].known != Known::None;
            QVERIFY2(known == !m_cases[i].why.empty(), qPrintable(name + QStringLiteral(": a known difference needs a reason")));
        }
        // Loopback only: a proxy from the environment must not be used (for Prometheus either).
        m_nam.setProxy(QNetworkProxy::NoProxy);
        for (const char *var : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
            qunsetenv(var);

        m_server.setHandler([this](const HttpRequest &req, std::shared_ptr<HttpExchange> ex) {
            const QByteArray prefix = "/case/";
            bool ok = false;
            const qulonglong i = req.path.startsWith(prefix) ? req.path.mid(prefix.size()).toULongLong(&ok) : 0;
            if (!ok || i >= m_cases.size()) {
                ex->respond(404, "text/plain", "no such case\n");
                return;
            }
            const OracleCase &c = m_cases[i];
            ex->respond(200, contentType(c.format), QByteArray::fromStdString(c.body));
        });
        QVERIFY2(m_server.listen(QHostAddress::LocalHost, 0), qPrintable(m_server.errorString()));

        QVERIFY(m_dir.isValid());
        const QString configPath = m_dir.filePath(QStringLiteral("prometheus.yml"));
        QFile configFile(configPath);
        QVERIFY(configFile.open(QIODevice::WriteOnly));
        configFile.write(config(m_server.port()));
        configFile.close();

        m_promPort = test::freeLoopbackPort();
        QVERIFY(m_promPort != 0);
        QString error;
        QVERIFY2(m_prometheus.start(kBinary,
                                    {QStringLiteral("--config.file=") + configPath,
                                     QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("tsdb")),
                                     QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(m_promPort)},
                                    &error),
                 qPrintable(error));
        // Bounded readiness poll; get() spins the event loop between attempts.
        QElapsedTimer sinceStart;
        sinceStart.start();
        bool ready = false;
        while (!ready && sinceStart.elapsed() < kReadyTimeoutMs && m_prometheus.running()) {
            ready = get(QStringLiteral("/-/ready"), 2000).status == 200;
            if (!ready)
                QTest::qWait(100); // poll interval; keeps serving scrapes meanwhile
        }
        QVERIFY2(ready, qPrintable(QStringLiteral("Prometheus not ready after %1 ms:\n").arg(sinceStart.elapsed())
                                   + prometheusLog()));
        qInfo("Prometheus ready after %lld ms; %zu cases", qint64(sinceStart.elapsed()), m_cases.size());
    }

    void cleanupTestCase()
    {
        const qint64 pid = m_prometheus.pid();
        m_prometheus.stop();
        m_server.close();
        if (pid > 0)
            QVERIFY2(!test::processAlive(pid), "prometheus survived stop()");
    }

    void parserAgreesWithPrometheus()
    {
        // Wait until every job has a verdict: an `up` sample that the targets API
        // confirms, from a scrape that reached the body (not a transport failure).
        std::map<QString, PromVerdict> verdicts;
        QElapsedTimer clock;
        clock.start();
        qint64 lastPoll = -kPollIntervalMs;
        auto decided = [&] {
            if (!m_prometheus.running())
                return true; // no point waiting: reported below
            if (clock.elapsed() - lastPoll < kPollIntervalMs)
                return false;
            lastPoll = clock.elapsed();
            const std::map<QString, bool> up = queryUp();
            const std::map<QString, PromVerdict> targets = queryTargets();
            for (const auto &[job, isUp] : up) {
                const auto t = targets.find(job);
                if (t == targets.end() || t->second.up != isUp)
                    continue; // the two answers straddle a scrape: ask again
                if (!isUp && isTransportError(t->second.lastError))
                    continue;
                verdicts[job] = t->second;
            }
            return verdicts.size() == m_cases.size();
        };
        (void)QTest::qWaitFor(decided, kVerdictTimeoutMs); // completeness is checked below
        const bool complete = verdicts.size() == m_cases.size();
        qInfo("Prometheus verdicts for %zu of %zu cases after %lld ms", verdicts.size(), m_cases.size(),
              qint64(clock.elapsed()));
        if (!complete) {
            QStringList missing;
            for (const OracleCase &c : m_cases)
                if (!verdicts.count(QString::fromStdString(c.name)))
                    missing << QString::fromStdString(c.name);
            QFAIL(qPrintable(QStringLiteral("no verdict within %1 ms (Prometheus %2) for: %3\nPrometheus log:\n%4")
                                 .arg(kVerdictTimeoutMs)
                                 .arg(m_prometheus.running() ? QLatin1String("running") : QLatin1String("died"))
                                 .arg(missing.join(QLatin1String(", ")), prometheusLog())));
        }

        QStringList mismatches;
        QStringList table;
        int agree = 0;
        int knownConfirmed = 0;
        expo::ParseResult result;
        for (const OracleCase &c : m_cases) {
            const PromVerdict &prom = verdicts.at(QString::fromStdString(c.name));
            const auto err = expo::parse(c.body, c.format == Fmt::OpenMetrics ? expo::Format::OpenMetrics
                                                                               : expo::Format::Prometheus,
                                         result);
            const bool vigilOk = !err.has_value();
            const QString vigilText = vigilOk ? QStringLiteral("accepts") : QStringLiteral("rejects (%1)").arg(QString::fromStdString(err->toString()));
            const QString promText = prom.up ? QStringLiteral("accepts (up 1)")
                                             : QStringLiteral("rejects (up 0: %1)").arg(prom.lastError);
            const QString line = QStringLiteral("%1 [%2] %3\n    Prometheus %4\n    Vigil      %5")
                                     .arg(QString::fromStdString(c.name),
                                          c.format == Fmt::OpenMetrics ? QStringLiteral("OpenMetrics") : QStringLiteral("0.0.4"),
                                          escaped(c.body), promText, vigilText);
            table << line;
            switch (c.known) {
            case Known::None:
                if (vigilOk == prom.up)
                    ++agree;
                else
                    mismatches << QStringLiteral("DISAGREE ") + line;
                break;
            case Known::OnlyVigilAccepts:
            case Known::OnlyPromAccepts: {
                const bool expectVigil = c.known == Known::OnlyVigilAccepts;
                if (vigilOk == expectVigil && prom.up == !expectVigil)
                    ++knownConfirmed;
                else
                    mismatches << QStringLiteral("KNOWN DIFFERENCE NOT AS DOCUMENTED (expected only %1 to accept: %2) ")
                                          .arg(expectVigil ? QStringLiteral("Vigil") : QStringLiteral("Prometheus"),
                                               QString::fromStdString(c.why))
                                      + line;
                break;
            }
            }
        }
        if (qEnvironmentVariableIsSet("VIGIL_ORACLE_VERBOSE"))
            for (const QString &l : std::as_const(table))
                qInfo("%s", qPrintable(l));
        qInfo("%zu cases: %d agree, %d known differences confirmed, %lld mismatches", m_cases.size(), agree,
              knownConfirmed, qint64(mismatches.size()));
        // One warning per mismatch: QTest truncates long failure messages.
        for (const QString &m : std::as_const(mismatches))
            qWarning("%s", qPrintable(m));
        QVERIFY2(mismatches.isEmpty(),
                 qPrintable(QStringLiteral("%1 of %2 cases do not match Prometheus (each one is a warning above)")
                                .arg(mismatches.size())
                                .arg(m_cases.size())));
    }
};

QTEST_GUILESS_MAIN(TestExpoVsPrometheus)
#include "tst_expo_vs_prometheus.moc"

// TLS: certificates are verified by default; verifyTls=false skips verification for
// that target only, even when a verifying target scrapes the same host:port.
#include "core/scrape/scraper.h"
#include "tests/core/tst_scraper_util.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTest>

using namespace vigil;
using namespace std::chrono_literals;

namespace {

// Self-signed P-256 certificate for 127.0.0.1, valid until 2126: tests only.
const char kCert[] = "-----BEGIN CERTIFICATE-----\n"
                     "MIIBkjCCATigAwIBAgIUepXkCMum2ORbumtptdKdQsc+TlcwCgYIKoZIzj0EAwIw\n"
                     "FTETMBEGA1UEAwwKdmlnaWwtdGVzdDAgFw0yNjExMjAyMzU5NTlaGA8yMTI2MTAy\n"
                     "NzIzNTk1OVowFTETMBEGA1UEAwwKdmlnaWwtdGVzdDBZMBMGByqGSM49AgEGCCqG\n"
                     "SM49AwEHA0IABDx7vDlhTs6SWkLhbKM6RS0dVk4mP1LdfLifBaGRpnGGUu7SmolG\n"
                     "T8C/uKoezzBpiEuXFpldxW2sCKUQtm+uQaGjZDBiMB0GA1UdDgQWBBSQqKIo/FDa\n"
                     "rIndVKORC5ymh288MDAfBgNVHSMEGDAWgBSQqKIo/FDarIndVKORC5ymh288MDAP\n"
                     "BgNVHRMBAf8EBTADAQH/MA8GA1UdEQQIMAaHBH8AAAEwCgYIKoZIzj0EAwIDSAAw\n"
                     "RQIhAIh2e+bwbY3BWJX8TJ2lciXiNDOkJVxiLIbhAenzyIchAiBeiL4lU83JHqVC\n"
                     "vq9K0NEh/LkucmA/Z4iTFeGWCPcDTw==\n"
                     "-----END CERTIFICATE-----\n";
const char kKey[] = "-----BEGIN PRIVATE KEY-----\n"
                    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgmhPZPqZjf+vXmZM7\n"
                    "Ps2HEIv0/5odSmZ5wwN7DXRkC7mhRANCAAQ8e7w5YU7OklpC4WyjOkUtHVZOJj9S\n"
                    "3Xy4nwWhkaZxhlLu0pqJRk/Av7iqHs8waYhLlxaZXcVtrAilELZvrkGh\n"
                    "-----END PRIVATE KEY-----\n";

const QByteArray kBody = "# TYPE tls_test gauge\ntls_test 42\n";

} // namespace

class TestScraperTls : public QObject
{
    Q_OBJECT

private:
    QSslServer m_server;
    int m_requests = 0;

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend in this Qt build");
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificate(QSslCertificate(QByteArray(kCert)));
        conf.setPrivateKey(QSslKey(QByteArray(kKey), QSsl::Ec));
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        QVERIFY(!conf.localCertificate().isNull() && !conf.privateKey().isNull());
        m_server.setSslConfiguration(conf);
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    QByteArray buf = s->property("buf").toByteArray() + s->readAll();
                    while (buf.contains("\r\n\r\n")) {
                        buf.remove(0, buf.indexOf("\r\n\r\n") + 4);
                        ++m_requests;
                        s->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: "
                                 + QByteArray::number(kBody.size()) + "\r\n\r\n" + kBody);
                    }
                    s->setProperty("buf", buf);
                });
            }
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
    }

    void verificationIsPerTarget()
    {
        const std::string base = "https://127.0.0.1:" + std::to_string(m_server.serverPort()) + "/metrics";
        ScrapeTargetConfig insecure;
        insecure.url = base + "?t=insecure";
        insecure.interval = 100ms;
        insecure.verifyTls = false;
        ScrapeTargetConfig verifying;
        verifying.url = base + "?t=verifying";
        verifying.interval = 100ms;
        QVERIFY(verifying.verifyTls); // the default

        test::BatchRecorder rec;
        Scraper scraper(rec.sink());
        scraper.setBackoffPolicy({50ms, 100ms, 0.2});
        scraper.addTarget(insecure);
        scraper.start();
        // Let the insecure target open (and keep) a connection first, then add the
        // verifying one: it must not ride on that connection.
        QTRY_VERIFY_WITH_TIMEOUT(rec.count("insecure") >= 1, 10000);
        scraper.addTarget(verifying);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count("insecure") >= 4 && rec.count("verifying") >= 3, 10000);
        scraper.stop();

        for (const auto &b : rec.batches("insecure")) {
            QVERIFY2(b.scrape->up, b.scrape->error.c_str());
            QCOMPARE(b.parsed->samples.front().value, 42.0);
        }
        for (const auto &b : rec.batches("verifying")) {
            QVERIFY(!b.scrape->up);
            QVERIFY(!b.parsed);
            QVERIFY2(b.scrape->error.rfind("TLS handshake failed", 0) == 0, b.scrape->error.c_str());
        }
    }

    void scrapeOnceHonoursVerify()
    {
        ScrapeTargetConfig t;
        t.url = "https://127.0.0.1:" + std::to_string(m_server.serverPort()) + "/metrics";
        const ScrapeOnceResult refused = scrapeOnce(t);
        QVERIFY(!refused.report.up);
        QVERIFY2(refused.report.error.rfind("TLS handshake failed", 0) == 0, refused.report.error.c_str());
        t.verifyTls = false;
        const ScrapeOnceResult ok = scrapeOnce(t);
        QVERIFY2(ok.report.up, ok.report.error.c_str());
        QCOMPARE(ok.report.samples, 1u);
        QVERIFY(ok.parsed && ok.body);
    }
};

QTEST_GUILESS_MAIN(TestScraperTls)
#include "tst_scraper_tls.moc"

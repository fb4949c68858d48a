// Failing targets back off (exponentially, jittered, capped) and recover by
// themselves once their server comes up.
#include "core/net/http_server.h"
#include "core/scrape/scraper.h"
#include "tests/core/tst_scraper_util.h"
#include "tests/support/server_process.h"

#include <QTest>

using namespace vigil;
using namespace std::chrono_literals;

namespace {

const QByteArray kBody = "# TYPE up_test gauge\nup_test 1\n";

} // namespace

class TestScraperBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultPolicyDoublesFromHalfSecondToSixtySeconds()
    {
        Backoff b({}, 42);
        QCOMPARE(b.policy().initial, 500ms);
        QCOMPARE(b.policy().max, 60s);
        const double expected[] = {0.5, 1, 2, 4, 8, 16, 32, 60, 60, 60};
        for (double base : expected) {
            const double s = std::chrono::duration<double>(b.failure()).count();
            QVERIFY2(s >= base * 0.8 - 0.001 && s <= std::min(base * 1.2, 60.0) + 0.001,
                     qPrintable(QStringLiteral("%1 s for base %2 s").arg(s).arg(base)));
        }
        QCOMPARE(b.consecutiveFailures(), 10u);
        for (int i = 0; i < 1000; ++i)
            QVERIFY(b.failure() <= 60s);
        b.reset();
        QCOMPARE(b.consecutiveFailures(), 0u);
        QVERIFY(b.failure() <= 600ms);
    }

    void jitterSpreadsRetries()
    {
        // Two targets failing together should not retry in lock-step.
        Backoff a({}, 1), b({}, 2);
        int differ = 0;
        for (int i = 0; i < 5; ++i)
            differ += a.failure() != b.failure() ? 1 : 0;
        QVERIFY(differ >= 4);
    }

    void connectionRefusedBacksOff()
    {
        const quint16 port = vigil::test::freeLoopbackPort();
        QVERIFY(port != 0);
        test::BatchRecorder rec;
        Scraper scraper(rec.sink());
        scraper.setBackoffPolicy({20ms, 160ms, 0.2});
        ScrapeTargetConfig t;
        t.url = "http://127.0.0.1:" + std::to_string(port) + "/metrics";
        t.interval = 50ms;
        t.timeout = 1s;
        scraper.addTarget(t);
        scraper.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count() >= 8, 10000);
        scraper.stop();
        const auto batches = rec.batches();
        double previous = 0;
        std::int64_t previousStart = 0;
        for (std::size_t i = 0; i < batches.size(); ++i) {
            const ScrapeReport &r = *batches[i].scrape;
            QVERIFY(!r.up);
            QVERIFY(!batches[i].parsed);
            QCOMPARE(r.error, std::string("connection refused"));
            QCOMPARE(r.consecutiveFailures, std::uint32_t(i + 1));
            QVERIFY(r.nextRetrySeconds <= 0.160 + 1e-9); // capped
            if (i < 4) // 0.02, 0.04, 0.08, 0.16 (+-20 %, capped): strictly growing
                QVERIFY2(r.nextRetrySeconds > previous,
                         qPrintable(QStringLiteral("failure %1: %2 after %3").arg(i + 1).arg(r.nextRetrySeconds).arg(previous)));
            else
                QVERIFY(r.nextRetrySeconds >= 0.160 * 0.8 - 1e-9);
            // The retry really waited (scrape starts are wall-clock ms).
            if (i > 0)
                QVERIFY2(r.timestampMs - previousStart >= std::int64_t(previous * 1000) - 2,
                         qPrintable(QStringLiteral("retry after %1 ms, backoff %2 s")
                                        .arg(r.timestampMs - previousStart).arg(previous)));
            previous = r.nextRetrySeconds;
            previousStart = r.timestampMs;
        }
    }

    void recoversWhenServerComesUp()
    {
        const quint16 port = vigil::test::freeLoopbackPort();
        QVERIFY(port != 0);
        test::BatchRecorder rec;
        Scraper scraper(rec.sink());
        scraper.setBackoffPolicy({20ms, 100ms, 0.2});
        ScrapeTargetConfig t;
        t.url = "http://127.0.0.1:" + std::to_string(port) + "/metrics";
        t.interval = 150ms;
        t.timeout = 1s;
        scraper.addTarget(t);
        scraper.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count() >= 3, 10000);
        for (const auto &b : rec.batches())
            QVERIFY(!b.scrape->up);

        HttpServer server;
        server.setHandler([](const HttpRequest &, std::shared_ptr<HttpExchange> ex) {
            ex->respond(200, "text/plain; version=0.0.4", kBody);
        });
        QVERIFY2(server.listen(QHostAddress::LocalHost, port), qPrintable(server.errorString()));
        auto ups = [&] { return rec.countIf({}, [](const SampleBatch &b) { return b.scrape->up; }); };
        QTRY_VERIFY_WITH_TIMEOUT(ups() >= 4, 10000);
        scraper.stop();

        const auto batches = rec.batches();
        std::size_t firstUp = 0;
        while (!batches[firstUp].scrape->up)
            ++firstUp;
        QVERIFY(firstUp >= 3);
        // Once up it stays up at its normal interval, the failure count cleared.
        for (std::size_t i = firstUp; i < batches.size(); ++i) {
            const ScrapeReport &r = *batches[i].scrape;
            QVERIFY2(r.up, r.error.c_str());
            QCOMPARE(r.consecutiveFailures, 0u);
            QCOMPARE(r.nextRetrySeconds, 0.0);
            QCOMPARE(r.samples, 1u);
            QVERIFY(batches[i].parsed);
            if (i > firstUp) {
                const std::int64_t gap = r.timestampMs - batches[i - 1].scrape->timestampMs;
                QVERIFY2(gap >= 140 && gap < 400, qPrintable(QStringLiteral("gap %1 ms").arg(gap)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestScraperBackoff)
#include "tst_scraper_backoff.moc"

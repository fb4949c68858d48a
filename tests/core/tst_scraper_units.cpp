// The scraper's small parts without a network: body decoding (identity, gzip,
// deflate, bombs, corrupt streams), target URLs and credentials, header values.
#include "core/scrape/body_decoder.h"
#include "core/scrape/http_fetch.h"
#include "core/scrape/scrape_target.h"
#include "core/scrape/scraper.h"
#include "tests/core/tst_scraper_util.h"

#include <QTest>

using namespace vigil;
using namespace std::chrono_literals;

namespace {
std::string_view view(const QByteArray &b) { return {b.constData(), std::size_t(b.size())}; }

QByteArray zlibCompress(const QByteArray &in)
{
    uLongf n = compressBound(uLong(in.size()));
    QByteArray out(qsizetype(n), '\0');
    compress(reinterpret_cast<Bytef *>(out.data()), &n, reinterpret_cast<const Bytef *>(in.constData()),
             uLong(in.size()));
    out.resize(qsizetype(n));
    return out;
}
} // namespace

class TestScraperUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void identityWithinLimit()
    {
        BodyDecoder d(BodyDecoder::Encoding::Identity, 10);
        QCOMPARE(d.feed("hello"), BodyDecoder::Status::Ok);
        QCOMPARE(d.feed("world"), BodyDecoder::Status::Ok);
        QCOMPARE(d.finish(), BodyDecoder::Status::Ok);
        QCOMPARE(d.output(), std::string("helloworld"));
        QCOMPARE(d.feed("!"), BodyDecoder::Status::LimitExceeded);
        QCOMPARE(d.error(), std::string("body exceeds 10 bytes limit"));
    }

    void gzipByteByByte()
    {
        QByteArray text;
        for (int i = 0; i < 5000; ++i)
            text += "metric_" + QByteArray::number(i) + "{a=\"b\"} " + QByteArray::number(i * 3) + '\n';
        const QByteArray gz = test::gzipCompress(text);
        BodyDecoder d(BodyDecoder::Encoding::Gzip, 64 << 20);
        for (char c : gz)
            QCOMPARE(d.feed(std::string_view(&c, 1)), BodyDecoder::Status::Ok);
        QCOMPARE(d.finish(), BodyDecoder::Status::Ok);
        QCOMPARE(d.output(), text.toStdString());
        QCOMPARE(d.rawBytes(), std::uint64_t(gz.size()));
    }

    void gzipMultiMember()
    {
        BodyDecoder d(BodyDecoder::Encoding::Gzip, 1024);
        QCOMPARE(d.feed(view(test::gzipCompress("a 1\n") + test::gzipCompress("b 2\n"))), BodyDecoder::Status::Ok);
        QCOMPARE(d.finish(), BodyDecoder::Status::Ok);
        QCOMPARE(d.output(), std::string("a 1\nb 2\n"));
    }

    void deflateZlibWrapper()
    {
        BodyDecoder d(BodyDecoder::Encoding::Deflate, 1024);
        QCOMPARE(d.feed(view(zlibCompress("x 1\n"))), BodyDecoder::Status::Ok);
        QCOMPARE(d.finish(), BodyDecoder::Status::Ok);
        QCOMPARE(d.output(), std::string("x 1\n"));
    }

    void gzipTruncatedAndCorrupt()
    {
        const QByteArray gz = test::gzipCompress(QByteArray(10000, 'a'));
        BodyDecoder truncated(BodyDecoder::Encoding::Gzip, 1 << 20);
        QCOMPARE(truncated.feed(view(gz.left(gz.size() - 6))), BodyDecoder::Status::Ok);
        QCOMPARE(truncated.finish(), BodyDecoder::Status::Error);
        QCOMPARE(truncated.error(), std::string("gzip: unexpected end of stream"));

        BodyDecoder corrupt(BodyDecoder::Encoding::Gzip, 1 << 20);
        QCOMPARE(corrupt.feed("not gzip at all"), BodyDecoder::Status::Error);
        QVERIFY(corrupt.error().rfind("gzip: ", 0) == 0);

        QByteArray badCrc = gz;
        badCrc[badCrc.size() - 8] = char(badCrc[badCrc.size() - 8] ^ 0x55);
        BodyDecoder crc(BodyDecoder::Encoding::Gzip, 1 << 20);
        QCOMPARE(crc.feed(view(badCrc)), BodyDecoder::Status::Error);

        BodyDecoder empty(BodyDecoder::Encoding::Gzip, 1 << 20);
        QCOMPARE(empty.finish(), BodyDecoder::Status::Error);
        QCOMPARE(empty.error(), std::string("gzip: empty body"));
    }

    void bombStopsAtLimitWithBoundedOutput()
    {
        const QByteArray bomb = test::gzipZeros(1024);
        QVERIFY(!bomb.isEmpty());
        const std::uint64_t limit = 8 << 20;
        BodyDecoder d(BodyDecoder::Encoding::Gzip, limit);
        BodyDecoder::Status st = BodyDecoder::Status::Ok;
        qsizetype fed = 0;
        for (; fed < bomb.size() && st == BodyDecoder::Status::Ok; fed += 16 * 1024)
            st = d.feed(view(bomb.mid(fed, 16 * 1024)));
        QCOMPARE(st, BodyDecoder::Status::LimitExceeded);
        QCOMPARE(d.error(), std::string("body exceeds 8 MiB limit"));
        QVERIFY(d.output().size() <= limit);
        QVERIFY(d.output().capacity() <= limit);
        // Cut early: ~8 KiB of input inflate to 8 MiB, far from the whole megabyte.
        QVERIFY2(fed < 64 * 1024, qPrintable(QString::number(fed)));
        // Spent: later feeds keep failing.
        QCOMPARE(d.feed("x"), BodyDecoder::Status::LimitExceeded);
    }

    void smallBombDecodesExactly()
    {
        // The same construction is a valid gzip file (CRC and length right).
        BodyDecoder d(BodyDecoder::Encoding::Gzip, 9 << 20);
        QCOMPARE(d.feed(view(test::gzipZeros(8))), BodyDecoder::Status::Ok);
        QCOMPARE(d.finish(), BodyDecoder::Status::Ok);
        QCOMPARE(d.output().size(), std::size_t(8 << 20));
    }

    void encodingHeader()
    {
        BodyDecoder::Encoding e;
        QVERIFY(BodyDecoder::encodingFromHeader("", e) && e == BodyDecoder::Encoding::Identity);
        QVERIFY(BodyDecoder::encodingFromHeader(" GZip ", e) && e == BodyDecoder::Encoding::Gzip);
        QVERIFY(BodyDecoder::encodingFromHeader("x-gzip", e) && e == BodyDecoder::Encoding::Gzip);
        QVERIFY(BodyDecoder::encodingFromHeader("deflate", e) && e == BodyDecoder::Encoding::Deflate);
        QVERIFY(!BodyDecoder::encodingFromHeader("br", e));
    }

    void limitText()
    {
        QCOMPARE(formatByteLimit(64ull << 20), std::string("64 MiB"));
        QCOMPARE(formatByteLimit(512 << 10), std::string("512 KiB"));
        QCOMPARE(formatByteLimit(1000), std::string("1000 bytes"));
    }

    void urlsAndInstances()
    {
        ScrapeTargetConfig t;
        t.url = "http://127.0.0.1:9100/metrics";
        QCOMPARE(t.redactedUrl(), t.url);
        QCOMPARE(t.instance(), std::string("127.0.0.1:9100"));
        t.url = "https://example.org/metrics";
        QCOMPARE(t.instance(), std::string("example.org:443"));
        t.url = "http://example.org/metrics";
        QCOMPARE(t.instance(), std::string("example.org:80"));
        t.url = "http://[::1]:9100/metrics";
        QCOMPARE(t.instance(), std::string("[::1]:9100"));
        t.url = "http://u:p@w@host:1/m?q=a@b";
        QCOMPARE(t.redactedUrl(), std::string("http://host:1/m?q=a@b"));
        QCOMPARE(t.instance(), std::string("host:1"));
    }

    void userInfoMovesIntoAuth()
    {
        ScrapeTargetConfig t;
        t.url = "http://alice:p%40ss%3Aword@10.0.0.1:9100/metrics";
        t.moveUserInfoToAuth();
        QCOMPARE(t.url, std::string("http://10.0.0.1:9100/metrics"));
        QCOMPARE(t.auth.kind, ScrapeAuth::Kind::Basic);
        QCOMPARE(t.auth.username, std::string("alice"));
        QCOMPARE(t.auth.password, std::string("p@ss:word"));

        ScrapeTargetConfig user;
        user.url = "http://bob@h:1/";
        user.moveUserInfoToAuth();
        QCOMPARE(user.auth.username, std::string("bob"));
        QCOMPARE(user.auth.password, std::string());

        // Explicit auth wins; the URL still loses its user-info.
        ScrapeTargetConfig bearer;
        bearer.url = "http://x:y@h:1/";
        bearer.auth.kind = ScrapeAuth::Kind::Bearer;
        bearer.auth.bearerToken = "t";
        bearer.moveUserInfoToAuth();
        QCOMPARE(bearer.url, std::string("http://h:1/"));
        QCOMPARE(bearer.auth.kind, ScrapeAuth::Kind::Bearer);
        QVERIFY(bearer.auth.username.empty());
    }

    void onlyHttpSchemes()
    {
        ScrapeTargetConfig t;
        t.url = "file:///etc/hostname";
        ScrapeOnceResult r = scrapeOnce(t);
        QVERIFY(!r.report.up && !r.body);
        QCOMPARE(r.report.error, std::string("invalid URL")); // no host
        t.url = "ftp://127.0.0.1/metrics";
        r = scrapeOnce(t);
        QCOMPARE(r.report.error, std::string("unsupported URL scheme: ftp"));
        t.url = "not a url";
        QVERIFY(!scrapeOnce(t).report.up);
    }

    void timeoutHeaderText()
    {
        QCOMPARE(HttpFetch::secondsText(4000ms), std::string("4"));
        QCOMPARE(HttpFetch::secondsText(250ms), std::string("0.25"));
        QCOMPARE(HttpFetch::secondsText(10s), std::string("10"));
    }
};

QTEST_GUILESS_MAIN(TestScraperUnits)
#include "tst_scraper_units.moc"

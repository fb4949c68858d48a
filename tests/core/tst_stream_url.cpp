// Unit tests of parseStreamUrl() and the default lane policy per source kind.
#include "core/stream/stream_url.h"

#include <QTest>

using namespace vigil;

Q_DECLARE_METATYPE(vigil::StreamKind)

class TestStreamUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<StreamKind>("kind");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("path");
        QTest::newRow("stdin") << QStringLiteral("-") << StreamKind::Stdin << QString() << 0 << QString();
        QTest::newRow("tcp") << QStringLiteral("tcp://127.0.0.1:7000") << StreamKind::TcpConnect
                             << QStringLiteral("127.0.0.1") << 7000 << QString();
        QTest::newRow("tcp name") << QStringLiteral("tcp://events.example:9") << StreamKind::TcpConnect
                                  << QStringLiteral("events.example") << 9 << QString();
        QTest::newRow("tcp v6") << QStringLiteral("tcp://[::1]:7000") << StreamKind::TcpConnect
                                << QStringLiteral("::1") << 7000 << QString();
        QTest::newRow("listen any") << QStringLiteral("tcp-listen://:7000") << StreamKind::TcpListen
                                    << QString() << 7000 << QString();
        QTest::newRow("listen lo") << QStringLiteral("tcp-listen://127.0.0.1:0") << StreamKind::TcpListen
                                   << QStringLiteral("127.0.0.1") << 0 << QString();
        QTest::newRow("udp") << QStringLiteral("udp://:5140") << StreamKind::Udp << QString() << 5140
                             << QString();
        QTest::newRow("file") << QStringLiteral("file:/var/log/ev.ndjson") << StreamKind::FileFollow
                              << QString() << 0 << QStringLiteral("/var/log/ev.ndjson");
        QTest::newRow("file rel") << QStringLiteral("file:ev.ndjson") << StreamKind::FileFollow << QString()
                                  << 0 << QStringLiteral("ev.ndjson");
        QTest::newRow("file///") << QStringLiteral("file:///var/log/ev.ndjson") << StreamKind::FileFollow
                                 << QString() << 0 << QStringLiteral("/var/log/ev.ndjson");
        QTest::newRow("path") << QStringLiteral("/tmp/a.ndjson") << StreamKind::FileOnce << QString() << 0
                              << QStringLiteral("/tmp/a.ndjson");
        QTest::newRow("path with colon") << QStringLiteral("logs/a:b.ndjson") << StreamKind::FileOnce
                                         << QString() << 0 << QStringLiteral("logs/a:b.ndjson");
    }

    void valid()
    {
        QFETCH(QString, url);
        QFETCH(StreamKind, kind);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, path);
        const auto r = parseStreamUrl(url.toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->kind, kind);
        QCOMPARE(QString::fromStdString(r->host), host);
        QCOMPARE(int(r->port), port);
        QCOMPARE(QString::fromStdString(r->path), path);
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QString() << QStringLiteral("empty stream URL");
        QTest::newRow("tcp no host") << QStringLiteral("tcp://:7000") << QStringLiteral("missing host");
        QTest::newRow("tcp no port") << QStringLiteral("tcp://host") << QStringLiteral("expected HOST:PORT");
        QTest::newRow("tcp port 0") << QStringLiteral("tcp://h:0") << QStringLiteral("port must be");
        QTest::newRow("port range") << QStringLiteral("udp://:70000") << QStringLiteral("port must be");
        QTest::newRow("port text") << QStringLiteral("tcp-listen://:http") << QStringLiteral("port must be");
        QTest::newRow("v6 bare") << QStringLiteral("tcp://::1:7000") << QStringLiteral("brackets");
        QTest::newRow("path after port") << QStringLiteral("tcp://h:7/x") << QStringLiteral("unexpected '/'");
        QTest::newRow("scheme") << QStringLiteral("http://h:80")
                                << QStringLiteral("unknown stream URL scheme 'http'");
        QTest::newRow("file empty") << QStringLiteral("file:") << QStringLiteral("missing path");
    }

    void invalid()
    {
        QFETCH(QString, url);
        QFETCH(QString, message);
        const auto r = parseStreamUrl(url.toStdString());
        QVERIFY(!r.ok());
        QVERIFY2(QString::fromStdString(r.error().message).contains(message), r.error().message.c_str());
    }

    void policies()
    {
        QCOMPARE(defaultLanePolicy(StreamKind::FileFollow), LanePolicy::Block);
        QCOMPARE(defaultLanePolicy(StreamKind::FileOnce), LanePolicy::Block);
        QCOMPARE(defaultLanePolicy(StreamKind::Stdin), LanePolicy::Block);
        QCOMPARE(defaultLanePolicy(StreamKind::TcpConnect), LanePolicy::DropNewest);
        QCOMPARE(defaultLanePolicy(StreamKind::TcpListen), LanePolicy::DropNewest);
        QCOMPARE(defaultLanePolicy(StreamKind::Udp), LanePolicy::DropNewest);
    }
};

QTEST_GUILESS_MAIN(TestStreamUrl)
#include "tst_stream_url.moc"

// End to end: producers on real loopback sockets (TCP listen with several producers,
// UDP), a file appended and rotated, and stdin through `vigilctl ingest -`, all into the
// EventEngine, with hostile lines mixed in. Every count is checked exactly, and the
// conservation identity holds at the end.
#include "core/engine/event_engine.h"
#include "core/stream/stream_source.h"
#include "tests/support/test_paths.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QProcess>
#include <QTemporaryDir>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <memory>
#include <thread>

using namespace vigil;

namespace {

QByteArray eventLine(const QByteArray &id, const char *priority)
{
    return R"({"id":")" + id + R"(","ts":1700000000000000000,"priority":")" + priority
           + R"(","queue":"realtime","latency_ns":450,"node":"n1","message":"ok"})" + "\n";
}

// Hostile lines: each is one malformed event (not JSON, not an object, invalid UTF-8,
// binary with NULs). Blank lines are ignored by contract and not counted.
const QByteArray kHostile = QByteArray("{not json\n") + "[1,2,3]\n" + "{\"id\":\"\xff\xfe\"}\n"
                            + QByteArray("\x01\x02\x00\x03garbage\n", 12) + "\n";
constexpr int kHostileMalformed = 4;

struct Engine
{
    EngineOptions options;
    std::unique_ptr<EventEngine> engine;
    std::unique_ptr<StreamSource> source;

    void start(const QString &url)
    {
        options.recentEvents = 1000;
        engine = std::make_unique<EventEngine>(options);
        engine->start();
        auto created = createStreamSource(url.toStdString(), *engine);
        QVERIFY2(created.ok(), created.ok() ? "" : created.error().message.c_str());
        source = std::move(created.value());
        source->start();
    }
    ~Engine()
    {
        if (source)
            source->stop();
        if (engine)
            engine->stop();
    }
    EngineSnapshot snap() const { return engine->snapshot(); }
};

void checkConservation(const EngineSnapshot &s)
{
    QCOMPARE(s.received, s.processed + s.deduplicated + s.dropped + s.malformed + s.inFlight);
}

} // namespace

class TstEngineEndToEnd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tcpListenWithSeveralProducersAndHostileInput()
    {
        Engine e;
        e.start(QStringLiteral("tcp-listen://127.0.0.1:0"));
        const quint16 port = e.source->localPort();
        QVERIFY(port != 0);

        constexpr int kProducers = 4;
        constexpr int kLines = 2500;
        std::vector<std::thread> producers;
        for (int p = 0; p < kProducers; ++p) {
            producers.emplace_back([p, port] {
                QTcpSocket socket;
                socket.setProxy(QNetworkProxy::NoProxy);
                socket.connectToHost(QHostAddress::LocalHost, port);
                if (!socket.waitForConnected(5000))
                    return;
                QByteArray data;
                for (int i = 0; i < kLines; ++i)
                    data += eventLine("p" + QByteArray::number(p) + "-" + QByteArray::number(i),
                                      i % 10 == 0 ? "critical" : "low");
                data += kHostile;
                // One duplicate id per producer, and a line cut short by the close.
                data += eventLine("p" + QByteArray::number(p) + "-0", "low");
                data += "{\"id\":\"cut";
                socket.write(data);
                while (socket.bytesToWrite() > 0 && socket.waitForBytesWritten(5000)) {
                }
                socket.disconnectFromHost();
                if (socket.state() != QAbstractSocket::UnconnectedState)
                    socket.waitForDisconnected(5000);
            });
        }
        for (auto &t : producers)
            t.join();

        // Per producer: kLines good + 4 malformed + 1 duplicate + 1 cut line (framing error).
        const std::uint64_t expectedReceived = kProducers * (kLines + kHostileMalformed + 1 + 1);
        QTRY_COMPARE_WITH_TIMEOUT(e.snap().received, expectedReceived, 20000);
        e.engine->waitIdle();
        const EngineSnapshot s = e.snap();
        checkConservation(s);
        QCOMPARE(s.processed, std::uint64_t(kProducers * kLines));
        QCOMPARE(s.deduplicated, std::uint64_t(kProducers));
        QCOMPARE(s.malformed, std::uint64_t(kProducers * (kHostileMalformed + 1)));
        QCOMPARE(s.dropped, std::uint64_t(0));
        QCOMPARE(s.inFlight, std::uint64_t(0));
        QCOMPARE(s.lanes[0].processed, std::uint64_t(kProducers * kLines / 10));
        QCOMPARE(s.lanes[3].processed, std::uint64_t(kProducers * kLines * 9 / 10));
    }

    void udpDatagramsAreEvents()
    {
        Engine e;
        e.start(QStringLiteral("udp://127.0.0.1:0"));
        const quint16 port = e.source->localPort();
        QVERIFY(port != 0);
        QUdpSocket socket;
        socket.setProxy(QNetworkProxy::NoProxy);
        constexpr int kDatagrams = 300;
        int sent = 0;
        for (int i = 0; i < kDatagrams; ++i) {
            QByteArray line = eventLine("u" + QByteArray::number(i), "high");
            if (i % 2)
                line.chop(1); // a datagram need not end with a newline
            // Pace by what the kernel accepted, not by time.
            if (socket.writeDatagram(line, QHostAddress::LocalHost, port) == line.size())
                ++sent;
            if (i % 50 == 49)
                QTRY_COMPARE_WITH_TIMEOUT(e.snap().received, std::uint64_t(sent), 5000);
        }
        socket.writeDatagram(QByteArray("not json"), QHostAddress::LocalHost, port);
        QTRY_COMPARE_WITH_TIMEOUT(e.snap().received, std::uint64_t(sent + 1), 5000);
        e.engine->waitIdle();
        const EngineSnapshot s = e.snap();
        checkConservation(s);
        QCOMPARE(sent, kDatagrams);
        QCOMPARE(s.processed, std::uint64_t(kDatagrams));
        QCOMPARE(s.malformed, std::uint64_t(1));
        QCOMPARE(s.lanes[1].processed, std::uint64_t(kDatagrams));
    }

    void followedFileAcrossRotation()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("events.ndjson"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 100; ++i)
            f.write(eventLine("f" + QByteArray::number(i), "medium"));
        f.write("{broken\n");
        f.flush();

        Engine e;
        e.start(QStringLiteral("file:") + path);
        QTRY_COMPARE_WITH_TIMEOUT(e.snap().received, std::uint64_t(101), 10000);

        // Rotate: rename, keep writing a little to the old file, then create a new one.
        QVERIFY(QFile::rename(path, path + QStringLiteral(".1")));
        for (int i = 100; i < 120; ++i)
            f.write(eventLine("f" + QByteArray::number(i), "medium"));
        f.close();
        QFile g(path);
        QVERIFY(g.open(QIODevice::WriteOnly));
        for (int i = 120; i < 200; ++i)
            g.write(eventLine("f" + QByteArray::number(i), "medium"));
        g.close();

        QTRY_COMPARE_WITH_TIMEOUT(e.snap().received, std::uint64_t(201), 10000);
        e.engine->waitIdle();
        const EngineSnapshot s = e.snap();
        checkConservation(s);
        QCOMPARE(s.processed, std::uint64_t(200)); // every line exactly once
        QCOMPARE(s.deduplicated, std::uint64_t(0));
        QCOMPARE(s.malformed, std::uint64_t(1));
    }

    void stdinThroughVigilctl()
    {
        QByteArray input;
        for (int i = 0; i < 5000; ++i)
            input += eventLine("s" + QByteArray::number(i), i % 2 ? "high" : "low");
        input += kHostile;
        input += eventLine("s7", "high"); // duplicate
        input += eventLine("last", "critical").chopped(1); // no final newline: still an event

        QProcess p;
        p.start(vigil::test::binaryPath(QStringLiteral("app/vigilctl/vigilctl")),
                {QStringLiteral("ingest"), QStringLiteral("--json"), QStringLiteral("-")});
        QVERIFY(p.waitForStarted(10000));
        p.write(input);
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(o.value(QStringLiteral("received")).toInteger(), 5000 + kHostileMalformed + 2);
        QCOMPARE(o.value(QStringLiteral("processed")).toInteger(), 5001);
        QCOMPARE(o.value(QStringLiteral("malformed")).toInteger(), kHostileMalformed);
        QCOMPARE(o.value(QStringLiteral("deduplicated")).toInteger(), 1);
        QCOMPARE(o.value(QStringLiteral("dropped")).toInteger(), 0);
        QCOMPARE(o.value(QStringLiteral("critical")).toObject().value(QStringLiteral("processed")).toInteger(), 1);
    }
};

QTEST_GUILESS_MAIN(TstEngineEndToEnd)
#include "tst_engine_end_to_end.moc"

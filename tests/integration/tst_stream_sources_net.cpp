// Integration tests of the network stream sources on 127.0.0.1 (free ports only):
// tcp-listen:// with concurrent producers, tcp:// with server restarts, udp://, and
// hostile input. Waits are QTRY_* with bounded timeouts, never sleeps.
#include "core/stream/stream_source.h"
#include "tests/core/tst_stream_sink.h"

#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <random>
#include <thread>

using namespace vigil;
using vigil::test::RecordingSink;

namespace {

std::unique_ptr<StreamSource> make(const std::string &url, EventSink &sink, StreamSourceOptions o = {})
{
    auto r = createStreamSource(url, sink, o);
    if (!r) {
        qWarning("createStreamSource(%s): %s", url.c_str(), r.error().message.c_str());
        return nullptr;
    }
    return std::move(*r);
}

std::string producerLine(int producer, int i)
{
    return "{\"producer\":" + std::to_string(producer) + ",\"seq\":" + std::to_string(i) + ",\"msg\":\"" +
           std::string(static_cast<std::size_t>(i % 97), 'a' + char(producer)) + "\"}";
}

// Sends `payload` over a fresh connection in uneven writes, then closes (thread-safe:
// the socket lives and dies on the calling thread, no event loop needed).
bool sendOverTcp(quint16 port, const std::string &payload, unsigned seed, quint16 *localPort = nullptr)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000)) return false;
    if (localPort) *localPort = socket.localPort();
    std::mt19937 rng(seed);
    std::size_t pos = 0;
    while (pos < payload.size()) {
        const std::size_t n = std::min<std::size_t>(payload.size() - pos, 1 + rng() % 9000);
        if (socket.write(payload.data() + pos, static_cast<qint64>(n)) != static_cast<qint64>(n))
            return false;
        pos += n;
        while (socket.bytesToWrite() > 0)
            if (!socket.waitForBytesWritten(5000)) return false;
    }
    socket.disconnectFromHost();
    if (socket.state() != QAbstractSocket::UnconnectedState) socket.waitForDisconnected(5000);
    return true;
}

} // namespace

class TestStreamSourcesNet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tcpListenManyProducers()
    {
        RecordingSink sink;
        auto source = make("tcp-listen://127.0.0.1:0", sink);
        QVERIFY(source);
        source->start();
        const quint16 port = source->localPort();
        QVERIFY(port != 0);
        QCOMPARE(sink.infos().size(), 1u);
        QCOMPARE(sink.infos()[0].policy, LanePolicy::DropNewest);

        constexpr int kProducers = 4;
        constexpr int kLines = 5000;
        std::vector<std::thread> producers;
        std::atomic<int> sent{0};
        for (int p = 0; p < kProducers; ++p) {
            producers.emplace_back([p, port, &sent] {
                std::string payload;
                for (int i = 0; i < kLines; ++i)
                    payload += producerLine(p, i) + "\n";
                if (sendOverTcp(port, payload, 100u + unsigned(p))) ++sent;
            });
        }
        for (auto &t : producers)
            t.join();
        QCOMPARE(sent.load(), kProducers);
        QTRY_COMPARE_WITH_TIMEOUT(sink.lineCount(), std::size_t(kProducers * kLines), 20000);

        // Every line intact, each producer's lines in order, numbered per connection.
        std::vector<int> next(kProducers, 0);
        for (const auto &l : sink.lines()) {
            const auto p = QString::fromStdString(l.text)
                               .section(QLatin1Char(':'), 1, 1)
                               .section(QLatin1Char(','), 0, 0)
                               .toInt();
            QVERIFY(p >= 0 && p < kProducers);
            QCOMPARE(l.text, producerLine(p, next[p]));
            QCOMPARE(l.line, std::uint64_t(next[p] + 1));
            ++next[p];
        }
        QCOMPARE(sink.errorCount(), 0u);
        QVERIFY(sink.violations().empty());
        QVERIFY(sink.batchCount() < std::size_t(kProducers * kLines) / 10); // batched, not per line
        QTRY_VERIFY(sink.hasState(source->sourceId(),
                                  "listening on 127.0.0.1:" + std::to_string(port) + " (0 connections)"));
        source->stop();
        source->stop(); // idempotent
        QCOMPARE(sink.ended(source->sourceId()), std::vector<std::string>{"stopped"});
        QVERIFY(!source->finished());
    }

    void tcpListenClosedMidLineNamesPeer()
    {
        RecordingSink sink;
        auto source = make("tcp-listen://127.0.0.1:0", sink);
        QVERIFY(source);
        source->start();
        quint16 clientPort = 0;
        QVERIFY(sendOverTcp(source->localPort(), "{\"a\":1}\n{\"b\":", 1, &clientPort));
        QTRY_COMPARE_WITH_TIMEOUT(sink.errorCount(), 1u, 5000);
        QCOMPARE(sink.texts(), std::vector<std::string>{"{\"a\":1}"});
        const auto e = sink.errors().front();
        QCOMPARE(e.message, "127.0.0.1:" + std::to_string(clientPort) + ": connection closed mid-line");
        QCOMPARE(e.line, 2u);
        QCOMPARE(e.offset, 8u);
        QCOMPARE(e.excerpt, std::string("{\"b\":"));
        QCOMPARE(e.sourceId, source->sourceId());
    }

    void tcpClientReconnectsAfterServerRestart()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        const quint16 port = server.serverPort();
        RecordingSink sink;
        StreamSourceOptions o;
        o.reconnectInitialMs = 100;
        o.reconnectMaxMs = 400;
        auto source = make("tcp://127.0.0.1:" + std::to_string(port), sink, o);
        QVERIFY(source);
        const auto id = source->sourceId();
        source->start();

        QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), 5000);
        QTcpSocket *conn = server.nextPendingConnection();
        QTRY_VERIFY(sink.hasState(id, "connected"));
        std::string payload;
        for (int i = 0; i < 100; ++i)
            payload += producerLine(0, i) + "\n";
        conn->write(payload.data(), qint64(payload.size()));
        QTRY_COMPARE_WITH_TIMEOUT(sink.lineCount(), 100u, 5000);

        // Server goes away: the source reports why and retries with growing delays.
        conn->write("{\"cut\":");
        conn->flush();
        conn->disconnectFromHost();
        server.close();
        QTRY_VERIFY_WITH_TIMEOUT(sink.hasState(id, "reconnecting in "), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(sink.errorCount(), 1u, 5000);
        QVERIFY(
            sink.errors()[0].message.ends_with(":" + std::to_string(port) + ": connection closed mid-line"));
        const auto refused = [&] {
            for (const auto &s : sink.states(id))
                if (s.ends_with(": connection refused")) return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(refused(), 5000);
        const QRegularExpression format(QStringLiteral("^reconnecting in \\d+\\.\\d s: .+$"));
        for (const auto &s : sink.states(id))
            if (s.starts_with("reconnecting"))
                QVERIFY2(format.match(QString::fromStdString(s)).hasMatch(), s.c_str());

        // Server back on the same port: the source reconnects and lines flow again.
        QVERIFY(server.listen(QHostAddress::LocalHost, port));
        QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), 5000);
        conn = server.nextPendingConnection();
        payload.clear();
        for (int i = 100; i < 150; ++i)
            payload += producerLine(0, i) + "\n";
        conn->write(payload.data(), qint64(payload.size()));
        QTRY_COMPARE_WITH_TIMEOUT(sink.lineCount(), 150u, 5000);
        const auto lines = sink.lines();
        QCOMPARE(lines[100].line, 1u); // a new connection numbers its lines from 1
        QCOMPARE(sink.states(id).back(), std::string("connected"));
        QCOMPARE(sink.infos()[0].policy, LanePolicy::DropNewest);
        source->stop();
        QCOMPARE(sink.ended(id), std::vector<std::string>{"stopped"});
    }

    void udpDatagramsAreLines()
    {
        RecordingSink sink;
        auto source = make("udp://127.0.0.1:0", sink);
        QVERIFY(source);
        source->start();
        const quint16 port = source->localPort();
        QVERIFY(port != 0);
        QUdpSocket sender;
        std::vector<std::string> expected;
        std::size_t sent = 0;
        // Bursts of 50, each awaited: a modest rate, so loopback loses nothing.
        for (int burst = 0; burst < 20; ++burst) {
            for (int i = 0; i < 50; ++i) {
                const int n = burst * 50 + i;
                std::string d;
                switch (n % 4) {
                case 0:
                    d = producerLine(1, n);
                    expected.push_back(d);
                    break; // no '\n'
                case 1:
                    d = producerLine(1, n) + "\n";
                    expected.push_back(producerLine(1, n));
                    break;
                case 2:
                    d = "{\"x\":1}\n{\"y\":2}";
                    expected.push_back("{\"x\":1}");
                    expected.push_back("{\"y\":2}");
                    break;
                case 3:
                    d = "\n";
                    break; // empty: nothing
                }
                QCOMPARE(sender.writeDatagram(d.data(), qint64(d.size()), QHostAddress::LocalHost, port),
                         qint64(d.size()));
                ++sent;
            }
            QTRY_COMPARE_WITH_TIMEOUT(sink.lineCount(), expected.size(), 5000);
        }
        QCOMPARE(sink.texts(), expected);
        QCOMPARE(sink.errorCount(), 0u);
        QVERIFY(sink.violations().empty());
        QVERIFY(sink.hasState(source->sourceId(), "listening on 127.0.0.1:"));
    }

    void hostileInput()
    {
        RecordingSink sink;
        auto source = make("tcp-listen://127.0.0.1:0", sink);
        QVERIFY(source);
        source->start();

        std::string payload;
        std::vector<std::string> expected;
        std::mt19937 rng(7);
        for (int i = 0; i < 300; ++i) {
            std::string line;
            const int len = 1 + int(rng() % 400);
            for (int k = 0; k < len; ++k) {
                char c = char(rng() & 0xff);
                if (c == '\n') c = '\0'; // NULs and every other byte value, but no newline
                line.push_back(c);
            }
            payload += line + "\n";
            if (line != "\r") expected.push_back(line);
            if (i == 100) {
                payload += std::string(2u << 20, 'L') + "\n";  // 2 MiB: skipped, reported
                payload += "\xc3\x28\xa0\xa1 invalid utf-8\n"; // framed as-is
                expected.push_back("\xc3\x28\xa0\xa1 invalid utf-8");
                payload += "\n\n"; // empty: skipped silently
            }
        }
        payload += "{\"unterminated\":"; // closed mid-line
        QVERIFY(sendOverTcp(source->localPort(), payload, 3));
        QTRY_COMPARE_WITH_TIMEOUT(sink.errorCount(), 2u, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(sink.lineCount(), expected.size(), 5000);
        QCOMPARE(sink.texts(), expected);
        const auto errors = sink.errors();
        QVERIFY(errors[0].message.ends_with(": line exceeds 1 MiB limit"));
        QCOMPARE(errors[0].line, 102u);
        QCOMPARE(errors[0].excerpt, std::string(120, 'L'));
        QVERIFY(errors[1].message.ends_with(": connection closed mid-line"));
        QCOMPARE(errors[1].excerpt, std::string("{\"unterminated\":"));
        QVERIFY(sink.violations().empty());
    }

    void bindFailureEndsSource()
    {
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        RecordingSink sink;
        auto source = make("tcp-listen://127.0.0.1:" + std::to_string(holder.serverPort()), sink);
        QVERIFY(source);
        source->start();
        QVERIFY(source->finished());
        QCOMPARE(source->localPort(), quint16(0));
        const auto ended = sink.ended(source->sourceId());
        QCOMPARE(ended.size(), 1u);
        QVERIFY2(ended[0].starts_with("cannot listen on 127.0.0.1:"), ended[0].c_str());
        source->stop();
        QCOMPARE(sink.ended(source->sourceId()).size(), 1u);
    }
};

QTEST_GUILESS_MAIN(TestStreamSourcesNet)
#include "tst_stream_sources_net.moc"

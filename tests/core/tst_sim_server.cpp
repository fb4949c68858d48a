// Tests of the served simulator on loopback: /metrics per node over HTTP (plain and
// gzip), the NDJSON event port, slow event clients, and bind errors.
#include "core/expo/expo_parser.h"
#include "core/sim/sim_cluster.h"
#include "core/sim/sim_exposition.h"
#include "core/sim/simulator.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <memory>
#include <set>

using namespace vigil;

namespace {

QByteArray gunzip(const QByteArray &gz)
{
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK)
        return {};
    QByteArray out;
    char buf[16384];
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(gz.data()));
    zs.avail_in = uInt(gz.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef *>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        out.append(buf, qsizetype(sizeof buf - zs.avail_out));
    }
    inflateEnd(&zs);
    return rc == Z_STREAM_END ? out : QByteArray();
}

// One raw HTTP/1.1 GET; returns head and body separately (Content-Length framed).
bool rawGet(quint16 port, const QByteArray &path, const QByteArray &extraHeaders, QByteArray &head,
            QByteArray &body)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(5000))
        return false;
    s.write(QByteArray("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extraHeaders + "\r\n"));
    QSignalSpy readable(&s, &QTcpSocket::readyRead);
    QByteArray buf;
    for (;;) {
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end >= 0) {
            head = buf.left(end);
            const qsizetype cl = head.toLower().indexOf("content-length:");
            if (cl < 0)
                return false;
            const qsizetype eol = head.indexOf('\r', cl);
            const qsizetype len = head.mid(cl + 15, eol < 0 ? -1 : eol - cl - 15).trimmed().toLongLong();
            if (buf.size() - end - 4 >= len) {
                body = buf.mid(end + 4, len);
                return true;
            }
        }
        // A spy's wait runs the event loop, so the simulator on this thread can answer
        // (QTcpSocket::waitForReadyRead would block it).
        if (s.bytesAvailable() == 0 && !readable.wait(5000))
            return false;
        buf += s.readAll();
    }
}

} // namespace

class TestSimServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void metricsOverHttp();
    void gzipWhenAccepted();
    void unknownPathAndMethod();
    void eventPortStreamsNdjson();
    void slowEventClientIsBounded();
    void bindFailureNamesPort();
};

void TestSimServer::metricsOverHttp()
{
    SimOptions o;
    o.nodes = 3;
    o.seed = 4;
    Simulator sim(o);
    const auto started = sim.start();
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    const std::vector<QUrl> urls = sim.metricsUrls();
    QCOMPARE(urls.size(), size_t(3));
    std::set<int> ports;
    for (const QUrl &u : urls) {
        QCOMPARE(u.scheme(), QStringLiteral("http"));
        QCOMPARE(u.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(u.path(), QStringLiteral("/metrics"));
        QVERIFY(u.port() > 0);
        ports.insert(u.port());
    }
    QCOMPARE(ports.size(), size_t(3));

    // Let the dynamics run a few ticks so counters are non-zero.
    QTRY_VERIFY_WITH_TIMEOUT(sim.cluster()->node(0).received > 0, 5000);

    QNetworkAccessManager nam;
    for (int i = 0; i < 3; ++i) {
        std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(urls[std::size_t(i)])));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(),
                 QString::fromLatin1(kSimExpositionContentType));
        const QByteArray body = reply->readAll();
        expo::ParseResult r;
        const std::string_view text(body.constData(), std::size_t(body.size()));
        const auto err = expo::parse(text, expo::Format::Prometheus, r);
        QVERIFY2(!err, err ? err->toString().c_str() : "");
        QVERIFY(r.families.size() >= 20);
        const std::string node = "node=\"node-" + std::to_string(i) + "\"";
        QVERIFY2(text.find(node) != std::string_view::npos, node.c_str());
        bool sawReceived = false;
        for (const expo::SampleView &s : r.samples) {
            if (s.name == "eventstream_events_received_total") {
                sawReceived = true;
                QVERIFY(s.value > 0);
            }
        }
        QVERIFY(sawReceived);
    }
    sim.stop();
    QVERIFY(!sim.isRunning());
}

void TestSimServer::gzipWhenAccepted()
{
    Simulator sim(SimOptions{});
    QVERIFY(sim.start().ok());
    const quint16 port = quint16(sim.metricsUrls().at(1).port());

    QByteArray head, body;
    QVERIFY(rawGet(port, "/metrics", "Accept-Encoding: gzip\r\n", head, body));
    QVERIFY2(head.startsWith("HTTP/1.1 200"), head.constData());
    QVERIFY(head.toLower().contains("content-encoding: gzip"));
    const QByteArray text = gunzip(body);
    QVERIFY(!text.isEmpty());
    QVERIFY(text.size() > body.size());
    QVERIFY(text.contains("# TYPE eventstream_latency_ns histogram"));
    QVERIFY(text.contains("node=\"node-1\""));

    QVERIFY(rawGet(port, "/metrics", QByteArray(), head, body));
    QVERIFY(!head.toLower().contains("content-encoding"));
    QVERIFY(body.startsWith("# HELP eventstream_queue_depth "));
}

void TestSimServer::unknownPathAndMethod()
{
    Simulator sim(SimOptions{});
    QVERIFY(sim.start().ok());
    const quint16 port = quint16(sim.metricsUrls().at(0).port());
    QByteArray head, body;
    QVERIFY(rawGet(port, "/nope", QByteArray(), head, body));
    QVERIFY2(head.startsWith("HTTP/1.1 404"), head.constData());

    QNetworkAccessManager nam;
    QNetworkRequest req(sim.metricsUrls().at(0));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
    std::unique_ptr<QNetworkReply> reply(nam.post(req, QByteArray("x")));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);
}

void TestSimServer::eventPortStreamsNdjson()
{
    SimOptions o;
    o.eventsPerSecond = 5000;
    Simulator sim(o);
    QVERIFY(sim.start().ok());
    QVERIFY(sim.eventPort() > 0);
    QCOMPARE(sim.eventUrl().scheme(), QStringLiteral("tcp"));
    QCOMPARE(sim.eventUrl().port(), int(sim.eventPort()));

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, sim.eventPort());
    QVERIFY(client.waitForConnected(5000));
    QByteArray buf;
    int lines = 0;
    std::set<std::string> nodes;
    std::int64_t lastTs = 0;
    const std::int64_t nowNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    QSignalSpy readable(&client, &QTcpSocket::readyRead);
    while (lines < 500) {
        QVERIFY(readable.wait(5000));
        buf += client.readAll();
        qsizetype nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
            const std::string line = buf.left(nl).toStdString();
            buf.remove(0, nl + 1);
            nlohmann::json j;
            try {
                j = nlohmann::json::parse(line);
            } catch (const std::exception &e) {
                QFAIL(e.what());
            }
            for (const char *field : {"id", "ts", "priority", "queue", "latency_ns", "node", "message"})
                QVERIFY2(j.contains(field), field);
            QVERIFY(j["id"].is_string());
            const auto ts = j["ts"].get<std::int64_t>();
            QVERIFY(ts > nowNs - 10'000'000'000 && ts < nowNs + 60'000'000'000);
            QVERIFY(ts >= lastTs);
            lastTs = ts;
            QVERIFY(j["latency_ns"].is_number_integer());
            nodes.insert(j["node"].get<std::string>());
            ++lines;
        }
    }
    QVERIFY(nodes == (std::set<std::string>{"node-0", "node-1", "node-2"}));
    QTRY_COMPARE(sim.eventStats().clients, 1);
    QVERIFY(sim.eventStats().linesSent >= quint64(lines));
    QCOMPARE(sim.eventStats().linesDropped, quint64(0));

    client.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(sim.eventStats().clients, 0, 5000);
}

void TestSimServer::slowEventClientIsBounded()
{
    SimOptions o;
    o.eventsPerSecond = 200000; // ~35 MB/s; the client below never reads
    Simulator sim(o);
    QVERIFY(sim.start().ok());

    QTcpSocket stalled;
    stalled.setReadBufferSize(1); // Qt stops draining the kernel buffer
    stalled.connectToHost(QHostAddress::LocalHost, sim.eventPort());
    QVERIFY(stalled.waitForConnected(5000));
    QTRY_VERIFY_WITH_TIMEOUT(sim.eventStats().linesDropped > 0, 30000);

    // The server side holds at most the backlog limit plus one tick of lines.
    QTcpSocket *serverSide = nullptr;
    for (QTcpSocket *s : sim.findChildren<QTcpSocket *>())
        if (s->peerPort() == stalled.localPort())
            serverSide = s;
    QVERIFY(serverSide);
    const qint64 bound = Simulator::kMaxClientBacklog + 8 * 1024 * 1024;
    QVERIFY(serverSide->bytesToWrite() < bound);
    const quint64 dropped = sim.eventStats().linesDropped;
    // Still dropping a few ticks later, and still bounded.
    QTRY_VERIFY_WITH_TIMEOUT(sim.eventStats().linesDropped > dropped + 2 * 20000, 10000);
    QVERIFY(serverSide->bytesToWrite() < bound);
    QCOMPARE(sim.eventStats().clients, 1);
}

void TestSimServer::bindFailureNamesPort()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    const quint16 taken = squatter.serverPort();

    SimOptions o;
    o.nodes = 2;
    o.basePort = taken;
    Simulator sim(o);
    const auto r = sim.start();
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.find(std::to_string(taken)) != std::string::npos, r.error().message.c_str());
    QVERIFY(r.error().message.find("node-0") != std::string::npos);
    QVERIFY(!sim.isRunning());
    QVERIFY(sim.metricsUrls().empty());

    SimOptions e;
    e.eventPort = taken;
    Simulator sim2(e);
    const auto r2 = sim2.start();
    QVERIFY(!r2.ok());
    QVERIFY2(r2.error().message.find(std::to_string(taken)) != std::string::npos, r2.error().message.c_str());
    QVERIFY(r2.error().message.find("event") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestSimServer)
#include "tst_sim_server.moc"

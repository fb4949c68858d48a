#include "core/stream/tcp_listen_source.h"

#include <QNetworkProxy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <unordered_map>
#include <vector>

namespace vigil {

struct TcpListenSource::Connection
{
    Connection(QTcpSocket *s, LineFramer f) : socket(s), framer(std::move(f)) {}
    QTcpSocket *socket; // owned by the server (QObject child), deleted with deleteLater
    LineFramer framer;
    QTimer flushTimer;
};

struct TcpListenSource::Worker
{
    explicit Worker(TcpListenSource &source)
        : src(source), buf(std::max<std::size_t>(source.m_options.readChunkBytes, 4096))
    {
    }

    bool begin()
    {
        const auto address = bindAddress(src.m_parsed.host);
        const std::string where = src.m_parsed.host + ":" + std::to_string(src.m_parsed.port);
        if (!address) {
            src.ended("cannot listen on " + where + ": not an IP address", true);
            return false;
        }
        server.setProxy(QNetworkProxy::NoProxy); // a listening socket never goes through a proxy
        if (!server.listen(*address, src.m_parsed.port)) {
            src.ended("cannot listen on " + where + ": " + lowerFirst(server.errorString().toStdString()),
                      true);
            return false;
        }
        src.m_localPort.store(server.serverPort(), std::memory_order_release);
        listening = "listening on " + src.m_parsed.host + ":" + std::to_string(server.serverPort());
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this] { accept(); });
        src.notifyState(listening);
        return true;
    }

    void end()
    {
        server.close();
        for (auto &[socket, conn] : connections) {
            QObject::disconnect(socket, nullptr, nullptr, nullptr);
            conn->flushTimer.stop();
            conn->framer.flush(); // partial lines are dropped silently: we are stopping
            socket->abort();
            delete socket;
        }
        connections.clear();
        src.ended("stopped", false);
    }

    void accept()
    {
        while (server.hasPendingConnections()) {
            QTcpSocket *socket = server.nextPendingConnection();
            if (!socket) break;
            if (connections.size() >= static_cast<std::size_t>(std::max(src.m_options.maxConnections, 1))) {
                socket->abort();
                socket->deleteLater();
                continue;
            }
            auto conn = std::make_unique<Connection>(socket, src.makeFramer());
            Connection *c = conn.get();
            c->framer.setContext(peerString(socket->peerAddress(), socket->peerPort()));
            c->flushTimer.setSingleShot(true);
            QObject::connect(&c->flushTimer, &QTimer::timeout, socket, [c] { c->framer.flush(); });
            socket->setReadBufferSize(static_cast<qint64>(buf.size()) * 4);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, c] { read(*c); });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, [this, c] { close(*c); });
            connections.emplace(socket, std::move(conn));
            reportCount();
            // It may have sent everything and gone before we got to it.
            if (socket->bytesAvailable() > 0) read(*c);
            if (socket->state() != QAbstractSocket::ConnectedState) close(*c);
        }
    }

    void read(Connection &c)
    {
        const std::int64_t now = nowNs();
        while (c.socket->bytesAvailable() > 0 && !src.stopRequested()) {
            const qint64 n = c.socket->read(buf.data(), static_cast<qint64>(buf.size()));
            if (n <= 0) break;
            c.framer.feed(std::string_view(buf.data(), static_cast<std::size_t>(n)), now);
        }
        if (c.framer.hasPendingBatch() && !c.flushTimer.isActive())
            c.flushTimer.start(src.m_options.flushIntervalMs);
    }

    void close(Connection &c)
    {
        QTcpSocket *socket = c.socket;
        read(c);
        c.flushTimer.stop();
        c.framer.flush();
        c.framer.dropPartialLine();
        QObject::disconnect(socket, nullptr, nullptr, nullptr);
        socket->deleteLater(); // we may be inside one of its signals
        connections.erase(socket);
        reportCount();
    }

    void reportCount()
    {
        const std::size_t n = connections.size();
        src.notifyState(listening + " (" + std::to_string(n) + (n == 1 ? " connection)" : " connections)"));
    }

    TcpListenSource &src;
    QTcpServer server;
    std::unordered_map<QTcpSocket *, std::unique_ptr<Connection>> connections;
    std::vector<char> buf;
    std::string listening;
};

TcpListenSource::TcpListenSource(std::string url, const StreamUrl &parsed, EventSink &sink, StreamSourceOptions options)
    : SocketSource(std::move(url), parsed, sink, options, QStringLiteral("vigil-stream-listen"), true)
{
}

TcpListenSource::~TcpListenSource()
{
    stop();
}

bool TcpListenSource::beginWorker()
{
    m_worker = std::make_unique<Worker>(*this);
    return m_worker->begin();
}

void TcpListenSource::endWorker()
{
    if (m_worker && !finished())
        m_worker->end();
    m_worker.reset();
}

} // namespace vigil

#include "core/stream/tcp_client_source.h"

#include "core/scrape/backoff.h"

#include <QNetworkProxy>
#include <QTcpSocket>
#include <QTimer>

#include <vector>

namespace vigil {

namespace {

std::string describe(const QAbstractSocket &socket)
{
    switch (socket.error()) {
    case QAbstractSocket::ConnectionRefusedError:
        return "connection refused";
    case QAbstractSocket::RemoteHostClosedError:
        return "connection closed by peer";
    case QAbstractSocket::HostNotFoundError:
        return "host not found";
    case QAbstractSocket::SocketTimeoutError:
        return "timed out";
    case QAbstractSocket::UnknownSocketError:
        return "connection closed";
    default:
        break;
    }
    return lowerFirst(socket.errorString().toStdString());
}

} // namespace

struct TcpClientSource::Worker
{
    explicit Worker(TcpClientSource &source)
        : src(source),
          backoff(BackoffPolicy{std::chrono::milliseconds(source.m_options.reconnectInitialMs),
                                std::chrono::milliseconds(source.m_options.reconnectMaxMs), 0.2}),
          framer(source.makeFramer()), buf(std::max<std::size_t>(source.m_options.readChunkBytes, 4096))
    {
    }

    void begin()
    {
        socket.setReadBufferSize(static_cast<qint64>(buf.size()) * 4);
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { readAvailable(); });
        QObject::connect(&socket, &QTcpSocket::connected, &socket, [this] { onConnected(); });
        QObject::connect(&socket, &QTcpSocket::stateChanged, &socket, [this](QAbstractSocket::SocketState s) {
            if (s == QAbstractSocket::UnconnectedState) onUnconnected();
        });
        reconnectTimer.setSingleShot(true);
        QObject::connect(&reconnectTimer, &QTimer::timeout, &socket, [this] { connectNow(); });
        connectTimer.setSingleShot(true);
        QObject::connect(&connectTimer, &QTimer::timeout, &socket, [this] {
            timedOut = true;
            socket.abort();
        });
        flushTimer.setSingleShot(true);
        QObject::connect(&flushTimer, &QTimer::timeout, &socket, [this] { framer.flush(); });
        connectNow();
    }

    void end()
    {
        closing = true;
        QObject::disconnect(&socket, nullptr, nullptr, nullptr);
        reconnectTimer.stop();
        connectTimer.stop();
        flushTimer.stop();
        framer.flush(); // a partial line is dropped silently: we are stopping
        socket.abort();
        src.ended("stopped", false);
    }

    void connectNow()
    {
        if (src.stopRequested()) return;
        timedOut = false;
        src.notifyState("connecting");
        // Event streams go straight to the producer: no system proxy (and no libproxy
        // lookup thread) for a raw TCP stream.
        socket.setProxy(QNetworkProxy::NoProxy);
        socket.connectToHost(QString::fromStdString(src.m_parsed.host), src.m_parsed.port);
        // It may have failed already (then onUnconnected armed the retry).
        if (socket.state() != QAbstractSocket::UnconnectedState)
            connectTimer.start(src.m_options.connectTimeoutMs);
    }

    void onConnected()
    {
        connectTimer.stop();
        backoff.reset();
        framer.restart();
        framer.setContext(peerString(socket.peerAddress(), socket.peerPort()));
        wasConnected = true;
        src.notifyState("connected");
    }

    void onUnconnected()
    {
        if (closing || reconnectTimer.isActive()) return;
        connectTimer.stop();
        // Close was seen; bytes still buffered belong to this connection.
        readAvailable();
        flushTimer.stop();
        framer.flush();
        if (wasConnected) framer.dropPartialLine();
        wasConnected = false;
        const std::string reason = timedOut ? "connect timed out" : describe(socket);
        const auto delay = backoff.failure();
        src.notifyState("reconnecting in " + formatSeconds(static_cast<double>(delay.count()) / 1000.0) +
                        ": " + reason);
        reconnectTimer.start(static_cast<int>(delay.count()));
    }

    void readAvailable()
    {
        const std::int64_t now = nowNs();
        while (socket.bytesAvailable() > 0 && !src.stopRequested()) {
            const qint64 n = socket.read(buf.data(), static_cast<qint64>(buf.size()));
            if (n <= 0) break;
            framer.feed(std::string_view(buf.data(), static_cast<std::size_t>(n)), now);
        }
        if (framer.hasPendingBatch() && !flushTimer.isActive())
            flushTimer.start(src.m_options.flushIntervalMs);
    }

    TcpClientSource &src;
    QTcpSocket socket;
    QTimer reconnectTimer;
    QTimer connectTimer;
    QTimer flushTimer;
    Backoff backoff;
    LineFramer framer;
    std::vector<char> buf;
    bool wasConnected = false;
    bool timedOut = false;
    bool closing = false;
};

TcpClientSource::TcpClientSource(std::string url, const StreamUrl &parsed, EventSink &sink, StreamSourceOptions options)
    : SocketSource(std::move(url), parsed, sink, options, QStringLiteral("vigil-stream-tcp"), false)
{
}

TcpClientSource::~TcpClientSource()
{
    stop();
}

bool TcpClientSource::beginWorker()
{
    m_worker = std::make_unique<Worker>(*this);
    m_worker->begin();
    return true;
}

void TcpClientSource::endWorker()
{
    if (m_worker)
        m_worker->end();
    m_worker.reset();
}

} // namespace vigil

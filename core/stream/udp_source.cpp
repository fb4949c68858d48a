#include "core/stream/udp_source.h"

#include <QNetworkProxy>
#include <QTimer>
#include <QUdpSocket>
#include <QVariant>

#include <vector>

namespace vigil {

namespace {
constexpr int kReceiveBufferBytes = 8 << 20; // the kernel caps it (net.core.rmem_max)
constexpr std::size_t kMaxDatagram = 65536;
} // namespace

struct UdpSource::Worker
{
    explicit Worker(UdpSource &source) : src(source), framer(source.makeFramer()), buf(kMaxDatagram) {}

    bool begin()
    {
        const auto address = bindAddress(src.m_parsed.host);
        const std::string where = src.m_parsed.host + ":" + std::to_string(src.m_parsed.port);
        if (!address) {
            src.ended("cannot bind " + where + ": not an IP address", true);
            return false;
        }
        socket.setProxy(QNetworkProxy::NoProxy); // datagrams are read locally, never proxied
        if (!socket.bind(*address, src.m_parsed.port)) {
            src.ended("cannot bind " + where + ": " + lowerFirst(socket.errorString().toStdString()), true);
            return false;
        }
        socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, QVariant(kReceiveBufferBytes));
        src.m_localPort.store(socket.localPort(), std::memory_order_release);
        flushTimer.setSingleShot(true);
        QObject::connect(&flushTimer, &QTimer::timeout, &socket, [this] { framer.flush(); });
        QObject::connect(&socket, &QUdpSocket::readyRead, &socket, [this] { read(); });
        src.notifyState("listening on " + src.m_parsed.host + ":" + std::to_string(socket.localPort()) +
                        " (udp)");
        return true;
    }

    void end()
    {
        QObject::disconnect(&socket, nullptr, nullptr, nullptr);
        flushTimer.stop();
        framer.flush();
        socket.close();
        src.ended("stopped", false);
    }

    void read()
    {
        while (socket.hasPendingDatagrams() && !src.stopRequested()) {
            const qint64 size = socket.pendingDatagramSize();
            if (size > static_cast<qint64>(buf.size())) buf.resize(static_cast<std::size_t>(size));
            QHostAddress from;
            quint16 port = 0;
            const qint64 n = socket.readDatagram(buf.data(), static_cast<qint64>(buf.size()), &from, &port);
            if (n < 0) break;
            const auto bytes = std::string_view(buf.data(), static_cast<std::size_t>(n));
            // Only an oversized datagram can hold a too-long line: name the sender then,
            // and spare every other datagram the string building.
            const bool named = bytes.size() > src.m_options.maxLineBytes;
            if (named) framer.setContext(peerString(from, port));
            const std::int64_t now = nowNs();
            framer.feed(bytes, now);
            framer.completePartialLine(now);
            if (named) framer.setContext({});
        }
        if (framer.hasPendingBatch() && !flushTimer.isActive())
            flushTimer.start(src.m_options.flushIntervalMs);
    }

    UdpSource &src;
    QUdpSocket socket;
    QTimer flushTimer;
    LineFramer framer;
    std::vector<char> buf;
};

UdpSource::UdpSource(std::string url, const StreamUrl &parsed, EventSink &sink, StreamSourceOptions options)
    : SocketSource(std::move(url), parsed, sink, options, QStringLiteral("vigil-stream-udp"), true)
{
}

UdpSource::~UdpSource()
{
    stop();
}

bool UdpSource::beginWorker()
{
    m_worker = std::make_unique<Worker>(*this);
    return m_worker->begin();
}

void UdpSource::endWorker()
{
    if (m_worker && !finished())
        m_worker->end();
    m_worker.reset();
}

} // namespace vigil

#include "core/sim/simulator.h"

#include "core/net/http_server.h"
#include "core/sim/sim_cluster.h"
#include "core/sim/sim_events.h"
#include "core/sim/sim_exposition.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace vigil {

namespace {

constexpr int kTickMs = 100;
constexpr double kMaxTickSeconds = 1.0; // a stalled thread does not jump the model ahead

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

QString describe(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
    return host + QLatin1Char(':') + QString::number(port);
}

} // namespace

struct Simulator::Impl
{
    struct Client
    {
        QPointer<QTcpSocket> socket;
        quint64 sent = 0;
        quint64 dropped = 0;
    };

    SimOptions options;
    std::unique_ptr<SimCluster> cluster;
    std::unique_ptr<SimEventGenerator> events;
    std::vector<HttpServer *> http;
    QTcpServer *eventServer = nullptr;
    QTimer *timer = nullptr;
    std::vector<Client> clients;
    QElapsedTimer clock;
    qint64 lastTickNs = 0;
    std::int64_t lastWallNs = 0;
    double eventCarry = 0;
    quint64 droppedByGone = 0; // lines dropped for clients that have since left
    quint64 sentByGone = 0;
    std::string lineBuffer;

    QHostAddress urlHost() const
    {
        if (options.bind == QHostAddress::Any || options.bind == QHostAddress::AnyIPv4)
            return QHostAddress(QHostAddress::LocalHost);
        if (options.bind == QHostAddress::AnyIPv6)
            return QHostAddress(QHostAddress::LocalHostIPv6);
        return options.bind;
    }
};

Simulator::Simulator(SimOptions options, QObject *parent) : QObject(parent), d(std::make_unique<Impl>())
{
    d->options = std::move(options);
    d->options.nodes = std::clamp(d->options.nodes, 1, 64);
}

Simulator::~Simulator()
{
    stop();
}

bool Simulator::isRunning() const
{
    return d->timer != nullptr;
}

Result<void> Simulator::start()
{
    if (isRunning())
        return Error{"simulator already running"};
    const SimOptions &o = d->options;
    d->cluster = std::make_unique<SimCluster>(o.nodes, o.seed);
    d->events = std::make_unique<SimEventGenerator>(o.nodes, o.seed, std::uint64_t(nowNs()) / 1000);

    for (int i = 0; i < o.nodes; ++i) {
        const int port = o.basePort == 0 ? 0 : int(o.basePort) + i;
        if (port > 65535) {
            stop();
            return Error{"port " + std::to_string(port) + " for node-" + std::to_string(i) + " is out of range"};
        }
        auto *server = new HttpServer(this);
        d->http.push_back(server);
        server->setHandler([this, i](const HttpRequest &req, std::shared_ptr<HttpExchange> ex) {
            if (req.method != "GET") {
                ex->respond(405, "text/plain", "only GET\n", {{"Allow", "GET"}});
                return;
            }
            if (req.path == "/") {
                ex->respond(200, "text/plain",
                            "EventStreamCore simulator, node-" + QByteArray::number(i) + ": see /metrics\n");
                return;
            }
            if (req.path != "/metrics" || !d->cluster) {
                ex->respond(404, "text/plain", "not found\n");
                return;
            }
            const std::string text = renderNodeExposition(*d->cluster, i);
            const QByteArrayView body(text.data(), qsizetype(text.size()));
            const QByteArray accept = req.header("accept-encoding").toLower();
            if (accept.contains("gzip")) {
                const QByteArray gz = gzipCompress(body);
                if (!gz.isEmpty()) {
                    ex->respond(200, kSimExpositionContentType, gz, {{"Content-Encoding", "gzip"}});
                    return;
                }
            }
            ex->respond(200, kSimExpositionContentType, body.toByteArray());
        });
        if (!server->listen(o.bind, quint16(port))) {
            const std::string why = QString(QStringLiteral("cannot listen on ") + describe(o.bind, quint16(port))
                                     + QStringLiteral(" (node-") + QString::number(i)
                                     + QStringLiteral(" /metrics): ") + server->errorString())
                                        .toStdString();
            stop();
            return Error{why};
        }
    }

    d->eventServer = new QTcpServer(this);
    if (!d->eventServer->listen(o.bind, o.eventPort)) {
        const std::string why = QString(QStringLiteral("cannot listen on ") + describe(o.bind, o.eventPort)
                                 + QStringLiteral(" (NDJSON events): ") + d->eventServer->errorString())
                                    .toStdString();
        stop();
        return Error{why};
    }
    connect(d->eventServer, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = d->eventServer->nextPendingConnection()) {
            socket->setParent(this);
            // Whatever a client sends is ignored, but read so it cannot pile up.
            connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            d->clients.push_back({socket, 0, 0});
        }
    });

    d->timer = new QTimer(this);
    d->timer->setTimerType(Qt::PreciseTimer);
    connect(d->timer, &QTimer::timeout, this, [this] {
        const qint64 t = d->clock.nsecsElapsed();
        const double dt = std::min(kMaxTickSeconds, double(t - d->lastTickNs) * 1e-9);
        d->lastTickNs = t;
        d->cluster->step(dt);

        // Forget clients that went away, keeping their totals.
        std::erase_if(d->clients, [this](const Impl::Client &c) {
            if (c.socket && c.socket->state() == QAbstractSocket::ConnectedState)
                return false;
            d->sentByGone += c.sent;
            d->droppedByGone += c.dropped;
            return true;
        });

        const std::int64_t wall = nowNs();
        const double want = d->options.eventsPerSecond * d->cluster->load() * dt + d->eventCarry;
        const auto count = std::size_t(std::max(0.0, std::floor(want)));
        d->eventCarry = want - double(count);
        if (d->clients.empty() || count == 0) {
            d->lastWallNs = wall;
            return;
        }
        d->lineBuffer.clear();
        d->events->generate(count, std::max(d->lastWallNs, wall - std::int64_t(dt * 1e9)), wall,
                            d->cluster->load(), d->lineBuffer);
        d->lastWallNs = wall;
        const QByteArray chunk = QByteArray::fromRawData(d->lineBuffer.data(), qsizetype(d->lineBuffer.size()));
        for (Impl::Client &c : d->clients) {
            // A slow reader loses lines instead of making our memory grow.
            if (c.socket->bytesToWrite() > kMaxClientBacklog) {
                c.dropped += count;
                continue;
            }
            c.socket->write(chunk.constData(), chunk.size());
            c.sent += count;
        }
    });
    d->clock.start();
    d->lastTickNs = 0;
    d->lastWallNs = nowNs();
    d->timer->start(kTickMs);
    return {};
}

void Simulator::stop()
{
    if (d->timer) {
        d->timer->stop();
        delete d->timer;
        d->timer = nullptr;
    }
    for (Impl::Client &c : d->clients) {
        d->sentByGone += c.sent;
        d->droppedByGone += c.dropped;
        if (c.socket) {
            c.socket->abort();
            delete c.socket.data();
        }
    }
    d->clients.clear();
    if (d->eventServer) {
        d->eventServer->close();
        delete d->eventServer;
        d->eventServer = nullptr;
    }
    for (HttpServer *s : d->http) {
        s->close();
        delete s;
    }
    d->http.clear();
}

std::vector<QUrl> Simulator::metricsUrls() const
{
    std::vector<QUrl> urls;
    for (const HttpServer *s : d->http) {
        QUrl url;
        url.setScheme(QStringLiteral("http"));
        url.setHost(d->urlHost().toString());
        url.setPort(s->port());
        url.setPath(QStringLiteral("/metrics"));
        urls.push_back(url);
    }
    return urls;
}

quint16 Simulator::eventPort() const
{
    return d->eventServer ? d->eventServer->serverPort() : 0;
}

QUrl Simulator::eventUrl() const
{
    QUrl url;
    if (!d->eventServer)
        return url;
    url.setScheme(QStringLiteral("tcp"));
    url.setHost(d->urlHost().toString());
    url.setPort(eventPort());
    return url;
}

const SimCluster *Simulator::cluster() const
{
    return d->cluster.get();
}

SimCluster *Simulator::cluster()
{
    return d->cluster.get();
}

Simulator::EventStats Simulator::eventStats() const
{
    EventStats s;
    s.linesSent = d->sentByGone;
    s.linesDropped = d->droppedByGone;
    for (const Impl::Client &c : d->clients) {
        if (c.socket && c.socket->state() == QAbstractSocket::ConnectedState)
            ++s.clients;
        s.linesSent += c.sent;
        s.linesDropped += c.dropped;
    }
    return s;
}

} // namespace vigil

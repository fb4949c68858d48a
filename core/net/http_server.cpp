#include "core/net/http_server.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace vigil {

namespace {
constexpr qsizetype kMaxRequestHead = 64 * 1024;
constexpr qsizetype kMaxRequestBody = 4 * 1024 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

// Parses one complete request from the front of `buf`; returns bytes consumed, 0 if
// incomplete, -1 if malformed.
qsizetype parseRequest(const QByteArray &buf, HttpRequest &req)
{
    const qsizetype headEnd = buf.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return buf.size() > kMaxRequestHead ? -1 : 0;
    const QList<QByteArray> lines = buf.left(headEnd).split('\n');
    if (lines.isEmpty())
        return -1;
    const QList<QByteArray> first = lines.front().trimmed().split(' ');
    if (first.size() < 2)
        return -1;
    req = {};
    req.method = first[0];
    req.target = first[1];
    const qsizetype q = req.target.indexOf('?');
    req.path = q < 0 ? req.target : req.target.left(q);
    qsizetype contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        QByteArray name = line.left(colon).trimmed().toLower();
        QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            contentLength = value.toLongLong(&ok);
            if (!ok || contentLength < 0 || contentLength > kMaxRequestBody)
                return -1;
        }
        req.headers.append({std::move(name), std::move(value)});
    }
    const qsizetype total = headEnd + 4 + contentLength;
    if (buf.size() < total)
        return 0;
    req.body = buf.mid(headEnd + 4, contentLength);
    return total;
}
} // namespace

QByteArray HttpRequest::header(const QByteArray &lowerName) const
{
    for (const auto &h : headers)
        if (h.first == lowerName)
            return h.second;
    return {};
}

HttpExchange::HttpExchange(QTcpSocket *socket) : m_socket(socket) {}

bool HttpExchange::alive() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpExchange::respond(int status, const QByteArray &contentType, const QByteArray &body,
                           const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    if (m_answered || !alive())
        return;
    m_answered = true;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &h : extraHeaders)
        head += h.first + ": " + h.second + "\r\n";
    head += "\r\n";
    m_socket->write(head);
    m_socket->write(body);
}

void HttpExchange::writeRaw(const QByteArray &bytes)
{
    if (!alive())
        return;
    m_answered = true;
    m_socket->write(bytes);
}

void HttpExchange::close()
{
    if (m_socket)
        m_socket->disconnectFromHost();
}

HttpServer::HttpServer(QObject *parent) : QObject(parent), m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
}

HttpServer::~HttpServer() = default;

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port);
}

quint16 HttpServer::port() const { return m_server->serverPort(); }
QString HttpServer::errorString() const { return m_server->errorString(); }
void HttpServer::close() { m_server->close(); }

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void HttpServer::onReadyRead(QTcpSocket *socket)
{
    // Pending bytes of a partial request are kept on the socket as a dynamic property.
    QByteArray buf = socket->property("vigil_pending").toByteArray() + socket->readAll();
    for (;;) {
        HttpRequest req;
        const qsizetype used = parseRequest(buf, req);
        if (used < 0) {
            HttpExchange(socket).respond(400, "text/plain", "malformed request\n");
            socket->disconnectFromHost();
            return;
        }
        if (used == 0)
            break;
        buf.remove(0, used);
        auto exchange = std::make_shared<HttpExchange>(socket);
        if (m_handler)
            m_handler(req, exchange);
        else
            exchange->respond(404, "text/plain", "no handler\n");
    }
    socket->setProperty("vigil_pending", buf);
}

} // namespace vigil

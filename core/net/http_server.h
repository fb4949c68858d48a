// HttpServer: a small HTTP/1.1 server on QTcpServer for the simulator and for tests
// (loopback only by default). Lives on the thread that owns it; the handler runs
// there too and may answer later through the HttpExchange it is given (slow targets).
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>

#include <functional>
#include <memory>

class QTcpServer;
class QTcpSocket;

namespace vigil {

struct HttpRequest
{
    QByteArray method;
    QByteArray target;   // path and query as sent
    QByteArray path;     // without query
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    QByteArray header(const QByteArray &lowerName) const;
};

// One request awaiting its answer. Safe to keep and complete later on the server's
// thread; does nothing if the client has gone.
class HttpExchange
{
public:
    explicit HttpExchange(QTcpSocket *socket);
    bool alive() const;
    void respond(int status, const QByteArray &contentType, const QByteArray &body,
                 const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});
    // Writes bytes as they are (status line included) and keeps the connection open.
    void writeRaw(const QByteArray &bytes);
    void close();
    bool answered() const { return m_answered; }

private:
    QPointer<QTcpSocket> m_socket;
    bool m_answered = false;
};

class HttpServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(const HttpRequest &, std::shared_ptr<HttpExchange>)>;

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    // port 0 picks a free port. Returns false with errorString() on failure.
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const;
    QString errorString() const;
    void close();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);

    QTcpServer *m_server;
    Handler m_handler;
};

} // namespace vigil

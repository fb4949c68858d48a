#include "core/scrape/http_fetch.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#if QT_CONFIG(ssl)
#include <QSslError>
#endif

#include <charconv>

namespace vigil {

namespace {
// How much is taken off the reply per read, and how much QNAM may buffer for us.
constexpr qint64 kReadChunk = 256 * 1024;
constexpr qint64 kReplyBuffer = 1024 * 1024;

std::string describeNetworkError(QNetworkReply *reply)
{
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError: return "connection refused";
    case QNetworkReply::RemoteHostClosedError: return "connection closed by server";
    case QNetworkReply::HostNotFoundError:
        return "host not found: " + reply->url().host().toStdString();
    case QNetworkReply::TimeoutError: return "connection timed out";
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError: return "network unavailable";
    case QNetworkReply::SslHandshakeFailedError:
        return "TLS handshake failed: " + reply->errorString().toStdString();
    case QNetworkReply::TooManyRedirectsError: return "too many redirects";
    case QNetworkReply::InsecureRedirectError: return "redirect to an insecure URL refused";
    case QNetworkReply::ProtocolUnknownError:
        return "unsupported URL scheme: " + reply->url().scheme().toStdString();
    default:
        // The request URL never carries user-info, so errorString() cannot leak it.
        return reply->errorString().toStdString();
    }
}
} // namespace

HttpFetch::HttpFetch(QNetworkAccessManager *nam, const ScrapeTargetConfig &target, Done done,
                     QObject *parent)
    : QObject(parent), m_nam(nam), m_target(target), m_done(std::move(done))
{
    m_target.moveUserInfoToAuth();
}

HttpFetch::~HttpFetch() { release(); }

const char *HttpFetch::acceptHeader()
{
    return "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1";
}

std::string HttpFetch::secondsText(std::chrono::milliseconds d)
{
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<double>(d.count()) / 1000.0);
    return std::string(buf, r.ptr);
}

void HttpFetch::start()
{
    const QUrl url(QString::fromStdString(m_target.url));
    std::string invalid;
    if (!url.isValid() || url.host().isEmpty())
        invalid = "invalid URL";
    else if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        // QNAM would also read file:// and qrc: a target is a network endpoint only.
        invalid = "unsupported URL scheme: " + url.scheme().toStdString();
    if (!invalid.empty()) {
        // Deferred so the callback never runs inside start().
        QTimer::singleShot(0, this, [this, invalid] { fail(invalid); });
        return;
    }
    QNetworkRequest req(url);
    req.setRawHeader("Accept", acceptHeader());
    // Set by hand so QNAM leaves the body compressed: we inflate it under our limit.
    req.setRawHeader("Accept-Encoding", "gzip");
    req.setRawHeader("User-Agent", "Vigil/0.1");
    req.setRawHeader("X-Prometheus-Scrape-Timeout-Seconds",
                     QByteArray::fromStdString(secondsText(m_target.timeout)));
    switch (m_target.auth.kind) {
    case ScrapeAuth::Kind::Basic:
        req.setRawHeader("Authorization",
                         "Basic "
                             + QByteArray::fromStdString(m_target.auth.username + ':' + m_target.auth.password)
                                   .toBase64());
        break;
    case ScrapeAuth::Kind::Bearer:
        req.setRawHeader("Authorization", "Bearer " + QByteArray::fromStdString(m_target.auth.bearerToken));
        break;
    case ScrapeAuth::Kind::None: break;
    }
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);

    m_reply = m_nam->get(req);
    m_reply->setReadBufferSize(kReplyBuffer);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HttpFetch::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpFetch::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HttpFetch::onFinished);
#if QT_CONFIG(ssl)
    if (!m_target.verifyTls) {
        // Only this reply ignores certificate errors; other targets keep verifying.
        connect(m_reply, &QNetworkReply::sslErrors, this,
                [this](const QList<QSslError> &) { m_reply->ignoreSslErrors(); });
    }
#endif
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this,
            [this] { fail("timeout after " + secondsText(m_target.timeout) + " s"); });
    m_timer->start(m_target.timeout);
}

void HttpFetch::abort()
{
    m_finished = true;
    release();
}

void HttpFetch::release()
{
    if (m_timer)
        m_timer->stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        // We may be inside one of the reply's own signals: aborting there confuses
        // QNAM (it reports the error twice). Nothing reads the reply any more, and
        // its read buffer is capped, so abort it from the event loop.
        QTimer::singleShot(0, reply, [reply] {
            reply->abort();
            reply->deleteLater();
        });
    }
}

bool HttpFetch::checkStatus()
{
    if (!m_reply)
        return false;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return true; // nothing known yet
    m_status = status.toInt();
    if (m_status >= 300 && m_status < 400)
        return true; // a redirect QNAM is following
    if (m_status != 200) {
        const QByteArray reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        std::string msg = "HTTP " + std::to_string(m_status);
        if (!reason.isEmpty())
            msg += ' ' + reason.toStdString();
        fail(std::move(msg));
        return false;
    }
    return true;
}

void HttpFetch::onMetaData()
{
    if (m_finished || !checkStatus() || m_status != 200)
        return;
    const std::uint64_t limit = m_target.limits.maxBodyBytes;
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toULongLong() > limit) {
        fail("body exceeds " + formatByteLimit(limit) + " limit");
        return;
    }
    BodyDecoder::Encoding encoding;
    const QByteArray ce = m_reply->rawHeader("Content-Encoding");
    if (!BodyDecoder::encodingFromHeader(std::string_view(ce.constData(), std::size_t(ce.size())), encoding)) {
        fail("unsupported Content-Encoding: " + ce.toStdString());
        return;
    }
    m_contentType = m_reply->rawHeader("Content-Type").toStdString();
    m_decoder = std::make_unique<BodyDecoder>(encoding, limit);
    if (encoding == BodyDecoder::Encoding::Identity && length.isValid())
        m_decoder->reserve(length.toULongLong());
}

bool HttpFetch::readAvailable()
{
    if (!m_decoder) {
        onMetaData();
        if (m_finished)
            return false;
        if (!m_decoder) {
            fail("response without HTTP status");
            return false;
        }
    }
    const std::uint64_t limit = m_target.limits.maxBodyBytes;
    while (m_reply && m_reply->bytesAvailable() > 0) {
        const QByteArray chunk = m_reply->read(kReadChunk);
        if (chunk.isEmpty())
            break;
        // The compressed size is capped too: a body may not be big even before inflating.
        if (m_decoder->rawBytes() + std::uint64_t(chunk.size()) > limit) {
            fail("body exceeds " + formatByteLimit(limit) + " limit");
            return false;
        }
        if (m_decoder->feed(std::string_view(chunk.constData(), std::size_t(chunk.size())))
            != BodyDecoder::Status::Ok) {
            fail(m_decoder->error());
            return false;
        }
    }
    return true;
}

void HttpFetch::onReadyRead()
{
    if (m_finished || !checkStatus())
        return;
    readAvailable();
}

void HttpFetch::onFinished()
{
    if (m_finished || !m_reply)
        return;
    if (m_reply->error() != QNetworkReply::NoError) {
        // An HTTP error status says more than Qt's generic message.
        if (m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid() && !checkStatus())
            return;
        fail(describeNetworkError(m_reply));
        return;
    }
    if (!checkStatus() || !readAvailable())
        return;
    if (m_decoder->finish() != BodyDecoder::Status::Ok) {
        fail(m_decoder->error());
        return;
    }
    succeed();
}

void HttpFetch::fail(std::string reason)
{
    if (m_finished)
        return;
    m_finished = true;
    FetchResult r;
    r.error = std::move(reason);
    r.httpStatus = m_status;
    r.rawBytes = m_decoder ? m_decoder->rawBytes() : 0;
    // Stop reading at once: a bomb or a huge body is not read past this point.
    release();
    m_decoder.reset();
    if (m_done)
        m_done(std::move(r));
}

void HttpFetch::succeed()
{
    m_finished = true;
    FetchResult r;
    r.ok = true;
    r.httpStatus = m_status;
    r.contentType = m_contentType;
    r.rawBytes = m_decoder->rawBytes();
    r.body = std::make_shared<std::string>(std::move(m_decoder->output()));
    release();
    m_decoder.reset();
    if (m_done)
        m_done(std::move(r));
}

} // namespace vigil

// HttpFetch: one HTTP GET of a scrape target, the way Prometheus asks for it
// (Accept, Accept-Encoding: gzip, User-Agent, X-Prometheus-Scrape-Timeout-Seconds,
// credentials). Enforces the timeout and the body limit while reading, inflates gzip
// itself by streaming, and ends with exactly one call of the done callback.
//
// Threads: create, start and abort on the thread of the QNetworkAccessManager; the
// callback runs there. The callback may deleteLater() the fetch, not delete it.
#pragma once

#include "core/scrape/body_decoder.h"
#include "core/scrape/scrape_target.h"

#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace vigil {

struct FetchResult
{
    bool ok = false;
    std::string error;                  // why it failed; never holds credentials
    std::shared_ptr<std::string> body;  // decoded, when ok
    std::string contentType;
    int httpStatus = 0;
    std::uint64_t rawBytes = 0;         // as received (compressed)
};

class HttpFetch : public QObject
{
public:
    using Done = std::function<void(FetchResult &&)>;

    HttpFetch(QNetworkAccessManager *nam, const ScrapeTargetConfig &target, Done done,
              QObject *parent = nullptr);
    ~HttpFetch() override;

    void start();
    // Cancels the request without calling the callback.
    void abort();

    // Shortest decimal form of a duration in seconds: "4", "0.25".
    static std::string secondsText(std::chrono::milliseconds d);
    // The Accept header value Prometheus sends.
    static const char *acceptHeader();

private:
    void onMetaData();
    void onReadyRead();
    void onFinished();
    bool checkStatus();
    bool readAvailable();
    void fail(std::string reason);
    void succeed();
    void release();

    QNetworkAccessManager *m_nam;
    ScrapeTargetConfig m_target;
    Done m_done;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_timer = nullptr;
    std::unique_ptr<BodyDecoder> m_decoder;
    std::string m_contentType;
    int m_status = 0;
    bool m_finished = false;
};

} // namespace vigil

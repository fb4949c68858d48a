#include "core/cluster/cluster_status_poller.h"

#include "core/cluster/cluster_text.h"
#include "core/cluster/etcd_status.h"
#include "core/cluster/store_cluster_observer.h"
#include "core/scrape/scrape_target.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QUrl>


namespace vigil {

namespace {

constexpr qint64 kMaxAnswerBytes = 1 << 20;

} // namespace

struct ClusterStatusPoller::Round
{
    std::vector<NodeObservation> observations;
    std::vector<std::string> targets;
    std::vector<Result<EtcdStatus>> status;
    std::vector<EtcdStatusReply> reply; // per target: did its status request get any HTTP answer
    std::vector<EtcdMember> members;
    bool haveMembers = false;
    int pending = 0;
    Done done;
    std::vector<QPointer<QNetworkReply>> replies;
};

ClusterStatusPoller::ClusterStatusPoller(ClusterProfile profile, QObject *parent)
    : QObject(parent), m_profile(std::move(profile)), m_nam(new QNetworkAccessManager(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ClusterStatusPoller::~ClusterStatusPoller()
{
    cancel();
}

bool ClusterStatusPoller::busy() const
{
    return m_round != nullptr;
}

void ClusterStatusPoller::cancel()
{
    if (!m_round)
        return;
    std::unique_ptr<Round> round = std::move(m_round);
    for (const QPointer<QNetworkReply> &r : round->replies)
        if (r) {
            r->disconnect(this);
            r->abort();
            r->deleteLater();
        }
}

bool ClusterStatusPoller::poll(std::vector<NodeObservation> observations, std::vector<std::string> targets, Done done)
{
    if (m_round)
        return false;
    if (!m_profile.hasStatusApi() || targets.empty()) {
        done(std::move(observations));
        return true;
    }
    m_round = std::make_unique<Round>();
    m_round->observations = std::move(observations);
    m_round->targets = std::move(targets);
    m_round->status.assign(m_round->targets.size(), Result<EtcdStatus>(Error{"no status answer"}));
    m_round->reply.assign(m_round->targets.size(), EtcdStatusReply::Answered);
    m_round->done = std::move(done);
    for (std::size_t i = 0; i < m_round->targets.size(); ++i) {
        request(m_round->targets[i], m_profile.statusPath, int(i), false);
        if (!m_profile.membersPath.empty())
            request(m_round->targets[i], m_profile.membersPath, int(i), true);
    }
    return true;
}

void ClusterStatusPoller::request(const std::string &target, const std::string &path, int slot, bool members)
{
    ScrapeTargetConfig config; // for its credential handling only
    config.url = target;
    config.moveUserInfoToAuth();
    QUrl url(QString::fromStdString(config.url));
    url.setPath(QString::fromStdString(path));
    url.setQuery(QString());
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setRawHeader("User-Agent", "Vigil/0.1");
    req.setTransferTimeout(int(m_profile.statusTimeout.count()));
    if (config.auth.kind == ScrapeAuth::Kind::Basic)
        req.setRawHeader("Authorization",
                         "Basic " + QByteArray::fromStdString(config.auth.username + ':' + config.auth.password)
                                        .toBase64());
    QNetworkReply *reply = m_nam->post(req, QByteArrayLiteral("{}"));
    ++m_round->pending;
    m_round->replies.push_back(reply);
    auto fail = [this, slot, members](const std::string &why) {
        if (!members && m_round)
            m_round->status[std::size_t(slot)] = Result<EtcdStatus>(Error{why});
    };
    connect(reply, &QNetworkReply::downloadProgress, this, [reply](qint64 received, qint64) {
        if (received > kMaxAnswerBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, members, slot, fail] {
        reply->deleteLater();
        if (!m_round)
            return;
        --m_round->pending;
        const int http = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->read(kMaxAnswerBytes + 1);
        if (body.size() > kMaxAnswerBytes) {
            fail("status answer larger than 1 MiB");
        } else if (reply->error() != QNetworkReply::NoError && http == 0) {
            const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError ||
                                  reply->error() == QNetworkReply::TimeoutError;
            fail(timedOut ? "no status answer within " + std::to_string(m_profile.statusTimeout.count()) + " ms"
                          : plainText(reply->errorString().toStdString()));
            // Refused, reset or timed out: nothing answers on the client URL, which also
            // serves /metrics, so the metrics' view of this member is out of date.
            if (!members)
                m_round->reply[std::size_t(slot)] = EtcdStatusReply::NoAnswer;
        } else if (http != 200) {
            fail("status API answered HTTP " + std::to_string(http) + ": " + plainText(body.toStdString(), 200));
        } else if (members) {
            Result<std::vector<EtcdMember>> m = parseEtcdMembers(body.toStdString());
            if (m && !m_round->haveMembers) {
                m_round->members = std::move(*m);
                m_round->haveMembers = true;
            }
        } else {
            m_round->status[std::size_t(slot)] = parseEtcdStatus(body.toStdString());
        }
        finishIfDone();
    });
}

void ClusterStatusPoller::finishIfDone()
{
    if (!m_round || m_round->pending > 0)
        return;
    std::unique_ptr<Round> round = std::move(m_round);
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    for (std::size_t i = 0; i < round->targets.size(); ++i) {
        mergeEtcdStatus(round->observations[i], round->status[i], round->members,
                        StoreClusterObserver::instanceOf(m_profile, round->targets[i]), now, round->reply[i]);
    }
    Done done = std::move(round->done);
    done(std::move(round->observations));
}

} // namespace vigil

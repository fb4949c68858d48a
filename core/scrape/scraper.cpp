#include "core/scrape/scraper.h"

#include "core/expo/expo_parser.h"
#include "core/scrape/http_fetch.h"

#include <QEventLoop>
#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>

namespace vigil {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t wallNowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

double secondsSince(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

bool sameConfig(const ScrapeTargetConfig &a, const ScrapeTargetConfig &b)
{
    return a.url == b.url && a.job == b.job && a.interval == b.interval && a.timeout == b.timeout
           && a.auth.kind == b.auth.kind && a.auth.username == b.auth.username
           && a.auth.password == b.auth.password && a.auth.bearerToken == b.auth.bearerToken
           && a.verifyTls == b.verifyTls && a.limits.maxBodyBytes == b.limits.maxBodyBytes
           && a.limits.maxSamples == b.limits.maxSamples
           && a.limits.maxLabelsPerSeries == b.limits.maxLabelsPerSeries
           && a.limits.maxLabelValueBytes == b.limits.maxLabelValueBytes && a.format == b.format;
}

// Parses a fetched body as the target asks: its format override, else Content-Type,
// else sniffing (the parser sniffs when given Auto).
std::optional<expo::ParseError> parseBody(const std::string &body, const ScrapeTargetConfig &target,
                                          const std::string &contentType, expo::ParseResult &out)
{
    expo::Format format = target.format;
    if (format == expo::Format::Auto)
        format = expo::formatFromContentType(contentType);
    expo::ParseLimits limits;
    limits.maxSamples = target.limits.maxSamples;
    limits.maxLabelsPerSeries = target.limits.maxLabelsPerSeries;
    limits.maxLabelValueBytes = target.limits.maxLabelValueBytes;
    return expo::parse(body, format, out, limits);
}

ScrapeReport baseReport(const ScrapeTargetConfig &target, std::int64_t startMs)
{
    ScrapeReport r;
    r.targetUrl = target.redactedUrl();
    r.job = target.job;
    r.instance = target.instance();
    r.timestampMs = startMs;
    r.format = target.format == expo::Format::Auto ? expo::Format::Prometheus : target.format;
    return r;
}

Labels targetLabels(const ScrapeTargetConfig &target)
{
    // Sorted by name, as label sets are everywhere in the core.
    return Labels{{"instance", target.instance()}, {"job", target.job}};
}

// One target as the worker schedules it.
struct TargetState
{
    std::uint64_t id = 0;
    ScrapeTargetConfig config;
    QTimer *timer = nullptr;
    HttpFetch *fetch = nullptr;
    bool parsing = false;
    Backoff backoff;
    std::optional<bool> lastUp;
    Clock::time_point startSteady;
    std::int64_t startMs = 0;
};

// Lives on the scrape thread; every member function runs there.
class ScrapeWorker : public QObject
{
public:
    ScrapeWorker(BatchSink sink, QThreadPool *pool) : m_sink(std::move(sink)), m_pool(pool) {}

    void init()
    {
        m_nam = new QNetworkAccessManager(this);
        // QNAM reuses connections per host:port whatever the TLS settings of the request
        // that opened them: targets that skip verification get their own manager, so a
        // connection accepted without verification never carries a verifying target.
        m_insecureNam = new QNetworkAccessManager(this);
    }

    void shutdown()
    {
        m_stopped = true;
        for (auto &[url, t] : m_targets)
            dropTarget(*t);
        m_targets.clear();
        delete m_nam;
        m_nam = nullptr;
        delete m_insecureNam;
        m_insecureNam = nullptr;
    }

    void setBackoffPolicy(const BackoffPolicy &policy)
    {
        m_policy = policy;
        for (auto &[url, t] : m_targets)
            t->backoff.setPolicy(policy);
    }

    void setTargets(const std::vector<ScrapeTargetConfig> &targets)
    {
        std::map<std::string, const ScrapeTargetConfig *> wanted;
        for (const auto &t : targets)
            wanted[t.url] = &t;
        for (auto it = m_targets.begin(); it != m_targets.end();) {
            if (!wanted.count(it->first)) {
                dropTarget(*it->second);
                it = m_targets.erase(it);
            } else {
                ++it;
            }
        }
        for (const auto &[url, cfg] : wanted)
            addOrUpdate(*cfg);
    }

    void addOrUpdate(const ScrapeTargetConfig &config)
    {
        auto it = m_targets.find(config.url);
        if (it != m_targets.end()) {
            if (sameConfig(it->second->config, config))
                return; // unchanged: keeps its schedule
            dropTarget(*it->second);
            m_targets.erase(it);
        }
        auto t = std::make_unique<TargetState>();
        t->id = ++m_nextId;
        t->config = config;
        t->backoff.setPolicy(m_policy);
        t->timer = new QTimer(this);
        t->timer->setSingleShot(true);
        t->timer->setTimerType(Qt::PreciseTimer);
        const std::uint64_t id = t->id;
        connect(t->timer, &QTimer::timeout, this, [this, id] {
            if (TargetState *s = find(id))
                scrape(*s);
        });
        t->timer->start(0); // first scrape right away
        m_targets.emplace(config.url, std::move(t));
    }

    void remove(const std::string &url)
    {
        for (auto it = m_targets.begin(); it != m_targets.end(); ++it) {
            if (it->first == url || it->second->config.redactedUrl() == url) {
                dropTarget(*it->second);
                m_targets.erase(it);
                return;
            }
        }
    }

private:
    TargetState *find(std::uint64_t id)
    {
        for (auto &[url, t] : m_targets)
            if (t->id == id)
                return t.get();
        return nullptr;
    }

    void dropTarget(TargetState &t)
    {
        if (t.fetch) {
            t.fetch->abort();
            t.fetch->deleteLater();
            t.fetch = nullptr;
        }
        delete t.timer;
        t.timer = nullptr;
        // A parse still running on the pool finds no target with this id and is dropped.
    }

    void scrape(TargetState &t)
    {
        if (m_stopped || !m_nam || t.fetch || t.parsing)
            return;
        t.startSteady = Clock::now();
        t.startMs = wallNowMs();
        const std::uint64_t id = t.id;
        QNetworkAccessManager *nam = t.config.verifyTls ? m_nam : m_insecureNam;
        t.fetch = new HttpFetch(nam, t.config, [this, id](FetchResult &&r) { fetched(id, std::move(r)); }, this);
        t.fetch->start();
    }

    void fetched(std::uint64_t id, FetchResult &&r)
    {
        TargetState *t = find(id);
        if (!t)
            return;
        t->fetch->deleteLater();
        t->fetch = nullptr;
        if (!r.ok) {
            failed(*t, std::move(r.error));
            return;
        }
        // Parsing a big body takes a while: do it on the pool so this thread keeps
        // every other target's schedule.
        t->parsing = true;
        std::shared_ptr<const std::string> body = std::move(r.body);
        ScrapeTargetConfig config = t->config;
        std::string contentType = std::move(r.contentType);
        m_pool->start([this, id, body, config = std::move(config), contentType = std::move(contentType)] {
            auto parsed = std::make_shared<expo::ParseResult>();
            auto error = parseBody(*body, config, contentType, *parsed);
            QMetaObject::invokeMethod(
                this,
                [this, id, body, parsed, error = std::move(error)]() mutable {
                    parsedBody(id, body, std::move(parsed), std::move(error));
                },
                Qt::QueuedConnection);
        });
    }

    void parsedBody(std::uint64_t id, std::shared_ptr<const std::string> body,
                    std::shared_ptr<expo::ParseResult> parsed, std::optional<expo::ParseError> error)
    {
        TargetState *t = find(id);
        if (!t || m_stopped)
            return;
        t->parsing = false;
        if (error) {
            failed(*t, error->toString());
            return;
        }
        SampleBatch batch;
        ScrapeReport report = baseReport(t->config, t->startMs);
        report.up = true;
        report.durationSeconds = secondsSince(t->startSteady);
        report.samples = parsed->samples.size();
        report.bodyBytes = body->size();
        report.format = parsed->format;
        batch.body = std::move(body);
        batch.parsed = std::move(parsed);
        batch.targetLabels = targetLabels(t->config);
        batch.timestampMs = t->startMs;
        batch.scrape = std::move(report);
        t->backoff.reset();
        if (t->lastUp != true)
            spdlog::info("scrape target {} (job {}) is up", t->config.redactedUrl(), t->config.job);
        t->lastUp = true;
        // Back to the normal interval, phase kept from the scrape start.
        Clock::time_point next = t->startSteady + t->config.interval;
        const Clock::time_point now = Clock::now();
        if (next < now && t->config.interval.count() > 0) {
            const auto behind = now - next;
            next += ((behind / t->config.interval) + 1) * t->config.interval;
        }
        schedule(*t, next);
        deliver(std::move(batch));
    }

    void failed(TargetState &t, std::string reason)
    {
        t.parsing = false;
        const std::chrono::milliseconds delay = t.backoff.failure();
        ScrapeReport report = baseReport(t.config, t.startMs);
        report.up = false;
        report.error = std::move(reason);
        report.durationSeconds = secondsSince(t.startSteady);
        report.consecutiveFailures = t.backoff.consecutiveFailures();
        report.nextRetrySeconds = std::chrono::duration<double>(delay).count();
        if (t.lastUp != false)
            spdlog::info("scrape target {} (job {}) is down: {}", t.config.redactedUrl(), t.config.job,
                         report.error);
        else
            spdlog::debug("scrape target {} still down ({} failures): {}", t.config.redactedUrl(),
                          report.consecutiveFailures, report.error);
        t.lastUp = false;
        schedule(t, Clock::now() + delay);
        SampleBatch batch;
        batch.targetLabels = targetLabels(t.config);
        batch.timestampMs = t.startMs;
        batch.scrape = std::move(report);
        deliver(std::move(batch));
    }

    void schedule(TargetState &t, Clock::time_point when)
    {
        const auto ms = std::chrono::ceil<std::chrono::milliseconds>(when - Clock::now());
        t.timer->start(std::max<std::int64_t>(0, ms.count()));
    }

    void deliver(SampleBatch &&batch)
    {
        if (m_sink)
            m_sink(std::move(batch));
    }

    BatchSink m_sink;
    QThreadPool *m_pool;
    QNetworkAccessManager *m_nam = nullptr;
    QNetworkAccessManager *m_insecureNam = nullptr;
    BackoffPolicy m_policy;
    std::map<std::string, std::unique_ptr<TargetState>> m_targets;
    std::uint64_t m_nextId = 0;
    bool m_stopped = false;
};

} // namespace

struct Scraper::Impl
{
    BatchSink sink;
    mutable std::mutex mutex; // guards configs and policy (read by targets() from any thread)
    std::vector<ScrapeTargetConfig> configs;
    BackoffPolicy policy;
    std::unique_ptr<QThread> thread;
    ScrapeWorker *worker = nullptr;
    QThreadPool pool;

    // Runs `f` on the worker thread, queued, if the scraper is running.
    template <typename F>
    void post(F &&f)
    {
        if (worker)
            QMetaObject::invokeMethod(worker, std::forward<F>(f), Qt::QueuedConnection);
    }
};

Scraper::Scraper(BatchSink sink, QObject *parent) : QObject(parent), d(std::make_unique<Impl>())
{
    d->sink = std::move(sink);
    d->pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount() / 2));
}

Scraper::~Scraper() { stop(); }

void Scraper::start()
{
    if (d->worker)
        return;
    d->thread = std::make_unique<QThread>();
    d->thread->setObjectName(QStringLiteral("vigil-scrape"));
    d->worker = new ScrapeWorker(d->sink, &d->pool);
    d->worker->moveToThread(d->thread.get());
    d->thread->start();
    std::vector<ScrapeTargetConfig> configs;
    BackoffPolicy policy;
    {
        std::lock_guard lock(d->mutex);
        configs = d->configs;
        policy = d->policy;
    }
    ScrapeWorker *w = d->worker;
    d->post([w, configs = std::move(configs), policy] {
        w->init();
        w->setBackoffPolicy(policy);
        w->setTargets(configs);
    });
}

void Scraper::stop()
{
    if (!d->worker)
        return;
    ScrapeWorker *w = d->worker;
    // Network objects and timers are torn down on their own thread.
    QMetaObject::invokeMethod(w, [w] { w->shutdown(); }, Qt::BlockingQueuedConnection);
    // Parses still running post to the worker: it must outlive them.
    d->pool.waitForDone();
    d->thread->quit();
    d->thread->wait();
    delete w; // its thread has finished: nothing runs on it any more
    d->worker = nullptr;
    d->thread.reset();
}

void Scraper::setTargets(std::vector<ScrapeTargetConfig> targets)
{
    for (auto &t : targets)
        t.moveUserInfoToAuth();
    {
        std::lock_guard lock(d->mutex);
        d->configs = targets;
    }
    ScrapeWorker *w = d->worker;
    d->post([w, targets = std::move(targets)] { w->setTargets(targets); });
}

void Scraper::addTarget(ScrapeTargetConfig target)
{
    target.moveUserInfoToAuth();
    {
        std::lock_guard lock(d->mutex);
        auto it = std::find_if(d->configs.begin(), d->configs.end(),
                               [&](const ScrapeTargetConfig &c) { return c.url == target.url; });
        if (it != d->configs.end())
            *it = target;
        else
            d->configs.push_back(target);
    }
    ScrapeWorker *w = d->worker;
    d->post([w, target = std::move(target)] { w->addOrUpdate(target); });
}

void Scraper::removeTarget(const std::string &url)
{
    {
        std::lock_guard lock(d->mutex);
        std::erase_if(d->configs, [&](const ScrapeTargetConfig &c) {
            return c.url == url || c.redactedUrl() == url;
        });
    }
    ScrapeWorker *w = d->worker;
    d->post([w, url] { w->remove(url); });
}

std::vector<ScrapeTargetConfig> Scraper::targets() const
{
    std::lock_guard lock(d->mutex);
    return d->configs;
}

void Scraper::setBackoffPolicy(const BackoffPolicy &policy)
{
    {
        std::lock_guard lock(d->mutex);
        d->policy = policy;
    }
    ScrapeWorker *w = d->worker;
    d->post([w, policy] { w->setBackoffPolicy(policy); });
}

BackoffPolicy Scraper::backoffPolicy() const
{
    std::lock_guard lock(d->mutex);
    return d->policy;
}

ScrapeOnceResult scrapeOnce(const ScrapeTargetConfig &targetIn)
{
    ScrapeTargetConfig target = targetIn;
    target.moveUserInfoToAuth();
    ScrapeOnceResult out;
    const std::int64_t startMs = wallNowMs();
    const Clock::time_point start = Clock::now();
    out.report = baseReport(target, startMs);

    FetchResult fetched;
    {
        QNetworkAccessManager nam;
        QEventLoop loop;
        bool done = false;
        HttpFetch fetch(&nam, target, [&](FetchResult &&r) {
            fetched = std::move(r);
            done = true;
            loop.quit();
        });
        fetch.start();
        if (!done)
            loop.exec();
    }
    if (!fetched.ok) {
        out.report.error = std::move(fetched.error);
        out.report.durationSeconds = secondsSince(start);
        out.report.consecutiveFailures = 1;
        return out;
    }
    auto parsed = std::make_shared<expo::ParseResult>();
    const Clock::time_point parseStart = Clock::now();
    auto error = parseBody(*fetched.body, target, fetched.contentType, *parsed);
    out.parseSeconds = secondsSince(parseStart);
    out.report.durationSeconds = secondsSince(start);
    out.report.bodyBytes = fetched.body->size();
    out.body = std::move(fetched.body);
    if (error) {
        out.report.error = error->toString();
        out.report.consecutiveFailures = 1;
        out.parseError = std::move(error);
        return out;
    }
    out.report.up = true;
    out.report.samples = parsed->samples.size();
    out.report.format = parsed->format;
    out.parsed = std::move(parsed);
    return out;
}

} // namespace vigil

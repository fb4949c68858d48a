#include "app/vigil/event_ingest.h"

#include "core/capture/capture_writer.h"
#include "core/engine/capture_tap_sink.h"
#include "core/engine/event_engine.h"
#include "core/stream/stream_source.h"

namespace vigil {

EventIngest::EventIngest(IngestHub *hub, EngineOptions options) : m_hub(hub), m_options(std::move(options)) {}

EventIngest::~EventIngest() { stop(); }

std::shared_ptr<EventEngine> EventIngest::engine() const
{
    std::lock_guard lock(m_engineMutex);
    return m_engine;
}

std::shared_ptr<EventEngine> EventIngest::ensureEngine()
{
    std::lock_guard lock(m_engineMutex);
    if (!m_engine) {
        m_engine = std::make_shared<EventEngine>(m_options, m_hub);
        m_engine->start();
    }
    return m_engine;
}

QString EventIngest::addSource(const QString &url)
{
    if (m_stopped)
        return QStringLiteral("event ingest already stopped");
    const std::shared_ptr<EventEngine> engine = ensureEngine();
    if (!m_tap) {
        m_tap = std::make_unique<CaptureTapSink>(*engine);
        m_tap->setWriter(m_writer);
    }
    StreamSourceOptions sourceOptions;
    sourceOptions.maxLineBytes = m_options.maxLineBytes;
    Result<std::unique_ptr<StreamSource>> created = createStreamSource(url.toStdString(), *m_tap, sourceOptions);
    if (!created.ok())
        return QString::fromStdString(created.error().message);
    std::unique_ptr<StreamSource> source = std::move(created.value());
    source->start();
    m_sources.push_back(std::move(source));
    return {};
}

void EventIngest::setCaptureWriter(std::shared_ptr<capture::CaptureWriter> writer)
{
    m_writer = std::move(writer);
    if (m_tap)
        m_tap->setWriter(m_writer);
}

EventSink &EventIngest::replaySink() { return *ensureEngine(); }

EventSink &EventIngest::replaceEngine()
{
    auto fresh = std::make_shared<EventEngine>(m_options, m_hub);
    fresh->start();
    std::shared_ptr<EventEngine> old;
    {
        std::lock_guard lock(m_engineMutex);
        old = std::exchange(m_engine, fresh);
    }
    m_epoch.fetch_add(1, std::memory_order_acq_rel);
    if (old)
        old->stop(); // a reader may still hold it; it is destroyed with the last reference
    return *fresh;
}

void EventIngest::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    for (const std::unique_ptr<StreamSource> &source : m_sources)
        source->stop();
    if (m_tap)
        m_tap->setWriter(nullptr);
    if (const std::shared_ptr<EventEngine> e = engine())
        e->stop();
}

bool EventIngest::hasEngine() const { return engine() != nullptr; }

QStringList EventIngest::sourceUrls() const
{
    QStringList urls;
    for (const std::unique_ptr<StreamSource> &source : m_sources)
        urls.append(QString::fromStdString(source->url()));
    return urls;
}

std::vector<EventRecord> EventIngest::recentSince(std::uint64_t afterSeq, std::size_t max) const
{
    const std::shared_ptr<EventEngine> e = engine();
    return e ? e->recentSince(afterSeq, max) : std::vector<EventRecord>{};
}

EngineSnapshot EventIngest::snapshot() const
{
    const std::shared_ptr<EventEngine> e = engine();
    return e ? e->snapshot() : EngineSnapshot{};
}

} // namespace vigil

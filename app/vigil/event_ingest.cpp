#include "app/vigil/event_ingest.h"

#include "core/engine/event_engine.h"
#include "core/stream/stream_source.h"

namespace vigil {

EventIngest::EventIngest(IngestHub *hub, EngineOptions options) : m_hub(hub), m_options(std::move(options)) {}

EventIngest::~EventIngest() { stop(); }

QString EventIngest::addSource(const QString &url)
{
    if (m_stopped)
        return QStringLiteral("event ingest already stopped");
    if (!m_engine) {
        m_engine = std::make_unique<EventEngine>(m_options, m_hub);
        m_engine->start();
    }
    StreamSourceOptions sourceOptions;
    sourceOptions.maxLineBytes = m_options.maxLineBytes;
    Result<std::unique_ptr<StreamSource>> created = createStreamSource(url.toStdString(), *m_engine, sourceOptions);
    if (!created.ok())
        return QString::fromStdString(created.error().message);
    std::unique_ptr<StreamSource> source = std::move(created.value());
    source->start();
    m_sources.push_back(std::move(source));
    return {};
}

void EventIngest::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    for (const std::unique_ptr<StreamSource> &source : m_sources)
        source->stop();
    if (m_engine)
        m_engine->stop();
}

QStringList EventIngest::sourceUrls() const
{
    QStringList urls;
    for (const std::unique_ptr<StreamSource> &source : m_sources)
        urls.append(QString::fromStdString(source->url()));
    return urls;
}

std::vector<EventRecord> EventIngest::recentSince(std::uint64_t afterSeq, std::size_t max) const
{
    return m_engine ? m_engine->recentSince(afterSeq, max) : std::vector<EventRecord>{};
}

EngineSnapshot EventIngest::snapshot() const
{
    return m_engine ? m_engine->snapshot() : EngineSnapshot{};
}

} // namespace vigil

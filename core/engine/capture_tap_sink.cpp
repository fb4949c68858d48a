#include "core/engine/capture_tap_sink.h"

#include "core/capture/capture_writer.h"

#include <chrono>

namespace vigil {

std::string urlWithoutUserInfo(const std::string &url)
{
    const std::size_t scheme = url.find("://");
    if (scheme == std::string::npos) return url; // a path, file:PATH or -: no authority
    const std::size_t hostBegin = scheme + 3;
    const std::size_t hostEnd = url.find_first_of("/?#", hostBegin);
    const std::size_t at = url.rfind('@', hostEnd == std::string::npos ? url.size() : hostEnd);
    if (at == std::string::npos || at < hostBegin) return url;
    return url.substr(0, hostBegin) + url.substr(at + 1);
}

void CaptureTapSink::setWriter(std::shared_ptr<capture::CaptureWriter> writer, capture::WhenFull whenFull)
{
    std::lock_guard lock(m_mutex);
    m_writer = std::move(writer);
    m_whenFull = whenFull;
    if (m_writer)
        for (const auto &[id, url] : m_sources)
            m_writer->addEventSource(id, url, m_whenFull);
}

std::uint64_t CaptureTapSink::linesCaptured() const
{
    std::lock_guard lock(m_mutex);
    return m_lines;
}

std::uint32_t CaptureTapSink::registerSource(const SourceInfo &info)
{
    const std::uint32_t id = m_inner.registerSource(info);
    std::lock_guard lock(m_mutex);
    m_sources.emplace_back(id, urlWithoutUserInfo(info.url));
    if (m_writer) m_writer->addEventSource(id, m_sources.back().second, m_whenFull);
    return id;
}

void CaptureTapSink::push(LineBatch &&batch)
{
    // The engine stamps batches that arrive without a time; do it here so the capture
    // and the engine agree.
    if (batch.arrivalNs == 0)
        batch.arrivalNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
    {
        std::lock_guard lock(m_mutex);
        if (m_writer) {
            m_writer->addEventLines(batch, m_whenFull); // shares the batch's buffer (mapped ones too)
            m_lines += batch.lineCount;
        }
    }
    m_inner.push(std::move(batch)); // may block (block policy): never under our lock
}

} // namespace vigil

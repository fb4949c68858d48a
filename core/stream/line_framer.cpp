#include "core/stream/line_framer.h"

#include <algorithm>
#include <cstring>

namespace vigil {

namespace {

constexpr std::size_t kMinReserve = 16u << 10;

std::string excerptOf(std::string_view head, std::string_view tail)
{
    std::string out(head.substr(0, LineFramer::kExcerptBytes));
    if (out.size() < LineFramer::kExcerptBytes)
        out.append(tail.substr(0, LineFramer::kExcerptBytes - out.size()));
    return out;
}

} // namespace

LineFramer::LineFramer(EventSink &sink, std::uint32_t sourceId, std::size_t maxLineBytes,
                       std::size_t batchBytes)
    : m_sink(sink), m_sourceId(sourceId), m_maxLineBytes(std::max<std::size_t>(maxLineBytes, 1)),
      m_batchBytes(std::max<std::size_t>(batchBytes, 1))
{
    m_batch.sourceId = m_sourceId;
}

std::string LineFramer::formatLimit(std::size_t bytes)
{
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

void LineFramer::feed(std::string_view bytes, std::int64_t arrivalNs)
{
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        const char *start = bytes.data() + pos;
        const auto *nl = static_cast<const char *>(std::memchr(start, '\n', bytes.size() - pos));
        if (!nl) {
            const std::string_view rest = bytes.substr(pos);
            if (m_skipping) {
                addToExcerpt(rest);
            } else if (m_partial.size() + rest.size() > m_maxLineBytes) {
                // Over the limit: keep only an excerpt so memory stays bounded; the
                // report goes out when the line ends (its excerpt then does not depend
                // on how the bytes were split into reads).
                m_skipping = true;
                m_excerpt = excerptOf(m_partial, rest);
                m_partial.clear();
                if (m_partial.capacity() > kMinReserve) std::string().swap(m_partial);
            } else {
                m_partial.append(rest);
            }
            m_offset += rest.size();
            return;
        }
        const std::string_view segment(start, static_cast<std::size_t>(nl - start));
        if (m_skipping) {
            addToExcerpt(segment);
            endSkippedLine();
        } else if (m_partial.size() + segment.size() > m_maxLineBytes) {
            report(m_line, m_lineStart, "line exceeds " + formatLimit(m_maxLineBytes) + " limit",
                   excerptOf(m_partial, segment));
        } else {
            m_reserveHint = bytes.size() - pos;
            endLine(m_partial, segment, arrivalNs);
        }
        m_partial.clear();
        m_offset += segment.size() + 1;
        m_lineStart = m_offset;
        ++m_line;
        pos += segment.size() + 1;
    }
}

void LineFramer::feedShared(const std::shared_ptr<const void> &backing, std::string_view bytes,
                            std::size_t readableAfter, std::int64_t arrivalNs)
{
    std::size_t pos = 0;
    if (!m_partial.empty() || m_skipping) {
        // The rest of a line begun by feed(): that line is finished the copying way.
        const void *nl = std::memchr(bytes.data(), '\n', bytes.size());
        pos = nl ? static_cast<std::size_t>(static_cast<const char *>(nl) - bytes.data()) + 1 : bytes.size();
        feed(bytes.substr(0, pos), arrivalNs);
    }
    flush(); // lines batched by feed() come first
    const char *const base = bytes.data();
    std::size_t viewStart = 0, viewEnd = 0;
    std::uint32_t viewLines = 0;
    std::uint64_t viewFirstLine = 0, viewFirstOffset = 0;
    const auto pushView = [&] {
        if (viewLines == 0)
            return;
        LineBatch b;
        b.sourceId = m_sourceId;
        b.backing = backing;
        b.view = base + viewStart;
        b.viewSize = viewEnd - viewStart;
        b.viewReadable = bytes.size() - viewStart + readableAfter;
        b.lineCount = viewLines;
        b.firstLine = viewFirstLine;
        b.firstOffset = viewFirstOffset;
        b.arrivalNs = arrivalNs;
        m_linesPushed += viewLines;
        ++m_batchesPushed;
        viewLines = 0;
        m_sink.push(std::move(b));
    };
    while (pos < bytes.size()) {
        const char *start = base + pos;
        const auto *nl = static_cast<const char *>(std::memchr(start, '\n', bytes.size() - pos));
        if (!nl) {
            pushView();
            feed(bytes.substr(pos), arrivalNs); // a partial last line waits in m_partial
            return;
        }
        const std::size_t len = static_cast<std::size_t>(nl - start);
        if (len > m_maxLineBytes) {
            pushView();
            report(m_line, m_offset, "line exceeds " + formatLimit(m_maxLineBytes) + " limit",
                   excerptOf(std::string_view(start, len), {}));
        } else if (len == 0 || (len == 1 && *start == '\r')) {
            pushView(); // an empty line is skipped and ends the batch
        } else {
            if (viewLines == 0) {
                viewStart = pos;
                viewFirstLine = m_line;
                viewFirstOffset = m_offset;
            }
            ++viewLines;
            viewEnd = pos + len + 1;
            if (viewEnd - viewStart >= m_batchBytes)
                pushView();
        }
        m_offset += len + 1;
        m_lineStart = m_offset;
        ++m_line;
        pos += len + 1;
    }
    pushView();
}

void LineFramer::completePartialLine(std::int64_t arrivalNs)
{
    if (m_skipping) {
        endSkippedLine();
    } else if (!m_partial.empty()) {
        m_reserveHint = 0;
        endLine(m_partial, {}, arrivalNs);
        m_partial.clear();
    } else {
        return;
    }
    m_lineStart = m_offset;
    ++m_line;
}

bool LineFramer::dropPartialLine(std::string_view why)
{
    if (m_skipping) {
        // Too long already: one error per line, and that is the one.
        endSkippedLine();
    } else if (!m_partial.empty()) {
        report(m_line, m_lineStart, why, excerptOf(m_partial, {}));
        m_partial.clear();
        if (m_partial.capacity() > kMinReserve) std::string().swap(m_partial);
    } else {
        return false;
    }
    m_lineStart = m_offset;
    ++m_line;
    return true;
}

void LineFramer::restart()
{
    if (m_skipping) endSkippedLine();
    flush();
    m_partial.clear();
    if (m_partial.capacity() > kMinReserve) std::string().swap(m_partial);
    m_skipping = false;
    m_line = 1;
    m_offset = 0;
    m_lineStart = 0;
    m_nextInBatch = 0;
}

void LineFramer::addToExcerpt(std::string_view bytes)
{
    if (m_excerpt.size() < kExcerptBytes) m_excerpt.append(bytes.substr(0, kExcerptBytes - m_excerpt.size()));
}

void LineFramer::endSkippedLine()
{
    m_skipping = false;
    report(m_line, m_lineStart, "line exceeds " + formatLimit(m_maxLineBytes) + " limit",
           std::move(m_excerpt));
    m_excerpt.clear();
}

void LineFramer::endLine(std::string_view head, std::string_view tail, std::int64_t arrivalNs)
{
    const std::size_t len = head.size() + tail.size();
    const bool empty = len == 0 || (len == 1 && (head.empty() ? tail.front() : head.front()) == '\r');
    if (empty) return;
    appendLine(head, tail, arrivalNs);
}

void LineFramer::appendLine(std::string_view head, std::string_view tail, std::int64_t arrivalNs)
{
    // Lines of a batch are consecutive: after a gap (empty or skipped line) start anew.
    if (m_batch.lineCount > 0 && m_nextInBatch != m_line) flush();
    const std::size_t len = head.size() + tail.size() + 1;
    if (m_batch.lineCount == 0) {
        m_batch.firstLine = m_line;
        m_batch.firstOffset = m_lineStart;
        m_batch.arrivalNs = arrivalNs;
        // Size for the input at hand (up to one batch) so a fast stream rarely reallocates.
        // After a full batch, reserve a whole one (plus room for the line that crosses
        // batchBytes) so a bulk read does not grow the buffer 16 -> 32 -> ... -> 512 KiB.
        std::size_t want = std::min(std::max(m_reserveHint, kMinReserve), m_batchBytes);
        if (m_lastBatchFull)
            want = m_batchBytes + std::min<std::size_t>(m_maxLineBytes, 16u << 10);
        m_batch.bytes.reserve(std::max(want, len) + kLinePadding);
    }
    m_batch.bytes.append(head);
    m_batch.bytes.append(tail);
    m_batch.bytes.push_back('\n');
    ++m_batch.lineCount;
    m_nextInBatch = m_line + 1;
    if (m_batch.bytes.size() >= m_batchBytes) {
        flush();
        m_lastBatchFull = true;
    }
}

void LineFramer::flush()
{
    m_lastBatchFull = false;
    if (m_batch.lineCount == 0) return;
    if (m_batch.bytes.capacity() < m_batch.bytes.size() + kLinePadding)
        m_batch.bytes.reserve(m_batch.bytes.size() + kLinePadding);
    m_linesPushed += m_batch.lineCount;
    ++m_batchesPushed;
    LineBatch out = std::move(m_batch);
    m_batch = LineBatch{};
    m_batch.sourceId = m_sourceId;
    m_sink.push(std::move(out));
}

void LineFramer::report(std::uint64_t line, std::uint64_t offset, std::string_view what, std::string excerpt)
{
    // Lines before the bad one go first, so the sink sees everything in stream order.
    flush();
    FramingError error;
    error.sourceId = m_sourceId;
    error.line = line;
    error.offset = offset;
    error.message = m_context.empty() ? std::string(what) : m_context + ": " + std::string(what);
    error.excerpt = std::move(excerpt);
    ++m_errors;
    m_sink.reportFramingError(std::move(error));
}

} // namespace vigil

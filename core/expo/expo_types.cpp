// ParseResult storage, error text and format detection for the exposition parser.
#include "core/expo/expo_types.h"

#include "core/common/text.h"

#include <algorithm>
#include <cstring>

namespace vigil::expo {

namespace {

constexpr std::size_t kMinBlock = 64 * 1024;

} // namespace

void ParseResult::clear()
{
    families.clear();
    samples.clear();
    labels.clear();
    exemplars.clear();
    bytes = 0;
    sampleBase = 0;
    // Keep only the newest (largest) arena block for the next parse.
    if (m_blocks.size() > 1) {
        auto last = std::move(m_blocks.back());
        m_blocks.clear();
        m_blocks.push_back(std::move(last));
    }
    m_blockUsed = 0;
}

char *ParseResult::allocate(std::size_t n)
{
    if (m_blocks.empty() || m_blockUsed + n > m_blockSize) {
        const std::size_t size = std::max({kMinBlock, n, m_blockSize * 2});
        m_blocks.push_back(std::make_unique<char[]>(size));
        m_blockSize = size;
        m_blockUsed = 0;
    }
    char *p = m_blocks.back().get() + m_blockUsed;
    m_blockUsed += n;
    return p;
}

std::string_view ParseResult::store(std::string_view s)
{
    if (s.empty())
        return {};
    char *p = allocate(s.size());
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
}

std::string ParseError::toString() const
{
    return "line " + std::to_string(line) + " col " + std::to_string(column) + ": " + message;
}

std::string_view metricTypeName(MetricType t, Format f)
{
    switch (t) {
    case MetricType::Untyped:
        return f == Format::OpenMetrics ? "unknown" : "untyped";
    case MetricType::Counter:
        return "counter";
    case MetricType::Gauge:
        return "gauge";
    case MetricType::Histogram:
        return "histogram";
    case MetricType::Summary:
        return "summary";
    case MetricType::GaugeHistogram:
        return "gaugehistogram";
    case MetricType::Info:
        return "info";
    case MetricType::StateSet:
        return "stateset";
    }
    return "untyped";
}

Format formatFromContentType(std::string_view contentType)
{
    const auto semi = contentType.find(';');
    const std::string_view media = trimBlanks(contentType.substr(0, semi));
    std::string_view version;
    std::string_view params = semi == std::string_view::npos ? std::string_view() : contentType.substr(semi + 1);
    while (!params.empty()) {
        const auto next = params.find(';');
        const std::string_view param = trimBlanks(params.substr(0, next));
        params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
        const auto eq = param.find('=');
        if (eq != std::string_view::npos && equalsIgnoreCase(trimBlanks(param.substr(0, eq)), "version")) {
            version = trimBlanks(param.substr(eq + 1));
            if (version.size() >= 2 && version.front() == '"' && version.back() == '"')
                version = version.substr(1, version.size() - 2);
        }
    }
    if (equalsIgnoreCase(media, "application/openmetrics-text"))
        return Format::OpenMetrics;
    if (equalsIgnoreCase(media, "text/plain") && (version.empty() || version == "0.0.4"))
        return Format::Prometheus;
    return Format::Auto;
}

Format sniffFormat(std::string_view text)
{
    std::string_view t = text;
    while (!t.empty() && (t.back() == '\n' || t.back() == '\r'))
        t.remove_suffix(1);
    if (t.size() >= 5 && t.substr(t.size() - 5) == "# EOF"
        && (t.size() == 5 || t[t.size() - 6] == '\n'))
        return Format::OpenMetrics;
    // Look at the leading comment lines for OpenMetrics-only metadata.
    std::size_t pos = 0;
    for (int lines = 0; lines < 64 && pos < text.size(); ++lines) {
        const auto nl = text.find('\n', pos);
        std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.rfind("# UNIT ", 0) == 0)
            return Format::OpenMetrics;
        if (line.rfind("# TYPE ", 0) == 0) {
            const auto sp = line.rfind(' ');
            const std::string_view type = line.substr(sp + 1);
            if (type == "unknown" || type == "gaugehistogram" || type == "info" || type == "stateset")
                return Format::OpenMetrics;
        }
    }
    return Format::Prometheus;
}

} // namespace vigil::expo

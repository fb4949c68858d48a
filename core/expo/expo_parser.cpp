// Line loop and sample lines of the exposition parser (the hot path).
//
// Every line handed to the scanners is followed by a readable '\r' or '\n' byte
// (the line terminator, or a copy of the last line in the arena), so the byte loops
// stop on character classes without separate bounds checks.
#include "core/expo/expo_parser_impl.h"

#include <cmath>
#include <cstring>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace vigil::expo {

namespace detail {

Parser::Parser(std::string_view input, Format format, ParseResult &out, const ParseLimits &limits)
    : m_input(input), m_format(format), m_out(out), m_limits(limits)
{
}

void Parser::setChunking(std::size_t chunkSamples, const std::function<void(const ParseResult &)> *onChunk)
{
    m_chunkSamples = chunkSamples;
    m_onChunk = onChunk;
}

void Parser::flushChunk()
{
    (*m_onChunk)(m_out);
    m_out.sampleBase += m_out.samples.size();
    m_out.samples.clear();
    m_out.labels.clear();
    m_out.exemplars.clear();
}

bool Parser::beginSample(const char *nameAt)
{
    if (m_chunkSamples != 0 && m_out.samples.size() >= m_chunkSamples)
        flushChunk();
    if (m_limits.maxSamples != 0 && m_out.totalSamples() >= m_limits.maxSamples)
        return fail(nameAt, "too many samples: limit maxSamples=" + std::to_string(m_limits.maxSamples));
    return true;
}

bool Parser::fail(const char *at, std::string message)
{
    const char *lineStart = m_lineStart;
    std::uint32_t line = m_line;
    if (m_extraLines != 0) [[unlikely]] {
        // The sample spans lines (raw newlines in 0.0.4 label values): find at's line.
        for (const char *c = m_lineStart; c < at; ++c) {
            if (*c == '\n') {
                ++line;
                lineStart = c + 1;
            }
        }
    }
    ParseError e;
    e.line = line;
    e.column = static_cast<std::uint32_t>(at - lineStart) + 1;
    e.offset = m_lineOffset + static_cast<std::uint64_t>(at - m_lineStart);
    e.message = std::move(message);
    m_error = std::move(e);
    return false;
}

bool Parser::failAtEnd(std::string message)
{
    // Just past the last byte: on a fresh line when the input ends with '\n'. run()
    // has counted one line past the last one either way.
    const std::size_t n = m_input.size();
    const auto nl = m_input.rfind('\n');
    const std::size_t lineBegin = nl == std::string_view::npos ? 0 : nl + 1;
    ParseError e;
    e.line = (n == 0 || m_input.back() == '\n') ? m_line : m_line - 1;
    e.column = static_cast<std::uint32_t>(n - lineBegin) + 1;
    e.offset = n;
    e.message = std::move(message);
    m_error = std::move(e);
    return false;
}

bool Parser::parseTail(const char *p, const char *end)
{
    // Last line without a terminator: parse a terminated copy kept in the arena.
    const auto len = static_cast<std::size_t>(end - p);
    char *copy = m_out.allocate(len + 1);
    std::memcpy(copy, p, len);
    copy[len] = '\n';
    m_lineStart = copy;
    m_safeEnd = copy + len + 1;
    const char *le = copy + len;
    if (le > copy && le[-1] == '\r')
        --le;
    if (!parseLine(copy, le))
        return false;
    m_line += 1 + m_extraLines;
    m_extraLines = 0;
    return true;
}

std::optional<ParseError> Parser::run()
{
    const char *p = m_input.data();
    const char *const end = p + m_input.size();
    m_safeEnd = end;
    while (p < end) {
        if (m_sawEof) {
            m_lineStart = p;
            m_lineOffset = static_cast<std::uint64_t>(p - m_input.data());
            fail(p, "unexpected data after # EOF");
            return m_error;
        }
        const auto *nl = static_cast<const char *>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        m_lineOffset = static_cast<std::uint64_t>(p - m_input.data());
        if (nl == nullptr) {
            if (!parseTail(p, end))
                return m_error;
            break;
        }
        m_lineStart = p;
        const char *le = nl;
        if (le > p && le[-1] == '\r')
            --le;
        if (!parseLine(p, le)) {
            if (!m_retryInCopy)
                return m_error;
            // A label value with a raw newline ran into the unterminated last line.
            m_retryInCopy = false;
            m_extraLines = 0;
            if (!parseTail(p, end))
                return m_error;
            break;
        }
        ++m_line;
        if (m_extraLines != 0) [[unlikely]] {
            m_line += m_extraLines;
            m_extraLines = 0;
            nl = m_extendedEnd;
        }
        p = nl + 1;
    }
    if (m_format == Format::OpenMetrics && !m_sawEof) {
        failAtEnd("data does not end with # EOF");
        return m_error;
    }
    if (m_chunkSamples != 0 && !m_out.samples.empty())
        flushChunk();
    return std::nullopt;
}

bool Parser::parseLine(const char *p, const char *le)
{
    if (m_format == Format::OpenMetrics) {
        if (p == le)
            return fail(p, "blank line is not allowed in OpenMetrics");
        if (*p == '#')
            return parseOmComment(p, le);
        return parseOmSample(p, le);
    }
    const char *q = skipSpaces(p);
    if (q == le)
        return true;
    if (*q == '#')
        return parsePromComment(q, le);
    // The Prometheus server makes the blanks part of the metric name, which is then invalid.
    if (q != p)
        return fail(p, "blank before metric name");
    return parsePromSample(p, le);
}

VIGIL_EXPO_INLINE bool Parser::readFloat(const char *&p, double &v, const char *what)
{
    const char *b = p;
    // Plain integers up to 15 digits are exact in a double: the common counter case.
    std::uint64_t u = 0;
    while (static_cast<unsigned>(*p - '0') < 10u) {
        u = u * 10 + static_cast<unsigned>(*p - '0');
        ++p;
    }
    if (is(*p, kTokenEnd) && p != b && p - b <= 15) {
        v = static_cast<double>(u);
        return true;
    }
    while (!is(*p, kTokenEnd))
        ++p;
    if (p == b)
        return fail(b, std::string("expected ") + what);
    switch (parseFloatToken(b, p, v)) {
    case NumberStatus::Ok:
        return true;
    case NumberStatus::Range:
        return fail(b, std::string(what) + " out of range");
    case NumberStatus::Syntax:
        break;
    }
    return fail(b, std::string("invalid ") + what + " \"" + std::string(b, p) + '"');
}

VIGIL_EXPO_INLINE bool Parser::scanMetricName(const char *&p)
{
    // Consecutive samples mostly repeat the previous name: compare against it before
    // scanning, which also skips finding its family again.
    const char *b = p;
    const std::size_t n = m_lastName.size();
    if (n != 0 && static_cast<std::size_t>(m_safeEnd - b) > n && std::memcmp(b, m_lastName.data(), n) == 0
        && !is(b[n], kName)) {
        p = b + n;
        return true;
    }
    if (!is(*b, kNameFirst))
        return fail(b, "invalid metric name");
    ++b;
    while (is(*b, kName))
        ++b;
    const char *nameAt = p;
    p = b;
    resolveFamily(std::string_view(nameAt, static_cast<std::size_t>(b - nameAt)));
    return true;
}

bool Parser::parsePromSample(const char *p, const char *le)
{
    const char *nameAt = p;
    if (!beginSample(nameAt))
        return false;
    if (!scanMetricName(p))
        return false;
    const std::string_view name(nameAt, static_cast<std::size_t>(p - nameAt));

    SampleView s;
    s.name = name;
    s.family = m_cur;
    s.line = m_line;
    s.labelBegin = static_cast<std::uint32_t>(m_out.labels.size());
    p = skipSpaces(p);
    if (*p == '{') {
        ++p;
        if (!parsePromLabels(p)) {
            if (m_retryInCopy)
                m_out.labels.resize(s.labelBegin);
            return false;
        }
        if (m_extraLines != 0) [[unlikely]]
            le = m_extendedLe;
        p = skipSpaces(p);
    }
    s.labelCount = static_cast<std::uint32_t>(m_out.labels.size()) - s.labelBegin;
    if (p == le)
        return fail(p, "expected value after metric");
    const char *valueAt = p;
    if (!readFloat(p, s.value, "value")) {
        // As in Prometheus a value may follow the name without a blank ("x-1"); if that
        // fails ("ab-c 1"), the name is the likelier mistake.
        if (valueAt == nameAt + name.size())
            return fail(valueAt, "invalid metric name");
        return false;
    }
    p = skipSpaces(p);
    if (p != le) {
        const char *b = p;
        while (!is(*p, kTokenEnd))
            ++p;
        switch (parseIntToken(b, p, s.timestampMs)) {
        case NumberStatus::Ok:
            break;
        case NumberStatus::Range:
            return fail(b, "timestamp out of range");
        case NumberStatus::Syntax:
            return fail(b, "invalid timestamp \"" + std::string(b, p) + '"'
                               + (*b == '-' || *b == '+' ? ": 0.0.4 timestamps are unsigned integers" : ""));
        }
        s.hasTimestamp = true;
        p = skipSpaces(p);
        if (p != le)
            return fail(p, "unexpected text after timestamp");
    }
    m_out.samples.push_back(s);
    ++m_out.families[m_cur].sampleCount;
    return true;
}

namespace {

// OpenMetrics timestamps are float seconds; Prometheus truncates seconds*1000.
bool secondsToMs(double seconds, std::int64_t &ms)
{
    if (std::isnan(seconds) || std::isinf(seconds))
        return false;
    const double v = seconds * 1000.0;
    if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0))
        return false;
    ms = static_cast<std::int64_t>(v);
    return true;
}

} // namespace

bool Parser::parseOmExemplar(const char *p, const char *le, SampleView &s)
{
    // p is on '#'. Like Prometheus, whatever the TYPE, only samples named *_total or
    // *_bucket may carry one; checked before the exemplar's labels.
    if (p[1] != ' ' || p[2] != '{')
        return fail(p, "invalid exemplar: expected \"# {\"");
    if (!s.name.ends_with("_total") && !s.name.ends_with("_bucket"))
        return fail(p, "metric name \"" + std::string(s.name)
                           + "\" does not support exemplars (only names ending in _total or _bucket do)");
    p += 3;
    Exemplar ex;
    ex.labelBegin = static_cast<std::uint32_t>(m_out.labels.size());
    if (!parseOmLabels(p, true))
        return false;
    ex.labelCount = static_cast<std::uint32_t>(m_out.labels.size()) - ex.labelBegin;
    if (*p != ' ')
        return fail(p, "expected space before exemplar value");
    ++p;
    if (!readFloat(p, ex.value, "exemplar value"))
        return false;
    if (*p == ' ') {
        ++p;
        double ts = 0;
        const char *tsAt = p;
        if (!readFloat(p, ts, "exemplar timestamp"))
            return false;
        std::int64_t unused = 0;
        if (!secondsToMs(ts, unused))
            return fail(tsAt, "invalid exemplar timestamp");
        ex.timestampSeconds = ts;
    }
    if (p != le)
        return fail(p, "unexpected text after exemplar");
    s.exemplar = static_cast<std::int32_t>(m_out.exemplars.size());
    m_out.exemplars.push_back(ex);
    return true;
}

bool Parser::parseOmSample(const char *p, const char *le)
{
    const char *nameAt = p;
    if (!beginSample(nameAt))
        return false;
    if (!scanMetricName(p))
        return false;
    const std::string_view name(nameAt, static_cast<std::size_t>(p - nameAt));

    SampleView s;
    s.name = name;
    s.family = m_cur;
    s.line = m_line;
    s.labelBegin = static_cast<std::uint32_t>(m_out.labels.size());
    if (*p == '{') {
        ++p;
        if (!parseOmLabels(p, false))
            return false;
    }
    s.labelCount = static_cast<std::uint32_t>(m_out.labels.size()) - s.labelBegin;
    if (*p != ' ') {
        if (p == le)
            return fail(p, "expected value after metric");
        return fail(p, p == nameAt + name.size() ? "invalid metric name" : "expected space before value");
    }
    ++p;
    if (!readFloat(p, s.value, "value"))
        return false;
    if (*p == ' ' && p[1] != '#') {
        ++p;
        double ts = 0;
        const char *tsAt = p;
        if (!readFloat(p, ts, "timestamp"))
            return false;
        if (!secondsToMs(ts, s.timestampMs))
            return fail(tsAt, "invalid timestamp");
        s.hasTimestamp = true;
    }
    if (*p == ' ' && p[1] == '#') {
        if (!parseOmExemplar(p + 1, le, s))
            return false;
        p = le;
    }
    if (p != le)
        return fail(p, "unexpected text after sample");
    m_out.samples.push_back(s);
    ++m_out.families[m_cur].sampleCount;
    return true;
}

namespace {

// Large outputs are written once, front to back: transparent huge pages cut the
// page faults on that fresh memory by 512x.
template <typename T>
void reserveOutput(std::vector<T> &v, std::size_t count)
{
    if (v.capacity() >= count)
        return;
    v.reserve(count);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t kHuge = 2u << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(v.data());
    const std::uintptr_t end = begin + v.capacity() * sizeof(T);
    const std::uintptr_t alignedBegin = (begin + kHuge - 1) & ~(kHuge - 1);
    if (end > alignedBegin + kHuge)
        ::madvise(reinterpret_cast<void *>(alignedBegin), (end - alignedBegin) & ~(kHuge - 1), MADV_HUGEPAGE);
#endif
}

} // namespace

} // namespace detail

std::optional<ParseError> parse(std::string_view input, Format format, ParseResult &out,
                                const ParseLimits &limits)
{
    out.clear();
    out.bytes = input.size();
    if (format == Format::Auto)
        format = sniffFormat(input);
    out.format = format;
    // Upper-bound guesses (a sample line is rarely under 32 bytes); vectors still grow past them.
    if (input.size() >= (1u << 20)) {
        detail::reserveOutput(out.samples, input.size() / 32);
        detail::reserveOutput(out.labels, input.size() / 12);
    }
    detail::Parser parser(input, format, out, limits);
    return parser.run();
}

std::optional<ParseError> parseStreaming(std::string_view input, Format format, ParseResult &out,
                                         std::size_t chunkSamples,
                                         const std::function<void(const ParseResult &)> &onChunk,
                                         const ParseLimits &limits)
{
    out.clear();
    out.bytes = input.size();
    if (format == Format::Auto)
        format = sniffFormat(input);
    out.format = format;
    detail::Parser parser(input, format, out, limits);
    parser.setChunking(chunkSamples == 0 ? 1 : chunkSamples, &onChunk);
    return parser.run();
}

} // namespace vigil::expo

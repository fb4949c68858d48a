// Label sets of sample and exemplar lines: names, quoted values with escapes and
// UTF-8 checks, repeated names and label limits. Part of the parser's hot path.
// Like expo_parser.cpp, relies on a readable '\r' or '\n' after every line.
#include "core/expo/expo_parser_impl.h"

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace vigil::expo::detail {

VIGIL_EXPO_INLINE bool Parser::readLabelValue(const char *&p, std::string_view &value)
{
    // p is on the opening quote. Find the first '"', '\\', '\n' or non-ASCII byte.
    const char *b = p + 1;
    const char *q = b;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i newline = _mm_set1_epi8('\n');
    for (;;) {
        if (m_safeEnd - q < 16) {
            while (!is(*q, kValueStop))
                ++q;
            break;
        }
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(q));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                         _mm_cmpeq_epi8(v, newline));
        // movemask also picks up bytes >= 0x80 (their sign bit).
        const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(hit, v)));
        if (mask != 0) {
            q += __builtin_ctz(mask);
            break;
        }
        q += 16;
    }
#else
    while (!is(*q, kValueStop))
        ++q;
#endif
    if (*q == '"') [[likely]] {
        value = std::string_view(b, static_cast<std::size_t>(q - b));
        p = q + 1;
        return true;
    }
    return readLabelValueSlow(p, q, value);
}

bool Parser::readLabelValueSlow(const char *&p, const char *q, std::string_view &value)
{
    const char *open = p;
    const char *b = p + 1;
    bool escaped = false;
    for (;;) {
        const unsigned char c = static_cast<unsigned char>(*q);
        if (c == '"')
            break;
        if (c == '\n') {
            // OpenMetrics forbids it; the 0.0.4 lexer takes it into the value.
            if (m_format == Format::OpenMetrics || !continueValue(q))
                return m_retryInCopy ? false : fail(open, "unterminated label value");
            ++q;
            continue;
        }
        if (c == '\\') {
            escaped = true;
            const unsigned char n = static_cast<unsigned char>(q[1]);
            if (n == '\n')
                return fail(open, "unterminated label value");
            // A multi-byte character after '\' is checked as UTF-8 on its own.
            q += n < 0x80 ? 2 : 1;
            continue;
        }
        if (c >= 0x80) {
            const int len = utf8SequenceLength(reinterpret_cast<const unsigned char *>(q));
            if (len == 0)
                return fail(q, "invalid UTF-8 in label value");
            q += len;
            continue;
        }
        ++q;
    }
    if (!escaped) {
        value = std::string_view(b, static_cast<std::size_t>(q - b));
    } else {
        char *dst = m_out.allocate(static_cast<std::size_t>(q - b));
        char *w = dst;
        for (const char *r = b; r < q; ++r) {
            if (*r == '\\') {
                const char n = r[1];
                if (n == '\\' || n == '"') {
                    *w++ = n;
                    ++r;
                    continue;
                }
                if (n == 'n') {
                    *w++ = '\n';
                    ++r;
                    continue;
                }
            }
            *w++ = *r; // unknown escapes stay as written, as in Prometheus
        }
        value = std::string_view(dst, static_cast<std::size_t>(w - dst));
    }
    p = q + 1;
    return true;
}

bool Parser::continueValue(const char *nl)
{
    // A raw newline in a 0.0.4 label value: the sample goes on to the next '\n'.
    const char *from = nl + 1;
    if (from >= m_safeEnd)
        return false; // the input ends inside the value
    const auto *next =
        static_cast<const char *>(std::memchr(from, '\n', static_cast<std::size_t>(m_safeEnd - from)));
    if (next == nullptr) {
        // The rest is the unterminated last line: run() parses the sample again from a
        // terminated copy.
        m_retryInCopy = true;
        return false;
    }
    ++m_extraLines;
    m_extendedEnd = next;
    m_extendedLe = next > from && next[-1] == '\r' ? next - 1 : next;
    return true;
}

VIGIL_EXPO_INLINE bool Parser::scanLabelName(const char *&p, std::uint32_t index, bool &predicted)
{
    // Samples of a family usually repeat the label names of the previous sample in
    // the same order: matching those bytes skips the character-class scan, and a
    // fully repeated name list cannot hold duplicates.
    const char *b = p;
    if (index < m_prevLabelCount) {
        const std::string_view prev = m_prevLabels[index];
        std::size_t k = 0;
        // The line terminator never equals a name byte, so this stops inside the line.
        while (k < prev.size() && b[k] == prev[k])
            ++k;
        if (k == prev.size() && !is(b[k], kLabel)) {
            p = b + k;
            return true;
        }
    }
    predicted = false;
    if (!is(*b, kLabelFirst)) {
        if (*b == '\n' || *b == '\r')
            return fail(b, "unterminated label set");
        return fail(b, "invalid label name");
    }
    ++b;
    while (is(*b, kLabel))
        ++b;
    p = b;
    return true;
}

VIGIL_EXPO_INLINE bool Parser::addLabel(const char *nameAt, std::string_view name, std::string_view value,
                                        std::uint32_t setBegin)
{
    auto &labels = m_out.labels;
    if (m_limits.maxLabelsPerSeries != 0 && labels.size() - setBegin + 1 > m_limits.maxLabelsPerSeries)
        return fail(nameAt, "too many labels: limit maxLabelsPerSeries="
                                + std::to_string(m_limits.maxLabelsPerSeries));
    if (m_limits.maxLabelValueBytes != 0 && value.size() > m_limits.maxLabelValueBytes)
        return fail(nameAt, "label value too long: limit maxLabelValueBytes="
                                + std::to_string(m_limits.maxLabelValueBytes));
    labels.push_back(LabelView{name, value});
    return true;
}

bool Parser::finishLabelSet(std::uint32_t setBegin, bool predicted)
{
    // A set repeating the previous sample's names was checked then.
    if (predicted && m_out.labels.size() - setBegin == m_prevLabelCount)
        return true;
    if (!checkLabelNames(setBegin))
        return false;
    const auto &labels = m_out.labels;
    const auto count = static_cast<std::uint32_t>(labels.size()) - setBegin;
    m_prevLabelCount = std::min<std::uint32_t>(count, kPredictedLabels);
    for (std::uint32_t i = 0; i < m_prevLabelCount; ++i)
        m_prevLabels[i] = labels[setBegin + i].name;
    return true;
}

bool Parser::checkLabelNames(std::uint32_t setBegin)
{
    // What the Prometheus server's scrape loop and TSDB accept: no explicit __name__
    // (the metric name is that label) and no repeated label name, except that labels
    // with an empty value are dropped first, with every other label of their name.
    const auto &labels = m_out.labels;
    for (std::size_t i = setBegin; i < labels.size();) {
        const std::string_view name = labels[i].name;
        if (name == "__name__") {
            return fail(name.data(), labels[i].value.empty()
                                         ? "label \"__name__\" with an empty value removes the metric name"
                                         : "label name \"__name__\" is not unique: the metric name sets it");
        }
        std::size_t j = setBegin;
        while (j < i && labels[j].name != name)
            ++j;
        if (j == i) {
            ++i;
            continue;
        }
        if (!dropRepeatedName(setBegin, i))
            return false;
        i = setBegin; // rare: check the shorter set again
    }
    return true;
}

bool Parser::dropRepeatedName(std::uint32_t setBegin, std::size_t at)
{
    auto &labels = m_out.labels;
    const std::string_view name = labels[at].name;
    const auto first = labels.begin() + setBegin;
    const bool anyEmpty = std::any_of(first, labels.end(),
                                      [&](const LabelView &l) { return l.name == name && l.value.empty(); });
    if (!anyEmpty)
        return fail(name.data(), "duplicate label name \"" + std::string(name) + '"');
    labels.erase(std::remove_if(first, labels.end(), [&](const LabelView &l) { return l.name == name; }),
                 labels.end());
    return true;
}

bool Parser::parsePromLabels(const char *&p)
{
    // p is after '{'. Whitespace may separate tokens; commas are optional and a
    // trailing comma is accepted, as the Prometheus 0.0.4 lexer/parser does.
    const auto setBegin = static_cast<std::uint32_t>(m_out.labels.size());
    bool predicted = true;
    for (std::uint32_t index = 0;; ++index) {
        p = skipSpaces(p);
        if (*p == '}') {
            ++p;
            return finishLabelSet(setBegin, predicted);
        }
        const char *nameAt = p;
        if (!scanLabelName(p, index, predicted))
            return false;
        const std::string_view name(nameAt, static_cast<std::size_t>(p - nameAt));
        p = skipSpaces(p);
        if (*p != '=')
            return fail(p, is(*p, kName) ? "invalid label name" : "expected '=' after label name");
        p = skipSpaces(p + 1);
        if (*p != '"')
            return fail(p, "expected quoted label value");
        std::string_view value;
        if (!readLabelValue(p, value))
            return false;
        if (!addLabel(nameAt, name, value, setBegin))
            return false;
        p = skipSpaces(p);
        if (*p == ',')
            ++p;
    }
}

bool Parser::parseOmLabels(const char *&p, bool exemplar)
{
    // p is after '{'. No whitespace, commas required, no trailing comma. Exemplar
    // labels neither use nor update the label-name prediction, nor count for limits,
    // nor are checked for repeated names (Prometheus does not check them).
    const auto setBegin = static_cast<std::uint32_t>(m_out.labels.size());
    bool predicted = !exemplar;
    if (*p == '}') {
        ++p;
        return exemplar || finishLabelSet(setBegin, predicted);
    }
    for (std::uint32_t index = exemplar ? kPredictedLabels : 0;; ++index) {
        const char *nameAt = p;
        if (!scanLabelName(p, index, predicted))
            return false;
        const std::string_view name(nameAt, static_cast<std::size_t>(p - nameAt));
        if (*p != '=')
            return fail(p, is(*p, kName) ? "invalid label name" : "expected '=' after label name");
        ++p;
        if (*p != '"')
            return fail(p, "expected quoted label value");
        std::string_view value;
        if (!readLabelValue(p, value))
            return false;
        if (exemplar)
            m_out.labels.push_back(LabelView{name, value});
        else if (!addLabel(nameAt, name, value, setBegin))
            return false;
        if (*p == ',') {
            ++p;
            if (*p == '}')
                return fail(p, "trailing comma in label set is not allowed in OpenMetrics");
            continue;
        }
        if (*p == '}') {
            ++p;
            return exemplar || finishLabelSet(setBegin, predicted);
        }
        if (*p == '\n' || *p == '\r')
            return fail(p, "unterminated label set");
        return fail(p, "expected ',' or '}' after label value");
    }
}

} // namespace vigil::expo::detail

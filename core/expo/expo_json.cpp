// JSON and summary output of a parse (the `vigilctl parse` contract).
#include "core/expo/expo_json.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace vigil::expo {

namespace {

// Appends to a string and, when writing to a FILE, flushes it in large blocks.
class JsonSink
{
public:
    explicit JsonSink(std::string &buf, std::FILE *out = nullptr) : m_buf(buf), m_out(out) {}
    ~JsonSink() { flush(); }

    void raw(std::string_view s)
    {
        m_buf.append(s.data(), s.size());
        maybeFlush();
    }
    void ch(char c) { m_buf.push_back(c); }

    void string(std::string_view s)
    {
        static constexpr char kHex[] = "0123456789abcdef";
        m_buf.push_back('"');
        const char *p = s.data();
        const char *end = p + s.size();
        while (p < end) {
            const char *run = p;
            while (p < end && static_cast<unsigned char>(*p) >= 0x20 && *p != '"' && *p != '\\')
                ++p;
            m_buf.append(run, static_cast<std::size_t>(p - run));
            if (p == end)
                break;
            const char c = *p++;
            switch (c) {
            case '"': m_buf.append("\\\""); break;
            case '\\': m_buf.append("\\\\"); break;
            case '\n': m_buf.append("\\n"); break;
            case '\r': m_buf.append("\\r"); break;
            case '\t': m_buf.append("\\t"); break;
            case '\b': m_buf.append("\\b"); break;
            case '\f': m_buf.append("\\f"); break;
            default: {
                const char esc[6] = {'\\', 'u', '0', '0', kHex[(c >> 4) & 0xF], kHex[c & 0xF]};
                m_buf.append(esc, 6);
            }
            }
        }
        m_buf.push_back('"');
    }

    void number(double v)
    {
        if (std::isnan(v)) {
            m_buf.append("\"NaN\"");
        } else if (std::isinf(v)) {
            m_buf.append(v > 0 ? "\"+Inf\"" : "\"-Inf\"");
        } else {
            char tmp[32];
            const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
            m_buf.append(tmp, static_cast<std::size_t>(r.ptr - tmp));
        }
    }

    void integer(std::int64_t v)
    {
        char tmp[24];
        const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
        m_buf.append(tmp, static_cast<std::size_t>(r.ptr - tmp));
    }

    void maybeFlush()
    {
        if (m_out != nullptr && m_buf.size() >= kFlushAt)
            flush();
    }

    void flush()
    {
        if (m_out != nullptr && !m_buf.empty()) {
            std::fwrite(m_buf.data(), 1, m_buf.size(), m_out);
            m_buf.clear();
        }
    }

private:
    static constexpr std::size_t kFlushAt = 1 << 20;
    std::string &m_buf;
    std::FILE *m_out;
};

void writeLabels(JsonSink &j, const ParseResult &r, std::uint32_t begin, std::uint32_t count)
{
    j.ch('{');
    for (std::uint32_t i = 0; i < count; ++i) {
        const LabelView &l = r.labels[begin + i];
        if (i != 0)
            j.ch(',');
        j.string(l.name);
        j.ch(':');
        j.string(l.value);
    }
    j.ch('}');
}

void writeAll(JsonSink &j, const ParseResult &r)
{
    j.ch('[');
    for (std::size_t fi = 0; fi < r.families.size(); ++fi) {
        const FamilyView &f = r.families[fi];
        j.raw(fi == 0 ? "\n{\"name\":" : ",\n{\"name\":");
        j.string(f.name);
        j.raw(",\"type\":");
        j.string(metricTypeName(f.type, r.format));
        j.raw(",\"help\":");
        j.string(f.help);
        if (!f.unit.empty()) {
            j.raw(",\"unit\":");
            j.string(f.unit);
        }
        j.raw(",\"samples\":[");
        for (std::uint32_t si = 0; si < f.sampleCount; ++si) {
            const SampleView &s = r.samples[f.sampleBegin + si];
            j.raw(si == 0 ? "{\"name\":" : ",{\"name\":");
            j.string(s.name);
            j.raw(",\"labels\":");
            writeLabels(j, r, s.labelBegin, s.labelCount);
            j.raw(",\"value\":");
            j.number(s.value);
            if (s.hasTimestamp) {
                j.raw(",\"timestamp_ms\":");
                j.integer(s.timestampMs);
            }
            j.ch('}');
            j.maybeFlush();
        }
        j.raw("]}");
    }
    j.raw(r.families.empty() ? "]\n" : "\n]\n");
}

} // namespace

void writeJson(const ParseResult &result, std::FILE *out)
{
    std::string buf;
    buf.reserve((1 << 20) + 4096);
    JsonSink j(buf, out);
    writeAll(j, result);
}

std::string toJson(const ParseResult &result)
{
    std::string buf;
    {
        JsonSink j(buf);
        writeAll(j, result);
    }
    return buf;
}

std::string summaryLine(const ParseResult &result, double seconds)
{
    const double mbps = seconds > 0 ? static_cast<double>(result.bytes) / 1e6 / seconds : 0.0;
    char line[256];
    std::snprintf(line, sizeof line, "%zu families, %zu series, %llu bytes in %.3f s (%.1f MB/s)",
                  result.families.size(), static_cast<std::size_t>(result.totalSamples()),
                  static_cast<unsigned long long>(result.bytes), seconds, mbps);
    return line;
}

} // namespace vigil::expo

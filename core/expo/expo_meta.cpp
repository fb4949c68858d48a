// Comment and metadata lines (# HELP/TYPE/UNIT/EOF) and the rules deciding which
// metric family a sample belongs to. Runs once per family, not per sample.
#include "core/expo/expo_parser_impl.h"

#include <array>
#include <cstring>
#include <span>

namespace vigil::expo::detail {

namespace {

bool startsWith(const char *p, const char *le, std::string_view word)
{
    return static_cast<std::size_t>(le - p) >= word.size() && std::memcmp(p, word.data(), word.size()) == 0;
}

std::string quoted(std::string_view s)
{
    std::string r;
    r.reserve(s.size() + 2);
    r += '"';
    r += s;
    r += '"';
    return r;
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Suffixes a sample may add to its family name, by family type; a sample whose name
// is the family name always belongs to it. Used to group samples into families only:
// like the Prometheus server, no sample name is rejected for not fitting its TYPE.
bool omSuffixAllowed(MetricType type, std::string_view suffix)
{
    switch (type) {
    case MetricType::Counter:
        return suffix == "_total" || suffix == "_created";
    case MetricType::Histogram:
        return suffix == "_bucket" || suffix == "_count" || suffix == "_sum" || suffix == "_created";
    case MetricType::GaugeHistogram:
        return suffix == "_bucket" || suffix == "_gcount" || suffix == "_gsum";
    case MetricType::Summary:
        return suffix == "_count" || suffix == "_sum" || suffix == "_created";
    case MetricType::Info:
        return suffix == "_info";
    case MetricType::Gauge:
    case MetricType::Untyped:
    case MetricType::StateSet:
        return false;
    }
    return false;
}

bool promSuffixAllowed(MetricType type, std::string_view suffix)
{
    if (type == MetricType::Histogram)
        return suffix == "_bucket" || suffix == "_count" || suffix == "_sum";
    if (type == MetricType::Summary)
        return suffix == "_count" || suffix == "_sum";
    return false;
}

constexpr std::array<std::string_view, 8> kOmSuffixes = {"_total", "_created", "_bucket", "_count",
                                                         "_sum",   "_gcount",  "_gsum",   "_info"};
constexpr std::array<std::string_view, 3> kPromSuffixes = {"_bucket", "_sum", "_count"};

bool belongs(std::string_view sample, std::string_view family, MetricType type, Format format)
{
    if (sample.size() == family.size())
        return sample == family;
    if (sample.size() <= family.size() + 1 || sample[family.size()] != '_'
        || sample.compare(0, family.size(), family) != 0)
        return false;
    const std::string_view suffix = sample.substr(family.size());
    return format == Format::OpenMetrics ? omSuffixAllowed(type, suffix) : promSuffixAllowed(type, suffix);
}

std::optional<MetricType> promType(std::string_view s)
{
    if (s == "counter")
        return MetricType::Counter;
    if (s == "gauge")
        return MetricType::Gauge;
    if (s == "histogram")
        return MetricType::Histogram;
    if (s == "summary")
        return MetricType::Summary;
    if (s == "untyped")
        return MetricType::Untyped;
    return std::nullopt;
}

std::optional<MetricType> omType(std::string_view s)
{
    if (s == "counter")
        return MetricType::Counter;
    if (s == "gauge")
        return MetricType::Gauge;
    if (s == "histogram")
        return MetricType::Histogram;
    if (s == "gaugehistogram")
        return MetricType::GaugeHistogram;
    if (s == "summary")
        return MetricType::Summary;
    if (s == "info")
        return MetricType::Info;
    if (s == "stateset")
        return MetricType::StateSet;
    if (s == "unknown")
        return MetricType::Untyped;
    return std::nullopt;
}

} // namespace

void Parser::startFamily(std::string_view name)
{
    FamilyView f;
    f.name = name;
    f.sampleBegin = static_cast<std::uint32_t>(m_out.totalSamples());
    if (!m_meta.empty()) {
        const auto it = m_meta.find(name);
        if (it != m_meta.end()) {
            f.type = it->second.type;
            f.help = it->second.help;
            f.hasHelp = it->second.hasHelp;
            f.unit = it->second.unit;
        }
    }
    m_cur = static_cast<std::uint32_t>(m_out.families.size());
    m_out.families.push_back(f);
    m_lastName = {};
}

void Parser::setMeta(std::string_view name, const Meta &m)
{
    // A HELP/TYPE/UNIT line updates the entry of its name that is still waiting for
    // samples (a repeated line wins over the earlier one). Otherwise, as after that
    // name's samples or another family, it starts a new entry, which later samples of
    // the name join: the Prometheus server accepts repeated and late metadata.
    if (m_cur == kNoFamily || m_out.families[m_cur].name != name || m_out.families[m_cur].sampleCount != 0) {
        startFamily(name);
        return;
    }
    FamilyView &f = m_out.families[m_cur];
    f.type = m.type;
    f.help = m.help;
    f.hasHelp = m.hasHelp;
    f.unit = m.unit;
}

std::string_view Parser::unescapeHelp(std::string_view text, bool quotes)
{
    if (text.find('\\') == std::string_view::npos)
        return text;
    char *dst = m_out.allocate(text.size());
    char *w = dst;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size()) {
            const char n = text[i + 1];
            if (n == '\\' || (quotes && n == '"')) {
                *w++ = n;
                ++i;
                continue;
            }
            if (n == 'n') {
                *w++ = '\n';
                ++i;
                continue;
            }
        }
        *w++ = c;
    }
    return {dst, static_cast<std::size_t>(w - dst)};
}

bool Parser::parsePromComment(const char *p, const char *le)
{
    // "#" not followed by blanks, or not by HELP/TYPE and a blank, is a plain comment.
    const char *q = p + 1;
    if (!is(*q, kSpace))
        return true;
    while (is(*q, kSpace))
        ++q;
    const bool help = startsWith(q, le, "HELP") && is(q[4], kSpace);
    const bool type = !help && startsWith(q, le, "TYPE") && is(q[4], kSpace);
    if (!help && !type)
        return true;
    q += 4;
    while (is(*q, kSpace))
        ++q;
    const char *nameAt = q;
    if (!is(*q, kNameFirst))
        return fail(q, help ? "expected metric name after HELP" : "expected metric name after TYPE");
    ++q;
    while (is(*q, kName))
        ++q;
    const std::string_view name(nameAt, static_cast<std::size_t>(q - nameAt));
    if (q != le && !is(*q, kSpace))
        return fail(q, "invalid metric name");
    // Prometheus takes the text after exactly one blank.
    const char *textAt = q == le ? q : q + 1;
    const std::string_view text(textAt, static_cast<std::size_t>(le - textAt));

    Meta &meta = m_meta[name];
    if (help) {
        if (!validUtf8(text))
            return fail(textAt, "help text is not valid UTF-8");
        meta.hasHelp = true;
        meta.help = unescapeHelp(text, false);
    } else {
        const auto t = promType(text);
        if (!t)
            return fail(textAt, "invalid metric type " + quoted(text));
        meta.hasType = true;
        meta.type = *t;
    }
    setMeta(name, meta);
    return true;
}

bool Parser::parseOmComment(const char *p, const char *le)
{
    if (le - p == 5 && std::memcmp(p, "# EOF", 5) == 0) {
        m_sawEof = true;
        return true;
    }
    enum { Help, Type, Unit } kind;
    if (startsWith(p, le, "# HELP "))
        kind = Help;
    else if (startsWith(p, le, "# TYPE "))
        kind = Type;
    else if (startsWith(p, le, "# UNIT "))
        kind = Unit;
    else if (startsWith(p, le, "# EOF"))
        return fail(p + 5, "unexpected text after # EOF");
    else
        return fail(p, "invalid comment: OpenMetrics allows only # HELP, # TYPE, # UNIT and # EOF");
    const char *q = p + 7;
    const char *nameAt = q;
    if (!is(*q, kNameFirst))
        return fail(q, "invalid metric name");
    ++q;
    while (is(*q, kName))
        ++q;
    const std::string_view name(nameAt, static_cast<std::size_t>(q - nameAt));
    if (*q != ' ')
        return fail(q, q == le ? "expected space and text after metric name" : "invalid metric name");
    const char *textAt = q + 1;
    const std::string_view text(textAt, static_cast<std::size_t>(le - textAt));

    Meta &meta = m_meta[name];
    switch (kind) {
    case Help:
        if (!validUtf8(text))
            return fail(textAt, "help text is not valid UTF-8");
        meta.hasHelp = true;
        meta.help = unescapeHelp(text, true);
        break;
    case Type: {
        const auto t = omType(text);
        if (!t)
            return fail(textAt, "invalid metric type " + quoted(text));
        meta.hasType = true;
        meta.type = *t;
        break;
    }
    case Unit:
        // The Prometheus OpenMetrics parser checks this one too.
        if (!text.empty()
            && (name.size() <= text.size() || !endsWith(name, text) || name[name.size() - text.size() - 1] != '_'))
            return fail(textAt, "unit " + quoted(text) + " is not a suffix of metric name " + quoted(name));
        meta.unit = text;
        break;
    }
    setMeta(name, meta);
    return true;
}

void Parser::resolveFamily(std::string_view name)
{
    if (m_cur != kNoFamily) {
        const FamilyView &f = m_out.families[m_cur];
        if (belongs(name, f.name, f.type, m_format)) {
            m_lastName = name;
            return;
        }
    }
    // A new family entry: x_bucket (x_total, ...) joins x when x's TYPE has that
    // suffix; otherwise the sample name is the family name (with any metadata of it).
    std::string_view familyName = name;
    const auto suffixes = m_format == Format::OpenMetrics ? std::span<const std::string_view>(kOmSuffixes)
                                                          : std::span<const std::string_view>(kPromSuffixes);
    if (!m_meta.empty()) {
        for (const std::string_view suffix : suffixes) {
            if (name.size() <= suffix.size() || !endsWith(name, suffix))
                continue;
            const std::string_view base = name.substr(0, name.size() - suffix.size());
            const auto it = m_meta.find(base);
            if (it != m_meta.end() && it->second.hasType && belongs(name, base, it->second.type, m_format)) {
                familyName = base;
                break;
            }
        }
    }
    startFamily(familyName);
    m_lastName = name;
}

} // namespace vigil::expo::detail

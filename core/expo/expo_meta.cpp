// Comment and metadata lines (# HELP/TYPE/UNIT/EOF) and the rules deciding which
// metric family a sample belongs to. Runs once per family, not per sample.
#include "core/expo/expo_parser_impl.h"

#include <array>
#include <cstring>

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

// Suffixes an OpenMetrics sample may add to its family name, by family type.
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

bool omBareNameAllowed(MetricType type)
{
    return type == MetricType::Gauge || type == MetricType::Untyped || type == MetricType::Summary
        || type == MetricType::StateSet;
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

bool belongs(std::string_view sample, std::string_view family, MetricType type, Format format)
{
    if (sample.size() == family.size())
        return sample == family && (format != Format::OpenMetrics || omBareNameAllowed(type));
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

void Parser::startFamily(std::string_view name, MetricType type)
{
    if (m_format != Format::OpenMetrics && m_cur != kNoFamily && m_out.families[m_cur].sampleCount > 0)
        m_promMeta[m_out.families[m_cur].name].hadSamples = true;
    FamilyView f;
    f.name = name;
    f.type = type;
    f.sampleBegin = static_cast<std::uint32_t>(m_out.totalSamples());
    m_cur = static_cast<std::uint32_t>(m_out.families.size());
    m_out.families.push_back(f);
    m_lastName = {};
    m_curHasType = m_curHasHelp = m_curHasUnit = false;
    m_curNeedsShapeCheck = false;
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

    PromMeta &meta = m_promMeta[name];
    const bool isCur = m_cur != kNoFamily && m_out.families[m_cur].name == name;
    if (help) {
        if (meta.hasHelp)
            return fail(nameAt, "second HELP line for metric name " + quoted(name));
        if (!validUtf8(text))
            return fail(textAt, "help text is not valid UTF-8");
        meta.hasHelp = true;
        meta.help = unescapeHelp(text, false);
    } else {
        const auto t = promType(text);
        if (!t)
            return fail(textAt, "invalid metric type " + quoted(text));
        if (meta.hasType)
            return fail(nameAt, "second TYPE line for metric name " + quoted(name));
        if (meta.hadSamples || (isCur && m_out.families[m_cur].sampleCount > 0))
            return fail(nameAt, "TYPE line for metric name " + quoted(name) + " after its samples");
        meta.hasType = true;
        meta.type = *t;
    }
    if (!isCur) {
        // Re-read: startFamily may insert into m_promMeta and invalidate `meta`.
        startFamily(name, MetricType::Untyped);
    }
    const PromMeta &m = m_promMeta[name];
    FamilyView &f = m_out.families[m_cur];
    f.type = m.type;
    f.help = m.help;
    f.hasHelp = m.hasHelp;
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

    if (m_cur != kNoFamily && m_out.families[m_cur].name == name) {
        if (m_out.families[m_cur].sampleCount > 0)
            return fail(p, "metadata for metric family " + quoted(name) + " after its samples");
    } else {
        if (m_omSeen.count(name) != 0)
            return fail(nameAt, "metric family " + quoted(name) + " is interleaved with another family");
        startFamily(name, MetricType::Untyped);
        m_omSeen.emplace(name, m_cur);
    }
    FamilyView &f = m_out.families[m_cur];
    switch (kind) {
    case Help:
        if (m_curHasHelp)
            return fail(p, "second HELP line for metric family " + quoted(name));
        if (!validUtf8(text))
            return fail(textAt, "help text is not valid UTF-8");
        m_curHasHelp = true;
        f.help = unescapeHelp(text, true);
        f.hasHelp = true;
        break;
    case Type: {
        if (m_curHasType)
            return fail(p, "second TYPE line for metric family " + quoted(name));
        const auto t = omType(text);
        if (!t)
            return fail(textAt, "invalid metric type " + quoted(text));
        m_curHasType = true;
        f.type = *t;
        m_curNeedsShapeCheck = *t == MetricType::Histogram || *t == MetricType::GaugeHistogram
                            || *t == MetricType::StateSet;
        break;
    }
    case Unit:
        if (m_curHasUnit)
            return fail(p, "second UNIT line for metric family " + quoted(name));
        if (!text.empty()
            && (name.size() <= text.size() || !endsWith(name, text) || name[name.size() - text.size() - 1] != '_'))
            return fail(textAt, "unit " + quoted(text) + " is not a suffix of metric name " + quoted(name));
        m_curHasUnit = true;
        f.unit = text;
        break;
    }
    return true;
}

bool Parser::resolveFamily(std::string_view name, const char *at)
{
    if (m_cur != kNoFamily) {
        const FamilyView &f = m_out.families[m_cur];
        if (belongs(name, f.name, f.type, m_format)) {
            m_lastName = name;
            return true;
        }
    }
    if (m_format == Format::OpenMetrics)
        return resolveOmFamily(name, at);
    return resolvePromFamily(name);
}

bool Parser::resolvePromFamily(std::string_view name)
{
    // x_bucket/_sum/_count join family x when x was TYPEd histogram/summary.
    std::string_view familyName = name;
    for (std::string_view suffix : {std::string_view("_bucket"), std::string_view("_sum"), std::string_view("_count")}) {
        if (name.size() <= suffix.size() || !endsWith(name, suffix))
            continue;
        const std::string_view base = name.substr(0, name.size() - suffix.size());
        const auto it = m_promMeta.find(base);
        if (it != m_promMeta.end() && it->second.hasType && promSuffixAllowed(it->second.type, suffix)) {
            familyName = base;
            break;
        }
    }
    startFamily(familyName, MetricType::Untyped);
    const auto it = m_promMeta.find(familyName);
    if (it != m_promMeta.end()) {
        FamilyView &f = m_out.families[m_cur];
        f.type = it->second.type;
        f.help = it->second.help;
        f.hasHelp = it->second.hasHelp;
    }
    m_lastName = name;
    return true;
}

bool Parser::resolveOmFamily(std::string_view name, const char *at)
{
    std::string_view base = name;
    for (std::string_view suffix : kOmSuffixes) {
        if (name.size() > suffix.size() && endsWith(name, suffix)) {
            base = name.substr(0, name.size() - suffix.size());
            break;
        }
    }
    if (m_cur != kNoFamily) {
        const FamilyView &f = m_out.families[m_cur];
        if (name == f.name || base == f.name) {
            return fail(at, "sample name " + quoted(name) + " does not match the type of metric family "
                                + quoted(f.name) + " ("
                                + std::string(metricTypeName(f.type, Format::OpenMetrics)) + ')');
        }
    }
    auto interleaved = [&](std::string_view family) {
        return fail(at, "metric family " + quoted(family) + " is interleaved with another family");
    };
    if (m_omSeen.count(name) != 0)
        return interleaved(name);
    if (base != name) {
        const auto it = m_omSeen.find(base);
        if (it != m_omSeen.end() && belongs(name, base, m_out.families[it->second].type, Format::OpenMetrics))
            return interleaved(base);
    }
    startFamily(name, MetricType::Untyped);
    m_omSeen.emplace(name, m_cur);
    m_lastName = name;
    return true;
}

bool Parser::checkOmSampleShape(const SampleView &s, const char *at)
{
    const FamilyView &f = m_out.families[m_cur];
    auto hasLabel = [&](std::string_view label) {
        for (std::uint32_t i = 0; i < s.labelCount; ++i) {
            if (m_out.labels[s.labelBegin + i].name == label)
                return true;
        }
        return false;
    };
    if (f.type == MetricType::StateSet) {
        if (!hasLabel(f.name))
            return fail(at, "stateset sample without label " + quoted(f.name));
        return true;
    }
    if (endsWith(s.name, "_bucket") && !hasLabel("le"))
        return fail(at, "histogram bucket without label \"le\"");
    return true;
}

} // namespace vigil::expo::detail

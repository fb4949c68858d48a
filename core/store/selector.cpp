#include "core/store/selector.h"

#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <optional>

namespace vigil {

namespace {

struct Parsed
{
    std::vector<LabelMatcher> matchers;
    std::vector<QRegularExpression> regexes; // parallel to matchers; used for =~ and !~
};

constexpr std::string_view kNameLabel = "__name__";

bool isNameStart(char c, bool metric)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metric && c == ':');
}

bool isNameChar(char c, bool metric)
{
    return isNameStart(c, metric) || (c >= '0' && c <= '9');
}

bool isMetricName(std::string_view s)
{
    if (s.empty() || !isNameStart(s[0], true))
        return false;
    return std::all_of(s.begin() + 1, s.end(), [](char c) { return isNameChar(c, true); });
}

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xc0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += char(0xe0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    } else {
        out += char(0xf0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3f));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    }
}

QRegularExpression compileAnchored(const std::string &re)
{
    // Prometheus anchors as ^(?s:re)$: '.' also matches a newline.
    QRegularExpression rx(QRegularExpression::anchoredPattern(QString::fromStdString(re)),
                          QRegularExpression::DotMatchesEverythingOption);
    return rx;
}

bool matchValue(const LabelMatcher &m, const QRegularExpression &rx, std::string_view value)
{
    switch (m.op) {
    case LabelMatcher::Op::Equal:
        return value == m.value;
    case LabelMatcher::Op::NotEqual:
        return value != m.value;
    case LabelMatcher::Op::Regex:
    case LabelMatcher::Op::NotRegex: {
        const bool hit = rx.match(QString::fromUtf8(value.data(), qsizetype(value.size()))).hasMatch();
        return m.op == LabelMatcher::Op::Regex ? hit : !hit;
    }
    }
    return false;
}

class Parser
{
public:
    explicit Parser(std::string_view text) : m_text(text) {}

    Result<Parsed> run();

private:
    Error fail(std::size_t pos, std::string_view what) const
    {
        return Error{"col " + std::to_string(pos + 1) + ": " + std::string(what)};
    }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    void skipWs()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }
    std::string_view name(bool metric)
    {
        const std::size_t start = m_pos;
        if (atEnd() || !isNameStart(peek(), metric))
            return {};
        while (!atEnd() && isNameChar(peek(), metric))
            ++m_pos;
        return m_text.substr(start, m_pos - start);
    }
    std::optional<Error> quoted(std::string &out);
    std::optional<Error> escape(std::string &out);
    std::optional<Error> braces(Parsed &impl, bool haveName);

    std::string_view m_text;
    std::size_t m_pos = 0;
};

std::optional<Error> Parser::escape(std::string &out)
{
    const std::size_t at = m_pos - 1; // the backslash
    if (atEnd())
        return fail(at, "unterminated escape sequence");
    const char c = m_text[m_pos++];
    auto hexDigits = [&](int n) -> std::optional<char32_t> {
        char32_t v = 0;
        for (int i = 0; i < n; ++i) {
            if (atEnd())
                return std::nullopt;
            const char h = m_text[m_pos];
            int digit = -1;
            if (h >= '0' && h <= '9')
                digit = h - '0';
            else if (h >= 'a' && h <= 'f')
                digit = h - 'a' + 10;
            else if (h >= 'A' && h <= 'F')
                digit = h - 'A' + 10;
            if (digit < 0)
                return std::nullopt;
            v = v * 16 + char32_t(digit);
            ++m_pos;
        }
        return v;
    };
    switch (c) {
    case 'a': out += '\a'; return std::nullopt;
    case 'b': out += '\b'; return std::nullopt;
    case 'f': out += '\f'; return std::nullopt;
    case 'n': out += '\n'; return std::nullopt;
    case 'r': out += '\r'; return std::nullopt;
    case 't': out += '\t'; return std::nullopt;
    case 'v': out += '\v'; return std::nullopt;
    case '\\': case '"': case '\'': out += c; return std::nullopt;
    case 'x': {
        const auto v = hexDigits(2);
        if (!v)
            return fail(at, "invalid \\x escape: expected 2 hex digits");
        out += char(*v); // a raw byte, as in Go
        return std::nullopt;
    }
    case 'u':
    case 'U': {
        const auto v = hexDigits(c == 'u' ? 4 : 8);
        if (!v || *v > 0x10ffff || (*v >= 0xd800 && *v <= 0xdfff))
            return fail(at, c == 'u' ? "invalid \\u escape: expected 4 hex digits"
                                     : "invalid \\U escape: expected 8 hex digits");
        appendUtf8(out, *v);
        return std::nullopt;
    }
    default:
        if (c >= '0' && c <= '7') {
            int v = c - '0';
            for (int i = 0; i < 2; ++i) {
                if (atEnd() || m_text[m_pos] < '0' || m_text[m_pos] > '7')
                    return fail(at, "invalid octal escape: expected 3 octal digits");
                v = v * 8 + (m_text[m_pos++] - '0');
            }
            if (v > 255)
                return fail(at, "octal escape value > 255");
            out += char(v);
            return std::nullopt;
        }
        return fail(at, std::string("unknown escape sequence '\\") + c + "'");
    }
}

std::optional<Error> Parser::quoted(std::string &out)
{
    const std::size_t open = m_pos;
    const char q = peek();
    if (q != '"' && q != '\'' && q != '`')
        return fail(m_pos, "expected a quoted string");
    ++m_pos;
    for (;;) {
        if (atEnd())
            return fail(open, "unterminated quoted string");
        const char c = m_text[m_pos++];
        if (c == q)
            return std::nullopt;
        if (q == '`') {
            out += c; // raw string: no escapes
        } else if (c == '\\') {
            if (auto err = escape(out))
                return err;
        } else if (c == '\n') {
            return fail(m_pos - 1, "newline in quoted string");
        } else {
            out += c;
        }
    }
}

std::optional<Error> Parser::braces(Parsed &impl, bool haveName)
{
    ++m_pos; // '{'
    for (;;) {
        skipWs();
        if (atEnd())
            return fail(m_pos, "expected label name or '}'");
        if (peek() == '}') {
            ++m_pos;
            return std::nullopt;
        }
        LabelMatcher m;
        const std::size_t nameAt = m_pos;
        m.name = std::string(name(false));
        if (m.name.empty())
            return fail(m_pos, "expected label name or '}'");
        if (haveName && m.name == kNameLabel)
            return fail(nameAt, "metric name must not be set twice");
        skipWs();
        if (m_text.substr(m_pos, 2) == "=~") {
            m.op = LabelMatcher::Op::Regex;
            m_pos += 2;
        } else if (m_text.substr(m_pos, 2) == "!~") {
            m.op = LabelMatcher::Op::NotRegex;
            m_pos += 2;
        } else if (m_text.substr(m_pos, 2) == "!=") {
            m.op = LabelMatcher::Op::NotEqual;
            m_pos += 2;
        } else if (peek() == '=') {
            m.op = LabelMatcher::Op::Equal;
            m_pos += 1;
        } else {
            return fail(m_pos, "expected one of '=', '!=', '=~', '!~'");
        }
        skipWs();
        const std::size_t valueAt = m_pos;
        if (auto err = quoted(m.value))
            return err;
        QRegularExpression rx;
        if (m.op == LabelMatcher::Op::Regex || m.op == LabelMatcher::Op::NotRegex) {
            rx = compileAnchored(m.value);
            if (!rx.isValid())
                return fail(valueAt, "invalid regular expression: " + rx.errorString().toStdString());
            rx.optimize();
        }
        impl.matchers.push_back(std::move(m));
        impl.regexes.push_back(std::move(rx));
        skipWs();
        if (peek() == ',') {
            ++m_pos;
            continue;
        }
        if (peek() == '}') {
            ++m_pos;
            return std::nullopt;
        }
        return fail(m_pos, "expected ',' or '}'");
    }
}

Result<Parsed> Parser::run()
{
    Parsed impl;
    skipWs();
    const std::size_t start = m_pos;
    bool haveName = false;
    if (!atEnd() && isNameStart(peek(), true)) {
        impl.matchers.push_back({std::string(kNameLabel), LabelMatcher::Op::Equal, std::string(name(true))});
        impl.regexes.emplace_back();
        haveName = true;
        skipWs();
    }
    if (peek() == '{') {
        if (auto err = braces(impl, haveName))
            return *err;
        skipWs();
    } else if (!haveName) {
        return fail(m_pos, "expected metric name or '{'");
    }
    if (!atEnd())
        return fail(m_pos, std::string("unexpected '") + peek() + "' after selector");

    const bool anyNonEmpty = std::any_of(impl.matchers.begin(), impl.matchers.end(), [&](const LabelMatcher &m) {
        const std::size_t i = std::size_t(&m - impl.matchers.data());
        return !matchValue(m, impl.regexes[i], std::string_view());
    });
    if (!anyNonEmpty)
        return fail(start, "vector selector must contain at least one non-empty matcher");
    return impl;
}

void appendQuoted(std::string &out, const std::string &v)
{
    out += '"';
    for (const char c : v) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '"': out += "\\\""; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: out += c;
        }
    }
    out += '"';
}

const char *opText(LabelMatcher::Op op)
{
    switch (op) {
    case LabelMatcher::Op::Equal: return "=";
    case LabelMatcher::Op::NotEqual: return "!=";
    case LabelMatcher::Op::Regex: return "=~";
    case LabelMatcher::Op::NotRegex: return "!~";
    }
    return "=";
}

} // namespace

struct Selector::Impl : Parsed
{
};

Selector::Selector() : d(std::make_shared<const Impl>()) {}
Selector::~Selector() = default;
Selector::Selector(const Selector &) = default;
Selector &Selector::operator=(const Selector &) = default;
// A moved-from selector stays valid (no matchers) rather than holding null.
Selector::Selector(Selector &&other) noexcept : d(other.d) {}
Selector &Selector::operator=(Selector &&other) noexcept
{
    d = other.d;
    return *this;
}

Result<Selector> Selector::parse(std::string_view text)
{
    Parser p(text);
    auto r = p.run();
    if (!r.ok())
        return r.error();
    Selector s;
    s.d = std::make_shared<const Impl>(Impl{std::move(r.value())});
    return s;
}

const std::vector<LabelMatcher> &Selector::matchers() const
{
    return d->matchers;
}

bool Selector::matcherMatches(std::size_t index, std::string_view value) const
{
    if (index >= d->matchers.size())
        return false;
    return matchValue(d->matchers[index], d->regexes[index], value);
}

namespace {

template <typename L>
bool matchesAll(const Selector &sel, std::string_view metric, std::span<const L> labels)
{
    const auto &ms = sel.matchers();
    for (std::size_t i = 0; i < ms.size(); ++i) {
        std::string_view value;
        if (ms[i].name == kNameLabel) {
            value = metric;
        } else {
            for (const L &l : labels) {
                if (std::string_view(l.name) == ms[i].name) {
                    value = l.value;
                    break;
                }
            }
        }
        if (!sel.matcherMatches(i, value))
            return false;
    }
    return true;
}

} // namespace

bool Selector::matches(std::string_view metric, std::span<const Label> labels) const
{
    return matchesAll(*this, metric, labels);
}

bool Selector::matches(std::string_view metric, std::span<const LabelView> labels) const
{
    return matchesAll(*this, metric, labels);
}

std::string Selector::toString() const
{
    const auto &ms = d->matchers;
    std::string out;
    std::size_t nameIdx = ms.size();
    for (std::size_t i = 0; i < ms.size(); ++i) {
        if (ms[i].name == kNameLabel && ms[i].op == LabelMatcher::Op::Equal && isMetricName(ms[i].value)) {
            nameIdx = i;
            break;
        }
    }
    if (nameIdx < ms.size())
        out = ms[nameIdx].value;
    if (ms.size() == (nameIdx < ms.size() ? 1u : 0u))
        return out;
    out += '{';
    bool first = true;
    for (std::size_t i = 0; i < ms.size(); ++i) {
        if (i == nameIdx)
            continue;
        if (!first)
            out += ',';
        first = false;
        out += ms[i].name;
        out += opText(ms[i].op);
        appendQuoted(out, ms[i].value);
    }
    out += '}';
    return out;
}

} // namespace vigil

#include "models/event_filter.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace vigil {

namespace {

char foldAscii(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

std::string foldedUtf8(const QString &s)
{
    std::string out = s.toStdString();
    for (char &c : out)
        c = foldAscii(c);
    return out;
}

QString tr(const char *text) { return QCoreApplication::translate("vigil::EventFilter", text); }

Error errorAt(qsizetype index, const QString &message)
{
    return Error{QStringLiteral("col %1: %2").arg(index + 1).arg(message).toStdString()};
}

bool isOpChar(QChar c)
{
    return c == QLatin1Char('=') || c == QLatin1Char('!') || c == QLatin1Char('<') || c == QLatin1Char('>')
        || c == QLatin1Char('~');
}

bool isIdentChar(QChar c) { return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_'); }

struct FieldAlias
{
    const char *name;
    EventFilter::Field field;
};
constexpr FieldAlias kFields[] = {
    {"priority", EventFilter::Field::Priority}, {"prio", EventFilter::Field::Priority},
    {"latency", EventFilter::Field::Latency},   {"lat", EventFilter::Field::Latency},
    {"queue", EventFilter::Field::Queue},       {"node", EventFilter::Field::Node},
    {"id", EventFilter::Field::Id},             {"message", EventFilter::Field::Message},
    {"msg", EventFilter::Field::Message},       {"severity", EventFilter::Field::Severity},
    {"sev", EventFilter::Field::Severity},      {"source", EventFilter::Field::Source},
    {"src", EventFilter::Field::Source},
};

bool isOrdering(EventFilter::Op op)
{
    return op == EventFilter::Op::Lt || op == EventFilter::Op::Le || op == EventFilter::Op::Gt
        || op == EventFilter::Op::Ge;
}

template <typename T>
bool compare(EventFilter::Op op, T a, T b)
{
    switch (op) {
    case EventFilter::Op::Eq: return a == b;
    case EventFilter::Op::Ne: return a != b;
    case EventFilter::Op::Lt: return a < b;
    case EventFilter::Op::Le: return a <= b;
    case EventFilter::Op::Gt: return a > b;
    case EventFilter::Op::Ge: return a >= b;
    default: break;
    }
    return false;
}

// Reads a "..." value starting at text[pos] == '"'; pos ends after the closing quote.
Result<QString> readQuoted(const QString &text, qsizetype &pos)
{
    const qsizetype open = pos++;
    QString out;
    while (pos < text.size()) {
        const QChar c = text.at(pos);
        if (c == QLatin1Char('"')) {
            ++pos;
            return out;
        }
        if (c == QLatin1Char('\\') && pos + 1 < text.size()
            && (text.at(pos + 1) == QLatin1Char('"') || text.at(pos + 1) == QLatin1Char('\\'))) {
            out.append(text.at(pos + 1));
            pos += 2;
            continue;
        }
        out.append(c);
        ++pos;
    }
    return errorAt(open, QCoreApplication::translate("vigil::EventFilter", "unterminated quote"));
}

// Reads /re/ starting at text[pos] == '/'; `\/` stands for a slash inside.
Result<QString> readRegex(const QString &text, qsizetype &pos)
{
    const qsizetype open = pos++;
    QString out;
    while (pos < text.size()) {
        const QChar c = text.at(pos);
        if (c == QLatin1Char('/')) {
            ++pos;
            return out;
        }
        if (c == QLatin1Char('\\') && pos + 1 < text.size() && text.at(pos + 1) == QLatin1Char('/')) {
            out.append(QLatin1Char('/'));
            pos += 2;
            continue;
        }
        out.append(c);
        ++pos;
    }
    return errorAt(open, QCoreApplication::translate("vigil::EventFilter", "unterminated regex (missing closing /)"));
}

std::optional<std::int64_t> parseLatencyNs(const QString &value)
{
    static const QRegularExpression re(
        QStringLiteral("^(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|ms|s)$"));
    const QRegularExpressionMatch m = re.match(value);
    if (!m.hasMatch())
        return std::nullopt;
    const double number = m.captured(1).toDouble();
    const QString unit = m.captured(2);
    double scale = 1;
    if (unit == QLatin1String("us") || unit == QStringLiteral("\u00b5s"))
        scale = 1e3;
    else if (unit == QLatin1String("ms"))
        scale = 1e6;
    else if (unit == QLatin1String("s"))
        scale = 1e9;
    const double ns = number * scale;
    if (!std::isfinite(ns) || ns > 9.2e18)
        return std::nullopt;
    return std::llround(ns);
}

} // namespace

bool containsFolded(std::string_view haystack, std::string_view lowerNeedle)
{
    if (lowerNeedle.empty())
        return true;
    if (lowerNeedle.size() > haystack.size())
        return false;
    const auto it = std::search(haystack.begin(), haystack.end(), lowerNeedle.begin(), lowerNeedle.end(),
                                [](char a, char b) { return foldAscii(a) == b; });
    return it != haystack.end();
}

bool equalsFolded(std::string_view value, std::string_view lowerNeedle)
{
    return value.size() == lowerNeedle.size()
        && std::equal(value.begin(), value.end(), lowerNeedle.begin(),
                      [](char a, char b) { return foldAscii(a) == b; });
}

const char *EventFilter::fieldName(Field field)
{
    switch (field) {
    case Field::Priority: return "priority";
    case Field::Latency: return "latency";
    case Field::Queue: return "queue";
    case Field::Node: return "node";
    case Field::Id: return "id";
    case Field::Message: return "message";
    case Field::Severity: return "severity";
    case Field::Source: return "source";
    case Field::Text: break;
    }
    return "text";
}

Result<EventFilter> EventFilter::parse(const QString &text)
{
    EventFilter filter;
    qsizetype pos = 0;
    const qsizetype n = text.size();
    while (pos < n) {
        if (text.at(pos).isSpace()) {
            ++pos;
            continue;
        }
        const qsizetype start = pos;
        Predicate p;
        p.column = int(start + 1);
        if (text.at(pos) == QLatin1Char('"')) {
            Result<QString> phrase = readQuoted(text, pos);
            if (!phrase.ok())
                return phrase.error();
            if (pos < n && !text.at(pos).isSpace())
                return errorAt(pos, tr("expected a space after the closing quote"));
            p.text = foldedUtf8(*phrase);
            filter.m_predicates.push_back(std::move(p));
            continue;
        }
        while (pos < n && isIdentChar(text.at(pos)))
            ++pos;
        const QString ident = text.mid(start, pos - start);
        if (ident.isEmpty() || pos >= n || !isOpChar(text.at(pos))) {
            // A bare word: message or id contains it.
            pos = start;
            while (pos < n && !text.at(pos).isSpace())
                ++pos;
            p.text = foldedUtf8(text.mid(start, pos - start));
            filter.m_predicates.push_back(std::move(p));
            continue;
        }
        const QString lowerIdent = ident.toLower();
        const auto alias = std::find_if(std::begin(kFields), std::end(kFields),
                                        [&](const FieldAlias &a) { return lowerIdent == QLatin1String(a.name); });
        if (alias == std::end(kFields))
            return errorAt(start, tr("unknown field '%1' (fields: priority, latency, queue, node, id, message, "
                                     "severity, source)").arg(ident));
        p.field = alias->field;

        const qsizetype opPos = pos;
        const auto takeOp = [&](const char *s) {
            const QLatin1String op(s);
            if (text.mid(pos, op.size()) != op)
                return false;
            pos += op.size();
            return true;
        };
        if (takeOp("!=")) p.op = Op::Ne;
        else if (takeOp("!~")) p.op = Op::NotContains;
        else if (takeOp("<=")) p.op = Op::Le;
        else if (takeOp(">=")) p.op = Op::Ge;
        else if (takeOp("==")) p.op = Op::Eq;
        else if (takeOp("=")) p.op = Op::Eq;
        else if (takeOp("<")) p.op = Op::Lt;
        else if (takeOp(">")) p.op = Op::Gt;
        else if (takeOp("~")) p.op = Op::Contains;
        else return errorAt(opPos, tr("unknown operator (use = != < <= > >= ~ !~)"));
        const QString opText = text.mid(opPos, pos - opPos);

        if (pos >= n || text.at(pos).isSpace())
            return errorAt(pos, tr("missing value after '%1'").arg(opText));
        const qsizetype valuePos = pos;
        QString value;
        bool isRegex = false;
        if ((p.op == Op::Contains || p.op == Op::NotContains) && text.at(pos) == QLatin1Char('/')) {
            Result<QString> re = readRegex(text, pos);
            if (!re.ok())
                return re.error();
            value = *re;
            isRegex = true;
        } else if (text.at(pos) == QLatin1Char('"')) {
            Result<QString> quoted = readQuoted(text, pos);
            if (!quoted.ok())
                return quoted.error();
            value = *quoted;
        } else {
            while (pos < n && !text.at(pos).isSpace())
                ++pos;
            value = text.mid(valuePos, pos - valuePos);
        }
        if (pos < n && !text.at(pos).isSpace())
            return errorAt(pos, tr("expected a space after the value"));

        switch (p.field) {
        case Field::Priority: {
            if (p.op == Op::Contains || p.op == Op::NotContains)
                return errorAt(opPos, tr("priority takes = != < <= > >=, not '%1'").arg(opText));
            const QString v = value.toLower();
            const char *names[] = {"critical", "high", "medium", "low"};
            const auto it = std::find_if(std::begin(names), std::end(names),
                                         [&](const char *name) { return v == QLatin1String(name); });
            if (it == std::end(names))
                return errorAt(valuePos, tr("unknown priority '%1' (critical, high, medium, low)").arg(value));
            p.number = it - std::begin(names);
            break;
        }
        case Field::Latency: {
            if (p.op == Op::Contains || p.op == Op::NotContains)
                return errorAt(opPos, tr("latency takes = != < <= > >=, not '%1'").arg(opText));
            const std::optional<std::int64_t> ns = parseLatencyNs(value);
            if (!ns)
                return errorAt(valuePos, tr("latency needs a number and a unit: ns, us, ms or s (like 2.5ms), "
                                            "not '%1'").arg(value));
            p.number = *ns;
            break;
        }
        default:
            if (isOrdering(p.op))
                return errorAt(opPos, tr("'%1' compares priority or latency only; text fields take = != ~ !~")
                                          .arg(opText));
            if (isRegex) {
                p.op = p.op == Op::Contains ? Op::Regex : Op::NotRegex;
                p.regex = QRegularExpression(value);
                if (!p.regex.isValid())
                    return errorAt(valuePos + 1 + std::max<qsizetype>(0, p.regex.patternErrorOffset()),
                                   tr("invalid regex: %1").arg(p.regex.errorString()));
                p.regex.optimize();
            } else {
                p.text = foldedUtf8(value);
            }
            break;
        }
        filter.m_predicates.push_back(std::move(p));
    }
    return filter;
}

bool EventFilter::test(const Predicate &p, const EventRecord &e, std::string_view sourceUrl)
{
    std::string_view value;
    switch (p.field) {
    case Field::Priority: return compare(p.op, std::int64_t(e.priority), p.number);
    case Field::Latency: return e.latencyNs >= 0 && compare(p.op, e.latencyNs, p.number);
    case Field::Text: return containsFolded(e.message, p.text) || containsFolded(e.id, p.text);
    case Field::Queue: value = e.queue; break;
    case Field::Node: value = e.node; break;
    case Field::Id: value = e.id; break;
    case Field::Message: value = e.message; break;
    case Field::Severity: value = e.severity; break;
    case Field::Source: value = sourceUrl; break;
    }
    switch (p.op) {
    case Op::Eq: return equalsFolded(value, p.text);
    case Op::Ne: return !equalsFolded(value, p.text);
    case Op::Contains: return containsFolded(value, p.text);
    case Op::NotContains: return !containsFolded(value, p.text);
    case Op::Regex:
    case Op::NotRegex: {
        const QString s = QString::fromUtf8(value.data(), qsizetype(value.size()));
        return p.regex.match(s).hasMatch() == (p.op == Op::Regex);
    }
    default: break;
    }
    return false;
}

bool EventFilter::matches(const EventRecord &event, std::string_view sourceUrl) const
{
    return std::all_of(m_predicates.begin(), m_predicates.end(),
                       [&](const Predicate &p) { return test(p, event, sourceUrl); });
}

} // namespace vigil

// EventFilter: the Events view's filter language, parsed once and matched against
// every EventRecord the view holds.
//
//   priority<=high queue=realtime message~"timeout" latency>1.5ms source~/7000$/ disk
//
// - Predicates are separated by white space and combined with AND.
// - Fields: priority (prio), latency (lat), queue, node, id, message (msg), severity
//   (sev), source (src: the source URL).
// - priority takes = != < <= > >= with critical|high|medium|low. Priorities are ordered
//   by urgency, critical < high < medium < low, so `<` reads "more urgent than":
//   `priority<=high` is critical or high, `priority>medium` is low.
// - latency takes = != < <= > >= with a number and a unit: ns, us (or µs), ms, s
//   (`latency>=2.5ms`). Events without a latency field never match a latency predicate.
// - Text fields take = and != (whole value, case-insensitive), ~ and !~ (contains,
//   case-insensitive), and ~/re/ or !~/re/ (QRegularExpression: unanchored, case-sensitive
//   unless the pattern starts with (?i); `\/` is a slash inside the pattern).
// - Values may be quoted with "..." (\" and \\ escape); an unquoted value ends at white
//   space. A predicate without an operator (a bare word or a quoted phrase) matches when
//   the message or the id contains it (case-insensitive).
// - Errors are reported as `col N: message` (1-based column of the offending character).
//
// Threads: parse() anywhere; a parsed filter is immutable and matches() is const and
// reentrant (safe from any thread).
#pragma once

#include "core/common/result.h"
#include "core/engine/event_types.h"

#include <QRegularExpression>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

class EventFilter
{
public:
    enum class Field { Priority, Latency, Queue, Node, Id, Message, Severity, Source, Text };
    enum class Op { Eq, Ne, Lt, Le, Gt, Ge, Contains, NotContains, Regex, NotRegex };

    struct Predicate
    {
        Field field = Field::Text;
        Op op = Op::Contains;
        std::string text;            // lower-cased needle (text fields)
        QRegularExpression regex;    // Regex / NotRegex
        std::int64_t number = 0;     // priority as its enum value, latency in ns
        int column = 1;              // where the predicate starts (1-based)
    };

    EventFilter() = default; // matches everything

    // Empty or blank text parses to a filter that matches everything.
    static Result<EventFilter> parse(const QString &text);

    bool isEmpty() const { return m_predicates.empty(); }
    const std::vector<Predicate> &predicates() const { return m_predicates; }

    // sourceUrl: the URL of the event's source (for `source` predicates).
    bool matches(const EventRecord &event, std::string_view sourceUrl = {}) const;

    static const char *fieldName(Field field);

private:
    static bool test(const Predicate &p, const EventRecord &event, std::string_view sourceUrl);

    std::vector<Predicate> m_predicates;
};

// ASCII case-insensitive helpers (UTF-8 bytes above 0x7f compare as they are).
bool containsFolded(std::string_view haystack, std::string_view lowerNeedle);
bool equalsFolded(std::string_view value, std::string_view lowerNeedle);

} // namespace vigil

// EventParser: simdjson On-Demand over each line of a LineBatch, in place.
#include "core/engine/event_parser.h"

#include "core/engine/dedup_window.h"

#include <simdjson.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

namespace vigil {

namespace od = simdjson::SIMDJSON_BUILTIN_IMPLEMENTATION::ondemand;

namespace {

enum Role : std::uint16_t {
    RoleId = 1 << 0,
    RoleTimestamp = 1 << 1,
    RolePriority = 1 << 2,
    RoleQueue = 1 << 3,
    RoleLatency = 1 << 4,
    RoleNode = 1 << 5,
    RoleMessage = 1 << 6,
    RoleSeverity = 1 << 7,
    RoleKey = 1 << 8,
};

od::parser &threadParser()
{
    thread_local od::parser parser;
    return parser;
}

bool isBlank(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

std::string_view trimRight(std::string_view s)
{
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

std::optional<double> numberFromText(std::string_view s)
{
    double v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::int64_t clampToInt64(double v)
{
    if (!(v > -9.2e18))
        return v != v ? 0 : -9'200'000'000'000'000'000;
    if (v > 9.2e18)
        return 9'200'000'000'000'000'000;
    return static_cast<std::int64_t>(v);
}

TimeUnit autoUnit(double magnitude)
{
    magnitude = std::fabs(magnitude);
    if (magnitude >= 1e17)
        return TimeUnit::Nanoseconds;
    if (magnitude >= 1e14)
        return TimeUnit::Microseconds;
    if (magnitude >= 1e11)
        return TimeUnit::Milliseconds;
    return TimeUnit::Seconds;
}

// One value read once: its JSON type and, for strings and numbers, its text.
struct FieldValue
{
    od::json_type type = od::json_type::null;
    TextSpan text;              // string content (unescaped) or the raw number token
    bool isInteger = false;
    std::int64_t integer = 0;
    double number = 0;
};

} // namespace

void ParsedBatch::clear()
{
    for (auto &lane : lanes)
        lane.clear();
    lines = 0;
    malformed = 0;
    lastError = {};
}

std::string plainExcerpt(std::string_view raw)
{
    std::string out(raw.substr(0, 120));
    for (char &c : out) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f)
            c = '.';
    }
    return out;
}

std::optional<Priority> priorityFromNumber(std::int64_t n)
{
    if (n < 0 || n > 7)
        return std::nullopt;
    return static_cast<Priority>(n / 2);
}

std::optional<Priority> priorityFromName(std::string_view name)
{
    const auto eq = [&](std::string_view word) {
        return name.size() == word.size()
            && std::equal(name.begin(), name.end(), word.begin(),
                          [](char a, char b) { return (a | 0x20) == b; });
    };
    if (eq("critical"))
        return Priority::Critical;
    if (eq("high"))
        return Priority::High;
    if (eq("medium"))
        return Priority::Medium;
    if (eq("low"))
        return Priority::Low;
    if (name.size() == 1 && name[0] >= '0' && name[0] <= '7')
        return priorityFromNumber(name[0] - '0');
    return std::nullopt;
}

std::optional<TimeUnit> timeUnitFromName(std::string_view name)
{
    if (name == "ns")
        return TimeUnit::Nanoseconds;
    if (name == "us")
        return TimeUnit::Microseconds;
    if (name == "ms")
        return TimeUnit::Milliseconds;
    if (name == "s")
        return TimeUnit::Seconds;
    if (name == "rfc3339")
        return TimeUnit::Rfc3339;
    if (name == "auto")
        return TimeUnit::Auto;
    return std::nullopt;
}

std::int64_t timestampToNs(double value, TimeUnit unit)
{
    if (unit == TimeUnit::Auto || unit == TimeUnit::Rfc3339)
        unit = autoUnit(value);
    switch (unit) {
    case TimeUnit::Microseconds: return clampToInt64(value * 1e3);
    case TimeUnit::Milliseconds: return clampToInt64(value * 1e6);
    case TimeUnit::Seconds: return clampToInt64(value * 1e9);
    default: return clampToInt64(value);
    }
}

std::int64_t integerTimestampToNs(std::int64_t value, TimeUnit unit)
{
    if (unit == TimeUnit::Auto || unit == TimeUnit::Rfc3339)
        unit = autoUnit(static_cast<double>(value));
    std::int64_t factor = 1;
    switch (unit) {
    case TimeUnit::Microseconds: factor = 1'000; break;
    case TimeUnit::Milliseconds: factor = 1'000'000; break;
    case TimeUnit::Seconds: factor = 1'000'000'000; break;
    default: break;
    }
    std::int64_t out = 0;
    if (__builtin_mul_overflow(value, factor, &out))
        return value < 0 ? -9'200'000'000'000'000'000 : 9'200'000'000'000'000'000;
    return out;
}

std::optional<std::int64_t> parseRfc3339(std::string_view s)
{
    const auto digits = [&](std::size_t pos, std::size_t n, int &out) {
        if (pos + n > s.size())
            return false;
        out = 0;
        for (std::size_t i = pos; i < pos + n; ++i) {
            if (s[i] < '0' || s[i] > '9')
                return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int year, month, day, hour, minute, second;
    if (!digits(0, 4, year) || s.size() < 19 || s[4] != '-' || !digits(5, 2, month) || s[7] != '-'
        || !digits(8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(11, 2, hour)
        || s[13] != ':' || !digits(14, 2, minute) || s[16] != ':' || !digits(17, 2, second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    std::size_t pos = 19;
    std::int64_t fracNs = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        std::int64_t scale = 100'000'000;
        const std::size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            fracNs += (s[pos] - '0') * scale; // digits past ns are ignored
            scale /= 10;
            ++pos;
        }
        if (pos == start)
            return std::nullopt;
    }
    std::int64_t offsetSeconds = 0;
    if (pos >= s.size())
        return std::nullopt;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        const int sign = s[pos] == '-' ? -1 : 1;
        int oh, om;
        if (!digits(pos + 1, 2, oh))
            return std::nullopt;
        std::size_t mpos = pos + 3;
        if (mpos < s.size() && s[mpos] == ':')
            ++mpos;
        if (!digits(mpos, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offsetSeconds = sign * (oh * 3600 + om * 60);
        pos = mpos + 2;
    } else {
        return std::nullopt;
    }
    if (pos != s.size())
        return std::nullopt;
    // Days from civil (Howard Hinnant).
    const int y = year - (month <= 2);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const std::int64_t days = std::int64_t(era) * 146097 + std::int64_t(doe) - 719468;
    const std::int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    return secs * 1'000'000'000 + fracNs;
}

EventParser::EventParser(FieldMapping mapping)
    : m_mapping(std::move(mapping))
{
    m_separateKey = !m_mapping.dedupKey.empty() && m_mapping.dedupKey != m_mapping.id;
}

void EventParser::parse(LineBatch &&batch, ParsedBatch &out) const
{
    const BatchInfo info{batch.sourceId, batch.firstOffset, batch.arrivalNs};
    const std::uint64_t firstLine = batch.firstLine;
    const auto block = adopt(batch);
    parseRange(block, 0, block->bytes.size(), firstLine, info, false, out);
}

std::shared_ptr<EventBlock> EventParser::adopt(LineBatch &batch)
{
    if (batch.bytes.capacity() < batch.bytes.size() + kLinePadding)
        batch.bytes.reserve(batch.bytes.size() + kLinePadding);
    auto block = std::make_shared<EventBlock>();
    block->bytes = std::move(batch.bytes);
    batch.bytes.clear();
    return block;
}

std::uint64_t EventParser::parseRange(const std::shared_ptr<EventBlock> &block, std::size_t begin, std::size_t end,
                                      std::uint64_t firstLine, const BatchInfo &info, bool tail,
                                      ParsedBatch &out) const
{
    const std::string &bytes = block->bytes;
    const char *base = bytes.data();
    const std::size_t size = std::min(end, bytes.size());
    const std::size_t capacity = bytes.capacity();
    const std::int64_t arrival = info.arrivalNs;
    std::string &arena = tail ? block->tailArena : block->arena;
    const std::uint8_t store = tail ? 2 : 1;

    // Field names compared as two zero-padded 8-byte words (names up to 16 bytes; longer
    // ones with memcmp). A key is loaded with 16-byte reads: the batch buffer has
    // kLinePadding (>= 16) bytes after its last line, so the reads stay inside it.
    struct Name
    {
        std::string_view name;
        std::uint16_t role;
        std::uint64_t w0 = 0, w1 = 0;
    };
    std::array<Name, 9> names{{{m_mapping.id, RoleId},
                               {m_mapping.timestamp, RoleTimestamp},
                               {m_mapping.priority, RolePriority},
                               {m_mapping.queue, RoleQueue},
                               {m_mapping.latency, RoleLatency},
                               {m_mapping.node, RoleNode},
                               {m_mapping.message, RoleMessage},
                               {m_mapping.severity, RoleSeverity},
                               {m_separateKey ? std::string_view(m_mapping.dedupKey) : std::string_view(), RoleKey}}};
    // Names of each length (bit i: names[i]); index 17 holds the names longer than 16.
    std::array<std::uint16_t, 18> byLength{};
    for (std::size_t i = 0; i < names.size(); ++i) {
        Name &n = names[i];
        if (n.name.empty())
            continue;
        char buf[16] = {};
        std::memcpy(buf, n.name.data(), std::min<std::size_t>(n.name.size(), 16));
        std::memcpy(&n.w0, buf, 8);
        std::memcpy(&n.w1, buf + 8, 8);
        byLength[std::min<std::size_t>(n.name.size(), 17)] |= static_cast<std::uint16_t>(1u << i);
    }
    const auto quoteOrBackslash = [](std::uint64_t w) {
        // High bit of each byte equal to '"' or '\\' (exact up to the first such byte).
        const auto zero = [](std::uint64_t x) {
            return (x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull;
        };
        return zero(w ^ 0x2222222222222222ull) | zero(w ^ 0x5c5c5c5c5c5c5c5cull);
    };
    const auto roleOf = [&](const char *key) -> std::uint16_t {
        // The raw key runs to the next quote; keys with escapes never match.
        std::uint64_t k0, k1;
        std::memcpy(&k0, key, 8);
        std::memcpy(&k1, key + 8, 8);
        std::size_t len;
        if (const std::uint64_t m = quoteOrBackslash(k0)) {
            len = static_cast<std::size_t>(std::countr_zero(m)) / 8;
        } else if (const std::uint64_t m1 = quoteOrBackslash(k1)) {
            len = 8 + static_cast<std::size_t>(std::countr_zero(m1)) / 8;
        } else {
            len = 16;
            while (key[len] != '"') {
                if (key[len] == '\\' || len > 256)
                    return 0;
                ++len;
            }
        }
        if (key[len] != '"')
            return 0; // a backslash: escaped keys never match
        std::uint16_t candidates = byLength[std::min<std::size_t>(len, 17)];
        if (!candidates)
            return 0;
        if (len <= 16) {
            // Keep the first len bytes (little-endian: the low bytes).
            k0 &= len >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * len)) - 1;
            k1 &= len >= 16 ? ~std::uint64_t{0} : len <= 8 ? 0 : (std::uint64_t{1} << (8 * (len - 8))) - 1;
        }
        std::uint16_t roles = 0;
        while (candidates) {
            const Name &n = names[static_cast<std::size_t>(std::countr_zero(candidates))];
            candidates &= static_cast<std::uint16_t>(candidates - 1);
            if (len <= 16 ? (n.w0 == k0 && n.w1 == k1)
                          : n.name.size() == len && std::memcmp(n.name.data(), key, len) == 0)
                roles |= n.role;
        }
        return roles;
    };

    od::parser &parser = threadParser();
    std::size_t pos = begin;
    std::uint64_t lineNo = firstLine;
    while (pos < size) {
        const void *nl = std::memchr(base + pos, '\n', size - pos);
        const std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char *>(nl) - base) : size;
        const std::string_view line = trimRight(std::string_view(base + pos, end - pos));
        const std::size_t lineStart = pos;
        const std::uint64_t thisLine = lineNo;
        pos = end + 1;
        ++lineNo;
        if (isBlank(line))
            continue;
        ++out.lines;

        const char *error = nullptr;
        ParsedEvent ev;
        ev.arrivalNs = arrival;
        ev.sourceId = info.sourceId;
        ev.block = block; // for text() while parsing; events keep the block alive
        ev.line = {static_cast<std::uint32_t>(lineStart), static_cast<std::uint32_t>(line.size()), 0};

        od::document doc;
        od::object object;
        auto err = parser.iterate(simdjson::padded_string_view(line.data(), line.size(), capacity - lineStart))
                       .get(doc);
        if (!err) {
            err = doc.get_object().get(object);
            if (err == simdjson::INCORRECT_TYPE)
                error = "not a JSON object";
        }
        if (!err) {
            for (auto field : object) {
                od::raw_json_string key;
                if ((err = field.key().get(key)))
                    break;
                od::value value;
                if ((err = field.value().get(value)))
                    break;
                const std::uint16_t roles = roleOf(key.raw());
                if (!roles)
                    continue;
                FieldValue fv;
                if ((err = value.type().get(fv.type)))
                    break;
                if (fv.type == od::json_type::string) {
                    const std::string_view token = trimRight(value.raw_json_token());
                    if (token.find('\\') == std::string_view::npos && token.size() >= 2) {
                        fv.text = {static_cast<std::uint32_t>(token.data() + 1 - base),
                                   static_cast<std::uint32_t>(token.size() - 2), 0};
                    } else {
                        std::string_view unescaped;
                        if ((err = value.get_string().get(unescaped)))
                            break;
                        fv.text = {static_cast<std::uint32_t>(arena.size()),
                                   static_cast<std::uint32_t>(unescaped.size()), store};
                        arena.append(unescaped);
                    }
                } else if (fv.type == od::json_type::number) {
                    const std::string_view token = trimRight(value.raw_json_token());
                    fv.text = {static_cast<std::uint32_t>(token.data() - base),
                               static_cast<std::uint32_t>(token.size()), 0};
                    od::number_type nt;
                    if ((err = value.get_number_type().get(nt)))
                        break;
                    if (nt == od::number_type::signed_integer) {
                        if ((err = value.get_int64().get(fv.integer)))
                            break;
                        fv.isInteger = true;
                        fv.number = static_cast<double>(fv.integer);
                    } else if ((err = value.get_double().get(fv.number))) {
                        break;
                    }
                } else if (fv.type == od::json_type::boolean) {
                    const std::string_view token = trimRight(value.raw_json_token());
                    fv.text = {static_cast<std::uint32_t>(token.data() - base),
                               static_cast<std::uint32_t>(token.size()), 0};
                }
                const bool hasText = fv.type == od::json_type::string || fv.type == od::json_type::number
                    || fv.type == od::json_type::boolean;
                if (roles & RoleId) {
                    if (hasText && fv.text.length > 0)
                        ev.id = fv.text;
                }
                if (roles & RoleQueue && hasText)
                    ev.queue = fv.text;
                if (roles & RoleNode && hasText)
                    ev.node = fv.text;
                if (roles & RoleMessage && hasText)
                    ev.message = fv.text;
                if (roles & RoleSeverity && hasText)
                    ev.severity = fv.text;
                if (roles & RoleKey && hasText && fv.text.length > 0) {
                    ev.keyHash = DedupWindow::hashKey(ev.text(fv.text));
                    ev.hasKey = true;
                }
                if (roles & RolePriority) {
                    std::optional<Priority> p;
                    if (fv.type == od::json_type::string)
                        p = priorityFromName(ev.text(fv.text));
                    else if (fv.type == od::json_type::number && fv.isInteger)
                        p = priorityFromNumber(fv.integer);
                    ev.priority = p.value_or(Priority::Medium);
                }
                const TimeUnit tsUnit = m_mapping.timestampUnit;
                if (roles & RoleTimestamp) {
                    if (fv.type == od::json_type::number) {
                        ev.timestampNs = fv.isInteger ? integerTimestampToNs(fv.integer, tsUnit)
                                                      : timestampToNs(fv.number, tsUnit);
                    } else if (fv.type == od::json_type::string) {
                        const std::string_view t = ev.text(fv.text);
                        if (auto v = parseRfc3339(t))
                            ev.timestampNs = *v;
                        else if (auto n = numberFromText(t))
                            ev.timestampNs = timestampToNs(*n, tsUnit);
                    }
                }
                if (roles & RoleLatency) {
                    std::optional<double> v;
                    if (fv.type == od::json_type::number)
                        v = fv.number;
                    else if (fv.type == od::json_type::string)
                        v = numberFromText(ev.text(fv.text));
                    if (v && *v >= 0) {
                        const TimeUnit u = m_mapping.latencyUnit == TimeUnit::Auto ? TimeUnit::Nanoseconds
                                                                                   : m_mapping.latencyUnit;
                        ev.latencyNs = fv.isInteger ? integerTimestampToNs(fv.integer, u) : timestampToNs(*v, u);
                    }
                }
            }
            if (!err) {
                // Trailing bytes after the object ("{...} junk") make the line malformed.
                const char *loc = nullptr;
                auto locErr = doc.current_location().get(loc);
                if (locErr != simdjson::OUT_OF_BOUNDS)
                    error = "trailing content after the JSON object";
            }
        }
        if (err && !error)
            error = simdjson::error_message(err);
        if (error) {
            ++out.malformed;
            out.lastError.sourceId = info.sourceId;
            out.lastError.line = thisLine;
            out.lastError.offset = info.firstOffset + lineStart;
            out.lastError.message = error;
            out.lastError.excerpt = plainExcerpt(line);
            continue;
        }
        if (!m_separateKey && ev.id.length > 0) {
            ev.keyHash = DedupWindow::hashKey(ev.text(ev.id));
            ev.hasKey = true;
        }
        out.lanes[static_cast<std::size_t>(ev.priority)].push_back(std::move(ev));
    }
    return lineNo;
}

} // namespace vigil

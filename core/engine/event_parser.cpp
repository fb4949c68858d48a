// EventParser: simdjson On-Demand over a LineBatch, in place. The fast path streams the
// whole range through iterate_many (one stage-1 pass over the buffer); any document that
// does not sit alone on its own line, or fails, sends that one line through the
// line-by-line path, which is the reference for what is valid and what error is shown.
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

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
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

// One value read once: its JSON type and, for strings and numbers, its text.
struct FieldValue
{
    od::json_type type = od::json_type::null;
    TextSpan text;              // string content (unescaped) or the raw number token
    bool isInteger = false;
    std::int64_t integer = 0;
    double number = 0;
};

// A span of text; lengths beyond TextSpan's 24 bits are cut (see TextSpan).
TextSpan span(std::size_t offset, std::size_t length, unsigned store)
{
    TextSpan s;
    s.offset = static_cast<std::uint32_t>(offset);
    s.length = static_cast<std::uint32_t>(std::min<std::size_t>(length, TextSpan::kMaxLength));
    s.store = store;
    return s;
}

} // namespace

void ParsedBatch::clear()
{
    for (auto &lane : lanes)
        lane.clear();
    blocks.clear();
    lines = 0;
    malformed = 0;
    lastError = {};
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
    parseRange(block, 0, block->size(), firstLine, info, false, out);
}

std::shared_ptr<EventBlock> EventParser::adopt(LineBatch &batch)
{
    auto block = std::make_shared<EventBlock>();
    if (batch.mapped() && batch.viewReadable >= batch.viewSize + kLinePadding) {
        block->backing = std::move(batch.backing);
        block->view = batch.view;
        block->viewSize = batch.viewSize;
        block->viewReadable = batch.viewReadable;
    } else {
        if (batch.mapped()) { // not enough padding after the range: copy it
            std::string copy;
            copy.reserve(batch.viewSize + kLinePadding);
            copy.assign(batch.view, batch.viewSize);
            batch.bytes = std::move(copy);
        }
        if (batch.bytes.capacity() < batch.bytes.size() + kLinePadding)
            batch.bytes.reserve(batch.bytes.size() + kLinePadding);
        block->bytes = std::move(batch.bytes);
    }
    batch.bytes.clear();
    batch.backing.reset();
    batch.view = nullptr;
    batch.viewSize = batch.viewReadable = 0;
    return block;
}

namespace {

// Parses one range of a block. Events are committed in line order.
class RangeParser
{
public:
    RangeParser(const FieldMapping &mapping, bool separateKey, EventBlock &block, std::size_t begin,
                std::size_t end, const EventParser::BatchInfo &info, unsigned range, ParsedBatch &out)
        : m_mapping(mapping), m_separateKey(separateKey), m_block(&block), m_base(block.data()),
          m_size(std::min(end, block.size())), m_capacity(block.readable()), m_begin(begin), m_info(info),
          m_arena(block.arenas[range]), m_store(static_cast<std::uint8_t>(range + 1)), m_out(out)
    {
        initNames();
    }

    std::uint64_t run(std::uint64_t firstLine)
    {
        std::size_t pos = m_begin;
        std::uint64_t lineNo = firstLine;
        int fallbacks = 0;
        while (pos < m_size) {
            if (fallbacks < kMaxFallbacks) {
                if (!bulk(pos, lineNo))
                    break; // the whole rest went through iterate_many
                ++fallbacks;
                if (pos >= m_size)
                    break;
            }
            // One line (the one bulk stopped at, or every line after too many stops).
            const void *nl = std::memchr(m_base + pos, '\n', m_size - pos);
            const std::size_t lineEnd = nl ? static_cast<std::size_t>(static_cast<const char *>(nl) - m_base) : m_size;
            parseLine(pos, lineEnd, lineNo);
            pos = lineEnd + 1;
            ++lineNo;
        }
        return lineNo;
    }

private:
    // A range with more lines than this that need the line-by-line path finishes line by
    // line: hostile input must not make every line restart a stage-1 pass.
    static constexpr int kMaxFallbacks = 8;

    struct Name
    {
        std::string_view name;
        std::uint16_t role;
        std::uint64_t w0 = 0, w1 = 0;
    };

    void initNames()
    {
        m_names = {{{m_mapping.id, RoleId},
                    {m_mapping.timestamp, RoleTimestamp},
                    {m_mapping.priority, RolePriority},
                    {m_mapping.queue, RoleQueue},
                    {m_mapping.latency, RoleLatency},
                    {m_mapping.node, RoleNode},
                    {m_mapping.message, RoleMessage},
                    {m_mapping.severity, RoleSeverity},
                    {m_separateKey ? std::string_view(m_mapping.dedupKey) : std::string_view(), RoleKey}}};
        for (std::size_t i = 0; i < m_names.size(); ++i) {
            Name &n = m_names[i];
            if (n.name.empty())
                continue;
            char buf[16] = {};
            std::memcpy(buf, n.name.data(), std::min<std::size_t>(n.name.size(), 16));
            std::memcpy(&n.w0, buf, 8);
            std::memcpy(&n.w1, buf + 8, 8);
            m_byLength[std::min<std::size_t>(n.name.size(), 17)] |= static_cast<std::uint16_t>(1u << i);
        }
    }

    // Whether `s` holds a backslash, eight bytes at a time (exact: the zero-byte test has
    // no false positives): a string field is a few dozen bytes, not worth a memchr call.
    static bool hasBackslash(std::string_view s)
    {
        const auto zero = [](std::uint64_t x) { return (x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull; };
        std::size_t i = 0;
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if (zero(w ^ 0x5c5c5c5c5c5c5c5cull))
                return true;
        }
        for (; i < s.size(); ++i)
            if (s[i] == '\\')
                return true;
        return false;
    }

    static std::uint64_t quoteOrBackslash(std::uint64_t w)
    {
        // High bit of each byte equal to '"' or '\\' (exact up to the first such byte).
        const auto zero = [](std::uint64_t x) { return (x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull; };
        return zero(w ^ 0x2222222222222222ull) | zero(w ^ 0x5c5c5c5c5c5c5c5cull);
    }

    // Field names compared as two zero-padded 8-byte words (names up to 16 bytes; longer
    // ones with memcmp). A key is loaded with 16-byte reads: the batch buffer has
    // kLinePadding (>= 16) bytes after its last line, so the reads stay inside it.
    // learnLen: the key's length when it can be predicted (see Predicted), else 0.
    std::uint16_t roleOf(const char *key, std::size_t &learnLen) const
    {
        learnLen = 0;
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
        if (len > 0 && len <= 16)
            learnLen = len;
        std::uint16_t candidates = m_byLength[std::min<std::size_t>(len, 17)];
        if (!candidates)
            return 0;
        if (len <= 16) {
            // Keep the first len bytes (little-endian: the low bytes).
            k0 &= len >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * len)) - 1;
            k1 &= len >= 16 ? ~std::uint64_t{0} : len <= 8 ? 0 : (std::uint64_t{1} << (8 * (len - 8))) - 1;
        }
        std::uint16_t roles = 0;
        while (candidates) {
            const Name &n = m_names[static_cast<std::size_t>(std::countr_zero(candidates))];
            candidates &= static_cast<std::uint16_t>(candidates - 1);
            if (len <= 16 ? (n.w0 == k0 && n.w1 == k1)
                          : n.name.size() == len && std::memcmp(n.name.data(), key, len) == 0)
                roles |= n.role;
        }
        return roles;
    }

    ParsedEvent newEvent(std::size_t lineStart, std::size_t lineEnd) const
    {
        ParsedEvent ev;
        ev.arrivalNs = m_info.arrivalNs;
        ev.sourceId = m_info.sourceId;
        ev.block = m_block; // the ParsedBatch holds the block
        const std::string_view line = trimRight(std::string_view(m_base + lineStart, lineEnd - lineStart));
        ev.line = span(lineStart, line.size(), 0);
        return ev;
    }

    // Reads the mapped fields of one object into ev.
    simdjson::error_code walk(od::object &object, ParsedEvent &ev)
    {
        simdjson::error_code err = simdjson::SUCCESS;
        std::size_t index = 0;
        for (auto field : object) {
            od::raw_json_string key;
            if ((err = field.key().get(key)))
                return err;
            od::value value;
            if ((err = field.value().get(value)))
                return err;
            std::uint16_t roles;
            if (index < m_predicted.size()) {
                Predicted &p = m_predicted[index];
                if (!p.matches(key.raw())) {
                    std::size_t len;
                    p.roles = roleOf(key.raw(), len);
                    p.learn(key.raw(), len);
                }
                roles = p.roles;
            } else {
                std::size_t unused;
                roles = roleOf(key.raw(), unused);
            }
            ++index;
            if (!roles)
                continue;
            if ((err = mapField(value, roles, ev)))
                return err;
        }
        if (!m_separateKey && ev.id.length > 0) {
            ev.keyHash = DedupWindow::hashKey(ev.text(ev.id));
            ev.hasKey = true;
        }
        if (ev.queue.length > 0)
            ev.queueHash = DedupWindow::hashKey(ev.text(ev.queue));
        return err;
    }

    simdjson::error_code mapField(od::value &value, std::uint16_t roles, ParsedEvent &ev)
    {
        simdjson::error_code err;
        FieldValue fv;
        if ((err = value.type().get(fv.type)))
            return err;
        if (fv.type == od::json_type::string) {
            const std::string_view token = trimRight(value.raw_json_token());
            if (token.find('\\') == std::string_view::npos && token.size() >= 2) {
                fv.text = span(static_cast<std::size_t>(token.data() + 1 - m_base), token.size() - 2, 0);
            } else {
                std::string_view unescaped;
                if ((err = value.get_string().get(unescaped)))
                    return err;
                fv.text = span(m_arena.size(), unescaped.size(), m_store);
                m_arena.append(unescaped);
            }
        } else if (fv.type == od::json_type::number) {
            const std::string_view token = trimRight(value.raw_json_token());
            fv.text = span(static_cast<std::size_t>(token.data() - m_base), token.size(), 0);
            od::number_type nt;
            if ((err = value.get_number_type().get(nt)))
                return err;
            if (nt == od::number_type::signed_integer) {
                if ((err = value.get_int64().get(fv.integer)))
                    return err;
                fv.isInteger = true;
                fv.number = static_cast<double>(fv.integer);
            } else if ((err = value.get_double().get(fv.number))) {
                return err;
            }
        } else if (fv.type == od::json_type::boolean) {
            const std::string_view token = trimRight(value.raw_json_token());
            fv.text = span(static_cast<std::size_t>(token.data() - m_base), token.size(), 0);
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
                ev.timestampNs = fv.isInteger ? integerTimestampToNs(fv.integer, tsUnit) : timestampToNs(fv.number, tsUnit);
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
                const TimeUnit u = m_mapping.latencyUnit == TimeUnit::Auto ? TimeUnit::Nanoseconds : m_mapping.latencyUnit;
                ev.latencyNs = fv.isInteger ? integerTimestampToNs(fv.integer, u) : timestampToNs(*v, u);
            }
        }
        return simdjson::SUCCESS;
    }

    void commit(ParsedEvent &&ev)
    {
        ++m_out.lines;
        m_out.lanes[static_cast<std::size_t>(ev.priority)].push_back(std::move(ev));
    }

    // The reference path: one line alone through iterate(). Counts it (event or malformed).
    void parseLine(std::size_t lineStart, std::size_t lineEnd, std::uint64_t lineNo)
    {
        const std::string_view line = trimRight(std::string_view(m_base + lineStart, lineEnd - lineStart));
        if (isBlank(line))
            return;
        const char *error = nullptr;
        ParsedEvent ev = newEvent(lineStart, lineEnd);
        od::parser &parser = threadParser();
        od::document doc;
        od::object object;
        auto err = parser.iterate(simdjson::padded_string_view(line.data(), line.size(), m_capacity - lineStart))
                       .get(doc);
        if (!err) {
            err = doc.get_object().get(object);
            if (err == simdjson::INCORRECT_TYPE)
                error = "not a JSON object";
        }
        if (!err) {
            err = walk(object, ev);
            if (!err) {
                // Trailing bytes after the object ("{...} junk") make the line malformed.
                const char *loc = nullptr;
                if (doc.current_location().get(loc) != simdjson::OUT_OF_BOUNDS)
                    error = "trailing content after the JSON object";
            }
        }
        if (err && !error)
            error = simdjson::error_message(err);
        if (error) {
            ++m_out.lines;
            ++m_out.malformed;
            m_out.lastError.sourceId = m_info.sourceId;
            m_out.lastError.line = lineNo;
            m_out.lastError.offset = m_info.firstOffset + lineStart;
            m_out.lastError.message = error;
            m_out.lastError.excerpt = plainExcerpt(line);
            return;
        }
        commit(std::move(ev));
    }

    // True when [from, to) holds only JSON whitespace; counts the newlines in it and
    // sets lastLineStart to the byte after the last one (unchanged when none).
    bool gapIsWhitespace(std::size_t from, std::size_t to, std::uint64_t &newlines, std::size_t &lastLineStart) const
    {
        for (std::size_t i = from; i < to; ++i) {
            const char c = m_base[i];
            if (c == '\n') {
                ++newlines;
                lastLineStart = i + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    // Streams [cursor, end of range) through iterate_many. Every document is committed
    // only once the next one (or the end) shows it stood alone on its line. Returns false
    // when the whole rest was parsed; true when it stopped at a line that must go through
    // parseLine(): cursor and lineNo then point at that line, everything before it done.
    bool bulk(std::size_t &cursor, std::uint64_t &lineNo)
    {
        const std::size_t origin = cursor;
        const std::size_t length = m_size - origin;
        od::parser &parser = threadParser();
        od::document_stream stream;
        // One window over the whole range: batch size at least its length (powers of two,
        // so the parser's buffers are not reallocated for every size).
        const std::size_t window = std::bit_ceil(std::max<std::size_t>(length + 1, std::size_t{1} << 20));
        if (parser.iterate_many(m_base + origin, length, window).get(stream))
            return true;

        bool pending = false;
        ParsedEvent held;
        std::size_t heldLineStart = 0, heldLineEnd = 0;
        std::uint64_t heldLineNo = 0;
        // Checks the held document against what follows it (the next document's start or
        // the end of the range) and commits it. False: the held line needs parseLine().
        const auto settle = [&](std::size_t next) {
            if (!pending)
                return true;
            std::uint64_t newlines = 0;
            std::size_t unusedStart = 0;
            if (next <= heldLineEnd || !gapIsWhitespace(heldLineEnd + 1, next, newlines, unusedStart)) {
                cursor = heldLineStart;
                lineNo = heldLineNo;
                return false;
            }
            commit(std::move(held));
            pending = false;
            cursor = std::min(heldLineEnd + 1, m_size);
            lineNo = heldLineNo + 1;
            return true;
        };

        for (auto it = stream.begin(); it != stream.end(); ++it) {
            od::document_reference doc;
            const simdjson::error_code docErr = (*it).get(doc);
            const std::size_t start = origin + it.current_index();
            if (docErr || start >= m_size) {
                // Settle the held document against the first byte after its line that is
                // not whitespace (the failing document starts there or later), then stop
                // at the line of that byte.
                if (pending) {
                    std::size_t next = std::min(heldLineEnd + 1, m_size);
                    while (next < m_size && isJsonSpace(m_base[next]))
                        ++next;
                    if (!settle(next))
                        return true;
                    std::uint64_t newlines = 0;
                    std::size_t lineStart = cursor;
                    gapIsWhitespace(cursor, next, newlines, lineStart);
                    lineNo += newlines;
                    cursor = lineStart;
                }
                return true;
            }
            if (!settle(start))
                return true;
            // Blank lines and the document's own indentation before it.
            std::uint64_t newlines = 0;
            std::size_t lineStart = cursor;
            if (!gapIsWhitespace(cursor, start, newlines, lineStart))
                return true;
            lineNo += newlines;
            cursor = lineStart;
            const void *nl = std::memchr(m_base + start, '\n', m_size - start);
            const std::size_t lineEnd = nl ? static_cast<std::size_t>(static_cast<const char *>(nl) - m_base) : m_size;

            held = newEvent(lineStart, lineEnd);
            od::object object;
            if (doc.get_object().get(object) || walk(object, held))
                return true; // cursor and lineNo are at this line
            pending = true;
            heldLineStart = lineStart;
            heldLineEnd = lineEnd;
            heldLineNo = lineNo;
        }
        if (!settle(m_size))
            return true;
        // Only whitespace may remain after the last document.
        std::uint64_t newlines = 0;
        std::size_t lastStart = cursor;
        if (!gapIsWhitespace(cursor, m_size, newlines, lastStart))
            return true;
        // A last line without '\n' counts, as in the line-by-line path.
        lineNo += newlines + (lastStart < m_size ? 1 : 0);
        cursor = m_size;
        return false;
    }

    // The keys of the previous object, by position: lines of one stream mostly repeat the
    // same keys in the same order, so a key is first compared with the one seen at its
    // position (one 16-byte compare, a well-predicted branch) before roleOf() looks it up.
    // Only keys of 1..16 bytes without escapes are remembered (len 0: none).
    struct Predicted
    {
        std::uint64_t w0 = 0, w1 = 0, m0 = 0, m1 = 0; // key bytes and the masks of its length
        std::uint32_t len = 0;
        std::uint16_t roles = 0;

        bool matches(const char *key) const
        {
            if (len == 0)
                return false;
            std::uint64_t k0, k1;
            std::memcpy(&k0, key, 8);
            std::memcpy(&k1, key + 8, 8);
            return ((k0 & m0) == w0) & ((k1 & m1) == w1) & (key[len] == '"');
        }
        void learn(const char *key, std::size_t keyLen)
        {
            len = static_cast<std::uint32_t>(keyLen);
            if (len == 0)
                return;
            m0 = len >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * len)) - 1;
            m1 = len >= 16 ? ~std::uint64_t{0} : len <= 8 ? 0 : (std::uint64_t{1} << (8 * (len - 8))) - 1;
            std::memcpy(&w0, key, 8);
            std::memcpy(&w1, key + 8, 8);
            w0 &= m0;
            w1 &= m1;
        }
    };

    const FieldMapping &m_mapping;
    const bool m_separateKey;
    const EventBlock *const m_block;
    const char *const m_base;
    const std::size_t m_size, m_capacity, m_begin;
    const EventParser::BatchInfo &m_info;
    std::string &m_arena;
    const std::uint8_t m_store;
    ParsedBatch &m_out;
    std::array<Name, 9> m_names;
    std::array<Predicted, 24> m_predicted{};
    // Names of each length (bit i: m_names[i]); index 17 holds the names longer than 16.
    std::array<std::uint16_t, 18> m_byLength{};
};

} // namespace

std::uint64_t EventParser::parseChunk(const std::shared_ptr<EventBlock> &block, std::size_t begin, std::size_t end,
                                      std::uint64_t firstLine, const BatchInfo &info, unsigned range,
                                      ParsedBatch &out) const
{
    if (out.blocks.empty() || out.blocks.back() != block)
        out.blocks.push_back(block);
    RangeParser parser(m_mapping, m_separateKey, *block, begin, end, info,
                       std::min(range, EventBlock::kMaxRanges - 1), out);
    return parser.run(firstLine);
}

} // namespace vigil

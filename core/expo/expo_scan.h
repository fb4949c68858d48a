// Internal to core/expo: character classes, UTF-8 checks and number syntax shared
// by the parser files. Pure functions over bytes; any thread.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__GNUC__)
#define VIGIL_EXPO_INLINE inline __attribute__((always_inline))
#else
#define VIGIL_EXPO_INLINE inline
#endif

namespace vigil::expo::detail {

enum CharClass : std::uint8_t {
    kNameFirst = 1,   // [a-zA-Z_:]  first char of a metric name
    kName = 2,        // [a-zA-Z0-9_:]
    kLabelFirst = 4,  // [a-zA-Z_]
    kLabel = 8,       // [a-zA-Z0-9_]
    kValueStop = 16,  // '"', '\\', '\n' or a byte >= 0x80 ends the fast label value scan
    kSpace = 32,      // ' ' or '\t'
    kTokenEnd = 64,   // ' ', '\t', '\n', '\r': end of a value/timestamp token
};

constexpr std::array<std::uint8_t, 256> makeClasses()
{
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool digit = c >= '0' && c <= '9';
        std::uint8_t v = 0;
        if (alpha || c == '_' || c == ':')
            v |= kNameFirst;
        if (alpha || digit || c == '_' || c == ':')
            v |= kName;
        if (alpha || c == '_')
            v |= kLabelFirst;
        if (alpha || digit || c == '_')
            v |= kLabel;
        if (c == '"' || c == '\\' || c == '\n' || c >= 0x80)
            v |= kValueStop;
        if (c == ' ' || c == '\t')
            v |= kSpace;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            v |= kTokenEnd;
        t[static_cast<std::size_t>(c)] = v;
    }
    return t;
}

inline constexpr std::array<std::uint8_t, 256> kClass = makeClasses();

inline bool is(char c, CharClass k)
{
    return (kClass[static_cast<unsigned char>(c)] & k) != 0;
}

inline const char *skipSpaces(const char *p)
{
    while (is(*p, kSpace))
        ++p;
    return p;
}

// Length of the valid UTF-8 sequence starting at p (p[0] >= 0x80), or 0 if invalid.
// Rejects overlong forms, surrogates and code points above U+10FFFF (as Go's
// utf8.Valid). Reads at most up to the first byte that is not a continuation byte,
// so a terminator byte after the text keeps it in bounds.
inline int utf8SequenceLength(const unsigned char *p)
{
    const unsigned c = p[0];
    auto cont = [](unsigned b) { return (b & 0xC0u) == 0x80u; };
    if (c >= 0xC2 && c <= 0xDF)
        return cont(p[1]) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned c1 = p[1];
        if (!cont(c1))
            return 0;
        if (c == 0xE0 && c1 < 0xA0)
            return 0; // overlong
        if (c == 0xED && c1 > 0x9F)
            return 0; // surrogate
        return cont(p[2]) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned c1 = p[1];
        if (!cont(c1))
            return 0;
        if (c == 0xF0 && c1 < 0x90)
            return 0; // overlong
        if (c == 0xF4 && c1 > 0x8F)
            return 0; // above U+10FFFF
        if (!cont(p[2]))
            return 0;
        return cont(p[3]) ? 4 : 0;
    }
    return 0;
}

// Whole-buffer check (bounded, no terminator needed).
bool validUtf8(std::string_view s);

enum class NumberStatus : std::uint8_t { Ok, Syntax, Range };

// Parses one float token with the syntax the Prometheus server accepts (Go's
// strconv.ParseFloat minus hex floats and '_' separators): decimal with optional
// sign, fraction and exponent; "Inf"/"Infinity" with optional sign and "NaN",
// case-insensitive. Overflow to infinity is a Range error as in Go.
NumberStatus parseFloatToken(const char *begin, const char *end, double &out);

// Unsigned decimal integer, digits only (0.0.4 timestamps, as the Prometheus lexer's
// [0-9]+); Range on int64 overflow.
NumberStatus parseIntToken(const char *begin, const char *end, std::int64_t &out);

} // namespace vigil::expo::detail

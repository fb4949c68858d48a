#include "core/cluster/cluster_text.h"

#include <charconv>
#include <cmath>

namespace vigil {

std::optional<std::uint64_t> parseUint64Decimal(std::string_view text)
{
    if (text.empty() || text.size() > 20)
        return std::nullopt;
    std::uint64_t v = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v, 10);
    if (ec != std::errc() || ptr != text.data() + text.size())
        return std::nullopt;
    return v;
}

std::optional<std::uint64_t> parseUint64Hex(std::string_view text)
{
    if (text.empty() || text.size() > 16)
        return std::nullopt;
    std::uint64_t v = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v, 16);
    if (ec != std::errc() || ptr != text.data() + text.size())
        return std::nullopt;
    return v;
}

std::string memberIdHex(std::uint64_t id)
{
    static const char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[std::size_t(i)] = digits[id & 0xf];
        id >>= 4;
    }
    return out;
}

std::optional<std::uint64_t> uint64FromDouble(double v)
{
    // 2^64 is exactly representable; every double below it that is integral fits.
    if (!std::isfinite(v) || v < 0 || v >= 18446744073709551616.0 || std::floor(v) != v)
        return std::nullopt;
    return static_cast<std::uint64_t>(v);
}

namespace {

// Length of the valid UTF-8 sequence at s[i], 0 if invalid.
std::size_t utf8Length(std::string_view s, std::size_t i)
{
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (b < 0x80)
        return 1;
    if ((b & 0xe0) == 0xc0) {
        n = 2;
        cp = b & 0x1f;
    } else if ((b & 0xf0) == 0xe0) {
        n = 3;
        cp = b & 0x0f;
    } else if ((b & 0xf8) == 0xf0) {
        n = 4;
        cp = b & 0x07;
    } else {
        return 0;
    }
    if (i + n > s.size())
        return 0;
    for (std::size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (c & 0x3f);
    }
    const bool overlong = (n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    if (overlong || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

bool isBidiControl(std::string_view seq)
{
    // U+202A..U+202E, U+2066..U+2069, U+200E/U+200F (E2 80 AA..AE, E2 81 A6..A9, E2 80 8E/8F).
    if (seq.size() != 3 || static_cast<unsigned char>(seq[0]) != 0xe2)
        return false;
    const auto b1 = static_cast<unsigned char>(seq[1]), b2 = static_cast<unsigned char>(seq[2]);
    return (b1 == 0x80 && ((b2 >= 0xaa && b2 <= 0xae) || b2 == 0x8e || b2 == 0x8f)) ||
           (b1 == 0x81 && b2 >= 0xa6 && b2 <= 0xa9);
}

} // namespace

std::string plainText(std::string_view in, std::size_t maxBytes)
{
    std::string out;
    out.reserve(std::min(in.size(), maxBytes) + 3);
    for (std::size_t i = 0; i < in.size();) {
        const std::size_t n = utf8Length(in, i);
        if (n == 0) {
            ++i;
            continue;
        }
        const std::string_view seq = in.substr(i, n);
        i += n;
        if (isBidiControl(seq))
            continue;
        if (out.size() + n > maxBytes) {
            out += "...";
            return out;
        }
        if (n == 1 && (static_cast<unsigned char>(seq[0]) < 0x20 || seq[0] == 0x7f))
            out += ' ';
        else
            out += seq;
    }
    return out;
}

} // namespace vigil

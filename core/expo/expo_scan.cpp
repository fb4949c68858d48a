// Number syntax and UTF-8 checks for the exposition parser.
#include "core/expo/expo_scan.h"

#include <fast_float/fast_float.h>

#include <charconv>
#include <cmath>
#include <limits>

namespace vigil::expo::detail {

bool validUtf8(std::string_view s)
{
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const auto *end = p + s.size();
    while (p < end) {
        if (*p < 0x80) {
            ++p;
            continue;
        }
        // Copy the tail into a terminated buffer so the sequence check cannot overrun.
        unsigned char tmp[5] = {0, 0, 0, 0, 0};
        const std::size_t n = std::min<std::size_t>(4, static_cast<std::size_t>(end - p));
        std::memcpy(tmp, p, n);
        const int len = utf8SequenceLength(tmp);
        if (len == 0 || static_cast<std::size_t>(len) > n)
            return false;
        p += len;
    }
    return true;
}

namespace {

bool equalsIgnoreCase(const char *b, const char *e, std::string_view word)
{
    if (static_cast<std::size_t>(e - b) != word.size())
        return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        char c = b[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != word[i])
            return false;
    }
    return true;
}

} // namespace

NumberStatus parseFloatToken(const char *begin, const char *end, double &out)
{
    if (begin == end)
        return NumberStatus::Syntax;
    const char *p = begin;
    bool negative = false;
    if (*p == '+' || *p == '-') {
        negative = *p == '-';
        ++p;
        if (p == end)
            return NumberStatus::Syntax;
    }
    const char c = *p;
    if ((c >= '0' && c <= '9') || c == '.') {
        // fast_float takes no leading '+', and the sign was stripped already.
        double v = 0;
        const auto r = fast_float::from_chars(p, end, v);
        if (r.ec != std::errc() || r.ptr != end)
            return NumberStatus::Syntax;
        if (std::isinf(v))
            return NumberStatus::Range;
        out = negative ? -v : v;
        return NumberStatus::Ok;
    }
    if (equalsIgnoreCase(p, end, "inf") || equalsIgnoreCase(p, end, "infinity")) {
        out = negative ? -std::numeric_limits<double>::infinity()
                       : std::numeric_limits<double>::infinity();
        return NumberStatus::Ok;
    }
    // Go accepts no sign on NaN.
    if (p == begin && equalsIgnoreCase(p, end, "nan")) {
        out = std::numeric_limits<double>::quiet_NaN();
        return NumberStatus::Ok;
    }
    return NumberStatus::Syntax;
}

NumberStatus parseIntToken(const char *begin, const char *end, std::int64_t &out)
{
    if (begin == end)
        return NumberStatus::Syntax;
    for (const char *p = begin; p < end; ++p) {
        if (*p < '0' || *p > '9')
            return NumberStatus::Syntax;
    }
    const auto r = std::from_chars(begin, end, out);
    if (r.ec == std::errc::result_out_of_range)
        return NumberStatus::Range;
    if (r.ec != std::errc() || r.ptr != end)
        return NumberStatus::Syntax;
    return NumberStatus::Ok;
}

} // namespace vigil::expo::detail

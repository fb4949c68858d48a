// Field helpers of the event parser: timestamps (numeric units, RFC 3339), priorities,
// time-unit names and plain-text excerpts. Pure functions, any thread.
#include "core/engine/event_parser.h"

#include <cmath>

namespace vigil {

namespace {

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

} // namespace

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

} // namespace vigil

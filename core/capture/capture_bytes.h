// Byte-level helpers of the .vcap format (private to core/capture): little-endian
// fixed-width integers, LEB128 varints and zigzag, IEEE 754 bits. Header-only.
//
// Threads: any; pure functions.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace vigil::capture::bytes {

inline void putU8(std::string &out, std::uint8_t v)
{
    out.push_back(static_cast<char>(v));
}

template <typename T> inline void putLE(std::string &out, T v)
{
    char b[sizeof(T)];
    for (std::size_t i = 0; i < sizeof(T); ++i)
        b[i] = static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xFF);
    out.append(b, sizeof(T));
}

template <typename T> inline void storeLE(char *p, T v)
{
    for (std::size_t i = 0; i < sizeof(T); ++i)
        p[i] = static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xFF);
}

template <typename T> inline T loadLE(const char *p)
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
        v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    return static_cast<T>(v);
}

inline std::uint64_t zigzag(std::int64_t v)
{
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
inline std::int64_t unzigzag(std::uint64_t v)
{
    return static_cast<std::int64_t>((v >> 1) ^ (~(v & 1) + 1));
}

inline std::size_t varintSize(std::uint64_t v)
{
    std::size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        ++n;
    }
    return n;
}

inline void putVarint(std::string &out, std::uint64_t v)
{
    char b[10];
    std::size_t n = 0;
    while (v >= 0x80) {
        b[n++] = static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    b[n++] = static_cast<char>(v);
    out.append(b, n);
}

inline void putSvarint(std::string &out, std::int64_t v)
{
    putVarint(out, zigzag(v));
}

inline void putF64(std::string &out, double v)
{
    putLE<std::uint64_t>(out, std::bit_cast<std::uint64_t>(v));
}

inline void putString(std::string &out, std::string_view s)
{
    putVarint(out, s.size());
    out.append(s.data(), s.size());
}

// Wrapping arithmetic on int64 timestamps: deltas of extreme values must round-trip
// without signed overflow.
inline std::int64_t wrapSub(std::int64_t a, std::int64_t b)
{
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}
inline std::int64_t wrapAdd(std::int64_t a, std::int64_t b)
{
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}
inline std::int64_t wrapMul(std::int64_t a, std::int64_t b)
{
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b));
}

} // namespace vigil::capture::bytes

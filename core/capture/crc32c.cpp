#include "core/capture/crc32c.h"

#include <array>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <nmmintrin.h>
#define VIGIL_CRC32C_X86 1
#endif

namespace vigil::capture {

namespace {

constexpr std::uint32_t kPolyReflected = 0x82F63B78u; // 0x1EDC6F41 bit-reversed

using Tables = std::array<std::array<std::uint32_t, 256>, 8>;

constexpr Tables makeTables()
{
    Tables t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c >> 1) ^ ((c & 1u) ? kPolyReflected : 0u);
        t[0][i] = c;
    }
    for (std::uint32_t i = 0; i < 256; ++i)
        for (std::size_t s = 1; s < 8; ++s)
            t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xFFu];
    return t;
}

constexpr Tables kTables = makeTables();

std::uint64_t load64le(const unsigned char *p)
{
    std::uint64_t v;
    std::memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

#ifdef VIGIL_CRC32C_X86
__attribute__((target("sse4.2"))) std::uint32_t hardwareImpl(const unsigned char *p, std::size_t n,
                                                             std::uint32_t crc)
{
    std::uint64_t c = ~crc;
    while (n > 0 && (reinterpret_cast<std::uintptr_t>(p) & 7u) != 0) {
        c = _mm_crc32_u8(static_cast<std::uint32_t>(c), *p++);
        --n;
    }
    while (n >= 8) {
        c = _mm_crc32_u64(c, load64le(p));
        p += 8;
        n -= 8;
    }
    while (n > 0) {
        c = _mm_crc32_u8(static_cast<std::uint32_t>(c), *p++);
        --n;
    }
    return ~static_cast<std::uint32_t>(c);
}
#endif

bool detectHardware()
{
#ifdef VIGIL_CRC32C_X86
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
#else
    return false;
#endif
}

} // namespace

std::uint32_t crc32cSoftware(const void *data, std::size_t size, std::uint32_t crc)
{
    const auto *p = static_cast<const unsigned char *>(data);
    std::uint32_t c = ~crc;
    while (size >= 8) {
        const std::uint64_t v = load64le(p) ^ c;
        c = kTables[7][v & 0xFF] ^ kTables[6][(v >> 8) & 0xFF] ^ kTables[5][(v >> 16) & 0xFF] ^
            kTables[4][(v >> 24) & 0xFF] ^ kTables[3][(v >> 32) & 0xFF] ^ kTables[2][(v >> 40) & 0xFF] ^
            kTables[1][(v >> 48) & 0xFF] ^ kTables[0][v >> 56];
        p += 8;
        size -= 8;
    }
    while (size > 0) {
        c = (c >> 8) ^ kTables[0][(c ^ *p++) & 0xFF];
        --size;
    }
    return ~c;
}

bool crc32cHardwareAvailable()
{
    static const bool available = detectHardware();
    return available;
}

std::uint32_t crc32cHardware(const void *data, std::size_t size, std::uint32_t crc)
{
#ifdef VIGIL_CRC32C_X86
    if (crc32cHardwareAvailable()) return hardwareImpl(static_cast<const unsigned char *>(data), size, crc);
#endif
    return crc32cSoftware(data, size, crc);
}

std::uint32_t crc32c(const void *data, std::size_t size, std::uint32_t crc)
{
    return crc32cHardwareAvailable() ? crc32cHardware(data, size, crc) : crc32cSoftware(data, size, crc);
}

} // namespace vigil::capture

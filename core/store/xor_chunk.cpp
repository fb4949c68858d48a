#include "core/store/xor_chunk.h"

#include <bit>
#include <cstring>

namespace vigil::store {

namespace {

std::uint64_t bitsOf(double v)
{
    return std::bit_cast<std::uint64_t>(v);
}

bool fitsSigned(std::int64_t v, int n)
{
    const std::int64_t lo = -(std::int64_t(1) << (n - 1));
    const std::int64_t hi = (std::int64_t(1) << (n - 1)) - 1;
    return v >= lo && v <= hi;
}

std::uint64_t mask(int n)
{
    return n >= 64 ? ~std::uint64_t(0) : ((std::uint64_t(1) << n) - 1);
}

} // namespace

void XorEncoder::writeBits(std::vector<std::uint8_t> &out, std::uint64_t bits, int n)
{
    while (n > 0) {
        const int used = int(m_bitLen & 7);
        if (used == 0)
            out.push_back(0);
        const int room = 8 - used;
        const int take = n < room ? n : room;
        const auto chunk = std::uint8_t((bits >> (n - take)) & mask(take));
        out.back() |= std::uint8_t(chunk << (room - take));
        n -= take;
        m_bitLen += std::uint32_t(take);
    }
}

void XorEncoder::start(std::vector<std::uint8_t> &out, std::int64_t t, double v)
{
    *this = XorEncoder();
    m_t = t;
    m_v = bitsOf(v);
    writeBits(out, m_v, 64);
    m_count = 1;
}

void XorEncoder::append(std::vector<std::uint8_t> &out, std::int64_t t, double v)
{
    // Unsigned arithmetic: wraps instead of overflowing for extreme gaps, and the
    // decoder undoes it exactly.
    const std::uint64_t delta = std::uint64_t(t) - std::uint64_t(m_t);
    const auto dod = std::int64_t(delta - m_delta);
    if (dod == 0) {
        writeBits(out, 0, 1);
    } else if (fitsSigned(dod, 5)) {
        // Scrape jitter of a few ms lands here.
        writeBits(out, 0b10, 2);
        writeBits(out, std::uint64_t(dod), 5);
    } else if (fitsSigned(dod, 14)) {
        writeBits(out, 0b110, 3);
        writeBits(out, std::uint64_t(dod), 14);
    } else if (fitsSigned(dod, 20)) {
        writeBits(out, 0b1110, 4);
        writeBits(out, std::uint64_t(dod), 20);
    } else {
        writeBits(out, 0b1111, 4);
        writeBits(out, std::uint64_t(dod), 64);
    }
    m_delta = delta;
    m_t = t;

    const std::uint64_t vb = bitsOf(v);
    const std::uint64_t x = vb ^ m_v;
    m_v = vb;
    if (x == 0) {
        writeBits(out, 0, 1);
    } else {
        int leading = std::countl_zero(x);
        const int trailing = std::countr_zero(x);
        if (leading > 31)
            leading = 31; // 5 bits
        if (m_leading != 0xff && leading >= m_leading && trailing >= m_trailing) {
            const int sig = 64 - m_leading - m_trailing;
            writeBits(out, 0b10, 2);
            writeBits(out, x >> m_trailing, sig);
        } else {
            const int sig = 64 - leading - trailing;
            writeBits(out, 0b11, 2);
            writeBits(out, std::uint64_t(leading), 5);
            writeBits(out, std::uint64_t(sig & 63), 6); // 64 is written as 0
            writeBits(out, x >> trailing, sig);
            m_leading = std::uint8_t(leading);
            m_trailing = std::uint8_t(trailing);
        }
    }
    ++m_count;
}

XorDecoder::XorDecoder(const std::uint8_t *data, std::size_t bytes, std::uint32_t count,
                       std::int64_t firstT)
    : m_data(data), m_bitSize(bytes * 8), m_count(count), m_t(firstT)
{
}

double XorDecoder::value() const
{
    return std::bit_cast<double>(m_v);
}

bool XorDecoder::readBit(bool &out)
{
    if (m_bitPos >= m_bitSize)
        return false;
    out = (m_data[m_bitPos >> 3] >> (7 - (m_bitPos & 7))) & 1;
    ++m_bitPos;
    return true;
}

bool XorDecoder::readBits(int n, std::uint64_t &out)
{
    if (m_bitPos + std::size_t(n) > m_bitSize)
        return false;
    std::uint64_t v = 0;
    while (n > 0) {
        const int used = int(m_bitPos & 7);
        const int room = 8 - used;
        const int take = n < room ? n : room;
        const std::uint64_t byte = m_data[m_bitPos >> 3];
        v = (v << take) | ((byte >> (room - take)) & mask(take));
        n -= take;
        m_bitPos += std::size_t(take);
    }
    out = v;
    return true;
}

bool XorDecoder::next()
{
    if (m_read >= m_count)
        return false;
    if (m_read == 0) {
        if (!readBits(64, m_v))
            return false;
        ++m_read;
        return true;
    }

    int prefix = 0; // number of leading 1 bits, up to 4
    for (; prefix < 4; ++prefix) {
        bool bit = false;
        if (!readBit(bit))
            return false;
        if (!bit)
            break;
    }
    static constexpr int kWidth[] = {0, 5, 14, 20, 64};
    std::uint64_t dod = 0;
    if (prefix > 0) {
        const int width = kWidth[prefix];
        if (!readBits(width, dod))
            return false;
        if (width < 64 && (dod >> (width - 1)) & 1)
            dod |= ~mask(width); // sign-extend
    }
    m_delta += dod;
    m_t = std::int64_t(std::uint64_t(m_t) + m_delta);

    bool bit = false;
    if (!readBit(bit))
        return false;
    if (bit) {
        if (!readBit(bit))
            return false;
        if (bit) {
            std::uint64_t leading = 0;
            std::uint64_t sig = 0;
            if (!readBits(5, leading) || !readBits(6, sig))
                return false;
            if (sig == 0)
                sig = 64;
            m_leading = std::uint8_t(leading);
            m_trailing = std::uint8_t(64 - leading - sig);
        }
        const int sig = 64 - m_leading - m_trailing;
        std::uint64_t x = 0;
        if (sig <= 0 || !readBits(sig, x))
            return false;
        m_v ^= x << m_trailing;
    }
    ++m_read;
    return true;
}

} // namespace vigil::store

// Gorilla-style bit-packed encoding of one chunk of (timestamp, value) pairs, as in
// Prometheus' head block: delta-of-delta timestamps and XOR-ed float values.
//
// Layout (bits, MSB first): the first timestamp is not stored (the owner keeps it as
// the chunk's minT); the first value is 64 raw bits. Every later sample stores
//   timestamp: delta-of-delta in the smallest bucket that fits
//     '0' | '10'+5 | '110'+14 | '1110'+20 | '1111'+64 (two's complement)
//   value: XOR with the previous value
//     '0' same | '10'+bits in the previous window | '11'+5 leading+6 length+bits
// Values round-trip bit-exactly (NaN payloads, -0.0, infinities).
//
// Plain value types; the owner (SeriesStore) provides the locking. Any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vigil::store {

// Appends samples of the head chunk of one series to a byte buffer.
class XorEncoder
{
public:
    // Starts a new chunk whose first sample is (t, v); `out` must be empty.
    void start(std::vector<std::uint8_t> &out, std::int64_t t, double v);
    // Appends a sample; t must be after the previous one (the caller checks).
    void append(std::vector<std::uint8_t> &out, std::int64_t t, double v);

    std::uint32_t count() const { return m_count; }
    std::int64_t lastTimestamp() const { return m_t; }

private:
    void writeBits(std::vector<std::uint8_t> &out, std::uint64_t bits, int n);

    std::int64_t m_t = 0;
    std::uint64_t m_delta = 0;
    std::uint64_t m_v = 0;
    std::uint32_t m_bitLen = 0;
    std::uint32_t m_count = 0;
    std::uint8_t m_leading = 0xff; // 0xff: no XOR window yet
    std::uint8_t m_trailing = 0;
};

// Iterates the samples of one encoded chunk in time order.
class XorDecoder
{
public:
    XorDecoder(const std::uint8_t *data, std::size_t bytes, std::uint32_t count, std::int64_t firstT);

    // Advances to the next sample; false at the end (or on a corrupt buffer).
    bool next();
    std::int64_t timestamp() const { return m_t; }
    double value() const;
    std::uint64_t valueBits() const { return m_v; }

private:
    bool readBits(int n, std::uint64_t &out);
    bool readBit(bool &out);

    const std::uint8_t *m_data;
    std::size_t m_bitSize;
    std::size_t m_bitPos = 0;
    std::uint32_t m_count;
    std::uint32_t m_read = 0;
    std::int64_t m_t;
    std::uint64_t m_delta = 0;
    std::uint64_t m_v = 0;
    std::uint8_t m_leading = 0;
    std::uint8_t m_trailing = 0;
};

} // namespace vigil::store

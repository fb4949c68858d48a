// CRC32C (Castagnoli: polynomial 0x1EDC6F41, reflected, init and final XOR 0xFFFFFFFF),
// the checksum of every .vcap header, frame and footer (docs/capture-format.md).
// crc32c() uses the SSE4.2 instruction when the CPU has it (checked once at run time)
// and a slicing-by-8 table otherwise; both give the same values.
//
// Threads: any; no mutable shared state after the first call's dispatch (a benign,
// idempotent initialisation).
#pragma once

#include <cstddef>
#include <cstdint>

namespace vigil::capture {

// CRC of `data` continued from `crc` (the result of an earlier call over the bytes that
// precede it; 0 to start), so crc32c(b, crc32c(a)) == crc32c(a + b).
std::uint32_t crc32c(const void *data, std::size_t size, std::uint32_t crc = 0);

// The two implementations, for tests and benchmarks.
std::uint32_t crc32cSoftware(const void *data, std::size_t size, std::uint32_t crc = 0);
std::uint32_t crc32cHardware(const void *data, std::size_t size, std::uint32_t crc = 0); // needs SSE4.2
bool crc32cHardwareAvailable();

} // namespace vigil::capture

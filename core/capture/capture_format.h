// The fixed-size structures of a .vcap file (docs/capture-format.md): file header,
// frame header and footer, encoded and parsed here so the writer and the reader share
// one definition. Private to core/capture.
//
// Threads: any; pure functions.
#pragma once

#include "core/capture/capture_records.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vigil::capture::format {

inline constexpr char kFileMagic[8] = {'V', 'I', 'G', 'I', 'L', 'C', 'A', 'P'};
inline constexpr char kFrameMagic[4] = {'V', 'F', 'R', 'M'};
inline constexpr char kFooterMagic[8] = {'V', 'C', 'A', 'P', 'E', 'N', 'D', '\0'};
inline constexpr std::uint16_t kVersion = 1;
inline constexpr std::size_t kFileHeaderSize = 64;
inline constexpr std::size_t kFrameHeaderSize = 40;
inline constexpr std::size_t kFooterSize = 24;
inline constexpr std::size_t kWriterIdBytes = 16;
inline constexpr std::size_t kHostBytes = 20;
inline constexpr std::uint8_t kFlagZstd = 0x01;
inline constexpr std::uint64_t kMaxZstdRatio = 32768; // raw bytes per stored byte, at most

struct FileHeaderFields
{
    std::uint16_t version = 0;
    std::int64_t startMs = 0;
    std::string writerId, host;
};

struct FrameHeader
{
    std::uint8_t type = 0;
    std::uint8_t flags = 0;
    std::uint16_t reserved = 0;
    std::uint32_t storedBytes = 0, rawBytes = 0;
    std::uint64_t sequence = 0;
    std::int64_t firstMs = 0;
    std::uint32_t records = 0;
    std::uint32_t crc = 0;
};

struct Footer
{
    std::uint64_t trailerOffset = 0;
    std::uint32_t frameCount = 0;
};

// writerId is cut to 16 bytes (non-ASCII replaced by '?'), host to 20 bytes at a
// UTF-8 character boundary.
void encodeFileHeader(char *out64, std::int64_t startMs, std::string_view writerId, std::string_view host);
// Checks magic, CRC, version, header size and flags; the error says which.
Result<FileHeaderFields> parseFileHeader(const char *p64);

// Writes the 40 header bytes with the CRC over bytes 0-35 and `payload`.
void encodeFrameHeader(char *out40, const FrameHeader &h, const char *payload, std::size_t payloadSize);
FrameHeader parseFrameHeader(const char *p40);
// Everything about a header that needs no context: magic, flags, reserved bits, the
// sizes against the format's maxima. Empty when fine, else the reason.
std::string checkFrameHeader(const char *p40, const FrameHeader &h);
std::uint32_t frameCrc(const char *p40, const char *payload, std::size_t payloadSize);

void encodeFooter(char *out24, const Footer &f);
std::optional<Footer> parseFooter(const char *p24); // nullopt: magic or CRC wrong

std::string sizeText(std::uint64_t bytes); // "16 MiB", "812 bytes"

// Whether a stored CRC matches the computed one. Fuzzing builds
// (-DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION, tests/fuzz only) accept any CRC so that
// mutated inputs reach the structure checks and the decoder behind it.
inline bool crcMatches(std::uint32_t stored, std::uint32_t computed)
{
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
    (void)stored;
    (void)computed;
    return true;
#else
    return stored == computed;
#endif
}

} // namespace vigil::capture::format

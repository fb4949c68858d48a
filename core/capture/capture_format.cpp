#include "core/capture/capture_format.h"

#include "core/capture/capture_bytes.h"
#include "core/capture/crc32c.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace vigil::capture::format {

using namespace bytes;

std::string sizeText(std::uint64_t n)
{
    if (n >= (1u << 20) && n % (1u << 20) == 0) return std::to_string(n >> 20) + " MiB";
    if (n >= (1u << 10) && n % (1u << 10) == 0) return std::to_string(n >> 10) + " KiB";
    return std::to_string(n) + (n == 1 ? " byte" : " bytes");
}

void encodeFileHeader(char *out, std::int64_t startMs, std::string_view writerId, std::string_view host)
{
    std::memset(out, 0, kFileHeaderSize);
    std::memcpy(out, kFileMagic, 8);
    storeLE<std::uint16_t>(out + 8, kVersion);
    storeLE<std::uint16_t>(out + 10, static_cast<std::uint16_t>(kFileHeaderSize));
    storeLE<std::uint32_t>(out + 12, 0);
    storeLE<std::int64_t>(out + 16, startMs);
    for (std::size_t i = 0; i < writerId.size() && i < kWriterIdBytes; ++i) {
        const auto c = static_cast<unsigned char>(writerId[i]);
        out[24 + i] = (c >= 0x20 && c < 0x7F) ? static_cast<char>(c) : '?';
    }
    std::size_t n = std::min(host.size(), kHostBytes);
    // Cut at a character boundary: never leave a partial UTF-8 sequence.
    if (n < host.size())
        while (n > 0 && (static_cast<unsigned char>(host[n]) & 0xC0) == 0x80)
            --n;
    std::memcpy(out + 40, host.data(), n);
    storeLE<std::uint32_t>(out + 60, crc32c(out, 60));
}

Result<FileHeaderFields> parseFileHeader(const char *p)
{
    if (std::memcmp(p, kFileMagic, 8) != 0) return Error{"not a Vigil capture (bad magic)"};
    if (!crcMatches(loadLE<std::uint32_t>(p + 60), crc32c(p, 60))) return Error{"file header CRC mismatch"};
    FileHeaderFields h;
    h.version = loadLE<std::uint16_t>(p + 8);
    if (h.version != kVersion)
        return Error{"unsupported capture format version " + std::to_string(h.version)};
    if (loadLE<std::uint16_t>(p + 10) != kFileHeaderSize)
        return Error{"unexpected file header size " + std::to_string(loadLE<std::uint16_t>(p + 10))};
    if (const auto flags = loadLE<std::uint32_t>(p + 12); flags != 0)
        return Error{"unknown file header flags 0x" + [&] {
            char b[16];
            std::snprintf(b, sizeof b, "%x", flags);
            return std::string(b);
        }()};
    h.startMs = loadLE<std::int64_t>(p + 16);
    const auto field = [](const char *s, std::size_t max) {
        std::size_t n = 0;
        while (n < max && s[n] != '\0')
            ++n;
        return std::string(s, n);
    };
    h.writerId = field(p + 24, kWriterIdBytes);
    h.host = field(p + 40, kHostBytes);
    return h;
}

std::uint32_t frameCrc(const char *p40, const char *payload, std::size_t payloadSize)
{
    return crc32c(payload, payloadSize, crc32c(p40, 36));
}

void encodeFrameHeader(char *out, const FrameHeader &h, const char *payload, std::size_t payloadSize)
{
    std::memcpy(out, kFrameMagic, 4);
    out[4] = static_cast<char>(h.type);
    out[5] = static_cast<char>(h.flags);
    storeLE<std::uint16_t>(out + 6, h.reserved);
    storeLE<std::uint32_t>(out + 8, h.storedBytes);
    storeLE<std::uint32_t>(out + 12, h.rawBytes);
    storeLE<std::uint64_t>(out + 16, h.sequence);
    storeLE<std::int64_t>(out + 24, h.firstMs);
    storeLE<std::uint32_t>(out + 32, h.records);
    storeLE<std::uint32_t>(out + 36, frameCrc(out, payload, payloadSize));
}

FrameHeader parseFrameHeader(const char *p)
{
    FrameHeader h;
    h.type = static_cast<std::uint8_t>(p[4]);
    h.flags = static_cast<std::uint8_t>(p[5]);
    h.reserved = loadLE<std::uint16_t>(p + 6);
    h.storedBytes = loadLE<std::uint32_t>(p + 8);
    h.rawBytes = loadLE<std::uint32_t>(p + 12);
    h.sequence = loadLE<std::uint64_t>(p + 16);
    h.firstMs = loadLE<std::int64_t>(p + 24);
    h.records = loadLE<std::uint32_t>(p + 32);
    h.crc = loadLE<std::uint32_t>(p + 36);
    return h;
}

std::string checkFrameHeader(const char *p, const FrameHeader &h)
{
    if (std::memcmp(p, kFrameMagic, 4) != 0) return "bad frame magic";
    if (h.flags & ~kFlagZstd) return "unknown frame flags " + std::to_string(h.flags);
    if (h.reserved != 0) return "reserved frame header bits set";
    if (h.storedBytes > kMaxStoredPayload)
        return "frame size " + std::to_string(h.storedBytes) + " exceeds " + sizeText(kMaxStoredPayload);
    if (h.rawBytes > kMaxRawPayload)
        return "raw frame size " + std::to_string(h.rawBytes) + " exceeds " + sizeText(kMaxRawPayload);
    if (!(h.flags & kFlagZstd) && h.rawBytes != h.storedBytes)
        return "uncompressed frame with raw size " + std::to_string(h.rawBytes) + " != stored size " +
               std::to_string(h.storedBytes);
    if ((h.flags & kFlagZstd) && h.storedBytes == 0) return "compressed frame with an empty payload";
    // zstd emits at most one 128 KiB block per 4 bytes (an RLE block), so a frame that
    // claims more cannot be genuine; checked before a buffer of raw size is allocated.
    if ((h.flags & kFlagZstd) && std::uint64_t(h.rawBytes) > std::uint64_t(h.storedBytes) * kMaxZstdRatio)
        return "raw size " + std::to_string(h.rawBytes) + " is more than zstd can inflate from " +
               std::to_string(h.storedBytes) + " bytes";
    if (h.records > h.rawBytes / 2)
        return std::to_string(h.records) + " records cannot fit in " + std::to_string(h.rawBytes) + " bytes";
    return {};
}

void encodeFooter(char *out, const Footer &f)
{
    std::memcpy(out, kFooterMagic, 8);
    storeLE<std::uint64_t>(out + 8, f.trailerOffset);
    storeLE<std::uint32_t>(out + 16, f.frameCount);
    storeLE<std::uint32_t>(out + 20, crc32c(out, 20));
}

std::optional<Footer> parseFooter(const char *p)
{
    if (std::memcmp(p, kFooterMagic, 8) != 0 || !crcMatches(loadLE<std::uint32_t>(p + 20), crc32c(p, 20)))
        return std::nullopt;
    return Footer{loadLE<std::uint64_t>(p + 8), loadLE<std::uint32_t>(p + 16)};
}

} // namespace vigil::capture::format

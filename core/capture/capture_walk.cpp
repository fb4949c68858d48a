// The header walk of CaptureReader::open() (no usable trailer, or salvage mode) and the
// salvage scan for the next intact frame. See capture_reader.h for the rules.
#include "core/capture/capture_reader_impl.h"

#include <algorithm>
#include <cstring>

namespace vigil::capture {

using namespace format;

bool CaptureReader::Impl::frameChecksOut(std::uint64_t offset, FrameHeader *found)
{
    std::string why;
    auto h = readHeader(offset, why);
    if (!h || !readChecked(offset, *h).empty()) return false;
    if (found) *found = *h;
    return true;
}

std::optional<std::uint64_t> CaptureReader::Impl::scanForFrame(std::uint64_t from, FrameHeader *found)
{
    constexpr std::size_t kChunk = 1u << 20;
    std::string buf;
    std::uint64_t p = from;
    while (p < size && size - p >= kFrameHeaderSize) {
        if (!progress(p)) return std::nullopt;
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, size - p));
        buf.resize(n);
        if (!src->read(p, buf.data(), n)) return std::nullopt;
        std::size_t i = 0;
        while (i + 4 <= n) {
            const void *hit = memmem(buf.data() + i, n - i, kFrameMagic, 4);
            if (!hit) break;
            const std::size_t at = static_cast<std::size_t>(static_cast<const char *>(hit) - buf.data());
            if (frameChecksOut(p + at, found)) return p + at;
            i = at + 1;
        }
        if (n < kChunk) break;
        p += n - 3; // a magic straddling the chunk end is found in the next chunk
    }
    return std::nullopt;
}

Result<void> CaptureReader::Impl::walk()
{
    std::uint64_t off = kFileHeaderSize;
    std::uint64_t expected = 0;
    bool resynced = false;     // salvage: bytes were skipped, so a sequence gap is explained
    std::uint8_t lastType = 0; // of the last accepted frame
    std::uint64_t lastOffset = 0;
    std::vector<IndexEntry> entries;
    const auto torn = [&](std::uint64_t at, std::uint64_t bytes) {
        addDamage(at, bytes, "torn tail of " + std::to_string(bytes) + " bytes", true);
    };
    while (off < size) {
        if (!progress(off)) return Error{"cancelled"};
        const std::uint64_t left = size - off;

        char fb[kFooterSize] = {};
        const bool haveFb = left >= kFooterSize && src->read(off, fb, sizeof fb);
        if (haveFb && parseFooter(fb)) {
            walkEndedClean = left == kFooterSize && lastType == std::uint8_t(FrameType::Trailer) &&
                             parseFooter(fb)->trailerOffset == lastOffset;
            if (left != kFooterSize)
                addDamage(off + kFooterSize, left - kFooterSize,
                          "data after the footer at offset " + std::to_string(off) +
                              " (another capture appended? open it separately)");
            break; // the end of a cleanly closed capture
        }
        if (left < kFrameHeaderSize) {
            torn(off, left);
            break;
        }
        if (haveFb && std::memcmp(fb, kFileMagic, sizeof kFileMagic) == 0) {
            addDamage(off, left,
                      "another capture starts at offset " + std::to_string(off) + " (open it separately)");
            break;
        }

        std::string why;
        auto h = readHeader(off, why);
        std::uint64_t frameBytes = 0;
        if (!h) {
            // A well-formed header whose frame runs past the end of the file is a torn
            // tail, unless an intact frame follows (then the size field is damaged).
            char hb[kFrameHeaderSize];
            if (src->read(off, hb, sizeof hb)) {
                const FrameHeader raw = parseFrameHeader(hb);
                if (checkFrameHeader(hb, raw).empty() && raw.storedBytes > left - kFrameHeaderSize &&
                    raw.sequence == expected && !scanForFrame(off + 1)) {
                    torn(off, left);
                    break;
                }
            }
        } else {
            frameBytes = kFrameHeaderSize + std::uint64_t(h->storedBytes);
        }

        bool skipForeign = false;
        std::string gapNote;
        if (h && h->sequence != expected) {
            if (!opt.salvage) {
                why = "sequence " + std::to_string(h->sequence) + ", expected " + std::to_string(expected);
            } else if (resynced && h->sequence > expected) {
                // The skipped bytes held the missing frames.
            } else if (h->sequence < expected) {
                skipForeign = true;
            } else {
                // Further on: frames were lost, or this frame belongs to another capture
                // and the next one continues the sequence.
                FrameHeader next;
                if (off + frameBytes < size && frameChecksOut(off + frameBytes, &next) &&
                    next.sequence == expected)
                    skipForeign = true;
                else
                    gapNote = "sequence jumps from " + std::to_string(expected) + " to " +
                              std::to_string(h->sequence) + " (frames lost)";
            }
        }
        // Data frames' CRCs are checked when they are read (series frames at open, by
        // loadSeries); salvage checks every frame now so frames() holds only good ones.
        if (why.empty() && (opt.salvage || !isDataType(h->type))) why = readChecked(off, *h);
        if (why.empty() && skipForeign) {
            addDamage(off, frameBytes,
                      "frame of another capture (sequence " + std::to_string(h->sequence) + ", expected " +
                          std::to_string(expected) + ") skipped");
            off += frameBytes;
            continue;
        }
        if (why.empty() &&
            (h->type == std::uint8_t(FrameType::Index) || h->type == std::uint8_t(FrameType::Trailer))) {
            auto records = decode(*h);
            if (records)
                entries.insert(entries.end(), records->index.begin(), records->index.end());
            else
                why = records.error().message;
        }
        if (!why.empty()) {
            const std::string reason = "corrupt frame at offset " + std::to_string(off) + ": " + why;
            if (!opt.salvage) {
                addDamage(off, left, reason + "; reading stops here");
                break;
            }
            const std::optional<std::uint64_t> next = scanForFrame(off + 1);
            if (!next) {
                addDamage(off, left, reason + "; nothing readable after it");
                break;
            }
            addDamage(off, *next - off, reason + "; skipped " + std::to_string(*next - off) + " bytes");
            off = *next;
            resynced = true;
            continue;
        }
        if (!gapNote.empty()) addDamage(off, 0, gapNote);

        if (isDataType(h->type)) {
            FrameInfo f;
            f.offset = off;
            f.sequence = h->sequence;
            f.type = static_cast<FrameType>(h->type);
            f.storedBytes = h->storedBytes;
            f.rawBytes = h->rawBytes;
            f.records = h->records;
            f.firstMs = f.lastMs = h->firstMs;
            f.compressed = h->flags & kFlagZstd;
            frames.push_back(f);
            timeKnown.push_back(0);
        } else if (h->type != std::uint8_t(FrameType::Index) && h->type != std::uint8_t(FrameType::Trailer)) {
            addDamage(off, frameBytes, "frame of unknown type " + std::to_string(h->type) + " skipped");
        }
        expected = h->sequence + 1;
        resynced = false;
        lastType = h->type;
        lastOffset = off;
        off += frameBytes;
    }
    applyIndex(entries);
    return {};
}

} // namespace vigil::capture

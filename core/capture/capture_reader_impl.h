// CaptureReader's private state, shared by capture_reader.cpp (open, trailer, series,
// read, frameAt) and capture_walk.cpp (walking frame headers, salvage scanning).
// Private to core/capture.
//
// Threads: as CaptureReader (one thread at a time).
#pragma once

#include "core/capture/capture_format.h"
#include "core/capture/capture_reader.h"
#include "core/capture/capture_source.h"

#include <zstd.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vigil::capture {

struct CaptureReader::Impl
{
    std::unique_ptr<ByteSource> src;
    ReaderOptions opt;
    FileHeader header;
    std::uint64_t size = 0;
    bool clean = false;
    bool walkEndedClean = false; // the walk met trailer + footer at the end
    std::vector<FrameInfo> frames;
    std::vector<char> timeKnown; // per frame: firstMs/lastMs from an index or a read
    std::vector<Damage> damage;
    std::vector<SeriesDef> series;
    std::vector<char> seriesDefined; // salvage may leave holes
    std::uint64_t bytesWalked = 0;

    mutable std::vector<std::int64_t> reach; // prefix maximum of what frames may reach
    mutable bool reachDirty = true;

    char headerBytes[format::kFrameHeaderSize] = {}; // of the last readHeader() call
    std::uint64_t headerOffset = ~std::uint64_t(0);
    std::string payload;         // stored bytes of the frame being read
    std::unique_ptr<char[]> raw; // decompressed payload
    std::size_t rawCapacity = 0;
    ZSTD_DCtx *dctx = nullptr;

    ~Impl()
    {
        if (dctx) ZSTD_freeDCtx(dctx);
    }

    // ---- capture_reader.cpp
    Result<void> open();
    bool tryTrailer(); // true: frames() come from the trailer
    Result<void> loadSeries();
    Result<void> addSeries(const std::vector<SeriesDef> &defs);
    // The frame at `offset` with header `h` (already checked): reads the stored payload
    // into `payload` and checks its CRC. Empty string when fine, else the reason.
    std::string readChecked(std::uint64_t offset, const format::FrameHeader &h);
    // Decompresses `payload` (header `h`) and decodes its records.
    Result<FrameRecords> decode(const format::FrameHeader &h);
    Result<format::FrameHeader> readHeader(std::uint64_t offset, std::string &why);
    void addDamage(std::uint64_t offset, std::uint64_t bytes, std::string reason, bool torn = false);
    void applyIndex(const std::vector<IndexEntry> &entries);
    bool progress(std::uint64_t at);

    // ---- capture_walk.cpp
    Result<void> walk();
    // The next offset >= from where a frame starts whose header and CRC check out.
    std::optional<std::uint64_t> scanForFrame(std::uint64_t from, format::FrameHeader *found = nullptr);
    // Header + CRC check of a frame at `offset` (no sequence check).
    bool frameChecksOut(std::uint64_t offset, format::FrameHeader *found = nullptr);
};

std::string frameLabel(std::size_t index, const FrameInfo &f); // "frame 17 (samples) at offset 123456"
bool isDataType(std::uint8_t type);
void recordTimes(FrameType type, const FrameRecords &r, std::int64_t &minMs, std::int64_t &maxMs, bool &any);

} // namespace vigil::capture

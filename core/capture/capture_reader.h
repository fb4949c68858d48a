// CaptureReader: opens a .vcap file read-only (docs/capture-format.md) and reads frames
// on demand, so a 10 GB capture is replayed with bounded memory.
//
// open() reads the header, then the trailer index if the footer is intact, else walks
// the frame headers (seek + 40 bytes each; CRCs of data frames are checked when a frame
// is read; index frames met on the way are read for their times), and loads every
// series definition. A torn tail is reported as damage and everything before it stays
// readable. A corrupt frame stops the walk there (reported with offset and reason;
// frames() ends before it) unless `salvage`: then open() ignores the trailer, walks
// every frame checking its CRC, and at a bad one scans for the next "VFRM" whose
// header and CRC check out, reporting each skipped range; a frame of another capture
// (its sequence does not fit) is skipped too. Every size is checked against the file
// and the format's maxima before anything is allocated; decompression never produces
// more than the frame's declared raw size. Progress and cancellation for large files.
//
// read() failures are also appended to damage() (once per frame).
//
// Threads: a reader is used by one thread at a time; open several for parallel reads.
#pragma once

#include "core/capture/capture_records.h"
#include "core/common/result.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace vigil::capture {

struct FileHeader
{
    std::uint16_t version = 0;
    std::int64_t startMs = 0;
    std::string writerId, host;
};

struct FrameInfo
{
    std::uint64_t offset = 0; // of the frame header
    std::uint64_t sequence = 0;
    FrameType type = FrameType::Samples;
    std::uint32_t storedBytes = 0, rawBytes = 0, records = 0;
    // Earliest and latest record time: from the index or trailer; without one, both are
    // the header's first-record time until the frame is read.
    std::int64_t firstMs = 0, lastMs = 0;
    bool compressed = false;
    bool operator==(const FrameInfo &) const = default;
};

struct Damage
{
    std::uint64_t offset = 0;
    std::uint64_t bytes = 0; // skipped or torn
    std::string reason; // "torn tail of 812 bytes", "CRC mismatch", "frame size 4294967295 exceeds 16 MiB"
    bool tornTail = false;
    bool operator==(const Damage &) const = default;
};

struct ReaderOptions
{
    bool salvage = false;
    // Called now and then with (bytes walked, file size); return false to cancel.
    std::function<bool(std::uint64_t, std::uint64_t)> progress;
};

struct DecodedFrame
{
    FrameInfo info;
    FrameRecords records;
};

class CaptureReader
{
  public:
    static Result<std::unique_ptr<CaptureReader>> open(const std::string &path, ReaderOptions options = {});
    // The same over a capture held in memory (tests, the fuzz target).
    static Result<std::unique_ptr<CaptureReader>> openMemory(std::string bytes, ReaderOptions options = {});
    ~CaptureReader();

    const FileHeader &header() const;
    std::uint64_t fileSize() const;
    bool cleanlyClosed() const;                   // footer and trailer present and valid
    const std::vector<FrameInfo> &frames() const; // data frames in file order (not index/trailer)
    const std::vector<Damage> &damage() const;
    // By id (series()[id].id == id). After salvage a lost definition leaves a hole: an
    // entry with an empty name.
    const std::vector<SeriesDef> &series() const;
    std::int64_t firstMs() const;
    std::int64_t lastMs() const;

    // Reads, checks and decodes frame `i` of frames(). Errors carry offset and reason.
    Result<DecodedFrame> read(std::size_t i);
    // The first data frame whose records may reach `ms`: the first i with lastMs >= ms,
    // a frame whose times are not known yet counting as reaching everything; series
    // frames never count. frames().size() when none (binary search on the index).
    std::size_t frameAt(std::int64_t ms) const;
    // One line for the operator: "recovered 812 frames; torn tail of 4711 bytes at offset
    // 123456" ("812 frames, no damage" when clean).
    std::string damageSummary() const;

  private:
    struct Impl;
    explicit CaptureReader(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace vigil::capture

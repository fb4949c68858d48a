// CaptureWriter: records into a .vcap file (docs/capture-format.md) on its own threads.
//
// Producers (the hub thread's tap, the event tap, the GUI for notes and cluster
// states) call the add* functions: they copy or share what they are given into a
// bounded queue and return at once — by default they never wait for zstd or the disk.
// The writer thread turns the queue into records, cuts ~1 MiB frames (zstd level 1 by
// default) and hands them, in file order, to the file thread (capture_sync.h), which
// owns the file: it write()s them (then they are *written*) and calls fdatasync after
// its writes, when 100 ms have passed or 4 MiB are unsynced (then they are *durable*:
// the sync started after they were written). Compression never waits for a sync; it
// runs ahead of the disk by at most 16 MiB of frames. The writer thread writes series
// definitions before the first samples that use them, an index frame every 64 frames or
// 10 s, and on close() the trailer and footer. Rotation (by size or time) closes the
// file cleanly (fdatasync, close) and opens "<base>-0002.vcap", ... (base: the first
// path without ".vcap"); each file is self-contained (own series ids).
//
// What addSamples() records is what the IngestHub stores for the batch: the same series
// identity and timestamps (see capture_frames.h), plus the scrape report. The hub's
// derived series (up, scrape_*) and staleness markers are not recorded: a replay
// derives them again from the reports.
//
// Backpressure: the queue is bounded by bytes (maxQueuedBytes; queuedBytes() shows how
// full it is). When it is full, an add with WhenFull::Drop (the default: live taps,
// the GUI) drops the newest input and counts it (status().droppedRecords) rather than
// blocking; an add with WhenFull::Wait (a bulk producer that can wait: a file
// converted at disk speed) blocks until the writer thread has taken enough of the
// queue, so it never loses records — it returns false (input dropped and counted) only
// when recording stopped (close() or a failure) before there was room. One input larger
// than the whole bound is taken when the queue is empty.
//
// Failure: a write or sync error (ENOSPC, EIO, ...) stops recording: the writer keeps
// the file as written so far (readable: every complete frame), sets status().error
// ("disk full: No space left on device at offset 123456") and drops what is queued
// afterwards (counted); adds after status().error shows it return at once. Records the
// format cannot hold (an event line over 1 MiB, a note or cluster state over 64 KiB, a
// series with more than 256 labels) are dropped and counted too; longer scrape errors
// and URLs are cut at 64 KiB.
//
// Threads: every public function is thread-safe. The destructor closes.
#pragma once

#include "core/capture/capture_records.h"
#include "core/common/result.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace vigil {
struct SampleBatch;
struct LineBatch;
} // namespace vigil

namespace vigil::capture {

struct WriterOptions
{
    std::string path;                            // the first file; rotation numbers the next ones
    int zstdLevel = 1;                           // 0: store frames uncompressed; negative: zstd's fast levels
    std::size_t frameBytes = 1 << 20;            // raw payload at which a frame is cut (4 KiB .. 8 MiB)
    std::chrono::milliseconds maxFrameAge{1000}; // a partly filled frame is cut after this
    std::chrono::milliseconds syncInterval{100};
    std::size_t syncBytes = 4 << 20;
    std::uint64_t rotateBytes = 0;          // 0: never
    std::chrono::seconds rotateAfter{0};    // 0: never
    std::size_t maxQueuedBytes = 256 << 20; // producers' input waiting for the writer thread
    std::string writerId;                   // "vigil 0.5.0"; default "vigil"
    std::string host;                       // default gethostname()
};

struct WriterStatus
{
    std::string path; // the file being written now
    std::int64_t startMs = 0, lastRecordMs = 0;
    std::uint64_t bytesWritten = 0;  // in the current file
    std::uint64_t totalBytes = 0;    // over all rotated files
    std::uint64_t framesWritten = 0; // over all files, every frame type
    // In the current file (they start at 0 again after a rotation; the rotated file
    // was synced and closed): frames [0, writtenSequence) reached the kernel, frames
    // [0, durableSequence) and its first durableBytes bytes are fdatasync'ed.
    std::uint64_t writtenSequence = 0;
    std::uint64_t durableSequence = 0;
    std::uint64_t durableBytes = 0;
    // Records taken into frames so far (series: definitions written, over all files).
    std::uint64_t samples = 0, events = 0, scrapes = 0, clusterStates = 0, notes = 0, series = 0;
    std::uint64_t droppedRecords = 0;            // queue full or after a failure
    std::uint64_t rawBytes = 0, storedBytes = 0; // payload before/after compression
    std::uint64_t queuedBytes = 0;               // CaptureWriter::queuedBytes() at the time
    int filesRotated = 0;
    bool recording = false;
    std::string error; // why recording stopped; empty while fine
};

// What an add does when the queue is full (see "Backpressure" above).
enum class WhenFull : std::uint8_t {
    Drop, // return at once: the input is dropped and counted
    Wait, // block until there is room; never on the GUI thread
};

class CaptureWriter
{
  public:
    // Creates the file (fails if it exists), writes the header, starts the threads.
    static Result<std::unique_ptr<CaptureWriter>> open(WriterOptions options);
    ~CaptureWriter();
    CaptureWriter(const CaptureWriter &) = delete;
    CaptureWriter &operator=(const CaptureWriter &) = delete;

    // Producers (any thread). Each returns whether the input was queued; false means
    // dropped and counted (queue full with WhenFull::Drop, or recording stopped).
    // WhenFull::Drop never blocks.
    // Shares the batch's buffers; records its scrape report too.
    bool addSamples(const SampleBatch &batch, WhenFull whenFull = WhenFull::Drop);
    bool addEventSource(std::uint32_t sourceId, std::string url, WhenFull whenFull = WhenFull::Drop);
    // Copies the lines of an owned batch; shares a mapped batch's bytes (LineBatch::backing).
    bool addEventLines(const LineBatch &batch, WhenFull whenFull = WhenFull::Drop);
    bool addEventLine(EventLine line, WhenFull whenFull = WhenFull::Drop);
    bool addClusterState(JsonRecord state, WhenFull whenFull = WhenFull::Drop);
    bool addNote(Note note, WhenFull whenFull = WhenFull::Drop);

    // Bytes of input queued and not yet taken into frames by the writer thread (what
    // WriterOptions::maxQueuedBytes bounds). For producers that pace themselves.
    std::size_t queuedBytes() const;

    // Cuts the current frames and waits until everything queued before the call is
    // written (durable too when `durable`); status() then counts all of it. Returns the
    // recording error, if any. For tests, the CLI and close. Blocks: not on the GUI thread.
    Result<void> flush(bool durable);
    // flush(true), trailer, footer, fsync, close; idempotent. The status stays readable.
    Result<void> close();

    WriterStatus status() const;

  private:
    struct Impl;
    explicit CaptureWriter(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace vigil::capture

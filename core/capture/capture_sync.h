// FileThread: the thread that owns a CaptureWriter's file (docs/capture-format.md,
// "Acknowledgements"). The writer thread builds and compresses frames and hands them
// over in file order; this thread write()s them (then they are *written*) and calls
// fdatasync after its writes, when the sync interval has passed or the sync size is
// unsynced (then they are *durable*: every byte a sync covers was written before it
// started). Compression never waits for the disk, only for room: at most
// maxPendingBytes of frames (one frame always) wait here, then writeFrame() blocks.
// It also writes the footer, finishes a file (fdatasync + close) and opens the next one
// on rotation (O_CREAT | O_EXCL, header).
//
// Failure: a write, sync, close or create error (or fail() from the writer thread)
// stops it for good: the partial frame is cut off (CaptureFile), the file is closed,
// failed() turns true before status().error is set, later frames are dropped; barriers
// still complete, so nobody waits forever. Private to core/capture.
//
// Threads: writeFrame, writeFooter, finishFile, openFile, barrier and stop from one
// thread (the writer thread); failed, fail, status and waitForBarrier from any.
#pragma once

#include "core/capture/capture_file.h"
#include "core/capture/capture_records.h"
#include "core/common/result.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace vigil::capture {

// What the file thread reports (the file part of WriterStatus).
struct FileStatus
{
    std::string path; // the file being written now
    std::int64_t startMs = 0, lastRecordMs = 0;
    std::uint64_t bytesWritten = 0, totalBytes = 0, framesWritten = 0;
    std::uint64_t writtenSequence = 0, durableSequence = 0, durableBytes = 0;
    std::uint64_t rawBytes = 0, storedBytes = 0;
    int filesRotated = 0;
    std::string error;
};

struct FileThreadOptions
{
    std::chrono::milliseconds syncInterval{100};
    std::size_t syncBytes = 4 << 20;
    std::size_t maxPendingBytes = 16 << 20; // frames waiting for write()
    std::string writerId, host;             // for the file headers
};

// A frame, encoded (40-byte header + stored payload), and what status() counts of it.
struct EncodedFrame
{
    std::string bytes;
    FrameType type = FrameType::Samples;
    std::uint32_t rawBytes = 0;
    std::int64_t lastRecordMs = 0; // data frames: latest record time
};

class FileThread
{
  public:
    // Creates `path` (never overwrites), writes its header, starts the thread.
    static Result<std::unique_ptr<FileThread>> open(const std::string &path, FileThreadOptions options);
    ~FileThread(); // stop()
    FileThread(const FileThread &) = delete;
    FileThread &operator=(const FileThread &) = delete;

    // Writer thread: jobs run in the order they are posted.
    void writeFrame(EncodedFrame frame); // blocks while maxPendingBytes are waiting
    void writeFooter(const char *bytes, std::size_t size);
    void finishFile();                      // fdatasync, close
    void openFile(const std::string &path); // after finishFile(): the next file (rotation)
    // Completes `ticket` once every job before it ran (and, when durable, an fdatasync
    // covered them). Tickets increase.
    void barrier(std::uint64_t ticket, bool durable);
    void stop(); // runs what is posted, syncs and closes an open file, joins; idempotent

    // Any thread.
    void waitForBarrier(std::uint64_t ticket);
    bool failed() const { return m_failed.load(std::memory_order_acquire); }
    void fail(const std::string &why); // the first reason wins
    FileStatus status() const;

  private:
    struct Job
    {
        enum class Kind : std::uint8_t { Frame, Footer, Finish, Open, Barrier } kind = Kind::Frame;
        EncodedFrame frame; // Frame, Footer (bytes); Open: bytes is the path
        std::uint64_t ticket = 0;
        bool durable = false;
    };

    explicit FileThread(FileThreadOptions options);
    Result<void> createFile(const std::string &path); // file thread (or open() before it runs)
    void post(Job job);
    void run();
    void runJob(Job &job);
    void syncNow();
    void failOnThisThread(const std::string &why); // fail() and close the file

    const FileThreadOptions m_opt;

    mutable std::mutex m_mutex;       // everything below up to the file thread's own state
    std::condition_variable m_jobCv;  // jobs posted, stop, failure
    std::condition_variable m_roomCv; // pending bytes went down, failure
    std::condition_variable m_doneCv; // barriers
    std::deque<Job> m_jobs;
    std::size_t m_pendingBytes = 0;
    std::uint64_t m_doneTicket = 0;
    bool m_stopping = false;
    FileStatus m_status;
    std::atomic<bool> m_failed{false};
    std::thread m_thread;

    // File thread only (or open() before the thread starts).
    CaptureFile m_file;
    std::uint64_t m_unsynced = 0;
    std::uint64_t m_written = 0; // frames written to the current file
    std::chrono::steady_clock::time_point m_lastSync;
};

} // namespace vigil::capture

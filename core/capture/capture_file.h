// CaptureFile: the append-only file under a CaptureWriter — exclusive create, complete
// writes, fdatasync, and errors worded for the operator ("disk full: No space left on
// device at offset 123456"). A failed write is cut back to the offset before it
// (best effort), so the file still ends on a frame boundary. Private to core/capture.
//
// Threads: one owner (the writer's file thread, capture_sync.h, or FileThread::open()
// before that thread runs).
#pragma once

#include "core/common/result.h"

#include <cstdint>
#include <string>

namespace vigil::capture {

class CaptureFile
{
  public:
    CaptureFile() = default;
    ~CaptureFile();
    CaptureFile(CaptureFile &&other) noexcept;
    CaptureFile &operator=(CaptureFile &&other) noexcept;
    CaptureFile(const CaptureFile &) = delete;
    CaptureFile &operator=(const CaptureFile &) = delete;

    // O_CREAT | O_EXCL: never overwrites an existing capture.
    static Result<CaptureFile> create(const std::string &path);

    Result<void> write(const char *data, std::size_t size);
    Result<void> sync();  // fdatasync
    Result<void> close(); // fsync of nothing more; just close, reporting an error
    bool isOpen() const { return m_fd >= 0; }
    std::uint64_t offset() const { return m_offset; }
    const std::string &path() const { return m_path; }

    // "disk full: No space left on device", "I/O error: Input/output error", ...
    static std::string reason(int err);

  private:
    int m_fd = -1;
    std::uint64_t m_offset = 0;
    std::string m_path;
};

} // namespace vigil::capture

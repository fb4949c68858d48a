// ByteSource: what a CaptureReader reads from — a file through pread(2), or bytes in
// memory (CaptureReader::openMemory, used by the fuzz target and tests). Reads are
// always of an exact range that the caller has checked against size(). Private to
// core/capture.
//
// Threads: one reader at a time (pread itself is safe, the source has no shared state).
#pragma once

#include "core/common/result.h"

#include <cstdint>
#include <memory>
#include <string>

namespace vigil::capture {

class ByteSource
{
  public:
    virtual ~ByteSource() = default;
    virtual std::uint64_t size() const = 0;
    // Exactly `n` bytes at `offset` (offset + n <= size()); an error otherwise.
    virtual Result<void> read(std::uint64_t offset, char *out, std::size_t n) = 0;
};

Result<std::unique_ptr<ByteSource>> openFileSource(const std::string &path);
std::unique_ptr<ByteSource> memorySource(std::string bytes);

} // namespace vigil::capture

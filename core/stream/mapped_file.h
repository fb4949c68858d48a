// MappedFile: a read-only mapping of `size` bytes of a regular file (from a page-aligned
// offset), followed by at least kLinePadding readable zero bytes, so LineBatches can be
// views into it (zero copy: no read() into buffers, no framing copies). Unmapped when the
// last reference goes (the batches, events and engine structures that point into it).
//
// Truncation: a mapped page the file no longer has raises SIGBUS on access. A process-wide
// SIGBUS handler (installed with the first mapping) turns such a fault inside a live
// MappedFile into zero bytes: it maps anonymous zero pages over the rest of that mapping
// and lets the access run again, and truncated() becomes true. Lines read there are then
// garbage (counted malformed or too long), never a crash. Faults at any other address go
// to the previously installed handler, or kill the process as before.
//
// Threads: any thread may read the bytes and truncated(); create and destroy anywhere.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace vigil {

class MappedFile
{
public:
    // Maps `size` bytes of fd from `offset` (a multiple of the page size; size > 0).
    // nullptr with `error` set when mmap fails or too many mappings are live (the caller
    // falls back to read()).
    static std::shared_ptr<const MappedFile> map(int fd, std::uint64_t offset, std::size_t size, std::string &error);
    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    const char *data() const { return m_base; }
    std::size_t size() const { return m_size; }
    // Bytes readable from data() (size() plus at least kLinePadding zero bytes).
    std::size_t readable() const { return m_length; }
    // A truncation was seen: some bytes of the mapping now read as zeros.
    bool truncated() const;

    // Test hook: whether the SIGBUS handler is installed.
    static bool guardInstalled();

private:
    MappedFile() = default;

    char *m_base = nullptr;
    std::size_t m_size = 0;
    std::size_t m_length = 0; // mapped bytes: size rounded up to pages, plus padding
    int m_slot = -1;          // index in the SIGBUS guard's table
};

} // namespace vigil

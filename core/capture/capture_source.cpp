#include "core/capture/capture_source.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil::capture {

namespace {

class FileSource final : public ByteSource
{
  public:
    FileSource(int fd, std::uint64_t size, std::string path) : m_fd(fd), m_size(size), m_path(std::move(path))
    {
    }
    ~FileSource() override { ::close(m_fd); }
    std::uint64_t size() const override { return m_size; }
    Result<void> read(std::uint64_t offset, char *out, std::size_t n) override
    {
        if (offset > m_size || n > m_size - offset) return Error{"read past the end of " + m_path};
        std::size_t done = 0;
        while (done < n) {
            const ssize_t r = ::pread(m_fd, out + done, n - done, static_cast<off_t>(offset + done));
            if (r < 0 && errno == EINTR) continue;
            if (r < 0)
                return Error{"read error at offset " + std::to_string(offset + done) + ": " +
                             std::strerror(errno)};
            if (r == 0)
                return Error{m_path + " shrank while being read (offset " + std::to_string(offset + done) +
                             ")"};
            done += static_cast<std::size_t>(r);
        }
        return {};
    }

  private:
    int m_fd;
    std::uint64_t m_size;
    std::string m_path;
};

class MemorySource final : public ByteSource
{
  public:
    explicit MemorySource(std::string bytes) : m_bytes(std::move(bytes)) {}
    std::uint64_t size() const override { return m_bytes.size(); }
    Result<void> read(std::uint64_t offset, char *out, std::size_t n) override
    {
        if (offset > m_bytes.size() || n > m_bytes.size() - offset)
            return Error{"read past the end of the capture"};
        std::memcpy(out, m_bytes.data() + offset, n);
        return {};
    }

  private:
    std::string m_bytes;
};

} // namespace

Result<std::unique_ptr<ByteSource>> openFileSource(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error{"cannot open " + path + ": " + std::strerror(errno)};
    struct stat st = {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return Error{"cannot stat " + path + ": " + std::strerror(err)};
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        return Error{path + " is not a regular file"};
    }
    return std::unique_ptr<ByteSource>(new FileSource(fd, static_cast<std::uint64_t>(st.st_size), path));
}

std::unique_ptr<ByteSource> memorySource(std::string bytes)
{
    return std::make_unique<MemorySource>(std::move(bytes));
}

} // namespace vigil::capture

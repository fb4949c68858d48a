// Test helper: lowers this process's RLIMIT_FSIZE (soft limit) with SIGXFSZ ignored, so
// writes past the limit fail with EFBIG the way they fail on a full disk — works
// unprivileged. Restores both on destruction. ok() false (with why()) when the limit
// could not be set: the test then skips loudly.
#pragma once

#include <sys/resource.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>

namespace vigil::test {

class FileSizeLimit
{
  public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        m_haveOld = ::getrlimit(RLIMIT_FSIZE, &m_old) == 0;
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit lim = m_old;
        lim.rlim_cur = bytes;
        if (!m_haveOld || ::setrlimit(RLIMIT_FSIZE, &lim) != 0)
            m_why = "setrlimit(RLIMIT_FSIZE) failed (" + std::string(std::strerror(errno)) + ")";
    }
    ~FileSizeLimit()
    {
        if (m_haveOld)
            ::setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_handler);
    }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;

    bool ok() const { return m_why.empty(); }
    const std::string &why() const { return m_why; }

  private:
    struct rlimit m_old = {};
    bool m_haveOld = false;
    void (*m_handler)(int) = SIG_DFL;
    std::string m_why;
};

} // namespace vigil::test

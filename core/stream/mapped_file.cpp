#include "core/stream/mapped_file.h"

#include "core/stream/line_batch.h"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <mutex>

#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace vigil {

namespace {

// The SIGBUS guard's table of live mappings. The handler only reads it (atomics, no
// locks: it may interrupt any code); MappedFile claims and frees slots.
constexpr int kSlots = 256;

struct Slot
{
    std::atomic<bool> used{false};
    std::atomic<std::uintptr_t> begin{0}, end{0};
    std::atomic<bool> hit{false};
};

Slot g_slots[kSlots];
std::uintptr_t g_pageSize = 4096;
struct sigaction g_previous;
std::once_flag g_installOnce;
std::atomic<bool> g_installed{false};

void onSigbus(int sig, siginfo_t *info, void *context)
{
    const int savedErrno = errno;
    const auto addr = reinterpret_cast<std::uintptr_t>(info->si_addr);
    for (Slot &slot : g_slots) {
        const std::uintptr_t begin = slot.begin.load(std::memory_order_acquire);
        const std::uintptr_t end = slot.end.load(std::memory_order_acquire);
        if (begin == 0 || addr < begin || addr >= end)
            continue;
        // Zero pages over the rest of the mapping: the access runs again and reads zeros.
        const std::uintptr_t page = addr & ~(g_pageSize - 1);
        // The raw system call: no library or sanitizer wrapper runs inside the handler.
        const long r = ::syscall(SYS_mmap, page, end - page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                                 -1, 0L);
        if (r == static_cast<long>(page)) {
            slot.hit.store(true, std::memory_order_release);
            errno = savedErrno;
            return;
        }
        break;
    }
    // Not ours: whoever handled SIGBUS before us, else what the default would have done.
    if (g_previous.sa_flags & SA_SIGINFO) {
        if (g_previous.sa_sigaction) {
            g_previous.sa_sigaction(sig, info, context);
            errno = savedErrno;
            return;
        }
    } else if (g_previous.sa_handler == SIG_IGN && info->si_code <= 0) {
        errno = savedErrno; // sent with kill() and ignored before us: still ignored
        return;
    } else if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN) {
        g_previous.sa_handler(sig);
        errno = savedErrno;
        return;
    }
    // The default action (a fault cannot be ignored either): terminate with SIGBUS.
    struct sigaction dfl;
    std::memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    ::sigaction(SIGBUS, &dfl, nullptr);
    ::raise(SIGBUS);
    errno = savedErrno;
}

void installGuard()
{
    std::call_once(g_installOnce, [] {
        const long page = ::sysconf(_SC_PAGESIZE);
        if (page > 0)
            g_pageSize = static_cast<std::uintptr_t>(page);
        struct sigaction sa;
        std::memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = onSigbus;
        sa.sa_flags = SA_SIGINFO | SA_NODEFER;
        sigemptyset(&sa.sa_mask);
        if (::sigaction(SIGBUS, &sa, &g_previous) == 0)
            g_installed.store(true, std::memory_order_release);
    });
}

} // namespace

bool MappedFile::guardInstalled()
{
    return g_installed.load(std::memory_order_acquire);
}

std::shared_ptr<const MappedFile> MappedFile::map(int fd, std::uint64_t offset, std::size_t size, std::string &error)
{
    if (size == 0) {
        error = "nothing to map";
        return nullptr;
    }
    installGuard();
    if (offset % g_pageSize != 0) {
        error = "offset not page-aligned";
        return nullptr;
    }
    if (!guardInstalled()) {
        error = "cannot install the SIGBUS handler";
        return nullptr;
    }
    int slot = -1;
    for (int i = 0; i < kSlots && slot < 0; ++i) {
        bool expected = false;
        if (g_slots[i].used.compare_exchange_strong(expected, true))
            slot = i;
    }
    if (slot < 0) {
        error = "too many mapped files";
        return nullptr;
    }
    const std::size_t page = g_pageSize;
    const std::size_t fileBytes = (size + page - 1) / page * page;
    const std::size_t length = (size + kLinePadding + page - 1) / page * page;
    // Reserve the whole range as zero pages, then put the file over its start: the bytes
    // after the end of the file (rest of its last page, then the reserve) read as zeros.
    void *base = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) {
        error = std::strerror(errno);
        g_slots[slot].used.store(false);
        return nullptr;
    }
    if (::mmap(base, fileBytes, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, static_cast<off_t>(offset)) == MAP_FAILED) {
        error = std::strerror(errno);
        ::munmap(base, length);
        g_slots[slot].used.store(false);
        return nullptr;
    }
    ::madvise(base, fileBytes, MADV_SEQUENTIAL);
    std::shared_ptr<MappedFile> m(new MappedFile);
    m->m_base = static_cast<char *>(base);
    m->m_size = size;
    m->m_length = length;
    m->m_slot = slot;
    Slot &s = g_slots[slot];
    s.hit.store(false);
    s.end.store(reinterpret_cast<std::uintptr_t>(base) + length, std::memory_order_release);
    s.begin.store(reinterpret_cast<std::uintptr_t>(base), std::memory_order_release);
    return m;
}

MappedFile::~MappedFile()
{
    if (m_slot >= 0) {
        Slot &s = g_slots[m_slot];
        s.begin.store(0, std::memory_order_release);
        s.end.store(0, std::memory_order_release);
        s.used.store(false, std::memory_order_release);
    }
    if (m_base)
        ::munmap(m_base, m_length);
}

bool MappedFile::truncated() const
{
    return m_slot >= 0 && g_slots[m_slot].hit.load(std::memory_order_acquire);
}

} // namespace vigil

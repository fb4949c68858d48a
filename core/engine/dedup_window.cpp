// DedupWindow (see the header for the design and thread rules).
#include "core/engine/dedup_window.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <new>

#include <sys/mman.h>

namespace vigil {

namespace {

constexpr int kTickBits = 20;
constexpr std::uint64_t kTickMask = (std::uint64_t{1} << kTickBits) - 1;

// --- hashKey: the wyhash (final v4) construction, written out here -------------------
constexpr std::uint64_t kSecret0 = 0xa0761d6478bd642full;
constexpr std::uint64_t kSecret1 = 0xe7037ed1a0b428dbull;
constexpr std::uint64_t kSecret2 = 0x8ebc6af09c88c6e3ull;
constexpr std::uint64_t kSecret3 = 0x589965cc75374cc3ull;

__extension__ typedef unsigned __int128 Uint128; // GCC/Clang; one mul on x86-64

inline void mum(std::uint64_t &a, std::uint64_t &b)
{
    const Uint128 r = static_cast<Uint128>(a) * b;
    a = static_cast<std::uint64_t>(r);
    b = static_cast<std::uint64_t>(r >> 64);
}
inline std::uint64_t mix(std::uint64_t a, std::uint64_t b)
{
    mum(a, b);
    return a ^ b;
}
// Little-endian loads; the value of the hash differs on big-endian hosts (documented).
inline std::uint64_t read8(const unsigned char *p)
{
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}
inline std::uint64_t read4(const unsigned char *p)
{
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}
inline std::uint64_t read3(const unsigned char *p, std::size_t k)
{
    return (std::uint64_t{p[0]} << 16) | (std::uint64_t{p[k >> 1]} << 8) | p[k - 1];
}

} // namespace

std::uint64_t DedupWindow::hashKey(std::string_view key)
{
    const auto *p = reinterpret_cast<const unsigned char *>(key.data());
    const std::size_t len = key.size();
    std::uint64_t seed = mix(kSecret0, kSecret1); // fixed seed 0, premixed
    std::uint64_t a = 0, b = 0;
    if (len <= 16) {
        if (len >= 4) {
            const std::size_t off = (len >> 3) << 2;
            a = (read4(p) << 32) | read4(p + off);
            b = (read4(p + len - 4) << 32) | read4(p + len - 4 - off);
        } else if (len > 0) {
            a = read3(p, len);
        }
    } else {
        std::size_t i = len;
        if (i > 48) {
            std::uint64_t see1 = seed, see2 = seed;
            do {
                seed = mix(read8(p) ^ kSecret1, read8(p + 8) ^ seed);
                see1 = mix(read8(p + 16) ^ kSecret2, read8(p + 24) ^ see1);
                see2 = mix(read8(p + 32) ^ kSecret3, read8(p + 40) ^ see2);
                p += 48;
                i -= 48;
            } while (i > 48);
            seed ^= see1 ^ see2;
        }
        while (i > 16) {
            seed = mix(read8(p) ^ kSecret1, read8(p + 8) ^ seed);
            i -= 16;
            p += 16;
        }
        // The last 16 bytes of the key, overlapping what was already consumed.
        a = read8(p + i - 16);
        b = read8(p + i - 8);
    }
    a ^= kSecret1;
    b ^= seed;
    mum(a, b);
    const std::uint64_t h = mix(a ^ kSecret0 ^ len, b ^ kSecret1);
    return h != 0 ? h : 0x9e3779b97f4a7c15ull; // 0 marks empty slots downstream
}

// --- DedupWindow ---------------------------------------------------------------------

DedupWindow::DedupWindow(double windowSeconds, std::size_t maxKeys, bool populateNow)
{
    const double ns = windowSeconds * 1e9;
    m_windowNs = !(ns > 0) ? 0 : ns >= 9e18 ? std::int64_t{9'000'000'000'000'000'000} : std::llround(ns);
    m_windowNs = std::max<std::int64_t>(m_windowNs, windowSeconds > 0 ? 1 : 0);
    // Smallest tick (power of two ns) such that any age < W, rounded up to ticks, fits
    // in kTickBits.
    while (((m_windowNs + (std::int64_t{1} << m_tickShift) - 1) >> m_tickShift) > static_cast<std::int64_t>(kTickMask))
        ++m_tickShift;

    m_genCapacity = std::max<std::size_t>(1, (maxKeys + 1) / 2);
    const std::size_t slots = std::bit_ceil(m_genCapacity + m_genCapacity / 3 + 1); // load <= 0.75
    m_mask = slots - 1;
    // The current generation is populated (populate(): now, or later on the thread that
    // uses the window): probing a never-touched page would map the shared zero page and
    // the first insert would then pay a copy-on-write fault with a TLB-shootdown IPI. The
    // other generation is first touched by rotate()'s fill (plain write faults) and only
    // read once it holds keys.
    m_gen[0].slots = allocateSlots(slots, false);
    m_gen[1].slots = allocateSlots(slots, false);
    if (populateNow)
        populate();
}

namespace {
constexpr std::size_t kPopulatePieceBytes = std::size_t{2} << 20; // a huge page
}

void DedupWindow::populate()
{
    const std::size_t pieces = populatePieces();
    for (std::size_t i = 0; i < pieces; ++i)
        populatePiece(i);
    markPopulated();
}

std::size_t DedupWindow::populatePieces() const
{
    const Generation &g = m_gen[m_current];
    if (g.populated || g.size != 0)
        return 0;
    const std::size_t total = slotsPerGeneration() * sizeof(std::uint64_t);
    return (total + kPopulatePieceBytes - 1) / kPopulatePieceBytes;
}

void DedupWindow::populatePiece(std::size_t piece) const
{
    const Generation &g = m_gen[m_current];
    auto *bytes = reinterpret_cast<volatile unsigned char *>(g.slots.get());
    const std::size_t total = slotsPerGeneration() * sizeof(std::uint64_t);
    const std::size_t end = std::min(total, (piece + 1) * kPopulatePieceBytes);
    for (std::size_t off = piece * kPopulatePieceBytes; off < end; off += 4096)
        bytes[off] = 0;
}

void DedupWindow::markPopulated()
{
    if (m_gen[m_current].size == 0)
        m_gen[m_current].populated = true;
}

DedupWindow::Slots DedupWindow::allocateSlots(std::size_t count, bool populate)
{
    const std::size_t bytes = count * sizeof(std::uint64_t);
    void *p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        throw std::bad_alloc();
    // Lookups land anywhere in tables of tens of MiB: with 4 KiB pages nearly every one
    // is a TLB miss. Ask for transparent huge pages (a hint; ignored where THP is off).
    if (bytes >= (std::size_t{2} << 20))
        ::madvise(p, bytes, MADV_HUGEPAGE);
    if (populate) {
        auto *bytesPtr = static_cast<volatile unsigned char *>(p);
        for (std::size_t off = 0; off < bytes; off += 4096)
            bytesPtr[off] = 0;
    }
    return Slots(static_cast<std::uint64_t *>(p), SlotsFree{bytes});
}

DedupWindow::Generation::Generation(const Generation &other)
    : populated(true), startNs(other.startNs), size(other.size)
{
    const std::size_t bytes = other.slots.get_deleter().bytes;
    if (other.slots) {
        slots = allocateSlots(bytes / sizeof(std::uint64_t), true);
        std::memcpy(slots.get(), other.slots.get(), bytes);
    }
}

DedupWindow::Generation &DedupWindow::Generation::operator=(const Generation &other)
{
    if (this != &other)
        *this = Generation(other);
    return *this;
}

void DedupWindow::SlotsFree::operator()(std::uint64_t *p) const
{
    if (p)
        ::munmap(p, bytes);
}

std::size_t DedupWindow::memoryBytes() const
{
    return sizeof(*this) + 2 * slotsPerGeneration() * sizeof(std::uint64_t);
}

void DedupWindow::rotate(std::int64_t nowNs)
{
    Generation &recycled = m_gen[1 - m_current];
    if (recycled.size != 0 || !recycled.populated) // first use: write-fault every page now
        std::fill_n(recycled.slots.get(), slotsPerGeneration(), std::uint64_t{0});
    recycled.size = 0;
    recycled.populated = true;
    recycled.startNs = nowNs;
    m_current = 1 - m_current;
    ++m_rotations;
}

std::size_t DedupWindow::find(const Generation &g, std::uint64_t fingerprint, std::size_t home, bool &found) const
{
    const std::uint64_t *slots = g.slots.get();
    for (std::size_t i = home;; i = (i + 1) & m_mask) {
        const std::uint64_t s = slots[i];
        if (s == 0) {
            found = false;
            return i;
        }
        if ((s >> kTickBits) == fingerprint) {
            found = true;
            return i;
        }
    }
}

std::int64_t DedupWindow::seenAtNs(const Generation &g, std::uint64_t slot) const
{
    return g.startNs + static_cast<std::int64_t>((slot & kTickMask) << m_tickShift);
}

std::uint64_t DedupWindow::encode(const Generation &g, std::uint64_t fingerprint, std::int64_t nowNs) const
{
    // Rounded up, so the stored time is never earlier than the real one: a key seen less
    // than W ago always counts as a duplicate.
    const std::int64_t age = std::max<std::int64_t>(0, nowNs - g.startNs);
    const std::int64_t tick = (age + (std::int64_t{1} << m_tickShift) - 1) >> m_tickShift;
    return (fingerprint << kTickBits) | static_cast<std::uint64_t>(tick);
}

bool DedupWindow::seenOrInsert(std::uint64_t keyHash, std::int64_t nowNs)
{
    if (m_windowNs <= 0) {
        ++m_misses;
        return false;
    }
    if (!m_started) [[unlikely]] { // the first call starts the clock
        m_gen[0].startNs = m_gen[1].startNs = nowNs;
        m_started = true;
    }
    if (nowNs - m_gen[m_current].startNs >= m_windowNs) {
        rotate(nowNs);
    } else if (m_gen[m_current].size >= m_genCapacity) [[unlikely]] {
        ++m_forcedRotations;
        rotate(nowNs);
    }

    if (keyHash == 0)
        keyHash = 1;
    std::uint64_t fingerprint = keyHash >> kTickBits;
    if (fingerprint == 0)
        fingerprint = 1;
    const std::size_t home = static_cast<std::size_t>(keyHash) & m_mask;

    Generation &cur = m_gen[m_current];
    const Generation &prev = m_gen[1 - m_current];
    // Tables far larger than the caches: start the previous generation's miss now so
    // it overlaps the current generation's.
    if (prev.size != 0)
        __builtin_prefetch(prev.slots.get() + home);
    bool found = false;
    const std::size_t pos = find(cur, fingerprint, home, found);
    bool duplicate = false;
    if (found) {
        duplicate = nowNs - seenAtNs(cur, cur.slots[pos]) < m_windowNs;
    } else {
        if (prev.size != 0) {
            bool inPrev = false;
            const std::size_t p = find(prev, fingerprint, home, inPrev);
            if (inPrev)
                duplicate = nowNs - seenAtNs(prev, prev.slots[p]) < m_windowNs;
        }
        ++cur.size;
    }
    // Last sighting wins: a key repeated every W/2 stays a duplicate.
    cur.slots[pos] = encode(cur, fingerprint, nowNs);
    if (duplicate)
        ++m_hits;
    else
        ++m_misses;
    return duplicate;
}

} // namespace vigil

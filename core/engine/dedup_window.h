// DedupWindow: "have I seen this key in the last W seconds?" with memory fixed at
// construction. Keys are 64-bit hashes (hashKey()); the caller's clock drives expiry.
//
// Threads: NOT thread-safe; one DedupWindow per engine worker (keys are routed to a
// worker by hash, or the engine serialises access).
//
// Design: two generations (current, previous), each an open-addressing, linear-probing
// table of power-of-two size holding 64-bit slots = 44-bit key fingerprint | 20-bit
// time tick (W / 2^20 resolution, e.g. 57 us for W = 60 s); 0 means empty. Lookups check
// current then previous and compare the stored time, so the window is exact to one
// tick: a key seen (last seen: a duplicate refreshes it) less than W ago is a duplicate,
// one seen more than W + tick ago is not. The current generation becomes the previous
// when it is W old (so every key lives in a table for at least W), or earlier when it
// holds maxKeys/2 keys (forcedRotations(): the window then covers fewer keys than W
// would need). Rotation clears the recycled table (memset of memoryBytes()/2).
// False duplicates: a new key matches a stored fingerprint with probability ~2^-42 per
// probed slot (a few slots per lookup).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace vigil {

class DedupWindow
{
public:
    // windowSeconds <= 0 disables deduplication (every key is new). maxKeys >= 2.
    // populateNow = false leaves writing the current generation's pages once (see the
    // constructor) to populate(), so the thread that will use the window can do it.
    explicit DedupWindow(double windowSeconds, std::size_t maxKeys, bool populateNow = true);

    // Writes every page of the current generation once, if not done yet. Call before the
    // first seenOrInsert(); without it lookups still work, the first inserts just pay
    // copy-on-write faults.
    void populate();
    // The same in pieces that several threads may write at once (before any insert):
    // pieces [0, populatePieces()) each once, then markPopulated() (after all, on the
    // thread that will use the window). populatePieces() is 0 when there is nothing to do.
    std::size_t populatePieces() const;
    void populatePiece(std::size_t piece) const;
    void markPopulated();

    // true: keyHash was seen less than W before nowNs (a duplicate); either way the key
    // is remembered as seen at nowNs. keyHash 0 is treated as 1.
    bool seenOrInsert(std::uint64_t keyHash, std::int64_t nowNs);

    // Optional: starts loading the slots keyHash will probe (both generations), so a
    // caller working through a batch can prefetch key i+1 while handling key i.
    void prefetch(std::uint64_t keyHash) const
    {
        const std::size_t home = static_cast<std::size_t>(keyHash) & m_mask;
        __builtin_prefetch(m_gen[0].slots.get() + home);
        __builtin_prefetch(m_gen[1].slots.get() + home);
    }

    // Constant after construction.
    std::size_t memoryBytes() const;

    std::uint64_t hits() const { return m_hits; }
    std::uint64_t misses() const { return m_misses; }
    std::uint64_t forcedRotations() const { return m_forcedRotations; }
    std::uint64_t rotations() const { return m_rotations; } // all, forced included
    std::size_t slotsPerGeneration() const { return m_mask + 1; }
    std::size_t keysPerGeneration() const { return m_genCapacity; }
    std::int64_t tickNs() const { return std::int64_t{1} << m_tickShift; }

    // Fast 64-bit hash (wyhash-style), never 0. Stable across runs and platforms of the
    // same endianness; not for security.
    static std::uint64_t hashKey(std::string_view key);

private:
    // Zero-filled slot memory from mmap (zeroed by the kernel, no user-space memset).
    struct SlotsFree
    {
        SlotsFree() noexcept : bytes(0) {}
        explicit SlotsFree(std::size_t b) noexcept : bytes(b) {}
        std::size_t bytes;
        void operator()(std::uint64_t *p) const;
    };
    using Slots = std::unique_ptr<std::uint64_t[], SlotsFree>;
    static Slots allocateSlots(std::size_t count, bool populate);

    struct Generation
    {
        Generation() = default;
        Generation(const Generation &other); // deep copy (tests probe copies)
        Generation(Generation &&) noexcept = default;
        Generation &operator=(const Generation &other);
        Generation &operator=(Generation &&) noexcept = default;
        ~Generation() = default;

        Slots slots;
        bool populated = false; // every page written once (see the constructor)
        std::int64_t startNs = 0;
        std::size_t size = 0;
    };

    void rotate(std::int64_t nowNs);
    // Slot index holding the fingerprint, or the empty slot where it would go.
    std::size_t find(const Generation &g, std::uint64_t fingerprint, std::size_t home, bool &found) const;
    std::int64_t seenAtNs(const Generation &g, std::uint64_t slot) const;
    std::uint64_t encode(const Generation &g, std::uint64_t fingerprint, std::int64_t nowNs) const;

    Generation m_gen[2];
    int m_current = 0;
    bool m_started = false;
    std::size_t m_mask = 0;
    std::size_t m_genCapacity = 0;
    std::int64_t m_windowNs = 0;
    int m_tickShift = 0;
    std::uint64_t m_hits = 0, m_misses = 0, m_forcedRotations = 0, m_rotations = 0;
};

} // namespace vigil

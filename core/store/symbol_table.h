// Interning helpers of the series store: a fast non-cryptographic string hash, an
// open-addressing index from 64-bit hash to a 32-bit id, and the string symbol table
// that label names/values, metric names and help texts are interned into.
//
// Not thread-safe by themselves: SeriesStore writes them under its exclusive lock
// (or lock-free from its single writer thread for pure lookups) and reads them under
// its shared lock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace vigil::store {

inline constexpr std::uint32_t kNoId = 0xffffffffu;

// 64-bit hash of bytes, mixing in `seed` (chain calls to hash several fields).
std::uint64_t hashBytes(std::string_view s, std::uint64_t seed);

// Malloc's real cost of a heap block of n bytes (glibc: 8-byte header, 16-byte
// granularity), for memory accounting.
inline std::size_t allocBytes(std::size_t n)
{
    return n == 0 ? 0 : ((n + 8 + 15) & ~std::size_t(15));
}

// hash -> id, linear probing, power-of-two capacity, load factor <= 1/2.
// Equal hashes may map to several ids: find() asks the caller to confirm a match.
class HashIndex
{
public:
    template <typename Confirm>
    std::uint32_t find(std::uint64_t hash, Confirm &&confirm) const
    {
        if (m_slots.empty())
            return kNoId;
        const std::size_t m = m_slots.size() - 1;
        for (std::size_t i = std::size_t(hash) & m;; i = (i + 1) & m) {
            const Slot &s = m_slots[i];
            if (s.id == kNoId)
                return kNoId;
            if (s.hash == hash && confirm(s.id))
                return s.id;
        }
    }
    void insert(std::uint64_t hash, std::uint32_t id);
    void erase(std::uint64_t hash, std::uint32_t id);
    std::size_t size() const { return m_size; }
    std::size_t bytes() const { return allocBytes(m_slots.capacity() * sizeof(Slot)); }

private:
    struct Slot
    {
        std::uint64_t hash = 0;
        std::uint32_t id = kNoId;
    };
    void grow();

    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
};

// Append-only string interning: each distinct string gets a dense id; the bytes live
// in an arena and never move, so str() views stay valid for the table's lifetime.
class SymbolTable
{
public:
    SymbolTable();
    std::uint32_t intern(std::string_view s);
    std::uint32_t find(std::string_view s) const; // kNoId if absent
    std::string_view str(std::uint32_t id) const { return m_strings[id]; }
    std::size_t size() const { return m_strings.size(); }
    std::size_t bytes() const;

private:
    static constexpr std::size_t kBlockSize = 64 * 1024;

    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::size_t m_arenaBytes = 0;
    std::size_t m_blockUsed = kBlockSize;
    std::vector<std::string_view> m_strings;
    HashIndex m_index;
};

} // namespace vigil::store

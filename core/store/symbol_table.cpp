#include "core/store/symbol_table.h"

#include <cstring>

namespace vigil::store {

namespace {

constexpr std::uint64_t kMul1 = 0x9e3779b97f4a7c15ull;
constexpr std::uint64_t kMul2 = 0xbf58476d1ce4e5b9ull;
constexpr std::uint64_t kMul3 = 0x94d049bb133111ebull;

std::uint64_t mix(std::uint64_t a, std::uint64_t b)
{
    const unsigned __int128 r = (unsigned __int128)(a ^ kMul1) * (b ^ kMul2);
    return std::uint64_t(r) ^ std::uint64_t(r >> 64);
}

std::uint64_t load64(const char *p)
{
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

} // namespace

std::uint64_t hashBytes(std::string_view s, std::uint64_t seed)
{
    // Length goes in first so ("ab","c") and ("a","bc") hash differently when chained.
    std::uint64_t h = mix(seed, s.size());
    const char *p = s.data();
    std::size_t n = s.size();
    while (n >= 16) {
        h = mix(h ^ load64(p), load64(p + 8) ^ kMul3);
        p += 16;
        n -= 16;
    }
    if (n >= 8) {
        h = mix(h ^ load64(p), kMul3);
        p += 8;
        n -= 8;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, p, n);
    return mix(h ^ tail, kMul1 + n);
}

void HashIndex::grow()
{
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    const std::size_t m = m_slots.size() - 1;
    for (const Slot &s : old) {
        if (s.id == kNoId)
            continue;
        std::size_t i = std::size_t(s.hash) & m;
        while (m_slots[i].id != kNoId)
            i = (i + 1) & m;
        m_slots[i] = s;
    }
}

void HashIndex::insert(std::uint64_t hash, std::uint32_t id)
{
    if ((m_size + 1) * 2 > m_slots.size())
        grow();
    const std::size_t m = m_slots.size() - 1;
    std::size_t i = std::size_t(hash) & m;
    while (m_slots[i].id != kNoId)
        i = (i + 1) & m;
    m_slots[i] = Slot{hash, id};
    ++m_size;
}

void HashIndex::erase(std::uint64_t hash, std::uint32_t id)
{
    if (m_slots.empty())
        return;
    const std::size_t m = m_slots.size() - 1;
    std::size_t i = std::size_t(hash) & m;
    for (;; i = (i + 1) & m) {
        if (m_slots[i].id == kNoId)
            return;
        if (m_slots[i].id == id && m_slots[i].hash == hash)
            break;
    }
    // Backward-shift deletion keeps probe chains intact without tombstones.
    std::size_t hole = i;
    for (std::size_t j = (i + 1) & m; m_slots[j].id != kNoId; j = (j + 1) & m) {
        const std::size_t home = std::size_t(m_slots[j].hash) & m;
        const bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
        if (movable) {
            m_slots[hole] = m_slots[j];
            hole = j;
        }
    }
    m_slots[hole] = Slot{};
    --m_size;
}

SymbolTable::SymbolTable()
{
    intern(std::string_view()); // id 0 is the empty string
}

std::uint32_t SymbolTable::find(std::string_view s) const
{
    const std::uint64_t h = hashBytes(s, 0);
    return m_index.find(h, [&](std::uint32_t id) { return m_strings[id] == s; });
}

std::uint32_t SymbolTable::intern(std::string_view s)
{
    const std::uint64_t h = hashBytes(s, 0);
    const std::uint32_t found = m_index.find(h, [&](std::uint32_t id) { return m_strings[id] == s; });
    if (found != kNoId)
        return found;

    const auto id = std::uint32_t(m_strings.size());
    if (s.empty()) {
        m_strings.emplace_back();
        m_index.insert(h, id);
        return id;
    }
    char *dst = nullptr;
    if (s.size() > kBlockSize / 4) {
        // Big strings (long help texts) get their own block so they don't waste arena.
        m_blocks.push_back(std::make_unique<char[]>(s.size()));
        m_arenaBytes += allocBytes(s.size());
        dst = m_blocks.back().get();
        std::swap(m_blocks.back(), m_blocks[m_blocks.size() > 1 ? m_blocks.size() - 2 : 0]);
    } else {
        if (m_blockUsed + s.size() > kBlockSize) {
            m_blocks.push_back(std::make_unique<char[]>(kBlockSize));
            m_arenaBytes += allocBytes(kBlockSize);
            m_blockUsed = 0;
        }
        dst = m_blocks.back().get() + m_blockUsed;
        m_blockUsed += s.size();
    }
    std::memcpy(dst, s.data(), s.size());
    m_strings.emplace_back(dst, s.size());
    m_index.insert(h, id);
    return id;
}

std::size_t SymbolTable::bytes() const
{
    return m_arenaBytes + allocBytes(m_blocks.capacity() * sizeof(m_blocks[0])) +
           allocBytes(m_strings.capacity() * sizeof(std::string_view)) + m_index.bytes();
}

} // namespace vigil::store

// PriorityLanes: four bounded FIFO lanes (critical, high, medium, low) of parsed
// events, drained critical first, each applying a policy when full: Block (the caller
// waits for space and offers the rest again), DropNewest (the offered events that do
// not fit are dropped) or DropOldest (the oldest queued events make room).
//
// A lane is a queue of chunks: the per-lane vectors the parser filled are moved in whole
// (copied only when a lane takes part of one), and drain() copies their events out for
// the processing worker in one stream. Each chunk holds the blocks its events point into
// (one reference per chunk, not per event). Emptied vectors go back out through offer(),
// capacity kept, so a steady stream allocates nothing.
//
// Threads: none of its own and not synchronised; EventEngine guards it with its lane
// mutex and does all waiting.
#pragma once

#include "core/engine/event_parser.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <deque>
#include <memory>
#include <span>
#include <vector>

namespace vigil {

using BlockRef = std::shared_ptr<const EventBlock>;

// Consecutive events of one lane: events[begin..] (the ones before begin were evicted).
struct EventChunk
{
    std::vector<ParsedEvent> events;
    std::size_t begin = 0;
    BlockRef block;               // the block the events point into...
    std::vector<BlockRef> more;   // ...and any further ones (events parsed from several)

    std::size_t size() const { return events.size() - begin; }
    // The reference that holds `b` (null if none does).
    const BlockRef *refFor(const EventBlock *b) const
    {
        if (block.get() == b)
            return &block;
        for (const BlockRef &r : more)
            if (r.get() == b)
                return &r;
        return nullptr;
    }
};

class PriorityLanes
{
public:
    explicit PriorityLanes(std::size_t capacity) : m_capacity(capacity ? capacity : 1) {}

    struct OfferResult
    {
        std::size_t taken = 0;    // events consumed from `events` (queued or dropped)
        std::size_t queued = 0;   // of those, queued
    };

    // Offers events[from..] to `lane`; `blocks` holds every block they point into. Block:
    // queues what fits and stops (taken < rest means: wait for space, then offer again
    // from from+taken). DropNewest: queues what fits, the rest are taken and dropped.
    // DropOldest: queues all, evicting the oldest. onDrop(const ParsedEvent &) is called
    // for every dropped or evicted event. When everything is taken from from == 0, the
    // vector itself moves into the lane and `events` gets a recycled (empty) one.
    template <typename OnDrop>
    OfferResult offer(int lane, std::vector<ParsedEvent> &events, std::size_t from, LanePolicy policy,
                      std::span<const BlockRef> blocks, OnDrop &&onDrop)
    {
        Lane &q = m_lanes[static_cast<std::size_t>(lane)];
        OfferResult r;
        const std::size_t rest = events.size() - std::min(from, events.size());
        if (rest == 0)
            return r;
        const std::size_t space = m_capacity - std::min(m_capacity, q.size);
        std::size_t queue = rest;
        if (policy != LanePolicy::DropOldest)
            queue = std::min(rest, space);
        if (queue > 0) {
            EventChunk chunk;
            if (!blocks.empty()) {
                chunk.block = blocks.front();
                if (blocks.size() > 1)
                    chunk.more.assign(blocks.begin() + 1, blocks.end());
            }
            if (from == 0 && queue == rest) {
                chunk.events.swap(events);
                events = takeVector();
            } else {
                chunk.events = takeVector();
                chunk.events.assign(events.begin() + std::ptrdiff_t(from), events.begin() + std::ptrdiff_t(from + queue));
            }
            q.size += queue;
            q.chunks.push_back(std::move(chunk));
            r.taken = r.queued = queue;
        }
        if (policy == LanePolicy::DropNewest && queue < rest) {
            for (std::size_t i = from + queue; i < events.size(); ++i)
                onDrop(events[i]);
            r.taken = rest;
        }
        if (policy == LanePolicy::DropOldest) {
            // The oldest queued events (the ones just queued, when more came than fit) go.
            while (q.size > m_capacity) {
                EventChunk &front = q.chunks.front();
                const std::size_t evict = std::min(q.size - m_capacity, front.size());
                for (std::size_t i = 0; i < evict; ++i)
                    onDrop(front.events[front.begin + i]);
                front.begin += evict;
                q.size -= evict;
                if (front.size() == 0) {
                    recycle(std::move(front.events));
                    q.chunks.pop_front();
                }
            }
        }
        return r;
    }

    // Copies whole chunks' events into `out`, critical lane first, until at least `max`
    // events or the lanes are empty (a chunk is never split), and appends to `refs` the
    // references that keep their blocks alive. The chunks' vectors are recycled. Copying
    // here, in one stream, is cheaper for the caller (the processing worker) than reading
    // the events one by one from vectors another core just wrote. Returns how many per lane.
    std::array<std::size_t, kLaneCount> drain(std::size_t max, std::vector<ParsedEvent> &out,
                                              std::vector<BlockRef> &refs)
    {
        std::array<std::size_t, kLaneCount> taken{};
        std::size_t total = 0;
        for (std::size_t l = 0; l < kLaneCount && total < max; ++l) {
            Lane &q = m_lanes[l];
            while (!q.chunks.empty() && total < max) {
                EventChunk &c = q.chunks.front();
                const std::size_t n = c.size();
                out.insert(out.end(), c.events.begin() + std::ptrdiff_t(c.begin), c.events.end());
                if (c.block)
                    refs.push_back(std::move(c.block));
                for (BlockRef &b : c.more)
                    refs.push_back(std::move(b));
                recycle(std::move(c.events));
                q.chunks.pop_front();
                q.size -= n;
                taken[l] += n;
                total += n;
            }
        }
        return taken;
    }

    // An emptied vector comes back for reuse (capacity kept, up to a bound).
    void recycle(std::vector<ParsedEvent> &&v)
    {
        if (v.capacity() == 0 || v.capacity() > kPoolMaxEvents || m_pool.size() >= kPoolSize)
            return;
        v.clear();
        m_pool.push_back(std::move(v));
    }

    bool hasSpace(int lane) const { return m_lanes[static_cast<std::size_t>(lane)].size < m_capacity; }
    std::size_t depth(int lane) const { return m_lanes[static_cast<std::size_t>(lane)].size; }
    std::size_t totalDepth() const
    {
        std::size_t n = 0;
        for (const auto &q : m_lanes)
            n += q.size;
        return n;
    }
    std::size_t capacity() const { return m_capacity; }

private:
    // Recycled vectors kept for the producers (enough for the chunks of a few batches).
    static constexpr std::size_t kPoolSize = 256;
    static constexpr std::size_t kPoolMaxEvents = 4096; // larger vectors are freed

    struct Lane
    {
        std::deque<EventChunk> chunks;
        std::size_t size = 0; // events in the chunks
    };

    std::vector<ParsedEvent> takeVector()
    {
        if (m_pool.empty())
            return {};
        std::vector<ParsedEvent> v = std::move(m_pool.back());
        m_pool.pop_back();
        return v;
    }

    std::size_t m_capacity;
    std::array<Lane, kLaneCount> m_lanes;
    std::vector<std::vector<ParsedEvent>> m_pool;
};

} // namespace vigil

// PriorityLanes: four bounded FIFO lanes (critical, high, medium, low) of parsed
// events, drained critical first, each applying a policy when full: Block (the caller
// waits for space and offers the rest again), DropNewest (the offered events that do
// not fit are dropped) or DropOldest (the oldest queued events make room).
//
// Events are plain copies (ParsedEvent is trivially copyable) in one growable ring
// buffer per lane, so queueing costs no allocation per event. The blocks the events
// point into are held once per run of consecutive events from the same block, not once
// per event; drain() hands those references to the caller with the events.
//
// Threads: none of its own and not synchronised; EventEngine guards it with its lane
// mutex and does all waiting. Moves many events per call (batched hand-off).
#pragma once

#include "core/engine/event_parser.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <deque>
#include <memory>
#include <span>
#include <vector>

namespace vigil {

using BlockRef = std::shared_ptr<const EventBlock>;

// A FIFO of events in a power-of-two circular buffer that grows by doubling.
class EventRing
{
public:
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    std::size_t allocated() const { return m_buf.size(); }
    const ParsedEvent &front() const { return m_buf[m_head]; }

    void push(const ParsedEvent &ev)
    {
        if (m_size == m_buf.size())
            grow();
        m_buf[(m_head + m_size) & (m_buf.size() - 1)] = ev;
        ++m_size;
    }
    void pushRange(const ParsedEvent *events, std::size_t n)
    {
        while (m_size + n > m_buf.size())
            grow();
        const std::size_t tail = (m_head + m_size) & (m_buf.size() - 1);
        const std::size_t first = std::min(n, m_buf.size() - tail);
        std::copy(events, events + first, m_buf.begin() + std::ptrdiff_t(tail));
        std::copy(events + first, events + n, m_buf.begin());
        m_size += n;
    }
    void popFront()
    {
        m_head = (m_head + 1) & (m_buf.size() - 1);
        --m_size;
    }
    // Appends the n oldest events to out and removes them.
    void popInto(std::size_t n, std::vector<ParsedEvent> &out)
    {
        n = std::min(n, m_size);
        const std::size_t first = std::min(n, m_buf.size() - m_head);
        out.insert(out.end(), m_buf.begin() + std::ptrdiff_t(m_head), m_buf.begin() + std::ptrdiff_t(m_head + first));
        out.insert(out.end(), m_buf.begin(), m_buf.begin() + std::ptrdiff_t(n - first));
        m_head = (m_head + n) & (m_buf.size() - 1);
        m_size -= n;
    }
    // Gives the memory back (only when empty).
    void release()
    {
        if (m_size == 0) {
            std::vector<ParsedEvent>().swap(m_buf);
            m_head = 0;
        }
    }

private:
    void grow()
    {
        std::vector<ParsedEvent> bigger(std::max<std::size_t>(64, m_buf.size() * 2));
        for (std::size_t i = 0; i < m_size; ++i)
            bigger[i] = m_buf[(m_head + i) & (m_buf.size() - 1)];
        m_buf.swap(bigger);
        m_head = 0;
    }

    std::vector<ParsedEvent> m_buf; // size is 0 or a power of two
    std::size_t m_head = 0, m_size = 0;
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
    // for every dropped or evicted event.
    template <typename OnDrop>
    OfferResult offer(int lane, const std::vector<ParsedEvent> &events, std::size_t from, LanePolicy policy,
                      std::span<const BlockRef> blocks, OnDrop &&onDrop)
    {
        Lane &q = m_lanes[static_cast<std::size_t>(lane)];
        OfferResult r;
        std::size_t i = from;
        while (i < events.size()) {
            const std::size_t space = m_capacity - std::min(m_capacity, q.events.size());
            if (space == 0) {
                if (policy == LanePolicy::Block)
                    break;
                if (policy == LanePolicy::DropNewest) {
                    for (; i < events.size(); ++i)
                        onDrop(events[i]);
                    r.taken = events.size() - from;
                    break;
                }
                // DropOldest: the oldest queued events make room for the rest.
                const std::size_t evict = std::min(events.size() - i, q.events.size());
                for (std::size_t k = 0; k < evict; ++k) {
                    onDrop(q.events.front());
                    q.events.popFront();
                }
                consumeRuns(q, evict, nullptr);
                continue;
            }
            const std::size_t n = std::min(space, events.size() - i);
            q.events.pushRange(events.data() + i, n);
            for (std::size_t k = i; k < i + n; ++k) {
                const EventBlock *block = events[k].block;
                if (!q.runs.empty() && q.runs.back().block.get() == block)
                    ++q.runs.back().count;
                else
                    q.runs.push_back({refOf(block, blocks), 1});
            }
            i += n;
            r.taken += n;
            r.queued += n;
        }
        return r;
    }

    // Moves up to `max` events into `out`, critical lane first, and appends to `refs` the
    // block references that keep them valid. Returns how many per lane.
    std::array<std::size_t, kLaneCount> drain(std::size_t max, std::vector<ParsedEvent> &out,
                                              std::vector<BlockRef> &refs)
    {
        std::array<std::size_t, kLaneCount> taken{};
        for (std::size_t l = 0; l < kLaneCount && max > 0; ++l) {
            Lane &q = m_lanes[l];
            const std::size_t n = std::min(max, q.events.size());
            if (n == 0)
                continue;
            q.events.popInto(n, out);
            consumeRuns(q, n, &refs);
            if (q.events.empty() && q.events.allocated() > kKeepAllocated)
                q.events.release();
            taken[l] = n;
            max -= n;
        }
        return taken;
    }

    bool hasSpace(int lane) const { return m_lanes[static_cast<std::size_t>(lane)].events.size() < m_capacity; }
    std::size_t depth(int lane) const { return m_lanes[static_cast<std::size_t>(lane)].events.size(); }
    std::size_t totalDepth() const
    {
        std::size_t n = 0;
        for (const auto &q : m_lanes)
            n += q.events.size();
        return n;
    }
    std::size_t capacity() const { return m_capacity; }

private:
    // An empty lane keeps up to this many slots allocated (a burst's memory goes back).
    static constexpr std::size_t kKeepAllocated = 8192;

    struct Run
    {
        BlockRef block;
        std::size_t count = 0;
    };
    struct Lane
    {
        EventRing events;
        std::deque<Run> runs; // blocks of the queued events, oldest first; counts sum to events.size()
    };

    static BlockRef refOf(const EventBlock *block, std::span<const BlockRef> blocks)
    {
        for (const BlockRef &b : blocks)
            if (b.get() == block)
                return b;
        return {}; // not given: the caller keeps the block alive itself
    }

    // The n oldest events left the lane: their runs' references move to refs (or are
    // released when refs is null).
    static void consumeRuns(Lane &q, std::size_t n, std::vector<BlockRef> *refs)
    {
        while (n > 0 && !q.runs.empty()) {
            Run &run = q.runs.front();
            if (run.count <= n) {
                n -= run.count;
                if (refs && run.block)
                    refs->push_back(std::move(run.block));
                q.runs.pop_front();
            } else {
                run.count -= n;
                n = 0;
                if (refs && run.block)
                    refs->push_back(run.block);
            }
        }
    }

    std::size_t m_capacity;
    std::array<Lane, kLaneCount> m_lanes;
};

} // namespace vigil

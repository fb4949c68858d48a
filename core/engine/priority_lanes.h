// PriorityLanes: four bounded FIFO lanes (critical, high, medium, low) of parsed
// events, drained critical first, each applying a policy when full: Block (the caller
// waits for space and offers the rest again), DropNewest (the offered events that do
// not fit are dropped) or DropOldest (the oldest queued events make room).
//
// Threads: none of its own and not synchronised; EventEngine guards it with its lane
// mutex and does all waiting. Moves whole vectors of events per call (batched hand-off).
#pragma once

#include "core/engine/event_parser.h"

#include <array>
#include <cstddef>
#include <deque>
#include <vector>

namespace vigil {

class PriorityLanes
{
public:
    explicit PriorityLanes(std::size_t capacity) : m_capacity(capacity ? capacity : 1) {}

    struct OfferResult
    {
        std::size_t taken = 0;    // events consumed from `events` (queued or dropped)
        std::size_t queued = 0;   // of those, queued
    };

    // Offers events[from..] to `lane`. Block: queues what fits and stops (taken < rest
    // means: wait for space, then offer again from from+taken). DropNewest: queues what
    // fits, the rest are taken and dropped. DropOldest: queues all, evicting the oldest.
    // onDrop(const ParsedEvent &) is called for every dropped or evicted event.
    template <typename OnDrop>
    OfferResult offer(int lane, std::vector<ParsedEvent> &events, std::size_t from, LanePolicy policy,
                      OnDrop &&onDrop)
    {
        std::deque<ParsedEvent> &q = m_lanes[static_cast<std::size_t>(lane)];
        OfferResult r;
        for (std::size_t i = from; i < events.size(); ++i) {
            if (q.size() >= m_capacity) {
                if (policy == LanePolicy::Block)
                    break;
                if (policy == LanePolicy::DropNewest) {
                    onDrop(events[i]);
                    ++r.taken;
                    continue;
                }
                onDrop(q.front());
                q.pop_front();
            }
            q.push_back(std::move(events[i]));
            ++r.taken;
            ++r.queued;
        }
        return r;
    }

    // Moves up to `max` events into `out`, critical lane first. Returns how many per lane.
    std::array<std::size_t, kLaneCount> drain(std::size_t max, std::vector<ParsedEvent> &out)
    {
        std::array<std::size_t, kLaneCount> taken{};
        for (std::size_t l = 0; l < kLaneCount && max > 0; ++l) {
            std::deque<ParsedEvent> &q = m_lanes[l];
            const std::size_t n = std::min(max, q.size());
            for (std::size_t i = 0; i < n; ++i) {
                out.push_back(std::move(q.front()));
                q.pop_front();
            }
            taken[l] = n;
            max -= n;
        }
        return taken;
    }

    bool hasSpace(int lane) const { return m_lanes[static_cast<std::size_t>(lane)].size() < m_capacity; }
    std::size_t depth(int lane) const { return m_lanes[static_cast<std::size_t>(lane)].size(); }
    std::size_t totalDepth() const
    {
        std::size_t n = 0;
        for (const auto &q : m_lanes)
            n += q.size();
        return n;
    }
    std::size_t capacity() const { return m_capacity; }

private:
    std::size_t m_capacity;
    std::array<std::deque<ParsedEvent>, kLaneCount> m_lanes;
};

} // namespace vigil

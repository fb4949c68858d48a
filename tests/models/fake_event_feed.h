// Test helper: an EventFeed over a plain vector of events and a settable snapshot, so
// the Events/Engine models and views can be tested without the engine implementation.
#pragma once

#include "models/event_feed.h"

#include <algorithm>
#include <string>
#include <vector>

namespace vigil::test {

class FakeEventFeed : public EventFeed
{
public:
    std::vector<EventRecord> recentSince(std::uint64_t afterSeq, std::size_t max) const override
    {
        ++calls;
        std::vector<EventRecord> out;
        for (const EventRecord &e : events)
            if (e.seq > afterSeq)
                out.push_back(e);
        if (out.size() > max)
            out.erase(out.begin(), out.end() - std::ptrdiff_t(max)); // the most recent `max`
        return out;
    }
    EngineSnapshot snapshot() const override
    {
        ++snapshots;
        return snap;
    }
    std::uint64_t epoch() const override { return epochValue; }

    // A fresh engine behind the feed: no events, seq starts over, epoch bumps.
    void replaceEngine()
    {
        events.clear();
        lastSeq = 0;
        ++epochValue;
    }

    // Appends `n` events with increasing seq; fields derived from seq unless given.
    void add(std::size_t n, Priority priority = Priority::Medium, const std::string &queue = "batch",
             const std::string &message = "ok")
    {
        for (std::size_t i = 0; i < n; ++i) {
            EventRecord e;
            e.seq = ++lastSeq;
            e.sourceId = 1;
            e.priority = priority;
            e.timestampNs = 1'700'000'000'000'000'000 + std::int64_t(e.seq) * 1'000'000;
            e.arrivalNs = e.timestampNs + 1000;
            e.latencyNs = std::int64_t(e.seq) * 1000;
            e.id = "ev-" + std::to_string(e.seq);
            e.queue = queue;
            e.node = "node-1";
            e.message = message;
            e.severity = "info";
            e.json = R"({"id":")" + e.id + R"(","queue":")" + queue + R"(","message":")" + message + R"("})";
            events.push_back(std::move(e));
        }
    }
    void addEvent(EventRecord e)
    {
        e.seq = ++lastSeq;
        events.push_back(std::move(e));
    }

    std::vector<EventRecord> events;
    EngineSnapshot snap;
    std::uint64_t lastSeq = 0;
    std::uint64_t epochValue = 0;
    mutable int calls = 0;
    mutable int snapshots = 0;
};

} // namespace vigil::test

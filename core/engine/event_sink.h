// EventSink: where stream sources deliver their lines. Implemented by EventEngine.
// Threads: push() and reportFramingError() are called from source threads; push()
// may block when the engine applies the `block` policy (backpressure for files and
// stdin), so a source must not hold locks while calling it.
#pragma once

#include "core/stream/line_batch.h"

#include <string>

namespace vigil {

enum class LanePolicy { Block, DropNewest, DropOldest };

struct SourceInfo
{
    std::string url;            // as given: tcp://h:p, tcp-listen://:p, udp://:p, file:PATH, PATH, -
    LanePolicy policy = LanePolicy::Block;
};

class EventSink
{
public:
    virtual ~EventSink() = default;
    // Registers a source and returns its id (stable for the run).
    virtual std::uint32_t registerSource(const SourceInfo &info) = 0;
    virtual void push(LineBatch &&batch) = 0;
    virtual void reportFramingError(FramingError &&error) = 0;
    // The source has ended (EOF of a bare path or stdin) or stopped for good.
    virtual void sourceEnded(std::uint32_t sourceId, const std::string &reason) = 0;
    // State changes worth showing ("connected", "listening on :7000", "reconnecting in 2 s").
    virtual void sourceState(std::uint32_t sourceId, const std::string &state) = 0;
};

} // namespace vigil

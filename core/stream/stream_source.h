// Stream sources: read newline-delimited bytes from tcp://, tcp-listen://, udp://,
// file: (follow like tail -F), a bare path (read once) or - (stdin), frame them into
// complete lines (cap: EngineOptions::maxLineBytes) and push LineBatches to a sink.
//
// Threads: each source runs on its own worker thread (started by start()); the sink is
// called there. Construct, start, stop and destroy from one owning thread.
#pragma once

#include "core/common/result.h"
#include "core/engine/event_sink.h"

#include <memory>
#include <string>

namespace vigil {

struct StreamSourceOptions
{
    std::size_t maxLineBytes = 1u << 20;
    std::size_t batchBytes = 256u << 10;   // flush a LineBatch at this size...
    int flushIntervalMs = 20;              // ...or after this long
};

class StreamSource
{
public:
    virtual ~StreamSource() = default;
    virtual void start() = 0;
    virtual void stop() = 0;               // idempotent; joins the worker
    virtual bool finished() const = 0;     // a bounded source (bare path, stdin) reached its end
    virtual std::string url() const = 0;
};

// Parses the URL and creates the matching source; error text names what was wrong.
Result<std::unique_ptr<StreamSource>> createStreamSource(const std::string &url, EventSink &sink,
                                                         StreamSourceOptions options = {});

} // namespace vigil

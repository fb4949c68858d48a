// Stream sources: read newline-delimited bytes from tcp://, tcp-listen://, udp://,
// file: (follow like tail -F), a bare path (read once) or - (stdin), frame them into
// complete lines (cap: EngineOptions::maxLineBytes) and push LineBatches to a sink.
//
// Threads: each source runs on its own worker thread (started by start()); the sink is
// called there. Construct, start, stop and destroy from one owning thread.
// Stop order: the engine stops accepting first (that unblocks a push() waiting under the
// block policy), then the sources stop; stop() joins a worker blocked in push() only
// once that push returns. URL syntax and behaviour: docs/drafts/stream.md.
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
    // tcp://: reconnect delays double from initial to max, +-20 % jitter.
    int reconnectInitialMs = 500;
    int reconnectMaxMs = 30'000;
    int connectTimeoutMs = 10'000;
    int filePollIntervalMs = 100;          // file:: how often growth/rotation is checked
    int maxConnections = 1024;             // tcp-listen://: more are refused (closed at once)
    std::size_t readChunkBytes = 64u << 10;
    // A bare PATH naming a regular file is mapped and framed in place (zero copy) instead
    // of read(); see MappedFile for what a truncation while reading does.
    bool mapFiles = true;
    // ...a window of this many bytes at a time (rounded down to pages): a window is
    // unmapped while the run goes on, once no event points into it.
    std::size_t mapWindowBytes = 32u << 20;
};

class StreamSource
{
public:
    virtual ~StreamSource() = default;
    virtual void start() = 0;
    virtual void stop() = 0;               // idempotent; joins the worker
    // A bounded source (bare path, stdin) reached its end, or the source failed for good
    // (cannot listen/bind); sourceEnded() was called. stop() alone does not set it.
    virtual bool finished() const = 0;
    virtual std::string url() const = 0;
    // The id the sink gave this source at construction (registerSource, once per URL).
    virtual std::uint32_t sourceId() const = 0;
    // tcp-listen:// and udp://: the bound port (useful with port 0) once start() returned;
    // 0 for other kinds or when binding failed. start() waits for the bind of these kinds.
    virtual std::uint16_t localPort() const { return 0; }
};

// Parses the URL and creates the matching source (registering it with the sink); error
// text names what was wrong. A bare PATH must be readable now; file:PATH may appear later.
Result<std::unique_ptr<StreamSource>> createStreamSource(const std::string &url, EventSink &sink,
                                                         StreamSourceOptions options = {});

} // namespace vigil

// FdReadSource: a bounded stream read once to its end — a bare PATH (regular file,
// FIFO, device) or `-` (stdin). At end of input a last line without '\n' counts as a
// complete line; then sink.sourceEnded(id, "end of input") and finished() is true.
// Runs on its own std::thread with blocking reads (poll(2) keeps stop() prompt and
// implements the flushIntervalMs rule for slow pipes).
//
// Threads: start()/stop()/destructor on the owning thread; the sink is called on the
// worker thread.
#pragma once

#include "core/stream/stream_source_base.h"

#include <thread>

namespace vigil {

class FdReadSource final : public StreamSourceBase
{
public:
    FdReadSource(std::string url, const StreamUrl &parsed, EventSink &sink, StreamSourceOptions options);
    ~FdReadSource() override;

    void start() override;
    void stop() override;

private:
    void run();

    WakeablePoller m_poller;
    std::thread m_thread;
};

} // namespace vigil

// FileFollowSource: `file:PATH` — reads PATH from the start, then follows its growth
// like `tail -F`: polls every filePollIntervalMs; a rotated file (PATH now names another
// file) is read to its end before the new one is opened; a truncated file (size below
// the read position) is read again from offset 0. Line numbers restart at 1 with each
// new file and after a truncation. A missing PATH is waited for. Never ends by itself.
//
// Threads: start()/stop()/destructor on the owning thread; the sink is called on the
// worker std::thread.
#pragma once

#include "core/stream/stream_source_base.h"

#include <thread>

namespace vigil {

class FileFollowSource final : public StreamSourceBase
{
public:
    FileFollowSource(std::string url, const StreamUrl &parsed, EventSink &sink, StreamSourceOptions options);
    ~FileFollowSource() override;

    void start() override;
    void stop() override;

private:
    void run();

    WakeablePoller m_poller;
    std::thread m_thread;
};

} // namespace vigil

// UdpSource: `udp://[HOST]:PORT` — one datagram holds one line, or several separated
// by '\n'; a final line without '\n' is complete (a line never spans datagrams). Line
// numbers and offsets count across all datagrams of the source. An empty HOST binds all
// interfaces; start() waits for the bind (failure ends the source, finished() true).
// Datagrams the kernel drops while the engine is slow are lost: UDP has no backpressure.
//
// Threads: start()/stop()/destructor on the owning thread; the socket lives on the
// source's EventLoopThread, where the sink is called.
#pragma once

#include "core/stream/stream_source_base.h"

#include <memory>

namespace vigil {

class UdpSource final : public SocketSource
{
public:
    UdpSource(std::string url, const StreamUrl &parsed, EventSink &sink, StreamSourceOptions options);
    ~UdpSource() override;

private:
    struct Worker;

    bool beginWorker() override;
    void endWorker() override;

    std::unique_ptr<Worker> m_worker; // created and destroyed on the source's thread
};

} // namespace vigil

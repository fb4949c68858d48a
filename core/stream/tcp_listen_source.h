// TcpListenSource: `tcp-listen://[HOST]:PORT` — accepts many producers at once (up to
// maxConnections); each connection is framed on its own (own line numbers from 1, no
// line ever mixes bytes of two connections) and all of them push under ONE source id.
// An empty HOST binds all interfaces; FramingError messages name the peer
// ("127.0.0.1:53412: connection closed mid-line"). start() waits for the bind: on
// failure the source ends ("cannot listen on ...") and finished() is true.
//
// Threads: start()/stop()/destructor on the owning thread; the server and its sockets
// live on the source's EventLoopThread, where the sink is called.
#pragma once

#include "core/stream/stream_source_base.h"

#include <memory>

namespace vigil {

class TcpListenSource final : public SocketSource
{
public:
    TcpListenSource(std::string url, const StreamUrl &parsed, EventSink &sink, StreamSourceOptions options);
    ~TcpListenSource() override;

private:
    struct Worker;

    bool beginWorker() override;
    void endWorker() override;
    struct Connection;

    std::unique_ptr<Worker> m_worker; // created and destroyed on the source's thread
};

} // namespace vigil

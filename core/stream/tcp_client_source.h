// TcpClientSource: `tcp://HOST:PORT` — connects to a producer and reads its lines;
// when the connection fails or closes it reconnects after an exponential backoff with
// jitter (reconnectInitialMs doubling to reconnectMaxMs, +-20 %), reporting
// "connecting", "connected" and "reconnecting in 2.0 s: connection refused" through
// sink.sourceState. Each connection is framed on its own (line numbers restart at 1); a
// connection that closes mid-line reports "HOST:PORT: connection closed mid-line".
//
// Threads: start()/stop()/destructor on the owning thread; the socket lives on the
// source's EventLoopThread, where the sink is called.
#pragma once

#include "core/stream/stream_source_base.h"

#include <memory>

namespace vigil {

class TcpClientSource final : public SocketSource
{
public:
    TcpClientSource(std::string url, const StreamUrl &parsed, EventSink &sink, StreamSourceOptions options);
    ~TcpClientSource() override;

private:
    struct Worker;

    bool beginWorker() override;
    void endWorker() override;

    std::unique_ptr<Worker> m_worker; // created and destroyed on the source's thread
};

} // namespace vigil

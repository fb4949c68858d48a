#include "core/stream/stream_source.h"

#include "core/stream/fd_read_source.h"
#include "core/stream/file_follow_source.h"
#include "core/stream/stream_url.h"
#include "core/stream/tcp_client_source.h"
#include "core/stream/tcp_listen_source.h"
#include "core/stream/udp_source.h"

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace vigil {

Result<std::unique_ptr<StreamSource>> createStreamSource(const std::string &url, EventSink &sink,
                                                         StreamSourceOptions options)
{
    auto parsed = parseStreamUrl(url);
    if (!parsed) return parsed.error();
    const StreamUrl &u = *parsed;
    std::unique_ptr<StreamSource> source;
    switch (u.kind) {
    case StreamKind::TcpConnect:
        source = std::make_unique<TcpClientSource>(url, u, sink, options);
        break;
    case StreamKind::TcpListen:
        source = std::make_unique<TcpListenSource>(url, u, sink, options);
        break;
    case StreamKind::Udp:
        source = std::make_unique<UdpSource>(url, u, sink, options);
        break;
    case StreamKind::FileFollow:
        source = std::make_unique<FileFollowSource>(url, u, sink, options);
        break;
    case StreamKind::FileOnce:
        // Say so now rather than through sourceEnded: a mistyped path is the common case.
        if (::access(u.path.c_str(), R_OK) != 0)
            return Error{"cannot read " + u.path + ": " + std::strerror(errno)};
        [[fallthrough]];
    case StreamKind::Stdin:
        source = std::make_unique<FdReadSource>(url, u, sink, options);
        break;
    }
    return source;
}

} // namespace vigil

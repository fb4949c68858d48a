// StreamUrl: the parsed form of a stream source URL (tcp://HOST:PORT,
// tcp-listen://[HOST]:PORT, udp://[HOST]:PORT, file:PATH, a bare PATH, -), and the
// default lane policy of each kind. Pure functions, callable from any thread.
#pragma once

#include "core/common/result.h"
#include "core/engine/event_sink.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace vigil {

enum class StreamKind { TcpConnect, TcpListen, Udp, FileFollow, FileOnce, Stdin };

struct StreamUrl
{
    StreamKind kind = StreamKind::Stdin;
    std::string host;       // tcp: required; listen/udp: empty = all interfaces
    std::uint16_t port = 0; // listen/udp: 0 = any free port (see StreamSource::localPort)
    std::string path;       // file:, bare path
};

Result<StreamUrl> parseStreamUrl(std::string_view url);

// Block for files and stdin (never lose data you can wait for), DropNewest for the
// network (a slow engine must not stall producers' sockets forever).
LanePolicy defaultLanePolicy(StreamKind kind);

const char *streamKindName(StreamKind kind);

} // namespace vigil

#include "core/stream/stream_url.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace vigil {

namespace {

constexpr std::string_view kTcp = "tcp://";
constexpr std::string_view kListen = "tcp-listen://";
constexpr std::string_view kUdp = "udp://";
constexpr std::string_view kFile = "file:";

Result<void> parseHostPort(std::string_view url, std::string_view rest, bool hostRequired, bool portZeroOk,
                           StreamUrl &out)
{
    const auto fail = [&](const std::string &what) {
        return Error{"invalid stream URL '" + std::string(url) + "': " + what};
    };
    std::string_view host;
    std::string_view port;
    if (rest.starts_with('[')) {
        const auto close = rest.find(']');
        if (close == std::string_view::npos) return fail("missing ']' after IPv6 address");
        host = rest.substr(1, close - 1);
        rest.remove_prefix(close + 1);
        if (!rest.starts_with(':')) return fail("expected ':PORT' after the address");
        port = rest.substr(1);
    } else {
        const auto colon = rest.rfind(':');
        if (colon == std::string_view::npos) return fail("expected HOST:PORT or :PORT");
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
        if (host.find(':') != std::string_view::npos)
            return fail("write IPv6 addresses in brackets: [::1]:7000");
    }
    if (host.find('/') != std::string_view::npos || port.find('/') != std::string_view::npos)
        return fail("unexpected '/' (no path after the port)");
    if (hostRequired && host.empty()) return fail("missing host");
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc() || ptr != port.data() + port.size() || value > 65535)
        return fail("port must be a number from " + std::string(portZeroOk ? "0" : "1") + " to 65535");
    if (value == 0 && !portZeroOk) return fail("port must be a number from 1 to 65535");
    out.host = std::string(host);
    out.port = static_cast<std::uint16_t>(value);
    return {};
}

} // namespace

Result<StreamUrl> parseStreamUrl(std::string_view url)
{
    StreamUrl out;
    if (url.empty())
        return Error{"empty stream URL (use -, PATH, file:PATH, tcp://, tcp-listen:// or udp://)"};
    if (url == "-") {
        out.kind = StreamKind::Stdin;
        return out;
    }
    const auto hostPort = [&](StreamKind kind, std::string_view prefix, bool hostRequired,
                              bool portZeroOk) -> Result<StreamUrl> {
        out.kind = kind;
        if (auto r = parseHostPort(url, url.substr(prefix.size()), hostRequired, portZeroOk, out); !r)
            return r.error();
        return out;
    };
    if (url.starts_with(kTcp)) return hostPort(StreamKind::TcpConnect, kTcp, true, false);
    if (url.starts_with(kListen)) return hostPort(StreamKind::TcpListen, kListen, false, true);
    if (url.starts_with(kUdp)) return hostPort(StreamKind::Udp, kUdp, false, true);
    if (url.starts_with(kFile)) {
        std::string_view path = url.substr(kFile.size());
        // file:///var/log/x.ndjson is file:/var/log/x.ndjson
        if (path.starts_with("//")) path.remove_prefix(2);
        if (path.empty())
            return Error{"invalid stream URL '" + std::string(url) + "': missing path after file:"};
        out.kind = StreamKind::FileFollow;
        out.path = std::string(path);
        return out;
    }
    const auto scheme = url.find("://");
    const auto isSchemeChar = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    };
    if (scheme != std::string_view::npos && scheme > 0 &&
        std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(scheme), isSchemeChar)) {
        return Error{"unknown stream URL scheme '" + std::string(url.substr(0, scheme)) +
                     "' (use -, PATH, file:PATH, tcp://, tcp-listen:// or udp://)"};
    }
    out.kind = StreamKind::FileOnce;
    out.path = std::string(url);
    return out;
}

LanePolicy defaultLanePolicy(StreamKind kind)
{
    switch (kind) {
    case StreamKind::TcpConnect:
    case StreamKind::TcpListen:
    case StreamKind::Udp:
        return LanePolicy::DropNewest;
    case StreamKind::FileFollow:
    case StreamKind::FileOnce:
    case StreamKind::Stdin:
        break;
    }
    return LanePolicy::Block;
}

const char *streamKindName(StreamKind kind)
{
    switch (kind) {
    case StreamKind::TcpConnect:
        return "tcp";
    case StreamKind::TcpListen:
        return "tcp-listen";
    case StreamKind::Udp:
        return "udp";
    case StreamKind::FileFollow:
        return "file";
    case StreamKind::FileOnce:
        return "path";
    case StreamKind::Stdin:
        return "stdin";
    }
    return "?";
}

} // namespace vigil

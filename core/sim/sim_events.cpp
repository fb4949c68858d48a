#include "core/sim/sim_events.h"

#include <algorithm>
#include <charconv>
#include <string_view>

namespace vigil {

namespace {

// Already JSON-escaped: written between quotes as they are.
constexpr std::string_view kMessages[] = {
    "order accepted",
    "payment authorised",
    "session refreshed",
    "cache miss on user profile",
    "inventory reserved",
    "batch chunk flushed",
    "retrying downstream call",
    "heartbeat",
    "rate limit near threshold",
    "config reloaded",
    "user \\\"alice\\\" logged in",             // quotes
    "path C:\\\\data\\\\in not found",           // backslashes
    "temp\\u00e9rature \\u00e9lev\\u00e9e",      // escaped non-ASCII
    "température élevée sur capteur 7",          // raw UTF-8
    "注文を受け付けました",                      // raw UTF-8, CJK
    "checksum ok \xE2\x9C\x93",                  // raw UTF-8 check mark
    "line one\\nline two",                       // escaped newline
    "tab\\tseparated\\tfields",
};
constexpr std::size_t kPlainMessages = 10; // the first ones need no escaping

constexpr std::string_view kPriorities[] = {"critical", "high", "medium", "low"};
constexpr std::string_view kQueues[] = {"realtime", "transactional", "batch"};

void appendNumber(std::string &out, std::uint64_t v)
{
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
}

void appendHex(std::string &out, std::uint64_t v, int width)
{
    char buf[17];
    auto res = std::to_chars(buf, buf + sizeof buf, v, 16);
    for (int pad = width - int(res.ptr - buf); pad > 0; --pad)
        out += '0';
    out.append(buf, res.ptr);
}

} // namespace

SimEventGenerator::SimEventGenerator(int nodes, std::uint64_t seed, std::uint64_t runSalt)
    : m_nodes(std::max(1, nodes)), m_rng(seed ^ 0x5EEDE7E27ull), m_prefix((m_rng.next() ^ runSalt) & 0xFFFFFFFFull)
{
}

void SimEventGenerator::generate(std::size_t count, std::int64_t tsBeginNs, std::int64_t tsEndNs,
                                 double load, std::string &out)
{
    if (count == 0)
        return;
    out.reserve(out.size() + count * 170);
    const double span = double(std::max<std::int64_t>(0, tsEndNs - tsBeginNs));
    const double u = std::clamp(load, 0.2, 2.0);
    for (std::size_t k = 0; k < count; ++k) {
        std::uint64_t seq;
        if (m_sequence > 0 && m_rng.chance(0.005)) {
            seq = m_recent[m_rng.below(std::min<std::uint64_t>(m_sequence, m_recent.size()))];
            ++m_duplicates;
        } else {
            seq = m_sequence++;
            m_recent[seq % m_recent.size()] = seq;
        }
        const auto ts = tsBeginNs + std::int64_t(span * double(k) / double(count));

        const double p = m_rng.uniform();
        const int priority = p < 0.01 ? 0 : p < 0.10 ? 1 : p < 0.65 ? 2 : 3;
        // Urgent events go to the realtime queue, bulk ones mostly to batch.
        const double qr = m_rng.uniform();
        int queue;
        switch (priority) {
        case 0: queue = 0; break;
        case 1: queue = qr < 0.7 ? 0 : 1; break;
        case 2: queue = qr < 0.1 ? 0 : qr < 0.6 ? 1 : 2; break;
        default: queue = qr < 0.2 ? 1 : 2; break;
        }
        double latency = m_rng.logNormal(450.0 * (0.75 + 0.25 * u * u), std::clamp(0.6 + 0.5 * (u - 1.0), 0.4, 1.0));
        if (m_rng.chance(0.001))
            latency = m_rng.logNormal(15000.0, 0.9);
        const std::size_t msg = m_rng.chance(0.05) ? kPlainMessages + m_rng.below(std::size(kMessages) - kPlainMessages)
                                                   : m_rng.below(kPlainMessages);

        out += "{\"id\":\"e-";
        appendHex(out, m_prefix, 8);
        out += '-';
        appendHex(out, seq, 10);
        out += "\",\"ts\":";
        appendNumber(out, std::uint64_t(std::max<std::int64_t>(0, ts)));
        out += ",\"priority\":\"";
        out += kPriorities[priority];
        out += "\",\"queue\":\"";
        out += kQueues[queue];
        out += "\",\"latency_ns\":";
        appendNumber(out, std::uint64_t(std::max(1.0, latency)));
        out += ",\"node\":\"node-";
        appendNumber(out, m_rng.below(std::uint64_t(m_nodes)));
        out += "\",\"message\":\"";
        out += kMessages[msg];
        out += "\"}\n";
        ++m_generated;
    }
}

} // namespace vigil

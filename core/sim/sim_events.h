// SimEventGenerator: the simulated NDJSON event stream. One JSON object per line:
//   {"id":"e-...","ts":<ns since epoch>,"priority":"medium","queue":"batch",
//    "latency_ns":512,"node":"node-1","message":"..."}
// Ids are unique except for a small share of deliberate duplicates (a recent id sent
// again, to exercise dedup). Priorities are skewed toward medium/low; messages now
// and then carry a quote, a backslash or non-ASCII text to exercise escaping.
// Deterministic for a seed apart from the timestamps the caller passes. One thread.
#pragma once

#include "core/sim/sim_random.h"

#include <array>
#include <cstdint>
#include <string>

namespace vigil {

class SimEventGenerator
{
public:
    // `runSalt` goes into the id prefix only, so that ids of two runs with one seed
    // differ while everything else stays reproducible.
    SimEventGenerator(int nodes, std::uint64_t seed, std::uint64_t runSalt = 0);

    // Appends `count` lines to `out`, timestamps spread evenly over [tsBeginNs, tsEndNs).
    // `load` (mean 1) shifts the latency distribution like the metrics do.
    void generate(std::size_t count, std::int64_t tsBeginNs, std::int64_t tsEndNs, double load,
                  std::string &out);

    std::uint64_t generated() const { return m_generated; }
    std::uint64_t duplicates() const { return m_duplicates; }

private:
    int m_nodes;
    SimRandom m_rng;
    std::uint64_t m_prefix;          // distinguishes runs in ids
    std::uint64_t m_sequence = 0;
    std::array<std::uint64_t, 64> m_recent{}; // recent sequence numbers, for duplicates
    std::uint64_t m_generated = 0;
    std::uint64_t m_duplicates = 0;
};

} // namespace vigil

// The cluster's role history (ClusterSnapshot::history) cut into what the election
// timeline draws: each node's role as contiguous segments over a time window, the
// instants where the cluster's term rose, and the list of leader changes.
// Pure functions; any thread.
#pragma once

#include "core/cluster/cluster_types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vigil {

struct RoleSegment
{
    std::int64_t fromMs = 0, toMs = 0;
    NodeRole role = NodeRole::Unreachable;
    std::uint64_t term = 0; // term of the change that began the segment; 0: unknown
    bool operator==(const RoleSegment &) const = default;
};

// `node`'s role over [fromMs, toMs]: the role before its first change is that change's
// `from`; with no change at all it is `currentRole`. Segments are contiguous, in order.
std::vector<RoleSegment> roleSegments(const std::vector<RoleChange> &history, const std::string &node,
                                      NodeRole currentRole, std::int64_t fromMs, std::int64_t toMs);

struct TermMark
{
    std::int64_t atMs = 0;
    std::uint64_t term = 0;
    bool operator==(const TermMark &) const = default;
};

// Where a change first reports a term higher than any before it (the first term seen
// counts), within [fromMs, toMs].
std::vector<TermMark> termMarks(const std::vector<RoleChange> &history, std::int64_t fromMs, std::int64_t toMs);

// Changes that made a node leader, newest first, at most `max`.
std::vector<RoleChange> leaderChanges(const std::vector<RoleChange> &history, std::size_t max);

} // namespace vigil

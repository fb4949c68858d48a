#include "models/election_history.h"

#include <algorithm>

namespace vigil {

std::vector<RoleSegment> roleSegments(const std::vector<RoleChange> &history, const std::string &node,
                                      NodeRole currentRole, std::int64_t fromMs, std::int64_t toMs)
{
    std::vector<RoleSegment> out;
    if (toMs <= fromMs)
        return out;
    std::vector<const RoleChange *> mine;
    for (const RoleChange &c : history)
        if (c.node == node)
            mine.push_back(&c);
    // History is oldest first, but keep the order of equal times stable if it is not.
    std::stable_sort(mine.begin(), mine.end(), [](const RoleChange *a, const RoleChange *b) { return a->atMs < b->atMs; });

    RoleSegment current{fromMs, toMs, mine.empty() ? currentRole : mine.front()->from, 0};
    for (const RoleChange *c : mine) {
        if (c->atMs <= fromMs) {
            current.role = c->to;
            current.term = c->term;
            continue;
        }
        if (c->atMs >= toMs)
            break;
        if (c->atMs > current.fromMs) {
            current.toMs = c->atMs;
            out.push_back(current);
        }
        current = RoleSegment{c->atMs, toMs, c->to, c->term};
    }
    current.toMs = toMs;
    out.push_back(current);
    return out;
}

std::vector<TermMark> termMarks(const std::vector<RoleChange> &history, std::int64_t fromMs, std::int64_t toMs)
{
    std::vector<const RoleChange *> sorted;
    for (const RoleChange &c : history)
        sorted.push_back(&c);
    std::stable_sort(sorted.begin(), sorted.end(), [](const RoleChange *a, const RoleChange *b) { return a->atMs < b->atMs; });
    std::vector<TermMark> out;
    std::uint64_t highest = 0;
    for (const RoleChange *c : sorted) {
        if (c->term == 0)
            continue;
        if (c->term > highest && c->atMs >= fromMs && c->atMs <= toMs)
            out.push_back({c->atMs, c->term});
        highest = std::max(highest, c->term);
    }
    return out;
}

std::vector<RoleChange> leaderChanges(const std::vector<RoleChange> &history, std::size_t max)
{
    std::vector<RoleChange> out;
    for (auto it = history.rbegin(); it != history.rend() && out.size() < max; ++it)
        if (it->to == NodeRole::Leader)
            out.push_back(*it);
    std::stable_sort(out.begin(), out.end(), [](const RoleChange &a, const RoleChange &b) { return a.atMs > b.atMs; });
    return out;
}

} // namespace vigil

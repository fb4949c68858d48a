// StoreClusterObserver: reads each cluster node's Raft values out of the SeriesStore
// through a ClusterProfile. The nodes' /metrics must already be scraped into the store
// (by the GUI's Scraper, or by `vigilctl cluster` through scrapeOnce + IngestHub); a
// node's series are those whose `instance` label is the target's host:port, and the
// hub's synthesized `up` series says whether its last scrape worked.
//
// Threads: any thread; every call takes the store's shared lock only for single read
// calls (the store's rules). Holds references: the profile and store must outlive it.
#pragma once

#include "core/cluster/cluster_profile.h"
#include "core/cluster/cluster_tracker.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vigil {

class SeriesStore;

class StoreClusterObserver
{
public:
    StoreClusterObserver(const ClusterProfile &profile, const SeriesStore &store);

    // One observation per target, read at `nowMs` (samples within lookbackMs count).
    // Targets are URLs as configured (the profile's metrics path is implied); the
    // observation's `target` is the URL without credentials.
    std::vector<NodeObservation> observe(const std::vector<std::string> &targets, std::int64_t nowMs) const;

    // The instance label ("host:port") the store holds a target's series under.
    static std::string instanceOf(const ClusterProfile &profile, const std::string &target);
    static std::string redacted(const std::string &target);

    std::int64_t lookbackMs = 5 * 60 * 1000;

private:
    const ClusterProfile &m_profile;
    const SeriesStore &m_store;
};

} // namespace vigil

// Writers for what the simulated nodes serve: the Prometheus text exposition
// (format 0.0.4) of one node with every metric family of the EventStreamCore metrics
// reference, and gzip compression for clients that accept it. Pure functions; any
// thread, as long as the SimCluster is not stepped meanwhile.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <string>

namespace vigil {

class SimCluster;

inline constexpr const char *kSimExpositionContentType = "text/plain; version=0.0.4; charset=utf-8";
inline constexpr const char *kSimVersion = "1.4.2-sim";

// Families, in order: queue depth/capacity/push/pop/full by queue, latency_ns
// histogram, events received/processed/dropped, events_by_priority, dedup hits/misses,
// raft state/term/commit/apply/peers/replication_lag/elections, build_info.
// replication_lag has one series per other node on every node: the leader reports
// its lag per follower, the other nodes report 0.
std::string renderNodeExposition(const SimCluster &cluster, int node);

// gzip (RFC 1952) of `data`; empty on failure.
QByteArray gzipCompress(QByteArrayView data);

} // namespace vigil

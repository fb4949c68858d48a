// ClusterSnapshot <-> JSON: how a capture records the Cluster page's state (a cluster
// state record of docs/capture-format.md holds one snapshot as UTF-8 JSON) and how the
// replay brings it back. The object:
//   {"taken_ms":..., "profile":"etcd",
//    "nodes":[{"id":..., "name":..., "target":..., "role":"leader", "reachable":true,
//              "term":5, "commit":..., "applied":..., "leader":..., "lag":[{"peer":..,"entries":..}],
//              "peers_connected":.., "elections_total":.., "last_election_ms":..,
//              "last_sample_ms":.., "error":".."}],   // absent optionals are omitted
//    "anomalies":[{"kind":"no_leader","node":..,"message":..,"since_ms":..}],
//    "history":[{"at_ms":..,"node":..,"from":"follower","to":"leader","term":5}]}
// Round trip is exact: clusterFromJson(clusterToJson(s)) == s field by field (doubles
// written with enough digits to come back bit-exact, NaN/inf as null -> NaN; strings
// must be valid UTF-8 — invalid bytes are written as U+FFFD — and at most 4 KiB).
//
// Parsing is for untrusted input (a capture from someone else): any shape error gives
// an error naming the field ("nodes[2].term: expected an unsigned integer"), strings
// longer than 4 KiB are cut (at a character boundary; the UI renders them as plain
// text), at most 1,024 nodes, 256 lag entries per node, 1,024 anomalies and 4,096
// history entries (more: error), unknown fields are ignored. Required: "nodes", and
// per element "id" and "role" (nodes), "kind" (anomalies), "from" and "to" (history);
// every other field may be missing (the ClusterSnapshot default) and an optional or
// string field may be null (absent / empty: `vigilctl cluster --json` prints nulls).
// Inputs over 16 MiB, nested deeper than 16 levels or holding more than 2^20 JSON
// values are refused before the document is built, so memory stays bounded.
//
// Threads: pure functions, any thread.
#pragma once

#include "core/cluster/cluster_types.h"
#include "core/common/result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace vigil {

inline constexpr std::size_t kMaxClusterJsonBytes = 16u << 20;
inline constexpr std::size_t kMaxClusterJsonString = 4096;
inline constexpr std::size_t kMaxClusterJsonNodes = 1024;
inline constexpr std::size_t kMaxClusterJsonLag = 256; // per node
inline constexpr std::size_t kMaxClusterJsonAnomalies = 1024;
inline constexpr std::size_t kMaxClusterJsonHistory = 4096;

std::string clusterToJson(const ClusterSnapshot &snapshot);
Result<ClusterSnapshot> clusterFromJson(std::string_view json);

} // namespace vigil

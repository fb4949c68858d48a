// etcd's v3 JSON gateway answers as the cluster view reads them: maintenance/status
// (member id, leader, raft term, commit and applied index) and cluster/member/list
// (names and client URLs). Every uint64 arrives as a decimal string (or, from some
// tools, a bare JSON number above 2^53): both are parsed exactly, never via double.
// mergeEtcdStatus() folds an answer (or its failure) into a node's observation.
//
// Pure functions; any thread.
#pragma once

#include "core/cluster/cluster_tracker.h"
#include "core/common/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

struct EtcdStatus
{
    std::uint64_t memberId = 0;
    std::optional<std::uint64_t> leader; // absent without quorum
    std::uint64_t raftTerm = 0, raftIndex = 0, raftAppliedIndex = 0;
    std::vector<std::string> errors;     // "etcdserver: no leader", ... (plain text)
    std::string version;
};

struct EtcdMember
{
    std::uint64_t id = 0;
    std::string name;
    std::vector<std::string> clientUrls;
};

Result<EtcdStatus> parseEtcdStatus(std::string_view body);
Result<std::vector<EtcdMember>> parseEtcdMembers(std::string_view body);

// Folds a status answer into `obs` (read from the node's metrics, maybe failed):
// the node is reachable when either worked; status values win (they are exact).
// `members` (may be empty) supply names, and the id of a member whose status failed
// (matched by client URL host:port against `instance`).
void mergeEtcdStatus(NodeObservation &obs, const Result<EtcdStatus> &status, const std::vector<EtcdMember> &members,
                     const std::string &instance, std::int64_t atMs);

} // namespace vigil

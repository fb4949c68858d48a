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

// How a failed status request failed. NoAnswer: no HTTP answer at all (connection
// refused or reset, timeout). Answered: anything with an HTTP status (an HTTP error,
// garbage), or a success.
enum class EtcdStatusReply { Answered, NoAnswer };

// Folds a status answer into `obs` (read from the node's metrics, maybe failed), at
// `atMs` (the time of the status request):
//  - status answered: reachable; status values win (they are exact);
//  - no HTTP answer (`reply` NoAnswer) while the metrics worked: unreachable, role reset,
//    the error is the status error. etcd serves /metrics and the status API on the same
//    client URL, so a refused connection means those metrics are out of date (a killed
//    member keeps its last scrape in the store for up to a scrape interval);
//  - an HTTP error or garbage while the metrics worked: the metrics' view, reachable;
//    the error says why the status API failed;
//  - both failed: unreachable with both reasons.
// `members` (may be empty) supply names, and the id of a member whose status failed
// (matched by client URL host:port against `instance`).
void mergeEtcdStatus(NodeObservation &obs, const Result<EtcdStatus> &status, const std::vector<EtcdMember> &members,
                     const std::string &instance, std::int64_t atMs,
                     EtcdStatusReply reply = EtcdStatusReply::Answered);

} // namespace vigil

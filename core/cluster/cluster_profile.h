// ClusterProfile: how one system's metrics (and optional status API) map to the Raft
// view: node role, term, commit/apply index, lag, elections, event conservation.
// Profiles are data (JSON in resources/profiles/, compiled into vigil_core as Qt
// resources under :/vigil/profiles/NAME.json) so a new system needs no code when its
// metrics fit the shapes below. Loading validates every field and names the bad one.
//
// Threads: loading reads a file on the calling thread (small, bounded); a loaded
// profile is a plain value, usable from any thread.
#pragma once

#include "core/common/result.h"

#include <QString>
#include <QStringList>

#include <chrono>
#include <string>

namespace vigil {

struct ClusterProfile
{
    std::string name;          // "eventstream", "etcd"
    std::string description;
    std::string metricsPath = "/metrics"; // appended to a target URL that has no path

    // Display name of a node: the value of nameLabel on nameMetric (else the instance).
    std::string nameMetric, nameLabel;

    // Role, either from one gauge per state (stateMetric{stateLabel="<state>"} == 1)...
    std::string stateMetric, stateLabel;
    std::string leaderState = "leader", followerState = "follower", candidateState = "candidate";
    // ... or from is-leader / has-leader gauges (1/0): leader, follower, or candidate
    // when the node knows no leader.
    std::string isLeaderMetric, hasLeaderMetric;

    std::string termMetric, commitMetric, appliedMetric, peersConnectedMetric, electionsMetric;
    std::string lagMetric, lagPeerLabel; // replication lag in entries, per peer

    // Event conservation (optional): received - processed - dropped - sum(queued) ~ 0.
    std::string receivedMetric, processedMetric, droppedMetric, queuedMetric;

    // Status API (optional). Only "etcd-v3" exists: POST {} to statusPath, member list
    // from membersPath (may be empty).
    std::string statusKind, statusPath, membersPath;
    std::chrono::milliseconds statusTimeout{2000};

    bool hasStatusApi() const { return !statusKind.empty(); }
    bool hasConservation() const { return !receivedMetric.empty(); }
};

// Names of the profiles compiled into vigil_core ("etcd", "eventstream").
QStringList builtinClusterProfileNames();
// A built-in profile by name, or a profile file when the argument contains '/' or ends
// in ".json". Errors name the file and the bad field.
Result<ClusterProfile> loadClusterProfile(const QString &nameOrPath);
// Parses profile JSON; `origin` names it in errors.
Result<ClusterProfile> parseClusterProfile(const QByteArray &json, const QString &origin);

// The /metrics URL of a target: the target itself, or with metricsPath appended when
// the target URL has no path ("http://127.0.0.1:2379" -> ".../metrics").
std::string clusterMetricsUrl(const ClusterProfile &profile, const std::string &target);

} // namespace vigil

// ClusterStatusPoller: one round of a profile's status API over all targets (etcd:
// POST {} to /v3/maintenance/status on each, plus the member list), folded into the
// observations read from the metrics. Requests run in parallel, asynchronously, each
// bounded by the profile's timeout; answers are capped at 1 MiB. A target that does
// not answer, answers garbage or an HTTP error gets a plain-text error, never a crash.
// A status request without any HTTP answer (connection refused or reset, timeout) makes
// its target unreachable even when its metrics in the store look fine: etcd serves both
// on the client URL, so those metrics are out of date (mergeEtcdStatus, NoAnswer). An
// HTTP error or garbage keeps the metrics' view.
// Profiles without a status API complete at once with the observations unchanged.
//
// Threads: a QObject with its own QNetworkAccessManager; create, poll() and destroy it
// on one thread that runs an event loop (a worker thread in ClusterMonitor, the main
// thread in vigilctl). `done` runs on that thread; never after the poller is gone.
#pragma once

#include "core/cluster/cluster_profile.h"
#include "core/cluster/cluster_tracker.h"

#include <QObject>

#include <functional>
#include <memory>
#include <string>
#include <vector>

class QNetworkAccessManager;

namespace vigil {

class ClusterStatusPoller : public QObject
{
public:
    using Done = std::function<void(std::vector<NodeObservation>)>;

    explicit ClusterStatusPoller(ClusterProfile profile, QObject *parent = nullptr);
    ~ClusterStatusPoller() override;

    // observations[i] belongs to targets[i]. False (done not called) if a round runs.
    bool poll(std::vector<NodeObservation> observations, std::vector<std::string> targets, Done done);
    bool busy() const;
    // Aborts a running round without calling its callback.
    void cancel();

private:
    struct Round;
    void request(const std::string &target, const std::string &path, int slot, bool members);
    void finishIfDone();

    ClusterProfile m_profile;
    QNetworkAccessManager *m_nam;
    std::unique_ptr<Round> m_round;
};

} // namespace vigil

// ClusterMonitor: the live Raft view for the GUI. It reads the nodes' metrics out of
// the SeriesStore through a profile (the app's Scraper must scrape each target's
// /metrics into the IngestHub), adds the profile's status API when it has one (etcd),
// feeds a ClusterTracker about once a second and publishes a ClusterSnapshot.
//
// Construct it with a loaded profile, the hub's store and the target URLs (for
// eventstream the /metrics URLs; for etcd the members' client URLs), then start():
//
//     auto profile = loadClusterProfile(QStringLiteral("etcd"));   // check profile.ok()
//     auto *monitor = new ClusterMonitor(*profile, hub.store(), {"http://127.0.0.1:2379"}, this);
//     connect(monitor, &ClusterMonitor::changed, this, &ClusterPage::refresh); // queued to the GUI
//     monitor->start();
//     ... monitor->snapshot() ...   // a copy, cheap (a few nodes)
//
// Threads: the ClusterMonitor object lives on the thread that creates it (the GUI
// thread); construct, start(), stop() and destroy it there. Polling runs on the
// monitor's own QThread "vigil-cluster" (timer, network, store reads): the GUI thread
// never waits for the network. snapshot() and version() are thread-safe (a mutex held
// only for the copy). changed() is emitted from the worker thread whenever the
// snapshot's content changed (AutoConnection delivers it queued to GUI objects).
// The store must outlive the monitor; stop() (also run by the destructor) joins.
#pragma once

#include "core/cluster/cluster_profile.h"
#include "core/cluster/cluster_tracker.h"
#include "core/cluster/cluster_types.h"

#include <QObject>

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

class QThread;

namespace vigil {

class SeriesStore;

class ClusterMonitor : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        std::chrono::milliseconds interval{1000};
        ClusterTracker::Options tracker;
    };

    ClusterMonitor(ClusterProfile profile, const SeriesStore &store, std::vector<std::string> targets,
                   QObject *parent = nullptr);
    ClusterMonitor(ClusterProfile profile, const SeriesStore &store, std::vector<std::string> targets,
                   Options options, QObject *parent = nullptr);
    ~ClusterMonitor() override;

    void start();
    void stop();
    bool isRunning() const;

    ClusterSnapshot snapshot() const;
    // Bumps on every published change; 0 before the first poll completed.
    std::uint64_t version() const;
    const ClusterProfile &profile() const { return m_profile; }

Q_SIGNALS:
    void changed();

private:
    class Worker;
    friend class Worker;
    void publish(ClusterSnapshot snapshot); // worker thread

    ClusterProfile m_profile;
    const SeriesStore &m_store;
    std::vector<std::string> m_targets;
    Options m_options;
    QThread *m_thread = nullptr;

    mutable std::mutex m_mutex;
    ClusterSnapshot m_snapshot;
    std::uint64_t m_version = 0;
};

} // namespace vigil

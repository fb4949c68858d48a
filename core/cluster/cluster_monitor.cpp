#include "core/cluster/cluster_monitor.h"

#include "core/cluster/cluster_status_poller.h"
#include "core/cluster/store_cluster_observer.h"

#include <QDateTime>
#include <QThread>
#include <QTimer>

namespace vigil {

// Lives on the monitor's thread: the timer, the status poller and the tracker.
class ClusterMonitor::Worker : public QObject
{
public:
    explicit Worker(ClusterMonitor *monitor)
        : m_monitor(monitor), m_tracker(monitor->m_profile.name, monitor->m_options.tracker)
    {
    }

    void begin()
    {
        m_poller = new ClusterStatusPoller(m_monitor->m_profile, this);
        m_timer = new QTimer(this);
        m_timer->setInterval(int(m_monitor->m_options.interval.count()));
        connect(m_timer, &QTimer::timeout, this, &Worker::poll);
        m_timer->start();
        poll();
    }

private:
    void poll()
    {
        if (m_poller->busy())
            return; // the previous round still waits for a slow status API
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        StoreClusterObserver observer(m_monitor->m_profile, m_monitor->m_store);
        std::vector<NodeObservation> obs = observer.observe(m_monitor->m_targets, now);
        m_poller->poll(std::move(obs), m_monitor->m_targets, [this](std::vector<NodeObservation> merged) {
            for (const NodeObservation &o : merged)
                m_tracker.observe(o);
            m_monitor->publish(m_tracker.evaluate(QDateTime::currentMSecsSinceEpoch()));
        });
    }

    ClusterMonitor *m_monitor;
    ClusterTracker m_tracker;
    ClusterStatusPoller *m_poller = nullptr;
    QTimer *m_timer = nullptr;
};

ClusterMonitor::ClusterMonitor(ClusterProfile profile, const SeriesStore &store, std::vector<std::string> targets,
                               QObject *parent)
    : ClusterMonitor(std::move(profile), store, std::move(targets), Options{}, parent)
{
}

ClusterMonitor::ClusterMonitor(ClusterProfile profile, const SeriesStore &store, std::vector<std::string> targets,
                               Options options, QObject *parent)
    : QObject(parent), m_profile(std::move(profile)), m_store(store), m_targets(std::move(targets)),
      m_options(options)
{
    m_snapshot.profile = m_profile.name;
}

ClusterMonitor::~ClusterMonitor()
{
    stop();
}

void ClusterMonitor::start()
{
    if (m_thread)
        return;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("vigil-cluster"));
    auto *worker = new Worker(this);
    worker->moveToThread(m_thread);
    connect(m_thread, &QThread::started, worker, &Worker::begin);
    connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_thread->start();
}

void ClusterMonitor::stop()
{
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

bool ClusterMonitor::isRunning() const
{
    return m_thread != nullptr;
}

ClusterSnapshot ClusterMonitor::snapshot() const
{
    std::lock_guard lock(m_mutex);
    return m_snapshot;
}

std::uint64_t ClusterMonitor::version() const
{
    std::lock_guard lock(m_mutex);
    return m_version;
}

void ClusterMonitor::publish(ClusterSnapshot snapshot)
{
    {
        std::lock_guard lock(m_mutex);
        const bool same = m_version > 0 && sameClusterState(m_snapshot, snapshot);
        m_snapshot = std::move(snapshot);
        if (same)
            return;
        ++m_version;
    }
    Q_EMIT changed();
}

} // namespace vigil

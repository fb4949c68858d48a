#include "app/vigil/demo_cluster.h"

#include "core/sim/simulator.h"

namespace vigil {

DemoCluster::DemoCluster(QObject *parent) : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("vigil-demo-sim"));
}

DemoCluster::~DemoCluster()
{
    if (m_sim) {
        Simulator *sim = m_sim;
        QMetaObject::invokeMethod(sim, [sim] {
            sim->stop();
            delete sim;
        }, Qt::BlockingQueuedConnection);
        m_sim = nullptr;
    }
    m_thread.quit();
    m_thread.wait();
}

void DemoCluster::start(int nodes)
{
    if (m_sim)
        return;
    SimOptions options;
    options.nodes = nodes;
    options.bind = QHostAddress::LocalHost;
    m_sim = new Simulator(options);
    m_sim->moveToThread(&m_thread);
    m_thread.start();
    Simulator *sim = m_sim;
    QMetaObject::invokeMethod(sim, [this, sim] {
        const Result<void> started = sim->start();
        QList<QUrl> urls;
        QUrl eventUrl;
        QString error;
        if (started.ok()) {
            for (const QUrl &u : sim->metricsUrls())
                urls.append(u);
            eventUrl = sim->eventUrl();
        } else {
            error = QString::fromStdString(started.error().message);
        }
        // Back to the GUI thread; dropped if this object is gone by then.
        QMetaObject::invokeMethod(this, [this, urls, eventUrl, error] {
            if (error.isEmpty())
                Q_EMIT ready(urls, eventUrl);
            else
                Q_EMIT failed(error);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

} // namespace vigil

// DemoCluster: runs the Simulator (core/sim) on its own worker QThread for `vigil --demo`
// and reports its /metrics URLs and its NDJSON event stream URL once it listens. Start is asynchronous: the GUI thread
// never waits for the ports to bind; shutdown waits for the worker (at exit only).
//
// Threads: create, start and destroy on the GUI thread; ready()/failed() arrive there.
#pragma once

#include <QList>
#include <QObject>
#include <QThread>
#include <QUrl>

namespace vigil {

class Simulator;

class DemoCluster : public QObject
{
    Q_OBJECT
public:
    explicit DemoCluster(QObject *parent = nullptr);
    ~DemoCluster() override;

    void start(int nodes = 3);

Q_SIGNALS:
    // eventUrl: tcp://127.0.0.1:PORT of the simulator's NDJSON event stream.
    void ready(const QList<QUrl> &metricsUrls, const QUrl &eventUrl);
    void failed(const QString &error);

private:
    QThread m_thread;
    Simulator *m_sim = nullptr; // lives on m_thread; deleted there
};

} // namespace vigil

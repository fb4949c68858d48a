// Simulator: a simulated EventStreamCore cluster on loopback. Per node an HTTP
// /metrics endpoint with every metric family of the seed document, plus one TCP
// port streaming NDJSON events. Used by `vigilctl sim` and `vigil --demo`.
//
// Threads: a QObject living on the thread that calls start(); that thread must run
// an event loop, and calls every other member too, stop() and the destructor
// included (move it to a worker thread before start() to run it there; it touches
// no GUI). The dynamics (SimCluster) are plain C++ and deterministic per seed; the
// timer steps them at 10 Hz with the wall-clock time elapsed (at most 1 s a tick).
#pragma once

#include "core/common/result.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <cstdint>
#include <memory>
#include <vector>

namespace vigil {

class SimCluster;

struct SimOptions
{
    int nodes = 3;
    quint16 basePort = 0;    // node i listens on basePort + i; 0 = free ports
    quint16 eventPort = 0;   // NDJSON stream; 0 = a free port
    std::uint64_t seed = 1;
    double eventsPerSecond = 2000; // NDJSON stream rate (average, follows the load wave)
    QHostAddress bind = QHostAddress::LocalHost;
};

class Simulator : public QObject
{
    Q_OBJECT
public:
    explicit Simulator(SimOptions options, QObject *parent = nullptr);
    ~Simulator() override;

    // Binds all ports and starts the dynamics timer. Error names the port that failed.
    Result<void> start();
    void stop();

    std::vector<QUrl> metricsUrls() const; // http://127.0.0.1:PORT/metrics per node
    quint16 eventPort() const;
    QUrl eventUrl() const;                 // tcp://127.0.0.1:PORT

    bool isRunning() const;
    // The dynamics behind the endpoints (for tests and `vigil --demo` diagnostics);
    // same thread as start(). Null before the first start().
    const SimCluster *cluster() const;
    SimCluster *cluster();

    struct EventStats
    {
        int clients = 0;
        quint64 linesSent = 0;    // summed over clients
        quint64 linesDropped = 0; // not sent to a client whose send buffer was full
    };
    EventStats eventStats() const;
    // A client is skipped while this many bytes wait in its socket's send buffer.
    static constexpr qint64 kMaxClientBacklog = 4 * 1024 * 1024;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace vigil

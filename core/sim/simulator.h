// Simulator: a simulated EventStreamCore cluster on loopback. Per node an HTTP
// /metrics endpoint with every metric family of the seed document, plus one TCP
// port streaming NDJSON events. Used by `vigilctl sim` and `vigil --demo`.
//
// Threads: a QObject living on the thread that calls start(); that thread must run
// an event loop. The dynamics (SimCluster) are plain C++ and deterministic per seed.
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

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace vigil

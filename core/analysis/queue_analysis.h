// Queue health arithmetic: time until a queue fills or drains at the current push/pop
// rates, and the OK / WARN / STALL classification over a sliding window. Pure
// functions; any thread.
#pragma once

#include "core/store/series_store.h"

#include <span>

namespace vigil {

enum class QueueTrend {
    Unknown,  // rates not known yet
    Steady,   // push rate == pop rate
    Filling,  // seconds = time until depth reaches capacity
    Draining, // seconds = time until depth reaches 0
    Full,     // at or above capacity and not draining
    Empty,    // at 0 and not filling
};

struct QueueEta
{
    QueueTrend trend = QueueTrend::Unknown;
    double seconds = 0; // for Filling / Draining
};

// Linear projection: net = push - pop per second. Filling: (capacity - depth) / net;
// Draining: depth / -net. capacity <= 0 means unknown (never Filling/Full).
QueueEta queueEta(double depth, double capacity, double pushPerSec, double popPerSec);

enum class QueueStatus { Ok, Warn, Stall };

inline constexpr double kQueueWarnFill = 0.8;

struct QueueStatusInput
{
    std::span<const Sample> depth; // depth samples of the sliding window (time order)
    double popIncrease = 0;        // pops over the same window
    double fullIncrease = 0;       // rejected pushes (queue full) over the same window
    double capacity = 0;           // <= 0: unknown
};

// STALL: no pops over the window while the queue has work and either its depth grew
// (last > first) or pushes were rejected because it is full. WARN: last depth above
// kQueueWarnFill of capacity. OK otherwise (also with fewer than 2 depth samples, which
// cannot show growth).
QueueStatus classifyQueue(const QueueStatusInput &in);

const char *queueStatusName(QueueStatus status); // "OK", "WARN", "STALL"

} // namespace vigil

#include "core/analysis/queue_analysis.h"

#include <cmath>

namespace vigil {

QueueEta queueEta(double depth, double capacity, double pushPerSec, double popPerSec)
{
    if (std::isnan(depth) || std::isnan(pushPerSec) || std::isnan(popPerSec))
        return {};
    const double net = pushPerSec - popPerSec;
    const bool capKnown = capacity > 0 && std::isfinite(capacity);
    if (capKnown && depth >= capacity && net >= 0)
        return {QueueTrend::Full, 0};
    if (depth <= 0 && net <= 0)
        return {QueueTrend::Empty, 0};
    if (net > 0) {
        if (!capKnown)
            return {QueueTrend::Steady, 0};
        return {QueueTrend::Filling, (capacity - depth) / net};
    }
    if (net < 0)
        return {QueueTrend::Draining, depth / -net};
    return {QueueTrend::Steady, 0};
}

QueueStatus classifyQueue(const QueueStatusInput &in)
{
    const Sample *first = nullptr;
    const Sample *last = nullptr;
    for (const Sample &s : in.depth) {
        if (std::isnan(s.value))
            continue;
        if (!first)
            first = &s;
        last = &s;
    }
    if (!last)
        return QueueStatus::Ok;
    const bool hasWork = last->value > 0;
    const bool grew = first != last && last->value > first->value;
    if (hasWork && in.popIncrease <= 0 && (grew || in.fullIncrease > 0) && first != last)
        return QueueStatus::Stall;
    if (in.capacity > 0 && last->value > kQueueWarnFill * in.capacity)
        return QueueStatus::Warn;
    return QueueStatus::Ok;
}

const char *queueStatusName(QueueStatus status)
{
    switch (status) {
    case QueueStatus::Ok: return "OK";
    case QueueStatus::Warn: return "WARN";
    case QueueStatus::Stall: return "STALL";
    }
    return "";
}

} // namespace vigil

#include "models/data_age.h"

#include "models/cluster_format.h"

#include <QCoreApplication>

namespace vigil {

namespace {

class DataAgeText
{
    Q_DECLARE_TR_FUNCTIONS(DataAgeText)
};

} // namespace

Freshness freshnessOf(const DataAge &age, std::int64_t nowMs, const StaleLimits &limits)
{
    if (age.dead)
        return Freshness::Dead;
    if (age.lastSampleMs <= 0)
        return Freshness::NoData;
    const std::int64_t ageMs = nowMs - age.lastSampleMs;
    if (ageMs > limits.redMs)
        return Freshness::Stale;
    if (ageMs > limits.amberMs)
        return Freshness::Aging;
    return Freshness::Fresh;
}

QString freshnessText(const DataAge &age, std::int64_t nowMs)
{
    if (age.lastSampleMs <= 0)
        return age.dead ? DataAgeText::tr("dead — no data") : DataAgeText::tr("no data");
    const QString span = humanizedSpan(nowMs - age.lastSampleMs);
    return age.dead ? DataAgeText::tr("dead — last sample %1 ago").arg(span)
                    : DataAgeText::tr("last sample %1 ago").arg(span);
}

} // namespace vigil

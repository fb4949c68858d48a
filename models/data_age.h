// How fresh a page's data is, for the stale-data badge: the time of the newest sample
// and whether the backend behind it is dead. Freshness grades that age against two
// limits (normal -> amber -> red). Pure values and functions; any thread.
#pragma once

#include <QString>

#include <cstdint>

namespace vigil {

struct DataAge
{
    std::int64_t lastSampleMs = 0; // ms since epoch of the newest data shown; 0: none yet
    bool dead = false;             // the backend is known to be down (not merely slow)
};

enum class Freshness : std::uint8_t { NoData, Fresh, Aging, Stale, Dead };

struct StaleLimits
{
    std::int64_t amberMs = 10'000; // older than this: amber
    std::int64_t redMs = 30'000;   // older than this: red
};

Freshness freshnessOf(const DataAge &age, std::int64_t nowMs, const StaleLimits &limits = {});

// Age of data known only as a growing counter (events received): the time the counter
// was last seen to move. The first non-zero reading counts as "now". GUI thread.
class CounterAge
{
public:
    DataAge update(std::uint64_t counter, bool dead, std::int64_t nowMs)
    {
        if (counter != m_counter) {
            m_counter = counter;
            m_lastMoveMs = nowMs;
        }
        return {m_lastMoveMs, dead};
    }

private:
    std::uint64_t m_counter = 0;
    std::int64_t m_lastMoveMs = 0;
};

// "last sample 3 s ago", "no data", "dead — last sample 2 min ago", "dead — no data".
// Always computed from nowMs, so a badge never shows a frozen value.
QString freshnessText(const DataAge &age, std::int64_t nowMs);

} // namespace vigil

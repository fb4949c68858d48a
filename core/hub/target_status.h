// Health of one scrape target as the hub last saw it. Plain data; copied to readers.
#pragma once

#include "core/hub/sample_batch.h"

#include <cstdint>
#include <string>

namespace vigil {

struct TargetStatus
{
    ScrapeReport last;                // the most recent scrape
    std::int64_t lastSuccessMs = 0;   // 0 = never
    std::uint64_t scrapes = 0;
    std::uint64_t failures = 0;
    std::uint64_t seriesInLastScrape = 0;
};

} // namespace vigil

// Turning stored samples into plot points: gauges pass through, counters become a
// per-second rate the way Prometheus' rate() treats them (a decrease is a reset, so
// the increase over that step is the new value). Stale markers become NaN points,
// which break the plotted line. Pure functions; any thread.
#pragma once

#include "core/expo/expo_types.h"
#include "core/store/series_store.h"

#include <span>
#include <string_view>
#include <vector>

namespace vigil {

struct PlotPoint
{
    double keySeconds = 0; // seconds since the epoch (QCPAxisTickerDateTime's unit)
    double value = 0;      // NaN = gap
};

// Counters (and the cumulative parts of histograms/summaries, and any *_total) are
// plotted as rates.
bool plotsAsRate(expo::MetricType type, std::string_view metric);

// Incremental conversion: feed samples in time order across calls with the same state.
class PlotConverter
{
public:
    explicit PlotConverter(bool asRate = false) : m_asRate(asRate) {}
    bool asRate() const { return m_asRate; }
    void reset() { m_havePrevious = false; }
    void append(std::span<const Sample> samples, std::vector<PlotPoint> &out);

private:
    bool m_asRate = false;
    bool m_havePrevious = false;
    Sample m_previous;
};

} // namespace vigil

// Counter and gauge arithmetic over stored samples, the way Prometheus treats them:
// a decrease of a counter is a reset, so the increase across it is the new value
// (increase()/rate() semantics, without extrapolation to the window edges). NaN
// samples (stale markers) are skipped. Plus a fixed time grid for "over time" views
// with per-bin rates (counters) and last values (gauges). Pure functions; any thread.
#pragma once

#include "core/store/series_store.h"

#include <cstdint>
#include <span>
#include <vector>

namespace vigil {

// Sum of the increases between successive non-NaN samples; a decrease counts as a
// reset (the increase of that step is the new value). 0 with fewer than 2 samples.
double counterIncrease(std::span<const Sample> samples);

// counterIncrease() / seconds between the first and the last non-NaN sample; NaN with
// fewer than 2 samples.
double counterRate(std::span<const Sample> samples);

// Relative change from `before` to `now`, in percent; NaN when before is 0 or either is NaN.
double percentChange(double before, double now);

// Bins of equal width: bin i covers (startMs + i*stepMs, startMs + (i+1)*stepMs].
struct TimeGrid
{
    std::int64_t startMs = 0;
    std::int64_t stepMs = 1000;
    int steps = 0;

    // A grid of `steps` bins ending at toMs.
    static TimeGrid ending(std::int64_t toMs, std::int64_t windowMs, int steps);
    std::int64_t endMs() const { return startMs + stepMs * steps; }
    // Bin of a timestamp, -1 outside the grid.
    int binOf(std::int64_t t) const;
    // Time at the end of bin i (where its value is plotted).
    std::int64_t binEndMs(int i) const { return startMs + stepMs * (i + 1); }
};

// Per-bin rate of one counter: the increases of the steps that end in the bin divided
// by the time those steps span (so a partly covered bin is not under-counted); NaN for
// bins without a step. `samples` may start before the grid (the step into the first
// bin then counts).
std::vector<double> binnedRate(std::span<const Sample> samples, const TimeGrid &grid);

// Per-bin increase of one counter (steps attributed to the bin they end in).
std::vector<double> binnedIncrease(std::span<const Sample> samples, const TimeGrid &grid);

// Per-bin last value of a gauge, carried forward into empty bins (after the first
// sample); NaN before the first sample and after a stale marker.
std::vector<double> binnedLast(std::span<const Sample> samples, const TimeGrid &grid);

// Element-wise sum where NaN is "no data": NaN + x = x, NaN + NaN = NaN.
void addSeries(std::vector<double> &acc, const std::vector<double> &add);

} // namespace vigil

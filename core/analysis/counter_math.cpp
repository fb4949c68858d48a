#include "core/analysis/counter_math.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vigil {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Calls f(previous, current) for each pair of successive non-NaN samples.
template <typename F>
void forEachStep(std::span<const Sample> samples, F &&f)
{
    const Sample *prev = nullptr;
    for (const Sample &s : samples) {
        if (std::isnan(s.value))
            continue;
        if (prev)
            f(*prev, s);
        prev = &s;
    }
}

double stepIncrease(const Sample &a, const Sample &b)
{
    return b.value >= a.value ? b.value - a.value : b.value;
}

} // namespace

double counterIncrease(std::span<const Sample> samples)
{
    double sum = 0;
    forEachStep(samples, [&](const Sample &a, const Sample &b) { sum += stepIncrease(a, b); });
    return sum;
}

double counterRate(std::span<const Sample> samples)
{
    double sum = 0;
    std::int64_t first = -1, last = -1;
    forEachStep(samples, [&](const Sample &a, const Sample &b) {
        sum += stepIncrease(a, b);
        if (first < 0)
            first = a.timestampMs;
        last = b.timestampMs;
    });
    if (first < 0 || last <= first)
        return kNaN;
    return sum / (double(last - first) / 1000.0);
}

double percentChange(double before, double now)
{
    if (std::isnan(before) || std::isnan(now) || before == 0)
        return kNaN;
    return (now - before) / std::abs(before) * 100.0;
}

TimeGrid TimeGrid::ending(std::int64_t toMs, std::int64_t windowMs, int steps)
{
    TimeGrid g;
    g.steps = std::max(1, steps);
    g.stepMs = std::max<std::int64_t>(1, windowMs / g.steps);
    g.startMs = toMs - g.stepMs * g.steps;
    return g;
}

int TimeGrid::binOf(std::int64_t t) const
{
    if (t <= startMs || t > endMs())
        return -1;
    return int((t - startMs - 1) / stepMs);
}

std::vector<double> binnedIncrease(std::span<const Sample> samples, const TimeGrid &grid)
{
    std::vector<double> out(std::size_t(grid.steps), kNaN);
    forEachStep(samples, [&](const Sample &a, const Sample &b) {
        const int bin = grid.binOf(b.timestampMs);
        if (bin < 0)
            return;
        double &v = out[std::size_t(bin)];
        v = (std::isnan(v) ? 0.0 : v) + stepIncrease(a, b);
    });
    return out;
}

std::vector<double> binnedRate(std::span<const Sample> samples, const TimeGrid &grid)
{
    std::vector<double> inc(std::size_t(grid.steps), 0.0);
    std::vector<double> seconds(std::size_t(grid.steps), 0.0);
    forEachStep(samples, [&](const Sample &a, const Sample &b) {
        const int bin = grid.binOf(b.timestampMs);
        if (bin < 0 || b.timestampMs <= a.timestampMs)
            return;
        inc[std::size_t(bin)] += stepIncrease(a, b);
        seconds[std::size_t(bin)] += double(b.timestampMs - a.timestampMs) / 1000.0;
    });
    std::vector<double> out(std::size_t(grid.steps), kNaN);
    for (std::size_t i = 0; i < out.size(); ++i)
        if (seconds[i] > 0)
            out[i] = inc[i] / seconds[i];
    return out;
}

std::vector<double> binnedLast(std::span<const Sample> samples, const TimeGrid &grid)
{
    std::vector<double> out(std::size_t(grid.steps), kNaN);
    std::vector<bool> set(out.size(), false);
    double before = kNaN; // last value before the grid starts
    for (const Sample &s : samples) {
        const int bin = grid.binOf(s.timestampMs);
        if (bin >= 0) {
            out[std::size_t(bin)] = s.value; // NaN for a stale marker
            set[std::size_t(bin)] = true;
        } else if (s.timestampMs <= grid.startMs) {
            before = s.value;
        }
    }
    double carry = before;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (set[i])
            carry = out[i];
        else
            out[i] = carry;
    }
    return out;
}

void addSeries(std::vector<double> &acc, const std::vector<double> &add)
{
    if (acc.size() < add.size())
        acc.resize(add.size(), kNaN);
    for (std::size_t i = 0; i < add.size(); ++i) {
        if (std::isnan(add[i]))
            continue;
        acc[i] = (std::isnan(acc[i]) ? 0.0 : acc[i]) + add[i];
    }
}

} // namespace vigil

#include "core/analysis/histogram_query.h"

#include "core/store/selector.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace vigil {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string_view labelValue(const Labels &labels, std::string_view name)
{
    for (const Label &l : labels)
        if (l.name == name)
            return l.value;
    return {};
}

} // namespace

std::vector<Sample> windowSamples(const SeriesStore &store, SeriesId id, std::int64_t fromMs, std::int64_t toMs)
{
    std::vector<Sample> s = store.range(id, fromMs - kBaselineLookbackMs, toMs);
    // Keep the last sample at or before fromMs as the baseline, drop older ones.
    std::size_t firstKept = 0;
    for (std::size_t i = 0; i < s.size() && s[i].timestampMs <= fromMs; ++i)
        firstKept = i;
    if (firstKept > 0)
        s.erase(s.begin(), s.begin() + std::ptrdiff_t(firstKept));
    return s;
}

HistogramOverTime queryHistogram(const SeriesStore &store, std::string_view baseName, std::int64_t toMs,
                                 std::int64_t windowMs, int steps)
{
    HistogramOverTime h;
    h.grid = TimeGrid::ending(toMs, windowMs, steps);
    const std::string metric = std::string(baseName) + "_bucket";
    const Result<Selector> sel = Selector::parse(metric);
    if (!sel.ok())
        return h;
    struct Read
    {
        double bound;
        double windowIncrease;
        std::vector<double> bins;
    };
    std::vector<Read> reads;
    for (SeriesId id : store.select(sel.value())) {
        const std::optional<SeriesMeta> meta = store.meta(id);
        if (!meta || meta->metric != metric)
            continue;
        const double bound = parseBucketBound(labelValue(meta->labels, "le"));
        if (std::isnan(bound))
            continue;
        const std::vector<Sample> s = windowSamples(store, id, h.grid.startMs, toMs);
        for (auto it = s.rbegin(); it != s.rend(); ++it)
            if (!std::isnan(it->value)) {
                h.newestMs = std::max(h.newestMs, it->timestampMs);
                break;
            }
        reads.push_back({bound, counterIncrease(s), binnedIncrease(s, h.grid)});
        ++h.seriesCount;
    }
    for (const Read &r : reads)
        h.upperBounds.push_back(r.bound);
    std::sort(h.upperBounds.begin(), h.upperBounds.end());
    h.upperBounds.erase(std::unique(h.upperBounds.begin(), h.upperBounds.end()), h.upperBounds.end());
    const std::size_t nb = h.upperBounds.size();
    h.windowCumulative.assign(nb, 0.0);
    h.binCumulative.assign(nb * std::size_t(h.grid.steps), 0.0);
    for (const Read &r : reads) {
        const auto b = std::size_t(std::lower_bound(h.upperBounds.begin(), h.upperBounds.end(), r.bound) -
                                   h.upperBounds.begin());
        h.windowCumulative[b] += r.windowIncrease;
        for (std::size_t i = 0; i < r.bins.size(); ++i)
            if (!std::isnan(r.bins[i]))
                h.binCumulative[i * nb + b] += r.bins[i];
    }
    return h;
}

std::vector<HistogramBucket> HistogramOverTime::windowBuckets() const
{
    std::vector<HistogramBucket> out(upperBounds.size());
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = {upperBounds[i], windowCumulative[i]};
    return out;
}

std::vector<HistogramBucket> HistogramOverTime::binBuckets(int bin) const
{
    const std::size_t nb = upperBounds.size();
    std::vector<HistogramBucket> out(nb);
    for (std::size_t i = 0; i < nb; ++i)
        out[i] = {upperBounds[i], binCumulative[std::size_t(bin) * nb + i]};
    return out;
}

double HistogramOverTime::windowTotal() const
{
    return windowCumulative.empty() ? 0.0 : windowCumulative.back();
}

double HistogramOverTime::binTotal(int bin) const
{
    const std::size_t nb = upperBounds.size();
    return nb == 0 ? 0.0 : binCumulative[std::size_t(bin) * nb + nb - 1];
}

double HistogramOverTime::binBucketCount(int bin, std::size_t b) const
{
    const std::size_t nb = upperBounds.size();
    const double *row = binCumulative.data() + std::size_t(bin) * nb;
    const double prev = b == 0 ? 0.0 : row[b - 1];
    return std::max(0.0, row[b] - prev);
}

double HistogramOverTime::windowMaxBound() const
{
    double prev = 0;
    double maxBound = kNaN;
    for (std::size_t i = 0; i < upperBounds.size(); ++i) {
        if (windowCumulative[i] > prev)
            maxBound = upperBounds[i];
        prev = std::max(prev, windowCumulative[i]);
    }
    return maxBound;
}

} // namespace vigil

// Reader side of SeriesStore: every function takes the shared lock for one call and
// touches only the series (and chunks) it is asked about, except catalog()/select()
// which are O(series), never O(samples).
#include "core/store/selector.h"
#include "core/store/series_data.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>

namespace vigil {

using store::Series;

namespace {

template <typename Fn>
void decodeChunk(const std::uint8_t *data, std::size_t bytes, std::uint32_t count, std::int64_t firstT, Fn &&fn)
{
    store::XorDecoder dec(data, bytes, count, firstT);
    while (dec.next()) {
        if (!fn(dec.timestamp(), dec.value()))
            return;
    }
}

} // namespace

SeriesStore::Stats SeriesStore::stats() const
{
    std::shared_lock lock(d->mutex);
    Stats s;
    s.series = d->aliveCount;
    s.samples = d->samples;
    s.bytes = d->totalBytes();
    s.sampleBytes = d->sampleBytes;
    s.evictedSamples = d->evicted;
    s.evictedByBudget = d->evictedByBudget;
    s.outOfOrderDropped = d->outOfOrder;
    s.generation = d->generation.load(std::memory_order_relaxed);
    s.droppedUnknown = d->droppedUnknown;
    s.removedSeries = d->removed;
    s.symbols = d->symbols.size();
    return s;
}

std::uint64_t SeriesStore::generation() const
{
    return d->generation.load(std::memory_order_relaxed);
}

std::size_t SeriesStore::seriesCount() const
{
    std::shared_lock lock(d->mutex);
    return d->aliveCount;
}

bool SeriesStore::alive(SeriesId id) const
{
    std::shared_lock lock(d->mutex);
    return d->get(id) != nullptr;
}

SeriesId SeriesStore::idLimit() const
{
    std::shared_lock lock(d->mutex);
    return SeriesId(d->series.size());
}

namespace {

SeriesMeta makeMeta(const store::SymbolTable &sym, const Series &s, SeriesId id)
{
    SeriesMeta m;
    m.id = id;
    m.metric = std::string(sym.str(s.metric));
    m.labels.reserve(s.labels.size());
    for (const store::SymPair &l : s.labels)
        m.labels.push_back({std::string(sym.str(l.name)), std::string(sym.str(l.value))});
    m.type = s.type;
    m.help = std::string(sym.str(s.help));
    m.unit = std::string(sym.str(s.unit));
    return m;
}

} // namespace

std::optional<SeriesMeta> SeriesStore::meta(SeriesId id) const
{
    std::shared_lock lock(d->mutex);
    const Series *s = d->get(id);
    if (!s)
        return std::nullopt;
    return makeMeta(d->symbols, *s, id);
}

std::vector<SeriesMeta> SeriesStore::catalog(SeriesId fromId) const
{
    std::shared_lock lock(d->mutex);
    std::vector<SeriesMeta> out;
    for (std::size_t id = fromId; id < d->series.size(); ++id) {
        if (const Series *s = d->series[id].get())
            out.push_back(makeMeta(d->symbols, *s, SeriesId(id)));
    }
    return out;
}

std::optional<SeriesId> SeriesStore::find(std::string_view metric, std::span<const LabelView> labels) const
{
    std::vector<LabelView> buf(labels.size());
    std::uint64_t hash = 0;
    const std::size_t n = canonicalLabels(metric, labels, {}, buf.data(), hash);
    std::shared_lock lock(d->mutex);
    const SeriesId id = d->lookup(metric, {buf.data(), n}, hash);
    if (id == store::kNoId)
        return std::nullopt;
    return id;
}

std::vector<SeriesId> SeriesStore::select(const Selector &selector) const
{
    const auto &ms = selector.matchers();
    std::shared_lock lock(d->mutex);
    const store::SymbolTable &sym = d->symbols;

    // Candidates: through the name index when there is any __name__ matcher.
    std::vector<SeriesId> candidates;
    bool useIndex = false;
    std::vector<std::size_t> labelMatchers;
    std::size_t nameEq = ms.size();
    for (std::size_t i = 0; i < ms.size(); ++i) {
        if (ms[i].name == "__name__") {
            useIndex = true;
            if (ms[i].op == LabelMatcher::Op::Equal)
                nameEq = i;
        } else {
            labelMatchers.push_back(i);
        }
    }
    auto nameOk = [&](std::uint32_t nameSym) {
        for (std::size_t i = 0; i < ms.size(); ++i) {
            if (ms[i].name == "__name__" && !selector.matcherMatches(i, sym.str(nameSym)))
                return false;
        }
        return true;
    };
    if (useIndex) {
        if (nameEq < ms.size()) {
            const std::uint32_t nameSym = sym.find(ms[nameEq].value);
            auto it = nameSym == store::kNoId ? d->byName.end() : d->byName.find(nameSym);
            if (it == d->byName.end() || !nameOk(nameSym))
                return {};
            candidates = it->second;
        } else {
            for (const auto &[nameSym, ids] : d->byName) {
                if (nameOk(nameSym))
                    candidates.insert(candidates.end(), ids.begin(), ids.end());
            }
        }
        std::sort(candidates.begin(), candidates.end());
    }

    // Per matcher: the label name's symbol, and a cache of results per value symbol
    // (far fewer distinct values than series, and regexes are the expensive part).
    struct Prepared
    {
        std::size_t index;
        std::uint32_t nameSym;
        std::unordered_map<std::uint32_t, bool> cache;
    };
    std::vector<Prepared> prepared;
    for (std::size_t i : labelMatchers)
        prepared.push_back({i, sym.find(ms[i].name), {}});

    auto labelsOk = [&](const Series &s) {
        for (Prepared &p : prepared) {
            std::uint32_t valueSym = 0; // the empty string: label missing
            if (p.nameSym != store::kNoId) {
                for (const store::SymPair &l : s.labels) {
                    if (l.name == p.nameSym) {
                        valueSym = l.value;
                        break;
                    }
                }
            }
            auto [it, inserted] = p.cache.try_emplace(valueSym, false);
            if (inserted)
                it->second = selector.matcherMatches(p.index, sym.str(valueSym));
            if (!it->second)
                return false;
        }
        return true;
    };

    std::vector<SeriesId> out;
    if (useIndex) {
        for (SeriesId id : candidates) {
            if (const Series *s = d->get(id); s && labelsOk(*s))
                out.push_back(id);
        }
    } else {
        for (std::size_t id = 0; id < d->series.size(); ++id) {
            if (const Series *s = d->series[id].get(); s && labelsOk(*s))
                out.push_back(SeriesId(id));
        }
    }
    return out;
}

namespace {
SeriesStatus statusOf(const Series *s)
{
    SeriesStatus st;
    if (!s)
        return st;
    if (s->hasLast) {
        st.lastTimestampMs = s->lastT;
        st.lastValue = s->lastV;
    }
    st.stale = s->stale;
    st.samples = s->samples;
    return st;
}
} // namespace

SeriesStatus SeriesStore::status(SeriesId id) const
{
    std::shared_lock lock(d->mutex);
    return statusOf(d->get(id));
}

void SeriesStore::statuses(std::span<const SeriesId> ids, std::span<SeriesStatus> out) const
{
    const std::size_t n = std::min(ids.size(), out.size());
    // One shared lock per slice, like the writer's slices, so the hub is never held
    // off for a whole catalog.
    for (std::size_t begin = 0; begin < n; begin += kWriteSlice * 4) {
        const std::size_t end = std::min(n, begin + kWriteSlice * 4);
        std::shared_lock lock(d->mutex);
        for (std::size_t i = begin; i < end; ++i)
            out[i] = statusOf(d->get(ids[i]));
    }
}

std::vector<Sample> SeriesStore::range(SeriesId id, std::int64_t fromMs, std::int64_t toMs) const
{
    std::vector<Sample> out;
    if (fromMs > toMs)
        return out;
    std::shared_lock lock(d->mutex);
    const Series *s = d->get(id);
    if (!s)
        return out;
    auto first = std::partition_point(s->chunks.begin(), s->chunks.end(),
                                      [&](const store::SealedChunk &c) { return c.maxT < fromMs; });
    auto last = first;
    std::size_t estimate = 0;
    for (; last != s->chunks.end() && last->minT <= toMs; ++last)
        estimate += last->count;
    const bool useHead = s->enc.count() > 0 && s->headMinT <= toMs && s->enc.lastTimestamp() >= fromMs;
    if (useHead)
        estimate += s->enc.count();
    out.reserve(estimate);

    auto collect = [&](std::int64_t t, double v) {
        if (t > toMs)
            return false;
        if (t >= fromMs)
            out.push_back({t, v});
        return true;
    };
    for (auto it = first; it != last; ++it)
        decodeChunk(it->data.get(), it->bytes, it->count, it->minT, collect);
    if (useHead)
        decodeChunk(s->head.data(), s->head.size(), s->enc.count(), s->headMinT, collect);
    return out;
}

std::optional<Sample> SeriesStore::instant(SeriesId id, std::int64_t atMs, std::int64_t lookbackMs) const
{
    std::shared_lock lock(d->mutex);
    const Series *s = d->get(id);
    if (!s || s->samples == 0)
        return std::nullopt;

    std::optional<Sample> found;
    if (atMs >= s->lastT) {
        found = Sample{s->lastT, s->lastV};
    } else {
        // The latest chunk starting at or before atMs holds the answer.
        auto pick = [&](const std::uint8_t *data, std::size_t bytes, std::uint32_t count, std::int64_t minT) {
            decodeChunk(data, bytes, count, minT, [&](std::int64_t t, double v) {
                if (t > atMs)
                    return false;
                found = Sample{t, v};
                return true;
            });
        };
        if (s->enc.count() > 0 && s->headMinT <= atMs) {
            pick(s->head.data(), s->head.size(), s->enc.count(), s->headMinT);
        } else {
            auto it = std::partition_point(s->chunks.begin(), s->chunks.end(),
                                           [&](const store::SealedChunk &c) { return c.minT <= atMs; });
            if (it == s->chunks.begin())
                return std::nullopt;
            --it;
            pick(it->data.get(), it->bytes, it->count, it->minT);
        }
    }
    if (!found || found->timestampMs <= atMs - lookbackMs || isStaleMarker(found->value))
        return std::nullopt;
    return found;
}

} // namespace vigil

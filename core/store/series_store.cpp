// Writer side of SeriesStore: interning, appends, staleness, retention. Reads are in
// series_store_read.cpp.
#include "core/store/series_data.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <mutex>

namespace vigil {

using store::allocBytes;
using store::HeapEntry;
using store::kNoId;
using store::Series;

namespace {

constexpr std::uint64_t kStaleBits = 0x7ff0000000000002ull;
constexpr std::size_t kStackLabels = 32;

bool heapLess(const HeapEntry &a, const HeapEntry &b)
{
    return a.key > b.key; // std heap functions build a max-heap: invert for min
}

} // namespace

bool isStaleMarker(double v)
{
    return std::bit_cast<std::uint64_t>(v) == kStaleBits;
}

double staleMarker()
{
    return std::bit_cast<double>(kStaleBits);
}

std::size_t canonicalLabels(std::string_view metric, std::span<const LabelView> labels,
                            std::span<const LabelView> extra, LabelView *out, std::uint64_t &hash)
{
    std::size_t n = 0;
    auto add = [&](const LabelView &l) {
        if (l.value.empty() || l.name == std::string_view("__name__"))
            return;
        // Insertion sort: label sets are small and usually already nearly sorted.
        std::size_t i = n++;
        while (i > 0 && l.name < out[i - 1].name) {
            out[i] = out[i - 1];
            --i;
        }
        out[i] = l;
    };
    for (const LabelView &l : labels)
        add(l);
    for (const LabelView &l : extra)
        add(l);
    // Stable sort kept the first of equal names first; drop the rest.
    std::size_t w = 0;
    for (std::size_t r = 0; r < n; ++r) {
        if (w > 0 && out[w - 1].name == out[r].name)
            continue;
        out[w++] = out[r];
    }
    std::uint64_t h = store::hashBytes(metric, 0x5eed);
    for (std::size_t i = 0; i < w; ++i) {
        h = store::hashBytes(out[i].name, h);
        h = store::hashBytes(out[i].value, h);
    }
    hash = h;
    return w;
}

SeriesStore::SeriesStore() : SeriesStore(Options()) {}

SeriesStore::SeriesStore(Options options) : d(std::make_unique<Impl>())
{
    d->opt = options;
    if (d->opt.chunkMaxSamples < 2)
        d->opt.chunkMaxSamples = 2;
    d->refreshStructBytes();
}

SeriesStore::~SeriesStore() = default;

// ---------------------------------------------------------------- interning

SeriesId SeriesStore::Impl::lookup(std::string_view metric, std::span<const LabelView> sorted,
                                   std::uint64_t hash) const
{
    return seriesIndex.find(hash, [&](std::uint32_t id) {
        const Series &s = *series[id];
        if (s.labels.size() != sorted.size() || symbols.str(s.metric) != metric)
            return false;
        for (std::size_t i = 0; i < sorted.size(); ++i) {
            if (symbols.str(s.labels[i].name) != sorted[i].name ||
                symbols.str(s.labels[i].value) != sorted[i].value)
                return false;
        }
        return true;
    });
}

SeriesId SeriesStore::Impl::create(std::string_view metric, std::span<const LabelView> sorted,
                                   std::uint64_t hash)
{
    auto s = std::make_unique<Series>();
    s->hash = hash;
    s->metric = symbols.intern(metric);
    s->labels.reserve(sorted.size());
    for (const LabelView &l : sorted)
        s->labels.push_back({symbols.intern(l.name), symbols.intern(l.value)});
    s->bytes = allocBytes(sizeof(Series)) + allocBytes(s->labels.capacity() * sizeof(store::SymPair));
    seriesBytes += s->bytes;

    const auto id = SeriesId(series.size());
    auto &ids = byName[s->metric];
    const std::size_t before = ids.capacity();
    if (before == 0)
        byNameBytes += 64; // hash node + bucket, roughly
    ids.push_back(id);
    byNameBytes += allocBytes(ids.capacity() * sizeof(SeriesId)) - allocBytes(before * sizeof(SeriesId));

    series.push_back(std::move(s));
    seriesIndex.insert(hash, id);
    ++aliveCount;
    generation.fetch_add(1, std::memory_order_relaxed);
    refreshStructBytes();
    return id;
}

namespace {
// The canonical label list of a series key (sorted, __name__ and empty values dropped)
// and its hash, on the stack for ordinary label counts.
struct CanonicalKey
{
    CanonicalKey(std::string_view metric, std::span<const LabelView> labels, std::span<const LabelView> extra)
    {
        LabelView *buf = m_stack;
        if (labels.size() + extra.size() > kStackLabels) {
            m_heap.resize(labels.size() + extra.size());
            buf = m_heap.data();
        }
        m_count = canonicalLabels(metric, labels, extra, buf, hash);
        m_data = buf;
    }
    CanonicalKey(const CanonicalKey &) = delete;
    CanonicalKey &operator=(const CanonicalKey &) = delete;
    std::span<const LabelView> labels() const { return {m_data, m_count}; }

    std::uint64_t hash = 0;

private:
    LabelView m_stack[kStackLabels];
    std::vector<LabelView> m_heap;
    const LabelView *m_data = nullptr;
    std::size_t m_count = 0;
};
} // namespace

SeriesId SeriesStore::intern(std::string_view metric, std::span<const LabelView> labels,
                             std::span<const LabelView> extraLabels)
{
    const CanonicalKey key(metric, labels, extraLabels);
    // No lock: only this (writer) thread mutates the index, and readers don't write.
    const SeriesId found = d->lookup(metric, key.labels(), key.hash);
    if (found != kNoId)
        return found;
    std::unique_lock lock(d->mutex);
    return d->create(metric, key.labels(), key.hash);
}

void SeriesStore::setMetadata(SeriesId id, expo::MetricType type, std::string_view help, std::string_view unit)
{
    Series *s = d->get(id);
    if (!s)
        return;
    if (s->type == type && d->symbols.str(s->help) == help && d->symbols.str(s->unit) == unit)
        return;
    std::unique_lock lock(d->mutex);
    s->type = type;
    s->help = d->symbols.intern(help);
    s->unit = d->symbols.intern(unit);
    d->refreshStructBytes();
}

// ---------------------------------------------------------------- appends

void SeriesStore::Impl::seal(Series &s)
{
    if (s.enc.count() == 0)
        return;
    store::SealedChunk c;
    c.bytes = std::uint32_t(s.head.size());
    c.data = std::make_unique<std::uint8_t[]>(c.bytes);
    std::memcpy(c.data.get(), s.head.data(), c.bytes);
    c.minT = s.headMinT;
    c.maxT = s.enc.lastTimestamp();
    c.count = s.enc.count();
    const std::size_t capBefore = s.chunks.capacity();
    s.chunks.push_back(std::move(c));
    std::size_t delta = allocBytes(s.chunks.back().bytes);
    delta += allocBytes(s.chunks.capacity() * sizeof(store::SealedChunk)) -
             allocBytes(capBefore * sizeof(store::SealedChunk));
    s.bytes += delta;
    seriesBytes += delta;
    s.head.clear(); // keeps its capacity for the next chunk
    s.enc = store::XorEncoder();
}

void SeriesStore::Impl::write(Series &s, SeriesId id, std::int64_t t, double v)
{
    if (s.enc.count() >= opt.chunkMaxSamples || s.head.size() >= opt.chunkMaxBytes)
        seal(s);
    const std::size_t capBefore = s.head.capacity();
    const std::size_t sizeBefore = s.head.size();
    if (s.enc.count() == 0) {
        if (capBefore == 0)
            s.head.reserve(opt.chunkMaxBytes / 4);
        s.enc.start(s.head, t, v);
        s.headMinT = t;
    } else {
        s.enc.append(s.head, t, v);
    }
    if (s.head.capacity() != capBefore) {
        const std::size_t delta = allocBytes(s.head.capacity()) - allocBytes(capBefore);
        s.bytes += delta;
        seriesBytes += delta;
    }
    sampleBytes += s.head.size() - sizeBefore;
    ++s.samples;
    ++samples;
    s.lastT = t;
    s.lastV = v;
    s.hasLast = true;
    if (!s.inHeap) {
        s.inHeap = true;
        heapPush({t, id});
    }
}

void SeriesStore::Impl::appendLocked(SeriesId id, std::int64_t t, double v)
{
    if (isStaleMarker(v)) {
        markStaleLocked(id, t);
        return;
    }
    Series *s = get(id);
    if (!s) {
        ++droppedUnknown;
        return;
    }
    if (s->hasLast && t <= s->lastT) {
        ++outOfOrder;
        return;
    }
    write(*s, id, t, v);
    s->stale = false;
}

void SeriesStore::Impl::markStaleLocked(SeriesId id, std::int64_t t)
{
    Series *s = get(id);
    if (!s) {
        ++droppedUnknown;
        return;
    }
    if (s->stale)
        return; // nothing live to end (never written, or already marked)
    if (t <= s->lastT) {
        ++outOfOrder;
        return;
    }
    write(*s, id, t, staleMarker());
    s->stale = true;
    // A stale series may never be written again: seal now and give back the head buffer.
    seal(*s);
    const std::size_t cap = allocBytes(s->head.capacity());
    std::vector<std::uint8_t>().swap(s->head);
    s->bytes -= cap;
    seriesBytes -= cap;
}

void SeriesStore::append(SeriesId id, std::int64_t timestampMs, double value)
{
    std::unique_lock lock(d->mutex);
    d->appendLocked(id, timestampMs, value);
}

void SeriesStore::markStale(SeriesId id, std::int64_t timestampMs)
{
    std::unique_lock lock(d->mutex);
    d->markStaleLocked(id, timestampMs);
}

void SeriesStore::appendBatch(std::span<const AppendItem> items)
{
    while (!items.empty()) {
        const auto slice = items.first(std::min(items.size(), kWriteSlice));
        std::unique_lock lock(d->mutex);
        for (const AppendItem &it : slice)
            d->appendLocked(it.id, it.timestampMs, it.value);
        items = items.subspan(slice.size());
    }
}

// ---------------------------------------------------------------- Appender

SeriesStore::Appender::Appender(SeriesStore &store) : m_store(store) {}

SeriesStore::Appender::~Appender()
{
    release();
}

void SeriesStore::Appender::lock()
{
    if (m_locked && m_ops >= kWriteSlice) {
        // Let waiting readers in between slices.
        m_store.d->mutex.unlock();
        m_locked = false;
    }
    if (!m_locked) {
        m_store.d->mutex.lock();
        m_locked = true;
        m_ops = 0;
    }
    ++m_ops;
}

void SeriesStore::Appender::release()
{
    if (m_locked) {
        m_store.d->mutex.unlock();
        m_locked = false;
    }
}

SeriesId SeriesStore::Appender::intern(std::string_view metric, std::span<const LabelView> labels,
                                       std::span<const LabelView> extraLabels)
{
    const CanonicalKey key(metric, labels, extraLabels);
    const SeriesId found = m_store.d->lookup(metric, key.labels(), key.hash);
    if (found != kNoId)
        return found;
    lock();
    return m_store.d->create(metric, key.labels(), key.hash);
}

void SeriesStore::Appender::append(SeriesId id, std::int64_t timestampMs, double value)
{
    lock();
    m_store.d->appendLocked(id, timestampMs, value);
}

void SeriesStore::Appender::markStale(SeriesId id, std::int64_t timestampMs)
{
    lock();
    m_store.d->markStaleLocked(id, timestampMs);
}

// ---------------------------------------------------------------- retention

void SeriesStore::Impl::heapPush(HeapEntry e)
{
    const std::size_t cap = heap.capacity();
    heap.push_back(e);
    std::push_heap(heap.begin(), heap.end(), heapLess);
    if (heap.capacity() != cap)
        refreshStructBytes();
}

void SeriesStore::Impl::heapPop()
{
    std::pop_heap(heap.begin(), heap.end(), heapLess);
    heap.pop_back();
}

void SeriesStore::Impl::heapRaiseTop(std::int64_t key)
{
    // Keys only grow, so sifting the top down restores the heap.
    std::size_t i = 0;
    const HeapEntry e{key, heap[0].id};
    const std::size_t n = heap.size();
    for (;;) {
        std::size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && heap[c + 1].key < heap[c].key)
            ++c;
        if (heap[c].key >= e.key)
            break;
        heap[i] = heap[c];
        i = c;
    }
    heap[i] = e;
}

std::uint64_t SeriesStore::Impl::evictOldest(Series &s)
{
    std::uint64_t n = 0;
    if (!s.chunks.empty()) {
        const store::SealedChunk &c = s.chunks.front();
        n = c.count;
        sampleBytes -= c.bytes;
        s.bytes -= allocBytes(c.bytes);
        seriesBytes -= allocBytes(c.bytes);
        s.chunks.erase(s.chunks.begin());
    } else if (s.enc.count() > 0) {
        n = s.enc.count();
        sampleBytes -= s.head.size();
        const std::size_t cap = allocBytes(s.head.capacity());
        s.bytes -= cap;
        seriesBytes -= cap;
        std::vector<std::uint8_t>().swap(s.head);
        s.enc = store::XorEncoder();
    }
    s.samples -= n;
    samples -= n;
    return n;
}

void SeriesStore::Impl::remove(SeriesId id)
{
    Series &s = *series[id];
    seriesIndex.erase(s.hash, id);
    auto it = byName.find(s.metric);
    if (it != byName.end()) {
        auto &ids = it->second;
        ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
        if (ids.empty()) {
            byNameBytes -= 64 + allocBytes(ids.capacity() * sizeof(SeriesId));
            byName.erase(it);
        }
    }
    seriesBytes -= s.bytes;
    series[id].reset();
    --aliveCount;
    ++removed;
    generation.fetch_add(1, std::memory_order_relaxed);
    refreshStructBytes();
}

void SeriesStore::Impl::refreshStructBytes()
{
    structBytes = symbols.bytes() + seriesIndex.bytes() +
                  allocBytes(series.capacity() * sizeof(series[0])) + byNameBytes +
                  allocBytes(byName.bucket_count() * sizeof(void *)) +
                  allocBytes(heap.capacity() * sizeof(HeapEntry));
}

void SeriesStore::enforceRetention(std::int64_t nowMs)
{
    Impl &m = *d;
    const std::int64_t cutoff = nowMs - m.opt.retentionMs;
    // O(1) and lock-free (writer-only state): the heap top is a lower bound of every
    // series' oldest chunk end.
    if (m.totalBytes() <= m.opt.memoryBudgetBytes && (m.heap.empty() || m.heap.front().key >= cutoff))
        return;

    bool done = false;
    while (!done) {
        std::unique_lock lock(m.mutex);
        for (std::size_t ops = 0; ops < kWriteSlice; ++ops) {
            if (m.heap.empty()) {
                done = true;
                break;
            }
            const HeapEntry top = m.heap.front();
            Series &s = *m.series[top.id];
            const std::int64_t oldest = s.oldestEnd();
            if (oldest != top.key) {
                m.heapRaiseTop(oldest);
                continue;
            }
            const bool expired = oldest < cutoff;
            if (!expired && m.totalBytes() <= m.opt.memoryBudgetBytes) {
                done = true;
                break;
            }
            const std::uint64_t n = m.evictOldest(s);
            m.evicted += n;
            if (!expired)
                m.evictedByBudget += n;
            if (s.samples == 0) {
                m.heapPop();
                s.inHeap = false;
                // Keep a live series whose recent data went to the budget; drop the
                // ones that ended or aged out.
                if (s.stale || expired)
                    m.remove(top.id);
            } else {
                m.heapRaiseTop(s.oldestEnd());
            }
        }
    }
}

void SeriesStore::removeAll()
{
    Impl &m = *d;
    m.heap.clear(); // writer-only state; entries of removed series must not remain
    SeriesId next = 0;
    while (next < m.series.size()) {
        std::unique_lock lock(m.mutex);
        for (std::size_t ops = 0; ops < kWriteSlice && next < m.series.size(); ++next) {
            Series *s = m.series[next].get();
            if (!s)
                continue;
            for (const store::SealedChunk &c : s->chunks)
                m.sampleBytes -= c.bytes;
            m.sampleBytes -= s->head.size();
            m.samples -= s->samples;
            m.remove(next);
            ++ops;
        }
    }
}

} // namespace vigil

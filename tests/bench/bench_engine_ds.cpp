// Micro-benchmarks of the event engine's data structures: LatencyHistogram::record()
// (full range and realistic 100 ns..100 us), summary() (five figures) and merge() on a
// filled histogram, DedupWindow::seenOrInsert() on miss / hit / mixed traffic, hashKey()
// and the dedup memory at the default 4Mi keys. Each figure is the median of --runs
// runs (default 5), timed in thread CPU time. Single-threaded; best on an idle machine.
//   bench_engine_ds [--runs N]
#include "core/engine/dedup_window.h"
#include "core/engine/latency_histogram.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <random>
#include <string>
#include <vector>

using namespace vigil;

// CPU time of this thread, not wall time: the benchmark machines are shared, and time
// spent descheduled is not the data structure's cost. (Cache and memory-bandwidth
// contention from other processes still shows.)
struct Clock
{
    using time_point = std::int64_t;
    static time_point now()
    {
        timespec ts;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
    }
};

namespace {

volatile double g_sinkD = 0;
volatile std::uint64_t g_sinkU = 0;

double elapsedNs(Clock::time_point start)
{
    return static_cast<double>(Clock::now() - start);
}

// Runs `once` (which returns ns per operation) `runs` times; prints and returns the median.
double report(const char *name, int runs, const std::function<double()> &once)
{
    std::vector<double> r;
    for (int i = 0; i < runs; ++i)
        r.push_back(once());
    std::sort(r.begin(), r.end());
    const double median = r[r.size() / 2];
    std::printf("%-52s median %9.2f ns/op   (min %.2f, max %.2f, %d runs)\n", name, median, r.front(), r.back(), runs);
    return median;
}

std::vector<std::int64_t> logUniformValues(std::size_t n, double lo, double hi, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(std::log(lo), std::log(hi));
    std::vector<std::int64_t> v(n);
    for (auto &x : v)
        x = static_cast<std::int64_t>(std::exp(u(rng)));
    return v;
}

double benchRecord(const std::vector<std::int64_t> &values, std::size_t ops)
{
    LatencyHistogram h;
    const std::size_t mask = values.size() - 1; // power of two
    const auto start = Clock::now();
    for (std::size_t i = 0; i < ops; ++i)
        h.record(values[i & mask]);
    const double ns = elapsedNs(start);
    g_sinkU = h.count() + static_cast<std::uint64_t>(h.max());
    return ns / static_cast<double>(ops);
}

double benchSummary(const LatencyHistogram &h, int ops)
{
    const auto start = Clock::now();
    double acc = 0;
    for (int i = 0; i < ops; ++i) {
        const LatencySummary s = h.summary();
        acc += s.p50 + s.p90 + s.p99 + s.p999 + s.max;
    }
    const double ns = elapsedNs(start);
    g_sinkD = acc;
    return ns / ops;
}

double benchMerge(const LatencyHistogram &h, int ops)
{
    LatencyHistogram target;
    const auto start = Clock::now();
    for (int i = 0; i < ops; ++i)
        target.merge(h);
    const double ns = elapsedNs(start);
    g_sinkU = target.count();
    return ns / ops;
}

std::vector<std::uint64_t> distinctHashes(std::size_t n, std::uint64_t salt)
{
    std::vector<std::uint64_t> v(n);
    char buf[32];
    for (std::size_t i = 0; i < n; ++i) {
        const int len = std::snprintf(buf, sizeof buf, "evt-%llu-%010zu", static_cast<unsigned long long>(salt), i);
        v[i] = DedupWindow::hashKey(std::string_view(buf, static_cast<std::size_t>(len)));
    }
    return v;
}

// hitPercent of the lookups reuse one of `warm` keys inserted beforehand; the rest are new.
double benchDedup(std::size_t maxKeys, const std::vector<std::uint64_t> &warm, const std::vector<std::uint64_t> &fresh,
                  int hitPercent, std::size_t ops, std::uint64_t *forced = nullptr, std::size_t prefetchAhead = 0)
{
    DedupWindow d(60, maxKeys);
    std::int64_t now = 1'700'000'000'000'000'000;
    for (std::uint64_t k : warm)
        d.seenOrInsert(k, now);
    std::mt19937_64 rng(99);
    std::vector<std::uint64_t> keys(ops);
    std::size_t nextFresh = 0;
    for (auto &k : keys)
        k = static_cast<int>(rng() % 100) < hitPercent ? warm[rng() % warm.size()] : fresh[nextFresh++ % fresh.size()];
    const auto start = Clock::now();
    std::uint64_t dups = 0;
    for (std::size_t i = 0; i < ops; ++i) {
        if (prefetchAhead != 0 && i + prefetchAhead < ops)
            d.prefetch(keys[i + prefetchAhead]);
        dups += d.seenOrInsert(keys[i], now);
        now += 1000; // 1M events/s: 10 s of traffic, no time-based rotation
    }
    const double ns = elapsedNs(start);
    g_sinkU = dups;
    if (forced)
        *forced = d.forcedRotations();
    return ns / static_cast<double>(ops);
}

} // namespace

int main(int argc, char **argv)
{
    int runs = 5;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--runs") == 0)
            runs = std::max(1, std::atoi(argv[i + 1]));
    }

    std::printf("== LatencyHistogram (%zu buckets, %zu bytes each) ==\n", LatencyHistogram::kBucketCount,
                LatencyHistogram().memoryBytes());
    const auto fullRange = logUniformValues(1u << 16, 1, 3.6e12, 1);
    const auto realistic = logUniformValues(1u << 16, 100, 100000, 2);
    std::vector<std::int64_t> uniformFull(1u << 16);
    {
        std::mt19937_64 rng(3);
        for (auto &x : uniformFull)
            x = static_cast<std::int64_t>(rng() % 3'600'000'000'000ull);
    }
    const std::size_t recordOps = 50'000'000;
    report("record() log-uniform 1 ns..1 h", runs, [&] { return benchRecord(fullRange, recordOps); });
    report("record() uniform 0..1 h", runs, [&] { return benchRecord(uniformFull, recordOps); });
    report("record() log-uniform 100 ns..100 us", runs, [&] { return benchRecord(realistic, recordOps); });

    LatencyHistogram filledFull, filledRealistic;
    for (int rep = 0; rep < 16; ++rep) {
        for (auto v : fullRange)
            filledFull.record(v);
        for (auto v : realistic)
            filledRealistic.record(v);
    }
    // Every bucket occupied: the worst case for the scan.
    for (std::size_t i = 0; i < LatencyHistogram::kBucketCount; ++i)
        filledFull.record(LatencyHistogram::bucketLowest(i));
    report("summary() 5 figures, every bucket occupied", runs, [&] { return benchSummary(filledFull, 200'000); });
    report("summary() 5 figures, 100 ns..100 us data", runs, [&] { return benchSummary(filledRealistic, 200'000); });
    report("merge() of a full-range histogram", runs, [&] { return benchMerge(filledFull, 100'000); });
    report("merge() of a 100 ns..100 us histogram", runs, [&] { return benchMerge(filledRealistic, 100'000); });
    {
        WindowedHistogram w(60, 6);
        std::int64_t now = 0;
        for (int i = 0; i < 6'000'000; ++i) {
            w.record(realistic[static_cast<std::size_t>(i) & 0xffff], now);
            now += 10'000; // 100k/s over 60 s
        }
        report("WindowedHistogram::summary() 6 slots, realistic", runs, [&] {
            const auto start = Clock::now();
            double acc = 0;
            for (int i = 0; i < 20'000; ++i)
                acc += w.summary(now).p99;
            g_sinkD = acc;
            return elapsedNs(start) / 20'000;
        });
    }

    const std::size_t defaultKeys = std::size_t{1} << 22;
    DedupWindow probe(60, defaultKeys);
    std::printf("\n== DedupWindow (maxKeys %zu, %zu keys x 2 generations, %zu slots each) ==\n", defaultKeys,
                probe.keysPerGeneration(), probe.slotsPerGeneration());
    std::printf("memoryBytes() at the default %zu keys: %zu bytes (%.1f MiB, %.1f bytes/key)\n", defaultKeys,
                probe.memoryBytes(), static_cast<double>(probe.memoryBytes()) / (1 << 20),
                static_cast<double>(probe.memoryBytes()) / static_cast<double>(defaultKeys));

    const auto warm = distinctHashes(1'000'000, 1);
    const auto fresh = distinctHashes(10'000'000, 2);
    std::uint64_t forced = 0;
    report("seenOrInsert() 100% miss (10M new keys, 4Mi cap)", runs,
           [&] { return benchDedup(defaultKeys, warm, fresh, 0, 10'000'000, &forced); });
    std::printf("    (forced rotations during that run: %llu, each clears one %zu-byte generation)\n",
                static_cast<unsigned long long>(forced), probe.memoryBytes() / 2);
    report("seenOrInsert() 100% miss, prefetch(key i+4)", runs,
           [&] { return benchDedup(defaultKeys, warm, fresh, 0, 10'000'000, nullptr, 4); });
    report("seenOrInsert() 100% hit (1M warm keys)", runs, [&] { return benchDedup(defaultKeys, warm, fresh, 100, 10'000'000); });
    report("seenOrInsert() 50% hit / 50% miss", runs, [&] { return benchDedup(defaultKeys, warm, fresh, 50, 10'000'000); });
    report("seenOrInsert() 50% hit / 50% miss, prefetch(key i+4)", runs,
           [&] { return benchDedup(defaultKeys, warm, fresh, 50, 10'000'000, nullptr, 4); });
    report("seenOrInsert() 10% hit, 64Ki cap (cache-resident)", runs,
           [&] { return benchDedup(1u << 16, std::vector<std::uint64_t>(warm.begin(), warm.begin() + 10'000), fresh, 10, 10'000'000); });
    report("one forced rotation clearing a full generation", runs, [&] {
        DedupWindow d(60, defaultKeys);
        const std::size_t cap = d.keysPerGeneration();
        for (std::size_t i = 0; i < 2 * cap; ++i) // the second generation's first insert rotates
            d.seenOrInsert(fresh[i], 0);            // over an empty table; fill both
        const auto start = Clock::now();
        d.seenOrInsert(fresh[2 * cap], 0);          // rotation that clears a full table
        return elapsedNs(start);
    });

    const std::string shortId = "evt-0001234567", uuid = "3f2b8c1e-9d4a-4e7b-a1c2-5f6e7d8c9b0a";
    for (const std::string *key : {&shortId, &uuid}) {
        char name[64];
        std::snprintf(name, sizeof name, "hashKey() %zu-byte key", key->size());
        // 1024 distinct keys of that shape, cycled (no store-to-load stalls in the loop).
        std::vector<std::string> keys(1024, *key);
        for (std::size_t i = 0; i < keys.size(); ++i)
            keys[i].replace(4, 4, std::to_string(1000 + i));
        report(name, runs, [&] {
            std::uint64_t acc = 0;
            const auto start = Clock::now();
            for (int i = 0; i < 20'000'000; ++i)
                acc += DedupWindow::hashKey(keys[static_cast<std::size_t>(i) & 1023]);
            g_sinkU = acc;
            return elapsedNs(start) / 20'000'000;
        });
    }
    return 0;
}

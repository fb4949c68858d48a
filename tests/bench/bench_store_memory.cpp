// Memory and throughput of SeriesStore on realistic scrape data: N series (default
// 100k) x M samples (default 3600: 1 h at 1 s). Counters grow by irregular amounts,
// gauges wander, timestamps carry a few ms of per-scrape jitter. Reports bytes per
// sample and per series (store accounting and process RSS), intern and append rates,
// read latencies, and per-kind compression. Single-threaded; run it on an idle box.
#include "core/store/selector.h"
#include "core/store/series_store.h"

#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

using namespace vigil;
using Clock = std::chrono::steady_clock;

namespace {

std::size_t rssBytes()
{
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::size_t(std::strtoull(line.c_str() + 6, nullptr, 10)) * 1024;
    }
    return 0;
}

// The box is shared: rates use this thread's CPU time, which descheduling doesn't inflate.
double cpuNow()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

struct Timer
{
    Clock::time_point wall = Clock::now();
    double cpu = cpuNow();
};

double cpuSince(const Timer &t)
{
    return cpuNow() - t.cpu;
}

double wallSince(const Timer &t)
{
    return std::chrono::duration<double>(Clock::now() - t.wall).count();
}

struct Rng
{
    std::uint64_t s;
    std::uint64_t next()
    {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
    std::uint32_t below(std::uint32_t n) { return std::uint32_t(next() % n); }
};

// The main run mixes the first four kinds evenly; Constant is reported on its own.
enum Kind { IntCounter, FloatCounter, IntGauge, FloatGauge, KindCount, Constant = KindCount };
const char *kKindNames[] = {"integer counter (requests_total)", "float counter (cpu_seconds_total, 0.01 s steps)",
                            "integer gauge (memory bytes, 4 KiB steps)", "decimal gauge (2 decimals, wandering)",
                            "constant gauge (not in the main mix)"};

double step(Kind k, double v, Rng &rng)
{
    switch (k) {
    case IntCounter:
        return rng.below(100) < 30 ? v : v + double(1 + rng.below(50));
    case FloatCounter:
        // Rounded to 0.01 like a seconds counter rendered with 2 decimals.
        return std::round((v + double(rng.below(200)) / 100.0) * 100.0) / 100.0;
    case IntGauge:
        return rng.below(100) < 50 ? v : v + double(int(rng.below(2001)) - 1000) * 4096.0;
    case FloatGauge:
        return rng.below(100) < 40 ? v : std::round((v + (double(rng.below(201)) - 100.0) / 100.0) * 100.0) / 100.0;
    default:
        return v;
    }
}

double initial(Kind k, Rng &rng)
{
    switch (k) {
    case IntCounter: return double(rng.below(1'000'000));
    case FloatCounter: return double(rng.below(10'000'000)) / 100.0;
    case IntGauge: return double(1 + rng.below(1'000'000)) * 4096.0;
    default: return double(rng.below(10'000)) / 100.0;
    }
}

// Per-kind payload size on a small store (same timestamps and jitter model).
double kindBytesPerSample(Kind k, int series, int samples, std::uint32_t chunk)
{
    SeriesStore::Options o;
    o.memoryBudgetBytes = std::size_t(1) << 40;
    o.retentionMs = 1LL << 50;
    o.chunkMaxSamples = chunk;
    SeriesStore store(o);
    Rng rng{0x9e3779b97f4a7c15ull + std::uint64_t(k)};
    std::vector<SeriesId> ids;
    std::vector<double> vals;
    for (int i = 0; i < series; ++i) {
        const std::string v = std::to_string(i);
        const LabelView l[] = {{"i", v}};
        ids.push_back(store.intern("m", l));
        vals.push_back(initial(k, rng));
    }
    const std::int64_t t0 = 1'700'000'000'000;
    std::vector<AppendItem> batch(static_cast<std::size_t>(series));
    for (int s = 0; s < samples; ++s) {
        const std::int64_t t = t0 + std::int64_t(s) * 1000 + rng.below(5);
        for (int i = 0; i < series; ++i) {
            vals[std::size_t(i)] = step(k, vals[std::size_t(i)], rng);
            batch[std::size_t(i)] = {ids[std::size_t(i)], t, vals[std::size_t(i)]};
        }
        store.appendBatch(batch);
    }
    const auto st = store.stats();
    return double(st.sampleBytes) / double(st.samples);
}

} // namespace

int main(int argc, char **argv)
{
    int nSeries = 100'000;
    int nSamples = 3600;
    std::uint32_t chunk = 120;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--series"))
            nSeries = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--samples"))
            nSamples = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--chunk"))
            chunk = std::uint32_t(std::atoi(argv[i + 1]));
    }
    const int kMetrics = 100;
    const int nInstances = (nSeries + kMetrics - 1) / kMetrics;
    std::printf("bench_store_memory: %d series x %d samples (1 s interval, 0-4 ms jitter), chunk %u samples\n",
                nSeries, nSamples, chunk);

    // Label strings live outside the store, like a scrape body would.
    std::vector<std::string> metrics, instances;
    for (int m = 0; m < kMetrics; ++m)
        metrics.push_back("node_metric_" + std::to_string(m) + (m % 4 < 2 ? "_total" : ""));
    for (int i = 0; i < nInstances; ++i)
        instances.push_back("host-" + std::to_string(i) + ".dc1.example.com:9100");
    const std::size_t rss0 = rssBytes();

    SeriesStore::Options o;
    o.retentionMs = 2LL * 3600 * 1000;
    o.memoryBudgetBytes = std::size_t(64) << 30; // nothing may be evicted
    o.chunkMaxSamples = chunk;
    SeriesStore store(o);

    auto labelsOf = [&](int i, LabelView (&out)[3]) {
        // Deliberately not sorted by name: intern() sorts.
        out[0] = {"instance", instances[std::size_t(i / kMetrics)]};
        out[1] = {"job", "node"};
        out[2] = {"env", "prod"};
    };
    std::vector<SeriesId> ids(static_cast<std::size_t>(nSeries));
    Timer t0;
    for (int i = 0; i < nSeries; ++i) {
        LabelView l[3];
        labelsOf(i, l);
        ids[std::size_t(i)] = store.intern(metrics[std::size_t(i % kMetrics)], l);
    }
    const double internNewNs = cpuSince(t0) * 1e9 / nSeries;
    t0 = Timer();
    const int kReintern = 5;
    std::uint64_t check = 0;
    for (int r = 0; r < kReintern; ++r) {
        for (int i = 0; i < nSeries; ++i) {
            LabelView l[3];
            labelsOf(i, l);
            check += store.intern(metrics[std::size_t(i % kMetrics)], l);
        }
    }
    const double internHitNs = cpuSince(t0) * 1e9 / (double(nSeries) * kReintern);
    const double internHitWallNs = wallSince(t0) * 1e9 / (double(nSeries) * kReintern);
    const std::size_t rssInterned = rssBytes();
    const auto stInterned = store.stats();

    // Append: one scrape of every series per second, timestamps shared per instance.
    Rng rng{42};
    std::vector<double> vals(static_cast<std::size_t>(nSeries));
    for (int i = 0; i < nSeries; ++i)
        vals[std::size_t(i)] = initial(Kind(i % KindCount), rng);
    std::vector<AppendItem> batch(static_cast<std::size_t>(nSeries));
    std::vector<std::int64_t> jitter(static_cast<std::size_t>(nInstances));
    const std::int64_t start = 1'700'000'000'000;
    double appendSeconds = 0;
    double appendWallSeconds = 0;
    for (int s = 0; s < nSamples; ++s) {
        for (auto &j : jitter)
            j = rng.below(5);
        for (int i = 0; i < nSeries; ++i) {
            const auto u = std::size_t(i);
            vals[u] = step(Kind(i % KindCount), vals[u], rng);
            batch[u] = {ids[u], start + std::int64_t(s) * 1000 + jitter[std::size_t(i / kMetrics)], vals[u]};
        }
        const Timer a;
        store.appendBatch(batch);
        appendSeconds += cpuSince(a);
        appendWallSeconds += wallSince(a);
        store.enforceRetention(start + std::int64_t(s) * 1000);
    }
    const std::size_t rss1 = rssBytes();
    const auto st = store.stats();
    // The check the hub makes after every batch, timed in bulk (a CPU clock read costs
    // more than the call itself).
    const int kRetentionCalls = 1'000'000;
    Timer tr;
    for (int i = 0; i < kRetentionCalls; ++i)
        store.enforceRetention(start + std::int64_t(nSamples) * 1000 + (i & 1));
    const double retentionNs = cpuSince(tr) * 1e9 / kRetentionCalls;
    const double samples = double(st.samples);

    // Reads the GUI does: a full-hour range of one series, an instant, a select.
    t0 = Timer();
    const int kReads = 2000;
    std::size_t got = 0;
    for (int r = 0; r < kReads; ++r)
        got += store.range(ids[std::size_t((r * 7919) % nSeries)], start, start + 3600LL * 1000).size();
    const double rangeUs = cpuSince(t0) * 1e6 / kReads;
    t0 = Timer();
    for (int r = 0; r < kReads; ++r)
        got += store.instant(ids[std::size_t((r * 7919) % nSeries)], start + 1800LL * 1000).has_value();
    const double instantUs = cpuSince(t0) * 1e6 / kReads;
    auto sel = Selector::parse("node_metric_5_total{instance=~\"host-1.*\"}");
    t0 = Timer();
    const auto selected = store.select(*sel);
    const double selectMs = cpuSince(t0) * 1e3;

    const double plain = 16.0 * samples;
    std::printf("\n-- result --\n");
    std::printf("series %zu, samples %.0f, evicted %" PRIu64 ", out-of-order %" PRIu64 ", symbols %zu (check %" PRIu64 ")\n",
                st.series, samples, st.evictedSamples, st.outOfOrderDropped, st.symbols, check % 1000);
    std::printf("store accounting: total %.1f MiB = %.3f B/sample; chunk payload %.1f MiB = %.3f B/sample\n",
                double(st.bytes) / (1 << 20), double(st.bytes) / samples, double(st.sampleBytes) / (1 << 20),
                double(st.sampleBytes) / samples);
    std::printf("store accounting per series: %.0f B total (%.0f B of it before any sample)\n",
                double(st.bytes) / double(st.series), double(stInterned.bytes) / double(st.series));
    std::printf("process RSS: baseline %.1f MiB, after intern %.1f MiB, after append %.1f MiB\n",
                double(rss0) / (1 << 20), double(rssInterned) / (1 << 20), double(rss1) / (1 << 20));
    std::printf("RSS growth: %.3f B/sample, %.0f B/series\n", double(rss1 - rss0) / samples,
                double(rss1 - rss0) / double(st.series));
    std::printf("plain 16 B/sample would be %.1f MiB: store uses %.1f%% of it (%.1fx smaller, by RSS %.1fx)\n",
                plain / (1 << 20), 100.0 * double(st.bytes) / plain, plain / double(st.bytes),
                plain / double(rss1 - rss0));
    std::printf("(times below are thread CPU time; wall time in brackets where it matters)\n");
    std::printf("intern: new series %.0f ns, existing series %.1f ns per call [wall %.1f ns]\n", internNewNs,
                internHitNs, internHitWallNs);
    std::printf("append (appendBatch, 1 thread): %.1f M samples/s (%.1f ns/sample), %.2f s CPU [wall %.2f s]\n",
                samples / appendSeconds / 1e6, appendSeconds * 1e9 / samples, appendSeconds, appendWallSeconds);
    std::printf("enforceRetention with nothing to evict: %.1f ns per call\n", retentionNs);
    std::printf("reads: range(1 h of one series) %.1f us, instant %.2f us, select(%zu of %zu series) %.2f ms (got %zu)\n",
                rangeUs, instantUs, selected.size(), st.series, selectMs, got % 10);

    std::printf("\n-- payload by kind (1000 series x %d samples each) --\n", nSamples);
    for (int k = 0; k <= Constant; ++k)
        std::printf("%-48s %.3f B/sample\n", kKindNames[k], kindBytesPerSample(Kind(k), 1000, nSamples, chunk));
    return st.evictedSamples == 0 ? 0 : 1;
}

// bench_expo_gen: writes a realistic Prometheus text 0.0.4 exposition for the parser
// benchmark. Usage: bench_expo_gen SERIES OUTFILE
// Mix by series: ~40% counters, ~25% gauges, ~35% histogram samples (12 buckets +
// _sum + _count), 4-5 labels per series, HELP/TYPE per family. Deterministic.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

struct Rng
{
    std::uint64_t s = 0x9E3779B97F4A7C15ull;
    std::uint64_t next()
    {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

const char *const kJobs[] = {"api-server", "node-exporter", "payments", "checkout", "kube-state-metrics",
                             "ingest-gateway", "search-frontend", "auth"};
const char *const kMethods[] = {"GET", "POST", "PUT", "DELETE", "PATCH"};
const char *const kCodes[] = {"200", "201", "204", "301", "400", "404", "429", "500", "503"};
const char *const kHandlers[] = {"/api/v1/query", "/api/v1/query_range", "/api/v1/series", "/api/v1/labels",
                                 "/metrics", "/healthz", "/v2/orders/{id}", "/v2/cart/items", "/login"};
const char *const kDevices[] = {"nvme0n1", "nvme1n1", "sda", "sdb", "dm-0", "eth0", "eth1", "lo"};
const char *const kModes[] = {"user", "system", "iowait", "idle", "irq", "softirq", "steal"};
const char *const kBuckets[] = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
                                "0.5",   "1",    "2.5",   "5",    "10",  "+Inf"};

template <typename T, std::size_t N>
const char *pick(Rng &r, T (&a)[N])
{
    return a[r.below(N)];
}

std::string instance(Rng &r)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "10.%u.%u.%u:%u", static_cast<unsigned>(r.below(32)),
                  static_cast<unsigned>(r.below(256)), static_cast<unsigned>(r.below(256)),
                  static_cast<unsigned>(9100 + r.below(4)));
    return buf;
}

std::string pod(Rng &r, const char *job)
{
    static const char kAlnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string s = job;
    s += '-';
    for (int i = 0; i < 9; ++i)
        s += kAlnum[r.below(36)];
    s += '-';
    for (int i = 0; i < 5; ++i)
        s += kAlnum[r.below(36)];
    return s;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench_expo_gen SERIES OUTFILE\n");
        return 2;
    }
    const long long target = std::atoll(argv[1]);
    std::FILE *out = std::fopen(argv[2], "wb");
    if (target <= 0 || out == nullptr) {
        std::fprintf(stderr, "bench_expo_gen: bad arguments\n");
        return 2;
    }
    std::setvbuf(out, nullptr, _IOFBF, 1 << 20);
    Rng r;
    long long written = 0;
    const int kSeriesPerFamily = 250;
    for (int family = 0; written < target; ++family) {
        const int kind = family % 20; // 0-7 counters, 8-12 gauges, 13-19 histograms (x14 samples fewer series)
        if (kind < 8) {
            std::fprintf(out,
                         "# HELP app_http_requests_%d_total Total HTTP requests handled, by method and code.\n"
                         "# TYPE app_http_requests_%d_total counter\n",
                         family, family);
            for (int i = 0; i < kSeriesPerFamily && written < target; ++i, ++written) {
                const char *job = pick(r, kJobs);
                std::fprintf(out,
                             "app_http_requests_%d_total{job=\"%s\",instance=\"%s\",method=\"%s\",code=\"%s\","
                             "handler=\"%s\"} %llu\n",
                             family, job, instance(r).c_str(), pick(r, kMethods), pick(r, kCodes),
                             pick(r, kHandlers), static_cast<unsigned long long>(r.below(5000000000ull)));
            }
        } else if (kind < 13) {
            std::fprintf(out,
                         "# HELP node_resource_usage_%d Current usage of a node resource.\n"
                         "# TYPE node_resource_usage_%d gauge\n",
                         family, family);
            for (int i = 0; i < kSeriesPerFamily && written < target; ++i, ++written) {
                const char *job = pick(r, kJobs);
                std::fprintf(out,
                             "node_resource_usage_%d{namespace=\"production\",pod=\"%s\",device=\"%s\","
                             "mode=\"%s\"} %.17g\n",
                             family, pod(r, job).c_str(), pick(r, kDevices), pick(r, kModes),
                             r.unit() * 1e6);
            }
        } else {
            std::fprintf(out,
                         "# HELP rpc_request_duration_seconds_%d Latency of RPC requests.\n"
                         "# TYPE rpc_request_duration_seconds_%d histogram\n",
                         family, family);
            for (int i = 0; i < kSeriesPerFamily / 14 + 1 && written < target; ++i) {
                const char *job = pick(r, kJobs);
                const std::string inst = instance(r);
                const char *method = pick(r, kMethods);
                const char *handler = pick(r, kHandlers);
                unsigned long long cumulative = 0;
                for (const char *le : kBuckets) {
                    cumulative += r.below(20000);
                    std::fprintf(out,
                                 "rpc_request_duration_seconds_%d_bucket{job=\"%s\",instance=\"%s\",method=\"%s\","
                                 "handler=\"%s\",le=\"%s\"} %llu\n",
                                 family, job, inst.c_str(), method, handler, le, cumulative);
                }
                std::fprintf(out,
                             "rpc_request_duration_seconds_%d_sum{job=\"%s\",instance=\"%s\",method=\"%s\","
                             "handler=\"%s\"} %.6f\n"
                             "rpc_request_duration_seconds_%d_count{job=\"%s\",instance=\"%s\",method=\"%s\","
                             "handler=\"%s\"} %llu\n",
                             family, job, inst.c_str(), method, handler, r.unit() * 1e5, family, job,
                             inst.c_str(), method, handler, cumulative);
                written += 14;
            }
        }
    }
    std::fclose(out);
    return 0;
}

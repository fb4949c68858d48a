// bench_capture: the capture goals measured (docs/PERFORMANCE.md, "Captures"). A
// program, not a ctest test: it writes files of 1-10 GB. tests/bench/bench_capture.sh
// runs every step and prints the table; each step prints its figures and
// "result NAME VALUE" lines for the script.
//
//   bench_capture record EVENTS.ndjson DIR [--runs N] [--passes P] [--unpaced-runs N]
//                 [--level L] [--backlog MB] [--compare-sync] [--sync-mb MB]
//       CaptureWriter fed 256 KiB LineBatches of EVENTS (P times per run) as fast as the
//       producer can, timed from the first add to close() (compression, writes, the
//       writer's syncs, final fsync). Paced runs keep the writer's queue under --backlog
//       MB (no drops); unpaced runs add without looking and count what the bounded queue
//       drops. After each paced run, zstd alone in this process over the same bytes in
//       1 MiB chunks (the writer's frames). Diagnostics: --compare-sync pairs each run
//       with one whose fdatasync is deferred to close(); --sync-mb sets the sync size.
//   bench_capture samples DIR [--runs N] [--scrapes N]
//       SampleBatches of three etcd-sized targets (~1,300 series each, parsed by the
//       expo parser from generated text), as fast as the (paced) producer can.
//   bench_capture write-mix EVENTS.ndjson OUT.vcap --mb N [--rate EVENTS_PER_S]
//       A capture of N MB: events at --rate per simulated second plus the three
//       targets scraped every simulated second.
//   bench_capture open FILE [--runs N] [--cold]
//       CaptureReader::open() and reading the first frame of each kind of data (--cold:
//       page cache dropped before every run; needs root).
//   bench_capture seek FILE [--count N] [--cold] [--seed S]
//       frameAt(t) + read() for N random times.
//   bench_capture replay FILE [--cold]
//       Reads every frame in order; peak RSS (getrusage) and throughput.
#include "core/capture/capture_reader.h"
#include "core/capture/capture_writer.h"
#include "core/expo/expo_parser.h"
#include "core/hub/sample_batch.h"
#include "core/stream/line_batch.h"

#include <zstd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace vigil;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::int64_t wallNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

double median(std::vector<double> v)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Nearest-rank percentile (p in (0, 100]).
double percentile(std::vector<double> v, double p)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    std::size_t rank = static_cast<std::size_t>(std::ceil(p / 100.0 * double(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

void result(const char *name, double value)
{
    std::printf("result %s %.6g\n", name, value);
    std::fflush(stdout);
}

double processCpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u); // every thread, the joined ones too
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

long maxRssKiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

long currentRssKiB()
{
    std::ifstream in("/proc/self/statm");
    long pages = 0, resident = 0;
    in >> pages >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// Writes back dirty pages, then drops the page cache (root only). The disk and the
// kernel are shared: say so when it did not work instead of measuring a warm cache.
bool dropCaches()
{
    ::sync();
    const int fd = ::open("/proc/sys/vm/drop_caches", O_WRONLY);
    if (fd < 0) return false;
    const bool ok = ::write(fd, "3\n", 2) == 2;
    ::close(fd);
    return ok;
}

std::shared_ptr<std::string> loadFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "bench_capture: cannot read %s\n", path.c_str());
        std::exit(1);
    }
    std::ostringstream s;
    s << in.rdbuf();
    auto text = std::make_shared<std::string>(s.str());
    if (!text->empty() && text->back() != '\n') text->push_back('\n');
    text->reserve(text->size() + kLinePadding);
    return text;
}

// The file cut into LineBatches of about `batchBytes` of whole lines, viewing the
// buffer (as a mapped-file source hands them over).
std::vector<LineBatch> cutBatches(const std::shared_ptr<std::string> &text, std::size_t batchBytes)
{
    std::vector<LineBatch> out;
    const char *p = text->data();
    const char *end = p + text->size();
    std::uint64_t line = 1;
    while (p < end) {
        const char *stop = p + std::min<std::size_t>(batchBytes, std::size_t(end - p));
        const char *cut = stop;
        if (stop < end) {
            const void *nl = std::memchr(stop, '\n', std::size_t(end - stop));
            cut = nl ? static_cast<const char *>(nl) + 1 : end;
        }
        LineBatch b;
        b.sourceId = 1;
        b.backing = text;
        b.view = p;
        b.viewSize = std::size_t(cut - p);
        b.viewReadable = std::size_t(text->data() + text->capacity() - p);
        b.lineCount = static_cast<std::uint32_t>(std::count(p, cut, '\n'));
        b.firstLine = line;
        b.firstOffset = std::uint64_t(p - text->data());
        line += b.lineCount;
        out.push_back(std::move(b));
        p = cut;
    }
    return out;
}

// ---------------------------------------------------------------- etcd-like exposition

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
    double unit() { return double(next() >> 11) * 0x1.0p-53; }
};

std::uint64_t mix(std::uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

// Shapes after an etcd 3.4 member's /metrics: Go runtime and process metrics, server
// and MVCC gauges/counters, disk/network/snapshot histograms, and the gRPC interceptor's
// per-method counters (the bulk: 48 methods x 17 codes). Values move with `step`
// (scrapes 1 s apart): counters grow at a per-series rate with jitter, most gRPC
// (method, code) pairs stay 0, gauges wander, histograms fill their buckets.
class EtcdExposition
{
  public:
    explicit EtcdExposition(int member) : m_member(member) {}

    std::string text(std::uint64_t step)
    {
        m_step = step;
        m_series = 0;
        m_out.clear();
        goRuntime();
        process();
        server();
        histograms();
        grpc();
        return m_out;
    }

  private:
    int m_member;
    std::uint64_t m_step = 0;
    std::uint64_t m_series = 0;
    std::string m_out;

    std::uint64_t key() { return mix((std::uint64_t(m_member) << 40) ^ (m_series * 0x9E3779B97F4A7C15ull)); }
    std::uint64_t noise() { return mix(key() ^ (m_step * 0x632BE59BD9B4E019ull)); }

    void family(const char *name, const char *type, const char *help)
    {
        m_out += "# HELP ";
        m_out += name;
        m_out += ' ';
        m_out += help;
        m_out += "\n# TYPE ";
        m_out += name;
        m_out += ' ';
        m_out += type;
        m_out += '\n';
    }
    void sample(const std::string &name, const std::string &labels, double v)
    {
        char num[40];
        if (v == std::floor(v) && std::fabs(v) < 1e15)
            std::snprintf(num, sizeof num, "%.0f", v);
        else
            std::snprintf(num, sizeof num, "%.10g", v);
        m_out += name;
        if (!labels.empty()) {
            m_out += '{';
            m_out += labels;
            m_out += '}';
        }
        m_out += ' ';
        m_out += num;
        m_out += '\n';
        ++m_series;
    }
    // A counter with a per-series rate (0 for a share of them) and jitter below the rate.
    double counter(double zeroShare, double maxRate)
    {
        const std::uint64_t k = key();
        if (double(k % 1000) / 1000.0 < zeroShare) return 0;
        const double rate = 1 + double((k >> 10) % 1000) / 1000.0 * maxRate;
        return std::floor(rate * double(m_step + 1000) + double(noise() % 1000) / 1000.0 * rate);
    }
    double gauge(double base, double spread)
    {
        const double phase = double(key() % 628) / 100.0;
        return std::round((base + spread * std::sin(double(m_step) / 60.0 + phase) +
                           spread * 0.1 * (double(noise() % 1000) / 1000.0)) *
                          1000) /
               1000;
    }
    void histogram(const char *name, const std::string &labels, const std::vector<const char *> &bounds,
                   double rate)
    {
        const std::string bucket = std::string(name) + "_bucket";
        const double total = std::floor(rate * double(m_step + 1000) + double(noise() % 100));
        const std::string sep = labels.empty() ? "" : labels + ",";
        double share = 0;
        for (std::size_t i = 0; i < bounds.size(); ++i) {
            share = i + 1 == bounds.size() ? 1.0 : std::min(1.0, share + 0.5 / double(i + 1));
            sample(bucket, sep + "le=\"" + bounds[i] + "\"", std::floor(total * share));
        }
        sample(std::string(name) + "_sum", labels, std::round(total * 0.0042 * 1e6) / 1e6);
        sample(std::string(name) + "_count", labels, total);
    }

    void goRuntime()
    {
        family("go_gc_duration_seconds", "summary", "A summary of the GC invocation durations.");
        for (const char *q : {"0", "0.25", "0.5", "0.75", "1"})
            sample("go_gc_duration_seconds", std::string("quantile=\"") + q + "\"", gauge(0.0004, 0.0003));
        sample("go_gc_duration_seconds_sum", "", counter(0, 0.01) / 1000);
        sample("go_gc_duration_seconds_count", "", counter(0, 0.2));
        family("go_goroutines", "gauge", "Number of goroutines that currently exist.");
        sample("go_goroutines", "", std::round(gauge(180, 20)));
        family("go_info", "gauge", "Information about the Go environment.");
        sample("go_info", "version=\"go1.12.17\"", 1);
        static const char *const memstats[] = {
            "alloc_bytes",          "alloc_bytes_total", "buck_hash_sys_bytes", "frees_total",
            "gc_cpu_fraction",      "gc_sys_bytes",      "heap_alloc_bytes",    "heap_idle_bytes",
            "heap_inuse_bytes",     "heap_objects",      "heap_released_bytes", "heap_sys_bytes",
            "last_gc_time_seconds", "lookups_total",     "mallocs_total",       "mcache_inuse_bytes",
            "mcache_sys_bytes",     "mspan_inuse_bytes", "mspan_sys_bytes",     "next_gc_bytes",
            "other_sys_bytes",      "stack_inuse_bytes", "stack_sys_bytes",     "sys_bytes"};
        for (const char *m : memstats) {
            const std::string name = std::string("go_memstats_") + m;
            const bool total = std::strstr(m, "_total") != nullptr;
            family(name.c_str(), total ? "counter" : "gauge", "Go memory statistic.");
            sample(name, "", total ? counter(0, 5000) : std::round(gauge(3e7, 4e6)));
        }
        family("go_threads", "gauge", "Number of OS threads created.");
        sample("go_threads", "", 14);
    }

    void process()
    {
        family("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.");
        sample("process_cpu_seconds_total", "", counter(0, 0.05) / 100);
        for (const char *g : {"process_max_fds", "process_open_fds", "process_resident_memory_bytes",
                              "process_start_time_seconds", "process_virtual_memory_bytes",
                              "process_virtual_memory_max_bytes"}) {
            family(g, "gauge", "Process statistic.");
            sample(g, "", std::round(gauge(5e7, 2e6)));
        }
    }

    void server()
    {
        const std::string peers[2] = {"8e9e05c52164694d", "91bc3c398fb3c146"};
        family("etcd_cluster_version", "gauge", "Which version is running.");
        sample("etcd_cluster_version", "cluster_version=\"3.4\"", 1);
        family("etcd_server_version", "gauge", "Which version is running.");
        sample("etcd_server_version", "server_version=\"3.4.23\"", 1);
        family("etcd_server_id", "gauge", "Server or member ID in hexadecimal format.");
        sample("etcd_server_id", "server_id=\"" + peers[0] + "\"", 1);
        static const char *const counters[] = {"etcd_server_proposals_committed_total",
                                               "etcd_server_proposals_applied_total",
                                               "etcd_server_proposals_failed_total",
                                               "etcd_server_leader_changes_seen_total",
                                               "etcd_server_heartbeat_send_failures_total",
                                               "etcd_server_slow_apply_total",
                                               "etcd_server_slow_read_indexes_total",
                                               "etcd_server_read_indexes_failed_total",
                                               "etcd_server_health_success",
                                               "etcd_server_health_failures",
                                               "etcd_debugging_mvcc_put_total",
                                               "etcd_debugging_mvcc_delete_total",
                                               "etcd_debugging_mvcc_range_total",
                                               "etcd_debugging_mvcc_txn_total",
                                               "etcd_debugging_mvcc_events_total",
                                               "etcd_debugging_mvcc_pending_events_total",
                                               "etcd_mvcc_put_total",
                                               "etcd_mvcc_delete_total",
                                               "etcd_mvcc_range_total",
                                               "etcd_mvcc_txn_total",
                                               "etcd_debugging_store_reads_total",
                                               "etcd_debugging_store_writes_total",
                                               "etcd_debugging_store_expires_total",
                                               "etcd_debugging_store_watch_requests_total",
                                               "etcd_snap_fsync_total",
                                               "etcd_server_snapshot_apply_in_progress_total"};
        for (const char *c : counters) {
            family(c, "counter", "Server counter.");
            sample(c, "", counter(0.3, 40));
        }
        static const char *const gauges[] = {"etcd_server_has_leader",
                                             "etcd_server_is_leader",
                                             "etcd_server_is_learner",
                                             "etcd_server_proposals_pending",
                                             "etcd_server_quota_backend_bytes",
                                             "etcd_mvcc_db_total_size_in_bytes",
                                             "etcd_mvcc_db_total_size_in_use_in_bytes",
                                             "etcd_debugging_mvcc_keys_total",
                                             "etcd_debugging_mvcc_watcher_total",
                                             "etcd_debugging_mvcc_watch_stream_total",
                                             "etcd_debugging_mvcc_slow_watcher_total",
                                             "etcd_debugging_mvcc_current_revision",
                                             "etcd_debugging_mvcc_compact_revision",
                                             "etcd_debugging_mvcc_db_total_size_in_bytes",
                                             "etcd_debugging_lease_granted_total",
                                             "etcd_debugging_lease_revoked_total",
                                             "etcd_debugging_server_lease_expired_total",
                                             "etcd_debugging_store_watchers",
                                             "etcd_server_learner_promote_successes",
                                             "etcd_network_active_peers"};
        for (const char *g : gauges) {
            family(g, "gauge", "Server gauge.");
            sample(g, "", std::round(gauge(1000, 200)));
        }
        for (const char *c :
             {"etcd_network_peer_sent_bytes_total", "etcd_network_peer_received_bytes_total",
              "etcd_network_peer_sent_failures_total", "etcd_network_peer_received_failures_total"}) {
            family(c, "counter", "Peer traffic.");
            for (const std::string &p : peers)
                sample(c, std::string(std::strstr(c, "sent") ? "To" : "From") + "=\"" + p + "\"",
                       counter(0.2, 20000));
        }
        family("etcd_server_client_requests_total", "counter",
               "The total number of client requests per client version.");
        for (const char *v : {"3.0", "3.4"})
            for (const char *t : {"unary", "stream"})
                sample("etcd_server_client_requests_total",
                       std::string("client_api_version=\"") + v + "\",type=\"" + t + "\"",
                       counter(0.25, 300));
    }

    void histograms()
    {
        const std::vector<const char *> disk = {"0.001", "0.002", "0.004", "0.008", "0.016",
                                                "0.032", "0.064", "0.128", "0.256", "0.512",
                                                "1.024", "2.048", "4.096", "8.192", "+Inf"};
        const std::vector<const char *> rtt = {"0.0001", "0.0002", "0.0004", "0.0008", "0.0016", "0.0032",
                                               "0.0064", "0.0128", "0.0256", "0.0512", "0.1024", "0.2048",
                                               "0.4096", "0.8192", "1.6384", "3.2768", "+Inf"};
        const std::vector<const char *> ms = {"0.5", "1",   "2",   "4",    "8",    "16",   "32",  "64",
                                              "128", "256", "512", "1024", "2048", "4096", "+Inf"};
        for (const char *h :
             {"etcd_disk_wal_fsync_duration_seconds", "etcd_disk_backend_commit_duration_seconds",
              "etcd_disk_backend_defrag_duration_seconds", "etcd_disk_backend_snapshot_duration_seconds",
              "etcd_snap_db_fsync_duration_seconds", "etcd_snap_db_save_total_duration_seconds",
              "etcd_debugging_snap_save_total_duration_seconds",
              "etcd_debugging_snap_save_marshalling_duration_seconds",
              "etcd_server_apply_duration_seconds"}) {
            family(h, "histogram", "Latency distribution.");
            histogram(h, "", disk, 30);
        }
        for (const char *h : {"etcd_debugging_mvcc_index_compaction_pause_duration_milliseconds",
                              "etcd_debugging_mvcc_db_compaction_pause_duration_milliseconds",
                              "etcd_debugging_mvcc_db_compaction_total_duration_milliseconds"}) {
            family(h, "histogram", "Compaction pauses.");
            histogram(h, "", ms, 0.1);
        }
        family("etcd_network_peer_round_trip_time_seconds", "histogram",
               "Round-Trip-Time histogram between peers.");
        for (const char *p : {"8e9e05c52164694d", "91bc3c398fb3c146"})
            histogram("etcd_network_peer_round_trip_time_seconds", std::string("To=\"") + p + "\"", rtt, 0.5);
        family("etcd_debugging_mvcc_db_compaction_keys_total", "counter", "Keys compacted.");
        sample("etcd_debugging_mvcc_db_compaction_keys_total", "", counter(0, 5));
        family("grpc_server_handling_seconds", "histogram",
               "Response latency of gRPC handled by the server.");
        for (const char *m : {"Range", "Put", "Txn"})
            histogram("grpc_server_handling_seconds",
                      std::string("grpc_method=\"") + m +
                          "\",grpc_service=\"etcdserverpb.KV\",grpc_type=\"unary\"",
                      disk, 100);
    }

    void grpc()
    {
        struct Method
        {
            const char *service, *method, *type;
        };
        static const Method methods[] = {
            {"etcdserverpb.KV", "Range", "unary"},
            {"etcdserverpb.KV", "Put", "unary"},
            {"etcdserverpb.KV", "DeleteRange", "unary"},
            {"etcdserverpb.KV", "Txn", "unary"},
            {"etcdserverpb.KV", "Compact", "unary"},
            {"etcdserverpb.Watch", "Watch", "bidi_stream"},
            {"etcdserverpb.Lease", "LeaseGrant", "unary"},
            {"etcdserverpb.Lease", "LeaseRevoke", "unary"},
            {"etcdserverpb.Lease", "LeaseKeepAlive", "bidi_stream"},
            {"etcdserverpb.Lease", "LeaseTimeToLive", "unary"},
            {"etcdserverpb.Lease", "LeaseLeases", "unary"},
            {"etcdserverpb.Cluster", "MemberAdd", "unary"},
            {"etcdserverpb.Cluster", "MemberRemove", "unary"},
            {"etcdserverpb.Cluster", "MemberUpdate", "unary"},
            {"etcdserverpb.Cluster", "MemberList", "unary"},
            {"etcdserverpb.Cluster", "MemberPromote", "unary"},
            {"etcdserverpb.Maintenance", "Alarm", "unary"},
            {"etcdserverpb.Maintenance", "Status", "unary"},
            {"etcdserverpb.Maintenance", "Defragment", "unary"},
            {"etcdserverpb.Maintenance", "Hash", "unary"},
            {"etcdserverpb.Maintenance", "HashKV", "unary"},
            {"etcdserverpb.Maintenance", "Snapshot", "server_stream"},
            {"etcdserverpb.Maintenance", "MoveLeader", "unary"},
            {"etcdserverpb.Auth", "AuthEnable", "unary"},
            {"etcdserverpb.Auth", "AuthDisable", "unary"},
            {"etcdserverpb.Auth", "Authenticate", "unary"},
            {"etcdserverpb.Auth", "UserAdd", "unary"},
            {"etcdserverpb.Auth", "UserGet", "unary"},
            {"etcdserverpb.Auth", "UserList", "unary"},
            {"etcdserverpb.Auth", "UserDelete", "unary"},
            {"etcdserverpb.Auth", "UserChangePassword", "unary"},
            {"etcdserverpb.Auth", "UserGrantRole", "unary"},
            {"etcdserverpb.Auth", "UserRevokeRole", "unary"},
            {"etcdserverpb.Auth", "RoleAdd", "unary"},
            {"etcdserverpb.Auth", "RoleGet", "unary"},
            {"etcdserverpb.Auth", "RoleList", "unary"},
            {"etcdserverpb.Auth", "RoleDelete", "unary"},
            {"etcdserverpb.Auth", "RoleGrantPermission", "unary"},
            {"etcdserverpb.Auth", "RoleRevokePermission", "unary"},
            {"grpc.health.v1.Health", "Check", "unary"},
            {"grpc.health.v1.Health", "Watch", "server_stream"},
            {"v3electionpb.Election", "Campaign", "unary"},
            {"v3electionpb.Election", "Proclaim", "unary"},
            {"v3electionpb.Election", "Leader", "unary"},
            {"v3electionpb.Election", "Observe", "server_stream"},
            {"v3electionpb.Election", "Resign", "unary"},
            {"v3lockpb.Lock", "Lock", "unary"},
            {"v3lockpb.Lock", "Unlock", "unary"},
        };
        static const char *const codes[] = {"Aborted",
                                            "AlreadyExists",
                                            "Canceled",
                                            "DataLoss",
                                            "DeadlineExceeded",
                                            "FailedPrecondition",
                                            "Internal",
                                            "InvalidArgument",
                                            "NotFound",
                                            "OK",
                                            "OutOfRange",
                                            "PermissionDenied",
                                            "ResourceExhausted",
                                            "Unauthenticated",
                                            "Unavailable",
                                            "Unimplemented",
                                            "Unknown"};
        const auto labels = [](const Method &m) {
            return std::string("grpc_method=\"") + m.method + "\",grpc_service=\"" + m.service +
                   "\",grpc_type=\"" + m.type + "\"";
        };
        // Busy methods: KV, Watch, Lease keep-alives, health checks, Status.
        const auto busy = [](const Method &m) {
            return !std::strcmp(m.service, "etcdserverpb.KV") || !std::strcmp(m.method, "Watch") ||
                   !std::strcmp(m.method, "LeaseKeepAlive") || !std::strcmp(m.method, "Check") ||
                   !std::strcmp(m.method, "Status") || !std::strcmp(m.method, "MemberList");
        };
        family("grpc_server_started_total", "counter", "Total number of RPCs started on the server.");
        for (const Method &m : methods)
            sample("grpc_server_started_total", labels(m), busy(m) ? counter(0, 200) : 0);
        family("grpc_server_handled_total", "counter",
               "Total number of RPCs completed on the server, regardless of success or failure.");
        for (const Method &m : methods)
            for (const char *c : codes) {
                const bool ok = !std::strcmp(c, "OK");
                const bool some = ok || !std::strcmp(c, "Canceled") || !std::strcmp(c, "DeadlineExceeded") ||
                                  !std::strcmp(c, "Unavailable");
                sample("grpc_server_handled_total", labels(m) + ",grpc_code=\"" + c + "\"",
                       busy(m) && some ? counter(ok ? 0 : 0.5, ok ? 200 : 2) : 0);
            }
        family("grpc_server_msg_received_total", "counter",
               "Total number of RPC stream messages received on the server.");
        for (const Method &m : methods)
            sample("grpc_server_msg_received_total", labels(m), busy(m) ? counter(0, 400) : 0);
        family("grpc_server_msg_sent_total", "counter",
               "Total number of gRPC stream messages sent by the server.");
        for (const Method &m : methods)
            sample("grpc_server_msg_sent_total", labels(m), busy(m) ? counter(0, 400) : 0);
    }
};

// Parsed scrapes of three etcd members, `perTarget` different scrapes each (1 s apart),
// in the order member 0, 1, 2 of scrape 0, then of scrape 1, ...
struct ScrapePool
{
    std::vector<SampleBatch> batches;
    std::uint64_t samplesPerRound = 0, bodyBytesPerRound = 0;
    double costPerSample = 0; // what CaptureWriter::addSamples charges its queue, per sample
};

ScrapePool makeScrapePool(int perTarget)
{
    ScrapePool pool;
    std::vector<EtcdExposition> members = {EtcdExposition(0), EtcdExposition(1), EtcdExposition(2)};
    double cost = 0, samples = 0;
    for (int step = 0; step < perTarget; ++step)
        for (int m = 0; m < 3; ++m) {
            auto body = std::make_shared<std::string>(members[std::size_t(m)].text(std::uint64_t(step)));
            auto parsed = std::make_shared<expo::ParseResult>();
            if (auto err = expo::parse(*body, expo::Format::Prometheus, *parsed)) {
                std::fprintf(stderr, "bench_capture: generated exposition does not parse: %s\n",
                             err->toString().c_str());
                std::exit(1);
            }
            const std::string instance = "127.0.0.1:" + std::to_string(2379 + 100 * m);
            SampleBatch b;
            b.body = body;
            b.parsed = parsed;
            b.targetLabels = {{"instance", instance}, {"job", "etcd"}};
            ScrapeReport r;
            r.targetUrl = "http://" + instance + "/metrics";
            r.job = "etcd";
            r.instance = instance;
            r.durationSeconds = 0.004;
            r.up = true;
            r.samples = parsed->samples.size();
            r.bodyBytes = body->size();
            b.scrape = r;
            cost += 256 + double(body->size()) + double(parsed->samples.size() * sizeof(expo::SampleView)) +
                    double(parsed->labels.size() * sizeof(LabelView));
            samples += double(parsed->samples.size());
            if (step == 0) {
                pool.samplesPerRound += parsed->samples.size();
                pool.bodyBytesPerRound += body->size();
            }
            pool.batches.push_back(std::move(b));
        }
    pool.costPerSample = cost / samples;
    return pool;
}

// ---------------------------------------------------------------- producer pacing

// A producer that respects the writer's bounded queue: before each add it waits while
// what it added but the writer has not taken into frames yet (status()) would cost
// more than `limit` bytes of queue. Without it (`on` false) it adds blindly.
struct Pacer
{
    explicit Pacer(capture::CaptureWriter &w) : writer(w) {}
    capture::CaptureWriter &writer;
    bool on = true;
    double limit = 96.0 * (1 << 20);
    double costPerEvent = 0, costPerSample = 0;
    std::uint64_t events = 0, samples = 0; // added
    std::uint64_t waits = 0;
    capture::WriterStatus last;

    void wait()
    {
        if (!on) return;
        for (;;) {
            last = writer.status();
            const double backlog = double(events - std::min(events, last.events)) * costPerEvent +
                                   double(samples - std::min(samples, last.samples)) * costPerSample;
            if (backlog <= limit) return;
            ++waits;
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    }
};

std::unique_ptr<capture::CaptureWriter> openWriter(const std::string &path, int level, double syncMb = 0)
{
    ::unlink(path.c_str());
    capture::WriterOptions o;
    o.path = path;
    o.zstdLevel = level;
    if (syncMb > 0) { // a diagnostic: how much the writer's own fdatasync calls cost
        o.syncBytes = std::size_t(syncMb * (1 << 20));
        o.syncInterval = std::chrono::hours(1);
    }
    o.writerId = "bench_capture";
    auto w = capture::CaptureWriter::open(o);
    if (!w) {
        std::fprintf(stderr, "bench_capture: %s\n", w.error().message.c_str());
        std::exit(1);
    }
    return std::move(*w);
}

struct Args
{
    std::vector<std::string> positional;
    int runs = 7, unpacedRuns = 3, passes = 1, level = 1, count = 100, scrapes = 6000, perTarget = 60;
    double backlogMb = 96, mb = 1024, rate = 10000;
    double syncMb = 0; // 0: the writer's default (fdatasync every 4 MiB or 100 ms)
    std::uint64_t seed = 7;
    bool cold = false;
    bool compareSync = false;
};

Args parseArgs(int argc, char **argv, int from)
{
    Args a;
    for (int i = from; i < argc; ++i) {
        const std::string s = argv[i];
        const auto value = [&]() -> const char * {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "bench_capture: %s needs a value\n", s.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (s == "--runs")
            a.runs = std::atoi(value());
        else if (s == "--unpaced-runs")
            a.unpacedRuns = std::atoi(value());
        else if (s == "--passes")
            a.passes = std::max(1, std::atoi(value()));
        else if (s == "--level")
            a.level = std::atoi(value());
        else if (s == "--count")
            a.count = std::atoi(value());
        else if (s == "--scrapes")
            a.scrapes = std::atoi(value());
        else if (s == "--backlog")
            a.backlogMb = std::atof(value());
        else if (s == "--sync-mb")
            a.syncMb = std::atof(value());
        else if (s == "--mb")
            a.mb = std::atof(value());
        else if (s == "--rate")
            a.rate = std::atof(value());
        else if (s == "--seed")
            a.seed = std::strtoull(value(), nullptr, 10) | 1;
        else if (s == "--cold")
            a.cold = true;
        else if (s == "--compare-sync")
            a.compareSync = true;
        else if (s.size() > 1 && s[0] == '-') {
            std::fprintf(stderr, "bench_capture: unknown option %s\n", s.c_str());
            std::exit(2);
        } else
            a.positional.push_back(s);
    }
    return a;
}

// ---------------------------------------------------------------- record

int cmdRecord(const Args &a)
{
    if (a.positional.size() != 2) return 2;
    const auto text = loadFile(a.positional[0]);
    std::vector<LineBatch> batches = cutBatches(text, 256u << 10);
    std::uint64_t lines = 0;
    for (const LineBatch &b : batches)
        lines += b.lineCount;
    const double fileMb = double(text->size()) / 1e6;
    const double mb = fileMb * a.passes;
    std::printf(
        "record: %llu events, %.1f MB (%.0f B/event) in %zu batches of ~256 KiB, fed %d time(s) per run, "
        "zstd level %d%s\n",
        (unsigned long long)lines, fileMb, double(text->size()) / double(lines), batches.size(), a.passes,
        a.level, a.syncMb > 0 ? ", fdatasync only every --sync-mb (diagnostic)" : "");

    // Writer CPU: the process's CPU time over the run minus the producer's (this thread).
    std::vector<double> writerCpuMbps;
    std::vector<double> onCpu; // writer CPU time / wall time, paced runs
    const auto once = [&](int run, bool paced, std::vector<double> &rates, std::vector<double> &mbps,
                          std::uint64_t &dropped, double syncMb) {
        const std::string path = a.positional[1] + "/record-" + std::to_string(run) + ".vcap";
        auto w = openWriter(path, a.level, syncMb);
        Pacer pacer(*w);
        pacer.on = paced;
        pacer.limit = a.backlogMb * (1 << 20);
        pacer.costPerEvent = (double(text->size()) + 64.0 * double(batches.size())) / double(lines);
        const double cpu0 = processCpuSeconds(), producer0 = threadCpuSeconds();
        const Clock::time_point t0 = Clock::now();
        for (int pass = 0; pass < a.passes; ++pass)
            for (LineBatch &b : batches) {
                pacer.wait();
                b.arrivalNs = wallNs();
                w->addEventLines(b);
                pacer.events += b.lineCount;
            }
        const Clock::time_point added = Clock::now();
        const double producerCpu = threadCpuSeconds() - producer0;
        if (auto c = w->close(); !c)
            std::fprintf(stderr, "bench_capture: close: %s\n", c.error().message.c_str());
        const double s = secondsSince(t0);
        const double writerCpu = processCpuSeconds() - cpu0 - producerCpu;
        const capture::WriterStatus st = w->status();
        const double recordedMb = mb * double(st.events) / double(lines * std::uint64_t(a.passes));
        if (paced) {
            writerCpuMbps.push_back(recordedMb / writerCpu);
            onCpu.push_back(writerCpu / s);
        }
        std::printf(
            "  %s%s run %d: %.3f s (adds %.3f s), %.2f M events/s, input %.0f MB/s; CPU: writer %.3f s "
            "(%.0f MB/s of CPU), producer %.3f s; recorded %llu, dropped %llu; raw payload %.1f MB -> %.1f "
            "MB stored (%.2fx), %llu frames, producer waits %llu\n",
            paced ? "paced" : "unpaced", syncMb > 0 ? " sync-deferred" : "", run, s,
            std::chrono::duration<double>(added - t0).count(), double(st.events) / s / 1e6, mb / s, writerCpu,
            recordedMb / writerCpu, producerCpu, (unsigned long long)st.events,
            (unsigned long long)st.droppedRecords, double(st.rawBytes) / 1e6, double(st.storedBytes) / 1e6,
            double(st.rawBytes) / double(std::max<std::uint64_t>(1, st.storedBytes)),
            (unsigned long long)st.framesWritten, (unsigned long long)pacer.waits);
        rates.push_back(double(st.events) / s);
        mbps.push_back(mb / s);
        dropped = std::max(dropped, st.droppedRecords);
        w.reset();
        ::unlink(path.c_str());
    };

    // zstd alone, in this process, over the same bytes in the writer's 1 MiB chunks (the
    // frames' size), right after each paced writer run: the peer measured under the same
    // conditions as the run next to it.
    std::vector<double> zs, zsCpu, pairRatio, pairCpuRatio;
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    std::string zout(ZSTD_compressBound(1 << 20), '\0');
    std::size_t zstored = 0;
    const auto zstdPass = [&] {
        zstored = 0;
        const double c0 = threadCpuSeconds();
        const Clock::time_point t0 = Clock::now();
        for (int pass = 0; pass < a.passes; ++pass)
            for (std::size_t off = 0; off < text->size(); off += 1 << 20) {
                const std::size_t n = std::min<std::size_t>(1 << 20, text->size() - off);
                zstored += ZSTD_compressCCtx(cctx, zout.data(), zout.size(), text->data() + off, n, a.level);
            }
        zs.push_back(mb / secondsSince(t0));
        zsCpu.push_back(mb / (threadCpuSeconds() - c0));
        std::printf("  zstd -%d in process, 1 MiB chunks: %.0f MB/s, %.0f MB/s of CPU (ratio %.2fx)\n",
                    a.level, zs.back(), zsCpu.back(), mb * 1e6 / double(zstored));
    };

    std::vector<double> rates, mbps;
    std::uint64_t dropped = 0;
    std::vector<double> dRates, dMbps; // --compare-sync: the same run with fdatasync deferred to close()
    std::uint64_t dDropped = 0;
    for (int r = 0; r < a.runs; ++r) {
        once(r, true, rates, mbps, dropped, a.syncMb);
        if (a.compareSync) once(r, true, dRates, dMbps, dDropped, 1e6);
        zstdPass();
        pairRatio.push_back(mbps.back() / zs.back());
        pairCpuRatio.push_back(writerCpuMbps.back() / zsCpu.back());
    }
    ZSTD_freeCCtx(cctx);
    std::vector<double> uRates, uMbps;
    std::uint64_t uDropped = 0;
    for (int r = 0; r < a.unpacedRuns; ++r)
        once(r, false, uRates, uMbps, uDropped, a.syncMb);
    if (a.compareSync) {
        std::printf(
            "record: fdatasync deferred to close(): median input %.0f MB/s vs %.0f MB/s with the writer's "
            "default syncing (paired runs)\n",
            median(dMbps), median(mbps));
        result("record_sync_deferred_mb_s", median(dMbps));
    }
    std::printf("record: writer vs zstd in process, paired runs: median ratio %.2fx wall, %.2fx CPU\n",
                median(pairRatio), median(pairCpuRatio));
    std::printf(
        "record: median %.2f M events/s, input %.0f MB/s, max dropped %llu (paced); unpaced: median %.2f M "
        "events/s recorded, max dropped %llu\n",
        median(rates) / 1e6, median(mbps), (unsigned long long)dropped, median(uRates) / 1e6,
        (unsigned long long)uDropped);
    result("record_events_per_s", median(rates));
    result("record_events_per_s_min", *std::min_element(rates.begin(), rates.end()));
    result("record_events_per_s_max", *std::max_element(rates.begin(), rates.end()));
    result("record_input_mb_s", median(mbps));
    result("record_dropped", double(dropped));
    result("record_unpaced_events_per_s", median(uRates));
    result("record_unpaced_dropped", double(uDropped));
    result("record_unpaced_offered", double(lines) * a.passes);
    result("record_writer_cpu_mb_s", median(writerCpuMbps));
    result("record_writer_on_cpu", median(onCpu));
    result("zstd_inprocess_mb_s", median(zs));
    result("zstd_inprocess_cpu_mb_s", median(zsCpu));
    result("pair_ratio_wall", median(pairRatio));
    result("pair_ratio_cpu", median(pairCpuRatio));
    return 0;
}

// ---------------------------------------------------------------- samples

int cmdSamples(const Args &a)
{
    if (a.positional.size() != 1) return 2;
    const ScrapePool pool = makeScrapePool(a.perTarget);
    const std::uint64_t rounds = std::uint64_t(a.scrapes) / 3;
    std::printf("samples: 3 etcd-like targets, %.0f series each, %.1f KB exposition each; %llu scrapes (%llu "
                "samples) per run; pool of %d different scrapes per target\n",
                double(pool.samplesPerRound) / 3, double(pool.bodyBytesPerRound) / 3 / 1e3,
                (unsigned long long)(rounds * 3), (unsigned long long)(rounds * pool.samplesPerRound),
                a.perTarget);
    std::vector<double> sps, rawMbps, bodyMbps;
    std::uint64_t dropped = 0;
    double ratio = 0;
    for (int run = 0; run < a.runs; ++run) {
        const std::string path = a.positional[0] + "/samples-" + std::to_string(run) + ".vcap";
        auto w = openWriter(path, a.level);
        Pacer pacer(*w);
        pacer.limit = a.backlogMb * (1 << 20);
        pacer.costPerSample = pool.costPerSample;
        const std::int64_t t0ms = 1'763'700'000'000;
        std::uint64_t bodyBytes = 0;
        const Clock::time_point t0 = Clock::now();
        for (std::uint64_t round = 0; round < rounds; ++round)
            for (int m = 0; m < 3; ++m) {
                SampleBatch b = pool.batches[(round % std::uint64_t(a.perTarget)) * 3 + std::uint64_t(m)];
                b.timestampMs = t0ms + std::int64_t(round) * 1000 + m;
                b.scrape->timestampMs = b.timestampMs;
                pacer.wait();
                w->addSamples(b);
                pacer.samples += b.parsed->samples.size();
                bodyBytes += b.body->size();
            }
        if (auto c = w->close(); !c)
            std::fprintf(stderr, "bench_capture: close: %s\n", c.error().message.c_str());
        const double s = secondsSince(t0);
        const capture::WriterStatus st = w->status();
        ratio = double(st.rawBytes) / double(std::max<std::uint64_t>(1, st.storedBytes));
        std::printf(
            "  run %d: %.3f s, %.2f M samples/s, raw payload %.1f MB = %.0f MB/s (%.1f B/sample), exposition "
            "text %.0f MB/s; stored %.1f MB (%.2fx), %llu series, %llu scrapes, dropped %llu\n",
            run, s, double(st.samples) / s / 1e6, double(st.rawBytes) / 1e6, double(st.rawBytes) / s / 1e6,
            double(st.rawBytes) / double(std::max<std::uint64_t>(1, st.samples)), double(bodyBytes) / s / 1e6,
            double(st.storedBytes) / 1e6, ratio, (unsigned long long)st.series,
            (unsigned long long)st.scrapes, (unsigned long long)st.droppedRecords);
        sps.push_back(double(st.samples) / s);
        rawMbps.push_back(double(st.rawBytes) / s / 1e6);
        bodyMbps.push_back(double(bodyBytes) / s / 1e6);
        dropped = std::max(dropped, st.droppedRecords);
        w.reset();
        ::unlink(path.c_str());
    }
    std::printf(
        "samples: median %.2f M samples/s, raw payload %.0f MB/s, exposition %.0f MB/s, dropped %llu\n",
        median(sps) / 1e6, median(rawMbps), median(bodyMbps), (unsigned long long)dropped);
    result("samples_per_s", median(sps));
    result("samples_raw_mb_s", median(rawMbps));
    result("samples_text_mb_s", median(bodyMbps));
    result("samples_ratio", ratio);
    result("samples_dropped", double(dropped));
    result("samples_series_per_target", double(pool.samplesPerRound) / 3);
    return 0;
}

// ---------------------------------------------------------------- write-mix

int cmdWriteMix(const Args &a)
{
    if (a.positional.size() != 2) return 2;
    const auto text = loadFile(a.positional[0]);
    std::vector<LineBatch> batches = cutBatches(text, 256u << 10);
    std::uint64_t lines = 0;
    for (const LineBatch &b : batches)
        lines += b.lineCount;
    const ScrapePool pool = makeScrapePool(a.perTarget);
    const std::uint64_t target = std::uint64_t(a.mb * 1e6);

    auto w = openWriter(a.positional[1], a.level);
    Pacer pacer(*w);
    pacer.limit = a.backlogMb * (1 << 20);
    pacer.costPerEvent = (double(text->size()) + 64.0 * double(batches.size())) / double(lines);
    pacer.costPerSample = pool.costPerSample;
    const std::int64_t t0ns = 1'763'700'000'000'000'000; // simulated time starts 2025-11-21
    std::int64_t simNs = t0ns, nextScrapeNs = t0ns;
    std::uint64_t round = 0, inputBytes = 0;
    const Clock::time_point t0 = Clock::now();
    for (std::size_t k = 0;; ++k) {
        while (nextScrapeNs <= simNs) {
            for (int m = 0; m < 3; ++m) {
                SampleBatch b = pool.batches[(round % std::uint64_t(a.perTarget)) * 3 + std::uint64_t(m)];
                b.timestampMs = nextScrapeNs / 1'000'000 + m;
                b.scrape->timestampMs = b.timestampMs;
                pacer.wait();
                w->addSamples(b);
                pacer.samples += b.parsed->samples.size();
                inputBytes += b.body->size();
            }
            ++round;
            nextScrapeNs += 1'000'000'000;
        }
        LineBatch &b = batches[k % batches.size()];
        b.arrivalNs = simNs;
        pacer.wait();
        w->addEventLines(b);
        pacer.events += b.lineCount;
        inputBytes += b.viewSize;
        simNs += std::int64_t(double(b.lineCount) / a.rate * 1e9);
        if (pacer.last.totalBytes >= target) break;
    }
    if (auto c = w->close(); !c)
        std::fprintf(stderr, "bench_capture: close: %s\n", c.error().message.c_str());
    const double s = secondsSince(t0);
    const capture::WriterStatus st = w->status();
    std::printf(
        "write-mix: %s: %.1f MB in %.1f s (%.0f MB/s stored, input %.0f MB/s); %llu events + %llu samples "
        "(%llu scrapes of %llu series), %.0f simulated seconds at %.0f events/s; %llu frames, ratio %.2fx, "
        "dropped %llu\n",
        st.path.c_str(), double(st.totalBytes) / 1e6, s, double(st.totalBytes) / 1e6 / s,
        double(inputBytes) / 1e6 / s, (unsigned long long)st.events, (unsigned long long)st.samples,
        (unsigned long long)st.scrapes, (unsigned long long)st.series, double(simNs - t0ns) / 1e9, a.rate,
        (unsigned long long)st.framesWritten,
        double(st.rawBytes) / double(std::max<std::uint64_t>(1, st.storedBytes)),
        (unsigned long long)st.droppedRecords);
    result("mix_bytes", double(st.totalBytes));
    result("mix_seconds", s);
    result("mix_frames", double(st.framesWritten));
    result("mix_dropped", double(st.droppedRecords));
    result("mix_sim_seconds", double(simNs - t0ns) / 1e9);
    return 0;
}

// ---------------------------------------------------------------- reader

std::unique_ptr<capture::CaptureReader> openReader(const std::string &path)
{
    auto r = capture::CaptureReader::open(path);
    if (!r) {
        std::fprintf(stderr, "bench_capture: %s\n", r.error().message.c_str());
        std::exit(1);
    }
    return std::move(*r);
}

bool coldOrSay(bool cold)
{
    if (!cold) return true;
    if (dropCaches()) return true;
    std::fprintf(stderr, "bench_capture: cannot drop the page cache (needs root): not measuring cold\n");
    return false;
}

int cmdOpen(const Args &a)
{
    if (a.positional.size() != 1) return 2;
    const std::string &path = a.positional[0];
    std::vector<double> opens, firsts, totals;
    if (!a.cold) { // warm: the page cache holds what open() and the first read touch
        auto r = openReader(path);
        for (std::size_t i = 0; i < std::min<std::size_t>(r->frames().size(), 64); ++i)
            (void)r->read(i);
    }
    for (int run = 0; run < a.runs; ++run) {
        if (!coldOrSay(a.cold)) return 1;
        const Clock::time_point t0 = Clock::now();
        auto r = openReader(path);
        const double o = secondsSince(t0);
        // The first screen: the first frame of each kind of data (events, samples, scrape
        // reports, ...), as the panels of the capture's start need them.
        std::string kinds;
        std::uint32_t records = 0;
        std::vector<bool> seen(16, false);
        for (std::size_t i = 0; i < r->frames().size(); ++i) {
            const capture::FrameInfo &fi = r->frames()[i];
            const auto type = static_cast<std::size_t>(fi.type);
            if (fi.type == capture::FrameType::Series || type >= seen.size() || seen[type]) continue;
            seen[type] = true;
            auto f = r->read(i);
            if (!f) {
                std::fprintf(stderr, "bench_capture: %s\n", f.error().message.c_str());
                return 1;
            }
            records += f->info.records;
            kinds += std::string(kinds.empty() ? "" : "+") + capture::frameTypeName(fi.type);
        }
        const double total = secondsSince(t0);
        std::printf(
            "  %s open run %d: open %.1f ms, first frames (%s, %u records) %.1f ms, total %.1f ms; %s, %zu "
            "frames, %zu series, %s\n",
            a.cold ? "cold" : "warm", run, o * 1e3, kinds.c_str(), records, (total - o) * 1e3, total * 1e3,
            r->cleanlyClosed() ? "trailer" : "walked", r->frames().size(), r->series().size(),
            r->damageSummary().c_str());
        opens.push_back(o * 1e3);
        firsts.push_back((total - o) * 1e3);
        totals.push_back(total * 1e3);
    }
    std::printf("open: median open %.1f ms, first frames %.1f ms, total %.1f ms (max %.1f ms)\n",
                median(opens), median(firsts), median(totals),
                *std::max_element(totals.begin(), totals.end()));
    result("open_ms", median(opens));
    result("first_frame_ms", median(firsts));
    result("open_total_ms", median(totals));
    result("open_total_max_ms", *std::max_element(totals.begin(), totals.end()));
    return 0;
}

int cmdSeek(const Args &a)
{
    if (a.positional.size() != 1) return 2;
    auto r = openReader(a.positional[0]);
    const std::int64_t lo = r->firstMs(), hi = r->lastMs();
    if (!coldOrSay(a.cold)) return 1;
    Rng rng{a.seed};
    std::vector<double> ms;
    std::uint64_t records = 0;
    for (int k = 0; k < a.count; ++k) {
        const std::int64_t t = lo + std::int64_t(rng.unit() * double(hi - lo));
        const Clock::time_point t0 = Clock::now();
        const std::size_t i = r->frameAt(t);
        if (i < r->frames().size()) {
            auto f = r->read(i);
            if (!f) {
                std::fprintf(stderr, "bench_capture: %s\n", f.error().message.c_str());
                return 1;
            }
            records += f->info.records;
        }
        ms.push_back(secondsSince(t0) * 1e3);
    }
    std::printf(
        "seek (%s): %d random times over %.0f s, %zu frames: median %.2f ms, p99 %.2f ms, max %.2f ms "
        "(%.0f records per frame read)\n",
        a.cold ? "cold" : "warm", a.count, double(hi - lo) / 1e3, r->frames().size(), median(ms),
        percentile(ms, 99), *std::max_element(ms.begin(), ms.end()), double(records) / a.count);
    result("seek_median_ms", median(ms));
    result("seek_p99_ms", percentile(ms, 99));
    result("seek_max_ms", *std::max_element(ms.begin(), ms.end()));
    return 0;
}

int cmdReplay(const Args &a)
{
    if (a.positional.size() != 1) return 2;
    if (!coldOrSay(a.cold)) return 1;
    const long rssBefore = maxRssKiB();
    const Clock::time_point t0 = Clock::now();
    auto r = openReader(a.positional[0]);
    const double openS = secondsSince(t0);
    std::uint64_t samples = 0, events = 0, scrapes = 0, raw = 0;
    long rssPeakDuring = 0;
    for (std::size_t i = 0; i < r->frames().size(); ++i) {
        auto f = r->read(i);
        if (!f) {
            std::fprintf(stderr, "bench_capture: %s\n", f.error().message.c_str());
            return 1;
        }
        raw += f->info.rawBytes;
        for (const capture::SampleRun &run : f->records.samples)
            samples += run.points.size();
        events += f->records.events.size();
        scrapes += f->records.scrapes.size();
        if (i % 1024 == 0) rssPeakDuring = std::max(rssPeakDuring, currentRssKiB());
    }
    const double s = secondsSince(t0);
    const double gb = double(r->fileSize()) / 1e9;
    std::printf(
        "replay (%s cache): %.2f GB, %zu frames, %zu series in %.1f s (open %.2f s): %.0f MB/s of file, %.0f "
        "MB/s raw payload, %.2f M events/s + %.2f M samples/s (%llu events, %llu samples, %llu scrapes); RSS "
        "before %.1f MiB, peak %.1f MiB (ru_maxrss)\n",
        a.cold ? "cold" : "warm", gb, r->frames().size(), r->series().size(), s, openS, gb * 1e3 / s,
        double(raw) / 1e6 / s, double(events) / s / 1e6, double(samples) / s / 1e6,
        (unsigned long long)events, (unsigned long long)samples, (unsigned long long)scrapes,
        double(rssBefore) / 1024, double(maxRssKiB()) / 1024);
    result("replay_gb", gb);
    result("replay_seconds", s);
    result("replay_file_mb_s", gb * 1e3 / s);
    result("replay_raw_mb_s", double(raw) / 1e6 / s);
    result("replay_rss_before_mib", double(rssBefore) / 1024);
    result("replay_peak_rss_mib", double(maxRssKiB()) / 1024);
    result("replay_events", double(events));
    result("replay_samples", double(samples));
    return 0;
}

int usage()
{
    std::fprintf(stderr,
                 "usage: bench_capture record EVENTS.ndjson DIR [--runs N] [--passes P] [--unpaced-runs N] "
                 "[--level L]\n"
                 "                     [--backlog MB] [--compare-sync] [--sync-mb MB]\n"
                 "       bench_capture samples DIR [--runs N] [--scrapes N]\n"
                 "       bench_capture write-mix EVENTS.ndjson OUT.vcap [--mb N] [--rate EVENTS_PER_S]\n"
                 "       bench_capture open FILE [--runs N] [--cold]\n"
                 "       bench_capture seek FILE [--count N] [--cold] [--seed S]\n"
                 "       bench_capture replay FILE [--cold]\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) return usage();
    const std::string cmd = argv[1];
    const Args a = parseArgs(argc, argv, 2);
    int rc = 2;
    if (cmd == "record")
        rc = cmdRecord(a);
    else if (cmd == "samples")
        rc = cmdSamples(a);
    else if (cmd == "write-mix")
        rc = cmdWriteMix(a);
    else if (cmd == "open")
        rc = cmdOpen(a);
    else if (cmd == "seek")
        rc = cmdSeek(a);
    else if (cmd == "replay")
        rc = cmdReplay(a);
    return rc == 2 ? usage() : rc;
}

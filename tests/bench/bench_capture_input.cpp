// bench_capture's generated scrapes: an etcd-like exposition, parsed into SampleBatches.
#include "bench_capture_util.h"

#include "core/expo/expo_parser.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace vigil::bench {

namespace {

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

} // namespace

ScrapePool makeScrapePool(int perTarget)
{
    ScrapePool pool;
    std::vector<EtcdExposition> members = {EtcdExposition(0), EtcdExposition(1), EtcdExposition(2)};
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
            if (step == 0) {
                pool.samplesPerRound += parsed->samples.size();
                pool.bodyBytesPerRound += body->size();
            }
            pool.batches.push_back(std::move(b));
        }
    return pool;
}

} // namespace vigil::bench

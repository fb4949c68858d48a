#include "core/sim/sim_exposition.h"

#include "core/expo/expo_writer.h"
#include "core/sim/sim_cluster.h"

#include <zlib.h>

#include <charconv>
#include <cstdint>
#include <string_view>

namespace vigil {

namespace {

using Writer = expo::ExpositionWriter;

void writeQueues(Writer &w, const SimNodeState &n)
{
    struct Fam
    {
        const char *name, *type, *help;
        std::uint64_t SimQueueState::*field;
    };
    static const Fam fams[] = {
        {"eventstream_queue_depth", "gauge", "Current number of events waiting in the queue.",
         &SimQueueState::depth},
        {"eventstream_queue_capacity", "gauge", "Maximum number of events the queue holds.", nullptr},
        {"eventstream_queue_push_total", "counter", "Events pushed into the queue.",
         &SimQueueState::pushTotal},
        {"eventstream_queue_pop_total", "counter", "Events popped from the queue.",
         &SimQueueState::popTotal},
        {"eventstream_queue_full_total", "counter",
         "Pushes rejected because the queue was full.", &SimQueueState::fullTotal},
    };
    for (const Fam &f : fams) {
        w.family(f.name, f.type, f.help);
        for (int q = 0; q < kSimQueueCount; ++q) {
            const SimQueueState &qs = n.queues[std::size_t(q)];
            const std::uint64_t v = f.field ? qs.*f.field : kSimQueueCapacity[std::size_t(q)];
            w.sample(f.name, {{"queue", kSimQueueNames[std::size_t(q)]}}, v);
        }
    }
}

void writeLatency(Writer &w, const SimNodeState &n)
{
    w.family("eventstream_latency_ns", "histogram", "Event processing latency in nanoseconds.");
    std::uint64_t cum = 0;
    for (std::size_t b = 0; b < kSimLatencyBoundsNs.size(); ++b) {
        cum += n.latencyBuckets[b];
        char le[32];
        const auto res = std::to_chars(le, le + sizeof le, kSimLatencyBoundsNs[b]);
        w.sample("eventstream_latency_ns_bucket", {{"le", std::string_view(le, std::size_t(res.ptr - le))}}, cum);
    }
    cum += n.latencyBuckets[kSimLatencyBucketCount - 1];
    w.sample("eventstream_latency_ns_bucket", {{"le", "+Inf"}}, cum);
    w.sample("eventstream_latency_ns_sum", double(n.latencySumNs));
    w.sample("eventstream_latency_ns_count", n.latencyCount);
}

void writeEvents(Writer &w, const SimNodeState &n)
{
    w.family("eventstream_events_received_total", "counter", "Events received by the node.");
    w.sample("eventstream_events_received_total", n.received);
    w.family("eventstream_events_processed_total", "counter", "Events processed to completion.");
    w.sample("eventstream_events_processed_total", n.processed);
    w.family("eventstream_events_dropped_total", "counter", "Events dropped (queue full).");
    w.sample("eventstream_events_dropped_total", n.dropped);

    w.family("eventstream_events_by_priority", "counter", "Events received, by priority.");
    for (int p = 0; p < kSimPriorityCount; ++p)
        w.sample("eventstream_events_by_priority", {{"priority", kSimPriorityNames[std::size_t(p)]}},
                 n.byPriority[std::size_t(p)]);

    w.family("eventstream_dedup_hits_total", "counter", "Received events whose id was already seen.");
    w.sample("eventstream_dedup_hits_total", n.dedupHits);
    w.family("eventstream_dedup_misses_total", "counter", "Received events with a new id.");
    w.sample("eventstream_dedup_misses_total", n.dedupMisses);
}

void writeRaft(Writer &w, const SimCluster &cluster, const SimNodeState &n)
{
    w.family("eventstream_raft_state", "gauge", "Raft role of this node (1 for the current one).");
    for (RaftRole r : {RaftRole::Leader, RaftRole::Follower, RaftRole::Candidate})
        w.sample("eventstream_raft_state", {{"state", raftRoleName(r)}}, std::uint64_t(n.role == r ? 1 : 0));
    w.family("eventstream_raft_term", "gauge", "Current Raft term.");
    w.sample("eventstream_raft_term", n.term);
    w.family("eventstream_raft_commit_index", "gauge", "Highest log index known committed.");
    w.sample("eventstream_raft_commit_index", n.commitIndex);
    w.family("eventstream_raft_apply_index", "gauge", "Highest log index applied to the state machine.");
    w.sample("eventstream_raft_apply_index", n.applyIndex);
    w.family("eventstream_raft_peers_connected", "gauge", "Peers this node is connected to.");
    w.sample("eventstream_raft_peers_connected", std::uint64_t(n.peersConnected));

    w.family("eventstream_raft_replication_lag", "gauge",
             "Log entries a follower is behind the leader (reported by the leader; 0 elsewhere).");
    for (int p = 0; p < cluster.nodeCount(); ++p) {
        const SimNodeState &peer = cluster.node(p);
        if (&peer == &n)
            continue;
        w.sample("eventstream_raft_replication_lag", {{"peer", peer.name}}, n.replicationLag[std::size_t(p)]);
    }
    w.family("eventstream_raft_elections_total", "counter",
             "Elections this node took part in, as candidate or voter.");
    w.sample("eventstream_raft_elections_total", n.electionsTotal);
}

} // namespace

std::string renderNodeExposition(const SimCluster &cluster, int node)
{
    std::string out;
    out.reserve(6000);
    Writer w(out);
    const SimNodeState &n = cluster.node(node);
    writeQueues(w, n);
    writeLatency(w, n);
    writeEvents(w, n);
    writeRaft(w, cluster, n);
    w.family("eventstream_build_info", "gauge", "Build information; always 1.");
    w.sample("eventstream_build_info", {{"version", kSimVersion}, {"node", n.name}}, std::uint64_t(1));
    return out;
}

QByteArray gzipCompress(QByteArrayView data)
{
    z_stream zs{};
    // windowBits 15 + 16 asks zlib for a gzip header and trailer instead of zlib's.
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    out.resize(qsizetype(deflateBound(&zs, uLong(data.size()))) + 32);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    const auto written = qsizetype(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return {};
    out.truncate(written);
    return out;
}

} // namespace vigil

#include "core/capture/cluster_state_tap.h"

#include "core/capture/capture_writer.h"
#include "core/cluster/cluster_json.h"

namespace vigil::capture {

bool ClusterStateTap::offer(const ClusterSnapshot &snapshot, std::int64_t nowMs)
{
    if (snapshot.nodes.empty() || (m_haveLast && sameClusterState(snapshot, m_last)))
        return false;
    JsonRecord record;
    record.timestampMs = snapshot.takenMs ? snapshot.takenMs : nowMs;
    record.json = clusterToJson(snapshot);
    m_writer.addClusterState(std::move(record));
    m_last = snapshot;
    m_haveLast = true;
    ++m_written;
    return true;
}

} // namespace vigil::capture

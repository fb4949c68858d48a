// ClusterStateTap: hands the Cluster view's state to a capture when it changed. Offered
// a snapshot now and then (the GUI's recorder and `vigilctl record` once a second), it
// writes a cluster state record (cluster_json) only when the cluster looks different
// from the last one written (sameClusterState: everything but the time it was taken),
// and nothing while no node is known.
//
// Threads: one thread at a time (the caller's); the writer's add calls are thread-safe.
#pragma once

#include "core/cluster/cluster_types.h"

#include <cstdint>

namespace vigil::capture {

class CaptureWriter;

class ClusterStateTap
{
  public:
    explicit ClusterStateTap(CaptureWriter &writer) : m_writer(writer) {}

    // Returns true when a record was written. nowMs stands in for a snapshot without
    // a takenMs.
    bool offer(const ClusterSnapshot &snapshot, std::int64_t nowMs);
    std::uint64_t written() const { return m_written; }

  private:
    CaptureWriter &m_writer;
    ClusterSnapshot m_last;
    bool m_haveLast = false;
    std::uint64_t m_written = 0;
};

} // namespace vigil::capture

// The typed batches sources hand to the IngestHub. Built on a source's worker
// thread, moved into the hub, never shared mutable.
#pragma once

#include "core/common/labels.h"
#include "core/expo/expo_types.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace vigil {

// What one scrape of one target did. Credentials never appear here.
struct ScrapeReport
{
    std::string targetUrl;          // without user-info
    std::string job;
    std::string instance;           // host:port
    std::int64_t timestampMs = 0;   // scrape start (wall clock, ms since epoch)
    double durationSeconds = 0;
    bool up = false;
    std::string error;              // empty when up; else "line 812 col 14: invalid label name", "timeout after 4 s", ...
    std::uint64_t samples = 0;      // samples in the body (0 when the scrape failed)
    std::uint64_t bodyBytes = 0;    // decompressed
    std::uint32_t consecutiveFailures = 0;
    double nextRetrySeconds = 0;    // backoff in force after a failure, 0 when up
    expo::Format format = expo::Format::Prometheus;
};

struct SampleBatch
{
    // Buffer the parsed views point into; kept alive as long as `parsed`.
    std::shared_ptr<const std::string> body;
    std::shared_ptr<const expo::ParseResult> parsed; // null for a failed scrape
    Labels targetLabels;             // attached to every sample (job, instance)
    std::int64_t timestampMs = 0;    // for samples without their own timestamp
    std::optional<ScrapeReport> scrape;
};

} // namespace vigil

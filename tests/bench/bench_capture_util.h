// Shared by the bench_capture sources (tests/bench/bench_capture.cpp says what each
// step measures): timing and statistics, "result NAME VALUE" lines for
// bench_capture.sh, the command line, the event input cut into LineBatches, the
// generated etcd-like scrapes, and opening writers and readers (exit on failure).
#pragma once

#include "core/capture/capture_reader.h"
#include "core/capture/capture_writer.h"
#include "core/hub/sample_batch.h"
#include "core/stream/line_batch.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vigil::bench {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0);
std::int64_t wallNs();
double median(std::vector<double> v);
double percentile(std::vector<double> v, double p); // nearest rank, p in (0, 100]
void result(const char *name, double value);        // "result NAME VALUE" for the script
double processCpuSeconds();                         // every thread, the joined ones too
double threadCpuSeconds();
long maxRssKiB();
long currentRssKiB();
// Writes back dirty pages, then drops the page cache (root only).
bool dropCaches();

// The whole file, ending in '\n', with kLinePadding bytes of capacity after it.
std::shared_ptr<std::string> loadFile(const std::string &path);
// The file cut into LineBatches of about `batchBytes` of whole lines, viewing the
// buffer (as a mapped-file source hands them over).
std::vector<LineBatch> cutBatches(const std::shared_ptr<std::string> &text, std::size_t batchBytes);

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

// Parsed scrapes of three etcd members (bench_capture_input.cpp), `perTarget` different
// scrapes each (1 s apart), in the order member 0, 1, 2 of scrape 0, then of scrape 1, ...
struct ScrapePool
{
    std::vector<SampleBatch> batches;
    std::uint64_t samplesPerRound = 0, bodyBytesPerRound = 0;
};
ScrapePool makeScrapePool(int perTarget);

struct Args
{
    std::vector<std::string> positional;
    int runs = 7, droppingRuns = 3, passes = 1, level = 1, count = 100, scrapes = 6000, perTarget = 60;
    double queueMb = 0; // 0: the writer's default queue bound
    double mb = 1024, rate = 10000;
    double syncMb = 0; // 0: the writer's default (fdatasync every 4 MiB or 100 ms)
    std::uint64_t seed = 7;
    bool cold = false;
    bool compareSync = false;
};
Args parseArgs(int argc, char **argv, int from);

// A new writer on `path` (an old file there is removed first). syncMb > 0: fdatasync
// only every syncMb (a diagnostic); queueMb > 0: maxQueuedBytes.
std::unique_ptr<capture::CaptureWriter> openWriter(const std::string &path, int level, double syncMb = 0,
                                                   double queueMb = 0);
std::unique_ptr<capture::CaptureReader> openReader(const std::string &path);

// The steps (bench_capture_write.cpp, bench_capture_read.cpp); 2 means bad arguments.
int cmdRecord(const Args &a);
int cmdSamples(const Args &a);
int cmdWriteMix(const Args &a);
int cmdOpen(const Args &a);
int cmdSeek(const Args &a);
int cmdReplay(const Args &a);

} // namespace vigil::bench

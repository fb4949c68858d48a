// bench_capture: the capture goals measured (docs/PERFORMANCE.md, "Captures"). A
// program, not a ctest test: it writes files of 1-10 GB. tests/bench/bench_capture.sh
// runs every step and prints the table; each step prints its figures and
// "result NAME VALUE" lines for the script.
//
//   bench_capture record EVENTS.ndjson DIR [--runs N] [--passes P] [--dropping-runs N]
//                 [--level L] [--queue MB] [--compare-sync] [--sync-mb MB]
//       CaptureWriter fed 256 KiB LineBatches of EVENTS (P times per run) as fast as the
//       producer can, timed from the first add to close() (compression, writes, the
//       file thread's syncs, final fsync). The main runs add with WhenFull::Wait (the
//       producer blocks while the writer's queue is full: no drops); the dropping runs
//       add with WhenFull::Drop and count what the bounded queue drops. After each
//       waiting run, zstd alone in this process over the same bytes in 1 MiB chunks (the
//       writer's frames). --queue sets the writer's queue bound (default: its default).
//       Diagnostics: --compare-sync pairs each run with one whose fdatasync is deferred
//       to close(); --sync-mb sets the sync size.
//   bench_capture samples DIR [--runs N] [--scrapes N]
//       SampleBatches of three etcd-sized targets (~1,300 series each, parsed by the
//       expo parser from generated text), as fast as the (waiting) producer can.
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
//
// Sources: bench_capture_util.{h,cpp} (shared helpers, arguments), bench_capture_input.cpp
// (generated scrapes), bench_capture_write.cpp (record, samples, write-mix),
// bench_capture_read.cpp (open, seek, replay).
#include "bench_capture_util.h"

#include <cstdio>
#include <string>

using namespace vigil::bench;

namespace {

int usage()
{
    std::fprintf(stderr,
                 "usage: bench_capture record EVENTS.ndjson DIR [--runs N] [--passes P] [--dropping-runs N] "
                 "[--level L]\n"
                 "                     [--queue MB] [--compare-sync] [--sync-mb MB]\n"
                 "       bench_capture samples DIR [--runs N] [--scrapes N] [--queue MB]\n"
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

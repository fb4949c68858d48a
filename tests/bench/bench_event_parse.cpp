// Parse-only micro-benchmark of the event engine's parser: reads an NDJSON file (e.g.
// from bench_ndjson_gen), cuts it into batches of --batch bytes at line boundaries (as
// the stream sources do) and parses every batch with EventParser::parseRange on one
// thread, --runs times. Prints ns per event (thread CPU time: the machines are shared)
// as min / median of the runs. Not a ctest test.
//   bench_event_parse FILE [--runs N] [--batch BYTES]
#include "core/engine/event_parser.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace vigil;

namespace {

std::int64_t threadCpuNs()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_event_parse FILE [--runs N] [--batch BYTES]\n");
        return 2;
    }
    int runs = 7;
    std::size_t batchBytes = 256u << 10;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--runs"))
            runs = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--batch"))
            batchBytes = std::max<std::size_t>(1024, std::strtoull(argv[i + 1], nullptr, 10));
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    if (text.empty()) {
        std::fprintf(stderr, "bench_event_parse: cannot read %s\n", argv[1]);
        return 2;
    }

    // Blocks of whole lines, each with its own padded buffer (as LineBatch has).
    std::vector<std::shared_ptr<EventBlock>> blocks;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t end = std::min(text.size(), pos + batchBytes);
        const std::size_t nl = text.find('\n', end == 0 ? 0 : end - 1);
        end = nl == std::string::npos ? text.size() : nl + 1;
        LineBatch b;
        b.bytes.reserve(end - pos + kLinePadding);
        b.bytes.assign(text, pos, end - pos);
        blocks.push_back(EventParser::adopt(b));
        pos = end;
    }

    const EventParser parser({});
    std::vector<double> perEvent;
    std::uint64_t events = 0, malformed = 0;
    ParsedBatch out;
    for (int r = 0; r < runs; ++r) {
        events = malformed = 0;
        const std::int64_t start = threadCpuNs();
        for (const auto &block : blocks) {
            out.clear();
            block->arenas[0].clear();
            parser.parseRange(block, 0, block->size(), 1, {}, false, out);
            for (const auto &lane : out.lanes)
                events += lane.size();
            malformed += out.malformed;
        }
        perEvent.push_back(double(threadCpuNs() - start) / double(std::max<std::uint64_t>(events, 1)));
    }
    std::sort(perEvent.begin(), perEvent.end());
    std::printf("parse: %llu events (%llu malformed) in %zu batches of ~%zu KiB: min %.1f ns/event, median %.1f "
                "ns/event (%.2f M events/s), %d runs\n",
                (unsigned long long)events, (unsigned long long)malformed, blocks.size(), batchBytes >> 10,
                perEvent.front(), perEvent[perEvent.size() / 2], 1e3 / perEvent[perEvent.size() / 2], runs);
    return 0;
}

// Writes small real captures into a directory, as the seed corpus of
// fuzz_capture_reader: clean files (compressed and stored), a crashed one (no trailer,
// no footer), a torn one, one with every record type, one per frame type.
//   fuzz_capture_seeds DIR
#include "core/capture/capture_writer.h"
#include "core/hub/sample_batch.h"
#include "core/stream/line_batch.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

using namespace vigil;
using namespace vigil::capture;

namespace {

std::string slurp(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const std::string &path, const std::string &bytes)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), std::streamsize(bytes.size()));
}

// A hand-made SampleBatch (no parser in this build): `n` series of one metric.
SampleBatch batch(std::int64_t ts, int n)
{
    auto body = std::make_shared<std::string>("gen_seriesinstancevalue0123456789");
    auto parsed = std::make_shared<expo::ParseResult>();
    expo::FamilyView f;
    f.name = std::string_view(body->data(), 10);
    f.type = expo::MetricType::Gauge;
    f.sampleCount = std::uint32_t(n);
    parsed->families.push_back(f);
    for (int i = 0; i < n; ++i) {
        expo::SampleView s;
        s.name = f.name;
        s.labelBegin = std::uint32_t(parsed->labels.size());
        s.labelCount = 1;
        s.value = i * 1.25 + double(ts % 1000);
        if (i == 0) {
            s.hasTimestamp = true;
            s.timestampMs = ts - 7;
        }
        parsed->labels.push_back(
            {std::string_view(body->data() + 10, 8), std::string_view(body->data() + 23 + i % 10, 1)});
        parsed->samples.push_back(s);
    }
    SampleBatch b;
    b.body = body;
    b.parsed = parsed;
    b.timestampMs = ts;
    b.targetLabels = {{"instance", "h:9100"}, {"job", "node"}};
    ScrapeReport r;
    r.targetUrl = "http://h:9100/metrics";
    r.job = "node";
    r.instance = "h:9100";
    r.timestampMs = ts;
    r.up = ts % 3 != 0;
    r.error = r.up ? "" : "timeout after 4 s";
    b.scrape = r;
    return b;
}

bool write(const std::string &path, int level, int rounds, std::size_t frameBytes)
{
    WriterOptions o;
    o.path = path;
    o.zstdLevel = level;
    o.frameBytes = frameBytes;
    o.writerId = "seed";
    o.host = "fuzz";
    auto w = CaptureWriter::open(o);
    if (!w) {
        std::fprintf(stderr, "%s\n", w.error().message.c_str());
        return false;
    }
    (*w)->addEventSource(1, "tcp://127.0.0.1:7000");
    for (int r = 0; r < rounds; ++r) {
        const std::int64_t ts = 1'700'000'000'000 + r * 15000;
        (*w)->addSamples(batch(ts, 4 + r % 3));
        LineBatch lines;
        lines.sourceId = 1;
        lines.arrivalNs = ts * 1'000'000 + 17;
        lines.bytes = "{\"id\":\"" + std::to_string(r) + "\",\"priority\":\"high\"}\n\n{\"id\":\"x\"}\n";
        (*w)->addEventLines(lines);
        (*w)->addClusterState({ts, "{\"leader\":\"n1\",\"term\":" + std::to_string(r) + "}"});
        if (r % 4 == 1) (*w)->addNote({ts - 5, ts, "ops", "note " + std::to_string(r)});
        if (r % 5 == 4) (*w)->flush(false); // several frames of each type
    }
    return (*w)->close().ok();
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    const std::string tmp = dir + "/.seed-tmp.vcap";
    struct Seed
    {
        const char *name;
        int level, rounds;
        std::size_t frameBytes;
    };
    for (const Seed &s : {Seed{"stored-small", 0, 3, 4096}, Seed{"stored-many-frames", 0, 20, 4096},
                          Seed{"zstd-small", 1, 3, 4096}, Seed{"zstd-many-frames", 1, 30, 4096}}) {
        ::unlink(tmp.c_str());
        if (!write(tmp, s.level, s.rounds, s.frameBytes)) return 1;
        const std::string bytes = slurp(tmp);
        spit(dir + "/" + s.name + ".vcap", bytes);
        // The same file after a crash (no footer) and torn mid-frame.
        spit(dir + "/" + s.name + "-nofooter.vcap", bytes.substr(0, bytes.size() - 24));
        spit(dir + "/" + s.name + "-torn.vcap", bytes.substr(0, bytes.size() * 2 / 3));
    }
    ::unlink(tmp.c_str());
    return 0;
}

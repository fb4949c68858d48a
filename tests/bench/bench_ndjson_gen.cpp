// bench_ndjson_gen: writes an NDJSON event stream like the simulator's (id, ts in ns,
// priority, queue, latency_ns, node, message) plus a few extra fields (~330 bytes per
// event) with a small share of duplicate ids, for `tests/bench/bench_ingest.sh`.
//   bench_ndjson_gen [--events N] [--dup-percent P] [--seed S] OUT|-
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

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
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
};

const char *const kPriorities[] = {"critical", "high", "medium", "low"};
const char *const kQueues[] = {"realtime", "standard", "batch"};
const char *const kMessages[] = {
    "order accepted and routed to the matching engine for settlement",
    "payment authorised by the upstream gateway after fraud screening",
    "inventory reservation confirmed for all line items of the basket",
    "shipment label printed and handed over to the regional carrier hub",
    "customer profile updated with new delivery preferences and consent",
    "retrying delivery to downstream consumer after transient timeout",
};
const char *const kRegions[] = {"eu-west-1", "us-east-2", "ap-south-1", "sa-east-1"};

} // namespace

int main(int argc, char **argv)
{
    std::uint64_t events = 1'000'000;
    double dupPercent = 3;
    std::uint64_t seed = 42;
    const char *out = nullptr;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--events") && i + 1 < argc)
            events = std::strtoull(argv[++i], nullptr, 10);
        else if (!std::strcmp(argv[i], "--dup-percent") && i + 1 < argc)
            dupPercent = std::strtod(argv[++i], nullptr);
        else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc)
            seed = std::strtoull(argv[++i], nullptr, 10) | 1;
        else if (argv[i][0] != '-' || !std::strcmp(argv[i], "-"))
            out = argv[i];
        else {
            std::fprintf(stderr, "usage: bench_ndjson_gen [--events N] [--dup-percent P] [--seed S] OUT|-\n");
            return 2;
        }
    }
    if (!out) {
        std::fprintf(stderr, "usage: bench_ndjson_gen [--events N] [--dup-percent P] [--seed S] OUT|-\n");
        return 2;
    }
    FILE *f = std::strcmp(out, "-") ? std::fopen(out, "wb") : stdout;
    if (!f) {
        std::perror(out);
        return 1;
    }
    Rng rng{seed};
    std::vector<std::uint64_t> recent(4096, 0);
    std::uint64_t sequence = 0, duplicates = 0;
    const std::int64_t t0 = 1'700'000'000'000'000'000;
    std::string line;
    std::string buf;
    buf.reserve(1 << 20);
    for (std::uint64_t k = 0; k < events; ++k) {
        std::uint64_t seq;
        if (sequence > 0 && rng.uniform() * 100 < dupPercent) {
            seq = recent[rng.below(std::min<std::uint64_t>(sequence, recent.size()))];
            ++duplicates;
        } else {
            seq = sequence++;
            recent[seq % recent.size()] = seq;
        }
        const double p = rng.uniform();
        const int priority = p < 0.01 ? 0 : p < 0.10 ? 1 : p < 0.65 ? 2 : 3;
        const int queue = priority == 0 ? 0 : int(rng.below(3));
        const std::uint64_t latency = 100 + rng.below(900) + (rng.uniform() < 0.001 ? 20000 : 0);
        char tmp[512];
        const int n = std::snprintf(
            tmp, sizeof tmp,
            "{\"id\":\"e-5eed%04x-%010llu\",\"ts\":%lld,\"priority\":\"%s\",\"queue\":\"%s\",\"latency_ns\":%llu,"
            "\"node\":\"node-%llu\",\"message\":\"%s\",\"region\":\"%s\",\"tenant\":\"tenant-%06llu\","
            "\"trace_id\":\"%016llx%016llx\",\"attempt\":%llu,\"source\":\"bench\"}\n",
            unsigned(seed & 0xffff), (unsigned long long)seq, (long long)(t0 + std::int64_t(k) * 1000),
            kPriorities[priority], kQueues[queue], (unsigned long long)latency, (unsigned long long)rng.below(5),
            kMessages[rng.below(std::size(kMessages))], kRegions[rng.below(std::size(kRegions))],
            (unsigned long long)rng.below(1000000), (unsigned long long)rng.next(), (unsigned long long)rng.next(),
            (unsigned long long)(1 + rng.below(3)));
        buf.append(tmp, std::size_t(n));
        if (buf.size() > (1u << 20) - 1024) {
            std::fwrite(buf.data(), 1, buf.size(), f);
            buf.clear();
        }
    }
    std::fwrite(buf.data(), 1, buf.size(), f);
    if (f != stdout)
        std::fclose(f);
    std::fprintf(stderr, "bench_ndjson_gen: %llu events, %llu duplicates\n", (unsigned long long)events,
                 (unsigned long long)duplicates);
    return 0;
}

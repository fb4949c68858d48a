// bench_capture's reading steps: open (first screen), seek, replay.
#include "bench_capture_util.h"

#include <algorithm>
#include <cstdio>

namespace vigil::bench {

namespace {

bool coldOrSay(bool cold)
{
    if (!cold) return true;
    if (dropCaches()) return true;
    std::fprintf(stderr, "bench_capture: cannot drop the page cache (needs root): not measuring cold\n");
    return false;
}

} // namespace

int cmdOpen(const Args &a)
{
    if (a.positional.size() != 1) return 2;
    const std::string &path = a.positional[0];
    std::vector<double> opens, firsts, totals;
    if (!a.cold) { // warm: the page cache holds what open() and the first read touch
        auto r = openReader(path);
        for (std::size_t i = 0; i < std::min<std::size_t>(r->frames().size(), 64); ++i)
            (void)r->read(i);
    }
    for (int run = 0; run < a.runs; ++run) {
        if (!coldOrSay(a.cold)) return 1;
        const Clock::time_point t0 = Clock::now();
        auto r = openReader(path);
        const double o = secondsSince(t0);
        // The first screen: the first frame of each kind of data (events, samples, scrape
        // reports, ...), as the panels of the capture's start need them.
        std::string kinds;
        std::uint32_t records = 0;
        std::vector<bool> seen(16, false);
        for (std::size_t i = 0; i < r->frames().size(); ++i) {
            const capture::FrameInfo &fi = r->frames()[i];
            const auto type = static_cast<std::size_t>(fi.type);
            if (fi.type == capture::FrameType::Series || type >= seen.size() || seen[type]) continue;
            seen[type] = true;
            auto f = r->read(i);
            if (!f) {
                std::fprintf(stderr, "bench_capture: %s\n", f.error().message.c_str());
                return 1;
            }
            records += f->info.records;
            kinds += std::string(kinds.empty() ? "" : "+") + capture::frameTypeName(fi.type);
        }
        const double total = secondsSince(t0);
        std::printf(
            "  %s open run %d: open %.1f ms, first frames (%s, %u records) %.1f ms, total %.1f ms; %s, %zu "
            "frames, %zu series, %s\n",
            a.cold ? "cold" : "warm", run, o * 1e3, kinds.c_str(), records, (total - o) * 1e3, total * 1e3,
            r->cleanlyClosed() ? "trailer" : "walked", r->frames().size(), r->series().size(),
            r->damageSummary().c_str());
        opens.push_back(o * 1e3);
        firsts.push_back((total - o) * 1e3);
        totals.push_back(total * 1e3);
    }
    std::printf("open: median open %.1f ms, first frames %.1f ms, total %.1f ms (max %.1f ms)\n",
                median(opens), median(firsts), median(totals),
                *std::max_element(totals.begin(), totals.end()));
    result("open_ms", median(opens));
    result("first_frame_ms", median(firsts));
    result("open_total_ms", median(totals));
    result("open_total_max_ms", *std::max_element(totals.begin(), totals.end()));
    return 0;
}

int cmdSeek(const Args &a)
{
    if (a.positional.size() != 1) return 2;
    auto r = openReader(a.positional[0]);
    const std::int64_t lo = r->firstMs(), hi = r->lastMs();
    if (!coldOrSay(a.cold)) return 1;
    Rng rng{a.seed};
    std::vector<double> ms;
    std::uint64_t records = 0;
    for (int k = 0; k < a.count; ++k) {
        const std::int64_t t = lo + std::int64_t(rng.unit() * double(hi - lo));
        const Clock::time_point t0 = Clock::now();
        const std::size_t i = r->frameAt(t);
        if (i < r->frames().size()) {
            auto f = r->read(i);
            if (!f) {
                std::fprintf(stderr, "bench_capture: %s\n", f.error().message.c_str());
                return 1;
            }
            records += f->info.records;
        }
        ms.push_back(secondsSince(t0) * 1e3);
    }
    std::printf(
        "seek (%s): %d random times over %.0f s, %zu frames: median %.2f ms, p99 %.2f ms, max %.2f ms "
        "(%.0f records per frame read)\n",
        a.cold ? "cold" : "warm", a.count, double(hi - lo) / 1e3, r->frames().size(), median(ms),
        percentile(ms, 99), *std::max_element(ms.begin(), ms.end()), double(records) / a.count);
    result("seek_median_ms", median(ms));
    result("seek_p99_ms", percentile(ms, 99));
    result("seek_max_ms", *std::max_element(ms.begin(), ms.end()));
    return 0;
}

int cmdReplay(const Args &a)
{
    if (a.positional.size() != 1) return 2;
    if (!coldOrSay(a.cold)) return 1;
    const long rssBefore = maxRssKiB();
    const Clock::time_point t0 = Clock::now();
    auto r = openReader(a.positional[0]);
    const double openS = secondsSince(t0);
    std::uint64_t samples = 0, events = 0, scrapes = 0, raw = 0;
    long rssPeakDuring = 0;
    for (std::size_t i = 0; i < r->frames().size(); ++i) {
        auto f = r->read(i);
        if (!f) {
            std::fprintf(stderr, "bench_capture: %s\n", f.error().message.c_str());
            return 1;
        }
        raw += f->info.rawBytes;
        for (const capture::SampleRun &run : f->records.samples)
            samples += run.points.size();
        events += f->records.events.size();
        scrapes += f->records.scrapes.size();
        if (i % 1024 == 0) rssPeakDuring = std::max(rssPeakDuring, currentRssKiB());
    }
    const double s = secondsSince(t0);
    const double gb = double(r->fileSize()) / 1e9;
    std::printf(
        "replay (%s cache): %.2f GB, %zu frames, %zu series in %.1f s (open %.2f s): %.0f MB/s of file, %.0f "
        "MB/s raw payload, %.2f M events/s + %.2f M samples/s (%llu events, %llu samples, %llu scrapes); RSS "
        "before %.1f MiB, peak %.1f MiB (ru_maxrss)\n",
        a.cold ? "cold" : "warm", gb, r->frames().size(), r->series().size(), s, openS, gb * 1e3 / s,
        double(raw) / 1e6 / s, double(events) / s / 1e6, double(samples) / s / 1e6,
        (unsigned long long)events, (unsigned long long)samples, (unsigned long long)scrapes,
        double(rssBefore) / 1024, double(maxRssKiB()) / 1024);
    result("replay_gb", gb);
    result("replay_seconds", s);
    result("replay_file_mb_s", gb * 1e3 / s);
    result("replay_raw_mb_s", double(raw) / 1e6 / s);
    result("replay_rss_before_mib", double(rssBefore) / 1024);
    result("replay_peak_rss_mib", double(maxRssKiB()) / 1024);
    result("replay_events", double(events));
    result("replay_samples", double(samples));
    return 0;
}

} // namespace vigil::bench

#include "bench_capture_util.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
#include <unistd.h>

namespace vigil::bench {

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::int64_t wallNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

double median(std::vector<double> v)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    std::size_t rank = static_cast<std::size_t>(std::ceil(p / 100.0 * double(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

void result(const char *name, double value)
{
    std::printf("result %s %.6g\n", name, value);
    std::fflush(stdout);
}

double processCpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u); // every thread, the joined ones too
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

long maxRssKiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

long currentRssKiB()
{
    std::ifstream in("/proc/self/statm");
    long pages = 0, resident = 0;
    in >> pages >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// The disk and the kernel are shared: callers say so when it did not work instead of
// measuring a warm cache.
bool dropCaches()
{
    ::sync();
    const int fd = ::open("/proc/sys/vm/drop_caches", O_WRONLY);
    if (fd < 0) return false;
    const bool ok = ::write(fd, "3\n", 2) == 2;
    ::close(fd);
    return ok;
}

std::shared_ptr<std::string> loadFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "bench_capture: cannot read %s\n", path.c_str());
        std::exit(1);
    }
    std::ostringstream s;
    s << in.rdbuf();
    auto text = std::make_shared<std::string>(s.str());
    if (!text->empty() && text->back() != '\n') text->push_back('\n');
    text->reserve(text->size() + kLinePadding);
    return text;
}

std::vector<LineBatch> cutBatches(const std::shared_ptr<std::string> &text, std::size_t batchBytes)
{
    std::vector<LineBatch> out;
    const char *p = text->data();
    const char *end = p + text->size();
    std::uint64_t line = 1;
    while (p < end) {
        const char *stop = p + std::min<std::size_t>(batchBytes, std::size_t(end - p));
        const char *cut = stop;
        if (stop < end) {
            const void *nl = std::memchr(stop, '\n', std::size_t(end - stop));
            cut = nl ? static_cast<const char *>(nl) + 1 : end;
        }
        LineBatch b;
        b.sourceId = 1;
        b.backing = text;
        b.view = p;
        b.viewSize = std::size_t(cut - p);
        b.viewReadable = std::size_t(text->data() + text->capacity() - p);
        b.lineCount = static_cast<std::uint32_t>(std::count(p, cut, '\n'));
        b.firstLine = line;
        b.firstOffset = std::uint64_t(p - text->data());
        line += b.lineCount;
        out.push_back(std::move(b));
        p = cut;
    }
    return out;
}

Args parseArgs(int argc, char **argv, int from)
{
    Args a;
    for (int i = from; i < argc; ++i) {
        const std::string s = argv[i];
        const auto value = [&]() -> const char * {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "bench_capture: %s needs a value\n", s.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (s == "--runs")
            a.runs = std::atoi(value());
        else if (s == "--dropping-runs")
            a.droppingRuns = std::atoi(value());
        else if (s == "--passes")
            a.passes = std::max(1, std::atoi(value()));
        else if (s == "--level")
            a.level = std::atoi(value());
        else if (s == "--count")
            a.count = std::atoi(value());
        else if (s == "--scrapes")
            a.scrapes = std::atoi(value());
        else if (s == "--queue")
            a.queueMb = std::atof(value());
        else if (s == "--sync-mb")
            a.syncMb = std::atof(value());
        else if (s == "--mb")
            a.mb = std::atof(value());
        else if (s == "--rate")
            a.rate = std::atof(value());
        else if (s == "--seed")
            a.seed = std::strtoull(value(), nullptr, 10) | 1;
        else if (s == "--cold")
            a.cold = true;
        else if (s == "--compare-sync")
            a.compareSync = true;
        else if (s.size() > 1 && s[0] == '-') {
            std::fprintf(stderr, "bench_capture: unknown option %s\n", s.c_str());
            std::exit(2);
        } else
            a.positional.push_back(s);
    }
    return a;
}

std::unique_ptr<capture::CaptureWriter> openWriter(const std::string &path, int level, double syncMb,
                                                   double queueMb)
{
    ::unlink(path.c_str());
    capture::WriterOptions o;
    o.path = path;
    o.zstdLevel = level;
    if (syncMb > 0) { // a diagnostic: how much the writer's fdatasync calls cost
        o.syncBytes = std::size_t(syncMb * (1 << 20));
        o.syncInterval = std::chrono::hours(1);
    }
    if (queueMb > 0) o.maxQueuedBytes = std::size_t(queueMb * (1 << 20));
    o.writerId = "bench_capture";
    auto w = capture::CaptureWriter::open(o);
    if (!w) {
        std::fprintf(stderr, "bench_capture: %s\n", w.error().message.c_str());
        std::exit(1);
    }
    return std::move(*w);
}

std::unique_ptr<capture::CaptureReader> openReader(const std::string &path)
{
    auto r = capture::CaptureReader::open(path);
    if (!r) {
        std::fprintf(stderr, "bench_capture: %s\n", r.error().message.c_str());
        std::exit(1);
    }
    return std::move(*r);
}

} // namespace vigil::bench

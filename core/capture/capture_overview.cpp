#include "core/capture/capture_overview.h"

#include "core/cluster/cluster_json.h"
#include "core/cluster/cluster_text.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <iterator>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>

namespace vigil::capture {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxMarkText = 1024;
constexpr std::size_t kAlertExcerpt = 200;

// Plain text of at most kMaxMarkText bytes (plainText() appends "..." past its limit).
std::string markText(std::string_view untrusted)
{
    return plainText(untrusted, kMaxMarkText - 3);
}
constexpr auto kPublishInterval = std::chrono::milliseconds(100);

std::int64_t floorDivMs(std::int64_t ns)
{
    std::int64_t q = ns / 1'000'000;
    if (ns % 1'000'000 < 0) --q;
    return q;
}

// b - a for a <= b, exact over the whole int64 range.
std::uint64_t distance(std::int64_t a, std::int64_t b)
{
    return static_cast<std::uint64_t>(b) - static_cast<std::uint64_t>(a);
}

// The leader and highest term one cluster state shows.
struct ElectionState
{
    std::string leaderId;   // empty: no leader
    std::string leaderName; // for the mark's text
    std::optional<std::uint64_t> term;
    bool operator==(const ElectionState &o) const { return leaderId == o.leaderId && term == o.term; }
};

ElectionState electionState(const ClusterSnapshot &s)
{
    ElectionState e;
    const ClusterNode *leader = nullptr;
    for (const ClusterNode &n : s.nodes) {
        if (n.term && (!e.term || *n.term > *e.term)) e.term = n.term;
        // Two leaders (an anomaly): the one in the higher term is the one that counts.
        if (n.role == NodeRole::Leader && (!leader || n.term.value_or(0) > leader->term.value_or(0)))
            leader = &n;
    }
    if (leader) {
        e.leaderId = leader->id;
        e.leaderName = leader->name.empty() ? leader->id : leader->name;
    }
    return e;
}

std::string electionText(const ElectionState &e)
{
    std::string s = e.leaderId.empty() ? std::string("no leader") : plainText(e.leaderName, 256) + " leader";
    if (e.term) s += ", term " + std::to_string(*e.term);
    return s;
}

std::string firstLine(std::string_view text)
{
    std::string_view line = text.substr(0, text.find('\n'));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return markText(line);
}

} // namespace

const char *markKindName(MarkKind kind)
{
    switch (kind) {
    case MarkKind::Note:
        return "note";
    case MarkKind::Election:
        return "election";
    case MarkKind::Alert:
        return "alert";
    case MarkKind::Damage:
        break;
    }
    return "damage";
}

std::size_t CaptureOverview::bucketAt(std::int64_t ms) const
{
    if (buckets.empty() || ms <= firstMs || bucketMs <= 0) return 0;
    const std::uint64_t i = distance(firstMs, ms) / static_cast<std::uint64_t>(bucketMs);
    return static_cast<std::size_t>(std::min<std::uint64_t>(i, buckets.size() - 1));
}

// ---------------------------------------------------------------- the scan

struct CaptureOverviewScan::Impl
{
    std::string path;
    bool salvage = false;
    std::atomic<bool> cancelRequested{false};
    std::atomic<std::uint64_t> version{0};

    mutable std::mutex mutex;
    mutable std::condition_variable doneCv;
    CaptureOverview published; // guarded by mutex
    bool done = false;         // guarded by mutex

    std::thread thread;

    // Scan thread only.
    CaptureOverview work;               // buckets and counters; marks are kept apart:
    std::vector<OverviewMark> marks;    // notes, elections, alerts, in time order
    std::array<std::size_t, 4> perKind{};
    std::size_t dropped = 0;
    std::unique_ptr<CaptureReader> reader;
    Clock::time_point lastPublish = Clock::now() - kPublishInterval;

    void run();
    void scan();
    void publish(bool final);
    void cover(std::int64_t t);
    void doubleBuckets();
    OverviewBucket &bucket(std::int64_t t)
    {
        cover(t);
        return work.buckets[work.bucketAt(t)];
    }
    void addMark(MarkKind kind, std::int64_t atMs, std::string text);
    std::vector<OverviewMark> damageMarks(std::size_t &droppedDamage) const;
};

void CaptureOverviewScan::Impl::doubleBuckets()
{
    std::vector<OverviewBucket> &b = work.buckets;
    const std::size_t n = (b.size() + 1) / 2;
    for (std::size_t j = 0; j < n; ++j) {
        OverviewBucket m = b[2 * j];
        if (2 * j + 1 < b.size()) {
            const OverviewBucket &o = b[2 * j + 1];
            m.eventLines += o.eventLines;
            m.samples += o.samples;
            m.scrapes += o.scrapes;
            m.failedScrapes += o.failedScrapes;
        }
        b[j] = m;
    }
    b.resize(n);
    work.bucketMs *= 2;
}

// Widens the buckets so that `t` falls in one (see the header: bucketMs doubles rather
// than exceed kMaxBuckets; the first bucket's start moves by whole buckets).
void CaptureOverviewScan::Impl::cover(std::int64_t t)
{
    if (t >= work.firstMs && t <= work.lastMs) return;
    constexpr std::size_t kMax = CaptureOverview::kMaxBuckets;
    while (t < work.firstMs) {
        const std::uint64_t width = static_cast<std::uint64_t>(work.bucketMs);
        const std::uint64_t gap = distance(t, work.firstMs);
        const std::uint64_t k = gap / width + (gap % width ? 1 : 0);
        // Within a bucket of the int64 minimum the start cannot move by whole buckets:
        // such a time is clamped into the first bucket.
        if (k > distance(std::numeric_limits<std::int64_t>::min(), work.firstMs) / width) break;
        if (k > kMax - work.buckets.size()) {
            doubleBuckets();
            continue;
        }
        work.buckets.insert(work.buckets.begin(), static_cast<std::size_t>(k), OverviewBucket{});
        work.firstMs = static_cast<std::int64_t>(static_cast<std::uint64_t>(work.firstMs) - k * width);
    }
    if (t > work.lastMs) {
        work.lastMs = t;
        for (;;) {
            const std::uint64_t need = distance(work.firstMs, t) / static_cast<std::uint64_t>(work.bucketMs) + 1;
            if (need <= kMax) {
                if (need > work.buckets.size()) work.buckets.resize(static_cast<std::size_t>(need));
                break;
            }
            doubleBuckets();
        }
    }
}

void CaptureOverviewScan::Impl::addMark(MarkKind kind, std::int64_t atMs, std::string text)
{
    std::size_t &count = perKind[static_cast<std::size_t>(kind)];
    if (count >= CaptureOverview::kMaxMarksPerKind) {
        ++dropped;
        return;
    }
    ++count;
    // Frames come in about time order, so this is nearly always an append.
    const auto at = std::upper_bound(marks.begin(), marks.end(), atMs,
                                     [](std::int64_t ms, const OverviewMark &m) { return ms < m.atMs; });
    marks.insert(at, OverviewMark{kind, atMs, std::move(text)});
}

// Computed afresh at every publish: the time of the frame before a damaged offset is
// only known once that frame has been read.
std::vector<OverviewMark> CaptureOverviewScan::Impl::damageMarks(std::size_t &droppedDamage) const
{
    std::vector<OverviewMark> out;
    droppedDamage = 0;
    if (!reader) return out;
    const std::vector<FrameInfo> &frames = reader->frames();
    for (const Damage &dm : reader->damage()) {
        if (out.size() >= CaptureOverview::kMaxMarksPerKind) {
            ++droppedDamage;
            continue;
        }
        std::int64_t at = work.firstMs;
        auto it = std::lower_bound(frames.begin(), frames.end(), dm.offset,
                                   [](const FrameInfo &f, std::uint64_t off) { return f.offset < off; });
        while (it != frames.begin()) {
            --it;
            if (it->type != FrameType::Series) {
                at = it->lastMs;
                break;
            }
        }
        std::string text = dm.reason;
        if (text.find("offset") == std::string::npos) text += " at offset " + std::to_string(dm.offset);
        out.push_back({MarkKind::Damage, at, markText(text)});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const OverviewMark &a, const OverviewMark &b) { return a.atMs < b.atMs; });
    return out;
}

void CaptureOverviewScan::Impl::publish(bool final)
{
    const Clock::time_point now = Clock::now();
    if (!final && now - lastPublish < kPublishInterval) return;
    lastPublish = now;

    // Built outside the lock: the GUI's snapshot() only waits for the swap.
    CaptureOverview copy = work;
    std::size_t droppedDamage = 0;
    const std::vector<OverviewMark> damage = damageMarks(droppedDamage);
    copy.marks.clear();
    copy.marks.reserve(marks.size() + damage.size());
    std::merge(marks.begin(), marks.end(), damage.begin(), damage.end(), std::back_inserter(copy.marks),
               [](const OverviewMark &a, const OverviewMark &b) { return a.atMs < b.atMs; });
    copy.marksDropped = dropped + droppedDamage;
    {
        const std::lock_guard<std::mutex> lock(mutex);
        published = std::move(copy);
        if (final) done = true;
        version.fetch_add(1, std::memory_order_release);
    }
    if (final) doneCv.notify_all();
}

void CaptureOverviewScan::Impl::run()
{
    try {
        scan();
    } catch (const std::exception &e) { // out of memory on a hostile file: report, never terminate
        work.error = std::string("scan failed: ") + e.what();
        work.complete = false;
    }
    publish(true);
    reader.reset(); // closes the file now rather than with the scan object
}

void CaptureOverviewScan::Impl::scan()
{
    ReaderOptions options;
    options.salvage = salvage;
    options.progress = [this](std::uint64_t, std::uint64_t) {
        return !cancelRequested.load(std::memory_order_relaxed);
    };
    auto opened = CaptureReader::open(path, std::move(options));
    if (!opened) {
        if (cancelRequested.load())
            work.cancelled = true;
        else
            work.error = opened.error().message;
        return;
    }
    reader = std::move(*opened);
    CaptureReader &r = *reader;

    const std::vector<FrameInfo> &frames = r.frames();
    work.frames = frames.size();
    if (frames.empty()) {
        work.firstMs = work.lastMs = work.scannedToMs = r.header().startMs;
        work.complete = !cancelRequested.load();
        work.cancelled = !work.complete;
        return;
    }
    // The span as the index knows it; cover() widens it when a record falls outside.
    work.firstMs = r.firstMs();
    work.lastMs = std::max(r.lastMs(), work.firstMs);
    const std::uint64_t span = distance(work.firstMs, work.lastMs);
    std::uint64_t width = span / CaptureOverview::kMaxBuckets + 1; // span / width < kMaxBuckets
    width = (width + 999) / 1000 * 1000;
    work.bucketMs = static_cast<std::int64_t>(width);
    work.buckets.assign(static_cast<std::size_t>(span / width + 1), OverviewBucket{});
    work.scannedToMs = work.firstMs;
    publish(false);

    std::optional<ElectionState> previous;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        if (cancelRequested.load(std::memory_order_relaxed)) {
            work.cancelled = true;
            return;
        }
        // Series definitions were loaded by open(); they have no times.
        if (frames[i].type != FrameType::Series) {
            if (auto f = r.read(i)) {
                const FrameRecords &rec = f->records;
                for (const SampleRun &run : rec.samples)
                    for (const SamplePoint &p : run.points)
                        ++bucket(p.timestampMs).samples;
                for (const ScrapeRecord &s : rec.scrapes) {
                    OverviewBucket &b = bucket(s.timestampMs);
                    ++b.scrapes;
                    if (!s.up || !s.error.empty()) ++b.failedScrapes;
                }
                for (const EventLine &e : rec.events)
                    ++bucket(floorDivMs(e.arrivalNs)).eventLines;
                for (const Note &n : rec.notes)
                    addMark(MarkKind::Note, n.timestampMs, firstLine(n.text));
                for (const JsonRecord &a : rec.alerts)
                    addMark(MarkKind::Alert, a.timestampMs, plainText(a.json, kAlertExcerpt));
                for (const JsonRecord &c : rec.cluster) {
                    const Result<ClusterSnapshot> snap = clusterFromJson(c.json);
                    if (!snap) {
                        ++work.clusterStatesSkipped;
                        continue;
                    }
                    ElectionState now = electionState(*snap);
                    if (previous && !(*previous == now)) addMark(MarkKind::Election, c.timestampMs, electionText(now));
                    previous = std::move(now);
                }
                // Times of frames without an index entry are known once read.
                if (f->info.type != FrameType::Series)
                    work.scannedToMs = std::max(work.scannedToMs, f->info.lastMs);
            }
            // else: the reader recorded it in damage(); damageMarks() picks it up.
        }
        work.framesScanned = i + 1;
        publish(false);
    }
    work.complete = true;
}

// ---------------------------------------------------------------- CaptureOverviewScan

CaptureOverviewScan::CaptureOverviewScan(std::string path, bool salvage) : d(std::make_unique<Impl>())
{
    d->path = std::move(path);
    d->salvage = salvage;
    d->thread = std::thread([impl = d.get()] { impl->run(); });
}

CaptureOverviewScan::~CaptureOverviewScan()
{
    cancel();
    if (d->thread.joinable()) d->thread.join();
}

void CaptureOverviewScan::cancel()
{
    d->cancelRequested.store(true, std::memory_order_relaxed);
}

bool CaptureOverviewScan::finished() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->done;
}

CaptureOverview CaptureOverviewScan::snapshot() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->published;
}

std::uint64_t CaptureOverviewScan::version() const
{
    return d->version.load(std::memory_order_acquire);
}

void CaptureOverviewScan::wait() const
{
    std::unique_lock<std::mutex> lock(d->mutex);
    d->doneCv.wait(lock, [this] { return d->done; });
}

} // namespace vigil::capture

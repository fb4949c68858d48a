#include "core/hub/ingest_hub.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace vigil {

IngestHub::IngestHub() : IngestHub(Options{}) {}

IngestHub::IngestHub(Options options) : m_store(options.store), m_options(options) {}

IngestHub::~IngestHub() { stop(); }

void IngestHub::start()
{
    std::lock_guard lock(m_queueMutex);
    if (m_thread.joinable())
        return;
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
}

void IngestHub::stop()
{
    {
        std::lock_guard lock(m_queueMutex);
        if (!m_thread.joinable())
            return;
        m_stopping = true;
    }
    m_queueCv.notify_all();
    m_thread.join();
    // Anything still queued is applied so no accepted batch is lost on shutdown.
    std::deque<SampleBatch> rest;
    {
        std::lock_guard lock(m_queueMutex);
        rest.swap(m_queue);
    }
    for (auto &b : rest)
        apply(std::move(b));
    std::lock_guard lock(m_queueMutex);
    m_applied = m_submitted;
    m_idleCv.notify_all();
}

void IngestHub::submit(SampleBatch batch)
{
    bool dropped = false;
    {
        std::lock_guard lock(m_queueMutex);
        if (!m_thread.joinable()) {
            // Not started: nothing will drain the queue; apply inline instead.
            ++m_submitted;
            ++m_applied;
        } else {
            if (m_queue.size() >= m_options.maxQueuedBatches) {
                m_queue.pop_front();
                ++m_applied; // the dropped batch counts as done for flush()
                dropped = true;
            }
            m_queue.push_back(std::move(batch));
            ++m_submitted;
            m_queueCv.notify_one();
            if (!dropped)
                return;
        }
    }
    if (dropped) {
        std::lock_guard lock(m_statsMutex);
        ++m_stats.batchesDropped;
        return;
    }
    apply(std::move(batch));
}

void IngestHub::flush()
{
    std::unique_lock lock(m_queueMutex);
    const std::uint64_t target = m_submitted;
    m_idleCv.wait(lock, [&] { return m_applied >= target || !m_thread.joinable(); });
}

void IngestHub::run()
{
    for (;;) {
        SampleBatch batch;
        {
            std::unique_lock lock(m_queueMutex);
            m_queueCv.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                return; // stopping and drained
            batch = std::move(m_queue.front());
            m_queue.pop_front();
        }
        apply(std::move(batch));
        {
            std::lock_guard lock(m_queueMutex);
            ++m_applied;
        }
        m_idleCv.notify_all();
    }
}

void IngestHub::reset()
{
    flush();
    std::lock_guard applyLock(m_applyMutex);
    m_store.removeAll();
    m_targetSeries.clear();
    m_scrapeCache.clear();
    m_newestMs = 0;
    std::lock_guard lock(m_targetsMutex);
    m_targets.clear();
    ++m_targetsVersion;
}

void IngestHub::apply(SampleBatch batch)
{
    std::lock_guard applyLock(m_applyMutex);
    if (batch.scrape)
        applyScrape(batch);
    else if (batch.parsed)
        applyScrape(batch); // plain sample batches take the same path without a report
    // Retention follows the newest data time, not the wall clock, so a replayed
    // capture from last week keeps its window like live data does.
    m_store.enforceRetention(m_newestMs);
    {
        std::lock_guard lock(m_statsMutex);
        ++m_stats.batchesApplied;
    }
    // One uncontended lock per batch (producers never take it); held during the call
    // so that clearing the tap also waits out a call in progress.
    std::lock_guard lock(m_tapMutex);
    if (m_tap)
        m_tap(batch);
}

void IngestHub::setCaptureTap(CaptureTap tap)
{
    std::lock_guard lock(m_tapMutex);
    m_tap = std::move(tap);
}

namespace {

// Same metric name and label pairs (in exposition order) as a sample of the previous
// scrape: then it is the same series and the previous id is reused without interning.
bool sameSeries(const expo::ParseResult &a, const expo::SampleView &sa, const expo::ParseResult &b,
                const expo::SampleView &sb)
{
    if (sa.name != sb.name || sa.labelCount != sb.labelCount)
        return false;
    for (std::uint32_t i = 0; i < sa.labelCount; ++i) {
        const LabelView &la = a.labels[sa.labelBegin + i];
        const LabelView &lb = b.labels[sb.labelBegin + i];
        if (la.name != lb.name || la.value != lb.value)
            return false;
    }
    return true;
}

} // namespace

void IngestHub::applyScrape(SampleBatch &batch)
{
    const std::string key = batch.scrape ? batch.scrape->targetUrl : std::string();
    ScrapeCache &cache = m_scrapeCache[key];
    std::vector<SeriesId> ids;

    if (batch.parsed) {
        const expo::ParseResult &parsed = *batch.parsed;
        // A removed series invalidates cached ids (they would point at nothing).
        const std::uint64_t removed = m_store.stats().removedSeries;
        const bool cacheUsable = cache.parsed && cache.removedSeries == removed && batch.targetLabels == cache.targetLabels;

        // Target labels win over scraped ones, like Prometheus without honor_labels:
        // a clashing scraped label is kept as exported_<name>.
        std::vector<std::string> exportedNames;
        std::vector<LabelView> extra;
        for (const Label &l : batch.targetLabels) {
            exportedNames.push_back("exported_" + l.name);
            extra.push_back({l.name, l.value});
        }
        std::vector<LabelView> labels;
        std::vector<AppendItem> items;
        ids.resize(parsed.samples.size(), kInvalidSeries);
        items.reserve(parsed.samples.size());
        for (const expo::FamilyView &family : parsed.families) {
            for (std::uint32_t i = 0; i < family.sampleCount; ++i) {
                const std::uint32_t index = family.sampleBegin + i;
                const expo::SampleView &s = parsed.samples[index];
                SeriesId id = kInvalidSeries;
                if (cacheUsable && index < cache.ids.size() && cache.ids[index] != kInvalidSeries
                    && sameSeries(parsed, s, *cache.parsed, cache.parsed->samples[index])) {
                    id = cache.ids[index];
                } else {
                    labels.assign(parsed.labels.begin() + s.labelBegin,
                                  parsed.labels.begin() + s.labelBegin + s.labelCount);
                    for (LabelView &l : labels)
                        for (std::size_t t = 0; t < extra.size(); ++t)
                            if (l.name == extra[t].name)
                                l.name = exportedNames[t];
                    const SeriesId limit = m_store.idLimit();
                    id = m_store.intern(s.name, labels, extra);
                    if (id >= limit)
                        m_store.setMetadata(id, family.type, family.help, family.unit);
                }
                ids[index] = id;
                const std::int64_t ts = s.hasTimestamp ? s.timestampMs : batch.timestampMs;
                items.push_back({id, ts, s.value});
                m_newestMs = std::max(m_newestMs, ts);
            }
        }
        m_store.appendBatch(items);
        {
            std::lock_guard lock(m_statsMutex);
            m_stats.samplesApplied += items.size();
        }
        cache.body = batch.body;
        cache.parsed = batch.parsed;
        cache.ids = ids;
        cache.targetLabels = batch.targetLabels;
        cache.removedSeries = removed;
    } else {
        cache = {};
    }

    if (batch.scrape) {
        const ScrapeReport &report = *batch.scrape;
        // Series gone since the previous successful scrape (or all of them, when this
        // scrape failed) become stale rather than looking current.
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        auto &previous = m_targetSeries[key];
        std::vector<SeriesId> gone;
        std::set_difference(previous.begin(), previous.end(), ids.begin(), ids.end(),
                            std::back_inserter(gone));
        for (SeriesId id : gone)
            m_store.markStale(id, report.timestampMs);
        const std::size_t seriesCount = ids.size();
        previous = std::move(ids);

        m_newestMs = std::max(m_newestMs, report.timestampMs);
        synthesize(report, batch.targetLabels);
        updateTarget(report, seriesCount);
    }
}

void IngestHub::synthesize(const ScrapeReport &report, const Labels &targetLabels)
{
    std::vector<LabelView> extra;
    for (const Label &l : targetLabels)
        extra.push_back({l.name, l.value});
    const auto put = [&](std::string_view name, double value, expo::MetricType type, std::string_view help) {
        const SeriesId limit = m_store.idLimit();
        const SeriesId id = m_store.intern(name, {}, extra);
        if (id >= limit)
            m_store.setMetadata(id, type, help, {});
        m_store.append(id, report.timestampMs, value);
    };
    put("up", report.up ? 1.0 : 0.0, expo::MetricType::Gauge, "1 if the last scrape of the target succeeded, else 0.");
    put("scrape_duration_seconds", report.durationSeconds, expo::MetricType::Gauge,
        "Duration of the scrape in seconds.");
    put("scrape_samples_scraped", static_cast<double>(report.samples), expo::MetricType::Gauge,
        "Number of samples the target exposed.");
}

void IngestHub::updateTarget(const ScrapeReport &report, std::size_t seriesCount)
{
    std::lock_guard lock(m_targetsMutex);
    auto it = std::find_if(m_targets.begin(), m_targets.end(),
                           [&](const TargetStatus &t) { return t.last.targetUrl == report.targetUrl; });
    if (it == m_targets.end()) {
        m_targets.emplace_back();
        it = std::prev(m_targets.end());
    }
    const bool wasUp = it->scrapes > 0 && it->last.up;
    if (it->scrapes > 0 && wasUp != report.up) {
        if (report.up)
            spdlog::info("target {} is up again", report.targetUrl);
        else
            spdlog::warn("target {} is down: {}", report.targetUrl, report.error);
    }
    it->last = report;
    ++it->scrapes;
    if (report.up) {
        it->lastSuccessMs = report.timestampMs;
        it->seriesInLastScrape = seriesCount;
    } else {
        ++it->failures;
        it->seriesInLastScrape = 0;
    }
    ++m_targetsVersion;
}

std::vector<TargetStatus> IngestHub::targets() const
{
    std::lock_guard lock(m_targetsMutex);
    return m_targets;
}

std::uint64_t IngestHub::targetsVersion() const
{
    std::lock_guard lock(m_targetsMutex);
    return m_targetsVersion;
}

IngestHub::Stats IngestHub::stats() const
{
    Stats s;
    {
        std::lock_guard lock(m_statsMutex);
        s = m_stats;
    }
    std::lock_guard lock(m_queueMutex);
    s.queued = m_queue.size();
    return s;
}

} // namespace vigil

// IngestHub: the one owner and writer of Vigil's live state (series store, target
// health, the capture tap; later the cluster model).
//
// Threads: submit() may be called from any thread and never blocks on the store;
// batches are applied in order on the hub's own thread. Readers (GUI refresh timer,
// CLI) call the const accessors from any thread. setCaptureTap() from any thread.
#pragma once

#include "core/hub/sample_batch.h"
#include "core/hub/target_status.h"
#include "core/store/series_store.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace vigil {

class IngestHub
{
public:
    struct Options
    {
        SeriesStore::Options store;
        std::size_t maxQueuedBatches = 256; // beyond this the oldest queued batch is dropped and counted
    };
    struct Stats
    {
        std::uint64_t batchesApplied = 0;
        std::uint64_t batchesDropped = 0;
        std::uint64_t samplesApplied = 0;
        std::size_t queued = 0;
    };

    IngestHub();
    explicit IngestHub(Options options);
    ~IngestHub();
    IngestHub(const IngestHub &) = delete;
    IngestHub &operator=(const IngestHub &) = delete;

    void start();
    void stop();

    // Any thread. Queues the batch for the hub thread and returns at once.
    void submit(SampleBatch batch);
    // Any thread. Blocks until every batch submitted before the call is applied.
    // For the CLI and tests; never from the GUI thread.
    void flush();

    // Rewinds to nothing (a capture replay seeking backwards): waits until every batch
    // submitted before the call is applied, then removes every series from the store
    // (SeriesStore::removeAll: old ids die, readers see generation() bump) and forgets
    // target health, staleness and scrape caches. Batches submitted after it returns
    // start from an empty hub. The caller is the only producer while it runs (a batch
    // submitted concurrently by another thread may land on either side). Never from
    // the GUI thread (it waits for the hub); the capture tap is not told.
    void reset();
    // Applies a batch synchronously on the calling thread (hub not started): used by
    // tests and by single-threaded CLI commands.
    void apply(SampleBatch batch);

    // The capture tap: called with every batch the hub applies, exactly once, in apply
    // order, on the thread that applies it (the hub thread once started), right AFTER
    // the batch is applied to the store (so what a capture holds is what the store
    // saw). Batches dropped from a full queue are not applied and never reach the tap.
    // The tap must not block (CaptureWriter::addSamples queues and returns).
    // Set, replace or clear (empty function) from any thread, while running too. The
    // tap is called under a mutex only this function and the applying thread take
    // (never submit() or readers), so when setCaptureTap() returns the previous tap is
    // not running and will never be called again: its owner may be destroyed.
    using CaptureTap = std::function<void(const SampleBatch &)>;
    void setCaptureTap(CaptureTap tap);

    const SeriesStore &store() const { return m_store; }
    std::vector<TargetStatus> targets() const;
    std::uint64_t targetsVersion() const;
    Stats stats() const;

private:
    void run();
    void applyScrape(SampleBatch &batch);
    void synthesize(const ScrapeReport &report, const Labels &targetLabels);
    void updateTarget(const ScrapeReport &report, std::size_t seriesCount);

    SeriesStore m_store;
    Options m_options;

    mutable std::mutex m_queueMutex;
    std::condition_variable m_queueCv;
    std::condition_variable m_idleCv;
    std::deque<SampleBatch> m_queue;
    std::uint64_t m_submitted = 0;
    std::uint64_t m_applied = 0;
    bool m_stopping = false;
    std::thread m_thread;

    mutable std::mutex m_targetsMutex;
    std::vector<TargetStatus> m_targets;
    std::uint64_t m_targetsVersion = 0;
    // series each target produced in its last successful scrape (for staleness)
    std::unordered_map<std::string, std::vector<SeriesId>> m_targetSeries;
    // Per target, the previous scrape and the ids its samples resolved to: a sample
    // with the same name and labels at the same position reuses the id (Prometheus'
    // scrape cache), so a steady target skips interning entirely.
    struct ScrapeCache
    {
        std::shared_ptr<const std::string> body;
        std::shared_ptr<const expo::ParseResult> parsed;
        std::vector<SeriesId> ids;
        Labels targetLabels;
        std::uint64_t removedSeries = 0;
    };
    std::unordered_map<std::string, ScrapeCache> m_scrapeCache;
    std::int64_t m_newestMs = 0; // newest sample time applied (hub thread only)

    mutable std::mutex m_statsMutex;
    Stats m_stats;

    std::mutex m_applyMutex; // held while a batch is applied and by reset()
    std::mutex m_tapMutex; // the applying thread and setCaptureTap() only
    CaptureTap m_tap;
};

} // namespace vigil

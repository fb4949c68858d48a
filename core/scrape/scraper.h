// Scraper: scrapes a set of targets on their intervals, off the GUI thread, and
// hands each scrape to a sink as one SampleBatch (all or nothing). Failures back
// off exponentially with jitter (0.5 s -> 60 s) and recover by themselves.
//
// Threads: construct, configure and destroy from one thread (any). The scraping
// itself runs on the Scraper's own worker thread; the sink is called there and
// must not block for long (IngestHub::submit is fine).
#pragma once

#include "core/expo/expo_types.h"
#include "core/hub/sample_batch.h"
#include "core/scrape/backoff.h"
#include "core/scrape/scrape_target.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vigil {

using BatchSink = std::function<void(SampleBatch &&)>;

class Scraper : public QObject
{
    Q_OBJECT
public:
    explicit Scraper(BatchSink sink, QObject *parent = nullptr);
    ~Scraper() override;

    void start();
    void stop();
    // Replace the target set; unchanged targets keep their schedule.
    void setTargets(std::vector<ScrapeTargetConfig> targets);
    void addTarget(ScrapeTargetConfig target);
    void removeTarget(const std::string &url);
    std::vector<ScrapeTargetConfig> targets() const;

    // Retry delays after failures (default 0.5 s doubling to 60 s, +-20 % jitter).
    // Takes effect for the next failure of each target. Tests shorten it.
    void setBackoffPolicy(const BackoffPolicy &policy);
    BackoffPolicy backoffPolicy() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

struct ScrapeOnceResult
{
    ScrapeReport report;
    std::shared_ptr<const std::string> body;
    std::shared_ptr<const expo::ParseResult> parsed; // null unless report.up
    std::optional<expo::ParseError> parseError;      // set when the body did not parse
    double parseSeconds = 0;                         // time spent parsing the body
};

// Scrapes once, blocking the calling thread (runs its own event loop). For vigilctl.
ScrapeOnceResult scrapeOnce(const ScrapeTargetConfig &target);

} // namespace vigil

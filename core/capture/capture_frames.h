// FrameAssembler: turns what the CaptureWriter's queue delivers into frame payloads
// (docs/capture-format.md): the series dictionary (label set -> dense id, defined in a
// series frame before the first samples frame that uses it), samples grouped into one
// run per series per frame, scrape reports, event sources and lines, cluster states and
// notes. A frame is handed to the FrameSink when its raw payload reaches frameBytes,
// when it is older than the age limit (cutAged), or on cutAll (flush, rotation, close).
// Private to core/capture.
//
// Series identity is the one the IngestHub stores: the sample's name, its scraped
// labels (a label clashing with a target label renamed exported_<name>) plus the
// target labels, empty values and __name__ dropped, sorted by name, first of equal
// names kept. Timestamps: the sample's own, else the batch's.
//
// Threads: the writer thread only.
#pragma once

#include "core/capture/capture_records.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace vigil {
struct SampleBatch;
struct ScrapeReport;
} // namespace vigil

namespace vigil::capture {

struct ReadyFrame
{
    FrameType type = FrameType::Samples;
    std::string_view payload;
    std::uint32_t records = 0;
    std::int64_t firstMs = 0;          // the frame header's first-record time (delta base)
    std::int64_t minMs = 0, maxMs = 0; // earliest and latest record time (0/0: none)
};

class FrameSink
{
  public:
    virtual ~FrameSink() = default;
    // Returns false when the frame could not be written (recording stops).
    virtual bool writeFrame(const ReadyFrame &frame) = 0;
};

struct AssemblerCounts
{
    std::uint64_t samples = 0, events = 0, scrapes = 0, clusterStates = 0, notes = 0, series = 0;
    std::uint64_t dropped = 0; // records that cannot be encoded (over the format's limits)
};

class FrameAssembler
{
  public:
    using Clock = std::chrono::steady_clock;

    FrameAssembler(FrameSink &sink, std::size_t frameBytes);

    // Each returns false when the sink failed.
    bool addSamples(const SampleBatch &batch, Clock::time_point now);
    bool addScrape(const ScrapeReport &report, const Labels &targetLabels, Clock::time_point now);
    bool addEventSource(std::uint32_t sourceId, const std::string &url, Clock::time_point now);
    // '\n'-terminated lines (a last line without one is taken as well).
    bool addEventLines(std::uint32_t sourceId, std::int64_t arrivalNs, std::string_view text,
                       Clock::time_point now);
    bool addEventLine(const EventLine &line, Clock::time_point now);
    bool addClusterState(const JsonRecord &state, Clock::time_point now);
    bool addNote(const Note &note, Clock::time_point now);

    bool cutAged(Clock::time_point now, Clock::duration maxAge);
    bool cutAll();
    // When the oldest pending frame got its first record (nullopt: nothing pending).
    std::optional<Clock::time_point> oldestPending() const;
    // A new file: the series dictionary and event source definitions start over.
    // Call after cutAll().
    void startFile();

    const AssemblerCounts &counts() const { return m_counts; }

  private:
    struct Pending
    {
        explicit Pending(FrameType t) : type(t) {}
        FrameType type;
        std::string payload;
        std::uint32_t records = 0;
        bool hasTime = false;
        std::int64_t firstMs = 0, minMs = 0, maxMs = 0;
        std::int64_t prevArrivalNs = 0; // events: the previous line's arrival
        std::optional<Clock::time_point> since;
        void noteTime(std::int64_t ms);
    };

    Pending &pending(FrameType type);
    bool afterAdd(Pending &p, Clock::time_point now);
    bool cut(Pending &p);
    bool cutSamples();
    // Id of the series whose canonical labels are in m_canon (defined on first use);
    // nullopt when the format cannot hold it. sinkOk turns false when a cut failed.
    std::optional<std::uint32_t> internSeries(std::string_view metric, expo::MetricType type,
                                              Clock::time_point now, bool &sinkOk);
    bool defineSource(std::uint32_t sourceId, Clock::time_point now);
    bool addOneLine(std::uint32_t sourceId, std::int64_t arrivalNs, std::string_view line,
                    Clock::time_point now);

    FrameSink &m_sink;
    std::size_t m_frameBytes;
    AssemblerCounts m_counts;

    Pending m_series{FrameType::Series}, m_targets{FrameType::Targets}, m_events{FrameType::Events},
        m_cluster{FrameType::Cluster}, m_notes{FrameType::Notes};

    // Samples: one run per series, in order of first use in the frame.
    std::vector<SampleRun> m_runs; // [0, m_activeRuns) in use; the rest keep capacity
    std::size_t m_activeRuns = 0;
    std::vector<std::int32_t> m_runOf; // series id -> index into m_runs, -1 when none
    std::size_t m_samplesEstimate = 0; // encoded size so far (upper estimate)
    std::int64_t m_samplesMin = 0, m_samplesMax = 0;
    std::optional<Clock::time_point> m_samplesSince;
    std::string m_samplesPayload;

    // Series dictionary of the current file: canonical key bytes -> id.
    std::unordered_map<std::string, std::uint32_t> m_seriesIds;
    std::string m_key;
    std::vector<LabelView> m_canon;
    std::vector<std::string> m_exportedNames;

    std::unordered_map<std::uint32_t, std::string> m_sourceUrls; // over all files
    std::unordered_set<std::uint32_t> m_definedSources;          // in the current file
};

} // namespace vigil::capture

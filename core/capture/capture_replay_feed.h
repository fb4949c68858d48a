// ReplayFeed: the data side of CaptureReplay (capture_replay.h), private to core/capture.
// It reads a capture's frames per record stream (samples, scrape reports, events,
// cluster states, notes; never the whole file), merges the streams by time (peek: samples
// before reports at equal times), regroups samples by scrape report, builds the
// SampleBatches and LineBatches (registering event sources with the sink) and hands them
// to the outputs (emit, flushAll, finishPass). position() places every stream at the
// first frame that may reach a time. The design choices (no new hub input, regrouping,
// seeking) are described in capture_replay.h.
//
// CaptureReplay::Impl keeps the control state, pacing, seek/preroll, loop and status and
// drives this class.
//
// Threads: replay thread only (not thread-safe; the reader and the outputs are used on
// the thread calling it). Frames that fail to read are reported through onDamage on
// that thread, then skipped (or, with stopOnDamage, the stream ends there).
#pragma once

#include "core/capture/capture_reader.h"
#include "core/capture/capture_replay.h"
#include "core/hub/sample_batch.h"
#include "core/stream/line_batch.h"

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

namespace vigil::capture {

class ReplayFeed
{
  public:
    // position(kFromStart): from the capture's beginning, nothing skipped.
    static constexpr std::int64_t kFromStart = std::numeric_limits<std::int64_t>::min();

    enum class Kind { Samples = 0, Targets, Events, Cluster, Notes };
    struct Next
    {
        Kind kind;
        std::int64_t time;
    };

    struct Counters
    {
        std::size_t framesRead = 0; // data frames read (failed ones included)
        std::uint64_t samples = 0, scrapes = 0, lines = 0, cluster = 0, notes = 0;
        std::uint64_t batches = 0; // SampleBatches submitted
    };

    // A frame failed to read: its index in reader.frames() and the reason.
    using DamageFn = std::function<void(std::size_t frame, const std::string &reason)>;

    // `reader` and `outputs` must outlive the feed; `outputs` may be replaced between
    // calls (then call outputsReplaced()).
    ReplayFeed(CaptureReader &reader, ReplayOutputs &outputs, bool stopOnDamage, DamageFn onDamage);
    ~ReplayFeed();
    ReplayFeed(const ReplayFeed &) = delete;
    ReplayFeed &operator=(const ReplayFeed &) = delete;

    // The next record due (earliest time over all streams); nullopt: everything read.
    std::optional<Next> peek();
    // Applies the record peek() returned (batched; flushAll() hands batches over).
    void emit(Kind kind);
    // Hands over the orphan samples and event lines batched so far.
    void flushAll();
    // Everything read: hand over what still waits, and make the hub apply it.
    void finishPass();
    // Continues from the first frame that may reach fromMs; records before it are
    // skipped, buffered samples and batches are dropped.
    void position(std::int64_t fromMs);
    // The outputs were replaced (onRewind): sources are registered again.
    void outputsReplaced();

    bool playedSomething() const { return playedSomething_; }
    std::int64_t skipsBefore() const { return minMs; } // set by position()
    const Counters &counters() const { return count; }

  private:
    // The series table batches point into; kept alive by SampleBatch::body (aliasing).
    struct SeriesTable
    {
        std::vector<SeriesDef> defs;
        std::string anchor;
    };

    struct SeriesInfo
    {
        bool computed = false;
        bool hasTarget = false; // has instance or job: waits for its target's report
        std::string signature;  // instance \x1f job
    };

    struct Point
    {
        std::int64_t key = 0; // time, raised to the series' previous key (keeps run order)
        std::uint64_t seq = 0;
        std::int64_t ts = 0;
        std::uint32_t series = 0;
        double value = 0;
    };
    struct PointAfter
    {
        bool operator()(const Point &a, const Point &b) const
        {
            return a.key != b.key ? a.key > b.key : a.seq > b.seq;
        }
    };

    struct RecordStream
    {
        std::vector<std::size_t> frames; // indices into reader.frames()
        std::size_t next = 0;            // next frame to load
        FrameRecords rec;
        std::size_t pos = 0;
        bool have = false;
    };

    struct SinkSource
    {
        std::uint64_t line = 1, offset = 0;
    };

    std::optional<DecodedFrame> readFrame(std::size_t index);
    template <class Vec> bool ensure(RecordStream &s, Vec FrameRecords::*member);
    void ensureSamples();
    const SeriesInfo &info(std::uint32_t series);
    void submit(SampleBatch batch);
    SampleBatch makeBatch(const std::vector<Point> &points, const Labels *targetLabels);
    void flushOrphans();
    void flushLines();
    std::uint32_t sinkSource(std::uint32_t captureId);
    void emitSample();
    void emitScrape();
    void emitLine();

    CaptureReader &reader;
    ReplayOutputs &out;
    const bool stopOnDamage;
    const DamageFn onDamage;

    std::shared_ptr<SeriesTable> table;
    std::vector<SeriesInfo> infos;
    std::vector<std::int64_t> lastKey; // per series
    std::vector<std::size_t> sampleFrames;
    std::vector<std::int64_t> suffixMin; // earliest time of sampleFrames[k..]
    std::size_t nextSampleFrame = 0;
    std::priority_queue<Point, std::vector<Point>, PointAfter> heap;
    std::uint64_t seq = 0;
    RecordStream targets, events, cluster, notes;
    std::int64_t minMs = kFromStart; // records before this are skipped (after a seek)
    std::unordered_map<std::string, std::vector<Point>> pending; // by target signature
    std::vector<Point> orphans;
    std::unordered_map<std::uint32_t, std::string> sourceUrls;  // capture id -> url
    std::unordered_map<std::uint32_t, std::uint32_t> sinkIds;   // capture id -> sink id
    std::unordered_map<std::uint32_t, SinkSource> sinkSources;
    std::optional<LineBatch> lineBatch;
    std::uint32_t lineBatchCaptureId = 0;
    bool playedSomething_ = false;
    Counters count;
};

} // namespace vigil::capture

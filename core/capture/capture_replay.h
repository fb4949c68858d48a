// CaptureReplay: a .vcap capture played back as a source like any other. It owns a
// CaptureReader and, on its own worker thread, reads the capture frame by frame (never
// the whole file) and feeds what it holds to the same consumers live data goes to:
//
//  - samples + scrape reports -> IngestHub::submit(SampleBatch), one batch per recorded
//    scrape report, so the hub derives up / scrape_* / staleness and target health
//    exactly as it did live;
//  - event sources + lines    -> EventSink (the engine): each recorded source is
//    registered as "capture:" + its URL (LanePolicy::Block, so nothing is dropped and
//    the engine's counts match the recording), lines go as LineBatches with the
//    recorded arrival times;
//  - cluster states and notes -> callbacks. Alert transitions are skipped for now.
//
// Design choice for samples: no new hub input. The replay builds a SampleBatch whose
// ParseResult is filled directly from the decoded records (FamilyView/SampleView/
// LabelView pointing into the replay's copy of the series table, kept alive through
// SampleBatch::body by an aliasing shared_ptr; every sample has its explicit recorded
// timestamp). No exposition text is generated or parsed, and the hub applies the batch
// on its normal path: the same interning (the series' target labels are stripped from
// the recorded label set and handed over as the batch's target labels, so the hub puts
// them back exactly as live; already-renamed exported_<name> labels pass unchanged), the
// same scrape cache, staleness, synthesized series, retention and capture tap. Costs
// two string_views per label per sample and no parsing: ~1.8 M samples/s end to end
// (read + zstd + regroup + hub apply; tst_capture_replay::throughput, 400k samples,
// 2 shared cores, RelWithDebInfo).
//
// Regrouping: a capture keeps samples in per-series runs per frame and scrape reports
// in their own frames, so the replay merges all record streams by time (samples before
// reports at equal times) and gives a scrape report of target T (its target labels) the
// samples of T's series (series whose labels contain T's target labels) with times up to
// the report's that no earlier report took. Samples of a scrape carry the scrape's time,
// or an own timestamp that normally lies before it, so the grouping matches live. Known
// limits: samples with own timestamps *after* their scrape (or older than the target's
// previous scrape) are grouped with another scrape; two targets with identical target
// labels cannot be told apart (live they write the same series too). Samples of series
// without `instance` and `job` labels (batches without a report, e.g. vigil_engine_*)
// are submitted in report-less batches in time order.
//
// Seeking: seek(ms) continues from the first frame that may reach `ms` (frameAt), drops
// records before `ms` and the samples waiting for a report. The store only grows forward
// (a sample not after a series' last one is dropped), so before data from an *earlier*
// time is applied (seek backwards, loop restart) the replay calls `onRewind` on its
// thread: the GUI hands over fresh outputs there (a new IngestHub, a new engine) —
// if it leaves them unchanged, earlier samples are dropped as out of order and engine
// counts add up. A forward seek keeps the outputs (the skipped span is a gap).
//
// Pacing: a record at capture time t is applied when (t - anchor) / speed of wall time has
// passed since play() (anchor: the capture's first time, or the position at the latest
// play/seek/speed change). Speed 0 = as fast as possible (then the replay waits for the
// hub when 64 batches are queued, so the hub never drops a replayed batch).
//
// Damage: the reader's open-time damage (torn tail, corrupt frames) is in status().damage
// from the start; a frame that fails to read is skipped and appended there (offset,
// reason); the rest of the capture still replays. With Options::stopOnDamage a read
// failure ends the replay in State::Error instead.
//
// Threads: every public function is thread-safe (GUI thread included; none blocks on
// the replay's work except the destructor, which stops and joins). The sinks and
// callbacks are called on the replay thread; EventSink::push may block (Block policy),
// which also delays pause/seek until the engine takes the batch.
#pragma once

#include "core/capture/capture_reader.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace vigil {
class IngestHub;
class EventSink;
} // namespace vigil

namespace vigil::capture {

struct ReplayOutputs
{
    IngestHub *hub = nullptr;        // samples + scrape reports; null: skipped
    EventSink *events = nullptr;     // event lines; null: skipped
    std::function<void(const JsonRecord &)> cluster; // cluster states
    std::function<void(const Note &)> notes;
};

enum class ReplayState { Paused, Playing, Ended, Error };
const char *replayStateName(ReplayState state); // "paused", "playing", "ended", "error"

struct ReplayStatus
{
    ReplayState state = ReplayState::Paused;
    std::string error;                  // State::Error only
    std::int64_t positionMs = 0;        // capture time applied so far (monotonic until a seek)
    std::int64_t firstMs = 0, lastMs = 0; // the capture's time span (for a timeline)
    double speed = 1;
    bool loop = false;
    std::size_t frame = 0, frames = 0;  // data frames read so far / in the capture
    std::uint64_t samples = 0, scrapes = 0, eventLines = 0, clusterStates = 0, notes = 0;
    std::uint64_t batches = 0;          // SampleBatches submitted
    std::uint64_t loops = 0;
    bool catchingUp = false;            // applying a seek's preroll as fast as possible
    std::int64_t targetMs = 0;          // while catchingUp: where the position is going
    std::vector<Damage> damage;         // open-time damage + frames that failed to read
};

class CaptureReplay
{
  public:
    struct Options
    {
        double speed = 1;
        bool loop = false;
        bool stopOnDamage = false;
        std::chrono::milliseconds progressInterval{100};
        // Called on the replay thread before data from an earlier time is applied
        // (backward seek, loop restart); may replace the outputs (see header comment).
        std::function<void(ReplayOutputs &)> onRewind;
        // Called on the replay thread at most every progressInterval while playing and
        // on every state change (after it). Must not call back into the replay's
        // blocking parts (none are blocking except the destructor).
        std::function<void(const ReplayStatus &)> progress;
    };

    // Takes an opened reader; starts the replay thread, Paused at the capture's first
    // time. Call play() to start.
    CaptureReplay(std::unique_ptr<CaptureReader> reader, ReplayOutputs outputs, Options options);
    CaptureReplay(std::unique_ptr<CaptureReader> reader, ReplayOutputs outputs);
    ~CaptureReplay(); // stops the thread; outputs are not called after it returns
    CaptureReplay(const CaptureReplay &) = delete;
    CaptureReplay &operator=(const CaptureReplay &) = delete;

    void play();  // from Ended: starts over at the beginning (onRewind first)
    void pause();
    void setSpeed(double speed); // 1, 10, 100, ...; 0 = as fast as possible
    void setLoop(bool loop);
    // Capture time; clamped into [firstMs, lastMs]; keeps play/pause. With prerollMs > 0
    // the records of [ms - prerollMs, ms] are applied first as fast as possible (also
    // while paused; status().catchingUp meanwhile), so dashboards showing a window that
    // ends at ms are full when the position arrives there. A forward seek whose preroll
    // reaches back before the position just fast-forwards (no rewind); a backward one
    // rewinds the outputs (onRewind) and starts at ms - prerollMs.
    void seek(std::int64_t ms, std::int64_t prerollMs = 0);

    std::int64_t positionMs() const;
    ReplayState state() const;
    ReplayStatus status() const;
    // Blocks until the state is Ended or Error, or `timeout` passes; returns the state.
    // For tests and the CLI, never the GUI thread.
    ReplayState waitFinished(std::chrono::milliseconds timeout) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace vigil::capture

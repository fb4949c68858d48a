// CaptureOverview: what the offline timeline shows of a whole capture — event and sample
// rates per time bucket and the moments worth marking (notes, elections, alerts,
// damage) — built by scanning the capture on a worker thread, with progress and
// cancellation, while the UI already shows the first screen.
//
// Buckets: the capture's span [firstMs, lastMs] cut into at most kMaxBuckets equal
// buckets of bucketMs (a whole number of seconds, >= 1 s). A record counts in the
// bucket of its time (event lines: arrival time; samples: sample time; scrape reports:
// scrape start). The span comes from the reader's index; a record outside it (a capture
// without a trailer, whose last frames' times are only known once read) widens it:
// buckets are added before or after, and when more than kMaxBuckets would be needed
// bucketMs doubles (pairs of buckets merge), so counts stay exact. firstMs is then the
// start of the first bucket.
//
// Marks, in time order: notes (the note's time, its first line), elections, alerts (an
// alert transition record: a short plain-text excerpt of its JSON) and damage. Texts
// are plain text (control characters and invalid UTF-8 removed), at most 1 KiB. At
// most kMaxMarksPerKind of each kind are kept (the first in file order; the rest are
// counted in marksDropped).
//
// Elections come from the capture's cluster states (clusterFromJson): a mark whenever
// the leader a snapshot shows (the node whose role is leader) or the highest term
// changes from the previous state (the first state is the baseline: no mark); text
// "node-1 leader, term 5" or "no leader, term 5" (the node's name, else its id). A
// record that does not parse is skipped and counted (clusterStatesSkipped).
// Damage from CaptureReader::damage() (open time and frames that fail to read, which
// the scan skips) becomes marks at the time of the frame before it (the latest record
// time of the last data frame before the damaged offset; firstMs when there is none).
//
// Threads: CaptureOverviewScan runs its own thread with its own CaptureReader (opened
// there, so opening a capture and scanning it never block the caller). snapshot(),
// version(), finished(), cancel() from any thread (the GUI polls version() on its
// refresh tick and copies snapshot() only when it changed); wait() not on the GUI thread.
#pragma once

#include "core/capture/capture_reader.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vigil::capture {

struct OverviewBucket
{
    std::uint64_t eventLines = 0;
    std::uint64_t samples = 0;
    std::uint64_t scrapes = 0, failedScrapes = 0; // scrape reports, those failed (down or an error)
    bool operator==(const OverviewBucket &) const = default;
};

enum class MarkKind : std::uint8_t { Note, Election, Alert, Damage };
const char *markKindName(MarkKind kind); // "note", "election", "alert", "damage"

struct OverviewMark
{
    MarkKind kind = MarkKind::Note;
    std::int64_t atMs = 0;
    std::string text; // plain text, capped at 1 KiB (notes: the first line of the note)
    bool operator==(const OverviewMark &) const = default;
};

struct CaptureOverview
{
    static constexpr std::size_t kMaxBuckets = 2000;
    static constexpr std::size_t kMaxMarksPerKind = 5000;
    std::int64_t firstMs = 0, lastMs = 0;
    std::int64_t bucketMs = 1000;
    std::vector<OverviewBucket> buckets; // all of them from the start (zeros until scanned)
    std::vector<OverviewMark> marks;     // in time order
    std::size_t framesScanned = 0, frames = 0; // data frames (progress: framesScanned / frames)
    // The latest record time of the frames scanned so far (frames are in about time
    // order, so the timeline greys out what lies after it while the scan runs).
    std::int64_t scannedToMs = 0;
    std::size_t clusterStatesSkipped = 0; // cluster state records that did not parse
    std::size_t marksDropped = 0;         // over kMaxMarksPerKind
    bool complete = false;  // every frame scanned (one that fails to read: a damage mark)
    bool cancelled = false; // cancel() came first (also during open: then nothing else is set)
    std::string error;      // the capture could not be opened: why (then nothing else is set)

    // Bucket index for a time (clamped into range); 0 when there are no buckets.
    std::size_t bucketAt(std::int64_t ms) const;
};

class CaptureOverviewScan
{
  public:
    // Starts scanning at once. salvage as for ReaderOptions.
    explicit CaptureOverviewScan(std::string path, bool salvage = false);
    ~CaptureOverviewScan(); // cancels and joins
    CaptureOverviewScan(const CaptureOverviewScan &) = delete;
    CaptureOverviewScan &operator=(const CaptureOverviewScan &) = delete;

    void cancel();
    bool finished() const; // complete, cancelled or failed
    // A copy of what is known so far (buckets fill in as frames are scanned), as of the
    // last version() bump.
    CaptureOverview snapshot() const;
    // Bumps whenever snapshot() would return something new: at most ~10 times a second
    // while scanning, and once when finished (cheap; poll it first).
    std::uint64_t version() const;
    // For tests and the CLI, never the GUI thread: blocks until finished().
    void wait() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace vigil::capture

#include "core/capture/capture_writer.h"

#include "core/capture/capture_file.h"
#include "core/capture/capture_format.h"
#include "core/capture/capture_frames.h"
#include "core/capture/capture_sync.h"
#include "core/hub/sample_batch.h"
#include "core/stream/line_batch.h"

#include <zstd.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unistd.h>
#include <variant>

namespace vigil::capture {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kIndexEveryFrames = 64;
constexpr auto kIndexEvery = std::chrono::seconds(10);
// A trailer past this is not written (the file stays readable by walking its frames).
constexpr std::size_t kMaxTrailerRaw = 48u << 20;
// Frames compressed but not yet written: compression runs ahead of the disk (a sync of
// 4 MiB can take tens of ms) by at most this much.
constexpr std::size_t kMaxPendingFrameBytes = 16u << 20;
// The writer thread gives queue room back to producers in steps of about this much.
constexpr std::size_t kReleaseStep = 1u << 20;

struct SourceItem
{
    std::uint32_t sourceId = 0;
    std::string url;
};
// The lines of one LineBatch: a copy of an owned batch, or a mapped batch's view kept
// alive by its backing (no copy).
struct LinesItem
{
    std::uint32_t sourceId = 0;
    std::int64_t arrivalNs = 0;
    std::uint64_t lineCount = 0;
    std::string owned;
    std::shared_ptr<const void> backing;
    const char *view = nullptr;
    std::size_t viewSize = 0;
    std::string_view text() const
    {
        return view ? std::string_view(view, viewSize) : std::string_view(owned);
    }
};
struct FlushItem
{
    std::uint64_t ticket = 0;
    bool durable = false;
};
using Item = std::variant<SampleBatch, SourceItem, LinesItem, EventLine, JsonRecord, Note, FlushItem>;
struct Queued
{
    Item item;
    std::size_t cost = 0;
};

std::string rotatedPath(const std::string &first, int number)
{
    std::string base = first;
    if (base.size() > 5 && base.compare(base.size() - 5, 5, ".vcap") == 0) base.resize(base.size() - 5);
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "-%04d.vcap", number);
    return base + suffix;
}

// Lines in a batch's text the way FrameAssembler::addEventLines takes them.
std::uint64_t countLines(std::string_view text)
{
    if (text.empty()) return 0;
    const auto n = static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
    return text.back() == '\n' ? n : n + 1;
}

} // namespace

struct CaptureWriter::Impl final : FrameSink
{
    WriterOptions opt;

    // Queue (producers -> writer thread).
    mutable std::mutex queueMutex;
    std::condition_variable queueCv, roomCv;
    std::deque<Queued> queue;
    std::size_t queuedBytes = 0; // queued, plus taken by the writer thread and not processed yet
    std::size_t roomWaiters = 0;
    std::uint64_t droppedAtQueue = 0;
    bool accepting = true, closing = false, finished = false;
    std::uint64_t nextTicket = 1;
    std::thread thread;
    std::mutex closeMutex; // one close() at a time

    mutable std::mutex statusMutex;
    std::uint64_t droppedByWriter = 0; // after a failure (under statusMutex)
    WriterStatus status;               // the writer thread's part: counts, recording
    Result<void> closeResult;          // set by the writer thread before it ends

    // The file and its thread: writes, syncs, rotation's close and create.
    std::unique_ptr<FileThread> file;

    // Writer thread state.
    FrameAssembler assembler{*this, opt.frameBytes};
    ZSTD_CCtx *cctx = nullptr;
    std::string frameBuf;
    std::string indexPayload, trailerPayload;
    std::uint32_t indexCount = 0, trailerCount = 0;
    bool trailerTooBig = false;
    std::uint64_t sequence = 0;                         // frames handed over for this file
    std::uint64_t fileOffset = format::kFileHeaderSize; // where the next frame will start
    Clock::time_point lastIndex, fileOpened;
    int fileNumber = 1;
    bool sawFailure = false;

    explicit Impl(WriterOptions o) : opt(std::move(o)) {}
    ~Impl() override
    {
        if (cctx) ZSTD_freeCCtx(cctx);
    }

    bool failed() const { return file->failed(); }

    // ---------------------------------------------------------------- frames

    // Compresses (when it pays) one frame, hands it to the file thread and records it
    // for the index and the trailer.
    bool writeFrameBytes(FrameType type, std::string_view payload, std::uint32_t records,
                         std::int64_t firstMs, std::int64_t minMs, std::int64_t maxMs)
    {
        if (failed()) return false;
        const std::size_t raw = payload.size();
        const std::size_t bound = opt.zstdLevel != 0 ? ZSTD_compressBound(raw) : raw;
        const std::size_t need = format::kFrameHeaderSize + std::max(raw, bound);
        if (frameBuf.size() < need) frameBuf.resize(need); // only grows: no zero-filling per frame
        char *out = frameBuf.data() + format::kFrameHeaderSize;
        format::FrameHeader h;
        h.type = static_cast<std::uint8_t>(type);
        h.rawBytes = static_cast<std::uint32_t>(raw);
        h.storedBytes = static_cast<std::uint32_t>(raw);
        h.sequence = sequence;
        h.firstMs = firstMs;
        h.records = records;
        bool compressed = false;
        if (opt.zstdLevel != 0 && raw > 0) {
            const std::size_t n = ZSTD_compressCCtx(cctx, out, bound, payload.data(), raw, opt.zstdLevel);
            if (!ZSTD_isError(n) && n < raw) {
                h.storedBytes = static_cast<std::uint32_t>(n);
                h.flags = format::kFlagZstd;
                compressed = true;
            }
        }
        if (raw > kMaxRawPayload || h.storedBytes > kMaxStoredPayload) {
            file->fail("frame of " + std::to_string(raw) + " bytes exceeds the format's limits");
            return false;
        }
        const char *stored = compressed ? out : payload.data();
        EncodedFrame frame;
        frame.bytes.reserve(format::kFrameHeaderSize + h.storedBytes);
        frame.bytes.resize(format::kFrameHeaderSize);
        format::encodeFrameHeader(frame.bytes.data(), h, stored, h.storedBytes);
        frame.bytes.append(stored, h.storedBytes); // right-sized: the frame waits in memory
        frame.type = type;
        frame.rawBytes = h.rawBytes;
        frame.lastRecordMs = maxMs;
        const std::uint64_t offset = fileOffset;
        fileOffset += frame.bytes.size();
        ++sequence;
        file->writeFrame(std::move(frame));

        IndexEntry e;
        e.offset = offset;
        e.sequence = h.sequence;
        e.type = type;
        e.firstMs = minMs;
        e.lastMs = maxMs;
        e.storedBytes = h.storedBytes;
        e.rawBytes = h.rawBytes;
        e.records = records;
        e.flags = h.flags;
        if (!trailerTooBig) {
            encode(trailerPayload, e);
            ++trailerCount;
            if (trailerPayload.size() > kMaxTrailerRaw) {
                trailerTooBig = true;
                std::string().swap(trailerPayload);
            }
        }
        if (type != FrameType::Index && type != FrameType::Trailer) {
            encode(indexPayload, e);
            ++indexCount;
        }
        return !failed();
    }

    bool writeFrame(const ReadyFrame &f) override
    {
        if (!writeFrameBytes(f.type, f.payload, f.records, f.firstMs, f.minMs, f.maxMs)) return false;
        if (indexCount >= kIndexEveryFrames) return writeIndex();
        return true;
    }

    bool writeIndex()
    {
        lastIndex = Clock::now();
        if (indexCount == 0) return true;
        std::string payload;
        payload.swap(indexPayload);
        const std::uint32_t n = indexCount;
        indexCount = 0;
        return writeFrameBytes(FrameType::Index, payload, n, 0, 0, 0);
    }

    // Trailer, footer, then the file thread syncs and closes the file.
    bool finishFile()
    {
        if (failed()) return false;
        if (!assembler.cutAll()) return false;
        if (!trailerTooBig) {
            const std::uint64_t trailerOffset = fileOffset;
            const std::uint32_t frames = static_cast<std::uint32_t>(sequence);
            std::string payload;
            payload.swap(trailerPayload);
            if (!writeFrameBytes(FrameType::Trailer, payload, trailerCount, 0, 0, 0)) return false;
            char footer[format::kFooterSize];
            format::encodeFooter(footer, {trailerOffset, frames});
            file->writeFooter(footer, sizeof footer);
            fileOffset += sizeof footer;
        }
        file->finishFile();
        return !failed();
    }

    bool rotate()
    {
        if (!finishFile()) return false;
        ++fileNumber;
        file->openFile(rotatedPath(opt.path, fileNumber));
        startFile();
        assembler.startFile();
        return !failed();
    }

    void startFile()
    {
        sequence = 0;
        fileOffset = format::kFileHeaderSize;
        indexPayload.clear();
        trailerPayload.clear();
        indexCount = trailerCount = 0;
        trailerTooBig = false;
        fileOpened = lastIndex = Clock::now();
    }

    // ---------------------------------------------------------------- thread

    static std::uint64_t recordsIn(const Item &item)
    {
        if (const auto *b = std::get_if<SampleBatch>(&item))
            return (b->parsed ? b->parsed->samples.size() : 0) + (b->scrape ? 1 : 0);
        if (const auto *l = std::get_if<LinesItem>(&item)) return l->lineCount;
        return std::holds_alternative<FlushItem>(item) ? 0 : 1;
    }

    // Recording stopped (here or on the file thread): producers drop from now on, and
    // those waiting for room wake up to do so.
    void noticeFailure()
    {
        if (sawFailure || !failed()) return;
        sawFailure = true;
        {
            std::lock_guard lock(queueMutex);
            accepting = false;
        }
        roomCv.notify_all();
    }

    void process(Item &item, Clock::time_point now)
    {
        if (auto *f = std::get_if<FlushItem>(&item)) {
            if (!failed()) assembler.cutAll();
            syncCounts(); // status() after flush() returns shows everything before it
            file->barrier(f->ticket, f->durable);
            return;
        }
        if (failed()) {
            std::lock_guard lock(statusMutex);
            droppedByWriter += recordsIn(item);
            return;
        }
        if (auto *b = std::get_if<SampleBatch>(&item)) {
            if (assembler.addSamples(*b, now) && b->scrape)
                assembler.addScrape(*b->scrape, b->targetLabels, now);
        } else if (auto *s = std::get_if<SourceItem>(&item)) {
            assembler.addEventSource(s->sourceId, s->url, now);
        } else if (auto *l = std::get_if<LinesItem>(&item)) {
            assembler.addEventLines(l->sourceId, l->arrivalNs, l->text(), now);
        } else if (auto *e = std::get_if<EventLine>(&item)) {
            assembler.addEventLine(*e, now);
        } else if (auto *j = std::get_if<JsonRecord>(&item)) {
            assembler.addClusterState(*j, now);
        } else if (auto *n = std::get_if<Note>(&item)) {
            assembler.addNote(*n, now);
        }
    }

    void housekeeping(Clock::time_point now)
    {
        if (failed()) return;
        if (!assembler.cutAged(now, opt.maxFrameAge)) return;
        if (indexCount > 0 && now - lastIndex >= kIndexEvery && !writeIndex()) return;
        const bool bySize = opt.rotateBytes > 0 && fileOffset >= opt.rotateBytes;
        const bool byTime = opt.rotateAfter.count() > 0 && now - fileOpened >= opt.rotateAfter;
        if ((bySize || byTime) && sequence > 0) rotate();
    }

    std::optional<Clock::time_point> nextDeadline() const
    {
        std::optional<Clock::time_point> t;
        const auto consider = [&](Clock::time_point c) {
            if (!t || c < *t) t = c;
        };
        if (failed()) return t;
        if (auto p = assembler.oldestPending()) consider(*p + opt.maxFrameAge);
        if (indexCount > 0) consider(lastIndex + kIndexEvery);
        if (opt.rotateAfter.count() > 0 && sequence > 0) // an empty file is not rotated
            consider(fileOpened + opt.rotateAfter);
        return t;
    }

    void syncCounts()
    {
        const AssemblerCounts &c = assembler.counts();
        std::lock_guard lock(statusMutex);
        status.samples = c.samples;
        status.events = c.events;
        status.scrapes = c.scrapes;
        status.clusterStates = c.clusterStates;
        status.notes = c.notes;
        status.series = c.series;
        status.droppedRecords = droppedByWriter + c.dropped;
    }

    // Queue room back to producers (the items are processed and freed).
    void release(std::size_t bytes)
    {
        if (bytes == 0) return;
        bool wake = false;
        {
            std::lock_guard lock(queueMutex);
            queuedBytes -= std::min(bytes, queuedBytes);
            wake = roomWaiters > 0;
        }
        if (wake) roomCv.notify_all();
    }

    void run()
    {
        std::deque<Queued> work;
        for (;;) {
            bool closeNow = false;
            {
                std::unique_lock lock(queueMutex);
                const auto ready = [&] { return !queue.empty() || closing; };
                if (const auto deadline = nextDeadline())
                    queueCv.wait_until(lock, *deadline, ready);
                else
                    queueCv.wait(lock, ready);
                work.swap(queue);
                closeNow = closing;
            }
            std::size_t done = 0;
            while (!work.empty()) {
                const Clock::time_point now = Clock::now();
                if (std::holds_alternative<FlushItem>(work.front().item)) {
                    release(done); // queuedBytes() after flush() counts nothing before it
                    done = 0;
                }
                process(work.front().item, now);
                done += work.front().cost;
                work.pop_front(); // frees the batch (or its mapping) now
                if (done >= kReleaseStep) {
                    release(done);
                    done = 0;
                }
                if (!failed() && opt.rotateBytes > 0 && fileOffset >= opt.rotateBytes) housekeeping(now);
                noticeFailure();
            }
            release(done);
            housekeeping(Clock::now());
            syncCounts();
            noticeFailure();
            if (closeNow) break;
        }
        if (!failed()) finishFile();
        file->stop(); // runs what is posted: the last writes, the final sync and close
        syncCounts();
        const FileStatus fs = file->status();
        std::lock_guard lock(statusMutex);
        status.recording = false;
        if (!fs.error.empty()) closeResult = Error{fs.error};
    }

    // ---------------------------------------------------------------- producers

    bool enqueue(Item item, std::size_t cost, WhenFull whenFull)
    {
        std::unique_lock lock(queueMutex);
        for (;;) {
            // failed(): an add after status().error showed the failure drops at once.
            if (!accepting || failed()) break;
            if (queuedBytes + cost <= opt.maxQueuedBytes ||
                (whenFull == WhenFull::Wait && queuedBytes == 0)) {
                queuedBytes += cost;
                queue.push_back({std::move(item), cost});
                lock.unlock();
                queueCv.notify_one();
                return true;
            }
            if (whenFull == WhenFull::Drop) break;
            ++roomWaiters;
            roomCv.wait(lock);
            --roomWaiters;
        }
        droppedAtQueue += recordsIn(item);
        return false;
    }
};

CaptureWriter::CaptureWriter(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}

CaptureWriter::~CaptureWriter()
{
    close();
}

Result<std::unique_ptr<CaptureWriter>> CaptureWriter::open(WriterOptions options)
{
    if (options.path.empty()) return Error{"no capture path given"};
    options.frameBytes = std::clamp<std::size_t>(options.frameBytes, 4096, 8u << 20);
    options.zstdLevel = std::clamp(options.zstdLevel, ZSTD_minCLevel(), ZSTD_maxCLevel());
    if (options.maxFrameAge.count() <= 0) options.maxFrameAge = std::chrono::milliseconds(1);
    if (options.writerId.empty()) options.writerId = "vigil";
    if (options.host.empty()) {
        char host[256] = {};
        if (::gethostname(host, sizeof host - 1) == 0) options.host = host;
    }
    auto impl = std::make_unique<Impl>(std::move(options));
    impl->cctx = ZSTD_createCCtx();
    if (!impl->cctx) return Error{"cannot create a zstd context"};
    FileThreadOptions fo;
    fo.syncInterval = impl->opt.syncInterval;
    fo.syncBytes = impl->opt.syncBytes;
    fo.maxPendingBytes = kMaxPendingFrameBytes;
    fo.writerId = impl->opt.writerId;
    fo.host = impl->opt.host;
    auto file = FileThread::open(impl->opt.path, std::move(fo));
    if (!file) return file.error();
    impl->file = std::move(*file);
    impl->startFile();
    impl->status.recording = true;
    Impl *raw = impl.get();
    impl->thread = std::thread([raw] { raw->run(); });
    return std::unique_ptr<CaptureWriter>(new CaptureWriter(std::move(impl)));
}

bool CaptureWriter::addSamples(const SampleBatch &batch, WhenFull whenFull)
{
    if (!batch.parsed && !batch.scrape) return true;
    std::size_t cost = 256;
    if (batch.body) cost += batch.body->size();
    if (batch.parsed)
        cost += batch.parsed->samples.size() * sizeof(expo::SampleView) +
                batch.parsed->labels.size() * sizeof(LabelView);
    return d->enqueue(batch, cost, whenFull);
}

bool CaptureWriter::addEventSource(std::uint32_t sourceId, std::string url, WhenFull whenFull)
{
    const std::size_t cost = 64 + url.size();
    return d->enqueue(SourceItem{sourceId, std::move(url)}, cost, whenFull);
}

bool CaptureWriter::addEventLines(const LineBatch &batch, WhenFull whenFull)
{
    const std::string_view text = batch.text();
    if (text.empty()) return true;
    LinesItem item;
    item.sourceId = batch.sourceId;
    item.arrivalNs = batch.arrivalNs;
    item.lineCount = batch.lineCount > 0 ? batch.lineCount : countLines(text);
    if (batch.mapped() && batch.backing) {
        // The mapping stays valid and unchanged while its backing lives (LineBatch).
        item.backing = batch.backing;
        item.view = text.data();
        item.viewSize = text.size();
    } else {
        item.owned.assign(text);
    }
    // A shared mapping costs the queue as much as a copy: it stays in memory as long.
    return d->enqueue(std::move(item), 64 + text.size(), whenFull);
}

bool CaptureWriter::addEventLine(EventLine line, WhenFull whenFull)
{
    const std::size_t cost = 64 + line.line.size();
    return d->enqueue(std::move(line), cost, whenFull);
}

bool CaptureWriter::addClusterState(JsonRecord state, WhenFull whenFull)
{
    const std::size_t cost = 64 + state.json.size();
    return d->enqueue(std::move(state), cost, whenFull);
}

bool CaptureWriter::addNote(Note note, WhenFull whenFull)
{
    const std::size_t cost = 64 + note.author.size() + note.text.size();
    return d->enqueue(std::move(note), cost, whenFull);
}

std::size_t CaptureWriter::queuedBytes() const
{
    std::lock_guard lock(d->queueMutex);
    return d->queuedBytes;
}

Result<void> CaptureWriter::flush(bool durable)
{
    std::unique_lock lock(d->queueMutex);
    if (d->accepting && !d->failed()) {
        const std::uint64_t ticket = d->nextTicket++;
        d->queue.push_back({FlushItem{ticket, durable}, 0});
        lock.unlock();
        d->queueCv.notify_one();
        d->file->waitForBarrier(ticket);
    } else {
        lock.unlock();
    }
    const FileStatus fs = d->file->status();
    if (!fs.error.empty()) return Error{fs.error};
    return {};
}

Result<void> CaptureWriter::close()
{
    std::lock_guard closeLock(d->closeMutex);
    {
        std::lock_guard lock(d->queueMutex);
        if (d->finished) return d->closeResult;
        d->accepting = false;
        d->closing = true;
    }
    d->queueCv.notify_one();
    d->roomCv.notify_all(); // producers waiting for room drop and return
    if (d->thread.joinable()) d->thread.join();
    std::lock_guard lock(d->queueMutex);
    d->finished = true;
    return d->closeResult;
}

WriterStatus CaptureWriter::status() const
{
    WriterStatus s;
    {
        std::lock_guard lock(d->statusMutex);
        s = d->status;
    }
    const FileStatus f = d->file->status();
    s.path = f.path;
    s.startMs = f.startMs;
    s.lastRecordMs = f.lastRecordMs;
    s.bytesWritten = f.bytesWritten;
    s.totalBytes = f.totalBytes;
    s.framesWritten = f.framesWritten;
    s.writtenSequence = f.writtenSequence;
    s.durableSequence = f.durableSequence;
    s.durableBytes = f.durableBytes;
    s.rawBytes = f.rawBytes;
    s.storedBytes = f.storedBytes;
    s.filesRotated = f.filesRotated;
    s.error = f.error;
    if (!s.error.empty()) s.recording = false;
    std::lock_guard lock(d->queueMutex);
    s.droppedRecords += d->droppedAtQueue;
    s.queuedBytes = d->queuedBytes;
    return s;
}

} // namespace vigil::capture

#include "core/capture/capture_writer.h"

#include "core/capture/capture_file.h"
#include "core/capture/capture_format.h"
#include "core/capture/capture_frames.h"
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

struct SourceItem
{
    std::uint32_t sourceId = 0;
    std::string url;
};
struct LinesItem
{
    std::uint32_t sourceId = 0;
    std::int64_t arrivalNs = 0;
    std::string text;
};
struct FlushItem
{
    std::uint64_t ticket = 0;
    bool durable = false;
};
using Item = std::variant<SampleBatch, SourceItem, LinesItem, EventLine, JsonRecord, Note, FlushItem>;

std::int64_t wallMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string rotatedPath(const std::string &first, int number)
{
    std::string base = first;
    if (base.size() > 5 && base.compare(base.size() - 5, 5, ".vcap") == 0) base.resize(base.size() - 5);
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "-%04d.vcap", number);
    return base + suffix;
}

} // namespace

struct CaptureWriter::Impl final : FrameSink
{
    WriterOptions opt;

    // Queue (producers -> writer thread).
    std::mutex queueMutex;
    std::condition_variable queueCv, doneCv;
    std::deque<Item> queue;
    std::size_t queuedBytes = 0;
    std::uint64_t droppedAtQueue = 0;
    bool accepting = true, closing = false, finished = false;
    std::uint64_t nextTicket = 1, doneTicket = 0;
    std::thread thread;
    std::mutex closeMutex; // one close() at a time

    mutable std::mutex statusMutex;
    std::uint64_t droppedByWriter = 0; // after a failure (under statusMutex)
    WriterStatus status;

    // Writer thread state.
    CaptureFile file;
    FrameAssembler assembler{*this, opt.frameBytes};
    ZSTD_CCtx *cctx = nullptr;
    std::string frameBuf;
    std::string indexPayload, trailerPayload;
    std::uint32_t indexCount = 0, trailerCount = 0;
    bool trailerTooBig = false;
    std::uint64_t sequence = 0, durableSequence = 0, unsyncedBytes = 0;
    Clock::time_point lastSync, lastIndex, fileOpened;
    int fileNumber = 1;
    bool failed = false;
    std::string error;
    Result<void> closeResult;

    explicit Impl(WriterOptions o) : opt(std::move(o)) {}
    ~Impl() override
    {
        if (cctx) ZSTD_freeCCtx(cctx);
    }

    // ---------------------------------------------------------------- file

    Result<void> startFile(const std::string &path)
    {
        auto created = CaptureFile::create(path);
        if (!created) return created.error();
        file = std::move(*created);
        char header[format::kFileHeaderSize];
        const std::int64_t startMs = wallMs();
        format::encodeFileHeader(header, startMs, opt.writerId, opt.host);
        if (auto w = file.write(header, sizeof header); !w)
            return Error{"cannot write the header of " + path + ": " + w.error().message};
        sequence = durableSequence = unsyncedBytes = 0;
        indexPayload.clear();
        trailerPayload.clear();
        indexCount = trailerCount = 0;
        trailerTooBig = false;
        fileOpened = lastSync = lastIndex = Clock::now();
        std::lock_guard lock(statusMutex);
        status.path = path;
        status.startMs = startMs;
        status.bytesWritten = file.offset();
        status.totalBytes += file.offset();
        status.writtenSequence = status.durableSequence = 0;
        status.durableBytes = 0;
        status.recording = true;
        return {};
    }

    void fail(const std::string &why)
    {
        if (failed) return;
        failed = true;
        error = why;
        file.close();
        {
            std::lock_guard lock(queueMutex);
            accepting = false; // producers' input is counted as dropped from now on
        }
        std::lock_guard lock(statusMutex);
        status.error = why;
        status.recording = false;
    }

    // Compresses (when it pays), writes one frame and records it for the trailer.
    bool writeFrameBytes(FrameType type, std::string_view payload, std::uint32_t records,
                         std::int64_t firstMs, std::int64_t minMs, std::int64_t maxMs)
    {
        if (failed) return false;
        const std::size_t raw = payload.size();
        const std::size_t bound = opt.zstdLevel != 0 ? ZSTD_compressBound(raw) : raw;
        frameBuf.resize(format::kFrameHeaderSize + std::max(raw, bound));
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
        if (!compressed && raw > 0) std::memcpy(out, payload.data(), raw);
        if (raw > kMaxRawPayload || h.storedBytes > kMaxStoredPayload) {
            fail("frame of " + std::to_string(raw) + " bytes exceeds the format's limits");
            return false;
        }
        format::encodeFrameHeader(frameBuf.data(), h, out, h.storedBytes);
        const std::uint64_t offset = file.offset();
        if (auto w = file.write(frameBuf.data(), format::kFrameHeaderSize + h.storedBytes); !w) {
            fail(w.error().message);
            return false;
        }
        ++sequence;
        unsyncedBytes += format::kFrameHeaderSize + h.storedBytes;

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
        {
            std::lock_guard lock(statusMutex);
            status.bytesWritten = file.offset();
            status.totalBytes += format::kFrameHeaderSize + h.storedBytes;
            ++status.framesWritten;
            status.writtenSequence = sequence;
            status.rawBytes += raw;
            status.storedBytes += h.storedBytes;
            if (type != FrameType::Index && type != FrameType::Trailer && type != FrameType::Series)
                status.lastRecordMs = std::max(status.lastRecordMs, maxMs);
        }
        if (unsyncedBytes >= opt.syncBytes) return sync();
        return true;
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

    bool sync()
    {
        if (failed) return false;
        if (unsyncedBytes == 0) {
            lastSync = Clock::now();
            return true;
        }
        const std::uint64_t seq = sequence;
        const std::uint64_t bytes = file.offset();
        if (auto s = file.sync(); !s) {
            fail(s.error().message);
            return false;
        }
        lastSync = Clock::now();
        unsyncedBytes = 0;
        durableSequence = seq;
        std::lock_guard lock(statusMutex);
        status.durableSequence = seq;
        status.durableBytes = bytes;
        return true;
    }

    // Trailer, footer, sync, close. The file is complete afterwards.
    bool finishFile()
    {
        if (failed) return false;
        if (!assembler.cutAll()) return false;
        if (!trailerTooBig) {
            const std::uint64_t trailerOffset = file.offset();
            const std::uint32_t frames = static_cast<std::uint32_t>(sequence);
            std::string payload;
            payload.swap(trailerPayload);
            if (!writeFrameBytes(FrameType::Trailer, payload, trailerCount, 0, 0, 0)) return false;
            char footer[format::kFooterSize];
            format::encodeFooter(footer, {trailerOffset, frames});
            if (auto w = file.write(footer, sizeof footer); !w) {
                fail(w.error().message);
                return false;
            }
            unsyncedBytes += sizeof footer;
            std::lock_guard lock(statusMutex);
            status.bytesWritten = file.offset();
            status.totalBytes += sizeof footer;
        }
        if (!sync()) return false;
        if (auto c = file.close(); !c) {
            fail(c.error().message);
            return false;
        }
        return true;
    }

    bool rotate()
    {
        if (!finishFile()) return false;
        ++fileNumber;
        if (auto s = startFile(rotatedPath(opt.path, fileNumber)); !s) {
            fail(s.error().message);
            return false;
        }
        assembler.startFile();
        std::lock_guard lock(statusMutex);
        ++status.filesRotated;
        return true;
    }

    // ---------------------------------------------------------------- thread

    static std::uint64_t recordsIn(const Item &item)
    {
        if (const auto *b = std::get_if<SampleBatch>(&item))
            return (b->parsed ? b->parsed->samples.size() : 0) + (b->scrape ? 1 : 0);
        if (const auto *l = std::get_if<LinesItem>(&item))
            return static_cast<std::uint64_t>(std::count(l->text.begin(), l->text.end(), '\n'));
        return std::holds_alternative<FlushItem>(item) ? 0 : 1;
    }

    void process(Item &item, Clock::time_point now)
    {
        if (auto *f = std::get_if<FlushItem>(&item)) {
            if (!failed && assembler.cutAll() && f->durable) sync();
            syncCounts(); // status() after flush() returns shows everything before it
            {
                std::lock_guard lock(queueMutex);
                doneTicket = f->ticket;
            }
            doneCv.notify_all();
            return;
        }
        if (failed) {
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
            assembler.addEventLines(l->sourceId, l->arrivalNs, l->text, now);
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
        if (failed) return;
        if (!assembler.cutAged(now, opt.maxFrameAge)) return;
        if (indexCount > 0 && now - lastIndex >= kIndexEvery && !writeIndex()) return;
        if (unsyncedBytes > 0 && now - lastSync >= opt.syncInterval && !sync()) return;
        const bool bySize = opt.rotateBytes > 0 && file.offset() >= opt.rotateBytes;
        const bool byTime = opt.rotateAfter.count() > 0 && now - fileOpened >= opt.rotateAfter;
        if ((bySize || byTime) && sequence > 0) rotate();
    }

    std::optional<Clock::time_point> nextDeadline() const
    {
        std::optional<Clock::time_point> t;
        const auto consider = [&](Clock::time_point c) {
            if (!t || c < *t) t = c;
        };
        if (failed) return t;
        if (auto p = assembler.oldestPending()) consider(*p + opt.maxFrameAge);
        if (unsyncedBytes > 0) consider(lastSync + opt.syncInterval);
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

    void run()
    {
        std::deque<Item> work;
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
                queuedBytes = 0;
                closeNow = closing;
            }
            for (Item &item : work) {
                const Clock::time_point now = Clock::now();
                process(item, now);
                if (!failed && opt.rotateBytes > 0 && file.offset() >= opt.rotateBytes) housekeeping(now);
            }
            work.clear();
            housekeeping(Clock::now());
            syncCounts();
            if (closeNow) break;
        }
        if (!failed) finishFile();
        syncCounts();
        std::lock_guard lock(statusMutex);
        status.recording = false;
        if (failed) closeResult = Error{error};
    }

    // ---------------------------------------------------------------- producers

    void enqueue(Item item, std::size_t cost)
    {
        std::unique_lock lock(queueMutex);
        if (!accepting || queuedBytes + cost > opt.maxQueuedBytes) {
            droppedAtQueue += recordsIn(item);
            return;
        }
        queuedBytes += cost;
        queue.push_back(std::move(item));
        lock.unlock();
        queueCv.notify_one();
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
    if (auto s = impl->startFile(impl->opt.path); !s) return s.error();
    Impl *raw = impl.get();
    impl->thread = std::thread([raw] { raw->run(); });
    return std::unique_ptr<CaptureWriter>(new CaptureWriter(std::move(impl)));
}

void CaptureWriter::addSamples(const SampleBatch &batch)
{
    if (!batch.parsed && !batch.scrape) return;
    std::size_t cost = 256;
    if (batch.body) cost += batch.body->size();
    if (batch.parsed)
        cost += batch.parsed->samples.size() * sizeof(expo::SampleView) +
                batch.parsed->labels.size() * sizeof(LabelView);
    d->enqueue(batch, cost);
}

void CaptureWriter::addEventSource(std::uint32_t sourceId, std::string url)
{
    const std::size_t cost = 64 + url.size();
    d->enqueue(SourceItem{sourceId, std::move(url)}, cost);
}

void CaptureWriter::addEventLines(const LineBatch &batch)
{
    const std::string_view text = batch.text();
    if (text.empty()) return;
    d->enqueue(LinesItem{batch.sourceId, batch.arrivalNs, std::string(text)}, 64 + text.size());
}

void CaptureWriter::addEventLine(EventLine line)
{
    const std::size_t cost = 64 + line.line.size();
    d->enqueue(std::move(line), cost);
}

void CaptureWriter::addClusterState(JsonRecord state)
{
    const std::size_t cost = 64 + state.json.size();
    d->enqueue(std::move(state), cost);
}

void CaptureWriter::addNote(Note note)
{
    const std::size_t cost = 64 + note.author.size() + note.text.size();
    d->enqueue(std::move(note), cost);
}

Result<void> CaptureWriter::flush(bool durable)
{
    std::unique_lock lock(d->queueMutex);
    if (d->accepting) {
        const std::uint64_t ticket = d->nextTicket++;
        d->queue.push_back(FlushItem{ticket, durable});
        d->queueCv.notify_one();
        d->doneCv.wait(lock, [&] { return d->doneTicket >= ticket; });
    }
    lock.unlock();
    std::lock_guard statusLock(d->statusMutex);
    if (!d->status.error.empty()) return Error{d->status.error};
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
    std::lock_guard lock(d->queueMutex);
    s.droppedRecords += d->droppedAtQueue;
    return s;
}

} // namespace vigil::capture

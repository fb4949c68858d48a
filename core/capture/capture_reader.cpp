#include "core/capture/capture_reader.h"

#include "core/capture/capture_reader_impl.h"
#include "core/capture/crc32c.h"

#include <zstd_errors.h>

#include <algorithm>
#include <cstring>
#include <limits>

namespace vigil::capture {

namespace {

constexpr std::uint32_t kMaxSeriesHole = 65536; // salvage: ids skipped by a lost definition

std::int64_t floorDivMs(std::int64_t ns)
{
    std::int64_t q = ns / 1'000'000;
    if (ns % 1'000'000 < 0) --q;
    return q;
}

} // namespace

bool isDataType(std::uint8_t type)
{
    return type >= 1 && type <= 7;
}

std::string frameLabel(std::size_t index, const FrameInfo &f)
{
    return "frame " + std::to_string(index) + " (" + frameTypeName(f.type) + ", sequence " +
           std::to_string(f.sequence) + ") at offset " + std::to_string(f.offset);
}

void recordTimes(FrameType type, const FrameRecords &r, std::int64_t &minMs, std::int64_t &maxMs, bool &any)
{
    const auto note = [&](std::int64_t t) {
        if (!any) {
            minMs = maxMs = t;
            any = true;
        } else {
            minMs = std::min(minMs, t);
            maxMs = std::max(maxMs, t);
        }
    };
    switch (type) {
    case FrameType::Samples:
        for (const SampleRun &run : r.samples)
            for (const SamplePoint &p : run.points)
                note(p.timestampMs);
        break;
    case FrameType::Targets:
        for (const ScrapeRecord &s : r.scrapes)
            note(s.timestampMs);
        break;
    case FrameType::Events:
        for (const EventLine &e : r.events)
            note(floorDivMs(e.arrivalNs));
        break;
    case FrameType::Cluster:
        for (const JsonRecord &j : r.cluster)
            note(j.timestampMs);
        break;
    case FrameType::Alerts:
        for (const JsonRecord &j : r.alerts)
            note(j.timestampMs);
        break;
    case FrameType::Notes:
        for (const Note &n : r.notes)
            note(n.timestampMs);
        break;
    default:
        break;
    }
}

// ---------------------------------------------------------------- Impl

void CaptureReader::Impl::addDamage(std::uint64_t offset, std::uint64_t bytes, std::string reason, bool torn)
{
    for (const Damage &d : damage)
        if (d.offset == offset && d.reason == reason) return;
    damage.push_back({offset, bytes, std::move(reason), torn});
}

bool CaptureReader::Impl::progress(std::uint64_t at)
{
    if (!opt.progress || at < bytesWalked + (8u << 20)) return true;
    bytesWalked = at;
    return opt.progress(at, size);
}

Result<format::FrameHeader> CaptureReader::Impl::readHeader(std::uint64_t offset, std::string &why)
{
    char *buf = headerBytes;
    headerOffset = ~std::uint64_t(0);
    if (offset > size || size - offset < format::kFrameHeaderSize) {
        why = "frame header runs past the end of the file";
        return Error{why};
    }
    if (auto r = src->read(offset, buf, format::kFrameHeaderSize); !r) {
        why = r.error().message;
        return Error{why};
    }
    headerOffset = offset;
    const format::FrameHeader h = format::parseFrameHeader(buf);
    why = format::checkFrameHeader(buf, h);
    if (!why.empty()) return Error{why};
    if (size - offset - format::kFrameHeaderSize < h.storedBytes) {
        why = "frame of " + std::to_string(h.storedBytes) + " bytes runs past the end of the file (" +
              std::to_string(size - offset - format::kFrameHeaderSize) + " bytes left)";
        return Error{why};
    }
    return h;
}

std::string CaptureReader::Impl::readChecked(std::uint64_t offset, const format::FrameHeader &h)
{
    // h.storedBytes was checked against the maximum and the file size by readHeader().
    payload.resize(h.storedBytes);
    if (auto r = src->read(offset + format::kFrameHeaderSize, payload.data(), payload.size()); !r)
        return r.error().message;
    char hb[format::kFrameHeaderSize];
    if (headerOffset == offset)
        std::memcpy(hb, headerBytes, sizeof hb);
    else if (auto r = src->read(offset, hb, sizeof hb); !r)
        return r.error().message;
    if (!format::crcMatches(h.crc, format::frameCrc(hb, payload.data(), payload.size())))
        return "CRC mismatch";
    return {};
}

Result<FrameRecords> CaptureReader::Impl::decode(const format::FrameHeader &h)
{
    std::span<const char> body(payload.data(), payload.size());
    if (h.flags & format::kFlagZstd) {
        const std::size_t frameSize = ZSTD_findFrameCompressedSize(payload.data(), payload.size());
        if (ZSTD_isError(frameSize)) return Error{std::string("zstd: ") + ZSTD_getErrorName(frameSize)};
        if (frameSize != payload.size())
            return Error{"payload is not exactly one zstd frame (" +
                         std::to_string(payload.size() - frameSize) + " bytes after it)"};
        const unsigned long long declared = ZSTD_getFrameContentSize(payload.data(), payload.size());
        if (declared == ZSTD_CONTENTSIZE_ERROR) return Error{"zstd: invalid frame header"};
        if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared != h.rawBytes)
            return Error{"zstd frame declares " + std::to_string(declared) + " bytes, the frame header " +
                         std::to_string(h.rawBytes)};
        // h.rawBytes <= 64 MiB and <= 32768 x stored (checkFrameHeader).
        if (rawCapacity < h.rawBytes) {
            raw.reset(new char[h.rawBytes]);
            rawCapacity = h.rawBytes;
        }
        if (!dctx && !(dctx = ZSTD_createDCtx())) return Error{"cannot create a zstd context"};
        const std::size_t n =
            ZSTD_decompressDCtx(dctx, raw.get(), h.rawBytes, payload.data(), payload.size());
        if (ZSTD_isError(n)) {
            if (ZSTD_getErrorCode(n) == ZSTD_error_dstSize_tooSmall)
                return Error{"zstd frame inflates beyond its declared raw size " +
                             std::to_string(h.rawBytes)};
            return Error{std::string("zstd: ") + ZSTD_getErrorName(n)};
        }
        if (n != h.rawBytes)
            return Error{"zstd frame inflates to " + std::to_string(n) + " bytes, the frame header says " +
                         std::to_string(h.rawBytes)};
        body = std::span<const char>(raw.get(), n);
    }
    return decodePayload(static_cast<FrameType>(h.type), body, h.firstMs, h.records);
}

void CaptureReader::Impl::applyIndex(const std::vector<IndexEntry> &entries)
{
    for (const IndexEntry &e : entries) {
        const auto it =
            std::lower_bound(frames.begin(), frames.end(), e.offset,
                             [](const FrameInfo &f, std::uint64_t off) { return f.offset < off; });
        if (it == frames.end() || it->offset != e.offset || it->sequence != e.sequence || it->type != e.type)
            continue;
        const std::size_t i = static_cast<std::size_t>(it - frames.begin());
        it->firstMs = e.firstMs;
        it->lastMs = e.lastMs;
        timeKnown[i] = 1;
    }
    reachDirty = true;
}

bool CaptureReader::Impl::tryTrailer()
{
    using namespace format;
    if (size < kFileHeaderSize + kFrameHeaderSize + kFooterSize) return false;
    char fb[kFooterSize];
    if (!src->read(size - kFooterSize, fb, sizeof fb)) return false;
    const std::optional<Footer> footer = parseFooter(fb);
    if (!footer) return false; // not closed cleanly (or the footer is damaged): walk
    const std::uint64_t end = size - kFooterSize;
    const auto invalid = [&](const std::string &why) {
        addDamage(end, kFooterSize, "trailer not usable (" + why + "); frames found by walking the file");
        return false;
    };
    const std::uint64_t t = footer->trailerOffset;
    if (t < kFileHeaderSize || t > end || end - t < kFrameHeaderSize)
        return invalid("footer points outside the file");
    std::string why;
    auto h = readHeader(t, why);
    if (!h) return invalid(why);
    if (h->type != static_cast<std::uint8_t>(FrameType::Trailer) ||
        t + kFrameHeaderSize + h->storedBytes != end || h->sequence != footer->frameCount ||
        h->records != footer->frameCount)
        return invalid("footer and trailer frame disagree");
    if (why = readChecked(t, *h); !why.empty()) return invalid(why);
    auto records = decode(*h);
    if (!records) return invalid(records.error().message);
    const std::vector<IndexEntry> &entries = records->index;
    std::uint64_t expect = kFileHeaderSize;
    for (std::size_t k = 0; k < entries.size(); ++k) {
        const IndexEntry &e = entries[k];
        const bool zstd = e.flags & kFlagZstd;
        if (e.sequence != k || e.offset != expect || e.storedBytes > kMaxStoredPayload ||
            e.rawBytes > kMaxRawPayload || (e.flags & ~kFlagZstd) || (!zstd && e.rawBytes != e.storedBytes) ||
            e.records > e.rawBytes / 2 ||
            (zstd && std::uint64_t(e.rawBytes) > std::uint64_t(e.storedBytes) * kMaxZstdRatio) ||
            t - e.offset < kFrameHeaderSize + std::uint64_t(e.storedBytes))
            return invalid("entry " + std::to_string(k) + " does not fit");
        expect = e.offset + kFrameHeaderSize + e.storedBytes;
    }
    if (expect != t)
        return invalid("entries end at offset " + std::to_string(expect) + ", the trailer starts at " +
                       std::to_string(t));

    for (const IndexEntry &e : entries) {
        const auto type = static_cast<std::uint8_t>(e.type);
        if (type == std::uint8_t(FrameType::Index)) continue;
        if (!isDataType(type)) {
            std::string bad;
            if (auto uh = readHeader(e.offset, bad)) bad = readChecked(e.offset, *uh);
            addDamage(e.offset, kFrameHeaderSize + e.storedBytes,
                      "frame of unknown type " + std::to_string(type) + " skipped" +
                          (bad.empty() ? "" : " (" + bad + ")"));
            continue;
        }
        FrameInfo f;
        f.offset = e.offset;
        f.sequence = e.sequence;
        f.type = e.type;
        f.storedBytes = e.storedBytes;
        f.rawBytes = e.rawBytes;
        f.records = e.records;
        f.firstMs = e.firstMs;
        f.lastMs = e.lastMs;
        f.compressed = e.flags & kFlagZstd;
        frames.push_back(f);
        timeKnown.push_back(1);
    }
    return true;
}

Result<void> CaptureReader::Impl::addSeries(const std::vector<SeriesDef> &defs)
{
    for (const SeriesDef &def : defs) {
        if (def.id == series.size()) {
            series.push_back(def);
            seriesDefined.push_back(1);
            continue;
        }
        if (!opt.salvage)
            return Error{"series " + std::to_string(def.id) + " defined out of order (expected " +
                         std::to_string(series.size()) + ")"};
        if (def.id < series.size()) {
            if (!seriesDefined[def.id]) {
                series[def.id] = def;
                seriesDefined[def.id] = 1;
            }
            continue;
        }
        if (def.id - series.size() > kMaxSeriesHole) continue;
        while (series.size() < def.id) {
            SeriesDef hole;
            hole.id = static_cast<std::uint32_t>(series.size());
            series.push_back(std::move(hole));
            seriesDefined.push_back(0);
        }
        series.push_back(def);
        seriesDefined.push_back(1);
    }
    return {};
}

Result<void> CaptureReader::Impl::loadSeries()
{
    for (std::size_t i = 0; i < frames.size();) {
        if (frames[i].type != FrameType::Series) {
            ++i;
            continue;
        }
        if (!progress(frames[i].offset)) return Error{"cancelled"};
        const FrameInfo f = frames[i];
        std::string why;
        auto h = readHeader(f.offset, why);
        if (h &&
            (h->sequence != f.sequence || h->type != std::uint8_t(f.type) || h->storedBytes != f.storedBytes))
            why = "frame header does not match the index";
        if (why.empty()) why = readChecked(f.offset, *h);
        if (why.empty()) {
            auto records = decode(*h);
            if (!records)
                why = records.error().message;
            else if (auto added = addSeries(records->series); !added)
                why = added.error().message;
        }
        if (why.empty()) {
            ++i;
            continue;
        }
        addDamage(f.offset, opt.salvage ? format::kFrameHeaderSize + f.storedBytes : size - f.offset,
                  frameLabel(i, f) + ": " + why);
        if (opt.salvage) {
            frames.erase(frames.begin() + static_cast<std::ptrdiff_t>(i));
            timeKnown.erase(timeKnown.begin() + static_cast<std::ptrdiff_t>(i));
            continue;
        }
        // Without its definitions nothing after this frame can be trusted: stop here.
        frames.resize(i);
        timeKnown.resize(i);
        break;
    }
    reachDirty = true;
    return {};
}

Result<void> CaptureReader::Impl::open()
{
    size = src->size();
    if (size < format::kFileHeaderSize)
        return Error{"not a Vigil capture: " + std::to_string(size) + " bytes, too short for a header"};
    char hb[format::kFileHeaderSize];
    if (auto r = src->read(0, hb, sizeof hb); !r) return r.error();
    auto fh = format::parseFileHeader(hb);
    if (!fh) return fh.error();
    header.version = fh->version;
    header.startMs = fh->startMs;
    header.writerId = fh->writerId;
    header.host = fh->host;

    clean = !opt.salvage && tryTrailer();
    if (!clean) {
        frames.clear();
        timeKnown.clear();
        if (auto w = walk(); !w) return w;
    }
    if (auto s = loadSeries(); !s) return s;
    if (!clean && walkEndedClean && damage.empty()) clean = true; // salvage mode over an intact file
    if (clean && !damage.empty()) clean = false;
    if (opt.progress && !opt.progress(size, size)) return Error{"cancelled"};
    return {};
}

// ---------------------------------------------------------------- CaptureReader

CaptureReader::CaptureReader(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
CaptureReader::~CaptureReader() = default;

Result<std::unique_ptr<CaptureReader>> CaptureReader::open(const std::string &path, ReaderOptions options)
{
    auto src = openFileSource(path);
    if (!src) return src.error();
    auto impl = std::make_unique<Impl>();
    impl->src = std::move(*src);
    impl->opt = std::move(options);
    if (auto r = impl->open(); !r) return Error{path + ": " + r.error().message};
    return std::unique_ptr<CaptureReader>(new CaptureReader(std::move(impl)));
}

Result<std::unique_ptr<CaptureReader>> CaptureReader::openMemory(std::string bytes, ReaderOptions options)
{
    auto impl = std::make_unique<Impl>();
    impl->src = memorySource(std::move(bytes));
    impl->opt = std::move(options);
    if (auto r = impl->open(); !r) return r.error();
    return std::unique_ptr<CaptureReader>(new CaptureReader(std::move(impl)));
}

const FileHeader &CaptureReader::header() const
{
    return d->header;
}
std::uint64_t CaptureReader::fileSize() const
{
    return d->size;
}
bool CaptureReader::cleanlyClosed() const
{
    return d->clean;
}
const std::vector<FrameInfo> &CaptureReader::frames() const
{
    return d->frames;
}
const std::vector<Damage> &CaptureReader::damage() const
{
    return d->damage;
}
const std::vector<SeriesDef> &CaptureReader::series() const
{
    return d->series;
}

std::int64_t CaptureReader::firstMs() const
{
    bool any = false;
    std::int64_t t = 0;
    for (const FrameInfo &f : d->frames)
        if (f.type != FrameType::Series && (!any || f.firstMs < t)) {
            t = f.firstMs;
            any = true;
        }
    return any ? t : d->header.startMs;
}

std::int64_t CaptureReader::lastMs() const
{
    bool any = false;
    std::int64_t t = 0;
    for (const FrameInfo &f : d->frames)
        if (f.type != FrameType::Series && (!any || f.lastMs > t)) {
            t = f.lastMs;
            any = true;
        }
    return any ? t : d->header.startMs;
}

Result<DecodedFrame> CaptureReader::read(std::size_t i)
{
    if (i >= d->frames.size())
        return Error{"no frame " + std::to_string(i) + " (the capture has " +
                     std::to_string(d->frames.size()) + ")"};
    FrameInfo &f = d->frames[i];
    std::string why;
    auto h = d->readHeader(f.offset, why);
    if (h && (h->sequence != f.sequence || h->type != std::uint8_t(f.type) ||
              h->storedBytes != f.storedBytes || h->rawBytes != f.rawBytes || h->records != f.records ||
              bool(h->flags & format::kFlagZstd) != f.compressed))
        why = "frame header does not match the index";
    if (why.empty()) why = d->readChecked(f.offset, *h);
    Result<FrameRecords> records = Error{why};
    if (why.empty()) {
        records = d->decode(*h);
        if (!records) why = records.error().message;
    }
    if (!why.empty()) {
        const std::string message = frameLabel(i, f) + ": " + why;
        d->addDamage(f.offset, format::kFrameHeaderSize + f.storedBytes, message);
        return Error{message};
    }
    if (!d->timeKnown[i]) {
        bool any = false;
        std::int64_t lo = 0, hi = 0;
        recordTimes(f.type, *records, lo, hi, any);
        if (any) {
            f.firstMs = lo;
            f.lastMs = hi;
        }
        d->timeKnown[i] = 1;
        d->reachDirty = true;
    }
    return DecodedFrame{f, std::move(*records)};
}

std::size_t CaptureReader::frameAt(std::int64_t ms) const
{
    const std::vector<FrameInfo> &frames = d->frames;
    if (d->reachDirty) {
        d->reach.resize(frames.size());
        std::int64_t running = std::numeric_limits<std::int64_t>::min();
        for (std::size_t i = 0; i < frames.size(); ++i) {
            std::int64_t v = std::numeric_limits<std::int64_t>::min();
            if (frames[i].type != FrameType::Series)
                v = d->timeKnown[i] ? frames[i].lastMs : std::numeric_limits<std::int64_t>::max();
            running = std::max(running, v);
            d->reach[i] = running;
        }
        d->reachDirty = false;
    }
    auto i =
        static_cast<std::size_t>(std::lower_bound(d->reach.begin(), d->reach.end(), ms) - d->reach.begin());
    while (i < frames.size() && frames[i].type == FrameType::Series)
        ++i; // a series frame only repeats the reach of the frames before it
    return i;
}

std::string CaptureReader::damageSummary() const
{
    std::string s = std::to_string(d->frames.size()) + " frames";
    if (d->damage.empty()) return s + ", no damage";
    s = "recovered " + s;
    for (const Damage &dm : d->damage) {
        if (dm.tornTail)
            s += "; torn tail of " + std::to_string(dm.bytes) + " bytes at offset " +
                 std::to_string(dm.offset);
        else
            s += "; at offset " + std::to_string(dm.offset) + ": " + dm.reason;
    }
    return s;
}

} // namespace vigil::capture

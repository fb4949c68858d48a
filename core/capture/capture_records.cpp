#include "core/capture/capture_records.h"

#include "core/capture/capture_bytes.h"

#include <bit>
#include <limits>

namespace vigil::capture {

using namespace bytes;

const char *frameTypeName(FrameType type)
{
    switch (type) {
    case FrameType::Series:
        return "series";
    case FrameType::Samples:
        return "samples";
    case FrameType::Targets:
        return "targets";
    case FrameType::Events:
        return "events";
    case FrameType::Cluster:
        return "cluster";
    case FrameType::Alerts:
        return "alerts";
    case FrameType::Notes:
        return "notes";
    case FrameType::Index:
        return "index";
    case FrameType::Trailer:
        return "trailer";
    }
    return "unknown";
}

// ---------------------------------------------------------------- encoders

namespace {

// Body scratch for records whose size is not known up front; one per thread so the
// writer thread and tests can encode concurrently without allocating per record.
std::string &scratch()
{
    thread_local std::string s;
    s.clear();
    return s;
}

void putRecord(std::string &out, std::uint64_t kind, const std::string &body)
{
    putVarint(out, kind);
    putVarint(out, body.size());
    out.append(body);
}

void putLabels(std::string &out, const Labels &labels)
{
    putVarint(out, labels.size());
    for (const Label &l : labels) {
        putString(out, l.name);
        putString(out, l.value);
    }
}

} // namespace

void encode(std::string &out, const SeriesDef &r)
{
    std::string &b = scratch();
    putVarint(b, r.id);
    putU8(b, static_cast<std::uint8_t>(r.type));
    putString(b, r.name);
    putLabels(b, r.labels);
    putRecord(out, 1, b);
}

void encode(std::string &out, const SampleRun &r, std::int64_t frameFirstMs)
{
    // Sized directly: sample runs are the bulk of a capture.
    std::size_t size = varintSize(r.seriesId) + varintSize(r.points.size()) + 8 * r.points.size();
    std::int64_t prev = frameFirstMs;
    for (const SamplePoint &p : r.points) {
        size += varintSize(zigzag(wrapSub(p.timestampMs, prev)));
        prev = p.timestampMs;
    }
    putVarint(out, 1);
    putVarint(out, size);
    putVarint(out, r.seriesId);
    putVarint(out, r.points.size());
    prev = frameFirstMs;
    for (const SamplePoint &p : r.points) {
        putSvarint(out, wrapSub(p.timestampMs, prev));
        putF64(out, p.value);
        prev = p.timestampMs;
    }
}

void encode(std::string &out, const ScrapeRecord &r)
{
    std::string &b = scratch();
    putSvarint(b, r.timestampMs);
    putString(b, r.targetUrl);
    putString(b, r.job);
    putString(b, r.instance);
    putF64(b, r.durationSeconds);
    putU8(b, r.up ? 1 : 0);
    putString(b, r.error);
    putVarint(b, r.samples);
    putVarint(b, r.bodyBytes);
    putVarint(b, r.consecutiveFailures);
    putF64(b, r.nextRetrySeconds);
    putU8(b, static_cast<std::uint8_t>(r.format));
    putLabels(b, r.targetLabels);
    putRecord(out, 1, b);
}

void encode(std::string &out, const EventSourceDef &r)
{
    std::string &b = scratch();
    putVarint(b, r.sourceId);
    putString(b, r.url);
    putRecord(out, 1, b);
}

void encode(std::string &out, const EventLine &r, std::int64_t previousArrivalNs)
{
    encodeEventLine(out, r.sourceId, r.arrivalNs, r.line, previousArrivalNs);
}

void encodeEventLine(std::string &out, std::uint32_t sourceId, std::int64_t arrivalNs, std::string_view line,
                     std::int64_t previousArrivalNs)
{
    const std::uint64_t delta = zigzag(wrapSub(arrivalNs, previousArrivalNs));
    const std::size_t size = varintSize(sourceId) + varintSize(delta) + varintSize(line.size()) + line.size();
    putVarint(out, 2);
    putVarint(out, size);
    putVarint(out, sourceId);
    putVarint(out, delta);
    putString(out, line);
}

void encode(std::string &out, const JsonRecord &r)
{
    std::string &b = scratch();
    putSvarint(b, r.timestampMs);
    putString(b, r.json);
    putRecord(out, 1, b);
}

void encode(std::string &out, const Note &r)
{
    std::string &b = scratch();
    putSvarint(b, r.timestampMs);
    putSvarint(b, r.writtenMs);
    putString(b, r.author);
    putString(b, r.text);
    putRecord(out, 1, b);
}

void encode(std::string &out, const IndexEntry &r)
{
    std::string &b = scratch();
    putVarint(b, r.offset);
    putVarint(b, r.sequence);
    putU8(b, static_cast<std::uint8_t>(r.type));
    putSvarint(b, r.firstMs);
    putSvarint(b, r.lastMs);
    putVarint(b, r.storedBytes);
    putVarint(b, r.rawBytes);
    putVarint(b, r.records);
    putU8(b, r.flags);
    putRecord(out, 1, b);
}

// ---------------------------------------------------------------- decoder

namespace {

std::string sizeText(std::size_t n)
{
    if (n >= (1u << 20) && n % (1u << 20) == 0) return std::to_string(n >> 20) + " MiB";
    if (n >= (1u << 10) && n % (1u << 10) == 0) return std::to_string(n >> 10) + " KiB";
    return std::to_string(n) + " bytes";
}

// Reads fields of one record body; every read checks what is left of the body first.
// On failure `error` says what and where (payload offset of the field).
class Cursor
{
  public:
    Cursor(const char *base, std::size_t begin, std::size_t end) : m_base(base), m_pos(begin), m_end(end) {}

    std::size_t pos() const { return m_pos; }
    std::size_t left() const { return m_end - m_pos; }
    const std::string &error() const { return m_error; }
    std::size_t errorOffset() const { return m_errorOffset; }

    bool varint(std::uint64_t &v, const char *what)
    {
        const std::size_t start = m_pos;
        v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_pos >= m_end) return fail(start, std::string(what) + ": varint runs past the record end");
            const auto byte = static_cast<unsigned char>(m_base[m_pos++]);
            if (shift == 63 && byte > 1) return fail(start, std::string(what) + ": varint exceeds 64 bits");
            v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if (!(byte & 0x80)) return true;
        }
        return fail(start, std::string(what) + ": varint longer than 10 bytes");
    }
    bool u32(std::uint32_t &v, const char *what)
    {
        const std::size_t start = m_pos;
        std::uint64_t x = 0;
        if (!varint(x, what)) return false;
        if (x > std::numeric_limits<std::uint32_t>::max())
            return fail(start, std::string(what) + " " + std::to_string(x) + " exceeds 32 bits");
        v = static_cast<std::uint32_t>(x);
        return true;
    }
    bool svarint(std::int64_t &v, const char *what)
    {
        std::uint64_t x = 0;
        if (!varint(x, what)) return false;
        v = unzigzag(x);
        return true;
    }
    bool u8(std::uint8_t &v, const char *what)
    {
        if (m_pos >= m_end) return fail(m_pos, std::string(what) + ": runs past the record end");
        v = static_cast<std::uint8_t>(m_base[m_pos++]);
        return true;
    }
    bool f64(double &v, const char *what)
    {
        if (left() < 8) return fail(m_pos, std::string(what) + ": f64 runs past the record end");
        v = std::bit_cast<double>(loadLE<std::uint64_t>(m_base + m_pos));
        m_pos += 8;
        return true;
    }
    bool string(std::string &s, std::size_t max, const char *what)
    {
        const std::size_t start = m_pos;
        std::uint64_t n = 0;
        if (!varint(n, what)) return false;
        if (n > max)
            return fail(start, std::string(what) + ": string of " + std::to_string(n) + " bytes exceeds " +
                                   sizeText(max));
        if (n > left())
            return fail(start, std::string(what) + ": string of " + std::to_string(n) +
                                   " bytes runs past the record end (" + std::to_string(left()) + " left)");
        s.assign(m_base + m_pos, static_cast<std::size_t>(n));
        m_pos += static_cast<std::size_t>(n);
        return true;
    }
    bool labels(Labels &out, const char *what)
    {
        const std::size_t start = m_pos;
        std::uint64_t n = 0;
        if (!varint(n, what)) return false;
        if (n > kMaxLabels)
            return fail(start, std::string(what) + ": " + std::to_string(n) + " labels exceed " +
                                   std::to_string(kMaxLabels));
        if (n * 2 > left())
            return fail(start,
                        std::string(what) + ": " + std::to_string(n) + " labels run past the record end");
        out.resize(static_cast<std::size_t>(n));
        for (Label &l : out)
            if (!string(l.name, kMaxStringBytes, "label name") ||
                !string(l.value, kMaxStringBytes, "label value"))
                return false;
        return true;
    }
    bool fail(std::size_t offset, std::string message)
    {
        m_errorOffset = offset;
        m_error = std::move(message);
        return false;
    }

  private:
    const char *m_base;
    std::size_t m_pos, m_end;
    std::string m_error;
    std::size_t m_errorOffset = 0;
};

std::size_t heapBytes(const std::string &s)
{
    return s.size() > 15 ? s.size() + 1 : 0;
}
std::size_t heapBytes(const Labels &labels)
{
    std::size_t n = labels.size() * sizeof(Label);
    for (const Label &l : labels)
        n += heapBytes(l.name) + heapBytes(l.value);
    return n;
}

// Decodes the body [c.pos(), end) of one known record into `out`. Returns the memory
// it takes (for the decoded-size budget), or nullopt-like 0 with c.error() set.
struct RecordDecoder
{
    FrameRecords &out;
    std::int64_t frameFirstMs;
    std::int64_t prevArrivalNs;

    // Returns false with the cursor's error set; `memory` grows by what was decoded.
    bool decode(FrameType type, std::uint64_t kind, Cursor &c, std::size_t &memory, bool &known)
    {
        known = true;
        switch (type) {
        case FrameType::Series:
            if (kind == 1) {
                SeriesDef r;
                std::uint8_t t = 0;
                if (!c.u32(r.id, "series id") || !c.u8(t, "metric type")) return false;
                if (t > static_cast<std::uint8_t>(expo::MetricType::StateSet))
                    return c.fail(c.pos() - 1, "unknown metric type " + std::to_string(t));
                r.type = static_cast<expo::MetricType>(t);
                if (!c.string(r.name, kMaxStringBytes, "metric name") || !c.labels(r.labels, "labels"))
                    return false;
                memory += sizeof(SeriesDef) + heapBytes(r.name) + heapBytes(r.labels);
                out.series.push_back(std::move(r));
                return true;
            }
            break;
        case FrameType::Samples:
            if (kind == 1) {
                SampleRun r;
                std::uint64_t count = 0;
                const std::size_t countAt = c.pos();
                if (!c.u32(r.seriesId, "series id") || !c.varint(count, "sample count")) return false;
                if (count == 0) return c.fail(countAt, "sample run of 0 samples");
                if (count > c.left() / 9)
                    return c.fail(countAt, "sample run of " + std::to_string(count) +
                                               " samples runs past the record end (" +
                                               std::to_string(c.left()) + " bytes left)");
                r.points.resize(static_cast<std::size_t>(count));
                std::int64_t prev = frameFirstMs;
                for (SamplePoint &p : r.points) {
                    std::int64_t delta = 0;
                    if (!c.svarint(delta, "time delta") || !c.f64(p.value, "value")) return false;
                    p.timestampMs = wrapAdd(prev, delta);
                    prev = p.timestampMs;
                }
                memory += sizeof(SampleRun) + r.points.size() * sizeof(SamplePoint);
                out.samples.push_back(std::move(r));
                return true;
            }
            break;
        case FrameType::Targets:
            if (kind == 1) {
                ScrapeRecord r;
                std::uint8_t up = 0, format = 0;
                if (!c.svarint(r.timestampMs, "time") ||
                    !c.string(r.targetUrl, kMaxStringBytes, "target url") ||
                    !c.string(r.job, kMaxStringBytes, "job") ||
                    !c.string(r.instance, kMaxStringBytes, "instance") ||
                    !c.f64(r.durationSeconds, "duration") || !c.u8(up, "up"))
                    return false;
                if (up > 1) return c.fail(c.pos() - 1, "up is " + std::to_string(up) + ", not 0 or 1");
                r.up = up == 1;
                if (!c.string(r.error, kMaxStringBytes, "error") || !c.varint(r.samples, "samples") ||
                    !c.varint(r.bodyBytes, "body bytes") ||
                    !c.u32(r.consecutiveFailures, "consecutive failures") ||
                    !c.f64(r.nextRetrySeconds, "next retry") || !c.u8(format, "format"))
                    return false;
                if (format > static_cast<std::uint8_t>(expo::Format::OpenMetrics))
                    return c.fail(c.pos() - 1, "unknown format " + std::to_string(format));
                r.format = static_cast<expo::Format>(format);
                if (!c.labels(r.targetLabels, "target labels")) return false;
                memory += sizeof(ScrapeRecord) + heapBytes(r.targetUrl) + heapBytes(r.job) +
                          heapBytes(r.instance) + heapBytes(r.error) + heapBytes(r.targetLabels);
                out.scrapes.push_back(std::move(r));
                return true;
            }
            break;
        case FrameType::Events:
            if (kind == 1) {
                EventSourceDef r;
                if (!c.u32(r.sourceId, "source id") || !c.string(r.url, kMaxStringBytes, "source url"))
                    return false;
                memory += sizeof(EventSourceDef) + heapBytes(r.url);
                out.eventSources.push_back(std::move(r));
                return true;
            }
            if (kind == 2) {
                EventLine r;
                std::int64_t delta = 0;
                if (!c.u32(r.sourceId, "source id") || !c.svarint(delta, "arrival delta") ||
                    !c.string(r.line, kMaxEventLineBytes, "event line"))
                    return false;
                r.arrivalNs = wrapAdd(prevArrivalNs, delta);
                prevArrivalNs = r.arrivalNs;
                memory += sizeof(EventLine) + heapBytes(r.line);
                out.events.push_back(std::move(r));
                return true;
            }
            break;
        case FrameType::Cluster:
        case FrameType::Alerts:
            if (kind == 1) {
                JsonRecord r;
                if (!c.svarint(r.timestampMs, "time") || !c.string(r.json, kMaxStringBytes, "json"))
                    return false;
                memory += sizeof(JsonRecord) + heapBytes(r.json);
                (type == FrameType::Cluster ? out.cluster : out.alerts).push_back(std::move(r));
                return true;
            }
            break;
        case FrameType::Notes:
            if (kind == 1) {
                Note r;
                if (!c.svarint(r.timestampMs, "time") || !c.svarint(r.writtenMs, "written") ||
                    !c.string(r.author, kMaxStringBytes, "author") ||
                    !c.string(r.text, kMaxStringBytes, "text"))
                    return false;
                memory += sizeof(Note) + heapBytes(r.author) + heapBytes(r.text);
                out.notes.push_back(std::move(r));
                return true;
            }
            break;
        case FrameType::Index:
        case FrameType::Trailer:
            if (kind == 1) {
                IndexEntry r;
                std::uint8_t t = 0;
                if (!c.varint(r.offset, "offset") || !c.varint(r.sequence, "sequence") || !c.u8(t, "type") ||
                    !c.svarint(r.firstMs, "first time") || !c.svarint(r.lastMs, "last time") ||
                    !c.u32(r.storedBytes, "stored size") || !c.u32(r.rawBytes, "raw size") ||
                    !c.u32(r.records, "record count") || !c.u8(r.flags, "flags"))
                    return false;
                r.type = static_cast<FrameType>(t);
                memory += sizeof(IndexEntry);
                out.index.push_back(r);
                return true;
            }
            break;
        }
        known = false;
        return true;
    }
};

} // namespace

Result<FrameRecords> decodePayload(FrameType type, std::span<const char> payload, std::int64_t frameFirstMs,
                                   std::uint32_t recordCount)
{
    FrameRecords out;
    RecordDecoder decoder{out, frameFirstMs, wrapMul(frameFirstMs, 1'000'000)};
    const char *base = payload.data();
    const std::size_t end = payload.size();
    std::size_t pos = 0;
    std::size_t memory = 0;
    std::uint32_t records = 0;
    const auto error = [&](std::uint32_t record, std::size_t offset, const std::string &what) {
        return Error{"record " + std::to_string(record) + " at payload offset " + std::to_string(offset) +
                     ": " + what};
    };
    while (pos < end) {
        if (records == recordCount)
            return error(records, pos,
                         "more records than the " + std::to_string(recordCount) +
                             " the frame header declares");
        Cursor head(base, pos, end);
        std::uint64_t kind = 0, size = 0;
        if (!head.varint(kind, "record kind") || !head.varint(size, "record size"))
            return error(records, head.errorOffset(), head.error());
        if (size > head.left())
            return error(records, pos,
                         "record of " + std::to_string(size) + " bytes runs past the payload end (" +
                             std::to_string(head.left()) + " left)");
        const std::size_t bodyEnd = head.pos() + static_cast<std::size_t>(size);
        Cursor body(base, head.pos(), bodyEnd);
        bool known = true;
        if (!decoder.decode(type, kind, body, memory, known))
            return error(records, body.errorOffset(), body.error());
        if (!known) ++out.unknownRecords;
        if (memory > kMaxDecodedBytes)
            return error(records, pos, "decoded records exceed " + sizeText(kMaxDecodedBytes) + " of memory");
        pos = bodyEnd;
        ++records;
    }
    if (records != recordCount)
        return error(records, pos,
                     "payload ends after " + std::to_string(records) +
                         " records, the frame header declares " + std::to_string(recordCount));
    return out;
}

} // namespace vigil::capture

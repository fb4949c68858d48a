#include "core/capture/capture_frames.h"

#include "core/capture/capture_bytes.h"
#include "core/hub/sample_batch.h"

#include <algorithm>
#include <cstring>

namespace vigil::capture {

using namespace bytes;

namespace {

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

constexpr std::size_t kRecordHead = 1 + 5; // kind + size varint (upper bound)

char *storeVarint(char *out, std::uint64_t v)
{
    while (v >= 0x80) {
        *out++ = static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    *out++ = static_cast<char>(v);
    return out;
}

} // namespace

void FrameAssembler::Pending::noteTime(std::int64_t ms)
{
    if (!hasTime) {
        hasTime = true;
        firstMs = minMs = maxMs = ms;
        return;
    }
    minMs = std::min(minMs, ms);
    maxMs = std::max(maxMs, ms);
}

FrameAssembler::FrameAssembler(FrameSink &sink, std::size_t frameBytes)
    : m_sink(sink), m_frameBytes(frameBytes)
{
}

FrameAssembler::Pending &FrameAssembler::pending(FrameType type)
{
    switch (type) {
    case FrameType::Series:
        return m_series;
    case FrameType::Events:
        return m_events;
    case FrameType::Cluster:
        return m_cluster;
    case FrameType::Notes:
        return m_notes;
    default:
        return m_targets;
    }
}

bool FrameAssembler::afterAdd(Pending &p, Clock::time_point now)
{
    ++p.records;
    if (!p.since) p.since = now;
    if (p.payload.size() >= m_frameBytes) return cut(p);
    return true;
}

bool FrameAssembler::cut(Pending &p)
{
    if (p.records == 0) return true;
    ReadyFrame f;
    f.type = p.type;
    f.payload = p.payload;
    f.records = p.records;
    if (p.hasTime) {
        f.firstMs = p.firstMs;
        f.minMs = p.minMs;
        f.maxMs = p.maxMs;
    }
    const bool ok = m_sink.writeFrame(f);
    p.payload.clear();
    p.records = 0;
    p.hasTime = false;
    p.firstMs = p.minMs = p.maxMs = 0;
    p.prevArrivalNs = 0;
    p.since.reset();
    if (p.payload.capacity() > 4 * m_frameBytes) p.payload.shrink_to_fit(); // after a rare oversized record
    return ok;
}

bool FrameAssembler::cutSamples()
{
    if (m_activeRuns == 0) return true;
    // Definitions first: every series is defined before the first samples frame using it.
    if (!cut(m_series)) return false;
    const std::int64_t base = m_runs[0].points.front().timestampMs;
    m_samplesPayload.clear();
    std::uint32_t records = 0;
    for (std::size_t i = 0; i < m_activeRuns; ++i) {
        encode(m_samplesPayload, m_runs[i], base);
        ++records;
    }
    ReadyFrame f;
    f.type = FrameType::Samples;
    f.payload = m_samplesPayload;
    f.records = records;
    f.firstMs = base;
    f.minMs = m_samplesMin;
    f.maxMs = m_samplesMax;
    const bool ok = m_sink.writeFrame(f);
    for (std::size_t i = 0; i < m_activeRuns; ++i) {
        SampleRun &r = m_runs[i];
        if (r.seriesId < m_runOf.size()) m_runOf[r.seriesId] = -1;
        r.points.clear();
        if (r.points.capacity() > 4096) r.points.shrink_to_fit();
    }
    m_activeRuns = 0;
    m_samplesEstimate = 0;
    m_samplesSince.reset();
    return ok;
}

std::optional<std::uint32_t> FrameAssembler::internSeries(std::string_view metric, expo::MetricType type,
                                                          Clock::time_point now, bool &sinkOk)
{
    m_key.clear();
    putString(m_key, metric);
    for (const LabelView &l : m_canon) {
        putString(m_key, l.name);
        putString(m_key, l.value);
    }
    if (const auto it = m_seriesIds.find(m_key); it != m_seriesIds.end()) return it->second;
    // A series the format cannot hold is not recorded (its samples are counted as dropped).
    if (metric.size() > kMaxStringBytes || m_canon.size() > kMaxLabels) return std::nullopt;
    for (const LabelView &l : m_canon)
        if (l.name.size() > kMaxStringBytes || l.value.size() > kMaxStringBytes) return std::nullopt;
    SeriesDef def;
    def.id = static_cast<std::uint32_t>(m_seriesIds.size());
    def.type = type;
    def.name = std::string(metric);
    def.labels.reserve(m_canon.size());
    for (const LabelView &l : m_canon)
        def.labels.push_back({std::string(l.name), std::string(l.value)});
    m_seriesIds.emplace(m_key, def.id);
    encode(m_series.payload, def);
    ++m_counts.series;
    if (m_runOf.size() <= def.id) m_runOf.resize(def.id + 1, -1);
    sinkOk = afterAdd(m_series, now);
    return def.id;
}

bool FrameAssembler::addSamples(const SampleBatch &batch, Clock::time_point now)
{
    if (!batch.parsed) return true;
    const expo::ParseResult &parsed = *batch.parsed;
    m_exportedNames.clear();
    for (const Label &l : batch.targetLabels)
        m_exportedNames.push_back("exported_" + l.name);

    for (const expo::SampleView &s : parsed.samples) {
        // The hub's canonical label set (see the header comment).
        m_canon.clear();
        const auto add = [&](LabelView l) {
            if (l.value.empty() || l.name == std::string_view("__name__")) return;
            m_canon.push_back(l);
            for (std::size_t i = m_canon.size() - 1; i > 0 && l.name < m_canon[i - 1].name; --i)
                std::swap(m_canon[i], m_canon[i - 1]);
        };
        if (std::size_t(s.labelBegin) + s.labelCount > parsed.labels.size()) {
            ++m_counts.dropped;
            continue;
        }
        for (std::uint32_t i = 0; i < s.labelCount; ++i) {
            LabelView l = parsed.labels[s.labelBegin + i];
            for (std::size_t t = 0; t < batch.targetLabels.size(); ++t)
                if (l.name == batch.targetLabels[t].name) l.name = m_exportedNames[t];
            add(l);
        }
        for (const Label &l : batch.targetLabels)
            add({l.name, l.value});
        m_canon.erase(std::unique(m_canon.begin(), m_canon.end(),
                                  [](const LabelView &a, const LabelView &b) { return a.name == b.name; }),
                      m_canon.end());

        const expo::MetricType type =
            s.family < parsed.families.size() ? parsed.families[s.family].type : expo::MetricType::Untyped;
        bool sinkOk = true;
        const std::optional<std::uint32_t> id = internSeries(s.name, type, now, sinkOk);
        if (!sinkOk) return false;
        if (!id) {
            ++m_counts.dropped;
            continue;
        }
        const std::int64_t ts = s.hasTimestamp ? s.timestampMs : batch.timestampMs;

        std::int32_t &slot = m_runOf[*id];
        std::int64_t prev = 0;
        if (slot < 0) {
            if (m_activeRuns == m_runs.size()) m_runs.emplace_back();
            slot = static_cast<std::int32_t>(m_activeRuns++);
            SampleRun &run = m_runs[slot];
            run.seriesId = *id;
            m_samplesEstimate += kRecordHead + varintSize(*id) + 5;
            prev = m_activeRuns == 1 ? ts : m_runs[0].points.front().timestampMs;
        } else {
            prev = m_runs[slot].points.back().timestampMs;
        }
        m_runs[slot].points.push_back({ts, s.value});
        m_samplesEstimate += 8 + varintSize(zigzag(wrapSub(ts, prev)));
        if (!m_samplesSince) {
            m_samplesSince = now;
            m_samplesMin = m_samplesMax = ts;
        } else {
            m_samplesMin = std::min(m_samplesMin, ts);
            m_samplesMax = std::max(m_samplesMax, ts);
        }
        ++m_counts.samples;
        if (m_samplesEstimate >= m_frameBytes && !cutSamples()) return false;
    }
    return true;
}

bool FrameAssembler::addScrape(const ScrapeReport &report, const Labels &targetLabels, Clock::time_point now)
{
    const auto cap = [](const std::string &s) {
        if (s.size() <= kMaxStringBytes) return s;
        std::size_t n = kMaxStringBytes;
        while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
            --n;
        return s.substr(0, n);
    };
    ScrapeRecord r;
    r.timestampMs = report.timestampMs;
    r.targetUrl = cap(report.targetUrl);
    r.job = cap(report.job);
    r.instance = cap(report.instance);
    r.durationSeconds = report.durationSeconds;
    r.up = report.up;
    r.error = cap(report.error);
    r.samples = report.samples;
    r.bodyBytes = report.bodyBytes;
    r.consecutiveFailures = report.consecutiveFailures;
    r.nextRetrySeconds = report.nextRetrySeconds;
    r.format = report.format;
    for (const Label &l : targetLabels) {
        if (r.targetLabels.size() == kMaxLabels) break;
        r.targetLabels.push_back({cap(l.name), cap(l.value)});
    }
    m_targets.noteTime(r.timestampMs);
    encode(m_targets.payload, r);
    ++m_counts.scrapes;
    return afterAdd(m_targets, now);
}

bool FrameAssembler::defineSource(std::uint32_t sourceId, Clock::time_point now)
{
    if (m_definedSources.count(sourceId)) return true;
    m_definedSources.insert(sourceId);
    EventSourceDef def;
    def.sourceId = sourceId;
    if (const auto it = m_sourceUrls.find(sourceId); it != m_sourceUrls.end()) def.url = it->second;
    encode(m_events.payload, def);
    return afterAdd(m_events, now);
}

bool FrameAssembler::addEventSource(std::uint32_t sourceId, const std::string &url, Clock::time_point now)
{
    std::string u = url.size() <= kMaxStringBytes ? url : url.substr(0, kMaxStringBytes);
    const auto it = m_sourceUrls.find(sourceId);
    if (it != m_sourceUrls.end() && it->second == u && m_definedSources.count(sourceId)) return true;
    m_sourceUrls[sourceId] = u;
    // A changed URL for a known id is defined again: the latest definition wins.
    m_definedSources.erase(sourceId);
    return defineSource(sourceId, now);
}

bool FrameAssembler::addOneLine(std::uint32_t sourceId, std::int64_t arrivalNs, std::string_view line,
                                Clock::time_point now)
{
    if (line.size() > kMaxEventLineBytes) {
        ++m_counts.dropped;
        return true;
    }
    if (!defineSource(sourceId, now)) return false;
    const bool first = !m_events.hasTime;
    m_events.noteTime(floorDiv(arrivalNs, 1'000'000));
    if (first) m_events.prevArrivalNs = wrapMul(m_events.firstMs, 1'000'000);
    encodeEventLine(m_events.payload, sourceId, arrivalNs, line, m_events.prevArrivalNs);
    m_events.prevArrivalNs = arrivalNs;
    ++m_counts.events;
    return afterAdd(m_events, now);
}

bool FrameAssembler::addEventLines(std::uint32_t sourceId, std::int64_t arrivalNs, std::string_view text,
                                   Clock::time_point now)
{
    // One pass over the batch: find each line, append its record header and bytes. The
    // lines share the source (defined once) and the arrival time (noted once per frame).
    const std::int64_t ms = floorDiv(arrivalNs, 1'000'000);
    const std::size_t idBytes = varintSize(sourceId);
    bool defined = false;
    Pending &p = m_events;
    const char *pos = text.data();
    const char *const end = pos + text.size();
    while (pos < end) {
        const char *nl = static_cast<const char *>(std::memchr(pos, '\n', std::size_t(end - pos)));
        if (!nl) nl = end;
        const std::size_t len = std::size_t(nl - pos);
        const char *line = pos;
        pos = nl == end ? end : nl + 1;
        if (len > kMaxEventLineBytes) {
            ++m_counts.dropped;
            continue;
        }
        if (!defined) {
            if (!defineSource(sourceId, now)) return false;
            defined = true;
        }
        if (!p.hasTime) {
            p.noteTime(ms);
            p.prevArrivalNs = wrapMul(p.firstMs, 1'000'000);
        } else if (ms < p.minMs || ms > p.maxMs) {
            p.noteTime(ms);
        }
        // Record: kind 2, body size, source id, arrival delta, string (see encodeEventLine).
        const std::uint64_t delta = zigzag(wrapSub(arrivalNs, p.prevArrivalNs));
        p.prevArrivalNs = arrivalNs;
        const std::size_t body = idBytes + varintSize(delta) + varintSize(len) + len;
        char head[1 + 10 + 5 + 10 + 10];
        char *h = head;
        *h++ = 2;
        h = storeVarint(h, body);
        h = storeVarint(h, sourceId);
        h = storeVarint(h, delta);
        h = storeVarint(h, len);
        p.payload.append(head, std::size_t(h - head));
        p.payload.append(line, len);
        ++m_counts.events;
        if (!afterAdd(p, now)) return false;
    }
    return true;
}

bool FrameAssembler::addEventLine(const EventLine &line, Clock::time_point now)
{
    std::string_view text = line.line;
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    if (text.find('\n') != std::string_view::npos)
        return addEventLines(line.sourceId, line.arrivalNs, text, now);
    return addOneLine(line.sourceId, line.arrivalNs, text, now);
}

bool FrameAssembler::addClusterState(const JsonRecord &state, Clock::time_point now)
{
    if (state.json.size() > kMaxStringBytes) {
        ++m_counts.dropped;
        return true;
    }
    m_cluster.noteTime(state.timestampMs);
    encode(m_cluster.payload, state);
    ++m_counts.clusterStates;
    return afterAdd(m_cluster, now);
}

bool FrameAssembler::addNote(const Note &note, Clock::time_point now)
{
    if (note.author.size() > kMaxStringBytes || note.text.size() > kMaxStringBytes) {
        ++m_counts.dropped;
        return true;
    }
    m_notes.noteTime(note.timestampMs);
    encode(m_notes.payload, note);
    ++m_counts.notes;
    return afterAdd(m_notes, now);
}

bool FrameAssembler::cutAged(Clock::time_point now, Clock::duration maxAge)
{
    if (m_samplesSince && now - *m_samplesSince >= maxAge && !cutSamples()) return false;
    for (Pending *p : {&m_series, &m_targets, &m_events, &m_cluster, &m_notes})
        if (p->since && now - *p->since >= maxAge && !cut(*p)) return false;
    return true;
}

bool FrameAssembler::cutAll()
{
    return cut(m_series) && cutSamples() && cut(m_targets) && cut(m_events) && cut(m_cluster) && cut(m_notes);
}

std::optional<FrameAssembler::Clock::time_point> FrameAssembler::oldestPending() const
{
    std::optional<Clock::time_point> t = m_samplesSince;
    for (const Pending *p : {&m_series, &m_targets, &m_events, &m_cluster, &m_notes})
        if (p->since && (!t || *p->since < *t)) t = p->since;
    return t;
}

void FrameAssembler::startFile()
{
    m_seriesIds.clear();
    m_runOf.clear();
    m_definedSources.clear();
}

} // namespace vigil::capture

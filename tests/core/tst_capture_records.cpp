// Capture records: CRC32C (both implementations), encode/decode round trip of every
// record type with exact values, and decoder errors on truncated or absurd payloads.
#include "core/capture/capture_bytes.h"
#include "core/capture/capture_records.h"
#include "core/capture/crc32c.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <limits>
#include <random>

using namespace vigil;
using namespace vigil::capture;

namespace {

std::uint64_t bits(double v)
{
    return std::bit_cast<std::uint64_t>(v);
}
double fromBits(std::uint64_t b)
{
    return std::bit_cast<double>(b);
}

constexpr std::uint64_t kStaleBits = 0x7ff0000000000002ull;

Result<FrameRecords> decodeAll(FrameType type, const std::string &payload, std::int64_t first,
                               std::uint32_t count)
{
    return decodePayload(type, std::span<const char>(payload.data(), payload.size()), first, count);
}

} // namespace

class TestCaptureRecords : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void crcVector()
    {
        const char *s = "123456789";
        QCOMPARE(crc32c(s, 9), 0xE3069283u);
        QCOMPARE(crc32cSoftware(s, 9), 0xE3069283u);
        QCOMPARE(crc32cHardware(s, 9), 0xE3069283u);
        QCOMPARE(crc32c("", 0), 0u);
        // Continuation: crc(a + b) == crc(b, crc(a)).
        QCOMPARE(crc32c(s + 4, 5, crc32c(s, 4)), 0xE3069283u);
        qInfo("SSE4.2 CRC32C: %s", crc32cHardwareAvailable() ? "yes" : "no (both paths are the table)");
    }

    void crcPathsAgree()
    {
        std::mt19937_64 rng(42);
        std::string data(70000, '\0');
        for (char &c : data)
            c = static_cast<char>(rng());
        for (std::size_t len : {0, 1, 3, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4095, 65536, 69990}) {
            for (std::size_t misalign = 0; misalign < 8; ++misalign) {
                const char *p = data.data() + misalign;
                const std::uint32_t seed = static_cast<std::uint32_t>(rng());
                QCOMPARE(crc32cHardware(p, len, seed), crc32cSoftware(p, len, seed));
                QCOMPARE(crc32c(p, len), crc32cSoftware(p, len));
            }
        }
    }

    void varints()
    {
        for (std::int64_t v :
             {std::int64_t(0), std::int64_t(-1), std::int64_t(1), std::int64_t(-64), std::int64_t(63),
              std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()})
            QCOMPARE(bytes::unzigzag(bytes::zigzag(v)), v);
        std::string out;
        bytes::putVarint(out, std::numeric_limits<std::uint64_t>::max());
        QCOMPARE(out.size(), std::size_t(10));
        QCOMPARE(bytes::varintSize(std::numeric_limits<std::uint64_t>::max()), std::size_t(10));
    }

    void seriesRoundTrip()
    {
        std::string p;
        SeriesDef a;
        a.id = 0;
        a.type = expo::MetricType::Counter;
        a.name = "http_requests_total";
        a.labels = {{"code", "200"}, {"instance", "10.0.0.1:9100"}, {"job", "node"}};
        SeriesDef b;
        b.id = 1;
        b.type = expo::MetricType::StateSet;
        b.name = ""; // empty strings survive
        b.labels = {{"", ""}, {std::string(kMaxStringBytes, 'k'), std::string(kMaxStringBytes, 'v')}};
        SeriesDef c;
        c.id = 4000000000u;
        for (std::size_t i = 0; i < kMaxLabels; ++i)
            c.labels.push_back({"l" + std::to_string(1000 + i), "v"});
        encode(p, a);
        encode(p, b);
        encode(p, c);
        auto r = decodeAll(FrameType::Series, p, 0, 3);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->series.size(), std::size_t(3));
        QCOMPARE(r->series[0].id, 0u);
        QCOMPARE(r->series[0].type, expo::MetricType::Counter);
        QCOMPARE(r->series[0].name, a.name);
        QVERIFY(r->series[0].labels == a.labels);
        QCOMPARE(r->series[1].type, expo::MetricType::StateSet);
        QVERIFY(r->series[1].name.empty());
        QVERIFY(r->series[1].labels == b.labels);
        QCOMPARE(r->series[2].id, 4000000000u);
        QCOMPARE(r->series[2].labels.size(), kMaxLabels);
        QVERIFY(r->series[2].labels == c.labels);
        QCOMPARE(r->unknownRecords, 0u);
    }

    void samplesRoundTrip()
    {
        const std::int64_t base = 1'700'000'000'000;
        SampleRun run;
        run.seriesId = 7;
        run.points = {{base, 1.5},
                      {base + 15000, fromBits(kStaleBits)},
                      {base - 3600000, -0.0}, // a negative delta
                      {base - 3600000, std::numeric_limits<double>::infinity()},
                      {std::numeric_limits<std::int64_t>::min(), -std::numeric_limits<double>::infinity()},
                      {std::numeric_limits<std::int64_t>::max(), fromBits(0x7ff8dead0000beefull)},
                      {0, std::numeric_limits<double>::denorm_min()}};
        SampleRun other;
        other.seriesId = 0;
        other.points = {{base - 1, 42}};
        std::string p;
        encode(p, run, base);
        encode(p, other, base);
        auto r = decodeAll(FrameType::Samples, p, base, 2);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->samples.size(), std::size_t(2));
        QCOMPARE(r->samples[0].seriesId, 7u);
        QCOMPARE(r->samples[0].points.size(), run.points.size());
        for (std::size_t i = 0; i < run.points.size(); ++i) {
            QCOMPARE(r->samples[0].points[i].timestampMs, run.points[i].timestampMs);
            QCOMPARE(bits(r->samples[0].points[i].value), bits(run.points[i].value));
        }
        QCOMPARE(bits(r->samples[0].points[1].value), kStaleBits);
        QCOMPARE(r->samples[1].points[0].timestampMs, base - 1);
        QCOMPARE(r->samples[1].points[0].value, 42.0);
    }

    void targetsRoundTrip()
    {
        ScrapeRecord s;
        s.timestampMs = -5; // before the epoch
        s.targetUrl = "https://node-1.example:9100/metrics";
        s.job = "node";
        s.instance = "node-1.example:9100";
        s.durationSeconds = 0.123456789;
        s.up = false;
        s.error = "line 812 col 14: invalid label name";
        s.samples = std::numeric_limits<std::uint64_t>::max();
        s.bodyBytes = 1ull << 40;
        s.consecutiveFailures = 4000000000u;
        s.nextRetrySeconds = 7.5;
        s.format = expo::Format::OpenMetrics;
        s.targetLabels = {{"instance", "node-1.example:9100"}, {"job", "node"}};
        ScrapeRecord empty;
        empty.up = true;
        empty.format = expo::Format::Auto;
        std::string p;
        encode(p, s);
        encode(p, empty);
        auto r = decodeAll(FrameType::Targets, p, 0, 2);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->scrapes.size(), std::size_t(2));
        const ScrapeRecord &d = r->scrapes[0];
        QCOMPARE(d.timestampMs, s.timestampMs);
        QCOMPARE(d.targetUrl, s.targetUrl);
        QCOMPARE(d.job, s.job);
        QCOMPARE(d.instance, s.instance);
        QCOMPARE(bits(d.durationSeconds), bits(s.durationSeconds));
        QCOMPARE(d.up, false);
        QCOMPARE(d.error, s.error);
        QCOMPARE(d.samples, s.samples);
        QCOMPARE(d.bodyBytes, s.bodyBytes);
        QCOMPARE(d.consecutiveFailures, s.consecutiveFailures);
        QCOMPARE(d.nextRetrySeconds, 7.5);
        QCOMPARE(d.format, expo::Format::OpenMetrics);
        QVERIFY(d.targetLabels == s.targetLabels);
        QCOMPARE(r->scrapes[1].up, true);
        QCOMPARE(r->scrapes[1].format, expo::Format::Auto);
        QVERIFY(r->scrapes[1].targetUrl.empty());
    }

    void eventsRoundTrip()
    {
        const std::int64_t first = 1'700'000'000'123;
        std::string p;
        encode(p, EventSourceDef{3, "tcp://127.0.0.1:7000"});
        std::int64_t prev = first * 1'000'000;
        const std::vector<EventLine> lines = {
            {3, first * 1'000'000 + 456789, R"({"id":"a","priority":"high"})"},
            {3, first * 1'000'000 + 456789, ""},                                // empty line, same arrival
            {3, first * 1'000'000 - 999, std::string(kMaxEventLineBytes, 'x')}, // earlier, max length
            {9, first * 1'000'000 + 5'000'000'000, "{\"id\":\"\xc3\xa9\"}"},
        };
        for (const EventLine &l : lines) {
            encode(p, l, prev);
            prev = l.arrivalNs;
        }
        auto r = decodeAll(FrameType::Events, p, first, 5);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->eventSources.size(), std::size_t(1));
        QCOMPARE(r->eventSources[0].sourceId, 3u);
        QCOMPARE(r->eventSources[0].url, std::string("tcp://127.0.0.1:7000"));
        QCOMPARE(r->events.size(), lines.size());
        for (std::size_t i = 0; i < lines.size(); ++i) {
            QCOMPARE(r->events[i].sourceId, lines[i].sourceId);
            QCOMPARE(r->events[i].arrivalNs, lines[i].arrivalNs);
            QCOMPARE(r->events[i].line, lines[i].line);
        }
    }

    void jsonNotesIndexRoundTrip()
    {
        std::string cluster, alerts, notes, index;
        encode(cluster, JsonRecord{1'700'000'000'000, R"({"members":[{"id":"1","role":"leader"}]})"});
        encode(cluster, JsonRecord{-1, ""});
        encode(alerts, JsonRecord{42, R"({"alert":"HighLatency","state":"firing"})"});
        Note n;
        n.timestampMs = 1'700'000'000'000;
        n.writtenMs = 1'700'000'360'000;
        n.author = "ops@example";
        n.text = std::string(kMaxStringBytes, 'n');
        encode(notes, n);
        encode(notes, Note{});
        IndexEntry e;
        e.offset = 1ull << 40;
        e.sequence = 123456789;
        e.type = FrameType::Events;
        e.firstMs = -7;
        e.lastMs = std::numeric_limits<std::int64_t>::max();
        e.storedBytes = 16u << 20;
        e.rawBytes = 64u << 20;
        e.records = 99;
        e.flags = 1;
        encode(index, e);

        auto c = decodeAll(FrameType::Cluster, cluster, 0, 2);
        QVERIFY(c.ok());
        QCOMPARE(c->cluster.size(), std::size_t(2));
        QCOMPARE(c->cluster[0].timestampMs, std::int64_t(1'700'000'000'000));
        QCOMPARE(c->cluster[1].timestampMs, std::int64_t(-1));
        QVERIFY(c->cluster[1].json.empty());
        auto a = decodeAll(FrameType::Alerts, alerts, 0, 1);
        QVERIFY(a.ok());
        QCOMPARE(a->alerts.size(), std::size_t(1));
        QVERIFY(a->cluster.empty());
        QCOMPARE(a->alerts[0].json, std::string(R"({"alert":"HighLatency","state":"firing"})"));
        auto no = decodeAll(FrameType::Notes, notes, 0, 2);
        QVERIFY(no.ok());
        QCOMPARE(no->notes.size(), std::size_t(2));
        QCOMPARE(no->notes[0].timestampMs, n.timestampMs);
        QCOMPARE(no->notes[0].writtenMs, n.writtenMs);
        QCOMPARE(no->notes[0].author, n.author);
        QCOMPARE(no->notes[0].text, n.text);
        QVERIFY(no->notes[1].text.empty());
        for (FrameType t : {FrameType::Index, FrameType::Trailer}) {
            auto i = decodeAll(t, index, 0, 1);
            QVERIFY(i.ok());
            QCOMPARE(i->index.size(), std::size_t(1));
            QVERIFY(i->index[0] == e);
        }
    }

    void unknownKindsAndTrailingBytesAreSkipped()
    {
        std::string p;
        bytes::putVarint(p, 77); // unknown kind
        bytes::putVarint(p, 3);
        p += "abc";
        std::string body;
        bytes::putSvarint(body, 5);
        bytes::putString(body, "{}");
        body += "future"; // a later addition to a known record
        bytes::putVarint(p, 1);
        bytes::putVarint(p, body.size());
        p += body;
        auto r = decodeAll(FrameType::Cluster, p, 0, 2);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->unknownRecords, 1u);
        QCOMPARE(r->cluster.size(), std::size_t(1));
        QCOMPARE(r->cluster[0].json, std::string("{}"));
        // An unknown frame type: every record is skipped.
        auto u = decodeAll(static_cast<FrameType>(42), p, 0, 2);
        QVERIFY(u.ok());
        QCOMPARE(u->unknownRecords, 2u);
    }

    void truncatedPayloadsFail()
    {
        // Every prefix of a valid payload (cut inside a record) is an error naming an offset.
        SeriesDef s;
        s.name = "up";
        s.labels = {{"job", "node"}};
        ScrapeRecord sc;
        sc.targetUrl = "http://x:1/metrics";
        sc.targetLabels = {{"job", "x"}};
        struct Case
        {
            FrameType type;
            std::string payload;
        };
        std::vector<Case> cases(5);
        cases[0].type = FrameType::Series;
        encode(cases[0].payload, s);
        cases[1].type = FrameType::Samples;
        encode(cases[1].payload, SampleRun{1, {{10, 1}, {20, 2}, {5, 3}}}, 0);
        cases[2].type = FrameType::Targets;
        encode(cases[2].payload, sc);
        cases[3].type = FrameType::Events;
        encode(cases[3].payload, EventLine{1, 123, "hello"}, 0);
        cases[4].type = FrameType::Notes;
        encode(cases[4].payload, Note{1, 2, "me", "text"});
        for (const Case &c : cases) {
            QVERIFY(decodeAll(c.type, c.payload, 0, 1).ok());
            for (std::size_t cut = 1; cut < c.payload.size(); ++cut) {
                auto r = decodeAll(c.type, c.payload.substr(0, cut), 0, 1);
                QVERIFY2(!r.ok(), qPrintable(QStringLiteral("type %1 cut %2").arg(int(c.type)).arg(cut)));
                QVERIFY2(r.error().message.find("record 0 at payload offset ") == 0,
                         r.error().message.c_str());
            }
        }
        // Record count disagreeing with the header.
        auto more = decodeAll(FrameType::Notes, cases[4].payload, 0, 2);
        QVERIFY(!more.ok());
        QVERIFY2(more.error().message.find("declares 2") != std::string::npos, more.error().message.c_str());
        auto fewer = decodeAll(FrameType::Notes, cases[4].payload + cases[4].payload, 0, 1);
        QVERIFY(!fewer.ok());
        QVERIFY2(fewer.error().message.find("record 1 at payload offset") == 0,
                 fewer.error().message.c_str());
    }

    void absurdLengthsFail()
    {
        const auto expectError = [](FrameType type, const std::string &payload, const char *needle) {
            auto r = decodeAll(type, payload, 0, 1);
            QVERIFY2(!r.ok(), needle);
            QVERIFY2(r.error().message.find(needle) != std::string::npos, r.error().message.c_str());
        };
        const auto record = [](std::uint64_t kind, const std::string &body) {
            std::string p;
            bytes::putVarint(p, kind);
            bytes::putVarint(p, body.size());
            return p + body;
        };
        // A string claiming 9,000,000 bytes (more than any limit).
        {
            std::string body;
            bytes::putVarint(body, 1);  // source id
            bytes::putSvarint(body, 0); // arrival delta
            bytes::putVarint(body, 9000000);
            body += "short";
            expectError(FrameType::Events, record(2, body), "string of 9000000 bytes exceeds 1 MiB");
            std::string nb;
            bytes::putSvarint(nb, 1);
            bytes::putSvarint(nb, 1);
            bytes::putVarint(nb, 70000);
            expectError(FrameType::Notes, record(1, nb + std::string(70000, 'a')),
                        "string of 70000 bytes exceeds 64 KiB");
        }
        // A string longer than what is left.
        {
            std::string body;
            bytes::putSvarint(body, 1);
            bytes::putVarint(body, 100);
            body += "only this";
            expectError(FrameType::Cluster, record(1, body), "runs past the record end");
        }
        // A sample count that cannot fit: rejected before anything is reserved.
        {
            std::string body;
            bytes::putVarint(body, 1);
            bytes::putVarint(body, std::numeric_limits<std::uint64_t>::max());
            body += std::string(18, '\0');
            expectError(FrameType::Samples, record(1, body), "runs past the record end");
            std::string zero;
            bytes::putVarint(zero, 1);
            bytes::putVarint(zero, 0);
            expectError(FrameType::Samples, record(1, zero), "sample run of 0 samples");
        }
        // Too many labels.
        {
            std::string body;
            bytes::putVarint(body, 0);
            body += '\x02';
            bytes::putString(body, "m");
            bytes::putVarint(body, 300);
            body += std::string(600, '\0');
            expectError(FrameType::Series, record(1, body), "300 labels exceed 256");
        }
        // A record size larger than the payload, a 64-bit overflowing varint, bad enums.
        {
            std::string p;
            bytes::putVarint(p, 1);
            bytes::putVarint(p, 0xFFFFFFFFull);
            p += "xx";
            expectError(FrameType::Notes, p, "record of 4294967295 bytes runs past the payload end");
            expectError(FrameType::Notes, std::string(11, '\xff'), "varint");
            std::string series;
            bytes::putVarint(series, 0);
            series += '\x09';
            expectError(FrameType::Series, record(1, series), "unknown metric type 9");
            std::string big;
            bytes::putVarint(big, 1ull << 33);
            expectError(FrameType::Series, record(1, big), "exceeds 32 bits");
        }
        // Offsets point at the failing field.
        {
            std::string p;
            encode(p, Note{1, 2, "a", "b"});
            const std::size_t second = p.size();
            std::string body;
            bytes::putSvarint(body, 1);
            bytes::putSvarint(body, 2);
            bytes::putVarint(body, 70000);
            p += record(1, body);
            auto r = decodeAll(FrameType::Notes, p, 0, 2);
            QVERIFY(!r.ok());
            const std::string expected = "record 1 at payload offset " +
                                         std::to_string(second + 1 + bytes::varintSize(body.size()) + 2);
            QVERIFY2(r.error().message.find(expected) == 0, r.error().message.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestCaptureRecords)
#include "tst_capture_records.moc"

// Helpers for the capture tests: realistic SampleBatches from exposition text, event
// LineBatches, a reader that collects a whole capture, and file surgery (copy,
// truncate, flip, splice).
#pragma once

#include "core/capture/capture_reader.h"
#include "core/capture/capture_writer.h"
#include "core/expo/expo_parser.h"
#include "core/hub/sample_batch.h"
#include "core/stream/line_batch.h"

#include <QTest>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace vigil::test {

inline std::string readBytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void writeBytes(const std::string &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// One scrape of `url` whose body is `text`, parsed by the real parser.
inline SampleBatch scrapeBatch(const std::string &text, const std::string &url, const std::string &job,
                               const std::string &instance, std::int64_t ts)
{
    auto body = std::make_shared<std::string>(text);
    auto parsed = std::make_shared<expo::ParseResult>();
    if (auto err = expo::parse(*body, expo::Format::Prometheus, *parsed))
        qFatal("test exposition does not parse: %s", err->toString().c_str());
    SampleBatch b;
    b.body = body;
    b.parsed = parsed;
    b.targetLabels = {{"instance", instance}, {"job", job}};
    b.timestampMs = ts;
    ScrapeReport r;
    r.targetUrl = url;
    r.job = job;
    r.instance = instance;
    r.timestampMs = ts;
    r.durationSeconds = 0.01 + (ts % 97) / 1000.0;
    r.up = true;
    r.samples = parsed->samples.size();
    r.bodyBytes = text.size();
    r.format = expo::Format::Prometheus;
    b.scrape = r;
    return b;
}

inline LineBatch lineBatch(std::uint32_t source, const std::vector<std::string> &lines,
                           std::int64_t arrivalNs, bool mapped = false)
{
    std::string text;
    for (const std::string &l : lines)
        text += l + "\n";
    LineBatch b;
    b.sourceId = source;
    b.lineCount = static_cast<std::uint32_t>(lines.size());
    b.arrivalNs = arrivalNs;
    if (mapped) {
        auto backing = std::make_shared<std::string>(text + std::string(kLinePadding, '\0'));
        b.view = backing->data();
        b.viewSize = text.size();
        b.viewReadable = backing->size();
        b.backing = backing;
    } else {
        b.bytes = text;
        b.bytes.reserve(text.size() + kLinePadding);
    }
    return b;
}

// Everything in a capture, in file order.
struct CaptureContents
{
    std::map<std::uint32_t, std::vector<capture::SamplePoint>> samples; // by series id, in order
    std::vector<capture::ScrapeRecord> scrapes;
    std::vector<capture::EventSourceDef> sources;
    std::vector<capture::EventLine> events;
    std::vector<capture::JsonRecord> cluster;
    std::vector<capture::Note> notes;
    std::size_t sampleCount = 0;
    std::vector<std::string> errors;
};

inline CaptureContents readAll(capture::CaptureReader &reader, bool stopAtError = true)
{
    CaptureContents c;
    for (std::size_t i = 0; i < reader.frames().size(); ++i) {
        auto f = reader.read(i);
        if (!f) {
            c.errors.push_back(f.error().message);
            if (stopAtError) break;
            continue;
        }
        for (const capture::SampleRun &run : f->records.samples) {
            auto &v = c.samples[run.seriesId];
            v.insert(v.end(), run.points.begin(), run.points.end());
            c.sampleCount += run.points.size();
        }
        c.scrapes.insert(c.scrapes.end(), f->records.scrapes.begin(), f->records.scrapes.end());
        c.sources.insert(c.sources.end(), f->records.eventSources.begin(), f->records.eventSources.end());
        c.events.insert(c.events.end(), f->records.events.begin(), f->records.events.end());
        c.cluster.insert(c.cluster.end(), f->records.cluster.begin(), f->records.cluster.end());
        c.notes.insert(c.notes.end(), f->records.notes.begin(), f->records.notes.end());
    }
    return c;
}

inline std::string describe(const capture::CaptureReader &r)
{
    std::string s = r.damageSummary();
    for (const capture::Damage &d : r.damage())
        s += "\n  @" + std::to_string(d.offset) + " +" + std::to_string(d.bytes) + ": " + d.reason;
    return s;
}

} // namespace vigil::test

namespace vigil::test {

// A realistic mix: two targets scraped every 15 s (counters, a label clash, an empty
// label, a histogram, a vanishing NaN series, explicit timestamps, `series` generated
// series with noisy values), event lines from two sources (some batches mapped),
// cluster states and notes.
struct Workload
{
    std::vector<SampleBatch> scrapes;
    std::vector<std::pair<std::uint32_t, std::string>> sources;
    std::vector<LineBatch> lines;
    std::vector<capture::JsonRecord> cluster;
    std::vector<capture::Note> notes;
    int rounds = 0;
};

inline std::string num(double v)
{
    char b[40];
    std::snprintf(b, sizeof b, "%.17g", v);
    return b;
}

inline Workload makeWorkload(int rounds, int series, std::int64_t t0 = 1'700'000'000'000)
{
    Workload w;
    w.rounds = rounds;
    w.sources = {{1, "tcp://127.0.0.1:7000"}, {2, "file:/var/log/app.ndjson"}};
    for (int r = 0; r < rounds; ++r) {
        const std::int64_t ts = t0 + r * 15000;
        for (int k = 0; k < 2; ++k) {
            std::string t;
            t += "# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\n";
            t += "http_requests_total{code=\"200\",method=\"get\"} " + num(1000 + r * 7 + k) + "\n";
            t += "http_requests_total{code=\"500\",method=\"get\",job=\"scraped\"} " + num(r) + "\n";
            t += "# TYPE temperature gauge\n";
            t += "temperature{zone=\"\"} " + num(20.5 + r * 0.25) + "\n";
            if (r % 2 == 0) t += "temperature{zone=\"b\"} NaN\n";
            t += "# TYPE lat_seconds histogram\n";
            t += "lat_seconds_bucket{le=\"0.1\"} " + num(r) + "\nlat_seconds_bucket{le=\"+Inf\"} " +
                 num(2 * r) + "\n";
            t += "lat_seconds_sum " + num(0.37 * r) + "\nlat_seconds_count " + num(2 * r) + "\n";
            t += "# TYPE explicit_ts gauge\nexplicit_ts " + num(-r) + " " + std::to_string(ts - 500 - k) +
                 "\n";
            t += "# TYPE gen_series gauge\n";
            for (int i = 0; i < series; ++i)
                t += "gen_series{i=\"" + std::to_string(i) + "\",shard=\"s" + std::to_string(i % 7) + "\"} " +
                     num(std::sin(r * 0.1 + i) * 1000 + i) + "\n";
            const std::string host = "10.0.0." + std::to_string(k + 1) + ":9100";
            w.scrapes.push_back(scrapeBatch(t, "http://" + host + "/metrics", "node", host, ts + k));
        }
        std::vector<std::string> lines;
        for (int i = 0; i < 20; ++i)
            lines.push_back(R"({"id":")" + std::to_string(r * 100 + i) + R"(","priority":")" +
                            (i % 5 == 0 ? "critical" : "low") + R"(","message":"request )" +
                            std::to_string(i * r) + " took " + num(i * 0.37) + R"( ms","node":"n)" +
                            std::to_string(i % 3) + "\"}");
        w.lines.push_back(lineBatch(1, lines, ts * 1'000'000 + 123456 + r, r % 3 == 1));
        if (r % 2 == 0)
            w.lines.push_back(
                lineBatch(2, {"{\"id\":\"f" + std::to_string(r) + "\"}", ""}, ts * 1'000'000 - 7));
        w.cluster.push_back({ts, R"({"leader":"n)" + std::to_string(r % 3) + R"(","term":)" +
                                     std::to_string(r / 10 + 1) +
                                     R"(,"members":[{"id":"n0","role":"follower"}]})"});
        if (r % 10 == 3)
            w.notes.push_back(
                {ts - 1000, ts + 60000, "ops", "deploy " + std::to_string(r) + " started\nsecond line"});
    }
    return w;
}

inline void feed(capture::CaptureWriter &writer, const Workload &w)
{
    for (const auto &[id, url] : w.sources)
        writer.addEventSource(id, url);
    std::size_t line = 0, note = 0;
    for (int r = 0; r < w.rounds; ++r) {
        writer.addSamples(w.scrapes[2 * r]);
        writer.addSamples(w.scrapes[2 * r + 1]);
        const std::int64_t ts = w.scrapes[2 * r].timestampMs;
        while (line < w.lines.size() && w.lines[line].arrivalNs / 1'000'000 <= ts + 1)
            writer.addEventLines(w.lines[line++]);
        writer.addClusterState(w.cluster[r]);
        while (note < w.notes.size() && w.notes[note].timestampMs <= ts)
            writer.addNote(w.notes[note++]);
    }
    while (line < w.lines.size())
        writer.addEventLines(w.lines[line++]);
    while (note < w.notes.size())
        writer.addNote(w.notes[note++]);
}

// The event lines of a workload, in feed order.
inline std::vector<capture::EventLine> expectedEvents(const Workload &w)
{
    std::vector<capture::EventLine> out;
    for (const LineBatch &b : w.lines) {
        const std::string_view text = b.text();
        std::size_t pos = 0;
        while (pos < text.size()) {
            const std::size_t nl = text.find('\n', pos);
            out.push_back({b.sourceId, b.arrivalNs, std::string(text.substr(pos, nl - pos))});
            pos = nl + 1;
        }
    }
    return out;
}

} // namespace vigil::test

// Test helper: builds a SampleBatch with a hand-made expo::ParseResult, so model and
// widget tests can feed an IngestHub (hub.apply) with exactly known samples.
#pragma once

#include "core/hub/sample_batch.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vigil::test {

struct TestSample
{
    std::string metric;
    std::vector<std::pair<std::string, std::string>> labels;
    double value = 0;
    expo::MetricType type = expo::MetricType::Gauge;
    std::string help = {};
};

// Samples of one metric must be adjacent (they form one family). Every sample gets
// the batch timestamp.
inline SampleBatch makeBatch(const std::vector<TestSample> &samples, std::int64_t timestampMs,
                             std::optional<ScrapeReport> report = std::nullopt, Labels targetLabels = {})
{
    // All strings go into one body buffer first; views are taken once it stops growing.
    auto body = std::make_shared<std::string>();
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    const auto put = [&](const std::string &s) {
        spans.emplace_back(body->size(), s.size());
        body->append(s);
    };
    for (const TestSample &s : samples) {
        put(s.metric);
        put(s.help);
        for (const auto &[n, v] : s.labels) {
            put(n);
            put(v);
        }
    }
    const auto view = [&](std::size_t i) {
        return std::string_view(body->data() + spans[i].first, spans[i].second);
    };
    auto parsed = std::make_shared<expo::ParseResult>();
    std::size_t k = 0;
    for (const TestSample &s : samples) {
        const std::string_view name = view(k++);
        const std::string_view help = view(k++);
        if (parsed->families.empty() || parsed->families.back().name != name) {
            expo::FamilyView f;
            f.name = name;
            f.type = s.type;
            f.help = help;
            f.hasHelp = !help.empty();
            f.sampleBegin = std::uint32_t(parsed->samples.size());
            parsed->families.push_back(f);
        }
        expo::SampleView sv;
        sv.name = name;
        sv.family = std::uint32_t(parsed->families.size() - 1);
        sv.labelBegin = std::uint32_t(parsed->labels.size());
        sv.labelCount = std::uint32_t(s.labels.size());
        sv.value = s.value;
        for (std::size_t i = 0; i < s.labels.size(); ++i) {
            const std::string_view n = view(k++);
            const std::string_view v = view(k++);
            parsed->labels.push_back({n, v});
        }
        parsed->samples.push_back(sv);
        ++parsed->families.back().sampleCount;
    }
    SampleBatch batch;
    batch.body = body;
    batch.parsed = parsed;
    batch.timestampMs = timestampMs;
    batch.scrape = std::move(report);
    batch.targetLabels = std::move(targetLabels);
    return batch;
}

} // namespace vigil::test

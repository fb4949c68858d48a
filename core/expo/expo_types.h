// Types produced by the exposition parser (Prometheus text 0.0.4 and OpenMetrics 1.0).
// Views point into the parsed input buffer or into ParseResult's own arena (for
// values that needed unescaping), so a ParseResult is only valid while the input
// buffer it was parsed from is alive. Plain data; any thread.
#pragma once

#include "core/common/labels.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::expo {

enum class Format : std::uint8_t { Auto, Prometheus, OpenMetrics };

enum class MetricType : std::uint8_t {
    Untyped,        // 0.0.4 "untyped" and OpenMetrics "unknown"
    Counter,
    Gauge,
    Histogram,
    Summary,
    GaugeHistogram, // OpenMetrics only
    Info,           // OpenMetrics only
    StateSet,       // OpenMetrics only
};

// Name as written in the format ("untyped"/"unknown" follow the format).
std::string_view metricTypeName(MetricType t, Format f);

// Decide the format from an HTTP Content-Type header; Auto when it says nothing useful.
Format formatFromContentType(std::string_view contentType);
// Sniff the format from the text itself (OpenMetrics if it ends with "# EOF"
// or uses OpenMetrics-only syntax in its first comment lines).
Format sniffFormat(std::string_view text);

struct Exemplar
{
    std::uint32_t labelBegin = 0; // into ParseResult::labels
    std::uint32_t labelCount = 0;
    double value = 0;
    std::optional<double> timestampSeconds;
};

struct SampleView
{
    std::string_view name;        // full sample name, e.g. "x_bucket"
    std::uint32_t family = 0;     // index into ParseResult::families
    // Into ParseResult::labels, in input order, names unique. As in Prometheus, a name
    // given more than once with an empty value among them is dropped altogether
    // (x{a="",a="1"} has no labels); a single empty-valued label (x{a=""}) is kept.
    std::uint32_t labelBegin = 0;
    std::uint32_t labelCount = 0;
    double value = 0;
    std::int64_t timestampMs = 0;
    bool hasTimestamp = false;
    std::int32_t exemplar = -1;   // index into ParseResult::exemplars, -1 for none
    std::uint32_t line = 0;       // 1-based source line
};

// One run of a metric family in input order. A name can have several entries: its
// samples came back after another family's, or a HELP/TYPE/UNIT line for it came
// after its samples (each such line starts an entry that later samples join).
struct FamilyView
{
    std::string_view name;
    MetricType type = MetricType::Untyped;
    std::string_view help;        // unescaped
    std::string_view unit;        // OpenMetrics # UNIT, empty otherwise
    bool hasHelp = false;
    std::uint32_t sampleBegin = 0; // into ParseResult::samples (samples of a family are contiguous)
    std::uint32_t sampleCount = 0;
};

struct ParseError
{
    std::uint32_t line = 0;   // 1-based
    std::uint32_t column = 0; // 1-based, in bytes
    std::uint64_t offset = 0; // byte offset into the input
    std::string message;      // the rule broken, e.g. "invalid label name"
    // "line 812 col 14: invalid label name"
    std::string toString() const;
};

struct ParseLimits
{
    std::uint64_t maxSamples = 0;          // 0 = unlimited
    std::uint32_t maxLabelsPerSeries = 0;  // 0 = unlimited
    std::uint32_t maxLabelValueBytes = 0;  // 0 = unlimited
};

// Output of one parse. Reused across parses (clear() keeps capacity) so the hot
// path does not allocate per sample.
class ParseResult
{
public:
    Format format = Format::Prometheus;
    std::vector<FamilyView> families;
    std::vector<SampleView> samples;
    std::vector<LabelView> labels;
    std::vector<Exemplar> exemplars;
    std::uint64_t bytes = 0;
    // Index of samples[0] among all samples of the parse. Always 0 after parse();
    // parseStreaming() hands out samples in chunks and advances it. Family
    // sampleBegin/sampleCount count over all samples of the parse.
    std::uint64_t sampleBase = 0;

    std::uint64_t totalSamples() const { return sampleBase + samples.size(); }

    void clear();
    // Stable storage for unescaped strings: returned views stay valid until clear().
    std::string_view store(std::string_view s);
    // Uninitialised stable storage of n bytes (same lifetime as store()).
    char *allocate(std::size_t n);

private:
    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::size_t m_blockUsed = 0;
    std::size_t m_blockSize = 0;
};

} // namespace vigil::expo

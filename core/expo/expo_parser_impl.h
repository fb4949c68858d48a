// Internal to core/expo: the state of one parse. The hot sample path lives in
// expo_parser.cpp and expo_labels.cpp, comment/metadata lines and family bookkeeping in expo_meta.cpp.
// One instance per parse() call; not shared between threads.
#pragma once

#include "core/expo/expo_parser.h"
#include "core/expo/expo_scan.h"

#include <array>
#include <string>
#include <unordered_map>

namespace vigil::expo::detail {

class Parser
{
public:
    Parser(std::string_view input, Format format, ParseResult &out, const ParseLimits &limits);
    // Streams samples in chunks of `chunkSamples` to `onChunk` (see parseStreaming()).
    void setChunking(std::size_t chunkSamples, const std::function<void(const ParseResult &)> *onChunk);
    std::optional<ParseError> run();

private:
    static constexpr std::uint32_t kNoFamily = 0xFFFFFFFFu;
    static constexpr std::uint32_t kPredictedLabels = 16;

    // Latest HELP/TYPE/UNIT seen for a metric name; a family entry started for that
    // name (by a metadata line or a sample) takes them.
    struct Meta
    {
        MetricType type = MetricType::Untyped;
        bool hasType = false;
        bool hasHelp = false;
        std::string_view help;
        std::string_view unit;
    };

    // expo_parser.cpp / expo_labels.cpp: per-line hot path
    bool parseLine(const char *p, const char *le);
    bool parsePromSample(const char *p, const char *le);
    bool parseOmSample(const char *p, const char *le);
    bool parsePromLabels(const char *&p);
    bool parseOmLabels(const char *&p, bool exemplar);
    bool readLabelValue(const char *&p, std::string_view &value);
    bool readLabelValueSlow(const char *&p, const char *quote, std::string_view &value);
    bool scanMetricName(const char *&p);
    bool scanLabelName(const char *&p, std::uint32_t index, bool &predicted);
    bool addLabel(const char *nameAt, std::string_view name, std::string_view value, std::uint32_t setBegin);
    bool finishLabelSet(std::uint32_t setBegin, bool predicted);
    bool checkLabelNames(std::uint32_t setBegin);
    bool dropRepeatedName(std::uint32_t setBegin, std::size_t at);
    bool continueValue(const char *nl);
    bool readFloat(const char *&p, double &v, const char *what);
    bool parseOmExemplar(const char *p, const char *le, SampleView &s);
    bool fail(const char *at, std::string message);
    bool beginSample(const char *nameAt);
    void flushChunk();
    bool parseTail(const char *p, const char *end);
    bool failAtEnd(std::string message);

    // expo_meta.cpp: comments, metadata and which family a sample belongs to
    bool parsePromComment(const char *p, const char *le);
    bool parseOmComment(const char *p, const char *le);
    void resolveFamily(std::string_view name);
    void startFamily(std::string_view name);
    void setMeta(std::string_view name, const Meta &m);
    std::string_view unescapeHelp(std::string_view text, bool quotes);

    std::string_view m_input;
    Format m_format;
    ParseResult &m_out;
    ParseLimits m_limits;
    std::size_t m_chunkSamples = 0; // 0: keep every sample
    const std::function<void(const ParseResult &)> *m_onChunk = nullptr;

    const char *m_lineStart = nullptr;  // start of the current line (maybe in the arena)
    const char *m_safeEnd = nullptr;    // end of the readable buffer holding that line
    std::uint64_t m_lineOffset = 0;     // its offset in m_input
    std::uint32_t m_line = 1;           // line the current (logical) line starts on
    std::optional<ParseError> m_error;

    // 0.0.4 label values may hold raw newlines: the sample then continues on the next
    // physical line(s). Only the label value scanner's slow path sets these.
    std::uint32_t m_extraLines = 0;      // raw newlines inside the current sample
    const char *m_extendedEnd = nullptr; // the '\n' that really ends it
    const char *m_extendedLe = nullptr;  // its content end (before a '\r')
    bool m_retryInCopy = false;          // value ran into an unterminated last line

    std::uint32_t m_cur = kNoFamily;    // family receiving samples
    std::string_view m_lastName;        // sample name known to belong to m_cur
    bool m_sawEof = false;

    // Label names of the last sample whose set was checked for duplicates.
    std::array<std::string_view, kPredictedLabels> m_prevLabels{};
    std::uint32_t m_prevLabelCount = 0;

    std::unordered_map<std::string_view, Meta> m_meta; // by metric name, both formats
};

} // namespace vigil::expo::detail

// ExpositionWriter: renders Prometheus text format 0.0.4 — HELP/TYPE lines and samples
// with escaped label values and exactly round-tripping numbers (NaN, +Inf, -Inf as the
// format spells them). Used by the simulator's /metrics and the engine's own series.
// Appends to a caller-owned string; not thread-safe (one writer per string).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace vigil::expo {

class ExpositionWriter
{
public:
    using LabelPairs = std::initializer_list<std::pair<std::string_view, std::string_view>>;

    explicit ExpositionWriter(std::string &out) : m_out(out) {}

    // "# HELP name help" (help escaped) and "# TYPE name type".
    void family(std::string_view name, std::string_view type, std::string_view help);
    void sample(std::string_view name, LabelPairs labels, double value);
    void sample(std::string_view name, LabelPairs labels, std::uint64_t value);
    void sample(std::string_view name, double value) { sample(name, {}, value); }
    void sample(std::string_view name, std::uint64_t value) { sample(name, {}, value); }

private:
    void head(std::string_view name, LabelPairs labels);
    std::string &m_out;
};

} // namespace vigil::expo

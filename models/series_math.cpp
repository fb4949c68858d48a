#include "models/series_math.h"

#include <cmath>
#include <limits>

namespace vigil {

namespace {

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

} // namespace

bool plotsAsRate(expo::MetricType type, std::string_view metric)
{
    using expo::MetricType;
    if (type == MetricType::Counter || endsWith(metric, "_total"))
        return true;
    if (type == MetricType::Histogram || type == MetricType::Summary)
        return endsWith(metric, "_bucket") || endsWith(metric, "_count") || endsWith(metric, "_sum");
    return false;
}

void PlotConverter::append(std::span<const Sample> samples, std::vector<PlotPoint> &out)
{
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    for (const Sample &s : samples) {
        const double key = static_cast<double>(s.timestampMs) / 1000.0;
        if (std::isnan(s.value)) {
            // A stale marker (or a NaN sample): break the line, and a rate restarts.
            out.push_back({key, kNaN});
            m_havePrevious = false;
            continue;
        }
        if (!m_asRate) {
            out.push_back({key, s.value});
            continue;
        }
        if (m_havePrevious && s.timestampMs > m_previous.timestampMs) {
            const double dt = static_cast<double>(s.timestampMs - m_previous.timestampMs) / 1000.0;
            const double increase = s.value >= m_previous.value ? s.value - m_previous.value : s.value;
            out.push_back({key, increase / dt});
        }
        m_previous = s;
        m_havePrevious = true;
    }
}

} // namespace vigil

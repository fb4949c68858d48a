#include "models/time_range.h"

#include <QSettings>

#include <algorithm>
#include <cmath>

namespace vigil {

namespace {

const char *const kSettingsKey = "dashboards/windowMinutes";

std::int64_t clampWindow(std::int64_t ms)
{
    return std::clamp(ms, TimeRange::kMinWindowMs, TimeRange::kMaxWindowMs);
}

} // namespace

TimeRange::TimeRange(QObject *parent) : QObject(parent) {}

void TimeRange::load(const QSettings &settings)
{
    bool ok = false;
    const double minutes = settings.value(QLatin1String(kSettingsKey)).toDouble(&ok);
    if (ok && std::isfinite(minutes) && minutes > 0)
        setWindowMs(std::int64_t(std::llround(minutes * 60'000)));
}

void TimeRange::save(QSettings &settings) const
{
    settings.setValue(QLatin1String(kSettingsKey), double(m_windowMs) / 60'000.0);
}

TimeSpan TimeRange::range(std::int64_t nowMs) const
{
    const std::int64_t end = m_live ? nowMs : m_endMs;
    return {end - m_windowMs, end};
}

void TimeRange::changed()
{
    ++m_version;
    Q_EMIT rangeChanged();
}

void TimeRange::setWindowMs(std::int64_t ms)
{
    ms = clampWindow(ms);
    if (ms == m_windowMs)
        return;
    m_windowMs = ms;
    changed();
}

void TimeRange::setRange(TimeSpan span, std::int64_t nowMs)
{
    if (span.endMs < span.startMs)
        std::swap(span.startMs, span.endMs);
    span.endMs = std::min(span.endMs, nowMs);
    const std::int64_t length = clampWindow(span.endMs - span.startMs);
    if (!m_live && m_endMs == span.endMs && m_windowMs == length)
        return;
    m_live = false;
    m_endMs = span.endMs;
    m_windowMs = length;
    changed();
}

void TimeRange::pause(std::int64_t nowMs)
{
    if (!m_live)
        return;
    m_live = false;
    m_endMs = nowMs;
    changed();
}

void TimeRange::resume()
{
    if (m_live)
        return;
    m_live = true;
    changed();
}

void TimeRange::zoom(double factor, std::int64_t anchorMs, std::int64_t nowMs)
{
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    const std::int64_t length = clampWindow(std::int64_t(std::llround(double(m_windowMs) * factor)));
    if (length == m_windowMs)
        return;
    if (m_live) {
        m_windowMs = length;
        changed();
        return;
    }
    // Keep the anchor at the same fraction of the span.
    const TimeSpan old = range(nowMs);
    const double fraction = std::clamp(double(anchorMs - old.startMs) / double(old.lengthMs()), 0.0, 1.0);
    const std::int64_t start = anchorMs - std::int64_t(std::llround(fraction * double(length)));
    m_windowMs = length;
    m_endMs = std::min(start + length, nowMs);
    changed();
}

void TimeRange::pan(std::int64_t deltaMs, std::int64_t nowMs)
{
    if (deltaMs == 0)
        return;
    const std::int64_t end = range(nowMs).endMs + deltaMs;
    if (end >= nowMs) {
        resume();
        return;
    }
    m_live = false;
    m_endMs = end;
    changed();
}

void TimeRange::setCursor(std::int64_t ms)
{
    if (m_cursorMs == ms)
        return;
    m_cursorMs = ms;
    Q_EMIT cursorChanged();
}

void TimeRange::clearCursor()
{
    if (!m_cursorMs)
        return;
    m_cursorMs.reset();
    Q_EMIT cursorChanged();
}

} // namespace vigil

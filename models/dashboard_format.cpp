#include "models/dashboard_format.h"

#include "core/analysis/counter_math.h"

#include <QLocale>

#include <cmath>

namespace vigil {

namespace {

const QString kDash = QStringLiteral("–");

bool endsWith(const QString &s, const char *suffix)
{
    return s.endsWith(QLatin1String(suffix));
}

// Shortest form with up to 3 significant digits, locale decimal point.
QString compact(double v)
{
    const QLocale loc;
    QString s = loc.toString(v, 'f', std::abs(v) >= 100 ? 0 : std::abs(v) >= 10 ? 1 : 2);
    const QString dot = loc.decimalPoint();
    if (s.contains(dot)) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(dot))
            s.chop(dot.size());
    }
    return s;
}

double toNs(double value, const QString &metric)
{
    if (endsWith(metric, "_seconds"))
        return value * 1e9;
    if (endsWith(metric, "_ms") || endsWith(metric, "_milliseconds"))
        return value * 1e6;
    if (endsWith(metric, "_us") || endsWith(metric, "_microseconds"))
        return value * 1e3;
    return value;
}

bool isTimeMetric(const QString &metric)
{
    for (const char *s : {"_ns", "_nanoseconds", "_us", "_microseconds", "_ms", "_milliseconds", "_seconds"})
        if (endsWith(metric, s))
            return true;
    return false;
}

} // namespace

QString DashboardFormat::latencyNs(double ns)
{
    if (std::isnan(ns))
        return kDash;
    if (std::isinf(ns))
        return ns > 0 ? tr("+Inf") : tr("-Inf");
    const double a = std::abs(ns);
    if (a < 1e3)
        return tr("%1 ns").arg(compact(ns));
    if (a < 1e6)
        return tr("%1 µs").arg(compact(ns / 1e3));
    if (a < 1e9)
        return tr("%1 ms").arg(compact(ns / 1e6));
    return tr("%1 s").arg(compact(ns / 1e9));
}

QString DashboardFormat::latency(double value, const QString &metric)
{
    if (isTimeMetric(metric))
        return latencyNs(toNs(value, metric));
    return std::isnan(value) ? kDash : compact(value);
}

QString DashboardFormat::count(double v)
{
    if (!std::isfinite(v))
        return kDash;
    return QLocale().toString(static_cast<qlonglong>(std::llround(v)));
}

QString DashboardFormat::rate(double perSecond)
{
    if (!std::isfinite(perSecond))
        return kDash;
    const double a = std::abs(perSecond);
    if (a >= 1e9)
        return tr("%1G/s").arg(compact(perSecond / 1e9));
    if (a >= 1e6)
        return tr("%1M/s").arg(compact(perSecond / 1e6));
    if (a >= 1e4)
        return tr("%1k/s").arg(compact(perSecond / 1e3));
    return tr("%1/s").arg(compact(perSecond));
}

int DashboardFormat::changeDirection(double before, double now)
{
    if (std::isnan(before) || std::isnan(now) || before == now)
        return 0;
    return now > before ? 1 : -1;
}

QString DashboardFormat::change(double before, double now)
{
    const double pct = percentChange(before, now);
    if (std::isnan(pct))
        return kDash;
    const QString value = QLocale().toString(std::abs(pct), 'f', 1);
    switch (changeDirection(before, now)) {
    case 1: return tr("▲ %1%").arg(value);
    case -1: return tr("▼ %1%").arg(value);
    default: return tr("%1%").arg(value);
    }
}

QString DashboardFormat::bucket(const QuantileEstimate &e, const QString &metric)
{
    if (std::isnan(e.lowerBound) || std::isnan(e.upperBound))
        return {};
    if (std::isinf(e.upperBound))
        return tr("> %1").arg(latency(e.lowerBound, metric));
    if (std::isinf(e.lowerBound))
        return tr("≤ %1").arg(latency(e.upperBound, metric));
    // "1–2 µs": the unit once when both ends share it.
    const QString lo = latency(e.lowerBound, metric);
    const QString hi = latency(e.upperBound, metric);
    const int loSpace = lo.lastIndexOf(QLatin1Char(' '));
    const int hiSpace = hi.lastIndexOf(QLatin1Char(' '));
    if (loSpace > 0 && hiSpace > 0 && lo.mid(loSpace) == hi.mid(hiSpace))
        return tr("%1–%2").arg(lo.left(loSpace), hi);
    return tr("%1–%2").arg(lo, hi);
}

QString DashboardFormat::quantile(const QString &name, const QuantileEstimate &e, const QString &metric)
{
    if (std::isnan(e.value))
        return tr("%1 –").arg(name);
    if (std::isinf(e.upperBound) && !std::isnan(e.lowerBound))
        return tr("%1 > %2 (+Inf bucket)").arg(name, latency(e.lowerBound, metric));
    const QString b = bucket(e, metric);
    if (b.isEmpty())
        return tr("%1 %2").arg(name, latency(e.value, metric));
    return tr("%1 %2 (%3 bucket)").arg(name, latency(e.value, metric), b);
}

QString DashboardFormat::duration(double seconds)
{
    if (!std::isfinite(seconds))
        return kDash;
    if (seconds < 90)
        return tr("%1 s").arg(std::llround(seconds));
    if (seconds < 90 * 60)
        return tr("%1 min").arg(std::llround(seconds / 60));
    if (seconds < 48 * 3600)
        return tr("%1 h").arg(compact(seconds / 3600));
    return tr("%1 d").arg(compact(seconds / 86400));
}

QString DashboardFormat::eta(const QueueEta &e)
{
    switch (e.trend) {
    case QueueTrend::Unknown: return kDash;
    case QueueTrend::Steady: return tr("steady");
    case QueueTrend::Filling: return tr("full in %1").arg(duration(e.seconds));
    case QueueTrend::Draining: return tr("drained in %1").arg(duration(e.seconds));
    case QueueTrend::Full: return tr("full");
    case QueueTrend::Empty: return tr("empty");
    }
    return kDash;
}

QString DashboardFormat::status(QueueStatus s)
{
    switch (s) {
    case QueueStatus::Ok: return tr("OK");
    case QueueStatus::Warn: return tr("WARN");
    case QueueStatus::Stall: return tr("STALL");
    }
    return {};
}

QString DashboardFormat::percent(double fraction)
{
    if (!std::isfinite(fraction))
        return kDash;
    return tr("%1%").arg(QLocale().toString(fraction * 100.0, 'f', 1));
}

} // namespace vigil

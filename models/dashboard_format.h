// Text for the dashboards (Overview, Latency, Queues): latencies with units, counts and
// rates with the locale's separators, changes with ▲/▼, percentiles with the bucket
// that brackets them ("P99 1.8 µs (1–2 µs bucket)"), time to full/drained. All strings
// go through tr() (context DashboardFormat). Pure functions; GUI thread (QLocale()).
#pragma once

#include "core/analysis/histogram_quantile.h"
#include "core/analysis/queue_analysis.h"

#include <QCoreApplication>
#include <QString>

namespace vigil {

class DashboardFormat
{
    Q_DECLARE_TR_FUNCTIONS(DashboardFormat)
public:
    // Nanoseconds with a unit: "450 ns", "1.8 µs", "15 ms", "2.5 s"; "–" for NaN.
    static QString latencyNs(double ns);
    // A latency in the histogram's own unit: *_ns -> latencyNs, *_seconds -> latencyNs(s*1e9),
    // otherwise a plain number.
    static QString latency(double value, const QString &metric);
    // "1,234" in the current locale (rounded); "–" for NaN.
    static QString count(double v);
    // Events per second: "850/s", "12.3k/s", "8.5M/s".
    static QString rate(double perSecond);
    // "▲ 2.3%", "▼ 0.1%", "0.0%"; "–" when the change is unknown.
    static QString change(double before, double now);
    // -1, 0 or +1 for the direction of change (0 when unknown or equal).
    static int changeDirection(double before, double now);
    // "P99 1.8 µs (1–2 µs bucket)"; "P99 > 100 µs (+Inf bucket)"; "P99 –".
    static QString quantile(const QString &name, const QuantileEstimate &e, const QString &metric);
    // The bracketing bucket alone: "1–2 µs", "> 100 µs", "≤ 0 ns".
    static QString bucket(const QuantileEstimate &e, const QString &metric);
    // "45 s", "12 min", "3.5 h"; "–" for NaN.
    static QString duration(double seconds);
    // "full in 30 s", "drained in 5 s", "full", "empty", "steady", "–".
    static QString eta(const QueueEta &eta);
    // "OK", "WARN", "STALL" (translated).
    static QString status(QueueStatus status);
    // "48.2%"
    static QString percent(double fraction);
};

} // namespace vigil

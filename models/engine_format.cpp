#include "models/engine_format.h"

#include <QLocale>

#include <cmath>

namespace vigil {

namespace {

const QString kDash = QStringLiteral("\u2014");

// Three significant digits, trailing zeros dropped: 1.80 -> 1.8, 12.0 -> 12, 450 -> 450.
QString significant(double v)
{
    const int decimals = v >= 100 ? 0 : v >= 10 ? 1 : 2;
    QString s = QLocale().toString(v, 'f', decimals);
    if (decimals > 0) {
        const QChar point = QLocale().decimalPoint().at(0);
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(point))
            s.chop(1);
    }
    return s;
}

} // namespace

QString durationText(double ns)
{
    if (std::isnan(ns) || ns < 0)
        return kDash;
    struct Unit
    {
        double scale;
        const char16_t *name;
    };
    static constexpr Unit units[] = {{1e9, u"s"}, {1e6, u"ms"}, {1e3, u"\u00b5s"}, {1, u"ns"}};
    for (const Unit &u : units) {
        // Round first so 999.96 µs reads "1 ms", not "1,000 µs".
        const double v = ns / u.scale;
        const int decimals = v >= 100 ? 0 : v >= 10 ? 1 : 2;
        const double rounded = std::round(v * std::pow(10, decimals)) / std::pow(10, decimals);
        if (rounded >= 1 || u.scale == 1) {
            if (u.scale == 1)
                return QLocale().toString(std::llround(ns)) + QStringLiteral(" ns");
            return significant(rounded) + QLatin1Char(' ') + QString::fromUtf16(u.name);
        }
    }
    return kDash;
}

QString countText(std::uint64_t n) { return QLocale().toString(qulonglong(n)); }

QString rateText(double perSecond)
{
    if (std::isnan(perSecond) || perSecond < 0)
        return kDash;
    if (perSecond < 100 && perSecond != std::floor(perSecond))
        return QLocale().toString(perSecond, 'f', 1);
    return QLocale().toString(qulonglong(std::llround(perSecond)));
}

QString percentText(double ratio)
{
    if (std::isnan(ratio))
        return kDash;
    return QLocale().toString(ratio * 100.0, 'f', 1) + QStringLiteral(" %");
}

} // namespace vigil

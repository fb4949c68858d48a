// Text for engine numbers as the Events and Engine views show them: durations with
// units (450 ns, 1.8 µs, 12 ms, 2.35 s), grouped counts (1,234 in the user's locale),
// rates and ratios. Pure functions; any thread.
#pragma once

#include <QString>

#include <cstdint>

namespace vigil {

// nanoseconds -> "450 ns", "1.8 µs", "12 ms", "2.35 s" (3 significant digits at most);
// negative or NaN -> "—".
QString durationText(double ns);
// 1234 -> "1,234" (QLocale grouping of the current default locale).
QString countText(std::uint64_t n);
// events per second: "0", "12.5", "1,234" (one decimal below 100).
QString rateText(double perSecond);
// 0.1234 -> "12.3 %"; NaN -> "—".
QString percentText(double ratio);

} // namespace vigil

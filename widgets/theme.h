// Themes of the GUI: light, dark, and a high-contrast control-room theme meant to be read
// from across a room (near-black background, white text, yellow highlight, larger and
// heavier type). A theme is a QPalette on the Fusion style plus a font scale; sizes are
// in points, so they stay correct at any device pixel ratio. QCustomPlot does not follow
// the palette by itself: plots call applyPlotPalette() (widgets/plot_style.h) from a
// PaletteChange to match.
//
// Threads: GUI thread only.
#pragma once

#include <QPalette>
#include <QString>
#include <QStringList>

#include <optional>

class QApplication;

namespace vigil {

enum class Theme { Light, Dark, Contrast };

QStringList themeNames();                                  // "light", "dark", "contrast"
QString themeName(Theme theme);
std::optional<Theme> themeFromName(const QString &name);   // case-insensitive
QString themeTitle(Theme theme);                           // menu text, translated

QPalette themePalette(Theme theme);
// The theme's own font scale (contrast: larger) times `extraScale` (wall mode).
double themeFontScale(Theme theme);

// Applies the palette and font to the application. The base font is the platform font
// as first seen, so repeated calls do not compound the scale.
void applyTheme(QApplication &app, Theme theme, double extraScale = 1.0);

} // namespace vigil

// --screenshot: after a delay, brings the window's plots up to date, renders the
// main window to a PNG (QWidget::grab) and quits with 0, or 1 if the file cannot be
// written. GUI thread only.
#pragma once

#include <QString>

namespace vigil {

class MainWindow;
class RefreshClock;

void scheduleScreenshot(MainWindow &window, RefreshClock &clock, const QString &file, int afterMs);

} // namespace vigil

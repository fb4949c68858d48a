#include "app/vigil/screenshot.h"

#include "app/vigil/main_window.h"
#include "models/refresh_clock.h"

#include <QApplication>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

namespace vigil {

void scheduleScreenshot(MainWindow &window, RefreshClock &clock, const QString &file, int afterMs)
{
    QTimer::singleShot(afterMs, &window, [&window, &clock, file] {
        clock.tickNow();
        window.prepareForGrab();
        const QPixmap pixmap = window.grab();
        if (pixmap.isNull() || !pixmap.save(file, "PNG")) {
            std::fprintf(stderr, "vigil: cannot write screenshot to %s\n", qPrintable(file));
            QApplication::exit(1);
            return;
        }
        QApplication::exit(0);
    });
}

} // namespace vigil

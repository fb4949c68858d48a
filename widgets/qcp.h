// Includes QCustomPlot under Vigil's QT_NO_KEYWORDS build: its header still spells
// `signals:` and `foreach`, so those are mapped to the macros for this one include.
#pragma once

#ifdef QT_NO_KEYWORDS
#define signals Q_SIGNALS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef foreach
#else
#include <qcustomplot.h>
#endif

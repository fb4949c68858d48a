// Helpers for text that comes from backends (label values, scrape errors, HELP):
// it is untrusted, so it is flattened to one line of plain text, stripped of
// control and bidi-override characters, and capped in length before any view
// sees it. Pure functions; any thread.
#pragma once

#include <QString>

#include <string_view>

namespace vigil {

inline constexpr int kMaxCellChars = 512;
inline constexpr int kMaxToolTipChars = 2048;

// One line of plain text, at most maxChars characters (an ellipsis marks the cut).
QString untrustedText(std::string_view utf8, int maxChars = kMaxCellChars);
QString untrustedText(const QString &text, int maxChars = kMaxCellChars);

// A tooltip that shows `text` literally: QToolTip guesses rich text from content,
// so the text is escaped and wrapped so markup in it is never interpreted.
QString plainToolTip(const QString &text);

} // namespace vigil

#include "models/untrusted_text.h"

namespace vigil {

namespace {

bool isBidiControl(char16_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F;
}

} // namespace

QString untrustedText(std::string_view utf8, int maxChars)
{
    // Decode at most a bounded prefix: a multi-megabyte error string must not cost more
    // than the cap (4 bytes per character is the UTF-8 worst case).
    const auto limit = static_cast<std::size_t>(maxChars) * 4 + 4;
    const std::string_view head = utf8.substr(0, std::min(utf8.size(), limit));
    QString s = QString::fromUtf8(head.data(), static_cast<qsizetype>(head.size()));
    if (head.size() < utf8.size())
        s.append(QChar(0x2026));
    return untrustedText(s, maxChars);
}

QString untrustedText(const QString &text, int maxChars)
{
    QString out;
    const qsizetype n = std::min<qsizetype>(text.size(), maxChars + 1);
    out.reserve(n);
    bool lastSpace = false;
    for (qsizetype i = 0; i < n; ++i) {
        QChar c = text.at(i);
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator) {
            if (lastSpace)
                continue;
            c = QLatin1Char(' ');
        } else if (isBidiControl(c.unicode())) {
            c = QChar(QChar::ReplacementCharacter);
        }
        lastSpace = c == QLatin1Char(' ');
        out.append(c);
    }
    if (text.size() > maxChars || out.size() > maxChars) {
        out.truncate(std::max(0, maxChars - 1));
        out.append(QChar(0x2026));
    }
    return out;
}

QString plainToolTip(const QString &text)
{
    const QString capped = untrustedText(text, kMaxToolTipChars);
    return QStringLiteral("<p style='white-space:pre-wrap'>") + capped.toHtmlEscaped() + QStringLiteral("</p>");
}

} // namespace vigil

#include "widgets/theme.h"

#include <QApplication>
#include <QFont>
#include <QStyle>
#include <QStyleFactory>

namespace vigil {

namespace {

const char *const kBaseFontProperty = "vigilBaseFont";

class ThemeText
{
    Q_DECLARE_TR_FUNCTIONS(Theme)
};

void setAll(QPalette &p, QPalette::ColorRole role, const QColor &c) { p.setColor(role, c); }

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1f, 0x21, 0x23), text(0xe8, 0xe8, 0xe8);
    setAll(p, QPalette::Window, window);
    setAll(p, QPalette::WindowText, text);
    setAll(p, QPalette::Base, base);
    setAll(p, QPalette::AlternateBase, QColor(0x29, 0x2b, 0x2e));
    setAll(p, QPalette::ToolTipBase, QColor(0x3a, 0x3c, 0x40));
    setAll(p, QPalette::ToolTipText, text);
    setAll(p, QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    setAll(p, QPalette::Text, text);
    setAll(p, QPalette::Button, QColor(0x35, 0x37, 0x3b));
    setAll(p, QPalette::ButtonText, text);
    setAll(p, QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    setAll(p, QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    setAll(p, QPalette::Midlight, QColor(0x3e, 0x41, 0x45));
    setAll(p, QPalette::Mid, QColor(0x45, 0x48, 0x4d));
    setAll(p, QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    setAll(p, QPalette::Shadow, Qt::black);
    setAll(p, QPalette::Highlight, QColor(0x2a, 0x6b, 0xbf));
    setAll(p, QPalette::HighlightedText, Qt::white);
    setAll(p, QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x8c, 0x8c, 0x8c));
    return p;
}

QPalette contrastPalette()
{
    // Pure black and white with a yellow accent: readable from a distance and under glare.
    QPalette p;
    const QColor black(Qt::black), white(Qt::white), yellow(0xff, 0xd7, 0x00);
    setAll(p, QPalette::Window, black);
    setAll(p, QPalette::WindowText, white);
    setAll(p, QPalette::Base, black);
    setAll(p, QPalette::AlternateBase, QColor(0x1a, 0x1a, 0x1a));
    setAll(p, QPalette::ToolTipBase, black);
    setAll(p, QPalette::ToolTipText, white);
    setAll(p, QPalette::PlaceholderText, QColor(0xc0, 0xc0, 0xc0));
    setAll(p, QPalette::Text, white);
    setAll(p, QPalette::Button, QColor(0x10, 0x10, 0x10));
    setAll(p, QPalette::ButtonText, white);
    setAll(p, QPalette::BrightText, yellow);
    setAll(p, QPalette::Light, white);
    setAll(p, QPalette::Midlight, QColor(0xa0, 0xa0, 0xa0));
    setAll(p, QPalette::Mid, QColor(0x60, 0x60, 0x60));
    setAll(p, QPalette::Dark, QColor(0x40, 0x40, 0x40));
    setAll(p, QPalette::Shadow, white);
    setAll(p, QPalette::Highlight, yellow);
    setAll(p, QPalette::HighlightedText, black);
    setAll(p, QPalette::Link, yellow);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0xb0, 0xb0, 0xb0));
    return p;
}

} // namespace

QStringList themeNames()
{
    return {QStringLiteral("light"), QStringLiteral("dark"), QStringLiteral("contrast")};
}

QString themeName(Theme theme)
{
    return themeNames().at(int(theme));
}

std::optional<Theme> themeFromName(const QString &name)
{
    const qsizetype i = themeNames().indexOf(name.trimmed().toLower());
    if (i < 0)
        return std::nullopt;
    return Theme(i);
}

QString themeTitle(Theme theme)
{
    switch (theme) {
    case Theme::Light: return ThemeText::tr("&Light");
    case Theme::Dark: return ThemeText::tr("&Dark");
    case Theme::Contrast: return ThemeText::tr("High &contrast (control room)");
    }
    return {};
}

QPalette themePalette(Theme theme)
{
    switch (theme) {
    case Theme::Light: {
        QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
        QPalette p = fusion ? fusion->standardPalette() : QPalette();
        delete fusion;
        // Fusion's highlight is too light for white text (3.6:1); this one is 6:1.
        p.setColor(QPalette::Highlight, QColor(0x1f, 0x5f, 0xa8));
        return p;
    }
    case Theme::Dark: return darkPalette();
    case Theme::Contrast: return contrastPalette();
    }
    return {};
}

double themeFontScale(Theme theme)
{
    return theme == Theme::Contrast ? 1.25 : 1.0;
}

void applyTheme(QApplication &app, Theme theme, double extraScale)
{
    if (QApplication::style()->name().compare(QStringLiteral("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStringLiteral("Fusion"));
    QVariant base = app.property(kBaseFontProperty);
    if (!base.isValid()) {
        base = QApplication::font();
        app.setProperty(kBaseFontProperty, base);
    }
    QFont font = base.value<QFont>();
    const double points = font.pointSizeF() > 0 ? font.pointSizeF() : 10.0;
    font.setPointSizeF(points * themeFontScale(theme) * extraScale);
    if (theme == Theme::Contrast)
        font.setWeight(QFont::Medium);
    QApplication::setPalette(themePalette(theme));
    QApplication::setFont(font);
}

} // namespace vigil

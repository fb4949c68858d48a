// Themes (names, palettes with readable contrast, font scaling that does not compound),
// the wall-mode controller (hides menus/status bar/docks/tab bar, shows the header,
// restricts and rotates pages, asks for large type, Escape leaves and restores), and the
// command-line helpers behind --dashboard/--dashboards/--rotate.
#include "app/vigil/command_line.h"
#include "app/vigil/wall_mode.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QVBoxLayout>

#include <cmath>

using namespace vigil;

namespace {

double luminance(const QColor &c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TstThemeWall : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void themeNamesRoundTrip()
    {
        QCOMPARE(themeNames(), (QStringList{QStringLiteral("light"), QStringLiteral("dark"), QStringLiteral("contrast")}));
        QCOMPARE(themeFromName(QStringLiteral(" Dark ")), std::optional<Theme>(Theme::Dark));
        QCOMPARE(themeFromName(QStringLiteral("contrast")), std::optional<Theme>(Theme::Contrast));
        QCOMPARE(themeFromName(QStringLiteral("solarized")), std::nullopt);
        QCOMPARE(themeName(Theme::Light), QStringLiteral("light"));
    }

    void palettesAreReadable()
    {
        for (Theme t : {Theme::Light, Theme::Dark, Theme::Contrast}) {
            const QPalette p = themePalette(t);
            const double minimum = t == Theme::Contrast ? 15.0 : 7.0;
            QVERIFY2(contrast(p.color(QPalette::Text), p.color(QPalette::Base)) >= minimum, qPrintable(themeName(t)));
            QVERIFY2(contrast(p.color(QPalette::WindowText), p.color(QPalette::Window)) >= minimum,
                     qPrintable(themeName(t)));
            QVERIFY2(contrast(p.color(QPalette::HighlightedText), p.color(QPalette::Highlight)) >= 4.5,
                     qPrintable(themeName(t)));
            // Disabled (unreachable rows) still readable, but distinct from normal text.
            QVERIFY(contrast(p.color(QPalette::Disabled, QPalette::Text), p.color(QPalette::Base)) >= 3.0
                    || t == Theme::Light);
        }
        QCOMPARE(themePalette(Theme::Contrast).color(QPalette::Window), QColor(Qt::black));
        QCOMPARE(themePalette(Theme::Contrast).color(QPalette::Text), QColor(Qt::white));
    }

    void applyThemeScalesFontsWithoutCompounding()
    {
        auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
        QVERIFY(app);
        const double base = QApplication::font().pointSizeF();
        QVERIFY(base > 0);
        applyTheme(*app, Theme::Contrast);
        QCOMPARE(QApplication::palette().color(QPalette::Window), QColor(Qt::black));
        QCOMPARE(QApplication::font().pointSizeF(), base * 1.25);
        applyTheme(*app, Theme::Contrast, 1.5);
        QCOMPARE(QApplication::font().pointSizeF(), base * 1.25 * 1.5);
        applyTheme(*app, Theme::Dark);
        QCOMPARE(QApplication::font().pointSizeF(), base);
        QCOMPARE(QApplication::palette().color(QPalette::Base), themePalette(Theme::Dark).color(QPalette::Base));
        QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
        applyTheme(*app, Theme::Light);
    }

    void wallModeHidesChromeRestrictsAndRotates()
    {
        QMainWindow window;
        auto *tabs = new QTabWidget;
        for (int i = 0; i < 4; ++i)
            tabs->addTab(new QLabel(QString::number(i)), QString::number(i));
        auto *header = new QLabel(QStringLiteral("header"));
        auto *central = new QWidget;
        auto *layout = new QVBoxLayout(central);
        layout->addWidget(header);
        layout->addWidget(tabs);
        window.setCentralWidget(central);
        window.menuBar()->addMenu(QStringLiteral("File"));
        window.statusBar()->showMessage(QStringLiteral("status"));
        auto *dock = new QDockWidget(QStringLiteral("dock"), &window);
        window.addDockWidget(Qt::BottomDockWidgetArea, dock);
        window.resize(800, 600);

        WallMode wall(window, *tabs, *header);
        QList<bool> largeType;
        wall.setLargeTypeHandler([&largeType](bool on) { largeType << on; });
        wall.setUseFullScreen(false);
        wall.setPages({3, 1, 9});
        QCOMPARE(wall.pages(), (QList<int>{1, 3}));
        wall.setRotateSeconds(30);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(header->isHidden());

        wall.setEnabled(true);
        QVERIFY(wall.isEnabled());
        QVERIFY(window.menuBar()->isHidden());
        QVERIFY(window.statusBar()->isHidden());
        QVERIFY(dock->isHidden());
        QVERIFY(tabs->tabBar()->isHidden());
        QVERIFY(!header->isHidden());
        QCOMPARE(tabs->currentIndex(), 1);
        QVERIFY(!tabs->isTabVisible(0));
        QVERIFY(!tabs->isTabVisible(2));
        QVERIFY(wall.isRotating());
        QCOMPARE(largeType, QList<bool>{true});

        wall.showNext();
        QCOMPARE(tabs->currentIndex(), 3);
        wall.showNext();
        QCOMPARE(tabs->currentIndex(), 1);

        wall.setRotateSeconds(0);
        QVERIFY(!wall.isRotating());

        // Escape leaves wall mode and restores what was visible.
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!wall.isEnabled());
        QVERIFY(!window.menuBar()->isHidden());
        QVERIFY(!window.statusBar()->isHidden());
        QVERIFY(!dock->isHidden());
        QVERIFY(!tabs->tabBar()->isHidden());
        QVERIFY(header->isHidden());
        QVERIFY(tabs->isTabVisible(0));
        QCOMPARE(largeType, (QList<bool>{true, false}));
    }

    void commandLineHelpers()
    {
        QCOMPARE(dashboardNames(),
                 (QStringList{QStringLiteral("overview"), QStringLiteral("latency"), QStringLiteral("queues"),
                              QStringLiteral("cluster"), QStringLiteral("events"), QStringLiteral("engine"),
                              QStringLiteral("explorer")}));
        QCOMPARE(parseDurationSeconds(QStringLiteral("30s")), std::optional<int>(30));
        QCOMPARE(parseDurationSeconds(QStringLiteral("2m")), std::optional<int>(120));
        QCOMPARE(parseDurationSeconds(QStringLiteral("1h")), std::optional<int>(3600));
        QCOMPARE(parseDurationSeconds(QStringLiteral("45")), std::optional<int>(45));
        QCOMPARE(parseDurationSeconds(QStringLiteral(" 10 S ")), std::optional<int>(10));
        QCOMPARE(parseDurationSeconds(QStringLiteral("30x")), std::nullopt);
        QCOMPARE(parseDurationSeconds(QStringLiteral("-5")), std::nullopt);
        QCOMPARE(parseDurationSeconds(QString()), std::nullopt);
        QCOMPARE(parseDurationSeconds(QStringLiteral("25h")), std::nullopt);
    }
};

QTEST_MAIN(TstThemeWall)
#include "tst_theme_wall.moc"

// Panel export, offscreen at device pixel ratio 2: exact CSV text for graphs on a time axis
// (NaN gap, names with a comma and quotes, a formula-like name), bars sharing a table with
// an unnamed graph, a 2×2 colour map, mixed kinds and a QStandardItemModel; the field
// guard and quoting; proposed file names; PNG files of a custom widget and a QCustomPlot
// (size × ratio, a known pixel); CSV files from a view, a plot and a data callback;
// failures (missing directory, no data) naming the path; the right-click menu, the
// warning box on failure and the status callback on success.
#include "widgets/panel_export.h"
#include "widgets/qcp.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace vigil;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kT0 = 1'700'000'000; // 2023-11-14T22:13:20Z

QByteArray crlf(const char *lines)
{
    return QByteArray(lines).replace("\n", "\r\n");
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void setTimeAxis(QCustomPlot &plot)
{
    plot.xAxis->setTicker(QSharedPointer<QCPAxisTickerDateTime>::create());
}

QStringList actionTexts(const QMenu &menu)
{
    QStringList texts;
    for (const QAction *a : menu.actions()) {
        if (!a->isSeparator())
            texts << a->text();
    }
    return texts;
}

// A table of two queues with a name that looks like a formula, a number with a thousands
// separator and a column whose DisplayRole is no text (a trend list, like a sparkline).
void fillModel(QStandardItemModel &model)
{
    model.setColumnCount(4);
    model.setHorizontalHeaderLabels({QStringLiteral("Node"), QStringLiteral("Queue, name"),
                                     QStringLiteral("Depth"), QStringLiteral("Trend")});
    const QStringList r1 = {QStringLiteral("n1"), QStringLiteral("=evil()"), QStringLiteral("1,234")};
    const QStringList r2 = {QStringLiteral("n2"), QStringLiteral("rt \"hot\""), QStringLiteral("-5")};
    for (const QStringList &r : {r1, r2}) {
        QList<QStandardItem *> items;
        for (const QString &t : r)
            items << new QStandardItem(t);
        auto *trend = new QStandardItem;
        trend->setData(QVariant::fromValue(QList<double>{1.0, 2.0}), Qt::DisplayRole);
        items << trend;
        model.appendRow(items);
    }
}

} // namespace

class TstPanelExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The offscreen screen runs at ratio 2 (main() sets QT_SCALE_FACTOR).
        QWidget probe;
        QCOMPARE(probe.devicePixelRatioF(), 2.0);
    }

    void fieldGuardAndQuoting_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("plain") << QStringLiteral("queue") << QStringLiteral("queue");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
        QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
        QTest::newRow("lf") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
        QTest::newRow("formula") << QStringLiteral("=1+2") << QStringLiteral("'=1+2");
        QTest::newRow("plus") << QStringLiteral("+cmd") << QStringLiteral("'+cmd");
        QTest::newRow("minus") << QStringLiteral("-") << QStringLiteral("'-");
        QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
        QTest::newRow("tab") << QStringLiteral("\tx") << QStringLiteral("'\tx");
        QTest::newRow("cr") << QStringLiteral("\rx") << QStringLiteral("\"'\rx\"");
        QTest::newRow("guarded and quoted")
            << QStringLiteral("=a,\"b\"") << QStringLiteral("\"'=a,\"\"b\"\"\"");
        QTest::newRow("negative number") << QStringLiteral("-3.5") << QStringLiteral("-3.5");
        QTest::newRow("signed exponent") << QStringLiteral("+1e-3") << QStringLiteral("+1e-3");
        QTest::newRow("not quite a number") << QStringLiteral("-1+2") << QStringLiteral("'-1+2");
        QTest::newRow("equals in the middle") << QStringLiteral("a=b") << QStringLiteral("a=b");
    }
    void fieldGuardAndQuoting()
    {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QCOMPARE(csvField(text), field);
    }

    void graphsOnTimeAxis()
    {
        QCustomPlot plot;
        setTimeAxis(plot);
        QCPGraph *cpu = plot.addGraph();
        cpu->setName(QStringLiteral("cpu, \"total\""));
        cpu->setData({kT0, kT0 + 0.5, kT0 + 1}, {1, kNaN, 2.25});
        QCPGraph *evil = plot.addGraph();
        evil->setName(QStringLiteral("=cmd|' /C calc'!A0"));
        evil->setData({kT0 + 10.25}, {-3});
        QCOMPARE(plotCsv(plot), crlf("series,time,value\n"
                                     "\"cpu, \"\"total\"\"\",2023-11-14T22:13:20.000Z,1\n"
                                     "\"cpu, \"\"total\"\"\",2023-11-14T22:13:20.500Z,\n"
                                     "\"cpu, \"\"total\"\"\",2023-11-14T22:13:21.000Z,2.25\n"
                                     "'=cmd|' /C calc'!A0,2023-11-14T22:13:30.250Z,-3\n"));
    }

    void barsShareATableWithAnUnnamedGraph()
    {
        QCustomPlot plot;
        auto *bars = new QCPBars(plot.xAxis, plot.yAxis);
        bars->setName(QStringLiteral("Observations"));
        bars->setData({1, 2, 3}, {5, 0, 7.5});
        // Made directly, a graph has no name (addGraph() names it "Graph <n>").
        auto *unnamed = new QCPGraph(plot.xAxis, plot.yAxis);
        unnamed->setData({0.5, 1e6, 1.5e15}, {0.1, kNaN, -2.5e-7});
        QCOMPARE(plotCsv(plot), crlf("series,key,value\n"
                                     "Observations,1,5\n"
                                     "Observations,2,0\n"
                                     "Observations,3,7.5\n"
                                     "series 2,0.5,0.1\n"
                                     "series 2,1000000,\n"
                                     "series 2,1.5e+15,-2.5e-07\n"));
    }

    void colorMap()
    {
        QCustomPlot plot;
        auto *map = new QCPColorMap(plot.xAxis, plot.yAxis);
        map->data()->setSize(2, 2);
        map->data()->setRange(QCPRange(0, 1), QCPRange(10, 20));
        map->data()->setCell(0, 0, 1);
        map->data()->setCell(0, 1, 2);
        map->data()->setCell(1, 0, 3);
        map->data()->setCell(1, 1, kNaN);
        QCOMPARE(plotCsv(plot), crlf("x,y,value\n"
                                     "0,10,1\n"
                                     "0,20,2\n"
                                     "1,10,3\n"
                                     "1,20,\n"));
    }

    void mixedKindsAndEmptyPlots()
    {
        QCustomPlot plot;
        setTimeAxis(plot);
        auto *map = new QCPColorMap(plot.xAxis, plot.yAxis);
        map->data()->setSize(1, 1);
        map->data()->setRange(QCPRange(kT0, kT0), QCPRange(1, 1));
        map->data()->setCell(0, 0, 4);
        QCPGraph *g = plot.addGraph();
        g->setName(QStringLiteral("p99"));
        g->setData({kT0}, {0.125});
        QCOMPARE(plotCsv(plot), crlf("time,y,value\n"
                                     "2023-11-14T22:13:20.000Z,1,4\n"
                                     "\n"
                                     "series,time,value\n"
                                     "p99,2023-11-14T22:13:20.000Z,0.125\n"));

        QCustomPlot empty;
        QCOMPARE(plotCsv(empty), crlf("series,key,value\n"));
    }

    void model()
    {
        QStandardItemModel model;
        fillModel(model);
        QCOMPARE(modelCsv(model), crlf("Node,\"Queue, name\",Depth,Trend\n"
                                       "n1,'=evil(),\"1,234\",\n"
                                       "n2,\"rt \"\"hot\"\"\",-5,\n"));
        QStandardItemModel none;
        QCOMPARE(modelCsv(none), crlf("\n"));
    }

    void utf8()
    {
        QStandardItemModel model(1, 1);
        model.setHorizontalHeaderLabels({QStringLiteral("Latenz µs")});
        model.setItem(0, 0, new QStandardItem(QStringLiteral("Größe")));
        QCOMPARE(modelCsv(model), QByteArray("Latenz \xc2\xb5s\r\nGr\xc3\xb6\xc3\x9f" "e\r\n"));
    }

    void proposedFileNames()
    {
        const QDateTime when(QDate(2024, 3, 5), QTime(7, 8, 9));
        QCOMPARE(proposedExportFileName(QStringLiteral("Queues / realtime"), when, QStringLiteral("png")),
                 QStringLiteral("Queues-realtime-20240305-070809.png"));
        QCOMPARE(proposedExportFileName(QStringLiteral("../etc/passwd"), when, QStringLiteral("csv")),
                 QStringLiteral("etc-passwd-20240305-070809.csv"));
        QCOMPARE(proposedExportFileName(QString(), when, QStringLiteral("csv")),
                 QStringLiteral("panel-20240305-070809.csv"));
        QCOMPARE(proposedExportFileName(QStringLiteral("Latenz µs"), when, QStringLiteral("png")),
                 QStringLiteral("Latenz-µs-20240305-070809.png"));
    }

    void pngOfACustomWidget()
    {
        QWidget w;
        w.setAutoFillBackground(true);
        QPalette pal = w.palette();
        pal.setColor(QPalette::Window, QColor(10, 200, 30));
        w.setPalette(pal);
        w.resize(120, 80);
        const QString path = m_dir.filePath(QStringLiteral("custom.png"));
        PanelExporter exporter;
        QSignalSpy spy(&exporter, &PanelExporter::finished);
        exporter.exportPng(&w, path);
        QCOMPARE(spy.count(), 0); // never synchronous
        QVERIFY(spy.wait());
        QCOMPARE(spy.at(0).at(0).toBool(), true);
        QCOMPARE(spy.at(0).at(1).toString(), path);
        QVERIFY(spy.at(0).at(2).toString().contains(QDir::toNativeSeparators(path)));
        QCOMPARE(exporter.pending(), 0);
        const QImage image(path);
        QCOMPARE(image.size(), QSize(240, 160));
        QCOMPARE(image.pixelColor(200, 150), QColor(10, 200, 30));
    }

    void pngOfAPlot()
    {
        QCustomPlot plot;
        plot.resize(200, 150);
        plot.setBackground(QBrush(QColor(200, 10, 10)));
        plot.addGraph()->setData({0, 1}, {0, 1});
        plot.replot();
        const QString path = m_dir.filePath(QStringLiteral("plot.png"));
        PanelExporter exporter;
        QSignalSpy spy(&exporter, &PanelExporter::finished);
        exporter.exportPng(&plot, path);
        QVERIFY(spy.wait());
        QVERIFY2(spy.at(0).at(0).toBool(), qPrintable(spy.at(0).at(2).toString()));
        const QImage image(path);
        QCOMPARE(image.size(), QSize(400, 300));
        QCOMPARE(image.pixelColor(1, 1), QColor(200, 10, 10)); // the top-left margin
        QCOMPARE(renderPanel(&plot).devicePixelRatio(), 2.0);
    }

    void csvFiles()
    {
        QStandardItemModel model;
        fillModel(model);
        QTableView view;
        view.setModel(&model);
        QCustomPlot plot;
        plot.addGraph()->setData({1}, {2});
        QWidget custom;
        const CsvSource data = [] { return QByteArrayLiteral("a,b\r\n1,2\r\n"); };

        PanelExporter exporter;
        QSignalSpy spy(&exporter, &PanelExporter::finished);
        const QString viewPath = m_dir.filePath(QStringLiteral("view.csv"));
        const QString plotPath = m_dir.filePath(QStringLiteral("plot.csv"));
        const QString customPath = m_dir.filePath(QStringLiteral("custom.csv"));
        exporter.exportCsv(&view, viewPath);
        exporter.exportCsv(&plot, plotPath);
        exporter.exportCsv(&custom, customPath, data);
        QTRY_COMPARE(spy.count(), 3);
        QCOMPARE(exporter.pending(), 0);
        for (const QList<QVariant> &args : spy)
            QVERIFY2(args.at(0).toBool(), qPrintable(args.at(2).toString()));
        QCOMPARE(readAll(viewPath), modelCsv(model));
        QCOMPARE(readAll(plotPath), crlf("series,key,value\nGraph 1,1,2\n"));
        QCOMPARE(readAll(customPath), data());
    }

    void failuresNameThePath()
    {
        QCustomPlot plot;
        plot.resize(50, 40);
        QWidget noData;
        const QString missing = m_dir.filePath(QStringLiteral("no/such/dir/out.csv"));
        const QString missingPng = m_dir.filePath(QStringLiteral("no/such/dir/out.png"));
        const QString unused = m_dir.filePath(QStringLiteral("nodata.csv"));
        PanelExporter exporter;
        QSignalSpy spy(&exporter, &PanelExporter::finished);
        exporter.exportCsv(&plot, missing);
        exporter.exportPng(&plot, missingPng);
        exporter.exportCsv(&noData, unused);
        QTRY_COMPARE(spy.count(), 3);
        QHash<QString, QString> messages;
        for (const QList<QVariant> &args : spy) {
            QCOMPARE(args.at(0).toBool(), false);
            messages.insert(args.at(1).toString(), args.at(2).toString());
        }
        for (const QString &path : {missing, missingPng, unused}) {
            QVERIFY2(messages.value(path).startsWith(QStringLiteral("Could not write ") %
                                                     QDir::toNativeSeparators(path) % QStringLiteral(": ")),
                     qPrintable(messages.value(path)));
            QVERIFY(!QFile::exists(path));
        }
        QVERIFY(messages.value(unused).endsWith(QStringLiteral("the panel has no data")));
    }

    void contextMenu()
    {
        QStandardItemModel model;
        fillModel(model);
        QTableView view;
        view.setModel(&model);
        auto *own = new QAction(QStringLiteral("Copy"), &view);
        view.addAction(own);
        QWidget painted;
        QWidget paintedWithData;
        QTableView emptyView;

        installPanelExport(&view, QStringLiteral("Queues"));
        installPanelExport(&painted, QStringLiteral("Strip"));
        installPanelExport(&paintedWithData, QStringLiteral("Timeline"),
                           {[] { return QByteArrayLiteral("x\r\n"); }, {}});
        installPanelExport(&emptyView, QStringLiteral("Empty"));

        const QString png = QStringLiteral("Export as PNG…");
        const QString csv = QStringLiteral("Export data as CSV…");
        const std::vector<std::pair<QWidget *, QStringList>> cases = {
            {&view, {QStringLiteral("Copy"), png, csv}},
            {&painted, {png}},
            {&paintedWithData, {png, csv}},
            {&emptyView, {png}},
        };
        for (const auto &[panel, expected] : cases) {
            QCOMPARE(panel->contextMenuPolicy(), Qt::CustomContextMenu);
            Q_EMIT panel->customContextMenuRequested(QPoint(5, 5));
            auto *menu = panel->findChild<QMenu *>(QStringLiteral("panelExportMenu"));
            QVERIFY(menu);
            QCOMPARE(actionTexts(*menu), expected);
            menu->hide();
            QTRY_VERIFY(!panel->findChild<QMenu *>(QStringLiteral("panelExportMenu")));
        }
    }

    void installedExporterReports()
    {
        QWidget panel;
        panel.resize(30, 20);
        QStringList statuses;
        PanelExporter *exporter = installPanelExport(&panel, QStringLiteral("Tile"),
                                                     {{}, [&statuses](const QString &m) { statuses << m; }});
        QCOMPARE(exporter->parent(), &panel);

        const QString good = m_dir.filePath(QStringLiteral("tile.png"));
        exporter->exportPng(&panel, good);
        QTRY_COMPARE(statuses.size(), 1);
        QCOMPARE(statuses.at(0), QStringLiteral("Exported ") % QDir::toNativeSeparators(good));
        QVERIFY(!panel.findChild<QMessageBox *>());

        const QString bad = m_dir.filePath(QStringLiteral("missing/tile.png"));
        exporter->exportPng(&panel, bad);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = panel.findChild<QMessageBox *>(QStringLiteral("panelExportError"))));
        QCOMPARE(box->icon(), QMessageBox::Warning);
        QVERIFY(box->text().contains(QDir::toNativeSeparators(bad)));
        QCOMPARE(statuses.size(), 1);
        box->close();
    }

private:
    QTemporaryDir m_dir;
};

int main(int argc, char **argv)
{
    qputenv("QT_SCALE_FACTOR", "2");
    QApplication app(argc, argv);
    TstPanelExport test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_panel_export.moc"

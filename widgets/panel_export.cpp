#include "widgets/panel_export.h"

#include "widgets/qcp.h"

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QAbstractScrollArea>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QImageWriter>
#include <QMenu>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>
#include <QPointer>
#include <QPromise>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QThreadPool>
#include <QWidget>

#include <charconv>
#include <cmath>
#include <memory>
#include <vector>

namespace vigil {

namespace {

const QString kLastDirectoryKey = QStringLiteral("export/lastDirectory");

bool isPlainNumber(const QString &text)
{
    // Infinities and NaN as Prometheus and plotCsv write them ("+Inf" for the top bucket) count too.
    static const QRegularExpression number(
        QStringLiteral(R"(^[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[Ii]nf|NaN|nan)$)"));
    return number.match(text).hasMatch();
}

// Numbers and times are produced here, never untrusted: no guard, no quoting needed.
// The shortest text that reads back to the same double; plain decimals in the everyday
// range (1000000, not 1e+06), scientific notation only for very small or large values.
QString numberField(double v)
{
    if (std::isnan(v))
        return {};
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    const double magnitude = std::fabs(v);
    const bool plain = magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e15);
    char buf[64];
    const auto r = plain ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                         : std::to_chars(buf, buf + sizeof buf, v);
    return QString::fromLatin1(buf, r.ptr - buf);
}

QString timeField(double secondsSinceEpoch)
{
    if (!std::isfinite(secondsSinceEpoch))
        return {};
    const auto ms = qint64(std::llround(secondsSinceEpoch * 1000.0));
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

void appendRow(QString &out, std::initializer_list<QString> fields)
{
    bool first = true;
    for (const QString &f : fields) {
        if (!first)
            out += u',';
        out += f;
        first = false;
    }
    out += QStringLiteral("\r\n");
}

bool hasTimeTicker(const QCPAxis *axis)
{
    return axis && dynamic_cast<const QCPAxisTickerDateTime *>(axis->ticker().data());
}

struct CsvTable
{
    QString header; // without line end
    QString rows;
    bool shared;    // 1-D plottables with the same header share one table
};

void appendOneDimensional(QString &rows, const QString &series, QCPPlottableInterface1D &data, bool time)
{
    const int n = data.dataCount();
    for (int i = 0; i < n; ++i) {
        const double key = data.dataMainKey(i);
        appendRow(rows,
                  {series, time ? timeField(key) : numberField(key), numberField(data.dataMainValue(i))});
    }
}

// Cell centres as QCPColorMap draws them: the range spans the first to the last centre; a
// single cell covers the whole range (QCPColorMapData::cellToCoord gives NaN there).
double cellCentre(int index, int size, const QCPRange &range)
{
    return size > 1 ? range.lower + index * (range.upper - range.lower) / (size - 1) : range.center();
}

void appendColorMap(QString &rows, QCPColorMapData &data, bool time)
{
    for (int k = 0; k < data.keySize(); ++k) {
        const double x = cellCentre(k, data.keySize(), data.keyRange());
        for (int v = 0; v < data.valueSize(); ++v) {
            const double y = cellCentre(v, data.valueSize(), data.valueRange());
            appendRow(rows,
                      {time ? timeField(x) : numberField(x), numberField(y), numberField(data.cell(k, v))});
        }
    }
}

QString joinTables(const std::vector<CsvTable> &tables)
{
    QString out;
    for (const CsvTable &t : tables) {
        if (!out.isEmpty())
            out += QStringLiteral("\r\n");
        out += t.header % QStringLiteral("\r\n") % t.rows;
    }
    return out;
}

QString nativePath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

QString csvField(const QString &text)
{
    QString f = text;
    if (!f.isEmpty()) {
        const QChar c = f.front();
        const bool risky = c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r';
        if (risky && !isPlainNumber(f))
            f.prepend(u'\'');
    }
    if (f.contains(u',') || f.contains(u'"') || f.contains(u'\r') || f.contains(u'\n')) {
        f.replace(u'"', QStringLiteral("\"\""));
        f = u'"' % f % u'"';
    }
    return f;
}

QByteArray plotCsv(const QCustomPlot &constPlot)
{
    // QCustomPlot's accessors are not const-qualified; nothing below changes the plot.
    auto &plot = const_cast<QCustomPlot &>(constPlot);
    std::vector<CsvTable> tables;
    auto tableFor = [&tables](const QString &header, bool shared) -> QString & {
        if (shared) {
            for (CsvTable &t : tables) {
                if (t.shared && t.header == header)
                    return t.rows;
            }
        }
        tables.push_back({header, {}, shared});
        return tables.back().rows;
    };

    for (int i = 0; i < plot.plottableCount(); ++i) {
        QCPAbstractPlottable *p = plot.plottable(i);
        const bool time = hasTimeTicker(p->keyAxis());
        if (auto *map = qobject_cast<QCPColorMap *>(p)) {
            if (map->data())
                appendColorMap(
                    tableFor(time ? QStringLiteral("time,y,value") : QStringLiteral("x,y,value"), false),
                    *map->data(), time);
            continue;
        }
        // Error bars repeat the keys of the plottable they belong to and hold no values.
        if (qobject_cast<QCPErrorBars *>(p))
            continue;
        QCPPlottableInterface1D *data = p->interface1D();
        if (!data)
            continue;
        const QString series =
            csvField(p->name().isEmpty() ? QStringLiteral("series %1").arg(i + 1) : p->name());
        appendOneDimensional(
            tableFor(time ? QStringLiteral("series,time,value") : QStringLiteral("series,key,value"), true),
            series, *data, time);
    }
    if (tables.empty())
        tables.push_back({hasTimeTicker(plot.xAxis) ? QStringLiteral("series,time,value")
                                                    : QStringLiteral("series,key,value"),
                          {}, true});
    return joinTables(tables).toUtf8();
}

QByteArray modelCsv(const QAbstractItemModel &model)
{
    const int columns = model.columnCount();
    const int rows = model.rowCount();
    QString out;
    auto endLine = [&out] { out += QStringLiteral("\r\n"); };
    for (int c = 0; c < columns; ++c) {
        if (c > 0)
            out += u',';
        out += csvField(model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
    }
    endLine();
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < columns; ++c) {
            if (c > 0)
                out += u',';
            out += csvField(model.data(model.index(r, c), Qt::DisplayRole).toString());
        }
        endLine();
    }
    return out.toUtf8();
}

QByteArray tableCsv(const QStringList &header, const std::vector<QStringList> &rows)
{
    QString out;
    auto line = [&out](const QStringList &fields) {
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i > 0)
                out += u',';
            out += csvField(fields[i]);
        }
        out += QStringLiteral("\r\n");
    };
    line(header);
    for (const QStringList &r : rows)
        line(r);
    return out.toUtf8();
}

QString csvNumber(double v)
{
    return numberField(v);
}

QString csvTime(std::int64_t msSinceEpoch)
{
    return timeField(double(msSinceEpoch) / 1000.0);
}

QString proposedExportFileName(const QString &panelName, const QDateTime &when, const QString &suffix)
{
    QString base;
    for (const QChar c : panelName) {
        const bool keep = c.isLetterOrNumber() || c == u'_' || c == u'.' || c == u'-';
        const QChar out = keep ? c : u'-';
        if (out == u'-' && base.endsWith(u'-'))
            continue;
        base += out;
    }
    // No hidden files, no ".." and no dangling separators.
    while (!base.isEmpty() && (base.front() == u'.' || base.front() == u'-'))
        base.remove(0, 1);
    base.truncate(80);
    while (!base.isEmpty() && (base.back() == u'.' || base.back() == u'-'))
        base.chop(1);
    if (base.isEmpty())
        base = QStringLiteral("panel");
    return base % u'-' % when.toString(QStringLiteral("yyyyMMdd-HHmmss")) % u'.' % suffix;
}

QImage renderPanel(QWidget *panel)
{
    if (!panel)
        return {};
    const qreal dpr = panel->devicePixelRatioF();
    if (auto *plot = qobject_cast<QCustomPlot *>(panel)) {
        // Drawn again at the device scale rather than copied from the screen buffer, so
        // the export is sharp whatever the plot's buffer ratio.
        QImage image = plot->toPixmap(panel->width(), panel->height(), dpr).toImage();
        image.setDevicePixelRatio(dpr);
        return image;
    }
    return panel->grab().toImage();
}

bool panelHasData(const QWidget *panel, const CsvSource &csvData)
{
    if (csvData)
        return true;
    if (qobject_cast<const QCustomPlot *>(panel))
        return true;
    const auto *view = qobject_cast<const QAbstractItemView *>(panel);
    return view && view->model();
}

std::optional<QByteArray> panelCsv(QWidget *panel, const CsvSource &csvData)
{
    if (csvData)
        return csvData();
    if (const auto *plot = qobject_cast<const QCustomPlot *>(panel))
        return plotCsv(*plot);
    if (const auto *view = qobject_cast<const QAbstractItemView *>(panel); view && view->model())
        return modelCsv(*view->model());
    return std::nullopt;
}

// --- PanelExporter -------------------------------------------------------------------

namespace {

using WriteOutcome = PanelExporter::WriteOutcome;

// Both run on a worker.
WriteOutcome savePng(const QImage &image, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    QImageWriter writer(&file, "png");
    if (!writer.write(image)) {
        file.cancelWriting();
        return writer.errorString();
    }
    if (!file.commit())
        return file.errorString();
    return std::nullopt;
}

WriteOutcome saveBytes(const QByteArray &bytes, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return reason;
    }
    if (!file.commit())
        return file.errorString();
    return std::nullopt;
}

} // namespace

PanelExporter::PanelExporter(QObject *parent) : QObject(parent) {}

void PanelExporter::exportPng(QWidget *panel, const QString &path)
{
    writePng(renderPanel(panel), path);
}

void PanelExporter::exportCsv(QWidget *panel, const QString &path, const CsvSource &csvData)
{
    if (std::optional<QByteArray> csv = panelCsv(panel, csvData)) {
        writeCsv(std::move(*csv), path);
        return;
    }
    const QString reason = tr("the panel has no data");
    run(path, [reason] { return WriteOutcome(reason); });
}

void PanelExporter::writePng(QImage image, const QString &path)
{
    if (image.isNull()) {
        const QString reason = tr("the panel has nothing to draw");
        run(path, [reason] { return WriteOutcome(reason); });
        return;
    }
    run(path, [image = std::move(image), path] { return savePng(image, path); });
}

void PanelExporter::writeCsv(QByteArray csv, const QString &path)
{
    run(path, [csv = std::move(csv), path] { return saveBytes(csv, path); });
}

// The promise is the only thing the worker shares with the GUI thread; the watcher, a
// child of this exporter, delivers the outcome on the GUI thread and dies with it.
void PanelExporter::run(const QString &path, std::function<WriteOutcome()> write)
{
    auto promise = std::make_shared<QPromise<WriteOutcome>>();
    promise->start();
    auto *watcher = new QFutureWatcher<WriteOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path] {
        const QFuture<WriteOutcome> future = watcher->future();
        watcher->deleteLater();
        --m_pending;
        const WriteOutcome outcome = future.resultCount() > 0 ? future.result() : WriteOutcome(QString());
        if (!outcome)
            report(true, path, tr("Exported %1").arg(nativePath(path)));
        else
            report(false, path,
                   tr("Could not write %1: %2")
                       .arg(nativePath(path), outcome->isEmpty() ? tr("unknown error") : *outcome));
    });
    watcher->setFuture(promise->future());
    ++m_pending;
    QThreadPool::globalInstance()->start([promise, write = std::move(write)] {
        promise->addResult(write());
        promise->finish();
    });
}

void PanelExporter::report(bool ok, const QString &path, const QString &message)
{
    Q_EMIT finished(ok, path, message);
}

// --- installPanelExport ---------------------------------------------------------------

namespace {

struct MenuState
{
    QString panelName;
    PanelExportOptions options;
};

// Blocks in the save dialog (a modal loop, as every save dialog); empty when cancelled.
QString askExportPath(QWidget *panel, const QString &panelName, const QString &title, const QString &filter,
                      const QString &suffix)
{
    QSettings settings;
    QString dir = settings.value(kLastDirectoryKey).toString();
    if (dir.isEmpty() || !QDir(dir).exists())
        dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    const QString proposed =
        QDir(dir).filePath(proposedExportFileName(panelName, QDateTime::currentDateTime(), suffix));
    QString path = QFileDialog::getSaveFileName(panel, title, proposed, filter);
    if (path.isEmpty())
        return {};
    if (QFileInfo(path).suffix().isEmpty())
        path += u'.' % suffix;
    settings.setValue(kLastDirectoryKey, QFileInfo(path).absolutePath());
    return path;
}

void exportPngInteractively(QWidget *panel, PanelExporter *exporter, const MenuState &state)
{
    // What the user saw when picking the action, not what a live panel shows after the dialog.
    QImage image = renderPanel(panel);
    QPointer<PanelExporter> guard(exporter);
    const QString path = askExportPath(panel, state.panelName, PanelExporter::tr("Export as PNG"),
                                       PanelExporter::tr("PNG images (*.png)"), QStringLiteral("png"));
    if (!path.isEmpty() && guard)
        guard->writePng(std::move(image), path);
}

void exportCsvInteractively(QWidget *panel, PanelExporter *exporter, const MenuState &state)
{
    std::optional<QByteArray> csv = panelCsv(panel, state.options.csvData);
    if (!csv)
        return;
    QPointer<PanelExporter> guard(exporter);
    const QString path = askExportPath(panel, state.panelName, PanelExporter::tr("Export data as CSV"),
                                       PanelExporter::tr("CSV files (*.csv)"), QStringLiteral("csv"));
    if (!path.isEmpty() && guard)
        guard->writeCsv(std::move(*csv), path);
}

void showExportMenu(QWidget *panel, PanelExporter *exporter, const std::shared_ptr<MenuState> &state,
                    const QPoint &pos)
{
    QWidget *origin = panel;
    if (auto *area = qobject_cast<QAbstractScrollArea *>(panel))
        origin = area->viewport(); // the request's position is in viewport coordinates
    auto *menu = new QMenu(panel);
    menu->setObjectName(QStringLiteral("panelExportMenu"));
    QObject::connect(menu, &QMenu::aboutToHide, menu, &QObject::deleteLater);
    const QList<QAction *> own = panel->actions();
    if (!own.isEmpty()) {
        menu->addActions(own);
        menu->addSeparator();
    }
    // Queued so that the dialog runs after the menu has closed and unwound.
    menu->addAction(PanelExporter::tr("Export as PNG…"), exporter, [panel, exporter, state] {
        QMetaObject::invokeMethod(
            exporter, [panel, exporter, state] { exportPngInteractively(panel, exporter, *state); },
            Qt::QueuedConnection);
    });
    if (panelHasData(panel, state->options.csvData)) {
        menu->addAction(PanelExporter::tr("Export data as CSV…"), exporter, [panel, exporter, state] {
            QMetaObject::invokeMethod(
                exporter, [panel, exporter, state] { exportCsvInteractively(panel, exporter, *state); },
                Qt::QueuedConnection);
        });
    }
    menu->popup(origin->mapToGlobal(pos));
}

} // namespace

PanelExporter *installPanelExport(QWidget *panel, const QString &panelName, PanelExportOptions options)
{
    // The exporter is the panel's child: every lambda below that uses the panel runs with
    // the exporter as context, so none outlives it.
    auto *exporter = new PanelExporter(panel);
    exporter->setObjectName(QStringLiteral("panelExporter"));
    auto state = std::make_shared<MenuState>(MenuState{panelName, std::move(options)});
    panel->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(
        panel, &QWidget::customContextMenuRequested, exporter,
        [panel, exporter, state](const QPoint &pos) { showExportMenu(panel, exporter, state, pos); });
    QObject::connect(exporter, &PanelExporter::finished, exporter,
                     [panel, state](bool ok, const QString &, const QString &message) {
                         if (ok) {
                             if (state->options.showStatus)
                                 state->options.showStatus(message);
                             else if (auto *window = qobject_cast<QMainWindow *>(panel->window()))
                                 window->statusBar()->showMessage(message, 5000);
                             return;
                         }
                         auto *box = new QMessageBox(QMessageBox::Warning, PanelExporter::tr("Export failed"),
                                                     message, QMessageBox::Ok, panel);
                         box->setObjectName(QStringLiteral("panelExportError"));
                         box->setAttribute(Qt::WA_DeleteOnClose);
                         box->open();
                     });
    return exporter;
}

} // namespace vigil

// Panel export: a dashboard panel as a PNG image and its data as CSV, from a right-click
// menu ("Export as PNG…", "Export data as CSV…") that installPanelExport() adds to a panel.
//
// CSV (plotCsv, modelCsv): UTF-8, RFC 4180 quoting (a field holding a comma, a quote, CR
// or LF is quoted, embedded quotes doubled), "\r\n" line ends, a trailing "\r\n".
// Names come from untrusted backends, so a text field that starts with '=', '+', '-',
// '@', TAB or CR and is not a plain number (infinities and NaN count: "+Inf") gets a
// leading "'" (CSV/formula injection guard; the apostrophe goes inside the quotes when
// the field is also quoted).
// plotCsv writes every plottable with all of its data (not only the visible range):
//  - graphs, bars, curves (any 1-D plottable, error bars excepted) in long format
//    "series,time,value" when the plottable's key axis has a QCPAxisTickerDateTime
//    (time as ISO-8601 UTC with milliseconds, e.g. 2023-11-14T22:13:20.500Z), else
//    "series,key,value" with the raw key. The series is the legend name ("series <n>",
//    n counted from 1 in plottable order, when a plottable has no name). NaN values
//    (gaps) are written as an empty value field, so the gap stays visible.
//  - a QCPColorMap as "x,y,value" (or "time,y,value" on a date-time key axis), one row
//    per cell centre, x outer, y inner; NaN cells have an empty value.
//  Plottables whose header is the same share one table; each colour map has its own.
//  When a plot mixes kinds, the tables follow each other separated by one empty line.
// modelCsv writes the header row (headerData, horizontal, DisplayRole) and then the
// DisplayRole text of every top-level row and column (columns whose DisplayRole is no
// text, e.g. a sparkline, come out empty).
//
// PNG: a QCustomPlot is drawn with toPixmap at its size × devicePixelRatio, any other
// widget with QWidget::grab() (also × devicePixelRatio), so high-DPI exports are sharp.
//
// Threads: everything here is called on the GUI thread. Rendering the panel and building
// the CSV happen on the GUI thread when asked; PNG encoding and every file write run on a
// QThreadPool worker (QSaveFile: atomic, no partial file is left on failure). Results come
// back on the GUI thread through PanelExporter::finished; a result whose exporter was
// destroyed meanwhile is dropped (the file is still written).
#pragma once

#include <QByteArray>
#include <QImage>
#include <QObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

class QAbstractItemModel;
class QCustomPlot;
class QDateTime;
class QWidget;

namespace vigil {

QByteArray plotCsv(const QCustomPlot &plot);
QByteArray modelCsv(const QAbstractItemModel &model);

// The CSV field for untrusted text: injection guard, then RFC 4180 quoting.
QString csvField(const QString &text);
// A table for a panel's data callback: every field through csvField.
QByteArray tableCsv(const QStringList &header, const std::vector<QStringList> &rows);
// Fields as plotCsv writes them: shortest exact number (empty for NaN), ISO-8601 UTC time.
QString csvNumber(double v);
QString csvTime(std::int64_t msSinceEpoch);

// "<panelName>-<yyyyMMdd-HHmmss>.<suffix>" (local time); characters that do not belong in
// a file name (separators, spaces, controls, ...) become '-'.
QString proposedExportFileName(const QString &panelName, const QDateTime &when, const QString &suffix);

// The panel as an image: QCustomPlot::toPixmap or QWidget::grab, size × devicePixelRatio
// (the image carries that ratio).
QImage renderPanel(QWidget *panel);

// The panel's CSV: csvData() when given, else plotCsv for a QCustomPlot, modelCsv for a
// QAbstractItemView with a model; nullopt when there is none.
using CsvSource = std::function<QByteArray()>;
bool panelHasData(const QWidget *panel, const CsvSource &csvData = {});
std::optional<QByteArray> panelCsv(QWidget *panel, const CsvSource &csvData = {});

// Writes exports off the GUI thread and reports each result with finished() on the GUI
// thread, always asynchronously (also for immediate failures), one per call.
class PanelExporter : public QObject
{
    Q_OBJECT
public:
    explicit PanelExporter(QObject *parent = nullptr);

    // Renders the panel now; encodes and writes it on a worker.
    void exportPng(QWidget *panel, const QString &path);
    // Builds the panel's CSV now (see panelCsv); writes it on a worker. A panel without
    // data reports a failure.
    void exportCsv(QWidget *panel, const QString &path, const CsvSource &csvData = {});
    // The write halves, for an image or CSV captured earlier.
    void writePng(QImage image, const QString &path);
    void writeCsv(QByteArray csv, const QString &path);

    int pending() const { return m_pending; }

    // The reason of a failed write; nullopt on success.
    using WriteOutcome = std::optional<QString>;

Q_SIGNALS:
    // message: "Exported <path>" or "Could not write <path>: <reason>" (translated).
    void finished(bool ok, const QString &path, const QString &message);

private:
    // write() runs on a worker.
    void run(const QString &path, std::function<WriteOutcome()> write);
    void report(bool ok, const QString &path, const QString &message);

    int m_pending = 0;
};

struct PanelExportOptions
{
    // The data for "Export data as CSV…" (called on the GUI thread when the user picks
    // the action). Needed for custom-painted panels; a QCustomPlot or an item view with a
    // model is exported without it. Without data the menu has no CSV entry.
    CsvSource csvData;
    // Shows the success message; empty: the panel window's status bar (if it is a
    // QMainWindow), e.g. [bar](const QString &m) { bar->showMessage(m, 5000); }.
    // Failures always show a warning box.
    std::function<void(const QString &)> showStatus;
};

// Gives the panel a right-click menu (Qt::CustomContextMenu; the panel's own actions(),
// if any, come first) with "Export as PNG…" and, when the panel has data, "Export data as
// CSV…". The image/data are captured when the action is picked, then a save dialog
// proposes proposedExportFileName() in the last export directory (QSettings
// "export/lastDirectory"). Returns the exporter (a child of the panel) for more wiring.
// The panel must not have another customContextMenuRequested handler: add QActions to it.
PanelExporter *installPanelExport(QWidget *panel, const QString &panelName, PanelExportOptions options = {});

} // namespace vigil

// MetricExplorer: the main panel. A filter box (bare word or selector), the series
// list (multi-select), and a live plot of the selected series with live/pause and
// the time window. Owns its SeriesListModel and proxy; everything refreshes on the
// RefreshClock only.
//
// Threads: GUI thread only. The hub must outlive the widget.
#pragma once

#include "core/store/selector.h"
#include "core/store/series_store.h"

#include <QWidget>

#include <vector>

class QComboBox;
class QItemSelection;
class QLabel;
class QLineEdit;
class QToolButton;
class QTreeView;

namespace vigil {

class IngestHub;
class RefreshClock;
class SeriesFilterProxy;
class SeriesListModel;
class SeriesPlot;

class MetricExplorer : public QWidget
{
    Q_OBJECT
public:
    MetricExplorer(const IngestHub &hub, RefreshClock &clock, QWidget *parent = nullptr);
    ~MetricExplorer() override;

    // Selects, as soon as they appear, the series matching these selectors (until the
    // user changes the selection). Invalid selectors are ignored.
    void preselect(const QStringList &selectors);
    void setFilterText(const QString &text);
    // Length of the plotted time window (also shown in the window box).
    void setWindowSeconds(int seconds);

    QLineEdit *filterEdit() const { return m_filter; }
    QLabel *filterErrorLabel() const { return m_filterError; }
    QTreeView *seriesView() const { return m_view; }
    SeriesListModel *seriesModel() const { return m_model; }
    SeriesFilterProxy *proxy() const { return m_proxy; }
    SeriesPlot *plot() const { return m_plot; }
    QToolButton *liveButton() const { return m_live; }

    // Refreshes and replots at once (screenshots).
    void replotNow();

private:
    void onTick();
    void onFilterEdited(const QString &text);
    void onSelectionChanged();
    void applyPreselection();
    void updateCount();
    QString legendName(const SeriesMeta &meta, bool asRate, const std::vector<std::string> &varying) const;

    const IngestHub &m_hub;
    RefreshClock &m_clock;
    SeriesListModel *m_model;
    SeriesFilterProxy *m_proxy;
    QLineEdit *m_filter;
    QLabel *m_filterError;
    QLabel *m_count;
    QTreeView *m_view;
    QToolButton *m_live;
    QComboBox *m_window;
    SeriesPlot *m_plot;
    std::vector<Selector> m_pending;
    bool m_selecting = false;
    int m_lastRowCount = -1;
};

} // namespace vigil

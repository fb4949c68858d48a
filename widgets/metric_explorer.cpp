#include "widgets/metric_explorer.h"

#include "core/hub/ingest_hub.h"
#include "models/refresh_clock.h"
#include "models/series_filter_proxy.h"
#include "models/series_list_model.h"
#include "models/untrusted_text.h"
#include "widgets/panel_export.h"
#include "widgets/qcp.h"
#include "widgets/series_plot.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace vigil {

namespace {

constexpr int kMaxLegendChars = 140;

} // namespace

MetricExplorer::MetricExplorer(const IngestHub &hub, RefreshClock &clock, QWidget *parent)
    : QWidget(parent), m_hub(hub), m_clock(clock), m_model(new SeriesListModel(hub, clock, this)),
      m_proxy(new SeriesFilterProxy(this)), m_filter(new QLineEdit(this)), m_filterError(new QLabel(this)),
      m_count(new QLabel(this)), m_view(new QTreeView(this)), m_live(new QToolButton(this)),
      m_window(new QComboBox(this)), m_plot(new SeriesPlot(hub, clock, this))
{
    m_proxy->setSeriesModel(m_model);

    m_filter->setPlaceholderText(tr("Filter: metric name, or selector like up{job=\"vigil\"}"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("A bare word filters by metric-name substring. A selector "
                            "name{label=\"value\",label=~\"regex\"} filters like PromQL."));
    m_filterError->setTextFormat(Qt::PlainText);
    m_filterError->setWordWrap(true);
    m_filterError->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_filterError->setVisible(false);
    m_count->setTextFormat(Qt::PlainText);
    m_count->setStyleSheet(QStringLiteral("color: palette(mid);"));

    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SeriesListModel::MetricColumn, Qt::AscendingOrder);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setAllColumnsShowFocus(true);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(SeriesListModel::MetricColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(SeriesListModel::LabelsColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(SeriesListModel::TypeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SeriesListModel::ValueColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(SeriesListModel::ValueColumn, QHeaderView::Fixed);
    header->setMinimumSectionSize(40);
    header->resizeSection(SeriesListModel::MetricColumn, 260);
    header->resizeSection(SeriesListModel::ValueColumn, 96);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 4, 0);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_filterError);
    leftLayout->addWidget(m_view, 1);
    leftLayout->addWidget(m_count);

    m_live->setText(tr("Live"));
    m_live->setCheckable(true);
    m_live->setChecked(true);
    m_live->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_live->setToolTip(tr("Follow the newest data. Dragging the plot pauses; click to resume."));
    const std::pair<QString, int> windows[] = {
        {tr("1 min"), 60}, {tr("5 min"), 300}, {tr("15 min"), 900}, {tr("1 h"), 3600}, {tr("6 h"), 21600}};
    for (const auto &[label, seconds] : windows)
        m_window->addItem(label, seconds);
    m_window->setCurrentIndex(1);
    m_window->setToolTip(tr("Length of the time window shown"));
    auto *hint = new QLabel(tr("Wheel: zoom time · Drag: pan (pauses live)"), this);
    hint->setTextFormat(Qt::PlainText);
    hint->setStyleSheet(QStringLiteral("color: palette(mid);"));

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(4, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_live);
    auto *windowLabel = new QLabel(tr("Window:"), this);
    windowLabel->setTextFormat(Qt::PlainText);
    bar->addWidget(windowLabel);
    bar->addWidget(m_window);
    bar->addStretch(1);
    bar->addWidget(hint);
    rightLayout->addLayout(bar);
    rightLayout->addWidget(m_plot, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({640, 960});
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);

    // The plot's CSV holds every sample in view, not the decimated drawing.
    installPanelExport(m_plot->customPlot(), QStringLiteral("explorer"), {[this] { return m_plot->visibleDataCsv(); }, {}});
    connect(m_filter, &QLineEdit::textChanged, this, &MetricExplorer::onFilterEdited);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MetricExplorer::onSelectionChanged);
    connect(m_live, &QToolButton::toggled, m_plot, &SeriesPlot::setLive);
    connect(m_plot, &SeriesPlot::liveChanged, m_live, &QToolButton::setChecked);
    connect(m_window, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int i) { m_plot->setWindowSeconds(m_window->itemData(i).toInt()); });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &MetricExplorer::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MetricExplorer::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MetricExplorer::updateCount);
    // After the model (connected in its constructor) has pulled this tick's changes.
    connect(&clock, &RefreshClock::tick, this, &MetricExplorer::onTick);
    updateCount();
}

MetricExplorer::~MetricExplorer() = default;

void MetricExplorer::setFilterText(const QString &text) { m_filter->setText(text); }

void MetricExplorer::setWindowSeconds(int seconds)
{
    int i = m_window->findData(seconds);
    if (i < 0) {
        m_window->addItem(tr("%1 s").arg(seconds), seconds);
        i = m_window->count() - 1;
    }
    m_window->setCurrentIndex(i); // the box's signal sets the plot
    m_plot->setWindowSeconds(seconds);
}

void MetricExplorer::onFilterEdited(const QString &text)
{
    const QString error = m_proxy->setFilterText(text);
    m_filterError->setText(error.isEmpty() ? QString() : tr("Invalid selector: %1").arg(untrustedText(error)));
    m_filterError->setVisible(!error.isEmpty());
    updateCount();
}

void MetricExplorer::updateCount()
{
    m_count->setText(tr("%1 of %2 series").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

void MetricExplorer::preselect(const QStringList &selectors)
{
    m_pending.clear();
    for (const QString &s : selectors) {
        Result<Selector> parsed = Selector::parse(s.toStdString());
        if (parsed.ok())
            m_pending.push_back(std::move(parsed.value()));
    }
    applyPreselection();
}

void MetricExplorer::applyPreselection()
{
    if (m_pending.empty())
        return;
    QItemSelection selection;
    QItemSelectionModel *sm = m_view->selectionModel();
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const QModelIndex idx = m_proxy->index(r, 0);
        if (sm->isRowSelected(r, {}))
            continue;
        const SeriesMeta &meta = m_model->metaAt(m_proxy->mapToSource(idx).row());
        const bool match = std::any_of(m_pending.begin(), m_pending.end(), [&](const Selector &s) {
            return s.matches(meta.metric, std::span<const Label>(meta.labels));
        });
        if (match)
            selection.select(idx, idx);
    }
    if (selection.isEmpty())
        return;
    m_selecting = true;
    sm->select(selection, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    m_selecting = false;
    onSelectionChanged();
}

void MetricExplorer::onTick()
{
    if (m_model->rowCount() != m_lastRowCount) {
        m_lastRowCount = m_model->rowCount();
        applyPreselection();
        updateCount();
    }
    m_plot->refresh();
}

QString MetricExplorer::legendName(const SeriesMeta &meta, bool asRate, const std::vector<std::string> &varying) const
{
    QString labels;
    for (const Label &l : meta.labels) {
        if (!varying.empty() && std::find(varying.begin(), varying.end(), l.name) == varying.end())
            continue;
        if (!labels.isEmpty())
            labels += QStringLiteral(", ");
        labels += QString::fromStdString(l.name) + QStringLiteral("=\"") + QString::fromStdString(l.value) + QLatin1Char('"');
    }
    QString name = QString::fromStdString(meta.metric);
    if (!labels.isEmpty())
        name += QLatin1Char('{') + labels + QLatin1Char('}');
    if (asRate)
        name = QStringLiteral("rate(") + name + QStringLiteral(") /s");
    return untrustedText(name, kMaxLegendChars);
}

void MetricExplorer::onSelectionChanged()
{
    if (!m_selecting && !m_pending.empty() && sender() == m_view->selectionModel())
        m_pending.clear(); // the user took over
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::vector<const SeriesMeta *> metas;
    std::vector<bool> rates;
    for (const QModelIndex &idx : rows) {
        const int sourceRow = m_proxy->mapToSource(idx).row();
        metas.push_back(&m_model->metaAt(sourceRow));
        rates.push_back(m_model->index(sourceRow, 0).data(SeriesListModel::PlotsAsRateRole).toBool());
    }
    // Legends show only the labels that tell the plotted series apart.
    std::vector<std::string> varying;
    if (metas.size() > 1) {
        std::set<std::string> names;
        for (const SeriesMeta *m : metas)
            for (const Label &l : m->labels)
                names.insert(l.name);
        for (const std::string &n : names) {
            // A label tells series apart only if it takes two or more values where present.
            std::set<std::string> values;
            for (const SeriesMeta *m : metas) {
                auto it = std::find_if(m->labels.begin(), m->labels.end(), [&](const Label &l) { return l.name == n; });
                if (it != m->labels.end())
                    values.insert(it->value);
            }
            if (values.size() > 1)
                varying.push_back(n);
        }
        if (varying.empty())
            varying.push_back(std::string()); // nothing varies: metric names alone
    }
    std::vector<PlotSeries> series;
    for (std::size_t i = 0; i < metas.size(); ++i)
        series.push_back({metas[i]->id, legendName(*metas[i], rates[i], varying), rates[i]});
    // Stable order (by id) so colours do not shuffle when the list re-sorts.
    std::sort(series.begin(), series.end(), [](const PlotSeries &a, const PlotSeries &b) { return a.id < b.id; });
    m_plot->setSeries(series);
}

void MetricExplorer::replotNow() { m_plot->replotNow(); }

} // namespace vigil

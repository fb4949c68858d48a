#include "widgets/targets_view.h"

#include "models/targets_model.h"

#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

namespace vigil {

TargetsView::TargetsView(const IngestHub &hub, RefreshClock &clock, QWidget *parent)
    : QWidget(parent), m_model(new TargetsModel(hub, clock, this)), m_table(new QTableView(this))
{
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    header->resizeSection(TargetsModel::UrlColumn, 280);
    header->resizeSection(TargetsModel::HealthColumn, 90);
    header->resizeSection(TargetsModel::LastScrapeColumn, 100);
    header->resizeSection(TargetsModel::DurationColumn, 80);
    header->resizeSection(TargetsModel::SamplesColumn, 80);
    header->resizeSection(TargetsModel::FailuresColumn, 140);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
}

} // namespace vigil

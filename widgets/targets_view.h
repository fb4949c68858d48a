// TargetsView: the table of scrape targets (health colour, last scrape, errors as
// plain text) over a TargetsModel it owns.
//
// Threads: GUI thread only. The hub must outlive the widget.
#pragma once

#include <QWidget>

class QTableView;

namespace vigil {

class IngestHub;
class RefreshClock;
class TargetsModel;

class TargetsView : public QWidget
{
    Q_OBJECT
public:
    TargetsView(const IngestHub &hub, RefreshClock &clock, QWidget *parent = nullptr);

    TargetsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

private:
    TargetsModel *m_model;
    QTableView *m_table;
};

} // namespace vigil

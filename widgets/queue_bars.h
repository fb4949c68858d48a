// QueueBars: depth against capacity for each queue, summed over nodes, as bars with the
// numbers ("1,234 / 16,384", locale-formatted). Queue names are untrusted label values
// (plain text, capped). Bars use the palette's highlight colour.
//
// Threads: GUI thread only.
#pragma once

#include "core/analysis/overview_query.h"

#include <QWidget>

#include <vector>

class QGridLayout;
class QLabel;
class QProgressBar;

namespace vigil {

class QueueBars : public QWidget
{
    Q_OBJECT
public:
    explicit QueueBars(QWidget *parent = nullptr);

    void setQueues(const std::vector<QueueTotal> &queues);
    int count() const { return int(m_rows.size()); }
    QString nameText(int i) const;
    QString numbersText(int i) const; // "1,234 / 16,384"
    int barPermille(int i) const;     // fill in 1/1000

    static QString numbers(double depth, double capacity);

private:
    struct Row
    {
        QLabel *name;
        QProgressBar *bar;
        QLabel *numbers;
    };
    QGridLayout *m_grid;
    QLabel *m_empty;
    std::vector<Row> m_rows;
};

} // namespace vigil

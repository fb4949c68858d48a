// SparklineDelegate: draws a QList<double> (a model's trend role) as a small line in
// the cell, NaN values breaking it, scaled to the data's range (capped at the scale
// role, e.g. the capacity).
// Colours from the view's palette.
//
// Threads: GUI thread only.
#pragma once

#include <QStyledItemDelegate>

namespace vigil {

class SparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    SparklineDelegate(int trendRole, int scaleRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_trendRole;
    int m_scaleRole;
};

} // namespace vigil

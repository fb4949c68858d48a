#include "widgets/stat_tile.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace vigil {

namespace {

QLabel *plainLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setTextFormat(Qt::PlainText);
    l->setAlignment(Qt::AlignCenter);
    return l;
}

} // namespace

StatTile::StatTile(const QString &title, QWidget *parent)
    : QFrame(parent), m_title(plainLabel(this)), m_value(plainLabel(this)), m_change(plainLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    m_title->setText(title);
    m_value->setText(QStringLiteral("–"));
    m_change->setText(QStringLiteral("–"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_change);
    updateFonts();
}

void StatTile::setValue(const QString &value, const QString &change, const QString &toolTip)
{
    m_value->setText(value);
    m_change->setText(change);
    setToolTip(toolTip);
}

QString StatTile::title() const
{
    return m_title->text();
}

QString StatTile::valueText() const
{
    return m_value->text();
}

QString StatTile::changeText() const
{
    return m_change->text();
}

void StatTile::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateFonts();
}

void StatTile::updateFonts()
{
    // Relative to the widget's font so the theme's font size scales the tile.
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() > 0 ? big.pointSizeF() * 2.0 : 20.0);
    big.setBold(true);
    m_value->setFont(big);
    QFont head = font();
    head.setBold(true);
    m_title->setFont(head);
}

} // namespace vigil

// StatTile: one headline number of a dashboard — a title, the value in a large font and
// its change over the selected window ("▲ 2.3%"). Colours come from the palette; the
// change is drawn in the palette's text colour (up is not always good).
//
// Threads: GUI thread only.
#pragma once

#include <QFrame>

class QLabel;

namespace vigil {

class StatTile : public QFrame
{
    Q_OBJECT
public:
    explicit StatTile(const QString &title, QWidget *parent = nullptr);

    void setValue(const QString &value, const QString &change, const QString &toolTip = {});
    QString title() const;
    QString valueText() const;
    QString changeText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateFonts();
    QLabel *m_title;
    QLabel *m_value;
    QLabel *m_change;
};

} // namespace vigil

#include "widgets/window_picker.h"

#include <QSettings>

namespace vigil {

namespace {

constexpr int kDefaultMinutes = 15;

QString settingsPath(const QString &key)
{
    return QStringLiteral("dashboards/%1/windowMinutes").arg(key);
}

} // namespace

WindowPicker::WindowPicker(const QString &settingsKey, QWidget *parent) : QComboBox(parent), m_key(settingsKey)
{
    addItem(tr("5 min"), 5);
    addItem(tr("15 min"), 15);
    addItem(tr("1 h"), 60);
    addItem(tr("6 h"), 360);
    setToolTip(tr("Time window of the dashboard"));
    int minutes = kDefaultMinutes;
    if (!m_key.isEmpty())
        minutes = QSettings().value(settingsPath(m_key), kDefaultMinutes).toInt();
    if (findData(minutes) < 0)
        minutes = kDefaultMinutes;
    setCurrentIndex(findData(minutes));
    connect(this, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_key.isEmpty())
            QSettings().setValue(settingsPath(m_key), currentData().toInt());
        Q_EMIT windowChanged(windowMs());
    });
}

std::int64_t WindowPicker::windowMs() const
{
    return std::int64_t(currentData().toInt()) * 60'000;
}

void WindowPicker::setWindowMinutes(int minutes)
{
    const int i = findData(minutes);
    if (i >= 0)
        setCurrentIndex(i);
}

} // namespace vigil

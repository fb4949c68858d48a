// WindowPicker: the dashboards' time-window selector (5 min, 15 min, 1 h, 6 h; default
// 15 min), remembered per page in QSettings under "dashboards/<page>/windowMinutes".
//
// Threads: GUI thread only.
#pragma once

#include <QComboBox>

#include <cstdint>

namespace vigil {

class WindowPicker : public QComboBox
{
    Q_OBJECT
public:
    // settingsKey: the page name ("overview", "latency", "queues"); empty: not persisted.
    explicit WindowPicker(const QString &settingsKey, QWidget *parent = nullptr);

    std::int64_t windowMs() const;
    void setWindowMinutes(int minutes); // one of the offered values

Q_SIGNALS:
    void windowChanged(std::int64_t windowMs);

private:
    QString m_key;
};

} // namespace vigil

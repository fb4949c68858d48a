// AddTargetDialog: asks for a /metrics URL and a scrape interval. Validates the URL
// before accepting. Credentials typed into the URL are for this session only.
//
// Threads: GUI thread only.
#pragma once

#include <QDialog>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace vigil {

class AddTargetDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddTargetDialog(QWidget *parent = nullptr);

    QString url() const;
    int intervalMs() const;
    bool remember() const;
    bool clusterMember() const;

    void accept() override;

private:
    QLineEdit *m_url;
    QDoubleSpinBox *m_interval;
    QCheckBox *m_remember;
    QCheckBox *m_member;
    QLabel *m_error;
};

} // namespace vigil

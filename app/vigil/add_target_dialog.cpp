#include "app/vigil/add_target_dialog.h"

#include "app/vigil/target_registry.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace vigil {

AddTargetDialog::AddTargetDialog(QWidget *parent)
    : QDialog(parent), m_url(new QLineEdit(this)), m_interval(new QDoubleSpinBox(this)),
      m_remember(new QCheckBox(tr("Remember this target"), this)),
      m_member(new QCheckBox(tr("A node of the Raft cluster (Cluster page)"), this)), m_error(new QLabel(this))
{
    setWindowTitle(tr("Add target"));
    m_url->setPlaceholderText(QStringLiteral("http://localhost:9100/metrics"));
    m_url->setMinimumWidth(380);
    const QString credentialsNote = tr("Credentials in the URL (user:password@host) are used for this "
                                       "session only: they are never saved, only the URL without them is.");
    m_url->setToolTip(credentialsNote);
    m_remember->setToolTip(credentialsNote);
    m_remember->setChecked(true);
    m_member->setToolTip(tr("Show this target as a node on the Cluster page. For etcd, enter the member's "
                            "client URL (http://host:2379): it serves /metrics and the status API."));
    m_interval->setRange(0.5, 3600);
    m_interval->setDecimals(1);
    m_interval->setValue(5);
    m_interval->setSuffix(tr(" s"));

    auto *note = new QLabel(credentialsNote, this);
    note->setTextFormat(Qt::PlainText);
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_error->setVisible(false);

    auto *form = new QFormLayout;
    form->addRow(tr("URL:"), m_url);
    form->addRow(tr("Interval:"), m_interval);
    form->addRow(QString(), m_remember);
    form->addRow(QString(), m_member);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &AddTargetDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AddTargetDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

QString AddTargetDialog::url() const { return m_url->text().trimmed(); }

int AddTargetDialog::intervalMs() const { return int(m_interval->value() * 1000); }

bool AddTargetDialog::remember() const { return m_remember->isChecked(); }

bool AddTargetDialog::clusterMember() const { return m_member->isChecked(); }

void AddTargetDialog::accept()
{
    const TargetConfigResult r = makeTargetConfig(url(), intervalMs());
    if (!r.config) {
        m_error->setText(r.error);
        m_error->setVisible(true);
        return;
    }
    QDialog::accept();
}

} // namespace vigil

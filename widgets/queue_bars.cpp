#include "widgets/queue_bars.h"

#include "models/dashboard_format.h"
#include "models/untrusted_text.h"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>

#include <algorithm>
#include <cmath>

namespace vigil {

namespace {

constexpr int kMaxNameChars = 64;

QLabel *plainLabel(QWidget *parent, Qt::Alignment align)
{
    auto *l = new QLabel(parent);
    l->setTextFormat(Qt::PlainText);
    l->setAlignment(align);
    return l;
}

} // namespace

QueueBars::QueueBars(QWidget *parent)
    : QWidget(parent), m_grid(new QGridLayout(this)), m_empty(plainLabel(this, Qt::AlignLeft | Qt::AlignVCenter))
{
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setColumnStretch(1, 1);
    m_empty->setText(tr("No queue metrics yet"));
    m_grid->addWidget(m_empty, 0, 0, 1, 3);
}

QString QueueBars::numbers(double depth, double capacity)
{
    return tr("%1 / %2").arg(DashboardFormat::count(depth), DashboardFormat::count(capacity));
}

void QueueBars::setQueues(const std::vector<QueueTotal> &queues)
{
    while (m_rows.size() > queues.size()) {
        const Row r = m_rows.back();
        m_rows.pop_back();
        delete r.name;
        delete r.bar;
        delete r.numbers;
    }
    while (m_rows.size() < queues.size()) {
        const int line = int(m_rows.size()) + 1;
        Row r{plainLabel(this, Qt::AlignLeft | Qt::AlignVCenter), new QProgressBar(this),
              plainLabel(this, Qt::AlignRight | Qt::AlignVCenter)};
        r.bar->setRange(0, 1000);
        r.bar->setTextVisible(false);
        r.bar->setMinimumWidth(160);
        m_grid->addWidget(r.name, line, 0);
        m_grid->addWidget(r.bar, line, 1);
        m_grid->addWidget(r.numbers, line, 2);
        m_rows.push_back(r);
    }
    m_empty->setVisible(queues.empty());
    for (std::size_t i = 0; i < queues.size(); ++i) {
        const QueueTotal &q = queues[i];
        const Row &r = m_rows[i];
        r.name->setText(tr("%1:").arg(untrustedText(q.queue, kMaxNameChars)));
        const double fill = q.capacity > 0 ? std::clamp(q.depth / q.capacity, 0.0, 1.0) : 0.0;
        r.bar->setValue(int(std::lround(fill * 1000)));
        r.numbers->setText(numbers(q.depth, q.capacity));
        r.bar->setToolTip(DashboardFormat::percent(q.capacity > 0 ? q.depth / q.capacity : std::nan("")));
    }
}

QString QueueBars::nameText(int i) const
{
    return m_rows[std::size_t(i)].name->text();
}

QString QueueBars::numbersText(int i) const
{
    return m_rows[std::size_t(i)].numbers->text();
}

int QueueBars::barPermille(int i) const
{
    return m_rows[std::size_t(i)].bar->value();
}

} // namespace vigil

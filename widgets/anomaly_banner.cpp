#include "widgets/anomaly_banner.h"

#include "models/cluster_format.h"
#include "models/untrusted_text.h"

#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace vigil {

namespace {

constexpr int kMaxNodeChars = 80;

} // namespace

AnomalyBanner::AnomalyBanner(QWidget *parent) : QWidget(parent), m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    hide();
}

QString AnomalyBanner::bannerText(const ClusterAnomaly &a, std::int64_t nowMs)
{
    const QString severity = anomalySeverity(a.kind) == Severity::Critical ? tr("CRITICAL") : tr("WARNING");
    QString title = anomalyTitle(a.kind);
    if (!a.node.empty())
        title = tr("%1 (%2)").arg(title, untrustedText(a.node, kMaxNodeChars));
    QString text = tr("%1  %2").arg(severity, title);
    const QString message = untrustedText(a.message, kMaxMessageChars);
    if (!message.isEmpty())
        text = tr("%1: %2").arg(text, message);
    if (a.sinceMs > 0)
        text = tr("%1 · for %2").arg(text, humanizedSpan(nowMs - a.sinceMs));
    return text;
}

QLabel *AnomalyBanner::banner(int i)
{
    while (int(m_banners.size()) <= i) {
        auto *l = new QLabel(this);
        l->setTextFormat(Qt::PlainText);
        l->setWordWrap(true);
        l->setAutoFillBackground(true);
        l->setMargin(fontMetrics().height() / 3);
        QFont f;
        f.setBold(true);
        l->setFont(f);
        m_layout->addWidget(l);
        m_banners.push_back(l);
    }
    return m_banners[std::size_t(i)];
}

void AnomalyBanner::setAnomalies(const std::vector<ClusterAnomaly> &anomalies, std::int64_t nowMs)
{
    std::vector<const ClusterAnomaly *> sorted;
    for (const ClusterAnomaly &a : anomalies)
        sorted.push_back(&a);
    std::stable_sort(sorted.begin(), sorted.end(), [](const ClusterAnomaly *a, const ClusterAnomaly *b) {
        return anomalySeverity(a->kind) == Severity::Critical && anomalySeverity(b->kind) != Severity::Critical;
    });
    const int total = int(sorted.size());
    const int shown = std::min(total, kMaxBanners);
    int used = 0;
    for (; used < shown; ++used) {
        const ClusterAnomaly &a = *sorted[std::size_t(used)];
        QLabel *l = banner(used);
        const Severity s = anomalySeverity(a.kind);
        QPalette p;
        p.setColor(QPalette::Window, severityColor(s));
        p.setColor(QPalette::WindowText, s == Severity::Critical ? QColor(Qt::white) : QColor(Qt::black));
        l->setPalette(p);
        l->setText(bannerText(a, nowMs));
        l->show();
    }
    if (total > shown) {
        QLabel *l = banner(used++);
        l->setPalette(QPalette());
        l->setText(tr("and %1 more anomalies").arg(total - shown));
        l->show();
    }
    for (std::size_t i = std::size_t(used); i < m_banners.size(); ++i)
        m_banners[i]->hide();
    setVisible(used > 0);
}

QStringList AnomalyBanner::texts() const
{
    QStringList out;
    for (const QLabel *l : m_banners)
        if (!l->isHidden())
            out << l->text();
    return out;
}

} // namespace vigil

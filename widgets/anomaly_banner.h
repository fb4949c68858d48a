// AnomalyBanner: the cluster's anomalies (no leader, two leaders in one term, term going
// backwards, commit stalled, stale data, event loss) as full-width banners at the top of
// the Cluster page, most severe first. Each banner says its severity in words
// ("CRITICAL" / "WARNING") as well as by colour, and shows backend text as plain text.
// At most kMaxBanners are shown; a last line counts the rest. Hidden when there is none.
//
// Threads: GUI thread only.
#pragma once

#include "core/cluster/cluster_types.h"

#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <vector>

class QLabel;
class QVBoxLayout;

namespace vigil {

class AnomalyBanner : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxBanners = 4;
    static constexpr int kMaxMessageChars = 300;

    explicit AnomalyBanner(QWidget *parent = nullptr);

    void setAnomalies(const std::vector<ClusterAnomaly> &anomalies, std::int64_t nowMs);
    // Banner texts as shown, top to bottom (tests).
    QStringList texts() const;

    // "CRITICAL  No leader: no reachable node is leader · for 2 min"
    static QString bannerText(const ClusterAnomaly &anomaly, std::int64_t nowMs);

private:
    QLabel *banner(int i);

    QVBoxLayout *m_layout;
    std::vector<QLabel *> m_banners;
};

} // namespace vigil

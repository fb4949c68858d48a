// Text and colours of the Cluster dashboard, shared by the nodes model, the banners and
// the election timeline: role names and colours (a role is always shown with its word,
// never by colour alone), anomaly titles and severities, and humanized ages
// ("3 days ago"). Pure functions (tr() for all user strings); any thread.
#pragma once

#include "core/cluster/cluster_types.h"

#include <QColor>
#include <QString>

#include <cstdint>

namespace vigil {

QString roleText(NodeRole role);            // "leader", "follower", "candidate", "unreachable" (translated)
QColor roleColor(NodeRole role);            // badge fill
QColor roleTextColor(NodeRole role);        // text on the badge fill (contrast >= 4.5:1)

enum class Severity : std::uint8_t { Warning, Critical };
Severity anomalySeverity(AnomalyKind kind);
QString anomalyTitle(AnomalyKind kind);     // "No leader", "Two leaders in one term", ...
QColor severityColor(Severity severity);

// "just now", "1 second ago", "42 seconds ago", "5 minutes ago", "2 hours ago", "3 days ago";
// thenMs <= 0: "never"; a time in the future (clock skew) reads as "just now".
QString humanizedAgo(std::int64_t thenMs, std::int64_t nowMs);
// "12 s", "5 min", "2 h", "3 days": the age without "ago" (badges).
QString humanizedSpan(std::int64_t spanMs);

} // namespace vigil

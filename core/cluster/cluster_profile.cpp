#include "core/cluster/cluster_profile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QUrl>

#include <set>

namespace vigil {

namespace {

constexpr qint64 kMaxProfileBytes = 1 << 20;
const char *kResourceDir = ":/vigil/profiles";

bool isMetricName(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*$"));
    return re.match(s).hasMatch();
}

bool isLabelName(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));
    return re.match(s).hasMatch();
}

// Reads one object of the profile, rejecting unknown keys (typos must not pass silently).
class Reader
{
public:
    Reader(const QJsonObject &obj, QString path, const QString &origin, QString &error)
        : m_obj(obj), m_path(std::move(path)), m_origin(origin), m_error(error)
    {
    }

    bool checkKeys(std::initializer_list<const char *> allowed)
    {
        std::set<QString> ok;
        for (const char *k : allowed)
            ok.insert(QString::fromLatin1(k));
        for (auto it = m_obj.begin(); it != m_obj.end(); ++it)
            if (!ok.count(it.key()))
                return fail(it.key(), QStringLiteral("is not a known field"));
        return true;
    }

    enum class Kind { Text, Metric, Label, Path };

    // Reads an optional string; false (error set) when it has the wrong shape.
    bool read(const char *key, std::string &out, Kind kind, bool required = false)
    {
        const QString k = QString::fromLatin1(key);
        if (!m_obj.contains(k))
            return required ? fail(k, QStringLiteral("is missing")) : true;
        const QJsonValue v = m_obj.value(k);
        if (!v.isString())
            return fail(k, QStringLiteral("must be a string"));
        const QString s = v.toString();
        const int maxChars = kind == Kind::Text ? 2000 : 200;
        if (s.size() > maxChars)
            return fail(k, QStringLiteral("is longer than %1 characters").arg(maxChars));
        if (kind == Kind::Metric && !isMetricName(s))
            return fail(k, QStringLiteral("must be a metric name, got '%1'").arg(s));
        if (kind == Kind::Label && !isLabelName(s))
            return fail(k, QStringLiteral("must be a label name, got '%1'").arg(s));
        if (kind == Kind::Path && !s.startsWith(QLatin1Char('/')))
            return fail(k, QStringLiteral("must be a path starting with '/', got '%1'").arg(s));
        if (required && s.isEmpty())
            return fail(k, QStringLiteral("must not be empty"));
        out = s.toStdString();
        return true;
    }

    // An optional nested object; `present` tells whether it was there.
    bool object(const char *key, QJsonObject &out, bool &present)
    {
        const QString k = QString::fromLatin1(key);
        present = m_obj.contains(k);
        if (!present)
            return true;
        if (!m_obj.value(k).isObject())
            return fail(k, QStringLiteral("must be an object"));
        out = m_obj.value(k).toObject();
        return true;
    }

    QString child(const char *key) const { return m_path + QString::fromLatin1(key) + QLatin1Char('.'); }

    bool fail(const QString &key, const QString &what)
    {
        m_error = QStringLiteral("%1: '%2%3' %4").arg(m_origin, m_path, key, what);
        return false;
    }

    const QJsonObject &obj() const { return m_obj; }

private:
    QJsonObject m_obj;
    QString m_path;
    const QString &m_origin;
    QString &m_error;
};

bool readProfile(const QJsonObject &root, const QString &origin, ClusterProfile &p, QString &error)
{
    using K = Reader::Kind;
    Reader r(root, QString(), origin, error);
    if (!r.checkKeys({"name", "description", "metrics_path", "identity", "role", "term", "commit", "applied",
                      "peers_connected", "elections", "lag", "conservation", "status_api"}))
        return false;
    if (!r.read("name", p.name, K::Label, true) || !r.read("description", p.description, K::Text) ||
        !r.read("metrics_path", p.metricsPath, K::Path) || !r.read("term", p.termMetric, K::Metric) ||
        !r.read("commit", p.commitMetric, K::Metric) || !r.read("applied", p.appliedMetric, K::Metric) ||
        !r.read("peers_connected", p.peersConnectedMetric, K::Metric) ||
        !r.read("elections", p.electionsMetric, K::Metric))
        return false;

    QJsonObject o;
    bool present = false;
    if (!r.object("identity", o, present))
        return false;
    if (present) {
        Reader id(o, r.child("identity"), origin, error);
        if (!id.checkKeys({"name_metric", "name_label"}) || !id.read("name_metric", p.nameMetric, K::Metric, true) ||
            !id.read("name_label", p.nameLabel, K::Label, true))
            return false;
    }

    if (!r.object("role", o, present))
        return false;
    if (!present)
        return r.fail(QStringLiteral("role"), QStringLiteral("is missing"));
    {
        Reader role(o, r.child("role"), origin, error);
        if (!role.checkKeys({"state_metric", "state_label", "leader", "follower", "candidate", "is_leader_metric",
                             "has_leader_metric"}) ||
            !role.read("state_metric", p.stateMetric, K::Metric) ||
            !role.read("state_label", p.stateLabel, K::Label) || !role.read("leader", p.leaderState, K::Text) ||
            !role.read("follower", p.followerState, K::Text) ||
            !role.read("candidate", p.candidateState, K::Text) ||
            !role.read("is_leader_metric", p.isLeaderMetric, K::Metric) ||
            !role.read("has_leader_metric", p.hasLeaderMetric, K::Metric))
            return false;
        const bool byState = !p.stateMetric.empty();
        if (byState == !p.isLeaderMetric.empty())
            return role.fail(QStringLiteral("state_metric"),
                             QStringLiteral("or 'role.is_leader_metric' must be set (exactly one of them)"));
        if (byState && p.stateLabel.empty())
            return role.fail(QStringLiteral("state_label"), QStringLiteral("is missing (needed with state_metric)"));
    }

    if (!r.object("lag", o, present))
        return false;
    if (present) {
        Reader lag(o, r.child("lag"), origin, error);
        if (!lag.checkKeys({"metric", "peer_label"}) || !lag.read("metric", p.lagMetric, K::Metric, true) ||
            !lag.read("peer_label", p.lagPeerLabel, K::Label, true))
            return false;
    }

    if (!r.object("conservation", o, present))
        return false;
    if (present) {
        Reader c(o, r.child("conservation"), origin, error);
        if (!c.checkKeys({"received", "processed", "dropped", "queued"}) ||
            !c.read("received", p.receivedMetric, K::Metric, true) ||
            !c.read("processed", p.processedMetric, K::Metric, true) ||
            !c.read("dropped", p.droppedMetric, K::Metric, true) || !c.read("queued", p.queuedMetric, K::Metric, true))
            return false;
    }

    if (!r.object("status_api", o, present))
        return false;
    if (present) {
        Reader s(o, r.child("status_api"), origin, error);
        if (!s.checkKeys({"kind", "status_path", "members_path", "timeout_ms"}) ||
            !s.read("kind", p.statusKind, K::Text, true) || !s.read("status_path", p.statusPath, K::Path, true) ||
            !s.read("members_path", p.membersPath, K::Path))
            return false;
        if (p.statusKind != "etcd-v3")
            return s.fail(QStringLiteral("kind"),
                          QStringLiteral("must be \"etcd-v3\", got '%1'").arg(QString::fromStdString(p.statusKind)));
        if (o.contains(QStringLiteral("timeout_ms"))) {
            const double ms = o.value(QStringLiteral("timeout_ms")).toDouble(-1);
            if (!(ms >= 1 && ms <= 600000))
                return s.fail(QStringLiteral("timeout_ms"), QStringLiteral("must be a number from 1 to 600000"));
            p.statusTimeout = std::chrono::milliseconds(static_cast<std::int64_t>(ms));
        }
    }
    return true;
}

} // namespace

QStringList builtinClusterProfileNames()
{
    QStringList names;
    for (const QString &file : QDir(QString::fromLatin1(kResourceDir)).entryList({QStringLiteral("*.json")}, QDir::Files,
                                                                               QDir::Name))
        names << file.chopped(5);
    return names;
}

Result<ClusterProfile> parseClusterProfile(const QByteArray &json, const QString &origin)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError)
        return Error{QStringLiteral("%1: not valid JSON at offset %2: %3")
                         .arg(origin)
                         .arg(perr.offset)
                         .arg(perr.errorString())
                         .toStdString()};
    if (!doc.isObject())
        return Error{QStringLiteral("%1: a profile must be a JSON object").arg(origin).toStdString()};
    ClusterProfile p;
    QString error;
    if (!readProfile(doc.object(), origin, p, error))
        return Error{error.toStdString()};
    return p;
}

Result<ClusterProfile> loadClusterProfile(const QString &nameOrPath)
{
    const bool isFile = nameOrPath.contains(QLatin1Char('/')) || nameOrPath.endsWith(QLatin1String(".json"));
    QString path = nameOrPath;
    if (!isFile) {
        const QStringList names = builtinClusterProfileNames();
        if (!names.contains(nameOrPath))
            return Error{QStringLiteral("unknown cluster profile '%1' (built in: %2; or a path to a .json file)")
                             .arg(nameOrPath, names.join(QStringLiteral(", ")))
                             .toStdString()};
        path = QString::fromLatin1(kResourceDir) + QLatin1Char('/') + nameOrPath + QStringLiteral(".json");
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read profile %1: %2").arg(path, file.errorString()).toStdString()};
    if (file.size() > kMaxProfileBytes)
        return Error{QStringLiteral("profile %1 is larger than 1 MiB").arg(path).toStdString()};
    return parseClusterProfile(file.read(kMaxProfileBytes), path);
}

std::string clusterMetricsUrl(const ClusterProfile &profile, const std::string &target)
{
    const QUrl url(QString::fromStdString(target));
    if (!url.isValid() || (!url.path().isEmpty() && url.path() != QLatin1String("/")))
        return target;
    QUrl metrics = url;
    metrics.setPath(QString::fromStdString(profile.metricsPath));
    return metrics.toString(QUrl::FullyEncoded).toStdString();
}

} // namespace vigil

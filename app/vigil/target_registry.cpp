#include "app/vigil/target_registry.h"

#include "core/scrape/scraper.h"

#include <QSettings>
#include <QUrl>

#include <algorithm>

namespace vigil {

TargetConfigResult makeTargetConfig(const QString &text, int intervalMs)
{
    TargetConfigResult r;
    const QUrl url = QUrl::fromUserInput(text.trimmed());
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty()) {
        r.error = TargetRegistry::tr("Not an http(s) URL: enter something like http://host:9100/metrics");
        return r;
    }
    ScrapeTargetConfig c;
    if (!url.userName().isEmpty() || !url.password().isEmpty()) {
        r.hadCredentials = true;
        c.auth.kind = ScrapeAuth::Kind::Basic;
        c.auth.username = url.userName(QUrl::FullyDecoded).toStdString();
        c.auth.password = url.password(QUrl::FullyDecoded).toStdString();
    }
    QUrl clean = url.adjusted(QUrl::RemoveUserInfo);
    if (clean.path().isEmpty())
        clean.setPath(QStringLiteral("/metrics"));
    c.url = clean.toString(QUrl::FullyEncoded).toStdString();
    c.job = "vigil";
    c.interval = std::chrono::milliseconds(intervalMs);
    c.timeout = std::chrono::milliseconds(std::max(500, std::min(intervalMs, 10000) * 4 / 5));
    r.redactedUrl = clean.toString(QUrl::FullyEncoded);
    r.config = std::move(c);
    return r;
}

TargetRegistry::TargetRegistry(Scraper &scraper, QSettings *settings, QObject *parent)
    : QObject(parent), m_scraper(scraper), m_settings(settings)
{
}

void TargetRegistry::loadSaved()
{
    if (!m_settings)
        return;
    const int n = m_settings->beginReadArray(QStringLiteral("targets"));
    std::vector<Saved> saved;
    for (int i = 0; i < n; ++i) {
        m_settings->setArrayIndex(i);
        saved.push_back({m_settings->value(QStringLiteral("url")).toString(),
                         m_settings->value(QStringLiteral("intervalMs"), 5000).toInt(),
                         m_settings->value(QStringLiteral("cluster"), false).toBool()});
    }
    m_settings->endArray();
    for (const Saved &s : saved)
        add(s.url, s.intervalMs, true, s.clusterMember);
}

QString TargetRegistry::add(const QString &url, int intervalMs, bool persist, bool clusterMember)
{
    TargetConfigResult r = makeTargetConfig(url, intervalMs);
    if (!r.config)
        return r.error;
    if (!m_urls.contains(r.redactedUrl)) {
        m_urls.append(r.redactedUrl);
        m_scraper.addTarget(std::move(*r.config));
    }
    if (clusterMember && !m_memberKeys.contains(r.redactedUrl)) {
        m_memberKeys.append(r.redactedUrl);
        m_members.append(url.trimmed());
    }
    if (persist) {
        auto it = std::find_if(m_saved.begin(), m_saved.end(), [&](const Saved &s) { return s.url == r.redactedUrl; });
        if (it == m_saved.end()) {
            m_saved.push_back({r.redactedUrl, intervalMs, clusterMember});
        } else {
            it->intervalMs = intervalMs;
            it->clusterMember = it->clusterMember || clusterMember;
        }
        save();
    }
    Q_EMIT targetsChanged();
    return {};
}

void TargetRegistry::save() const
{
    if (!m_settings)
        return;
    // Only redacted URLs reach the settings file: credentials stay in memory.
    m_settings->beginWriteArray(QStringLiteral("targets"), int(m_saved.size()));
    for (int i = 0; i < int(m_saved.size()); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("url"), m_saved[std::size_t(i)].url);
        m_settings->setValue(QStringLiteral("intervalMs"), m_saved[std::size_t(i)].intervalMs);
        m_settings->setValue(QStringLiteral("cluster"), m_saved[std::size_t(i)].clusterMember);
    }
    m_settings->endArray();
}

} // namespace vigil

// TargetRegistry: the scrape targets of this session. Adds them to the Scraper,
// remembers them (redacted URL + interval + cluster membership) in QSettings when asked
// to, and never writes credentials: user-info in a URL becomes basic auth for this
// session only. Targets marked as cluster members are the nodes of the Cluster page
// (clusterMembers(); targetsChanged() when that list or the targets change).
//
// Threads: GUI thread only. The Scraper must outlive the registry.
#pragma once

#include "core/scrape/scrape_target.h"

#include <QObject>
#include <QStringList>

#include <optional>
#include <vector>

class QSettings;

namespace vigil {

class Scraper;

// Builds a scrape config from what an operator typed; user-info moves into auth.
// Returns an error text for URLs that are not http(s)://host[:port]/path.
struct TargetConfigResult
{
    std::optional<ScrapeTargetConfig> config;
    QString redactedUrl;
    bool hadCredentials = false;
    QString error;
};
TargetConfigResult makeTargetConfig(const QString &url, int intervalMs);

class TargetRegistry : public QObject
{
    Q_OBJECT
public:
    // settings may be null: nothing is read or written (screenshot mode).
    TargetRegistry(Scraper &scraper, QSettings *settings, QObject *parent = nullptr);

    // Loads the saved targets and starts scraping them.
    void loadSaved();
    // Returns an error text, empty on success. persist: remember in QSettings.
    // clusterMember: a node of the Raft cluster (adding it again as a member marks it).
    QString add(const QString &url, int intervalMs, bool persist, bool clusterMember = false);
    QStringList redactedUrls() const { return m_urls; }
    // The members' URLs as given this session (credentials included: in memory only).
    QStringList clusterMembers() const { return m_members; }

Q_SIGNALS:
    void targetsChanged();

private:
    void save() const;

    struct Saved
    {
        QString url; // redacted
        int intervalMs = 5000;
        bool clusterMember = false;
    };
    Scraper &m_scraper;
    QSettings *m_settings;
    QStringList m_urls;
    QStringList m_members;
    QStringList m_memberKeys; // redacted, to find a member again
    std::vector<Saved> m_saved;
};

} // namespace vigil

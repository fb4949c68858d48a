// TargetRegistry: targets reach the Scraper once, cluster membership is kept and saved,
// credentials stay in memory (the settings file holds only redacted URLs), and saved
// members come back as members.
#include "app/vigil/target_registry.h"
#include "core/scrape/scraper.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;

class TstTargetRegistry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void membersAreKeptAndSavedWithoutCredentials()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("vigil.ini"));
        {
            QSettings settings(path, QSettings::IniFormat);
            Scraper scraper([](SampleBatch &&) {});
            TargetRegistry registry(scraper, &settings);
            QSignalSpy changed(&registry, &TargetRegistry::targetsChanged);
            QCOMPARE(registry.add(QStringLiteral("http://node-exporter:9100/metrics"), 5000, true), QString());
            QCOMPARE(registry.add(QStringLiteral("http://ops:s3cret@etcd-1:2379"), 1000, true, true), QString());
            QCOMPARE(registry.add(QStringLiteral("http://etcd-2:2379"), 1000, false, true), QString());
            // Adding a known target again as a member marks it, once.
            QCOMPARE(registry.add(QStringLiteral("http://etcd-2:2379"), 1000, false, true), QString());
            QCOMPARE(changed.count(), 4);
            QCOMPARE(scraper.targets().size(), std::size_t(3));
            QCOMPARE(registry.redactedUrls(),
                     (QStringList{QStringLiteral("http://node-exporter:9100/metrics"),
                                  QStringLiteral("http://etcd-1:2379/metrics"), QStringLiteral("http://etcd-2:2379/metrics")}));
            // Members as given this session: the monitor needs the credentials.
            QCOMPARE(registry.clusterMembers(),
                     (QStringList{QStringLiteral("http://ops:s3cret@etcd-1:2379"), QStringLiteral("http://etcd-2:2379")}));
            QCOMPARE(registry.add(QStringLiteral("ftp://nope"), 1000, true, true).isEmpty(), false);
            QCOMPARE(registry.clusterMembers().size(), 2);
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY2(!saved.contains("s3cret") && !saved.contains("ops"), saved.constData());
        // Only the remembered targets come back; the member flag with them.
        QSettings settings(path, QSettings::IniFormat);
        Scraper scraper([](SampleBatch &&) {});
        TargetRegistry again(scraper, &settings);
        again.loadSaved();
        QCOMPARE(again.redactedUrls(), (QStringList{QStringLiteral("http://node-exporter:9100/metrics"),
                                                    QStringLiteral("http://etcd-1:2379/metrics")}));
        QCOMPARE(again.clusterMembers(), QStringList{QStringLiteral("http://etcd-1:2379/metrics")});
    }
};

QTEST_GUILESS_MAIN(TstTargetRegistry)
#include "tst_target_registry.moc"

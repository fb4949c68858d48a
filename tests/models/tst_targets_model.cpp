// TargetsModel: merging configured targets with hub status, health colours, the
// "N s ago" column, capped plain-text errors, and one dataChanged per tick with
// only the changed roles.
#include "core/hub/ingest_hub.h"
#include "models/refresh_clock.h"
#include "models/targets_model.h"
#include "tests/models/batch_builder.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace vigil;
using vigil::test::makeBatch;

namespace {

// A fixed instant near the real clock: the hub applies retention against wall time.
const std::int64_t kNow = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;

ScrapeReport report(const std::string &url, std::int64_t ts, bool up)
{
    ScrapeReport r;
    r.targetUrl = url;
    r.job = "vigil";
    r.instance = "a:1";
    r.timestampMs = ts;
    r.durationSeconds = 0.012;
    r.up = up;
    r.samples = up ? 1 : 0;
    return r;
}

QList<int> rolesOf(const QSignalSpy &spy, int i) { return spy.at(i).at(2).value<QList<int>>(); }

} // namespace

class TstTargetsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_hub = std::make_unique<IngestHub>();
        m_clock = std::make_unique<RefreshClock>();
        m_clock->setFixedNow(kNow);
        m_model = std::make_unique<TargetsModel>(*m_hub, *m_clock);
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_clock.reset();
        m_hub.reset();
    }

    void configuredTargetIsUnknownUntilScraped()
    {
        m_model->setConfiguredTargets({QStringLiteral("http://a:1/metrics")});
        QCOMPARE(m_model->rowCount(), 1);
        const QModelIndex health = m_model->index(0, TargetsModel::HealthColumn);
        QCOMPARE(health.data(TargetsModel::HealthRole).value<TargetsModel::Health>(), TargetsModel::Health::Unknown);
        QCOMPARE(health.data().toString(), QStringLiteral("unknown"));
        QCOMPARE(health.data(TargetsModel::HealthColorRole).value<QColor>(),
                 TargetsModel::healthColor(TargetsModel::Health::Unknown));
        QCOMPARE(m_model->index(0, TargetsModel::LastScrapeColumn).data().toString(), QStringLiteral("never"));

        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_hub->apply(makeBatch({{"x", {}, 1}}, kNow - 3000, report("http://a:1/metrics", kNow - 3000, true)));
        m_clock->tickNow();
        QCOMPARE(inserted.count(), 0); // merged into the configured row
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(health.data(TargetsModel::HealthRole).value<TargetsModel::Health>(), TargetsModel::Health::Up);
        QCOMPARE(health.data().toString(), QStringLiteral("up"));
        QCOMPARE(health.data(Qt::DecorationRole).value<QColor>(), QColor(0x2e, 0x9d, 0x4a));
        QVERIFY(rolesOf(changed, 0).contains(TargetsModel::HealthRole));
        QCOMPARE(m_model->index(0, TargetsModel::LastScrapeColumn).data().toString(), QStringLiteral("3 s ago"));
        QCOMPARE(m_model->index(0, TargetsModel::DurationColumn).data().toString(), QStringLiteral("12 ms"));
        QCOMPARE(m_model->index(0, TargetsModel::SamplesColumn).data().toString(), QStringLiteral("1"));
        QCOMPARE(m_model->index(0, TargetsModel::FailuresColumn).data().toString(), QStringLiteral("0"));
    }

    void ticksOnlySignalWhatChanged()
    {
        m_hub->apply(makeBatch({{"x", {}, 1}}, kNow - 3000, report("http://a:1/metrics", kNow - 3000, true)));
        m_clock->tickNow();
        QCOMPARE(m_model->rowCount(), 1);

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_clock->tickNow();
        QCOMPARE(changed.count(), 0); // nothing moved

        m_clock->setFixedNow(kNow + 400); // still "3 s ago"
        m_clock->tickNow();
        QCOMPARE(changed.count(), 0);

        m_clock->setFixedNow(kNow + 1000);
        m_clock->tickNow();
        QCOMPARE(changed.count(), 1);
        const QModelIndex tl = changed.at(0).at(0).toModelIndex();
        const QModelIndex br = changed.at(0).at(1).toModelIndex();
        QCOMPARE(tl.column(), int(TargetsModel::LastScrapeColumn));
        QCOMPARE(br.column(), int(TargetsModel::LastScrapeColumn));
        QList<int> roles = rolesOf(changed, 0);
        std::sort(roles.begin(), roles.end());
        QCOMPARE(roles, (QList<int>{Qt::DisplayRole, Qt::ToolTipRole}));
        QCOMPARE(m_model->index(0, TargetsModel::LastScrapeColumn).data().toString(), QStringLiteral("4 s ago"));
    }

    void errorsArePlainCappedText()
    {
        ScrapeReport r = report("http://b:2/metrics", kNow - 1000, false);
        r.error = "<b>boom</b>\nline2\u202e" + std::string(5000, 'x');
        r.consecutiveFailures = 3;
        r.durationSeconds = 0;
        r.nextRetrySeconds = 4;
        SampleBatch failed;
        failed.scrape = r;
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_hub->apply(std::move(failed));
        m_clock->tickNow();
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->index(0, TargetsModel::HealthColumn).data(TargetsModel::HealthRole).value<TargetsModel::Health>(),
                 TargetsModel::Health::Down);
        const QString error = m_model->index(0, TargetsModel::ErrorColumn).data().toString();
        QVERIFY(error.startsWith(QStringLiteral("<b>boom</b> line2\uFFFDxxx")));
        QCOMPARE(error.size(), 512);
        QVERIFY(!error.contains(QLatin1Char('\n')));
        const QString tip = m_model->index(0, TargetsModel::ErrorColumn).data(Qt::ToolTipRole).toString();
        QVERIFY(tip.contains(QStringLiteral("&lt;b&gt;boom&lt;/b&gt;")));
        QVERIFY(!tip.contains(QStringLiteral("<b>")));
        QCOMPARE(m_model->index(0, TargetsModel::FailuresColumn).data().toString(), QStringLiteral("3 (retry in 3 s)"));
        QCOMPARE(m_model->index(0, TargetsModel::FailuresColumn).data(TargetsModel::ConsecutiveFailuresRole).toUInt(), 3u);
    }

    void clockSlowsDownWhenHidden()
    {
        RefreshClock clock;
        QCOMPARE(clock.intervalMs(), RefreshClock::kVisibleIntervalMs);
        clock.setVisible(false);
        QCOMPARE(clock.intervalMs(), RefreshClock::kHiddenIntervalMs);
        clock.setVisible(true);
        QCOMPARE(clock.intervalMs(), RefreshClock::kVisibleIntervalMs);
        QSignalSpy ticks(&clock, &RefreshClock::tick);
        clock.start();
        QVERIFY(ticks.wait(2000));
    }

private:
    std::unique_ptr<IngestHub> m_hub;
    std::unique_ptr<RefreshClock> m_clock;
    std::unique_ptr<TargetsModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TstTargetsModel)
#include "tst_targets_model.moc"

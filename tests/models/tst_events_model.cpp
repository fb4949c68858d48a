// EventsModel, EventFilterProxy and EventSourcesModel over a fake EventFeed: exact rows
// after ticks (one insert per tick), cap eviction from the front (one remove), pause /
// resume counts, filtering, pretty JSON as plain text, the sources table, and the number
// formats of the engine views. Every model runs under QAbstractItemModelTester.
#include "models/engine_format.h"
#include "models/event_filter_proxy.h"
#include "models/event_sources_model.h"
#include "models/events_model.h"
#include "models/refresh_clock.h"
#include "tests/models/fake_event_feed.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace vigil;
using vigil::test::FakeEventFeed;

namespace {

constexpr auto kMode = QAbstractItemModelTester::FailureReportingMode::QtTest;

QString cell(const QAbstractItemModel &m, int row, int column) { return m.index(row, column).data().toString(); }

} // namespace

class TstEventsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void init()
    {
        m_feed = std::make_unique<FakeEventFeed>();
        m_clock = std::make_unique<RefreshClock>();
        m_now = 1'000'000;
        m_clock->setFixedNow(m_now);
    }
    void cleanup()
    {
        m_clock.reset();
        m_feed.reset();
    }

    void rowsArriveInOneInsertPerTick()
    {
        EventsModel model(*m_feed, *m_clock);
        QAbstractItemModelTester tester(&model, kMode);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        m_clock->tickNow();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(inserted.count(), 0);

        m_feed->add(3, Priority::Critical, "realtime", "disk <b>full</b>");
        m_clock->tickNow();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 2);

        m_feed->add(5);
        m_clock->tickNow();
        QCOMPARE(model.rowCount(), 8);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 3);
        QCOMPARE(inserted.at(1).at(2).toInt(), 7);
        QCOMPARE(removed.count(), 0);
        m_clock->tickNow(); // nothing new: no signal
        QCOMPARE(inserted.count(), 2);

        // Exact rows, oldest first.
        QCOMPARE(model.index(0, 0).data(EventsModel::SeqRole).toULongLong(), 1ull);
        QCOMPARE(model.index(7, 0).data(EventsModel::SeqRole).toULongLong(), 8ull);
        QCOMPARE(cell(model, 0, EventsModel::PriorityColumn), QStringLiteral("critical"));
        QCOMPARE(cell(model, 0, EventsModel::QueueColumn), QStringLiteral("realtime"));
        QCOMPARE(cell(model, 0, EventsModel::IdColumn), QStringLiteral("ev-1"));
        QCOMPARE(cell(model, 0, EventsModel::NodeColumn), QStringLiteral("node-1"));
        QCOMPARE(cell(model, 0, EventsModel::MessageColumn), QStringLiteral("disk <b>full</b>")); // literal
        QCOMPARE(cell(model, 1, EventsModel::LatencyColumn), QString(QStringLiteral("2 \u00b5s")));
        QCOMPARE(cell(model, 3, EventsModel::PriorityColumn), QStringLiteral("medium"));
        QCOMPARE(model.index(0, EventsModel::PriorityColumn).data(Qt::DecorationRole).value<QColor>(),
                 EventsModel::priorityColor(Priority::Critical));
        QVERIFY(model.index(0, EventsModel::MessageColumn).data(Qt::BackgroundRole).value<QColor>().isValid());
        QVERIFY(!model.index(3, EventsModel::MessageColumn).data(Qt::BackgroundRole).isValid()); // medium: no tint
        QCOMPARE(model.index(0, 0).data(EventsModel::PriorityRole).toInt(), 0);
        QCOMPARE(model.lastSeq(), 8ull);
    }

    void aReplacedEngineStartsTheTailOver()
    {
        EventsModel model(*m_feed, *m_clock);
        QAbstractItemModelTester tester(&model, kMode);
        m_feed->add(5);
        m_clock->tickNow();
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.lastSeq(), 5ull);

        // A capture replay rewound: the new engine's seq starts at 1 again.
        m_feed->replaceEngine();
        m_feed->add(2, Priority::High, "realtime", "after rewind");
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        m_clock->tickNow();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.lastSeq(), 2ull);
        QCOMPARE(cell(model, 0, EventsModel::MessageColumn), QStringLiteral("after rewind"));
        QCOMPARE(model.notShownCount(), 0ull);
        m_clock->tickNow(); // same epoch: no further reset
        QCOMPARE(reset.count(), 1);
    }

    void sourceColumnLearnsUrlsFromTheSnapshot()
    {
        EventsModel model(*m_feed, *m_clock);
        QAbstractItemModelTester tester(&model, kMode);
        m_feed->add(1);
        m_clock->tickNow();
        QCOMPARE(cell(model, 0, EventsModel::SourceColumn), QStringLiteral("#1")); // not in the snapshot yet
        SourceStats s;
        s.id = 1;
        s.url = "tcp://127.0.0.1:7000";
        m_feed->snap.sources.push_back(s);
        m_feed->add(1);
        m_clock->setFixedNow(m_now + 1500); // lookups are throttled to one a second
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        m_clock->tickNow();
        QCOMPARE(cell(model, 0, EventsModel::SourceColumn), QStringLiteral("tcp://127.0.0.1:7000"));
        QCOMPARE(cell(model, 1, EventsModel::SourceColumn), QStringLiteral("tcp://127.0.0.1:7000"));
        QCOMPARE(changed.count(), 1);
    }

    void capEvictsFromTheFront()
    {
        EventsModel model(*m_feed, *m_clock, nullptr, 10);
        QAbstractItemModelTester tester(&model, kMode);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        m_feed->add(7);
        m_clock->tickNow();
        m_feed->add(6);
        m_clock->tickNow();
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(removed.at(0).at(2).toInt(), 2); // 3 oldest rows
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(model.index(0, 0).data(EventsModel::SeqRole).toULongLong(), 4ull);
        QCOMPARE(model.index(9, 0).data(EventsModel::SeqRole).toULongLong(), 13ull);

        // More than the cap in one tick: everything old goes, the newest 10 stay.
        m_feed->add(25);
        m_clock->tickNow();
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(removed.count(), 2);
        QCOMPARE(removed.at(1).at(2).toInt(), 9);
        QCOMPARE(model.index(0, 0).data(EventsModel::SeqRole).toULongLong(), 29ull);
        QCOMPARE(model.index(9, 0).data(EventsModel::SeqRole).toULongLong(), 38ull);
    }

    void floodIsThinnedPerTickAndCounted()
    {
        EventsModel model(*m_feed, *m_clock);
        QAbstractItemModelTester tester(&model, kMode);
        QSignalSpy notShown(&model, &EventsModel::notShownCountChanged);
        m_feed->add(100);
        m_clock->tickNow();
        QCOMPARE(model.rowCount(), 100);
        // A burst larger than a tick shows: the newest kMaxRowsPerTick rows are taken,
        // the rest are counted, never silently lost.
        m_feed->add(EventsModel::kMaxRowsPerTick + 3000);
        m_clock->tickNow();
        QCOMPARE(model.rowCount(), int(100 + EventsModel::kMaxRowsPerTick));
        QCOMPARE(model.notShownCount(), std::uint64_t(3000));
        QCOMPARE(notShown.count(), 1);
        QCOMPARE(model.index(100, 0).data(EventsModel::SeqRole).toULongLong(), 3101ull);
        QCOMPARE(model.index(model.rowCount() - 1, 0).data(EventsModel::SeqRole).toULongLong(),
                 quint64(100 + 3000 + EventsModel::kMaxRowsPerTick));
        // A calm tick adds no more to the count.
        m_feed->add(5);
        m_clock->tickNow();
        QCOMPARE(model.notShownCount(), std::uint64_t(3000));
        QCOMPARE(notShown.count(), 1);
    }

    void pauseCountsAndResumeCatchesUp()
    {
        EventsModel model(*m_feed, *m_clock, nullptr, 10);
        QAbstractItemModelTester tester(&model, kMode);
        QSignalSpy pending(&model, &EventsModel::pendingCountChanged);
        QSignalSpy paused(&model, &EventsModel::pausedChanged);
        m_feed->add(4);
        m_clock->tickNow();
        model.setPaused(true);
        QCOMPARE(paused.count(), 1);
        QVERIFY(model.isPaused());

        m_feed->add(3);
        m_clock->tickNow();
        QCOMPARE(model.rowCount(), 4); // no new rows while paused
        QCOMPARE(model.pendingCount(), 3ull);
        QCOMPARE(pending.count(), 1);
        QCOMPARE(pending.at(0).at(0).toULongLong(), 3ull);

        m_feed->add(20);
        m_clock->tickNow(); // same instant: the check is throttled
        QCOMPARE(model.pendingCount(), 3ull);
        m_clock->setFixedNow(m_now + 300);
        const int callsBefore = m_feed->calls;
        m_clock->tickNow();
        QCOMPARE(model.pendingCount(), 23ull);
        QCOMPARE(m_feed->calls, callsBefore + 1);
        QCOMPARE(model.rowCount(), 4);

        model.setPaused(false);
        QCOMPARE(model.pendingCount(), 0ull);
        QCOMPARE(pending.last().at(0).toULongLong(), 0ull);
        QCOMPARE(model.rowCount(), 10); // caught up within the cap
        QCOMPARE(model.index(9, 0).data(EventsModel::SeqRole).toULongLong(), 27ull);
        QCOMPARE(model.index(0, 0).data(EventsModel::SeqRole).toULongLong(), 18ull);
    }

    void proxyFilters()
    {
        EventsModel model(*m_feed, *m_clock);
        EventFilterProxy proxy;
        proxy.setEventsModel(&model);
        QAbstractItemModelTester tester(&model, kMode);
        QAbstractItemModelTester proxyTester(&proxy, kMode);
        m_feed->add(2, Priority::Critical, "realtime", "upstream timeout");
        m_feed->add(3, Priority::Low, "batch", "ok");
        m_feed->add(1, Priority::High, "realtime", "ok");
        m_clock->tickNow();
        QCOMPARE(proxy.rowCount(), 6);
        QCOMPARE(proxy.setFilterText(QStringLiteral("priority<=high queue=realtime")), QString());
        QCOMPARE(proxy.rowCount(), 3);
        QCOMPARE(proxy.setFilterText(QStringLiteral("priority<=high queue=realtime message~\"timeout\"")), QString());
        QCOMPARE(proxy.rowCount(), 2);
        // New rows are filtered as they arrive.
        m_feed->add(2, Priority::Critical, "realtime", "TIMEOUT again");
        m_feed->add(2, Priority::Low, "realtime", "timeout");
        m_clock->tickNow();
        QCOMPARE(proxy.rowCount(), 4);
        // A bad filter keeps the last good one and reports the column.
        QSignalSpy error(&proxy, &EventFilterProxy::filterErrorChanged);
        const QString e = proxy.setFilterText(QStringLiteral("priority<=urgent"));
        QVERIFY2(e.startsWith(QStringLiteral("col 11: ")), qPrintable(e));
        QCOMPARE(error.count(), 1);
        QCOMPARE(proxy.rowCount(), 4);
        QCOMPARE(proxy.setFilterText(QString()), QString());
        QCOMPARE(proxy.rowCount(), 10);
        QCOMPARE(proxy.filterError(), QString());
    }

    void prettyJsonIsPlainAndCapped()
    {
        const QString pretty = EventsModel::prettyJson(R"({"id":"a1","message":"<b>x</b>","n":[1,2]})");
        QCOMPARE(pretty, QStringLiteral("{\n  \"id\": \"a1\",\n  \"message\": \"<b>x</b>\",\n  \"n\": [\n    1,\n    2\n  ]\n}"));
        // Key order is kept (not sorted).
        QVERIFY(EventsModel::prettyJson(R"({"z":1,"a":2})").startsWith(QStringLiteral("{\n  \"z\"")));
        // Invalid JSON is shown as it came; bidi overrides are neutralised.
        const QString raw = EventsModel::prettyJson("not json \xE2\x80\xAE evil");
        QVERIFY(raw.startsWith(QStringLiteral("not json ")));
        QVERIFY(!raw.contains(QChar(0x202E)));
        const QString capped = EventsModel::prettyJson(R"({"m":")" + std::string(5000, 'x') + R"("})", 100);
        QVERIFY(capped.size() < 160);
        QVERIFY(capped.contains(QStringLiteral("cut at 100")));
    }

    void sourcesModel()
    {
        EventSourcesModel model;
        QAbstractItemModelTester tester(&model, kMode);
        SourceStats a;
        a.id = 1;
        a.url = "tcp-listen://:7000";
        a.state = "listening on :7000";
        a.lines = 1234;
        a.eventsPerSecond = 12.5;
        SourceStats b;
        b.id = 2;
        b.url = "file:/var/log/<i>x</i>.ndjson";
        b.state = "ended: EOF";
        b.ended = true;
        b.malformed = 2;
        b.lastError = {2, 812, 40960, "line exceeds 1 MiB limit", "{\"id\":\"<b>big</b>\n"};
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.update({a, b});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(cell(model, 0, EventSourcesModel::UrlColumn), QStringLiteral("tcp-listen://:7000"));
        QCOMPARE(cell(model, 0, EventSourcesModel::StateColumn), QStringLiteral("listening on :7000"));
        QCOMPARE(cell(model, 0, EventSourcesModel::RateColumn), QStringLiteral("12.5"));
        QCOMPARE(cell(model, 0, EventSourcesModel::LinesColumn), QStringLiteral("1,234"));
        QCOMPARE(cell(model, 1, EventSourcesModel::UrlColumn), QStringLiteral("file:/var/log/<i>x</i>.ndjson"));
        QCOMPARE(cell(model, 1, EventSourcesModel::MalformedColumn), QStringLiteral("2"));
        QCOMPARE(cell(model, 1, EventSourcesModel::ErrorColumn),
                 QStringLiteral("line 812, offset 40,960: line exceeds 1 MiB limit \u2014 {\"id\":\"<b>big</b> "));
        QCOMPARE(model.index(1, EventSourcesModel::StateColumn).data(Qt::DecorationRole).value<QColor>(),
                 QColor(0x8a, 0x8a, 0x8a));
        QCOMPARE(model.index(0, EventSourcesModel::StateColumn).data(Qt::DecorationRole).value<QColor>(),
                 QColor(0x2e, 0x9d, 0x4a));

        model.update({a, b}); // nothing changed: no signal
        QCOMPARE(changed.count(), 0);
        a.lines = 2000;
        model.update({a, b});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 0);
        QCOMPARE(cell(model, 0, EventSourcesModel::LinesColumn), QStringLiteral("2,000"));
        QCOMPARE(inserted.count(), 1);
    }

    void formats()
    {
        QCOMPARE(durationText(450), QStringLiteral("450 ns"));
        QCOMPARE(durationText(1800), QString(QStringLiteral("1.8 \u00b5s")));
        QCOMPARE(durationText(12e6), QStringLiteral("12 ms"));
        QCOMPARE(durationText(12.34e6), QStringLiteral("12.3 ms"));
        QCOMPARE(durationText(2.345e9), QStringLiteral("2.35 s"));
        QCOMPARE(durationText(999.96e3), QStringLiteral("1 ms"));
        QCOMPARE(durationText(0), QStringLiteral("0 ns"));
        QCOMPARE(durationText(-1), QString(QChar(0x2014)));
        QCOMPARE(countText(65536), QStringLiteral("65,536"));
        QCOMPARE(rateText(0), QStringLiteral("0"));
        QCOMPARE(rateText(12.26), QStringLiteral("12.3"));
        QCOMPARE(rateText(1999.6), QStringLiteral("2,000"));
        QCOMPARE(percentText(0.1234), QStringLiteral("12.3 %"));
    }

private:
    std::unique_ptr<FakeEventFeed> m_feed;
    std::unique_ptr<RefreshClock> m_clock;
    std::int64_t m_now = 0;
};

QTEST_GUILESS_MAIN(TstEventsModel)
#include "tst_events_model.moc"

// EventsView and EnginePanel driven offscreen over a fake EventFeed: typing a filter
// narrows the table (and a bad one shows `col N` under the box, as plain text), pause
// shows the badge with the number of events that arrived, selecting a row shows the
// event's pretty JSON in the detail pane with markup shown literally; the engine panel
// shows lane depth/capacity, rates from successive snapshots, latency with units, the
// conservation line and the sources table.
#include "models/event_filter_proxy.h"
#include "models/event_sources_model.h"
#include "models/events_model.h"
#include "models/refresh_clock.h"
#include "tests/models/fake_event_feed.h"
#include "widgets/engine_panel.h"
#include "widgets/events_view.h"

#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace vigil;
using vigil::test::FakeEventFeed;

class TstEventsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void init()
    {
        m_feed = std::make_unique<FakeEventFeed>();
        m_clock = std::make_unique<RefreshClock>();
        m_now = 5'000'000;
        m_clock->setFixedNow(m_now);
    }
    void cleanup()
    {
        m_clock.reset();
        m_feed.reset();
    }

    void filterSelectAndDetail()
    {
        EventsView view(*m_feed, *m_clock);
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        m_feed->add(3, Priority::Low, "batch", "ok");
        EventRecord e;
        e.priority = Priority::Critical;
        e.queue = "realtime";
        e.node = "node-3";
        e.id = "ev-x";
        e.latencyNs = 1800;
        e.message = "<b>x</b> timeout";
        e.json = R"({"id":"ev-x","priority":"critical","message":"<b>x</b> timeout","latency_ns":1800})";
        m_feed->addEvent(e);
        m_feed->add(2, Priority::High, "realtime", "slow");
        m_clock->tickNow();
        QCOMPARE(view.table()->model()->rowCount(), 6);
        QCOMPARE(view.countLabel()->text(), QStringLiteral("6 events"));

        view.filterEdit()->setFocus();
        QTest::keyClicks(view.filterEdit(), QStringLiteral("priority<=high queue=realtime"));
        QCOMPARE(view.table()->model()->rowCount(), 3);
        QCOMPARE(view.countLabel()->text(), QStringLiteral("3 of 6 events"));
        QVERIFY(view.filterErrorLabel()->isHidden());

        QTest::keyClicks(view.filterEdit(), QStringLiteral(" message~\"timeout\""));
        QCOMPARE(view.table()->model()->rowCount(), 1);

        // A bad predicate: the error (with its column) under the box, plain text; rows kept.
        // (Typed at once: while typing, each valid prefix like the bare word "la" applies.)
        view.setFilterText(view.filterEdit()->text() + QStringLiteral(" lat>5"));
        QVERIFY(view.filterErrorLabel()->isVisible());
        QCOMPARE(view.filterErrorLabel()->textFormat(), Qt::PlainText);
        QVERIFY2(view.filterErrorLabel()->text().contains(QStringLiteral("col 53: latency needs")),
                 qPrintable(view.filterErrorLabel()->text()));
        QCOMPARE(view.table()->model()->rowCount(), 1);
        QTest::keyClicks(view.filterEdit(), QStringLiteral("ms"));
        QVERIFY(view.filterErrorLabel()->isHidden());
        QCOMPARE(view.table()->model()->rowCount(), 0); // 1.8 µs is not > 5 ms
        view.filterEdit()->clear();
        QCOMPARE(view.table()->model()->rowCount(), 6);
        QTest::keyClicks(view.filterEdit(), QStringLiteral("message~\"timeout\""));
        QCOMPARE(view.table()->model()->rowCount(), 1);

        // Select the row: the detail pane shows the pretty JSON, markup literally.
        view.table()->selectRow(0);
        const QString detail = view.detail()->toPlainText();
        QCOMPARE(detail, QStringLiteral("{\n  \"id\": \"ev-x\",\n  \"priority\": \"critical\",\n"
                                        "  \"message\": \"<b>x</b> timeout\",\n  \"latency_ns\": 1800\n}"));
        QVERIFY(view.detail()->isReadOnly());
        QVERIFY(view.detail()->document()->toPlainText().contains(QStringLiteral("<b>x</b>")));
        const QModelIndex msg = view.table()->model()->index(0, EventsModel::MessageColumn);
        QCOMPARE(msg.data().toString(), QStringLiteral("<b>x</b> timeout"));
        QCOMPARE(view.table()->model()->index(0, EventsModel::LatencyColumn).data().toString(),
                 QString(QStringLiteral("1.8 \u00b5s")));
    }

    void pauseBadge()
    {
        EventsView view(*m_feed, *m_clock);
        view.resize(1000, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        m_feed->add(5);
        m_clock->tickNow();
        QVERIFY(view.pendingBadge()->isHidden());

        QTest::mouseClick(view.pauseButton(), Qt::LeftButton);
        QVERIFY(view.model()->isPaused());
        QCOMPARE(view.pauseButton()->text(), QStringLiteral("Resume"));
        m_feed->add(1234);
        m_clock->tickNow();
        QCOMPARE(view.table()->model()->rowCount(), 5);
        QVERIFY(view.pendingBadge()->isVisible());
        QCOMPARE(view.pendingBadge()->text(), QStringLiteral("+1,234 new"));
        QCOMPARE(view.pendingBadge()->textFormat(), Qt::PlainText);

        QTest::mouseClick(view.pauseButton(), Qt::LeftButton);
        QVERIFY(!view.model()->isPaused());
        QVERIFY(view.pendingBadge()->isHidden());
        QCOMPARE(view.table()->model()->rowCount(), 1239);
        QCOMPARE(view.pauseButton()->text(), QStringLiteral("Pause"));
    }

    void enginePanel()
    {
        EngineSnapshot s;
        s.takenNs = 1'000'000'000;
        s.received = 10;
        s.processed = 6;
        s.deduplicated = 1;
        s.dropped = 1;
        s.malformed = 1;
        s.inFlight = 1;
        s.eventsPerSecond = 2000;
        s.lanes[0] = {100, 90, 0, 1234, 65536};
        s.lanes[3] = {50, 40, 7, 0, 65536};
        s.endToEnd = {100, 450, 1800, 12e6, 13e6, 2.35e9};
        s.dedupHits = 1;
        s.dedupMisses = 3;
        SourceStats src;
        src.id = 1;
        src.url = "tcp://127.0.0.1:7000";
        src.state = "connected";
        src.lines = 10;
        s.sources.push_back(src);
        m_feed->snap = s;

        EnginePanel panel(*m_feed, *m_clock);
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.refreshNow();
        QCOMPARE(panel.laneText(0), QStringLiteral("1,234 / 65,536"));
        QCOMPARE(panel.laneText(3), QStringLiteral("0 / 65,536"));
        QCOMPARE(panel.laneRateText(0), QString(QChar(0x2014))); // one snapshot: no rate yet
        QCOMPARE(panel.conservationText(),
                 QStringLiteral("received 10 = processed 6 + deduplicated 1 + dropped 1 + malformed 1 + in flight 1  \u2713"));
        QVERIFY(panel.dedupText().startsWith(QStringLiteral("Hit ratio 25.0 %")));
        QCOMPARE(panel.latencyCell(0, 2), QStringLiteral("450 ns"));
        QCOMPARE(panel.latencyCell(0, 3), QString(QStringLiteral("1.8 \u00b5s")));
        QCOMPARE(panel.latencyCell(0, 4), QStringLiteral("12 ms"));
        QCOMPARE(panel.latencyCell(0, 6), QStringLiteral("2.35 s"));
        QCOMPARE(panel.latencyCell(1, 2), QString()); // no field latency samples
        QCOMPARE(panel.sourcesModel()->rowCount(), 1);

        // Half a second later lane 0 processed 500 more: 1,000 events/s.
        m_feed->snap.takenNs += 500'000'000;
        m_feed->snap.lanes[0].processed += 500;
        m_feed->snap.received += 1; // breaks conservation on purpose
        const int before = m_feed->snapshots;
        m_clock->setFixedNow(m_now + 100);
        m_clock->tickNow(); // throttled: under 250 ms since the last refresh
        QCOMPARE(m_feed->snapshots, before);
        m_clock->setFixedNow(m_now + 600);
        m_clock->tickNow();
        QCOMPARE(m_feed->snapshots, before + 1);
        QCOMPARE(panel.laneRateText(0), QStringLiteral("1,000"));
        QCOMPARE(panel.laneRateText(3), QStringLiteral("0"));
        QVERIFY(panel.conservationText().endsWith(QStringLiteral("(does not add up)")));
    }

private:
    std::unique_ptr<FakeEventFeed> m_feed;
    std::unique_ptr<RefreshClock> m_clock;
    std::int64_t m_now = 0;
};

QTEST_MAIN(TstEventsView)
#include "tst_events_view.moc"

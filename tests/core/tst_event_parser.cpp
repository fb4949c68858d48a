// EventParser: field mapping (custom names, timestamp units, RFC 3339, priorities,
// missing fields, escapes) and malformed lines (each kind counted, exact line, offset
// and excerpt, good lines around them kept).
#include "core/engine/event_parser.h"

#include <QTest>

#include <deque>

using namespace vigil;

namespace {

LineBatch makeBatch(const std::string &text, std::uint64_t firstLine = 1, std::uint64_t firstOffset = 0)
{
    LineBatch b;
    b.bytes.reserve(text.size() + kLinePadding);
    b.bytes = text;
    b.firstLine = firstLine;
    b.firstOffset = firstOffset;
    b.arrivalNs = 1'700'000'000'000'000'000;
    b.sourceId = 7;
    return b;
}

std::vector<ParsedEvent> all(const ParsedBatch &pb)
{
    std::vector<ParsedEvent> out;
    for (const auto &lane : pb.lanes)
        out.insert(out.end(), lane.begin(), lane.end());
    return out;
}

// JSON written with single quotes (moc trips over raw string literals).
std::string q(const char *text)
{
    std::string s(text);
    for (char &c : s)
        if (c == '\'')
            c = '"';
    return s;
}

// Events point into blocks their ParsedBatch holds: keep the batches of one() alive.
std::deque<ParsedBatch> &keptBatches()
{
    static std::deque<ParsedBatch> batches;
    return batches;
}

ParsedEvent one(const std::string &line, const FieldMapping &m = {})
{
    ParsedBatch &pb = keptBatches().emplace_back();
    EventParser(m).parse(makeBatch(line + "\n"), pb);
    const auto evs = all(pb);
    if (evs.size() != 1)
        qFatal("expected one event from %s (malformed: %s)", line.c_str(), pb.lastError.message.c_str());
    return evs.front();
}

// Parses random mixes of `pool` lines as one batch (the fast path) and line by line (the
// reference: a fresh parser state for every line) and checks both give the same events,
// counts and last error. False with a description on the first difference.
bool sameAsLineByLine(const std::vector<std::string> &pool, std::uint64_t seed, int rounds, std::string &why)
{
    const auto next = [&seed] {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        return seed;
    };
    const EventParser parser({});
    for (int round = 0; round < rounds; ++round) {
        const std::size_t lines = 1 + next() % 60;
        std::vector<std::string> picked;
        std::string text;
        for (std::size_t i = 0; i < lines; ++i) {
            const std::size_t k = next() % pool.size();
            picked.push_back(pool[k]);
            text += pool[k];
            if (i + 1 < lines || next() % 2)
                text += '\n';
        }
        ParsedBatch whole;
        parser.parse(makeBatch(text, 1, 0), whole);
        ParsedBatch single;
        std::vector<ParsedEvent> expected;
        std::deque<ParsedBatch> singles;
        std::uint64_t offset = 0;
        for (std::size_t i = 0; i < picked.size(); ++i) {
            ParsedBatch &one = singles.emplace_back();
            parser.parse(makeBatch(picked[i] + "\n", i + 1, offset), one);
            offset += picked[i].size() + 1;
            single.lines += one.lines;
            single.malformed += one.malformed;
            if (one.malformed)
                single.lastError = one.lastError;
            for (const auto &ev : all(one))
                expected.push_back(ev);
        }
        why = "round " + std::to_string(round) + ": " + plainExcerpt(text);
        if (whole.lines != single.lines || whole.malformed != single.malformed
            || whole.lastError.line != single.lastError.line || whole.lastError.offset != single.lastError.offset
            || whole.lastError.message != single.lastError.message)
            return false;
        std::array<std::vector<const ParsedEvent *>, kLaneCount> byLane;
        for (const auto &ev : expected)
            byLane[static_cast<std::size_t>(ev.priority)].push_back(&ev);
        for (std::size_t l = 0; l < kLaneCount; ++l) {
            if (whole.lanes[l].size() != byLane[l].size())
                return false;
            for (std::size_t i = 0; i < byLane[l].size(); ++i) {
                const ParsedEvent &got = whole.lanes[l][i];
                const ParsedEvent &want = *byLane[l][i];
                if (got.text(got.line) != want.text(want.line) || got.text(got.id) != want.text(want.id)
                    || got.text(got.queue) != want.text(want.queue) || got.text(got.message) != want.text(want.message)
                    || got.text(got.node) != want.text(want.node) || got.text(got.severity) != want.text(want.severity)
                    || got.timestampNs != want.timestampNs || got.latencyNs != want.latencyNs
                    || got.keyHash != want.keyHash || got.hasKey != want.hasKey || got.queueHash != want.queueHash
                    || got.priority != want.priority) {
                    why += " (event " + std::string(got.text(got.line)) + ")";
                    return false;
                }
            }
        }
    }
    return true;
}

} // namespace

class TstEventParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultMapping()
    {
        const auto ev = one(q("{'id':'e-1','ts':1700000000123456789,'priority':'high','queue':'realtime',"
                            "'latency_ns':512,'node':'node-2','message':'hello','extra':{'a':[1,2]}}"));
        QCOMPARE(ev.text(ev.id), std::string_view("e-1"));
        QCOMPARE(ev.timestampNs, std::int64_t(1700000000123456789));
        QCOMPARE(ev.priority, Priority::High);
        QCOMPARE(ev.text(ev.queue), std::string_view("realtime"));
        QCOMPARE(ev.latencyNs, std::int64_t(512));
        QCOMPARE(ev.text(ev.node), std::string_view("node-2"));
        QCOMPARE(ev.text(ev.message), std::string_view("hello"));
        QCOMPARE(ev.sourceId, 7u);
        QVERIFY(ev.hasKey);
        QVERIFY(ev.text(ev.line).starts_with(q("{'id':'e-1'")));
        QVERIFY(ev.text(ev.line).ends_with(q("[1,2]}}")));
    }

    void customNames()
    {
        FieldMapping m;
        m.id = "uid";
        m.timestamp = "time";
        m.priority = "prio";
        m.queue = "q";
        m.latency = "lat_us";
        m.latencyUnit = TimeUnit::Microseconds;
        m.node = "host";
        m.message = "msg";
        m.severity = "level";
        const auto ev = one(q("{'uid':42,'time':'2024-01-01T00:00:00Z','prio':1,'q':'bulk','lat_us':1.5,"
                            "'host':'h1','msg':'m','level':'WARN','id':'ignored'}"),
                            m);
        QCOMPARE(ev.text(ev.id), std::string_view("42"));
        QCOMPARE(ev.timestampNs, std::int64_t(1704067200) * 1'000'000'000);
        QCOMPARE(ev.priority, Priority::Critical);
        QCOMPARE(ev.text(ev.queue), std::string_view("bulk"));
        QCOMPARE(ev.latencyNs, std::int64_t(1500));
        QCOMPARE(ev.text(ev.node), std::string_view("h1"));
        QCOMPARE(ev.text(ev.severity), std::string_view("WARN"));
    }

    void timestampUnits_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("unit");
        QTest::addColumn<qint64>("expected");
        const qint64 ns = 1700000000123456789;
        QTest::newRow("auto ns") << QStringLiteral("1700000000123456789") << int(TimeUnit::Auto) << ns;
        QTest::newRow("auto us") << QStringLiteral("1700000000123456") << int(TimeUnit::Auto) << qint64(1700000000123456000);
        QTest::newRow("auto ms") << QStringLiteral("1700000000123") << int(TimeUnit::Auto) << qint64(1700000000123000000);
        QTest::newRow("auto s") << QStringLiteral("1700000000") << int(TimeUnit::Auto) << qint64(1700000000000000000);
        QTest::newRow("auto s frac") << QStringLiteral("1700000000.5") << int(TimeUnit::Auto) << qint64(1700000000500000000);
        QTest::newRow("explicit ms small") << QStringLiteral("1500") << int(TimeUnit::Milliseconds) << qint64(1500000000);
        QTest::newRow("explicit s") << QStringLiteral("2") << int(TimeUnit::Seconds) << qint64(2000000000);
        QTest::newRow("explicit us") << QStringLiteral("3") << int(TimeUnit::Microseconds) << qint64(3000);
        QTest::newRow("explicit ns") << QStringLiteral("17") << int(TimeUnit::Nanoseconds) << qint64(17);
        QTest::newRow("rfc3339 Z") << QStringLiteral("\"2023-11-14T22:13:20Z\"") << int(TimeUnit::Auto) << qint64(1700000000000000000);
        QTest::newRow("rfc3339 frac") << QStringLiteral("\"2023-11-14T22:13:20.123456789Z\"") << int(TimeUnit::Auto) << ns;
        QTest::newRow("rfc3339 ms frac") << QStringLiteral("\"2023-11-14T22:13:20.5z\"") << int(TimeUnit::Rfc3339) << qint64(1700000000500000000);
        QTest::newRow("rfc3339 +02:00") << QStringLiteral("\"2023-11-15T00:13:20+02:00\"") << int(TimeUnit::Auto) << qint64(1700000000000000000);
        QTest::newRow("rfc3339 -05:30") << QStringLiteral("\"2023-11-14T16:43:20.25-05:30\"") << int(TimeUnit::Auto) << qint64(1700000000250000000);
        QTest::newRow("numeric string") << QStringLiteral("\"1700000000\"") << int(TimeUnit::Auto) << qint64(1700000000000000000);
        QTest::newRow("garbage string") << QStringLiteral("\"yesterday\"") << int(TimeUnit::Auto) << qint64(0);
        QTest::newRow("bad offset") << QStringLiteral("\"2023-11-14T22:13:20+25:00\"") << int(TimeUnit::Auto) << qint64(0);
    }
    void timestampUnits()
    {
        QFETCH(QString, value);
        QFETCH(int, unit);
        QFETCH(qint64, expected);
        FieldMapping m;
        m.timestampUnit = TimeUnit(unit);
        const auto ev = one("{\"id\":\"a\",\"ts\":" + value.toStdString() + "}", m);
        QCOMPARE(qint64(ev.timestampNs), expected);
    }

    void priorities_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("expected");
        QTest::newRow("critical") << QStringLiteral("\"critical\"") << 0;
        QTest::newRow("HIGH") << QStringLiteral("\"HIGH\"") << 1;
        QTest::newRow("medium") << QStringLiteral("\"medium\"") << 2;
        QTest::newRow("Low") << QStringLiteral("\"Low\"") << 3;
        for (int n = 0; n <= 7; ++n)
            QTest::newRow(qPrintable(QStringLiteral("number %1").arg(n))) << QString::number(n) << n / 2;
        QTest::newRow("string 6") << QStringLiteral("\"6\"") << 3;
        QTest::newRow("8 out of range") << QStringLiteral("8") << 2;
        QTest::newRow("-1") << QStringLiteral("-1") << 2;
        QTest::newRow("unknown name") << QStringLiteral("\"urgent\"") << 2;
        QTest::newRow("float") << QStringLiteral("1.5") << 2;
        QTest::newRow("null") << QStringLiteral("null") << 2;
    }
    void priorities()
    {
        QFETCH(QString, value);
        QFETCH(int, expected);
        const auto ev = one("{\"priority\":" + value.toStdString() + "}");
        QCOMPARE(int(ev.priority), expected);
    }

    void missingFields()
    {
        const auto ev = one("{}");
        QCOMPARE(ev.priority, Priority::Medium);
        QCOMPARE(ev.timestampNs, std::int64_t(0));
        QCOMPARE(ev.latencyNs, std::int64_t(-1));
        QVERIFY(!ev.hasKey);
        QVERIFY(ev.text(ev.id).empty());
        QVERIFY(ev.text(ev.queue).empty());
    }

    void escapesAndDedupKey()
    {
        FieldMapping m;
        m.dedupKey = "trace";
        const auto a = one(q("{'id':'x','message':'say \\'hi\\'\\n','trace':'t-1'}"), m);
        QCOMPARE(a.text(a.message), std::string_view("say \"hi\"\n"));
        const auto b = one(q("{'id':'y','trace':'t-1'}"), m);
        QVERIFY(a.hasKey && b.hasKey);
        QCOMPARE(a.keyHash, b.keyHash); // keyed on trace, not id
        const auto c = one(q("{'id':'x'}"), m);
        QVERIFY(!c.hasKey);
    }

    void malformedKinds_data()
    {
        QTest::addColumn<QByteArray>("bad");
        QTest::addColumn<QString>("message");
        QTest::newRow("truncated") << QByteArray::fromStdString(q("{'id':'a','ts':")) << QString();
        QTest::newRow("array") << QByteArray("[1,2,3]") << QStringLiteral("not a JSON object");
        QTest::newRow("number") << QByteArray("42") << QStringLiteral("not a JSON object");
        QTest::newRow("string") << QByteArray::fromStdString(q("'text'")) << QStringLiteral("not a JSON object");
        QTest::newRow("invalid utf8") << QByteArray("{\"id\":\"\xff\xfe\"}") << QString();
        QTest::newRow("binary") << QByteArray("\x01\x02\x7f\x80garbage\x00zz", 14) << QString();
        QTest::newRow("plain text") << QByteArray("hello world") << QString();
        QTest::newRow("trailing") << QByteArray::fromStdString(q("{'id':'a'} {'id':'b'}")) << QString();
        QTest::newRow("unclosed string") << QByteArray::fromStdString(q("{'id':'abc}")) << QString();
    }
    void malformedKinds()
    {
        QFETCH(QByteArray, bad);
        QFETCH(QString, message);
        const std::string good1 = q("{'id':'g1','priority':'low'}");
        const std::string good2 = q("{'id':'g2','priority':'critical'}");
        const std::string text = good1 + "\n" + bad.toStdString() + "\n" + good2 + "\n";
        ParsedBatch pb;
        EventParser({}).parse(makeBatch(text, 100, 5000), pb);
        QCOMPARE(pb.malformed, std::uint64_t(1));
        QCOMPARE(pb.lines, std::uint64_t(3));
        const auto evs = all(pb);
        QCOMPARE(evs.size(), std::size_t(2));
        QCOMPARE(evs[0].text(evs[0].id), std::string_view("g2")); // critical lane first
        QCOMPARE(evs[1].text(evs[1].id), std::string_view("g1"));
        QCOMPARE(pb.lastError.line, std::uint64_t(101));
        QCOMPARE(pb.lastError.offset, std::uint64_t(5000 + good1.size() + 1));
        QCOMPARE(pb.lastError.sourceId, 7u);
        QCOMPARE(QString::fromStdString(pb.lastError.excerpt).toLatin1(), QByteArray(plainExcerpt(bad.toStdString()).c_str()));
        QVERIFY(!pb.lastError.message.empty());
        if (!message.isEmpty())
            QCOMPARE(QString::fromStdString(pb.lastError.message), message);
        for (char c : pb.lastError.excerpt)
            QVERIFY(c >= 0x20 && c < 0x7f);
    }

    void excerptIsCappedPlainText()
    {
        const std::string bad = "\x01" + std::string(300, 'x');
        ParsedBatch pb;
        EventParser({}).parse(makeBatch(bad + "\n\n   \n"), pb);
        QCOMPARE(pb.malformed, std::uint64_t(1));
        QCOMPARE(pb.lines, std::uint64_t(1)); // blank lines are not events
        QCOMPARE(pb.lastError.excerpt, "." + std::string(119, 'x'));
    }

    void crlfAndNoFinalNewline()
    {
        ParsedBatch pb;
        EventParser({}).parse(makeBatch("{\"id\":\"a\"}\r\n{\"id\":\"b\"}"), pb);
        QCOMPARE(pb.malformed, std::uint64_t(0));
        QCOMPARE(all(pb).size(), std::size_t(2));
    }

    // The engine parses large batches in ranges on two threads: same events, line
    // numbers and offsets as one parse, escaped strings of the tail in their own arena.
    void twoRangesMatchOneParse()
    {
        const std::string head = q("{'id':'a','queue':'q\\u00e9','priority':'high'}\n\n");
        const std::string tail = q("{'id':'b','queue':'t\\n','priority':1}\n{'id':'c', oops}\n");
        LineBatch batch = makeBatch(head + tail, 10, 1000);
        const EventParser parser({});
        const EventParser::BatchInfo info{batch.sourceId, batch.firstOffset, batch.arrivalNs};
        const auto block = EventParser::adopt(batch);
        QVERIFY(batch.bytes.empty());
        QVERIFY(block->bytes.capacity() >= block->bytes.size() + kLinePadding);
        ParsedBatch first, second;
        const std::uint64_t next = parser.parseRange(block, 0, head.size(), 10, info, false, first);
        QCOMPARE(next, std::uint64_t(12));
        QCOMPARE(parser.parseRange(block, head.size(), block->bytes.size(), next, info, true, second),
                 std::uint64_t(14));
        QCOMPARE(first.lines, std::uint64_t(1));
        QCOMPARE(second.lines, std::uint64_t(2));
        QCOMPARE(second.malformed, std::uint64_t(1));
        QCOMPARE(second.lastError.line, std::uint64_t(13));
        QCOMPARE(second.lastError.offset, std::uint64_t(1000 + head.size() + tail.find(q("{'id':'c'"))));
        const auto a = all(first), b = all(second);
        QCOMPARE(a.size(), std::size_t(1));
        QCOMPARE(b.size(), std::size_t(1));
        QCOMPARE(std::string(a[0].text(a[0].queue)), std::string("q\xc3\xa9"));
        QCOMPARE(std::string(b[0].text(b[0].queue)), std::string("t\n"));
        QCOMPARE(unsigned(b[0].queue.store), 2u);
        QCOMPARE(std::string(b[0].text(b[0].id)), std::string("b"));
        QCOMPARE(b[0].priority, Priority::Critical);

        ParsedBatch whole;
        parser.parse(makeBatch(head + tail, 10, 1000), whole);
        QCOMPARE(whole.lines, first.lines + second.lines);
        QCOMPARE(whole.lastError.line, second.lastError.line);
        QCOMPARE(whole.lastError.offset, second.lastError.offset);
    }

    // The fast path streams a whole batch through iterate_many; lines that do not stand
    // alone go through the line-by-line path. Random mixes of good and hostile lines must
    // give exactly what parsing every line on its own gives: same events with the same
    // fields, same malformed count, same last error (line, offset, message).
    // Within a batch a key is first compared with the key seen at the same position in
    // the previous object. Objects whose keys change places, keys that extend or cut a
    // mapped name, escaped spellings of a mapped name and keys around 16 bytes must map
    // exactly as a fresh parser maps them line by line.
    void keyPredictionMatchesLineByLine()
    {
        const std::vector<std::string> pool = {
            q("{'id':'p0','priority':'high','queue':'rt','ts':1700000000000000000,'latency_ns':5}"),
            q("{'idx':'n1','id':'p1','priority':'low'}"),
            q("{'id':'p2','idx':'n2','queue':'bulk'}"),
            q("{'i\\u0064':'esc','id':'p3','prio\\u0072ity':'critical'}"),
            q("{'priority_':'x','priority':'low','id':'p4'}"),
            q("{'priorit':'x','priority':'critical','id':'p5','queue':'q'}"),
            q("{'message_longer_than_16':'m','message':'short','id':'p6'}"),
            q("{'abcdefghijklmnop':'16','id':'p7','abcdefghijklmnopq':'17'}"),
            q("{'queue':'first','id':'p8','ts':'2024-05-01T12:00:00Z'}"),
            q("{'ts':1,'latency_ns':2,'queue':'a','id':'p9','id':'p9-again'}"),
            q("{'':'empty key','id':'p10'}"),
            q("{'id':'p11','node':'n','severity':'warn','message':'m'}"),
            q("{'node':'n','id':'p12'}"),
        };
        std::string why;
        QVERIFY2(sameAsLineByLine(pool, 0x853c49e6748fea9bull, 400, why), why.c_str());
    }

    void bulkMatchesLineByLine()
    {
        const std::vector<std::string> pool = {
            q("{'id':'a1','priority':'high','ts':1700000000000000000,'latency_ns':12,'queue':'rt'}"),
            q("   {'id':'a2','priority':'low'}   "),
            q("{'id':'a3','priority':'critical'}\r"),
            q("{'id':'a4','message':'say \\'hi\\' \\\\n','node':'n\\u00e9'}"),
            q("{'a':{'b':[1,2,{'c':'}'}]},'id':'nested','severity':'warn'}"),
            q("{}"),
            q("{'id':'t','x':tru}"),
            q("{'id':'u','ts':'2024-05-01T12:00:00.5Z','priority':3}"),
            q("{'id':'x'} {'id':'y'}"),
            q("{'id':'x'}{'id':'y'}"),
            q("{'id':'x'}}"),
            q("{'id':'x'} junk"),
            q("{'id':"),
            q("1}"),
            q("[1,2]"),
            "42",
            q("'just a string'"),
            q("{'id':'unclosed"),
            "{\"id\":\"bad\xff\xfeutf8\"}",
            std::string("\x01\x02{\x00}", 5),
            "",
            "   ",
            "\t\r",
        };
        std::uint64_t seed = 0x9e3779b97f4a7c15ull;
        const auto next = [&seed] {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            return seed;
        };
        const EventParser parser({});
        for (int round = 0; round < 300; ++round) {
            const std::size_t lines = 1 + next() % 60;
            std::vector<std::string> picked;
            std::string text;
            for (std::size_t i = 0; i < lines; ++i) {
                // Mostly good lines, so the fast path runs long stretches.
                const std::size_t k = next() % 4 ? next() % 8 : next() % pool.size();
                picked.push_back(pool[k]);
                text += pool[k];
                if (i + 1 < lines || next() % 2)
                    text += '\n';
            }
            ParsedBatch whole;
            parser.parse(makeBatch(text, 1, 0), whole);

            ParsedBatch single;
            std::vector<ParsedEvent> expected;
            std::deque<ParsedBatch> singles; // hold the blocks of `expected`
            std::uint64_t offset = 0;
            for (std::size_t i = 0; i < picked.size(); ++i) {
                ParsedBatch &one = singles.emplace_back();
                parser.parse(makeBatch(picked[i] + "\n", i + 1, offset), one);
                offset += picked[i].size() + 1;
                single.lines += one.lines;
                single.malformed += one.malformed;
                if (one.malformed)
                    single.lastError = one.lastError;
                for (const auto &ev : all(one))
                    expected.push_back(ev);
            }
            const std::string where = "round " + std::to_string(round) + ": " + plainExcerpt(text);
            QVERIFY2(whole.lines == single.lines, where.c_str());
            QVERIFY2(whole.malformed == single.malformed, where.c_str());
            QVERIFY2(whole.lastError.line == single.lastError.line, where.c_str());
            QVERIFY2(whole.lastError.offset == single.lastError.offset, where.c_str());
            QVERIFY2(whole.lastError.message == single.lastError.message, where.c_str());
            // Same events per lane, in line order.
            std::array<std::vector<const ParsedEvent *>, kLaneCount> byLane;
            for (const auto &ev : expected)
                byLane[static_cast<std::size_t>(ev.priority)].push_back(&ev);
            for (std::size_t l = 0; l < kLaneCount; ++l) {
                QVERIFY2(whole.lanes[l].size() == byLane[l].size(), where.c_str());
                for (std::size_t i = 0; i < byLane[l].size(); ++i) {
                    const ParsedEvent &got = whole.lanes[l][i];
                    const ParsedEvent &want = *byLane[l][i];
                    QCOMPARE(got.text(got.line), want.text(want.line));
                    QCOMPARE(got.text(got.id), want.text(want.id));
                    QCOMPARE(got.text(got.message), want.text(want.message));
                    QCOMPARE(got.text(got.node), want.text(want.node));
                    QCOMPARE(got.text(got.severity), want.text(want.severity));
                    QCOMPARE(got.timestampNs, want.timestampNs);
                    QCOMPARE(got.latencyNs, want.latencyNs);
                    QCOMPARE(got.keyHash, want.keyHash);
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TstEventParser)
#include "tst_event_parser.moc"

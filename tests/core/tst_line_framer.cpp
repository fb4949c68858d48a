// Unit tests of LineFramer: exact lines, every split point, limits, end-of-stream
// rules, empty lines, CRLF, binary input, batch sizes and the LineBatch contract.
#include "core/stream/line_framer.h"
#include "tests/core/tst_stream_sink.h"

#include <QTest>

#include <algorithm>
#include <memory>

using namespace vigil;
using vigil::test::RecordedLine;
using vigil::test::RecordingSink;

namespace {

struct Outcome
{
    std::vector<std::tuple<std::uint64_t, std::uint64_t, std::string>> lines;
    std::vector<std::tuple<std::uint64_t, std::uint64_t, std::string, std::string>> errors;
    bool operator==(const Outcome &) const = default;
};

Outcome outcomeOf(const RecordingSink &sink)
{
    Outcome out;
    for (const auto &l : sink.lines())
        out.lines.emplace_back(l.line, l.offset, l.text);
    for (const auto &e : sink.errors())
        out.errors.emplace_back(e.line, e.offset, e.message, e.excerpt);
    return out;
}

// Frames `input` fed in pieces cut at `cuts`, then ends it with completePartialLine().
Outcome frame(const std::string &input, const std::vector<std::size_t> &cuts, std::size_t maxLine,
              std::size_t batchBytes = 256u << 10, bool closeMidLine = false)
{
    RecordingSink sink;
    LineFramer framer(sink, 7, maxLine, batchBytes);
    std::size_t pos = 0;
    for (std::size_t cut : cuts) {
        framer.feed(std::string_view(input).substr(pos, cut - pos), 1);
        pos = cut;
    }
    framer.feed(std::string_view(input).substr(pos), 1);
    if (closeMidLine)
        framer.dropPartialLine();
    else
        framer.completePartialLine(1);
    framer.flush();
    if (!sink.violations().empty())
        qWarning("batch contract violated: %s", sink.violations().front().c_str());
    return outcomeOf(sink);
}

// The same through feedShared() (as a mapped file is framed) in pieces cut at `cuts`; the
// pieces at odd indexes go through feed() instead when `mixFeed` (a line begun by one
// kind of call and ended by the other).
Outcome frameShared(const std::string &input, const std::vector<std::size_t> &cuts, std::size_t maxLine,
                    std::size_t batchBytes, bool mixFeed, std::size_t *mapped = nullptr)
{
    // The "mapping": the input plus zero padding, kept alive by `backing`.
    auto storage = std::make_shared<std::string>(input);
    storage->append(kLinePadding, '\0');
    const std::shared_ptr<const void> backing = storage;
    const std::string_view all(storage->data(), input.size());
    RecordingSink sink;
    LineFramer framer(sink, 7, maxLine, batchBytes);
    std::size_t pos = 0, piece = 0;
    const auto feedPiece = [&](std::size_t end) {
        const std::string_view bytes = all.substr(pos, end - pos);
        if (mixFeed && piece % 2 == 1)
            framer.feed(bytes, 1);
        else
            framer.feedShared(backing, bytes, storage->size() - end, 1);
        ++piece;
        pos = end;
    };
    for (std::size_t cut : cuts)
        feedPiece(cut);
    feedPiece(input.size());
    framer.completePartialLine(1);
    framer.flush();
    if (!sink.violations().empty())
        qWarning("batch contract violated: %s", sink.violations().front().c_str());
    if (mapped)
        *mapped = sink.mappedBatchCount();
    return outcomeOf(sink);
}

} // namespace

class TestLineFramer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactLines()
    {
        RecordingSink sink;
        LineFramer framer(sink, 3, 1u << 20, 256u << 10);
        framer.feed("a\nbb\nccc\n", 42);
        QVERIFY(!sink.batchCount()); // nothing before a flush or a full batch
        QVERIFY(framer.hasPendingBatch());
        framer.flush();
        QCOMPARE(sink.batchCount(), 1u);
        const auto lines = sink.lines();
        QCOMPARE(lines.size(), 3u);
        QCOMPARE(lines[0].text, std::string("a"));
        QCOMPARE(lines[2].text, std::string("ccc"));
        QCOMPARE(lines[0].line, 1u);
        QCOMPARE(lines[2].line, 3u);
        QCOMPARE(lines[1].offset, 2u);
        QCOMPARE(lines[2].offset, 5u);
        QCOMPARE(lines[0].sourceId, 3u);
        QCOMPARE(lines[0].arrivalNs, 42);
        QVERIFY(sink.violations().empty());
        QCOMPARE(framer.offset(), 9u);
        QCOMPARE(framer.linesPushed(), 3u);
    }

    void splitAtEveryBoundary_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("maxLine");
        QTest::newRow("plain") << QByteArray("one\ntwo\nthree\n") << 100;
        QTest::newRow("empty+crlf") << QByteArray("\n{\"a\":1}\r\n\r\n\nlast") << 100;
        QTest::newRow("too long") << QByteArray("ok\n0123456789abcdef\nfine\nXXXXXXXXXXXXXXXXXXXXXXXX") << 10;
        QTest::newRow("exactly max") << QByteArray("0123456789\n01234567890\n0123456789") << 10;
        QTest::newRow("nul") << QByteArray("a\0b\n\0\n\xff\xfe\n", 9) << 100; // 9 bytes (was 11: read past the literal)
    }

    void splitAtEveryBoundary()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, maxLine);
        const std::string in = input.toStdString();
        const Outcome whole = frame(in, {}, static_cast<std::size_t>(maxLine));
        QVERIFY(!whole.lines.empty());
        for (std::size_t cut = 0; cut <= in.size(); ++cut)
            QVERIFY2(frame(in, {cut}, static_cast<std::size_t>(maxLine)) == whole,
                     qPrintable(QStringLiteral("cut at %1").arg(cut)));
        for (std::size_t a = 0; a <= in.size(); ++a)
            for (std::size_t b = a; b <= in.size(); ++b)
                QVERIFY(frame(in, {a, b}, static_cast<std::size_t>(maxLine)) == whole);
        std::vector<std::size_t> everyByte;
        for (std::size_t i = 1; i < in.size(); ++i)
            everyByte.push_back(i);
        QVERIFY(frame(in, everyByte, static_cast<std::size_t>(maxLine)) == whole);
        // A batch limit of one byte (a batch per line) frames the same lines.
        QVERIFY(frame(in, everyByte, static_cast<std::size_t>(maxLine), 1) == whole);
    }

    void tooLongLine()
    {
        const std::string longLine(25, 'x');
        const std::string in = "short\n" + longLine + "\nafter\n";
        const Outcome o = frame(in, {}, 10);
        QCOMPARE(o.lines.size(), 2u);
        QCOMPARE(o.lines[0], std::make_tuple(std::uint64_t(1), std::uint64_t(0), std::string("short")));
        QCOMPARE(o.lines[1], std::make_tuple(std::uint64_t(3), std::uint64_t(32), std::string("after")));
        QCOMPARE(o.errors.size(), 1u);
        QCOMPARE(o.errors[0], std::make_tuple(std::uint64_t(2), std::uint64_t(6),
                                              std::string("line exceeds 10 bytes limit"), longLine));
    }

    void twoMiBLineAtDefaultLimit()
    {
        RecordingSink sink;
        LineFramer framer(sink, 1, 1u << 20, 256u << 10);
        framer.setContext("127.0.0.1:53412");
        framer.feed("{\"before\":1}\n", 1);
        const std::string chunk(64u << 10, 'y');
        for (int i = 0; i < 32; ++i) // 2 MiB without a newline, in socket-sized reads
            framer.feed(chunk, 1);
        QCOMPARE(sink.errorCount(), 0u); // reported when the line ends
        QVERIFY(framer.hasPartialLine());
        framer.feed("yyy\n{\"after\":2}\n", 1);
        framer.flush();
        const auto errors = sink.errors();
        QCOMPARE(errors.size(), 1u);
        QCOMPARE(errors[0].line, 2u);
        QCOMPARE(errors[0].offset, 13u);
        QCOMPARE(errors[0].message, std::string("127.0.0.1:53412: line exceeds 1 MiB limit"));
        QCOMPARE(errors[0].excerpt, std::string(LineFramer::kExcerptBytes, 'y'));
        QCOMPARE(sink.texts(), (std::vector<std::string>{"{\"before\":1}", "{\"after\":2}"}));
        const auto lines = sink.lines();
        QCOMPARE(lines[1].line, 3u);
        QCOMPARE(lines[1].offset, 13u + (2u << 20) + 4u);
    }

    void closedMidLine()
    {
        RecordingSink sink;
        LineFramer framer(sink, 1, 1u << 20, 256u << 10);
        framer.setContext("127.0.0.1:53412");
        framer.feed("a\npart", 1);
        QVERIFY(framer.hasPartialLine());
        QVERIFY(framer.dropPartialLine());
        framer.flush();
        QCOMPARE(sink.texts(), std::vector<std::string>{"a"});
        const auto errors = sink.errors();
        QCOMPARE(errors.size(), 1u);
        QCOMPARE(errors[0].message, std::string("127.0.0.1:53412: connection closed mid-line"));
        QCOMPARE(errors[0].line, 2u);
        QCOMPARE(errors[0].offset, 2u);
        QCOMPARE(errors[0].excerpt, std::string("part"));
        QVERIFY(!framer.dropPartialLine()); // nothing left: no second report
        QCOMPARE(sink.errorCount(), 1u);
    }

    void closedWhileSkippingTooLongLineReportsOnce()
    {
        const Outcome o = frame("ok\n" + std::string(50, 'z'), {}, 10, 256u << 10, true);
        QCOMPARE(o.lines.size(), 1u);
        QCOMPARE(o.errors.size(), 1u);
        QCOMPARE(std::get<2>(o.errors[0]), std::string("line exceeds 10 bytes limit"));
    }

    void noFinalNewline()
    {
        RecordingSink sink;
        LineFramer framer(sink, 1, 1u << 20, 256u << 10);
        framer.feed("a\nb", 1);
        framer.completePartialLine(1);
        framer.flush();
        QCOMPARE(sink.texts(), (std::vector<std::string>{"a", "b"}));
        QVERIFY(sink.violations().empty()); // "b\n": the framer added the newline
        QCOMPARE(sink.errorCount(), 0u);
    }

    void emptyLinesAreSkippedAndSplitBatches()
    {
        RecordingSink sink;
        LineFramer framer(sink, 1, 1u << 20, 256u << 10);
        framer.feed("\n\na\n\r\n\nb\nc\n\n", 1);
        framer.flush();
        const auto lines = sink.lines();
        QCOMPARE(lines.size(), 3u);
        QCOMPARE(lines[0].line, 3u);
        QCOMPARE(lines[1].line, 6u);
        QCOMPARE(lines[2].line, 7u);
        QCOMPARE(lines[1].offset, 7u);
        QCOMPARE(sink.batchCount(), 2u); // a | b c: lines of a batch are consecutive
        QCOMPARE(sink.errorCount(), 0u);
    }

    void crlfKept()
    {
        const Outcome o = frame("a\r\nb\r\n", {}, 100);
        QCOMPARE(o.lines.size(), 2u);
        QCOMPARE(std::get<2>(o.lines[0]), std::string("a\r"));
        QCOMPARE(std::get<1>(o.lines[1]), 3u);
    }

    void binaryGarbage()
    {
        std::string in;
        std::uint32_t x = 12345;
        std::vector<std::string> expected;
        std::string line;
        for (int i = 0; i < 20000; ++i) {
            x = x * 1103515245u + 12345u;
            const char c = static_cast<char>(x >> 16);
            in.push_back(c);
            if (c == '\n') {
                if (!line.empty() && line != "\r") expected.push_back(line);
                line.clear();
            } else {
                line.push_back(c);
            }
        }
        if (!line.empty() && line != "\r") expected.push_back(line);
        QVERIFY(in.find('\0') != std::string::npos);
        const Outcome o = frame(in, {777, 4096, 9000}, 1u << 20, 512);
        std::vector<std::string> got;
        for (const auto &l : o.lines)
            got.push_back(std::get<2>(l));
        QCOMPARE(got, expected);
        QVERIFY(o.errors.empty());
    }

    void batchesFlushAtBatchBytes()
    {
        RecordingSink sink;
        LineFramer framer(sink, 1, 1u << 20, 100);
        std::string in;
        for (int i = 0; i < 1000; ++i)
            in += "123456789\n";
        framer.feed(in, 1);
        QCOMPARE(sink.batchCount(), 100u); // 10 lines of 10 bytes reach 100 bytes
        QVERIFY(!framer.hasPendingBatch());
        QCOMPARE(sink.lineCount(), 1000u);
        QVERIFY(sink.violations().empty());
        const auto lines = sink.lines();
        for (std::size_t i = 0; i < lines.size(); ++i) {
            QCOMPARE(lines[i].line, i + 1);
            QCOMPARE(lines[i].offset, i * 10);
        }
    }

    void restartNumbersFromOne()
    {
        RecordingSink sink;
        LineFramer framer(sink, 1, 1u << 20, 256u << 10);
        framer.feed("a\nb\npartial", 1);
        framer.restart();
        framer.feed("c\n", 1);
        framer.flush();
        const auto lines = sink.lines();
        QCOMPARE(lines.size(), 3u);
        QCOMPARE(lines[2].text, std::string("c"));
        QCOMPARE(lines[2].line, 1u);
        QCOMPARE(lines[2].offset, 0u);
        QCOMPARE(sink.errorCount(), 0u); // restart drops a partial line silently
    }

    // Zero-copy framing of a mapped file: lines go out as views, with the same numbers,
    // offsets, errors (too long, exact excerpt) and empty-line rules as feed(), however
    // the input is cut and whether a line spans feed() and feedShared() calls.
    void sharedMatchesCopying()
    {
        const std::vector<std::string> pool = {"{\"a\":1}", "", "\r", "x", "{\"b\":\"two words\"}\r", "  ",
                                               std::string(70, 'L'), std::string(130, 'M')};
        std::uint64_t seed = 0x2545f4914f6cdd1dull;
        const auto next = [&seed] {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            return seed;
        };
        std::size_t mappedTotal = 0;
        for (int round = 0; round < 400; ++round) {
            std::string input;
            const std::size_t lines = next() % 40;
            for (std::size_t i = 0; i < lines; ++i) {
                input += pool[next() % pool.size()];
                if (i + 1 < lines || next() % 2)
                    input += '\n';
            }
            const std::size_t maxLine = 40 + next() % 100; // some pool lines are too long
            const std::size_t batchBytes = 16 + next() % 200;
            std::vector<std::size_t> cuts;
            for (std::size_t c = next() % 5; c > 0 && !input.empty(); --c)
                cuts.push_back(next() % (input.size() + 1));
            std::sort(cuts.begin(), cuts.end());
            const Outcome want = frame(input, cuts, maxLine, batchBytes);
            std::size_t mapped = 0;
            const std::string where = "round " + std::to_string(round);
            QVERIFY2(frameShared(input, cuts, maxLine, batchBytes, false, &mapped) == want, where.c_str());
            QVERIFY2(frameShared(input, cuts, maxLine, batchBytes, true) == want, where.c_str());
            mappedTotal += mapped;
        }
        QVERIFY(mappedTotal > 100); // the views were used, not only the copying path
    }

    void sharedBatchesAreViews()
    {
        auto storage = std::make_shared<std::string>("one\ntwo\n\nthree\nfour");
        const std::size_t size = storage->size();
        storage->append(kLinePadding, '\0');
        RecordingSink sink;
        LineFramer framer(sink, 1, 1u << 20, 256u << 10);
        framer.feedShared(storage, std::string_view(storage->data(), size), kLinePadding, 5);
        // "one two" went out as one view (the empty line ends it), "three" as another; the
        // last line without '\n' waits as a partial line, copied.
        QCOMPARE(sink.batchCount(), 2u);
        QCOMPARE(sink.mappedBatchCount(), 2u);
        QVERIFY(framer.hasPartialLine());
        framer.completePartialLine(6);
        framer.flush();
        QCOMPARE(sink.batchCount(), 3u);
        QCOMPARE(sink.mappedBatchCount(), 2u);
        const auto lines = sink.lines();
        QCOMPARE(lines.size(), 4u);
        QCOMPARE(lines[2].text, std::string("three"));
        QCOMPARE(lines[2].line, 4u);
        QCOMPARE(lines[2].offset, 9u);
        QCOMPARE(lines[3].text, std::string("four"));
        QCOMPARE(lines[3].line, 5u);
        QCOMPARE(lines[3].arrivalNs, 6);
        QVERIFY(sink.violations().empty());
        QCOMPARE(framer.linesPushed(), 4u);
    }

    void formatLimit()
    {
        QCOMPARE(LineFramer::formatLimit(1u << 20), std::string("1 MiB"));
        QCOMPARE(LineFramer::formatLimit(64u << 10), std::string("64 KiB"));
        QCOMPARE(LineFramer::formatLimit(1000), std::string("1000 bytes"));
    }
};

QTEST_GUILESS_MAIN(TestLineFramer)
#include "tst_line_framer.moc"

// Integration tests of the file stream sources: file: following growth, rotation and
// truncation; a bare PATH read once; stdin through a helper process. Poll-based
// sources are awaited with QTRY_*_WITH_TIMEOUT, never with sleeps.
#include "core/stream/stream_source.h"
#include "tests/core/tst_stream_sink.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <condition_variable>
#include <thread>

using namespace vigil;
using vigil::test::RecordingSink;

namespace {

std::unique_ptr<StreamSource> make(const std::string &url, EventSink &sink, bool mapFiles = true,
                                   std::size_t mapWindowBytes = 32u << 20)
{
    StreamSourceOptions o;
    o.filePollIntervalMs = 20;
    o.mapFiles = mapFiles;
    o.mapWindowBytes = mapWindowBytes;
    auto r = createStreamSource(url, sink, o);
    if (!r) {
        qWarning("createStreamSource(%s): %s", url.c_str(), r.error().message.c_str());
        return nullptr;
    }
    return std::move(*r);
}

std::string line(const char *tag, int i)
{
    return std::string("{\"file\":\"") + tag + "\",\"seq\":" + std::to_string(i) + "}";
}

bool append(const QString &path, const char *tag, int from, int to, bool finalNewline = true)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Append)) return false;
    std::string data;
    for (int i = from; i < to; ++i)
        data += line(tag, i) + (finalNewline || i + 1 < to ? "\n" : "");
    return f.write(data.data(), qint64(data.size())) == qint64(data.size());
}

std::vector<std::string> expectedLines(const char *tag, int from, int to)
{
    std::vector<std::string> out;
    for (int i = from; i < to; ++i)
        out.push_back(line(tag, i));
    return out;
}

template <typename T> std::vector<T> operator+(std::vector<T> a, const std::vector<T> &b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// Blocks every push() until open() — an engine lane full under the block policy.
class GatedSink : public RecordingSink
{
public:
    void push(LineBatch &&batch) override
    {
        std::unique_lock lock(m_mutex);
        ++m_waiting;
        m_cv.wait(lock, [this] { return m_open; });
        lock.unlock();
        RecordingSink::push(std::move(batch));
    }
    int waiting() const
    {
        std::lock_guard lock(m_mutex);
        return m_waiting;
    }
    void open()
    {
        std::lock_guard lock(m_mutex);
        m_open = true;
        m_cv.notify_all();
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_open = false;
    int m_waiting = 0;
};

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

struct ReadOnce
{
    std::vector<vigil::test::RecordedLine> lines;
    std::vector<FramingError> errors;
    std::vector<std::string> ended;
    std::size_t batches = 0, mapped = 0;
    std::vector<std::string> violations;
};

// Reads `path` once through a bare-PATH source, mapped (in windows of mapWindowBytes) or
// with read().
ReadOnce readOnce(const QString &path, bool mapFiles, std::size_t mapWindowBytes = 32u << 20)
{
    RecordingSink sink;
    auto source = make(path.toStdString(), sink, mapFiles, mapWindowBytes);
    ReadOnce r;
    if (!source)
        return r;
    source->start();
    for (int i = 0; i < 1000 && !source->finished(); ++i)
        QTest::qWait(10);
    source->stop();
    r.lines = sink.lines();
    r.errors = sink.errors();
    r.ended = sink.ended(source->sourceId());
    r.batches = sink.batchCount();
    r.mapped = sink.mappedBatchCount();
    r.violations = sink.violations();
    return r;
}

} // namespace

class TestStreamSourcesFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followAppendAndRotate()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("events.ndjson"));
        QVERIFY(append(path, "old", 0, 100));
        RecordingSink sink;
        auto source = make("file:" + path.toStdString(), sink);
        QVERIFY(source);
        const auto id = source->sourceId();
        source->start();
        QTRY_COMPARE_WITH_TIMEOUT(sink.lineCount(), 100u, 5000);
        QVERIFY(append(path, "old", 100, 200));
        QTRY_COMPARE_WITH_TIMEOUT(sink.lineCount(), 200u, 5000);

        // logrotate: rename, the writer still appends to the old file, then a new file.
        QVERIFY(QFile::rename(path, path + QStringLiteral(".1")));
        QVERIFY(append(path + QStringLiteral(".1"), "old", 200, 220));
        QVERIFY(append(path, "new", 0, 50));
        QTRY_COMPARE_WITH_TIMEOUT(sink.lineCount(), 270u, 5000);
        QVERIFY(append(path, "new", 50, 60));
        QTRY_COMPARE_WITH_TIMEOUT(sink.lineCount(), 280u, 5000);
        QCOMPARE(sink.texts(), expectedLines("old", 0, 220) + expectedLines("new", 0, 60));
        const auto lines = sink.lines();
        QCOMPARE(lines[220].line, 1u); // numbering restarts with the new file
        QCOMPARE(lines[220].offset, 0u);
        QVERIFY(sink.hasState(id, "following " + path.toStdString()));
        QVERIFY(sink.hasState(id, path.toStdString() + " rotated"));
        QCOMPARE(sink.errorCount(), 0u);
        QVERIFY(sink.violations().empty());
        QCOMPARE(sink.infos()[0].policy, LanePolicy::Block);
        source->stop();
        QCOMPARE(sink.ended(id), std::vector<std::string>{"stopped"});
        QVERIFY(!source->finished());
    }

    void followTruncation()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("events.ndjson"));
        QVERIFY(append(path, "a", 0, 100));
        RecordingSink sink;
        auto source = make("file:" + path.toStdString(), sink);
        QVERIFY(source);
        const auto id = source->sourceId();
        source->start();
        QTRY_COMPARE_WITH_TIMEOUT(sink.lineCount(), 100u, 5000);
        // copytruncate: the copy is someone else's business; the file shrinks to 0.
        QVERIFY(QFile::copy(path, path + QStringLiteral(".1")));
        QVERIFY(QFile::resize(path, 0));
        QTRY_VERIFY_WITH_TIMEOUT(sink.hasState(id, path.toStdString() + " truncated"), 5000);
        QVERIFY(append(path, "b", 0, 30));
        QTRY_COMPARE_WITH_TIMEOUT(sink.lineCount(), 130u, 5000);
        QCOMPARE(sink.texts(), expectedLines("a", 0, 100) + expectedLines("b", 0, 30));
        QCOMPARE(sink.lines()[100].line, 1u);
        QCOMPARE(sink.errorCount(), 0u);
    }

    void followWaitsForMissingFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("later.ndjson"));
        RecordingSink sink;
        auto source = make("file:" + path.toStdString(), sink);
        QVERIFY(source);
        source->start();
        QTRY_VERIFY_WITH_TIMEOUT(sink.hasState(source->sourceId(), "waiting for " + path.toStdString()),
                                 5000);
        QVERIFY(append(path, "late", 0, 10));
        QTRY_COMPARE_WITH_TIMEOUT(sink.lineCount(), 10u, 5000);
    }

    void barePathReadsOnceAndEnds()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("once.ndjson"));
        constexpr int kLines = 50000;                    // ~1.5 MB: several batches
        QVERIFY(append(path, "once", 0, kLines, false)); // no final newline
        RecordingSink sink;
        auto source = make(path.toStdString(), sink);
        QVERIFY(source);
        source->start();
        QTRY_VERIFY_WITH_TIMEOUT(source->finished(), 10000);
        QCOMPARE(sink.lineCount(), std::size_t(kLines));
        QCOMPARE(sink.texts().back(), line("once", kLines - 1));
        QCOMPARE(sink.ended(source->sourceId()), std::vector<std::string>{"end of input"});
        QVERIFY(sink.batchCount() > 1 && sink.batchCount() < 20);
        QVERIFY(sink.violations().empty());
        QCOMPARE(sink.infos()[0].policy, LanePolicy::Block);
        source->stop();
        QCOMPARE(sink.ended(source->sourceId()).size(), 1u);
    }

    void stopWhilePushBlocks()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.ndjson"));
        QVERIFY(append(path, "big", 0, 100000));
        GatedSink sink;
        auto source = make(path.toStdString(), sink);
        QVERIFY(source);
        source->start();
        QTRY_COMPARE_WITH_TIMEOUT(sink.waiting(), 1, 5000);
        // Stop order: stop() joins once the engine lets the blocked push return.
        std::atomic<bool> stopped{false};
        std::thread stopper([&] {
            source->stop();
            stopped = true;
        });
        QVERIFY(!stopped.load());
        sink.open();
        stopper.join();
        QVERIFY(stopped.load());
        QCOMPARE(sink.ended(source->sourceId()), std::vector<std::string>{"stopped"});
        QVERIFY(sink.lineCount() < 100000u);
        QVERIFY(!source->finished());
    }

    // A bare PATH naming a regular file is mapped and framed in place. Whatever the file
    // holds, the lines, their numbers and offsets, the framing errors (line, offset,
    // message, excerpt) and the end are exactly those of reading it with read().
    void mappedMatchesRead_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("lines");
        QTest::addColumn<int>("errors");
        const QByteArray mib(1 << 20, 'x');
        QTest::newRow("empty file") << QByteArray() << 0 << 0;
        QTest::newRow("no final newline") << QByteArray("{\"a\":1}\n{\"b\":2}") << 2 << 0;
        QTest::newRow("one partial line") << QByteArray("{\"a\":1}") << 1 << 0;
        QTest::newRow("only newlines") << QByteArray("\n\r\n\n") << 0 << 0;
        QTest::newRow("empty and CR lines") << QByteArray("{\"a\":1}\n\n\r\n{\"b\":2}\r\n\n{\"c\":3}\n") << 3 << 0;
        QTest::newRow("line over 1 MiB in the middle") << QByteArray("{\"a\":1}\n") + mib + "x\n{\"b\":2}\n" << 2 << 1;
        QTest::newRow("line of exactly 1 MiB") << QByteArray("{\"a\":1}\n") + mib + "\n{\"b\":2}" << 3 << 0;
        QTest::newRow("first line over 1 MiB") << mib + mib + "\n{\"a\":1}\n" << 1 << 1;
        QTest::newRow("last line over 1 MiB, no final newline") << QByteArray("{\"a\":1}\n") + mib + "yz" << 1 << 1;
        QByteArray many;
        int manyLines = 0;
        for (int i = 0; i < 30000; ++i) {
            if (i % 1000 == 999) {
                many += "\n"; // an empty line now and then ends a batch
                continue;
            }
            many += QByteArray::fromStdString(line("m", i)) + (i % 7 == 0 ? "\r\n" : "\n");
            ++manyLines;
        }
        QTest::newRow("many batches") << many << manyLines << 0;
    }

    void mappedMatchesRead()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, lines);
        QFETCH(int, errors);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("once.ndjson"));
        QVERIFY(writeFile(path, content));
        const ReadOnce read = readOnce(path, false);
        QCOMPARE(read.lines.size(), std::size_t(lines));
        QCOMPARE(read.errors.size(), std::size_t(errors));
        // One window for the whole file, then small ones: lines (short, long, too long)
        // cross window ends and are finished the copying way.
        for (const std::size_t window : {std::size_t(32) << 20, std::size_t(4096), std::size_t(3) << 16}) {
            const ReadOnce mapped = readOnce(path, true, window);
            QCOMPARE(mapped.lines.size(), read.lines.size());
            for (std::size_t i = 0; i < read.lines.size(); ++i) {
                QCOMPARE(mapped.lines[i].line, read.lines[i].line);
                QCOMPARE(mapped.lines[i].offset, read.lines[i].offset);
                QCOMPARE(mapped.lines[i].text, read.lines[i].text);
            }
            QCOMPARE(mapped.errors.size(), read.errors.size());
            for (std::size_t i = 0; i < read.errors.size(); ++i) {
                QCOMPARE(mapped.errors[i].line, read.errors[i].line);
                QCOMPARE(mapped.errors[i].offset, read.errors[i].offset);
                QCOMPARE(mapped.errors[i].message, read.errors[i].message);
                QCOMPARE(mapped.errors[i].excerpt, read.errors[i].excerpt);
            }
            QCOMPARE(mapped.ended, std::vector<std::string>{"end of input"});
            QCOMPARE(read.ended, std::vector<std::string>{"end of input"});
            QVERIFY(mapped.violations.empty());
            QVERIFY(read.violations.empty());
            QCOMPARE(read.mapped, 0u);
            // Complete lines went out as views of the mapping (a last line without '\n' is
            // copied, so a file of one partial line has none).
            const bool hasCompleteLine = content.contains('\n') && lines > (content.endsWith('\n') ? 0 : 1);
            if (hasCompleteLine)
                QVERIFY(mapped.mapped > 0);
        }
    }

    // The mapping is the file's size at open; what is appended while it is framed comes
    // through read() after it, numbered on.
    void mappedFileGrowingWhileRead()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("grow.ndjson"));
        QVERIFY(append(path, "g", 0, 20000)); // ~0.6 MB: several batches
        GatedSink sink;
        auto source = make(path.toStdString(), sink);
        QVERIFY(source);
        source->start();
        QTRY_COMPARE_WITH_TIMEOUT(sink.waiting(), 1, 5000); // mapped, first batch waiting
        QVERIFY(append(path, "g", 20000, 20500));
        sink.open();
        QTRY_VERIFY_WITH_TIMEOUT(source->finished(), 10000);
        QCOMPARE(sink.texts(), expectedLines("g", 0, 20500));
        const auto lines = sink.lines();
        QCOMPARE(lines.back().line, 20500u);
        QVERIFY(sink.mappedBatchCount() > 0);
        QVERIFY(sink.mappedBatchCount() < sink.batchCount()); // the appended lines were read()
        QCOMPARE(sink.ended(source->sourceId()), std::vector<std::string>{"end of input"});
        QCOMPARE(sink.errorCount(), 0u);
    }

    // A file truncated while it is mapped: the pages it lost would raise SIGBUS; they read
    // as zeros instead, and the source ends with the reason. No crash.
    void mappedFileTruncatedWhileRead()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shrink.ndjson"));
        QVERIFY(append(path, "t", 0, 100000)); // ~3 MB
        GatedSink sink;
        auto source = make(path.toStdString(), sink);
        QVERIFY(source);
        source->start();
        QTRY_COMPARE_WITH_TIMEOUT(sink.waiting(), 1, 5000);
        QVERIFY(QFile::resize(path, 1000));
        sink.open(); // the sink reads the first batch (its tail is gone), the framer goes on
        QTRY_VERIFY_WITH_TIMEOUT(source->finished(), 10000);
        QCOMPARE(sink.ended(source->sourceId()),
                 std::vector<std::string>{path.toStdString() + " was truncated while being read"});
        QVERIFY(sink.lineCount() < 100000u);
        const auto texts = sink.texts();
        QVERIFY(texts.size() >= 20);
        QCOMPARE(texts[0], line("t", 0)); // bytes still in the file are intact
        QCOMPARE(texts[19], line("t", 19));
        source->stop();
    }

    void barePathMissingIsAnError()
    {
        RecordingSink sink;
        auto r = createStreamSource("/nonexistent/vigil/events.ndjson", sink);
        QVERIFY(!r);
        QCOMPARE(r.error().message,
                 std::string("cannot read /nonexistent/vigil/events.ndjson: No such file or directory"));
        QVERIFY(sink.infos().empty());
    }

    void stdinThroughHelper()
    {
        QProcess helper;
        helper.start(QCoreApplication::applicationDirPath() + QStringLiteral("/stream_stdin_helper"), {});
        QVERIFY2(helper.waitForStarted(5000), qPrintable(helper.errorString()));
        QByteArray input;
        for (int i = 0; i < 20000; ++i)
            input += QByteArray::fromStdString(line("stdin", i)) + '\n';
        input += QByteArray(2 << 20, 'Z') + '\n';
        input += QByteArray("\n\r\n");
        input += QByteArray::fromStdString(line("stdin", 20000)); // no final newline
        helper.write(input);
        helper.closeWriteChannel();
        QVERIFY(helper.waitForFinished(30000));
        QCOMPARE(helper.exitCode(), 0);
        const QString out = QString::fromUtf8(helper.readAllStandardOutput());
        QVERIFY2(out.startsWith(QStringLiteral(
                     "lines=20001 errors=1 ended=end of input violations=0 finished=1 policy=0\n")),
                 qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("error=20001:line exceeds 1 MiB limit\n")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("last={\"file\":\"stdin\",\"seq\":20000}")), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestStreamSourcesFile)
#include "tst_stream_sources_file.moc"

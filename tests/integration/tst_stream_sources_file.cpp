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

std::unique_ptr<StreamSource> make(const std::string &url, EventSink &sink)
{
    StreamSourceOptions o;
    o.filePollIntervalMs = 20;
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

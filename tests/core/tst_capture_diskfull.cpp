// CaptureWriter when the disk fills up: recording stops cleanly with a visible reason,
// later input is counted as dropped, and every frame written so far stays readable.
// Two ways to run out of room: a 1 MiB tmpfs (ENOSPC; needs root to mount) and
// RLIMIT_FSIZE with SIGXFSZ ignored (EFBIG; works unprivileged), the latter also with
// a producer that blocks for room (WhenFull::Wait). Each skips loudly when its
// mechanism is unavailable.
#include "tst_capture_util.h"
#include "tests/support/file_size_limit.h"

#include "core/capture/capture_format.h"

#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <random>
#include <sys/mount.h>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

using namespace vigil;
using namespace vigil::capture;
using namespace vigil::test;

namespace {

// Incompressible lines until the writer reports an error (or 20 s pass). A waiting
// producer (WhenFull::Wait) must be refused once recording stopped, never left blocked.
void fillUntilFailure(CaptureWriter &w, WhenFull whenFull)
{
    std::mt19937_64 rng(99);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (int round = 0; std::chrono::steady_clock::now() < until; ++round) {
        std::vector<std::string> lines;
        for (int i = 0; i < 50; ++i) {
            std::string l = "{\"id\":\"" + std::to_string(round * 50 + i) + "\",\"noise\":\"";
            for (int k = 0; k < 40; ++k)
                l += "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/"[rng() % 64];
            lines.push_back(l + "\"}");
        }
        const bool queued =
            w.addEventLines(lineBatch(1, lines, 1'700'000'000'000'000'000 + round * 1'000'000), whenFull);
        if (whenFull == WhenFull::Wait && !queued) {
            QVERIFY(!w.status().error.empty());
            return;
        }
        if (whenFull == WhenFull::Drop && round % 8 == 7 && !w.flush(false)) return;
    }
}

void expectCleanStop(const std::string &path, const char *needle, WhenFull whenFull = WhenFull::Drop)
{
    WriterOptions o;
    o.path = path;
    o.zstdLevel = 0;
    o.frameBytes = 16 << 10;
    if (whenFull == WhenFull::Wait) o.maxQueuedBytes = 32 << 10; // the producer waits often
    auto writer = CaptureWriter::open(o);
    QVERIFY2(writer.ok(), writer.ok() ? "" : writer.error().message.c_str());
    CaptureWriter &w = **writer;
    w.addEventSource(1, "file:/dev/urandom");
    fillUntilFailure(w, whenFull);
    const WriterStatus st = w.status();
    qInfo("stopped after %llu frames, %llu bytes: %s", (unsigned long long)st.writtenSequence,
          (unsigned long long)st.bytesWritten, st.error.c_str());
    QVERIFY2(st.error.find(needle) != std::string::npos, st.error.c_str());
    QVERIFY2(st.error.find(" at offset ") != std::string::npos, st.error.c_str());
    QVERIFY(!st.recording);
    QVERIFY(st.writtenSequence > 0);

    // Input after the failure is counted, never blocks, never writes.
    const std::uint64_t droppedBefore = st.droppedRecords;
    w.addNote({1, 2, "me", "after the disk filled up"});
    w.addEventLines(lineBatch(1, {"a", "b", "c"}, 5));
    QVERIFY(w.status().droppedRecords >= droppedBefore + 4);
    const auto flushed = w.flush(true);
    QVERIFY(!flushed.ok());
    QCOMPARE(flushed.error().message, st.error);
    const auto closed = w.close();
    QVERIFY(!closed.ok());
    QCOMPARE(closed.error().message, st.error);

    // Everything written is readable; the failed frame was cut off (or is a torn tail).
    const std::string bytes = readBytes(path);
    QCOMPARE(std::uint64_t(bytes.size()), w.status().bytesWritten);
    auto reader = CaptureReader::openMemory(bytes);
    QVERIFY2(reader.ok(), reader.ok() ? "" : reader.error().message.c_str());
    QVERIFY2((*reader)->damage().empty() ||
                 ((*reader)->damage().size() == 1 && (*reader)->damage()[0].tornTail),
             describe(**reader).c_str());
    const CaptureContents c = readAll(**reader);
    QVERIFY(c.errors.empty());
    QVERIFY(!c.events.empty());
    QCOMPARE(c.sources.size(), std::size_t(1));
    std::uint64_t lastSeq = 0;
    for (const FrameInfo &f : (*reader)->frames())
        lastSeq = std::max(lastSeq, f.sequence);
    QVERIFY(lastSeq + 1 <= st.writtenSequence);
    QVERIFY(lastSeq + 2 >= st.writtenSequence); // at most an index frame after it
}

} // namespace

class TestCaptureDiskFull : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void tinyTmpfs()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string mnt = dir.path().toStdString();
        if (::geteuid() != 0)
            QSKIP("*** SKIPPED: not root, cannot mount a 1 MiB tmpfs: ENOSPC path untested here "
                  "(fileSizeLimit covers EFBIG) ***");
        if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=1m") != 0) {
            const std::string why = "*** SKIPPED: mount -t tmpfs -o size=1m failed (" +
                                    std::string(std::strerror(errno)) +
                                    "): ENOSPC path untested here (fileSizeLimit covers EFBIG) ***";
            QSKIP(why.c_str());
        }
        struct Unmount
        {
            std::string dir;
            ~Unmount() { ::umount2(dir.c_str(), MNT_DETACH); }
        } unmount{mnt};
        expectCleanStop(mnt + "/full.vcap", "disk full: No space left on device");
    }

    void fileSizeLimit() { limitedFile("/limited.vcap", WhenFull::Drop); }
    // The same with a producer that waits for room: it is released by the failure.
    void fileSizeLimitWaitingProducer() { limitedFile("/limited-wait.vcap", WhenFull::Wait); }

  private:
    void limitedFile(const char *name, WhenFull whenFull)
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const test::FileSizeLimit limit(300 << 10);
        if (!limit.ok())
            QSKIP(("*** SKIPPED: " + limit.why() + ": EFBIG path untested ***").c_str());
        expectCleanStop(dir.path().toStdString() + name, "file too large", whenFull);
        QVERIFY(std::filesystem::file_size(dir.path().toStdString() + name) <= (300u << 10));
    }
};

QTEST_GUILESS_MAIN(TestCaptureDiskFull)
#include "tst_capture_diskfull.moc"

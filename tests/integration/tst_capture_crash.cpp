// Crash safety of `vigilctl record` (label integration): many trials of recording a fast
// TCP stream of numbered NDJSON lines with small, frequent frames, each killed with
// SIGKILL after a random delay (seeded RNG). After each kill:
//   - every frame acknowledged as written (the recorder's last progress line printed
//     before the kill: frames=F events=E) is in the file, complete;
//   - CaptureReader reads every complete frame back, and the event ids are 1, 2, 3, ...
//     without gaps or duplicates, at least E of them;
//   - a torn last frame is reported by the reader (at the offset where the complete
//     frames end) and by `vigilctl capture verify` (exit 1, "offset N" on stderr);
//     without one, verify exits 0; verify never dies of a signal.
// A kill tears a frame only when it lands inside a write() (big frames at a high rate
// make that happen now and then); when it did not, the test tears a copy of the file
// inside its last frame at a random point, so the torn-tail path is checked every trial.
// Overrides: VIGIL_CRASH_TRIALS (50), VIGIL_CRASH_SEED, VIGIL_CRASH_FRAMES (frame sizes,
// comma-separated), VIGIL_CRASH_RATE_MIN/MAX (feeder MB/s, 20-120).
#include "core/capture/capture_reader.h"
#include "tests/support/test_paths.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstring>
#include <random>
#include <thread>

using namespace vigil;

namespace {

// Serves numbered lines {"id":"N",...} to one client on 127.0.0.1, paced at about
// `bytesPerSecond`, until stopped or the client goes away.
class LineFeeder
{
  public:
    explicit LineFeeder(std::size_t bytesPerSecond) : m_rate(bytesPerSecond)
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (m_listen < 0 || ::bind(m_listen, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 ||
            ::listen(m_listen, 4) != 0 ||
            ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&a), &len) != 0)
            return;
        m_port = ntohs(a.sin_port);
        m_thread = std::thread([this] { run(); });
    }
    ~LineFeeder()
    {
        m_stop = true;
        if (m_thread.joinable()) m_thread.join();
        if (m_listen >= 0) ::close(m_listen);
    }
    quint16 port() const { return m_port; }
    std::uint64_t sent() const { return m_next - 1; }

  private:
    void run()
    {
        int fd = -1;
        while (!m_stop && fd < 0) {
            pollfd p{m_listen, POLLIN, 0};
            if (::poll(&p, 1, 20) > 0) fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
        }
        if (fd < 0) return;
        const auto start = std::chrono::steady_clock::now();
        std::size_t total = 0;
        std::string chunk;
        while (!m_stop) {
            chunk.clear();
            for (int i = 0; i < 200; ++i, ++m_next)
                chunk += "{\"id\":\"" + std::to_string(m_next) +
                         "\",\"priority\":\"low\",\"queue\":\"q\","
                         "\"message\":\"line " +
                         std::to_string(m_next) + " of the crash test\"}\n";
            std::size_t off = 0;
            while (off < chunk.size() && !m_stop) {
                pollfd p{fd, POLLOUT, 0};
                if (::poll(&p, 1, 20) <= 0) continue;
                const ssize_t n = ::send(fd, chunk.data() + off, chunk.size() - off, MSG_NOSIGNAL);
                if (n <= 0) {
                    ::close(fd);
                    return;
                }
                off += std::size_t(n);
            }
            total += chunk.size();
            // Pace: sleep while ahead of the rate.
            const auto due = start + std::chrono::microseconds(total * 1'000'000 / m_rate);
            std::this_thread::sleep_until(due);
        }
        ::close(fd);
    }

    std::size_t m_rate;
    int m_listen = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<std::uint64_t> m_next{1};
    std::thread m_thread;
};

struct Walk
{
    std::uint64_t end = 0;       // where the complete frames end
    std::uint64_t frames = 0;    // complete frames (any type)
    std::uint64_t lastStart = 0; // offset of the last complete frame
    bool headerOk = false;
};

// An independent walk of the frame headers (docs/capture-format.md): 64-byte file
// header, then 40-byte frame headers with the stored size at byte 8.
Walk walkFrames(const QByteArray &bytes)
{
    Walk w;
    if (bytes.size() < 64 || !bytes.startsWith("VIGILCAP")) return w;
    w.headerOk = true;
    std::uint64_t off = 64;
    w.end = off;
    while (off + 40 <= std::uint64_t(bytes.size())) {
        if (std::memcmp(bytes.constData() + off, "VFRM", 4) != 0) break;
        std::uint32_t stored = 0;
        std::memcpy(&stored, bytes.constData() + off + 8, 4); // little-endian host
        if (off + 40 + stored > std::uint64_t(bytes.size())) break;
        w.lastStart = off;
        off += 40 + stored;
        ++w.frames;
        w.end = off;
    }
    return w;
}

} // namespace

class TstCaptureCrash : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void killedRecorderKeepsEveryAcknowledgedFrame()
    {
        const int trials = qEnvironmentVariableIsSet("VIGIL_CRASH_TRIALS")
                               ? qEnvironmentVariableIntValue("VIGIL_CRASH_TRIALS")
                               : 50;
        const quint64 seed = qEnvironmentVariableIsSet("VIGIL_CRASH_SEED")
                                 ? qEnvironmentVariable("VIGIL_CRASH_SEED").toULongLong()
                                 : 20240501;
        std::mt19937_64 rng(seed);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString vigilctl = test::binaryPath(QStringLiteral("app/vigilctl/vigilctl"));
        const QRegularExpression progressRe(
            QStringLiteral("vigilctl record: progress frames=(\\d+) bytes=(\\d+) events=(\\d+) samples=\\d+ "
                           "scrapes=\\d+ dropped=(\\d+)\n"));
        const QStringList frameSizes =
            qEnvironmentVariable("VIGIL_CRASH_FRAMES", QStringLiteral("64K,256K,1M,4M,8M"))
                .split(QLatin1Char(','));
        const int rateMin = qEnvironmentVariableIsSet("VIGIL_CRASH_RATE_MIN")
                                ? qEnvironmentVariableIntValue("VIGIL_CRASH_RATE_MIN")
                                : 20;
        const int rateMax = qEnvironmentVariableIsSet("VIGIL_CRASH_RATE_MAX")
                                ? qEnvironmentVariableIntValue("VIGIL_CRASH_RATE_MAX")
                                : 120;

        int torn = 0, emptyAck = 0, simulatedTears = 0;
        std::uint64_t maxLost = 0, maxAckEvents = 0, totalEvents = 0, totalAckFrames = 0, maxTornBytes = 0;
        QElapsedTimer clock;
        clock.start();
        for (int trial = 0; trial < trials; ++trial) {
            const QString file = dir.filePath(QStringLiteral("crash-%1.vcap").arg(trial));
            // Big frames at a high rate make the kill land inside a write() now and then.
            LineFeeder feeder(std::uniform_int_distribution<std::size_t>(rateMin, rateMax)(rng)
                              << 20); // MB/s
            QVERIFY(feeder.port() != 0);
            const QString frameBytes =
                frameSizes[std::uniform_int_distribution<int>(0, int(frameSizes.size()) - 1)(rng)];
            const QString level = QString::number(std::uniform_int_distribution<int>(0, 1)(rng));
            const int killAfterMs = std::uniform_int_distribution<int>(0, 300)(rng);

            QProcess p;
            p.start(vigilctl,
                    {QStringLiteral("record"), QStringLiteral("--listen"),
                     QStringLiteral("tcp://127.0.0.1:%1").arg(feeder.port()), QStringLiteral("--frame-bytes"),
                     frameBytes, QStringLiteral("--frame-age"), QStringLiteral("5ms"),
                     QStringLiteral("--progress-interval"), QStringLiteral("3ms"),
                     QStringLiteral("--zstd-level"), level, QStringLiteral("-o"), file});
            QVERIFY(p.waitForStarted(10000));
            QByteArray err;
            QVERIFY2(QTest::qWaitFor(
                         [&] {
                             err += p.readAllStandardError();
                             return err.contains("vigilctl record: recording to");
                         },
                         20000),
                     err.constData());
            // The random moment: a plain sleep (no event processing), then SIGKILL.
            QTest::qSleep(killAfterMs);
            ::kill(pid_t(p.processId()), SIGKILL);
            QVERIFY(p.waitForFinished(10000));
            QCOMPARE(p.exitStatus(), QProcess::CrashExit);
            err += p.readAllStandardError();

            // The last complete progress line printed before the kill.
            std::uint64_t ackFrames = 0, ackEvents = 0, dropped = 0;
            auto it = progressRe.globalMatch(QString::fromUtf8(err));
            while (it.hasNext()) {
                const auto m = it.next();
                ackFrames = m.captured(1).toULongLong();
                ackEvents = m.captured(3).toULongLong();
                dropped = m.captured(4).toULongLong();
            }
            QCOMPARE(dropped, std::uint64_t(0));
            if (ackEvents == 0) ++emptyAck;

            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            const Walk w = walkFrames(bytes);
            const QString where = QStringLiteral("trial %1 (seed %2, kill after %3 ms, frame %4, zstd %5): ")
                                      .arg(trial)
                                      .arg(seed)
                                      .arg(killAfterMs)
                                      .arg(frameBytes, level);
            QVERIFY2(w.headerOk || ackFrames == 0,
                     qPrintable(where + QStringLiteral("no header but frames acked")));
            const std::uint64_t lost = ackFrames > w.frames ? ackFrames - w.frames : 0;
            maxLost = std::max(maxLost, lost);
            QVERIFY2(lost == 0,
                     qPrintable(where + QStringLiteral("%1 acknowledged frames, %2 complete in the file")
                                            .arg(ackFrames)
                                            .arg(w.frames)));
            const bool isTorn = w.headerOk && w.end < std::uint64_t(bytes.size());
            if (isTorn) {
                ++torn;
                maxTornBytes = std::max<std::uint64_t>(maxTornBytes, bytes.size() - w.end);
            }

            // The reader: every complete frame reads back; ids 1..n in order, n >= acked.
            std::uint64_t events = 0;
            if (w.headerOk) {
                auto reader = capture::CaptureReader::open(file.toStdString());
                QVERIFY2(reader.ok(), qPrintable(where + QString::fromStdString(
                                                             reader.ok() ? "" : reader.error().message)));
                const auto &damage = (*reader)->damage();
                if (isTorn) {
                    QVERIFY2(damage.size() == 1 && damage[0].tornTail && damage[0].offset == w.end,
                             qPrintable(where +
                                        QStringLiteral("torn tail at %1 not reported as such").arg(w.end)));
                } else {
                    QVERIFY2(damage.empty(), qPrintable(where + QString::fromStdString(
                                                                    damage.empty() ? "" : damage[0].reason)));
                }
                QVERIFY(!(*reader)->cleanlyClosed());
                for (std::size_t i = 0; i < (*reader)->frames().size(); ++i) {
                    auto frame = (*reader)->read(i);
                    QVERIFY2(frame.ok(), qPrintable(where + QString::fromStdString(
                                                                frame.ok() ? "" : frame.error().message)));
                    for (const capture::EventLine &e : frame->records.events) {
                        const std::string_view line = e.line;
                        QVERIFY2(line.starts_with("{\"id\":\""),
                                 qPrintable(where + QString::fromStdString(e.line)));
                        const std::size_t close = line.find('"', 7);
                        const std::uint64_t id = std::stoull(std::string(line.substr(7, close - 7)));
                        QVERIFY2(
                            id == events + 1,
                            qPrintable(where + QStringLiteral("event id %1 after %2").arg(id).arg(events)));
                        ++events;
                    }
                }
                QVERIFY2(
                    events >= ackEvents,
                    qPrintable(
                        where +
                        QStringLiteral("%1 events acknowledged, %2 read back").arg(ackEvents).arg(events)));
            }
            maxAckEvents = std::max(maxAckEvents, ackEvents);
            totalEvents += events;
            totalAckFrames += ackFrames;

            // verify: reports the torn tail with its offset, never dies.
            QProcess v;
            v.start(vigilctl, {QStringLiteral("capture"), QStringLiteral("verify"), file});
            QVERIFY(v.waitForFinished(30000));
            QCOMPARE(v.exitStatus(), QProcess::NormalExit);
            const QByteArray verr = v.readAllStandardError();
            if (!w.headerOk) {
                QCOMPARE(v.exitCode(), 1);
            } else if (isTorn) {
                QVERIFY2(v.exitCode() == 1, qPrintable(where + QString::fromUtf8(verr)));
                QVERIFY2(verr.contains(QByteArray(file.toUtf8() + ": offset " +
                                                  QByteArray::number(qulonglong(w.end)) + ": ")),
                         qPrintable(where + QString::fromUtf8(verr)));
            } else {
                QVERIFY2(v.exitCode() == 0, qPrintable(where + QString::fromUtf8(verr)));
            }
            // When the kill fell between two writes, tear the last frame of a copy (at a
            // random point) so the torn-tail path is checked in every trial.
            if (w.headerOk && !isTorn && w.frames > 0) {
                const std::uint64_t cut =
                    std::uniform_int_distribution<std::uint64_t>(w.lastStart + 1, w.end - 1)(rng);
                const QString copy = file + QStringLiteral(".torn");
                QFile c(copy);
                QVERIFY(c.open(QIODevice::WriteOnly) && c.write(bytes.left(qsizetype(cut))) == qint64(cut));
                c.close();
                auto reader = capture::CaptureReader::open(copy.toStdString());
                QVERIFY(reader.ok());
                const auto &damage = (*reader)->damage();
                QVERIFY2(
                    damage.size() == 1 && damage[0].tornTail && damage[0].offset == w.lastStart &&
                        damage[0].bytes == cut - w.lastStart,
                    qPrintable(
                        where +
                        QStringLiteral("simulated tear at %1 of the frame at %2").arg(cut).arg(w.lastStart)));
                QProcess cv;
                cv.start(vigilctl, {QStringLiteral("capture"), QStringLiteral("verify"), copy});
                QVERIFY(cv.waitForFinished(30000));
                QCOMPARE(cv.exitStatus(), QProcess::NormalExit);
                QCOMPARE(cv.exitCode(), 1);
                QVERIFY2(
                    cv.readAllStandardError().contains(QByteArray(
                        copy.toUtf8() + ": offset " + QByteArray::number(qulonglong(w.lastStart)) + ": ")),
                    qPrintable(where));
                ++simulatedTears;
                QFile::remove(copy);
            }
            QFile::remove(file);
        }
        qInfo(
            "%d trials in %.1f s (seed %llu): %d torn tails by the kill (largest %llu bytes), %d more torn "
            "by "
            "the test; %d killed before any acknowledgement; %llu acknowledged frames in all, up to %llu "
            "acknowledged events per trial, %llu events read back in all; max frames lost beyond the written "
            "ack: %llu",
            trials, clock.elapsed() / 1000.0, static_cast<unsigned long long>(seed), torn,
            static_cast<unsigned long long>(maxTornBytes), simulatedTears, emptyAck,
            static_cast<unsigned long long>(totalAckFrames), static_cast<unsigned long long>(maxAckEvents),
            static_cast<unsigned long long>(totalEvents), static_cast<unsigned long long>(maxLost));
    }
};

QTEST_GUILESS_MAIN(TstCaptureCrash)
#include "tst_capture_crash.moc"

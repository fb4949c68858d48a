// ServerProcess: a real backend (node_exporter, etcd, ...) started for a test in its
// own session on loopback, with its output in a temp file, stopped by its PID
// (SIGTERM, then SIGKILL after a bounded wait). Plus helpers to find a free port,
// wait for a port to accept connections, and install a Debian package when missing.
//
// Threads: use from the test's main thread. Blocking calls are bounded.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryFile>

#include <memory>

namespace vigil::test {

// A loopback TCP port free right now (taken from the kernel, then released).
quint16 freeLoopbackPort();

// Polls 127.0.0.1:port until it accepts a connection or `timeoutMs` passes.
bool waitForLoopbackPort(quint16 port, int timeoutMs);

// Empty when `binary` exists or was installed from `package`; otherwise why not.
// Installs only as root, with apt-get, behind a /usr/sbin/policy-rc.d that exits 101
// (created only if missing, removed afterwards) so no service starts on public ports.
QString ensureDebianPackage(const QString &package, const QString &binary);

class ServerProcess
{
public:
    ServerProcess();
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    // Starts `program` in a new session (setsid). Returns false with `error` set.
    bool start(const QString &program, const QStringList &args, QString *error = nullptr);
    // Waits for the port like waitForLoopbackPort(), failing early if the process died.
    bool waitForPort(quint16 port, int timeoutMs);
    // SIGTERM by PID, up to `graceMs` for it to exit, then SIGKILL. Idempotent.
    void stop(int graceMs = 5000);

    qint64 pid() const { return m_pid; }
    bool running() const;
    // stdout and stderr so far (for failure messages).
    QByteArray output() const;

private:
    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<QTemporaryFile> m_log;
    qint64 m_pid = 0;
};

// True while /proc/PID exists and the process is not a zombie.
bool processAlive(qint64 pid);

} // namespace vigil::test

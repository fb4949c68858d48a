#include "tests/support/server_process.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace vigil::test {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

bool waitForLoopbackPort(quint16 port, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (socket.waitForConnected(200)) {
            socket.disconnectFromHost();
            return true;
        }
        // Refused comes back at once: pause a little before the next attempt.
        QThread::msleep(50);
    }
    return false;
}

bool processAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    // A killed process lingers as a zombie until reaped: that counts as gone.
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("State:"))
            return !line.contains("Z (zombie)") && !line.contains("X (dead)");
    return true;
}

QString ensureDebianPackage(const QString &package, const QString &binary)
{
    if (QFileInfo(binary).isExecutable())
        return {};
    if (::geteuid() != 0)
        return QStringLiteral("%1 is missing and installing %2 needs root (running as uid %3)")
            .arg(binary, package)
            .arg(::geteuid());
    const QString policy = QStringLiteral("/usr/sbin/policy-rc.d");
    bool createdPolicy = false;
    if (!QFileInfo::exists(policy)) {
        QFile f(policy);
        if (f.open(QIODevice::WriteOnly)) {
            f.write("#!/bin/sh\n# Vigil tests: no service starts during package installs.\nexit 101\n");
            f.close();
            f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                             | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                             | QFileDevice::ExeOther);
            createdPolicy = true;
        }
    }
    QProcess apt;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DEBIAN_FRONTEND"), QStringLiteral("noninteractive"));
    apt.setProcessEnvironment(env);
    apt.setProcessChannelMode(QProcess::MergedChannels);
    apt.start(QStringLiteral("apt-get"),
              {QStringLiteral("install"), QStringLiteral("-y"), QStringLiteral("-o"),
               QStringLiteral("DPkg::Lock::Timeout=600"), QStringLiteral("--no-install-recommends"), package});
    QString why;
    if (!apt.waitForStarted(10000))
        why = QStringLiteral("cannot run apt-get: %1").arg(apt.errorString());
    else if (!apt.waitForFinished(900'000))
        why = QStringLiteral("apt-get install %1 did not finish in 15 minutes").arg(package);
    else if (apt.exitStatus() != QProcess::NormalExit || apt.exitCode() != 0)
        why = QStringLiteral("apt-get install %1 failed (exit %2): %3")
                  .arg(package)
                  .arg(apt.exitCode())
                  .arg(QString::fromLocal8Bit(apt.readAll().right(2000)));
    if (apt.state() != QProcess::NotRunning) {
        apt.kill();
        apt.waitForFinished(5000);
    }
    if (createdPolicy)
        QFile::remove(policy);
    if (why.isEmpty() && !QFileInfo(binary).isExecutable())
        why = QStringLiteral("apt-get installed %1 but %2 is still missing").arg(package, binary);
    return why;
}

ServerProcess::ServerProcess() = default;

ServerProcess::~ServerProcess() { stop(); }

bool ServerProcess::start(const QString &program, const QStringList &args, QString *error)
{
    stop();
    m_log = std::make_unique<QTemporaryFile>();
    if (!m_log->open()) {
        if (error)
            *error = QStringLiteral("cannot create a log file: %1").arg(m_log->errorString());
        return false;
    }
    m_process = std::make_unique<QProcess>();
    // Output goes to a file so a chatty server never blocks on a full pipe.
    m_process->setStandardOutputFile(m_log->fileName(), QIODevice::Append);
    m_process->setStandardErrorFile(m_log->fileName(), QIODevice::Append);
    m_process->setStandardInputFile(QProcess::nullDevice());
    // Its own session: terminal signals to the test do not reach it, and it is
    // stopped only by its PID.
    m_process->setChildProcessModifier([] { ::setsid(); });
    m_process->start(program, args);
    if (!m_process->waitForStarted(10000)) {
        if (error)
            *error = QStringLiteral("cannot start %1: %2").arg(program, m_process->errorString());
        m_process.reset();
        return false;
    }
    m_pid = m_process->processId();
    return true;
}

bool ServerProcess::running() const
{
    return m_process && m_process->state() != QProcess::NotRunning && processAlive(m_pid);
}

bool ServerProcess::waitForPort(quint16 port, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (!running())
            return false;
        if (waitForLoopbackPort(port, 250))
            return true;
    }
    return false;
}

QByteArray ServerProcess::output() const
{
    if (!m_log)
        return {};
    QFile f(m_log->fileName());
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void ServerProcess::stop(int graceMs)
{
    if (!m_process)
        return;
    if (m_pid > 0 && processAlive(m_pid)) {
        ::kill(pid_t(m_pid), SIGTERM);
        QDeadlineTimer deadline(graceMs);
        // waitForFinished reaps it (QProcess is the parent), so no zombie is left.
        while (!deadline.hasExpired() && !m_process->waitForFinished(100) && processAlive(m_pid)) {
        }
        if (processAlive(m_pid)) {
            ::kill(pid_t(m_pid), SIGKILL);
            m_process->waitForFinished(5000);
        }
    }
    if (m_process->state() != QProcess::NotRunning)
        m_process->waitForFinished(1000);
    m_process.reset();
    m_pid = 0;
}

} // namespace vigil::test

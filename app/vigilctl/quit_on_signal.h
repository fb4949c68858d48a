// QuitOnSignal: while it lives, SIGINT and SIGTERM quit the QCoreApplication's event
// loop (the handler only writes a byte to a socket pair — async-signal-safe — and a
// QSocketNotifier quits on the GUI-less main thread), so a command can close its files
// cleanly. The destructor restores the default handlers. One at a time per process.
//
// Threads: construct and destroy on the main thread.
#pragma once

#include <memory>

class QSocketNotifier;

namespace vigil::cli {

class QuitOnSignal
{
public:
    QuitOnSignal();
    ~QuitOnSignal();
    QuitOnSignal(const QuitOnSignal &) = delete;
    QuitOnSignal &operator=(const QuitOnSignal &) = delete;

    // False when the socket pair could not be created (then signals kill as usual).
    bool ok() const { return m_ok; }

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
    bool m_ok = false;
};

} // namespace vigil::cli

#include "core/capture/capture_sync.h"

#include "core/capture/capture_format.h"

#include <algorithm>

namespace vigil::capture {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t wallMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool isDataFrame(FrameType t)
{
    return t != FrameType::Index && t != FrameType::Trailer && t != FrameType::Series;
}

} // namespace

FileThread::FileThread(FileThreadOptions options) : m_opt(std::move(options)) {}

Result<std::unique_ptr<FileThread>> FileThread::open(const std::string &path, FileThreadOptions options)
{
    std::unique_ptr<FileThread> t(new FileThread(std::move(options)));
    if (auto c = t->createFile(path); !c) return c.error();
    FileThread *raw = t.get();
    t->m_thread = std::thread([raw] { raw->run(); });
    return t;
}

FileThread::~FileThread()
{
    stop();
}

Result<void> FileThread::createFile(const std::string &path)
{
    auto created = CaptureFile::create(path);
    if (!created) return created.error();
    char header[format::kFileHeaderSize];
    const std::int64_t startMs = wallMs();
    format::encodeFileHeader(header, startMs, m_opt.writerId, m_opt.host);
    if (auto w = created->write(header, sizeof header); !w)
        return Error{"cannot write the header of " + path + ": " + w.error().message};
    m_file = std::move(*created);
    m_unsynced = sizeof header; // made durable by the first sync, like any bytes
    m_written = 0;
    m_lastSync = Clock::now();
    std::lock_guard lock(m_mutex);
    m_status.path = path;
    m_status.startMs = startMs;
    m_status.bytesWritten = m_file.offset();
    m_status.totalBytes += m_file.offset();
    m_status.writtenSequence = m_status.durableSequence = m_status.durableBytes = 0;
    return {};
}

// ---------------------------------------------------------------- writer thread side

void FileThread::post(Job job)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) return;
        m_jobs.push_back(std::move(job));
    }
    m_jobCv.notify_one();
}

void FileThread::writeFrame(EncodedFrame frame)
{
    const std::size_t size = frame.bytes.size();
    {
        std::unique_lock lock(m_mutex);
        // Compression runs ahead of the disk by at most maxPendingBytes (one frame always).
        m_roomCv.wait(lock, [&] {
            return failed() || m_pendingBytes == 0 || m_pendingBytes + size <= m_opt.maxPendingBytes;
        });
        if (failed() || m_stopping) return; // recording stopped: the frame is dropped
        m_pendingBytes += size;
        Job job;
        job.kind = Job::Kind::Frame;
        job.frame = std::move(frame);
        m_jobs.push_back(std::move(job));
    }
    m_jobCv.notify_one();
}

void FileThread::writeFooter(const char *bytes, std::size_t size)
{
    Job job;
    job.kind = Job::Kind::Footer;
    job.frame.bytes.assign(bytes, size);
    post(std::move(job));
}

void FileThread::finishFile()
{
    Job job;
    job.kind = Job::Kind::Finish;
    post(std::move(job));
}

void FileThread::openFile(const std::string &path)
{
    Job job;
    job.kind = Job::Kind::Open;
    job.frame.bytes = path;
    post(std::move(job));
}

void FileThread::barrier(std::uint64_t ticket, bool durable)
{
    Job job;
    job.kind = Job::Kind::Barrier;
    job.ticket = ticket;
    job.durable = durable;
    post(std::move(job));
}

void FileThread::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_jobCv.notify_one();
    if (m_thread.joinable()) m_thread.join();
}

// ---------------------------------------------------------------- any thread

void FileThread::waitForBarrier(std::uint64_t ticket)
{
    std::unique_lock lock(m_mutex);
    m_doneCv.wait(lock, [&] { return m_doneTicket >= ticket; });
}

void FileThread::fail(const std::string &why)
{
    {
        std::lock_guard lock(m_mutex);
        if (failed()) return;
        // failed() turns true before the error shows in status(): whoever saw the
        // error sees failed() too (producers then drop at once).
        m_failed.store(true, std::memory_order_release);
        m_status.error = why;
    }
    m_jobCv.notify_one(); // the file thread closes the file
    m_roomCv.notify_all();
}

FileStatus FileThread::status() const
{
    std::lock_guard lock(m_mutex);
    return m_status;
}

// ---------------------------------------------------------------- file thread

void FileThread::failOnThisThread(const std::string &why)
{
    fail(why);
    m_file.close(); // the file stays as written: every complete frame
}

void FileThread::syncNow()
{
    if (failed() || !m_file.isOpen()) return;
    if (m_unsynced == 0) {
        m_lastSync = Clock::now();
        return;
    }
    // Everything counted here was written before the fdatasync starts.
    const std::uint64_t sequence = m_written;
    const std::uint64_t bytes = m_file.offset();
    if (auto s = m_file.sync(); !s) {
        failOnThisThread(s.error().message);
        return;
    }
    m_lastSync = Clock::now();
    m_unsynced = 0;
    std::lock_guard lock(m_mutex);
    m_status.durableSequence = sequence;
    m_status.durableBytes = bytes;
}

void FileThread::runJob(Job &job)
{
    switch (job.kind) {
    case Job::Kind::Frame:
    case Job::Kind::Footer: {
        if (failed()) return;
        const std::string &bytes = job.frame.bytes;
        if (auto w = m_file.write(bytes.data(), bytes.size()); !w) {
            failOnThisThread(w.error().message);
            return;
        }
        m_unsynced += bytes.size();
        {
            std::lock_guard lock(m_mutex);
            m_status.bytesWritten = m_file.offset();
            m_status.totalBytes += bytes.size();
            if (job.kind == Job::Kind::Frame) {
                const EncodedFrame &f = job.frame;
                ++m_written;
                ++m_status.framesWritten;
                m_status.writtenSequence = m_written;
                m_status.rawBytes += f.rawBytes;
                m_status.storedBytes += bytes.size() - format::kFrameHeaderSize;
                if (isDataFrame(f.type))
                    m_status.lastRecordMs = std::max(m_status.lastRecordMs, f.lastRecordMs);
            }
        }
        if (m_unsynced >= m_opt.syncBytes || Clock::now() - m_lastSync >= m_opt.syncInterval) syncNow();
        return;
    }
    case Job::Kind::Finish:
        if (failed()) return;
        syncNow();
        if (failed()) return;
        if (auto c = m_file.close(); !c) failOnThisThread(c.error().message);
        return;
    case Job::Kind::Open:
        if (failed()) return;
        if (auto c = createFile(job.frame.bytes); !c) {
            failOnThisThread(c.error().message);
            return;
        }
        {
            std::lock_guard lock(m_mutex);
            ++m_status.filesRotated;
        }
        return;
    case Job::Kind::Barrier:
        if (job.durable) syncNow();
        {
            std::lock_guard lock(m_mutex);
            m_doneTicket = std::max(m_doneTicket, job.ticket);
        }
        m_doneCv.notify_all();
        return;
    }
}

void FileThread::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (failed() && m_file.isOpen()) {
            lock.unlock();
            m_file.close(); // fail() from another thread: the file thread closes
            lock.lock();
        }
        if (m_jobs.empty()) {
            if (m_stopping) break;
            const auto ready = [&] { return !m_jobs.empty() || m_stopping || (failed() && m_file.isOpen()); };
            if (m_unsynced > 0 && m_file.isOpen() && !failed()) {
                const Clock::time_point due = m_lastSync + m_opt.syncInterval;
                if (!m_jobCv.wait_until(lock, due, ready)) {
                    lock.unlock();
                    syncNow(); // idle: the interval passed with bytes unsynced
                    lock.lock();
                }
            } else {
                m_jobCv.wait(lock, ready);
            }
            continue;
        }
        Job job = std::move(m_jobs.front());
        m_jobs.pop_front();
        lock.unlock();
        runJob(job);
        const std::size_t released = job.kind == Job::Kind::Frame ? job.frame.bytes.size() : 0;
        job = Job(); // the frame's memory goes before the writer fills more
        lock.lock();
        if (released > 0) {
            m_pendingBytes -= released;
            m_roomCv.notify_one();
        }
    }
    lock.unlock();
    // Stopped without finishFile() (the writer thread gave up): keep what was written.
    if (m_file.isOpen()) {
        if (!failed()) syncNow();
        if (auto c = m_file.close(); !c) fail(c.error().message);
    }
}

} // namespace vigil::capture

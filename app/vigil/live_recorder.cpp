#include "app/vigil/live_recorder.h"

#include "app/vigil/event_ingest.h"
#include "core/hub/ingest_hub.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QPointer>
#include <QSettings>

namespace vigil {

LiveRecorder::LiveRecorder(IngestHub &hub, EventIngest &events, ClusterSource cluster, QSettings *settings,
                           QObject *parent)
    : QObject(parent), m_hub(hub), m_events(events), m_cluster(std::move(cluster)), m_settings(settings)
{
    m_clusterTimer.setInterval(1000);
    connect(&m_clusterTimer, &QTimer::timeout, this, [this] {
        // A full disk or an I/O error ends the recording: say so at once (stopped()
        // carries the writer's reason), keep what was written.
        if (m_writer && !m_writer->status().error.empty()) {
            stop();
            return;
        }
        recordClusterState();
    });
}

LiveRecorder::~LiveRecorder()
{
    stop();
    joinCloser();
}

void LiveRecorder::joinCloser()
{
    if (m_closer.joinable())
        m_closer.join();
}

QString LiveRecorder::defaultFileName()
{
    return QStringLiteral("vigil-%1.vcap").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
}

QString LiveRecorder::start(const QString &path)
{
    if (m_writer)
        return tr("Already recording to %1.").arg(QString::fromStdString(m_lastStatus.path));
    joinCloser(); // the previous recording's close (normally long finished)
    capture::WriterOptions options;
    options.path = QFile::encodeName(path).toStdString();
    options.writerId = "vigil " VIGIL_VERSION;
    if (m_settings) {
        options.rotateBytes = m_settings->value(QStringLiteral("capture/rotateMegabytes"), 0).toULongLong() << 20;
        options.rotateAfter = std::chrono::minutes(m_settings->value(QStringLiteral("capture/rotateMinutes"), 0).toInt());
    }
    auto opened = capture::CaptureWriter::open(options);
    if (!opened.ok())
        return QString::fromStdString(opened.error().message);
    m_writer = std::shared_ptr<capture::CaptureWriter>(std::move(opened.value()));
    std::shared_ptr<capture::CaptureWriter> writer = m_writer;
    m_hub.setCaptureTap([writer](const SampleBatch &batch) { writer->addSamples(batch); });
    m_events.setCaptureWriter(writer);
    m_clusterTap = std::make_unique<capture::ClusterStateTap>(*m_writer);
    recordClusterState();
    m_clusterTimer.start();
    m_lastStatus = m_writer->status();
    Q_EMIT recordingChanged(true);
    return {};
}

void LiveRecorder::stop()
{
    if (!m_writer)
        return;
    m_clusterTimer.stop();
    m_clusterTap.reset();
    // When these return, no tap uses the writer any more.
    m_hub.setCaptureTap({});
    m_events.setCaptureWriter(nullptr);
    std::shared_ptr<capture::CaptureWriter> writer = std::move(m_writer);
    m_lastStatus = writer->status();
    Q_EMIT recordingChanged(false);
    joinCloser();
    QPointer<LiveRecorder> self(this);
    m_closer = std::thread([writer, self] {
        const Result<void> closed = writer->close();
        const capture::WriterStatus status = writer->status();
        const QString error = closed.ok() ? QString::fromStdString(status.error)
                                          : QString::fromStdString(closed.error().message);
        const QString path = QString::fromStdString(status.path);
        QMetaObject::invokeMethod(
            qApp, [self, status, path, error] {
                if (!self)
                    return;
                self->m_lastStatus = status;
                Q_EMIT self->stopped(path, error);
            },
            Qt::QueuedConnection);
    });
}

capture::WriterStatus LiveRecorder::status() const { return m_writer ? m_writer->status() : m_lastStatus; }

QString LiveRecorder::addNote(capture::Note note)
{
    if (!m_writer)
        return tr("Notes are kept in recordings: start recording first.");
    m_writer->addNote(std::move(note));
    return {};
}

void LiveRecorder::recordClusterState()
{
    if (!m_writer || !m_cluster || !m_clusterTap)
        return;
    m_clusterTap->offer(m_cluster(), QDateTime::currentMSecsSinceEpoch());
}

} // namespace vigil

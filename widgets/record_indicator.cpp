#include "widgets/record_indicator.h"

#include "models/untrusted_text.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>

#include <cmath>

namespace vigil {

namespace {

constexpr std::int64_t kRateWindowMs = 2000;
constexpr int kMaxNameChars = 48;
constexpr int kMaxErrorChars = 300;

QString sizeText(std::uint64_t bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeIecFormat);
}

QString durationText(std::int64_t ms)
{
    const std::int64_t s = std::max<std::int64_t>(0, ms) / 1000;
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600, 2, 10, QLatin1Char('0'))
        .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

std::uint64_t recordCount(const capture::WriterStatus &s)
{
    return s.samples + s.events + s.scrapes + s.clusterStates + s.notes;
}

// Several lines of untrusted text shown literally by QToolTip (it guesses rich text).
QString linesToolTip(const QStringList &lines)
{
    QStringList escaped;
    for (const QString &l : lines)
        escaped << untrustedText(l, kMaxCellChars).toHtmlEscaped();
    return QStringLiteral("<p style='white-space:pre'>") + escaped.join(QStringLiteral("<br>")) +
           QStringLiteral("</p>");
}

bool isDark(const QPalette &p)
{
    return p.color(QPalette::Window).lightness() < 128;
}

} // namespace

RecordIndicator::RecordIndicator(QWidget *parent) : QWidget(parent), m_dot(new QLabel(this)), m_label(new QLabel(this))
{
    m_dot->setTextFormat(Qt::PlainText);
    m_label->setTextFormat(Qt::PlainText);
    m_dot->setText(QStringLiteral("●"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(fontMetrics().averageCharWidth());
    layout->addWidget(m_dot);
    layout->addWidget(m_label);
    setAccessibleName(tr("Recording"));
    applyColours();
    hide();
}

void RecordIndicator::setStatus(const capture::WriterStatus &status, std::int64_t nowMs)
{
    if (status.recording) {
        m_error.clear();
    } else if (!status.error.empty()) {
        m_error = untrustedText(status.error, kMaxErrorChars);
    }
    const bool wasRecording = m_recording;
    m_recording = status.recording;

    if (!m_recording) {
        m_history.clear();
        m_rate = 0;
        setCursor(Qt::ArrowCursor);
        if (m_error.isEmpty()) {
            m_label->clear();
            setToolTip(QString());
            hide();
            return;
        }
        m_dot->hide();
        m_label->setText(tr("Recording stopped: %1").arg(m_error));
        setToolTip(linesToolTip(
            {tr("Recording stopped: %1").arg(m_error), tr("File: %1").arg(QString::fromStdString(status.path))}));
        applyColours();
        show();
        return;
    }

    // Rate over the last ~2 s of updates: the oldest kept entry is the newest one at
    // least 2 s old. A new writer (fewer records) or a clock step starts afresh.
    const std::uint64_t records = recordCount(status);
    if (!wasRecording || (!m_history.empty() && (records < m_history.back().second || nowMs < m_history.back().first)))
        m_history.clear();
    m_history.emplace_back(nowMs, records);
    while (m_history.size() > 2 && nowMs - m_history[1].first >= kRateWindowMs)
        m_history.pop_front();
    const auto &[t0, r0] = m_history.front();
    m_rate = nowMs > t0 ? double(records - r0) * 1000.0 / double(nowMs - t0) : 0.0;

    const QLocale locale;
    const QString path = QString::fromStdString(status.path);
    const QString name = untrustedText(QFileInfo(path).fileName(), kMaxNameChars);
    QString text = tr("REC  %1 · %2 · %3 · %4 rec/s · durable %5")
                       .arg(name, sizeText(status.bytesWritten), durationText(nowMs - status.startMs),
                            locale.toString(qlonglong(std::llround(m_rate))), sizeText(status.durableBytes));
    if (status.filesRotated > 0)
        text += tr(" · file %1").arg(status.filesRotated + 1);
    if (status.droppedRecords > 0)
        text += tr(" · %1 dropped").arg(locale.toString(qulonglong(status.droppedRecords)));
    if (m_label->text() != text)
        m_label->setText(text);

    QStringList tip{tr("Recording to %1").arg(path),
                    tr("Written %1 (all files %2), durable %3")
                        .arg(sizeText(status.bytesWritten), sizeText(status.totalBytes), sizeText(status.durableBytes)),
                    tr("Records: %1 samples, %2 events, %3 scrapes, %4 cluster states, %5 notes")
                        .arg(locale.toString(qulonglong(status.samples)), locale.toString(qulonglong(status.events)),
                             locale.toString(qulonglong(status.scrapes)),
                             locale.toString(qulonglong(status.clusterStates)), locale.toString(qulonglong(status.notes)))};
    if (status.rawBytes > 0 && status.storedBytes > 0)
        tip << tr("Compression: %1 : 1").arg(locale.toString(double(status.rawBytes) / double(status.storedBytes), 'f', 1));
    if (status.droppedRecords > 0)
        tip << tr("Dropped: %1 records (queue full)").arg(locale.toString(qulonglong(status.droppedRecords)));
    tip << tr("Click to stop recording");
    setToolTip(linesToolTip(tip));

    // Blink at 1 Hz from the refresh clock: on for the first half of every second.
    m_dotOn = (nowMs / 500) % 2 == 0;
    m_dot->show();
    applyColours();
    setCursor(Qt::PointingHandCursor);
    show();
}

void RecordIndicator::clear()
{
    m_error.clear();
    m_recording = false;
    m_history.clear();
    m_rate = 0;
    m_label->clear();
    setToolTip(QString());
    setCursor(Qt::ArrowCursor);
    hide();
}

QString RecordIndicator::text() const
{
    return m_label->text();
}

void RecordIndicator::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_recording) {
        event->accept();
        Q_EMIT stopRequested();
        return;
    }
    QWidget::mousePressEvent(event);
}

void RecordIndicator::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColours();
}

void RecordIndicator::applyColours()
{
    // Only the children's text colour is set (the one role marked resolved), so the rest
    // follows the theme; this widget's palette is what tells light from dark.
    const QColor red = isDark(palette()) ? QColor(0xff, 0x5c, 0x5c) : QColor(0xc6, 0x10, 0x10);
    QColor dot = red;
    if (!m_dotOn)
        dot.setAlpha(50);
    QPalette dp = m_dot->palette();
    dp.setColor(QPalette::WindowText, dot);
    m_dot->setPalette(dp);
    QFont f = m_label->font();
    f.setBold(!m_recording && !m_error.isEmpty());
    m_label->setFont(f);
    QPalette lp;
    lp.setResolveMask(0);
    if (!m_recording && !m_error.isEmpty())
        lp.setColor(QPalette::WindowText, red);
    m_label->setPalette(lp);
}

} // namespace vigil

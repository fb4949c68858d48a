#include "widgets/replay_bar.h"

#include "models/untrusted_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QToolButton>

#include <cmath>

namespace vigil {

namespace {

constexpr int kMaxDamageChars = 1000;
constexpr int kStandardSpeeds = int(std::size(ReplayBar::kSpeeds));

// A one-line plain-text label that elides to its width (the full text stays text() and
// goes into the tooltip), in the theme's text colour or a warning/error colour that is
// picked at paint time, so it follows light, dark and contrast palettes.
class ElidedLabel : public QLabel
{
public:
    enum class Tone { Normal, Warning, Error };

    ElidedLabel(Tone tone, QWidget *parent) : QLabel(parent), m_tone(tone)
    {
        setTextFormat(Qt::PlainText);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        if (tone != Tone::Normal) {
            QFont f = font();
            f.setBold(true);
            setFont(f);
        }
    }

    void setFullText(const QString &text)
    {
        if (text == this->text())
            return;
        setText(text);
        setToolTip(text.isEmpty() ? QString() : plainToolTip(text));
    }

    QSize minimumSizeHint() const override
    {
        return {fontMetrics().averageCharWidth() * 12, QLabel::minimumSizeHint().height()};
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        const QRect r = contentsRect();
        const bool dark = palette().color(QPalette::Window).lightness() < 128;
        QColor c = palette().color(QPalette::WindowText);
        if (m_tone == Tone::Warning)
            c = dark ? QColor(0xff, 0xb0, 0x4a) : QColor(0x9a, 0x4a, 0x00);
        else if (m_tone == Tone::Error)
            c = dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xb3, 0x1b, 0x1b);
        p.setPen(c);
        p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, fontMetrics().elidedText(text(), Qt::ElideRight, r.width()));
    }

private:
    Tone m_tone;
};

bool crossesDays(std::int64_t a, std::int64_t b)
{
    return QDateTime::fromMSecsSinceEpoch(a).date() != QDateTime::fromMSecsSinceEpoch(b).date();
}

QString timeText(std::int64_t ms, const char *format)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QLatin1String(format));
}

} // namespace

ReplayBar::ReplayBar(QWidget *parent)
    : QWidget(parent), m_play(new QToolButton(this)), m_speed(new QComboBox(this)), m_loop(new QCheckBox(this)),
      m_position(new QLabel(this)), m_span(new QLabel(this)), m_addNote(new QPushButton(this)),
      m_scan(new QProgressBar(this)), m_cancelScan(new QPushButton(this)),
      m_damage(new ElidedLabel(ElidedLabel::Tone::Warning, this)), m_salvage(new QPushButton(this)),
      m_error(new ElidedLabel(ElidedLabel::Tone::Error, this))
{
    // Object names: for tests and style sheets.
    m_play->setObjectName(QStringLiteral("replayPlay"));
    m_speed->setObjectName(QStringLiteral("replaySpeed"));
    m_loop->setObjectName(QStringLiteral("replayLoop"));
    m_position->setObjectName(QStringLiteral("replayPosition"));
    m_span->setObjectName(QStringLiteral("replaySpan"));
    m_addNote->setObjectName(QStringLiteral("replayAddNote"));
    m_scan->setObjectName(QStringLiteral("replayScan"));
    m_cancelScan->setObjectName(QStringLiteral("replayCancelScan"));
    m_damage->setObjectName(QStringLiteral("replayDamage"));
    m_salvage->setObjectName(QStringLiteral("replaySalvage"));
    m_error->setObjectName(QStringLiteral("replayError"));

    m_play->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_play->setToolTip(tr("Play or pause the replay (Space)"));
    m_play->setText(tr("▶ Play"));
    // Wide enough for either text, so the bar does not shift when it toggles.
    m_play->setMinimumWidth(std::max(m_play->fontMetrics().horizontalAdvance(tr("▶ Play")),
                                     m_play->fontMetrics().horizontalAdvance(tr("❚❚ Pause"))) +
                            m_play->fontMetrics().averageCharWidth() * 3);

    m_speed->addItem(tr("1×"), kSpeeds[0]);
    m_speed->addItem(tr("10×"), kSpeeds[1]);
    m_speed->addItem(tr("100×"), kSpeeds[2]);
    m_speed->addItem(tr("Max"), kSpeeds[3]);
    m_speed->setToolTip(tr("Replay speed (Max: as fast as the capture can be read)"));
    m_speed->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_loop->setText(tr("⟲ Loop"));
    m_loop->setToolTip(tr("Start again from the beginning at the end of the capture (Ctrl+L)"));

    for (QLabel *l : {m_position, m_span})
        l->setTextFormat(Qt::PlainText);
    QFont bold = m_position->font();
    bold.setBold(true);
    m_position->setFont(bold);
    m_position->setToolTip(tr("Replay position (local time)"));
    m_span->setToolTip(tr("First and last record of the capture (local time)"));

    m_addNote->setText(tr("Add note…"));
    m_addNote->setToolTip(tr("Add a note at the replay position"));

    m_scan->setRange(0, 100);
    m_scan->setFormat(tr("Indexing… %p %"));
    m_scan->setTextVisible(true);
    // Room for the text at 100 % beside the bar's frame (Fusion wraps it otherwise).
    const int scanTextW = m_scan->fontMetrics().horizontalAdvance(tr("Indexing… %1 %").arg(100));
    m_scan->setMinimumWidth(scanTextW + m_scan->fontMetrics().averageCharWidth() * 6);
    m_scan->setMaximumWidth(scanTextW + m_scan->fontMetrics().averageCharWidth() * 16);
    m_scan->setToolTip(tr("Indexing the capture for the timeline; replay works meanwhile"));
    m_cancelScan->setText(tr("Cancel"));
    m_cancelScan->setToolTip(tr("Stop indexing (the timeline stays incomplete)"));

    m_salvage->setText(tr("Salvage…"));
    m_salvage->setToolTip(tr("Open the capture again, reading past the damaged frames"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const int gap = fontMetrics().averageCharWidth() * 2;
    layout->addWidget(m_play);
    layout->addWidget(m_speed);
    layout->addWidget(m_loop);
    layout->addSpacing(gap);
    layout->addWidget(m_position);
    layout->addWidget(m_span);
    layout->addSpacing(gap);
    layout->addWidget(m_addNote);
    layout->addSpacing(gap);
    layout->addWidget(m_scan);
    layout->addWidget(m_cancelScan);
    layout->addWidget(m_damage, 1);
    layout->addWidget(m_salvage);
    layout->addWidget(m_error, 1);
    layout->addStretch(0);

    m_damage->hide();
    m_salvage->hide();
    m_error->hide();
    m_scan->hide();
    m_cancelScan->hide();

    // Only what the operator does emits: setView() changes the widgets silently
    // (activated/clicked are not emitted by programmatic changes).
    connect(m_play, &QToolButton::clicked, this, [this] {
        if (m_view.playing)
            Q_EMIT pauseRequested();
        else
            Q_EMIT playRequested();
    });
    connect(m_speed, &QComboBox::activated, this,
            [this](int index) { Q_EMIT speedRequested(m_speed->itemData(index).toDouble()); });
    connect(m_loop, &QCheckBox::clicked, this, [this](bool on) { Q_EMIT loopRequested(on); });
    connect(m_addNote, &QPushButton::clicked, this, &ReplayBar::addNoteRequested);
    connect(m_cancelScan, &QPushButton::clicked, this, &ReplayBar::cancelScanRequested);
    connect(m_salvage, &QPushButton::clicked, this, &ReplayBar::salvageRequested);

    auto *space = new QShortcut(QKeySequence(Qt::Key_Space), this);
    space->setContext(Qt::WindowShortcut);
    connect(space, &QShortcut::activated, m_play, &QToolButton::click);
    auto *loop = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_L), this);
    loop->setContext(Qt::WindowShortcut);
    connect(loop, &QShortcut::activated, this, [this] { Q_EMIT loopRequested(!m_view.loop); });

    // Stable widths for the clock texts, so the bar does not jitter while playing.
    m_position->setMinimumWidth(QFontMetrics(bold).horizontalAdvance(QStringLiteral("00:00:00.000 ")) +
                                fontMetrics().averageCharWidth());

    setView(ReplayView{});
}

void ReplayBar::setView(const ReplayView &view)
{
    // The widgets are compared, not only the old view: a click changes a checkbox or
    // the combo before the owner answers, and the next view must put it right.
    const QString playText = view.playing ? tr("❚❚ Pause") : tr("▶ Play");
    if (m_play->text() != playText)
        m_play->setText(playText);

    int speedIndex = -1;
    for (int i = 0; i < kStandardSpeeds; ++i)
        if (std::abs(kSpeeds[i] - view.speed) < 1e-9)
            speedIndex = i;
    if (speedIndex < 0) { // a speed set elsewhere (command line): shown as an extra entry
        const QString text = tr("%1×").arg(QLocale().toString(view.speed, 'g', 4));
        if (m_speed->count() == kStandardSpeeds)
            m_speed->addItem(text, view.speed);
        else if (m_speed->itemData(kStandardSpeeds).toDouble() != view.speed) {
            m_speed->setItemText(kStandardSpeeds, text);
            m_speed->setItemData(kStandardSpeeds, view.speed);
        }
        speedIndex = kStandardSpeeds;
    } else if (m_speed->count() > kStandardSpeeds) {
        m_speed->removeItem(kStandardSpeeds);
    }
    if (m_speed->currentIndex() != speedIndex)
        m_speed->setCurrentIndex(speedIndex);

    if (m_loop->isChecked() != view.loop)
        m_loop->setChecked(view.loop);

    const bool days = crossesDays(view.firstMs, view.lastMs);
    const bool noCapture = view.firstMs == 0 && view.lastMs == 0;
    QString position;
    QString span;
    if (!noCapture) {
        position = timeText(view.positionMs, days ? "yyyy-MM-dd HH:mm:ss.zzz" : "HH:mm:ss.zzz");
        if (view.ended)
            position = tr("%1 (end)").arg(position);
        span = tr("/ %1 – %2")
                   .arg(timeText(view.firstMs, "yyyy-MM-dd HH:mm:ss"),
                        timeText(view.lastMs, days ? "yyyy-MM-dd HH:mm:ss" : "HH:mm:ss"));
    }
    if (m_position->text() != position)
        m_position->setText(position);
    if (m_span->text() != span)
        m_span->setText(span);

    const bool scanning = view.scanPercent >= 0;
    if (scanning && m_scan->value() != std::min(view.scanPercent, 100))
        m_scan->setValue(std::min(view.scanPercent, 100));
    if (m_scan->isHidden() == scanning) {
        m_scan->setVisible(scanning);
        m_cancelScan->setVisible(scanning);
    }

    auto *damage = static_cast<ElidedLabel *>(m_damage);
    damage->setFullText(view.damage.isEmpty() ? QString()
                                              : tr("Damage: %1").arg(untrustedText(view.damage, kMaxDamageChars)));
    if (m_damage->isHidden() != view.damage.isEmpty())
        m_damage->setVisible(!view.damage.isEmpty());
    const bool salvage = !view.damage.isEmpty() && view.salvageOffered;
    if (m_salvage->isHidden() == salvage)
        m_salvage->setVisible(salvage);

    auto *error = static_cast<ElidedLabel *>(m_error);
    error->setFullText(view.error.isEmpty() ? QString() : untrustedText(view.error, kMaxDamageChars));
    if (m_error->isHidden() != view.error.isEmpty())
        m_error->setVisible(!view.error.isEmpty());

    m_view = view;
}

} // namespace vigil

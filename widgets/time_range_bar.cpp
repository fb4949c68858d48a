#include "widgets/time_range_bar.h"

#include "models/refresh_clock.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace vigil {

namespace {

const QString kTimeFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss");

} // namespace

TimeRangeBar::TimeRangeBar(TimeRange &range, RefreshClock &clock, QWidget *parent)
    : QWidget(parent), m_range(range), m_clock(clock), m_presets(new QComboBox(this)), m_live(new QToolButton(this)),
      m_text(new QLabel(this))
{
    for (int minutes : TimeRange::kPresetMinutes)
        m_presets->addItem(lengthText(std::int64_t(minutes) * 60'000), minutes);
    m_customIndex = m_presets->count();
    m_presets->addItem(tr("Custom…"), 0);
    m_presets->setToolTip(tr("Time range of the dashboards: the last N minutes (live), or a custom range"));
    m_live->setCheckable(true);
    m_live->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_live->setToolTip(tr("Live: the dashboards follow the newest data. Paused: they stay on a fixed range "
                          "(dragging a plot into the past pauses; a double-click on a plot goes back to live)."));
    m_text->setTextFormat(Qt::PlainText);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    layout->addWidget(m_presets);
    layout->addWidget(m_live);

    connect(m_presets, &QComboBox::activated, this, &TimeRangeBar::onPreset);
    connect(m_live, &QToolButton::clicked, this, [this](bool live) {
        if (live)
            m_range.resume();
        else
            m_range.pause(m_clock.nowMs());
    });
    connect(&m_range, &TimeRange::rangeChanged, this, &TimeRangeBar::sync);
    sync();
}

QString TimeRangeBar::lengthText(std::int64_t ms)
{
    const std::int64_t minutes = (ms + 30'000) / 60'000;
    if (minutes < 1)
        return tr("%1 s").arg((ms + 500) / 1000);
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    if (minutes < 48 * 60) {
        const std::int64_t h = minutes / 60, m = minutes % 60;
        return m ? tr("%1 h %2 min").arg(h).arg(m) : tr("%1 h").arg(h);
    }
    const std::int64_t d = minutes / (24 * 60), h = (minutes % (24 * 60)) / 60;
    return h ? tr("%1 d %2 h").arg(d).arg(h) : tr("%1 d").arg(d);
}

QString TimeRangeBar::rangeText() const
{
    return m_text->text();
}

void TimeRangeBar::sync()
{
    const std::int64_t window = m_range.windowMs();
    int index = -1;
    for (int i = 0; i < m_customIndex; ++i)
        if (std::int64_t(m_presets->itemData(i).toInt()) * 60'000 == window)
            index = i;
    // A zoomed or custom length shows on the "Custom…" entry.
    m_presets->setItemText(m_customIndex, index < 0 ? lengthText(window) : tr("Custom…"));
    m_presets->setCurrentIndex(index < 0 ? m_customIndex : index);

    const bool live = m_range.isLive();
    m_live->setChecked(live);
    m_live->setText(live ? tr("● Live") : tr("❚❚ Paused"));
    if (live) {
        m_text->clear();
    } else {
        const TimeSpan span = m_range.range(m_clock.nowMs());
        m_text->setText(tr("%1 – %2")
                            .arg(QDateTime::fromMSecsSinceEpoch(span.startMs).toString(kTimeFormat),
                                 QDateTime::fromMSecsSinceEpoch(span.endMs).toString(kTimeFormat)));
    }
}

void TimeRangeBar::onPreset(int index)
{
    if (index == m_customIndex) {
        const std::optional<TimeSpan> span = askCustomRange(this, m_range.range(m_clock.nowMs()));
        if (span)
            m_range.setRange(*span, m_clock.nowMs());
        sync();
        return;
    }
    // A preset means "the last N minutes": live.
    m_range.setWindowMs(std::int64_t(m_presets->itemData(index).toInt()) * 60'000);
    m_range.resume();
    sync();
}

std::optional<TimeSpan> TimeRangeBar::askCustomRange(QWidget *parent, TimeSpan initial)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(tr("Custom time range"));
    auto *from = new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(initial.startMs), &dialog);
    auto *to = new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(initial.endMs), &dialog);
    for (QDateTimeEdit *edit : {from, to}) {
        edit->setDisplayFormat(kTimeFormat);
        edit->setCalendarPopup(true);
    }
    auto *problem = new QLabel(&dialog);
    problem->setTextFormat(Qt::PlainText);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("From:"), from);
    form->addRow(tr("To:"), to);
    form->addRow(problem);
    form->addRow(buttons);
    auto check = [&] {
        const qint64 length = from->dateTime().msecsTo(to->dateTime());
        const bool ok = length >= TimeRange::kMinWindowMs && length <= TimeRange::kMaxWindowMs;
        problem->setText(ok ? QString()
                            : tr("The range must run forwards and be between %1 and %2 long.")
                                  .arg(lengthText(TimeRange::kMinWindowMs), lengthText(TimeRange::kMaxWindowMs)));
        buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
    };
    connect(from, &QDateTimeEdit::dateTimeChanged, &dialog, check);
    connect(to, &QDateTimeEdit::dateTimeChanged, &dialog, check);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    check();
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return TimeSpan{from->dateTime().toMSecsSinceEpoch(), to->dateTime().toMSecsSinceEpoch()};
}

} // namespace vigil

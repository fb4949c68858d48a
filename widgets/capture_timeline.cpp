#include "widgets/capture_timeline.h"

#include "models/untrusted_text.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTimer>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace vigil {

namespace {

constexpr qint64 kSeekThrottleMs = 50;
constexpr int kMaxMarkChars = 300;  // of a mark's text in the tooltip
constexpr int kMaxToolTipMarks = 3; // marks listed when several are under the cursor

// Colours of what the palette has no role for. Each theme has its own so the marks
// stay apart from each other and readable on its background; shapes differ too, so
// no kind is told by colour alone.
struct TimelineColours
{
    QColor eventsFill, eventsLine, samples, failed, note, election, alert, damage;
};

TimelineColours coloursFor(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return {QColor(0x4a, 0x9a, 0x8c, 110), QColor(0x2e, 0x7d, 0x6f), QColor(0x7b, 0x4f, 0xb0),
                QColor(0xc6, 0x28, 0x28), QColor(0xf2, 0xc0, 0x1e), QColor(0x1e, 0x63, 0xc8),
                QColor(0xef, 0x6c, 0x00), QColor(0xc6, 0x28, 0x28)};
    case Theme::Dark:
        return {QColor(0x5f, 0xb3, 0xa3, 150), QColor(0x8f, 0xdf, 0xcf), QColor(0xc3, 0x9b, 0xf0),
                QColor(0xff, 0x5c, 0x5c), QColor(0xff, 0xd5, 0x4a), QColor(0x5e, 0xa2, 0xff),
                QColor(0xff, 0x9a, 0x3c), QColor(0xff, 0x5c, 0x5c)};
    case Theme::Contrast:
        return {QColor(0x00, 0xe0, 0xc0, 130), QColor(0x00, 0xff, 0xd8), QColor(0xff, 0x80, 0xff),
                QColor(0xff, 0x40, 0x40), QColor(0xff, 0xd7, 0x00), QColor(0x40, 0xa0, 0xff),
                QColor(0xff, 0x99, 0x00), QColor(0xff, 0x40, 0x40)};
    }
    return coloursFor(Theme::Light);
}

// CaptureOverview::bucketAt, computed here so the widget needs only the plain struct.
std::size_t bucketIndex(const capture::CaptureOverview &o, std::int64_t ms)
{
    if (o.buckets.empty() || o.bucketMs <= 0)
        return 0;
    const std::int64_t i = (ms - o.firstMs) / o.bucketMs;
    return std::size_t(std::clamp<std::int64_t>(i, 0, std::int64_t(o.buckets.size()) - 1));
}

bool crossesDays(std::int64_t firstMs, std::int64_t lastMs)
{
    return QDateTime::fromMSecsSinceEpoch(firstMs).date() != QDateTime::fromMSecsSinceEpoch(lastMs).date();
}

QString clockText(std::int64_t ms, bool withDate)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(withDate ? QStringLiteral("yyyy-MM-dd HH:mm:ss")
                                                                : QStringLiteral("HH:mm:ss"));
}

// 950, 12.3k, 4.1M: for the scale legend, where space is short.
QString compactNumber(double v)
{
    const QLocale locale;
    if (v < 1000)
        return locale.toString(v, 'f', v < 10 && v != std::floor(v) ? 1 : 0);
    if (v < 1e6)
        return locale.toString(v / 1e3, 'f', v < 1e4 ? 1 : 0) + QLatin1Char('k');
    return locale.toString(v / 1e6, 'f', v < 1e7 ? 1 : 0) + QLatin1Char('M');
}

QString markKindTitle(capture::MarkKind kind)
{
    switch (kind) {
    case capture::MarkKind::Note: return CaptureTimeline::tr("Note");
    case capture::MarkKind::Election: return CaptureTimeline::tr("Election");
    case capture::MarkKind::Alert: return CaptureTimeline::tr("Alert");
    case capture::MarkKind::Damage: return CaptureTimeline::tr("Damage");
    }
    return {};
}

// QToolTip guesses rich text from content: escaped and wrapped, every character of the
// (already flattened and capped) lines shows literally; the line breaks stay.
QString toolTipHtml(const QString &plain)
{
    return QStringLiteral("<p style='white-space:pre'>") + plain.left(kMaxToolTipChars).toHtmlEscaped() +
           QStringLiteral("</p>");
}

} // namespace

CaptureTimeline::CaptureTimeline(QWidget *parent) : QWidget(parent), m_seekTimer(new QTimer(this))
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAccessibleName(tr("Capture timeline"));
    m_seekClock.start();
    m_seekTimer->setSingleShot(true);
    connect(m_seekTimer, &QTimer::timeout, this, [this] {
        if (m_pendingSeekMs >= 0)
            emitSeek(m_pendingSeekMs, true);
    });
}

void CaptureTimeline::setOverview(capture::CaptureOverview overview)
{
    m_overview = std::move(overview);
    update();
}

void CaptureTimeline::setPosition(std::int64_t ms)
{
    // While the operator drags, the line follows the mouse, not the replay catching up.
    if (m_dragging || ms == m_positionMs)
        return;
    m_positionMs = ms;
    update();
}

void CaptureTimeline::setVisibleSpan(std::int64_t startMs, std::int64_t endMs)
{
    if (startMs == m_visibleStartMs && endMs == m_visibleEndMs)
        return;
    m_visibleStartMs = startMs;
    m_visibleEndMs = endMs;
    update();
}

void CaptureTimeline::setTheme(Theme theme)
{
    m_theme = theme;
    update();
}

// Geometry in font units, so it scales with the theme's font and the device pixel ratio:
// a lane for the marks' symbols, the plot, then the time axis.
namespace {
int laneHeight(const QFontMetrics &fm) { return fm.height() + 6; }
int axisHeight(const QFontMetrics &fm) { return fm.height() + 6; }
int legendHeight(const QFontMetrics &fm) { return fm.height() + 2; }
} // namespace

QRect CaptureTimeline::plotRect() const
{
    const QFontMetrics fm = fontMetrics();
    const int margin = fm.averageCharWidth() * 2;
    const int top = laneHeight(fm) + 2;
    const int h = std::max(legendHeight(fm) + fm.height() * 2, height() - top - axisHeight(fm));
    return QRect(margin, top, std::max(2, width() - 2 * margin), h);
}

QSize CaptureTimeline::sizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    return {fm.averageCharWidth() * 120, laneHeight(fm) + 2 + legendHeight(fm) + fm.height() * 4 + axisHeight(fm)};
}

QSize CaptureTimeline::minimumSizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    return {fm.averageCharWidth() * 30, laneHeight(fm) + 2 + legendHeight(fm) + fm.height() * 2 + axisHeight(fm)};
}

std::int64_t CaptureTimeline::timeAtX(int x) const
{
    const QRect r = plotRect();
    const std::int64_t span = m_overview.lastMs - m_overview.firstMs;
    const int w = r.width() - 1;
    if (span <= 0 || w <= 0)
        return m_overview.firstMs;
    const int dx = std::clamp(x - r.left(), 0, w);
    return m_overview.firstMs + std::llround(double(dx) * double(span) / double(w));
}

int CaptureTimeline::xAtTime(std::int64_t ms) const
{
    const QRect r = plotRect();
    const std::int64_t span = m_overview.lastMs - m_overview.firstMs;
    const int w = r.width() - 1;
    if (span <= 0 || w <= 0)
        return r.left();
    const std::int64_t d = std::clamp<std::int64_t>(ms - m_overview.firstMs, 0, span);
    return r.left() + int(std::llround(double(d) * double(w) / double(span)));
}

std::int64_t CaptureTimeline::scannedUntilMs() const
{
    const capture::CaptureOverview &o = m_overview;
    if (o.complete)
        return o.lastMs;
    if (o.frames == 0)
        return o.firstMs;
    // Frames are written in time order, so the scanned share of frames is (nearly) the
    // scanned share of time.
    const double f = std::clamp(double(o.framesScanned) / double(o.frames), 0.0, 1.0);
    return o.firstMs + std::int64_t(f * double(o.lastMs - o.firstMs));
}

QString CaptureTimeline::toolTipAt(int x) const
{
    const capture::CaptureOverview &o = m_overview;
    const QRect r = plotRect();
    if (!o.error.empty() || o.buckets.empty() || x < r.left() || x > r.right())
        return {};
    const std::int64_t t = timeAtX(x);
    const bool withDate = crossesDays(o.firstMs, o.lastMs);
    const QLocale locale;
    QStringList lines{clockText(t, withDate)};
    if (t > scannedUntilMs()) {
        lines << (o.cancelled ? tr("Not indexed (indexing cancelled)") : tr("Not indexed yet"));
    } else {
        const capture::OverviewBucket &b = o.buckets[bucketIndex(o, t)];
        const double seconds = double(std::max<std::int64_t>(1, o.bucketMs)) / 1000.0;
        lines << tr("Events: %1/s · Samples: %2/s")
                     .arg(locale.toString(double(b.eventLines) / seconds, 'f', 0),
                          locale.toString(double(b.samples) / seconds, 'f', 0));
        if (b.scrapes > 0)
            lines << (b.failedScrapes > 0 ? tr("Scrapes: %1, %2 failed")
                                                .arg(locale.toString(qulonglong(b.scrapes)),
                                                     locale.toString(qulonglong(b.failedScrapes)))
                                          : tr("Scrapes: %1").arg(locale.toString(qulonglong(b.scrapes))));
    }
    // The marks whose symbol is under the cursor, nearest first.
    const int reach = std::max(3, fontMetrics().height() / 2);
    std::vector<std::pair<int, const capture::OverviewMark *>> near;
    for (const capture::OverviewMark &m : o.marks) {
        const int d = std::abs(xAtTime(m.atMs) - x);
        if (d <= reach)
            near.emplace_back(d, &m);
    }
    std::stable_sort(near.begin(), near.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (std::size_t i = 0; i < near.size() && i < std::size_t(kMaxToolTipMarks); ++i) {
        const capture::OverviewMark &m = *near[i].second;
        lines << tr("%1 at %2: %3")
                     .arg(markKindTitle(m.kind), clockText(m.atMs, withDate), untrustedText(m.text, kMaxMarkChars));
    }
    if (near.size() > std::size_t(kMaxToolTipMarks))
        lines << tr("(%n more marks here)", nullptr, int(near.size()) - kMaxToolTipMarks);
    return lines.join(QLatin1Char('\n'));
}

void CaptureTimeline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    const TimelineColours c = coloursFor(m_theme);
    const capture::CaptureOverview &o = m_overview;
    const QRect r = plotRect();
    const QColor text = pal.color(QPalette::WindowText);

    p.fillRect(rect(), pal.color(QPalette::Window));
    p.fillRect(r, pal.color(QPalette::Base));

    if (!o.error.empty() || o.lastMs < o.firstMs || o.buckets.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        const QString msg = !o.error.empty() ? tr("Cannot read the capture: %1").arg(untrustedText(o.error, 300))
                                             : tr("No capture open");
        p.drawText(r.adjusted(4, 0, -4, 0), Qt::AlignCenter, fm.elidedText(msg, Qt::ElideRight, r.width() - 8));
        p.setPen(pal.color(QPalette::Mid));
        p.drawRect(r.adjusted(0, 0, -1, -1));
        return;
    }

    const std::int64_t span = std::max<std::int64_t>(1, o.lastMs - o.firstMs);
    const int columns = r.width();
    // The buckets a pixel column covers (several when the capture has more buckets than
    // the strip has pixels): the column shows their busiest, so short spikes survive.
    std::vector<double> events(std::size_t(columns), 0), samples(std::size_t(columns), 0);
    std::vector<char> failed(std::size_t(columns), 0);
    double maxEvents = 0, maxSamples = 0;
    const double perSecond = 1000.0 / double(std::max<std::int64_t>(1, o.bucketMs));
    for (int col = 0; col < columns; ++col) {
        const std::int64_t t0 = o.firstMs + std::int64_t(double(col) * double(span) / double(columns));
        const std::int64_t t1 = o.firstMs + std::int64_t(double(col + 1) * double(span) / double(columns));
        const std::size_t b0 = bucketIndex(o, t0), b1 = std::max(b0, bucketIndex(o, std::max(t0, t1 - 1)));
        for (std::size_t b = b0; b <= b1; ++b) {
            const capture::OverviewBucket &bk = o.buckets[b];
            events[std::size_t(col)] = std::max(events[std::size_t(col)], double(bk.eventLines) * perSecond);
            samples[std::size_t(col)] = std::max(samples[std::size_t(col)], double(bk.samples) * perSecond);
            failed[std::size_t(col)] |= bk.failedScrapes > 0;
        }
        maxEvents = std::max(maxEvents, events[std::size_t(col)]);
        maxSamples = std::max(maxSamples, samples[std::size_t(col)]);
    }

    // The legend takes the top line of the plot; the rates use the height below it.
    const int legendH = legendHeight(fm);
    const int valueTop = r.top() + legendH;
    const int valueH = std::max(4, r.bottom() - valueTop - 1);
    auto yOf = [&](double v, double max) { return r.bottom() - (max > 0 ? v / max * valueH : 0.0); };

    // Visible span of the dashboards: a band under everything else.
    if (m_visibleEndMs > m_visibleStartMs && m_visibleEndMs >= o.firstMs && m_visibleStartMs <= o.lastMs) {
        const int x0 = xAtTime(m_visibleStartMs), x1 = std::max(x0 + 2, xAtTime(m_visibleEndMs));
        QColor band = pal.color(QPalette::Highlight);
        band.setAlpha(m_theme == Theme::Light ? 40 : m_theme == Theme::Dark ? 70 : 55);
        p.fillRect(QRect(QPoint(x0, r.top()), QPoint(x1, r.bottom())), band);
        band.setAlpha(170);
        p.setPen(band);
        p.drawLine(x0, r.top(), x0, r.bottom());
        p.drawLine(x1, r.top(), x1, r.bottom());
    }

    // Event rate: a filled step area.
    if (maxEvents > 0) {
        QPolygonF area;
        area.reserve(columns * 2 + 2);
        area << QPointF(r.left(), r.bottom() + 1);
        for (int col = 0; col < columns; ++col) {
            const double y = yOf(events[std::size_t(col)], maxEvents);
            area << QPointF(r.left() + col, y) << QPointF(r.left() + col + 1, y);
        }
        area << QPointF(r.left() + columns, r.bottom() + 1);
        p.setPen(Qt::NoPen);
        p.setBrush(c.eventsFill);
        p.drawPolygon(area);
        p.setPen(QPen(c.eventsLine, 1));
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(area.mid(1, area.size() - 2));
    }
    // Sample rate: a line on its own scale.
    if (maxSamples > 0) {
        QPolygonF line;
        line.reserve(columns);
        for (int col = 0; col < columns; ++col)
            line << QPointF(r.left() + col + 0.5, yOf(samples[std::size_t(col)], maxSamples));
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(c.samples, m_theme == Theme::Contrast ? 2.0 : 1.5));
        p.drawPolyline(line);
        p.setRenderHint(QPainter::Antialiasing, false);
    }
    // Failed scrapes: red ticks rising from the bottom edge.
    {
        const int tickH = std::max(4, fm.height() / 2);
        const int tickW = std::max(2, fm.averageCharWidth() / 3);
        for (int col = 0; col < columns; ++col)
            if (failed[std::size_t(col)])
                p.fillRect(QRect(r.left() + col - tickW / 2, r.bottom() - tickH + 1, tickW, tickH), c.failed);
    }

    const std::int64_t scanned = scannedUntilMs();
    // Damage: from the frame before it to where records resume, hatched over the plot
    // and the lane (the frames between were lost, so those buckets are empty).
    for (const capture::OverviewMark &m : o.marks) {
        if (m.kind != capture::MarkKind::Damage)
            continue;
        std::int64_t endMs = std::min(o.lastMs, scanned);
        for (std::size_t b = bucketIndex(o, m.atMs) + 1; b < o.buckets.size(); ++b) {
            const capture::OverviewBucket &bk = o.buckets[b];
            if (bk.eventLines + bk.samples + bk.scrapes > 0) {
                endMs = o.firstMs + std::int64_t(b) * o.bucketMs;
                break;
            }
        }
        const int x0 = xAtTime(m.atMs);
        const int x1 = std::max(x0 + std::max(3, fm.averageCharWidth() / 2), xAtTime(endMs));
        const QRect box(QPoint(x0, r.top()), QPoint(x1, r.bottom()));
        QColor fill = c.damage;
        fill.setAlpha(45);
        p.fillRect(box, fill);
        p.fillRect(box, QBrush(c.damage, Qt::BDiagPattern));
        p.setPen(c.damage);
        p.drawLine(x0, r.top(), x0, r.bottom());
        p.drawLine(x1, r.top(), x1, r.bottom());
        p.fillRect(QRect(QPoint(x0, 2), QPoint(x1, laneHeight(fm) - 2)), QBrush(c.damage, Qt::BDiagPattern));
        p.drawRect(QRect(QPoint(x0, 2), QPoint(x1, laneHeight(fm) - 2)));
    }

    // Not yet scanned: greyed, with what is going on when there is room to say it.
    if (scanned < o.lastMs) {
        const int xs = xAtTime(scanned);
        const QRect grey(QPoint(xs, r.top()), r.bottomRight());
        QColor veil = pal.color(QPalette::Window);
        veil.setAlpha(255);
        p.fillRect(grey, veil);
        p.fillRect(grey, QBrush(pal.color(QPalette::Mid), Qt::Dense6Pattern));
        // The same words as the ReplayBar's progress.
        const QString what =
            o.cancelled ? tr("Indexing cancelled")
            : o.frames > 0 ? tr("Indexing… %1 %").arg(int(100.0 * double(o.framesScanned) / double(o.frames)))
                           : tr("Indexing…");
        if (grey.width() > fm.horizontalAdvance(what) + 16) {
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(grey.adjusted(0, legendH, 0, 0), Qt::AlignCenter, what);
        }
    }

    p.setPen(pal.color(QPalette::Mid));
    p.setBrush(Qt::NoBrush);
    p.drawRect(r.adjusted(0, 0, -1, -1));

    // Marks: a symbol in the lane and a faint line down through the plot.
    const int lane = laneHeight(fm);
    const double s = std::max(7.0, fm.height() * 0.8); // symbol size
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const capture::OverviewMark &m : o.marks) {
        if (m.kind == capture::MarkKind::Damage)
            continue; // drawn as spans above
        const int x = xAtTime(m.atMs);
        QColor fill = m.kind == capture::MarkKind::Note ? c.note
                      : m.kind == capture::MarkKind::Election ? c.election : c.alert;
        QColor guide = fill;
        guide.setAlpha(150);
        p.setPen(QPen(guide, 1, Qt::DotLine));
        p.drawLine(QPointF(x + 0.5, lane), QPointF(x + 0.5, r.bottom()));
        const QColor outline = m_theme == Theme::Light ? fill.darker(170) : pal.color(QPalette::Window);
        p.setPen(QPen(outline, 1));
        p.setBrush(fill);
        const double cy = lane / 2.0 + 1, cx = x + 0.5;
        QPainterPath path;
        switch (m.kind) {
        case capture::MarkKind::Note: { // a flag on a pole
            p.setPen(QPen(m_theme == Theme::Light ? fill.darker(170) : fill, 1.5));
            p.drawLine(QPointF(cx, cy - s / 2 - 1), QPointF(cx, lane));
            path.moveTo(cx, cy - s / 2 - 1);
            path.lineTo(cx + s * 0.95, cy - s / 4 - 0.5);
            path.lineTo(cx, cy);
            path.closeSubpath();
            p.setPen(QPen(outline, 1));
            break;
        }
        case capture::MarkKind::Election: // a diamond
            path.moveTo(cx, cy - s / 2);
            path.lineTo(cx + s / 2, cy);
            path.lineTo(cx, cy + s / 2);
            path.lineTo(cx - s / 2, cy);
            path.closeSubpath();
            break;
        default: // alert: a triangle
            path.moveTo(cx, cy - s / 2);
            path.lineTo(cx + s / 2, cy + s / 2);
            path.lineTo(cx - s / 2, cy + s / 2);
            path.closeSubpath();
            break;
        }
        p.drawPath(path);
    }
    p.setBrush(Qt::NoBrush);
    p.setRenderHint(QPainter::Antialiasing, false);

    // Legend, over a backing so the area does not make it unreadable.
    {
        QFont small = font();
        small.setPointSizeF(small.pointSizeF() > 0 ? small.pointSizeF() * 0.9 : 9);
        p.setFont(small);
        const QFontMetrics sfm(small);
        const QString ev = tr("events/s, max %1").arg(compactNumber(maxEvents));
        const QString sa = tr("samples/s, max %1").arg(compactNumber(maxSamples));
        const int sw = sfm.height() * 3 / 4, gap = sfm.averageCharWidth() * 2;
        const int w = sw + 4 + sfm.horizontalAdvance(ev) + gap + sw + 4 + sfm.horizontalAdvance(sa) + 8;
        const QRect box(r.left() + 1, r.top() + 1, std::min(w, r.width() - 2), sfm.height() + 2);
        QColor back = pal.color(QPalette::Base);
        back.setAlpha(210);
        p.fillRect(box, back);
        int x = box.left() + 4;
        const int cy = box.center().y();
        p.fillRect(QRect(x, cy - sw / 2, sw, sw), c.eventsFill);
        p.setPen(c.eventsLine);
        p.drawRect(QRect(x, cy - sw / 2, sw - 1, sw - 1));
        x += sw + 4;
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(x, box.top(), box.right() - x, box.height()), Qt::AlignLeft | Qt::AlignVCenter, ev);
        x += sfm.horizontalAdvance(ev) + gap;
        p.fillRect(QRect(x, cy - 1, sw, std::max(2, sw / 4)), c.samples);
        x += sw + 4;
        p.setPen(pal.color(QPalette::Text));
        if (x < box.right())
            p.drawText(QRect(x, box.top(), box.right() - x, box.height()), Qt::AlignLeft | Qt::AlignVCenter, sa);
        p.setFont(font());
    }

    // Replay position: a line across lane and plot with a cap on top.
    {
        const int x = xAtTime(m_positionMs);
        const int w = m_theme == Theme::Contrast ? 3 : 2;
        p.fillRect(QRect(x - w / 2, 1, w, r.bottom()), text);
        const int cap = std::max(4, fm.height() / 3);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(Qt::NoPen);
        p.setBrush(text);
        p.drawPolygon(QPolygonF{QPointF(x - cap + 0.5, 0), QPointF(x + cap + 0.5, 0), QPointF(x + 0.5, cap)});
        p.setRenderHint(QPainter::Antialiasing, false);
        p.setBrush(Qt::NoBrush);
    }

    // Time axis: clock-time ticks at a step that leaves room for the labels.
    {
        const bool withDate = crossesDays(o.firstMs, o.lastMs);
        const int labelW = fm.horizontalAdvance(clockText(o.firstMs, withDate)) + fm.averageCharWidth() * 4;
        static constexpr std::int64_t kSteps[] = {1000,      2000,      5000,      10'000,    15'000,     30'000,
                                                  60'000,    120'000,   300'000,   600'000,   900'000,    1'800'000,
                                                  3'600'000, 7'200'000, 10'800'000, 21'600'000, 43'200'000, 86'400'000,
                                                  172'800'000, 604'800'000};
        const int maxTicks = std::max(1, r.width() / std::max(1, labelW));
        std::int64_t step = kSteps[std::size(kSteps) - 1];
        for (std::int64_t candidate : kSteps)
            if (span / candidate <= maxTicks) {
                step = candidate;
                break;
            }
        const std::int64_t offset = std::int64_t(QDateTime::fromMSecsSinceEpoch(o.firstMs).offsetFromUtc()) * 1000;
        std::int64_t t = o.firstMs + offset;
        t = (t / step + (t % step != 0 && t > 0 ? 1 : 0)) * step - offset;
        p.setPen(text);
        const int y = r.bottom() + 1;
        int lastRight = std::numeric_limits<int>::min();
        for (; t <= o.lastMs; t += step) {
            const int x = xAtTime(t);
            p.drawLine(x, y, x, y + 3);
            const QString label = clockText(t, withDate);
            const int w = fm.horizontalAdvance(label);
            const int lx = std::clamp(x - w / 2, 0, std::max(0, width() - w));
            if (lx <= lastRight)
                continue;
            p.drawText(QRect(lx, y + 3, w, fm.height()), Qt::AlignCenter, label);
            lastRight = lx + w + fm.averageCharWidth();
        }
    }

    if (hasFocus()) {
        QPen focus(pal.color(QPalette::Highlight), 1, Qt::DotLine);
        p.setPen(focus);
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

void CaptureTimeline::emitSeek(std::int64_t ms, bool force)
{
    const qint64 now = m_seekClock.elapsed();
    if (!force && now - m_lastSeekEmitMs < kSeekThrottleMs) {
        m_pendingSeekMs = ms;
        if (!m_seekTimer->isActive())
            m_seekTimer->start(int(kSeekThrottleMs - (now - m_lastSeekEmitMs)));
        return;
    }
    m_seekTimer->stop();
    m_pendingSeekMs = -1;
    m_lastSeekEmitMs = now;
    m_lastEmittedMs = ms;
    Q_EMIT seekRequested(ms);
}

void CaptureTimeline::seekTo(std::int64_t ms)
{
    if (m_overview.lastMs < m_overview.firstMs)
        return;
    ms = std::clamp(ms, m_overview.firstMs, m_overview.lastMs);
    m_positionMs = ms;
    update();
    emitSeek(ms, true);
}

void CaptureTimeline::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_overview.buckets.empty()) {
        QWidget::mousePressEvent(event);
        return;
    }
    QToolTip::hideText();
    m_dragging = true;
    m_positionMs = timeAtX(event->position().toPoint().x());
    update();
    emitSeek(m_positionMs, true);
}

void CaptureTimeline::mouseMoveEvent(QMouseEvent *event)
{
    const int x = event->position().toPoint().x();
    if (m_dragging) {
        const std::int64_t t = timeAtX(x);
        if (t != m_positionMs) {
            m_positionMs = t;
            update();
            emitSeek(t, false);
        }
        return;
    }
    // Keep an open tooltip following the cursor.
    if (QToolTip::isVisible()) {
        const QString tip = toolTipAt(x);
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPosition().toPoint(), toolTipHtml(tip), this);
    }
}

void CaptureTimeline::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragging || event->button() != Qt::LeftButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_dragging = false;
    m_positionMs = timeAtX(event->position().toPoint().x());
    update();
    // The final position always gets out, unthrottled (unless it just did).
    if (m_pendingSeekMs >= 0 || m_positionMs != m_lastEmittedMs)
        emitSeek(m_positionMs, true);
}

void CaptureTimeline::leaveEvent(QEvent *event)
{
    QToolTip::hideText();
    QWidget::leaveEvent(event);
}

void CaptureTimeline::keyPressEvent(QKeyEvent *event)
{
    const std::int64_t span = m_overview.lastMs - m_overview.firstMs;
    const std::int64_t step = std::max<std::int64_t>(1, span / 100);
    switch (event->key()) {
    case Qt::Key_Home: seekTo(m_overview.firstMs); break;
    case Qt::Key_End: seekTo(m_overview.lastMs); break;
    case Qt::Key_Left: seekTo(m_positionMs - step); break;
    case Qt::Key_Right: seekTo(m_positionMs + step); break;
    case Qt::Key_PageUp: seekTo(m_positionMs - step * 10); break;
    case Qt::Key_PageDown: seekTo(m_positionMs + step * 10); break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

bool CaptureTimeline::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = toolTipAt(help->pos().x());
        if (tip.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
                QToolTip::showText(help->globalPos(), toolTipHtml(tip), this);
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace vigil

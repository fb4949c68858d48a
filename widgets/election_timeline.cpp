#include "widgets/election_timeline.h"

#include "models/cluster_format.h"
#include "models/untrusted_text.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

namespace vigil {

namespace {

constexpr int kMaxNameChars = 40;

} // namespace

// The painted strips (one row per node). Geometry is in font units so it scales with
// the theme's font and the device pixel ratio.
class ElectionStrips : public QWidget
{
public:
    struct Row
    {
        QString name;
        std::vector<RoleSegment> segments;
    };

    explicit ElectionStrips(ElectionTimeline *timeline) : QWidget(timeline), m_timeline(timeline)
    {
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        setMouseTracking(true);
    }

    void setLive(bool live) { m_live = live; }
    void setCursor(std::optional<std::int64_t> ms)
    {
        if (ms != m_cursorMs) {
            m_cursorMs = ms;
            update();
        }
    }
    // "14:03:07" and every row's role at the cursor; empty when it is outside.
    QStringList cursorLines() const
    {
        if (!m_cursorMs || *m_cursorMs < m_fromMs || *m_cursorMs > m_toMs)
            return {};
        QStringList lines{QDateTime::fromMSecsSinceEpoch(*m_cursorMs).toString(QStringLiteral("HH:mm:ss"))};
        for (const Row &r : m_rows) {
            QString role = ElectionTimeline::tr("not observed");
            for (const RoleSegment &s : r.segments)
                if (s.fromMs <= *m_cursorMs && *m_cursorMs <= s.toMs)
                    role = roleText(s.role);
            lines << ElectionTimeline::tr("%1: %2").arg(r.name, role);
        }
        return lines;
    }

    void set(std::vector<Row> rows, std::vector<TermMark> marks, std::int64_t fromMs, std::int64_t knownFromMs,
             std::int64_t toMs)
    {
        m_knownFromMs = knownFromMs;
        const bool resized = rows.size() != m_rows.size();
        m_rows = std::move(rows);
        m_marks = std::move(marks);
        m_fromMs = fromMs;
        m_toMs = toMs;
        if (resized)
            updateGeometry();
        update();
    }

    const std::vector<Row> &rows() const { return m_rows; }
    const std::vector<TermMark> &marks() const { return m_marks; }

    QSize sizeHint() const override { return {fontMetrics().averageCharWidth() * 80, heightFor(m_rows.size())}; }
    QSize minimumSizeHint() const override { return {fontMetrics().averageCharWidth() * 40, heightFor(m_rows.size())}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing, false);
        const QFontMetrics fm = fontMetrics();
        const int top = fm.height() + 4; // term labels above the strips
        // Rows grow into spare height (up to twice their size) so a wall screen is filled.
        const int spare = height() - top - fm.height() - 6;
        const int rowH = std::clamp(spare / int(std::max<std::size_t>(1, m_rows.size())), rowHeight(), rowHeight() * 2);
        const auto [left, right] = stripSpan();
        const double span = double(std::max<std::int64_t>(1, m_toMs - m_fromMs));
        auto xOf = [&](std::int64_t ms) { return left + int(double(ms - m_fromMs) / span * double(right - left)); };

        if (m_rows.empty()) {
            p.setPen(palette().color(QPalette::PlaceholderText));
            p.drawText(rect(), Qt::AlignCenter, ElectionTimeline::tr("No role history yet"));
            return;
        }
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            const Row &r = m_rows[i];
            const int y = top + int(i) * rowH;
            p.setPen(palette().color(QPalette::WindowText));
            p.drawText(QRect(0, y, left - fm.averageCharWidth(), rowH), Qt::AlignRight | Qt::AlignVCenter,
                       fm.elidedText(r.name, Qt::ElideRight, left - fm.averageCharWidth()));
            for (const RoleSegment &s : r.segments) {
                const QRect box(QPoint(xOf(s.fromMs), y + 2), QPoint(xOf(s.toMs) - 1, y + rowH - 3));
                p.fillRect(box, roleColor(s.role));
                if (s.role == NodeRole::Unreachable)
                    p.fillRect(box, QBrush(QColor(255, 255, 255, 90), Qt::BDiagPattern));
                const QString word = roleText(s.role);
                if (fm.horizontalAdvance(word) + 6 <= box.width()) {
                    p.setPen(roleTextColor(s.role));
                    p.drawText(box, Qt::AlignCenter, word);
                } else if (fm.horizontalAdvance(word.left(1)) + 4 <= box.width()) {
                    p.setPen(roleTextColor(s.role));
                    p.drawText(box, Qt::AlignCenter, word.left(1).toUpper());
                }
            }
        }
        const int bottom = top + int(m_rows.size()) * rowH;
        const QRect unknown(QPoint(left, top), QPoint(xOf(m_knownFromMs) - 2, bottom - 1));
        const QString notObserved = ElectionTimeline::tr("not observed yet");
        if (unknown.width() > fm.horizontalAdvance(notObserved) + 8) {
            p.setPen(palette().color(QPalette::PlaceholderText));
            p.drawText(unknown, Qt::AlignCenter, notObserved);
        }
        // Term marks: a line across all strips, the new term above it.
        QPen markPen(palette().color(QPalette::WindowText));
        markPen.setStyle(Qt::DashLine);
        int lastLabelRight = -1;
        for (const TermMark &m : m_marks) {
            const int x = xOf(m.atMs);
            p.setPen(markPen);
            p.drawLine(x, top - 2, x, bottom);
            const QString label = ElectionTimeline::tr("term %1").arg(m.term);
            const int w = fm.horizontalAdvance(label);
            const int lx = std::clamp(x - w / 2, left, std::max(left, width() - w - 1)); // inside the widget
            if (lx > lastLabelRight) { // skip labels that would overlap the previous one
                p.setPen(palette().color(QPalette::WindowText));
                p.drawText(QRect(lx, 0, w, fm.height()), Qt::AlignCenter, label);
                lastLabelRight = lx + w + fm.averageCharWidth();
            }
        }
        // Time axis: minutes before now (before the end of a paused range).
        p.setPen(palette().color(QPalette::WindowText));
        const std::int64_t minutes = std::max<std::int64_t>(1, (m_toMs - m_fromMs) / 60000);
        const std::int64_t step = minutes > 240 ? 60 : minutes > 60 ? 15 : minutes > 10 ? 5 : minutes > 4 ? 2 : 1;
        for (std::int64_t m = 0; m <= minutes; m += step) {
            const int x = xOf(m_toMs - m * 60000);
            const QString end = m_live ? ElectionTimeline::tr("now")
                                       : QDateTime::fromMSecsSinceEpoch(m_toMs).toString(QStringLiteral("HH:mm:ss"));
            const QString label = m == 0 ? end : ElectionTimeline::tr("−%1 min").arg(m);
            const int w = fm.horizontalAdvance(label);
            p.drawLine(x, bottom, x, bottom + 3);
            const int lx = std::clamp(x - w / 2, left, std::max(left, right - w));
            p.drawText(QRect(lx, bottom + 3, w, fm.height()), Qt::AlignCenter, label);
        }
        paintCursor(p, xOf, top, bottom);
    }

    void mouseMoveEvent(QMouseEvent *event) override
    {
        const auto [left, right] = stripSpan();
        const int x = event->position().toPoint().x();
        if (x < left || x > right || right <= left) {
            Q_EMIT m_timeline->cursorLeft();
            return;
        }
        const double f = double(x - left) / double(right - left);
        Q_EMIT m_timeline->cursorHovered(m_fromMs + std::int64_t(f * double(m_toMs - m_fromMs)));
    }
    void leaveEvent(QEvent *) override { Q_EMIT m_timeline->cursorLeft(); }

private:
    // Left and right pixel of the strips (the names are left of them).
    std::pair<int, int> stripSpan() const
    {
        const QFontMetrics fm = fontMetrics();
        int nameW = fm.horizontalAdvance(ElectionTimeline::tr("no data"));
        for (const Row &r : m_rows)
            nameW = std::max(nameW, fm.horizontalAdvance(r.name));
        return {std::min(nameW + fm.averageCharWidth() * 2, width() / 3), width() - fm.averageCharWidth() * 2};
    }

    template <typename XOf>
    void paintCursor(QPainter &p, XOf xOf, int top, int bottom)
    {
        const QStringList lines = cursorLines();
        if (lines.isEmpty())
            return;
        const int x = xOf(*m_cursorMs);
        QPen pen(palette().color(QPalette::WindowText), 0, Qt::DashLine);
        p.setPen(pen);
        p.drawLine(x, top - 2, x, bottom);
        const QFontMetrics fm = fontMetrics();
        const QString text = lines.join(QLatin1Char('\n'));
        QRect box = fm.boundingRect(QRect(0, 0, 4000, 4000), Qt::AlignLeft, text).adjusted(-6, -3, 6, 3);
        const int bx = x + 8 + box.width() <= width() ? x + 8 : x - 8 - box.width();
        box.moveTopLeft(QPoint(std::max(0, bx), top));
        QColor back = palette().color(QPalette::ToolTipBase);
        back.setAlpha(235);
        p.fillRect(box, back);
        p.setPen(palette().color(QPalette::ToolTipText));
        p.drawRect(box.adjusted(0, 0, -1, -1));
        p.drawText(box.adjusted(6, 3, -6, -3), Qt::AlignLeft | Qt::AlignTop, text);
    }

    int rowHeight() const { return fontMetrics().height() * 3 / 2 + 4; }
    int heightFor(std::size_t rows) const
    {
        return fontMetrics().height() + 4 + int(std::max<std::size_t>(rows, 1)) * rowHeight() + fontMetrics().height() + 6;
    }

    ElectionTimeline *m_timeline;
    std::vector<Row> m_rows;
    std::vector<TermMark> m_marks;
    std::int64_t m_fromMs = 0, m_toMs = 1, m_knownFromMs = 0;
    std::optional<std::int64_t> m_cursorMs;
    bool m_live = true;
};

ElectionTimeline::ElectionTimeline(QWidget *parent)
    : QWidget(parent), m_strips(new ElectionStrips(this)), m_leaders(new QListWidget(this))
{
    m_leaders->setSelectionMode(QAbstractItemView::NoSelection);
    m_leaders->setFocusPolicy(Qt::NoFocus);
    m_leaders->setWordWrap(false);
    m_leaders->setTextElideMode(Qt::ElideRight);
    m_leaders->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_leaders->setMinimumWidth(fontMetrics().averageCharWidth() * 36);
    auto *leadersTitle = new QLabel(tr("Leader changes"), this);
    leadersTitle->setTextFormat(Qt::PlainText);
    QFont bold;
    bold.setBold(true);
    leadersTitle->setFont(bold);
    auto *side = new QVBoxLayout;
    side->addWidget(leadersTitle);
    side->addWidget(m_leaders, 1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(fontMetrics().averageCharWidth() * 3);
    layout->addWidget(m_strips, 3);
    layout->addLayout(side, 1);
}

void ElectionTimeline::setWindowMs(std::int64_t ms)
{
    m_windowMs = std::max<std::int64_t>(60'000, ms);
}

QString ElectionTimeline::leaderChangeText(const RoleChange &change, const QString &nodeName)
{
    const QString when = QDateTime::fromMSecsSinceEpoch(change.atMs).toString(QStringLiteral("HH:mm:ss"));
    return change.term > 0 ? tr("%1  %2 became leader (term %3)").arg(when, nodeName).arg(change.term)
                           : tr("%1  %2 became leader").arg(when, nodeName);
}

void ElectionTimeline::setCursor(std::optional<std::int64_t> ms)
{
    m_strips->setCursor(ms);
}

QStringList ElectionTimeline::cursorLines() const
{
    return m_strips->cursorLines();
}

void ElectionTimeline::setSnapshot(const ClusterSnapshot &snapshot, std::int64_t nowMs, bool live)
{
    m_strips->setLive(live);
    const std::int64_t fromMs = nowMs - m_windowMs;
    // Before the oldest recorded change nothing is known (the tracker starts every node
    // as unreachable, and a bounded history forgets): strips begin there.
    std::int64_t knownFromMs = fromMs;
    if (!snapshot.history.empty()) {
        std::int64_t oldest = snapshot.history.front().atMs;
        for (const RoleChange &c : snapshot.history)
            oldest = std::min(oldest, c.atMs);
        knownFromMs = std::clamp(oldest, fromMs, nowMs);
    }
    // History names nodes by id; show their display names. Nodes that left the
    // snapshot but still have history keep a strip (by id) until it ages out.
    std::map<std::string, QString> names;
    std::vector<ElectionStrips::Row> rows;
    for (const ClusterNode &n : snapshot.nodes) {
        const QString name = untrustedText(n.name.empty() ? n.id : n.name, kMaxNameChars);
        names[n.id] = name;
        rows.push_back({name, roleSegments(snapshot.history, n.id, n.role, knownFromMs, nowMs)});
    }
    for (const RoleChange &c : snapshot.history) {
        if (names.count(c.node) || c.atMs < fromMs)
            continue;
        const QString name = untrustedText(c.node, kMaxNameChars);
        names[c.node] = name;
        rows.push_back({name, roleSegments(snapshot.history, c.node, NodeRole::Unreachable, knownFromMs, nowMs)});
    }
    m_strips->set(std::move(rows), termMarks(snapshot.history, fromMs, nowMs), fromMs, knownFromMs, nowMs);

    QStringList lines;
    for (const RoleChange &c : leaderChanges(snapshot.history, kMaxLeaderChanges)) {
        const auto it = names.find(c.node);
        lines << leaderChangeText(c, it != names.end() ? it->second : untrustedText(c.node, kMaxNameChars));
    }
    if (lines.isEmpty())
        lines << tr("none recorded");
    if (lines != leaderChangeTexts()) {
        m_leaders->clear();
        m_leaders->addItems(lines);
    }
    // Wide enough for its lines at the current font (themes and wall mode scale it).
    int widest = 0;
    for (const QString &l : std::as_const(lines))
        widest = std::max(widest, m_leaders->fontMetrics().horizontalAdvance(l));
    const int wanted = std::min(widest + m_leaders->fontMetrics().averageCharWidth() * 4, width() / 2);
    if (wanted > m_leaders->minimumWidth())
        m_leaders->setMinimumWidth(wanted);
}

QStringList ElectionTimeline::nodeNames() const
{
    QStringList out;
    for (const auto &r : m_strips->rows())
        out << r.name;
    return out;
}

std::vector<RoleSegment> ElectionTimeline::segments(int row) const
{
    const auto &rows = m_strips->rows();
    return row >= 0 && std::size_t(row) < rows.size() ? rows[std::size_t(row)].segments : std::vector<RoleSegment>{};
}

std::vector<TermMark> ElectionTimeline::marks() const
{
    return m_strips->marks();
}

QStringList ElectionTimeline::leaderChangeTexts() const
{
    QStringList out;
    for (int i = 0; i < m_leaders->count(); ++i)
        out << m_leaders->item(i)->text();
    return out;
}

} // namespace vigil

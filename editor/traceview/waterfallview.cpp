// The run waterfall: rows from engine::buildSpanTree, bars on a time window, painted per row in
// view only.
#include <editor/traceview/waterfallview.h>

#include <editor/runcontroller.h>
#include <editor/statustext.h>

#include <engine/core/jsonio.h>

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace tutti::editor {

using engine::Micros;
using engine::Span;
using engine::SpanKind;
using engine::SpanStatus;

namespace {

constexpr int kIndent = 14;
constexpr int kToggleWidth = 14;
constexpr int kMinNameWidth = 120;
constexpr int kScrollSteps = 10000; // horizontal scroll bar resolution over the whole run
constexpr Micros kMinWindow = 10;   // the deepest zoom: 10 µs across the timeline

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// Bar colours by kind: mid-saturation hues that read on light and dark bases alike.
QColor kindColour(SpanKind kind)
{
    switch (kind) {
    case SpanKind::Step:
        return QColor(0x3b, 0x82, 0xf6);
    case SpanKind::Attempt:
        return QColor(0x0e, 0xa5, 0xc9);
    case SpanKind::Wait:
        return QColor(0x9c, 0xa3, 0xaf);
    case SpanKind::Compensation:
        return QColor(0xa8, 0x55, 0xf7);
    case SpanKind::Branch:
        return QColor(0x22, 0xa8, 0x5e);
    case SpanKind::Item:
        return QColor(0x14, 0xb8, 0xa6);
    case SpanKind::Debug: // a debugger's pause or edit
        return QColor(0xf5, 0x9e, 0x0b);
    }
    return Qt::gray;
}

QColor statusColour(const Span &span)
{
    switch (span.status) {
    case SpanStatus::Error:
        return WaterfallView::errorColour();
    case SpanStatus::Cancelled:
        return QColor(0xd9, 0x8b, 0x0b);
    case SpanStatus::Running:
    case SpanStatus::Ok:
        break;
    }
    return kindColour(span.kind);
}

bool isDark(const QPalette &p)
{
    return p.color(QPalette::Base).lightnessF() < 0.5;
}

// A tick every 1, 2 or 5 × 10^k µs, at least `minMicros` apart.
Micros tickStep(double minMicros)
{
    Micros step = 1;
    while (true) {
        for (Micros m : {1, 2, 5})
            if (static_cast<double>(step * m) >= minMicros)
                return step * m;
        if (step > std::numeric_limits<Micros>::max() / 100)
            return step;
        step *= 10;
    }
}

QString tickLabel(Micros offset, Micros step)
{
    // Labels in the unit the tick step needs, so "0 ms 20 ms 40 ms" rather than mixed units.
    if (step >= 1'000'000)
        return QStringLiteral("%1 s").arg(static_cast<double>(offset) / 1e6, 0, 'g', 6);
    if (step >= 1000)
        return QStringLiteral("%1 ms").arg(static_cast<double>(offset) / 1e3, 0, 'g', 7);
    return QStringLiteral("%1 µs").arg(offset);
}

} // namespace

QColor WaterfallView::criticalColour(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xf8, 0xfa, 0xfc) : QColor(0x11, 0x18, 0x27);
}

QColor WaterfallView::errorColour()
{
    return QColor(0xe0, 0x3e, 0x3e);
}

WaterfallView::WaterfallView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    horizontalScrollBar()->setRange(0, 0);
    setMinimumHeight(kHeaderHeight + 3 * kRowHeight);
}

void WaterfallView::setRun(std::shared_ptr<const engine::RunTrace> run)
{
    m_run = std::move(run);
    m_selected = -1;
    m_tree = {};
    m_critical.clear();
    m_treeRowOfSpan.clear();
    m_origin = 0;
    m_total = 1;
    if (m_run) {
        const auto &[record, spans] = *m_run;
        m_tree = engine::buildSpanTree(spans);
        m_critical = engine::criticalPath(spans);
        m_treeRowOfSpan.assign(spans.size(), -1);
        for (std::size_t r = 0; r < m_tree.rows.size(); ++r)
            m_treeRowOfSpan[m_tree.rows[r].span] = static_cast<int>(r);
        Micros first = record.startedAt, last = record.startedAt + record.duration;
        for (const Span &s : spans) {
            first = std::min(first, s.start);
            last = std::max(last, s.start + s.duration);
        }
        if (record.startedAt == 0 && !spans.empty()) // a record without a start time
            first = spans.front().start;
        m_origin = first;
        m_total = std::max<Micros>(1, last - first);
    }
    m_collapsed.assign(m_tree.rows.size(), false);
    rebuildRows();
    verticalScrollBar()->setValue(0);
    fit();
    emit spanSelected(-1);
}

int WaterfallView::spanAtRow(int row) const
{
    if (row < 0 || row >= rowCount())
        return -1;
    return static_cast<int>(m_tree.rows[static_cast<std::size_t>(m_visible[row])].span);
}

int WaterfallView::rowOfSpan(int spanIndex) const
{
    if (spanIndex < 0 || spanIndex >= static_cast<int>(m_treeRowOfSpan.size()))
        return -1;
    return m_visibleRowOf[static_cast<std::size_t>(m_treeRowOfSpan[spanIndex])];
}

int WaterfallView::rowAt(const QPoint &pos) const
{
    if (pos.y() < kHeaderHeight)
        return -1;
    const int row = (pos.y() - kHeaderHeight + verticalScrollBar()->value()) / kRowHeight;
    return row < rowCount() ? row : -1;
}

QRect WaterfallView::rowRect(int row) const
{
    return QRect(0, kHeaderHeight + row * kRowHeight - verticalScrollBar()->value(),
                 viewport()->width(), kRowHeight);
}

int WaterfallView::depthOf(int spanIndex) const
{
    if (spanIndex < 0 || spanIndex >= static_cast<int>(m_treeRowOfSpan.size()))
        return 0;
    return m_tree.rows[static_cast<std::size_t>(m_treeRowOfSpan[spanIndex])].depth;
}

bool WaterfallView::hasChildren(int spanIndex) const
{
    if (spanIndex < 0 || spanIndex >= static_cast<int>(m_treeRowOfSpan.size()))
        return false;
    return m_tree.rows[static_cast<std::size_t>(m_treeRowOfSpan[spanIndex])].descendants > 0;
}

int WaterfallView::parentOf(int spanIndex) const
{
    if (spanIndex < 0 || spanIndex >= static_cast<int>(m_treeRowOfSpan.size()))
        return -1;
    const std::size_t p = m_tree.rows[static_cast<std::size_t>(m_treeRowOfSpan[spanIndex])].parent;
    return p == engine::SpanTree::npos ? -1 : static_cast<int>(m_tree.rows[p].span);
}

void WaterfallView::selectSpan(int spanIndex)
{
    if (spanIndex < -1 || spanIndex >= static_cast<int>(m_treeRowOfSpan.size()))
        spanIndex = -1;
    if (spanIndex >= 0) {
        // Show it: open every collapsed ancestor.
        bool changed = false;
        for (std::size_t p =
                 m_tree.rows[static_cast<std::size_t>(m_treeRowOfSpan[spanIndex])].parent;
             p != engine::SpanTree::npos; p = m_tree.rows[p].parent)
            if (m_collapsed[p]) {
                m_collapsed[p] = false;
                changed = true;
            }
        if (changed)
            rebuildRows();
        ensureVisible(rowOfSpan(spanIndex));
    }
    if (spanIndex == m_selected)
        return;
    m_selected = spanIndex;
    viewport()->update();
    emit spanSelected(spanIndex);
}

bool WaterfallView::isCollapsed(int spanIndex) const
{
    if (spanIndex < 0 || spanIndex >= static_cast<int>(m_treeRowOfSpan.size()))
        return false;
    return m_collapsed[static_cast<std::size_t>(m_treeRowOfSpan[spanIndex])];
}

void WaterfallView::setCollapsed(int spanIndex, bool collapsed)
{
    if (spanIndex < 0 || spanIndex >= static_cast<int>(m_treeRowOfSpan.size()) ||
        !hasChildren(spanIndex) || isCollapsed(spanIndex) == collapsed)
        return;
    m_collapsed[static_cast<std::size_t>(m_treeRowOfSpan[spanIndex])] = collapsed;
    rebuildRows();
    // A selection inside a collapsed subtree moves to the row that hides it.
    if (m_selected >= 0 && rowOfSpan(m_selected) < 0)
        selectSpan(spanIndex);
}

void WaterfallView::expandAll()
{
    std::fill(m_collapsed.begin(), m_collapsed.end(), false);
    rebuildRows();
}

void WaterfallView::collapseAll()
{
    for (std::size_t r = 0; r < m_tree.rows.size(); ++r)
        m_collapsed[r] = m_tree.rows[r].descendants > 0;
    rebuildRows();
    if (m_selected >= 0 && rowOfSpan(m_selected) < 0) {
        int top = m_selected;
        while (parentOf(top) >= 0)
            top = parentOf(top);
        selectSpan(top);
    }
}

void WaterfallView::rebuildRows()
{
    m_visible.clear();
    m_visible.reserve(m_tree.rows.size());
    m_visibleRowOf.assign(m_tree.rows.size(), -1);
    for (std::size_t r = 0; r < m_tree.rows.size();) {
        m_visibleRowOf[r] = static_cast<int>(m_visible.size());
        m_visible.push_back(static_cast<int>(r));
        r += m_collapsed[r] ? m_tree.rows[r].descendants + 1 : 1;
    }
    updateScrollBars();
    viewport()->update();
}

QRect WaterfallView::timelineRect() const
{
    const int left = m_nameWidth + 8;
    return QRect(left, kHeaderHeight, std::max(1, viewport()->width() - left - 12),
                 std::max(0, viewport()->height() - kHeaderHeight));
}

double WaterfallView::pixelsPerMicro() const
{
    return static_cast<double>(timelineRect().width()) / static_cast<double>(m_viewDuration);
}

int WaterfallView::xOf(Micros offset) const
{
    const double x = static_cast<double>(offset - m_viewStart) * pixelsPerMicro();
    return timelineRect().left() + static_cast<int>(std::clamp(x, -1e6, 1e6));
}

void WaterfallView::setTimeWindow(Micros start, Micros duration)
{
    duration = std::clamp<Micros>(duration, std::min(kMinWindow, m_total), m_total);
    start = std::clamp<Micros>(start, 0, m_total - duration);
    if (start == m_viewStart && duration == m_viewDuration)
        return;
    m_viewStart = start;
    m_viewDuration = duration;
    updateScrollBars();
    viewport()->update();
    emit timeWindowChanged();
}

void WaterfallView::fit()
{
    setTimeWindow(0, m_total);
}

void WaterfallView::zoomBy(double factor, int anchorX)
{
    if (factor <= 0)
        return;
    const QRect tl = timelineRect();
    if (anchorX < tl.left() || anchorX > tl.right())
        anchorX = tl.center().x();
    const double anchorOffset =
        static_cast<double>(m_viewStart) + (anchorX - tl.left()) / pixelsPerMicro();
    const double duration = static_cast<double>(m_viewDuration) / factor;
    const double ratio = (anchorX - tl.left()) / static_cast<double>(tl.width());
    setTimeWindow(static_cast<Micros>(std::llround(anchorOffset - ratio * duration)),
                  static_cast<Micros>(std::llround(std::max(1.0, duration))));
}

void WaterfallView::panBy(int pixels)
{
    setTimeWindow(m_viewStart + static_cast<Micros>(std::llround(pixels / pixelsPerMicro())),
                  m_viewDuration);
}

void WaterfallView::setNameColumnWidth(int width)
{
    m_nameWidth =
        std::clamp(width, kMinNameWidth, std::max(kMinNameWidth, viewport()->width() / 2));
    viewport()->update();
}

bool WaterfallView::isCritical(int spanIndex) const
{
    return spanIndex >= 0 && spanIndex < static_cast<int>(m_critical.size()) &&
           m_critical[static_cast<std::size_t>(spanIndex)];
}

QString WaterfallView::hoverText(int spanIndex) const
{
    if (!m_run || spanIndex < 0 || spanIndex >= static_cast<int>(m_run->second.size()))
        return {};
    const Span &s = m_run->second[static_cast<std::size_t>(spanIndex)];
    QStringList lines;
    QString title = spanName(s);
    if (!s.stepId.empty() && s.stepId != s.name)
        title += tr(" — step %1").arg(q(s.stepId));
    lines << title;
    lines << tr("%1 · %2").arg(kindText(s.kind), statusText(s.status));
    lines << tr("start: +%1").arg(RunController::formatLatency(s.start - m_origin));
    lines << tr("duration: %1").arg(RunController::formatLatency(s.duration));
    if (s.request.is_object()) {
        QString http = q(s.request.value("method", std::string())) + QLatin1Char(' ') +
                       q(s.request.value("url", std::string()));
        if (s.response.is_object() && s.response.contains("status"))
            http += QStringLiteral(" → ") + q(engine::dumpJson(s.response["status"]));
        lines << http;
    }
    if (s.error.is_object()) {
        QString e = q(s.error.value("type", std::string("error")));
        if (s.error.contains("message") && s.error["message"].is_string())
            e += QStringLiteral(": ") + q(s.error["message"].get<std::string>());
        lines << tr("error: %1").arg(e);
    }
    if (isCritical(spanIndex))
        lines << tr("on the critical path");
    return lines.join(QLatin1Char('\n'));
}

void WaterfallView::updateScrollBars()
{
    m_settingScroll = true;
    const int content = rowCount() * kRowHeight;
    const int page = std::max(0, viewport()->height() - kHeaderHeight);
    verticalScrollBar()->setRange(0, std::max(0, content - page));
    verticalScrollBar()->setPageStep(std::max(kRowHeight, page));
    verticalScrollBar()->setSingleStep(kRowHeight);
    if (m_viewDuration >= m_total) {
        horizontalScrollBar()->setRange(0, 0);
    } else {
        const double scale = kScrollSteps / static_cast<double>(m_total);
        const int pageSteps = std::max(1, static_cast<int>(m_viewDuration * scale));
        horizontalScrollBar()->setRange(0, std::max(0, kScrollSteps - pageSteps));
        horizontalScrollBar()->setPageStep(pageSteps);
        horizontalScrollBar()->setSingleStep(std::max(1, pageSteps / 10));
        horizontalScrollBar()->setValue(static_cast<int>(std::llround(m_viewStart * scale)));
    }
    m_settingScroll = false;
}

void WaterfallView::scrollContentsBy(int dx, int)
{
    if (dx != 0 && !m_settingScroll && m_viewDuration < m_total) {
        const double scale = static_cast<double>(m_total) / kScrollSteps;
        const Micros start =
            static_cast<Micros>(std::llround(horizontalScrollBar()->value() * scale));
        m_viewStart = std::clamp<Micros>(start, 0, m_total - m_viewDuration);
        emit timeWindowChanged();
    }
    viewport()->update();
}

void WaterfallView::ensureVisible(int row)
{
    if (row < 0)
        return;
    const int top = row * kRowHeight;
    const int page = std::max(kRowHeight, viewport()->height() - kHeaderHeight);
    QScrollBar *bar = verticalScrollBar();
    if (top < bar->value())
        bar->setValue(top);
    else if (top + kRowHeight > bar->value() + page)
        bar->setValue(top + kRowHeight - page);
}

void WaterfallView::moveSelection(int row)
{
    if (rowCount() == 0)
        return;
    selectSpan(spanAtRow(std::clamp(row, 0, rowCount() - 1)));
}

void WaterfallView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    m_nameWidth =
        std::clamp(m_nameWidth, kMinNameWidth, std::max(kMinNameWidth, viewport()->width() / 2));
    updateScrollBars();
}

bool WaterfallView::onToggle(const QPoint &pos, int row) const
{
    const int span = spanAtRow(row);
    if (span < 0 || !hasChildren(span))
        return false;
    const int x = 6 + depthOf(span) * kIndent;
    return pos.x() >= x - 2 && pos.x() < x + kToggleWidth + 2;
}

void WaterfallView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const QPalette &pal = palette();
    const bool dark = isDark(pal);
    const QRect vp = viewport()->rect();
    const QRect tl = timelineRect();
    p.fillRect(vp, pal.color(QPalette::Base));
    const QColor text = pal.color(QPalette::Text);
    QColor dim = text;
    dim.setAlphaF(0.55f);
    QColor grid = text;
    grid.setAlphaF(dark ? 0.10f : 0.08f);
    QColor stripe = text;
    stripe.setAlphaF(0.03f);

    // Time grid: nice steps at least 90 px apart.
    const Micros step = tickStep(90.0 / pixelsPerMicro());
    const QFontMetrics fm(font());
    const int firstRow = verticalScrollBar()->value() / kRowHeight;
    const int lastRow = std::min(rowCount() - 1, firstRow + vp.height() / kRowHeight + 1);

    // Rows.
    p.setClipRect(QRect(0, kHeaderHeight, vp.width(), vp.height() - kHeaderHeight));
    for (int row = firstRow; row <= lastRow; ++row) {
        const QRect r = rowRect(row);
        const int si = spanAtRow(row);
        const Span &s = m_run->second[static_cast<std::size_t>(si)];
        if (si == m_selected) {
            QColor sel = pal.color(QPalette::Highlight);
            sel.setAlphaF(hasFocus() ? 0.28f : 0.18f);
            p.fillRect(r, sel);
        } else if (row % 2 == 1) {
            p.fillRect(r, stripe);
        }
        // Name column: indent, toggle, kind mark, name, error mark.
        int x = 6 + depthOf(si) * kIndent;
        if (hasChildren(si)) {
            QPainterPath tri;
            const QPointF c(x + kToggleWidth / 2.0, r.center().y() + 0.5);
            if (isCollapsed(si)) {
                tri.moveTo(c + QPointF(-2.5, -4.5));
                tri.lineTo(c + QPointF(3.5, 0));
                tri.lineTo(c + QPointF(-2.5, 4.5));
            } else {
                tri.moveTo(c + QPointF(-4.5, -2.5));
                tri.lineTo(c + QPointF(4.5, -2.5));
                tri.lineTo(c + QPointF(0, 3.5));
            }
            tri.closeSubpath();
            p.setRenderHint(QPainter::Antialiasing, true);
            p.fillPath(tri, dim);
            p.setRenderHint(QPainter::Antialiasing, false);
        }
        x += kToggleWidth + 2;
        p.fillRect(QRect(x, r.center().y() - 4, 8, 8), kindColour(s.kind));
        x += 13;
        const bool failed = s.status == SpanStatus::Error;
        int right = m_nameWidth - 4;
        if (failed) {
            // A red "!" disc at the end of the name column: errors findable while scrolling.
            const QRect mark(right - 14, r.center().y() - 7, 14, 14);
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(Qt::NoPen);
            p.setBrush(statusColour(s));
            p.drawEllipse(mark);
            p.setBrush(Qt::NoBrush);
            p.setRenderHint(QPainter::Antialiasing, false);
            p.setPen(Qt::white);
            QFont bold = font();
            bold.setBold(true);
            p.setFont(bold);
            p.drawText(mark, Qt::AlignCenter, QStringLiteral("!"));
            p.setFont(font());
            right -= 18;
        }
        const QString label = spanName(s); // an attempt's step is the parent row's name
        p.setPen(failed ? statusColour(s) : text);
        p.drawText(QRect(x, r.top(), std::max(0, right - x), r.height()),
                   Qt::AlignVCenter | Qt::AlignLeft,
                   fm.elidedText(label, Qt::ElideRight, std::max(0, right - x)));

        // The bar.
        const int x0 = std::max(tl.left() - 2, xOf(offsetOf(s)));
        const int x1 = std::min(tl.right() + 2, xOf(offsetOf(s) + s.duration));
        if (x1 >= tl.left() && x0 <= tl.right()) {
            const int w = std::max(2, x1 - x0);
            const QRect bar(x0, r.top() + 5, w, r.height() - 10);
            // Off the critical path a bar is paler, so the path stands out in a busy run.
            const bool critical = isCritical(si);
            QColor c = statusColour(s);
            if (!critical)
                c.setAlphaF(0.45f);
            if (s.kind == SpanKind::Wait) {
                // A wait: hatched, it does nothing but wait.
                p.fillRect(bar, QBrush(c, Qt::BDiagPattern));
                p.setPen(c);
                p.setBrush(Qt::NoBrush);
                p.drawRect(bar.adjusted(0, 0, -1, -1));
            } else {
                p.fillRect(bar, c);
            }
            if (critical) {
                // The critical path: a dark core line through the bar, as in Jaeger.
                const QColor core = criticalColour(pal);
                p.fillRect(QRect(bar.left(), bar.center().y() - 1, bar.width(), 2), core);
            }
            const QString d = RunController::formatLatency(s.duration);
            const int dw = fm.horizontalAdvance(d);
            p.setPen(dim);
            if (bar.right() + 6 + dw < tl.right())
                p.drawText(QRect(bar.right() + 6, r.top(), dw + 2, r.height()),
                           Qt::AlignVCenter | Qt::AlignLeft, d);
            else if (bar.left() - 6 - dw > tl.left())
                p.drawText(QRect(bar.left() - 6 - dw, r.top(), dw + 2, r.height()),
                           Qt::AlignVCenter | Qt::AlignLeft, d);
        }
    }
    p.setClipping(false);

    // Grid lines over the timeline, then the header.
    const Micros firstTick = (m_viewStart / step) * step;
    p.setPen(grid);
    for (Micros t = firstTick; t <= m_viewStart + m_viewDuration; t += step) {
        const int x = xOf(t);
        if (x >= tl.left())
            p.drawLine(x, kHeaderHeight, x, vp.bottom());
    }
    const QRect header(0, 0, vp.width(), kHeaderHeight);
    p.fillRect(header, pal.color(QPalette::Window));
    p.setPen(grid);
    p.drawLine(0, kHeaderHeight - 1, vp.width(), kHeaderHeight - 1);
    p.drawLine(m_nameWidth, 0, m_nameWidth, vp.bottom()); // the column divider
    p.setPen(pal.color(QPalette::WindowText));
    p.drawText(QRect(8, 0, m_nameWidth - 12, kHeaderHeight), Qt::AlignVCenter | Qt::AlignLeft,
               m_run ? tr("%1 spans").arg(m_run->second.size()) : tr("No run"));
    for (Micros t = firstTick; t <= m_viewStart + m_viewDuration; t += step) {
        const int x = xOf(t);
        if (x < tl.left())
            continue;
        p.setPen(grid);
        p.drawLine(x, kHeaderHeight - 6, x, kHeaderHeight - 1);
        p.setPen(pal.color(QPalette::WindowText));
        const QString label = tickLabel(t, step);
        const int lw = fm.horizontalAdvance(label);
        if (x + 3 + lw <= vp.width())
            p.drawText(QRect(x + 3, 0, lw + 2, kHeaderHeight - 2), Qt::AlignVCenter, label);
    }
    if (rowCount() == 0) {
        p.setPen(dim);
        p.drawText(vp.adjusted(0, kHeaderHeight, 0, 0), Qt::AlignCenter,
                   m_run ? tr("This run recorded no spans.") : tr("Open a run to see its spans."));
    }
}

void WaterfallView::mousePressEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    m_pressPos = pos;
    m_pressViewStart = m_viewStart;
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    if (std::abs(pos.x() - m_nameWidth) <= 3) {
        m_drag = Drag::Divider;
        return;
    }
    const int row = rowAt(pos);
    if (row >= 0 && onToggle(pos, row)) {
        const int span = spanAtRow(row);
        setCollapsed(span, !isCollapsed(span));
        m_drag = Drag::None;
        return;
    }
    // In the timeline a press may become a pan: it selects only if released without moving.
    if (pos.x() > m_nameWidth) {
        m_drag = Drag::Pending;
        return;
    }
    m_drag = Drag::None;
    if (row >= 0)
        selectSpan(spanAtRow(row));
}

void WaterfallView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    switch (m_drag) {
    case Drag::Divider:
        setNameColumnWidth(pos.x());
        return;
    case Drag::Pending:
        if ((pos - m_pressPos).manhattanLength() < 5)
            return;
        m_drag = Drag::Pan;
        viewport()->setCursor(Qt::ClosedHandCursor);
        [[fallthrough]];
    case Drag::Pan:
        setTimeWindow(m_pressViewStart + static_cast<Micros>(std::llround(
                                             (m_pressPos.x() - pos.x()) / pixelsPerMicro())),
                      m_viewDuration);
        return;
    case Drag::None:
        break;
    }
    viewport()->setCursor(std::abs(pos.x() - m_nameWidth) <= 3 ? Qt::SplitHCursor
                                                               : Qt::ArrowCursor);
}

void WaterfallView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_drag == Drag::Pending) {
        const int row = rowAt(event->position().toPoint());
        if (row >= 0)
            selectSpan(spanAtRow(row));
    }
    m_drag = Drag::None;
    viewport()->setCursor(Qt::ArrowCursor);
}

void WaterfallView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    const int row = rowAt(pos);
    if (row < 0 || onToggle(pos, row))
        return;
    const int span = spanAtRow(row);
    selectSpan(span);
    if (hasChildren(span))
        setCollapsed(span, !isCollapsed(span));
    emit spanActivated(span);
}

void WaterfallView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        // Zoom around the pointer: 1.25× per notch.
        const double notches = delta.y() / 120.0;
        zoomBy(std::pow(1.25, notches), static_cast<int>(event->position().x()));
        event->accept();
        return;
    }
    if ((event->modifiers() & Qt::ShiftModifier) || delta.x() != 0) {
        const int d = delta.x() != 0 ? delta.x() : delta.y();
        panBy(-d * timelineRect().width() / 1200); // a notch moves a tenth of the view
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void WaterfallView::keyPressEvent(QKeyEvent *event)
{
    const int row = m_selected >= 0 ? rowOfSpan(m_selected) : -1;
    const int page = std::max(1, (viewport()->height() - kHeaderHeight) / kRowHeight - 1);
    switch (event->key()) {
    case Qt::Key_Down:
        moveSelection(row + 1);
        return;
    case Qt::Key_Up:
        moveSelection(row < 0 ? 0 : row - 1);
        return;
    case Qt::Key_PageDown:
        moveSelection(row + page);
        return;
    case Qt::Key_PageUp:
        moveSelection(row - page);
        return;
    case Qt::Key_Home:
        moveSelection(0);
        return;
    case Qt::Key_End:
        moveSelection(rowCount() - 1);
        return;
    case Qt::Key_Left:
        if (m_selected >= 0 && hasChildren(m_selected) && !isCollapsed(m_selected))
            setCollapsed(m_selected, true);
        else if (parentOf(m_selected) >= 0)
            selectSpan(parentOf(m_selected));
        return;
    case Qt::Key_Right:
        if (m_selected >= 0 && isCollapsed(m_selected))
            setCollapsed(m_selected, false);
        else if (m_selected >= 0 && hasChildren(m_selected))
            moveSelection(row + 1);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_selected >= 0)
            emit spanActivated(m_selected);
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.5);
        return;
    case Qt::Key_Minus:
        zoomBy(1 / 1.5);
        return;
    case Qt::Key_0:
    case Qt::Key_9:
        if (event->modifiers() & Qt::ControlModifier) {
            fit();
            return;
        }
        break;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void WaterfallView::contextMenuEvent(QContextMenuEvent *event)
{
    const int row = rowAt(event->pos());
    if (row < 0)
        return;
    const int span = spanAtRow(row);
    selectSpan(span);
    emit spanContextMenuRequested(span, event->globalPos());
}

bool WaterfallView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int row = rowAt(help->pos());
        if (row >= 0)
            QToolTip::showText(help->globalPos(), hoverText(spanAtRow(row)), viewport(),
                               rowRect(row));
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace tutti::editor

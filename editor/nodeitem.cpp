// Painting and hit-testing of step nodes; see nodeitem.h.
#include <editor/nodeitem.h>

#include <editor/steppresentation.h>

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>

namespace tutti::editor {

namespace {

constexpr double kPortRadius = 5.5;
constexpr double kCorner = 9;
double s_textScale = 1.0;

} // namespace

void NodeItem::setTextScale(double scale)
{
    s_textScale = std::clamp(scale, 0.7, 1.4);
}

double NodeItem::textScale()
{
    return s_textScale;
}

double NodeItem::textScaleThreshold()
{
    // The title is 10 pt (13.3 px at 100 %, stock text size); it is drawn once it is at least
    // kTextPixels high on screen.
    return kTextPixels / (10.0 * 96.0 / 72.0 * s_textScale);
}

NodeItem::Detail NodeItem::detailAt(double scale)
{
    if (scale < kCardScale)
        return Detail::Block;
    return scale < textScaleThreshold() ? Detail::Card : Detail::Full;
}

QColor NodeItem::stateColor(NodeState state)
{
    switch (state) {
    case NodeState::Running:
        return QColor(0x25, 0x63, 0xeb);
    case NodeState::Succeeded:
        return QColor(0x16, 0xa3, 0x4a);
    case NodeState::Failed:
        return QColor(0xdc, 0x26, 0x26);
    case NodeState::Retrying:
        return QColor(0xea, 0x8a, 0x0c);
    case NodeState::Compensated:
        return QColor(0x93, 0x33, 0xea);
    case NodeState::Idle:
        break;
    }
    return {};
}

NodeItem::NodeItem(const QString &id, QGraphicsItem *parent)
    : QGraphicsObject(parent)
    , m_id(id)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(10);
    // Nodes repaint only when their content changes; pans and zooms reuse the cache.
    setCacheMode(DeviceCoordinateCache);
}

void NodeItem::setStepId(const QString &id)
{
    m_id = id;
    updateToolTip();
    update();
}

void NodeItem::setContent(const QString &stepType, const QString &summary, bool catches, bool ends,
                          bool container, int childCount)
{
    const auto &p = StepPresentations::forType(stepType);
    m_type = stepType;
    m_summary = summary;
    m_icon = p.icon;
    m_color = p.color;
    m_catches = catches;
    m_ends = ends;
    m_container = container;
    m_childCount = childCount;
    updateToolTip();
    update();
}

void NodeItem::setCollapsed(bool collapsed)
{
    m_collapsed = collapsed;
    update();
}

void NodeItem::setState(NodeState state, const QString &latency)
{
    prepareGeometryChange();
    m_state = state;
    m_latency = latency;
    update();
}

void NodeItem::setProblems(const QStringList &messages)
{
    if (messages == m_problems)
        return;
    m_problems = messages;
    updateToolTip();
    update();
}

void NodeItem::updateToolTip()
{
    const auto &p = StepPresentations::forType(m_type);
    QString tip = QStringLiteral("<b>%1</b> — %2<br>%3")
                      .arg(m_id.toHtmlEscaped(), p.label, m_summary.toHtmlEscaped());
    if (m_breakpoint == Breakpoint::Plain)
        tip += QStringLiteral("<br>● ") + QObject::tr("Breakpoint");
    else if (m_breakpoint == Breakpoint::Conditional)
        tip += QStringLiteral("<br>● ") +
               QObject::tr("Breakpoint when %1").arg(m_condition.toHtmlEscaped());
    for (const auto &problem : m_problems)
        tip += QStringLiteral("<br><span style='color:#c62828'>⚠ %1</span>")
                   .arg(problem.toHtmlEscaped());
    setToolTip(tip);
}

bool NodeItem::hasPort(Port port) const
{
    switch (port) {
    case Port::In:
        return true;
    case Port::Out:
        return !m_ends;
    case Port::Catch:
        return m_catches;
    case Port::Collapse:
        return m_container;
    case Port::None:
        break;
    }
    return false;
}

QPointF NodeItem::portPos(Port port) const
{
    switch (port) {
    case Port::In:
        return {0, -kHeight / 2};
    case Port::Out:
        return {0, kHeight / 2};
    case Port::Catch:
        return {kWidth / 2, 0};
    case Port::Collapse:
        return {kWidth / 2 - 16, -kHeight / 2 + 14};
    case Port::None:
        break;
    }
    return {};
}

Port NodeItem::portAt(const QPointF &pos) const
{
    for (Port port : {Port::Out, Port::Catch, Port::Collapse, Port::In}) {
        if (!hasPort(port))
            continue;
        const double slack = port == Port::Collapse ? 9 : kPortRadius + 5;
        if (QLineF(pos, portPos(port)).length() <= slack)
            return port;
    }
    return Port::None;
}

QRectF NodeItem::boundingRect() const
{
    // Node plus ports and the latency badge underneath.
    return QRectF(-kWidth / 2 - 8, -kHeight / 2 - 8, kWidth + 16, kHeight + 30);
}

QPainterPath NodeItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(QRectF(-kWidth / 2, -kHeight / 2, kWidth, kHeight), kCorner, kCorner);
    for (Port port : {Port::In, Port::Out, Port::Catch})
        if (hasPort(port))
            path.addEllipse(portPos(port), kPortRadius + 4, kPortRadius + 4);
    return path;
}

void NodeItem::paintBlock(QPainter *painter, bool selected, double scale) const
{
    // Far out: a block in the type's colour band and the run state's colour, outlined at one
    // screen pixel so neighbours stay apart; no text, ports, icon or shadow.
    const QRectF body = bodyRect();
    const double pixel = 1.0 / std::max(scale, 1e-3);
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->fillRect(body, m_state == NodeState::Idle ? QColor(Qt::white) : stateColor(m_state));
    painter->fillRect(QRectF(body.left(), body.top(), std::max(12.0, 3 * pixel), body.height()),
                      m_color);
    if (!m_problems.isEmpty()) // the warning marker's colours in the top-left corner
        painter->fillRect(QRectF(body.left(), body.top(), 40, 24), QColor(0xfb, 0xbf, 0x24));
    if (m_breakpoint != Breakpoint::None) // the debugger's marks stay visible far out too
        painter->fillRect(
            QRectF(body.left(), body.top(), std::max(16.0, 4 * pixel), std::max(16.0, 4 * pixel)),
            QColor(0xe5, 0x14, 0x00));
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(selected ? QColor(0x25, 0x63, 0xeb) : QColor(0x9c, 0xa3, 0xaf),
                         (selected ? 2 : 1) * pixel));
    painter->drawRect(body);
    if (m_paused) {
        painter->setPen(QPen(pausedColor(), 3 * pixel));
        painter->drawRect(body.adjusted(-2 * pixel, -2 * pixel, 2 * pixel, 2 * pixel));
    }
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const bool selected = option->state & QStyle::State_Selected;
    // Level of detail first: a zoomed-out canvas (and the minimap) paints thousands of nodes.
    const double scale = option->levelOfDetailFromTransform(painter->worldTransform());
    const Detail detail = detailAt(scale);
    if (detail == Detail::Block) {
        paintBlock(painter, selected, scale);
        return;
    }
    const bool text = detail == Detail::Full;
    // Lines stay at least a screen pixel wide when the card is drawn small.
    const double minLine = 1.0 / scale;

    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF body = bodyRect();
    const QColor stateCol = stateColor(m_state);

    // Shadow (only where it can be seen), card, colour band on the left.
    painter->setPen(Qt::NoPen);
    if (text) {
        painter->setBrush(QColor(0, 0, 0, 28));
        painter->drawRoundedRect(body.translated(0, 2), kCorner, kCorner);
    }
    painter->setBrush(m_state == NodeState::Idle ? QColor(Qt::white) : stateCol.lighter(190));
    QPen border(selected ? QColor(0x25, 0x63, 0xeb)
                         : (m_state != NodeState::Idle ? stateCol : QColor(0xc5, 0xcb, 0xd3)),
                std::max(selected || m_state != NodeState::Idle ? 2.5 : 1.2, minLine));
    painter->setPen(border);
    painter->drawRoundedRect(body, kCorner, kCorner);
    // The band: the left 6 units of a rounded 12-unit strip (built once; every node has it).
    static const QPainterPath band = [] {
        const QRectF b = bodyRect();
        QPainterPath strip;
        strip.addRoundedRect(QRectF(b.left(), b.top(), 12, b.height()), kCorner, kCorner);
        QPainterPath clip;
        clip.addRect(QRectF(b.left(), b.top(), 6, b.height()));
        return strip.intersected(clip);
    }();
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_color);
    painter->drawPath(band);

    // Icon, title, summary.
    const QRectF iconRect(body.left() + 14, -16, 32, 32);
    m_icon.paint(painter, iconRect.toRect());
    QFont title = painter->font();
    title.setPointSizeF(10 * s_textScale);
    title.setBold(true);
    QFont small = painter->font();
    small.setPointSizeF(8.5 * s_textScale);
    const double textLeft = iconRect.right() + 10;
    const double textWidth = body.right() - textLeft - (m_container ? 26 : 10);
    if (text) {
        painter->setPen(QColor(0x1f, 0x29, 0x37));
        painter->setFont(title);
        painter->drawText(QRectF(textLeft, body.top() + 10, textWidth, 20),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetricsF(title).elidedText(m_id, Qt::ElideRight, textWidth));
        painter->setFont(small);
        painter->setPen(QColor(0x5b, 0x64, 0x70));
        QString sub = m_summary;
        if (m_container && m_collapsed)
            sub = QObject::tr("%1 · %n hidden step(s)", nullptr, m_childCount).arg(m_summary);
        painter->drawText(QRectF(textLeft, body.top() + 32, textWidth + (m_container ? 16 : 0), 18),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetricsF(small).elidedText(sub, Qt::ElideMiddle,
                                                          textWidth + (m_container ? 16 : 0)));
    }

    // Ports: in (top), out (bottom), catch (right, red).
    auto drawPort = [&](Port port, const QColor &color) {
        if (!hasPort(port))
            return;
        painter->setPen(QPen(color, 1.6));
        painter->setBrush(m_hover ? color.lighter(160) : QColor(Qt::white));
        painter->drawEllipse(portPos(port), kPortRadius, kPortRadius);
    };
    drawPort(Port::In, QColor(0x6b, 0x72, 0x80));
    drawPort(Port::Out, QColor(0x37, 0x41, 0x51));
    drawPort(Port::Catch, QColor(0xdc, 0x26, 0x26));

    // Collapse toggle of containers.
    if (m_container) {
        const QPointF c = portPos(Port::Collapse);
        const QRectF box(c.x() - 7, c.y() - 7, 14, 14);
        painter->setPen(QPen(QColor(0x6b, 0x72, 0x80), 1.2));
        painter->setBrush(QColor(0xf3, 0xf4, 0xf6));
        painter->drawRoundedRect(box, 3, 3);
        painter->drawLine(QPointF(c.x() - 4, c.y()), QPointF(c.x() + 4, c.y()));
        if (m_collapsed)
            painter->drawLine(QPointF(c.x(), c.y() - 4), QPointF(c.x(), c.y() + 4));
    }

    // Problem marker: a small warning triangle at the top-left corner.
    if (!m_problems.isEmpty()) {
        const QPointF o(body.left() + 4, body.top() - 6);
        QPolygonF tri({o + QPointF(8, 0), o + QPointF(16, 14), o + QPointF(0, 14)});
        painter->setPen(QPen(QColor(0xb9, 0x1c, 0x1c), 1));
        painter->setBrush(QColor(0xfb, 0xbf, 0x24));
        painter->drawPolygon(tri);
        if (text) {
            painter->setPen(QColor(0x1f, 0x29, 0x37));
            QFont f = small;
            f.setBold(true);
            f.setPointSizeF(7);
            painter->setFont(f);
            painter->drawText(QRectF(o.x(), o.y() + 3, 16, 11), Qt::AlignCenter,
                              QStringLiteral("!"));
        }
    }

    // Run state badge with latency under the node's right corner.
    if (m_state != NodeState::Idle) {
        QString label = m_latency;
        if (label.isEmpty()) {
            switch (m_state) {
            case NodeState::Running:
                label = QObject::tr("running");
                break;
            case NodeState::Retrying:
                label = QObject::tr("retrying");
                break;
            case NodeState::Failed:
                label = QObject::tr("failed");
                break;
            case NodeState::Compensated:
                label = QObject::tr("compensated");
                break;
            default:
                label = QObject::tr("done");
                break;
            }
        }
        painter->setFont(small);
        const double w = text ? QFontMetricsF(small).horizontalAdvance(label) + 14 : 60;
        const QRectF badge(body.right() - w - 6, body.bottom() + 3, w, 16);
        painter->setPen(Qt::NoPen);
        painter->setBrush(stateCol);
        painter->drawRoundedRect(badge, 8, 8);
        if (text) {
            painter->setPen(Qt::white);
            painter->drawText(badge, Qt::AlignCenter, label);
        }
    }

    // Debugger: the paused step's halo and tag (bottom left), then the breakpoint dot.
    if (m_paused) {
        painter->setPen(QPen(pausedColor(), 4));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(body.adjusted(-4, -4, 4, 4), kCorner + 3, kCorner + 3);
        const QString text = QObject::tr("paused here");
        painter->setFont(small);
        const double w = QFontMetricsF(small).horizontalAdvance(text) + 24;
        const QRectF tag(body.left() + 6, body.bottom() + 3, w, 16);
        painter->setPen(Qt::NoPen);
        painter->setBrush(pausedColor());
        painter->drawRoundedRect(tag, 8, 8);
        const QColor ink(0x42, 0x20, 0x06);
        painter->setBrush(ink); // the pause sign: two bars (no font has to have the glyph)
        painter->drawRect(QRectF(tag.left() + 8, tag.top() + 4, 2.2, 8));
        painter->drawRect(QRectF(tag.left() + 12, tag.top() + 4, 2.2, 8));
        painter->setPen(ink);
        painter->drawText(tag.adjusted(12, 0, 0, 0), Qt::AlignCenter, text);
    }
    if (m_breakpoint != Breakpoint::None) {
        // Above the middle of the left edge, where compensation edges attach.
        const QPointF c(body.left() + 1, body.top() + 14);
        painter->setPen(QPen(Qt::white, 2));
        painter->setBrush(QColor(0xe5, 0x14, 0x00));
        painter->drawEllipse(c, 7, 7);
        if (m_breakpoint == Breakpoint::Conditional) {
            painter->setPen(QPen(Qt::white, 1.6));
            painter->drawLine(c + QPointF(-3.5, -1.8), c + QPointF(3.5, -1.8));
            painter->drawLine(c + QPointF(-3.5, 1.8), c + QPointF(3.5, 1.8));
        }
    }
}

void NodeItem::setBreakpoint(Breakpoint marker, const QString &condition)
{
    if (marker == m_breakpoint && condition == m_condition)
        return;
    m_breakpoint = marker;
    m_condition = condition;
    updateToolTip();
    update();
}

void NodeItem::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    update();
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged)
        emit moved(m_id);
    return QGraphicsObject::itemChange(change, value);
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hover = true;
    update();
    QGraphicsObject::hoverEnterEvent(event);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hover = false;
    update();
    QGraphicsObject::hoverLeaveEvent(event);
}

} // namespace tutti::editor

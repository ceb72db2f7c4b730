// Edge drawing: bezier routes, arrowheads and labels per edge kind; see edgeitem.h.
#include <editor/edgeitem.h>
#include <editor/nodeitem.h>

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace tutti::editor {

using engine::EdgeKind;

namespace {

QFont labelFont()
{
    QFont f;
    f.setPointSizeF(8 * NodeItem::textScale());
    return f;
}

} // namespace

EdgeItem::EdgeItem(engine::FlowEdge edge, QGraphicsItem *parent)
    : QGraphicsPathItem(parent)
    , m_edge(std::move(edge))
{
    setFlag(ItemIsSelectable, isRemovable());
    setZValue(m_edge.kind == EdgeKind::Compensation ? 11 : 5);
    QPen pen(colorFor(m_edge.kind), m_edge.kind == EdgeKind::FallThrough ? 1.6 : 2.0,
             styleFor(m_edge.kind), Qt::RoundCap, Qt::RoundJoin);
    setPen(pen);
    const QString kind = QString::fromLatin1(engine::toString(m_edge.kind));
    setToolTip(m_edge.label.empty()
                   ? kind
                   : kind + QStringLiteral(": ") + QString::fromStdString(m_edge.label));
}

bool EdgeItem::isRemovable() const
{
    return m_edge.kind == EdgeKind::Next || m_edge.kind == EdgeKind::FallThrough ||
           m_edge.kind == EdgeKind::Case || m_edge.kind == EdgeKind::Default ||
           m_edge.kind == EdgeKind::Catch;
}

QColor EdgeItem::colorFor(EdgeKind kind)
{
    switch (kind) {
    case EdgeKind::Next:
        return QColor(0x1f, 0x29, 0x37);
    case EdgeKind::FallThrough:
        return QColor(0x6b, 0x72, 0x80);
    case EdgeKind::Case:
        return QColor(0x1d, 0x4e, 0xd8);
    case EdgeKind::Default:
        return QColor(0x1d, 0x4e, 0xd8);
    case EdgeKind::Catch:
        return QColor(0xdc, 0x26, 0x26);
    case EdgeKind::Branch:
        return QColor(0x15, 0x80, 0x3d);
    case EdgeKind::Body:
        return QColor(0x0f, 0x76, 0x6e);
    case EdgeKind::Compensation:
        return QColor(0x93, 0x33, 0xea);
    }
    return Qt::black;
}

Qt::PenStyle EdgeItem::styleFor(EdgeKind kind)
{
    switch (kind) {
    case EdgeKind::Default:
        return Qt::DashLine;
    case EdgeKind::Catch:
        return Qt::DashLine;
    case EdgeKind::Compensation:
        return Qt::DotLine;
    default:
        return Qt::SolidLine;
    }
}

QString EdgeItem::labelText() const
{
    const QString label = QString::fromStdString(m_edge.label);
    switch (m_edge.kind) {
    case EdgeKind::Catch:
        return QObject::tr("on %1").arg(label);
    case EdgeKind::Case:
        return QObject::tr("when %1").arg(label);
    case EdgeKind::Default:
        return QObject::tr("default");
    case EdgeKind::Next:
        return QObject::tr("next");
    case EdgeKind::Compensation:
        return QObject::tr("undo: %1").arg(label.section(' ', 0, 0));
    case EdgeKind::Branch:
    case EdgeKind::Body:
        return label;
    case EdgeKind::FallThrough:
        break;
    }
    return {};
}

void EdgeItem::setEndpoints(const QPointF &start, const QPointF &end, bool sideStart)
{
    QPainterPath path(start);
    const double dy = end.y() - start.y();
    if (sideStart) {
        // Leave to the right, then come into the target from above.
        const QPointF c1 = start + QPointF(std::max(60.0, std::abs(end.x() - start.x()) * 0.5), 0);
        const QPointF c2 = end - QPointF(0, std::max(50.0, std::abs(dy) * 0.5));
        path.cubicTo(c1, c2, end);
    } else if (dy > 30) {
        const double bend = std::max(30.0, dy * 0.45);
        path.cubicTo(start + QPointF(0, bend), end - QPointF(0, bend), end);
    } else {
        // Backward jump (a loop): swing out to the right of both nodes.
        const double out = 150 + std::abs(dy) * 0.15;
        const double x = std::max(start.x(), end.x()) + out;
        path.cubicTo(start + QPointF(0, 60), QPointF(x, start.y() + 40),
                     QPointF(x, (start.y() + end.y()) / 2));
        path.cubicTo(QPointF(x, end.y() - 60), end - QPointF(0, 70), end);
    }
    prepareGeometryChange();
    setPath(path);
    m_hasArrow = true;
    m_arrowTip = end;
    const double angle = path.angleAtPercent(0.999); // degrees, counter-clockwise
    m_arrowAngle = angle;
    m_labelPos = m_edge.kind == EdgeKind::Branch || m_edge.kind == EdgeKind::Body
                     ? path.pointAtPercent(0.55)
                     : path.pointAtPercent(sideStart ? 0.35 : 0.5);
    pathChanged();
}

void EdgeItem::pathChanged()
{
    m_bounds = QRectF();
    m_shape = QPainterPath();
}

void EdgeItem::setSelfLoop(const QRectF &node)
{
    // A dotted hook on the node's left side: "this step has an undo".
    const QPointF a(node.left(), node.center().y() - 12);
    const QPointF b(node.left(), node.center().y() + 12);
    QPainterPath path(a);
    path.cubicTo(a + QPointF(-34, -6), b + QPointF(-34, 6), b);
    prepareGeometryChange();
    setPath(path);
    m_hasArrow = true;
    m_arrowTip = b;
    m_arrowAngle = path.angleAtPercent(0.999);
    m_labelPos = QPointF(node.left() - 30, node.center().y());
    pathChanged();
}

QRectF EdgeItem::boundingRect() const
{
    // Cached (see edgeitem.h); the label's width depends on the text size setting too.
    if (m_bounds.isNull() || m_boundsTextScale != NodeItem::textScale()) {
        auto *self = const_cast<EdgeItem *>(this);
        QRectF r = QGraphicsPathItem::boundingRect().adjusted(-12, -12, 12, 12);
        const QString text = labelText();
        if (!text.isEmpty()) {
            const double w = QFontMetricsF(labelFont()).horizontalAdvance(text) + 16;
            r |= QRectF(m_labelPos.x() - w, m_labelPos.y() - 12, 2 * w, 24);
        }
        self->m_bounds = r;
        self->m_boundsTextScale = NodeItem::textScale();
    }
    return m_bounds;
}

QPainterPath EdgeItem::shape() const
{
    if (m_shape.isEmpty()) {
        QPainterPathStroker stroker;
        stroker.setWidth(10);
        const_cast<EdgeItem *>(this)->m_shape = stroker.createStroke(path());
    }
    return m_shape;
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    // Level of detail as for nodes (NodeItem::detailAt): far out a plain line of at least a
    // screen pixel, no arrowhead; labels only where node titles are drawn too.
    const double scale = option->levelOfDetailFromTransform(painter->worldTransform());
    const NodeItem::Detail detail = NodeItem::detailAt(scale);
    painter->setRenderHint(QPainter::Antialiasing, detail != NodeItem::Detail::Block);
    QPen pen = this->pen();
    if (option->state & QStyle::State_Selected) {
        pen.setWidthF(pen.widthF() + 1.5);
        pen.setColor(QColor(0x25, 0x63, 0xeb));
    }
    if (detail != NodeItem::Detail::Full)
        pen.setWidthF(std::max(pen.widthF(), 1.0 / scale));
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path());
    if (detail == NodeItem::Detail::Block)
        return;

    if (m_hasArrow) {
        const double rad = qDegreesToRadians(m_arrowAngle);
        const QPointF dir(std::cos(rad), -std::sin(rad)); // Qt's angle is counter-clockwise
        const QPointF normal(-dir.y(), dir.x());
        const QPointF base = m_arrowTip - dir * 10;
        QPolygonF head({m_arrowTip, base + normal * 5, base - normal * 5});
        painter->setPen(Qt::NoPen);
        painter->setBrush(pen.color());
        painter->drawPolygon(head);
    }

    const QString text = detail == NodeItem::Detail::Full ? labelText() : QString();
    if (!text.isEmpty()) {
        const QFont font = labelFont();
        painter->setFont(font);
        const QFontMetricsF fm(font);
        const QString shown = fm.elidedText(text, Qt::ElideRight, 170);
        const double w = fm.horizontalAdvance(shown) + 12;
        const double h = fm.height() + 4;
        QRectF box(m_labelPos.x() - w / 2, m_labelPos.y() - h / 2, w, h);
        if (m_edge.kind == EdgeKind::Compensation)
            box.moveRight(m_labelPos.x() - 8);
        painter->setPen(QPen(pen.color().lighter(150), 1));
        painter->setBrush(QColor(255, 255, 255, 235));
        painter->drawRoundedRect(box, h / 2, h / 2);
        painter->setPen(pen.color());
        painter->drawText(box, Qt::AlignCenter, shown);
    }
}

} // namespace tutti::editor

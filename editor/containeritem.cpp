// Painting of container frames; see containeritem.h.
#include <editor/containeritem.h>

#include <QPainter>

namespace tutti::editor {

ContainerItem::ContainerItem(const QString &id, const QColor &color, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_id(id)
    , m_color(color)
{
    setZValue(-5 + 0.0);
    setAcceptedMouseButtons(Qt::NoButton); // clicks go to the header node or the background
}

void ContainerItem::setFrame(const QRectF &rect)
{
    if (rect == m_rect)
        return;
    prepareGeometryChange();
    m_rect = rect;
}

QRectF ContainerItem::boundingRect() const
{
    return m_rect.adjusted(-2, -2, 2, 2);
}

void ContainerItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill = m_color;
    fill.setAlpha(18);
    QColor line = m_color;
    line.setAlpha(150);
    painter->setBrush(fill);
    painter->setPen(QPen(line, 1.4, Qt::DashLine));
    painter->drawRoundedRect(m_rect, 14, 14);
}

} // namespace tutti::editor

// One derived edge on the canvas (next, case, default, catch, branch, body, compensation), each
// kind with its own colour, dash and label; the scene supplies the end points.
#pragma once

#include <document/flowdocument.h>

#include <QGraphicsPathItem>

namespace tutti::editor {

class EdgeItem : public QGraphicsPathItem {
public:
    explicit EdgeItem(engine::FlowEdge edge, QGraphicsItem *parent = nullptr);
    enum { Type = UserType + 2 };
    int type() const override { return Type; }

    const engine::FlowEdge &edge() const { return m_edge; }
    QString fromId() const { return QString::fromStdString(m_edge.from); }
    QString toId() const { return QString::fromStdString(m_edge.to); }
    // Edges the user may delete (the others follow from the structure).
    bool isRemovable() const;

    // start/end in scene coordinates; `sideStart` leaves to the right (catch edges).
    void setEndpoints(const QPointF &start, const QPointF &end, bool sideStart);
    // Compensation: a loop on the left of the node rectangle `node`.
    void setSelfLoop(const QRectF &node);

    static QColor colorFor(engine::EdgeKind kind);
    static Qt::PenStyle styleFor(engine::EdgeKind kind);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString labelText() const;
    void pathChanged(); // recomputes the cached bounds and hit shape
    engine::FlowEdge m_edge;
    // boundingRect() and shape() are asked for all the time (the scene index, hit tests, every
    // paint); measuring the label and stroking the path on each call made big flows crawl.
    QRectF m_bounds;
    double m_boundsTextScale = 0; // the text size m_bounds was measured at
    QPainterPath m_shape;
    QPointF m_arrowTip;
    double m_arrowAngle = 0; // degrees, direction of travel at the tip
    QPointF m_labelPos;
    bool m_hasArrow = true;
};

} // namespace tutti::editor

// The frame around a parallel or map step and its nested steps; it follows its contents and
// disappears when the container is collapsed.
#pragma once

#include <QGraphicsItem>

namespace tutti::editor {

class ContainerItem : public QGraphicsItem {
public:
    ContainerItem(const QString &id, const QColor &color, QGraphicsItem *parent = nullptr);
    enum { Type = UserType + 3 };
    int type() const override { return Type; }

    const QString &stepId() const { return m_id; }
    void setStepId(const QString &id) { m_id = id; }
    void setFrame(const QRectF &rect);
    QRectF frame() const { return m_rect; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString m_id;
    QColor m_color;
    QRectF m_rect;
};

} // namespace tutti::editor

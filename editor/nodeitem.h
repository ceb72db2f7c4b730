// One step on the canvas: icon, title, summary, ports, run state and problem marker.
// It shows the model; edits go through FlowScene, which turns them into undo commands.
#pragma once

#include <QColor>
#include <QGraphicsObject>
#include <QIcon>

namespace tutti::editor {

// The run panel lights nodes up through FlowScene::setNodeState.
enum class NodeState { Idle, Running, Succeeded, Failed, Retrying, Compensated };

enum class Port { None, In, Out, Catch, Collapse };

class NodeItem : public QGraphicsObject {
    Q_OBJECT
public:
    static constexpr double kWidth = 220;
    static constexpr double kHeight = 64;

    NodeItem(const QString &id, QGraphicsItem *parent = nullptr);
    // The canvas text size of every node and edge label (the studio's Settings); 1 is stock,
    // kept within 0.7–1.4 so the text fits the node.
    static void setTextScale(double scale);
    static double textScale();
    enum { Type = UserType + 1 };
    int type() const override { return Type; }

    const QString &stepId() const { return m_id; }
    void setStepId(const QString &id);
    void setContent(const QString &stepType, const QString &summary, bool catches, bool ends,
                    bool container, int childCount);
    void setCollapsed(bool collapsed);
    bool isCollapsed() const { return m_collapsed; }
    bool isContainer() const { return m_container; }
    void setState(NodeState state, const QString &latency = {});
    NodeState state() const { return m_state; }
    const QString &latency() const { return m_latency; } // the badge's text, if any
    void setProblems(const QStringList &messages);
    // The debugger (editor/debug/debugcontroller.h): a red dot on the left edge for a breakpoint
    // (with a white bar when it has a condition), and a yellow halo and "paused" tag on the step
    // a debug run is paused before — colours no run state uses.
    enum class Breakpoint { None, Plain, Conditional };
    void setBreakpoint(Breakpoint marker, const QString &condition = {});
    Breakpoint breakpoint() const { return m_breakpoint; }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    static QColor pausedColor() { return QColor(0xfa, 0xcc, 0x15); }

    // Ports in item coordinates; portAt finds the one under a point (with a little slack).
    QPointF portPos(Port port) const;
    Port portAt(const QPointF &itemPos) const;
    bool hasPort(Port port) const;

    // The card without ports and badge, in item coordinates.
    static QRectF bodyRect() { return {-kWidth / 2, -kHeight / 2, kWidth, kHeight}; }
    // The colour of a run state (border, badge, the minimap's fill); invalid for Idle.
    static QColor stateColor(NodeState state);

    // Level of detail: what a node (and an edge) draws at a view scale. Below kCardScale a node
    // is a plain block (its type's band, its run colour filling it); up to the scale where text
    // becomes readable it is the card without text or shadow; from there on everything.
    enum class Detail { Block, Card, Full };
    static constexpr double kCardScale = 0.2;
    static constexpr double kTextPixels = 6.0; // a title smaller than this on screen is a smear
    static Detail detailAt(double scale);
    // The smallest scale at which labels are drawn (depends on the text size setting).
    static double textScaleThreshold();

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

signals:
    void moved(const QString &id);

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    void updateToolTip();
    void paintBlock(QPainter *painter, bool selected, double scale) const;

    QString m_id;
    QString m_type;
    QString m_summary;
    QString m_latency;
    QStringList m_problems;
    QIcon m_icon;
    QColor m_color;
    NodeState m_state = NodeState::Idle;
    bool m_catches = false;
    bool m_ends = false;
    bool m_container = false;
    bool m_collapsed = false;
    bool m_hover = false;
    Breakpoint m_breakpoint = Breakpoint::None;
    QString m_condition;
    bool m_paused = false;
    int m_childCount = 0;
};

} // namespace tutti::editor

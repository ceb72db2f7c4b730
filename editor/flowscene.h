// The canvas scene: observes a FlowDocument and keeps one NodeItem per step, one EdgeItem per
// derived edge and one ContainerItem per parallel/map step. User gestures become undo commands
// on the document; the items only ever follow the model.
#pragma once

#include <editor/nodeitem.h>

#include <document/flowdocument.h>

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>

class QAction;
class QUndoStack;
class QGraphicsPathItem;

namespace tutti::editor {

class EdgeItem;
class ContainerItem;

inline constexpr const char *kStepTypeMime = "application/x-tutti-step-type";
inline constexpr const char *kStepsMime = "application/x-tutti-steps";

class FlowScene : public QGraphicsScene {
    Q_OBJECT
public:
    FlowScene(engine::FlowDocument *doc, QUndoStack *undoStack, QObject *parent = nullptr);
    ~FlowScene() override;

    engine::FlowDocument *document() const { return m_doc; }
    QUndoStack *undoStack() const { return m_undo; }

    NodeItem *node(const QString &id) const { return m_nodes.value(id); }
    ContainerItem *container(const QString &id) const { return m_containers.value(id); }
    const QList<EdgeItem *> &edgeItems() const { return m_edges; }
    QList<EdgeItem *> edgesFrom(const QString &id) const;
    QStringList selectedStepIds() const;
    void selectSteps(const QStringList &ids);
    QRectF contentRect() const; // everything visible, with a margin
    // Paints the flow's items in `source` (scene coordinates) into `target` of `painter`, as
    // QGraphicsScene::render would, from the scene's own item lists: render() gathers the items
    // from its index and sorts them by stacking order, most of a 10,000-step minimap's cost.
    void renderOverview(QPainter *painter, const QRectF &target, const QRectF &source) const;
    // The step's node, or the collapsed container that hides it.
    QString visibleOwner(const QString &id) const;

    // Find (editor/findbar.h): a ring around the step's visible node; "" removes it.
    void setHighlightedStep(const QString &id);
    QString highlightedStep() const { return m_highlighted; }
    // The "add a step" hint shown while the flow is nearly empty (fewer than kHintBelow steps).
    static constexpr int kHintBelow = 3;
    QGraphicsItem *hintItem() const { return m_hint; }

    // Run state for the run panel: lights a node up with a state and a latency text.
    void setNodeState(const QString &id, NodeState state, const QString &latency = {});
    void clearNodeStates();

    // The debugger's marks (editor/debug/debugcontroller.h), kept across rebuilds: breakpoints
    // (step id -> condition, "" for none) and the step a debug run is paused before ("": none;
    // a step hidden in a collapsed container marks the container).
    void setBreakpointMarks(const QHash<QString, QString> &breakpoints);
    void setPausedStep(const QString &id);
    QString pausedStep() const { return m_pausedStep; }
    // Actions offered by a right click on a node (after selecting it): the Debug menu's.
    void setNodeMenuActions(const QList<QAction *> &actions) { m_nodeMenuActions = actions; }

    // ---- undoable edits -------------------------------------------------------------------
    void autoLayout();
    // Adds a new step of `type` where the user dropped it: into the container under the point,
    // ordered by height among its siblings. Returns the new id ("" when refused).
    QString addStep(const QString &type, const QPointF &scenePos);
    // Adds a new step of `type` right after step `afterId` in that step's own list (a container
    // is followed, not entered), or at the end of the top-level list when `afterId` is "". The
    // node goes below the step it follows; what lies below moves down to make room, in the
    // same undo step. No jump is rewired: a step without `next` falls through to the new one,
    // which falls through to the step that followed. Returns the new id ("" when refused).
    QString insertStep(const QString &type, const QString &afterId);
    void deleteSelection();
    void copySelection() const;
    void cutSelection();
    void paste(const QPointF &offset = QPointF(40, 40));
    void duplicateSelection();
    enum class Align { Horizontal, Vertical, DistributeHorizontally, DistributeVertically };
    void alignSelection(Align how);
    void toggleCollapsed(const QString &id);
    bool renameStep(const QString &id, const QString &newId);

signals:
    void selectedStepsChanged(const QStringList &ids);
    void stepActivated(const QString &id);    // double-click: the inspector may focus it
    void editRefused(const QString &message); // shown in the status bar

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;
    void dragEnterEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dropEvent(QGraphicsSceneDragDropEvent *event) override;

private:
    void rebuild();
    void clearItems(); // every item and every index of items, as a rebuild or the end needs
    void createNode(const QString &id);
    void removeNode(const QString &id);
    void refreshNode(const QString &id);
    void rebuildEdges();
    void updateEdge(EdgeItem *edge);
    void updateEdgesAround(const QString &id);
    void updateContainers();
    void updateVisibility();
    void onNodeMoved(const QString &id);
    void commitMoves();
    void placeUnplaced();
    void applyProblems();
    void updateHint();
    QRectF cardRect(const QString &id) const; // the node's card and badge, or its open frame
    NodeItem *nodeAt(const QPointF &scenePos, NodeItem *except = nullptr) const;
    std::pair<std::string, int> listAt(const QPointF &scenePos) const;
    QStringList outermost(const QStringList &ids) const;

    engine::FlowDocument *m_doc;
    QUndoStack *m_undo;
    QHash<QString, NodeItem *> m_nodes;
    QHash<QString, ContainerItem *> m_containers;
    QHash<QString, QPointF> m_lastPos;
    QList<EdgeItem *> m_edges;
    QMultiHash<QString, EdgeItem *> m_edgesByNode;
    bool m_syncing = false;

    NodeItem *m_connectFrom = nullptr;
    Port m_connectPort = Port::None;
    QGraphicsPathItem *m_connectLine = nullptr;
    bool m_mayHaveMoved = false;
    QString m_highlighted;
    QGraphicsItem *m_hint = nullptr;
    QHash<QString, QString> m_breakpoints;
    QString m_pausedStep;
    QList<QAction *> m_nodeMenuActions;
    void applyDebugMarks(NodeItem *node) const;
};

} // namespace tutti::editor

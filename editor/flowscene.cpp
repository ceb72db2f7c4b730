// The canvas scene: model -> items, gestures -> undo commands; see flowscene.h.
#include <editor/flowscene.h>

#include <editor/commands.h>
#include <editor/containeritem.h>
#include <editor/edgeitem.h>
#include <editor/graphlayout.h>
#include <editor/steppresentation.h>

#include <document/stepstructure.h>
#include <engine/core/jsonio.h>
#include <engine/model/yamldoc.h>

#include <QApplication>
#include <QClipboard>
#include <QGraphicsPathItem>
#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QUndoStack>

#include <algorithm>
#include <set>

namespace tutti::editor {

using engine::EdgeKind;
using engine::FlowDocument;
using engine::Json;

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}
std::string s(const QString &q)
{
    return q.toStdString();
}

constexpr double kContainerPad = 22;
constexpr double kRowGap = NodeItem::kHeight + 56;

constexpr int kHaloKey = 0; // QGraphicsItem::data key marking the find ring of a node

// The canvas hint of a nearly empty flow: a dashed drop zone saying how steps are added.
class HintItem : public QGraphicsItem {
public:
    HintItem()
    {
        setZValue(-20);
        setAcceptedMouseButtons(Qt::NoButton);
        m_text = FlowScene::tr("Double-click a step type in the palette or drag it here");
    }
    QRectF boundingRect() const override { return {-kWidth / 2, -kHeight / 2, kWidth, kHeight}; }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        p->setRenderHint(QPainter::Antialiasing);
        const QColor ink(0x64, 0x74, 0x8b);
        p->setPen(QPen(ink, 1.5, Qt::DashLine));
        p->setBrush(QColor(0x94, 0xa3, 0xb8, 24));
        p->drawRoundedRect(boundingRect().adjusted(1, 1, -1, -1), 12, 12);
        QFont f = p->font();
        f.setPointSizeF(10.5);
        p->setFont(f);
        p->setPen(ink);
        p->drawText(boundingRect().adjusted(16, 8, -16, -8), Qt::AlignCenter | Qt::TextWordWrap,
                    m_text);
    }
    static constexpr double kWidth = 440;
    static constexpr double kHeight = 64;

private:
    QString m_text;
};

// The kind of edge a drag from a node's out port draws: its type's first jump key (`next`; a
// choice's `cases`).
EdgeKind outEdgeKind(const Json &step)
{
    for (const engine::FieldDescriptor &f : engine::fieldsOf(step))
        if (f.edge == EdgeKind::Next || f.edge == EdgeKind::Case || f.edge == EdgeKind::Default)
            return *f.edge;
    return EdgeKind::Next;
}

} // namespace

FlowScene::FlowScene(FlowDocument *doc, QUndoStack *undoStack, QObject *parent)
    : QGraphicsScene(parent)
    , m_doc(doc)
    , m_undo(undoStack)
{
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    connect(doc, &FlowDocument::documentReset, this, &FlowScene::rebuild);
    connect(doc, &FlowDocument::stepAdded, this, [this](const QString &id) {
        createNode(id);
        placeUnplaced();
        updateVisibility();
        updateHint();
    });
    connect(doc, &FlowDocument::stepRemoved, this, [this](const QString &id) {
        removeNode(id);
        updateHint();
    });
    connect(doc, &FlowDocument::stepChanged, this, [this](const QString &id) {
        refreshNode(id);
        // A container's summary counts its children.
        if (const auto *info = m_doc->stepInfo(s(id)); info && !info->parent.empty())
            refreshNode(q(info->parent));
    });
    connect(doc, &FlowDocument::stepRenamed, this, [this](const QString &from, const QString &to) {
        if (m_highlighted == from)
            m_highlighted = to;
        if (NodeItem *n = m_nodes.take(from)) {
            n->setStepId(to);
            m_nodes.insert(to, n);
            m_lastPos.insert(to, m_lastPos.take(from));
        }
        if (ContainerItem *c = m_containers.take(from)) {
            c->setStepId(to);
            m_containers.insert(to, c);
        }
    });
    connect(doc, &FlowDocument::edgesChanged, this, &FlowScene::rebuildEdges);
    connect(doc, &FlowDocument::positionsChanged, this, [this](const QStringList &ids) {
        m_syncing = true;
        for (const auto &id : ids) {
            NodeItem *n = m_nodes.value(id);
            auto l = m_doc->layout(s(id));
            if (n && l) {
                n->setPos(l->x, l->y);
                m_lastPos[id] = n->pos();
            }
        }
        m_syncing = false;
        updateContainers();
        for (EdgeItem *e : std::as_const(m_edges))
            updateEdge(e);
        updateHint();
    });
    connect(doc, &FlowDocument::collapsedChanged, this, [this](const QString &id, bool collapsed) {
        if (NodeItem *n = m_nodes.value(id))
            n->setCollapsed(collapsed);
        updateVisibility();
    });
    connect(doc, &FlowDocument::problemsChanged, this, &FlowScene::applyProblems);
    connect(this, &QGraphicsScene::selectionChanged, this,
            [this] { emit selectedStepsChanged(selectedStepIds()); });
    rebuild();
}

FlowScene::~FlowScene()
{
    // Items die with the scene; stop reacting to the document first. Then delete the items
    // while this is still a FlowScene: ~QGraphicsScene would remove a selected item after the
    // FlowScene part is gone, and its selectionChanged reached our handler (a member call on a
    // destroyed object) and told listeners about a selection of a scene being destroyed.
    disconnect(m_doc, nullptr, this, nullptr);
    disconnect(this, &QGraphicsScene::selectionChanged, this, nullptr);
    clearItems();
}

void FlowScene::clearItems()
{
    m_connectFrom = nullptr;
    m_connectLine = nullptr;
    m_hint = nullptr;
    m_edges.clear();
    m_edgesByNode.clear();
    m_nodes.clear();
    m_containers.clear();
    clear();
}

// ---- model -> items ---------------------------------------------------------------------------

void FlowScene::rebuild()
{
    m_lastPos.clear();
    clearItems();
    for (const auto &info : m_doc->steps())
        createNode(q(info.id));
    placeUnplaced();
    rebuildEdges(); // places every node's visibility, containers and edges (updateVisibility)
    applyProblems();
    updateHint();
    if (!m_highlighted.isEmpty())
        setHighlightedStep(m_highlighted);
}

void FlowScene::createNode(const QString &id)
{
    if (m_nodes.contains(id))
        return;
    auto *n = new NodeItem(id);
    addItem(n);
    m_nodes.insert(id, n);
    if (m_doc->isContainer(s(id))) {
        const auto *info = m_doc->stepInfo(s(id));
        auto *c = new ContainerItem(id, StepPresentations::forType(q(info->type)).color);
        c->setZValue(-5 + info->depth);
        addItem(c);
        m_containers.insert(id, c);
    }
    if (auto l = m_doc->layout(s(id))) {
        m_syncing = true;
        n->setPos(l->x, l->y);
        m_syncing = false;
        n->setCollapsed(l->collapsed);
    }
    m_lastPos[id] = n->pos();
    connect(n, &NodeItem::moved, this, &FlowScene::onNodeMoved);
    refreshNode(id);
    applyDebugMarks(n);
}

void FlowScene::removeNode(const QString &id)
{
    for (EdgeItem *e : m_edgesByNode.values(id)) {
        m_edges.removeAll(e);
        removeItem(e);
        delete e;
    }
    // Edges are indexed under both ends; drop every stale entry.
    for (auto it = m_edgesByNode.begin(); it != m_edgesByNode.end();) {
        if (!m_edges.contains(it.value()))
            it = m_edgesByNode.erase(it);
        else
            ++it;
    }
    if (NodeItem *n = m_nodes.take(id)) {
        if (n == m_connectFrom)
            m_connectFrom = nullptr;
        delete n;
    }
    delete m_containers.take(id);
    m_lastPos.remove(id);
    updateContainers();
}

void FlowScene::refreshNode(const QString &id)
{
    NodeItem *n = m_nodes.value(id);
    const Json *step = m_doc->step(s(id));
    const auto *info = m_doc->stepInfo(s(id));
    if (!n || !step || !info)
        return;
    // Ports from the type's descriptor: a catch port where it takes `catch`, no out port where
    // the run ends (respond, fail).
    const engine::StepDescriptor *d = engine::descriptorOf(*step);
    const bool catches = engine::fieldMaking(engine::fieldsOf(*step), EdgeKind::Catch) != nullptr;
    n->setContent(q(info->type), StepPresentations::summary(*step), catches,
                  d && !d->canFallThrough(), m_doc->isContainer(info->id),
                  static_cast<int>(m_doc->descendants(info->id).size()));
}

void FlowScene::rebuildEdges()
{
    for (EdgeItem *e : std::as_const(m_edges)) {
        removeItem(e);
        delete e;
    }
    m_edges.clear();
    m_edgesByNode.clear();
    for (auto &edge : m_doc->edges()) {
        auto *item = new EdgeItem(edge);
        addItem(item);
        m_edges.push_back(item);
        m_edgesByNode.insert(q(edge.from), item);
        if (edge.to != edge.from)
            m_edgesByNode.insert(q(edge.to), item);
    }
    updateVisibility();
}

QString FlowScene::visibleOwner(const QString &id) const
{
    QString rep = id;
    const auto *info = m_doc->stepInfo(s(id));
    while (info && !info->parent.empty()) {
        if (m_doc->isCollapsed(info->parent))
            rep = q(info->parent);
        info = m_doc->stepInfo(info->parent);
    }
    return rep;
}

void FlowScene::updateEdge(EdgeItem *e)
{
    const auto &edge = e->edge();
    const QString from = visibleOwner(q(edge.from));
    const QString to = visibleOwner(q(edge.to));
    NodeItem *fn = m_nodes.value(from);
    NodeItem *tn = m_nodes.value(to);
    if (!fn || !tn) {
        e->hide();
        return;
    }
    if (edge.kind == EdgeKind::Compensation) {
        e->setVisible(from == q(edge.from));
        e->setSelfLoop(QRectF(fn->pos() - QPointF(NodeItem::kWidth / 2, NodeItem::kHeight / 2),
                              QSizeF(NodeItem::kWidth, NodeItem::kHeight)));
        return;
    }
    if (from == to) {
        e->hide();
        return;
    }
    e->show();
    const bool side = edge.kind == EdgeKind::Catch;
    const bool structural = edge.kind == EdgeKind::Branch || edge.kind == EdgeKind::Body;
    QPointF start;
    ContainerItem *c = m_containers.value(from);
    if (!structural && c && c->isVisible() && !m_doc->isCollapsed(s(from))) {
        const QRectF f = c->frame();
        start = side ? QPointF(f.right(), fn->pos().y()) : QPointF(f.center().x(), f.bottom());
    } else {
        start = fn->mapToScene(fn->portPos(side ? Port::Catch : Port::Out));
    }
    e->setEndpoints(start, tn->mapToScene(tn->portPos(Port::In)), side);
}

void FlowScene::updateEdgesAround(const QString &id)
{
    for (EdgeItem *e : m_edgesByNode.values(id))
        updateEdge(e);
}

void FlowScene::updateContainers()
{
    // Innermost first (reverse document order), so outer frames include inner ones.
    const auto &steps = m_doc->steps();
    for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
        ContainerItem *c = m_containers.value(q(it->id));
        NodeItem *header = m_nodes.value(q(it->id));
        if (!c || !header)
            continue;
        QRectF r = header->sceneBoundingRect().adjusted(8, 8, -8, -22); // the card, not the badge
        for (const auto &child : m_doc->descendants(it->id)) {
            if (NodeItem *n = m_nodes.value(q(child)); n && n->isVisible())
                r |= n->sceneBoundingRect().adjusted(8, 8, -8, -22);
            if (ContainerItem *inner = m_containers.value(q(child)); inner && inner->isVisible())
                r |= inner->frame();
        }
        c->setFrame(r.adjusted(-kContainerPad, -kContainerPad, kContainerPad, kContainerPad));
    }
}

void FlowScene::updateVisibility()
{
    for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it) {
        const bool visible = visibleOwner(it.key()) == it.key();
        it.value()->setVisible(visible);
        if (ContainerItem *c = m_containers.value(it.key()))
            c->setVisible(visible && !m_doc->isCollapsed(s(it.key())));
    }
    updateContainers();
    for (EdgeItem *e : std::as_const(m_edges))
        updateEdge(e);
}

void FlowScene::placeUnplaced()
{
    const auto unplaced = m_doc->unplacedSteps();
    if (unplaced.empty())
        return;
    const bool wasModified = m_doc->isModified();
    if (unplaced.size() == m_doc->steps().size()) {
        // A file with no stored layout: lay it all out; that alone is not an edit.
        m_doc->setPositions(layoutFlow(*m_doc).positions);
        m_doc->setModified(wasModified);
        return;
    }
    // New steps (typed in YAML, pasted without positions): below their previous sibling, else
    // below their container's header, else under everything.
    std::map<std::string, std::pair<double, double>> positions;
    double bottom = 0;
    for (const auto &info : m_doc->steps())
        if (auto l = m_doc->layout(info.id))
            bottom = std::max(bottom, l->y);
    for (const auto &id : unplaced) {
        const auto *info = m_doc->stepInfo(id);
        std::optional<engine::NodeLayout> anchor;
        for (const auto &other : m_doc->steps())
            if (other.listPointer == info->listPointer && other.index == info->index - 1)
                anchor = m_doc->layout(other.id);
        if (!anchor && !info->parent.empty())
            anchor = m_doc->layout(info->parent);
        if (auto it = positions.find(id); it != positions.end())
            continue;
        if (anchor)
            positions[id] = {anchor->x, anchor->y + kRowGap};
        else
            positions[id] = {0, bottom += kRowGap};
        // Later unplaced siblings chain below this one.
        m_doc->moveStep(id, positions[id].first, positions[id].second);
    }
}

void FlowScene::applyProblems()
{
    QHash<QString, QStringList> byStep;
    const auto &steps = m_doc->steps();
    for (const auto &problem : m_doc->problems()) {
        if (problem.path.empty())
            continue;
        const engine::StepInfo *best = nullptr;
        for (const auto &info : steps)
            if ((problem.path == info.pointer || problem.path.starts_with(info.pointer + "/")) &&
                (!best || info.pointer.size() > best->pointer.size()))
                best = &info;
        if (best)
            byStep[q(best->id)] << q(problem.message);
    }
    for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it)
        it.value()->setProblems(byStep.value(it.key()));
}

void FlowScene::updateHint()
{
    const bool nearlyEmpty = m_doc->steps().size() < std::size_t(kHintBelow);
    if (!nearlyEmpty) {
        delete m_hint;
        m_hint = nullptr;
        return;
    }
    if (!m_hint) {
        m_hint = new HintItem;
        addItem(m_hint);
    }
    // Below everything, under the last top-level step: where a double-click adds the next one.
    QRectF all;
    double x = 0;
    for (const auto &info : m_doc->steps()) {
        all |= cardRect(q(info.id));
        if (info.depth == 0)
            if (NodeItem *n = m_nodes.value(q(info.id)))
                x = n->pos().x();
    }
    const double y = all.isNull() ? 0 : all.bottom() + 40 + HintItem::kHeight / 2;
    m_hint->setPos(x, y);
}

QRectF FlowScene::cardRect(const QString &id) const
{
    if (ContainerItem *c = m_containers.value(id); c && c->isVisible())
        return c->frame();
    if (NodeItem *n = m_nodes.value(id); n && n->isVisible())
        return n->sceneBoundingRect();
    return {};
}

void FlowScene::setHighlightedStep(const QString &id)
{
    // Every node: the ring's node may have been collapsed into its container since.
    for (NodeItem *n : std::as_const(m_nodes))
        for (QGraphicsItem *child : n->childItems())
            if (child->data(kHaloKey).toBool())
                delete child;
    m_highlighted = id;
    NodeItem *n = id.isEmpty() ? nullptr : m_nodes.value(visibleOwner(id));
    if (!n)
        return;
    // A child of the node: it moves, hides and dies with it. A path item, so contentRect()
    // and the node queries ignore it.
    auto *ring = new QGraphicsPathItem(n);
    QPainterPath path;
    const double w = NodeItem::kWidth, h = NodeItem::kHeight;
    path.addRoundedRect(QRectF(-w / 2 - 7, -h / 2 - 7, w + 14, h + 14), 14, 14);
    ring->setPath(path);
    ring->setPen(QPen(QColor(0xf5, 0x9e, 0x0b), 4));
    ring->setBrush(Qt::NoBrush);
    ring->setZValue(-1);
    ring->setAcceptedMouseButtons(Qt::NoButton);
    ring->setData(kHaloKey, true);
}

void FlowScene::onNodeMoved(const QString &id)
{
    NodeItem *n = m_nodes.value(id);
    if (!n)
        return;
    const QPointF delta = n->pos() - m_lastPos.value(id, n->pos());
    m_lastPos[id] = n->pos();
    if (!m_syncing) {
        m_mayHaveMoved = true;
        // Moving a container's header carries its contents along.
        if (m_doc->isContainer(s(id)) && !delta.isNull()) {
            m_syncing = true;
            for (const auto &child : m_doc->descendants(s(id))) {
                NodeItem *cn = m_nodes.value(q(child));
                if (cn && !cn->isSelected()) {
                    cn->setPos(cn->pos() + delta);
                    m_lastPos[q(child)] = cn->pos();
                    updateEdgesAround(q(child));
                }
            }
            m_syncing = false;
        }
        updateContainers();
    }
    updateEdgesAround(id);
    if (!m_syncing)
        for (auto it = m_containers.begin(); it != m_containers.end(); ++it)
            updateEdgesAround(it.key());
}

void FlowScene::commitMoves()
{
    if (!m_mayHaveMoved)
        return;
    m_mayHaveMoved = false;
    MoveStepsCommand::Positions before, after;
    for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it) {
        const auto l = m_doc->layout(s(it.key()));
        const QPointF p = it.value()->pos();
        if (!l || std::abs(l->x - p.x()) > 0.01 || std::abs(l->y - p.y()) > 0.01) {
            before[s(it.key())] = l ? std::pair(l->x, l->y) : std::pair(p.x(), p.y());
            after[s(it.key())] = {p.x(), p.y()};
        }
    }
    if (after.empty())
        return;
    m_undo->push(new MoveStepsCommand(
        m_doc, before, after, tr("Move %n step(s)", nullptr, static_cast<int>(after.size()))));
}

// ---- queries ----------------------------------------------------------------------------------

QList<EdgeItem *> FlowScene::edgesFrom(const QString &id) const
{
    QList<EdgeItem *> out;
    for (EdgeItem *e : m_edges)
        if (e->fromId() == id)
            out << e;
    return out;
}

QStringList FlowScene::selectedStepIds() const
{
    QStringList ids;
    for (QGraphicsItem *item : selectedItems())
        if (item->type() == NodeItem::Type)
            ids << static_cast<NodeItem *>(item)->stepId();
    // Document order, so copies and deletions follow the file.
    QStringList ordered;
    for (const auto &info : m_doc->steps())
        if (ids.contains(q(info.id)))
            ordered << q(info.id);
    return ordered;
}

void FlowScene::selectSteps(const QStringList &ids)
{
    {
        // One report for the whole change, not one per item; the blocker must be gone by then,
        // or the inspector never hears of a step the palette just added.
        const QSignalBlocker blocker(this);
        clearSelection();
        for (const auto &id : ids)
            if (NodeItem *n = m_nodes.value(id))
                n->setSelected(true);
    }
    emit selectedStepsChanged(selectedStepIds());
}

QRectF FlowScene::contentRect() const
{
    // The scene's own lists, not items(): that sorts every item by stacking order, and the view
    // asks on every pan. Path items (the find ring, a connection being drawn) do not count.
    QRectF r;
    auto add = [&r](const QGraphicsItem *item) {
        if (item && item->isVisible())
            r |= item->sceneBoundingRect();
    };
    for (const NodeItem *n : m_nodes)
        add(n);
    for (const ContainerItem *c : m_containers)
        add(c);
    for (const EdgeItem *e : m_edges)
        add(e);
    add(m_hint);
    return r.adjusted(-60, -60, 60, 60);
}

void FlowScene::renderOverview(QPainter *painter, const QRectF &target, const QRectF &source) const
{
    if (source.isEmpty())
        return;
    std::vector<QGraphicsItem *> items;
    items.reserve(std::size_t(m_nodes.size() + m_containers.size() + m_edges.size()) + 1);
    auto add = [&](QGraphicsItem *item) {
        if (item && item->isVisible() && item->sceneBoundingRect().intersects(source))
            items.push_back(item);
    };
    for (ContainerItem *c : m_containers)
        add(c);
    for (EdgeItem *e : m_edges)
        add(e);
    for (NodeItem *n : m_nodes)
        add(n);
    add(m_hint);
    // No item has children, so z alone is the stacking order (containers by depth, edges,
    // nodes, compensation edges); equal z keeps insertion order.
    std::stable_sort(
        items.begin(), items.end(),
        [](const QGraphicsItem *a, const QGraphicsItem *b) { return a->zValue() < b->zValue(); });
    const QTransform view =
        QTransform::fromScale(target.width() / source.width(), target.height() / source.height())
            .translate(-source.left(), -source.top()) *
        QTransform::fromTranslate(target.left(), target.top()) * painter->transform();
    QStyleOptionGraphicsItem option;
    for (QGraphicsItem *item : items) {
        painter->save();
        painter->setTransform(item->sceneTransform() * view);
        option.state = item->isSelected() ? QStyle::State_Selected : QStyle::State_None;
        option.exposedRect = item->boundingRect();
        item->paint(painter, &option, nullptr);
        painter->restore();
    }
}

QStringList FlowScene::outermost(const QStringList &ids) const
{
    QStringList out;
    for (const auto &id : ids) {
        bool nested = false;
        for (const auto *info = m_doc->stepInfo(s(id)); info && !info->parent.empty();
             info = m_doc->stepInfo(info->parent))
            if (ids.contains(q(info->parent)))
                nested = true;
        if (!nested)
            out << id;
    }
    return out;
}

NodeItem *FlowScene::nodeAt(const QPointF &scenePos, NodeItem *except) const
{
    for (QGraphicsItem *item : items(scenePos))
        if (item->type() == NodeItem::Type && item != except && item->isVisible())
            return static_cast<NodeItem *>(item);
    return nullptr;
}

std::pair<std::string, int> FlowScene::listAt(const QPointF &p) const
{
    // The innermost expanded container under the point owns the new step.
    std::string listPointer = "/steps";
    std::string owner;
    int bestDepth = -1;
    for (auto it = m_containers.begin(); it != m_containers.end(); ++it) {
        if (!it.value()->isVisible() || !it.value()->frame().contains(p))
            continue;
        const auto *info = m_doc->stepInfo(s(it.key()));
        if (info && info->depth > bestDepth) {
            bestDepth = info->depth;
            owner = info->id;
        }
    }
    if (!owner.empty()) {
        // The branch whose steps are closest horizontally.
        double best = 1e18;
        for (const auto &list : m_doc->childLists(owner)) {
            double sum = 0;
            int n = 0;
            for (const auto &info : m_doc->steps())
                if (info.listPointer == list)
                    if (auto l = m_doc->layout(info.id)) {
                        sum += l->x;
                        ++n;
                    }
            const double x = n ? sum / n : (m_doc->layout(owner) ? m_doc->layout(owner)->x : 0);
            if (std::abs(x - p.x()) < best) {
                best = std::abs(x - p.x());
                listPointer = list;
            }
        }
    }
    int index = 0;
    for (const auto &info : m_doc->steps())
        if (info.listPointer == listPointer)
            if (auto l = m_doc->layout(info.id); l && l->y < p.y())
                index = std::max(index, info.index + 1);
    return {listPointer, index};
}

// ---- edits ------------------------------------------------------------------------------------

void FlowScene::autoLayout()
{
    const LayoutResult result = layoutFlow(*m_doc);
    MoveStepsCommand::Positions before;
    for (const auto &[id, xy] : result.positions) {
        auto l = m_doc->layout(id);
        before[id] = l ? std::pair(l->x, l->y) : xy;
    }
    m_undo->push(new MoveStepsCommand(m_doc, before, result.positions, tr("Automatic layout")));
}

QString FlowScene::addStep(const QString &type, const QPointF &scenePos)
{
    const std::string id = m_doc->uniqueId(type.toStdString());
    const auto [listPointer, index] = listAt(scenePos);
    auto *cmd = new AddStepCommand(m_doc, StepPresentations::newStep(type, id, m_doc->document()),
                                   listPointer, index, scenePos);
    m_undo->push(cmd);
    if (!m_doc->hasStep(id)) {
        emit editRefused(tr("Cannot add a %1 step here").arg(type));
        return {};
    }
    selectSteps({q(id)});
    return q(id);
}

QString FlowScene::insertStep(const QString &type, const QString &afterId)
{
    const std::string id = m_doc->uniqueId(s(type));
    const engine::StepInfo *after = afterId.isEmpty() ? nullptr : m_doc->stepInfo(s(afterId));
    const std::string listPointer = after ? after->listPointer : "/steps";
    const int index = after ? after->index + 1 : -1;
    const std::string parentId = after ? after->parent : std::string();

    // The new node's centre: under the step it follows (under its frame when that is an open
    // container), or under everything at the x of the last top-level step.
    QPointF at(0, 0);
    double anchorY = -1e18; // nodes lower than this move down when the new one needs room
    if (after) {
        const QString owner = visibleOwner(afterId);
        NodeItem *n = m_nodes.value(owner);
        const QPointF p = n ? n->pos() : QPointF();
        ContainerItem *c = m_containers.value(owner);
        const bool open = c && c->isVisible();
        at = QPointF(p.x(),
                     open ? c->frame().bottom() + 56 + NodeItem::kHeight / 2 : p.y() + kRowGap);
        anchorY = p.y();
    } else {
        QRectF all;
        bool any = false;
        for (const auto &info : m_doc->steps()) {
            all |= cardRect(q(info.id));
            if (NodeItem *n = m_nodes.value(q(info.id)); n && info.depth == 0) {
                at.setX(n->pos().x());
                any = true;
            }
        }
        if (any)
            at.setY(all.bottom() + 56 + NodeItem::kHeight / 2);
        anchorY = 1e18; // nothing lies below the end
    }

    // Room: every step whose visible node is lower than the one followed moves down by the
    // same amount, enough that nothing in the new node's column overlaps it (its badge
    // included).
    // Containers the new step goes into grow around it; the steps inside the one it follows
    // stay where they are (they are above it).
    std::set<std::string> fixed;
    for (const auto *info = parentId.empty() ? nullptr : m_doc->stepInfo(parentId); info;
         info = info->parent.empty() ? nullptr : m_doc->stepInfo(info->parent))
        fixed.insert(info->id);
    if (after)
        for (const auto &inner : m_doc->descendants(after->id))
            fixed.insert(inner);
    const QRectF room = QRectF(at - QPointF(NodeItem::kWidth / 2, NodeItem::kHeight / 2),
                               QSizeF(NodeItem::kWidth, NodeItem::kHeight))
                            .adjusted(-16, -16, 16, 16 + 22);
    double shift = 0;
    std::vector<std::string> below;
    for (const auto &info : m_doc->steps()) {
        const QString owner = visibleOwner(q(info.id));
        NodeItem *n = m_nodes.value(owner);
        if (!n || n->pos().y() <= anchorY || fixed.contains(info.id))
            continue;
        below.push_back(info.id);
        if (owner != q(info.id))
            continue; // hidden in a collapsed container: it moves along with it
        const QRectF r = cardRect(owner);
        if (r.right() > room.left() && r.left() < room.right())
            shift = std::max(shift, room.bottom() - r.top());
    }
    m_undo->beginMacro(tr("Add step %1").arg(q(id)));
    m_undo->push(new AddStepCommand(m_doc, StepPresentations::newStep(type, id, m_doc->document()),
                                    listPointer, index, at));
    const bool added = m_doc->hasStep(id);
    if (added && shift > 0) {
        MoveStepsCommand::Positions before, moved;
        for (const auto &other : below)
            if (auto l = m_doc->layout(other)) {
                before[other] = {l->x, l->y};
                moved[other] = {l->x, l->y + shift};
            }
        m_undo->push(new MoveStepsCommand(m_doc, before, moved, tr("Make room")));
    }
    m_undo->endMacro();
    if (!added) {
        emit editRefused(tr("Cannot add a %1 step here").arg(type));
        return {};
    }
    selectSteps({q(id)});
    return q(id);
}

void FlowScene::deleteSelection()
{
    const QStringList ids = selectedStepIds();
    if (!ids.isEmpty()) {
        pushDeleteSteps(m_undo, m_doc, outermost(ids));
        return;
    }
    // Selected edges: remove the jump they stand for, highest rule index first.
    QList<EdgeItem *> edges;
    for (QGraphicsItem *item : selectedItems())
        if (item->type() == EdgeItem::Type && static_cast<EdgeItem *>(item)->isRemovable())
            edges << static_cast<EdgeItem *>(item);
    if (edges.isEmpty())
        return;
    std::vector<engine::FlowEdge> doomed;
    for (EdgeItem *e : edges)
        doomed.push_back(e->edge());
    std::sort(doomed.begin(), doomed.end(),
              [](const auto &a, const auto &b) { return a.index > b.index; });
    m_undo->beginMacro(tr("Delete %n connection(s)", nullptr, static_cast<int>(doomed.size())));
    for (const auto &e : doomed)
        if (auto ok = pushDisconnect(m_undo, m_doc, e.from, e.kind, e.index); !ok)
            emit editRefused(q(ok.error().message));
    m_undo->endMacro();
}

void FlowScene::copySelection() const
{
    const QStringList ids = outermost(selectedStepIds());
    if (ids.isEmpty())
        return;
    Json steps = Json::array();
    Json positions = Json::object();
    for (const auto &id : ids) {
        steps.push_back(*m_doc->step(s(id)));
        std::vector<std::string> all = m_doc->descendants(s(id));
        all.push_back(s(id));
        for (const auto &i : all)
            if (auto l = m_doc->layout(i))
                positions[i] = Json::array({l->x, l->y});
    }
    auto *mime = new QMimeData;
    const Json payload = Json::object({{"steps", steps}, {"positions", positions}});
    mime->setData(kStepsMime, QByteArray::fromStdString(engine::dumpJson(payload)));
    mime->setText(q(engine::toYaml(steps)));
    QApplication::clipboard()->setMimeData(mime);
}

void FlowScene::cutSelection()
{
    copySelection();
    const QStringList ids = outermost(selectedStepIds());
    if (!ids.isEmpty())
        pushDeleteSteps(m_undo, m_doc, ids);
}

void FlowScene::paste(const QPointF &offset)
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (!mime)
        return;
    Json steps;
    std::map<std::string, std::pair<double, double>> positions;
    if (mime->hasFormat(kStepsMime)) {
        // The clipboard is outside data: another program may have put anything there.
        auto parsed = engine::parseJson(mime->data(kStepsMime).toStdString());
        const Json payload = parsed ? std::move(*parsed) : Json();
        if (payload.is_object() && payload.contains("steps"))
            steps = payload["steps"];
        if (payload.is_object() && payload.contains("positions") &&
            payload["positions"].is_object())
            for (auto it = payload["positions"].begin(); it != payload["positions"].end(); ++it)
                if (it->is_array() && it->size() == 2)
                    positions[it.key()] = {(*it)[0].get<double>(), (*it)[1].get<double>()};
    } else if (mime->hasText()) {
        // YAML text of steps (from the YAML view or another studio).
        auto yaml = engine::parseYaml(mime->text().toStdString(), "clipboard");
        if (yaml && yaml->root.is_array())
            steps = yaml->root;
        else if (yaml && yaml->root.is_object() && yaml->root.contains("id"))
            steps = Json::array({yaml->root});
    }
    if (!steps.is_array() || steps.empty())
        return;
    const QStringList added = pushPasteSteps(m_undo, m_doc, steps, positions, offset);
    selectSteps(added);
}

void FlowScene::duplicateSelection()
{
    copySelection();
    paste();
}

void FlowScene::alignSelection(Align how)
{
    const QStringList ids = selectedStepIds();
    if (ids.size() < 2)
        return;
    std::vector<std::pair<QString, QPointF>> items;
    for (const auto &id : ids)
        if (NodeItem *n = m_nodes.value(id))
            items.push_back({id, n->pos()});
    MoveStepsCommand::Positions before, after;
    for (const auto &[id, p] : items)
        before[s(id)] = {p.x(), p.y()};
    after = before;
    if (how == Align::Horizontal || how == Align::Vertical) {
        // Align to the first selected step in file order.
        const QPointF anchor = items.front().second;
        for (auto &[id, xy] : after)
            (how == Align::Horizontal ? xy.second : xy.first) =
                how == Align::Horizontal ? anchor.y() : anchor.x();
    } else {
        const bool horizontal = how == Align::DistributeHorizontally;
        std::sort(items.begin(), items.end(), [&](const auto &a, const auto &b) {
            return horizontal ? a.second.x() < b.second.x() : a.second.y() < b.second.y();
        });
        const double first = horizontal ? items.front().second.x() : items.front().second.y();
        const double last = horizontal ? items.back().second.x() : items.back().second.y();
        const double step = (last - first) / static_cast<double>(items.size() - 1);
        for (std::size_t i = 0; i < items.size(); ++i) {
            auto &xy = after[s(items[i].first)];
            (horizontal ? xy.first : xy.second) = first + step * static_cast<double>(i);
        }
    }
    m_undo->push(new MoveStepsCommand(m_doc, before, after, tr("Align steps")));
}

void FlowScene::toggleCollapsed(const QString &id)
{
    if (!m_doc->isContainer(s(id)))
        return;
    m_undo->push(new SetCollapsedCommand(m_doc, s(id), !m_doc->isCollapsed(s(id))));
}

bool FlowScene::renameStep(const QString &id, const QString &newId)
{
    if (newId.isEmpty() || newId == id)
        return false;
    if (m_doc->hasStep(s(newId))) {
        emit editRefused(tr("A step named %1 already exists").arg(newId));
        return false;
    }
    m_undo->push(new RenameStepCommand(m_doc, s(id), s(newId)));
    return true;
}

// ---- gestures ---------------------------------------------------------------------------------

void FlowScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        if (NodeItem *n = nodeAt(event->scenePos())) {
            const Port port = n->portAt(n->mapFromScene(event->scenePos()));
            if (port == Port::Collapse) {
                toggleCollapsed(n->stepId());
                event->accept();
                return;
            }
            if (port == Port::Out || port == Port::Catch) {
                m_connectFrom = n;
                m_connectPort = port;
                m_connectLine = new QGraphicsPathItem;
                m_connectLine->setPen(QPen(port == Port::Catch ? EdgeItem::colorFor(EdgeKind::Catch)
                                                               : QColor(0x25, 0x63, 0xeb),
                                           2, Qt::DashLine));
                m_connectLine->setZValue(100);
                addItem(m_connectLine);
                event->accept();
                return;
            }
        }
    }
    QGraphicsScene::mousePressEvent(event);
}

void FlowScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connectFrom && m_connectLine) {
        const QPointF start = m_connectFrom->mapToScene(m_connectFrom->portPos(m_connectPort));
        QPainterPath path(start);
        path.lineTo(event->scenePos());
        m_connectLine->setPath(path);
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void FlowScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connectFrom) {
        NodeItem *from = m_connectFrom;
        const Port port = m_connectPort;
        m_connectFrom = nullptr;
        delete m_connectLine;
        m_connectLine = nullptr;
        if (NodeItem *target = nodeAt(event->scenePos(), from)) {
            const Json *step = m_doc->step(s(from->stepId()));
            EdgeKind kind = EdgeKind::Next;
            if (port == Port::Catch)
                kind = EdgeKind::Catch;
            else if (step)
                kind = outEdgeKind(*step);
            if (auto ok = pushConnect(m_undo, m_doc, s(from->stepId()), kind, s(target->stepId()));
                !ok)
                emit editRefused(q(ok.error().message));
        }
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    commitMoves();
}

void FlowScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (NodeItem *n = nodeAt(event->scenePos())) {
        emit stepActivated(n->stepId());
        event->accept();
        return;
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void FlowScene::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    if (event->mimeData()->hasFormat(kStepTypeMime))
        event->acceptProposedAction();
    else
        QGraphicsScene::dragEnterEvent(event);
}

void FlowScene::dragMoveEvent(QGraphicsSceneDragDropEvent *event)
{
    if (event->mimeData()->hasFormat(kStepTypeMime))
        event->acceptProposedAction();
    else
        QGraphicsScene::dragMoveEvent(event);
}

void FlowScene::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    if (event->mimeData()->hasFormat(kStepTypeMime)) {
        addStep(QString::fromUtf8(event->mimeData()->data(kStepTypeMime)), event->scenePos());
        event->acceptProposedAction();
        return;
    }
    QGraphicsScene::dropEvent(event);
}

void FlowScene::setNodeState(const QString &id, NodeState state, const QString &latency)
{
    if (NodeItem *n = m_nodes.value(id))
        n->setState(state, latency);
}

void FlowScene::clearNodeStates()
{
    for (NodeItem *n : std::as_const(m_nodes))
        n->setState(NodeState::Idle);
}

void FlowScene::applyDebugMarks(NodeItem *n) const
{
    const auto it = m_breakpoints.constFind(n->stepId());
    n->setBreakpoint(it == m_breakpoints.constEnd() ? NodeItem::Breakpoint::None
                     : it->isEmpty()                ? NodeItem::Breakpoint::Plain
                                                    : NodeItem::Breakpoint::Conditional,
                     it == m_breakpoints.constEnd() ? QString() : *it);
    n->setPaused(!m_pausedStep.isEmpty() && visibleOwner(m_pausedStep) == n->stepId());
}

void FlowScene::setBreakpointMarks(const QHash<QString, QString> &breakpoints)
{
    m_breakpoints = breakpoints;
    for (NodeItem *n : std::as_const(m_nodes))
        applyDebugMarks(n);
}

void FlowScene::setPausedStep(const QString &id)
{
    m_pausedStep = id;
    for (NodeItem *n : std::as_const(m_nodes))
        applyDebugMarks(n);
}

void FlowScene::contextMenuEvent(QGraphicsSceneContextMenuEvent *event)
{
    NodeItem *n = nodeAt(event->scenePos());
    if (!n || m_nodeMenuActions.isEmpty())
        return QGraphicsScene::contextMenuEvent(event);
    // The actions act on the selection: a right click selects the node first, as a left one.
    if (!n->isSelected())
        selectSteps({n->stepId()});
    QMenu menu;
    menu.addActions(m_nodeMenuActions);
    menu.exec(event->screenPos());
    event->accept();
}

} // namespace tutti::editor

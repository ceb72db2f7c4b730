// Canvas view navigation and the minimap; see flowview.h.
#include <editor/flowview.h>

#include <editor/flowscene.h>
#include <editor/nodeitem.h>

#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <QWheelEvent>

#include <cmath>

namespace tutti::editor {

namespace {
constexpr double kMinZoom = 0.1;
// Fit never zooms out further than this: nodes are still blocks of 55 × 16 pixels with their
// type's band and run colour (NodeItem::Detail::Card). A flow too big for it is fitted from its
// start, and the minimap shows the rest.
constexpr double kMinFitZoom = 0.25;
constexpr double kMaxZoom = 3.0;
constexpr double kStep = 1.2;
constexpr QSize kMiniMapSize(170, 110);
constexpr int kMiniMapMargin = 12; // between the minimap and the viewport's edges
} // namespace

FlowView::FlowView(FlowScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    // Edges span large areas; a full redraw of the visible part is cheaper than many small ones.
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState |
                         QGraphicsView::DontAdjustForAntialiasing);
    setCacheMode(QGraphicsView::CacheBackground);
    setAcceptDrops(true);
    setFrameShape(QFrame::NoFrame);
    setBackgroundBrush(QColor(0xf7, 0xf8, 0xfa));
    // Scrolling by the user (scroll bars, wheel, keys) ends the automatic fit; the view's own
    // scrolls (fit, resize, a growing scene) do not trigger slider actions.
    for (QScrollBar *bar : {horizontalScrollBar(), verticalScrollBar()})
        connect(bar, &QAbstractSlider::actionTriggered, this, [this] { userMoved(); });
    m_miniMap = new MiniMap(this, this);
    m_miniMap->hide(); // until the view knows its size and the flow's (updateMiniMap)
    connect(scene, &QGraphicsScene::changed, this, [this] {
        growSceneRect();
        m_miniMap->flowChanged();
    });
    QTimer::singleShot(0, this, &FlowView::placeMiniMap);
}

void FlowView::growSceneRect()
{
    // Generous margins so nodes can be dragged beyond the current edges.
    const QRectF content = m_scene->contentRect();
    m_content = content;
    const QRectF wanted = content.adjusted(-400, -300, 400, 300);
    if (!sceneRect().contains(wanted))
        setSceneRect(sceneRect().isEmpty() ? wanted : (sceneRect() | wanted));
    updateMiniMap();
    m_miniMap->refit();
}

bool FlowView::hasRealSize() const
{
    // A view that was never shown still has the default size of a new widget.
    return isVisible() && viewport()->width() >= 64 && viewport()->height() >= 64;
}

bool FlowView::isMiniMapShown() const
{
    return !m_miniMap->isHidden();
}

bool FlowView::wholeFlowVisible() const
{
    // contentRect() has a margin of 60 around the items; the items themselves must be in view.
    // The one growSceneRect took on the scene's last change: pans ask on every frame, and
    // the scene's every change ends in growSceneRect, which looks again.
    const QRectF items = m_content.adjusted(50, 50, -50, -50);
    return mapToScene(viewport()->rect()).boundingRect().contains(items);
}

bool FlowView::setMiniMapShown(bool show)
{
    const QSize size = viewport()->size();
    const bool room = size.width() >= 3 * kMiniMapSize.width() &&
                      size.height() >= 2 * kMiniMapSize.height() + 2 * kMiniMapMargin;
    show = show && m_miniMapEnabled && room;
    if (show == isMiniMapShown())
        return false;
    m_miniMap->setVisible(show);
    return true;
}

bool FlowView::updateMiniMap()
{
    // While the whole flow is in view there is nothing to navigate to: no minimap.
    const bool changed = setMiniMapShown(!wholeFlowVisible());
    moveMiniMapClearOfNodes();
    return changed;
}

void FlowView::moveMiniMapClearOfNodes()
{
    if (!isMiniMapShown())
        return;
    // The nodes in view, in the coordinates the minimap is placed in (this widget's).
    QList<QRect> nodes;
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    for (QGraphicsItem *item : m_scene->items(visible, Qt::IntersectsItemBoundingRect))
        if (auto *node = qgraphicsitem_cast<NodeItem *>(item); node && node->isVisible())
            nodes << mapFromScene(node->sceneBoundingRect())
                         .boundingRect()
                         .translated(viewport()->pos());
    auto covered = [&nodes](const QRect &map) {
        qint64 area = 0;
        for (const QRect &node : nodes) {
            const QRect overlap = node.intersected(map.adjusted(-4, -4, 4, 4));
            if (!overlap.isEmpty())
                area += qint64(overlap.width()) * overlap.height();
        }
        return area;
    };
    // It stays where it is while that hides nothing (no jumping about while panning); else it
    // goes to the first corner that hides no node, or to the one that hides the least.
    QRect best = m_miniMap->geometry();
    qint64 least = covered(best);
    if (least == 0)
        return;
    const QRect area = viewport()->geometry();
    const int right = area.right() - kMiniMapSize.width() - kMiniMapMargin;
    const int bottom = area.bottom() - kMiniMapSize.height() - kMiniMapMargin;
    const int left = area.left() + kMiniMapMargin;
    const int top = area.top() + kMiniMapMargin;
    for (const QPoint corner :
         {QPoint(right, bottom), QPoint(left, bottom), QPoint(right, top), QPoint(left, top)}) {
        const QRect candidate(corner, kMiniMapSize);
        if (const qint64 area = covered(candidate); area < least) {
            best = candidate;
            least = area;
            if (area == 0)
                break;
        }
    }
    if (best != m_miniMap->geometry())
        m_miniMap->setGeometry(best);
}

QRect FlowView::unobstructedRect(const QSizeF &content) const
{
    const QRect full = viewport()->rect();
    if (!isMiniMapShown())
        return full;
    // The minimap sits in the bottom-right corner: the free part is the band left of it or the
    // band above it, whichever lets this content be drawn larger.
    const QRect map = m_miniMap->geometry().translated(-viewport()->pos());
    const QRect left(full.topLeft(), QPoint(map.left() - kMiniMapMargin, full.bottom()));
    const QRect top(full.topLeft(), QPoint(full.right(), map.top() - kMiniMapMargin));
    auto scaleIn = [&content](const QRect &band) {
        if (content.isEmpty())
            return static_cast<double>(band.width()) * band.height();
        return std::min(band.width() / content.width(), band.height() / content.height());
    };
    return scaleIn(left) >= scaleIn(top) ? left : top;
}

void FlowView::setZoom(double zoom)
{
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    const double factor = zoom / this->zoom();
    if (std::abs(factor - 1.0) < 1e-6)
        return;
    scale(factor, factor);
    updateMiniMap();
    emit zoomChanged(this->zoom());
    m_miniMap->viewport()->update();
}

void FlowView::userMoved()
{
    m_fitted = false;
    m_fitPending = false;
}

void FlowView::zoomIn()
{
    userMoved();
    setZoom(zoom() * kStep);
}
void FlowView::zoomOut()
{
    userMoved();
    setZoom(zoom() / kStep);
}
void FlowView::resetZoom()
{
    userMoved();
    setZoom(1.0);
}

void FlowView::fitAll()
{
    if (!hasRealSize()) {
        // A fit now would use the size of a widget not laid out yet (and clamp at 10 %).
        m_fitPending = true;
        return;
    }
    m_fitPending = false;
    const QRectF r = m_scene->contentRect();
    m_content = r;
    if (r.isEmpty())
        return;
    placeMiniMap();
    // When the whole flow fits, the minimap hides and the flow gets the whole view; a flow too
    // large even at the smallest zoom keeps it, and is fitted into the part it leaves free.
    const QRect full = viewport()->rect();
    const bool fits = std::min(full.width() / r.width(), full.height() / r.height()) >= kMinFitZoom;
    setMiniMapShown(!fits);
    const QRect free = unobstructedRect(r.size());
    // Never blow small flows up beyond 100%: text gets blurry and nodes look odd; never shrink
    // big ones below kMinFitZoom: the nodes would be specks.
    const double z = std::clamp(std::min(free.width() / r.width(), free.height() / r.height()),
                                kMinFitZoom, 1.0);
    setTransform(QTransform::fromScale(z, z));
    // Centre the flow in the free part: the view's centre sits off the flow's by as much as the
    // free part's centre sits off the viewport's. The scene rect must allow that scroll. A flow
    // longer (wider) than the free part shows its start: its top (left) edge at the free part's.
    const QPointF offset = QPointF(viewport()->rect().center() - free.center()) / z;
    QPointF focus = r.center();
    if (r.height() * z > free.height())
        focus.setY(r.top() + free.height() / z / 2);
    if (r.width() * z > free.width())
        focus.setX(r.left() + free.width() / z / 2);
    const QPointF target = focus + offset;
    const QSizeF half(viewport()->width() / z / 2 + 1, viewport()->height() / z / 2 + 1);
    const QRectF needed = r | QRectF(target - QPointF(half.width(), half.height()), half * 2.0);
    if (!sceneRect().contains(needed))
        setSceneRect(sceneRect() | needed);
    centerOn(target);
    if (fits)
        setMiniMapShown(false); // even if rounding left a pixel of margin out of view
    m_fitted = true;
    emit zoomChanged(zoom());
    m_miniMap->viewport()->update();
}

void FlowView::centerOnStep(const QString &id)
{
    if (NodeItem *n = m_scene->node(id)) {
        userMoved();
        centerOn(n);
    }
}

void FlowView::setMiniMapEnabled(bool enabled)
{
    m_miniMapEnabled = enabled;
    if (updateMiniMap() && m_fitted)
        fitAll(); // the free part changed
}

void FlowView::wheelEvent(QWheelEvent *event)
{
    userMoved();
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        setZoom(zoom() * std::pow(kStep, steps));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void FlowView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (m_spaceHeld && event->button() == Qt::LeftButton)) {
        m_panning = true;
        m_panStart = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void FlowView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        userMoved();
        const QPoint delta = event->position().toPoint() - m_panStart;
        m_panStart = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void FlowView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void FlowView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void FlowView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->setCursor(Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void FlowView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeMiniMap();
    updateMiniMap();
    // A fit the view made itself follows the size (docks settling, the window restored).
    if ((m_fitPending || m_fitted) && hasRealSize())
        fitAll();
}

void FlowView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    if (m_fitPending && hasRealSize())
        fitAll();
}

void FlowView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    updateMiniMap();
    m_miniMap->viewport()->update();
}

void FlowView::placeMiniMap()
{
    const QRect area = viewport()->geometry();
    m_miniMap->setGeometry(area.right() - kMiniMapSize.width() - kMiniMapMargin,
                           area.bottom() - kMiniMapSize.height() - kMiniMapMargin,
                           kMiniMapSize.width(), kMiniMapSize.height());
    m_miniMap->refit();
}

void FlowView::drawBackground(QPainter *painter, const QRectF &rect)
{
    QGraphicsView::drawBackground(painter, rect);
    if (zoom() < 0.45)
        return; // dots would only be noise when zoomed far out
    constexpr int grid = 24;
    // Dots a shade off the background: on a dark canvas (the studio's dark theme) too.
    const QColor bg = backgroundBrush().color();
    const QColor dot = bg.lightnessF() < 0.5 ? bg.lighter(170) : QColor(0xd5, 0xd9, 0xe0);
    painter->setPen(QPen(dot, 1.6 / zoom()));
    const int left = static_cast<int>(std::floor(rect.left() / grid)) * grid;
    const int top = static_cast<int>(std::floor(rect.top() / grid)) * grid;
    QVector<QPointF> dots;
    for (int x = left; x < rect.right(); x += grid)
        for (int y = top; y < rect.bottom(); y += grid)
            dots.append(QPointF(x, y));
    painter->drawPoints(dots.constData(), static_cast<int>(dots.size()));
}

// ---- MiniMap ----------------------------------------------------------------------------------

MiniMap::MiniMap(FlowView *main, QWidget *parent)
    : QGraphicsView(new QGraphicsScene, parent)
    , m_main(main)
    , m_flowScene(main->scene())
    , m_renderLater(new QTimer(this))
{
    scene()->setParent(this);
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHints(QPainter::Antialiasing);
    setFrameShape(QFrame::Box);
    setStyleSheet(QStringLiteral("QGraphicsView { border: 1px solid #c5cbd3; border-radius: 6px; "
                                 "background: rgba(255,255,255,230); }"));
    setToolTip(tr("Overview: click or drag to move the view"));
    setCursor(Qt::PointingHandCursor);
    m_renderLater->setSingleShot(true);
    connect(m_renderLater, &QTimer::timeout, viewport(), qOverload<>(&QWidget::update));
}

void MiniMap::refit()
{
    const QRectF r = static_cast<FlowScene *>(m_flowScene)->contentRect();
    if (r.isEmpty())
        return;
    // This view's coordinates are the flow scene's: clicks map to places in the flow.
    if (sceneRect() != r)
        setSceneRect(r);
    fitInView(r, Qt::KeepAspectRatio);
}

void MiniMap::flowChanged()
{
    m_stale = true;
    viewport()->update();
}

void MiniMap::renderPicture()
{
    const qreal dpr = devicePixelRatioF();
    const QRect port = viewport()->rect();
    m_pictureSource = mapToScene(port).boundingRect();
    m_picture = QImage(port.size() * dpr, QImage::Format_ARGB32_Premultiplied);
    m_picture.setDevicePixelRatio(dpr);
    m_picture.fill(Qt::transparent);
    QPainter p(&m_picture);
    p.setRenderHints(renderHints());
    const QRectF target(QPointF(0, 0), QSizeF(port.size()));
    static_cast<FlowScene *>(m_flowScene)->renderOverview(&p, target, m_pictureSource);
    // Run colours, as on the canvas: at this scale a node's pale fill and thin border vanish, so
    // a lit node is painted solid in its state's colour.
    p.setTransform(QTransform::fromScale(target.width() / m_pictureSource.width(),
                                         target.height() / m_pictureSource.height())
                       .translate(-m_pictureSource.left(), -m_pictureSource.top()));
    p.setPen(Qt::NoPen);
    for (QGraphicsItem *item :
         m_flowScene->items(m_pictureSource, Qt::IntersectsItemBoundingRect, Qt::AscendingOrder)) {
        auto *node = qgraphicsitem_cast<NodeItem *>(item);
        if (!node || !node->isVisible() || node->state() == NodeState::Idle)
            continue;
        p.setBrush(NodeItem::stateColor(node->state()));
        p.drawRoundedRect(node->mapRectToScene(NodeItem::bodyRect()), 9, 9);
    }
    m_stale = false;
    m_sinceRender.start();
}

void MiniMap::drawBackground(QPainter *painter, const QRectF &rect)
{
    QGraphicsView::drawBackground(painter, rect);
    const QRectF source = mapToScene(viewport()->rect()).boundingRect();
    const bool moved = m_picture.isNull() || source != m_pictureSource ||
                       m_picture.size() != viewport()->size() * devicePixelRatioF();
    // A flow that keeps changing (a run lighting nodes up) is drawn again at most every 150 ms.
    constexpr int kRedrawMs = 150;
    if (moved || (m_stale && m_sinceRender.elapsed() >= kRedrawMs))
        renderPicture();
    else if (m_stale && !m_renderLater->isActive())
        m_renderLater->start(kRedrawMs - static_cast<int>(m_sinceRender.elapsed()));
    painter->save();
    painter->resetTransform();
    painter->drawImage(QPointF(0, 0), m_picture);
    painter->restore();
}

void MiniMap::drawForeground(QPainter *painter, const QRectF &)
{
    const QRectF visible = m_main->mapToScene(m_main->viewport()->rect()).boundingRect();
    painter->setPen(QPen(QColor(0x25, 0x63, 0xeb), 2 / transform().m11()));
    painter->setBrush(QColor(0x25, 0x63, 0xeb, 30));
    painter->drawRect(visible);
}

void MiniMap::mousePressEvent(QMouseEvent *event)
{
    m_main->userMoved();
    m_main->centerOn(mapToScene(event->position().toPoint()));
    viewport()->update();
}

void MiniMap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        m_main->userMoved();
        m_main->centerOn(mapToScene(event->position().toPoint()));
        viewport()->update();
    }
}

void MiniMap::wheelEvent(QWheelEvent *event)
{
    event->ignore();
}

} // namespace tutti::editor

// Canvas view navigation and the minimap; see flowview.h.
#include <editor/flowview.h>

#include <editor/flowscene.h>

#include <QKeyEvent>
#include <QScrollBar>
#include <QTimer>
#include <QWheelEvent>

#include <cmath>

namespace tutti::editor {

namespace {
constexpr double kMinZoom = 0.1;
constexpr double kMaxZoom = 3.0;
constexpr double kStep = 1.2;
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
    m_miniMap = new MiniMap(this, this);
    connect(scene, &QGraphicsScene::changed, this, [this] {
        growSceneRect();
        m_miniMap->viewport()->update();
    });
    QTimer::singleShot(0, this, &FlowView::placeMiniMap);
}

void FlowView::growSceneRect()
{
    // Generous margins so nodes can be dragged beyond the current edges.
    const QRectF content = m_scene->contentRect();
    const QRectF wanted = content.adjusted(-400, -300, 400, 300);
    if (!sceneRect().contains(wanted))
        setSceneRect(sceneRect().isEmpty() ? wanted : (sceneRect() | wanted));
    m_miniMap->refit();
}

void FlowView::setZoom(double zoom)
{
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    const double factor = zoom / this->zoom();
    if (std::abs(factor - 1.0) < 1e-6)
        return;
    scale(factor, factor);
    emit zoomChanged(this->zoom());
    m_miniMap->viewport()->update();
}

void FlowView::zoomIn()
{
    setZoom(zoom() * kStep);
}
void FlowView::zoomOut()
{
    setZoom(zoom() / kStep);
}
void FlowView::resetZoom()
{
    setZoom(1.0);
}

void FlowView::fitAll()
{
    const QRectF r = m_scene->contentRect();
    if (r.isEmpty())
        return;
    fitInView(r, Qt::KeepAspectRatio);
    // Never blow small flows up beyond 100%: text gets blurry and nodes look odd.
    if (zoom() > 1.0)
        setZoom(1.0);
    if (zoom() < kMinZoom)
        setZoom(kMinZoom);
    centerOn(r.center());
    emit zoomChanged(zoom());
    m_miniMap->viewport()->update();
}

void FlowView::centerOnStep(const QString &id)
{
    if (NodeItem *n = m_scene->node(id))
        centerOn(n);
}

void FlowView::setMiniMapVisible(bool visible)
{
    m_miniMap->setVisible(visible);
}

void FlowView::wheelEvent(QWheelEvent *event)
{
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
}

void FlowView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    m_miniMap->viewport()->update();
}

void FlowView::placeMiniMap()
{
    const QSize size(170, 110);
    const QRect area = viewport()->geometry();
    m_miniMap->setGeometry(area.right() - size.width() - 12, area.bottom() - size.height() - 12,
                           size.width(), size.height());
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
    : QGraphicsView(main->scene(), parent)
    , m_main(main)
{
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHints(QPainter::Antialiasing);
    setFrameShape(QFrame::Box);
    setStyleSheet(QStringLiteral("QGraphicsView { border: 1px solid #c5cbd3; border-radius: 6px; "
                                 "background: rgba(255,255,255,230); }"));
    setToolTip(tr("Overview: click or drag to move the view"));
    setCursor(Qt::PointingHandCursor);
}

void MiniMap::refit()
{
    const QRectF r = static_cast<FlowScene *>(scene())->contentRect();
    if (!r.isEmpty())
        fitInView(r, Qt::KeepAspectRatio);
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
    m_main->centerOn(mapToScene(event->position().toPoint()));
    viewport()->update();
}

void MiniMap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        m_main->centerOn(mapToScene(event->position().toPoint()));
        viewport()->update();
    }
}

void MiniMap::wheelEvent(QWheelEvent *event)
{
    event->ignore();
}

} // namespace tutti::editor

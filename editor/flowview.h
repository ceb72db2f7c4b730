// The canvas view: zoom (Ctrl+wheel, shortcuts), pan (middle button, Space+drag, wheel), fit,
// rubber-band selection, a dotted grid and a minimap in the corner that never hides nodes.
#pragma once

#include <QElapsedTimer>
#include <QGraphicsView>
#include <QImage>

class QTimer;

namespace tutti::editor {

class FlowScene;
class MiniMap;

class FlowView : public QGraphicsView {
    Q_OBJECT
public:
    explicit FlowView(FlowScene *scene, QWidget *parent = nullptr);

    FlowScene *flowScene() const { return m_scene; }
    double zoom() const { return transform().m11(); }
    void setZoom(double zoom);
    MiniMap *miniMap() const { return m_miniMap; }

    // View → Minimap. An enabled minimap still stays out of the way: it shows only while part of
    // the flow is out of view (there is somewhere to navigate to).
    bool isMiniMapEnabled() const { return m_miniMapEnabled; }
    bool isMiniMapShown() const; // enabled and wanted for this flow at this view size
    // The part of the viewport the minimap leaves free, in viewport coordinates: the band left
    // of it or above it, whichever shows content of this size larger (empty size: larger area).
    QRect unobstructedRect(const QSizeF &content = {}) const;
    // True while the view shows a fit it made itself (opening, Fit): resizes fit again, until
    // the user zooms or pans.
    bool isFitted() const { return m_fitted; }

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    // Fits the flow into the part of the view the minimap leaves free. Before the view has its
    // real size (a tab not shown yet, a dialog in front at start-up) the fit waits for it.
    void fitAll();
    void centerOnStep(const QString &id);
    void setMiniMapEnabled(bool enabled);

signals:
    void zoomChanged(double zoom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;

private:
    friend class MiniMap; // a click on it is a move by the user
    void placeMiniMap();
    void growSceneRect();
    bool updateMiniMap(); // shows or hides it as the flow and the view want; true if changed
    void moveMiniMapClearOfNodes();  // to a corner where it hides no node, if there is one
    bool setMiniMapShown(bool show); // if enabled and there is room; true if changed
    bool wholeFlowVisible() const;
    bool hasRealSize() const;
    void userMoved(); // a zoom or pan by the user ends the automatic fit

    FlowScene *m_scene;
    QRectF m_content; // the scene's contentRect() as of its last change
    MiniMap *m_miniMap;
    bool m_miniMapEnabled = true;
    bool m_fitPending = false;
    bool m_fitted = false;
    bool m_panning = false;
    bool m_spaceHeld = false;
    QPoint m_panStart;
};

// A small overview of the whole scene with the visible area outlined and nodes in their run
// colours; click or drag to move the main view. It shows the flow's scene through a picture
// drawn again only when the flow changes (at most a few times a second): painting every item
// of a 10,000-step flow on each pan of the main view cost more than the canvas itself.
class MiniMap : public QGraphicsView {
    Q_OBJECT
public:
    MiniMap(FlowView *main, QWidget *parent);
    void refit();
    void flowChanged(); // the picture is out of date

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    void renderPicture();

    FlowView *m_main;
    QGraphicsScene *m_flowScene; // the main view's; this view's own scene stays empty
    QImage m_picture;
    QRectF m_pictureSource; // the scene area m_picture shows
    bool m_stale = true;
    QElapsedTimer m_sinceRender;
    QTimer *m_renderLater;
};

} // namespace tutti::editor

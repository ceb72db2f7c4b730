// The canvas view: zoom (Ctrl+wheel, shortcuts), pan (middle button, Space+drag, wheel), fit,
// rubber-band selection, a dotted grid and a minimap in the corner.
#pragma once

#include <QGraphicsView>

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

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void fitAll();
    void centerOnStep(const QString &id);
    void setMiniMapVisible(bool visible);

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
    void scrollContentsBy(int dx, int dy) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;

private:
    void placeMiniMap();
    void growSceneRect();

    FlowScene *m_scene;
    MiniMap *m_miniMap;
    bool m_panning = false;
    bool m_spaceHeld = false;
    QPoint m_panStart;
};

// A small overview of the whole scene with the visible area outlined; click or drag to move.
class MiniMap : public QGraphicsView {
    Q_OBJECT
public:
    MiniMap(FlowView *main, QWidget *parent);
    void refit();

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    FlowView *m_main;
};

} // namespace tutti::editor

// The canvas view: a fit waits until the view has its real size (a flow restored from an
// autosave at start-up was fitted at a new widget's size, hence 10 %) and follows resizes until
// the user zooms or pans; the minimap hides while the whole flow is in view, can be turned off,
// never covers nodes after Fit, and paints nodes in their run colours.
// LABELS: unit
#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/nodeitem.h>

#include <engine/core/json.h>
#include <engine/model/yamldoc.h>

#include <QFile>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using namespace tutti;
using editor::FlowEditor;

namespace {

QString checkoutPath()
{
    return QStringLiteral(TUTTI_TEST_DATA "/editor/checkout.flow.yaml");
}

bool wholeFlowInView(editor::FlowView *view)
{
    const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
    for (QGraphicsItem *item : view->scene()->items())
        if (auto *node = qgraphicsitem_cast<editor::NodeItem *>(item))
            if (node->isVisible() && !visible.contains(node->sceneBoundingRect()))
                return false;
    return true;
}

void showAt(FlowEditor &e, const QSize &size)
{
    e.resize(size);
    e.setYamlVisible(false);
    e.show();
    QVERIFY(QTest::qWaitForWindowExposed(&e));
}

} // namespace

class tst_FlowView : public QObject {
    Q_OBJECT

private slots:
    void fitWaitsForTheRealSize()
    {
        FlowEditor e;
        QVERIFY(e.openFile(checkoutPath())); // fits: the view has no real size yet
        e.view()->fitAll();
        QVERIFY(!e.view()->isFitted());
        QCOMPARE(e.view()->zoom(), 1.0); // not the 10 % a fit into a new widget gives
        showAt(e, {1200, 800});
        QTRY_VERIFY(e.view()->isFitted());
        QVERIFY(e.view()->zoom() > 0.5);
        QVERIFY(wholeFlowInView(e.view()));
        // A fit the view made itself follows the size...
        e.resize(700, 500);
        QTRY_VERIFY(wholeFlowInView(e.view()));
        QVERIFY(e.view()->isFitted());
        // ...until the user zooms.
        e.view()->zoomIn();
        QVERIFY(!e.view()->isFitted());
        const double zoom = e.view()->zoom();
        e.resize(900, 700);
        QApplication::processEvents();
        QCOMPARE(e.view()->zoom(), zoom);
    }

    void miniMapHidesWhileTheWholeFlowIsInView()
    {
        FlowEditor e;
        QVERIFY(e.openFile(checkoutPath()));
        showAt(e, {1200, 800});
        e.view()->fitAll();
        QVERIFY(wholeFlowInView(e.view()));
        QVERIFY(!e.view()->isMiniMapShown());
        for (int i = 0; i < 5; ++i)
            e.view()->zoomIn();
        QVERIFY(!wholeFlowInView(e.view()));
        QVERIFY(e.view()->isMiniMapShown()); // now there is somewhere to go
        e.view()->fitAll();
        QVERIFY(!e.view()->isMiniMapShown());

        // Turned off (View > Minimap), it stays off.
        e.view()->setMiniMapEnabled(false);
        for (int i = 0; i < 5; ++i)
            e.view()->zoomIn();
        QVERIFY(!e.view()->isMiniMapShown());
        e.view()->setMiniMapEnabled(true);
        QVERIFY(e.view()->isMiniMapShown());
    }

    void fitKeepsNodesClearOfTheMiniMap()
    {
        // A flow too long to fit even at the smallest zoom: the minimap stays, and Fit puts the
        // flow in the part of the view it leaves free.
        engine::Json flow = {{"tutti", 1}, {"name", "long"}, {"steps", engine::Json::array()}};
        for (int i = 0; i < 150; ++i)
            flow["steps"].push_back(
                {{"id", "s" + std::to_string(i)}, {"type", "transform"}, {"set", {{"v", i}}}});
        QTemporaryDir dir;
        QFile file(dir.filePath("long.flow.yaml"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(engine::toYaml(flow)));
        file.close();
        FlowEditor e;
        QVERIFY(e.openFile(file.fileName()));
        showAt(e, {900, 600});
        e.view()->fitAll();
        editor::FlowView *view = e.view();
        QVERIFY(view->isMiniMapShown());
        const QRect map = view->miniMap()->geometry().translated(-view->viewport()->pos());
        int seen = 0;
        for (QGraphicsItem *item : view->scene()->items()) {
            auto *node = qgraphicsitem_cast<editor::NodeItem *>(item);
            if (!node)
                continue;
            const QRect onView = view->mapFromScene(node->sceneBoundingRect()).boundingRect();
            if (!onView.intersects(view->viewport()->rect()))
                continue;
            ++seen;
            QVERIFY2(!onView.intersects(map), qPrintable(node->stepId()));
        }
        QVERIFY(seen > 10);
        QVERIFY(view->unobstructedRect().width() < view->viewport()->width());
    }

    void fitOfABigFlowStaysLegible()
    {
        // 1,000 steps do not fit at any readable zoom: Fit stops where nodes are still cards
        // (not specks), shows the flow's start (its first step, not some middle part) and
        // leaves the rest to the minimap.
        engine::Json flow = {{"tutti", 1}, {"name", "big"}, {"steps", engine::Json::array()}};
        for (int i = 0; i < 1000; ++i)
            flow["steps"].push_back(
                {{"id", "s" + std::to_string(i)}, {"type", "transform"}, {"set", {{"v", i}}}});
        QTemporaryDir dir;
        QFile file(dir.filePath("big.flow.yaml"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(engine::toYaml(flow)));
        file.close();
        FlowEditor e;
        QVERIFY(e.openFile(file.fileName()));
        showAt(e, {1400, 900});
        editor::FlowView *view = e.view();
        view->fitAll();
        QVERIFY2(view->zoom() >= 0.25, qPrintable(QString::number(view->zoom())));
        QVERIFY(editor::NodeItem::detailAt(view->zoom()) != editor::NodeItem::Detail::Block);
        QVERIFY(view->isMiniMapShown());
        const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
        QVERIFY(visible.contains(e.scene()->node("s0")->sceneBoundingRect()));
        int seen = 0;
        for (int i = 0; i < 1000; ++i)
            if (visible.intersects(e.scene()->node(QString("s%1").arg(i))->sceneBoundingRect()))
                ++seen;
        QVERIFY2(seen >= 20, qPrintable(QString::number(seen)));
        // Zooming in from there brings the labels back where they are readable.
        while (editor::NodeItem::detailAt(view->zoom()) != editor::NodeItem::Detail::Full)
            view->zoomIn();
        QVERIFY(view->zoom() < 0.7);
    }

    void miniMapMovesOffNodes()
    {
        // Panned so that a node sits in the bottom-right corner, where the minimap would be: it
        // moves to a corner that hides no node.
        engine::Json flow = {{"tutti", 1}, {"name", "spread"}, {"steps", engine::Json::array()}};
        for (const char *id : {"a", "corner", "far"})
            flow["steps"].push_back({{"id", id}, {"type", "transform"}, {"set", {{"v", 1}}}});
        QTemporaryDir dir;
        QFile file(dir.filePath("spread.flow.yaml"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(engine::toYaml(flow)));
        file.close();
        FlowEditor e;
        QVERIFY(e.openFile(file.fileName()));
        showAt(e, {900, 600});
        editor::FlowView *view = e.view();
        e.document()->moveStep("a", 0, 0);
        e.document()->moveStep("far", 4000, 4000); // the flow does not fit: a minimap
        view->setZoom(1.0);
        view->centerOn(0, 0);
        // Where the minimap's default corner is, in scene coordinates: put a node there.
        const QRect port = view->viewport()->rect();
        const QPointF corner = view->mapToScene(port.bottomRight() - QPoint(90, 60));
        e.document()->moveStep("corner", corner.x(), corner.y());
        view->centerOn(1, 0); // a pan: the view looks again
        view->centerOn(0, 0);
        QVERIFY(view->isMiniMapShown());
        const QRect map = view->miniMap()->geometry().translated(-view->viewport()->pos());
        int seen = 0;
        for (QGraphicsItem *item : view->scene()->items()) {
            auto *node = qgraphicsitem_cast<editor::NodeItem *>(item);
            if (!node || !node->isVisible())
                continue;
            const QRect onView = view->mapFromScene(node->sceneBoundingRect()).boundingRect();
            if (!onView.intersects(port))
                continue;
            ++seen;
            QVERIFY2(!onView.intersects(map), qPrintable(node->stepId()));
        }
        QCOMPARE(seen, 2);
    }

    void overviewPaintsWhatRenderPaints()
    {
        // The minimap's picture comes from FlowScene::renderOverview (the scene's own lists)
        // instead of QGraphicsScene::render (its index, sorted): both must draw the same flow.
        FlowEditor e;
        QVERIFY(e.openFile(checkoutPath()));
        showAt(e, {1200, 800});
        e.setNodeState("charge", editor::NodeState::Failed, "3 ms");
        const QRectF source = e.scene()->contentRect();
        const QSize size(480, 360);
        auto paint = [&](bool overview) {
            QImage image(size, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::white);
            QPainter p(&image);
            p.setRenderHints(QPainter::Antialiasing);
            const QRectF target(QPointF(0, 0), QSizeF(size));
            if (overview)
                e.scene()->renderOverview(&p, target, source);
            else
                e.scene()->render(&p, target, source, Qt::IgnoreAspectRatio);
            return image;
        };
        const QImage viaScene = paint(false);
        const QImage viaOverview = paint(true);
        int drawn = 0, differ = 0;
        for (int y = 0; y < size.height(); ++y)
            for (int x = 0; x < size.width(); ++x) {
                const QColor a = viaScene.pixelColor(x, y), b = viaOverview.pixelColor(x, y);
                drawn += a != Qt::white;
                differ += std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                              std::abs(a.blue() - b.blue()) >
                          24;
            }
        QVERIFY2(drawn > size.width() * size.height() / 50, qPrintable(QString::number(drawn)));
        QVERIFY2(differ <= drawn / 100,
                 qPrintable(QStringLiteral("%1 of %2 drawn pixels differ").arg(differ).arg(drawn)));
    }

    void miniMapShowsRunColours()
    {
        FlowEditor e;
        QVERIFY(e.openFile(checkoutPath()));
        showAt(e, {1200, 800});
        e.view()->fitAll();
        for (int i = 0; i < 5; ++i)
            e.view()->zoomIn();
        QVERIFY(e.view()->isMiniMapShown());
        e.setNodeState("charge", editor::NodeState::Succeeded, "12 ms");
        e.setNodeState("reserve", editor::NodeState::Failed, "3 ms");
        editor::MiniMap *map = e.view()->miniMap();
        map->refit();
        const QImage image = map->viewport()->grab().toImage();
        auto colourAt = [&](const char *id) {
            const QPoint at = map->mapFromScene(e.scene()->node(id)->mapToScene(0, 0));
            return image.pixelColor(at * image.devicePixelRatio());
        };
        auto near = [](const QColor &a, const QColor &b) {
            return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                       std::abs(a.blue() - b.blue()) <
                   60;
        };
        const QColor green = editor::NodeItem::stateColor(editor::NodeState::Succeeded);
        const QColor red = editor::NodeItem::stateColor(editor::NodeState::Failed);
        QVERIFY2(near(colourAt("charge"), green), qPrintable(colourAt("charge").name()));
        QVERIFY2(near(colourAt("reserve"), red), qPrintable(colourAt("reserve").name()));
        QVERIFY(!near(colourAt("done"), green) && !near(colourAt("done"), red));
    }
};

QTEST_MAIN(tst_FlowView)
#include "tst_flowview.moc"

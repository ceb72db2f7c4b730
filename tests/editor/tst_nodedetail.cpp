// Level of detail on the canvas: a node drawn small loses its text and shadow (Card), drawn
// smaller still it is a plain block in its run colour (Block); labels come back as soon as they
// would be readable, earlier with a larger text size setting. Checked on the painted pixels.
// LABELS: unit
#include <editor/nodeitem.h>

#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QTest>

using namespace tutti;
using editor::NodeItem;

namespace {

// The scene with one node, painted at `scale` into an image just large enough for it.
QImage paintAt(QGraphicsScene &scene, double scale)
{
    const QRectF source = scene.itemsBoundingRect();
    QImage image((source.size() * scale).toSize() + QSize(2, 2), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    scene.render(&p, QRectF(QPointF(1, 1), source.size() * scale), source);
    return image;
}

// Pixels near a colour (antialiased text is never exactly its colour).
int pixelsNear(const QImage &image, const QColor &colour, int tolerance = 40)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green()) +
                    std::abs(c.blue() - colour.blue()) <
                tolerance)
                ++n;
        }
    return n;
}

const QColor kTitleInk(0x1f, 0x29, 0x37); // NodeItem's title colour

} // namespace

class tst_NodeDetail : public QObject {
    Q_OBJECT

private slots:
    void cleanup() { NodeItem::setTextScale(1.0); }

    void detailFollowsTheScale()
    {
        QCOMPARE(NodeItem::detailAt(1.0), NodeItem::Detail::Full);
        QCOMPARE(NodeItem::detailAt(0.3), NodeItem::Detail::Card);
        QCOMPARE(NodeItem::detailAt(0.1), NodeItem::Detail::Block);
        // Labels return exactly where they become readable, and earlier with larger text.
        const double threshold = NodeItem::textScaleThreshold();
        QVERIFY(threshold > NodeItem::kCardScale && threshold < 1.0);
        QCOMPARE(NodeItem::detailAt(threshold), NodeItem::Detail::Full);
        QCOMPARE(NodeItem::detailAt(threshold * 0.99), NodeItem::Detail::Card);
        NodeItem::setTextScale(1.4);
        QVERIFY(NodeItem::textScaleThreshold() < threshold);
    }

    void smallNodesDrawNoText()
    {
        QGraphicsScene scene;
        auto *node = new NodeItem(QStringLiteral("charge_the_card"));
        node->setContent(QStringLiteral("http"), QStringLiteral("POST /charges"), true, false,
                         false, 0);
        scene.addItem(node);
        // Full size: the title's ink is there.
        QVERIFY(pixelsNear(paintAt(scene, 1.0), kTitleInk) > 20);
        // Zoomed out below the text threshold: the card without any text.
        const QImage card = paintAt(scene, 0.35);
        QCOMPARE(pixelsNear(card, kTitleInk), 0);
        QVERIFY(pixelsNear(card, QColor(0xc5, 0xcb, 0xd3), 30) > 10); // its border is drawn
    }

    void blocksShowTheRunColour()
    {
        QGraphicsScene scene;
        auto *node = new NodeItem(QStringLiteral("reserve"));
        node->setContent(QStringLiteral("http"), QStringLiteral("POST /reservations"), false, false,
                         false, 0);
        node->setState(editor::NodeState::Failed, QStringLiteral("3 ms"));
        scene.addItem(node);
        const QImage block = paintAt(scene, 0.12);
        const QColor red = NodeItem::stateColor(editor::NodeState::Failed);
        // The body is solid red (not the pale tint a card uses) and there is no text.
        const QPoint centre = block.rect().center();
        QVERIFY2(pixelsNear(block, red, 30) > block.width() * block.height() / 3,
                 qPrintable(block.pixelColor(centre).name()));
        QCOMPARE(pixelsNear(block, kTitleInk), 0);
    }
};

QTEST_MAIN(tst_NodeDetail)
#include "tst_nodedetail.moc"

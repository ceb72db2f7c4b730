// Adding steps from the palette: a double-click inserts the new step right after the selected
// step in that step's own list (a container is followed, not entered; nothing selected appends
// at the top level), places it below that step and moves what lies below so no node overlaps,
// all in one undo step; a drop lands where it was dropped, in the list of the container it was
// dropped into. No jump is rewired: list order alone makes the new step follow.
// LABELS: unit
#include <editor/containeritem.h>
#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/nodeitem.h>
#include <editor/palette.h>

#include <document/flowdocument.h>
#include <engine/model/flowparser.h>

#include <QListWidget>
#include <QMimeData>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace tutti;

namespace {

QString checkoutPath()
{
    return QStringLiteral(TUTTI_EXAMPLES "/checkout/checkout.flow.yaml");
}

QRectF card(const editor::NodeItem *n)
{
    return QRectF(n->pos() - QPointF(editor::NodeItem::kWidth / 2, editor::NodeItem::kHeight / 2),
                  QSizeF(editor::NodeItem::kWidth, editor::NodeItem::kHeight));
}

// Every pair of visible nodes that overlap (cards), and every node inside the frame of a
// container it is not nested in: "" when the canvas is clean.
QString overlaps(const editor::FlowEditor &e)
{
    QStringList out;
    const auto &steps = e.document()->steps();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const QString a = QString::fromStdString(steps[i].id);
        const editor::NodeItem *na = e.scene()->node(a);
        if (!na || !na->isVisible())
            continue;
        for (std::size_t j = i + 1; j < steps.size(); ++j) {
            const QString b = QString::fromStdString(steps[j].id);
            const editor::NodeItem *nb = e.scene()->node(b);
            if (nb && nb->isVisible() && card(na).intersects(card(nb)))
                out << a + " overlaps " + b;
        }
        for (const auto &c : steps) {
            const editor::ContainerItem *frame = e.scene()->container(QString::fromStdString(c.id));
            if (!frame || !frame->isVisible() || c.id == steps[i].id)
                continue;
            const auto nested = e.document()->descendants(c.id);
            const bool inside =
                std::find(nested.begin(), nested.end(), steps[i].id) != nested.end();
            if (!inside && frame->frame().intersects(card(na)))
                out << a + " is drawn inside " + QString::fromStdString(c.id);
        }
    }
    return out.join(u"; ");
}

std::map<std::string, std::pair<double, double>> positions(const engine::FlowDocument &doc)
{
    std::map<std::string, std::pair<double, double>> out;
    for (const auto &info : doc.steps())
        if (auto l = doc.layout(info.id))
            out[info.id] = {l->x, l->y};
    return out;
}

bool hasEdge(const engine::FlowDocument &doc, const std::string &from, const std::string &to)
{
    for (const auto &edge : doc.edges())
        if (edge.from == from && edge.to == to)
            return true;
    return false;
}

// Double-clicks the palette's entry for `type`, wired to the editor as the studio wires it.
void doubleClickPalette(editor::Palette &palette, const QString &type)
{
    QListWidget *list = palette.list();
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->data(Qt::UserRole).toString() == type) {
            list->scrollToItem(list->item(i));
            const QRect r = list->visualItemRect(list->item(i));
            QSignalSpy activated(list, &QListWidget::itemActivated);
            // A real double-click: press, release, then the second press arrives as a double-click.
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, r.center());
            QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, r.center());
            QCOMPARE(activated.count(), 1);
            return;
        }
    QFAIL("no palette entry");
}

void drop(editor::FlowEditor &e, const QString &type, const QPointF &scenePos)
{
    QMimeData mime;
    mime.setData(editor::kStepTypeMime, type.toUtf8());
    const QPoint at = e.view()->mapFromScene(scenePos);
    QWidget *viewport = e.view()->viewport();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(viewport, &move);
    QDropEvent dropped(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(viewport, &dropped);
}

} // namespace

class TestInsertStep : public QObject {
    Q_OBJECT

    static void prepare(editor::FlowEditor &e)
    {
        e.resize(1200, 900);
        e.setYamlVisible(false);
        e.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        e.view()->resetZoom();
    }

private slots:
    void doubleClickInsertsAfterTheSelection_data()
    {
        QTest::addColumn<QString>("selected");
        QTest::addColumn<QString>("listPointer"); // of the new step
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("before"); // the step that falls through to it ("" none)
        QTest::addColumn<QString>("after");  // the step it falls through to ("" none)
        // The case: with `charge` selected the step used to land in the `ship` branch.
        QTest::newRow("charge") << "charge"
                                << "/steps" << 2 << "charge"
                                << "ship_and_notify";
        QTest::newRow("reserve") << "reserve"
                                 << "/steps" << 1 << "reserve"
                                 << "charge";
        QTest::newRow("in a branch") << "book"
                                     << "/steps/2/branches/0/steps" << 1 << "book"
                                     << "";
        QTest::newRow("after a container") << "ship_and_notify"
                                           << "/steps" << 3 << "ship_and_notify"
                                           << "done";
        // After a respond: in the list, but nothing reaches it (the validator says so).
        QTest::newRow("after respond") << "out_of_stock"
                                       << "/steps" << 5 << ""
                                       << "";
        QTest::newRow("nothing selected") << ""
                                          << "/steps" << 5 << ""
                                          << "";
    }
    void doubleClickInsertsAfterTheSelection()
    {
        QFETCH(QString, selected);
        QFETCH(QString, listPointer);
        QFETCH(int, index);
        QFETCH(QString, before);
        QFETCH(QString, after);
        editor::FlowEditor e;
        QVERIFY(e.openFile(checkoutPath()));
        prepare(e);
        QVERIFY2(overlaps(e).isEmpty(), qPrintable(overlaps(e))); // the layout starts clean
        const auto positionsBefore = positions(*e.document());
        const std::size_t count = e.document()->steps().size();
        if (!selected.isEmpty())
            e.scene()->selectSteps({selected});

        editor::Palette palette;
        connect(&palette, &editor::Palette::stepRequested, &e, &editor::FlowEditor::addStep);
        palette.show();
        QVERIFY(QTest::qWaitForWindowExposed(&palette));
        doubleClickPalette(palette, QStringLiteral("transform"));

        QCOMPARE(e.document()->steps().size(), count + 1);
        const engine::StepInfo *info = e.document()->stepInfo("transform");
        QVERIFY(info);
        QCOMPARE(QString::fromStdString(info->listPointer), listPointer);
        QCOMPARE(info->index, index);
        QCOMPARE(e.scene()->selectedStepIds(), QStringList{QStringLiteral("transform")});
        QVERIFY2(overlaps(e).isEmpty(), qPrintable(overlaps(e)));
        // Placed below the step it follows, in its column.
        if (!selected.isEmpty()) {
            const auto l = e.document()->layout("transform");
            const auto s = e.document()->layout(selected.toStdString());
            QCOMPARE(l->x, s->x);
            QVERIFY(l->y > s->y);
        }
        // Wired by list order only: the step before falls through to it, it to the next one.
        if (!before.isEmpty())
            QVERIFY(hasEdge(*e.document(), before.toStdString(), "transform"));
        if (!after.isEmpty())
            QVERIFY(hasEdge(*e.document(), "transform", after.toStdString()));

        // One undo step takes the step away and puts every node back.
        e.undoStack()->undo();
        QVERIFY(!e.document()->hasStep("transform"));
        QCOMPARE(positions(*e.document()), positionsBefore);
        e.undoStack()->redo();
        QVERIFY(e.document()->hasStep("transform"));
        QVERIFY2(overlaps(e).isEmpty(), qPrintable(overlaps(e)));
    }

    void insertingAfterAJumpRewiresNothing()
    {
        // `a` jumps to `c`: the new step after `a` is in the list but nothing reaches it; the
        // studio says what `tutti validate` says of that text (an unreachable step).
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("jump.flow.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("tutti: 1\nname: jump\nsteps:\n"
                   "  - id: a\n    type: transform\n    set: {x: 1}\n    next: c\n"
                   "  - id: b\n    type: transform\n    set: {y: 1}\n"
                   "  - id: c\n    type: respond\n    body: {}\n");
        file.close();
        editor::FlowEditor e;
        QVERIFY(e.openFile(path));
        e.scene()->selectSteps({QStringLiteral("a")});
        QCOMPARE(e.addStep(QStringLiteral("wait")), QStringLiteral("wait"));
        QCOMPARE(e.document()->stepInfo("wait")->index, 1);
        QCOMPARE(e.document()->step("a")->at("next"), engine::Json("c"));
        QVERIFY(!hasEdge(*e.document(), "a", "wait"));
        e.document()->validateNow();
        QTRY_VERIFY(!e.document()->validationPending());
        const engine::FlowLoad cli =
            engine::loadFlowText(e.document()->yamlText(), path.toStdString());
        QCOMPARE(e.document()->problems().size(), cli.errors.size());
        QVERIFY(!cli.errors.empty());
        QCOMPARE(e.document()->problems().front().message, cli.errors.front().message);
    }

    void insertingIntoAnEmptyFlow()
    {
        editor::FlowEditor e;
        QCOMPARE(e.addStep(QStringLiteral("transform")), QStringLiteral("transform"));
        QCOMPARE(e.addStep(QStringLiteral("respond")), QStringLiteral("respond"));
        QCOMPARE(e.document()->stepInfo("respond")->index, 1); // after the selected transform
        QVERIFY2(overlaps(e).isEmpty(), qPrintable(overlaps(e)));
    }

    void dropLandsWhereDropped()
    {
        editor::FlowEditor e;
        QVERIFY(e.openFile(checkoutPath()));
        prepare(e);
        // On empty canvas to the left of everything: the top-level list, at the drop point.
        const QRectF all = e.scene()->contentRect();
        const QPointF free(all.left() - 300, e.scene()->node(QStringLiteral("charge"))->pos().y());
        e.view()->centerOn(free);
        drop(e, QStringLiteral("wait"), free);
        QVERIFY(e.document()->hasStep("wait"));
        QCOMPARE(e.document()->stepInfo("wait")->listPointer, std::string("/steps"));
        QCOMPARE(e.scene()->node(QStringLiteral("wait"))->pos(),
                 e.view()->mapToScene(e.view()->mapFromScene(free)));

        // Into the `ship` branch's frame, below `book`: that branch's list, after book, where
        // dropped.
        const editor::NodeItem *book = e.scene()->node(QStringLiteral("book"));
        const QPointF below = book->pos() + QPointF(0, editor::NodeItem::kHeight / 2 + 12);
        QVERIFY(e.scene()->container(QStringLiteral("ship_and_notify"))->frame().contains(below));
        e.view()->centerOn(below);
        drop(e, QStringLiteral("transform"), below);
        const engine::StepInfo *info = e.document()->stepInfo("transform");
        QVERIFY(info);
        QCOMPARE(info->listPointer, e.document()->stepInfo("book")->listPointer);
        QCOMPARE(info->index, 1);
        const QPointF landed = e.scene()->node(QStringLiteral("transform"))->pos();
        QVERIFY2((landed - below).manhattanLength() < 2,
                 qPrintable(QStringLiteral("%1,%2").arg(landed.x()).arg(landed.y())));
    }
};

QTEST_MAIN(TestInsertStep)
#include "tst_insertstep.moc"

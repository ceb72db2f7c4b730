// Canvas tests driven by synthesized mouse events on the view's viewport, and the YAML view.
// LABELS: unit
#include <editor/edgeitem.h>
#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/yamleditor.h>

#include <document/flowdocument.h>
#include <engine/model/yamldoc.h>

#include <QDirIterator>
#include <QUndoStack>
#include <QtTest>

using namespace tutti;
using engine::EdgeKind;
using engine::Json;

class TestFlowScene : public QObject {
    Q_OBJECT

    static QString checkoutPath()
    {
        return QStringLiteral(TUTTI_TEST_DATA "/editor/checkout.flow.yaml");
    }

    // A shown editor at 100% zoom with the given step centred.
    static void prepare(editor::FlowEditor &e)
    {
        e.resize(1200, 900);
        e.setYamlVisible(false);
        e.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        e.view()->resetZoom();
    }
    static QPoint viewPos(editor::FlowEditor &e, const QPointF &scenePos)
    {
        return e.view()->mapFromScene(scenePos);
    }

private slots:
    void opensWithLayoutAndItems()
    {
        editor::FlowEditor e;
        QVERIFY(e.openFile(checkoutPath()));
        QCOMPARE(e.scene()->node(QStringLiteral("book"))->isVisible(), true);
        QVERIFY(e.document()->unplacedSteps().empty());
        QVERIFY(!e.isModified()); // laying out a file without layout is not an edit
        // Distinct edge kinds are present.
        QSet<int> kinds;
        for (auto *edge : e.scene()->edgeItems())
            kinds.insert(int(edge->edge().kind));
        QVERIFY(kinds.contains(int(EdgeKind::Catch)));
        QVERIFY(kinds.contains(int(EdgeKind::Branch)));
        QVERIFY(kinds.contains(int(EdgeKind::Compensation)));
    }

    void destroyingASceneWithASelectionReportsNoSelection()
    {
        // ~QGraphicsScene removes a selected item after the FlowScene part is destroyed; its
        // selectionChanged used to reach FlowScene's handler then (UBSan: member call on a
        // destroyed object), which told listeners about the selection of a dying scene.
        engine::FlowDocument doc;
        doc.replaceDocument(Json::parse(R"({"tutti": 1, "name": "s", "steps": [
            {"id": "a", "type": "transform", "set": {"x": 1}},
            {"id": "b", "type": "respond", "body": {}}]})"));
        QUndoStack undo;
        auto *scene = new editor::FlowScene(&doc, &undo);
        scene->selectSteps({QStringLiteral("a"), QStringLiteral("b")});
        QCOMPARE(scene->selectedStepIds().size(), 2);
        int reported = 0;
        QObject listener;
        connect(scene, &editor::FlowScene::selectedStepsChanged, &listener,
                [&reported] { ++reported; });
        delete scene;
        QCOMPARE(reported, 0);
    }

    void dragMovesNodeAndUndoRestores()
    {
        editor::FlowEditor e;
        QVERIFY(e.openFile(checkoutPath()));
        prepare(e);
        auto *node = e.scene()->node(QStringLiteral("done"));
        const QPointF before = node->pos();
        e.view()->centerOn(node);
        const QPoint start = viewPos(e, before + QPointF(-40, 0));
        QTest::mousePress(e.view()->viewport(), Qt::LeftButton, {}, start);
        QTest::mouseMove(e.view()->viewport(), start + QPoint(30, 20));
        QTest::mouseMove(e.view()->viewport(), start + QPoint(60, 40));
        QTest::mouseRelease(e.view()->viewport(), Qt::LeftButton, {}, start + QPoint(60, 40));
        const auto l = e.document()->layout("done");
        QVERIFY(l);
        QVERIFY(std::abs(l->x - before.x()) > 20);
        QVERIFY(e.isModified());
        e.undoStack()->undo();
        QCOMPARE(e.document()->layout("done")->x, before.x());
        QCOMPARE(node->pos(), before);
    }

    void dragFromPortConnects()
    {
        editor::FlowEditor e;
        QVERIFY(e.openFile(checkoutPath()));
        prepare(e);
        // reserve's catch port -> done: adds a catch rule.
        auto *from = e.scene()->node(QStringLiteral("charge"));
        auto *to = e.scene()->node(QStringLiteral("out_of_stock"));
        e.view()->centerOn(from);
        const QPoint a = viewPos(e, from->mapToScene(from->portPos(editor::Port::Catch)));
        const QPoint b = viewPos(e, to->pos());
        QTest::mousePress(e.view()->viewport(), Qt::LeftButton, {}, a);
        QTest::mouseMove(e.view()->viewport(), (a + b) / 2);
        QTest::mouseMove(e.view()->viewport(), b);
        QTest::mouseRelease(e.view()->viewport(), Qt::LeftButton, {}, b);
        const auto *charge = e.document()->step("charge");
        QVERIFY(charge->contains("catch"));
        QCOMPARE(charge->at("catch")[0]["next"], engine::Json("out_of_stock"));
        e.undoStack()->undo();
        QVERIFY(!e.document()->step("charge")->contains("catch"));
    }

    void selectAndDeleteThenUndo()
    {
        editor::FlowEditor e;
        QVERIFY(e.openFile(checkoutPath()));
        prepare(e);
        auto *node = e.scene()->node(QStringLiteral("out_of_stock"));
        e.view()->centerOn(node);
        QTest::mouseClick(e.view()->viewport(), Qt::LeftButton, {},
                          viewPos(e, node->pos() + QPointF(-30, 0)));
        QCOMPARE(e.scene()->selectedStepIds(), QStringList{QStringLiteral("out_of_stock")});
        e.scene()->deleteSelection();
        QVERIFY(!e.document()->hasStep("out_of_stock"));
        QVERIFY(!e.scene()->node(QStringLiteral("out_of_stock")));
        QVERIFY(!e.document()->step("reserve")->contains("catch"));
        e.undoStack()->undo();
        QVERIFY(e.scene()->node(QStringLiteral("out_of_stock")));
        QCOMPARE(e.document()->step("reserve")->at("catch")[0]["next"],
                 engine::Json("out_of_stock"));
    }

    void addStepFromPaletteAndCollapse()
    {
        editor::FlowEditor e;
        QVERIFY(e.openFile(checkoutPath()));
        QSignalSpy selected(&e, &editor::FlowEditor::selectionChanged);
        const QString id = e.addStep(QStringLiteral("wait"));
        QCOMPARE(id, QStringLiteral("wait"));
        QVERIFY(e.scene()->node(id));
        // The new step is selected, and the panels (the inspector) are told so.
        QVERIFY(!selected.isEmpty());
        QCOMPARE(selected.last().at(0).toStringList(), QStringList{id});
        e.scene()->toggleCollapsed(QStringLiteral("ship_and_notify"));
        QVERIFY(!e.scene()->node(QStringLiteral("book"))->isVisible());
        e.undoStack()->undo();
        QVERIFY(e.scene()->node(QStringLiteral("book"))->isVisible());
        e.undoStack()->undo();
        QVERIFY(!e.scene()->node(id));
    }

    void yamlViewSyncsBothWays()
    {
        editor::FlowEditor e;
        QVERIFY(e.openFile(checkoutPath()));
        editor::YamlEditor *yaml = e.yamlEditor();
        // Graph -> text.
        QVERIFY(e.document()->renameStep("done", "finished"));
        QVERIFY(yaml->text().contains(QStringLiteral("id: finished")));
        // Broken text: marked, graph untouched.
        const auto before = e.document()->document();
        yaml->setText(yaml->text() + QStringLiteral("\n  - id: [oops\n"));
        yaml->commitNow();
        QVERIFY(yaml->parseError().has_value());
        QVERIFY(yaml->parseError()->location.line > 0);
        QCOMPARE(e.document()->document(), before);
        QVERIFY(e.scene()->node(QStringLiteral("finished")));
        // Valid text -> graph, undoable.
        QString text = QString::fromStdString(e.document()->yamlText());
        text.replace(QStringLiteral("id: finished"), QStringLiteral("id: complete"));
        yaml->setText(text);
        yaml->commitNow();
        QVERIFY(!yaml->parseError());
        QVERIFY(e.document()->hasStep("complete"));
        QVERIFY(e.scene()->node(QStringLiteral("complete")));
        e.undoStack()->undo();
        QVERIFY(e.document()->hasStep("finished"));
    }

    void examplesRoundTrip_data()
    {
        QTest::addColumn<QString>("path");
        QDirIterator it(QStringLiteral(TUTTI_EXAMPLES), {QStringLiteral("*.flow.yaml")},
                        QDir::Files, QDirIterator::Subdirectories);
        QTest::newRow("spec-checkout") << checkoutPath();
        while (it.hasNext()) {
            const QString p = it.next();
            QTest::newRow(qPrintable(QDir(QStringLiteral(TUTTI_EXAMPLES)).relativeFilePath(p)))
                << p;
        }
    }

    void examplesRoundTrip()
    {
        QFETCH(QString, path);
        engine::FlowDocument doc;
        QVERIFY(doc.load(path.toStdString()));
        const std::string yaml = engine::toYaml(doc.document());
        auto again = engine::parseYaml(yaml, "roundtrip");
        QVERIFY2(again.has_value(), again ? "" : again.error().toString().c_str());
        QCOMPARE(again->root, doc.document());
    }
};

QTEST_MAIN(TestFlowScene)
#include "tst_flowscene.moc"

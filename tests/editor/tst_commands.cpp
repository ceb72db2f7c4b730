// Tests of the studio's undo commands (editor/commands) on a flow document, headless (no
// scene): every edit undoes to the document it started from and redoes.
// LABELS: unit
#include "../document/documenttesting.h"

#include <editor/commands.h>

#include <document/flowdocument.h>

#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

using namespace tutti;
using namespace tutti::engine::test;
using engine::EdgeKind;
using engine::FlowDocument;
using engine::Json;

class TestCommands : public QObject {
    Q_OBJECT

private slots:
    void addConnectDeleteUndoThroughCommands()
    {
        FlowDocument doc;
        QVERIFY(doc.load(checkoutPath().toStdString()));
        const Json original = doc.document();
        QUndoStack stack;
        QSignalSpy added(&doc, &FlowDocument::stepAdded);
        QSignalSpy removed(&doc, &FlowDocument::stepRemoved);

        stack.push(new editor::AddStepCommand(
            &doc,
            Json::object(
                {{"id", "audit"}, {"type", "transform"}, {"set", Json::object({{"x", 1}})}}),
            "/steps", 2, QPointF(10, 20)));
        QCOMPARE(added.size(), 1);
        QCOMPARE(doc.stepInfo("audit")->index, 2);
        QCOMPARE(doc.layout("audit")->x, 10.0);
        QVERIFY(hasEdge(doc, "charge", EdgeKind::FallThrough, "audit"));

        QVERIFY(editor::pushConnect(&stack, &doc, "audit", EdgeKind::Next, "done"));
        QCOMPARE(doc.step("audit")->at("next"), Json("done"));
        // Jumps across lists are refused.
        QVERIFY(!editor::pushConnect(&stack, &doc, "audit", EdgeKind::Next, "book"));

        editor::pushDeleteSteps(&stack, &doc, {QStringLiteral("done")});
        QVERIFY(!doc.hasStep("done"));
        QVERIFY(!doc.step("audit")->contains("next")); // the dangling jump went with it
        QCOMPARE(removed.size(), 1);

        stack.undo(); // delete
        QVERIFY(doc.hasStep("done"));
        QCOMPARE(doc.step("audit")->at("next"), Json("done"));
        stack.undo(); // connect
        stack.undo(); // add
        QCOMPARE(doc.document(), original);
        stack.redo();
        stack.redo();
        stack.redo();
        QVERIFY(!doc.hasStep("done"));
        QVERIFY(doc.hasStep("audit"));
    }

    void deletingAContainerTakesItsChildren()
    {
        FlowDocument doc;
        QVERIFY(doc.load(checkoutPath().toStdString()));
        QUndoStack stack;
        editor::pushDeleteSteps(&stack, &doc, {QStringLiteral("ship_and_notify")});
        QVERIFY(!doc.hasStep("book"));
        QVERIFY(!doc.hasStep("email"));
        stack.undo();
        QVERIFY(doc.hasStep("book"));
        QCOMPARE(doc.stepInfo("email")->parent, std::string("ship_and_notify"));
    }

    void renameFollowsReferences()
    {
        FlowDocument doc;
        QVERIFY(doc.load(checkoutPath().toStdString()));
        QUndoStack stack;
        stack.push(new editor::RenameStepCommand(&doc, "out_of_stock", "sold_out"));
        QCOMPARE(doc.step("reserve")->at("catch")[0]["next"], Json("sold_out"));
        QVERIFY(hasEdge(doc, "reserve", EdgeKind::Catch, "sold_out"));
        stack.undo();
        QCOMPARE(doc.step("reserve")->at("catch")[0]["next"], Json("out_of_stock"));
    }

    void moveIsUndoableAndKeptApartFromLogic()
    {
        FlowDocument doc;
        QVERIFY(doc.load(checkoutPath().toStdString()));
        const Json logic = doc.document();
        QUndoStack stack;
        stack.push(new editor::MoveStepsCommand(&doc, {{"charge", {0, 0}}},
                                                {{"charge", {300, 400}}}, "move"));
        QCOMPARE(doc.layout("charge")->y, 400.0);
        QCOMPARE(doc.document(), logic);
        stack.undo();
        QCOMPARE(doc.layout("charge")->y, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestCommands)
#include "tst_commands.moc"

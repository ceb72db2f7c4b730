// Tests of the editable flow document and its undo commands, headless (no scene).
// LABELS: unit
#include <editor/commands.h>

#include <engine/model/flowdocument.h>
#include <engine/model/yamldoc.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace tutti;
using engine::EdgeKind;
using engine::FlowDocument;
using engine::Json;

class TestFlowDocument : public QObject {
    Q_OBJECT

    static QString checkoutPath()
    {
        return QStringLiteral(TUTTI_TEST_DATA "/editor/checkout.flow.yaml");
    }

    static bool hasEdge(const FlowDocument &doc, const std::string &from, EdgeKind kind,
                        const std::string &to)
    {
        for (const auto &e : doc.edges())
            if (e.from == from && e.kind == kind && e.to == to)
                return true;
        return false;
    }

private slots:
    void derivesEveryEdgeKind()
    {
        FlowDocument doc;
        QVERIFY(doc.load(checkoutPath().toStdString()));
        QCOMPARE(doc.steps().size(), std::size_t(7));
        QVERIFY(hasEdge(doc, "reserve", EdgeKind::FallThrough, "charge"));
        QVERIFY(hasEdge(doc, "reserve", EdgeKind::Catch, "out_of_stock"));
        QVERIFY(hasEdge(doc, "reserve", EdgeKind::Compensation, "reserve"));
        QVERIFY(hasEdge(doc, "ship_and_notify", EdgeKind::Branch, "book"));
        QVERIFY(hasEdge(doc, "ship_and_notify", EdgeKind::Branch, "email"));
        QVERIFY(hasEdge(doc, "ship_and_notify", EdgeKind::FallThrough, "done"));
        QVERIFY(!hasEdge(doc, "done", EdgeKind::FallThrough, "out_of_stock")); // respond ends
        QCOMPARE(doc.stepInfo("book")->parent, std::string("ship_and_notify"));
        QVERIFY(!doc.isModified());
    }

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

    void refusesDuplicateIds()
    {
        FlowDocument doc;
        QVERIFY(doc.load(checkoutPath().toStdString()));
        QVERIFY(!doc.addStep(Json::object({{"id", "charge"}, {"type", "wait"}})));
        QVERIFY(!doc.renameStep("charge", "reserve"));
        QCOMPARE(doc.uniqueId("charge"), std::string("charge_2"));
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

    void saveWritesYamlAndSidecarAtomically()
    {
        QTemporaryDir dir;
        FlowDocument doc;
        QVERIFY(doc.load(checkoutPath().toStdString()));
        doc.moveStep("reserve", 12, 34);
        doc.setCollapsed("ship_and_notify", true);
        QVERIFY(doc.setStepField("charge", "/timeout", Json("3s")));
        const std::string path = dir.filePath(QStringLiteral("x.flow.yaml")).toStdString();
        QVERIFY(doc.save(path));
        QVERIFY(!doc.isModified());
        QVERIFY(QFile::exists(QString::fromStdString(FlowDocument::layoutPathFor(path))));

        FlowDocument again;
        QVERIFY(again.load(path));
        QCOMPARE(again.document(), doc.document());
        QCOMPARE(again.layout("reserve")->x, 12.0);
        QVERIFY(again.isCollapsed("ship_and_notify"));
        // The YAML holds no positions.
        QVERIFY(!QString::fromStdString(again.yamlText()).contains(QStringLiteral("12")));
    }

    void brokenTextNeverDestroysTheDocument()
    {
        FlowDocument doc;
        QVERIFY(doc.load(checkoutPath().toStdString()));
        const Json before = doc.document();
        QTemporaryDir dir;
        const QString broken = dir.filePath(QStringLiteral("broken.flow.yaml"));
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("steps:\n  - id: a\n    type: [unclosed\n");
        f.close();
        auto result = doc.load(broken.toStdString());
        QVERIFY(!result);
        QVERIFY(result.error().location.line > 0);
        QCOMPARE(doc.document(), before);
    }

    void resolveProblemsArriveAsynchronously()
    {
        // The GUI thread only parses: a service no mock provides is found by the resolve step
        // on the worker, and its problem joins the parse's when it arrives.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        FlowDocument doc;
        doc.setFilePath(dir.filePath(QStringLiteral("live.flow.yaml")).toStdString());
        QSignalSpy changed(&doc, &FlowDocument::problemsChanged);
        const auto withService = [](const char *service) {
            return Json::object(
                {{"tutti", 1},
                 {"name", "live"},
                 {"steps", Json::array({Json::object(
                               {{"id", "a"},
                                {"type", "http"},
                                {"service", service},
                                {"request", {{"method", "GET"}, {"path", "/x"}}}})})}});
        };
        const auto text = [&doc] {
            std::string out;
            for (const auto &p : doc.problems())
                out += p.toString() + "\n";
            return out;
        };
        doc.replaceDocument(withService("ghost"));
        doc.validateNow();
        QCOMPARE(changed.count(), 1);
        QVERIFY(doc.problems().empty()); // the parse finds nothing wrong
        QVERIFY(doc.validationPending());
        QTRY_VERIFY(!doc.validationPending());
        QCOMPARE(changed.count(), 2);
        QVERIFY2(text().find("unknown service 'ghost'") != std::string::npos, text().c_str());

        // Two edits before the worker reports: only the latest text's problems are shown.
        doc.replaceDocument(withService("first"));
        doc.validateNow();
        doc.replaceDocument(withService("second"));
        doc.validateNow();
        QTRY_VERIFY(!doc.validationPending());
        QVERIFY2(text().find("unknown service 'second'") != std::string::npos, text().c_str());
        QVERIFY(text().find("'first'") == std::string::npos);
        QCOMPARE(changed.count(), 5);

        // Another validator replaces the default one: a resolve still in flight is dropped.
        doc.replaceDocument(withService("third"));
        doc.validateNow();
        doc.setValidator([](const std::string &, const std::string &) { return engine::Errors{}; });
        QVERIFY(!doc.validationPending());
        QVERIFY(doc.problems().empty());
    }
};

QTEST_GUILESS_MAIN(TestFlowDocument)
#include "tst_flowdocument.moc"

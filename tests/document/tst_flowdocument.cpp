// Tests of the editable flow document (document/flowdocument) on its own: no scene, no undo
// stack, no Widgets linked. The undo commands built on it are tested in tests/editor.
// LABELS: unit
#include "documenttesting.h"

#include <document/flowdocument.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace tutti;
using namespace tutti::engine::test;
using engine::EdgeKind;
using engine::FlowDocument;
using engine::Json;

class TestFlowDocument : public QObject {
    Q_OBJECT

private slots:
    void newDocumentIsValidatedAtOnce()
    {
        // Before any edit, a new (empty) flow lists its problem, as `tutti validate` would.
        FlowDocument doc;
        QCOMPARE(doc.problems().size(), std::size_t(1));
        QVERIFY2(doc.problems().front().message.find("at least one step") != std::string::npos,
                 doc.problems().front().message.c_str());
        QVERIFY(doc.addStep(
            Json::object({{"id", "a"}, {"type", "transform"}, {"set", Json::object({{"x", 1}})}})));
        doc.validateNow();
        QVERIFY(doc.problems().empty());
    }

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

    void aResetIsOneSignalForEverything()
    {
        // A load is a reset: observers rebuild once from documentReset, with no edgesChanged
        // after it (the canvas would build every edge item of a big flow twice).
        FlowDocument doc;
        QSignalSpy reset(&doc, &FlowDocument::documentReset);
        QSignalSpy edges(&doc, &FlowDocument::edgesChanged);
        QSignalSpy content(&doc, &FlowDocument::contentChanged);
        QVERIFY(doc.load(checkoutPath().toStdString()));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(edges.count(), 0);
        QCOMPARE(content.count(), 1);
        // The first step of every nested list is found (each branch of the parallel step).
        QVERIFY(hasEdge(doc, "ship_and_notify", EdgeKind::Branch, "book"));
        QVERIFY(hasEdge(doc, "ship_and_notify", EdgeKind::Branch, "email"));
        QVERIFY(!hasEdge(doc, "ship_and_notify", EdgeKind::Branch, "reserve"));
    }

    void edgesAndContainersFollowTheDescriptors()
    {
        FlowDocument doc;
        doc.replaceDocument(Json::parse(R"({"tutti": 1, "name": "kinds", "steps": [
            {"id": "pick", "type": "choice", "cases": [{"when": "input.big", "next": "each"}],
             "default": "wait"},
            {"id": "each", "type": "map", "items": "input.xs", "as": "x",
             "steps": [{"id": "one", "type": "transform", "set": {"y": 1}}]},
            {"id": "wait", "type": "wait", "duration": "1s", "next": "typo"},
            {"id": "typo", "type": "htp", "catch": [{"next": "done"}]},
            {"id": "done", "type": "respond", "next": "pick"},
            {"id": "oops", "type": "fail"}]})"));
        const auto edge = [&](const std::string &from,
                              EdgeKind kind) -> std::optional<engine::FlowEdge> {
            for (const auto &e : doc.edges())
                if (e.from == from && e.kind == kind)
                    return e;
            return std::nullopt;
        };
        QCOMPARE(edge("pick", EdgeKind::Case)->label, std::string("input.big"));
        QCOMPARE(edge("pick", EdgeKind::Default)->to, std::string("wait"));
        QVERIFY(!edge("pick", EdgeKind::FallThrough)); // the default replaces it
        QCOMPARE(edge("each", EdgeKind::Body)->label, std::string("each x"));
        QVERIFY(hasEdge(doc, "each", EdgeKind::FallThrough, "wait"));
        QVERIFY(hasEdge(doc, "wait", EdgeKind::Next, "typo"));
        // A type the registry does not know keeps the shared keys' edges.
        QCOMPARE(edge("typo", EdgeKind::Catch)->label, std::string("any"));
        QVERIFY(hasEdge(doc, "typo", EdgeKind::FallThrough, "done"));
        // respond takes no `next`, and the run ends there.
        QVERIFY(!edge("done", EdgeKind::Next));
        QVERIFY(!edge("done", EdgeKind::FallThrough));

        QVERIFY(doc.isContainer("each"));
        QVERIFY(!doc.isContainer("typo"));
        QCOMPARE(doc.childLists("each"), std::vector<std::string>{"/steps/1/steps"});
        QCOMPARE(doc.children("each"), std::vector<std::string>{"one"});

        // Jumps only where the type has the key that makes them.
        auto refused = doc.connect("wait", EdgeKind::Case, "done");
        QVERIFY(!refused);
        QCOMPARE(refused.error().message,
                 std::string("a wait step takes no 'cases' (only choice steps do)"));
        QVERIFY(!doc.connect("wait", EdgeKind::Catch, "done"));
        QVERIFY(!doc.connect("oops", EdgeKind::Next, "done"));
        QVERIFY(doc.connect("pick", EdgeKind::Next, "done")); // a choice's "next" is its default
        QCOMPARE(doc.step("pick")->at("default"), Json("done"));
        QVERIFY(doc.connect("pick", EdgeKind::Case, "each", "input.small"));
        QCOMPARE(doc.step("pick")->at("cases")[1],
                 Json::parse(R"({"when": "input.small", "next": "each"})"));
        // A choice takes no `end`: removing where it goes on is refused, not written.
        QVERIFY(!doc.disconnect("pick", EdgeKind::FallThrough));
        QVERIFY(!doc.step("pick")->contains("end"));
        QVERIFY(doc.disconnect("pick", EdgeKind::Case, 0));
        QVERIFY(doc.disconnect("pick", EdgeKind::Case, 0));
        QCOMPARE(doc.step("pick")->at("cases"), Json::array()); // required: stays, for the problem

        QVERIFY(doc.renameStep("done", "finished"));
        QCOMPARE(doc.step("typo")->at("catch")[0]["next"], Json("finished"));
        QCOMPARE(doc.step("pick")->at("default"), Json("finished"));
    }

    void refusesDuplicateIds()
    {
        FlowDocument doc;
        QVERIFY(doc.load(checkoutPath().toStdString()));
        QVERIFY(!doc.addStep(Json::object({{"id", "charge"}, {"type", "wait"}})));
        QVERIFY(!doc.renameStep("charge", "reserve"));
        QCOMPARE(doc.uniqueId("charge"), std::string("charge_2"));
    }

    void editsSignalInThePastTense()
    {
        // The model API alone, as a headless tool drives it: add, connect, rename, remove.
        FlowDocument doc;
        QVERIFY(doc.load(checkoutPath().toStdString()));
        QSignalSpy added(&doc, &FlowDocument::stepAdded);
        QSignalSpy renamed(&doc, &FlowDocument::stepRenamed);
        QSignalSpy removed(&doc, &FlowDocument::stepRemoved);
        QSignalSpy edges(&doc, &FlowDocument::edgesChanged);
        auto id = doc.addStep(
            Json::object(
                {{"id", "audit"}, {"type", "transform"}, {"set", Json::object({{"x", 1}})}}),
            "/steps", 2);
        QVERIFY(id);
        QCOMPARE(*id, std::string("audit"));
        QCOMPARE(added.size(), 1);
        QVERIFY(hasEdge(doc, "charge", EdgeKind::FallThrough, "audit"));
        QVERIFY(doc.connect("audit", EdgeKind::Next, "done"));
        QCOMPARE(doc.step("audit")->at("next"), Json("done"));
        QVERIFY(!edges.isEmpty());
        QVERIFY(doc.renameStep("done", "finished"));
        QCOMPARE(renamed.size(), 1);
        QCOMPARE(doc.step("audit")->at("next"), Json("finished")); // references follow
        QVERIFY(doc.removeStep("audit"));
        QCOMPARE(removed.size(), 1);
        QVERIFY(!doc.hasStep("audit"));
        QVERIFY(doc.isModified());
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
        doc.setValidator([](const std::string &, const std::string &,
                            const engine::YamlDocument *) { return engine::Errors{}; });
        QVERIFY(!doc.validationPending());
        QVERIFY(doc.problems().empty());
    }
};

QTEST_GUILESS_MAIN(TestFlowDocument)
#include "tst_flowdocument.moc"

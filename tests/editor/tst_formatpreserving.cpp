// The file stays as it was written: every kind of canvas and inspector edit (through the undo
// commands the studio pushes) changes only the lines of what was edited, and undo back to the
// saved state gives the saved bytes exactly, with the flow unmodified again.
// LABELS: unit
#include "../document/documenttesting.h"

#include <editor/commands.h>
#include <editor/floweditor.h>

#include <document/flowdocument.h>

#include <QFile>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace tutti;
using namespace tutti::engine::test;
using engine::EdgeKind;
using engine::FlowDocument;
using engine::Json;

namespace {

QString commentedPath()
{
    return QStringLiteral(TUTTI_TEST_DATA "/document/commented.flow.yaml");
}

std::string readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll().toStdString();
}

Json transform(const std::string &id)
{
    return Json::object({{"id", id}, {"type", "transform"}, {"set", Json::object({{"x", 1}})}});
}

} // namespace

class TestFormatPreserving : public QObject {
    Q_OBJECT

    // Runs `edit` on the commented checkout through an undo stack; the lines it changed must be
    // `expected`; undo gives the file's bytes back, redo the edited bytes.
    void check(const std::function<void(QUndoStack &, FlowDocument &)> &edit,
               const QStringList &expected)
    {
        FlowDocument doc;
        QVERIFY(doc.load(commentedPath().toStdString()));
        const std::string original = readFile(commentedPath());
        QCOMPARE(doc.yamlText(), original);
        QUndoStack stack;
        edit(stack, doc);
        const std::string edited = doc.yamlText();
        const QStringList changed = lineDiff(original, edited);
        if (changed != expected)
            qWarning().noquote() << "changed lines:\n" << changed.join(u'\n');
        QCOMPARE(changed, expected);
        // It means what the document holds.
        auto parsed = engine::parseYaml(edited, "x");
        QVERIFY(parsed);
        QCOMPARE(parsed->root, doc.document());
        while (stack.canUndo())
            stack.undo();
        QCOMPARE(doc.yamlText(), original);
        while (stack.canRedo())
            stack.redo();
        QCOMPARE(doc.yamlText(), edited);
    }

private slots:
    void rename()
    {
        check(
            [](QUndoStack &stack, FlowDocument &doc) {
                stack.push(new editor::RenameStepCommand(&doc, "out_of_stock", "sold_out"));
                QVERIFY(doc.hasStep("sold_out"));
            },
            // The step and the catch rule that jumps to it; nothing else.
            {"-    catch: [ { on: [http.409], next: out_of_stock } ]",
             "+    catch: [ { on: [http.409], next: sold_out } ]",
             "-  - id: out_of_stock   # reached from reserve's catch",
             "+  - id: sold_out   # reached from reserve's catch"});
    }

    void fieldEdit()
    {
        // As the inspector commits a row: pushStepEdit over setStepField.
        check(
            [](QUndoStack &stack, FlowDocument &doc) {
                QVERIFY(editor::pushStepEdit(&stack, &doc, "reserve", QStringLiteral("Edit"), [&] {
                    return doc.setStepField("reserve", "/request/method", Json("PUT"));
                }));
            },
            {"-    request: { method: POST, path: /reservations, body: { sku: \"{{ input.sku }}\", "
             "qty: \"{{ input.qty }}\" } }",
             "+    request: { method: PUT, path: /reservations, body: { sku: \"{{ input.sku }}\", "
             "qty: \"{{ input.qty }}\" } }"});
        check(
            [](QUndoStack &stack, FlowDocument &doc) {
                QVERIFY(editor::pushStepEdit(&stack, &doc, "done", QStringLiteral("Edit"), [&] {
                    return doc.setStepField("done", "/status", Json(200));
                }));
                QVERIFY(editor::pushStepEdit(&stack, &doc, "charge", QStringLiteral("Edit"), [&] {
                    return doc.setStepField("charge", "/timeout", Json("2s"));
                }));
            },
            {"+    timeout: 2s", "-    status: 201", "+    status: 200"});
    }

    void add()
    {
        check(
            [](QUndoStack &stack, FlowDocument &doc) {
                stack.push(new editor::AddStepCommand(&doc, transform("audit"), "/steps", 2, {}));
                QCOMPARE(doc.stepInfo("audit")->index, 2);
            },
            // After charge, at the list's indentation, set apart by a blank line as the others.
            {"+  - id: audit", "+    type: transform", "+    set: { x: 1 }", "+"});
    }

    void remove()
    {
        check(
            [](QUndoStack &stack, FlowDocument &doc) {
                editor::pushDeleteSteps(&stack, &doc, {QStringLiteral("charge")});
                QVERIFY(!doc.hasStep("charge"));
            },
            {"-  - id: charge", "-    type: http", "-    service: payment",
             "-    request: { method: POST, path: /charges,",
             "-               body: { amount: \"{{ input.amount }}\" } }",
             "-    compensate: { method: POST, path: \"/charges/{{ steps.charge.body.id "
             "}}/refund\" }",
             "-"});
    }

    void removeWithIncomingEdges()
    {
        // The catch rule pointing at the deleted step goes in the same macro (its whole
        // `catch:` entry, as the rule list is empty then).
        check(
            [](QUndoStack &stack, FlowDocument &doc) {
                editor::pushDeleteSteps(&stack, &doc, {QStringLiteral("out_of_stock")});
            },
            {"-    catch: [ { on: [http.409], next: out_of_stock } ]",
             "-  - id: out_of_stock   # reached from reserve's catch", "-    type: respond",
             "-    status: 409", "-    body: { error: \"out of stock\" }", "-"});
    }

    void moveWithinList()
    {
        check(
            [](QUndoStack &stack, FlowDocument &doc) {
                stack.push(new editor::MoveStepInListCommand(&doc, "done", 1));
                QCOMPARE(doc.stepInfo("done")->index, 1);
            },
            // Only done's own lines move (its text as written), with its blank line.
            {"+  - id: done", "+    type: respond", "+    status: 201",
             "+    body: { order: \"{{ steps.charge.body.id }}\" }", "+", "-  - id: done",
             "-    type: respond", "-    status: 201",
             "-    body: { order: \"{{ steps.charge.body.id }}\" }", "-"});
    }

    void connect()
    {
        check(
            [](QUndoStack &stack, FlowDocument &doc) {
                QVERIFY(editor::pushConnect(&stack, &doc, "charge", EdgeKind::Next, "done"));
                QVERIFY(hasEdge(doc, "charge", EdgeKind::Next, "done"));
            },
            {"+    next: done"});
        check(
            [](QUndoStack &stack, FlowDocument &doc) {
                QVERIFY(editor::pushConnect(&stack, &doc, "reserve", EdgeKind::Catch, "done",
                                            "timeout"));
            },
            {"-    catch: [ { on: [http.409], next: out_of_stock } ]",
             "+    catch: [ { on: [http.409], next: out_of_stock }, { on: [timeout], next: done } "
             "]"});
    }

    void addToBranch()
    {
        check(
            [](QUndoStack &stack, FlowDocument &doc) {
                stack.push(new editor::AddStepCommand(&doc, transform("label"),
                                                      "/steps/2/branches/0/steps", -1, {}));
                QCOMPARE(doc.stepInfo("label")->parent, std::string("ship_and_notify"));
            },
            // The branch's compact line, in its own style.
            {"-      - { name: ship,   steps: [ { id: book, type: http, service: inventory, "
             "request: { method: POST, path: /shipments } } ] }",
             "+      - { name: ship,   steps: [ { id: book, type: http, service: inventory, "
             "request: { method: POST, path: /shipments } }, { id: label, type: transform, set: "
             "{ x: 1 } } ] }"});
    }

    void deleteFromBranch()
    {
        check(
            [](QUndoStack &stack, FlowDocument &doc) {
                editor::pushDeleteSteps(&stack, &doc, {QStringLiteral("email")});
            },
            {"-      - { name: notify, steps: [ { id: email, type: http, service: payment, "
             "request: { method: POST, path: /emails } } ] }",
             "+      - { name: notify, steps: [] }"});
    }

    void manyEditsUndoToTheSavedBytesAndUnmodified()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("commented.flow.yaml"));
        QVERIFY(QFile::copy(commentedPath(), path));
        const std::string original = readFile(path);
        editor::FlowEditor e;
        QVERIFY(e.openFile(path));
        FlowDocument &doc = *e.document();
        QUndoStack &stack = *e.undoStack();
        stack.push(new editor::AddStepCommand(&doc, transform("a1"), "/steps", 0, {}));
        stack.push(new editor::RenameStepCommand(&doc, "a1", "first"));
        QVERIFY(editor::pushConnect(&stack, &doc, "first", EdgeKind::Next, "done"));
        stack.push(new editor::MoveStepInListCommand(&doc, "first", 3));
        editor::pushDeleteSteps(&stack, &doc, {QStringLiteral("done"), QStringLiteral("charge")});
        QVERIFY(editor::pushStepEdit(&stack, &doc, "reserve", QStringLiteral("Edit"), [&] {
            return doc.setStepField("reserve", "/retry", Json::object({{"retries", 5}}));
        }));
        QVERIFY(e.isModified());
        // Saved: the file holds the header and the untouched parts as written.
        QVERIFY(e.save());
        const std::string saved = readFile(path);
        QVERIFY(saved.starts_with("# Checkout, as a person writes it"));
        QVERIFY(saved.find("  payment:   { mock: mocks/payment.mock.yaml, circuit: { failures: "
                           "20, window: 5s, open_for: 10s } }\n") != std::string::npos);
        QVERIFY(saved.find("\n\nservices:\n") != std::string::npos);
        while (stack.canUndo())
            stack.undo();
        QCOMPARE(doc.yamlText(), original);
        QVERIFY(e.isModified()); // the saved state is the edited one
        while (stack.canRedo())
            stack.redo();
        QCOMPARE(doc.yamlText(), saved);
        QVERIFY(!e.isModified()); // back at the saved state
        stack.undo();
        QVERIFY(e.isModified());
        stack.redo();
        QVERIFY(!e.isModified());
        QCOMPARE(doc.yamlText(), saved);
    }

    void undoToTheOpenedFileIsUnmodified()
    {
        editor::FlowEditor e;
        QVERIFY(e.openFile(commentedPath()));
        const std::string original = readFile(commentedPath());
        editor::pushDeleteSteps(e.undoStack(), e.document(), {QStringLiteral("reserve")});
        QVERIFY(e.isModified());
        e.undoStack()->undo();
        QCOMPARE(e.document()->yamlText(), original);
        QVERIFY(!e.isModified());
    }
};

QTEST_MAIN(TestFormatPreserving)
#include "tst_formatpreserving.moc"

// The inspector, code editors and problems panel: forms per step type, undoable field edits,
// inline expression/JSON errors at the parser's column, completion, problems -> step and field.
// LABELS: unit
#include <editor/codeeditor.h>
#include <editor/commands.h>
#include <editor/inspector.h>
#include <editor/problemspanel.h>
#include <editor/steppresentation.h>
#include <tests/widgetshots.h>

#include <document/flowdocument.h>
#include <engine/expr/expression.h>
#include <engine/model/steps/registry.h>

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

using namespace tutti;
using editor::CodeEditor;
using editor::Inspector;
using engine::Json;

namespace {
const QString kCheckout = QStringLiteral(TUTTI_EXAMPLES "/checkout/checkout.flow.yaml");
}

class tst_Inspector : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<engine::FlowDocument> m_doc;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<Inspector> m_inspector;

    const Json &stepJson(const char *id) { return *m_doc->step(id); }

private slots:
    void init()
    {
        m_doc = std::make_unique<engine::FlowDocument>();
        QVERIFY(m_doc->load(kCheckout.toStdString()).has_value());
        m_undo = std::make_unique<QUndoStack>();
        m_inspector = std::make_unique<Inspector>(m_doc.get(), m_undo.get());
        m_inspector->resize(420, 800);
        m_inspector->show();
    }
    void cleanup()
    {
        m_inspector.reset();
        m_undo.reset();
        m_doc.reset();
    }

    void fieldsPerType_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("http") << "http" << QStringList{"/service",       "/request/method",
                                                       "/request/path",  "/request/headers",
                                                       "/request/body",  "/timeout",
                                                       "/retry/retries", "/retry/on",
                                                       "/catch",         "/compensate",
                                                       "/next"};
        QTest::newRow("transform") << "transform" << QStringList{"/set", "/next", "/end"};
        QTest::newRow("script") << "script" << QStringList{"/code", "/timeout", "/retry/retries"};
        QTest::newRow("choice") << "choice" << QStringList{"/cases", "/default"};
        QTest::newRow("parallel") << "parallel" << QStringList{"/fail", "/catch"};
        QTest::newRow("map") << "map" << QStringList{"/items", "/as", "/concurrency", "/tolerate"};
        QTest::newRow("wait") << "wait" << QStringList{"/duration", "/until"};
        QTest::newRow("call") << "call" << QStringList{"/flow", "/input", "/compensate"};
        QTest::newRow("respond") << "respond" << QStringList{"/status", "/body"};
        QTest::newRow("fail") << "fail" << QStringList{"/error", "/message"};
    }
    void fieldsPerType()
    {
        QFETCH(QString, type);
        QFETCH(QStringList, expected);
        QStringList pointers;
        for (const auto &f : Inspector::fieldsFor(type))
            pointers << f.pointer;
        for (const QString &p : expected)
            QVERIFY2(pointers.contains(p), qPrintable(type + " lacks " + p));
        // Fields a type does not take never show (they would be "unknown key" errors).
        if (type == u"respond")
            QVERIFY(!pointers.contains("/retry/retries"));
    }

    // Every field the form offers is a key the parser takes: a value written there may be
    // wrong, but never an "unknown key" (the inspector once offered `retry` on map and
    // parallel steps).
    void offersOnlyKeysTheParserTakes_data()
    {
        QTest::addColumn<QString>("type");
        for (const std::string &name : engine::stepTypeNames())
            QTest::newRow(name.c_str()) << QString::fromStdString(name);
    }
    void offersOnlyKeysTheParserTakes()
    {
        QFETCH(QString, type);
        engine::FlowDocument doc;
        doc.replaceDocument(Json::object(
            {{"tutti", 1},
             {"name", "keys"},
             {"steps", Json::array({editor::StepPresentations::newStep(type, "s")})}}));
        const Json original = *doc.step("s");
        for (const auto &f : Inspector::fieldsFor(type)) {
            QVERIFY(doc.replaceStep("s", original));
            QVERIFY(doc.setStepField("s", f.pointer.toStdString(), Json(true)));
            doc.validateNow();
            for (const engine::Error &e : doc.problems())
                QVERIFY2(e.message.find("unknown key") == std::string::npos,
                         qPrintable(type + " offers " + f.pointer + ": " +
                                    QString::fromStdString(e.message)));
        }
    }

    void showsStepValues()
    {
        m_inspector->setStep("charge");
        QCOMPARE(m_inspector->stepId(), QString("charge"));
        auto *service = qobject_cast<QComboBox *>(m_inspector->fieldEditor("/service"));
        QVERIFY(service);
        QCOMPARE(service->currentText(), QString("payment"));
        auto *method = qobject_cast<QComboBox *>(m_inspector->fieldEditor("/request/method"));
        QCOMPARE(method->currentText(), QString("POST"));
        auto *body = qobject_cast<CodeEditor *>(m_inspector->fieldEditor("/request/body"));
        QVERIFY(body);
        QVERIFY(body->text().contains("idempotency_key"));
        QVERIFY(!body->hasError());
        auto *id = qobject_cast<QLineEdit *>(m_inspector->fieldEditor("/id"));
        QCOMPARE(id->text(), QString("charge"));
        // The flow's defaults are the placeholders of unset fields.
        auto *timeout = qobject_cast<QLineEdit *>(m_inspector->fieldEditor("/timeout"));
        QVERIFY(timeout->text().isEmpty());
        QVERIFY(timeout->placeholderText().contains("5s"));
    }

    void editIsUndoable()
    {
        m_inspector->setStep("charge");
        auto *path = qobject_cast<CodeEditor *>(m_inspector->fieldEditor("/request/path"));
        QVERIFY(path);
        path->setFocus();
        path->selectAll();
        path->replaceSelectedText("/charges/v2");
        m_inspector->commitPending();
        QCOMPARE(stepJson("charge")["request"]["path"].get<std::string>(),
                 std::string("/charges/v2"));
        QCOMPARE(m_undo->count(), 1);
        m_undo->undo();
        QCOMPARE(stepJson("charge")["request"]["path"].get<std::string>(), std::string("/charges"));
        // The form follows the model after undo.
        QCOMPARE(path->text(), QString("/charges"));
        m_undo->redo();
        QCOMPARE(stepJson("charge")["request"]["path"].get<std::string>(),
                 std::string("/charges/v2"));
    }

    void retryFieldsAndRemoval()
    {
        m_inspector->setStep("reserve");
        auto *retries = qobject_cast<QLineEdit *>(m_inspector->fieldEditor("/retry/retries"));
        QVERIFY(retries);
        QVERIFY(retries->placeholderText().contains("2")); // from defaults.retry
        retries->setFocus();
        QTest::keyClicks(retries, "4");
        QTest::keyClick(retries, Qt::Key_Return);
        QCOMPARE(stepJson("reserve")["retry"]["retries"].get<int>(), 4);
        retries->selectAll();
        QTest::keyClick(retries, Qt::Key_Backspace);
        QTest::keyClick(retries, Qt::Key_Return);
        // The emptied `retry:` object goes too: the step falls back to defaults.retry.
        QVERIFY2(!stepJson("reserve").contains("retry"), stepJson("reserve").dump().c_str());
        QCOMPARE(m_undo->count(), 2);
    }

    void badDurationIsShownAndNotWritten()
    {
        m_inspector->setStep("reserve");
        auto *timeout = qobject_cast<QLineEdit *>(m_inspector->fieldEditor("/timeout"));
        timeout->setFocus();
        QTest::keyClicks(timeout, "fast");
        QVERIFY(m_inspector->fieldError("/timeout").contains("duration"));
        QTest::keyClick(timeout, Qt::Key_Return);
        QVERIFY(!stepJson("reserve").contains("timeout"));
        QCOMPARE(m_undo->count(), 0);
    }

    void templateErrorAtParserColumn_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("dangling operator") << "/charges/{{ steps.charge.body.id + }}";
        QTest::newRow("unclosed") << "/charges/{{ steps.charge";
        QTest::newRow("bad token") << "x {{ input.# }}";
    }
    void templateErrorAtParserColumn()
    {
        QFETCH(QString, text);
        m_inspector->setStep("charge");
        auto *path = qobject_cast<CodeEditor *>(m_inspector->fieldEditor("/request/path"));
        path->setFocus();
        path->selectAll();
        path->replaceSelectedText(text); // typing
        path->validateNow();
        auto expected = engine::expr::Template::parse(text.toStdString(), {{}, 1, 1});
        QVERIFY(!expected.has_value());
        QVERIFY(path->hasError());
        QCOMPARE(path->errorColumn(), expected.error().location.column);
        QCOMPARE(path->errorMessage().toStdString(), expected.error().message);
        QVERIFY(!m_inspector->fieldError("/request/path").isEmpty());
        m_inspector->commitPending();
        // Text that does not parse never reaches the document.
        QCOMPARE(stepJson("charge")["request"]["path"].get<std::string>(), std::string("/charges"));
    }

    void jsonErrors()
    {
        CodeEditor json(CodeEditor::Mode::Json);
        json.setPlainText("{\"a\": 1,,}");
        QVERIFY(json.hasError());
        QCOMPARE(json.errorLine(), 1);
        QCOMPARE(json.errorColumn(), 9);
        json.setPlainText("{\n  \"a\": \"{{ input.sku + }}\"\n}");
        QVERIFY(json.hasError());
        QCOMPARE(json.errorLine(), 2);
        QVERIFY(json.errorColumn() > 8); // inside the string, not at its start
        json.setPlainText("{\"a\": \"{{ input.sku }}\"}");
        QVERIFY(!json.hasError());
        QCOMPARE(json.jsonValue()["a"].get<std::string>(), std::string("{{ input.sku }}"));
        json.setPlainText("");
        QVERIFY(!json.hasError());
    }

    void expressionMode()
    {
        CodeEditor e(CodeEditor::Mode::Expression);
        e.setPlainText("input.qty > 10");
        QVERIFY(!e.hasError());
        e.setPlainText("input.qty >");
        QVERIFY(e.hasError());
        QVERIFY(e.errorColumn() >= 11);
    }

    void completion()
    {
        m_inspector->setStep("done");
        auto *body = qobject_cast<CodeEditor *>(m_inspector->fieldEditor("/body"));
        QVERIFY(body);
        const QStringList steps = body->completionsFor("steps.");
        for (const char *id : {"reserve", "charge", "book", "email", "done"})
            QVERIFY2(steps.contains(id), id);
        QCOMPARE(body->completionsFor("steps.ch"), QStringList{"charge"});
        QCOMPARE(body->completionsFor("steps.charge."), (QStringList{"status", "headers", "body"}));
        QCOMPARE(body->completionsFor("input."), (QStringList{"sku", "qty", "amount"}));
        const QStringList top = body->completionsFor("");
        QVERIFY(top.contains("input"));
        QVERIFY(top.contains("len"));
        QVERIFY(top.contains("uuid"));
        QVERIFY(body->completionsFor("up").contains("upper"));
    }

    void renameThroughIdField()
    {
        m_inspector->setStep("charge");
        auto *id = qobject_cast<QLineEdit *>(m_inspector->fieldEditor("/id"));
        id->setFocus();
        id->selectAll();
        QTest::keyClicks(id, "pay");
        QTest::keyClick(id, Qt::Key_Return);
        QVERIFY(m_doc->hasStep("pay"));
        QCOMPARE(m_inspector->stepId(), QString("pay"));
        QCOMPARE(m_undo->count(), 1);
        m_undo->undo();
        QVERIFY(m_doc->hasStep("charge"));
        // A taken id is refused without an undo entry.
        QSignalSpy refused(m_inspector.get(), &Inspector::editRefused);
        m_inspector->setStep("charge");
        id = qobject_cast<QLineEdit *>(m_inspector->fieldEditor("/id"));
        id->setFocus();
        id->selectAll();
        QTest::keyClicks(id, "reserve");
        QTest::keyClick(id, Qt::Key_Return);
        QCOMPARE(refused.count(), 1);
        QVERIFY(m_doc->hasStep("charge"));
    }

    void problemsSelectStepAndField()
    {
        editor::ProblemsPanel panel(m_doc.get());
        panel.setInspector(m_inspector.get());
        QCOMPARE(panel.count(), 0);
        QSignalSpy activated(&panel, &editor::ProblemsPanel::problemActivated);
        // A `next` to a missing step: the problem points at /steps/1/next.
        QVERIFY(m_doc->setStepField("charge", "/next", Json("nowhere")).has_value());
        m_doc->validateNow();
        QVERIFY(panel.count() >= 1);
        int row = -1;
        for (int i = 0; i < panel.count(); ++i)
            if (panel.list()->topLevelItem(i)->text(1) == u"charge")
                row = i;
        QVERIFY(row >= 0);
        m_inspector->setStep("reserve");
        panel.activate(row);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.front().at(0).toString(), QString("charge"));
        QVERIFY(activated.front().at(1).toString().startsWith("/next"));
        QVERIFY(activated.front().at(2).toInt() > 0); // a YAML line to show
        QCOMPARE(m_inspector->stepId(), QString("charge"));
        // The window is not active offscreen, so ask where its focus went rather than hasFocus().
        QWidget *next = m_inspector->fieldEditor("/next");
        QVERIFY(m_inspector->focusWidget() == next ||
                next->isAncestorOf(m_inspector->focusWidget()));
        // The problem also shows under the field in the inspector.
        QVERIFY(!m_inspector->fieldError("/next").isEmpty());
        // Fixing it empties the panel (live).
        QVERIFY(m_doc->setStepField("charge", "/next", std::nullopt).has_value());
        m_doc->validateNow();
        QCOMPARE(panel.count(), 0);
        QVERIFY(m_inspector->fieldError("/next").isEmpty());
    }

    // The default left column is ~266 px: labels go above their fields and no field needs a
    // horizontal scroll bar; wider, labels sit beside their fields again.
    void narrowColumnPutsLabelsAboveFields()
    {
        m_inspector->resize(266, 800);
        for (const char *id : {"charge", "reserve", "ship_and_notify", "done"}) {
            if (!m_doc->step(id))
                continue;
            m_inspector->setStep(id);
            QApplication::processEvents();
            QVERIFY(m_inspector->labelsAbove());
            auto *scroll = m_inspector->findChild<QScrollArea *>();
            QVERIFY(scroll && scroll->widget());
            const int viewport = scroll->viewport()->width();
            QVERIFY2(scroll->widget()->minimumSizeHint().width() <= viewport,
                     qPrintable(QStringLiteral("%1: form needs %2 px of %3")
                                    .arg(id)
                                    .arg(scroll->widget()->minimumSizeHint().width())
                                    .arg(viewport)));
            QCOMPARE(scroll->widget()->width(), viewport);
            for (const QString &pointer : m_inspector->fieldPointers()) {
                QWidget *editor = m_inspector->fieldEditor(pointer);
                QVERIFY(editor);
                const QRect r(editor->mapTo(scroll->widget(), QPoint(0, 0)), editor->size());
                QVERIFY2(r.right() < viewport, qPrintable(pointer));
                QVERIFY2(r.width() > viewport / 2, qPrintable(pointer)); // the row's width
            }
        }
        if (qEnvironmentVariableIsSet("TUTTI_SHOTS_DIR")) {
            m_inspector->setStep("charge");
            QApplication::processEvents();
            QVERIFY(widgetshots::saveShot(*m_inspector, QStringLiteral("inspector-narrow")));
        }
        m_inspector->resize(480, 800);
        QApplication::processEvents();
        QVERIFY(!m_inspector->labelsAbove());
    }

    // The hint and notes take their colour from the palette, so a dark theme keeps them legible.
    void hintFollowsThePalette()
    {
        m_inspector->setStep({});
        QLabel *hint = nullptr;
        for (QLabel *l : m_inspector->findChildren<QLabel *>())
            if (l->text().startsWith("Select a step"))
                hint = l;
        QVERIFY(hint);
        QVERIFY(hint->styleSheet().isEmpty());
        QCOMPARE(hint->foregroundRole(), QPalette::PlaceholderText);
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::PlaceholderText, QColor(0xaa, 0xaa, 0xaa));
        m_inspector->setPalette(dark);
        QCOMPARE(hint->palette().color(hint->foregroundRole()), QColor(0xaa, 0xaa, 0xaa));
        m_inspector->setStep("charge");
        for (QLabel *l : m_inspector->findChildren<QLabel *>())
            QVERIFY2(!l->text().contains("color:gray"), qPrintable(l->text()));
    }

    void locateMapsPointersToSteps()
    {
        engine::Error e;
        e.path = "/steps/2/branches/0/steps/0/request/body";
        auto where = editor::ProblemsPanel::locate(*m_doc, e);
        QCOMPARE(where.stepId, QString("book"));
        QCOMPARE(where.field, QString("/request/body"));
        e.path = "/steps/1";
        where = editor::ProblemsPanel::locate(*m_doc, e);
        QCOMPARE(where.stepId, QString("charge"));
        QCOMPARE(where.field, QString());
        e.path = "/services/payment";
        QCOMPARE(editor::ProblemsPanel::locate(*m_doc, e).stepId, QString());
    }
};

QTEST_MAIN(tst_Inspector)
#include "tst_inspector.moc"

// The studio's debugger objects (editor/debug): breakpoints belong to the open document (toggle,
// conditions refused with the parser's message, renames and deletions followed, the YAML left
// alone) and are drawn on the canvas; a debug run started from the Run panel on a virtual clock
// pauses at a breakpoint with the node highlighted and the Debugger panel showing the stack and
// context; an edit applied in the panel is seen by the next step and stored as a `debug` span;
// step over, step into a parallel step and stop (which compensates) behave as in the engine.
// LABELS: unit
#include <app/studio/services/studioservices.h>
#include <tests/testfiles.h>

#include <editor/codeeditor.h>
#include <editor/debug/debugcontroller.h>
#include <editor/debug/debugpanel.h>
#include <editor/flowscene.h>
#include <editor/nodeitem.h>
#include <editor/runcontroller.h>
#include <editor/runpanel.h>

#include <document/flowdocument.h>
#include <engine/core/clock.h>
#include <engine/trace/tracestore.h>

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace tutti;
using editor::NodeItem;
using engine::DebugScope;
using engine::Json;

namespace {

const char *const kVarsFlow = "tutti: 1\n"
                              "name: counter\n"
                              "steps:\n"
                              "  - { id: t1, type: transform, set: { a: 1 } }\n"
                              "  - { id: t2, type: transform, set: { b: \"{{ vars.a + 1 }}\" } }\n"
                              "  - { id: done, type: respond, body: { b: \"{{ vars.b }}\" } }\n";

} // namespace

class tst_DebugController : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    studio::StudioServices m_services;
    engine::VirtualClock m_clock;
    std::unique_ptr<engine::FlowDocument> m_doc;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<editor::FlowScene> m_scene;
    std::unique_ptr<editor::RunPanel> m_run;
    editor::DebugController *m_debug = nullptr;
    std::unique_ptr<editor::DebugPanel> m_panel;

    void open(const QString &file)
    {
        m_panel.reset();
        m_run.reset();
        m_scene.reset();
        m_doc = std::make_unique<engine::FlowDocument>();
        QVERIFY(m_doc->load((m_dir.path() + "/" + file).toStdString()).has_value());
        m_undo = std::make_unique<QUndoStack>();
        m_scene = std::make_unique<editor::FlowScene>(m_doc.get(), m_undo.get());
        m_run = std::make_unique<editor::RunPanel>(m_doc.get(), m_services.transports());
        m_run->setScene(m_scene.get());
        m_run->setClock(&m_clock);
        m_debug = new editor::DebugController(m_doc.get(), m_run.get(), m_run.get());
        m_debug->setScene(m_scene.get());
        m_panel = std::make_unique<editor::DebugPanel>();
        m_panel->setController(m_debug);
    }
    // Drives the run until it pauses or ends; the controller frees a finished run queued.
    void settle()
    {
        m_clock.runUntilIdle();
        QCoreApplication::processEvents();
    }
    NodeItem *node(const char *id) const { return m_scene->node(id); }
    // The checkout example debugged with a breakpoint on charge, paused there.
    void pauseCheckoutAtCharge()
    {
        open("checkout.flow.yaml");
        m_run->inputEditor()->setPlainText("{\"sku\": \"A-1\", \"qty\": 1, \"amount\": 25}");
        QVERIFY(m_debug->toggleBreakpoint("charge"));
        QVERIFY(m_debug->start());
        settle();
        QCOMPARE(m_debug->pausedStep(), QString("charge"));
    }
    // The spans of the last run as the trace database stored them.
    std::vector<engine::Span> storedSpans() const
    {
        const auto &record = m_run->controller()->lastRecord();
        engine::TraceStore store;
        if (!record || !store.open(m_run->controller()->lastTraceDbPath()))
            return {};
        auto trace = store.loadRun(record->id);
        return trace ? trace->second : std::vector<engine::Span>{};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(testfiles::copyTree(TUTTI_EXAMPLES "/checkout", m_dir.path()));
        QFile f(m_dir.path() + "/counter.flow.yaml");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kVarsFlow);
    }
    void cleanup()
    {
        m_panel.reset();
        m_run.reset();
        m_scene.reset();
        m_undo.reset();
        m_doc.reset();
    }

    void breakpointsBelongToTheDocument()
    {
        open("checkout.flow.yaml");
        const std::string yaml = m_doc->yamlText();
        QSignalSpy changed(m_debug, &editor::DebugController::breakpointsChanged);
        QVERIFY(m_debug->toggleBreakpoint("charge"));
        QVERIFY(m_debug->hasBreakpoint("charge"));
        QCOMPARE(node("charge")->breakpoint(), NodeItem::Breakpoint::Plain);
        QCOMPARE(node("reserve")->breakpoint(), NodeItem::Breakpoint::None);
        QVERIFY(!m_debug->toggleBreakpoint("nope")); // no such step
        QVERIFY(m_debug->toggleBreakpoint("charge"));
        QVERIFY(!m_debug->hasBreakpoint("charge"));
        QCOMPARE(node("charge")->breakpoint(), NodeItem::Breakpoint::None);

        // A condition that does not parse is refused with the parser's message; nothing changes.
        auto bad = m_debug->setCondition("reserve", "input.qty >");
        QVERIFY(!bad.has_value());
        QVERIFY(!bad.error().message.empty());
        QVERIFY(!m_debug->hasBreakpoint("reserve"));
        QVERIFY(m_debug->setCondition("reserve", "input.qty > 2").has_value());
        QCOMPARE(m_debug->condition("reserve"), QString("input.qty > 2"));
        QCOMPARE(node("reserve")->breakpoint(), NodeItem::Breakpoint::Conditional);
        QVERIFY(m_debug->setCondition("reserve", "  ").has_value()); // back to always
        QCOMPARE(node("reserve")->breakpoint(), NodeItem::Breakpoint::Plain);
        QVERIFY(changed.count() >= 4);

        // Renames and deletions are followed; the file's text never holds a breakpoint.
        QVERIFY(m_scene->renameStep("reserve", "hold"));
        QVERIFY(m_debug->hasBreakpoint("hold"));
        QVERIFY(!m_debug->hasBreakpoint("reserve"));
        QCOMPARE(node("hold")->breakpoint(), NodeItem::Breakpoint::Plain);
        m_undo->undo();
        QVERIFY(m_debug->hasBreakpoint("reserve"));
        QVERIFY(m_doc->yamlText() == yaml);
        m_scene->selectSteps({"reserve"});
        m_scene->deleteSelection();
        QVERIFY(!m_debug->hasBreakpoint("reserve"));
        QVERIFY(m_debug->breakpoints().isEmpty());
    }

    void pausesEditsAVarAndGoesOn()
    {
        open("counter.flow.yaml");
        m_run->inputEditor()->setPlainText("{}");
        QVERIFY(m_debug->toggleBreakpoint("t2"));
        QSignalSpy state(m_debug, &editor::DebugController::stateChanged);
        QVERIFY(m_debug->start());
        QVERIFY(m_debug->isDebugging());
        QVERIFY(!m_debug->start()); // one debug run at a time
        settle();
        QVERIFY(m_debug->isPaused());
        QCOMPARE(m_debug->pausedStep(), QString("t2"));
        QVERIFY(node("t2")->isPaused());
        QVERIFY(!node("t1")->isPaused());
        QCOMPARE(m_scene->pausedStep(), QString("t2"));
        QVERIFY(m_panel->statusText().contains("t2"));
        QCOMPARE(m_panel->stackList()->count(), 1);
        QVERIFY(m_panel->stackList()->item(0)->text().contains("counter.flow.yaml:5"));

        // The vars as the step will read them; an invalid edit is refused with a message.
        m_panel->selectScope(DebugScope::Vars);
        QVERIFY(m_panel->contextEditor()->jsonValue() == (Json{{"a", 1}}));
        m_panel->contextEditor()->setPlainText("{\"a\": ");
        QVERIFY(!m_panel->apply());
        QVERIFY(m_panel->messageLabel()->text().contains("JSON"));
        m_panel->contextEditor()->setPlainText("{\"a\": 41}");
        QVERIFY(m_panel->apply());
        QVERIFY(m_debug->session()->scopeValue(DebugScope::Vars) == (Json{{"a", 41}}));
        m_panel->watchEdit()->setText("vars.a * 2");
        emit m_panel->watchEdit()->returnPressed();
        QCOMPARE(m_panel->watchResult()->text(), QString("82"));
        // env is read-only.
        QVERIFY(!m_debug->applyScope(DebugScope::Env, Json::object()).has_value());

        QSignalSpy finished(m_run.get(), &editor::RunPanel::runFinished);
        m_debug->continueRun();
        settle();
        QCOMPARE(finished.count(), 1);
        QVERIFY(!m_debug->isDebugging());
        QVERIFY(!node("t2")->isPaused());
        QCOMPARE(m_scene->pausedStep(), QString());
        const auto &record = m_run->controller()->lastRecord();
        QVERIFY(record);
        QCOMPARE(record->status, engine::RunStatus::Succeeded);
        QVERIFY2(record->output["b"] == Json(42), record->output.dump().c_str()); // edited var read
        QVERIFY(state.count() >= 3); // started, paused, resumed, finished

        // The edit is in the stored trace as a debug span.
        bool edited = false;
        for (const engine::Span &s : storedSpans())
            edited = edited || (s.kind == engine::SpanKind::Debug && s.name == "set vars/a");
        QVERIFY(edited);
    }

    void stepsIntoAndStops()
    {
        pauseCheckoutAtCharge();
        if (QTest::currentTestFailed())
            return;
        m_debug->stepOver();
        settle();
        QCOMPARE(m_debug->pausedStep(), QString("ship_and_notify"));
        QVERIFY(node("ship_and_notify")->isPaused());
        QVERIFY(!node("charge")->isPaused());
        QCOMPARE(node("charge")->state(), editor::NodeState::Succeeded);
        m_debug->stepIn();
        settle();
        QVERIFY(m_debug->isPaused());
        const QString inner = m_debug->pausedStep();
        QVERIFY2(inner == "book" || inner == "email", qPrintable(inner));
        QVERIFY(m_panel->stackList()->count() >= 2); // the step, its branch, the parallel step
        // steps.charge as the next step reads it.
        m_panel->selectScope(DebugScope::Steps);
        QVERIFY(m_panel->contextEditor()->jsonValue().contains("charge"));

        QSignalSpy finished(m_run.get(), &editor::RunPanel::runFinished);
        m_debug->stop();
        settle();
        QCOMPARE(finished.count(), 1);
        QVERIFY(!m_debug->isDebugging());
        QCOMPARE(node("reserve")->state(), editor::NodeState::Compensated);
        QCOMPARE(node("charge")->state(), editor::NodeState::Compensated);
        QCOMPARE(m_scene->pausedStep(), QString());
    }

    void showsWhatTheHttpStepWillSend()
    {
        pauseCheckoutAtCharge();
        if (QTest::currentTestFailed())
            return;
        // The scope list offers the request, named for people.
        const int at = m_panel->scopeBox()->findData(static_cast<int>(DebugScope::Request));
        QVERIFY(at >= 0);
        QVERIFY(m_panel->scopeBox()->itemText(at).contains("what will be sent"));
        m_panel->selectScope(DebugScope::Request);
        Json preview = m_panel->contextEditor()->jsonValue();
        QVERIFY(preview["url"] == Json("mock://payment/charges"));
        QVERIFY(preview["body"]["amount"] == Json(25));
        QVERIFY(preview["headers"].contains("Idempotency-Key"));
        QVERIFY(m_panel->messageLabel()->text().contains("Rendered"));
        QVERIFY(!m_panel->apply()); // read-only: nothing to apply
        // An edit of the input shows in the request at once.
        m_panel->selectScope(DebugScope::Input);
        Json input = m_panel->contextEditor()->jsonValue();
        input["amount"] = 99;
        m_panel->contextEditor()->setPlainText(QString::fromStdString(input.dump()));
        QVERIFY(m_panel->apply());
        m_panel->selectScope(DebugScope::Request);
        preview = m_panel->contextEditor()->jsonValue();
        QVERIFY(preview["body"]["amount"] == Json(99));
        // The step sends what was shown.
        QSignalSpy finished(m_run.get(), &editor::RunPanel::runFinished);
        m_debug->continueRun();
        settle();
        QCOMPARE(finished.count(), 1);
        QVERIFY(m_run->controller()->lastRecord());
        bool sent = false;
        for (const engine::Span &s : storedSpans())
            if (s.stepId == "charge" && s.kind == engine::SpanKind::Attempt)
                sent = s.request.value("body", Json::object()).value("amount", Json()) == Json(99);
        QVERIFY(sent);
    }

    void aConditionDecidesAndBadStartsAreClean()
    {
        open("checkout.flow.yaml");
        m_run->inputEditor()->setPlainText("{\"sku\": \"A-1\", \"qty\": 1, \"amount\": 25}");
        QVERIFY(m_debug->setCondition("charge", "input.amount > 100").has_value());
        QVERIFY(m_debug->toggleBreakpoint("done"));
        QVERIFY(m_debug->start());
        settle();
        QCOMPARE(m_debug->pausedStep(), QString("done")); // charge's condition was false
        m_debug->continueRun();
        settle();
        QVERIFY(!m_debug->isDebugging());
        // Input the schema refuses: the debug run does not start, and nothing is left running.
        m_run->inputEditor()->setPlainText("{\"sku\": \"A-1\"}");
        QVERIFY(!m_debug->start());
        QVERIFY(!m_debug->isDebugging());
        QVERIFY(!m_run->controller()->isRunning());
    }
};

QTEST_MAIN(tst_DebugController)
#include "tst_debugcontroller.moc"

// The studio's Debug menu (app/studio/studiodebugger.h) in the real main window, offscreen: F9
// and Edit Breakpoint Condition… act on the selected node (a refused condition is asked again
// with the parser's message), Start Debugging (Ctrl+F5) runs the flow of the Run panel and
// pauses at the breakpoint, the actions are enabled only when they apply, and F5 belongs to Run
// Flow until a debug run pauses, then to Continue. The run goes on a virtual clock. With
// TUTTI_SHOTS_DIR set it saves the studio paused at a breakpoint.
// LABELS: unit
#include "studiotesting.h"
#include <tests/widgetshots.h>

#include <mainwindow.h>
#include <studiodebugger.h>
#include <studiopanels.h>

#include <editor/codeeditor.h>
#include <editor/debug/debugcontroller.h>
#include <editor/debug/debugpanel.h>
#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/nodeitem.h>
#include <editor/runpanel.h>

#include <engine/core/clock.h>

#include <QAction>
#include <QDockWidget>
#include <QtTest>

using namespace tutti;

class TestStudioDebugger : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_flow;

private slots:
    void initTestCase()
    {
        studiotest::isolateSettings();
        m_flow = studiotest::copyExample(m_dir, QStringLiteral("checkout"));
        QVERIFY(!m_flow.isEmpty());
    }

    void debugMenuPausesAtABreakpoint()
    {
        studio::MainWindow window;
        window.setInteractive(false);
        window.resize(1600, 1000);
        QVERIFY(window.openFlow(m_flow));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        studio::StudioDebugger *debugger = window.debugger();
        QVERIFY(debugger);
        editor::FlowEditor *e = window.currentEditor();
        editor::DebugController *d = debugger->current();
        QVERIFY(d);
        QCOMPARE(debugger->panel()->controller(), d);
        engine::VirtualClock clock;
        editor::RunPanel *run = window.panels()->runPanelFor(e);
        run->setClock(&clock);
        run->inputEditor()->setPlainText("{\"sku\": \"A-1\", \"qty\": 2, \"amount\": 25}");
        QAction *runAction = window.panels()->runAction();
        QAction *stopAction = window.panels()->stopAction();

        // Nothing selected: no breakpoint to toggle; nothing paused: no stepping.
        e->scene()->selectSteps({});
        QVERIFY(!debugger->toggleBreakpointAction()->isEnabled());
        QVERIFY(debugger->startAction()->isEnabled());
        for (QAction *a : {debugger->continueAction(), debugger->stepOverAction(),
                           debugger->stepIntoAction(), stopAction})
            QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
        QCOMPARE(runAction->shortcut(), QKeySequence(Qt::Key_F5));
        QCOMPARE(debugger->continueAction()->shortcut(), QKeySequence());
        QCOMPARE(debugger->startAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_F5));
        QCOMPARE(debugger->toggleBreakpointAction()->shortcut(), QKeySequence(Qt::Key_F9));

        // F9 on the selected node, then a condition: a bad one is asked again with the reason.
        e->scene()->selectSteps({"reserve"});
        QVERIFY(debugger->toggleBreakpointAction()->isEnabled());
        debugger->toggleBreakpointAction()->trigger();
        QVERIFY(d->hasBreakpoint("reserve"));
        QCOMPARE(e->scene()->node("reserve")->breakpoint(), editor::NodeItem::Breakpoint::Plain);
        QStringList asked;
        debugger->setConditionPrompt([&](const QString &step, const QString &current,
                                         const QString &problem) -> std::optional<QString> {
            asked << step + "|" + current + "|" + problem;
            return asked.size() == 1 ? QString("input.qty >") : QString("input.qty > 1");
        });
        debugger->conditionAction()->trigger();
        QCOMPARE(asked.size(), 2);
        QVERIFY(asked[0].startsWith("reserve||"));
        QVERIFY2(asked[1].startsWith("reserve|input.qty >|") && asked[1].size() > 21,
                 qPrintable(asked[1]));
        QCOMPARE(d->condition("reserve"), QString("input.qty > 1"));
        QCOMPARE(e->scene()->node("reserve")->breakpoint(),
                 editor::NodeItem::Breakpoint::Conditional);
        e->scene()->selectSteps({"charge"});
        debugger->toggleBreakpointAction()->trigger();
        QVERIFY(d->hasBreakpoint("charge"));

        // Ctrl+F5: the run pauses at reserve (qty 2 > 1).
        debugger->startAction()->trigger();
        QVERIFY(d->isDebugging());
        QVERIFY(!runAction->isEnabled());
        QVERIFY(!debugger->startAction()->isEnabled());
        QVERIFY(stopAction->isEnabled());
        clock.runUntilIdle();
        QVERIFY(d->isPaused());
        QCOMPARE(d->pausedStep(), QString("reserve"));
        for (QAction *a : {debugger->continueAction(), debugger->stepOverAction(),
                           debugger->stepIntoAction(), stopAction})
            QVERIFY2(a->isEnabled(), qPrintable(a->text()));
        QCOMPARE(debugger->continueAction()->shortcut(), QKeySequence(Qt::Key_F5));
        QCOMPARE(runAction->shortcut(), QKeySequence());
        QVERIFY(debugger->dock()->isVisible());

        // F10 to charge's breakpoint... Step Over goes to the next step: charge.
        debugger->stepOverAction()->trigger();
        clock.runUntilIdle();
        QCOMPARE(d->pausedStep(), QString("charge"));
        QVERIFY(e->scene()->node("charge")->isPaused());
        debugger->panel()->selectScope(engine::DebugScope::Steps);
        QCOMPARE(debugger->panel()->contextEditor()->jsonValue()["reserve"]["status"],
                 engine::Json(201));
        // What charge will send ("request"), rendered from the context as it is now.
        debugger->panel()->selectScope(engine::DebugScope::Request);
        const engine::Json preview = debugger->panel()->contextEditor()->jsonValue();
        QCOMPARE(preview["method"], engine::Json("POST"));
        QCOMPARE(preview["url"], engine::Json("mock://payment/charges"));
        QCOMPARE(preview["body"]["amount"], engine::Json(25));
        QCoreApplication::processEvents(); // the docks take their new sizes
        QVERIFY(widgetshots::saveShot(window, "studio-debug-paused"));

        // F5: to the end (no breakpoint after charge).
        debugger->continueAction()->trigger();
        clock.runUntilIdle();
        QTRY_VERIFY(!d->isDebugging());
        QTRY_VERIFY(runAction->isEnabled());
        QVERIFY(debugger->startAction()->isEnabled());
        QVERIFY(!debugger->continueAction()->isEnabled());
        QCOMPARE(runAction->shortcut(), QKeySequence(Qt::Key_F5));
        QCOMPARE(debugger->continueAction()->shortcut(), QKeySequence());
        QCOMPARE(e->scene()->pausedStep(), QString());
        QVERIFY(run->statusText().contains("succeeded"));
        // The breakpoints stay with the open flow for the next debug run.
        QCOMPARE(d->breakpoints().size(), 2);
        QVERIFY(debugger->clearBreakpointsAction()->isEnabled());
    }
};

QTEST_MAIN(TestStudioDebugger)
#include "tst_studiodebugger.moc"

// Opening stored runs in the studio (app/studio/runbrowser.h): from the History dock, the Run
// panel's "Open Run" and the simulation's kept runs the Run Viewer shows the run; its flow's
// canvas is painted per step status with attempts and latency; canvas and viewer selections
// follow each other; the Inspector shows a step's last input and output after a stored or a
// live run. With TUTTI_SHOTS_DIR set it saves the studio with a run open.
// LABELS: unit
#include "studiotesting.h"
#include <tests/tracegen.h>
#include <tests/widgetshots.h>

#include <mainwindow.h>
#include <runbrowser.h>
#include <studiopanels.h>

#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/historypanel.h>
#include <editor/inspector.h>
#include <editor/nodeitem.h>
#include <editor/runpanel.h>
#include <editor/simulationpanel.h>
#include <editor/traceview/jsonview.h>
#include <editor/traceview/runviewer.h>

#include <document/flowdocument.h>

#include <QDockWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

using namespace tutti;

class TestRunBrowser : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_flow, m_db;
    const std::string m_failed = "run_0123456789abcdef";

    static int spanIndexOf(const engine::RunTrace &run, const QString &step, engine::SpanKind kind)
    {
        for (std::size_t i = 0; i < run.second.size(); ++i)
            if (QString::fromStdString(run.second[i].stepId) == step && run.second[i].kind == kind)
                return static_cast<int>(i);
        return -1;
    }

private slots:
    void initTestCase()
    {
        studiotest::isolateSettings();
        m_flow = studiotest::copyExample(m_dir, QStringLiteral("checkout"));
        QVERIFY(!m_flow.isEmpty());
        m_db = m_dir.filePath(QStringLiteral(".tutti/traces.db"));
        engine::TraceStore store;
        QVERIFY(store.open(m_db.toStdString()));
        QVERIFY(tracegen::generate(store, 300)); // other flows' runs around it
        tracegen::write(store,
                        tracegen::failedCheckout(m_failed, m_flow.toStdString(),
                                                 tracegen::kBase + 400 * tracegen::kSpacing));
        QVERIFY(store.flush());
    }

    void openFromHistoryPaintsTheCanvas()
    {
        studio::MainWindow window;
        window.setInteractive(false);
        window.resize(1600, 1000);
        QVERIFY(window.openPath(m_dir.path()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        studio::RunBrowser *browser = window.runBrowser();
        editor::HistoryPanel *history = browser->history();
        QCOMPARE(history->database(), m_db);
        QTRY_VERIFY(history->model()->rowCount() > 0);
        QCOMPARE(history->model()->runId(0), QString::fromStdString(m_failed)); // newest

        // Double-click (activated) on the history's row.
        browser->historyDock()->show();
        browser->historyDock()->raise();
        QVERIFY(history->selectRun(QString::fromStdString(m_failed)));
        emit history->view()->activated(history->view()->currentIndex());
        editor::RunViewer *viewer = browser->viewer();
        QCOMPARE(viewer->runId(), QString::fromStdString(m_failed));
        QVERIFY(browser->viewerDock()->isVisible());

        // The overlay: the flow's tab, each node painted with the run.
        editor::FlowEditor *e = browser->overlayEditor();
        QVERIFY(e);
        QCOMPARE(window.currentEditor(), e);
        QCOMPARE(e->filePath(), QFileInfo(m_flow).absoluteFilePath());
        editor::FlowScene *scene = e->scene();
        QCOMPARE(scene->node("charge")->state(), editor::NodeState::Failed);
        QCOMPARE(scene->node("charge")->latency(), QString("800 ms · 3 tries"));
        QCOMPARE(scene->node("reserve")->state(), editor::NodeState::Compensated);
        QCOMPARE(scene->node("done")->state(), editor::NodeState::Idle); // never reached
        QCOMPARE(editor::NodeItem::stateColor(scene->node("charge")->state()),
                 QColor(0xdc, 0x26, 0x26));
        // The Run panel tells the same run.
        editor::RunPanel *run = window.panels()->runPanel();
        QVERIFY2(run->statusText().contains("compensated"), qPrintable(run->statusText()));
        QCOMPARE(run->stepTable()->topLevelItemCount(), 2);

        // The failing step is selected: viewer, canvas and the Inspector's last input/output.
        QCOMPARE(viewer->selectedStep(), QString("charge"));
        QCOMPARE(scene->selectedStepIds(), QStringList{"charge"});
        editor::Inspector *inspector = window.panels()->inspector();
        QCOMPARE(inspector->stepId(), QString("charge"));
        QVERIFY(inspector->lastRunShown());
        QVERIFY2(inspector->lastRunTitle().contains("failed"),
                 qPrintable(inspector->lastRunTitle()));
        QVERIFY(inspector->lastRunTitle().contains("attempt 3"));
        QVERIFY(inspector->lastInputView()->text().contains("mock://payment/charges"));
        QVERIFY(inspector->lastOutputView()->text().contains("injected fault"));
        QVERIFY(widgetshots::saveShot(window, "studio-run-overlay"));

        // Clicking a node selects its spans; selecting a span selects the node.
        scene->selectSteps({"reserve"});
        QCOMPARE(viewer->selectedStep(), QString("reserve"));
        QVERIFY(inspector->lastOutputView()->text().contains("res_1"));
        const int chargeSpan =
            spanIndexOf(*viewer->run(), QStringLiteral("charge"), engine::SpanKind::Step);
        QVERIFY(chargeSpan >= 0);
        viewer->selectSpanIndex(chargeSpan);
        QCOMPARE(scene->selectedStepIds(), QStringList{"charge"});
    }

    void liveRunFillsTheInspectorAndOpens()
    {
        studio::MainWindow window;
        window.setInteractive(false);
        window.resize(1400, 900);
        QVERIFY(window.openPath(m_flow));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        editor::RunPanel *run = window.panels()->runPanel();
        QVERIFY(!run->openRunButton()->isEnabled()); // nothing ran yet
        QSignalSpy finished(run, &editor::RunPanel::runFinished);
        run->inputEditor()->setPlainText(R"({"sku": "A-1", "qty": 1, "amount": 25})");
        QVERIFY(run->run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        const QString id = finished.first().first().toString();

        // Any run: the Inspector shows what the selected step last sent and received.
        editor::Inspector *inspector = window.panels()->inspector();
        inspector->setStep("reserve");
        QVERIFY(inspector->lastRunShown());
        QVERIFY(inspector->lastRunTitle().contains(id));
        QVERIFY(inspector->lastInputView()->text().contains("\"POST\""));
        QVERIFY(inspector->lastOutputView()->text().contains("201"));
        inspector->setStep("done"); // a respond step sends nothing
        QVERIFY(inspector->lastRunShown());
        QVERIFY(inspector->lastInputView()->isEmpty());

        // The history gets the run live (another connection wrote it).
        editor::HistoryPanel *history = window.runBrowser()->history();
        QTRY_VERIFY_WITH_TIMEOUT(history->model()->rowOf(id) >= 0, 10000);

        // "Open Run" shows it in the viewer.
        QVERIFY(run->openRunButton()->isEnabled());
        run->openRunButton()->click();
        QCOMPARE(window.runBrowser()->viewer()->runId(), id);
        QCOMPARE(window.runBrowser()->overlayEditor(), window.currentEditor());

        // A kept run of a simulation opens the same way.
        emit window.panels()->simulationPanel()->openRunRequested(QString::fromStdString(m_failed));
        QCOMPARE(window.runBrowser()->viewer()->runId(), QString::fromStdString(m_failed));
        QCOMPARE(window.currentEditor()->scene()->node("charge")->state(),
                 editor::NodeState::Failed);
    }

    // The viewer's "Run from here": the flow runs from that step with the shown run's results
    // for the steps before it, which are recorded as reused, not called again.
    void runFromHereReusesTheShownRun()
    {
        studio::MainWindow window;
        window.setInteractive(false);
        window.resize(1400, 900);
        QVERIFY(window.openPath(m_flow));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        editor::RunPanel *run = window.panels()->runPanel();
        QSignalSpy finished(run, &editor::RunPanel::runFinished);
        run->inputEditor()->setPlainText(R"({"sku": "A-1", "qty": 1, "amount": 25})");
        QVERIFY(run->run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        const QString first = finished.first().first().toString();
        QVERIFY(window.runBrowser()->openRun(first));
        // Opening replays the stored run through the panel, which reports it finished too.
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
        QCOMPARE(finished.last().first().toString(), first);
        emit window.runBrowser()->viewer()->runFromHereRequested(QStringLiteral("charge"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 30000);
        const QString second = finished.last().first().toString();
        QVERIFY(second != first);
        engine::TraceStore store;
        QVERIFY(store.open(m_db.toStdString()));
        auto loaded = store.loadRun(second.toStdString());
        QVERIFY(loaded);
        bool reserveReused = false, chargeRan = false;
        for (const engine::Span &span : loaded->second) {
            if (span.kind == engine::SpanKind::Step && span.stepId == "reserve")
                reserveReused = span.reusedFrom == first.toStdString();
            if (span.kind == engine::SpanKind::Attempt && span.stepId == "charge")
                chargeRan = true;
            QVERIFY(!(span.kind == engine::SpanKind::Attempt && span.stepId == "reserve"));
        }
        QVERIFY(reserveReused);
        QVERIFY(chargeRan);
        // A step that cannot be started from says why, and nothing runs.
        emit window.runBrowser()->viewer()->runFromHereRequested(QStringLiteral("book"));
        QCOMPARE(finished.count(), 3);
        QVERIFY(!run->controller()->isRunning());
    }

    void unknownRunSaysSo()
    {
        studio::MainWindow window;
        window.setInteractive(false);
        QVERIFY(window.openPath(m_dir.path()));
        QString error;
        QVERIFY(!window.runBrowser()->openRun("run_nope", {}, &error));
        QVERIFY2(error.contains("no run 'run_nope'"), qPrintable(error));
        QVERIFY(window.runBrowser()->openRun("run_01234", {}, &error)); // a prefix is enough
        QCOMPARE(window.runBrowser()->viewer()->runId(), QString::fromStdString(m_failed));
    }
};

QTEST_MAIN(TestRunBrowser)
#include "tst_runbrowser.moc"

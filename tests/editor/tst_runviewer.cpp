// The run viewer, offscreen: the waterfall's rows, selection, keyboard navigation, collapse, zoom
// and pan, the critical path and the hover text; the span detail's request, response, error and
// retry schedule for a real checkout run that retries, fails and compensates; "Run from here";
// and the viewer's exports, byte for byte what `tutti trace export` writes.
// LABELS: unit
#include <app/studio/services/studioservices.h>
#include <tests/testfiles.h>
#include <tests/traceviewdata.h>
#include <tests/widgetshots.h>

#include <editor/traceview/jsonview.h>
#include <editor/traceview/rundiffview.h>
#include <editor/traceview/runviewer.h>
#include <editor/traceview/spandetail.h>
#include <editor/traceview/waterfallview.h>

#include <editor/codeeditor.h>
#include <editor/runcontroller.h>
#include <engine/core/jsonio.h>
#include <engine/model/flowparser.h>
#include <engine/trace/spantree.h>
#include <engine/trace/traceexport.h>

#include <Qsci/qsciscintilla.h>

#include <QAction>
#include <QApplication>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>

using namespace tutti;
using editor::RunViewer;
using editor::SpanDetail;
using editor::WaterfallView;
using engine::Span;
using engine::SpanKind;

namespace {

int findSpan(const engine::RunTrace &run, SpanKind kind, const std::string &name,
             const std::string &step = {})
{
    for (std::size_t i = 0; i < run.second.size(); ++i) {
        const Span &s = run.second[i];
        if (s.kind == kind && s.name == name && (step.empty() || s.stepId == step))
            return static_cast<int>(i);
    }
    return -1;
}

} // namespace

class tst_RunViewer : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    studio::StudioServices m_services;
    std::optional<engine::RunTrace> m_checkout; // compensated, with retried charges
    std::shared_ptr<const engine::Flow> m_flow;

    QString flowPath() const { return m_dir.path() + "/checkout.flow.yaml"; }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(testfiles::copyTree(TUTTI_EXAMPLES "/checkout", m_dir.path()));
        // A seed whose charge needed more than one attempt (payment answers 503 half the time).
        for (std::uint64_t seed = 1; seed < 60 && !m_checkout; ++seed) {
            auto run = traceviewdata::storedRun(
                m_services.transports(), flowPath().toStdString(),
                (m_dir.path() + "/traces.db").toStdString(),
                {TUTTI_TEST_DATA "/traceview/shipping-down.profile.yaml"},
                engine::Json{{"sku", "A-1"}, {"qty", 1}, {"amount", 20}}, seed);
            QVERIFY(run.has_value());
            // Charged after a retry, then the booking failed: both compensations ran.
            if (run->first.status != engine::RunStatus::Compensated)
                continue;
            bool retried = false, charged = false;
            engine::SpanId charge = 0;
            for (const auto &s : run->second)
                if (s.stepId == "charge" && s.kind == SpanKind::Step) {
                    charge = s.id;
                    charged = s.status == engine::SpanStatus::Ok;
                }
            for (const auto &s : run->second)
                retried |= s.parent == charge && s.kind == SpanKind::Wait;
            if (retried && charged)
                m_checkout = std::move(run);
        }
        QVERIFY2(m_checkout, "no seed gave a compensated run with a retried charge");
        const engine::FlowLoad load = engine::loadFlowFile(flowPath().toStdString());
        QVERIFY(load.flow);
        m_flow = load.flow;
    }

    void rowsAndCriticalPath()
    {
        const engine::RunTrace run = traceviewdata::generatedRun(300);
        WaterfallView view;
        view.resize(1200, 600);
        view.setRun(std::make_shared<const engine::RunTrace>(run));
        QCOMPARE(view.rowCount(), static_cast<int>(run.second.size()));
        for (int row = 0; row < view.rowCount(); ++row)
            QCOMPARE(view.rowOfSpan(view.spanAtRow(row)), row);
        // Tree order: every row's parent is above it, one level up.
        for (int row = 1; row < view.rowCount(); ++row) {
            const int span = view.spanAtRow(row);
            const int parent = view.parentOf(span);
            if (parent >= 0) {
                QVERIFY(view.rowOfSpan(parent) < row);
                QCOMPARE(view.depthOf(span), view.depthOf(parent) + 1);
            }
        }
        const std::vector<bool> critical = engine::criticalPath(run.second);
        for (int i = 0; i < static_cast<int>(run.second.size()); ++i)
            QCOMPARE(view.isCritical(i), bool(critical[static_cast<std::size_t>(i)]));
        // The slow branch of the parallel step is critical, the fast one is not; every
        // sequential top-level step is.
        QVERIFY(view.isCritical(findSpan(run, SpanKind::Branch, "slow")));
        QVERIFY(!view.isCritical(findSpan(run, SpanKind::Branch, "fast")));
        QVERIFY(view.isCritical(findSpan(run, SpanKind::Step, "step4")));
        QVERIFY(view.isCritical(findSpan(run, SpanKind::Compensation, "compensate step0")));
    }

    void hoverText()
    {
        const engine::RunTrace run = traceviewdata::generatedRun(100);
        WaterfallView view;
        view.setRun(std::make_shared<const engine::RunTrace>(run));
        const int failed = findSpan(run, SpanKind::Attempt, "attempt 1", "step0");
        const QString text = view.hoverText(failed);
        QVERIFY2(text.startsWith("attempt 1 — step step0\nattempt · error\n"), qPrintable(text));
        QVERIFY(text.contains("start: +0 µs") || text.contains("start: +"));
        QVERIFY(text.contains("duration: 8.0 ms"));
        QVERIFY(text.contains("POST mock://svc/step0 → 503"));
        QVERIFY(text.contains("error: http.503: upstream answered 503"));
        QVERIFY(text.contains("on the critical path"));
        const QString wait = view.hoverText(findSpan(run, SpanKind::Wait, "backoff", "step0"));
        QVERIFY2(wait.contains("wait · ok") && wait.contains("duration: 200 ms"), qPrintable(wait));
        QVERIFY(view.hoverText(-1).isEmpty());

        // Hovering a row shows it as the tooltip.
        view.resize(1000, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QPoint at(view.timelineRect().center().x(),
                        view.rowRect(view.rowOfSpan(failed)).center().y());
        QHelpEvent help(QEvent::ToolTip, at, view.viewport()->mapToGlobal(at));
        QApplication::sendEvent(view.viewport(), &help);
        QCOMPARE(QToolTip::text(), text);
        QToolTip::hideText();
    }

    void selectionAndNavigation()
    {
        RunViewer viewer;
        viewer.resize(1400, 900);
        viewer.setRun(traceviewdata::generatedRun(300));
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        WaterfallView *view = viewer.waterfall();
        QSignalSpy steps(&viewer, &RunViewer::stepSelected);
        // A failed run opens on the step that failed it, without saying the user chose it.
        QCOMPARE(viewer.selectedStep(), QString("notify"));
        QCOMPARE(viewer.run()->second[static_cast<std::size_t>(viewer.selectedSpanIndex())].kind,
                 SpanKind::Step);
        // A run that did not fail opens on its summary.
        engine::RunTrace fine = traceviewdata::generatedRun(300);
        fine.first.error = nullptr;
        fine.first.status = engine::RunStatus::Succeeded;
        viewer.setRun(fine);
        QCOMPARE(viewer.selectedSpanIndex(), -1);
        viewer.setRun(traceviewdata::generatedRun(300));
        QCOMPARE(steps.size(), 0);

        // A click on a row's name selects it and says which step.
        view->verticalScrollBar()->setValue(0); // it opened scrolled to the failed step
        const QRect row3 = view->rowRect(3);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, QPoint(150, row3.center().y()));
        QCOMPARE(view->selectedSpan(), view->spanAtRow(3));
        QCOMPARE(steps.last().at(0).toString(), viewer.selectedStep());
        // A click in the timeline (no drag) selects too.
        const QRect row5 = view->rowRect(5);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          QPoint(view->timelineRect().center().x(), row5.center().y()));
        QCOMPARE(view->selectedSpan(), view->spanAtRow(5));

        // Keys: down, up, home, end; left collapses then goes to the parent; right expands.
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Home);
        QCOMPARE(view->selectedSpan(), view->spanAtRow(0));
        QTest::keyClick(view, Qt::Key_Down);
        QCOMPARE(view->selectedSpan(), view->spanAtRow(1)); // step0's attempt 1
        QCOMPARE(view->parentOf(view->selectedSpan()), view->spanAtRow(0));
        QTest::keyClick(view, Qt::Key_Left); // no children: to the parent
        QCOMPARE(view->selectedSpan(), view->spanAtRow(0));
        const int rows = view->rowCount();
        QTest::keyClick(view, Qt::Key_Left); // collapses step0 (3 attempts, 2 waits)
        QVERIFY(view->isCollapsed(view->selectedSpan()));
        QCOMPARE(view->rowCount(), rows - 5);
        QTest::keyClick(view, Qt::Key_Right); // expands
        QCOMPARE(view->rowCount(), rows);
        QTest::keyClick(view, Qt::Key_Right); // into the first child
        QCOMPARE(view->selectedSpan(), view->spanAtRow(1));
        QTest::keyClick(view, Qt::Key_End);
        QCOMPARE(view->selectedSpan(), view->spanAtRow(view->rowCount() - 1));
        QVERIFY(view->verticalScrollBar()->value() > 0); // scrolled to it
        QTest::keyClick(view, Qt::Key_PageUp);
        QVERIFY(view->rowOfSpan(view->selectedSpan()) < view->rowCount() - 10);

        // selectStep: that step's span, its ancestors expanded, scrolled into view.
        view->collapseAll();
        viewer.selectStep("ship");
        const int ship = view->selectedSpan();
        QCOMPARE(viewer.selectedStep(), QString("ship"));
        QCOMPARE(viewer.run()->second[static_cast<std::size_t>(ship)].kind, SpanKind::Step);
        QVERIFY(view->rowOfSpan(ship) >= 0);
        const QRect shown = view->rowRect(view->rowOfSpan(ship));
        QVERIFY(shown.top() >= WaterfallView::kHeaderHeight &&
                shown.bottom() <= view->viewport()->height());
        viewer.selectStep("no_such_step");
        QCOMPARE(view->selectedSpan(), -1);
        QVERIFY(viewer.selectedStep().isEmpty());
        QVERIFY(viewer.detail()->titleLabel()->text().startsWith("Run run-generated"));
    }

    void collapse()
    {
        const engine::RunTrace run = traceviewdata::generatedRun(300);
        WaterfallView view;
        view.resize(1000, 500);
        view.setRun(std::make_shared<const engine::RunTrace>(run));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int all = view.rowCount();
        const int map = findSpan(run, SpanKind::Step, "ship_all");
        QVERIFY(view.hasChildren(map));
        // A click on the triangle collapses the map: its items and their steps disappear.
        const int mapRow = view.rowOfSpan(map);
        view.verticalScrollBar()->setValue(mapRow * WaterfallView::kRowHeight);
        const QRect r = view.rowRect(view.rowOfSpan(map));
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                          QPoint(6 + view.depthOf(map) * 14 + 7, r.center().y()));
        QVERIFY(view.isCollapsed(map));
        int items = 0;
        for (const auto &s : run.second)
            items += s.kind == SpanKind::Item;
        QCOMPARE(view.rowCount(), all - 3 * items);
        QCOMPARE(view.rowOfSpan(findSpan(run, SpanKind::Item, "item 0")), -1);
        // Selecting a hidden span opens its ancestors.
        view.selectSpan(findSpan(run, SpanKind::Item, "item 2"));
        QVERIFY(!view.isCollapsed(map));
        QCOMPARE(view.rowCount(), all);
        // Collapsing the parent of the selected span selects the parent.
        view.setCollapsed(map, true);
        QCOMPARE(view.selectedSpan(), map);
        // Collapse all: the top-level spans only; expand all: everything.
        view.collapseAll();
        int top = 0;
        for (const auto &s : run.second)
            top += s.parent == 0;
        QCOMPARE(view.rowCount(), top);
        view.expandAll();
        QCOMPARE(view.rowCount(), all);
        // Double-click toggles too.
        const int step0 = findSpan(run, SpanKind::Step, "step0");
        view.verticalScrollBar()->setValue(0);
        QTest::mouseDClick(view.viewport(), Qt::LeftButton, {},
                           QPoint(200, view.rowRect(view.rowOfSpan(step0)).center().y()));
        QVERIFY(view.isCollapsed(step0));
    }

    void zoomAndPan()
    {
        const engine::RunTrace run = traceviewdata::generatedRun(300);
        WaterfallView view;
        view.resize(1200, 500);
        view.setRun(std::make_shared<const engine::RunTrace>(run));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const engine::Micros total = view.totalDuration();
        QCOMPARE(view.viewStart(), engine::Micros(0));
        QCOMPARE(view.viewDuration(), total);
        QCOMPARE(view.horizontalScrollBar()->maximum(), 0);

        view.zoomBy(4);
        QVERIFY(qAbs(view.viewDuration() - total / 4) <= 1);
        QVERIFY(view.horizontalScrollBar()->maximum() > 0);
        // Zooming at the middle keeps the middle.
        QVERIFY(qAbs(view.viewStart() + view.viewDuration() / 2 - total / 2) <= total / 1000 + 1);

        // Ctrl+wheel zooms around the pointer: the time under it stays under it.
        const QRect tl = view.timelineRect();
        const int x = tl.left() + tl.width() / 4;
        auto timeAt = [&](int px) {
            return view.viewStart() +
                   static_cast<engine::Micros>(double(px - tl.left()) *
                                               double(view.viewDuration()) / tl.width());
        };
        const engine::Micros before = timeAt(x);
        QWheelEvent wheel(QPointF(x, 100), view.viewport()->mapToGlobal(QPointF(x, 100)), QPoint(),
                          QPoint(0, 120), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase,
                          false);
        QApplication::sendEvent(view.viewport(), &wheel);
        QVERIFY(view.viewDuration() < total / 4);
        QVERIFY2(qAbs(timeAt(x) - before) <= view.viewDuration() / 500 + 2,
                 qPrintable(QString("%1 vs %2").arg(timeAt(x)).arg(before)));

        // Dragging the timeline pans; the selection does not change.
        const int selected = view.selectedSpan();
        const engine::Micros start = view.viewStart();
        const QPoint from(tl.center().x(), tl.top() + 40);
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, from);
        QMouseEvent move(QEvent::MouseMove, QPointF(from - QPoint(200, 0)),
                         view.viewport()->mapToGlobal(QPointF(from - QPoint(200, 0))), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view.viewport(), &move);
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, from - QPoint(200, 0));
        QVERIFY(view.viewStart() > start);
        QCOMPARE(view.selectedSpan(), selected);

        // Keys and fit.
        view.setFocus();
        const engine::Micros d = view.viewDuration();
        QTest::keyClick(&view, Qt::Key_Minus);
        QVERIFY(view.viewDuration() > d);
        QTest::keyClick(&view, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(view.viewDuration(), total);
        QCOMPARE(view.viewStart(), engine::Micros(0));
        // The window never leaves the run, nor zooms below 10 µs.
        view.setTimeWindow(-5000, 1);
        QCOMPARE(view.viewStart(), engine::Micros(0));
        QCOMPARE(view.viewDuration(), engine::Micros(10));
        view.setTimeWindow(total * 2, total * 3);
        QCOMPARE(view.viewDuration(), total);
    }

    void spanDetailOfRetriedCharge()
    {
        RunViewer viewer;
        viewer.resize(1400, 900);
        viewer.setRun(*m_checkout);
        viewer.selectStep("charge");
        SpanDetail *detail = viewer.detail();
        QCOMPARE(detail->titleLabel()->text(), QString("charge"));
        // The request of the last attempt, as one JSON document with folding.
        QVERIFY2(detail->requestTitle()->text().startsWith("<b>Request</b> of attempt "),
                 qPrintable(detail->requestTitle()->text()));
        QVERIFY(detail->requestTitle()->text().endsWith(" · POST mock://payment/charges"));
        const QString request = detail->requestView()->text();
        QVERIFY2(request.contains("\"method\": \"POST\"") &&
                     request.contains("\"url\": \"mock://payment/charges\"") &&
                     request.contains("\"headers\"") && request.contains("\"amount\": 20"),
                 qPrintable(request));
        QVERIFY(detail->responseTitle()->text().startsWith("<b>Response</b> · 201 · "));
        QVERIFY(detail->responseView()->text().contains("\"status\": 201"));
        QVERIFY(detail->requestView()->editor()->folding() != QsciScintilla::NoFoldStyle);
        QVERIFY(detail->requestView()->editor()->isReadOnly());

        // The retry schedule: attempts, waits and why; the policy is unknown without the flow.
        QVERIFY(detail->retryLabel()->isVisibleTo(&viewer));
        QString retries = detail->retryLabel()->text();
        QVERIFY2(retries.contains("attempt 1: http.503 after"), qPrintable(retries));
        QVERIFY(retries.contains("before attempt 2 because attempt 1 failed with http.503"));
        QVERIFY(retries.contains("not known here"));
        viewer.setFlow(m_flow);
        retries = detail->retryLabel()->text();
        QVERIFY2(
            retries.contains("retried on http.5xx; exponential backoff: 200 ms × 2^0 = 200 ms; "
                             "full jitter: a random part of it"),
            qPrintable(retries));
        QVERIFY(retries.contains("Retry policy: up to 2 retries on timeout, connection, "
                                 "http.5xx; first delay 200 ms, ×2 after each retry, at most " +
                                 editor::RunController::formatLatency(2 * engine::kSecond) +
                                 "; jitter full"));
        // The same schedule from an attempt or a wait of the step.
        const auto &spans = m_checkout->second;
        const int wait = findSpan(*m_checkout, SpanKind::Wait, "backoff", "charge");
        viewer.selectSpanIndex(wait);
        auto plain = [](QString html) { return html.remove("<b>").remove("</b>"); };
        QCOMPARE(plain(detail->retryLabel()->text()), plain(retries));
        QVERIFY(detail->retryLabel()->text().contains("<b>waited ")); // the selected line
        QVERIFY(detail->requestView()->text().contains("a backoff wait sends nothing"));
        QVERIFY(detail->errorLabel()->isHidden());
        const int failed = findSpan(*m_checkout, SpanKind::Attempt, "attempt 1", "charge");
        viewer.selectSpanIndex(failed);
        QVERIFY(!detail->errorLabel()->isHidden());
        QVERIFY2(detail->errorLabel()->text().contains("<b>http.503</b>"),
                 qPrintable(detail->errorLabel()->text()));
        QVERIFY(detail->responseView()->text().contains("\"status\": 503"));
        QCOMPARE(detail->requestTitle()->text(),
                 QString("<b>Request</b> · POST mock://payment/charges"));
        (void)spans;

        // Find in the JSON.
        viewer.selectStep("charge");
        auto *json = detail->requestView();
        json->findField()->setText("charge");
        QVERIFY(json->matchCount() >= 2); // the idempotency key in a header and in the body
        QVERIFY(json->editor()->hasSelectedText());
        QVERIFY(json->findNext());
        QCOMPARE(json->editor()->selectedText(), QString("charge"));
        json->findField()->setText("no such text");
        QCOMPARE(json->matchCount(), 0);
        QCOMPARE(json->matchLabel()->text(), QString("no match"));
        json->foldAll(true);
        QVERIFY(json->editor()->SendScintilla(QsciScintilla::SCI_GETLINEVISIBLE, 4) == 0);
        json->foldAll(false);
        QVERIFY(json->editor()->SendScintilla(QsciScintilla::SCI_GETLINEVISIBLE, 4) != 0);
    }

    void errorAndDataContext()
    {
        RunViewer viewer;
        viewer.setRun(*m_checkout);
        QCOMPARE(viewer.selectedStep(), QString("book")); // the step that failed the run
        viewer.selectStep("book");
        SpanDetail *detail = viewer.detail();
        QVERIFY(!detail->errorLabel()->isHidden());
        QVERIFY2(detail->errorLabel()->text().contains("http.500"),
                 qPrintable(detail->errorLabel()->text()));
        // The context the step saw: the input, the results of the steps before it, vars.
        const engine::Json context =
            SpanDetail::dataContext(*m_checkout, viewer.selectedSpanIndex());
        QCOMPARE(context["input"]["amount"].get<int>(), 20);
        QVERIFY(context["steps"].contains("reserve"));
        QVERIFY(context["steps"].contains("charge"));
        QCOMPARE(context["steps"]["charge"]["status"].get<int>(), 201);
        QVERIFY(!context["steps"].contains("book"));
        QVERIFY(context["vars"].is_object());
        QVERIFY(detail->contextNote()->text().contains("What the step saw"));
        QVERIFY(detail->contextView()->text().contains("\"steps\""));
        // A run stored without results (older traces, simulations): what the spans tell.
        {
            engine::RunTrace old = *m_checkout;
            for (engine::Span &span : old.second)
                span.result.reset();
            const engine::Json guess = SpanDetail::dataContext(old, viewer.selectedSpanIndex());
            QVERIFY(guess["responses"].contains("charge"));
            QCOMPARE(guess["responses"]["charge"]["status"].get<int>(), 201);
            QVERIFY(!guess["responses"].contains("book"));
        }
        // The run itself when nothing is selected: input, output, error.
        viewer.selectSpanIndex(-1);
        QVERIFY(detail->titleLabel()->text().startsWith("Run run_"));
        QCOMPARE(detail->requestTitle()->text(), QString("<b>Input</b>"));
        QVERIFY(!detail->contextView()->isVisibleTo(&viewer));
        QVERIFY(detail->requestView()->text().contains("\"sku\": \"A-1\""));
        QVERIFY(detail->errorLabel()->text().contains("(step book)"));
        QVERIFY(viewer.summaryLabel()->text().contains("compensated"));
    }

    void runFromHere()
    {
        RunViewer viewer;
        viewer.setRun(*m_checkout);
        QSignalSpy spy(&viewer, &RunViewer::runFromHereRequested);
        const int charge = findSpan(*m_checkout, SpanKind::Step, "charge");
        std::unique_ptr<QMenu> menu(viewer.contextMenuFor(charge));
        QVERIFY(menu);
        auto *action = menu->findChild<QAction *>("runFromHere");
        QVERIFY(action && action->isEnabled());
        QCOMPARE(action->text(), QString("Run from here"));
        action->trigger();
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.first().at(0).toString(), QString("charge"));
        // Zoom to span fits the time axis to it.
        menu->findChild<QAction *>("zoomToSpan")->trigger();
        const auto &s = m_checkout->second[static_cast<std::size_t>(charge)];
        QVERIFY(viewer.waterfall()->viewDuration() <= s.duration * 13 / 10);
        QVERIFY(!viewer.contextMenuFor(-1));
    }

    void pointerLines()
    {
        const engine::Json v = engine::Json::parse(
            "{\"a\": 1, \"b\": {\"c\": [1, {\"d\": 2}], \"e\": {}}, \"f/g\": []}");
        const auto lines = editor::JsonView::pointerLines(v);
        const QStringList text =
            QString::fromStdString(engine::dumpJson(v, 2)).split(QLatin1Char('\n'));
        for (const auto &[pointer, line] : lines) {
            const std::string key = pointer.substr(pointer.rfind('/') + 1);
            if (!pointer.empty() && !std::isdigit(static_cast<unsigned char>(key[0])))
                QVERIFY2(text[line].contains(QString::fromStdString(
                             "\"" + (key == "f~1g" ? std::string("f/g") : key) + "\"")),
                         pointer.c_str());
        }
        QCOMPARE(lines.at("/b/c/1/d"), 6);
        QCOMPARE(lines.at("/b/e"), 9);
        QCOMPARE(lines.at("/f~1g"), 11);
    }

    void exportsAreTheCliBytes()
    {
        RunViewer viewer;
        QString error;
        QVERIFY(!viewer.exportOtlp(m_dir.filePath("none.json"), &error));
        QVERIFY(!error.isEmpty());
        viewer.setRun(*m_checkout);
        const auto &[run, spans] = *m_checkout;
        // The same functions and framing as `tutti trace export` (one JSON line + newline),
        // whose golden files are in tests/engine/trace/tst_traceexport.
        QVERIFY(viewer.exportOtlp(m_dir.filePath("run.otlp.json"), &error));
        QCOMPARE(
            testfiles::readBytes(m_dir.filePath("run.otlp.json")),
            QByteArray::fromStdString(engine::dumpJson(engine::toOtlpJson(run, spans)) + "\n"));
        QVERIFY(viewer.exportChrome(m_dir.filePath("run.trace.json"), &error));
        QCOMPARE(testfiles::readBytes(m_dir.filePath("run.trace.json")),
                 QByteArray::fromStdString(engine::dumpJson(engine::toChromeTraceJson(run, spans)) +
                                           "\n"));
        QVERIFY(!viewer.exportChrome(m_dir.filePath("no/such/dir/x.json"), &error));
        QVERIFY2(error.contains("Cannot write"), qPrintable(error));
    }

    void emptyAndLargeRuns()
    {
        RunViewer viewer;
        viewer.resize(1400, 900);
        engine::RunTrace empty;
        empty.first.id = "run-empty";
        empty.first.flow = "f";
        viewer.setRun(empty);
        QCOMPARE(viewer.waterfall()->rowCount(), 0);
        QCOMPARE(viewer.selectedSpanIndex(), -1);
        QVERIFY(!viewer.grab().isNull());
        viewer.clear();
        QVERIFY(!viewer.run());
        QVERIFY(viewer.runId().isEmpty());
        // 10,000 spans: every row is there; painting draws only the rows in view.
        viewer.setRun(traceviewdata::generatedRun(10000));
        QVERIFY(viewer.run()->second.size() >= 9990);
        QCOMPARE(viewer.waterfall()->rowCount(), static_cast<int>(viewer.run()->second.size()));
        QVERIFY(!viewer.grab().isNull());
        viewer.waterfall()->setFocus();
        QTest::keyClick(viewer.waterfall(), Qt::Key_End);
        QCOMPARE(viewer.waterfall()->rowOfSpan(viewer.selectedSpanIndex()),
                 viewer.waterfall()->rowCount() - 1);
    }

    void diffView()
    {
        // The same flow once charged and once declined (compensated).
        auto declined = traceviewdata::storedRun(
            m_services.transports(), flowPath().toStdString(),
            (m_dir.path() + "/traces.db").toStdString(), {},
            engine::Json{{"sku", "A-1"}, {"qty", 1}, {"amount", 5000}}, 5, "run-declined");
        auto ok = traceviewdata::storedRun(m_services.transports(), flowPath().toStdString(),
                                           (m_dir.path() + "/traces.db").toStdString(), {},
                                           engine::Json{{"sku", "A-1"}, {"qty", 1}, {"amount", 20}},
                                           5, "run-charged");
        QVERIFY(declined && ok);
        QCOMPARE(ok->first.status, engine::RunStatus::Succeeded);
        QCOMPARE(declined->first.status, engine::RunStatus::Compensated);
        editor::RunDiffView view;
        view.resize(1400, 900);
        view.setRuns(*ok, *declined);
        QCOMPARE(view.rowCount(), static_cast<int>(view.diff().steps.size()));
        // Opens on the first step that differs: the charge (one seed: the reserve answered the
        // same).
        const engine::StepDiff &first =
            view.diff().steps[static_cast<std::size_t>(view.stepAtRow(view.selectedRow()))];
        QCOMPARE(QString::fromStdString(first.path), QString("charge"));
        QVERIFY(!view.diff().steps.front().differs());
        int chargeRow = -1;
        for (int r = 0; r < view.rowCount(); ++r)
            if (view.diff().steps[static_cast<std::size_t>(view.stepAtRow(r))].path == "charge")
                chargeRow = r;
        QVERIFY(chargeRow >= 0);
        QSignalSpy steps(&view, &editor::RunDiffView::stepSelected);
        view.selectRow(0);
        QCOMPARE(steps.size(), 1);
        QCOMPARE(steps.last().at(0).toString(), QString("reserve"));
        view.selectRow(chargeRow);
        QCOMPARE(steps.size(), 2);
        QCOMPARE(steps.last().at(0).toString(), QString("charge"));
        auto *model = view.table()->model();
        QCOMPARE(model->index(chargeRow, editor::RunDiffView::StatusA).data().toString(),
                 QString("ok"));
        QCOMPARE(model->index(chargeRow, editor::RunDiffView::StatusB).data().toString(),
                 QString("http.402"));
        QVERIFY(model->index(chargeRow, editor::RunDiffView::StatusB)
                    .data(Qt::BackgroundRole)
                    .isValid()); // highlighted
        QVERIFY(model->index(chargeRow, editor::RunDiffView::What)
                    .data()
                    .toString()
                    .contains("status"));
        QVERIFY2(view.payloadLabel()->text().contains("response/status</code>: 201 → 402"),
                 qPrintable(view.payloadLabel()->text()));
        QVERIFY(view.viewA()->text().contains("\"amount\": 20"));
        // The differing values are tinted in each side: amount, key, status, id, amount (A);
        // amount, key, status, error (B).
        QCOMPARE(view.viewA()->markedLines(), 5);
        QCOMPARE(view.viewB()->markedLines(), 4);
        QVERIFY(view.viewB()->text().contains("\"amount\": 5000"));
        QVERIFY(view.summaryLabel()->text().contains("The runs differ in: <b>status"));
        // Only the steps that differ; the selection stays on the charge.
        const int all = view.rowCount();
        view.setOnlyDifferences(true);
        QVERIFY(view.rowCount() < all);
        QCOMPARE(QString::fromStdString(
                     view.diff()
                         .steps[static_cast<std::size_t>(view.stepAtRow(view.selectedRow()))]
                         .path),
                 QString("charge"));
        view.setOnlyDifferences(false);
        QCOMPARE(view.rowCount(), all);
        // Only in one run: the other side is a dash and the row says so.
        for (int r = 0; r < view.rowCount(); ++r) {
            const auto &d = view.diff().steps[static_cast<std::size_t>(view.stepAtRow(r))];
            if (d.path == "compensate reserve") {
                QCOMPARE(model->index(r, editor::RunDiffView::StatusA).data().toString(),
                         QString("—"));
                view.selectRow(r);
                QVERIFY(view.payloadLabel()->text().contains("ran only in B"));
                QVERIFY(view.viewA()->text().contains("not in run A"));
            }
        }
        view.setRuns(nullptr, nullptr);
        QCOMPARE(view.rowCount(), 0);
    }

    void screenshots()
    {
        // Looked at, never asserted: the waterfall of a compensated run with retries, a span's
        // detail, a diff; light and dark.
        if (qEnvironmentVariableIsEmpty("TUTTI_SHOTS_DIR"))
            QSKIP("TUTTI_SHOTS_DIR not set");
        RunViewer viewer;
        viewer.resize(1400, 900);
        viewer.setRun(*m_checkout);
        viewer.setFlow(m_flow);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.selectStep("book");
        QApplication::processEvents(); // pending layouts, as the event loop would
        QVERIFY(widgetshots::saveShot(viewer, "viewer-waterfall"));
        viewer.selectStep("charge");
        QApplication::processEvents(); // pending layouts, as the event loop would
        QVERIFY(widgetshots::saveShot(viewer, "viewer-span-detail"));
        viewer.selectSpanIndex(findSpan(*m_checkout, SpanKind::Attempt, "attempt 1", "charge"));
        QApplication::processEvents(); // pending layouts, as the event loop would
        QVERIFY(widgetshots::saveShot(viewer, "viewer-span-response"));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2e, 0x33));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe8, 0xeb));
        dark.setColor(QPalette::Base, QColor(0x1f, 0x22, 0x26));
        dark.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2e, 0x33));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe8, 0xeb));
        dark.setColor(QPalette::Button, QColor(0x2b, 0x2e, 0x33));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe8, 0xeb));
        dark.setColor(QPalette::Highlight, QColor(0x25, 0x63, 0xeb));
        dark.setColor(QPalette::PlaceholderText, QColor(0x9c, 0xa3, 0xaf));
        viewer.setPalette(dark);
        viewer.selectStep("book");
        QApplication::processEvents(); // pending layouts, as the event loop would
        QVERIFY(widgetshots::saveShot(viewer, "viewer-waterfall-dark"));

        RunViewer big;
        big.resize(1400, 900);
        big.setRun(traceviewdata::generatedRun(10000));
        big.show();
        QVERIFY(QTest::qWaitForWindowExposed(&big));
        big.selectStep("step3");
        QApplication::processEvents(); // pending layouts, as the event loop would
        QVERIFY(widgetshots::saveShot(big, "viewer-10000-spans"));

        auto declined = traceviewdata::storedRun(
            m_services.transports(), flowPath().toStdString(),
            (m_dir.path() + "/traces.db").toStdString(), {},
            engine::Json{{"sku", "A-1"}, {"qty", 1}, {"amount", 5000}}, 5, "run-declined");
        QVERIFY(declined);
        editor::RunDiffView diff;
        diff.resize(1400, 900);
        diff.setRuns(*m_checkout, *declined);
        diff.show();
        QVERIFY(QTest::qWaitForWindowExposed(&diff));
        for (int r = 0; r < diff.rowCount(); ++r)
            if (diff.diff().steps[static_cast<std::size_t>(diff.stepAtRow(r))].path == "charge")
                diff.selectRow(r);
        QApplication::processEvents(); // pending layouts, as the event loop would
        QVERIFY(widgetshots::saveShot(diff, "viewer-diff"));
    }
};

QTEST_MAIN(tst_RunViewer)
#include "tst_runviewer.moc"

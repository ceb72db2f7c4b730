// Running from the studio: a run of the checkout example over its mocks lights every node up with
// its latency and lands in the workspace's trace database; a declined charge compensates; the
// simulation panel runs in the background with progress and cancel and draws a histogram. The
// panels get the services the studio injects (app/studio/services), as in the studio.
// LABELS: unit
#include <app/studio/services/studioservices.h>
#include <tests/testfiles.h>

#include <editor/codeeditor.h>
#include <editor/environmentpicker.h>
#include <editor/flowscene.h>
#include <editor/nodeitem.h>
#include <editor/runcontroller.h>
#include <editor/runpanel.h>
#include <editor/simulationpanel.h>

#include <document/flowdocument.h>
#include <engine/model/schema.h>
#include <engine/trace/tracestore.h>

#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>

#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLineEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

using namespace tutti;
using editor::NodeState;
using engine::Json;

Q_DECLARE_METATYPE(tutti::editor::NodeState)

namespace {

} // namespace

class tst_RunPanel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    studio::StudioServices m_services;
    std::unique_ptr<engine::FlowDocument> m_doc;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<editor::FlowScene> m_scene;
    std::unique_ptr<editor::RunPanel> m_panel;

    QString flowPath() const { return m_dir.path() + "/checkout.flow.yaml"; }
    NodeState state(const char *id) const { return m_scene->node(id)->state(); }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<tutti::editor::NodeState>();
        QVERIFY(m_dir.isValid());
        QVERIFY(testfiles::copyTree(TUTTI_EXAMPLES "/checkout", m_dir.path()));
    }
    void init()
    {
        m_doc = std::make_unique<engine::FlowDocument>();
        QVERIFY(m_doc->load(flowPath().toStdString()).has_value());
        m_undo = std::make_unique<QUndoStack>();
        m_scene = std::make_unique<editor::FlowScene>(m_doc.get(), m_undo.get());
        m_panel = std::make_unique<editor::RunPanel>(m_doc.get(), m_services.transports());
        m_panel->setScene(m_scene.get());
    }
    void cleanup()
    {
        m_panel.reset();
        m_scene.reset();
        m_undo.reset();
        m_doc.reset();
    }

    void choicesComeFromTheWorkspace()
    {
        QCOMPARE(m_panel->environmentBox()->itemText(0), QString("mock"));
        QVERIFY(m_panel->environmentBox()->findText("staging") >= 0);
        QVERIFY(m_panel->profileBox()->findText("payment-degraded.profile.yaml") >= 0);
        // The default input satisfies the flow's input schema, so Run works at once.
        const Json input = m_panel->inputEditor()->jsonValue();
        QVERIFY(engine::validateJson(input, m_doc->document()["input"]).empty());
    }

    void typingDoesNotRereadTheWorkspace()
    {
        // A new profile appears on disk; edits in the YAML view reset the document but must not
        // make the GUI thread re-read the workspace (only a new file path or a forced refresh).
        const QString added = m_dir.path() + "/profiles/added.profile.yaml";
        QVERIFY(QFile::copy(m_dir.path() + "/profiles/payment-degraded.profile.yaml", added));
        m_doc->replaceDocument(m_doc->document(), m_doc->yamlText());
        QCOMPARE(m_panel->profileBox()->findText("added.profile.yaml"), -1);
        editor::EnvironmentPicker picker(editor::EnvironmentPicker::Parts::ProfileOnly);
        picker.refresh(flowPath().toStdString());
        QVERIFY(picker.profileBox()->findText("added.profile.yaml") >= 0);
        QVERIFY(QFile::remove(added));
        picker.refresh(flowPath().toStdString());
        QVERIFY(picker.profileBox()->findText("added.profile.yaml") >= 0); // not re-read
        picker.refresh(flowPath().toStdString(), true);
        QCOMPARE(picker.profileBox()->findText("added.profile.yaml"), -1);
    }

    void runLightsUpEveryNode()
    {
        QSignalSpy states(m_panel->controller(), &editor::RunController::stepStateChanged);
        QSignalSpy finished(m_panel.get(), &editor::RunPanel::runFinished);
        for (const char *id : {"reserve", "charge", "book", "email", "done"})
            QCOMPARE(state(id), NodeState::Idle);
        m_panel->inputEditor()->setPlainText(R"({"sku": "A-1", "qty": 1, "amount": 25})");
        QVERIFY(m_panel->run());
        QVERIFY(m_panel->controller()->isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(finished.front().at(1).toString(), QString("succeeded"));
        for (const char *id : {"reserve", "charge", "ship_and_notify", "book", "email", "done"})
            QVERIFY2(state(id) == NodeState::Succeeded, id);
        QCOMPARE(state("out_of_stock"), NodeState::Idle);
        // Each node went Running before Succeeded, with a latency text at the end.
        bool sawRunning = false, sawDone = false;
        for (const auto &args : states) {
            if (args.at(0).toString() != u"reserve")
                continue;
            const auto s = args.at(1).value<NodeState>();
            if (s == NodeState::Running)
                sawRunning = !sawDone;
            if (s == NodeState::Succeeded) {
                sawDone = true;
                QVERIFY(args.at(2).toString().endsWith("ms"));
            }
        }
        QVERIFY(sawRunning && sawDone);
        QCOMPARE(m_panel->stepTable()->topLevelItemCount(), 6); // the parallel step too
        QVERIFY(m_panel->statusText().contains("succeeded"));

        // Like a CLI run, it is stored in WORKSPACE/.tutti/traces.db.
        const QString runId = finished.front().at(0).toString();
        engine::TraceStore store;
        QVERIFY(store.open((m_dir.path() + "/.tutti/traces.db").toStdString()).has_value());
        auto trace = store.loadRun(runId.toStdString());
        QVERIFY(trace.has_value());
        QCOMPARE(trace->first.status, engine::RunStatus::Succeeded);
        QVERIFY(trace->second.size() >= 5);
    }

    void declinedChargeCompensates()
    {
        QSignalSpy finished(m_panel.get(), &editor::RunPanel::runFinished);
        // The payment mock declines charges over 1000 (402): no retry, the saga undoes reserve.
        m_panel->inputEditor()->setPlainText(R"({"sku": "A-1", "qty": 1, "amount": 5000})");
        QVERIFY(m_panel->run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(finished.front().at(1).toString(), QString("compensated"));
        QCOMPARE(state("charge"), NodeState::Failed);
        QCOMPARE(state("reserve"), NodeState::Compensated);
        QCOMPARE(state("book"), NodeState::Idle);
        QVERIFY(m_panel->statusText().contains("charge"));
        QVERIFY(m_panel->statusText().contains("http.402"));
    }

    void badInputIsRefusedBeforeRunning()
    {
        m_panel->inputEditor()->setPlainText(R"({"sku": "A-1"})");
        QVERIFY(!m_panel->run());
        QVERIFY(!m_panel->controller()->isRunning());
        QVERIFY(m_panel->statusText().contains("qty"));
    }

    void unsavedEditsRun()
    {
        // The run uses the document's text, not the file: an edit shows in the next run.
        QVERIFY(m_doc->setStepField("charge", "/request/path", Json("/nope")).has_value());
        QSignalSpy finished(m_panel.get(), &editor::RunPanel::runFinished);
        m_panel->inputEditor()->setPlainText(R"({"sku": "A-1", "qty": 1, "amount": 25})");
        QVERIFY(m_panel->run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(finished.front().at(1).toString(), QString("compensated"));
        QCOMPARE(state("charge"), NodeState::Failed);
    }

    // A map's body step runs once per item: one item failing while others still run is not the
    // step failing. Its row and node say "running" with counts until every run has ended, the
    // map's row follows the map's own span, and the table ends with "1 of 11 failed".
    void mapRowsCountItemRuns()
    {
        QTemporaryDir dir;
        QVERIFY(testfiles::copyTree(TUTTI_EXAMPLES "/map", dir.path()));
        {
            // Without the mock's 5 % of 500s, so only the .gif fails and the test is not flaky.
            QFile mock(dir.path() + "/mocks/images.mock.yaml");
            QVERIFY(mock.open(QIODevice::ReadOnly));
            QByteArray text = mock.readAll();
            mock.close();
            const QByteArray faults =
                "    faults:\n      - { rate: 0.05, kind: status, status: 500 }\n";
            QVERIFY(text.contains(faults));
            text.replace(faults, QByteArray());
            QVERIFY(mock.open(QIODevice::WriteOnly | QIODevice::Truncate));
            mock.write(text);
        }
        engine::FlowDocument doc;
        QVERIFY(doc.load((dir.path() + "/map.flow.yaml").toStdString()).has_value());
        QUndoStack undo;
        editor::FlowScene scene(&doc, &undo);
        editor::RunPanel panel(&doc, m_services.transports());
        panel.setScene(&scene);
        editor::RunController *c = panel.controller();
        QStringList wrong;
        bool sawCounts = false;
        connect(c, &editor::RunController::stepStateChanged, this,
                [&](const QString &id, NodeState state, const QString &detail) {
                    if (id == u"resize" && state == NodeState::Failed && c->tally(id).running() > 0)
                        wrong << "resize failed while items run";
                    if (id == u"thumbnails" && state == NodeState::Failed)
                        wrong << "the map failed";
                    if (id == u"resize" && state == NodeState::Running &&
                        detail.contains("failed") && detail.contains("running"))
                        sawCounts = true;
                });
        QSignalSpy finished(&panel, &editor::RunPanel::runFinished);
        // The .gif gets an immediate 415 (not retried) while the ten PNGs take their time: 1 of
        // 11 failed is within the map's 10 % tolerance.
        Json images = Json::array({"x.gif"});
        for (int n = 1; n <= 10; ++n)
            images.push_back(std::to_string(n) + ".png");
        panel.inputEditor()->setPlainText(QString::fromStdString(Json{{"images", images}}.dump()));
        QVERIFY(panel.run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(", ")));
        QVERIFY(sawCounts);
        QCOMPARE(finished.front().at(1).toString(), QString("succeeded"));
        QCOMPARE(c->tally("resize").started, 11);
        QCOMPARE(c->tally("resize").failed, 1);
        QCOMPARE(c->items("thumbnails").failed, 1);
        QTreeWidgetItem *map = nullptr, *body = nullptr;
        for (int i = 0; i < panel.stepTable()->topLevelItemCount(); ++i) {
            QTreeWidgetItem *row = panel.stepTable()->topLevelItem(i);
            if (row->text(0) == u"thumbnails")
                map = row;
            if (row->text(0) == u"resize")
                body = row;
        }
        QVERIFY(map && body);
        QCOMPARE(map->text(1), QString("succeeded"));
        QVERIFY2(map->text(4).contains("10 ok") && map->text(4).contains("1 failed"),
                 qPrintable(map->text(4)));
        QCOMPARE(body->text(1), QString("1 of 11 failed"));
        QVERIFY2(body->text(4).startsWith("11 runs: 10 ok · 1 failed"), qPrintable(body->text(4)));
    }

    void rowsAreNamedWhileRunning()
    {
        // Every row of the step table names its step from the moment the step starts.
        QStringList unnamed;
        int checks = 0;
        connect(m_panel->controller(), &editor::RunController::stepStateChanged, this,
                [this, &unnamed, &checks](const QString &id, NodeState) {
                    QTreeWidget *table = m_panel->stepTable();
                    bool found = false;
                    for (int i = 0; i < table->topLevelItemCount(); ++i) {
                        QTreeWidgetItem *row = table->topLevelItem(i);
                        ++checks;
                        if (row->text(0).isEmpty())
                            unnamed << row->text(1);
                        found = found || row->text(0) == id;
                    }
                    if (!found)
                        unnamed << id;
                });
        QSignalSpy finished(m_panel.get(), &editor::RunPanel::runFinished);
        m_panel->inputEditor()->setPlainText(R"({"sku": "A-1", "qty": 1, "amount": 25})");
        QVERIFY(m_panel->run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(checks > 6);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(", ")));
    }

    void badgesShowTheTablesLatency()
    {
        QSignalSpy finished(m_panel.get(), &editor::RunPanel::runFinished);
        m_panel->inputEditor()->setPlainText(R"({"sku": "A-1", "qty": 1, "amount": 25})");
        QVERIFY(m_panel->run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QTreeWidget *table = m_panel->stepTable();
        int compared = 0;
        for (int i = 0; i < table->topLevelItemCount(); ++i) {
            QTreeWidgetItem *row = table->topLevelItem(i);
            editor::NodeItem *node = m_scene->node(row->text(0));
            QVERIFY(node);
            // The mocks' faults are random: a step that needed retries says so on its badge
            // after the table's latency ("498 ms · 2 tries"); any other badge is the latency.
            const int attempts = row->text(2).toInt();
            const QString expected =
                attempts > 1 ? QStringLiteral("%1 · %2 tries").arg(row->text(3)).arg(attempts)
                             : row->text(3);
            QCOMPARE(node->latency(), expected);
            ++compared;
        }
        QCOMPARE(compared, 6);
        // One spelling of durations: no "0.0 ms" for a step that took microseconds.
        QCOMPARE(editor::RunController::formatLatency(40), QString("40 µs"));
        QCOMPARE(editor::RunController::formatLatency(8'200), QString("8.2 ms"));
        QCOMPARE(editor::RunController::formatLatency(82'000), QString("82 ms"));
    }

    void stopCancelsAndCompensates()
    {
        QSignalSpy finished(m_panel.get(), &editor::RunPanel::runFinished);
        m_panel->inputEditor()->setPlainText(R"({"sku": "A-1", "qty": 1, "amount": 25})");
        QVERIFY(m_panel->run());
        m_panel->stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(finished.front().at(1).toString() != u"succeeded");
    }

    void histogramBuckets()
    {
        std::vector<engine::Micros> values;
        for (int i = 0; i < 1000; ++i)
            values.push_back(100'000 + i * 1000); // 100 ms .. 1099 ms
        values.push_back(60'000'000);             // one 60 s outlier
        const auto bars = editor::SimulationPanel::histogram(values, 10);
        int total = 0;
        for (const auto &[label, count] : bars)
            total += count;
        QCOMPARE(total, 1001);
        QVERIFY(bars.size() <= 13);
        QVERIFY(bars.back().first.startsWith("≥")); // the tail is one bar, not 600 empty ones
        QVERIFY(editor::SimulationPanel::histogram({}, 10).empty());
    }

    void simulationReportAndHistogram()
    {
        editor::SimulationPanel sim(m_doc.get(), m_services.simulations());
        sim.runsBox()->setValue(500);
        const int degraded = sim.profileBox()->findText("payment-degraded.profile.yaml");
        QVERIFY(degraded > 0);
        sim.profileBox()->setCurrentIndex(degraded);
        QSignalSpy done(&sim, &editor::SimulationPanel::simulationFinished);
        QVERIFY(sim.simulate());
        QVERIFY(sim.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 120000);
        QVERIFY(sim.report().has_value());
        QCOMPARE(sim.report()->runs, std::uint64_t(500));
        // 30% 503s with two retries: most runs still succeed, some do not.
        QVERIFY(sim.report()->successRate() > 0.5);
        QVERIFY(sim.report()->successRate() < 1.0);
        QVERIFY(sim.summaryText().contains("p99"));
        const auto series = sim.chartView()->chart()->series();
        QCOMPARE(series.size(), 1);
        auto *bars = qobject_cast<QBarSeries *>(series.front());
        QVERIFY(bars);
        double total = 0;
        for (int i = 0; i < bars->barSets().front()->count(); ++i)
            total += bars->barSets().front()->at(i);
        QCOMPARE(total, 500.0);
    }

    void simulationCancels()
    {
        editor::SimulationPanel sim(m_doc.get(), m_services.simulations());
        sim.runsBox()->setValue(5'000'000);
        QSignalSpy done(&sim, &editor::SimulationPanel::simulationFinished);
        QVERIFY(sim.simulate());
        // The GUI thread stays free: the progress bar moves while we wait.
        QTRY_VERIFY_WITH_TIMEOUT(sim.progressBar()->value() > 0, 30000);
        sim.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
        QVERIFY(sim.report().has_value());
        QVERIFY(sim.report()->cancelled);
        QVERIFY(sim.report()->runs < 5'000'000);
    }
};

QTEST_MAIN(tst_RunPanel)
#include "tst_runpanel.moc"

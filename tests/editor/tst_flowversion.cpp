// One version of the truth: Run and Simulate both use the editor's current flow, unsaved edits
// included, and their panels say which version that was; text that does not parse runs nowhere.
// The panels get the services the studio injects (app/studio/services), as in the studio.
// LABELS: unit
#include <app/studio/services/studioservices.h>
#include <tests/testfiles.h>

#include <editor/floweditor.h>
#include <editor/flowversion.h>
#include <editor/runcontroller.h>
#include <editor/runpanel.h>
#include <editor/simulationpanel.h>
#include <editor/yamleditor.h>

#include <document/flowdocument.h>

#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace tutti;

namespace {

bool hasStep(const engine::RunRecord &record, const std::string &id)
{
    for (const auto &s : record.steps)
        if (s.id == id)
            return true;
    return false;
}

const engine::SimulationStepStats *stepStats(const engine::SimulationReport &report,
                                             const std::string &id)
{
    for (const auto &s : report.steps)
        if (s.id == id)
            return &s;
    return nullptr;
}

} // namespace

class tst_FlowVersion : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    studio::StudioServices m_services;
    std::unique_ptr<editor::FlowEditor> m_editor;
    std::unique_ptr<editor::RunPanel> m_run;
    std::unique_ptr<editor::SimulationPanel> m_sim;
    QByteArray m_saved;

    QString flowPath() const { return m_dir.path() + "/checkout.flow.yaml"; }

    // Types `text` into the YAML view and lets it apply, as after a pause in typing.
    void type(const QString &text)
    {
        m_editor->yamlEditor()->setText(text);
        m_editor->yamlEditor()->commitNow();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(testfiles::copyTree(TUTTI_EXAMPLES "/checkout", m_dir.path()));
        m_saved = testfiles::readBytes(flowPath());
    }
    void init()
    {
        m_editor = std::make_unique<editor::FlowEditor>();
        QVERIFY(m_editor->openFile(flowPath()).has_value());
        m_run = std::make_unique<editor::RunPanel>(m_editor->document(), m_services.transports());
        m_sim = std::make_unique<editor::SimulationPanel>(m_editor->document(),
                                                          m_services.simulations());
    }
    void cleanup()
    {
        m_sim.reset();
        m_run.reset();
        m_editor.reset();
        QCOMPARE(testfiles::readBytes(flowPath()), m_saved); // nothing here saves
    }

    void runAndSimulateSeeTheSameUnsavedEdit()
    {
        // Rename the last step and drop the retries in the YAML view; do not save.
        QString text = m_editor->yamlEditor()->text();
        QVERIFY(text.contains("  - id: done\n"));
        text.replace("  - id: done\n", "  - id: confirmed\n");
        QVERIFY(text.contains("retries: 2,"));
        text.replace("retries: 2,", "retries: 0,");
        type(text);
        QVERIFY(m_editor->isModified());

        QSignalSpy finished(m_run.get(), &editor::RunPanel::runFinished);
        QVERIFY(m_run->run());
        QVERIFY(m_run->bannerText().contains("unsaved edits of checkout.flow.yaml"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        const auto &record = *m_run->controller()->lastRecord();
        QVERIFY(hasStep(record, "confirmed"));
        QVERIFY(!hasStep(record, "done"));
        QVERIFY(m_run->bannerText().contains("unsaved edits of checkout.flow.yaml"));

        // The simulation, with faults on the payment service, sees the same version: the renamed
        // step and no retries at all (one attempt per call, though 30 % of the charges fail).
        m_sim->runsBox()->setValue(200);
        const int degraded = m_sim->profileBox()->findText("payment-degraded.profile.yaml");
        QVERIFY(degraded > 0);
        m_sim->profileBox()->setCurrentIndex(degraded);
        QSignalSpy done(m_sim.get(), &editor::SimulationPanel::simulationFinished);
        QVERIFY(m_sim->simulate());
        QVERIFY(m_sim->bannerText().contains("unsaved edits of checkout.flow.yaml"));
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 120000);
        const auto &report = *m_sim->report();
        QVERIFY(stepStats(report, "confirmed"));
        QVERIFY(!stepStats(report, "done"));
        const auto *charge = stepStats(report, "charge");
        QVERIFY(charge && charge->calls > 0);
        QCOMPARE(charge->attempts, charge->calls);
        QVERIFY(!charge->failures.empty());
        QVERIFY(m_sim->bannerText().contains("unsaved edits of checkout.flow.yaml"));
    }

    void theSavedVersionIsNamedToo()
    {
        QVERIFY(!m_editor->isModified());
        auto version = editor::currentFlowVersion(*m_editor->document());
        QVERIFY(version.has_value());
        QVERIFY(!version->unsaved);
        QCOMPARE(version->label, QString("checkout.flow.yaml as saved"));
        QCOMPARE(QByteArray::fromStdString(version->source.text), m_saved);
        QSignalSpy finished(m_run.get(), &editor::RunPanel::runFinished);
        QVERIFY(m_run->run());
        QVERIFY(m_run->bannerText().contains("checkout.flow.yaml as saved"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(hasStep(*m_run->controller()->lastRecord(), "done"));
    }

    void textThatDoesNotParseRunsNowhere()
    {
        // Running the last version that parsed would run something that is not on screen.
        type(m_editor->yamlEditor()->text() + "  - id: [unclosed\n");
        QVERIFY(m_editor->yamlEditor()->parseError().has_value());
        auto version = editor::currentFlowVersion(*m_editor->document());
        QVERIFY(!version.has_value());
        QVERIFY(version.error().location.line > 0);
        QVERIFY(!m_run->run());
        QVERIFY(!m_run->controller()->isRunning());
        QVERIFY(m_run->bannerText().contains("does not parse"));
        QVERIFY(m_run->bannerText().contains("checkout.flow.yaml:"));
        QVERIFY(!m_sim->simulate());
        QVERIFY(!m_sim->isRunning());
        QVERIFY(m_sim->bannerText().contains("does not parse"));
        QVERIFY(m_sim->bannerText().contains("checkout.flow.yaml:"));
    }
};

QTEST_MAIN(tst_FlowVersion)
#include "tst_flowversion.moc"

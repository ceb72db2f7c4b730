// RunPlan reads through one FlowResolver: the flow, its workspace and every sub-flow it calls are
// read once (also by another plan sharing the resolver), its runs' sub-flow loader serves the
// versions the plan was made from, and unsaved text is parsed and resolved like the file.
// LABELS: unit
#include <engine/session/runplan.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tutti::engine;

namespace {

bool write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

} // namespace

class TestRunPlan : public QObject {
    Q_OBJECT

private slots:
    void subFlowsAreReadOnce()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(write(dir.filePath("tutti.yaml"), "tutti-workspace: 1\n"));
        QVERIFY(write(dir.filePath("main.flow.yaml"),
                      "tutti: 1\nname: main\nsteps:\n"
                      "  - { id: a, type: call, flow: sub.flow.yaml }\n"
                      "  - { id: b, type: call, flow: ./sub.flow.yaml }\n"
                      "  - { id: c, type: call, flow: leaf.flow.yaml }\n"));
        QVERIFY(write(dir.filePath("sub.flow.yaml"),
                      "tutti: 1\nname: sub\nsteps: [ { id: l, type: call, flow: leaf.flow.yaml } "
                      "]\n"));
        QVERIFY(write(dir.filePath("leaf.flow.yaml"),
                      "tutti: 1\nname: leaf\nsteps: [ { id: r, type: respond } ]\n"));
        const std::string mainPath = dir.filePath("main.flow.yaml").toStdString();
        const std::string subPath = dir.filePath("sub.flow.yaml").toStdString();

        auto resolver = std::make_shared<FlowResolver>();
        auto plan = RunPlan::load({mainPath, {}, {}}, "mock", resolver);
        QVERIFY2(plan, plan ? "" : plan.error().text().c_str());
        QCOMPARE(plan->flows().size(), std::size_t(3)); // main, sub, leaf
        QCOMPARE(resolver->reads().flows, 3);
        QCOMPARE(resolver->reads().workspaces, 1);

        // The runs' loader serves the plan's flows; nothing is read.
        Errors errors;
        const auto sub = plan->flowLoader()(subPath, errors);
        QVERIFY(errors.empty());
        QCOMPARE(sub.get(), plan->flows()[1].get());
        QCOMPARE(resolver->reads().flows, 3);

        // Another plan of the same flows through the same resolver reads nothing either.
        auto again = RunPlan::load({mainPath, {}, {}}, "mock", resolver);
        QVERIFY(again);
        QCOMPARE(resolver->reads().flows, 3);
        QCOMPARE(again->flows()[1].get(), sub.get());

        // The plan keeps the versions it was made from, even when a file changes.
        QVERIFY(write(dir.filePath("sub.flow.yaml"),
                      "tutti: 1\nname: sub_changed\nsteps: [ { id: r, type: respond } ]\n"));
        QCOMPARE(plan->flowLoader()(subPath, errors)->name, std::string("sub"));
        // A new plan reads the changed file (only that one).
        auto fresh = RunPlan::load({mainPath, {}, {}}, "mock", resolver);
        QVERIFY(fresh);
        QCOMPARE(resolver->reads().flows, 4);
        QCOMPARE(fresh->flows()[1]->name, std::string("sub_changed"));
    }

    void unsavedTextIsResolvedToo()
    {
        // The studio runs unsaved edits: the text is parsed and resolved as the file would be,
        // so a service no mock provides fails the plan at the Flow stage, located.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("edit.flow.yaml").toStdString();
        const std::string text = "tutti: 1\nname: edit\nsteps:\n  - id: a\n    type: http\n"
                                 "    service: ghost\n    request: { method: GET, path: /x }\n";
        auto plan = RunPlan::load({path, text, {}}, "mock");
        QVERIFY(!plan);
        QVERIFY(plan.error().stage == SetupStage::Flow);
        QCOMPARE(plan.error().errors.size(), std::size_t(1));
        QVERIFY(plan.error().errors[0].message.starts_with("unknown service 'ghost'"));
        QCOMPARE(plan.error().errors[0].location.line, 6);
        QCOMPARE(plan.error().errors[0].location.file, path);
    }
};

QTEST_GUILESS_MAIN(TestRunPlan)
#include "tst_runplan.moc"

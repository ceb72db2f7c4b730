// The action registry is complete: every step type the model knows has exactly one action, which
// says it is that type's. Adding a step type fails here until its action is registered.
// LABELS: unit
#include <engine/model/flow.h>
#include <engine/runtime/actions/actionregistry.h>
#include <engine/runtime/actions/stepaction.h>

#include <QtTest>

#include <set>

using namespace tutti::engine;
using namespace tutti::engine::internal;

class TestActionRegistry : public QObject {
    Q_OBJECT

private slots:
    void everyStepTypeHasItsAction_data()
    {
        QTest::addColumn<QString>("name");
        for (const std::string &name : stepTypeNames())
            QTest::newRow(name.c_str()) << QString::fromStdString(name);
    }
    void everyStepTypeHasItsAction()
    {
        QFETCH(QString, name);
        const std::optional<StepType> type = parseStepType(name.toStdString());
        QVERIFY(type);
        const StepAction *action = findAction(*type);
        QVERIFY2(action, qPrintable("no action registered for step type " + name));
        QCOMPARE(action->type(), *type);
    }

    void actionsAreDistinct()
    {
        std::set<const StepAction *> seen;
        for (const std::string &name : stepTypeNames())
            QVERIFY(seen.insert(findAction(*parseStepType(name))).second);
        QCOMPARE(seen.size(), stepTypeNames().size());
    }

    // How the run loop wraps each action (docs/engine.md: Retry). Only what is about how the
    // action works lives here; what a type is (its timeouts, whether `defaults.retry` applies)
    // is its descriptor's, pinned by tst_stepregistry.
    void traits_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("attempts");
        QTest::newRow("http") << "http" << true;
        QTest::newRow("script") << "script" << false;
        QTest::newRow("call") << "call" << false;
        QTest::newRow("parallel") << "parallel" << false;
        QTest::newRow("map") << "map" << false;
        QTest::newRow("transform") << "transform" << false;
    }
    void traits()
    {
        QFETCH(QString, name);
        QFETCH(bool, attempts);
        const ActionTraits t = findAction(*parseStepType(name.toStdString()))->traits();
        QCOMPARE(t.attempts, attempts);
    }
};

QTEST_GUILESS_MAIN(TestActionRegistry)
#include "tst_actionregistry.moc"

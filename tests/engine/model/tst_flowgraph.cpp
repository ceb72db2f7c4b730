// Graph checks of a flow (flowgraph.cpp, SPEC §3 Control flow): jump targets in the same list,
// reachability from each list's first step, cycles with no way out, in nested lists too. Each
// row is a list of steps and the graph errors it must give, exactly.
// LABELS: unit
#include "errortext.h"

#include <engine/model/flowparser.h>

#include <QTest>
#include <QThread>

using namespace tutti::engine;
using tutti::engine::test::messages;

namespace {

// One step per line, in YAML flow style; "T" is a transform that sets nothing of interest.
QString flowText(const QStringList &steps)
{
    QString text = "tutti: 1\nname: g\nsteps:\n";
    for (const QString &s : steps)
        text += "  - " + QString(s).replace(", T", ", type: transform, set: { x: 1 }") + "\n";
    return text;
}

} // namespace

class TestFlowGraph : public QObject {
    Q_OBJECT

private slots:
    void graph_data()
    {
        QTest::addColumn<QStringList>("steps");
        // "pointer|message part" per expected error, in file order; empty: the flow is valid.
        QTest::addColumn<QStringList>("errors");

        QTest::newRow("straight line")
            << QStringList{"{ id: a, T }", "{ id: b, T }", "{ id: c, type: respond }"}
            << QStringList{};
        QTest::newRow("after respond") << QStringList{"{ id: a, type: respond }", "{ id: b, T }"}
                                       << QStringList{"/steps/1|step 'b' can never run"};
        QTest::newRow("after fail") << QStringList{"{ id: a, type: fail }", "{ id: b, T }"}
                                    << QStringList{"/steps/1|step 'b' can never run"};
        QTest::newRow("after end: true") << QStringList{"{ id: a, T, end: true }", "{ id: b, T }"}
                                         << QStringList{"/steps/1|step 'b' can never run"};
        QTest::newRow("jumped over")
            << QStringList{"{ id: a, T, next: c }", "{ id: b, T }", "{ id: c, type: respond }"}
            << QStringList{"/steps/1|step 'b' can never run"};
        QTest::newRow("reached by next")
            << QStringList{"{ id: a, T, next: c }", "{ id: b, type: respond }",
                           "{ id: c, T, next: b }"}
            << QStringList{};
        QTest::newRow("missing next target")
            << QStringList{"{ id: a, T, next: dnoe }", "{ id: done, type: respond }"}
            << QStringList{"/steps/0/next|'next' 'dnoe': there is no step with that id in this "
                           "list (did you mean 'done'?)",
                           "/steps/1|step 'done' can never run"};
        QTest::newRow("missing default target")
            << QStringList{"{ id: a, type: choice, cases: [ { when: 'true', next: b } ], "
                           "default: zz }",
                           "{ id: b, type: respond }"}
            << QStringList{"/steps/0/default|'default' 'zz': there is no step with that id"};
        QTest::newRow("missing case target")
            << QStringList{"{ id: a, type: choice, cases: [ { when: 'true', next: zz } ] }",
                           "{ id: b, type: respond }"}
            << QStringList{"/steps/0/cases/0/next|'next' 'zz': there is no step with that id"};
        QTest::newRow("missing catch target")
            << QStringList{"{ id: a, type: script, code: 'return 1', catch: [ { next: zz } ] }",
                           "{ id: b, type: respond }"}
            << QStringList{"/steps/0/catch/0/next|catch 'next' 'zz': there is no step"};
        QTest::newRow("choice without default falls through")
            << QStringList{"{ id: a, type: choice, cases: [ { when: 'true', next: c } ] }",
                           "{ id: b, type: respond }", "{ id: c, type: respond }"}
            << QStringList{};
        QTest::newRow("choice with default does not fall through")
            << QStringList{"{ id: a, type: choice, cases: [ { when: 'true', next: c } ], "
                           "default: c }",
                           "{ id: b, T }", "{ id: c, type: respond }"}
            << QStringList{"/steps/1|step 'b' can never run"};
        QTest::newRow("reached only by catch")
            << QStringList{"{ id: a, type: script, code: 'return 1', end: true, catch: [ { on: "
                           "[script], next: c } ] }",
                           "{ id: c, type: respond }"}
            << QStringList{};
        QTest::newRow("catch on a type without catch makes no edge")
            << QStringList{"{ id: a, T, end: true, catch: [ { next: c } ] }",
                           "{ id: c, type: respond }"}
            << QStringList{"/steps/0/catch|unknown key 'catch' in a transform step",
                           "/steps/1|step 'c' can never run"};
        QTest::newRow("cycle with no way out")
            << QStringList{"{ id: a, T, next: b }", "{ id: b, T, next: a }"}
            << QStringList{"/steps/0|steps a → b → a form a cycle with no way out"};
        QTest::newRow("step that jumps to itself")
            << QStringList{"{ id: a, T, next: a }"}
            << QStringList{"/steps/0|steps a → a form a cycle with no way out"};
        QTest::newRow("cycle through a wait")
            << QStringList{"{ id: a, type: wait, duration: 1s }", "{ id: b, T, next: a }"}
            << QStringList{};
        QTest::newRow("cycle left by a choice")
            << QStringList{"{ id: a, T }",
                           "{ id: b, type: choice, cases: [ { when: 'true', next: c } ], "
                           "default: a }",
                           "{ id: c, type: respond }"}
            << QStringList{};
        QTest::newRow("cycle left by a catch")
            << QStringList{"{ id: a, type: script, code: 'return 1', next: a, catch: [ { next: "
                           "c } ] }",
                           "{ id: c, type: respond }"}
            << QStringList{};
        QTest::newRow("map body: missing target")
            << QStringList{"{ id: m, type: map, items: 'input.xs', steps: [ { id: x, T, next: "
                           "y } ] }",
                           "{ id: r, type: respond }"}
            << QStringList{"/steps/0/steps/0/next|'next' 'y': there is no step"};
        QTest::newRow("map body: unreachable")
            << QStringList{"{ id: m, type: map, items: 'input.xs', steps: [ { id: x, T, end: "
                           "true }, { id: y, T } ] }",
                           "{ id: r, type: respond }"}
            << QStringList{"/steps/0/steps/1|step 'y' can never run"};
        QTest::newRow("branch: jump out of the list")
            << QStringList{"{ id: p, type: parallel, branches: [ { name: one, steps: [ { id: x, "
                           "T, next: r } ] } ] }",
                           "{ id: r, type: respond }"}
            << QStringList{"/steps/0/branches/0/steps/0/next|'next' 'r' names a step in another "
                           "list"};
        QTest::newRow("outer list: jump into a branch")
            << QStringList{"{ id: a, T, next: x }",
                           "{ id: p, type: parallel, branches: [ { name: one, steps: [ { id: x, "
                           "T } ] } ] }",
                           "{ id: r, type: respond }"}
            << QStringList{"/steps/0/next|'next' 'x' names a step in another list",
                           "/steps/1|step 'p' can never run", "/steps/2|step 'r' can never run"};
        QTest::newRow("branch: cycle with no way out")
            << QStringList{"{ id: p, type: parallel, branches: [ { name: one, steps: [ { id: x, "
                           "T, next: y }, { id: y, T, next: x } ] } ] }",
                           "{ id: r, type: respond }"}
            << QStringList{"/steps/0/branches/0/steps/0|steps x → y → x form a cycle"};
        QTest::newRow("nested map in a branch")
            << QStringList{"{ id: p, type: parallel, branches: [ { name: one, steps: [ { id: m, "
                           "type: map, items: 'input.xs', steps: [ { id: x, T, end: true }, { "
                           "id: y, T } ] } ] } ] }",
                           "{ id: r, type: respond }"}
            << QStringList{"/steps/0/branches/0/steps/0/steps/1|step 'y' can never run"};
    }
    void graph()
    {
        QFETCH(QStringList, steps);
        QFETCH(QStringList, errors);
        const FlowLoad load = parseFlow(flowText(steps).toStdString(), "");
        QVERIFY(load.flow);
        const std::string all = messages(load.errors);
        QCOMPARE(load.errors.size(), static_cast<std::size_t>(errors.size()));
        for (qsizetype i = 0; i < errors.size(); ++i) {
            const QStringList parts = errors[i].split('|');
            QCOMPARE(QString::fromStdString(load.errors[i].path), parts[0]);
            QVERIFY2(load.errors[i].message.find(parts[1].toStdString()) != std::string::npos,
                     all.c_str());
        }
    }

    // A 20,000-step loop with no way out is found, once, on a thread with a small stack: the
    // cycle check walks the graph without recursion (a recursive walk needs a frame per step of
    // the chain), and buckets components in one pass (the bench_editor 10,000-step open).
    void aLongLoopIsFoundWithoutRecursion()
    {
        constexpr int n = 20000;
        std::string text = "tutti: 1\nname: long\nsteps:\n";
        for (int i = 0; i < n; ++i)
            text += "  - { id: s" + std::to_string(i) + ", type: transform, set: { x: 1 }" +
                    (i == n - 1 ? ", next: s0" : "") + " }\n";
        FlowLoad load;
        QThread *worker = QThread::create([&] { load = parseFlow(text, ""); });
        worker->setStackSize(512 * 1024);
        worker->start();
        QVERIFY(worker->wait(60000));
        delete worker;
        QVERIFY(load.flow);
        QCOMPARE(load.flow->steps.size(), std::size_t(n));
        QCOMPARE(load.errors.size(), std::size_t(1));
        QVERIFY2(load.errors[0].message.find("form a cycle with no way out") != std::string::npos,
                 load.errors[0].message.c_str());
        QCOMPARE(load.errors[0].path, std::string("/steps/0"));
        // Named by its first steps, not all 20,000.
        QVERIFY2(load.errors[0].message.find("s0 → s1 → s2") != std::string::npos &&
                     load.errors[0].message.find("(20000 steps)") != std::string::npos &&
                     load.errors[0].message.size() < 400,
                 load.errors[0].message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestFlowGraph)
#include "tst_flowgraph.moc"

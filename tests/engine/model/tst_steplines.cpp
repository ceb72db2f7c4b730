// StepLines: a line inside a step's mapping means that step (the innermost for nested steps),
// from the parser's own positions; the canonical line is the step's `- id:` line.
#include <engine/model/flowparser.h>
#include <engine/model/steplines.h>
#include <engine/model/yamldoc.h>

#include <QTest>

using namespace tutti::engine;

class TestStepLines : public QObject {
    Q_OBJECT

private slots:
    void linesMapToTheInnermostStep()
    {
        const std::string text = "tutti: 1\n"                                               // 1
                                 "name: lines\n"                                            // 2
                                 "steps:\n"                                                 // 3
                                 "  - id: first\n"                                          // 4
                                 "    type: script\n"                                       // 5
                                 "    code: |\n"                                            // 6
                                 "      const a = 1;\n"                                     // 7
                                 "      return a;\n"                                        // 8
                                 "  # a comment after first\n"                              // 9
                                 "  - id: par\n"                                            // 10
                                 "    type: parallel\n"                                     // 11
                                 "    branches:\n"                                          // 12
                                 "      - name: x\n"                                        // 13
                                 "        steps:\n"                                         // 14
                                 "          - { id: x1, type: transform,\n"                 // 15
                                 "              set: { a: 1 } }\n"                          // 16
                                 "          - { id: x2, type: transform, set: { b: 2 } }\n" // 17
                                 "      - name: y\n"                                        // 18
                                 "        steps: [ { id: y1, type: transform, set: { c: 3 } } ]\n"
                                 "  - id: last\n"            // 20
                                 "    type: respond\n"       // 21
                                 "    body: { ok: true }\n"; // 22
        auto document = parseYaml(text, "lines.flow.yaml");
        QVERIFY(document.has_value());
        FlowLoad load = parseFlow(text, "lines.flow.yaml");
        QVERIFY2(load.ok(), load.errors.empty() ? "" : load.errors.front().toString().c_str());
        const StepLines lines(*load.flow, *document);
        auto at = [&](int line) {
            auto step = lines.stepAt(line);
            return step ? step->stepId : std::string("-");
        };
        QCOMPARE(at(1), std::string("-"));
        QCOMPARE(at(3), std::string("-"));
        QCOMPARE(at(4), std::string("first"));
        QCOMPARE(at(7), std::string("first")); // inside the block scalar
        QCOMPARE(at(9), std::string("first")); // the comment after it
        QCOMPARE(at(10), std::string("par"));
        QCOMPARE(at(13), std::string("par")); // the branch's name: the parallel step
        QCOMPARE(at(16), std::string("x1"));  // a flow mapping over two lines
        QCOMPARE(at(17), std::string("x2"));
        QCOMPARE(at(18), std::string("par"));
        QCOMPARE(at(19), std::string("y1"));
        QCOMPARE(at(22), std::string("last"));
        QCOMPARE(at(99), std::string("last"));
        QCOMPARE(lines.stepAt(8)->line, 4);
        QCOMPARE(lines.stepAt(16)->line, 15);
    }
};

QTEST_GUILESS_MAIN(TestStepLines)
#include "tst_steplines.moc"

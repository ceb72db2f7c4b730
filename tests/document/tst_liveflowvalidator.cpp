// Live validation: the parse's problems at once, the resolve's later from the worker thread
// (with the parse's, in file order, as `tutti validate` lists them), stale results dropped.
// LABELS: unit
#include "../engine/model/errortext.h"

#include <document/liveflowvalidator.h>
#include <engine/model/flowparser.h>

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tutti::engine;
using tutti::engine::test::messages;

namespace {

// A flow using `service`, with one parse problem (an unknown key) before it.
std::string flowUsing(const std::string &service)
{
    return "tutti: 1\nname: live\nsteps:\n  - id: a\n    type: http\n    retyr: {}\n"
           "    service: " +
           service + "\n    request: { method: GET, path: /x }\n";
}

} // namespace

class TestLiveFlowValidator : public QObject {
    Q_OBJECT

private slots:
    void resolveProblemsArriveLater()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string file = dir.filePath("live.flow.yaml").toStdString();
        const std::string text = flowUsing("ghost");
        LiveFlowValidator validator;
        QSignalSpy resolved(&validator, &LiveFlowValidator::resolved);

        const Errors now = validator.validate(text, file);
        // At once: the parse's problem only (no disk was looked at for it).
        QCOMPARE(now.size(), std::size_t(1));
        QVERIFY(now[0].message.find("unknown key 'retyr'") != std::string::npos);
        QVERIFY(validator.isResolving());

        QTRY_COMPARE(resolved.count(), 1);
        QVERIFY(!validator.isResolving());
        // Then both, exactly what loading the saved text says.
        const Errors &all = validator.problems();
        QCOMPARE(all.size(), std::size_t(2));
        QVERIFY(all[1].message.starts_with("unknown service 'ghost'"));
        QCOMPARE(messages(all), messages(loadFlowText(text, file).errors));
    }

    void staleResultsAreDropped()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string file = dir.filePath("live.flow.yaml").toStdString();
        LiveFlowValidator validator;
        QSignalSpy resolved(&validator, &LiveFlowValidator::resolved);
        // Three edits before the event loop runs: only the last one's problems are delivered.
        validator.validate(flowUsing("first"), file);
        validator.validate(flowUsing("second"), file);
        validator.validate(flowUsing("third"), file);
        QTRY_VERIFY(!validator.isResolving());
        // The worker runs the resolves in order, so anything the first two posted was handled
        // (and dropped) before the third's result.
        QCOMPARE(resolved.count(), 1);
        const std::string text = messages(validator.problems());
        QVERIFY2(text.find("unknown service 'third'") != std::string::npos, text.c_str());
        QVERIFY(text.find("'first'") == std::string::npos);
        QVERIFY(text.find("'second'") == std::string::npos);

        // Cancelled: the result in flight is dropped too.
        validator.validate(flowUsing("fourth"), file);
        validator.cancel();
        QVERIFY(!validator.isResolving());
        validator.validate(flowUsing("fifth"), file);
        QTRY_COMPARE(resolved.count(), 2);
        QVERIFY(messages(validator.problems()).find("'fifth'") != std::string::npos);
        QVERIFY(!validator.isResolving());
    }

    void unparsableTextIsNotResolved()
    {
        LiveFlowValidator validator;
        QSignalSpy resolved(&validator, &LiveFlowValidator::resolved);
        validator.validate(flowUsing("x"), "a.flow.yaml");
        const Errors now = validator.validate("tutti: [1\n", "a.flow.yaml");
        QCOMPARE(now.size(), std::size_t(1));
        QVERIFY(!validator.isResolving());
        // The earlier text's result (if its worker already ran) is stale; a later one is not.
        validator.validate(flowUsing("y"), "a.flow.yaml");
        QTRY_VERIFY(!validator.isResolving());
        QCOMPARE(resolved.count(), 1);
        QVERIFY(messages(validator.problems()).find("'y'") != std::string::npos);
    }

    void destroyedWhileResolving()
    {
        // The destructor waits for the worker; the result posted to the gone object is dropped.
        auto *validator = new LiveFlowValidator;
        validator->validate(flowUsing("gone"), "gone.flow.yaml");
        delete validator;
        QCoreApplication::processEvents();
    }
};

QTEST_GUILESS_MAIN(TestLiveFlowValidator)
#include "tst_liveflowvalidator.moc"

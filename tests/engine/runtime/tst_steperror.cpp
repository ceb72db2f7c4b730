// StepError: retryable and catchable are data set where an error is made (a cancellation is never
// retried or caught, whatever `on:` says), and the run loop honours them.
// LABELS: unit
#include "runharness.h"

#include <engine/runtime/steperror.h>

#include <QtTest>

using namespace tutti::engine;
using namespace tutti::engine::internal;
using namespace tutti::engine::test;

namespace {

constexpr Micros ms(Micros v)
{
    return v * kMillisecond;
}

CatchRule catchOn(std::vector<std::string> on)
{
    CatchRule rule;
    rule.on = std::move(on);
    rule.next = "handler";
    return rule;
}

RetryPolicy retryOn(std::vector<std::string> on)
{
    RetryPolicy policy;
    policy.retries = 3;
    policy.on = std::move(on);
    return policy;
}

const StepSummary *stepOf(const RunResult &r, const std::string &id)
{
    for (const auto &s : r.record.steps)
        if (s.id == id)
            return &s;
    return nullptr;
}

} // namespace

class TestStepError : public QObject {
    Q_OBJECT

private slots:
    void cancellationIsNeitherRetriedNorCaught()
    {
        const StepError e = StepError::cancelled("cancelled while waiting", "w");
        QVERIFY(e.isCancellation());
        QVERIFY(!e.retryable);
        QVERIFY(!e.catchable);
        QCOMPARE(e.spanStatus(), SpanStatus::Cancelled);
        for (const char *pattern : {"any", "cancelled"}) {
            QVERIFY(!e.caughtBy(catchOn({pattern})));
            QVERIFY(!e.retriedBy(retryOn({pattern})));
        }
    }

    void failuresAreMatchedByName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("matches");
        QTest::newRow("validation by any") << "validation"
                                           << "any" << true;
        QTest::newRow("validation by name") << "validation"
                                            << "validation" << true;
        QTest::newRow("validation not by timeout") << "validation"
                                                   << "timeout" << false;
        QTest::newRow("http.503 by class") << "http.503"
                                           << "http.5xx" << true;
        QTest::newRow("http.404 not by 5xx") << "http.404"
                                             << "http.5xx" << false;
        QTest::newRow("own name") << "out_of_stock"
                                  << "out_of_stock" << true;
    }
    void failuresAreMatchedByName()
    {
        QFETCH(QString, name);
        QFETCH(QString, pattern);
        QFETCH(bool, matches);
        const StepError e = StepError::failure(name.toStdString(), "m", "s");
        QVERIFY(!e.isCancellation());
        QVERIFY(e.retryable);
        QVERIFY(e.catchable);
        QCOMPARE(e.spanStatus(), SpanStatus::Error);
        QCOMPARE(e.caughtBy(catchOn({pattern.toStdString()})), matches);
        QCOMPARE(e.retriedBy(retryOn({pattern.toStdString()})), matches);
    }

    void factoriesName()
    {
        QCOMPARE(StepError::validation("v").name, std::string("validation"));
        QCOMPARE(StepError::timeout("t").name, std::string("timeout"));
        QCOMPARE(StepError::cancelled().name, std::string("cancelled"));
        // A fail step's `error: cancelled` means what the name means.
        QVERIFY(StepError::named("cancelled", "stop").isCancellation());
        QVERIFY(!StepError::named("out_of_stock", "none left").isCancellation());
        // A named error is the flow's own verdict (serve answers 422); the others are faults.
        QVERIFY(StepError::named("out_of_stock", "none left").rejection);
        QVERIFY(StepError::named("timeout", "gave up").rejection);
        QVERIFY(!StepError::named("cancelled", "stop").rejection);
        QVERIFY(!StepError::failure("http.503", "HTTP 503").rejection);
        QVERIFY(!StepError::validation("v").rejection);
        QVERIFY(!StepError::timeout("t").rejection);
    }

    void toJsonHasTheCatchTargetShape()
    {
        QCOMPARE(
            StepError::failure("http.503", "HTTP 503", "pay", 503).toJson(),
            Json::parse(R"({"type":"http.503","message":"HTTP 503","status":503,"step":"pay"})"));
        QCOMPARE(StepError::validation("bad").toJson(),
                 Json::parse(R"({"type":"validation","message":"bad"})"));
    }

    // A step cancelled by fail-fast is not caught, not even by `on: [any]`.
    void runLoopDoesNotCatchACancellation()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: c
services: { a: { base_url: "http:\x2F\x2Fa" } }
steps:
  - id: fan
    type: parallel
    branches:
      - name: slow
        steps:
          - { id: s, type: http, service: a, request: { method: GET, path: /s }, catch: [ { on: [any], next: caught } ] }
          - { id: caught, type: transform, set: { caught: true } }
      - name: bad
        steps:
          - { id: x, type: http, service: a, request: { method: GET, path: /x } }
)");
        QVERIFY(flow);
        Harness h;
        h.transport.script("GET mock://a/s", {{200, "{}", ms(1000)}});
        h.transport.script("GET mock://a/x", {{500, "{}", ms(50)}});
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Failed);
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("http.500"));
        QCOMPARE(stepOf(r, "s")->status, StepStatus::Cancelled);
        QVERIFY(!stepOf(r, "caught"));
    }

    // A `validation` error is an ordinary failure: `catch` may name it.
    void runLoopCatchesValidation()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: v
steps:
  - id: each
    type: map
    items: "{{ input.n }}"
    steps: [ { id: t, type: transform, set: { x: 1 } } ]
    catch: [ { on: [validation], next: handler } ]
  - id: ok
    type: respond
    body: mapped
  - id: handler
    type: respond
    status: 422
    body: "{{ error.type }}"
)");
        QVERIFY(flow);
        Harness h;
        RunResult r = h.run(flow, Json{{"n", 3}});
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(r.httpStatus, 422);
        QCOMPARE(r.record.output, Json("validation"));
    }
};

QTEST_GUILESS_MAIN(TestStepError)
#include "tst_steperror.moc"

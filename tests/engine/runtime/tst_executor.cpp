// Executor semantics on a virtual clock: every step type, retry timing, catch, compensation order
// and final statuses, parallel/map concurrency, timeouts, circuit breakers, redaction.
// LABELS: unit
#include "runharness.h"

#include <engine/core/jsonio.h>
#include <engine/model/flowparser.h>
#include <engine/runtime/circuitbreaker.h>
#include <engine/runtime/executor.h>

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace tutti::engine;
using namespace tutti::engine::test;

namespace {

constexpr Micros ms(Micros v)
{
    return v * kMillisecond;
}

const StepSummary *stepOf(const RunResult &r, const std::string &id)
{
    for (const auto &s : r.record.steps)
        if (s.id == id)
            return &s;
    return nullptr;
}

const char *kCheckout = R"(
tutti: 1
name: checkout
input:
  type: object
  required: [sku, qty]
services:
  inventory: { base_url: "http:\x2F\x2Finventory" }
  payment: { base_url: "http:\x2F\x2Fpayment" }
  shipping: { base_url: "http:\x2F\x2Fshipping" }
defaults:
  timeout: 1s
steps:
  - id: reserve
    type: http
    service: inventory
    request: { method: POST, path: /reservations, body: { sku: "{{ input.sku }}", qty: "{{ input.qty }}" } }
    compensate: { method: DELETE, path: "/reservations/{{ steps.reserve.body.id }}" }
    catch: [ { on: [http.409], next: out_of_stock } ]
  - id: charge
    type: http
    service: payment
    request: { method: POST, path: /charges, body: { amount: 10 } }
    compensate: { method: POST, path: "/charges/{{ steps.charge.body.id }}/refund" }
  - id: ship
    type: http
    service: shipping
    request: { method: POST, path: /shipments }
  - id: done
    type: respond
    status: 201
    body: { order: "{{ steps.charge.body.id }}", shipment: "{{ steps.ship.body.id }}" }
  - id: out_of_stock
    type: respond
    status: 409
    body: { error: "out of stock", reason: "{{ error.type }}" }
)";

// Every argument of every sink call, as the sink saw it at that moment.
struct DumpingSink final : TraceSink {
    std::string seen;
    void record(const RunRecord &run)
    {
        seen += run.input.dump() + run.output.dump() + run.error.dump();
        for (const StepSummary &s : run.steps)
            seen += s.error.dump();
    }
    void span(const Span &s)
    {
        seen += s.name + s.error.dump() + s.request.dump() + s.response.dump();
    }
    void runStarted(const RunRecord &run) override { record(run); }
    void spanStarted(const RunRecord &run, const Span &s) override
    {
        record(run);
        span(s);
    }
    void spanFinished(const RunRecord &run, const Span &s) override
    {
        record(run);
        span(s);
    }
    void runFinished(const RunRecord &run) override { record(run); }
};

} // namespace

class TestExecutor : public QObject {
    Q_OBJECT

private slots:
    void sequentialStepsTakeTheSumOfLatencies()
    {
        Harness h;
        h.environment.name = "mock";
        auto flow = flowFrom(kCheckout);
        QVERIFY(flow);
        h.transport.script("POST mock://inventory/reservations", {{201, R"({"id":"r1"})", ms(30)}});
        h.transport.script("POST mock://payment/charges", {{201, R"({"id":"ch1"})", ms(80)}});
        h.transport.script("POST mock://shipping/shipments", {{201, R"({"id":"s1"})", ms(50)}});
        RunResult r = h.run(flow, {{"sku", "A"}, {"qty", 2}});
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(r.httpStatus, 201);
        QCOMPARE(r.record.output.dump(), std::string(R"({"order":"ch1","shipment":"s1"})"));
        QCOMPARE(h.elapsed(r), ms(160));
        QVERIFY(r.record.virtualTime);
        // The request body was built from the input, typed.
        QCOMPARE(Json::parse(h.transport.log()[0].body), Json::parse(R"({"sku":"A","qty":2})"));
        QCOMPARE(h.sink.finished.size(), std::size_t(1));
        QCOMPARE(h.sink.started, 1);
        QCOMPARE(h.sink.ofKind(SpanKind::Attempt).size(), std::size_t(3));
        // Every started span finished, in a tree whose parents exist.
        QCOMPARE(static_cast<std::size_t>(h.sink.spansStarted), h.sink.spans.size());
    }

    void environmentBaseUrlsAreUsedOutsideMock()
    {
        Harness h;
        h.environment.name = "staging";
        h.environment.serviceUrls = {{"inventory", "https://inv.example/v2/"}};
        auto flow = flowFrom(kCheckout);
        h.transport.script("POST https://inv.example/v2/reservations", {{201, R"({"id":"r1"})"}});
        h.transport.script("POST http://payment/charges", {{201, R"({"id":"c"})"}});
        h.transport.script("POST http://shipping/shipments", {{201, R"({"id":"s"})"}});
        RunResult r = h.run(flow, {{"sku", "A"}, {"qty", 1}});
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(h.transport.log()[0].url, std::string("https://inv.example/v2/reservations"));
    }

    void catchJumpsWithTheErrorRoot()
    {
        Harness h;
        auto flow = flowFrom(kCheckout);
        h.transport.script("POST mock://inventory/reservations", {{409, R"({"error":"none"})"}});
        RunResult r = h.run(flow, {{"sku", "A"}, {"qty", 1}});
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(r.httpStatus, 409);
        QCOMPARE(r.record.output["reason"].get<std::string>(), std::string("http.409"));
        QCOMPARE(h.transport.count("POST mock://payment/charges"), 0);
        QCOMPARE(stepOf(r, "reserve")->status, StepStatus::Failed);
    }

    void compensationRunsInReverseOrder()
    {
        Harness h;
        auto flow = flowFrom(kCheckout);
        h.transport.script("POST mock://inventory/reservations", {{201, R"({"id":"r1"})"}});
        h.transport.script("POST mock://payment/charges", {{201, R"({"id":"ch1"})"}});
        h.transport.script("POST mock://shipping/shipments", {{400, R"({})"}});
        h.transport.script("POST mock://payment/charges/ch1/refund", {{200, "{}"}});
        h.transport.script("DELETE mock://inventory/reservations/r1", {{204, ""}});
        RunResult r = h.run(flow, {{"sku", "A"}, {"qty", 1}});
        QCOMPARE(r.record.status, RunStatus::Compensated);
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("http.400"));
        QCOMPARE(r.record.error["step"].get<std::string>(), std::string("ship"));
        const auto &log = h.transport.log();
        QCOMPARE(log.size(), std::size_t(5));
        QCOMPARE(log[3].url, std::string("mock://payment/charges/ch1/refund"));
        QCOMPARE(log[4].url, std::string("mock://inventory/reservations/r1"));
        QCOMPARE(h.sink.ofKind(SpanKind::Compensation).size(), std::size_t(2));
        QCOMPARE(stepOf(r, "charge")->status, StepStatus::Compensated);
    }

    void failedCompensationIsReportedAndOthersStillRun()
    {
        Harness h;
        auto flow = flowFrom(kCheckout);
        h.transport.script("POST mock://inventory/reservations", {{201, R"({"id":"r1"})"}});
        h.transport.script("POST mock://payment/charges", {{201, R"({"id":"ch1"})"}});
        h.transport.script("POST mock://shipping/shipments", {{500, R"({})"}});
        h.transport.script("POST mock://payment/charges/ch1/refund", {{503, "{}"}});
        h.transport.script("DELETE mock://inventory/reservations/r1", {{204, ""}});
        RunResult r = h.run(flow, {{"sku", "A"}, {"qty", 1}});
        QCOMPARE(r.record.status, RunStatus::CompensationFailed);
        // 1 attempt + 3 retries for the refund, then the reservation is still released.
        QCOMPARE(h.transport.count("POST mock://payment/charges/ch1/refund"), 4);
        QCOMPARE(h.transport.count("DELETE mock://inventory/reservations/r1"), 1);
        QCOMPARE(stepOf(r, "charge")->status, StepStatus::CompensationFailed);
        QCOMPARE(stepOf(r, "reserve")->status, StepStatus::Compensated);
        // Compensation attempts are not attempts of the step itself.
        QCOMPARE(stepOf(r, "charge")->attempts, 1);
        QCOMPARE(stepOf(r, "reserve")->attempts, 1);
    }

    void nothingToUndoMeansFailed()
    {
        Harness h;
        auto flow = flowFrom(kCheckout);
        h.transport.script("POST mock://inventory/reservations", {{400, R"({})"}});
        RunResult r = h.run(flow, {{"sku", "A"}, {"qty", 1}});
        QCOMPARE(r.record.status, RunStatus::Failed);
        QVERIFY(h.sink.ofKind(SpanKind::Compensation).empty());
    }

    void invalidInputFailsBeforeAnyStep()
    {
        Harness h;
        auto flow = flowFrom(kCheckout);
        RunResult r = h.run(flow, {{"sku", "A"}});
        QCOMPARE(r.record.status, RunStatus::Failed);
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("validation"));
        QVERIFY(h.transport.log().empty());
    }

    void retrySchedule_data()
    {
        QTest::addColumn<QString>("retry");
        QTest::addColumn<int>("failures");
        QTest::addColumn<QList<qint64>>("attemptStartsMs");
        QTest::addColumn<QString>("status");
        // latency 10 ms per attempt; delays follow min(interval × backoff^(n−1), max_delay)
        QTest::newRow("exponential") << "{ retries: 2, interval: 100ms, backoff: 2.0 }" << 2
                                     << QList<qint64>{0, 110, 320} << "succeeded";
        QTest::newRow("constant") << "{ retries: 3, interval: 50ms, backoff: 1.0 }" << 3
                                  << QList<qint64>{0, 60, 120, 180} << "succeeded";
        QTest::newRow("capped") << "{ retries: 3, interval: 1s, backoff: 10, max_delay: 2s }" << 3
                                << QList<qint64>{0, 1010, 3020, 5030} << "succeeded";
        QTest::newRow("exhausted")
            << "{ retries: 1, interval: 100ms }" << 5 << QList<qint64>{0, 110} << "failed";
        QTest::newRow("not retried on 4xx") << "{ retries: 3, interval: 100ms, on: [http.5xx] }"
                                            << -1 << QList<qint64>{0} << "failed";
    }
    void retrySchedule()
    {
        QFETCH(QString, retry);
        QFETCH(int, failures);
        QFETCH(QList<qint64>, attemptStartsMs);
        QFETCH(QString, status);
        Harness h;
        auto flow = flowFrom(R"(
tutti: 1
name: r
services: { api: { base_url: "http:\x2F\x2Fapi" } }
steps:
  - id: call
    type: http
    service: api
    request: { method: GET, path: /x }
    retry: )" + retry.toStdString() +
                             "\n");
        QVERIFY(flow);
        std::vector<FakeReply> replies;
        if (failures < 0) {
            replies.push_back({404, "{}"});
        } else {
            for (int i = 0; i < failures; ++i)
                replies.push_back({503, "{}"});
            replies.push_back({200, "{}"});
        }
        h.transport.script("GET mock://api/x", replies);
        RunResult r = h.run(flow);
        QCOMPARE(QString(toString(r.record.status)), status);
        QList<qint64> starts;
        for (Micros t : h.transport.times())
            starts.push_back((t - VirtualClock::kDefaultStart) / kMillisecond);
        QCOMPARE(starts, attemptStartsMs);
        QCOMPARE(stepOf(r, "call")->attempts, int(attemptStartsMs.size()));
        QCOMPARE(h.sink.ofKind(SpanKind::Wait).size(), std::size_t(attemptStartsMs.size() - 1));
    }

    void fullJitterStaysWithinTheCapAndIsSeeded()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: j
services: { api: { base_url: "http:\x2F\x2Fapi" } }
steps:
  - id: call
    type: http
    service: api
    request: { method: GET, path: /x }
    retry: { retries: 4, interval: 100ms, backoff: 2, max_delay: 300ms, jitter: full }
)");
        QVERIFY(flow);
        auto delays = [&](std::uint64_t seed) {
            Harness h;
            h.transport.script("GET mock://api/x", {{503, "{}", 0}});
            h.run(flow, Json::object(), seed);
            std::vector<Micros> out;
            for (const Span &s : h.sink.ofKind(SpanKind::Wait))
                out.push_back(s.duration);
            return out;
        };
        const auto a = delays(7), b = delays(7), c = delays(8);
        QCOMPARE(a.size(), std::size_t(4));
        QCOMPARE(a, b);
        QVERIFY(a != c);
        const Micros caps[] = {ms(100), ms(200), ms(300), ms(300)};
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY2(a[i] >= 0 && a[i] <= caps[i], qPrintable(QString::number(a[i])));
    }

    void retryAfterIsRespected()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: ra
services: { api: { base_url: "http:\x2F\x2Fapi" } }
steps:
  - id: call
    type: http
    service: api
    request: { method: GET, path: /x }
    retry: { retries: 1, interval: 100ms, on: [http.429], respect_retry_after: true }
)");
        QVERIFY(flow);
        Harness h;
        FakeReply limited{429, "{}", ms(10)};
        limited.headers.push_back({"Retry-After", "3"});
        h.transport.script("GET mock://api/x", {limited, {200, "{}", ms(10)}});
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(h.transport.times()[1] - h.transport.times()[0], ms(10) + 3 * kSecond);
    }

    void hangTimesOutThenRetries()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: t
services: { api: { base_url: "http:\x2F\x2Fapi" } }
steps:
  - id: call
    type: http
    service: api
    timeout: 250ms
    request: { method: GET, path: /x }
    retry: { retries: 2, interval: 100ms, backoff: 1 }
)");
        QVERIFY(flow);
        Harness h;
        FakeReply hang;
        hang.hang = true;
        h.transport.script("GET mock://api/x", {hang, hang, {200, R"({"ok":true})", ms(20)}});
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(h.elapsed(r), ms(250 + 100 + 250 + 100 + 20));
        QCOMPARE(h.transport.cancelled(), 2);
        auto attempts = h.sink.ofKind(SpanKind::Attempt);
        QCOMPARE(attempts[0].error["type"].get<std::string>(), std::string("timeout"));
        QCOMPARE(attempts[0].duration, ms(250));
    }

    void connectionResetAndMalformedBodies()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: c
services: { api: { base_url: "http:\x2F\x2Fapi" } }
steps:
  - id: a
    type: http
    service: api
    request: { method: GET, path: /reset }
    catch: [ { on: [connection], next: b } ]
  - id: b
    type: http
    service: api
    request: { method: GET, path: /bad }
)");
        QVERIFY(flow);
        Harness h;
        FakeReply reset;
        reset.error = TransportError::Connection;
        h.transport.script("GET mock://api/reset", {reset});
        h.transport.script("GET mock://api/bad", {{200, "{not json"}});
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Failed);
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("parse"));
        QCOMPARE(stepOf(r, "a")->error["type"].get<std::string>(), std::string("connection"));
    }

    void hostileUpstreamBodiesAreStepErrorsOrBytes()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: hostile
services: { api: { base_url: "http:\x2F\x2Fapi" } }
steps:
  - id: deep
    type: http
    service: api
    request: { method: GET, path: /deep }
    catch: [ { on: [parse], next: bytes } ]
  - id: bytes
    type: http
    service: api
    request: { method: GET, path: /bytes }
  - id: done
    type: respond
    status: 200
    body: { text: "{{ steps.bytes.body }}", header: "{{ steps.bytes.headers['x-raw'] }}",
            joined: "<{{ steps.bytes.body }}>", why: "{{ steps.deep.status }}" }
)");
        QVERIFY(flow);
        Harness h;
        // A 100,000-deep JSON body: a stack overflow in the copy and dumps that followed the
        // parse; now the step's parse error.
        h.transport.script("GET mock://api/deep",
                           {{200, std::string(100000, '[') + std::string(100000, ']')}});
        FakeReply bytes{200, "caf\xe9 \xff"};
        bytes.headers = {{"Content-Type", "text/plain"}, {"X-Raw", "\xfe"}};
        h.transport.script("GET mock://api/bytes", {bytes});
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        const StepSummary *deep = stepOf(r, "deep");
        QVERIFY(deep);
        QCOMPARE(deep->error["type"].get<std::string>(), std::string("parse"));
        QVERIFY2(deep->error["message"].get<std::string>().find(
                     "line 1, column 257: JSON nested deeper than 256 levels") != std::string::npos,
                 deep->error["message"].get<std::string>().c_str());
        // Bytes that are not UTF-8 are kept as they came in the step's result...
        QCOMPARE(r.record.output["text"].get<std::string>(), std::string("caf\xe9 \xff"));
        QCOMPARE(r.record.output["header"].get<std::string>(), std::string("\xfe"));
        QCOMPARE(r.record.output["joined"].get<std::string>(), std::string("<caf\xe9 \xff>"));
        // ...and every output of them is readable, whatever the sink.
        const std::string shown = dumpJson(r.record.output, 2);
        QVERIFY(isValidUtf8(shown));
        for (const Span &span : h.sink.spans) {
            QVERIFY(isValidUtf8(dumpJson(span.response)));
            QVERIFY(isValidUtf8(dumpJson(span.error)));
        }
    }

    void parallelBranchesOverlapAndResultsAreKeyed()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: p
services: { a: { base_url: "http:\x2F\x2Fa" }, b: { base_url: "http:\x2F\x2Fb" } }
steps:
  - id: fan
    type: parallel
    branches:
      - { name: left, steps: [ { id: l, type: http, service: a, request: { method: GET, path: /l } } ] }
      - { name: right, steps: [ { id: r, type: http, service: b, request: { method: GET, path: /r } } ] }
  - id: out
    type: transform
    set: { left: "{{ steps.fan.left.body.v }}", right: "{{ steps.r.body.v }}" }
)");
        QVERIFY(flow);
        Harness h;
        h.transport.script("GET mock://a/l", {{200, R"({"v":1})", ms(100)}});
        h.transport.script("GET mock://b/r", {{200, R"({"v":2})", ms(300)}});
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(h.elapsed(r), ms(300));
        QCOMPARE(r.record.output, Json::parse(R"({"left":1,"right":2})"));
        QCOMPARE(h.sink.ofKind(SpanKind::Branch).size(), std::size_t(2));
    }

    void parallelFailFastCancelsTheOtherBranch()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: p
services: { a: { base_url: "http:\x2F\x2Fa" }, b: { base_url: "http:\x2F\x2Fb" } }
steps:
  - id: fan
    type: parallel
    branches:
      - { name: slow, steps: [ { id: s, type: http, service: a, request: { method: GET, path: /s } } ] }
      - { name: bad, steps: [ { id: x, type: http, service: b, request: { method: GET, path: /x } } ] }
)");
        QVERIFY(flow);
        Harness h;
        h.transport.script("GET mock://a/s", {{200, "{}", ms(1000)}});
        h.transport.script("GET mock://b/x", {{500, "{}", ms(50)}});
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Failed);
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("http.500"));
        QCOMPARE(h.elapsed(r), ms(50));
        QCOMPARE(h.transport.cancelled(), 1);
        QCOMPARE(stepOf(r, "s")->status, StepStatus::Cancelled);
    }

    void stepTimeoutBoundsAWholeParallelStep()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: pt
services: { a: { base_url: "http:\x2F\x2Fa" } }
steps:
  - id: fan
    type: parallel
    timeout: 500ms
    branches:
      - { name: one, steps: [ { id: s1, type: http, service: a, request: { method: GET, path: /s } } ] }
      - { name: two, steps: [ { id: w, type: wait, duration: 10s } ] }
    catch: [ { on: [timeout], next: late } ]
  - id: ok
    type: respond
    body: on time
  - id: late
    type: respond
    status: 504
    body: "{{ error.message }}"
)");
        QVERIFY(flow);
        Harness h;
        h.transport.script("GET mock://a/s", {{200, "{}", 2 * kSecond}});
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(r.httpStatus, 504);
        QCOMPARE(h.elapsed(r), ms(500));
        QCOMPARE(h.transport.cancelled(), 1);
        QCOMPARE(stepOf(r, "fan")->error["type"].get<std::string>(), std::string("timeout"));
    }

    void mapRespectsConcurrencyAndOrder()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: m
services: { api: { base_url: "http:\x2F\x2Fapi" } }
steps:
  - id: each
    type: map
    items: input.ids
    as: order
    concurrency: 2
    steps:
      - id: get
        type: http
        service: api
        request: { method: GET, path: "/orders/{{ order }}" }
      - id: shape
        type: transform
        set: { id: "{{ order }}", at: "{{ index }}", v: "{{ steps.get.body.v }}" }
)");
        QVERIFY(flow);
        Harness h;
        for (int i = 1; i <= 5; ++i)
            h.transport.script("GET mock://api/orders/" + std::to_string(i),
                               {{200, R"({"v":)" + std::to_string(i * 10) + "}", ms(100)}});
        RunResult r = h.run(flow, Json::parse(R"({"ids":[1,2,3,4,5]})"));
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(h.elapsed(r), ms(300)); // ceil(5 / 2) waves of 100 ms
        QCOMPARE(r.record.output.size(), std::size_t(5));
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(r.record.output[i]["id"].get<int>(), i + 1);
            QCOMPARE(r.record.output[i]["at"].get<int>(), i);
            QCOMPARE(r.record.output[i]["v"].get<int>(), (i + 1) * 10);
        }
        QCOMPARE(h.sink.ofKind(SpanKind::Item).size(), std::size_t(5));
    }

    void mapToleratesFailuresUpToTheLimit_data()
    {
        QTest::addColumn<QString>("tolerate");
        QTest::addColumn<QString>("status");
        QTest::newRow("none") << ""
                              << "failed";
        QTest::newRow("count 1") << "tolerate: { count: 1 }"
                                 << "succeeded";
        QTest::newRow("percent 40") << "tolerate: { percent: 40 }"
                                    << "succeeded";
        QTest::newRow("percent 10") << "tolerate: { percent: 10 }"
                                    << "failed";
    }
    void mapToleratesFailuresUpToTheLimit()
    {
        QFETCH(QString, tolerate);
        QFETCH(QString, status);
        auto flow = flowFrom(R"(
tutti: 1
name: m
services: { api: { base_url: "http:\x2F\x2Fapi" } }
steps:
  - id: each
    type: map
    items: "{{ [1, 2, 3, 4, 5] }}"
    )" + tolerate.toStdString() +
                             R"(
    steps:
      - { id: get, type: http, service: api, request: { method: GET, path: "/i/{{ item }}" } }
)");
        QVERIFY(flow);
        Harness h;
        for (int i = 1; i <= 5; ++i)
            h.transport.script("GET mock://api/i/" + std::to_string(i),
                               {{i == 3 ? 500 : 200, "{}"}});
        RunResult r = h.run(flow);
        QCOMPARE(QString(toString(r.record.status)), status);
        if (status == "succeeded")
            QVERIFY(r.record.output[2].contains("error"));
    }

    // A map whose body finishes synchronously completes items from inside the loop that starts
    // them: that re-entrancy must neither free the launcher while it runs nor lose an item.
    void mapWithSynchronousBodies_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("concurrency");
        for (int size : {1, 2, 100})
            for (int concurrency : {0, 1, 3})
                QTest::addRow("%d items, concurrency %d", size, concurrency) << size << concurrency;
    }
    void mapWithSynchronousBodies()
    {
        QFETCH(int, size);
        QFETCH(int, concurrency);
        auto flow = flowFrom(R"(
tutti: 1
name: m
steps:
  - id: each
    type: map
    items: input.ids
    concurrency: )" + std::to_string(concurrency) +
                             R"(
    steps:
      - { id: twice, type: transform, set: { v: "{{ item * 2 }}", at: "{{ index }}" } }
)");
        QVERIFY(flow);
        Json ids = Json::array();
        for (int i = 0; i < size; ++i)
            ids.push_back(i);
        Harness h;
        RunResult r = h.run(flow, {{"ids", ids}});
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(r.record.output.size(), std::size_t(size));
        for (int i = 0; i < size; ++i) {
            QCOMPARE(r.record.output[i]["v"].get<int>(), 2 * i);
            QCOMPARE(r.record.output[i]["at"].get<int>(), i);
        }
        QCOMPARE(h.sink.ofKind(SpanKind::Item).size(), std::size_t(size));
        QCOMPARE(static_cast<std::size_t>(h.sink.spansStarted), h.sink.spans.size());
    }

    void mapOfConstantItemsWithASynchronousBody()
    {
        // The shapes first seen crashing: a literal list and an expression list.
        for (const char *items : {R"("[1]")", R"("{{ [1, 2, 3] }}")"}) {
            auto flow = flowFrom(std::string(R"(
tutti: 1
name: m
steps:
  - id: each
    type: map
    items: )") + items + R"(
    steps:
      - { id: t, type: transform, set: { v: "{{ item }}" } }
)");
            QVERIFY(flow);
            Harness h;
            RunResult r = h.run(flow);
            QCOMPARE(r.record.status, RunStatus::Succeeded);
            QCOMPARE(r.record.output.back()["v"].get<int>(),
                     static_cast<int>(r.record.output.size()));
        }
    }

    void nestedSynchronousMaps()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: m
steps:
  - id: rows
    type: map
    items: input.rows
    as: row
    concurrency: 2
    steps:
      - id: cells
        type: map
        items: row
        as: cell
        steps:
          - { id: t, type: transform, set: { v: "{{ cell + 1 }}" } }
)");
        QVERIFY(flow);
        Harness h;
        RunResult r = h.run(flow, Json::parse(R"({"rows":[[1,2],[3],[],[4,5,6]]})"));
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(r.record.output,
                 Json::parse(R"([[{"v":2},{"v":3}],[{"v":4}],[],[{"v":5},{"v":6},{"v":7}]])"));
        QCOMPARE(static_cast<std::size_t>(h.sink.spansStarted), h.sink.spans.size());
    }

    void synchronousMapInsideParallelAndSynchronousBranches()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: p
steps:
  - id: fan
    type: parallel
    branches:
      - name: many
        steps:
          - id: each
            type: map
            items: "{{ [1, 2, 3] }}"
            concurrency: 1
            steps: [ { id: t, type: transform, set: { v: "{{ item }}" } } ]
      - { name: one, steps: [ { id: o, type: transform, set: { w: 1 } } ] }
      - { name: two, steps: [ { id: w, type: transform, set: { w: 2 } } ] }
  - { id: out, type: respond, body: { many: "{{ steps.fan.many }}", two: "{{ steps.w.w }}" } }
)");
        QVERIFY(flow);
        Harness h;
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(r.record.output, Json::parse(R"({"many":[{"v":1},{"v":2},{"v":3}],"two":2})"));
        QCOMPARE(h.sink.ofKind(SpanKind::Branch).size(), std::size_t(3));
        QCOMPARE(static_cast<std::size_t>(h.sink.spansStarted), h.sink.spans.size());
    }

    void synchronousBranchFailureFailsTheParallelStep()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: p
steps:
  - id: fan
    type: parallel
    branches:
      - { name: bad, steps: [ { id: x, type: transform, set: { n: "{{ number('x') }}" } } ] }
      - { name: good, steps: [ { id: g, type: transform, set: { w: 1 } } ] }
)");
        QVERIFY(flow);
        Harness h;
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Failed);
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("validation"));
        QCOMPARE(static_cast<std::size_t>(h.sink.spansStarted), h.sink.spans.size());
    }

    void synchronousMapFailuresAreTolerated_data()
    {
        QTest::addColumn<QString>("tolerate");
        QTest::addColumn<int>("concurrency");
        QTest::addColumn<QString>("status");
        for (int c : {0, 1, 3}) {
            QTest::addRow("none, concurrency %d", c) << "" << c << "failed";
            QTest::addRow("count 1, concurrency %d", c)
                << "tolerate: { count: 1 }" << c << "succeeded";
        }
    }
    void synchronousMapFailuresAreTolerated()
    {
        QFETCH(QString, tolerate);
        QFETCH(int, concurrency);
        QFETCH(QString, status);
        auto flow = flowFrom(R"(
tutti: 1
name: m
steps:
  - id: each
    type: map
    items: "{{ ['1', 'x', '3', '4'] }}"
    concurrency: )" + std::to_string(concurrency) +
                             "\n    " + tolerate.toStdString() + R"(
    steps:
      - { id: n, type: transform, set: { n: "{{ number(item) }}" } }
)");
        QVERIFY(flow);
        Harness h;
        RunResult r = h.run(flow);
        QCOMPARE(QString(toString(r.record.status)), status);
        if (status == "succeeded") {
            QCOMPARE(r.record.output.size(), std::size_t(4));
            QVERIFY(r.record.output[1].contains("error"));
            QCOMPARE(r.record.output[3]["n"].get<int>(), 4);
        } else {
            QCOMPARE(r.record.error["type"].get<std::string>(), std::string("validation"));
        }
        QCOMPARE(static_cast<std::size_t>(h.sink.spansStarted), h.sink.spans.size());
    }

    void choiceTransformAndWait()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: c
steps:
  - id: init
    type: transform
    set: { n: "{{ input.n }}" }
  - id: route
    type: choice
    cases:
      - { when: "vars.n > 10", next: big }
    default: small
  - id: big
    type: transform
    set: { size: big }
    next: pause
  - id: small
    type: transform
    set: { size: small }
  - id: pause
    type: wait
    duration: 2s
  - id: out
    type: respond
    body: { size: "{{ vars.size }}", n: "{{ vars.n }}" }
)");
        QVERIFY(flow);
        Harness h;
        RunResult big = h.run(flow, {{"n", 50}});
        QCOMPARE(big.record.output, Json::parse(R"({"size":"big","n":50})"));
        QCOMPARE(h.elapsed(big), 2 * kSecond);
        RunResult small = h.run(flow, {{"n", 5}});
        QCOMPARE(small.record.output["size"].get<std::string>(), std::string("small"));
    }

    void loopsWithChoiceDoNotGrowTheStack()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: loop
steps:
  - id: init
    type: transform
    set: { i: 0 }
  - id: inc
    type: transform
    set: { i: "{{ vars.i + 1 }}" }
  - id: again
    type: choice
    cases: [ { when: "vars.i < 20000", next: inc } ]
  - id: out
    type: respond
    body: "{{ vars.i }}"
)");
        QVERIFY(flow);
        Harness h;
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(r.record.output.get<int>(), 20000);
    }

    void scriptStepsAndTheirTimeout()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: s
steps:
  - id: calc
    type: script
    code: "return { total: input.qty * 2, region: env.region || 'none' };"
  - id: spin
    type: script
    timeout: 100ms
    code: "while (true) {}"
)");
        QVERIFY(flow);
        Harness h;
        RunResult r = h.run(flow, {{"qty", 21}});
        QCOMPARE(stepOf(r, "calc")->status, StepStatus::Succeeded);
        QCOMPARE(r.record.status, RunStatus::Failed);
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("timeout"));
        QCOMPARE(r.record.error["step"].get<std::string>(), std::string("spin"));
    }

    void scriptErrorsAreScriptErrors()
    {
        auto flow = flowFrom(R"yaml(
tutti: 1
name: s
steps:
  - id: boom
    type: script
    code: "throw new Error('nope')"
)yaml");
        QVERIFY(flow);
        Harness h;
        RunResult r = h.run(flow);
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("script"));
        QVERIFY(r.record.error["message"].get<std::string>().find("nope") != std::string::npos);
    }

    // The run loop opens an attempt span for each try of a retried script (or call) step and
    // closes it with the try's outcome, as the http action closes its own.
    void retriedScriptAttemptsAreClosed()
    {
        auto flow = flowFrom(R"yaml(
tutti: 1
name: s
steps:
  - id: boom
    type: script
    retry: { retries: 1, interval: 100ms, on: [script] }
    code: "throw new Error('nope')"
)yaml");
        QVERIFY(flow);
        Harness h;
        RunResult r = h.run(flow);
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("script"));
        QCOMPARE(stepOf(r, "boom")->attempts, 2);
        const auto attempts = h.sink.ofKind(SpanKind::Attempt);
        QCOMPARE(attempts.size(), std::size_t(2));
        for (const Span &attempt : attempts) {
            QCOMPARE(attempt.status, SpanStatus::Error);
            QCOMPARE(attempt.error["type"].get<std::string>(), std::string("script"));
        }
        QCOMPARE(static_cast<std::size_t>(h.sink.spansStarted), h.sink.spans.size());
    }

    void failStepTriggersCompensation()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: f
services: { api: { base_url: "http:\x2F\x2Fapi" } }
steps:
  - id: book
    type: http
    service: api
    request: { method: POST, path: /book }
    compensate: { method: POST, path: /unbook }
  - id: nope
    type: fail
    error: rejected
    message: "rejected for {{ input.who }}"
)");
        QVERIFY(flow);
        Harness h;
        h.transport.script("POST mock://api/book", {{201, "{}"}});
        h.transport.script("POST mock://api/unbook", {{200, "{}"}});
        RunResult r = h.run(flow, {{"who", "bob"}});
        QCOMPARE(r.record.status, RunStatus::Compensated);
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("rejected"));
        QCOMPARE(r.record.error["message"].get<std::string>(), std::string("rejected for bob"));
    }

    void callRunsASubFlow()
    {
        QTemporaryDir dir;
        {
            std::ofstream sub((dir.path() + "/sub.flow.yaml").toStdString());
            sub << "tutti: 1\nname: sub\ninput: { type: object, required: [x] }\nsteps:\n"
                   "  - { id: double, type: transform, set: { y: \"{{ input.x * 2 }}\" } }\n"
                   "  - { id: back, type: respond, body: { y: \"{{ vars.y }}\" } }\n";
        }
        const std::string main =
            "tutti: 1\nname: main\nsteps:\n"
            "  - { id: sub, type: call, flow: sub.flow.yaml, input: { x: 21 } }\n"
            "  - { id: out, type: respond, body: \"{{ steps.sub.y }}\" }\n";
        auto flow = flowFrom(main, (dir.path() + "/main.flow.yaml").toStdString());
        QVERIFY(flow);
        Harness h;
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(r.record.output.get<int>(), 42);
    }

    // A sub-flow's steps use the sub-flow's own services (base URL, auth, circuit) and defaults
    // (timeout, retry), also when the caller declares none of them (docs/engine.md, call); the
    // environment is the run's.
    void subFlowStepsUseTheirOwnServicesAndDefaults()
    {
        QTemporaryDir dir;
        {
            std::ofstream sub((dir.path() + "/ledger.flow.yaml").toStdString());
            sub << "tutti: 1\nname: ledger\n"
                   "services:\n"
                   "  ledger: { base_url: 'http://ledger.example/v1', auth: { type: bearer, "
                   "token: sub-token } }\n"
                   "defaults:\n"
                   "  timeout: 300ms\n"
                   "  retry: { on: [timeout, http.5xx], retries: 2, interval: 100ms, backoff: 1.0 "
                   "}\n"
                   "steps:\n"
                   "  - id: book\n    type: http\n    service: ledger\n"
                   "    request: { method: POST, path: /entries }\n"
                   "    compensate: { method: DELETE, path: '/entries/{{ steps.book.body.id }}' "
                   "}\n";
        }
        const std::string main = "tutti: 1\nname: main\n"
                                 "steps:\n"
                                 "  - { id: post, type: call, flow: ledger.flow.yaml }\n"
                                 "  - { id: stop, type: fail, error: rejected }\n";
        auto flow = flowFrom(main, (dir.path() + "/main.flow.yaml").toStdString());
        QVERIFY(flow);
        QVERIFY(flow->services.empty() && !flow->defaultRetry);
        Harness h;
        h.environment.name = "staging"; // a real environment without a URL for `ledger`
        FakeReply hang;
        hang.hang = true;
        h.transport.script("POST http://ledger.example/v1/entries",
                           {hang, {503, "{}"}, {201, R"({"id": 7})"}});
        h.transport.script("DELETE http://ledger.example/v1/entries/7", {{200, "{}"}});
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Compensated);
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("rejected"));
        // The sub-flow's defaults: a 300 ms timeout per try, two retries 100 ms apart.
        QCOMPARE(stepOf(r, "book")->attempts, 3);
        QCOMPARE(stepOf(r, "book")->status, StepStatus::Compensated);
        QCOMPARE(h.transport.count("POST http://ledger.example/v1/entries"), 3);
        const auto &times = h.transport.times();
        QCOMPARE(times[1] - times[0], ms(400));
        QCOMPARE(times[2] - times[0], ms(510));
        // The sub-flow's service: its base URL and auth, for the step and its compensation.
        QCOMPARE(h.transport.count("DELETE http://ledger.example/v1/entries/7"), 1);
        for (const HttpRequest &request : h.transport.log()) {
            const std::string *auth = findHeader(request.headers, "Authorization");
            QVERIFY2(auth && *auth == "Bearer sub-token", request.url.c_str());
        }
    }

    // …and the caller's defaults do not reach into it: a sub-flow without `defaults` runs its
    // http steps with the built-in ones (one try, 10 s), whatever the caller sets.
    void callerDefaultsDoNotApplyInASubFlow()
    {
        QTemporaryDir dir;
        {
            std::ofstream sub((dir.path() + "/plain.flow.yaml").toStdString());
            sub << "tutti: 1\nname: plain\nservices: { api: { base_url: 'http://api' } }\n"
                   "steps:\n"
                   "  - { id: get, type: http, service: api, request: { method: GET, path: /x } "
                   "}\n";
        }
        const std::string main =
            "tutti: 1\nname: main\n"
            "defaults: { timeout: 1s, retry: { on: [timeout], retries: 3, interval: 10ms } }\n"
            "steps:\n"
            "  - { id: sub, type: call, flow: plain.flow.yaml }\n";
        auto flow = flowFrom(main, (dir.path() + "/main.flow.yaml").toStdString());
        QVERIFY(flow);
        Harness h;
        FakeReply hang;
        hang.hang = true;
        h.transport.script("GET mock://api/x", {hang});
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Failed);
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("timeout"));
        QCOMPARE(stepOf(r, "get")->attempts, 1);
        QCOMPARE(h.elapsed(r), 10 * kSecond);
    }

    // The circuit of a sub-flow's service guards the sub-flow's requests.
    void subFlowServiceHasItsCircuit()
    {
        QTemporaryDir dir;
        {
            std::ofstream sub((dir.path() + "/pay.flow.yaml").toStdString());
            sub << "tutti: 1\nname: pay\n"
                   "services: { pay: { circuit: { failures: 2, window: 10s, open_for: 5s } } }\n"
                   "steps:\n"
                   "  - { id: charge, type: http, service: pay, request: { method: POST, path: "
                   "/charges } }\n";
        }
        const std::string main = "tutti: 1\nname: main\nsteps:\n"
                                 "  - { id: sub, type: call, flow: pay.flow.yaml }\n";
        auto flow = flowFrom(main, (dir.path() + "/main.flow.yaml").toStdString());
        QVERIFY(flow);
        Harness h;
        h.transport.script("POST mock://pay/charges", {{503, "{}"}});
        for (int i = 0; i < 2; ++i)
            QCOMPARE(h.run(flow).record.error["type"].get<std::string>(), std::string("http.503"));
        QCOMPARE(h.run(flow).record.error["type"].get<std::string>(), std::string("circuit_open"));
        QCOMPARE(h.transport.count("POST mock://pay/charges"), 2);
    }

    void circuitOpensAfterFailures()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: cb
services: { api: { base_url: "http:\x2F\x2Fapi", circuit: { failures: 3, window: 10s, open_for: 5s } } }
steps:
  - { id: call, type: http, service: api, request: { method: GET, path: /x } }
)");
        QVERIFY(flow);
        Harness h;
        h.transport.script("GET mock://api/x", {{503, "{}"}});
        for (int i = 0; i < 3; ++i)
            QCOMPARE(h.run(flow).record.error["type"].get<std::string>(), std::string("http.503"));
        RunResult blocked = h.run(flow);
        QCOMPARE(blocked.record.error["type"].get<std::string>(), std::string("circuit_open"));
        QCOMPARE(h.transport.count("GET mock://api/x"), 3);
        // After open_for the circuit lets one trial through; success closes it.
        h.clock.advanceTo(h.clock.now() + 6 * kSecond);
        h.transport.script("GET mock://api/x", {{200, "{}"}});
        QCOMPARE(h.run(flow).record.status, RunStatus::Succeeded);
        QCOMPARE(h.breakers.state("api"), CircuitBreakers::State::Closed);
    }

    void flowTimeoutCancelsAndCompensates()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: ft
timeout: 1s
services: { api: { base_url: "http:\x2F\x2Fapi" } }
defaults: { timeout: 10s }
steps:
  - id: a
    type: http
    service: api
    request: { method: POST, path: /a }
    compensate: { method: DELETE, path: /a }
  - id: b
    type: http
    service: api
    request: { method: POST, path: /b }
)");
        QVERIFY(flow);
        Harness h;
        h.transport.script("POST mock://api/a", {{200, "{}", ms(100)}});
        h.transport.script("POST mock://api/b", {{200, "{}", 5 * kSecond}});
        h.transport.script("DELETE mock://api/a", {{200, "{}", ms(100)}});
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Compensated);
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("timeout"));
        QCOMPARE(h.elapsed(r), ms(1100));
    }

    void secretsAreRedactedFromSpans()
    {
        qputenv("TUTTI_SECRET_API_KEY", "s3cr3t-value");
        auto flow = flowFrom(R"(
tutti: 1
name: sec
services: { api: { base_url: "http:\x2F\x2Fapi" } }
steps:
  - id: call
    type: http
    service: api
    request:
      method: POST
      path: /x
      headers: { Authorization: "Bearer {{ secret.API_KEY }}", X-Trace: "{{ secret.API_KEY }}" }
      body: { echo: "key={{ secret.API_KEY }}" }
)");
        QVERIFY(flow);
        Harness h;
        auto env = RunEnvironment::fromWorkspace(Workspace{}, "mock");
        QVERIFY(env.has_value());
        h.environment = *env;
        h.transport.script("POST mock://api/x", {{200, R"({"echo":"s3cr3t-value"})"}});
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        // The real request carried the secret…
        QVERIFY(h.transport.log()[0].body.find("s3cr3t-value") != std::string::npos);
        // …and nothing reported to the sink does.
        for (const Span &s : h.sink.spans) {
            const std::string text = s.request.dump() + s.response.dump() + s.error.dump();
            QVERIFY2(text.find("s3cr3t-value") == std::string::npos, text.c_str());
        }
        QVERIFY(r.record.output.dump().find("s3cr3t-value") == std::string::npos);
    }

    void everythingSinksAndTheCallerSeeIsRedacted()
    {
        // Longer than 40 bytes: number() quotes only a truncated prefix of it in its message.
        const std::string secret = "wide-open-sesame-0123456789-abcdefghij-XYZ";
        qputenv("TUTTI_SECRET_WIDE", QByteArray::fromStdString(secret));
        auto flow = flowFrom(R"(
tutti: 1
name: sec
services: { api: { base_url: "http:\x2F\x2Fapi" } }
steps:
  - id: call
    type: http
    service: api
    request:
      method: POST
      path: /x
      query: { k: "{{ secret.WIDE }}" }
      body: { deep: [ { v: "{{ secret.WIDE }}" } ] }
  - id: bad
    type: transform
    set: { n: "{{ number(secret.WIDE) }}" }
)");
        QVERIFY(flow);
        DumpingSink sink;
        Harness h;
        auto env = RunEnvironment::fromWorkspace(Workspace{}, "mock");
        QVERIFY(env.has_value());
        h.environment = *env;
        // The upstream answers with the secret as a key, deep down.
        h.transport.script(
            "POST mock://api/x",
            {{200, R"({"a": [{"wide-open-sesame-0123456789-abcdefghij-XYZ": 1}]})"}});
        RunDeps deps;
        deps.clock = &h.clock;
        deps.transport = &h.transport;
        deps.sink = &sink;
        deps.environment = &h.environment;
        const RunResult r = runFlowBlocking(flow, deps, RunOptions{});
        QCOMPARE(r.record.status, RunStatus::Failed);
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("validation"));
        std::string result = r.record.error.dump() + r.record.output.dump();
        for (const StepSummary &s : r.record.steps)
            result += s.error.dump();
        QVERIFY2(sink.seen.find("[REDACTED]") != std::string::npos, sink.seen.c_str());
        // Neither the secret nor the 16-byte start of it that a truncated quote would show.
        for (const std::string &text : {sink.seen, result})
            QVERIFY2(text.find(secret.substr(0, 16)) == std::string::npos, text.c_str());
    }

    void secretsSeenBeforeTheirFirstUseAreRedacted()
    {
        // The secret arrives in the input, and an earlier step sends it and gets it back, before
        // any step reads secret.LATE (in the main flow) or secret.SUBONLY (in a sub-flow only).
        const std::string late = "late-s3cr3t-0123456789";
        const std::string subOnly = "sub-only-s3cr3t-9876543210";
        qputenv("TUTTI_SECRET_LATE", QByteArray::fromStdString(late));
        qputenv("TUTTI_SECRET_SUBONLY", QByteArray::fromStdString(subOnly));
        QTemporaryDir dir;
        {
            std::ofstream sub((dir.path() + "/sub.flow.yaml").toStdString());
            sub << "tutti: 1\nname: sub\nsteps:\n"
                   "  - { id: k, type: transform, set: { k: \"{{ secret.SUBONLY }}\" } }\n";
        }
        auto flow = flowFrom(R"(
tutti: 1
name: early
services: { api: { base_url: "http:\x2F\x2Fapi" } }
steps:
  - id: echo
    type: http
    service: api
    request: { method: POST, path: /echo, body: { a: "{{ input.a }}", b: "{{ input.b }}" } }
  - id: use
    type: http
    service: api
    request: { method: POST, path: /use, headers: { X-Key: "{{ secret.LATE }}" } }
  - { id: sub, type: call, flow: sub.flow.yaml }
)",
                             (dir.path() + "/main.flow.yaml").toStdString());
        QVERIFY(flow);
        Harness h;
        auto env = RunEnvironment::fromWorkspace(Workspace{}, "mock");
        QVERIFY(env.has_value());
        h.environment = *env;
        h.transport.script("POST mock://api/echo",
                           {{200, R"({"back": [")" + late + R"(", ")" + subOnly + R"("]})"}});
        h.transport.script("POST mock://api/use", {{200, "{}"}});
        DumpingSink sink;
        RunDeps deps;
        deps.clock = &h.clock;
        deps.transport = &h.transport;
        deps.sink = &sink;
        deps.environment = &h.environment;
        RunOptions options;
        options.input = {{"a", late}, {"b", subOnly}};
        const RunResult r = runFlowBlocking(flow, deps, options);
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        // The values really went out and came back…
        QVERIFY(h.transport.log()[0].body.find(late) != std::string::npos);
        QVERIFY2(sink.seen.find("[REDACTED]") != std::string::npos, sink.seen.c_str());
        // …and no event, not even those written before the secrets were read, carries them.
        const std::string result = r.record.input.dump() + r.record.output.dump();
        for (const std::string &text : {sink.seen, result}) {
            QVERIFY2(text.find(late) == std::string::npos, text.c_str());
            QVERIFY2(text.find(subOnly) == std::string::npos, text.c_str());
        }
    }

    void cancelRunsCompensation()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: cancel
services: { api: { base_url: "http:\x2F\x2Fapi" } }
steps:
  - { id: a, type: http, service: api, request: { method: POST, path: /a }, compensate: { method: DELETE, path: /a } }
  - { id: b, type: wait, duration: 1h }
)");
        QVERIFY(flow);
        Harness h;
        h.transport.script("POST mock://api/a", {{200, "{}"}});
        h.transport.script("DELETE mock://api/a", {{200, "{}"}});
        RunDeps deps;
        deps.clock = &h.clock;
        deps.transport = &h.transport;
        deps.environment = &h.environment;
        FlowRun run(flow, deps, RunOptions{});
        std::optional<RunResult> result;
        run.onFinished = [&](const RunResult &r) { result = r; };
        run.start();
        QVERIFY(!result); // never finished from inside start()
        h.clock.advanceTo(h.clock.now() + kSecond);
        QVERIFY(!result);
        run.cancel();
        h.clock.runUntilIdle();
        QVERIFY(result);
        QCOMPARE(result->record.status, RunStatus::Compensated);
        QCOMPARE(result->record.error["type"].get<std::string>(), std::string("cancelled"));
        QCOMPARE(h.clock.pendingTimers(), std::size_t(0));
    }

    void destroyingARunMidFlightLeavesNothingBehind()
    {
        auto flow = flowFrom(kCheckout);
        Harness h;
        FakeReply hang;
        hang.hang = true;
        h.transport.script("POST mock://inventory/reservations", {hang});
        RunDeps deps;
        deps.clock = &h.clock;
        deps.transport = &h.transport;
        {
            RunOptions options;
            options.input = {{"sku", "A"}, {"qty", 1}};
            FlowRun run(flow, deps, options);
            run.start();
            h.clock.advanceTo(h.clock.now() + ms(100));
            QCOMPARE(h.transport.pending(), std::size_t(1));
        }
        QCOMPARE(h.transport.pending(), std::size_t(0));
        h.clock.runUntilIdle(); // stale timers must not touch the dead run
        // Nothing of the run still owns the flow: the pending request's cancel hook used to
        // keep its list walk, frames and the flow alive in a reference cycle.
        QCOMPARE(flow.use_count(), 1L);
    }

    void destroyingARunDuringARetryWaitLeavesNothingBehind()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: w
services: { api: { base_url: "http:\x2F\x2Fapi" } }
steps:
  - id: call
    type: http
    service: api
    request: { method: GET, path: /x }
    retry: { retries: 2, interval: 1s, backoff: 1 }
)");
        QVERIFY(flow);
        Harness h;
        h.transport.script("GET mock://api/x", {{503, "{}", ms(10)}});
        RunDeps deps;
        deps.clock = &h.clock;
        deps.transport = &h.transport;
        {
            FlowRun run(flow, deps, RunOptions{});
            run.start();
            h.clock.advanceTo(h.clock.now() + ms(100)); // first attempt failed: in the backoff
            QCOMPARE(h.transport.count("GET mock://api/x"), 1);
            QVERIFY(!run.isFinished());
        }
        h.clock.runUntilIdle();
        QCOMPARE(h.transport.count("GET mock://api/x"), 1);
        // The wait's cancel hook must not keep the run's list walk and the flow alive.
        QCOMPARE(flow.use_count(), 1L);
    }

    void sameSeedSameRunDifferentSeedDifferentUuids()
    {
        auto flow = flowFrom(R"(
tutti: 1
name: u
steps:
  - { id: out, type: respond, body: { id: "{{ uuid() }}", at: "{{ now() }}" } }
)");
        QVERIFY(flow);
        Harness a, b, c;
        const Json x = a.run(flow, {}, 5).record.output, y = b.run(flow, {}, 5).record.output,
                   z = c.run(flow, {}, 6).record.output;
        QCOMPARE(x, y);
        QVERIFY(x["id"] != z["id"]);
        QCOMPARE(x["at"].get<std::string>(), std::string("2026-01-01T00:00:00.000Z"));
    }
};

QTEST_GUILESS_MAIN(TestExecutor)
#include "tst_executor.moc"

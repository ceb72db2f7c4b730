// Requests as the executor builds them (SPEC §9): path and query values percent-encoded for
// where they land, and CR/LF/NUL in a header, the method, the path or the query refused with
// the `validation` error before the transport sees anything — for steps and compensations alike.
// LABELS: unit
#include "runharness.h"

#include <engine/model/flowparser.h>
#include <engine/runtime/circuitbreaker.h>
#include <engine/runtime/executor.h>

#include <QtTest>

using namespace tutti::engine;
using namespace tutti::engine::test;

namespace {

const char *kSmuggle = "a\r\nX-Evil: 1\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";

std::string stepError(const RunResult &r, const std::string &field)
{
    return r.record.error.value(field, std::string());
}

} // namespace

class TestRequestValidation : public QObject {
    Q_OBJECT

private slots:
    void pathAndQueryValuesAreEncodedOnTheWayOut()
    {
        Harness h;
        auto flow = flowFrom(R"(
tutti: 1
name: enc
services:
  api: { base_url: "http://api.test/v1/" }
steps:
  - id: get
    type: http
    service: api
    request:
      method: GET
      path: "/items/{{ input.id }}"
      query: { q: "{{ input.q }}", "key with space": "{{ input.id }}" }
)");
        QVERIFY(flow);
        h.environment.name = "test";
        h.transport.script("GET http://api.test/v1/items/a%20b%2Fc", {{200, "{}"}});
        RunResult r = h.run(flow, {{"id", "a b/c"}, {"q", "x&y=1 +z"}});
        QCOMPARE(h.transport.log().size(), std::size_t(1));
        QCOMPARE(
            h.transport.log()[0].url,
            std::string("http://api.test/v1/items/a%20b%2Fc?q=x%26y%3D1%20%2Bz&key%20with%20space="
                        "a%20b%2Fc"));
        QCOMPARE(r.record.status, RunStatus::Succeeded);
    }

    void smuggledHeaderIsRefusedAndNothingIsSent_data()
    {
        QTest::addColumn<QString>("request");
        QTest::addColumn<QString>("expected");
        QTest::newRow("header value from input")
            << R"({ method: GET, path: /x, headers: { X-Trace: "{{ input.t }}" } })"
            << "request not sent: the value of header 'X-Trace' holds a line break (CR)";
        QTest::newRow("header value inside text")
            << R"({ method: GET, path: /x, headers: { X-Trace: "id={{ input.t }};" } })"
            << "the value of header 'X-Trace' holds a line break (CR)";
        QTest::newRow("header value with NUL")
            << R"({ method: GET, path: /x, headers: { X-Trace: "{{ input.nul }}" } })"
            << "the value of header 'X-Trace' holds a NUL byte";
        QTest::newRow("header name not a token")
            << R"({ method: GET, path: /x, headers: { "X Trace": "v" } })"
            << "the header name 'X Trace' is not an HTTP token";
        QTest::newRow("path from input") << R"({ method: GET, path: "/x/{{ input.t }}" })"
                                         << "request not sent: the path holds a line break (CR)";
        QTest::newRow("query from input")
            << R"({ method: GET, path: /x, query: { q: "{{ input.t }}" } })"
            << "request not sent: query parameter 'q' holds a line break (CR)";
    }
    void smuggledHeaderIsRefusedAndNothingIsSent()
    {
        QFETCH(QString, request);
        QFETCH(QString, expected);
        Harness h;
        auto flow = flowFrom("tutti: 1\nname: smuggle\nservices:\n  api: {}\nsteps:\n"
                             "  - id: call\n    type: http\n    service: api\n    request: " +
                             request.toStdString() + "\n");
        QVERIFY(flow);
        RunResult r = h.run(flow, {{"t", kSmuggle}, {"nul", std::string("a\0b", 3)}});
        QCOMPARE(r.record.status, RunStatus::Failed);
        QCOMPARE(stepError(r, "type"), std::string("validation"));
        QCOMPARE(stepError(r, "step"), std::string("call"));
        const QString message = QString::fromStdString(stepError(r, "message"));
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY2(!message.contains("X-Evil") && !message.contains("smuggled"), qPrintable(message));
        QVERIFY(h.transport.log().empty()); // nothing reached the transport
        // The attempt's span records the error, and no request payload with the value in it.
        bool sawError = false;
        for (const Span &s : h.sink.ofKind(SpanKind::Attempt)) {
            QVERIFY(!QString::fromStdString(s.request.dump()).contains("X-Evil"));
            sawError =
                sawError || (s.error.is_object() && s.error.value("type", "") == "validation");
        }
        QVERIFY(sawError);
    }

    void secretWithALineBreakNeverReachesTheWire()
    {
        Harness h;
        h.environment.secret = [](const std::string &) -> std::optional<std::string> {
            return std::string("tok\r\nX-Evil: 1");
        };
        auto flow = flowFrom(R"(
tutti: 1
name: auth
services:
  api: { auth: { type: bearer, token: "{{ secret.TOKEN }}" } }
steps:
  - { id: call, type: http, service: api, request: { method: GET, path: /x } }
)");
        QVERIFY(flow);
        RunResult r = h.run(flow);
        QCOMPARE(stepError(r, "type"), std::string("validation"));
        QVERIFY(QString::fromStdString(stepError(r, "message")).contains("'Authorization'"));
        QVERIFY(!QString::fromStdString(stepError(r, "message")).contains("tok"));
        QVERIFY(h.transport.log().empty());
    }

    void compensationRequestsAreCheckedToo()
    {
        // The id comes back from the service: a hostile upstream must not steer the DELETE.
        Harness h;
        auto flow = flowFrom(R"(
tutti: 1
name: saga
services:
  api: {}
steps:
  - id: hold
    type: http
    service: api
    request: { method: POST, path: /holds }
    compensate: { method: DELETE, path: /holds/x, headers: { X-Hold: "{{ steps.hold.body.id }}" } }
  - { id: boom, type: fail, error: nope }
)");
        QVERIFY(flow);
        h.transport.script("POST mock://api/holds", {{201, Json{{"id", kSmuggle}}.dump()}});
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::CompensationFailed);
        // The POST went out; no DELETE did, not even on the compensation's retries.
        QCOMPARE(h.transport.log().size(), std::size_t(1));
        QCOMPARE(h.transport.count("DELETE mock://api/holds/x"), 0);
        bool sawValidation = false;
        for (const Span &s : h.sink.spans)
            sawValidation = sawValidation ||
                            (s.error.is_object() && s.error.value("type", "") == "validation" &&
                             s.error.value("message", "").find("'X-Hold'") != std::string::npos);
        QVERIFY(sawValidation);
    }

    void compensationPathValuesAreEncoded()
    {
        Harness h;
        auto flow = flowFrom(R"(
tutti: 1
name: saga
services:
  api: {}
steps:
  - id: hold
    type: http
    service: api
    request: { method: POST, path: /holds }
    compensate: { method: DELETE, path: "/holds/{{ steps.hold.body.id }}" }
  - { id: boom, type: fail, error: nope }
)");
        QVERIFY(flow);
        h.transport.script("POST mock://api/holds", {{201, R"({"id":"h 1/2"})"}});
        h.transport.script("DELETE mock://api/holds/h%201%2F2", {{204, ""}});
        RunResult r = h.run(flow);
        QCOMPARE(r.record.status, RunStatus::Compensated);
        QCOMPARE(h.transport.count("DELETE mock://api/holds/h%201%2F2"), 1);
    }
};

QTEST_GUILESS_MAIN(TestRequestValidation)
#include "tst_requestvalidation.moc"

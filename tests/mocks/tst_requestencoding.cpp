// Flows against in-process mocks (SPEC §9): a templated path or query value round-trips to the
// mock (`params.id`, `request.query`), a value carrying CR/LF never reaches the mock, and the
// mocks' `regex` matchers answer correctly on inputs that defeat backtracking engines.
// LABELS: unit
#include <mocks/inprocesstransport.h>
#include <mocks/mockparser.h>
#include <mocks/mockregistry.h>

#include <engine/model/flowparser.h>
#include <engine/runtime/circuitbreaker.h>
#include <engine/runtime/executor.h>

#include <QTest>

using namespace tutti;
using engine::Json;

namespace {

const char *kMock = R"(tutti-mock: 1
service: api
routes:
  - match: { method: GET, path: "/items/{id}" }
    respond: { status: 200, body: { id: "{{ params.id }}", q: "{{ request.query.q }}",
                                    path: "{{ request.path }}" } }
  - match: { method: GET, path: "/my files/{name}" }
    respond: { status: 200, body: { name: "{{ params.name }}" } }
  - match: { method: POST, path: /nested, body: { code: { regex: "^(a+)+c|^a*b" } } }
    respond: { status: 200, body: { matched: nested } }
  - match: { method: POST, path: /long, body: { text: { regex: "^(a|b)*c$" } } }
    respond: { status: 200, body: { matched: long } }
  - match: { method: POST, path: /long }
    respond: { status: 422, body: { matched: none } }
  - match: { method: GET, path: /trace }
    respond: { status: 200 }
)";

const char *kFlow = R"(tutti: 1
name: roundtrip
services:
  api: {}
steps:
  - id: get
    type: http
    service: api
    request:
      method: GET
      path: "/items/{{ input.id }}"
      query: { q: "{{ input.q }}" }
)";

struct Fixture {
    mocks::MockRegistry registry;
    engine::VirtualClock clock;
    mocks::InProcessTransport transport{registry, clock};
    engine::CircuitBreakers breakers;
    engine::RunEnvironment environment; // "mock"

    Fixture()
    {
        auto load = mocks::parseMock(kMock, "api.mock.yaml");
        if (!load.ok())
            qFatal("%s", load.errors.front().toString().c_str());
        (void)registry.add(load.spec);
    }

    engine::RunResult run(const std::string &yaml, Json input)
    {
        engine::FlowLoad load = engine::parseFlow(yaml, "");
        for (const auto &e : load.errors)
            qWarning("%s", e.toString().c_str());
        if (!load.ok())
            return {};
        engine::RunDeps deps;
        deps.clock = &clock;
        deps.transport = &transport;
        deps.breakers = &breakers;
        deps.environment = &environment;
        engine::RunOptions options;
        options.input = std::move(input);
        options.seed = 3;
        return engine::runFlowBlocking(load.flow, deps, options);
    }

    engine::TransportResult send(engine::HttpRequest request)
    {
        engine::TransportResult out;
        bool done = false;
        transport.send(std::move(request), [&](engine::TransportResult r) {
            out = std::move(r);
            done = true;
        });
        clock.runUntilIdle();
        if (!done)
            qFatal("the transport never answered");
        return out;
    }
};

engine::HttpRequest post(const std::string &path, const Json &body)
{
    engine::HttpRequest r;
    r.method = "POST";
    r.url = "mock://api" + path;
    r.body = body.dump();
    r.headers = {{"Content-Type", "application/json"}};
    return r;
}

} // namespace

class tst_RequestEncoding : public QObject {
    Q_OBJECT

private slots:
    void pathAndQueryValuesRoundTrip_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("q");
        QTest::newRow("space and slash") << "a b/c"
                                         << "x&y=1 +z";
        QTest::newRow("plus and percent") << "1+1=2 100%"
                                          << "a+b%20";
        QTest::newRow("non-ascii") << "Jürgen 日本"
                                   << "é";
        QTest::newRow("query delimiters in the id") << "?x=1#frag"
                                                    << "#";
    }
    void pathAndQueryValuesRoundTrip()
    {
        QFETCH(QString, id);
        QFETCH(QString, q);
        Fixture f;
        const engine::RunResult r =
            f.run(kFlow, Json{{"id", id.toStdString()}, {"q", q.toStdString()}});
        QVERIFY2(r.record.status == engine::RunStatus::Succeeded, r.record.error.dump().c_str());
        const Json &body = r.record.output["body"];
        QCOMPARE(QString::fromStdString(body["id"].get<std::string>()), id);
        QCOMPARE(QString::fromStdString(body["q"].get<std::string>()), q);
        // request.path is the path as sent: one segment after /items/.
        const std::string path = body["path"].get<std::string>();
        QVERIFY2(path.rfind('/') == std::string("/items").size(), path.c_str());
    }

    void literalSegmentsMatchTheirEncodedForm()
    {
        Fixture f;
        const engine::RunResult r = f.run(R"(tutti: 1
name: lit
services:
  api: {}
steps:
  - { id: get, type: http, service: api, request: { method: GET, path: "/my files/{{ input.n }}" } }
)",
                                          Json{{"n", "a+b"}});
        QVERIFY2(r.record.status == engine::RunStatus::Succeeded, r.record.error.dump().c_str());
        QVERIFY(r.record.output["body"]["name"] == Json("a+b")); // '+' is not a space in a path
    }

    void smuggledHeaderNeverReachesTheMock()
    {
        Fixture f;
        const engine::RunResult r =
            f.run(R"(tutti: 1
name: smuggle
services:
  api: {}
steps:
  - id: call
    type: http
    service: api
    request: { method: GET, path: /trace, headers: { X-Trace: "{{ input.t }}" } }
)",
                  Json{{"t", "a\r\nX-Evil: 1\r\n\r\nGET /items/x HTTP/1.1"}});
        QCOMPARE(r.record.status, engine::RunStatus::Failed);
        QCOMPARE(r.record.error.value("type", std::string()), std::string("validation"));
        QVERIFY(QString::fromStdString(r.record.error.value("message", std::string()))
                    .contains("header 'X-Trace'"));
        QCOMPARE(f.registry.service("api")->requestCount(), std::uint64_t(0));
    }

    void regexMatchersAreLinearTime()
    {
        Fixture f;
        // A backtracking engine with a step budget gives up on ^(a+)+c and says "no match";
        // the second alternative does match.
        auto nested = f.send(post("/nested", Json{{"code", std::string(40, 'a') + "b"}}));
        QCOMPARE(nested.response.status, 200);
        // A million characters: backtracking engines run out of stack (or JIT stack) here.
        std::string text;
        for (int i = 0; i < 500'000; ++i)
            text += "ab";
        auto matched = f.send(post("/long", Json{{"text", text + "c"}}));
        QCOMPARE(matched.response.status, 200);
        auto missed = f.send(post("/long", Json{{"text", text + "d"}}));
        QCOMPARE(missed.response.status, 422);
    }

    void unsupportedRegexIsALocatedLoadError()
    {
        auto load = mocks::parseMock("tutti-mock: 1\nservice: s\nroutes:\n"
                                     "  - match: { body: { a: { regex: '(x)\\1' } } }\n"
                                     "    respond: {}\n",
                                     "s.mock.yaml");
        QVERIFY(!load.ok());
        const QString text = QString::fromStdString(load.errors.front().toString());
        QVERIFY2(text.startsWith("s.mock.yaml:4:"), qPrintable(text));
        QVERIFY2(text.contains("a backreference (\\1) is not supported"), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(tst_RequestEncoding)
#include "tst_requestencoding.moc"

// MockService behaviour: matching (body operators, path params, query, headers), templated
// responses, set_state, sequences, the 404 with closest routes, determinism, fault rates and
// latency distributions.
// LABELS: unit
#include <mocks/mockparser.h>
#include <mocks/mockservice.h>

#include <engine/core/clock.h>
#include <engine/core/jsonio.h>

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace tutti;
using engine::Json;

namespace {

std::shared_ptr<const mocks::MockSpec> specFrom(const std::string &yaml)
{
    auto load = mocks::parseMock(yaml, "test.mock.yaml");
    if (!load.ok()) {
        for (const auto &e : load.errors)
            qWarning("%s", e.toString().c_str());
        return nullptr;
    }
    return load.spec;
}

struct Call {
    std::string method = "GET";
    std::string path = "/";
    std::string query;
    engine::Headers headers;
    std::string body;
};

mocks::MockOutcome call(mocks::MockService &service, const Call &c, std::uint64_t seed = 1)
{
    mocks::MockRequest r{c.method, c.path, c.query, &c.headers, c.body};
    engine::Rng rng(seed);
    return service.handle(r, rng, engine::VirtualClock::kDefaultStart);
}

} // namespace

class tst_MockService : public QObject {
    Q_OBJECT

private slots:
    void matching_data()
    {
        QTest::addColumn<QString>("match");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("target"); // path?query
        QTest::addColumn<QString>("header"); // "Name: value" or ""
        QTest::addColumn<QString>("body");
        QTest::addColumn<bool>("matches");

        QTest::newRow("method") << "{method: POST}"
                                << "POST"
                                << "/x"
                                << ""
                                << "" << true;
        QTest::newRow("method other") << "{method: POST}"
                                      << "GET"
                                      << "/x"
                                      << ""
                                      << "" << false;
        QTest::newRow("path literal") << "{path: /a/b}"
                                      << "GET"
                                      << "/a/b"
                                      << ""
                                      << "" << true;
        QTest::newRow("path trailing slash") << "{path: /a/b}"
                                             << "GET"
                                             << "/a/b/"
                                             << ""
                                             << "" << true;
        QTest::newRow("path longer") << "{path: /a/b}"
                                     << "GET"
                                     << "/a/b/c"
                                     << ""
                                     << "" << false;
        QTest::newRow("path param") << "{path: '/charges/{id}'}"
                                    << "GET"
                                    << "/charges/ch_1"
                                    << ""
                                    << "" << true;
        QTest::newRow("path param missing") << "{path: '/charges/{id}'}"
                                            << "GET"
                                            << "/charges"
                                            << ""
                                            << "" << false;
        QTest::newRow("query eq") << "{query: {page: 2}}"
                                  << "GET"
                                  << "/x?page=2"
                                  << ""
                                  << "" << true;
        QTest::newRow("query ne") << "{query: {page: 2}}"
                                  << "GET"
                                  << "/x?page=3"
                                  << ""
                                  << "" << false;
        QTest::newRow("query missing") << "{query: {page: 2}}"
                                       << "GET"
                                       << "/x"
                                       << ""
                                       << "" << false;
        QTest::newRow("query decoded") << "{query: {q: 'a b'}}"
                                       << "GET"
                                       << "/x?q=a%20b"
                                       << ""
                                       << "" << true;
        QTest::newRow("query exists false") << "{query: {debug: {exists: false}}}"
                                            << "GET"
                                            << "/x"
                                            << ""
                                            << "" << true;
        QTest::newRow("query in") << "{query: {c: {in: [EUR, USD]}}}"
                                  << "GET"
                                  << "/x?c=USD"
                                  << ""
                                  << "" << true;
        QTest::newRow("query in miss") << "{query: {c: {in: [EUR, USD]}}}"
                                       << "GET"
                                       << "/x?c=GBP"
                                       << ""
                                       << "" << false;
        QTest::newRow("header eq any case") << "{headers: {X-Api-Key: k1}}"
                                            << "GET"
                                            << "/x"
                                            << "x-api-key: k1"
                                            << "" << true;
        QTest::newRow("header regex") << "{headers: {Authorization: {regex: '^Bearer '}}}"
                                      << "GET"
                                      << "/x"
                                      << "Authorization: Bearer t"
                                      << "" << true;
        QTest::newRow("header regex miss") << "{headers: {Authorization: {regex: '^Bearer '}}}"
                                           << "GET"
                                           << "/x"
                                           << "Authorization: Basic t"
                                           << "" << false;
        QTest::newRow("header exists") << "{headers: {X-Trace: {exists: true}}}"
                                       << "GET"
                                       << "/x"
                                       << ""
                                       << "" << false;
        QTest::newRow("body eq") << "{body: {a: 1}}"
                                 << "POST"
                                 << "/x"
                                 << ""
                                 << R"({"a":1,"b":2})" << true;
        QTest::newRow("body eq float") << "{body: {a: 1}}"
                                       << "POST"
                                       << "/x"
                                       << ""
                                       << R"({"a":1.0})" << true;
        QTest::newRow("body eq miss") << "{body: {a: 1}}"
                                      << "POST"
                                      << "/x"
                                      << ""
                                      << R"({"a":2})" << false;
        QTest::newRow("body gt") << "{body: {amount: {gt: 1000}}}"
                                 << "POST"
                                 << "/x"
                                 << ""
                                 << R"({"amount":1001})" << true;
        QTest::newRow("body gt equal") << "{body: {amount: {gt: 1000}}}"
                                       << "POST"
                                       << "/x"
                                       << ""
                                       << R"({"amount":1000})" << false;
        QTest::newRow("body gte") << "{body: {amount: {gte: 1000}}}"
                                  << "POST"
                                  << "/x"
                                  << ""
                                  << R"({"amount":1000})" << true;
        QTest::newRow("body lt") << "{body: {amount: {lt: 10}}}"
                                 << "POST"
                                 << "/x"
                                 << ""
                                 << R"({"amount":9.5})" << true;
        QTest::newRow("body lte miss") << "{body: {amount: {lte: 10}}}"
                                       << "POST"
                                       << "/x"
                                       << ""
                                       << R"({"amount":11})" << false;
        QTest::newRow("body range") << "{body: {n: {gt: 1, lt: 5}}}"
                                    << "POST"
                                    << "/x"
                                    << ""
                                    << R"({"n":3})" << true;
        QTest::newRow("body range miss") << "{body: {n: {gt: 1, lt: 5}}}"
                                         << "POST"
                                         << "/x"
                                         << ""
                                         << R"({"n":5})" << false;
        QTest::newRow("body gt string") << "{body: {amount: {gt: 5}}}"
                                        << "POST"
                                        << "/x"
                                        << ""
                                        << R"({"amount":"abc"})" << false;
        QTest::newRow("body regex") << "{body: {email: {regex: '@example\\.com$'}}}"
                                    << "POST"
                                    << "/x"
                                    << ""
                                    << R"({"email":"a@example.com"})" << true;
        QTest::newRow("body exists") << "{body: {token: {exists: true}}}"
                                     << "POST"
                                     << "/x"
                                     << ""
                                     << R"({"token":null})" << true;
        QTest::newRow("body exists miss") << "{body: {token: {exists: true}}}"
                                          << "POST"
                                          << "/x"
                                          << ""
                                          << R"({})" << false;
        QTest::newRow("body not exists") << "{body: {token: {exists: false}}}"
                                         << "POST"
                                         << "/x"
                                         << ""
                                         << R"({})" << true;
        QTest::newRow("body in") << "{body: {tier: {in: [gold, silver]}}}"
                                 << "POST"
                                 << "/x"
                                 << ""
                                 << R"({"tier":"gold"})" << true;
        QTest::newRow("body eq op") << "{body: {tier: {eq: gold}}}"
                                    << "POST"
                                    << "/x"
                                    << ""
                                    << R"({"tier":"gold"})" << true;
        QTest::newRow("body nested") << "{body: {card: {brand: visa, exp: {gt: 2025}}}}"
                                     << "POST"
                                     << "/x"
                                     << ""
                                     << R"({"card":{"brand":"visa","exp":2027,"cvc":"1"}})" << true;
        QTest::newRow("body nested miss") << "{body: {card: {brand: visa}}}"
                                          << "POST"
                                          << "/x"
                                          << ""
                                          << R"({"card":"visa"})" << false;
        QTest::newRow("body array") << "{body: {items: [1, {id: a}]}}"
                                    << "POST"
                                    << "/x"
                                    << ""
                                    << R"({"items":[1,{"id":"a","q":2}]})" << true;
        QTest::newRow("body array length") << "{body: {items: [1]}}"
                                           << "POST"
                                           << "/x"
                                           << ""
                                           << R"({"items":[1,2]})" << false;
        QTest::newRow("body absent") << "{body: {a: 1}}"
                                     << "POST"
                                     << "/x"
                                     << ""
                                     << "" << false;
        QTest::newRow("body not json") << "{body: {a: 1}}"
                                       << "POST"
                                       << "/x"
                                       << ""
                                       << "a=1" << false;
    }
    void matching()
    {
        QFETCH(QString, match);
        QFETCH(QString, method);
        QFETCH(QString, target);
        QFETCH(QString, header);
        QFETCH(QString, body);
        QFETCH(bool, matches);
        auto spec =
            specFrom("tutti-mock: 1\nservice: s\nroutes:\n  - match: " + match.toStdString() +
                     "\n    respond: { status: 200 }\n");
        QVERIFY(spec);
        mocks::MockService service(spec);
        Call c;
        c.method = method.toStdString();
        const std::string t = target.toStdString();
        c.path = t.substr(0, t.find('?'));
        c.query = t.find('?') == std::string::npos ? "" : t.substr(t.find('?') + 1);
        if (!header.isEmpty()) {
            const int colon = header.indexOf(':');
            c.headers.emplace_back(header.left(colon).trimmed().toStdString(),
                                   header.mid(colon + 1).trimmed().toStdString());
        }
        c.body = body.toStdString();
        const auto out = call(service, c);
        QCOMPARE(out.response.status, matches ? 200 : 404);
        QCOMPARE(out.route, matches ? 0 : -1);
    }

    void templatedResponseAndState()
    {
        auto spec = specFrom(R"(tutti-mock: 1
service: payment
state: { charges: 0 }
routes:
  - match: { method: POST, path: "/accounts/{acct}/charges" }
    respond:
      status: 201
      headers: { Location: "/charges/{{ params.acct }}-{{ state.charges }}", X-Method: "{{ request.method }}" }
      body: { id: "ch_{{ uuid() }}", amount: "{{ request.body.amount }}", n: "{{ state.charges }}", q: "{{ request.query.mode }}", ua: "{{ request.headers['user-agent'] }}", at: "{{ now() }}" }
    set_state: { charges: "{{ state.charges + 1 }}", last: "{{ request.body.amount }}" }
  - match: { method: GET, path: /count }
    respond: { status: 200, body_text: "count={{ state.charges }}" }
)");
        QVERIFY(spec);
        mocks::MockService service(spec);
        Call c{"POST",
               "/accounts/a1/charges",
               "mode=live",
               {{"User-Agent", "t/1"}},
               R"({"amount": 42})"};
        auto out = call(service, c, 7);
        QCOMPARE(out.response.status, 201);
        const Json body = Json::parse(out.response.body);
        QVERIFY(body["amount"] == Json(42));
        QVERIFY(body["n"] == Json(0));
        QVERIFY(body["q"] == Json("live"));
        QVERIFY(body["ua"] == Json("t/1"));
        QVERIFY2(body["at"].get<std::string>().starts_with("2026-01-01T00:00:00"),
                 body["at"].dump().c_str());
        engine::Rng rng(7);
        QCOMPARE(body["id"].get<std::string>(), "ch_" + rng.uuid());
        QCOMPARE(*engine::findHeader(out.response.headers, "location"),
                 std::string("/charges/a1-0"));
        QCOMPARE(*engine::findHeader(out.response.headers, "content-type"),
                 std::string("application/json"));
        QVERIFY(service.state()["charges"] == Json(1));
        QVERIFY(service.state()["last"] == Json(42));
        out = call(service, c, 8);
        QVERIFY(Json::parse(out.response.body)["n"] == Json(1));
        out = call(service, Call{"GET", "/count", "", {}, ""});
        QCOMPARE(out.response.body, std::string("count=2"));
        QCOMPARE(*engine::findHeader(out.response.headers, "content-type"),
                 std::string("text/plain; charset=utf-8"));
        service.reset();
        QVERIFY(service.state()["charges"] == Json(0));
        QCOMPARE(service.requestCount(), std::uint64_t(0));
    }

    void sequence()
    {
        auto spec = specFrom(R"(tutti-mock: 1
service: s
routes:
  - match: { method: GET, path: "/charges/{id}" }
    sequence: [ { status: 404 }, { status: 202 }, { status: 200, body: { id: "{{ params.id }}" } } ]
)");
        QVERIFY(spec);
        mocks::MockService service(spec);
        const Call c{"GET", "/charges/c9", "", {}, ""};
        QCOMPARE(call(service, c).response.status, 404);
        QCOMPARE(call(service, c).response.status, 202);
        auto out = call(service, c);
        QCOMPARE(out.response.status, 200);
        QVERIFY(Json::parse(out.response.body)["id"] == Json("c9"));
        QCOMPARE(call(service, c).response.status, 200); // the last repeats
        QCOMPARE(service.routeRequestCount(0), std::uint64_t(4));
        service.reset();
        QCOMPARE(call(service, c).response.status, 404);
    }

    void notFoundListsClosestRoutes()
    {
        auto spec = specFrom(R"(tutti-mock: 1
service: payment
routes:
  - { match: { method: POST, path: /charges }, respond: { status: 201 } }
  - { match: { method: GET, path: "/charges/{id}" }, respond: { status: 200 } }
  - { match: { method: POST, path: /refunds }, respond: { status: 201 } }
  - { match: { method: GET, path: /health/live }, respond: { status: 200 } }
)");
        QVERIFY(spec);
        mocks::MockService service(spec);
        auto out = call(service, Call{"GET", "/charge/ch_1", "", {}, ""});
        QCOMPARE(out.response.status, 404);
        QCOMPARE(out.route, -1);
        const Json body = Json::parse(out.response.body);
        QVERIFY(body["closest_routes"][0] == Json("GET /charges/{id}"));
        QCOMPARE(body["closest_routes"].size(), std::size_t(3));
        QVERIFY(body["error"].get<std::string>().find("GET /charge/ch_1") != std::string::npos);
        QCOMPARE(service.unmatchedCount(), std::uint64_t(1));
        QCOMPARE(service.requestCount(), std::uint64_t(1));
    }

    void faultsStopTheHandler()
    {
        auto spec = specFrom(R"(tutti-mock: 1
service: s
state: { n: 0 }
routes:
  - match: { path: /x }
    respond: { status: 200, body: { ok: true } }
    set_state: { n: "{{ state.n + 1 }}" }
    faults: [ { rate: 1.0, kind: malformed } ]
)");
        QVERIFY(spec);
        mocks::MockService service(spec);
        auto out = call(service, Call{"GET", "/x", "", {}, ""});
        QCOMPARE(out.fault, mocks::FaultKind::Malformed);
        QCOMPARE(out.response.status, 200);
        QVERIFY(Json::parse(out.response.body, nullptr, false).is_discarded());
        QVERIFY(service.state()["n"] == Json(0));
    }

    void faultRates_data()
    {
        QTest::addColumn<QString>("faults");
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("rate");
        QTest::newRow("status 5%")
            << "[{rate: 0.05, kind: status, status: 503}]" << int(mocks::FaultKind::Status) << 0.05;
        QTest::newRow("hang second") << "[{rate: 0.05, kind: status}, {rate: 0.01, kind: hang}]"
                                     << int(mocks::FaultKind::Hang) << 0.01;
        QTest::newRow("reset third")
            << "[{rate: 0.05, kind: status}, {rate: 0.01, kind: hang}, {rate: 0.2, kind: reset}]"
            << int(mocks::FaultKind::Reset) << 0.2;
        QTest::newRow("slow_body 50%") << "[{rate: 0.5, kind: slow_body, duration: 1s}]"
                                       << int(mocks::FaultKind::SlowBody) << 0.5;
        QTest::newRow("malformed 30%")
            << "[{rate: 0.3, kind: malformed}]" << int(mocks::FaultKind::Malformed) << 0.3;
    }
    void faultRates()
    {
        QFETCH(QString, faults);
        QFETCH(int, kind);
        QFETCH(double, rate);
        auto spec = specFrom("tutti-mock: 1\nservice: s\nroutes:\n  - match: { path: /x }\n    "
                             "respond: { status: 200 }\n"
                             "    faults: " +
                             faults.toStdString() + "\n");
        QVERIFY(spec);
        mocks::MockService service(spec);
        const int n = 100000;
        int hits = 0;
        const Call c{"GET", "/x", "", {}, ""};
        for (int i = 0; i < n; ++i)
            hits += int(call(service, c, engine::mixSeed(42, std::uint64_t(i))).fault) == kind;
        const double sigma = std::sqrt(n * rate * (1 - rate));
        QVERIFY2(std::abs(hits - n * rate) < 4 * sigma,
                 qPrintable(QString("hits %1 expected %2").arg(hits).arg(n * rate)));
    }

    void determinism()
    {
        auto spec = specFrom(R"(tutti-mock: 1
service: s
routes:
  - match: { path: /x }
    respond: { status: 200, body: { id: "{{ uuid() }}" } }
    latency: { dist: lognormal, median: 80ms, p99: 600ms }
    faults: [ { rate: 0.3, kind: status, status: 503 } ]
)");
        mocks::MockService a(spec), b(spec);
        const Call c{"GET", "/x", "", {}, ""};
        for (std::uint64_t seed = 1; seed < 200; ++seed) {
            // Interleave b with extra calls: results depend only on the seed.
            call(b, c, seed * 7919);
            const auto x = call(a, c, seed), y = call(b, c, seed);
            QCOMPARE(x.latency, y.latency);
            QCOMPARE(x.fault, y.fault);
            QCOMPARE(x.response.status, y.response.status);
            QCOMPARE(x.response.body, y.response.body);
        }
    }

    void latencyDistributions_data()
    {
        QTest::addColumn<QString>("latency");
        QTest::addColumn<QString>("check");
        QTest::newRow("fixed") << "80ms"
                               << "fixed";
        QTest::newRow("fixed bare number") << "80"
                                           << "fixed";
        QTest::newRow("uniform") << "{dist: uniform, min: 10ms, max: 50ms}"
                                 << "uniform";
        QTest::newRow("normal") << "{dist: normal, mean: 100ms, stddev: 10ms}"
                                << "normal";
        QTest::newRow("lognormal") << "{dist: lognormal, median: 80ms, p99: 600ms}"
                                   << "lognormal";
    }
    void latencyDistributions()
    {
        QFETCH(QString, latency);
        QFETCH(QString, check);
        auto spec = specFrom("tutti-mock: 1\nservice: s\nlatency: " + latency.toStdString() +
                             "\nroutes:\n  - match: { path: /x }\n    respond: { status: 200 }\n");
        QVERIFY(spec);
        engine::Rng rng(2026);
        const int n = 100000;
        std::vector<double> ms(n);
        for (int i = 0; i < n; ++i)
            ms[i] = double(spec->latency->draw(rng)) / 1000.0;
        std::sort(ms.begin(), ms.end());
        double mean = 0, var = 0;
        for (double v : ms)
            mean += v / n;
        for (double v : ms)
            var += (v - mean) * (v - mean) / (n - 1);
        if (check == "fixed") {
            QCOMPARE(ms.front(), 80.0);
            QCOMPARE(ms.back(), 80.0);
        } else if (check == "uniform") {
            QVERIFY(ms.front() >= 10.0 && ms.back() <= 50.0);
            QVERIFY(ms.front() < 10.1 && ms.back() > 49.9);
            QVERIFY(std::abs(mean - 30.0) < 0.2);
        } else if (check == "normal") {
            QVERIFY(std::abs(mean - 100.0) < 0.2);
            QVERIFY(std::abs(std::sqrt(var) - 10.0) < 0.2);
        } else {
            const double median = ms[n / 2], p99 = ms[n * 99 / 100];
            QVERIFY2(std::abs(median - 80.0) / 80.0 < 0.02, qPrintable(QString::number(median)));
            QVERIFY2(std::abs(p99 - 600.0) / 600.0 < 0.05, qPrintable(QString::number(p99)));
        }
    }

    // Requests a client can send to `tutti mock`: each of these threw type_error.316 out of the
    // event loop (killing the mock for every client) or overflowed the stack.
    void undecodableRequestsGet400_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QByteArray>("header"); // "Name: value" or ""
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("0xFF in the path")
            << QByteArray("/echo/\xff") << QByteArray() << QByteArray() << QByteArray() << "path";
        QTest::newRow("0xFF in a 404's path")
            << QByteArray("/nope\xff") << QByteArray() << QByteArray() << QByteArray() << "path";
        QTest::newRow("%FF in the path")
            << QByteArray("/echo/%FF") << QByteArray() << QByteArray() << QByteArray() << "path";
        QTest::newRow("%FF in the query") << QByteArray("/echo/a") << QByteArray("q=%ff")
                                          << QByteArray() << QByteArray() << "query";
        QTest::newRow("0xFF in a header value")
            << QByteArray("/echo/a") << QByteArray() << QByteArray("X-Note: caf\xe9")
            << QByteArray() << "header 'X-Note'";
        QTest::newRow("0xFF in a header name")
            << QByteArray("/echo/a") << QByteArray() << QByteArray("X-\xff: 1") << QByteArray()
            << "header 'X-\xEF\xBF\xBD'";
        QTest::newRow("0xFF in a JSON body")
            << QByteArray("/echo/a") << QByteArray() << QByteArray("Content-Type: application/json")
            << QByteArray("{\"a\": \"\xff\"}") << "ill-formed UTF-8";
        QTest::newRow("JSON body that is not JSON")
            << QByteArray("/echo/a") << QByteArray()
            << QByteArray("Content-Type: application/problem+json; charset=utf-8")
            << QByteArray("{oops") << "body is not valid JSON (line 1, column 2";
        QTest::newRow("100,000-deep JSON body")
            << QByteArray("/echo/a") << QByteArray() << QByteArray("Content-Type: application/json")
            << QByteArray(100000, '[') + QByteArray(100000, ']')
            << "line 1, column 257: JSON nested deeper than 256 levels";
        // Without a content type a body that does not parse is bytes, but one too deep to walk
        // safely is still refused.
        QTest::newRow("100,000-deep body, no content type")
            << QByteArray("/echo/a") << QByteArray() << QByteArray()
            << QByteArray(100000, '{').replace("{", "{\"a\":") << "nested deeper than 256";
    }
    void undecodableRequestsGet400()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, query);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        auto spec = specFrom(R"(tutti-mock: 1
service: echo
routes:
  - match: { method: POST, path: "/echo/{id}" }
    respond: { status: 200, body: { id: "{{ params.id }}", q: "{{ request.query }}",
                                    h: "{{ request.headers }}", b: "{{ request.body }}" } }
)");
        QVERIFY(spec);
        mocks::MockService service(spec);
        Call c;
        c.method = "POST";
        c.path = path.toStdString();
        c.query = query.toStdString();
        if (!header.isEmpty()) {
            const qsizetype colon = header.indexOf(':');
            c.headers.emplace_back(header.left(colon).toStdString(),
                                   header.mid(colon + 1).trimmed().toStdString());
        }
        c.body = body.toStdString();
        const auto out = call(service, c);
        QCOMPARE(out.response.status, 400);
        QCOMPARE(out.route, -1);
        auto json = engine::parseJson(out.response.body);
        QVERIFY2(json, out.response.body.c_str());
        const std::string error = (*json)["error"].get<std::string>();
        QVERIFY2(QString::fromStdString(error).contains(message), error.c_str());
        QCOMPARE(service.requestCount(), std::uint64_t(1));
        // The service lives on: the next, ordinary request is answered.
        Call ok;
        ok.method = "POST";
        ok.path = "/echo/fine";
        const auto next = call(service, ok);
        QCOMPARE(next.response.status, 200);
    }

    void bodiesThatAreNotTextStayBytes()
    {
        auto spec = specFrom(R"(tutti-mock: 1
service: echo
routes:
  - match: { method: POST, path: /json }
    respond: { status: 200, body: { b: "{{ request.body }}" } }
  - match: { method: POST, path: /text }
    respond: { status: 200, body_text: "<{{ request.body }}>" }
)");
        QVERIFY(spec);
        mocks::MockService service(spec);
        Call c;
        c.method = "POST";
        c.path = "/json";
        c.body = std::string("\x89PNG\xff\x00\x01", 7);
        auto json = call(service, c);
        QCOMPARE(json.response.status, 200);
        QVERIFY(engine::isValidUtf8(json.response.body)); // replaced inside JSON
        QVERIFY2(json.response.body.find("\xEF\xBF\xBD") != std::string::npos,
                 json.response.body.c_str());
        c.path = "/text";
        auto text = call(service, c);
        QCOMPARE(text.response.status, 200);
        QCOMPARE(text.response.body, "<" + c.body + ">"); // bytes as they came
    }

    void templatesMakingInvalidUtf8DoNotThrow()
    {
        auto spec = specFrom(R"(tutti-mock: 1
service: bytes
state: { last: null }
routes:
  - match: { method: GET, path: /json }
    respond:
      status: 200
      headers: { X-Raw: "{{ unbase64('/w==') }}" }
      body: { raw: "{{ unbase64('/w==') }}", list: ["{{ unbase64('/w==') }}"] }
    set_state: { last: "{{ unbase64('/w==') }}" }
  - match: { method: GET, path: /text }
    respond: { status: 200, body_text: "{{ unbase64('/w==') }}" }
)");
        QVERIFY(spec);
        mocks::MockService service(spec);
        Call c;
        c.path = "/json";
        auto json = call(service, c);
        QCOMPARE(json.response.status, 200);
        QCOMPARE(json.response.body,
                 std::string("{\"raw\":\"\xEF\xBF\xBD\",\"list\":[\"\xEF\xBF\xBD\"]}"));
        QCOMPARE(json.response.headers.front().second, std::string("\xff"));
        QCOMPARE(service.state()["last"].get<std::string>(), std::string("\xff"));
        c.path = "/text";
        auto text = call(service, c);
        QCOMPARE(text.response.body, std::string("\xff"));
    }
};

QTEST_GUILESS_MAIN(tst_MockService)
#include "tst_mockservice.moc"

// OAuth2 client credentials (engine/runtime/oauth2tokens.h, SPEC §3 "HTTP details") on a virtual
// clock against the fake transport: one token fetch for many calls and for concurrent runs
// (single flight), refresh shortly before expiry, one retry of a 401 with a fresh token, a
// failing token endpoint as the step's `auth` error, the token and the client secret never in
// the trace, and token answers that are garbage.
// LABELS: unit
#include "runharness.h"

#include <engine/runtime/oauth2tokens.h>

#include <QtTest>

using namespace tutti::engine;
using namespace tutti::engine::test;

namespace {

constexpr const char *kSecret = "client-secret-0123456789-abcdef";
constexpr const char *kToken = "tok-AAAA-1111-bbbb-2222";

// Two calls to `api` with the token of `auth`; `pause` between them.
std::string flowText(const std::string &pause = "1s")
{
    return "tutti: 1\n"
           "name: oauth\n"
           "services:\n"
           "  api:\n"
           "    auth: { type: oauth2_client_credentials, token_url: \"mock://auth/token\",\n"
           "            client_id: app-1, client_secret: \"{{ secret.CLIENT }}\", scope: \"read "
           "write\" }\n"
           "steps:\n"
           "  - { id: one, type: http, service: api, request: { method: GET, path: /a } }\n"
           "  - { id: pause, type: wait, duration: " +
           pause +
           " }\n"
           "  - { id: two, type: http, service: api, request: { method: GET, path: /b } }\n";
}

std::string tokenAnswer(const std::string &token, int expiresIn = 3600)
{
    return "{\"access_token\":\"" + token +
           "\",\"token_type\":\"Bearer\",\"expires_in\":" + std::to_string(expiresIn) + "}";
}

struct OAuthHarness : Harness {
    OAuth2Tokens tokens;
    OAuthHarness()
    {
        environment.secret = [](const std::string &name) -> std::optional<std::string> {
            if (name == "CLIENT")
                return std::string(kSecret);
            return std::nullopt;
        };
    }
    RunDeps deps()
    {
        RunDeps d;
        d.clock = &clock;
        d.transport = &transport;
        d.sink = &sink;
        d.breakers = &breakers;
        d.tokens = &tokens;
        d.environment = &environment;
        return d;
    }
    RunResult runOnce(const std::shared_ptr<const Flow> &flow)
    {
        RunOptions o;
        o.seed = 1;
        return runFlowBlocking(flow, deps(), o);
    }
    int tokenRequests() const { return transport.count("POST mock://auth/token"); }
    // The Authorization header the service got on call `n` of the log that went to `url`.
    std::vector<std::string> bearersTo(const std::string &prefix) const
    {
        std::vector<std::string> out;
        for (const HttpRequest &r : transport.log())
            if (r.url.starts_with(prefix)) {
                const std::string *h = findHeader(r.headers, "Authorization");
                out.push_back(h ? *h : std::string());
            }
        return out;
    }
    // Nothing reported to the sink holds `text`.
    bool traceHides(const std::string &text) const
    {
        for (const Span &s : sink.spans)
            if ((s.request.dump() + s.response.dump() + s.error.dump()).find(text) !=
                std::string::npos)
                return false;
        for (const RunRecord &r : sink.finished)
            if ((r.output.dump() + r.error.dump()).find(text) != std::string::npos)
                return false;
        return true;
    }
};

} // namespace

class TestOAuth2 : public QObject {
    Q_OBJECT

private slots:
    void oneTokenForEveryCallOfARun()
    {
        auto flow = flowFrom(flowText());
        QVERIFY(flow);
        OAuthHarness h;
        h.transport.script("POST mock://auth/token", {{200, tokenAnswer(kToken)}});
        h.transport.script("GET mock://api/a", {{200, "{}"}});
        h.transport.script("GET mock://api/b", {{200, "{}"}});
        RunResult r = h.runOnce(flow);
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(h.tokenRequests(), 1);
        QCOMPARE(h.bearersTo("mock://api/"),
                 (std::vector<std::string>{std::string("Bearer ") + kToken,
                                           std::string("Bearer ") + kToken}));
        // The token request is a form POST with the client's credentials.
        const HttpRequest &t = h.transport.log()[0];
        QCOMPARE(t.url, std::string("mock://auth/token"));
        QVERIFY(t.body.find("grant_type=client_credentials") != std::string::npos);
        QVERIFY(t.body.find("client_id=app-1") != std::string::npos);
        QVERIFY(t.body.find("scope=read%20write") != std::string::npos ||
                t.body.find("scope=read+write") != std::string::npos);
        QCOMPARE(*findHeader(t.headers, "Content-Type"),
                 std::string("application/x-www-form-urlencoded"));
        QVERIFY(h.traceHides(kToken));
        QVERIFY(h.traceHides(kSecret));
    }

    void concurrentRunsShareOneFetch()
    {
        auto flow = flowFrom(flowText());
        QVERIFY(flow);
        OAuthHarness h;
        FakeReply slow{200, tokenAnswer(kToken)};
        slow.latency = 300 * kMillisecond;
        h.transport.script("POST mock://auth/token", {slow});
        h.transport.script("GET mock://api/a", {{200, "{}"}});
        h.transport.script("GET mock://api/b", {{200, "{}"}});
        std::vector<std::unique_ptr<FlowRun>> runs;
        int finished = 0;
        for (int i = 0; i < 5; ++i) {
            RunOptions o;
            o.seed = static_cast<std::uint64_t>(i + 1);
            o.runId = "run-" + std::to_string(i);
            runs.push_back(std::make_unique<FlowRun>(flow, h.deps(), o));
            runs.back()->onFinished = [&finished](const RunResult &r) {
                QCOMPARE(r.record.status, RunStatus::Succeeded);
                ++finished;
            };
        }
        for (auto &run : runs)
            run->start();
        h.clock.runUntilIdle();
        QCOMPARE(finished, 5);
        QCOMPARE(h.tokenRequests(), 1);
        QCOMPARE(h.tokens.fetches(), 1);
        for (const std::string &b : h.bearersTo("mock://api/"))
            QCOMPARE(b, std::string("Bearer ") + kToken);
    }

    void refreshedShortlyBeforeExpiry()
    {
        // expires_in 60 s: fetched anew once less than 6 s (a tenth) are left.
        {
            auto flow = flowFrom(flowText("50s"));
            QVERIFY(flow);
            OAuthHarness h;
            h.transport.script("POST mock://auth/token",
                               {{200, tokenAnswer("first-token-1234", 60)},
                                {200, tokenAnswer("second-token-5678", 60)}});
            h.transport.script("GET mock://api/a", {{200, "{}"}});
            h.transport.script("GET mock://api/b", {{200, "{}"}});
            QCOMPARE(h.runOnce(flow).record.status, RunStatus::Succeeded);
            QCOMPARE(h.tokenRequests(), 1); // 50 s in: still good
        }
        {
            auto flow = flowFrom(flowText("56s"));
            QVERIFY(flow);
            OAuthHarness h;
            h.transport.script("POST mock://auth/token",
                               {{200, tokenAnswer("first-token-1234", 60)},
                                {200, tokenAnswer("second-token-5678", 60)}});
            h.transport.script("GET mock://api/a", {{200, "{}"}});
            h.transport.script("GET mock://api/b", {{200, "{}"}});
            QCOMPARE(h.runOnce(flow).record.status, RunStatus::Succeeded);
            QCOMPARE(h.tokenRequests(), 2); // 56 s in: about to expire, fetched anew
            QCOMPARE(
                h.bearersTo("mock://api/"),
                (std::vector<std::string>{"Bearer first-token-1234", "Bearer second-token-5678"}));
            QVERIFY(h.traceHides("first-token-1234"));
            QVERIFY(h.traceHides("second-token-5678"));
        }
    }

    void a401IsRetriedOnceWithAFreshToken()
    {
        auto flow = flowFrom(flowText());
        QVERIFY(flow);
        {
            OAuthHarness h;
            h.transport.script("POST mock://auth/token", {{200, tokenAnswer("revoked-token-0001")},
                                                          {200, tokenAnswer("fresh-token-0002")}});
            h.transport.script("GET mock://api/a", {{401, "{}"}, {200, "{}"}});
            h.transport.script("GET mock://api/b", {{200, "{}"}});
            RunResult r = h.runOnce(flow);
            QCOMPARE(r.record.status, RunStatus::Succeeded);
            QCOMPARE(h.tokenRequests(), 2);
            QCOMPARE(
                h.bearersTo("mock://api/"),
                (std::vector<std::string>{"Bearer revoked-token-0001", "Bearer fresh-token-0002",
                                          "Bearer fresh-token-0002"}));
        }
        {
            // Still 401 with the fresh one: the step fails http.401, with no third call.
            OAuthHarness h;
            h.transport.script("POST mock://auth/token", {{200, tokenAnswer(kToken)}});
            h.transport.script("GET mock://api/a", {{401, "{}"}});
            RunResult r = h.runOnce(flow);
            QCOMPARE(r.record.status, RunStatus::Failed);
            QCOMPARE(h.transport.count("GET mock://api/a"), 2);
            QCOMPARE(r.record.error.value("type", ""), std::string("http.401"));
        }
    }

    void aFailingTokenEndpointIsTheAuthError()
    {
        auto flow = flowFrom(flowText());
        QVERIFY(flow);
        OAuthHarness h;
        h.transport.script(
            "POST mock://auth/token",
            {{401, "{\"error\":\"invalid_client\",\"error_description\":\"unknown client\"}"}});
        RunResult r = h.runOnce(flow);
        QCOMPARE(r.record.status, RunStatus::Failed);
        QCOMPARE(r.record.error.value("type", ""), std::string("auth"));
        const std::string message = r.record.error.value("message", "");
        QVERIFY2(message.find("invalid_client") != std::string::npos, message.c_str());
        QVERIFY2(message.find("401") != std::string::npos, message.c_str());
        QCOMPARE(h.transport.count("GET mock://api/a"), 0); // nothing sent without a token
        QVERIFY(h.traceHides(kSecret));
        // A failure is not cached: the next run asks again.
        h.transport.script("POST mock://auth/token", {{200, tokenAnswer(kToken)}});
        h.transport.script("GET mock://api/a", {{200, "{}"}});
        h.transport.script("GET mock://api/b", {{200, "{}"}});
        QCOMPARE(h.runOnce(flow).record.status, RunStatus::Succeeded);
        QCOMPARE(h.tokenRequests(), 2);
    }

    void aServiceEchoingTheTokenIsRedacted()
    {
        auto flow = flowFrom(flowText());
        QVERIFY(flow);
        OAuthHarness h;
        h.transport.script("POST mock://auth/token", {{200, tokenAnswer(kToken)}});
        h.transport.script("GET mock://api/a",
                           {{200, std::string("{\"seen\":\"Bearer ") + kToken + "\"}"}});
        h.transport.script("GET mock://api/b", {{200, "{}"}});
        QCOMPARE(h.runOnce(flow).record.status, RunStatus::Succeeded);
        QVERIFY(h.traceHides(kToken));
    }

    void garbageTokenAnswers_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("why");
        QTest::newRow("not json") << 200 << QByteArray("<html>hi</html>") << "not a JSON object";
        QTest::newRow("array") << 200 << QByteArray("[1,2]") << "not a JSON object";
        QTest::newRow("no token") << 200 << QByteArray("{\"token_type\":\"Bearer\"}")
                                  << "no access_token";
        QTest::newRow("token not text")
            << 200 << QByteArray("{\"access_token\":42}") << "no access_token";
        QTest::newRow("mac token")
            << 200 << QByteArray("{\"access_token\":\"x\",\"token_type\":\"mac\"}") << "type 'mac'";
        QTest::newRow("line break")
            << 200 << QByteArray("{\"access_token\":\"a\\r\\nX-Evil: 1\"}") << "cannot be sent";
        QTest::newRow("deep") << 200 << QByteArray(4000, '[') << "not a JSON object";
        QTest::newRow("not utf-8") << 500 << QByteArray("{\"error\":\"\xff\xfe\"}") << "500";
        QTest::newRow("empty 503") << 503 << QByteArray() << "answered 503";
    }
    void garbageTokenAnswers()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, why);
        TransportResult r;
        r.response.status = status;
        r.response.body = body.toStdString();
        auto t = OAuth2Tokens::parseTokenAnswer(r);
        QVERIFY(!t);
        QVERIFY2(t.error().find(why.toStdString()) != std::string::npos, t.error().c_str());
        // And through a run: the step's auth error, never a crash.
        auto flow = flowFrom(flowText());
        QVERIFY(flow);
        OAuthHarness h;
        h.transport.script("POST mock://auth/token", {{status, body.toStdString()}});
        RunResult run = h.runOnce(flow);
        QCOMPARE(run.record.status, RunStatus::Failed);
        QCOMPARE(run.record.error.value("type", ""), std::string("auth"));
    }

    void expiresInShapes()
    {
        TransportResult r;
        r.response.status = 200;
        r.response.body = "{\"access_token\":\"abc\",\"expires_in\":\"120\"}";
        QCOMPARE(OAuth2Tokens::parseTokenAnswer(r)->lifetime, 120 * kSecond);
        r.response.body = "{\"access_token\":\"abc\"}";
        QCOMPARE(OAuth2Tokens::parseTokenAnswer(r)->lifetime, OAuth2Tokens::kDefaultLifetime);
        r.response.body = "{\"access_token\":\"abc\",\"expires_in\":-5}";
        QCOMPARE(OAuth2Tokens::parseTokenAnswer(r)->lifetime, Micros(0));
        r.response.body = "{\"access_token\":\"abc\",\"expires_in\":1e300}";
        QCOMPARE(OAuth2Tokens::parseTokenAnswer(r)->lifetime, Micros(366) * 86400 * kSecond);
    }
};

QTEST_GUILESS_MAIN(TestOAuth2)
#include "tst_oauth2.moc"

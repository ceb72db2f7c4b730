// The step debugger on a virtual clock: breakpoints (with conditions) pause a run without blocking
// the clock, the context is read, evaluated and edited (edits land in the trace), step over and
// step into branches, map items and sub-flows, stop cancels and compensates, an unhandled error
// stops before compensation, and a paused run's timeouts do not fire while other runs go on.
#include "../runtime/faketransport.h"

#include <engine/core/jsonio.h>
#include <engine/debug/debugsession.h>
#include <engine/model/flowparser.h>
#include <engine/runtime/executor.h>

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <fstream>
#include <memory>
#include <optional>

using namespace tutti::engine;
using tutti::engine::test::FakeReply;
using tutti::engine::test::FakeTransport;
using tutti::engine::test::RecordingSink;

// Json has no QTest::toString: compare, and show both as JSON when they differ.
#define JSON_EQ(actual, expected)                                                                  \
    QVERIFY2(Json(actual) == Json(expected),                                                       \
             (dumpJson(Json(actual)) + " != " + dumpJson(Json(expected))).c_str())

namespace {

std::shared_ptr<const Flow> flowFrom(const std::string &yaml,
                                     const std::string &file = "debug.flow.yaml")
{
    FlowLoad load = loadFlowText(yaml, file);
    for (const auto &e : load.errors)
        qWarning("%s", e.toString().c_str());
    return load.ok() ? load.flow : nullptr;
}

// One debugged run on a virtual clock. The session outlives the run (declared first).
struct Debugged {
    VirtualClock clock;
    FakeTransport transport{clock};
    RecordingSink sink;
    DebugSession session;
    std::vector<DebugStop> stops;
    std::optional<RunResult> result;
    std::unique_ptr<FlowRun> run;
    RunEnvironment environment;

    void start(const std::shared_ptr<const Flow> &flow, Json input = Json::object())
    {
        RunDeps deps;
        deps.clock = &clock;
        deps.transport = &transport;
        deps.sink = &sink;
        deps.debugger = &session;
        deps.environment = &environment;
        RunOptions options;
        options.input = std::move(input);
        options.seed = 1;
        options.runId = "run-debug";
        session.onStopped = [this](const DebugStop &stop) { stops.push_back(stop); };
        run = std::make_unique<FlowRun>(flow, deps, options);
        run->onFinished = [this](const RunResult &r) { result = r; };
        run->start();
        clock.runUntilIdle();
    }
    // Runs the clock until nothing is due: the run has finished or is paused.
    void settle() { clock.runUntilIdle(); }
    const DebugStop &stop() const { return *session.currentStop(); }
    std::vector<Span> debugSpans() const { return sink.ofKind(SpanKind::Debug); }
};

Json body(const HttpRequest &request)
{
    return Json::parse(request.body);
}

} // namespace

class TestDebugSession : public QObject {
    Q_OBJECT

private slots:
    void breakpointPausesThenEditsAreSeenAndTraced()
    {
        auto flow = flowFrom("tutti: 1\nname: edit\n"
                             "services: { api: { base_url: 'http://api' } }\nsteps:\n"
                             "  - { id: t1, type: transform, set: { a: 1 } }\n"
                             "  - id: h1\n"
                             "    type: http\n"
                             "    service: api\n"
                             "    request: { method: POST, path: /items, body: { n: "
                             "\"{{ vars.a }}\", sku: \"{{ input.sku }}\" } }\n"
                             "  - { id: done, type: respond, body: \"{{ steps.h1.body }}\" }\n");
        QVERIFY(flow);
        Debugged d;
        d.transport.script("POST mock://api/items", {FakeReply{201, "{\"id\": 7}"}});
        d.session.setBreakpoints("", {{"h1", ""}});
        d.start(flow, Json{{"sku", "A-1"}});
        QVERIFY(d.session.isPaused());
        QVERIFY(!d.result);
        QCOMPARE(d.transport.log().size(), std::size_t(0)); // h1 has not sent anything
        QCOMPARE(d.stops.size(), std::size_t(1));
        QCOMPARE(d.stop().reason, StopReason::Breakpoint);
        QCOMPARE(d.stop().stepId, std::string("h1"));
        QCOMPARE(d.stop().stack.size(), std::size_t(1));
        QCOMPARE(d.stop().stack[0].line, 6);               // its `- id:` line
        QCOMPARE(d.clock.pendingTimers(), std::size_t(0)); // nothing of the run is scheduled

        JSON_EQ(d.session.scopeValue(DebugScope::Vars), (Json{{"a", 1}}));
        JSON_EQ(d.session.scopeValue(DebugScope::Input), (Json{{"sku", "A-1"}}));
        JSON_EQ(d.session.scopeValue(DebugScope::Steps)["t1"], (Json{{"a", 1}}));
        JSON_EQ(*d.session.evaluate("vars.a + 1"), Json(2));
        QVERIFY(!d.session.evaluate("vars.a +").has_value());
        QVERIFY(d.session.setValue(DebugScope::Vars, "/a", 5).has_value());
        QVERIFY(d.session.setValue(DebugScope::Input, "/sku", "B-2").has_value());
        QVERIFY(!d.session.setValue(DebugScope::Env, "/x", 1).has_value()); // read-only

        d.session.continueRun();
        d.settle();
        QVERIFY(d.result);
        QCOMPARE(d.result->record.status, RunStatus::Succeeded);
        QCOMPARE(d.transport.log().size(), std::size_t(1));
        JSON_EQ(body(d.transport.log()[0]), (Json{{"n", 5}, {"sku", "B-2"}}));
        // The pause and each edit are `debug` spans: the edits inside the pause.
        const auto spans = d.debugSpans();
        QCOMPARE(spans.size(), std::size_t(3));
        const Span &pause = spans.back(); // closed last
        QCOMPARE(pause.name, std::string("paused: breakpoint"));
        QCOMPARE(pause.stepId, std::string("h1"));
        QCOMPARE(spans[0].name, std::string("set vars/a"));
        QCOMPARE(spans[0].parent, pause.id);
        JSON_EQ(spans[0].request["previous"], Json(1));
        JSON_EQ(spans[0].request["value"], Json(5));
        JSON_EQ(spans[1].request["scope"], Json("input"));
    }

    void requestPreviewShowsWhatWillBeSentRedactedAndFollowsEdits()
    {
        auto flow = flowFrom("tutti: 1\nname: preview\n"
                             "services:\n"
                             "  api:\n"
                             "    base_url: 'http://api'\n"
                             "    auth: { type: bearer, token: \"{{ secret.API_TOKEN }}\" }\n"
                             "steps:\n"
                             "  - { id: t1, type: transform, set: { n: 1 } }\n"
                             "  - id: h1\n"
                             "    type: http\n"
                             "    service: api\n"
                             "    request:\n"
                             "      method: POST\n"
                             "      path: \"/items/{{ input.sku }}\"\n"
                             "      query: { q: \"{{ vars.n }}\" }\n"
                             "      headers: { X-Trace: \"{{ uuid() }}\" }\n"
                             "      body: { n: \"{{ vars.n }}\" }\n"
                             "  - { id: done, type: respond, body: \"{{ steps.h1.body }}\" }\n");
        QVERIFY(flow);
        Debugged d;
        d.environment.secret = [](const std::string &name) -> std::optional<std::string> {
            if (name == "API_TOKEN")
                return std::string("tok-s3cr3t");
            return std::nullopt;
        };
        d.transport.script("POST mock://api/items/A%201", {FakeReply{200, "{}"}});
        d.session.setBreakpoints("", {{"t1", ""}, {"h1", ""}});
        d.start(flow, Json{{"sku", "A 1"}});
        // At a transform step there is no request to preview.
        QCOMPARE(d.stop().stepId, std::string("t1"));
        QVERIFY(d.session.scopeValue(DebugScope::Request).is_null());
        const auto before = d.session.scopes();
        QVERIFY(std::find(before.begin(), before.end(), DebugScope::Request) == before.end());
        d.session.continueRun();
        d.settle();
        QCOMPARE(d.stop().stepId, std::string("h1"));
        const auto scopes = d.session.scopes();
        QVERIFY(std::find(scopes.begin(), scopes.end(), DebugScope::Request) != scopes.end());

        const Json preview = d.session.scopeValue(DebugScope::Request);
        JSON_EQ(preview["method"], Json("POST"));
        JSON_EQ(preview["url"], Json("mock://api/items/A%201?q=1")); // path encoded, query added
        JSON_EQ(preview["body"], (Json{{"n", 1}}));
        const std::string text = preview.dump();
        QVERIFY2(text.find("tok-s3cr3t") == std::string::npos, text.c_str()); // secret redacted
        QVERIFY2(text.find("Authorization") != std::string::npos, text.c_str());
        QCOMPARE(d.transport.log().size(), std::size_t(0)); // previewing sends nothing
        // Previewing draws uuid() from a copy: reading it twice shows the same value, and the
        // request sent later carries that value too.
        const Json again = d.session.scopeValue(DebugScope::Request);
        JSON_EQ(again, preview);
        QVERIFY(!d.session.setValue(DebugScope::Request, "/url", "x").has_value()); // read-only

        // An edit shows in the preview at once.
        QVERIFY(d.session.setValue(DebugScope::Vars, "/n", 5).has_value());
        const Json edited = d.session.scopeValue(DebugScope::Request);
        JSON_EQ(edited["url"], Json("mock://api/items/A%201?q=5"));
        JSON_EQ(edited["body"], (Json{{"n", 5}}));
        // A value that cannot be sent is the error the step would fail with, not a crash.
        QVERIFY(d.session.setValue(DebugScope::Vars, "/n", "a\r\nX-Evil: 1").has_value());
        const Json refused = d.session.scopeValue(DebugScope::Request);
        QVERIFY2(refused.contains("not_sent"), refused.dump().c_str());
        QVERIFY(d.session.setValue(DebugScope::Vars, "/n", 5).has_value());

        d.session.continueRun();
        d.settle();
        QVERIFY2(d.result, d.session.isPaused() ? d.stop().description.c_str() : "not paused");
        QCOMPARE(d.result->record.status, RunStatus::Succeeded);
        QCOMPARE(d.transport.log().size(), std::size_t(1));
        const HttpRequest &sent = d.transport.log()[0];
        JSON_EQ(body(sent), (Json{{"n", 5}}));
        QCOMPARE(sent.url, std::string("mock://api/items/A%201?q=5"));
        const std::string *trace = findHeader(sent.headers, "X-Trace");
        QVERIFY(trace);
        JSON_EQ(Json(*trace), edited["headers"]["X-Trace"]);
    }

    void conditionsDecideAndBadOnesAreRefused()
    {
        auto flow =
            flowFrom("tutti: 1\nname: cond\nsteps:\n"
                     "  - id: each\n"
                     "    type: map\n"
                     "    items: \"{{ input.xs }}\"\n"
                     "    concurrency: 1\n"
                     "    steps:\n"
                     "      - { id: body, type: transform, set: { last: \"{{ item }}\" } }\n");
        QVERIFY(flow);
        Debugged d;
        auto problems = d.session.setBreakpoints("", {{"body", "item == 2"}, {"each", "1 +"}});
        QCOMPARE(problems.size(), std::size_t(2));
        QVERIFY(!problems[0]);
        QVERIFY(problems[1]); // a syntax error, and that breakpoint is not set
        d.start(flow, Json{{"xs", {1, 2, 3}}});
        QVERIFY(d.session.isPaused());
        QCOMPARE(d.stop().stepId, std::string("body"));
        JSON_EQ(*d.session.evaluate("item"), Json(2));
        JSON_EQ(*d.session.evaluate("index"), Json(1));
        QCOMPARE(d.stop().stack.size(), std::size_t(2));
        QCOMPARE(d.stop().stack[1].name, std::string("each › item 1"));
        d.session.continueRun();
        d.settle();
        QVERIFY(d.result);
        QCOMPARE(d.stops.size(), std::size_t(1));
        QCOMPARE(d.result->record.status, RunStatus::Succeeded);
    }

    void stepOverAndIntoParallelBranches()
    {
        auto flow = flowFrom("tutti: 1\nname: steps\nsteps:\n"
                             "  - { id: a, type: transform, set: { a: 1 } }\n"
                             "  - id: par\n"
                             "    type: parallel\n"
                             "    branches:\n"
                             "      - name: x\n"
                             "        steps:\n"
                             "          - { id: x1, type: transform, set: { x1: 1 } }\n"
                             "          - { id: x2, type: transform, set: { x2: 1 } }\n"
                             "      - name: y\n"
                             "        steps:\n"
                             "          - { id: y1, type: transform, set: { y1: 1 } }\n"
                             "  - { id: b, type: transform, set: { b: 1 } }\n");
        QVERIFY(flow);
        Debugged d;
        d.session.setStopOnEntry(true);
        d.start(flow);
        QCOMPARE(d.stop().reason, StopReason::Entry);
        QCOMPARE(d.stop().stepId, std::string("a"));
        d.session.stepOver();
        d.settle();
        QCOMPARE(d.stop().reason, StopReason::Step);
        QCOMPARE(d.stop().stepId, std::string("par"));
        d.session.stepIn();
        d.settle();
        QCOMPARE(d.stop().stepId, std::string("x1"));
        QCOMPARE(d.stop().stack.size(), std::size_t(2));
        QCOMPARE(d.stop().stack[1].name, std::string("par › branch x"));
        QCOMPARE(d.stop().stack[1].line, 5);
        // Over x1: y1 (another branch, held meanwhile) runs on; x2 is next in this branch.
        d.session.stepOver();
        d.settle();
        QCOMPARE(d.stop().stepId, std::string("x2"));
        // All-stop: y1 reached its turn while the run was paused, so it waits too.
        QVERIFY(!d.session.scopeValue(DebugScope::Vars).contains("y1"));
        // Over the branch's last step: out to the step after the parallel one.
        d.session.stepOver();
        d.settle();
        QCOMPARE(d.stop().stepId, std::string("b"));
        QCOMPARE(d.stop().stack.size(), std::size_t(1));
        JSON_EQ(*d.session.evaluate("vars.y1"), Json(1));
        d.session.continueRun();
        d.settle();
        QVERIFY(d.result);
        QCOMPARE(d.result->record.status, RunStatus::Succeeded);
        QCOMPARE(d.stops.size(), std::size_t(5));
    }

    void breakpointsAndStepInReachSubFlows()
    {
        QTemporaryDir dir;
        const std::string subPath = (dir.path() + "/sub.flow.yaml").toStdString();
        std::ofstream(subPath) << "tutti: 1\nname: sub\nsteps:\n"
                                  "  - { id: inner, type: transform, set: { got: "
                                  "\"{{ input.x }}\" } }\n"
                                  "  - { id: inner2, type: respond, body: \"{{ vars.got }}\" }\n";
        auto flow = flowFrom("tutti: 1\nname: main\nsteps:\n"
                             "  - { id: pre, type: transform, set: { p: 1 } }\n"
                             "  - { id: call, type: call, flow: sub.flow.yaml, input: { x: 21 } }\n"
                             "  - { id: after, type: respond, body: \"{{ steps.call }}\" }\n",
                             (dir.path() + "/main.flow.yaml").toStdString());
        QVERIFY(flow);
        Debugged d;
        d.session.setBreakpoints("", {{"call", ""}});
        d.start(flow);
        QCOMPARE(d.stop().stepId, std::string("call"));
        d.session.stepIn();
        d.settle();
        QCOMPARE(d.stop().stepId, std::string("inner"));
        QCOMPARE(d.stop().stack.size(), std::size_t(2));
        QVERIFY(QString::fromStdString(d.stop().stack[0].flowFile).endsWith("sub.flow.yaml"));
        QCOMPARE(d.stop().stack[1].name, std::string("call › sub-flow sub"));
        // The sub-flow's own input; the caller's frame (level 1) sees the caller's vars.
        JSON_EQ(d.session.scopeValue(DebugScope::Input), (Json{{"x", 21}}));
        JSON_EQ(d.session.scopeValue(DebugScope::Vars, 1), (Json{{"p", 1}}));
        QVERIFY(d.session.setValue(DebugScope::Input, "/x", 42).has_value());
        // A breakpoint in the sub-flow's file.
        d.session.setBreakpoints(d.stop().stack[0].flowFile, {{"inner2", ""}});
        d.session.continueRun();
        d.settle();
        QCOMPARE(d.stop().stepId, std::string("inner2"));
        QCOMPARE(d.stop().reason, StopReason::Breakpoint);
        d.session.continueRun();
        d.settle();
        QVERIFY(d.result);
        JSON_EQ(d.result->record.output, Json(42));
    }

    // The run's flow timeout, a container's timeout and a request's timeout are all suspended
    // while paused; another run on the same clock goes on meanwhile.
    void timeoutsDoNotFireWhilePausedAndOtherRunsGoOn()
    {
        auto flow = flowFrom("tutti: 1\nname: slow\n"
                             "services: { api: { base_url: 'http://api' } }\ntimeout: 1s\nsteps:\n"
                             "  - id: par\n"
                             "    type: parallel\n"
                             "    timeout: 800ms\n"
                             "    branches:\n"
                             "      - name: a\n"
                             "        steps:\n"
                             "          - { id: w, type: wait, duration: 300ms }\n"
                             "          - { id: h, type: http, service: api, timeout: 200ms, "
                             "request: { method: GET, path: /x } }\n"
                             "      - name: b\n"
                             "        steps:\n"
                             "          - { id: bw, type: wait, duration: 500ms }\n"
                             "  - { id: done, type: respond, body: \"{{ steps.h.body }}\" }\n");
        QVERIFY(flow);
        auto other = flowFrom("tutti: 1\nname: other\n"
                              "services: { api: { base_url: 'http://api' } }\nsteps:\n"
                              "  - { id: ow, type: wait, duration: 5s }\n"
                              "  - { id: oh, type: http, service: api, request: { method: GET, "
                              "path: /x } }\n");
        QVERIFY(other);
        Debugged d;
        FakeReply slow{200, "{\"ok\": true}"};
        slow.latency = 150 * kMillisecond;
        d.transport.script("GET mock://api/x", {slow});
        d.session.setBreakpoints("", {{"h", ""}});
        // The other run, not debugged, on the same clock.
        std::optional<RunResult> otherResult;
        RunDeps deps;
        deps.clock = &d.clock;
        deps.transport = &d.transport;
        FlowRun otherRun(other, deps, RunOptions{});
        otherRun.onFinished = [&](const RunResult &r) { otherResult = r; };
        otherRun.start();

        const Micros t0 = d.clock.now();
        RunDeps debugDeps;
        d.start(flow); // drives the clock until only the paused run is left: the other finishes
        QVERIFY(d.session.isPaused());
        QCOMPARE(d.stop().stepId, std::string("h"));
        QVERIFY(otherResult);
        QCOMPARE(otherResult->record.status, RunStatus::Succeeded);
        QVERIFY(d.clock.now() - t0 >= 5 * kSecond); // far beyond every timeout of the paused run
        QVERIFY(!d.result);
        d.clock.advanceTo(d.clock.now() + 30 * kSecond);
        QVERIFY(!d.result);
        d.session.continueRun();
        d.settle();
        QVERIFY(d.result);
        QCOMPARE(d.result->record.status, RunStatus::Succeeded);
        JSON_EQ(d.result->record.output, (Json{{"ok", true}}));
        const auto spans = d.debugSpans();
        QCOMPARE(spans.size(), std::size_t(1));
        QVERIFY(spans[0].duration >= 30 * kSecond);
    }

    void stopCancelsHeldStepsAndCompensates()
    {
        auto flow = flowFrom("tutti: 1\nname: stop\n"
                             "services: { api: { base_url: 'http://api' } }\nsteps:\n"
                             "  - id: r\n"
                             "    type: http\n"
                             "    service: api\n"
                             "    request: { method: POST, path: /res }\n"
                             "    compensate: { method: DELETE, path: /res/1 }\n"
                             "  - { id: h2, type: http, service: api, request: { method: POST, "
                             "path: /two } }\n");
        QVERIFY(flow);
        Debugged d;
        d.transport.script("POST mock://api/res", {FakeReply{201, "{}"}});
        d.transport.script("DELETE mock://api/res/1", {FakeReply{200, "{}"}});
        d.session.setBreakpoints("", {{"h2", ""}});
        d.start(flow);
        QCOMPARE(d.stop().stepId, std::string("h2"));
        d.session.stop();
        d.settle();
        QVERIFY(d.result);
        QCOMPARE(d.result->record.status, RunStatus::Compensated);
        QCOMPARE(d.transport.count("POST mock://api/two"), 0);
        QCOMPARE(d.transport.count("DELETE mock://api/res/1"), 1);
        QVERIFY(!d.session.isPaused());
        QVERIFY(d.session.isFinished());
    }

    void unhandledErrorStopsBeforeCompensation()
    {
        auto flow = flowFrom("tutti: 1\nname: boom\n"
                             "services: { api: { base_url: 'http://api' } }\nsteps:\n"
                             "  - id: r\n"
                             "    type: http\n"
                             "    service: api\n"
                             "    request: { method: POST, path: /res }\n"
                             "    compensate: { method: DELETE, path: /res/1 }\n"
                             "  - id: par\n"
                             "    type: parallel\n"
                             "    branches:\n"
                             "      - { name: x, steps: [ { id: bad, type: http, service: api, "
                             "request: { method: POST, path: /bad } } ] }\n");
        QVERIFY(flow);
        Debugged d;
        d.transport.script("POST mock://api/res", {FakeReply{201, "{}"}});
        d.transport.script("POST mock://api/bad", {FakeReply{500, "{}"}});
        d.transport.script("DELETE mock://api/res/1", {FakeReply{200, "{}"}});
        d.start(flow);
        QVERIFY(d.session.isPaused());
        QCOMPARE(d.stop().reason, StopReason::Exception);
        QCOMPARE(d.stop().stepId, std::string("bad"));
        JSON_EQ(d.stop().error["type"], Json("http.500"));
        QCOMPARE(d.stop().stack.size(), std::size_t(2)); // bad, par › branch x
        QCOMPARE(d.stop().stack[1].name, std::string("par › branch x"));
        JSON_EQ(d.session.scopeValue(DebugScope::Error)["type"], Json("http.500"));
        QCOMPARE(d.transport.count("DELETE mock://api/res/1"), 0); // not compensated yet
        d.session.continueRun();
        d.settle();
        QVERIFY(d.result);
        QCOMPARE(d.result->record.status, RunStatus::Compensated);
        QCOMPARE(d.transport.count("DELETE mock://api/res/1"), 1);
    }

    void pauseStopsBeforeTheNextStep()
    {
        auto flow = flowFrom("tutti: 1\nname: pause\nsteps:\n"
                             "  - { id: w, type: wait, duration: 1s }\n"
                             "  - { id: t, type: transform, set: { t: 1 } }\n");
        QVERIFY(flow);
        Debugged d;
        d.start(flow); // no breakpoint: it finishes
        QVERIFY(d.result);
        QCOMPARE(d.stops.size(), std::size_t(0));

        Debugged p;
        RunDeps deps;
        p.session.onStopped = [&](const DebugStop &stop) { p.stops.push_back(stop); };
        deps.clock = &p.clock;
        deps.transport = &p.transport;
        deps.debugger = &p.session;
        p.run = std::make_unique<FlowRun>(flow, deps, RunOptions{});
        p.run->onFinished = [&](const RunResult &r) { p.result = r; };
        p.run->start();
        p.clock.advanceTo(p.clock.now() + 500 * kMillisecond); // inside the wait
        p.session.pause();
        p.settle();
        QVERIFY(p.session.isPaused());
        QCOMPARE(p.stop().reason, StopReason::Pause);
        QCOMPARE(p.stop().stepId, std::string("t"));
        p.session.continueRun();
        p.settle();
        QVERIFY(p.result);
        QCOMPARE(p.result->record.status, RunStatus::Succeeded);
    }
};

QTEST_GUILESS_MAIN(TestDebugSession)
#include "tst_debugsession.moc"

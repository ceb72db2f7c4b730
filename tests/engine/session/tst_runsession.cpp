// RunSession and RunPlan: every way setting a run up can fail comes back as located errors with its
// stage (missing or broken flow, unknown environment, transport refusal such as a bad profile, bad
// input, unwritable trace store), nothing starts then; a run through a fake TransportProvider
// starts as a job and finishes exactly once, stored where the trace target says.
// LABELS: unit
#include "../runtime/faketransport.h"

#include <engine/session/runsession.h>
#include <engine/trace/tracestore.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tutti::engine;
using tutti::engine::test::FakeReply;
using tutti::engine::test::FakeTransport;
using tutti::engine::test::RecordingSink;

namespace {

// Answers every request of the flow from a script; remembers what it was asked.
class FakeProvider final : public TransportProvider {
public:
    std::expected<std::unique_ptr<HttpTransport>, Errors>
    transport(const TransportRequest &request) override
    {
        ++calls;
        environment = request.environment.name;
        profiles = request.profiles;
        flowNames.clear();
        for (const auto &flow : request.flows)
            flowNames.push_back(flow->name);
        // A provider reports unreadable files located, as the mock provider does for profiles.
        for (const std::string &p : request.profiles)
            if (p.ends_with("bad.profile.yaml"))
                return std::unexpected(Errors{{ErrorCode::Schema,
                                               "profile names service 'nosuch', which has no mock",
                                               SourceLocation{p, 3, 3},
                                               {}}});
        auto fake = std::make_unique<FakeTransport>(request.clock);
        fake->script("POST mock://pay/charges", {FakeReply{201, "{\"id\": \"c-1\"}"}});
        return fake;
    }

    int calls = 0;
    std::string environment;
    std::vector<std::string> profiles;
    std::vector<std::string> flowNames;
};

const char *kFlow = "tutti: 1\n"
                    "name: order\n"
                    "input:\n"
                    "  type: object\n"
                    "  required: [qty]\n"
                    "  properties:\n"
                    "    qty: { type: integer, minimum: 1 }\n"
                    "services:\n"
                    "  pay: {}\n"
                    "steps:\n"
                    "  - id: charge\n"
                    "    type: http\n"
                    "    service: pay\n"
                    "    request: { method: POST, path: /charges }\n"
                    "  - id: nested\n"
                    "    type: call\n"
                    "    flow: sub.flow.yaml\n"
                    "  - id: done\n"
                    "    type: respond\n"
                    "    status: 201\n"
                    "    body: { charge: \"{{ steps.charge.body.id }}\" }\n";

const char *kSubFlow = "tutti: 1\n"
                       "name: sub\n"
                       "steps:\n"
                       "  - id: answer\n"
                       "    type: respond\n"
                       "    body: { ok: true }\n";

const char *kWorkspace = "tutti-workspace: 1\n"
                         "environments:\n"
                         "  staging:\n"
                         "    services: { pay: \"https://pay.example.com\" }\n";

} // namespace

class tst_RunSession : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }
    void write(const char *name, const char *text)
    {
        QFile f(m_dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }
    RunRequest request(VirtualClock &clock, Json input = Json{{"qty", 2}}) const
    {
        RunRequest r;
        r.flow.path = path("order.flow.yaml");
        r.input = std::move(input);
        r.seed = 7;
        r.trace = TraceTarget::none();
        r.clock = &clock;
        return r;
    }
    static SetupError setupError(const RunRequest &r, FakeProvider &provider)
    {
        auto session = RunSession::create(r, provider);
        if (session)
            return {SetupStage::Flow, {}}; // no errors: the caller's QVERIFY on them fails
        return session.error();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        write("tutti.yaml", kWorkspace);
        write("order.flow.yaml", kFlow);
        write("sub.flow.yaml", kSubFlow);
        write("broken.flow.yaml", "tutti: 1\nname: broken\nsteps:\n  - id: a\n    type: htp\n");
    }

    void missingFlow()
    {
        VirtualClock clock;
        FakeProvider provider;
        RunRequest r = request(clock);
        r.flow.path = path("nosuch.flow.yaml");
        const SetupError e = setupError(r, provider);
        QCOMPARE(e.stage, SetupStage::Flow);
        QVERIFY(!e.errors.empty());
        QCOMPARE(e.errors.front().location.file, r.flow.path);
        QCOMPARE(provider.calls, 0); // nothing after the flow was tried
    }

    void brokenFlowIsLocated()
    {
        VirtualClock clock;
        FakeProvider provider;
        RunRequest r = request(clock);
        r.flow.path = path("broken.flow.yaml");
        const SetupError e = setupError(r, provider);
        QCOMPARE(e.stage, SetupStage::Flow);
        QVERIFY(!e.errors.empty());
        QCOMPARE(e.errors.front().location.line, 5);
        QVERIFY2(e.text().find("broken.flow.yaml:5:") != std::string::npos, e.text().c_str());
    }

    void unknownEnvironment()
    {
        VirtualClock clock;
        FakeProvider provider;
        RunRequest r = request(clock);
        r.environment = "nowhere";
        const SetupError e = setupError(r, provider);
        QCOMPARE(e.stage, SetupStage::Environment);
        QVERIFY2(e.text().find("nowhere") != std::string::npos, e.text().c_str());
        QCOMPARE(provider.calls, 0);
    }

    void badProfileIsATransportError()
    {
        VirtualClock clock;
        FakeProvider provider;
        RunRequest r = request(clock);
        r.profiles = {path("bad.profile.yaml")};
        const SetupError e = setupError(r, provider);
        QCOMPARE(e.stage, SetupStage::Transport);
        QCOMPARE(e.errors.size(), std::size_t(1));
        QCOMPARE(e.errors.front().location.file, path("bad.profile.yaml"));
        QCOMPARE(e.errors.front().location.line, 3);
        QCOMPARE(provider.profiles, r.profiles); // handed through as given
    }

    void badInputNamesItsPointer()
    {
        VirtualClock clock;
        FakeProvider provider;
        const SetupError e = setupError(request(clock, Json{{"qty", "two"}}), provider);
        QCOMPARE(e.stage, SetupStage::Input);
        QCOMPARE(e.errors.size(), std::size_t(1));
        QCOMPARE(e.errors.front().path, std::string("/qty"));
        QVERIFY2(e.errors.front().message.starts_with("input /qty: "),
                 e.errors.front().message.c_str());
        QCOMPARE(provider.calls, 0); // the input is checked before any transport is made

        const SetupError missing = setupError(request(clock, Json::object()), provider);
        QCOMPARE(missing.stage, SetupStage::Input);
        QVERIFY(missing.errors.front().message.starts_with("input: "));
    }

    void unwritableTraceStore()
    {
        VirtualClock clock;
        FakeProvider provider;
        RunRequest r = request(clock);
        // A folder where the database file should be: SQLite cannot open it.
        QVERIFY(QDir(m_dir.path()).mkpath("db-is-a-folder"));
        r.trace = TraceTarget::database(path("db-is-a-folder"));
        const SetupError e = setupError(r, provider);
        QCOMPARE(e.stage, SetupStage::Trace);
        QVERIFY(!e.errors.empty());
    }

    void planReadsSubFlowsOnce()
    {
        auto plan = RunPlan::load({path("order.flow.yaml"), {}, {}}, "staging");
        QVERIFY(plan.has_value());
        QCOMPARE(plan->flows().size(), std::size_t(2));
        QCOMPARE(plan->flows()[1]->name, std::string("sub"));
        QVERIFY(plan->subFlowErrors().empty());
        QCOMPARE(plan->environment().name, std::string("staging"));
        QCOMPARE(plan->environment().serviceUrls.at("pay"), std::string("https://pay.example.com"));
        Errors errors;
        QCOMPARE(plan->flowLoader()(path("sub.flow.yaml"), errors), plan->flows()[1]);
        QVERIFY(errors.empty());

        // A sub-flow that does not parse does not stop the plan: a run fails at that call.
        write("calls-broken.flow.yaml", "tutti: 1\nname: calls_broken\nsteps:\n"
                                        "  - id: nested\n    type: call\n"
                                        "    flow: broken.flow.yaml\n");
        auto broken = RunPlan::load({path("calls-broken.flow.yaml"), {}, {}}, "mock");
        QVERIFY2(broken.has_value(), broken ? "" : broken.error().text().c_str());
        QCOMPARE(broken->flows().size(), std::size_t(1));
        QVERIFY(!broken->subFlowErrors().empty());
        QCOMPARE(broken->subFlowErrors().front().location.file, path("broken.flow.yaml"));
    }

    void runsThroughTheProviderAndFinishesOnce()
    {
        VirtualClock clock;
        FakeProvider provider;
        RecordingSink live;
        RunRequest r = request(clock);
        r.sinks = {&live};
        r.profiles = {path("some.profile.yaml")};
        auto created = RunSession::create(r, provider);
        QVERIFY2(created.has_value(), created ? "" : created.error().text().c_str());
        RunSession &session = **created;
        QCOMPARE(provider.calls, 1);
        QCOMPARE(provider.environment, std::string("mock"));
        QCOMPARE(provider.flowNames, (std::vector<std::string>{"order", "sub"}));
        QCOMPARE(session.seed(), std::uint64_t(7));
        QVERIFY(session.traceDatabase().empty());

        int finished = 0;
        RunResult result;
        session.onFinished = [&](const RunResult &res) {
            ++finished;
            result = res;
        };
        session.start();
        QCOMPARE(finished, 0); // never from inside start()
        QVERIFY(session.isStarted());
        clock.runUntilIdle();
        QCOMPARE(finished, 1);
        QVERIFY(session.isFinished());
        QCOMPARE(result.record.status, RunStatus::Succeeded);
        QCOMPARE(result.record.seed, std::uint64_t(7));
        QCOMPARE(result.httpStatus, 201);
        QVERIFY(result.record.output == Json({{"charge", "c-1"}}));
        QVERIFY(!live.spans.empty()); // the live sink saw the run
        session.cancel();             // after the end: nothing happens, no second finish
        clock.runUntilIdle();
        QCOMPARE(finished, 1);
    }

    void unsavedTextRunsAndTraceIsStored()
    {
        VirtualClock clock;
        FakeProvider provider;
        RunRequest r = request(clock);
        // The studio's unsaved edits: the text runs, the file only places it in its workspace.
        std::string edited = kFlow;
        edited.replace(edited.find("status: 201"), 11, "status: 202");
        r.flow.text = edited;
        r.trace = TraceTarget::database(path("traces.db"));
        auto created = RunSession::create(r, provider);
        QVERIFY2(created.has_value(), created ? "" : created.error().text().c_str());
        RunSession &session = **created;
        QCOMPARE(session.traceDatabase(), path("traces.db"));
        int finished = 0;
        session.onFinished = [&](const RunResult &res) {
            ++finished;
            QCOMPARE(res.httpStatus, 202);
        };
        session.start();
        clock.runUntilIdle();
        QCOMPARE(finished, 1);
        QVERIFY(!session.traceError());

        TraceStore store;
        QVERIFY(store.open(path("traces.db")).has_value());
        auto stored = store.loadRun(session.record().id);
        QVERIFY(stored.has_value());
        QCOMPARE(stored->first.status, RunStatus::Succeeded);
        QVERIFY(!stored->second.empty());
    }

    void loadedFlowNeedsNoFile()
    {
        VirtualClock clock;
        FakeProvider provider;
        auto plan = RunPlan::load({path("order.flow.yaml"), {}, {}}, "mock");
        QVERIFY(plan.has_value());
        RunRequest r = request(clock);
        r.flow = {{}, {}, plan->flow()}; // serve's way: a flow already parsed
        auto created = RunSession::create(r, provider);
        QVERIFY2(created.has_value(), created ? "" : created.error().text().c_str());
        QCOMPARE((*created)->plan().flow(), plan->flow());
        QCOMPARE((*created)->plan().path(), plan->flow()->filePath);
    }

    void droppedInFlightWithoutCallbacks()
    {
        VirtualClock clock;
        FakeProvider provider;
        auto created = RunSession::create(request(clock), provider);
        QVERIFY(created.has_value());
        int finished = 0;
        (*created)->onFinished = [&](const RunResult &) { ++finished; };
        (*created)->start();
        clock.runNext(); // under way
        created->reset();
        clock.runUntilIdle();
        QCOMPARE(finished, 0);
    }
};

QTEST_GUILESS_MAIN(tst_RunSession)
#include "tst_runsession.moc"

// Run from here (engine/session/runfrom.h, RunRequest::from): a run started at a step reuses the
// input, results and vars of an earlier run for the steps before it and calls nothing for them;
// reused steps are recorded as such and compensated when a later step fails; every way the reuse
// can be wrong (unknown or nested step, another flow's run, missing or compensated results, a
// damaged record) is a SetupStage::Reuse error naming it, never a crash.
// LABELS: unit
#include "../runtime/faketransport.h"

#include <engine/core/jsonio.h>
#include <engine/session/runfrom.h>
#include <engine/session/runsession.h>
#include <engine/trace/tracestore.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace tutti::engine;
using tutti::engine::test::FakeReply;
using tutti::engine::test::FakeTransport;

namespace {

// Hands each session a FakeTransport scripted from `replies`, and keeps a pointer to it (the
// session owns it) so a test can read which calls were made.
class Provider final : public TransportProvider {
public:
    std::expected<std::unique_ptr<HttpTransport>, Errors>
    transport(const TransportRequest &request) override
    {
        auto fake = std::make_unique<FakeTransport>(request.clock);
        for (const auto &[route, reply] : replies)
            fake->script(route, {reply});
        last = fake.get();
        return fake;
    }
    std::vector<std::pair<std::string, FakeReply>> replies = {
        {"POST mock://inv/reservations", {201, "{\"id\": \"r-1\", \"price\": 21}"}},
        {"DELETE mock://inv/reservations/r-1", {204, ""}},
        {"POST mock://ship/quotes", {201, "{\"id\": \"q-1\"}"}},
        {"POST mock://pay/charges", {201, "{\"id\": \"c-1\"}"}},
    };
    FakeTransport *last = nullptr;
};

const char *kFlow = "tutti: 1\n"
                    "name: order\n"
                    "input:\n"
                    "  type: object\n"
                    "  required: [sku]\n"
                    "services:\n"
                    "  inv: {}\n"
                    "  ship: {}\n"
                    "  pay: {}\n"
                    "steps:\n"
                    "  - id: reserve\n"
                    "    type: http\n"
                    "    service: inv\n"
                    "    request: { method: POST, path: /reservations, body: { sku: \"{{ "
                    "input.sku }}\" } }\n"
                    "    compensate: { method: DELETE, path: \"/reservations/{{ "
                    "steps.reserve.body.id }}\" }\n"
                    "  - id: price\n"
                    "    type: transform\n"
                    "    set: { total: \"{{ steps.reserve.body.price * 2 }}\" }\n"
                    "  - id: fan\n"
                    "    type: parallel\n"
                    "    branches:\n"
                    "      - name: a\n"
                    "        steps:\n"
                    "          - { id: quote, type: http, service: ship, request: { method: POST, "
                    "path: /quotes } }\n"
                    "      - name: b\n"
                    "        steps:\n"
                    "          - { id: note, type: transform, set: { noted: true } }\n"
                    "  - id: charge\n"
                    "    type: http\n"
                    "    service: pay\n"
                    "    request:\n"
                    "      method: POST\n"
                    "      path: /charges\n"
                    "      body: { amount: \"{{ vars.total }}\", quote: \"{{ steps.quote.body.id "
                    "}}\", sku: \"{{ input.sku }}\" }\n"
                    "  - id: done\n"
                    "    type: respond\n"
                    "    status: 201\n"
                    "    body: { charge: \"{{ steps.charge.body.id }}\", total: \"{{ vars.total "
                    "}}\", noted: \"{{ vars.noted }}\" }\n";

std::vector<std::string> calls(const FakeTransport &t)
{
    std::vector<std::string> out;
    for (const HttpRequest &r : t.log())
        out.push_back(r.method + " " + r.url);
    return out;
}

void execSql(const std::string &path, const char *sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

bool mentions(const SetupError &e, const std::string &text)
{
    return e.text().find(text) != std::string::npos;
}

} // namespace

class tst_RunFrom : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }
    std::string db() const { return path("traces.db"); }
    void write(const char *name, const std::string &text)
    {
        QFile f(m_dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text.data(), static_cast<qint64>(text.size()));
    }
    RunRequest request(VirtualClock &clock, const char *flow = "order.flow.yaml") const
    {
        RunRequest r;
        r.flow.path = path(flow);
        r.input = Json{{"sku", "A1"}};
        r.seed = ++m_seed; // run ids come from the seed and the (virtual) clock: one each
        r.trace = TraceTarget::database(db());
        r.clock = &clock;
        return r;
    }
    // Runs to the end; the run's record (status Running when setup failed: see `error`).
    RunRecord run(const RunRequest &r, Provider &provider, SetupError *error = nullptr,
                  RunSession **keep = nullptr)
    {
        auto created = RunSession::create(r, provider);
        if (!created) {
            if (error)
                *error = created.error();
            return {};
        }
        m_sessions.push_back(std::move(*created));
        RunSession &session = *m_sessions.back();
        RunRecord out;
        session.onFinished = [&](const RunResult &res) { out = res.record; };
        session.start();
        static_cast<VirtualClock *>(r.clock)->runUntilIdle();
        if (keep)
            *keep = &session;
        return out;
    }
    RunTrace stored(const std::string &id)
    {
        TraceStore store;
        if (!store.open(db()))
            return {};
        auto trace = store.loadRun(id);
        return trace ? *trace : RunTrace{};
    }
    const StepSummary *summary(const RunRecord &r, const std::string &id)
    {
        for (const StepSummary &s : r.steps)
            if (s.id == id)
                return &s;
        return nullptr;
    }
    std::vector<std::unique_ptr<RunSession>> m_sessions;
    mutable std::uint64_t m_seed = 0;
    std::string m_first; // a full, successful run of order.flow.yaml

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        write("order.flow.yaml", kFlow);
        std::string other = kFlow;
        other.replace(other.find("name: order"), 11, "name: other");
        write("other.flow.yaml", other);
        VirtualClock clock;
        Provider provider;
        const RunRecord first = run(request(clock), provider);
        QCOMPARE(first.status, RunStatus::Succeeded);
        QCOMPARE(calls(*provider.last),
                 (std::vector<std::string>{"POST mock://inv/reservations",
                                           "POST mock://ship/quotes", "POST mock://pay/charges"}));
        m_first = first.id;
    }

    void traceKeepsResultsAndVars()
    {
        const RunTrace trace = stored(m_first);
        QVERIFY(!trace.second.empty());
        bool sawReserve = false, sawPrice = false, sawQuote = false;
        for (const Span &s : trace.second) {
            if (s.kind != SpanKind::Step)
                continue;
            // Every step has a result but `done`, which responded (a respond ends the run).
            QVERIFY2(s.result.has_value() == (s.stepId != "done"), s.stepId.c_str());
            if (s.stepId == "reserve") {
                sawReserve = true;
                QVERIFY((*s.result)["body"]["id"] == Json("r-1"));
                QVERIFY((*s.result)["status"] == Json(201));
                QVERIFY(s.vars.is_null()); // vars unchanged by it
            }
            if (s.stepId == "price") {
                sawPrice = true;
                QVERIFY(s.vars == Json({{"total", 42}}));
            }
            if (s.stepId == "quote") {
                sawQuote = true;
                QVERIFY(s.parent != 0);    // inside the branch
                QVERIFY(s.vars.is_null()); // only top-level spans carry vars
            }
            QVERIFY(s.reusedFrom.empty());
        }
        QVERIFY(sawReserve && sawPrice && sawQuote);
    }

    void fromAStepCallsOnlyFromThereOn()
    {
        VirtualClock clock;
        Provider provider;
        RunRequest r = request(clock);
        r.input = Json::object(); // ignored: the earlier run's input is reused
        r.from = RunFrom{"charge", m_first.substr(0, 8), {}, true};
        RunSession *session = nullptr;
        const RunRecord second = run(r, provider, nullptr, &session);
        QCOMPARE(second.status, RunStatus::Succeeded);
        QCOMPARE(session->reusedRun(), m_first);
        QVERIFY(session->reuseWarnings().empty());
        QCOMPARE(calls(*provider.last), (std::vector<std::string>{"POST mock://pay/charges"}));
        const Json body = parseJson(provider.last->log().front().body).value_or(Json());
        QVERIFY(body == Json({{"amount", 42}, {"quote", "q-1"}, {"sku", "A1"}}));
        QVERIFY(second.output == Json({{"charge", "c-1"}, {"total", 42}, {"noted", true}}));
        QVERIFY(second.input == Json({{"sku", "A1"}}));
        for (const char *id : {"reserve", "price", "fan", "quote", "note"}) {
            const StepSummary *s = summary(second, id);
            QVERIFY2(s, id);
            QCOMPARE(s->reusedFrom, m_first);
            QCOMPARE(s->status, StepStatus::Succeeded);
            QCOMPARE(s->attempts, 0);
        }
        QVERIFY(summary(second, "charge")->reusedFrom.empty());
        QCOMPARE(summary(second, "charge")->attempts, 1);

        // Stored as reused spans (no attempts under them), with their results: the new run can
        // be reused in turn, and from it a run from `done` calls nothing at all.
        const RunTrace trace = stored(second.id);
        int reused = 0;
        for (const Span &s : trace.second)
            if (!s.reusedFrom.empty()) {
                ++reused;
                QCOMPARE(s.kind, SpanKind::Step);
                QCOMPARE(s.status, SpanStatus::Ok);
                QCOMPARE(s.duration, Micros(0));
                QVERIFY(s.result.has_value());
                for (const Span &child : trace.second)
                    QVERIFY(child.parent != s.id);
            }
        QCOMPARE(reused, 5);
        VirtualClock clock2;
        Provider provider2;
        RunRequest again = request(clock2);
        again.from = RunFrom{"done", second.id, {}, true};
        const RunRecord third = run(again, provider2);
        QCOMPARE(third.status, RunStatus::Succeeded);
        QVERIFY(provider2.last->log().empty());
        QVERIFY(third.output == second.output);
        QCOMPARE(summary(third, "charge")->reusedFrom, second.id);
    }

    void fromTheFirstStepReusesOnlyTheInput()
    {
        VirtualClock clock;
        Provider provider;
        RunRequest r = request(clock);
        r.from = RunFrom{"reserve", m_first, {}, true};
        const RunRecord rerun = run(r, provider);
        QCOMPARE(rerun.status, RunStatus::Succeeded);
        QCOMPARE(provider.last->log().size(), std::size_t(3));
    }

    void ownInputReplacesTheReusedOne()
    {
        VirtualClock clock;
        Provider provider;
        RunRequest r = request(clock);
        r.input = Json{{"sku", "B2"}};
        r.from = RunFrom{"charge", m_first, {}, false};
        const RunRecord rerun = run(r, provider);
        QCOMPARE(rerun.status, RunStatus::Succeeded);
        const Json body = parseJson(provider.last->log().front().body).value_or(Json());
        QVERIFY(body["sku"] == Json("B2"));
        // and it is checked against the schema like any input
        r.input = Json::object();
        SetupError error;
        run(r, provider, &error);
        QCOMPARE(error.stage, SetupStage::Input);
    }

    // The reserve call happened in the earlier run: its effect is real, so when a later step
    // fails the new run undoes it (once), with the reused result in the compensation's path.
    void laterFailureCompensatesReusedSteps()
    {
        VirtualClock clock;
        Provider provider;
        provider.replies[3].second = FakeReply{500, "{\"error\": \"down\"}"};
        RunRequest r = request(clock);
        r.from = RunFrom{"charge", m_first, {}, true};
        const RunRecord failed = run(r, provider);
        QCOMPARE(failed.status, RunStatus::Compensated);
        QCOMPARE(calls(*provider.last),
                 (std::vector<std::string>{"POST mock://pay/charges",
                                           "DELETE mock://inv/reservations/r-1"}));
        QCOMPARE(summary(failed, "reserve")->status, StepStatus::Compensated);
        QCOMPARE(summary(failed, "reserve")->reusedFrom, m_first);

        // That run undid the reservation: reusing it again is refused, naming the step.
        VirtualClock clock2;
        Provider provider2;
        RunRequest again = request(clock2);
        again.from = RunFrom{"charge", failed.id, {}, true};
        SetupError error;
        run(again, provider2, &error);
        QCOMPARE(error.stage, SetupStage::Reuse);
        QVERIFY2(mentions(error, "step 'reserve' was compensated there"), error.text().c_str());
        QVERIFY(!provider2.last); // refused before any transport was asked for
    }

    void unknownStepSuggestsTheClosest()
    {
        VirtualClock clock;
        Provider provider;
        RunRequest r = request(clock);
        r.from = RunFrom{"chrage", m_first, {}, true};
        SetupError error;
        run(r, provider, &error);
        QCOMPARE(error.stage, SetupStage::Reuse);
        QVERIFY2(mentions(error, "has no step 'chrage' (did you mean 'charge'?)"),
                 error.text().c_str());
        r.from = RunFrom{"zzzzzzzz", m_first, {}, true};
        run(r, provider, &error);
        QVERIFY2(mentions(error, "its top-level steps are reserve, price, fan, charge, done"),
                 error.text().c_str());
    }

    void stepInsideAContainerNamesIt()
    {
        VirtualClock clock;
        Provider provider;
        RunRequest r = request(clock);
        r.from = RunFrom{"quote", m_first, {}, true};
        SetupError error;
        run(r, provider, &error);
        QCOMPARE(error.stage, SetupStage::Reuse);
        QVERIFY2(mentions(error, "inside the parallel step 'fan'"), error.text().c_str());
        QVERIFY2(mentions(error, "run from 'fan' instead"), error.text().c_str());
        QCOMPARE(error.errors.front().location.file, path("order.flow.yaml"));
    }

    void runOfAnotherFlowIsRefused()
    {
        VirtualClock clock;
        Provider provider;
        RunRequest r = request(clock, "other.flow.yaml");
        r.from = RunFrom{"charge", m_first, {}, true};
        SetupError error;
        run(r, provider, &error);
        QCOMPARE(error.stage, SetupStage::Reuse);
        QVERIFY2(mentions(error, "is a run of the flow 'order'"), error.text().c_str());
        QVERIFY2(mentions(error, "not of 'other'"), error.text().c_str());
    }

    void unknownRunAndMissingDatabase()
    {
        VirtualClock clock;
        Provider provider;
        RunRequest r = request(clock);
        r.from = RunFrom{"charge", "run_nosuch", {}, true};
        SetupError error;
        run(r, provider, &error);
        QCOMPARE(error.stage, SetupStage::Reuse);
        QVERIFY2(mentions(error, "no run 'run_nosuch'"), error.text().c_str());
        r.from = RunFrom{"charge", m_first, path("nothere/traces.db"), true};
        run(r, provider, &error);
        QCOMPARE(error.stage, SetupStage::Reuse);
        QVERIFY2(mentions(error, "no trace database at"), error.text().c_str());
        QVERIFY(!QFile::exists(m_dir.filePath("nothere/traces.db"))); // reading creates nothing
    }

    // The flow changed: a step added before `charge` that charge reads has no result in the run.
    void resultMissingBecauseTheFlowChanged()
    {
        std::string changed = kFlow;
        changed.replace(changed.find("  - id: charge\n"), 15,
                        "  - id: audit\n    type: transform\n    set: { seen: true }\n"
                        "  - id: charge\n");
        changed.replace(changed.rfind("input.sku"), 9, "steps.audit.seen");
        write("changed.flow.yaml", changed);
        VirtualClock clock;
        Provider provider;
        RunRequest r = request(clock, "changed.flow.yaml");
        r.from = RunFrom{"charge", m_first, {}, true};
        SetupError error;
        run(r, provider, &error);
        QVERIFY2(error.stage == SetupStage::Reuse, error.text().c_str());
        QVERIFY2(mentions(error, "step 'audit' did not run there before 'charge' (was it added to "
                                 "the flow since?)"),
                 error.text().c_str());
        QVERIFY2(mentions(error, "read steps.audit; run from 'audit' or earlier"),
                 error.text().c_str());
        // From `audit` itself it works: only what it and later steps read must exist.
        r.from = RunFrom{"audit", m_first, {}, true};
        QCOMPARE(run(r, provider).status, RunStatus::Succeeded);
        QCOMPARE(calls(*provider.last), (std::vector<std::string>{"POST mock://pay/charges"}));
    }

    // A step that failed in the earlier run left no result: running past it is refused.
    void resultMissingBecauseTheStepFailed()
    {
        VirtualClock clock;
        Provider provider;
        provider.replies[2].second = FakeReply{503, "{}"}; // quote fails, fan fails
        const RunRecord failed = run(request(clock), provider);
        QCOMPARE(failed.status, RunStatus::Compensated);
        VirtualClock clock2;
        Provider provider2;
        RunRequest r = request(clock2);
        r.from = RunFrom{"charge", failed.id, {}, true};
        SetupError error;
        run(r, provider2, &error);
        QCOMPARE(error.stage, SetupStage::Reuse);
        QVERIFY2(mentions(error, "step 'quote' did not succeed there (error: http.503"),
                 error.text().c_str());
        QVERIFY2(mentions(error, "run from 'fan' or earlier"), error.text().c_str());
        QVERIFY2(mentions(error, "step 'reserve' was compensated there"), error.text().c_str());
    }

    // A result holds response headers as the flow reads them: the always-redacted ones are
    // stored masked, and reusing them warns that the mask, not the cookie, is what later steps get.
    void sensitiveHeadersAreStoredMasked()
    {
        VirtualClock clock;
        Provider provider;
        provider.replies[0].second.headers = {{"Content-Type", "application/json"},
                                              {"Set-Cookie", "sid=s3cr3t-cookie"}};
        const RunRecord first = run(request(clock), provider);
        QCOMPARE(first.status, RunStatus::Succeeded);
        const RunTrace trace = stored(first.id);
        bool seen = false;
        for (const Span &s : trace.second)
            if (s.kind == SpanKind::Step && s.stepId == "reserve") {
                seen = true;
                QVERIFY(s.result->at("headers").at("set-cookie") == Json("[REDACTED]"));
                QVERIFY(dumpJson(*s.result).find("s3cr3t") == std::string::npos);
            }
        QVERIFY(seen);
        VirtualClock clock2;
        Provider provider2;
        RunRequest r = request(clock2);
        r.from = RunFrom{"charge", first.id, {}, true};
        RunSession *session = nullptr;
        QCOMPARE(run(r, provider2, nullptr, &session).status, RunStatus::Succeeded);
        QCOMPARE(session->reuseWarnings().size(), std::size_t(1));
        QVERIFY(session->reuseWarnings().front().find("step 'reserve'") != std::string::npos);
    }

    // Hostile records: the pure reuseRun() on traces mangled in memory, and a damaged column and
    // a file that is no database on disk. Each is a clear error (or, where the record still makes
    // sense, a reuse), never a crash or a hang.
    void damagedRecordsAreErrors()
    {
        auto plan = RunPlan::load({path("order.flow.yaml"), {}, {}}, "mock");
        QVERIFY(plan.has_value());
        const Flow &flow = *plan->flow();
        const RunTrace good = stored(m_first);
        auto fine = reuseRun(flow, good, "charge");
        QVERIFY2(fine.has_value(), fine ? "" : fine.error().text().c_str());

        RunTrace t = good;
        for (Span &s : t.second)
            if (s.stepId == "fan" && s.kind == SpanKind::Step) // the last vars before charge
                s.vars = "{not json";
        auto r = reuseRun(flow, t, "charge");
        QVERIFY(!r);
        QVERIFY2(mentions(r.error(), "damaged record of the vars after step 'fan'"),
                 r.error().text().c_str());

        t = good;
        for (Span &s : t.second)
            if (s.stepId == "reserve" && s.kind == SpanKind::Step)
                s.damaged = true;
        r = reuseRun(flow, t, "charge");
        QVERIFY(!r);
        QVERIFY2(mentions(r.error(), "damaged record of step 'reserve'"), r.error().text().c_str());

        t = good; // parents that loop or dangle: the results under them are not reused
        for (Span &s : t.second)
            if (s.kind == SpanKind::Branch)
                s.parent = s.id;
        r = reuseRun(flow, t, "charge");
        QVERIFY(!r);
        QVERIFY2(mentions(r.error(), "'quote'"), r.error().text().c_str());
        t = good;
        for (Span &s : t.second)
            if (s.kind == SpanKind::Branch)
                s.parent = 99999;
        QVERIFY(!reuseRun(flow, t, "charge"));

        t = good; // no spans at all: nothing ran
        t.second.clear();
        r = reuseRun(flow, t, "charge");
        QVERIFY(!r);
        QVERIFY2(mentions(r.error(), "did not run there"), r.error().text().c_str());
        QVERIFY(reuseRun(flow, t, "reserve").has_value()); // nothing before it is needed

        t = good; // a running run is not reused
        t.first.status = RunStatus::Running;
        QVERIFY(!reuseRun(flow, t, "charge"));

        t = good; // a redacted value is reused as the mask, with a warning that says so
        for (Span &s : t.second)
            if (s.stepId == "quote" && s.result)
                (*s.result)["body"]["token"] = "[REDACTED]";
        r = reuseRun(flow, t, "charge");
        QVERIFY(r.has_value());
        QCOMPARE(r->warnings.size(), std::size_t(1));
        QVERIFY(r->warnings.front().find("step 'quote'") != std::string::npos);

        // On disk: a result column that is not JSON, then a file that is not a database.
        execSql(db(), ("UPDATE spans SET result = '{\"body\": ' WHERE run_id = '" + m_first +
                       "' AND step_id = 'reserve'")
                          .c_str());
        r = reuseRun(flow, db(), "charge", m_first);
        QVERIFY(!r);
        QCOMPARE(r.error().stage, SetupStage::Reuse);
        QVERIFY2(mentions(r.error(), "damaged record of step 'reserve'"), r.error().text().c_str());
        write("garbage.db", std::string(4096, 'x'));
        r = reuseRun(flow, path("garbage.db"), "charge", m_first);
        QVERIFY(!r);
        QCOMPARE(r.error().stage, SetupStage::Reuse);
        QVERIFY2(mentions(r.error(), "cannot read run '" + m_first + "' from the trace database"),
                 r.error().text().c_str());
    }
};

QTEST_GUILESS_MAIN(tst_RunFrom)
#include "tst_runfrom.moc"

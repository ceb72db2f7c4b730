// One run, set up the one way every entry point sets a run up (`tutti run`, the studio's Run panel,
// `serve` and the simulator build on the same RunPlan): flow → workspace and environment →
// input check → transport from a TransportProvider → trace target → a FlowRun, started as a job
// with exactly one finished. Setup failures come back as located errors with their stage.
#pragma once

#include <engine/core/clock.h>
#include <engine/core/httptransport.h>
#include <engine/core/json.h>
#include <engine/core/trace.h>
#include <engine/runtime/circuitbreaker.h>
#include <engine/runtime/executor.h>
#include <engine/runtime/oauth2tokens.h>
#include <engine/runtime/transportprovider.h>
#include <engine/session/runfrom.h>
#include <engine/session/runplan.h>

#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tutti::engine {

class TraceStore;

// Where a run's trace goes.
struct TraceTarget {
    enum class Kind {
        WorkspaceDatabase, // WORKSPACE/.tutti/traces.db (the default)
        Database,          // the SQLite file `databasePath`
        Sink,              // `sink`, which the caller owns and keeps alive
        None,              // not stored
    };
    Kind kind = Kind::WorkspaceDatabase;
    std::string databasePath;
    TraceSink *sink = nullptr;

    static TraceTarget workspaceDatabase() { return {}; }
    static TraceTarget database(std::string path) { return {Kind::Database, std::move(path), {}}; }
    static TraceTarget to(TraceSink *sink) { return {Kind::Sink, {}, sink}; }
    static TraceTarget none() { return {Kind::None, {}, nullptr}; }

    // The SQLite file this target writes for a flow of `workspace`; "" for Sink and None.
    std::string databaseFor(const Workspace &workspace) const;
};

struct RunRequest {
    FlowSource flow;
    std::string environment = "mock";
    // Handed to the TransportProvider (the mock provider overlays them on the mocks).
    std::vector<std::string> profiles;
    Json input = Json::object();
    std::optional<std::uint64_t> seed; // none: a fresh random seed (see RunSession::seed())
    TraceTarget trace;
    // Live observers, after the trace target, in this order (console, studio); they must outlive
    // the session.
    std::vector<TraceSink *> sinks;
    // What the run waits on; null: a real clock of the session's own (needs an event loop).
    Clock *clock = nullptr;
    std::string runId; // "": generated from the seed and the clock
    // A debugger for the run (engine/debug/debugsession.h), which must outlive the session: the
    // DAP server and the studio's debugger set up their runs like every other.
    DebugHook *debugger = nullptr;
    // Set: run from a step, reusing an earlier run's input and results for the steps before it
    // (`tutti run --from STEP --reuse RUN`, the trace viewer's "Run from here"); checked by
    // reuseRun() (runfrom.h), whose refusals are SetupStage::Reuse errors.
    std::optional<RunFrom> from;
};

class RunSession {
public:
    // Loads the plan (RunPlan::load), then checks the input, asks `transports` for the transport
    // and opens the trace target. On failure nothing has started. `transports` is only used
    // during create().
    static std::expected<std::unique_ptr<RunSession>, SetupError>
    create(const RunRequest &request, TransportProvider &transports);
    // The same from a plan already loaded (request.flow and request.environment are not read):
    // callers that check something between loading the flow and the rest.
    static std::expected<std::unique_ptr<RunSession>, SetupError>
    create(RunPlan plan, const RunRequest &request, TransportProvider &transports);

    // A run still in flight is dropped without callbacks: its trace row stays "running", as after
    // a crash, which the store is built for.
    ~RunSession();
    RunSession(const RunSession &) = delete;
    RunSession &operator=(const RunSession &) = delete;

    // Called exactly once, after the trace is flushed, from the clock's context (never from
    // inside start()). Do not destroy the session from inside it.
    std::function<void(const RunResult &)> onFinished;

    void start();
    // In-flight requests stop; completed steps are compensated.
    void cancel();
    bool isStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }

    const RunPlan &plan() const { return m_plan; }
    std::uint64_t seed() const { return m_seed; }
    // The SQLite file the run is stored in; "" when it is not stored in one.
    const std::string &traceDatabase() const { return m_traceDatabase; }
    // Why the stored trace may be incomplete (the final flush failed); set before onFinished.
    const std::optional<Error> &traceError() const { return m_traceError; }
    const RunRecord &record() const;
    // With RunRequest::from: the earlier run's full id and what the user should know about the
    // reused values (redacted ones); empty otherwise.
    const std::string &reusedRun() const { return m_reusedRun; }
    const std::vector<std::string> &reuseWarnings() const { return m_reuseWarnings; }

private:
    explicit RunSession(RunPlan plan);

    RunPlan m_plan;
    std::uint64_t m_seed = 0;
    std::string m_traceDatabase;
    std::optional<Error> m_traceError;
    std::string m_reusedRun;
    std::vector<std::string> m_reuseWarnings;
    bool m_started = false;
    bool m_finished = false;
    // Declared in dependency order: the run goes first, then what it uses.
    std::unique_ptr<Clock> m_ownClock;
    std::unique_ptr<HttpTransport> m_transport;
    std::unique_ptr<TraceStore> m_store;
    CircuitBreakers m_breakers;
    OAuth2Tokens m_tokens;
    FanOutSink m_sinks;
    std::unique_ptr<FlowRun> m_run;
};

} // namespace tutti::engine

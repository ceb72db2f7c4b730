// Runs one flow: a job with start() and exactly one finished(result). Decide-then-do: the run
// loop decides the next step, one action per step type acts, the outcome (value or named error)
// goes through retry, catch and compensation, and every event is reported to a TraceSink.
// Single-threaded and callback-driven, so thousands of runs can interleave on one virtual clock.
#pragma once

#include <engine/core/clock.h>
#include <engine/core/httptransport.h>
#include <engine/core/json.h>
#include <engine/core/trace.h>
#include <engine/model/flow.h>
#include <engine/model/workspace.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tutti::engine {

class CircuitBreakers;
class OAuth2Tokens;
class DebugHook;
class ScriptEvaluator;

// Where a run's services live and how its secrets are found.
struct RunEnvironment {
    std::string name = "mock"; // "mock": every service resolves to mock://SERVICE
    std::map<std::string, std::string> serviceUrls; // service -> base URL (non-mock envs)
    Json vars = Json::object();                     // env.NAME
    // Secret lookup (keychain, TUTTI_SECRET_<NAME>); nullopt when unset.
    std::function<std::optional<std::string>(const std::string &)> secret;
    // Why the keychain could not be read ("" when it was, or none is installed): the CLI and the
    // studio say it once, so a missing secret is not a mystery.
    std::string secretStoreProblem;

    // The environment NAME of a workspace ("mock" needs no tutti.yaml entry). Secrets come from
    // TUTTI_SECRET_<NAME> variables.
    static Result<RunEnvironment> fromWorkspace(const Workspace &workspace,
                                                const std::string &name);
};

// Everything a run needs from outside. The pointers must outlive the run.
struct RunDeps {
    Clock *clock = nullptr;
    HttpTransport *transport = nullptr;
    TraceSink *sink = nullptr;           // optional
    CircuitBreakers *breakers = nullptr; // optional; shared by runs of one process
    OAuth2Tokens *tokens = nullptr;      // optional; shared like breakers (single flight)
    ScriptEvaluator *scripts = nullptr;  // optional; created per run when null
    const RunEnvironment *environment = nullptr;
    // Loads sub-flows for `call` steps (cached by the caller); null: parse from disk each time.
    std::function<std::shared_ptr<const Flow>(const std::string &path, Errors &)> loadFlow;
    // Optional: a debugger asked before and after each step (engine/runtime/debughook.h).
    DebugHook *debugger = nullptr;
};

// What a run started part-way (`tutti run --from STEP --reuse RUN`) takes over from an earlier
// run instead of executing it: the context its start step saw there. Built and checked by
// engine/session/runfrom.h (reuseRun) from the trace store; the executor only seeds it.
struct ReusedContext {
    std::string sourceRun; // the earlier run
    std::string fromStep;  // a top-level step of the flow: the run starts there
    Json vars = Json::object();
    struct Result {
        std::string id; // a step of the flow (top level, or in a parallel branch)
        Json value;     // its steps.ID value in the earlier run (redacted there)
    };
    std::vector<Result> steps; // in the order they completed in the earlier run
};

struct RunOptions {
    Json input = Json::object();
    // Set: start at reuse->fromStep with its context; the steps before are recorded as reused
    // (a step span with Span::reusedFrom, no request) and their compensations join the saga.
    std::shared_ptr<const ReusedContext> reuse;
    std::uint64_t seed = 0; // drives uuid(), jitter and mock draws
    std::string runId;      // "" -> generated from the seed and clock
    bool validateInput = true;
    int attemptNumber = 1; // run.attempt
};

struct RunResult {
    RunRecord record;   // status, output, error, step summaries
    int httpStatus = 0; // from the respond step (for serve); 0 when none ran
    // The run failed with the flow's own verdict on its input (a `fail` step, in this flow or in
    // a sub-flow it calls), not with a fault of a service or of the engine.
    bool rejected = false;
};

class FlowRun {
public:
    FlowRun(std::shared_ptr<const Flow> flow, RunDeps deps, RunOptions options);
    ~FlowRun();
    FlowRun(const FlowRun &) = delete;
    FlowRun &operator=(const FlowRun &) = delete;

    // Called exactly once, from the clock's context (never from inside start()).
    std::function<void(const RunResult &)> onFinished;

    void start();
    // Stops in-flight work; pending steps end `cancelled` and compensation runs.
    void cancel();
    bool isFinished() const;
    const RunRecord &record() const;

    class Impl; // public so the executor's internal helpers can name it; defined in the .cpp

private:
    std::unique_ptr<Impl> m;
};

// For the CLI and tests: runs to completion. With a VirtualClock it drives the clock; with a
// real clock it spins a QEventLoop until the run finishes.
RunResult runFlowBlocking(std::shared_ptr<const Flow> flow, RunDeps deps, RunOptions options);

} // namespace tutti::engine

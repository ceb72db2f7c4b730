// A flow made ready to run: parsed, with the sub-flows it calls, its workspace and its environment
// (secrets included). One plan serves many runs — `serve`'s requests, a simulation's runs — and
// every run of it is built by newRun(), so the way a run is wired lives in one place.
#pragma once

#include <engine/core/clock.h>
#include <engine/core/httptransport.h>
#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/core/trace.h>
#include <engine/model/flow.h>
#include <engine/model/flowresolver.h>
#include <engine/model/workspace.h>
#include <engine/runtime/executor.h>
#include <engine/runtime/transportprovider.h>

#include <expected>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tutti::engine {

// Where the flow of a run comes from.
struct FlowSource {
    // The flow file, absolute: its workspace, relative mock and sub-flow paths are found from it.
    std::string path;
    // Non-empty: parse this text instead of reading `path` (the studio runs unsaved edits).
    std::string text;
    // Non-null: the flow is already loaded (parsed and resolved); neither `text` nor the file is
    // read.
    std::shared_ptr<const Flow> flow;
};

// Which part of setting a run up failed. Callers report them differently (the CLI's exit codes
// and hints), so the stage is data, not something to guess from the message.
// Reuse: what `RunRequest::from` names cannot be reused (engine/session/runfrom.h).
enum class SetupStage { Flow, Environment, Input, Transport, Trace, Reuse };

struct SetupError {
    SetupStage stage = SetupStage::Flow;
    // Never empty. Located: FILE:LINE:COL for flows, mocks and profiles; input problems carry
    // their JSON pointer in `path` and a message starting "input /POINTER: ".
    Errors errors;

    // Every error as Error::toString(), one a line.
    std::string text() const;
};

// Loads the sub-flow of a `call` step (RunDeps::loadFlow).
using FlowLoader = std::function<std::shared_ptr<const Flow>(const std::string &path, Errors &)>;

// What one run needs beside its plan. The pointers must outlive the run.
struct RunWiring {
    Clock *clock = nullptr;
    HttpTransport *transport = nullptr;
    TraceSink *sink = nullptr;           // optional
    CircuitBreakers *breakers = nullptr; // optional
    OAuth2Tokens *tokens = nullptr;      // optional
    ScriptEvaluator *scripts = nullptr;  // optional
    DebugHook *debugger = nullptr;       // optional (engine/runtime/debughook.h)
};

class RunPlan {
public:
    // Reads (or takes) the flow, finds its workspace and the environment `environment` ("mock"
    // needs no tutti.yaml entry), and reads the sub-flows it calls. A sub-flow that cannot be
    // read does not fail the plan (a run fails at that `call` step, with a named error); its
    // errors are in subFlowErrors(). Every file is read through `resolver` (a new one when
    // null), which the plan keeps for the sub-flows its runs load: each file read once.
    static std::expected<RunPlan, SetupError>
    load(const FlowSource &source, const std::string &environment,
         std::shared_ptr<FlowResolver> resolver = nullptr);

    const std::string &path() const { return m_path; }
    const std::shared_ptr<const Flow> &flow() const { return m_flows.front(); }
    const Workspace &workspace() const { return m_workspace; }
    const RunEnvironment &environment() const { return m_environment; }
    // Before runs start: a simulation gives unset secrets stand-ins in the mock environment.
    void setEnvironment(RunEnvironment environment) { m_environment = std::move(environment); }

    // The flow, then every sub-flow it calls (transitively, each read once, in call order).
    const std::vector<std::shared_ptr<const Flow>> &flows() const { return m_flows; }
    const Errors &subFlowErrors() const { return m_subFlowErrors; }
    // The sub-flows load() read, others through the plan's resolver. Safe from any thread.
    FlowLoader flowLoader() const;

    // The input-schema problems of `input` (empty: none), each message "input /POINTER: ...".
    Errors inputProblems(const Json &input) const;

    // What a TransportProvider is asked for runs of this plan. Refers into the plan.
    TransportRequest transportRequest(const std::vector<std::string> &profiles, Clock &clock) const;

    // A run of this plan, not started. The plan and the wiring must outlive it.
    std::unique_ptr<FlowRun> newRun(const RunWiring &wiring, RunOptions options) const;

private:
    RunPlan() = default;
    void loadSubFlows();

    std::string m_path;
    std::vector<std::shared_ptr<const Flow>> m_flows; // front(): the flow itself
    // The versions of the sub-flows this plan was made from, by the path the call steps name:
    // its runs call those even if the files change (the resolver would read them again).
    std::shared_ptr<const std::map<std::string, std::shared_ptr<const Flow>>> m_subFlows;
    std::shared_ptr<FlowResolver> m_resolver; // shared by the plan's copies and its loaders
    Errors m_subFlowErrors;
    Workspace m_workspace;
    RunEnvironment m_environment;
};

} // namespace tutti::engine

// One way to set a run up from the command line, shared by `tutti run` and `tutti serve`: the
// flow with its workspace and environment, the transport for that environment (in-process mocks
// for `mock`, libcurl otherwise) and the input-schema check.
#pragma once

#include <engine/core/clock.h>
#include <engine/core/httptransport.h>
#include <engine/core/json.h>
#include <engine/model/flow.h>
#include <engine/model/workspace.h>
#include <engine/runtime/executor.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tutti::cli {

struct FlowSetup {
    std::string path; // absolute
    std::shared_ptr<const engine::Flow> flow;
    engine::Workspace workspace;
    engine::RunEnvironment environment;
};

// Loads and validates the flow, finds its workspace and the environment `envName`. On failure
// prints the errors and sets `exitCode` (ExitInvalid).
std::optional<FlowSetup> loadFlowSetup(const std::string &flowPath, const std::string &envName,
                                       int &exitCode);

// The transport for the setup's environment: the flow's mocks (with `profiles` overlaid) answered
// in-process on `clock` for `mock`, libcurl otherwise. The transport owns what it needs (the mock
// registry) and must be used on the calling thread. Null, with every error in `errors`, when
// mock or profile files fail to load.
std::unique_ptr<engine::HttpTransport> makeTransport(const FlowSetup &setup,
                                                     const std::vector<std::string> &profiles,
                                                     engine::Clock &clock, engine::Errors &errors);

// The input-schema problems of `input`, each with the JSON pointer it is about (empty: none).
engine::Errors inputProblems(const engine::Flow &flow, const engine::Json &input);

} // namespace tutti::cli

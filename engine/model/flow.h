// The typed flow model the executor runs, built from a *.flow.yaml by the flow parser
// (flowparser.h). Templates and expressions are compiled once here, at load time.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/expr/expression.h>
#include <engine/model/schema.h>
#include <engine/model/steps/callstep.h>
#include <engine/model/steps/choicestep.h>
#include <engine/model/steps/common.h>
#include <engine/model/steps/failstep.h>
#include <engine/model/steps/httpstep.h>
#include <engine/model/steps/mapstep.h>
#include <engine/model/steps/parallelstep.h>
#include <engine/model/steps/respondstep.h>
#include <engine/model/steps/scriptstep.h>
#include <engine/model/steps/transformstep.h>
#include <engine/model/steps/waitstep.h>
#include <engine/model/yamldoc.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tutti::engine {

constexpr int kFlowFormatVersion = 1;

struct CircuitBreakerSpec {
    int failures = 5; // failures within `window` that open the circuit
    Micros window = 30 * kSecond;
    Micros openFor = 10 * kSecond;
};

struct ServiceSpec {
    std::string name;
    std::string mockFile;               // absolute path of its mock, "" when none is declared
    std::optional<std::string> baseUrl; // `base_url:` in the flow (overridden by environments)
    std::optional<CircuitBreakerSpec> circuit;
    std::optional<AuthSpec> auth;
    SourceLocation location;
};

// The fields only one step type has, one alternative per type in StepType order.
using StepSpec = std::variant<HttpSpec, TransformSpec, ScriptSpec, ChoiceSpec, ParallelSpec,
                              MapSpec, WaitSpec, CallSpec, RespondSpec, FailSpec>;
static_assert(std::variant_size_v<StepSpec> == static_cast<std::size_t>(StepType::Fail) + 1);

// The spec with every field at its default, of the alternative `type` names.
StepSpec defaultStepSpec(StepType type);

struct Step {
    std::string id;
    StepType type = StepType::Transform;
    std::string description;
    SourceLocation location;
    std::string pointer; // JSON pointer of the step in the document ("/steps/2")
    std::string next;    // `next:` — "" means the following step in the list
    bool end = false;    // `end: true`

    // Shared by steps that can fail: http, script, call, map, parallel.
    std::optional<Micros> timeout;    // per attempt; http falls back to defaults.timeout
    std::optional<RetryPolicy> retry; // replaces defaults.retry when present
    std::vector<CatchRule> catches;

    StepSpec spec = TransformSpec{}; // the alternative of `type`

    template <class T>
    const T &as() const
    {
        return std::get<T>(spec);
    }
    template <class T>
    T &as()
    {
        return std::get<T>(spec);
    }
    template <class T>
    const T *tryAs() const
    {
        return std::get_if<T>(&spec);
    }
    template <class T>
    T *tryAs()
    {
        return std::get_if<T>(&spec);
    }
};

// The request an http step sends; nullptr for a step that sends none.
const HttpRequestSpec *requestOf(const Step &step);
// The `compensate:` request of an http or call step; nullptr when the step has none.
const HttpRequestSpec *compensationOf(const Step &step);

// What a flow's text names outside itself. parseFlow reads no file, so it only records these
// (paths made absolute from the flow's file name); FlowResolver (flowresolver.h) looks them up.
struct ExternalRefs {
    struct File {
        std::string owner;   // the service (a `mock:`) or the step pointer (a call's `flow:`)
        std::string written; // as in the file: relative to the flow's folder, or absolute
        std::string path;    // absolute, lexically normal
        SourceLocation location;
        std::string pointer;
    };
    struct Service {
        std::string name; // a step's `service:`; declared in `services:` or provided by a mock
        SourceLocation location;
        std::string pointer;
    };
    std::string fileName; // as given to parseFlow: errors are located in it ("" for bare text)
    std::vector<File> mocks;
    std::vector<File> subFlows;
    std::vector<Service> services; // in file order
};

struct Flow {
    int version = kFlowFormatVersion;
    std::string name;
    std::string description;
    std::string filePath;     // absolute path (canonical once resolved), "" for bare text
    std::string workspaceDir; // SPEC §2: nearest folder with tutti.yaml, else the flow's folder
                              // (the flow's folder until resolved)
    Json inputSchema;         // null when the flow declares none
    Schema inputValidator;    // inputSchema compiled once (its patterns), set with it
    std::map<std::string, ServiceSpec> services;
    Micros defaultTimeout = 10 * kSecond;
    std::optional<RetryPolicy> defaultRetry;
    Micros flowTimeout = 0; // `timeout:` at top level bounds the whole run; 0: none
    std::optional<std::string> triggerMethod, triggerPath;
    std::vector<Step> steps;
    Json document; // the parsed file as JSON, for the editor and exports
    ExternalRefs external;
};

} // namespace tutti::engine

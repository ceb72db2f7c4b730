// One way the runtime tests run a flow: parsed from text, on a virtual clock, against the fake
// transport, with a recording sink (shared by tst_executor, tst_requestvalidation and
// tst_scriptevaluator).
#pragma once

#include "faketransport.h"

#include <engine/model/flowparser.h>
#include <engine/runtime/circuitbreaker.h>
#include <engine/runtime/executor.h>

#include <QtGlobal>

#include <memory>
#include <string>

namespace tutti::engine::test {

// The flow in `yaml` (parsed and resolved, as if it were saved at `file`), or nullptr with every
// error logged.
inline std::shared_ptr<const Flow> flowFrom(const std::string &yaml,
                                            const std::string &file = "test.flow.yaml")
{
    FlowLoad load = loadFlowText(yaml, file);
    for (const auto &e : load.errors)
        qWarning("%s", e.toString().c_str());
    if (!load.ok())
        return nullptr;
    return load.flow;
}

struct Harness {
    VirtualClock clock;
    FakeTransport transport{clock};
    RecordingSink sink;
    CircuitBreakers breakers;
    RunEnvironment environment;
    ScriptEvaluator *scripts = nullptr; // the executor's own when null

    RunResult run(const std::shared_ptr<const Flow> &flow, Json input = Json::object(),
                  std::uint64_t seed = 1, const std::string &runId = "run-test")
    {
        RunDeps deps;
        deps.clock = &clock;
        deps.transport = &transport;
        deps.sink = &sink;
        deps.breakers = &breakers;
        deps.environment = &environment;
        if (scripts)
            deps.scripts = scripts;
        RunOptions options;
        options.input = std::move(input);
        options.seed = seed;
        options.runId = runId;
        return runFlowBlocking(flow, deps, options);
    }
    Micros elapsed(const RunResult &r) const { return r.record.duration; }
};

} // namespace tutti::engine::test

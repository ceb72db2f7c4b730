// The Monte Carlo runner of SPEC §5: runs a flow N times against its mocks (profiles overlaid) and
// folds every run into a SimulationReport. When every service is mocked the runs interleave on
// one VirtualClock through the in-process transport, C at a time, so 10,000 runs of second-long
// latencies take about a second and shared mock state and circuit breakers see real contention;
// otherwise it runs in real time. Same flow, mocks, profiles, input and seed -> same report.
#pragma once

#include <mocks/mockregistry.h>
#include <mocks/simulationreport.h>

#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/core/trace.h>
#include <engine/model/flow.h>
#include <engine/runtime/executor.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tutti::mocks {

enum class KeepPolicy { Failed, All, None };
// "failed", "all", "none"; false for anything else.
bool parseKeepPolicy(std::string_view text, KeepPolicy &out);

struct SimulationProgress {
    std::uint64_t done = 0;
    std::uint64_t total = 0;
    engine::Micros simulated = 0; // simulated time so far
};

struct SimulationOptions {
    std::uint64_t runs = 1000;
    std::uint64_t seed = 1;                // run i uses engine::mixSeed(seed, i)
    int concurrency = 1;                   // runs in flight at once (>= 1)
    std::vector<std::string> profileFiles; // applied in order: later ones win
    // The run input; null: defaultSimulationInput(the flow's input schema).
    engine::Json input = nullptr;
    std::string environment = "mock"; // anything else reaches real services in real time
    std::string flowFileLabel;        // how the report names the flow file ("" = its path)

    KeepPolicy keep = KeepPolicy::Failed;
    std::size_t keepLimit = 100;
    // Kept runs are written here (e.g. a TraceStore in bulk mode); null: only listed.
    engine::TraceSink *keptSink = nullptr;

    // Called on the simulating thread at most every `progressInterval` of wall time, and once
    // at the end. Wall time never reaches the report.
    std::function<void(const SimulationProgress &)> progress;
    std::chrono::milliseconds progressInterval{100};
    // Set from any thread to stop: no new runs start, runs in flight are cancelled (their
    // compensations run) and the report covers the finished runs, marked cancelled.
    const std::atomic<bool> *cancel = nullptr;
};

// One simulation: load() reads the flow, its sub-flows, their mocks and the profiles and reports
// every problem; run() may then be called (once or more: mock state is reset before each).
// Use from one thread (a worker thread is fine: virtual time needs no event loop; real time
// needs one on that thread).
class Simulation {
public:
    Simulation();
    ~Simulation();
    Simulation(const Simulation &) = delete;
    Simulation &operator=(const Simulation &) = delete;

    engine::Errors load(const std::string &flowPath, const SimulationOptions &options);
    SimulationReport run();

    // The options in effect (load() normalises them); callbacks and sinks may be set here
    // between load() and run().
    SimulationOptions &options() { return m_options; }
    // After load(): whether the runs will use virtual time, and why not when they do not.
    bool virtualTime() const { return m_virtual; }
    const std::string &realTimeReason() const { return m_realReason; }
    const std::shared_ptr<const engine::Flow> &flow() const { return m_flow; }
    MockRegistry &registry() { return m_registry; }
    const engine::Json &input() const { return m_input; }
    // The loader for `call` steps (sub-flows read once by load()).
    std::function<std::shared_ptr<const engine::Flow>(const std::string &, engine::Errors &)>
    flowLoader() const;

    // The run id and seed of run `index` (what a kept run is stored under).
    static std::string runId(const std::string &flow, std::uint64_t seed, std::uint64_t index);
    static std::uint64_t runSeed(std::uint64_t seed, std::uint64_t index);

private:
    SimulationReport newReport() const;

    SimulationOptions m_options;
    std::shared_ptr<const engine::Flow> m_flow;
    std::map<std::string, std::shared_ptr<const engine::Flow>> m_subFlows; // by absolute path
    MockRegistry m_registry;
    engine::RunEnvironment m_environment;
    engine::Json m_input;
    bool m_needsScripts = false;
    bool m_virtual = true;
    std::string m_realReason;
};

// The input of a simulation that is given none: the schema's first `examples` entry, else an
// object built from its properties (each one's default, example, first enum value, or a plain
// value of its type that respects `minimum`), so `tutti simulate FLOW` works without --input.
engine::Json defaultSimulationInput(const engine::Json &schema);

// load() then run(); the errors of load() joined into one.
engine::Result<SimulationReport> runSimulation(const std::string &flowPath,
                                               const SimulationOptions &options);

} // namespace tutti::mocks

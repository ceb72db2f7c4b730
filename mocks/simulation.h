// The Monte Carlo runner of SPEC §5: runs a flow N times against its mocks (profiles overlaid) and
// folds every run into a SimulationReport. When every service is mocked the runs go in virtual
// time through the in-process transport, in shards: fixed blocks of runs (shardSize()), each on
// a VirtualClock, mock state and circuit breakers of its own with C runs in flight at once, so
// shared state and breakers see real contention inside a shard. Shards run on `jobs` threads in
// any order and are merged in shard order, so the report does not depend on the thread count or
// the scheduling; otherwise it runs in real time, shard after shard on the calling thread.
// Same flow, mocks, profiles, input, seed and concurrency -> same report, whatever `jobs`.
#pragma once

#include <mocks/mockregistry.h>

#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/core/trace.h>
#include <engine/model/flow.h>
#include <engine/runtime/executor.h>
#include <engine/session/runplan.h>
#include <engine/trace/simulationreport.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QTimer;

namespace tutti::engine {
class ScriptEvaluator;
}

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
    std::uint64_t seed = 1; // run i uses engine::mixSeed(seed, i)
    int concurrency = 1;    // runs in flight at once in a shard (>= 1)
    // Threads for a virtual-time simulation run() (>= 1); a job and real time use the calling
    // thread. It never changes the report.
    int jobs = 1;
    std::vector<std::string> profileFiles; // applied in order: later ones win
    // The run input; null: engine::exampleInput(the flow's input schema), so `tutti simulate
    // FLOW` works without --input.
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
    // Set from any thread to stop, like Simulation::cancel(): no new runs start, runs in flight
    // are cancelled (their compensations run) and the report covers the finished runs.
    const std::atomic<bool> *cancel = nullptr;
};

// One simulation: load() reads the flow, its sub-flows, their mocks and the profiles and reports
// every problem; then the runs go, as a job or blocking, once or more (mock state is reset before
// each pass).
//
// As a job (start()): the runs proceed on the calling thread's event loop — virtual time in
// slices of a few milliseconds, so a GUI stays responsive — with progress through
// options().progress and then exactly one onFinished(report), never from inside start().
// Blocking (run(), for the CLI and tests): the same passes, returned when done; virtual time
// needs no event loop and uses options().jobs threads (each with its own copy of the mocks and
// its own script evaluator), real time runs an event loop of its own. Both give the same report
// for the same seed, bit for bit. Use from one thread; progress and the kept-run sink are only
// ever called from it.
class Simulation {
public:
    Simulation();
    ~Simulation(); // a job in progress is dropped without callbacks
    Simulation(const Simulation &) = delete;
    Simulation &operator=(const Simulation &) = delete;

    engine::Errors load(const std::string &flowPath, const SimulationOptions &options);
    // The same from a flow source: the studio simulates the editor's current text (unsaved
    // edits included) under the file's path, as its runs do.
    engine::Errors load(const engine::FlowSource &source, const SimulationOptions &options);

    // The job. False (and nothing happens) before load() read the flow, or while running.
    bool start();
    // Stops the pass in progress: no new runs start, runs in flight are cancelled (their
    // compensations run) and the report covers the finished runs, marked cancelled. From the
    // simulating thread (the GUI, a progress callback); other threads set options().cancel.
    void cancel();
    bool isRunning() const { return m_pass != nullptr; }
    // Called exactly once per start(), from the event loop. Do not destroy the simulation from
    // inside it.
    std::function<void(const engine::SimulationReport &)> onFinished;

    // Blocking: start, wait, return the report.
    engine::SimulationReport run();

    // The options in effect (load() normalises them); callbacks and sinks may be set here
    // between load() and a pass.
    SimulationOptions &options() { return m_options; }
    // After load(): whether the runs will use virtual time, and why not when they do not.
    bool virtualTime() const { return m_virtual; }
    const std::string &realTimeReason() const { return m_realReason; }
    const std::shared_ptr<const engine::Flow> &flow() const;
    // The flow, its sub-flows, workspace and environment, as every run of the simulation sees
    // them (after load()).
    const engine::RunPlan &plan() const { return *m_plan; }
    MockRegistry &registry() { return m_registry; }
    const engine::Json &input() const { return m_input; }
    // The loader for `call` steps (sub-flows read once by load()).
    engine::FlowLoader flowLoader() const;

    // The run id and seed of run `index` (what a kept run is stored under).
    static std::string runId(const std::string &flow, std::uint64_t seed, std::uint64_t index);
    static std::uint64_t runSeed(std::uint64_t seed, std::uint64_t index);
    // Runs per shard: 1,000, or 10 x C when that is more; shard k runs [k*size, (k+1)*size). It
    // depends on the concurrency only, never on the thread count.
    static std::uint64_t shardSize(int concurrency);

private:
    struct Shard;
    struct ShardResult;
    struct Pass;
    engine::SimulationReport newReport() const;
    void begin(bool job);
    std::unique_ptr<Shard> newShard(MockRegistry &registry, engine::ScriptEvaluator *scripts);
    void merge(ShardResult result);
    void runThreads();
    bool cancelled() const;
    void reportProgress(bool force);
    void slice();
    bool nextJobShard();
    engine::SimulationReport finish();

    SimulationOptions m_options;
    std::optional<engine::RunPlan> m_plan;
    MockRegistry m_registry;
    engine::Json m_input;
    bool m_needsScripts = false;
    bool m_virtual = true;
    std::string m_realReason;
    std::atomic<bool> m_cancel{false};
    std::unique_ptr<Pass> m_pass;
    // Drives a job: the next slice of virtual time, or reaping finished real-time runs.
    std::unique_ptr<QTimer> m_slice;
};

// load() then run(); the errors of load() joined into one.
engine::Result<engine::SimulationReport> runSimulation(const std::string &flowPath,
                                                       const SimulationOptions &options);

} // namespace tutti::mocks

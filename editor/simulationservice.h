// What the Simulation panel asks of the program it lives in: prepare a simulation and run it as a
// job. The editor declares it and never links the simulator; the studio (app/studio/services/)
// implements it with mocks::Simulation and injects it, a test may inject a fake.
#pragma once

#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/session/runsession.h>
#include <engine/trace/simulationreport.h>

#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tutti::editor {

struct SimulationRequest {
    std::string flowPath; // the flow file: its workspace, mocks and sub-flows are found from it
    // Non-empty: simulate this text (the editor's current one) instead of reading flowPath.
    std::string flowText;
    std::uint64_t runs = 1000;
    std::uint64_t seed = 1;
    int concurrency = 1;
    std::vector<std::string> profileFiles;
    engine::Json input = engine::Json::object();
    std::string flowFileLabel; // how the report names the flow file
    engine::TraceTarget trace; // where failed runs are kept (a file, or the workspace's database)
};

// One simulation, prepared and not yet started. start() returns at once; then onProgress (on the
// GUI thread, now and then) and exactly one onFinished. Destroying the job drops it without
// callbacks; do not destroy it from inside a callback.
class SimulationJob {
public:
    virtual ~SimulationJob() = default;

    virtual void start() = 0;
    // No new runs start, runs in flight are cancelled; onFinished still comes, with a report of
    // the finished runs marked cancelled.
    virtual void cancel() = 0;

    std::function<void(std::uint64_t done, std::uint64_t total)> onProgress;
    std::function<void(const engine::SimulationReport &report)> onFinished;
};

class SimulationService {
public:
    virtual ~SimulationService() = default;

    // Reads the flow, its mocks and the profiles; every problem at once, located, when the
    // simulation cannot run. Failed runs are kept in the request's trace database.
    virtual std::expected<std::unique_ptr<SimulationJob>, engine::Errors>
    prepare(const SimulationRequest &request) = 0;
};

} // namespace tutti::editor

// Simulations for the studio's panel (mocksimulationservice.h).
#include <app/studio/services/mocksimulationservice.h>

#include <engine/session/runsession.h>
#include <engine/trace/tracestore.h>
#include <mocks/simulation.h>

namespace tutti::studio {

namespace {

class MockSimulationJob final : public editor::SimulationJob {
public:
    engine::Errors load(const editor::SimulationRequest &request)
    {
        mocks::SimulationOptions options;
        options.runs = request.runs;
        options.seed = request.seed;
        options.concurrency = request.concurrency;
        options.profileFiles = request.profileFiles;
        options.input = request.input;
        options.keep = mocks::KeepPolicy::Failed;
        options.flowFileLabel = request.flowFileLabel;
        if (engine::Errors errors = m_simulation.load(
                engine::FlowSource{request.flowPath, request.flowText, {}}, options);
            !errors.empty())
            return errors;
        // Failed runs are kept in the workspace's trace database, to open in the viewer; a
        // database that cannot be opened only loses them, never the simulation.
        const std::string db = request.trace.databaseFor(m_simulation.plan().workspace());
        if (!db.empty() && m_store.open(db)) {
            m_store.setBulkMode(true);
            m_simulation.options().keptSink = &m_store;
        }
        m_simulation.options().progress = [this](const mocks::SimulationProgress &p) {
            if (onProgress)
                onProgress(p.done, p.total);
        };
        m_simulation.onFinished = [this](const engine::SimulationReport &report) {
            if (m_store.isOpen())
                (void)m_store.flush();
            if (onFinished)
                onFinished(report);
        };
        return {};
    }

    void start() override { m_simulation.start(); }
    void cancel() override { m_simulation.cancel(); }

private:
    engine::TraceStore m_store; // declared first: kept runs are written to it until the end
    mocks::Simulation m_simulation;
};

} // namespace

std::expected<std::unique_ptr<editor::SimulationJob>, engine::Errors>
MockSimulationService::prepare(const editor::SimulationRequest &request)
{
    auto job = std::make_unique<MockSimulationJob>();
    if (engine::Errors errors = job->load(request); !errors.empty())
        return std::unexpected(std::move(errors));
    return job;
}

} // namespace tutti::studio

// The studio's SimulationService (editor/simulationservice.h): mocks::Simulation as a job on the
// GUI thread's event loop, failed runs kept in the workspace's trace database.
#pragma once

#include <editor/simulationservice.h>

namespace tutti::studio {

class MockSimulationService final : public editor::SimulationService {
public:
    std::expected<std::unique_ptr<editor::SimulationJob>, engine::Errors>
    prepare(const editor::SimulationRequest &request) override;
};

} // namespace tutti::studio

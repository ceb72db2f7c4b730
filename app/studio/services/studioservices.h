// What the studio injects into the editor's panels, made once per window: runs reach the mocks
// in-process for `mock` and libcurl for other environments (as in the CLI), simulations run
// mocks::Simulation, the mock and profile editors use the mock loader and transport. The editor
// sees only the interfaces, so it never links the simulator.
#pragma once

#include <app/studio/services/mocksimulationservice.h>
#include <app/studio/services/studiomocktools.h>

#include <engine/net/curltransportprovider.h>
#include <mocks/mocktransportprovider.h>

namespace tutti::studio {

class StudioServices {
public:
    StudioServices();

    engine::TransportProvider &transports() { return m_mocks; }
    editor::SimulationService &simulations() { return m_simulations; }
    editor::MockToolService &mockTools() { return m_mockTools; }

private:
    engine::CurlTransportProvider m_curl;
    mocks::MockTransportProvider m_mocks; // falls back to m_curl outside `mock`
    MockSimulationService m_simulations;
    StudioMockTools m_mockTools; // the mock and profile editors
};

} // namespace tutti::studio

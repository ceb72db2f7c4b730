// The transports of the `mock` environment, and the one rule that says which mock answers a
// service (docs/mocks.md, "Which mock answers a service"): `tutti run`, `serve`, the studio and
// the simulator all load a flow's mocks through loadMocks(), and nothing else finds mocks.
#pragma once

#include <mocks/mockregistry.h>

#include <engine/model/flow.h>
#include <engine/runtime/transportprovider.h>

#include <memory>
#include <string>
#include <vector>

namespace tutti::mocks {

// Whether a service without a mock is an error: it is where every service must answer from a
// mock (the `mock` environment); elsewhere only `mock://` URLs reach the mocks.
enum class MissingMock { Error, Allowed };

class MockTransportProvider final : public engine::TransportProvider {
public:
    // `others` gives the transports of every other environment (libcurl in the apps); null:
    // asking for one is an error. It must outlive the provider.
    explicit MockTransportProvider(engine::TransportProvider *others = nullptr);

    // `mock`: the flows' mocks with the request's profiles overlaid, answered in-process on the
    // request's clock (the transport owns its registry: each transport has its own mock state).
    // Any other environment: `others`. Thread-safe (serve asks from every worker).
    std::expected<std::unique_ptr<engine::HttpTransport>, engine::Errors>
    transport(const engine::TransportRequest &request) override;

    // Which mock answers a service, for each service of `flows` (a flow and the sub-flows it
    // calls; the first flow to name a service decides): the file its `mock:` names, else the
    // workspace's mocks/*.mock.yaml whose `service:` is the service's name (the flow file records
    // which, in ServiceSpec::mockFile). The mock must be of that service. Then `profiles` are
    // overlaid in order. Every problem at once, located.
    static engine::Errors loadMocks(MockRegistry &registry,
                                    const std::vector<std::shared_ptr<const engine::Flow>> &flows,
                                    const std::vector<std::string> &profiles, MissingMock missing);

private:
    engine::TransportProvider *m_others;
};

} // namespace tutti::mocks

// The mock environment's transports and the rule that finds a service's mock
// (mocktransportprovider.h).
#include <mocks/mocktransportprovider.h>

#include <mocks/inprocesstransport.h>
#include <mocks/mockparser.h>
#include <mocks/profile.h>

#include <set>

namespace tutti::mocks {

using engine::Errors;

namespace {

// The in-process mock transport together with the registry it answers from, so one object can
// be handed around (and owned per thread by `serve`'s workers).
class MockTransport final : public engine::HttpTransport {
public:
    explicit MockTransport(engine::Clock &clock)
        : m_transport(m_registry, clock)
    {
    }
    MockRegistry &registry() { return m_registry; }
    engine::RequestId send(engine::HttpRequest request,
                           std::function<void(engine::TransportResult)> done) override
    {
        return m_transport.send(std::move(request), std::move(done));
    }
    void cancel(engine::RequestId id) override { m_transport.cancel(id); }

private:
    MockRegistry m_registry; // declared first: the transport refers to it
    InProcessTransport m_transport;
};

} // namespace

MockTransportProvider::MockTransportProvider(engine::TransportProvider *others)
    : m_others(others)
{
}

std::expected<std::unique_ptr<engine::HttpTransport>, Errors>
MockTransportProvider::transport(const engine::TransportRequest &request)
{
    if (request.environment.name != "mock") {
        if (m_others)
            return m_others->transport(request);
        return std::unexpected(Errors{{engine::ErrorCode::Internal,
                                       "environment '" + request.environment.name +
                                           "' reaches real services, and this program has no "
                                           "transport for them",
                                       {},
                                       {}}});
    }
    auto transport = std::make_unique<MockTransport>(request.clock);
    Errors errors =
        loadMocks(transport->registry(), request.flows, request.profiles, MissingMock::Error);
    if (!errors.empty())
        return std::unexpected(std::move(errors));
    return transport;
}

Errors
MockTransportProvider::loadMocks(MockRegistry &registry,
                                 const std::vector<std::shared_ptr<const engine::Flow>> &flows,
                                 const std::vector<std::string> &profiles, MissingMock missing)
{
    Errors errors;
    std::set<std::string> seen;
    for (const auto &flow : flows)
        for (const auto &[name, service] : flow->services) {
            if (!seen.insert(name).second)
                continue;
            if (service.mockFile.empty()) {
                if (missing == MissingMock::Error)
                    errors.push_back({engine::ErrorCode::Validation,
                                      "service '" + name +
                                          "' has no mock: declare `mock:` on it "
                                          "or add mocks/" +
                                          name + ".mock.yaml to the workspace",
                                      service.location,
                                      {}});
                continue;
            }
            MockLoad mock = loadMockFile(service.mockFile);
            if (!mock.ok()) {
                errors.insert(errors.end(), mock.errors.begin(), mock.errors.end());
                continue;
            }
            if (mock.spec->service != name) {
                errors.push_back({engine::ErrorCode::Validation,
                                  "service '" + name + "' declares the mock " + service.mockFile +
                                      ", which mocks '" + mock.spec->service + "'",
                                  service.location,
                                  {}});
                continue;
            }
            if (auto added = registry.add(mock.spec); !added)
                errors.push_back(added.error());
        }

    for (const std::string &file : profiles) {
        ProfileLoad profile = loadProfileFile(file);
        if (!profile.ok()) {
            errors.insert(errors.end(), profile.errors.begin(), profile.errors.end());
            if (profile.errors.empty())
                errors.push_back({engine::ErrorCode::Io, "cannot read the profile", {file}, {}});
            continue;
        }
        if (auto applied = registry.applyProfile(*profile.profile); !applied)
            errors.push_back(applied.error());
    }
    return errors;
}

} // namespace tutti::mocks

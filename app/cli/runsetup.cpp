// Shared run setup of the CLI (see runsetup.h).
#include "runsetup.h"

#include "clisupport.h"
#include "commands.h"

#include <engine/model/flowparser.h>
#include <engine/model/schema.h>
#include <engine/net/curltransport.h>
#include <mocks/inprocesstransport.h>
#include <mocks/mockregistry.h>

namespace tutti::cli {

using namespace tutti::engine;

namespace {

// The in-process mock transport together with the registry it answers from, so one object
// can be handed around (and owned per thread by `serve`'s workers).
class MockTransport final : public HttpTransport {
public:
    explicit MockTransport(Clock &clock)
        : m_transport(m_registry, clock)
    {
    }
    mocks::MockRegistry &registry() { return m_registry; }
    RequestId send(HttpRequest request, std::function<void(TransportResult)> done) override
    {
        return m_transport.send(std::move(request), std::move(done));
    }
    void cancel(RequestId id) override { m_transport.cancel(id); }

private:
    mocks::MockRegistry m_registry; // declared first: the transport refers to it
    mocks::InProcessTransport m_transport;
};

} // namespace

std::optional<FlowSetup> loadFlowSetup(const std::string &flowPath, const std::string &envName,
                                       int &exitCode)
{
    exitCode = ExitInvalid;
    FlowLoad load = loadFlowFile(flowPath);
    if (!load.ok()) {
        printErrors(load.errors);
        return std::nullopt;
    }
    auto workspace = workspaceForFlow(flowPath);
    if (!workspace) {
        printErrors({workspace.error()});
        return std::nullopt;
    }
    auto environment = RunEnvironment::fromWorkspace(*workspace, envName);
    if (!environment) {
        printErrors({environment.error()});
        return std::nullopt;
    }
    exitCode = ExitOk;
    return FlowSetup{flowPath, load.flow, std::move(*workspace), std::move(*environment)};
}

std::unique_ptr<HttpTransport> makeTransport(const FlowSetup &setup,
                                             const std::vector<std::string> &profiles, Clock &clock,
                                             Errors &errors)
{
    if (setup.environment.name != "mock")
        return std::make_unique<CurlTransport>();
    auto transport = std::make_unique<MockTransport>(clock);
    errors = transport->registry().loadForFlow(*setup.flow, profiles);
    if (!errors.empty())
        return nullptr;
    return transport;
}

Errors inputProblems(const Flow &flow, const Json &input)
{
    if (flow.inputSchema.is_null())
        return {};
    return flow.inputValidator.validate(input);
}

} // namespace tutti::cli
